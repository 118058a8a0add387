// kto/names/person_name.h — a person mention's name parts, gender and
// nominative form.
//
// NameParser reads the tokens of one PER mention with their morphology and
// decides which word is the surname, the first name and the patronymic, in
// which case and gender the mention stands, and what each part is in the
// nominative:
//   «Александром Дзюбенко»         -> first «Александр», surname «Дзюбенко» (indeclinable)
//   «Ярославы Новожиловой»         -> «Ярослава Новожилова», female
//   «Сакибу Нисару»                -> «Сакиб Нисар» (unknown words: petrovich rules)
//   «Мазур В. В.», «В.В. Мазур»    -> surname and initials
//   «Кедрова Игоря Павловича»      -> surname first (Фамилия Имя Отчество)
//   «Ивановы»                      -> a family (plural), not one person
//   «Ван Цзюня», «Пак Мин Хёна»    -> surname «Ван», given name «Цзюнь» (written surname first)
//   «Елизаветы IV»                 -> first name «Елизавета», regnal number «IV»
// Word orders tried: Имя Фамилия, Фамилия Имя, Имя Отчество, Имя Отчество
// Фамилия, Фамилия Имя Отчество, one word alone; longer foreign names take
// the first word as the first name and the rest as the surname; Chinese and
// Korean names («Ли Вэйминем») are read as their own kind.
//
// Every method reads one document through a morph::DocView: its tokens, their
// parses and the analyzer that made them.
//
// Thread safety: a NameParser holds no state; its methods may be called
// from several threads at once.
#pragma once

#include <cstdint>
#include <string>

#include "kto/morph/doc_morphology.h"
#include "kto/names/petrovich.h"
#include "kto/names/types.h"
#include "kto/text/doc.h"

namespace kto::names {

struct PersonName {
  // Nominative, capitalized like names («Лебедева-Крылова»); empty when absent.
  std::string surname;
  std::string first;
  std::string patronymic;
  // Initials as written («В.»), when the full part is absent.
  std::string first_initial;
  std::string patronymic_initial;
  Gender gender = Gender::kUnknown;
  // The gender agrees with the words around the mention (a verb: «Кедров
  // заявил»; a form of address: «миссис Кедрова»), the hint Parse was given:
  // for a bare surname, better evidence than its ending.
  bool gender_from_context = false;
  // The gender came from a form of address («миссис Лундгрен»), which is not
  // mistaken the way a verb that agrees with another word is.
  bool gender_certain = false;
  bool family = false;  // a plural surname: «Ивановы» are a family, not one person
  bool group = false;  // a plural common noun: «американцы», «россиянам»; in `surname`
  // A Chinese or Korean name: the surname comes first in Display() too
  // («Ван Цзюнь»), and `first` holds the given name («Мин Хён» of «Пак Мин Хён»).
  bool surname_first = false;
  // A monarch's or a pope's regnal number stands for the surname, after the
  // first name: «Карл IX», «Иоанн Павел V» (`surname` «IX», «V»).
  bool regnal = false;
  Case seen_as = Case::kNominative;  // the case the mention stands in
  // The mention with every word in the nominative, in its own word order and
  // spacing: «Александром Дзюбенко» -> «Александр Дзюбенко».
  std::string normal;

  // «Игорь Павлович Кедров», «В. В. Мазур», «Кедров»; «Ван Цзюнь»; «Пётр
  // Ясенев» for «Пётр И. Ясенев» (no initial beside a full first name).
  std::string Display() const;
  // A surname and nothing else: its case and gender were read from its ending alone.
  bool SurnameOnly() const {
    return !surname.empty() && first.empty() && first_initial.empty() && patronymic.empty() &&
           patronymic_initial.empty();
  }
  // «Кедров Игорь Павлович», «Мазур В. В.».
  std::string Canonical() const;
};

// What is known of a mention's gender from elsewhere.
struct GenderHint {
  GenderHint(Gender g = Gender::kUnknown, bool is_certain = false)  // NOLINT: a Gender is a hint
      : gender(g), certain(is_certain) {}
  Gender gender;
  // A form of address («миссис Ветрова») tells the gender in any case. A
  // verb agrees with its subject in the nominative only, and may agree with
  // another word: it weighs against the name's own evidence.
  bool certain;
};

class NameParser {
 public:
  // Parses the mention made of the tokens `mention` of `d.doc`. `gender_hint` is the gender
  // known from elsewhere (a verb that agrees, a form of address, another
  // mention of the same person), or kUnknown. `case_hint`: the cases the mention may stand in,
  // known from elsewhere (a position phrase right before it agrees with
  // it: «министра Игоря Кедрова»); kAnyCase when unknown.
  PersonName Parse(const morph::DocView& d, TokenSpan mention, GenderHint gender_hint = {},
                   CaseSet case_hint = kAnyCase) const;

  // Narrows a PER span to its name: drops leading words the dictionary knows
  // only as common words («Школа им. Ю. М. Ветрова» -> «Ю. М. Ветрова»),
  // abbreviations and punctuation, as long as a name word or an initial
  // remains, and trailing punctuation and lower-case words. Never empties
  // the span. Returns the narrowed span.
  TokenSpan TrimSpan(const morph::DocView& d, TokenSpan span) const;

  // Whether the PER span `second` that starts where the PER span `first`
  // ends goes on with the same name, which NER cut in two: a word alone that
  // is not a first name, then a first name and a patronymic («Ковалёв |
  // Андрей Петрович»). False when `second` does not start where `first` ends.
  bool ContinuesName(const morph::DocView& d, TokenSpan first, TokenSpan second) const;

  // Where the name of the PER span `span` starts when NER left out the
  // one-syllable surname of a Chinese or Korean name before it («Ли |
  // Вэймин», «Ван | Цзюнь»): `span.begin` - 1 then, else `span.begin`. A word that
  // starts the sentence and reads best as a conjunction or a preposition
  // («Но», «О») is not taken for one.
  uint32_t EastAsianSurnameStart(const morph::DocView& d, TokenSpan span) const;

  // Where a second name starts inside a PER span that NER ran over two
  // names, or `span.end`: initials after an initial-led name («В.Ясенева
  // А.Ельников»), or a first name of the other gender after a first name and
  // another word («Майкла Кедрова Кэтрин»; not «Хосе Мария Вальдес»), or
  // after a noun of kinship, a first name that does not decline before a
  // name of two words without a patronymic («сын Кэтрин | Жермен Джексон»).
  uint32_t SecondNameStart(const morph::DocView& d, TokenSpan span) const;

  // The gender the words around `mention` give it: a form
  // of address right before it («миссис Ветрова», «господина Кедрова»),
  // certain; else a past-tense verb that agrees with it in its sentence
  // («сказала Ветрова», «Кедров заявил»); or kUnknown. The verb is looked
  // for before `after_limit` and from `before_limit` on, where the next and
  // the previous mentions stand: a verb past another name agrees with that
  // one («адвокат Гусева Мария Белых заявила»).
  GenderHint ContextGender(const morph::DocView& d, TokenSpan mention,
                           uint32_t after_limit = UINT32_MAX, uint32_t before_limit = 0) const;
};

}  // namespace kto::names
