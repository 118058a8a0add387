#include "layout.h"

#include <array>

#include "kto/text/case.h"
#include "kto/web/html.h"

namespace kto::web::internal {
namespace {

constexpr std::string_view kStyle =
#include "style.css.inc"
    ;

std::string NavLink(std::string_view href, std::string_view label, bool current) {
  std::string out = "<li><a href=\"";
  out += href;
  out += current ? "\" aria-current=\"page\">" : "\">";
  out += label;
  out += "</a></li>";
  return out;
}

// The number the n decimal digits of `s` at [at, at + n) write, or nullopt.
std::optional<int> Digits(std::string_view s, size_t at, size_t n) {
  if (s.size() < at + n) return std::nullopt;
  int value = 0;
  for (char c : s.substr(at, n)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::string Page(std::string_view title, Nav current, std::string_view main_html,
                 std::string_view query) {
  std::string out;
  out.reserve(kStyle.size() + main_html.size() + 2048);
  out += "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + EscapeText(title) + " — кто</title>\n<style>\n";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  out += "<a class=\"kto-skip\" href=\"#main\">К содержанию</a>\n";
  out += "<header class=\"kto-header\"><div class=\"kto-header-inner\">\n";
  out += "<a class=\"kto-site\" href=\"/\">кто</a>\n";
  out += "<form class=\"kto-search\" action=\"/search\" method=\"get\" role=\"search\">";
  out += "<input name=\"q\" type=\"search\" value=\"" + EscapeAttribute(query) +
         "\" aria-label=\"Поиск по статьям и людям\" placeholder=\"Поиск: фамилия, слова\" "
         "maxlength=\"200\"><button type=\"submit\">Найти</button></form>\n";
  out += "<nav class=\"kto-nav\" aria-label=\"Разделы\"><ul>";
  out += NavLink("/", "Главная", current == Nav::kHome);
  out += NavLink("/top", "Топ", current == Nav::kTop);
  out += NavLink("/analyze", "Анализ текста", current == Nav::kAnalyze);
  out += "</ul></nav>\n</div></header>\n<main id=\"main\">\n";
  out += main_html;
  out += "</main>\n<footer class=\"kto-footer\">кто — кто есть кто в новостях</footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

std::string PositionText(std::string_view title, std::string_view org) {
  std::string out = text::Capitalized(title);
  if (!org.empty()) {
    out += " (";
    out += org;
    out += ")";
  }
  return out;
}

std::string PersonLine(const kb::PanelEntry& entry, bool new_tab) {
  std::string out;
  if (entry.person_id > 0) {
    out += "<a class=\"kto-person-name\" href=\"" + PersonPath(entry.person_id) + "\"";
    if (new_tab) out += " target=\"_blank\" rel=\"noopener\"";
    out += ">" + EscapeText(entry.name) + "</a>";
  } else {
    out += "<span class=\"kto-person-name\">" + EscapeText(entry.name) + "</span>";
  }
  if (entry.last_position) {
    out += " — <span class=\"kto-position\">Последняя должность: " +
           EscapeText(PositionText(entry.last_position->title, entry.last_position->org)) +
           "</span>";
  }
  out += " — <span class=\"kto-articles\">" + std::to_string(entry.articles) + "</span>";
  out += " <span class=\"kto-articles-label\">";
  out += PluralWord(entry.articles, "статья", "статьи", "статей");
  out += "</span>";
  return out;
}

std::string PanelSection(const std::vector<kb::PanelEntry>& panel, bool new_tab) {
  std::string out = "<section class=\"kto-panel\">\n<h2>Анализ</h2>\n";
  if (panel.empty()) {
    out += "<p class=\"kto-muted\">Персоны не найдены.</p>\n";
  } else {
    out += "<ul class=\"kto-list\">\n";
    for (const kb::PanelEntry& e : panel)
      out += "<li class=\"kto-panel-person\">" + PersonLine(e, new_tab) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</section>\n";
  return out;
}

std::string ArticleMeta(const ArticleLink& article) {
  if (article.date.empty() && article.source.empty()) return "";
  std::string out = "<div class=\"kto-meta\">" + TimeHtml(article.date);
  if (!article.date.empty() && !article.source.empty()) out += " · ";
  return out + EscapeText(article.source) + "</div>";
}

std::string ArticleList(const std::vector<ArticleLink>& articles, std::string_view none) {
  if (articles.empty()) return "<p class=\"kto-muted\">" + EscapeText(none) + "</p>\n";
  std::string out = "<ul class=\"kto-list\">\n";
  for (const ArticleLink& a : articles) {
    out += "<li class=\"kto-article-item\"><a href=\"" + ArticlePath(a.id) + "\">";
    out += a.title.empty() ? "Без заголовка" : EscapeText(a.title);
    out += "</a>" + ArticleMeta(a) + "</li>\n";
  }
  out += "</ul>\n";
  return out;
}

std::string TimeHtml(std::string_view iso) {
  if (iso.empty()) return "";
  return "<time datetime=\"" + EscapeAttribute(iso) + "\">" + EscapeText(HumanDate(iso)) +
         "</time>";
}

std::string_view PluralWord(int64_t n, std::string_view one, std::string_view few,
                            std::string_view many) {
  const int64_t abs = n < 0 ? -n : n;
  const int64_t last2 = abs % 100, last = abs % 10;
  return (last2 >= 11 && last2 <= 14) ? many
         : last == 1                  ? one
         : (last >= 2 && last <= 4)   ? few
                                      : many;
}

std::string CountOf(int64_t n, std::string_view one, std::string_view few, std::string_view many) {
  std::string out = std::to_string(n);
  out += ' ';
  out += PluralWord(n, one, few, many);
  return out;
}

std::string PagerHtml(const Pager& pager, std::string_view base) {
  if (pager.page <= 1 && !pager.has_more) return "";
  std::string out = "<nav class=\"kto-pager\" aria-label=\"Страницы\">";
  if (pager.page > 1)
    out += "<a rel=\"prev\" href=\"" + EscapeAttribute(base) +
           "page=" + std::to_string(pager.page - 1) + "\">назад</a>";
  if (pager.has_more)
    out += "<a rel=\"next\" href=\"" + EscapeAttribute(base) +
           "page=" + std::to_string(pager.page + 1) + "\">ещё</a>";
  out += "</nav>\n";
  return out;
}

}  // namespace kto::web::internal

namespace kto::web {

std::string HumanDate(std::string_view iso) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "января", "февраля", "марта",    "апреля",  "мая",    "июня",
      "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  const auto year = internal::Digits(iso, 0, 4), month = internal::Digits(iso, 5, 2),
             day = internal::Digits(iso, 8, 2);
  if (!year || !month || !day || iso[4] != '-' || iso[7] != '-' || *month < 1 || *month > 12 ||
      *day < 1 || *day > 31)
    return std::string(iso);
  return std::to_string(*day) + " " + std::string(kMonths[*month - 1]) + " " +
         std::to_string(*year);
}

}  // namespace kto::web
