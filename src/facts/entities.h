// Internal to kto_facts: the organizations and places of one article, and
// the word tests ArticleAnalyzer's other steps share with them
// (entities.cc). Token ranges refer to d.doc.tokens.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kto/facts/article.h"
#include "kto/morph/doc_morphology.h"
#include "kto/ner/ner.h"
#include "kto/text/doc.h"

namespace kto::facts::internal {

// The words of a phrase (spaces between them).
std::vector<std::string_view> Words(std::string_view phrase);
// «министр иностранных дел» -> «министр».
std::string FirstWord(const std::string& phrase);

// Whether some parse of word `t` has one of the grammemes `ids`.
bool HasParseWith(const morph::DocView& d, uint32_t t, std::initializer_list<int> ids);
// One word of two or more letters, all capitals: «ТУСУР».
bool IsAbbreviationToken(const Doc& doc, const TokenSpan& r);
// A name has a capital, a digit or a quote: not «японское», «полиция»,
// which corpora tag as places and organizations.
bool LooksLikeName(const Doc& doc, const TokenSpan& r);
// «Лермонтовскую премию», «томские производители», «Американские и
// северные гости»: one word that is an adjective of the common noun after
// it (past other adjectives, commas and «и»), agreeing with it in case and
// number; it names no person and no place («реки Светлой» does).
bool IsAdjectiveOfNextNoun(const morph::DocView& d, const TokenSpan& r);

// The name of an organization or a place in the nominative, with a
// capital: «комитета по бюджету Заречной областной думы» -> «Комитет по
// бюджету Заречной областной думы».
std::string EntityName(const morph::DocView& d, const TokenSpan& range);
// Adds mentions to the entities of a list by their nominative: the entity
// whose name has the mention's match key (the first such), created when
// there is none. Keeps the key of every entity of the list, so that an
// article naming thousands costs one key a mention, not one an entity.
// Entities appended to the list by others are indexed at the next Add; the
// list must not otherwise change while the index is used.
class EntityIndex {
 public:
  explicit EntityIndex(std::vector<EntityFact>* list) : list_(list) {}
  void Add(const morph::DocView& d, const TokenSpan& range);

 private:
  std::vector<EntityFact>* list_;
  std::unordered_map<std::string, size_t> by_key_;  // the first entity of each key
  size_t indexed_ = 0;                              // entities of *list_ in by_key_
};

// Organizations (type `org`) and places (`loc`) of `found`, grouped by their
// nominative, into *organizations and *locations: organizations NER ran
// together cut apart, a place's adjective a derived mention of the place it
// names (left out when there is none). Returns the ranges of all of them,
// names or not: they still split a position into title and organization.
std::vector<TokenSpan> CollectEntities(const morph::DocView& d, const ner::Annotations& found,
                                       int org, int loc, std::vector<EntityFact>* organizations,
                                       std::vector<EntityFact>* locations);
// «клуб «Бранц»» and «игроки «Бранца»»: an entity none of whose mentions is
// written as its name joins one the article writes in the nominative, when
// each of its mentions is written as that name and at most two more letters
// (not a guess from the ending, «Бранец»). Adds to *renamed the variants'
// names, each with the name it became.
void MergeEndingVariants(const Doc& doc, std::vector<EntityFact>* list,
                         std::map<std::string, std::string>* renamed);
// «ТУСУР» and its full name are one organization: the abbreviation's
// mentions join the full name's.
void MergeAbbreviations(const Doc& doc, std::vector<EntityFact>* organizations);

}  // namespace kto::facts::internal
