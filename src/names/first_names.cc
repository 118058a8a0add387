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
    {"алекс", "александр"},  {"алеша", "алексей"},   {"аня", "анна"},        {"бен", "бенджамин"},
    {"билл", "уильям"},      {"билли", "уильям"},    {"боб", "роберт"},      {"бобби", "роберт"},
    {"боря", "борис"},       {"валя", "валентин"},   {"валя", "валентина"},  {"ваня", "иван"},
    {"вася", "василий"},     {"винни", "винсент"},   {"витя", "виктор"},     {"влад", "владимир"},
    {"влад", "владислав"},   {"вова", "владимир"},   {"володя", "владимир"}, {"галя", "галина"},
    {"гарри", "генри"},      {"гоша", "георгий"},    {"гриша", "григорий"},  {"дейв", "дэвид"},
    {"джим", "джеймс"},      {"джимми", "джеймс"},   {"джо", "джозеф"},      {"джонни", "джон"},
    {"дик", "ричард"},       {"дима", "дмитрий"},    {"дон", "дональд"},     {"дэйв", "дэвид"},
    {"дэн", "дэниел"},       {"женя", "евгений"},    {"женя", "евгения"},    {"жора", "георгий"},
    {"зина", "зинаида"},     {"катя", "екатерина"},  {"кейт", "кэтрин"},     {"коля", "николай"},
    {"костя", "константин"}, {"крис", "кристофер"},  {"ксюша", "ксения"},    {"ларри", "лоуренс"},
    {"лена", "елена"},       {"леня", "леонид"},     {"леша", "алексей"},    {"лиз", "элизабет"},
    {"лиза", "елизавета"},   {"люба", "любовь"},     {"люда", "людмила"},    {"майк", "майкл"},
    {"макс", "максим"},      {"маша", "мария"},      {"митя", "дмитрий"},    {"миша", "михаил"},
    {"мэтт", "мэттью"},      {"надя", "надежда"},    {"настя", "анастасия"}, {"наташа", "наталия"},
    {"наташа", "наталья"},   {"ник", "николас"},     {"оля", "ольга"},       {"паша", "павел"},
    {"петя", "петр"},        {"пит", "питер"},       {"пэт", "патрик"},      {"рик", "ричард"},
    {"рома", "роман"},       {"рон", "рональд"},     {"саша", "александр"},  {"саша", "александра"},
    {"света", "светлана"},   {"сеня", "семен"},      {"сережа", "сергей"},   {"слава", "владислав"},
    {"слава", "вячеслав"},   {"слава", "станислав"}, {"слава", "ярослав"},   {"стас", "станислав"},
    {"степа", "степан"},     {"стив", "стивен"},     {"сэм", "сэмюэл"},      {"таня", "татьяна"},
    {"тед", "эдвард"},       {"тедди", "теодор"},    {"тим", "тимоти"},      {"толя", "анатолий"},
    {"том", "томас"},        {"томми", "томас"},     {"тони", "энтони"},     {"федя", "федор"},
    {"фред", "фредерик"},    {"фрэнки", "фрэнк"},    {"чак", "чарльз"},      {"энди", "эндрю"},
    {"юля", "юлия"},         {"юра", "юрий"},        {"яша", "яков"},
});
static_assert(std::is_sorted(kShortForms.begin(), kShortForms.end(),
                             [](const ShortForm& x, const ShortForm& y) {
                               return x.short_form < y.short_form ||
                                      (x.short_form == y.short_form && x.full < y.full);
                             }));

// «Меланья» and «Мелания», «Наталья» and «Наталия»: one name in two
// spellings, compared as the second.
std::string SpellingKey(std::string_view name) {
  std::string key = text::MatchKey(name);
  constexpr std::string_view kSoftSign = "ья";
  if (key.ends_with(kSoftSign)) key.replace(key.size() - kSoftSign.size(), kSoftSign.size(), "ия");
  return key;
}

}  // namespace

bool IsShortFormOf(std::string_view short_form, std::string_view full) {
  const std::string s = text::MatchKey(short_form), f = text::MatchKey(full);
  const auto range = std::equal_range(
      kShortForms.begin(), kShortForms.end(), ShortForm{s, {}},
      [](const ShortForm& x, const ShortForm& y) { return x.short_form < y.short_form; });
  return std::any_of(range.first, range.second, [&](const ShortForm& e) { return e.full == f; });
}

bool SameFirstName(std::string_view a, std::string_view b) {
  return SpellingKey(a) == SpellingKey(b) || IsShortFormOf(a, b) || IsShortFormOf(b, a);
}

}  // namespace kto::names
