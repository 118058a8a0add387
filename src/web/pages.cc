// The pages of kto serve but the dossier (person_page.cc).
#include "kto/web/pages.h"

#include "kto/web/html.h"
#include "layout.h"
#include "markup.h"

namespace kto::web {
namespace {

constexpr std::string_view kEmbedStyle =
#include "embed.css.inc"
    ;

using internal::Nav;

// The colour key of the highlights.
std::string Legend() {
  return "<ul class=\"kto-legend\" aria-label=\"Обозначения\">"
         "<li><span class=\"legend-per\">люди</span></li>"
         "<li><span class=\"legend-org\">организации</span></li>"
         "<li><span class=\"legend-loc\">места</span></li></ul>\n";
}

std::string ErrorLine(std::string_view error) {
  if (error.empty()) return "";
  return "<p class=\"kto-error\" role=\"alert\">" + EscapeText(error) + "</p>\n";
}

// The ranked list of /top and the home page.
std::string TopList(const std::vector<kb::PanelEntry>& persons) {
  if (persons.empty()) return "<p class=\"kto-muted\">Нет упоминаний за этот период.</p>\n";
  std::string out = "<ol class=\"kto-top\">\n";
  for (const kb::PanelEntry& e : persons)
    out += "<li class=\"kto-top-person\">" + internal::PersonLine(e, false) + "</li>\n";
  out += "</ol>\n";
  return out;
}

// The title and text of an article (or of an analyzed text) with the marks.
std::string HighlightedArticle(std::string_view title, std::string_view text,
                               const std::vector<Highlight>& highlights, std::string_view tag) {
  std::string out = "<" + std::string(tag) + " class=\"kto-article-title\">";
  out += title.empty() ? "Без заголовка" : HighlightedHtml(title, highlights, true);
  out += "</" + std::string(tag) + ">\n";
  out += Legend();
  out += "<div class=\"kto-article-text\">\n";
  const std::string body =
      internal::ParagraphsHtml(text, internal::HighlightMarkup(highlights, false));
  out += body.empty() ? "<p class=\"kto-muted\">Текст пуст.</p>\n" : body;
  out += "</div>\n";
  return out;
}

}  // namespace

std::string RenderHomePage(const HomePage& page) {
  std::string main = "<h1>Кто есть кто в новостях</h1>\n<div class=\"kto-columns\">\n";
  main += "<section aria-labelledby=\"latest\"><h2 id=\"latest\">Последние статьи</h2>\n";
  main += internal::ArticleList(page.latest, "Статей пока нет.");
  // Empty dates: the week had nobody and the rating is over all time.
  const bool week = !page.top_from.empty() || !page.top_to.empty();
  main += "</section>\n<section aria-labelledby=\"week\"><h2 id=\"week\">";
  main += week ? "Чаще всего за неделю" : "Чаще всего за всё время";
  main += "</h2>\n";
  if (week)
    main += "<p class=\"kto-meta\">" + internal::TimeHtml(page.top_from) + " — " +
            internal::TimeHtml(page.top_to) + "</p>\n";
  main += TopList(page.top_persons);
  main += "<p><a href=\"/top\">Весь рейтинг</a></p>\n</section>\n</div>\n";
  return internal::Page("Главная", Nav::kHome, main);
}

std::string RenderArticlePage(const ArticlePage& page) {
  std::string main = "<article>\n";
  main += HighlightedArticle(page.title, page.text, page.highlights, "h1");
  std::string meta = internal::TimeHtml(page.date);
  if (!page.source.empty()) meta += (meta.empty() ? "" : " · ") + EscapeText(page.source);
  if (!page.url.empty()) {
    if (!meta.empty()) meta += " · ";
    if (IsSafeLinkUrl(page.url))
      meta += "<a href=\"" + EscapeAttribute(page.url) +
              "\" rel=\"noopener noreferrer nofollow\">Источник</a>";
    else
      meta += "<span class=\"kto-url\">" + EscapeText(page.url) + "</span>";
  }
  if (!meta.empty()) main += "<p class=\"kto-meta\">" + meta + "</p>\n";
  main += "</article>\n";
  main += internal::PanelSection(page.panel, false);
  return internal::Page(page.title.empty() ? "Статья" : page.title, Nav::kNone, main);
}

std::string RenderTopPage(const TopPage& page) {
  auto date_input = [](std::string_view name, std::string_view label, std::string_view value) {
    const std::string id = "top-" + std::string(name);
    return "<div><label for=\"" + id + "\">" + std::string(label) +
           "</label><input type=\"date\" id=\"" + id + "\" name=\"" + std::string(name) +
           "\" value=\"" + EscapeAttribute(value) + "\"></div>";
  };
  std::string main = "<h1>Кого чаще упоминают</h1>\n";
  main += "<form class=\"kto-period\" action=\"/top\" method=\"get\"><div class=\"kto-form-row\">";
  main += date_input("from", "С", page.from) + date_input("to", "По", page.to);
  main += "<button type=\"submit\">Показать</button></div></form>\n";
  main += ErrorLine(page.error);
  main += TopList(page.persons);
  return internal::Page("Топ", Nav::kTop, main);
}

std::string RenderSearchPage(const SearchPage& page) {
  std::string main = "<h1>Поиск</h1>\n";
  main += ErrorLine(page.error);
  if (page.query.empty()) {
    main += "<p class=\"kto-muted\">Введите фамилию или слова в поле поиска.</p>\n";
    return internal::Page("Поиск", Nav::kNone, main);
  }
  main += "<p class=\"kto-meta\">Запрос: «" + EscapeText(page.query) + "»</p>\n";
  main += "<section aria-labelledby=\"found-persons\"><h2 id=\"found-persons\">Люди</h2>\n";
  if (page.persons.empty()) {
    main += "<p class=\"kto-muted\">Никого не нашлось.</p>\n";
  } else {
    main += "<ul class=\"kto-list\">\n";
    for (const kb::PanelEntry& e : page.persons)
      main += "<li class=\"kto-person-hit\">" + internal::PersonLine(e, false) + "</li>\n";
    main += "</ul>\n";
  }
  main +=
      "</section>\n<section aria-labelledby=\"found-articles\"><h2 id=\"found-articles\">"
      "Статьи</h2>\n";
  if (page.hits.empty()) {
    main += "<p class=\"kto-muted\">Статей не нашлось.</p>\n";
  } else {
    main += "<p class=\"kto-meta\">Найдено: " +
            internal::CountOf(page.total, "статья", "статьи", "статей") + "</p>\n";
    main += "<ul class=\"kto-list\">\n";
    for (const SearchHitView& hit : page.hits) {
      main += "<li class=\"kto-search-hit\"><a href=\"" + ArticlePath(hit.article.id) + "\">";
      main += hit.article.title.empty() ? "Без заголовка" : EscapeText(hit.article.title);
      main += "</a>\n<p class=\"kto-snippet\">";
      for (const auto& [piece, is_match] : hit.snippet)
        main += is_match ? "<mark class=\"kto-hit\">" + EscapeText(piece) + "</mark>"
                         : EscapeText(piece);
      main += "</p>" + internal::ArticleMeta(hit.article) + "</li>\n";
    }
    main += "</ul>\n";
  }
  main += internal::PagerHtml(page.pager, "/search?q=" + PercentEncode(page.query) + "&");
  main += "</section>\n";
  return internal::Page("Поиск: " + page.query, Nav::kNone, main, page.query);
}

std::string RenderAnalyzePage(const AnalyzePage& page) {
  std::string main = "<h1>Анализ текста</h1>\n";
  // multipart: a browser sends the text as is, and the server's limit for
  // urlencoded forms (8 KB in cpp-httplib) does not cut an article short.
  main +=
      "<form class=\"kto-analyze\" action=\"/analyze\" method=\"post\" "
      "enctype=\"multipart/form-data\">\n";
  main +=
      "<label for=\"analyze-title\">Заголовок (необязательно)</label>"
      "<input name=\"title\" id=\"analyze-title\" type=\"text\" value=\"" +
      EscapeAttribute(page.title) + "\">\n";
  main +=
      "<label for=\"analyze-text\">Текст</label><textarea name=\"text\" id=\"analyze-text\" "
      "required>" +
      EscapeText(page.text) + "</textarea>\n";
  main += "<p><button type=\"submit\">Анализировать</button></p>\n</form>\n";
  main += ErrorLine(page.error);
  if (page.analyzed) {
    main +=
        "<section class=\"kto-result\" aria-labelledby=\"result\"><h2 id=\"result\">Результат"
        "</h2>\n<article>\n";
    main += HighlightedArticle(page.title, page.text, page.highlights, "h3");
    main += "</article>\n";
    main += internal::PanelSection(page.panel, false);
    main += "</section>\n";
  }
  return internal::Page("Анализ текста", Nav::kAnalyze, main);
}

std::string RenderEmbedPanel(const std::vector<kb::PanelEntry>& panel) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>Анализ — кто</title>\n<style>\n";
  out += kEmbedStyle;
  out += "</style>\n</head>\n<body>\n";
  out += internal::PanelSection(panel, true);
  out += "</body>\n</html>\n";
  return out;
}

std::string RenderErrorPage(int status, std::string_view message) {
  std::string_view what = "Ошибка";
  switch (status) {
    case 400:
      what = "Неверный запрос";
      break;
    case 404:
      what = "Страница не найдена";
      break;
    case 405:
      what = "Метод не поддерживается";
      break;
    case 413:
      what = "Слишком большой запрос";
      break;
    case 414:
      what = "Слишком длинный адрес";
      break;
    case 500:
      what = "Внутренняя ошибка";
      break;
    case 503:
      what = "Сервис временно недоступен";
      break;
    default:
      break;
  }
  const std::string heading = std::to_string(status) + " — " + std::string(what);
  std::string main = "<h1 class=\"kto-error-title\">" + EscapeText(heading) + "</h1>\n";
  if (!message.empty()) main += "<p>" + EscapeText(message) + "</p>\n";
  main += "<p><a href=\"/\">На главную</a></p>\n";
  return internal::Page(heading, Nav::kNone, main);
}

}  // namespace kto::web
