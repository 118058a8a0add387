// kto/text/normalize.h — Unicode normalization and matching keys.
//
// Offsets always refer to the text as given; normalization makes *keys* for
// lookups (dictionaries, gazetteers, the knowledge base), never a replacement
// for the text. NFC merges decomposed letters («й» as «и» + U+0306), lower
// casing and ё->е folding make «Ёлкин», «ЕЛКИН» and «ёлкин» one key.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace kto::text {

// NFC of valid UTF-8 (utf8proc).
std::string Nfc(std::string_view valid_utf8);

struct MatchKeyOptions {
  bool lowercase = true;  // full Unicode simple lower-casing
  bool fold_yo = true;    // ё -> е, Ё -> Е
};

// NFC, then the folds the options ask for. REQUIRES: valid UTF-8.
std::string MatchKey(std::string_view valid_utf8, MatchKeyOptions options = {});

// The match key with the differences of transcription folded too, so that
// the spellings of one foreign name compare equal: «э» as «е» («Дэниел»,
// «Дениэл»), doubled Cyrillic letters as one («Кассиев», «Касиев»), no «ь» or «ъ»,
// no stress marks or accents («Жозе́», «Жозé»: a Latin letter that looks
// Cyrillic in a Cyrillic word is read as the Cyrillic one). The store's
// surname key; first names compare by it. REQUIRES: valid UTF-8.
std::string SpellingKey(std::string_view valid_utf8);

// Gives `lower` (a normalized form, lower case) the capitals of `original`
// (the form in the text), part by part across hyphens and apostrophes: a
// capitalized part stays capitalized, an all-capital part stays all
// capitals, the rest is lower case. «томская» + «Томской» -> «Томская»; «лебедева-крылова» +
// «Лебедевой-Крыловой» -> «Лебедева-Крылова»; «о’брайен» + «О’Брайена» ->
// «О’Брайен»; «мвд» + «МВД» -> «МВД».
std::string CopyCase(std::string_view lower, std::string_view original);

// A word written in Cyrillic capitals, as a headline writes a name, written
// as a name: each part's first letter a capital, the rest lower case.
// «ПУТИНА» -> «Путина», «ДЖЕЙ-ЗИ» -> «Джей-Зи». Empty for any other word
// (lower-case letters, Latin ones, one letter only): «МВД» -> «Мвд», but
// «XIV» and «Кедров» stay as they are.
std::string CapitalsAsName(std::string_view word);

}  // namespace kto::text
