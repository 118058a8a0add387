#include "kto/ingest/feed.h"

#include "kto/ingest/date.h"
#include "kto/ingest/html.h"
#include "kto/text/case.h"
#include "kto/text/utf8.h"
#include "libxml.h"

namespace kto::ingest {
namespace {

constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";

bool HasNs(const xmlNode* node, const char* href) {
  return node->ns != nullptr && node->ns->href != nullptr &&
         std::string_view(reinterpret_cast<const char*>(node->ns->href)) == href;
}

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next)
    if (Name(c) == name) return c;
  return nullptr;
}

// The raw text content of a node (entities and CDATA resolved), not collapsed.
std::string RawText(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* content = Xml().node_get_content(node);
  if (content == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(content));
  (*Xml().free)(content);
  return out;
}

// The serialized children of an Atom type="xhtml" element.
std::string InnerXml(const xmlNode* node) {
  std::string out;
  xmlBufferPtr buffer = Xml().buffer_create();
  for (const xmlNode* c = node->children; c != nullptr; c = c->next)
    Xml().node_dump(buffer, node->doc, const_cast<xmlNode*>(c), 0, 0);
  out.assign(reinterpret_cast<const char*>(Xml().buffer_content(buffer)),
             static_cast<size_t>(Xml().buffer_length(buffer)));
  Xml().buffer_free(buffer);
  return out;
}

// Text of an element that may hold HTML (RSS descriptions always may; Atom
// says so with type="html" or "xhtml").
std::string HtmlOrText(const xmlNode* node, bool atom) {
  if (node == nullptr) return {};
  if (atom) {
    const std::string type = text::AsciiLower(Attr(node, "type"));
    if (type == "xhtml") return HtmlFragmentText(InnerXml(node));
    if (type != "html" && type != "text/html") return text::CollapseSpaces(RawText(node));
  }
  return HtmlFragmentText(RawText(node));
}

std::string Date(const xmlNode* node) {
  if (node == nullptr) return {};
  return NormalizeDate(RawText(node)).value_or("");
}

FeedItem RssItem(const xmlNode* item, const std::string& source) {
  FeedItem out;
  out.source = source;
  out.external_id = text::CollapseSpaces(RawText(Child(item, "guid")));
  out.url = text::CollapseSpaces(RawText(Child(item, "link")));
  out.title = HtmlFragmentText(RawText(Child(item, "title")));
  out.published_at = Date(Child(item, "pubDate"));
  if (out.published_at.empty()) out.published_at = Date(Child(item, "date"));  // dc:date
  const xmlNode* content = nullptr;
  for (const xmlNode* c = item->children; c != nullptr; c = c->next)
    if (Name(c) == "encoded" && HasNs(c, kContentNs)) content = c;
  out.text = HtmlOrText(content, false);
  if (out.text.empty()) out.text = HtmlOrText(Child(item, "description"), false);
  return out;
}

FeedItem AtomEntry(const xmlNode* entry, const std::string& source) {
  FeedItem out;
  out.source = source;
  out.external_id = text::CollapseSpaces(RawText(Child(entry, "id")));
  for (const xmlNode* c = entry->children; c != nullptr; c = c->next) {
    if (Name(c) != "link") continue;
    const std::string rel = Attr(c, "rel");
    if (rel.empty() || rel == "alternate") {
      out.url = Attr(c, "href");
      break;
    }
  }
  out.title = HtmlOrText(Child(entry, "title"), true);
  out.published_at = Date(Child(entry, "published"));
  if (out.published_at.empty()) out.published_at = Date(Child(entry, "updated"));
  out.text = HtmlOrText(Child(entry, "content"), true);
  if (out.text.empty()) out.text = HtmlOrText(Child(entry, "summary"), true);
  return out;
}

}  // namespace

Result<std::vector<FeedItem>> ParseFeed(std::string_view xml) {
  if (auto lib = LoadLibXml(); !lib.ok()) return lib.status();
  if (xml.size() > static_cast<size_t>(INT32_MAX)) return Status::InvalidInput("feed too large");
  XmlDocPtr doc(Xml().read_memory(
      xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
  if (doc == nullptr) {
    const xmlError* error = Xml().get_last_error();
    std::string message = "not well-formed XML";
    if (error != nullptr && error->message != nullptr) {
      message += " (line " + std::to_string(error->line) + ": " +
                 text::CollapseSpaces(error->message) + ")";
    }
    return Status::InvalidInput(message);
  }
  const xmlNode* root = Xml().doc_get_root_element(doc.get());
  std::vector<FeedItem> items;
  const std::string_view root_name = Name(root);
  if (root_name == "rss" || root_name == "RDF") {
    const xmlNode* channel = Child(root, "channel");
    const std::string source =
        channel != nullptr ? text::CollapseSpaces(RawText(Child(channel, "title"))) : "";
    // RSS 2.0 items are in the channel, RSS 1.0 items beside it.
    for (const xmlNode* parent : {channel, root}) {
      if (parent == nullptr) continue;
      for (const xmlNode* c = parent->children; c != nullptr; c = c->next)
        if (Name(c) == "item") items.push_back(RssItem(c, source));
    }
  } else if (root_name == "feed") {
    const std::string source = HtmlOrText(Child(root, "title"), true);
    for (const xmlNode* c = root->children; c != nullptr; c = c->next)
      if (Name(c) == "entry") items.push_back(AtomEntry(c, source));
  } else {
    return Status::InvalidInput("not an RSS or Atom feed (root element <" + std::string(root_name) +
                                ">)");
  }
  for (FeedItem& item : items) {
    for (std::string* field : {&item.external_id, &item.url, &item.source, &item.title})
      if (text::FindInvalidUtf8(*field)) *field = text::ReplaceInvalidUtf8(*field);
  }
  return items;
}

}  // namespace kto::ingest
