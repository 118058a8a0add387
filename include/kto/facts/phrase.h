// kto/facts/phrase.h — a noun phrase put into the nominative.
//
// Positions, organizations and places are named by noun phrases that the
// text inflects: «министром природных ресурсов», «Томской области»,
// «Соединённых Штатах». NominativePhrase() inflects the head noun and the
// adjectives before it that agree with it, keeps everything after the head
// (genitive dependents) as written, and restores the capitals word by word:
//   «министром природных ресурсов» -> «министр природных ресурсов»
//   «Томской области»              -> «Томская область»
//   «Соединённых Штатах»           -> «Соединённые Штаты»
//   «бывшего губернатора»          -> «бывший губернатор»
// A name in quotes and nothing else is put into the nominative inside its
// quotes («"Газпрома"» -> «"Газпром"»); any other phrase that opens with a
// quote, or has no noun, is returned as written. With Describes::kOnePerson
// (a position held by one person) a plural head goes into the singular, and
// an animate reading of the head is preferred:
//   «известные музыканты»          -> «известный музыкант»
//   «премьера Великобритании»      -> «премьер Великобритании» (not «премьера»)
//
// Thread safety: pure function; the analyzer is shared read-only.
#pragma once

#include <cstdint>
#include <string>

#include "kto/facts/positions.h"       // SpanGrammar
#include "kto/morph/doc_morphology.h"  // DocView

namespace kto::facts {

// What the phrase names: anything (organizations, places), or the post of
// one person.
enum class Describes { kAnything, kOnePerson };

// The tokens `phrase` of `d.doc`.
std::string NominativePhrase(const morph::DocView& d, TokenSpan phrase,
                             Describes describes = Describes::kAnything);

// The cases and number of the phrase's head noun (all cases, singular, when
// it has none: the grammar is then unknown).
SpanGrammar HeadGrammar(const morph::DocView& d, TokenSpan phrase);

}  // namespace kto::facts
