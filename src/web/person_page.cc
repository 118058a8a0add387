// The dossier of a person: /persons/ID.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include "kto/web/html.h"
#include "kto/web/pages.h"
#include "layout.h"
#include "markup.h"

namespace kto::web {
namespace {

constexpr std::array<std::string_view, 12> kShortMonths = {
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"};

// «YYYY-MM» as a month number (year * 12 + month - 1), or nullopt.
std::optional<int> MonthIndex(std::string_view month) {
  if (month.size() != 7 || month[4] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t to) -> std::optional<int> {
    int value = 0;
    for (size_t i = from; i < to; ++i) {
      if (month[i] < '0' || month[i] > '9') return std::nullopt;
      value = value * 10 + (month[i] - '0');
    }
    return value;
  };
  const std::optional<int> year = digits(0, 4), mon = digits(5, 7);
  if (!year || !mon || *mon < 1 || *mon > 12) return std::nullopt;
  return *year * 12 + *mon - 1;
}

// The months to draw: from the first to the last with the missing ones as
// zero, when every month is well formed; otherwise as given.
std::vector<MonthCount> ChartMonths(const std::vector<MonthCount>& months) {
  std::vector<std::pair<int, int64_t>> indexed;
  for (const MonthCount& m : months) {
    const std::optional<int> index = MonthIndex(m.month);
    if (!index) return months;
    indexed.emplace_back(*index, m.articles);
  }
  if (indexed.empty()) return {};
  std::sort(indexed.begin(), indexed.end());
  std::vector<MonthCount> out;
  size_t next = 0;
  for (int i = indexed.front().first; i <= indexed.back().first; ++i) {
    int64_t count = 0;
    for (; next < indexed.size() && indexed[next].first == i; ++next) count += indexed[next].second;
    char label[32];
    std::snprintf(label, sizeof label, "%04d-%02d", i / 12, i % 12 + 1);
    out.push_back(MonthCount{label, count});
  }
  return out;
}

// «мар 2026» for «2026-03»; the text itself otherwise.
std::string MonthLabel(std::string_view month) {
  const std::optional<int> index = MonthIndex(month);
  if (!index) return std::string(month);
  return std::string(kShortMonths[*index % 12]) + " " + std::to_string(*index / 12);
}

// «янв 26» for «2026-01»: short enough to label a bar of the chart.
std::string AxisLabel(std::string_view month) {
  const std::optional<int> index = MonthIndex(month);
  if (!index) return std::string(month);
  char year[8];
  std::snprintf(year, sizeof year, "%02d", (*index / 12) % 100);
  return std::string(kShortMonths[*index % 12]) + " " + year;
}

// The bar chart of mentions per month, inline SVG with its own accessible
// title and description, and the same numbers as a table for readers that
// do not show the picture.
std::string MonthChart(const std::vector<MonthCount>& given) {
  const std::vector<MonthCount> months = ChartMonths(given);
  const int n = static_cast<int>(months.size());
  int64_t max = 0;
  for (const MonthCount& m : months) max = std::max(max, m.articles);
  constexpr int kLeft = 40, kTop = 10, kPlotHeight = 120, kBottom = 26;
  // A fixed drawing width: the picture scales to the page, and its text
  // with it, the same for one month as for ten years.
  constexpr int kPlotWidth = 550, kLabelWidth = 56;  // a label «янв 25» at 13px
  const int width = kLeft + kPlotWidth + 10, height = kTop + kPlotHeight + kBottom;
  const double step = n > 0 ? static_cast<double>(kPlotWidth) / n : kPlotWidth;
  const int label_every = std::max(1, static_cast<int>(std::ceil(kLabelWidth / step)));

  std::string desc = n == 0
                         ? "Упоминаний нет."
                         : "С " + MonthLabel(months.front().month) + " по " +
                               MonthLabel(months.back().month) + "; больше всего — " +
                               internal::CountOf(max, "статья", "статьи", "статей") + " за месяц.";
  std::string out =
      "<figure class=\"kto-chart-figure\">\n<svg class=\"kto-chart\" role=\"img\" "
      "aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 " +
      std::to_string(width) + " " + std::to_string(height) + "\">\n";
  out += "<title id=\"chart-title\">Упоминания по месяцам</title>\n";
  out += "<desc id=\"chart-desc\">" + EscapeText(desc) + "</desc>\n";
  const int base = kTop + kPlotHeight;
  out += "<line class=\"axis\" x1=\"" + std::to_string(kLeft) + "\" y1=\"" + std::to_string(base) +
         "\" x2=\"" + std::to_string(kLeft + kPlotWidth) + "\" y2=\"" + std::to_string(base) +
         "\"/>\n";
  out += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + std::to_string(kTop + 10) +
         "\" text-anchor=\"end\">" + std::to_string(max) + "</text>\n";
  out += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + std::to_string(base) +
         "\" text-anchor=\"end\">0</text>\n";
  char number[32];
  for (int i = 0; i < n; ++i) {
    const MonthCount& m = months[i];
    const double bar = max > 0 ? static_cast<double>(m.articles) * kPlotHeight / max : 0;
    std::snprintf(number, sizeof number, "%.1f", kLeft + i * step + step * 0.15);
    out += "<rect class=\"bar\" x=\"" + std::string(number) + "\" y=\"";
    std::snprintf(number, sizeof number, "%.1f", base - bar);
    out += std::string(number) + "\" width=\"";
    std::snprintf(number, sizeof number, "%.1f", step * 0.7);
    out += std::string(number) + "\" height=\"";
    std::snprintf(number, sizeof number, "%.1f", bar);
    out += std::string(number) + "\"><title>" + EscapeText(MonthLabel(m.month)) + ": " +
           internal::CountOf(m.articles, "статья", "статьи", "статей") + "</title></rect>\n";
    if (i % label_every == 0) {
      std::snprintf(number, sizeof number, "%.1f", kLeft + i * step + step / 2);
      out += "<text x=\"" + std::string(number) + "\" y=\"" + std::to_string(base + 16) +
             "\" text-anchor=\"middle\">" + EscapeText(AxisLabel(m.month)) + "</text>\n";
    }
  }
  out += "</svg>\n";
  if (n > 0) {
    out +=
        "<details><summary>Таблица</summary><table><thead><tr><th scope=\"col\">Месяц</th>"
        "<th scope=\"col\">Статей</th></tr></thead><tbody>\n";
    for (const MonthCount& m : months)
      out += "<tr><td>" + EscapeText(MonthLabel(m.month)) + "</td><td>" +
             std::to_string(m.articles) + "</td></tr>\n";
    out += "</tbody></table></details>\n";
  }
  out += "</figure>\n";
  return out;
}

std::string NamesSection(const PersonPage& page) {
  std::string out =
      "<section aria-labelledby=\"names\"><h2 id=\"names\">Имена</h2>\n"
      "<dl class=\"kto-names\">\n";
  for (const auto& [label, value] :
       {std::pair<const char*, const std::string*>{"Фамилия", &page.surname},
        {"Имя", &page.first_name},
        {"Отчество", &page.patronymic}})
    if (!value->empty())
      out += "<dt>" + std::string(label) + "</dt><dd>" + EscapeText(*value) + "</dd>\n";
  if (!page.aliases.empty()) {
    out += "<dt>Как пишут</dt><dd><ul class=\"kto-aliases\">";
    for (const std::string& alias : page.aliases) out += "<li>" + EscapeText(alias) + "</li>";
    out += "</ul></dd>\n";
  }
  out += "</dl>\n</section>\n";
  return out;
}

std::string PositionItem(const PositionView& p) {
  std::string out = "<li class=\"kto-position-item\"><strong>" +
                    EscapeText(internal::PositionText(p.title, p.org)) + "</strong>";
  if (p.former) out += " <span class=\"kto-former\">(бывшая должность)</span>";
  out += "<div class=\"kto-meta\">";
  if (p.imported) {
    // The list's dates; articles, when some state it too, follow.
    out += "по списку известных лиц";
    if (!p.imported_from.empty()) out += " с " + internal::TimeHtml(p.imported_from);
    if (!p.imported_to.empty()) out += " по " + internal::TimeHtml(p.imported_to);
  } else {
    if (!p.first_seen.empty()) out += "впервые " + internal::TimeHtml(p.first_seen);
    if (!p.last_seen.empty() && p.last_seen != p.first_seen)
      out += std::string(p.first_seen.empty() ? "" : ", ") + "последний раз " +
             internal::TimeHtml(p.last_seen);
  }
  if (p.evidence_count > 0)
    out += " · " + internal::CountOf(p.evidence_count, "статья", "статьи", "статей");
  out += "</div>";
  if (!p.sentence.empty()) {
    out += "<p class=\"kto-evidence\">";
    out += internal::MarkedHtml(
        p.sentence, {{p.phrase_start, p.phrase_end, "<strong class=\"kto-phrase\">", "</strong>"}});
    if (!p.article_id.empty())
      out += " — <a href=\"" + ArticlePath(p.article_id) + "\">" +
             (p.article_title.empty() ? std::string("статья") : EscapeText(p.article_title)) +
             "</a>";
    out += "</p>";
  }
  out += "</li>\n";
  return out;
}

std::string QuoteItem(const QuoteView& q) {
  std::string out = "<blockquote class=\"kto-quote\"><p>«" + EscapeText(q.text) + "»</p>";
  std::string footer = internal::TimeHtml(q.date);
  if (!q.article_id.empty())
    footer += (footer.empty() ? "" : " · ") + std::string("<a href=\"") +
              ArticlePath(q.article_id) + "\">" +
              (q.article_title.empty() ? "статья" : EscapeText(q.article_title)) + "</a>";
  if (!footer.empty()) out += "<footer>" + footer + "</footer>";
  out += "</blockquote>\n";
  return out;
}

// The summary under the name: last position, counts, first and last seen.
std::string Summary(const PersonPage& page) {
  std::string out = "<p class=\"kto-summary\">";
  if (page.last_position)
    out += "<span class=\"kto-position\">Последняя должность: " +
           EscapeText(internal::PositionText(page.last_position->title, page.last_position->org)) +
           "</span><br>";
  out += "Упоминается в " + internal::CountOf(page.articles, "статье", "статьях", "статьях");
  if (!page.first_seen.empty())
    out +=
        ", с " + internal::TimeHtml(page.first_seen) + " по " + internal::TimeHtml(page.last_seen);
  out += "</p>\n";
  return out;
}

}  // namespace

std::string RenderPersonPage(const PersonPage& page) {
  std::string main = "<h1 class=\"kto-person-title\">" + EscapeText(page.name) + "</h1>\n";
  main += Summary(page);
  main += NamesSection(page);
  main += "<section aria-labelledby=\"positions\"><h2 id=\"positions\">Должности</h2>\n";
  if (page.positions.empty()) {
    main += "<p class=\"kto-muted\">Должности не найдены.</p>\n";
  } else {
    main += "<ol class=\"kto-list\">\n";
    for (const PositionView& p : page.positions) main += PositionItem(p);
    main += "</ol>\n";
  }
  main +=
      "</section>\n<section aria-labelledby=\"months\"><h2 id=\"months\">Упоминания по месяцам"
      "</h2>\n";
  main += MonthChart(page.months);
  main += "</section>\n";
  if (!page.co_mentioned.empty()) {
    main +=
        "<section aria-labelledby=\"co\"><h2 id=\"co\">Упоминаются вместе</h2>\n<ul "
        "class=\"kto-list\">\n";
    for (const CoMentionView& c : page.co_mentioned)
      main += "<li class=\"kto-co-person\"><a href=\"" + PersonPath(c.kb_id) + "\">" +
              EscapeText(c.name) + "</a> — " +
              internal::CountOf(c.shared_articles, "общая статья", "общие статьи", "общих статей") +
              "</li>\n";
    main += "</ul>\n</section>\n";
  }
  main += "<section aria-labelledby=\"quotes\"><h2 id=\"quotes\">Последние цитаты</h2>\n";
  if (page.quotes.empty()) main += "<p class=\"kto-muted\">Цитат нет.</p>\n";
  for (const QuoteView& q : page.quotes) main += QuoteItem(q);
  main += "</section>\n<section aria-labelledby=\"articles\"><h2 id=\"articles\">Статьи</h2>\n";
  main += internal::ArticleList(page.article_list, "Статей нет.");
  main += internal::PagerHtml(page.article_pager, PersonPath(page.kb_id) + "?");
  main += "</section>\n";
  return internal::Page(page.name, internal::Nav::kNone, main);
}

}  // namespace kto::web
