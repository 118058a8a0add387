// kto/facts/article.h — everything one article tells about who is in it.
//
// ArticleAnalyzer runs the whole single-article pipeline over a Doc:
// tokens and sentences, morphology, named entities and position phrases,
// then names (parsed, normalized, clustered into persons), positions
// attached to persons and split into title and organization, quotes
// attributed to persons, and organizations and places in the nominative
// with abbreviations linked to their full names.
//
//   auto analyzer = facts::ArticleAnalyzer::Create(morph_analyzer, ner_model);
//   facts::ArticleAnalyzer::State state(*analyzer);      // one per thread
//   facts::ArticleAnalysis result = analyzer->Analyze(&doc, &state);
//
// Token ranges refer to doc.tokens; printing code turns them into code
// point offsets.
//
// Thread safety: an ArticleAnalyzer is immutable and shared by all threads;
// each thread owns its State.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kto/facts/position_model.h"
#include "kto/facts/positions.h"
#include "kto/morph/analyzer.h"
#include "kto/morph/doc_morphology.h"
#include "kto/names/cluster.h"
#include "kto/names/person_name.h"
#include "kto/ner/ner.h"
#include "kto/text/doc.h"

namespace kto::facts {

struct MentionFact {
  TokenSpan tokens;
  std::string normal;  // the mention in the nominative: «Томская область», «Игорь Кедров»
  // A place's adjective, not its name: «белорусский» of Беларусь («томские
  // производители» of the article's «Томская область»). It counts as a
  // mention of the place; `normal` is the place's name.
  bool derived = false;
};

struct PositionFact {
  TokenSpan tokens;  // the phrase as written: «министром транспорта Северской области»
  TokenSpan holder;  // the person mention it was attached to
  std::string normal;  // in the nominative: «министр транспорта Северской области»
  std::string title;  // «министр транспорта»
  std::string org;    // «Северская область»; empty when the phrase names none
  bool former = false;
};

// Are the words of post title `shorter` words of `longer`, in order
// («министр» of «министр природных ресурсов», «тренер» of «главный тренер
// клуба»)? Equal titles are. A short post is then the longer one said in
// short: an article's short post of a person takes the fullest such post of
// theirs, and the KB shows the fullest such post of the same days.
bool TitleWithin(std::string_view shorter, std::string_view longer);

struct PersonFact {
  names::PersonName name;             // the fullest name the article gives
  std::vector<MentionFact> mentions;  // in text order
  std::vector<PositionFact> positions;
  std::vector<TokenSpan> quotes;  // the quoted words
};

// The post the article's panel shows for `person`: a current one before a
// former one; of those, the one that says most (an organization named, then
// the longer title: «президент (Вьетнам)» over a bare «министр»); of equals,
// the last. Null when the article gives none.
const PositionFact* MainPosition(const PersonFact& person);

// An organization or a place: one entry per distinct normalized name. A
// place only its adjectives mention has only derived mentions.
struct EntityFact {
  std::string name;  // the nominative of its fullest mention
  std::string abbr;  // «ТУСУР» when the article gives both forms
  std::vector<MentionFact> mentions;
};

struct ArticleAnalysis {
  std::vector<PersonFact> persons;  // in order of first mention
  std::vector<EntityFact> organizations;
  std::vector<EntityFact> locations;
};

class ArticleAnalyzer {
 public:
  // REQUIRES: both non-null; the NER model has the PER, ORG and LOC types.
  // Positions are attached by `positions` (the learned pair scorer) when
  // given, by the rules of AttachPositions otherwise.
  static Result<std::unique_ptr<ArticleAnalyzer>> Create(
      std::shared_ptr<const morph::Analyzer> morphology, std::shared_ptr<const ner::Model> ner,
      std::shared_ptr<const PositionModel> positions = nullptr);

  // Per-thread scratch: the morphology cache, NER state and buffers.
  class State {
   public:
    explicit State(const ArticleAnalyzer& analyzer);
    // Not copied or moved: the NER state points at the morphology cache.
    State(const State&) = delete;
    State& operator=(const State&) = delete;

   private:
    friend class ArticleAnalyzer;
    morph::AnalyzerCache cache_;
    ner::State ner_;
    morph::DocMorphology morphology_;
    ner::Annotations annotations_;
  };

  // Segments `doc` (replacing its tokens and sentences) and analyzes it.
  ArticleAnalysis Analyze(Doc* doc, State* state) const;

  // The same with entity and position spans given (gold annotations, for
  // evaluating the later stages alone). REQUIRES: doc segmented; span types
  // as in the model's EntityTypes().
  ArticleAnalysis AnalyzeWithSpans(Doc* doc, const ner::Annotations& spans, State* state) const;

  // What AttachPositions is given for `doc`: person mentions (trimmed as
  // names are parsed), position phrases and their grammar. With `spans`
  // null, the doc is segmented and tagged by the NER model first; otherwise
  // REQUIRES as for AnalyzeWithSpans. For training the pair scorer.
  struct PositionInputs {
    std::vector<TokenSpan> persons, positions;
    std::vector<SpanGrammar> person_grammar, position_grammar;
    std::vector<int32_t> person_cluster;  // per mention: its person (-1: a group, «американцы»)
  };
  PositionInputs PreparePositions(Doc* doc, const ner::Annotations* spans, State* state) const;

  // Index of `type` («PER», «ORG», «LOC») in the model's entity types, or -1.
  int EntityType(std::string_view type) const;

 private:
  ArticleAnalysis Assemble(Doc* doc, const morph::DocMorphology& morphology,
                           const ner::Annotations& found) const;
  // Also gives the parsed mentions and their clusters when asked.
  PositionInputs Inputs(const Doc& doc, const morph::DocMorphology& morphology,
                        const ner::Annotations& found,
                        std::vector<names::PersonName>* parsed = nullptr,
                        std::vector<names::PersonCluster>* clusters = nullptr) const;
  ArticleAnalyzer(std::shared_ptr<const morph::Analyzer> morphology,
                  std::shared_ptr<const ner::Model> ner,
                  std::shared_ptr<const PositionModel> positions, int per, int org, int loc);

  std::shared_ptr<const morph::Analyzer> morphology_;
  std::shared_ptr<const ner::Model> ner_;
  std::shared_ptr<const PositionModel> positions_;  // null: the rules
  names::NameParser names_;
  int per_type_, org_type_, loc_type_;  // indices into ner::Model::EntityTypes()
};

}  // namespace kto::facts
