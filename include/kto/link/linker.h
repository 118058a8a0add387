// kto/link/linker.h — who is who across articles: each person of an analyzed
// article is linked to a person of the knowledge base (the store) or becomes
// a new one.
//
//   auto linker = link::Linker::Create(store.get());
//   auto ids = linker->Link(analysis, "2026-03-01T00:00:00Z");  // one id per person
//   store->WriteAnalysis(link::ToStoreAnalysis(article_id, doc, title_cp, analysis, *ids));
//
// Candidates are the KB persons with the same surname (store match key; a
// woman's form stays apart from a man's: different persons). Each candidate
// is scored (link/score.h, ScoreCandidate):
//   * names: a conflicting first name, patronymic (full or initial) or
//     gender excludes the candidate; equal full parts score more than an
//     initial matching a full name, which scores more than a part missing;
//   * positions: the same title and organization, the same title, the same
//     organization; positions the article gives that share nothing with the
//     candidate's (and no other context) count against;
//   * context: organizations, places and other persons' surnames shared with
//     the candidate's latest articles;
//   * time: a candidate not seen for more than two years counts a little
//     against.
// The best candidate (ties: more articles, then the smaller id) is taken when
// its score reaches LinkOptions::threshold; a bare surname («Кедров») takes
// the best candidate unless its score is negative. Otherwise a new person is
// created. A linked person's name grows with what the article adds (a full
// first name over an initial, a patronymic, the gender), and every name form
// the article uses is kept as an alias.
//
// Linking is deterministic: the same store and the same articles in the same
// order give the same ids. Families («Ивановы») and groups are not persons:
// their id is 0 and they are not stored.
//
// A Linker keeps a profile of every person it has looked at (positions,
// article count, first/last seen, the context of their last
// LinkOptions::context_articles articles), read from the store once and then
// kept up to date by Link() itself, so that linking does not query a
// frequent person's thousands of articles again for every article; a
// profile whose article count differs from the store's (another process
// wrote the person) is read again. After a failed Link() or a rolled-back
// transaction, make a new Linker.
//
// Several processes may link into one store (PostgreSQL): Link() first
// takes the store's locks of the article's surnames (Store::LockKeys), so
// that the decision to create a person is made by one of them at a time.
//
// Thread safety: a Linker uses its Store, which is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "kto/facts/article.h"
#include "kto/link/article_text.h"
#include "kto/status.h"
#include "kto/store/store.h"
#include "kto/text/doc.h"

namespace kto::link {

namespace internal {
struct ArticleSide;  // score.h
struct NameParts;
}  // namespace internal

// The version of the analysis + linking the ingestion writes
// (store::ArticleAnalysis::analysis_version); raise it when either changes
// what it writes, so that stored articles are analyzed again. 2: issue 16's
// panels (persons that are organizations or adjectives left out, derived
// places, posts' organizations from context, spelling-keyed surnames).
inline constexpr int kAnalysisVersion = 2;

struct LinkOptions {
  // The score a candidate needs to be taken (see ScoreCandidate).
  double threshold = 0.3;
  // How many of a candidate's latest articles give its context.
  size_t context_articles = 20;
  // How many persons' profiles the linker keeps between articles; beyond
  // that it forgets them all and reads them back from the store as needed.
  // It bounds a long-lived linker's memory (a server's writer, an ingest of
  // millions of articles): a profile holds up to `context_articles` articles'
  // organizations, places and co-mentioned surnames.
  size_t max_profiles = 10000;
};

class Linker {
 public:
  // REQUIRES: `store` non-null and outlives the linker.
  static Result<std::unique_ptr<Linker>> Create(store::Store* store,
                                                const LinkOptions& options = {});

  // Links every person of `analysis` (an article dated `date`, ISO-8601 UTC,
  // or empty) and returns their KB ids, one per analysis.persons entry (0 for
  // families and groups). Creates new persons and updates linked ones (name,
  // aliases) in the store; call it in the transaction that writes the
  // article's analysis.
  Result<std::vector<int64_t>> Link(const facts::ArticleAnalysis& analysis,
                                    const std::string& date);

  // The same decisions without writing anything: 0 where Link would create a
  // person (for `kto analyze --db`).
  Result<std::vector<int64_t>> Resolve(const facts::ArticleAnalysis& analysis,
                                       const std::string& date);

 private:
  struct Profile;  // what the linker knows of a KB person (linker.cc)

  Linker(store::Store* store, const LinkOptions& options);
  Result<std::vector<int64_t>> Run(const facts::ArticleAnalysis& analysis, const std::string& date,
                                   bool write);
  // The KB id of one person of the article: the best candidate when it
  // scores enough (its name grown when `write`), else a new person (created
  // when `write`, else 0).
  Result<int64_t> LinkPerson(const internal::ArticleSide& side, bool write);
  // The KB persons the name may be, by id.
  Result<std::vector<store::Person>> Candidates(const internal::NameParts& name, bool one_word,
                                                const std::string& word);
  // The best scoring of `candidates` (*best stays null when none may be the person).
  Status PickBest(const internal::ArticleSide& side, const std::vector<store::Person>& candidates,
                  bool one_word, const std::string& word, const store::Person** best,
                  double* best_score);
  // Keeps the names the article calls the person by as aliases (aliases_,
  // written at the end of the article).
  void AddAliases(int64_t id, const facts::PersonFact& person, bool with_display_name);
  // Keeps the profile of `id` up to date with this article (once per article: counted_).
  Status CountArticle(int64_t id, const internal::ArticleSide& side,
                      const std::vector<std::string>& orgs, const std::vector<std::string>& places);
  // Every surname the article's persons may be looked up or created under,
  // once per spelling key: the names locked (Store::LockKeys) and the
  // candidates read (FetchCandidates) before any person is linked.
  static std::vector<std::string> LookupWords(const facts::ArticleAnalysis& analysis);
  // Reads the persons with these surnames into by_surname_, in one request.
  Status FetchCandidates(const std::vector<std::string>& words);
  // The persons with the surname: from by_surname_, else from the store.
  Result<const std::vector<store::Person>*> PersonsWithSurname(const std::string& surname);
  // Keeps by_surname_ as the store is after this article's creations and
  // updates: a person is filed under its surname's key when that key was read.
  void Remember(store::Person person);
  void Forget(int64_t person_id);
  // The profile of `person_id`, read from the store the first time.
  Result<Profile*> GetProfile(int64_t person_id);

  store::Store* store_;
  LinkOptions options_;
  std::unordered_map<int64_t, std::shared_ptr<Profile>> profiles_;
  std::vector<int64_t> counted_;  // persons whose profile counts the current article already
  // The current article's: candidates by surname spelling key, and aliases to write.
  std::unordered_map<std::string, std::vector<store::Person>> by_surname_;
  std::vector<store::PersonAlias> aliases_;

 public:
  ~Linker();
};

// The store records of an article's analysis: mentions, positions, quotes,
// organizations and places with code point offsets into the article's text
// (or title), as article_text.h gives them. `doc` is what the analyzer read
// (AnalyzedText); `title_code_points` the title's length (0: no title). `person_ids` from Link();
// persons with id 0 are left out.
store::ArticleAnalysis ToStoreAnalysis(int64_t article_id, const Doc& doc, size_t title_code_points,
                                       const facts::ArticleAnalysis& analysis,
                                       const std::vector<int64_t>& person_ids);

}  // namespace kto::link
