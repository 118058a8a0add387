// kto/text/segment.h — tokenizer and sentence splitter for Russian news.
//
// Tokenize() fills Doc::tokens; SplitSentences() groups them into
// Doc::sentences; Segment() does both. Rules (see docs/text.md):
//  - words keep inner hyphens and apostrophes: «из-за», «Техрик-э-Лабаик», «О'Коннор»;
//  - a capital letter with a dot is an initial: «В.В. Кедров» -> «В.», «В.», «Кедров»;
//  - known abbreviations keep their dots: «т.е.», «г.», «им.», «ул.»;
//  - numbers keep decimal commas, thousand spaces and suffixes: «8,1», «2 000», «1990-х»;
//  - URLs, e-mails and hashtags are single tokens; quotes, dashes and brackets
//    are tokens of their own; «...» and «…» are one token.
//  - sentences do not end after initials or abbreviations that cannot end a
//    sentence, nor inside direct speech followed by «— сказал он».
//
// Thread safety: pure functions over the Doc they are given; no shared state
// besides immutable tables.
#pragma once

#include "kto/text/doc.h"

namespace kto::text {

// Replaces doc->tokens. Linear in the text; allocation only for the array.
void Tokenize(Doc* doc);

// Replaces doc->sentences. REQUIRES: doc->tokens filled by Tokenize.
void SplitSentences(Doc* doc);

// Tokenize, then SplitSentences.
inline void Segment(Doc* doc) {
  Tokenize(doc);
  SplitSentences(doc);
}

}  // namespace kto::text
