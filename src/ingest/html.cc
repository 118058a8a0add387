#include "kto/ingest/html.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <vector>

#include "kto/ingest/date.h"
#include "kto/text/case.h"
#include "kto/text/utf8.h"
#include "libxml.h"

namespace kto::ingest {
namespace {

constexpr int kHtmlOptions =
    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;

bool OneOf(std::string_view s, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool IsDroppedElement(std::string_view name) {
  return OneOf(
      name, {"script", "style",  "noscript", "template", "nav",        "header", "footer", "aside",
             "form",   "button", "iframe",   "svg",      "figcaption", "object", "embed",  "canvas",
             "video",  "audio",  "select",   "textarea", "input",      "menu",   "dialog", "head"});
}

bool IsBlockElement(std::string_view name) {
  return OneOf(name, {"p",  "div",        "section", "article", "main", "h1",    "h2", "h3",
                      "h4", "h5",         "h6",      "li",      "ul",   "ol",    "dl", "dt",
                      "dd", "blockquote", "pre",     "br",      "hr",   "table", "tr", "td",
                      "th", "figure",     "address", "body",    "html", "center"});
}

bool IsBoilerplateToken(std::string_view token) {
  return OneOf(token,
               {"menu",          "nav",       "navbar",       "navigation", "sidebar",     "share",
                "sharing",       "social",    "comments",     "comment",    "related",     "advert",
                "advertisement", "ad",        "ads",          "adv",        "banner",      "cookie",
                "cookies",       "subscribe", "subscription", "breadcrumb", "breadcrumbs", "promo",
                "footer",        "header",    "reklama",      "popup",      "modal"});
}

// True when the class or id of `node` names boilerplate, or it is hidden.
bool IsBoilerplateElement(const xmlNode* node) {
  if (Xml().has_prop(node, reinterpret_cast<const xmlChar*>("hidden")) != nullptr) return true;
  if (text::AsciiLower(Attr(node, "aria-hidden")) == "true") return true;
  std::string style = text::AsciiLower(Attr(node, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  if (style.find("display:none") != std::string::npos) return true;
  for (const char* attr : {"class", "id", "role"}) {
    const std::string value = text::AsciiLower(Attr(node, attr));
    std::string token;
    for (size_t i = 0; i <= value.size(); ++i) {
      const char c = i < value.size() ? value[i] : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        token.push_back(c);
        continue;
      }
      if (IsBoilerplateToken(token)) return true;
      token.clear();
    }
  }
  return false;
}

// Stock lines of news sites that are not the article.
bool IsStockLine(std::string_view p) {
  if (p.size() > 160) return false;
  for (std::string_view prefix :
       {"Читайте также", "ЧИТАЙТЕ ТАКЖЕ", "Читайте нас", "Поделиться", "Реклама", "Фото:", "Фото ",
        "Видео:", "Источник:", "Подписывайтесь", "Подпишитесь", "Все права защищены", "©",
        "Теги:", "Комментарии"}) {
    if (p.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// Gathers the text of a tree as paragraphs.
class Collector {
 public:
  explicit Collector(bool drop_boilerplate) : drop_boilerplate_(drop_boilerplate) {}

  void Walk(const xmlNode* node, bool is_root) {
    for (; node != nullptr; node = is_root ? nullptr : node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content != nullptr) Append(reinterpret_cast<const char*>(node->content));
        continue;
      }
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = Name(node);
      if (IsDroppedElement(name)) continue;
      if (drop_boilerplate_ && !is_root && !OneOf(name, {"html", "body", "main"}) &&
          IsBoilerplateElement(node))
        continue;
      const bool block = IsBlockElement(name);
      const bool link = name == "a";
      if (block) Flush();
      link_depth_ += link;
      Walk(node->children, false);
      link_depth_ -= link;
      if (block) Flush();
    }
  }

  std::string Text() {
    Flush();
    std::string out;
    for (const std::string& p : paragraphs_) {
      if (!out.empty()) out += "\n\n";
      out += p;
    }
    return out;
  }

 private:
  void Append(std::string_view s) {
    const size_t copied = text::AppendCollapsingSpaces(s, text::Spaces::kAscii, &space_, &current_);
    if (link_depth_ > 0) link_bytes_ += copied;
  }

  void Flush() {
    const bool keep =
        !current_.empty() &&
        !(drop_boilerplate_ && (2 * link_bytes_ > current_.size() || IsStockLine(current_)));
    if (keep) paragraphs_.push_back(std::move(current_));
    current_.clear();
    link_bytes_ = 0;
    space_ = false;
  }

  bool drop_boilerplate_;
  std::vector<std::string> paragraphs_;
  std::string current_;
  size_t link_bytes_ = 0;
  int link_depth_ = 0;
  bool space_ = false;
};

void ForEachElement(const xmlNode* node, const std::function<void(const xmlNode*)>& f) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    f(node);
    ForEachElement(node->children, f);
  }
}

// Parses `html`, deciding the encoding; the bytes handed to libxml2 are
// valid UTF-8 whenever the page is read as UTF-8.
Result<XmlDocPtr> ParseHtml(std::string_view html, Utf8Policy utf8) {
  if (auto xml = LoadLibXml(); !xml.ok()) return xml.status();
  const std::string charset = DeclaredCharset(html);
  std::string repaired;
  const char* encoding = "UTF-8";
  if (!IsUtf8Name(charset)) {
    encoding = nullptr;  // libxml2 follows the declaration
  } else if (auto bad = text::FindInvalidUtf8(html)) {
    if (utf8 == Utf8Policy::kStrict) {
      return Status::InvalidInput("invalid UTF-8 at byte " + std::to_string(bad->byte_offset) +
                                  ": " + bad->reason +
                                  " (use --lenient to replace bad bytes with U+FFFD)");
    }
    repaired = text::ReplaceInvalidUtf8(html);
    html = repaired;
  }
  if (html.size() > static_cast<size_t>(INT32_MAX)) return Status::InvalidInput("page too large");
  XmlDocPtr doc(Xml().html_read_memory(html.data(), static_cast<int>(html.size()), nullptr,
                                       encoding, kHtmlOptions));
  if (doc != nullptr || encoding != nullptr) return doc;  // null for an empty page
  if (utf8 == Utf8Policy::kStrict) {
    return Status::InvalidInput("cannot decode the page from its declared charset \"" +
                                text::EscapeControlBytes(charset) +
                                "\" (use --lenient to read it as UTF-8)");
  }
  // No decoder knows the charset: read the page as UTF-8, as a browser
  // falls back to its default.
  repaired = text::ReplaceInvalidUtf8(html);
  return XmlDocPtr(Xml().html_read_memory(repaired.data(), static_cast<int>(repaired.size()),
                                          nullptr, "UTF-8", kHtmlOptions));
}

std::string FinalText(std::string text) {
  // libxml2 produces UTF-8; be safe against decoder oddities.
  if (text::FindInvalidUtf8(text)) text = text::ReplaceInvalidUtf8(text);
  return text;
}

}  // namespace

Result<HtmlArticle> ExtractHtml(std::string_view html, Utf8Policy utf8) {
  auto parsed = ParseHtml(html, utf8);
  if (!parsed.ok()) return parsed.status();
  HtmlArticle out;
  const xmlDoc* doc = parsed->get();
  if (doc == nullptr) return out;
  const xmlNode* top = Xml().doc_get_root_element(doc);

  std::string og_title, title_tag, h1, published, item_date, time_date, canonical, og_url;
  std::vector<const xmlNode*> articles;
  const xmlNode* main = nullptr;
  const xmlNode* body = nullptr;
  ForEachElement(top, [&](const xmlNode* n) {
    const std::string_view name = Name(n);
    if (name == "meta") {
      const std::string key =
          text::AsciiLower(!Attr(n, "property").empty() ? Attr(n, "property") : Attr(n, "name"));
      const std::string content = text::CollapseSpaces(Attr(n, "content"));
      if (key == "og:title" && og_title.empty()) og_title = content;
      if (key == "article:published_time" && published.empty()) published = content;
      if (key == "og:url" && og_url.empty()) og_url = content;
      if (key == "og:site_name" && out.source.empty()) out.source = content;
    } else if (name == "title" && title_tag.empty()) {
      title_tag = CollapsedText(n);
    } else if (name == "h1" && h1.empty()) {
      h1 = CollapsedText(n);
    } else if (name == "link" && text::AsciiLower(Attr(n, "rel")) == "canonical" &&
               canonical.empty()) {
      canonical = Attr(n, "href");
    } else if (name == "article") {
      articles.push_back(n);
    } else if ((name == "main" || text::AsciiLower(Attr(n, "role")) == "main") && main == nullptr) {
      main = n;
    } else if (name == "body" && body == nullptr) {
      body = n;
    } else if (name == "time" && time_date.empty()) {
      time_date = Attr(n, "datetime");
    }
    if (text::AsciiLower(Attr(n, "itemprop")) == "datepublished" && item_date.empty()) {
      item_date = !Attr(n, "content").empty() ? Attr(n, "content") : Attr(n, "datetime");
    }
  });

  out.title = FinalText(!og_title.empty() ? og_title : !title_tag.empty() ? title_tag : h1);
  for (const std::string* date : {&published, &item_date, &time_date}) {
    if (auto normal = NormalizeDate(*date)) {
      out.published_at = *normal;
      break;
    }
  }
  out.url = !canonical.empty() ? canonical : og_url;

  // The root: the <article> with the most text, else <main>, else <body>.
  std::string best;
  for (const xmlNode* a : articles) {
    Collector collector(/*drop_boilerplate=*/true);
    collector.Walk(a, /*is_root=*/true);
    std::string t = collector.Text();
    if (t.size() > best.size()) best = std::move(t);
  }
  if (best.empty()) {
    const xmlNode* root = main != nullptr ? main : body != nullptr ? body : top;
    Collector collector(/*drop_boilerplate=*/true);
    collector.Walk(root, /*is_root=*/true);
    best = collector.Text();
  }
  out.text = FinalText(std::move(best));
  return out;
}

std::string HtmlFragmentText(std::string_view html) {
  auto parsed = ParseHtml(html, Utf8Policy::kLenient);
  if (!parsed.ok() || *parsed == nullptr) return {};
  Collector collector(/*drop_boilerplate=*/false);
  collector.Walk(parsed->get()->children, /*is_root=*/false);
  return FinalText(collector.Text());
}

}  // namespace kto::ingest
