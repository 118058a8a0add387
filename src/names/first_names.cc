#include "kto/names/first_names.h"

#include <algorithm>
#include <array>
#include <string>

#include "kto/text/normalize.h"

namespace kto::names {
namespace {

struct ShortForm {
  std::string_view short_form;  // lower case, ё as е
  std::string_view full;
};

// Common short forms of Russian first names and of foreign names as Russian
// news spell them. Sorted, for binary search.
constexpr auto kShortForms = std::to_array<ShortForm>({
    {"алекс", "александр"},     {"алеша", "алексей"},       {"аня", "анна"},
    {"билл", "уильям"},         {"боб", "роберт"},          {"боря", "борис"},
    {"валя", "валентин"},       {"валя", "валентина"},      {"ваня", "иван"},
    {"вася", "василий"},        {"витя", "виктор"},         {"влад", "владимир"},
    {"влад", "владислав"},      {"вова", "владимир"},       {"володя", "владимир"},
    {"галя", "галина"},         {"гриша", "григорий"},      {"джим", "джеймс"},
    {"джо", "джозеф"},          {"дик", "ричард"},          {"дима", "дмитрий"},
    {"женя", "евгений"},        {"женя", "евгения"},        {"катя", "екатерина"},
    {"коля", "николай"},        {"костя", "константин"},    {"ксюша", "ксения"},
    {"лена", "елена"},          {"леня", "леонид"},         {"леша", "алексей"},
    {"лиза", "елизавета"},      {"люба", "любовь"},         {"люда", "людмила"},
    {"маша", "мария"},          {"митя", "дмитрий"},        {"миша", "михаил"},
    {"надя", "надежда"},        {"настя", "анастасия"},     {"наташа", "наталия"},
    {"наташа", "наталья"},      {"оля", "ольга"},           {"паша", "павел"},
    {"петя", "петр"},           {"саша", "александр"},      {"саша", "александра"},
    {"света", "светлана"},      {"сережа", "сергей"},       {"слава", "владислав"},
    {"слава", "вячеслав"},      {"слава", "станислав"},     {"слава", "ярослав"},
    {"стас", "станислав"},      {"степа", "степан"},        {"таня", "татьяна"},
    {"толя", "анатолий"},       {"том", "томас"},           {"тони", "энтони"},
    {"фрэнки", "фрэнк"},        {"юля", "юлия"},            {"юра", "юрий"},
    {"яша", "яков"},
});
static_assert(std::is_sorted(kShortForms.begin(), kShortForms.end(),
                             [](const ShortForm& x, const ShortForm& y) {
                               return x.short_form < y.short_form ||
                                      (x.short_form == y.short_form && x.full < y.full);
                             }));

}  // namespace

bool IsShortFormOf(std::string_view short_form, std::string_view full) {
  const std::string s = text::MatchKey(short_form), f = text::MatchKey(full);
  const auto range = std::equal_range(
      kShortForms.begin(), kShortForms.end(), ShortForm{s, {}},
      [](const ShortForm& x, const ShortForm& y) { return x.short_form < y.short_form; });
  return std::any_of(range.first, range.second, [&](const ShortForm& e) { return e.full == f; });
}

bool SameFirstName(std::string_view a, std::string_view b) {
  return text::MatchKey(a) == text::MatchKey(b) || IsShortFormOf(a, b) || IsShortFormOf(b, a);
}

}  // namespace kto::names
