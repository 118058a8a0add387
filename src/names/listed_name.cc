#include "kto/names/listed_name.h"

#include <string>
#include <vector>

#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"

namespace kto::names {
namespace {

struct Ending {
  std::string_view ending;
  std::string_view part;  // "patronymic" or "surname"
  std::string_view gender;
};

// src/names/data/listed_name_endings.txt.
constexpr Ending kEndings[] = {
#include "listed_name_endings.inc"
};

struct Particle {
  std::string_view word;
  std::string_view gender;
};

// src/names/data/patronymic_particles.txt.
constexpr Particle kParticles[] = {
#include "patronymic_particles.inc"
};

constexpr size_t kMaxCodePoints = 200;

Gender GenderOf(std::string_view gender) {
  return gender == "m" ? Gender::kMale : gender == "f" ? Gender::kFemale : Gender::kUnknown;
}

// The longest ending of `part` that `word` has, or null.
const Ending* EndingOf(const std::string& word, std::string_view part) {
  const std::string lower = text::MatchKey(word, {.lowercase = true, .fold_yo = false});
  const Ending* best = nullptr;
  for (const Ending& e : kEndings)
    if (e.part == part && lower.size() > e.ending.size() && lower.ends_with(e.ending) &&
        (!best || e.ending.size() > best->ending.size()))
      best = &e;
  return best;
}

const Particle* ParticleOf(const std::string& word) {
  const std::string lower = text::MatchKey(word, {.lowercase = true, .fold_yo = false});
  for (const Particle& p : kParticles)
    if (lower == p.word) return &p;
  return nullptr;
}

// A word of a name written as a name: capitals («КЕДРОВ») and lower case
// («кедров») become «Кедров», part by part across hyphens; mixed case
// («Мак-Кинли», «ДиКаприо») is kept.
std::string AsName(const std::string& word) {
  if (std::string as_name = text::CapitalsAsName(word); !as_name.empty()) return as_name;
  std::u32string u = text::DecodeUtf8(word);
  for (char32_t c : u)
    if (text::IsUpper(c)) return word;
  bool part_start = true;
  for (char32_t& c : u) {
    if (part_start) c = text::ToUpper(c);
    part_start = c == U'-';
  }
  return text::EncodeUtf8(u);
}

// Letters, with hyphens and apostrophes inside; not an initial.
Status CheckWord(const std::string& word) {
  const std::u32string u = text::DecodeUtf8(word);
  auto joiner = [](char32_t c) { return c == U'-' || c == U'\'' || c == U'’'; };
  for (size_t i = 0; i < u.size(); ++i) {
    if (text::IsLetter(u[i])) continue;
    if (joiner(u[i]) && i > 0 && i + 1 < u.size() && !joiner(u[i - 1])) continue;
    if (u[i] == U'.') return Status::InvalidInput("«" + word + "» is an initial, not a full name");
    return Status::InvalidInput("«" + word + "» is not a name (letters, «-» and «'» only)");
  }
  if (u.size() == 1) return Status::InvalidInput("«" + word + "» is an initial, not a full name");
  return Status();
}

// The words of `name`, a Turkic patronymic's two words («Рашид оглы») as one.
Result<std::vector<std::string>> Words(std::string_view name) {
  std::vector<std::string> words;
  const std::string collapsed = text::CollapseSpaces(text::Nfc(name), text::Spaces::kUnicode);
  size_t start = 0;
  while (start < collapsed.size()) {
    size_t end = collapsed.find(' ', start);
    if (end == std::string::npos) end = collapsed.size();
    const std::string word = collapsed.substr(start, end - start);
    start = end + 1;
    if (Status s = CheckWord(word); !s.ok()) return s;
    if (ParticleOf(word) && !words.empty() && !ParticleOf(words.back())) {
      words.back() += " " + text::MatchKey(word, {.lowercase = true, .fold_yo = false});
      continue;
    }
    words.push_back(AsName(word));
  }
  return words;
}

// The gender a patronymic gives, by its ending or its particle.
Gender PatronymicGender(const std::string& patronymic) {
  if (const size_t space = patronymic.rfind(' '); space != std::string::npos)
    if (const Particle* p = ParticleOf(patronymic.substr(space + 1))) return GenderOf(p->gender);
  const Ending* e = EndingOf(patronymic, "patronymic");
  return e ? GenderOf(e->gender) : Gender::kUnknown;
}

bool LooksLikePatronymic(const std::string& word) {
  return word.find(' ') != std::string::npos || EndingOf(word, "patronymic") != nullptr;
}

}  // namespace

Result<PersonName> ParseListedName(std::string_view name) {
  if (auto bad = text::FindInvalidUtf8(name))
    return Status::InvalidInput("invalid UTF-8 at byte " + std::to_string(bad->byte_offset) + ": " +
                                bad->reason);
  if (text::CountCodePoints(name) > kMaxCodePoints)
    return Status::InvalidInput("a name of more than " + std::to_string(kMaxCodePoints) +
                                " characters");
  auto words = Words(name);
  if (!words.ok()) return words.status();
  const std::vector<std::string>& w = *words;
  if (w.size() < 2 || w.size() > 3)
    return Status::InvalidInput("«" + std::string(name) +
                                "»: expected «Фамилия Имя Отчество» or «Фамилия Имя»");
  PersonName out;
  if (w.size() == 3 && LooksLikePatronymic(w[1]) && !LooksLikePatronymic(w[0])) {
    out.first = w[0];  // «Имя Отчество Фамилия»
    out.patronymic = w[1];
    out.surname = w[2];
  } else {
    out.surname = w[0];
    out.first = w[1];
    if (w.size() == 3) out.patronymic = w[2];
  }
  for (const std::string* part : {&out.surname, &out.first})
    if (part->find(' ') != std::string::npos)
      return Status::InvalidInput("«" + std::string(name) + "»: «" + *part +
                                  "» is a patronymic; expected «Фамилия Имя Отчество»");
  out.gender = PatronymicGender(out.patronymic);
  if (out.gender == Gender::kUnknown)
    if (const Ending* e = EndingOf(out.surname, "surname")) out.gender = GenderOf(e->gender);
  for (const std::string& word : w) out.normal += (out.normal.empty() ? "" : " ") + word;
  return out;
}

}  // namespace kto::names
