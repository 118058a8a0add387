// The Store interface test suite. Every backend runs it: a backend adds one
// entry to kBackends (PostgreSQL: a fresh database on the tests' server,
// src/testing/postgres_test_db.h).
// Texts are about fictional people and places.
#include "kto/store/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "kto/text/case.h"
#include "postgres_test_db.h"
#include "test_util.h"

namespace kto::store {
namespace {

// Words are runs between ASCII spaces and punctuation, lower-cased; a few
// forms also give their lemma, colocated (as the morphology tokenizer does).
class TestTokenizer final : public SearchTokenizer {
 public:
  explicit TestTokenizer(std::string version = "test-1") : version_(std::move(version)) {}
  std::string Version() const override { return version_; }
  void Tokenize(
      std::string_view text,
      const std::function<void(std::string_view, size_t, size_t, bool)>& emit) const override {
    static const std::map<std::string, std::string> kLemmas = {
        {"мостом", "мост"}, {"моста", "мост"}, {"мосты", "мост"}, {"школу", "школа"}};
    auto separator = [](char c) {
      return static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c));
    };
    size_t pos = 0;
    while (pos < text.size()) {
      if (separator(text[pos])) {
        ++pos;
        continue;
      }
      size_t end = pos;
      while (end < text.size() && !separator(text[end])) ++end;
      std::string word;
      text::LowerInto(text.substr(pos, end - pos), &word);
      emit(word, pos, end, false);
      if (auto lemma = kLemmas.find(word); lemma != kLemmas.end())
        emit(lemma->second, pos, end, true);
      pos = end;
    }
  }

 private:
  std::string version_;
};

struct Backend {
  std::string name;
  // The spec of a fresh, empty store inside `dir`, or in `*server`, a
  // database the backend makes on the tests' PostgreSQL server.
  std::function<std::string(const std::filesystem::path& dir,
                            std::unique_ptr<kto::testing::PostgresTestDatabase>* server)>
      spec;
};

// How GoogleTest names a backend in its messages.
void PrintTo(const Backend& backend, std::ostream* out) {
  *out << backend.name;
}

const Backend kBackends[] = {
    {"Sqlite",
     [](const std::filesystem::path& dir, auto*) { return "sqlite:" + (dir / "kto.db").string(); }},
    {"Postgres",
     [](const std::filesystem::path&, std::unique_ptr<kto::testing::PostgresTestDatabase>* server) {
       *server = std::make_unique<kto::testing::PostgresTestDatabase>();
       return (*server)->uri();
     }},
};

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    spec_ = GetParam().spec(dir_.path(), &server_);
    ASSERT_FALSE(spec_.empty()) << "no database for the test";
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
  }

  std::unique_ptr<Store> OpenStore() { return OpenStore(tokenizer_); }
  std::unique_ptr<Store> OpenStore(std::shared_ptr<const SearchTokenizer> tokenizer) {
    StoreOptions options;
    options.clock = [this] { return now_; };
    options.search_tokenizer = std::move(tokenizer);
    auto store = Open(spec_, options);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  static ArticleInput MakeArticle(std::string id, std::string text, std::string url = "") {
    ArticleInput a;
    a.external_id = std::move(id);
    a.url = std::move(url);
    a.source = "Северский вестник";
    a.published_at = "2026-11-20T09:00:00Z";
    a.title = "Новости Кедровска";
    a.text = std::move(text);
    return a;
  }

  UpsertResult Upsert(const ArticleInput& a) {
    auto r = store_->UpsertArticle(a);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : UpsertResult{};
  }

  int64_t NewPerson(const std::string& surname, const std::string& first) {
    Person p;
    p.surname = surname;
    p.first_name = first;
    p.gender = "m";
    p.display_name = first + " " + surname;
    auto id = store_->CreatePerson(p);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }

  Article Get(int64_t id) {
    auto a = store_->GetArticle(id);
    EXPECT_TRUE(a.ok() && a->has_value());
    return a.ok() && a->has_value() ? **a : Article{};
  }

  // An analysis with one mention of `person` and a position.
  static ArticleAnalysis SimpleAnalysis(int64_t article, int64_t person, std::string title,
                                        int version = 1) {
    ArticleAnalysis an;
    an.article_id = article;
    an.analysis_version = version;
    an.mentions.push_back({person, 11, 24, false, "Игорь Кедров", "Игорь Кедров"});
    an.positions.push_back(
        {person, std::move(title), "Северская область", false, 0, 10, "Губернатор"});
    an.quotes.push_back({person, 30, 45, "Мост готов"});
    an.organizations.push_back({"Северский университет", "СевГУ", 50, 55, "СевГУ"});
    an.locations.push_back({"Кедровск", "", 60, 68, "Кедровске", false});
    an.locations.push_back({"Северская область", "", 70, 79, "северские", /*derived=*/true});
    return an;
  }

  testing::TempDir dir_;
  std::unique_ptr<kto::testing::PostgresTestDatabase> server_;  // a PostgreSQL backend's database
  std::string spec_;
  std::string now_ = "2026-12-01T12:00:00Z";
  std::shared_ptr<const SearchTokenizer> tokenizer_ = std::make_shared<TestTokenizer>();
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, FreshStoreHasLatestSchemaAndNoArticles) {
  EXPECT_EQ(store_->SchemaVersion(), LatestSchemaVersion());
  EXPECT_EQ(*store_->CountArticles(), 0);
  EXPECT_FALSE(store_->GetArticle(1)->has_value());
}

TEST_P(StoreTest, ArticleRoundTripsAndSurvivesReopen) {
  const UpsertResult r =
      Upsert(MakeArticle("a1", "Губернатор Игорь Кедров открыл мост.", "https://example.org/a1"));
  EXPECT_EQ(r.outcome, UpsertOutcome::kNew);
  store_.reset();
  store_ = OpenStore();
  const Article a = Get(r.article_id);
  EXPECT_EQ(a.external_id, "a1");
  EXPECT_EQ(a.url, "https://example.org/a1");
  EXPECT_EQ(a.source, "Северский вестник");
  EXPECT_EQ(a.published_at, "2026-11-20T09:00:00Z");
  EXPECT_EQ(a.title, "Новости Кедровска");
  EXPECT_EQ(a.text, "Губернатор Игорь Кедров открыл мост.");
  EXPECT_EQ(a.content_hash, ContentHash(a.text));
  EXPECT_TRUE(a.needs_analysis);
  EXPECT_EQ(a.analysis_version, 0);
  EXPECT_EQ(a.ingested_at, "2026-12-01T12:00:00Z");
  EXPECT_EQ(store_->FindArticleByExternalId("a1")->value().id, r.article_id);
  EXPECT_FALSE(store_->FindArticleByExternalId("nope")->has_value());
}

TEST_P(StoreTest, SameIdTwiceChangesNothing) {
  const UpsertResult first =
      Upsert(MakeArticle("a1", "Мэр Лесногорска Анна Зимина открыла школу."));
  const Article before = Get(first.article_id);
  now_ = "2026-12-02T08:00:00Z";
  ArticleInput again = MakeArticle("a1", "Мэр Лесногорска Анна Зимина открыла школу.");
  again.title = "Другой заголовок";  // metadata alone does not make a new version
  const UpsertResult second = Upsert(again);
  EXPECT_EQ(second.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(second.article_id, first.article_id);
  const Article after = Get(first.article_id);
  EXPECT_EQ(after.updated_at, before.updated_at);
  EXPECT_EQ(after.title, before.title);
  EXPECT_EQ(*store_->CountArticles(), 1);
}

TEST_P(StoreTest, SameUrlTwiceChangesNothing) {
  const UpsertResult first = Upsert(MakeArticle("", "Текст о мосте.", "https://example.org/most"));
  const UpsertResult second = Upsert(MakeArticle("", "Текст о мосте.", "https://example.org/most"));
  EXPECT_EQ(second.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(second.article_id, first.article_id);
  EXPECT_EQ(*store_->CountArticles(), 1);
}

TEST_P(StoreTest, SameNormalizedContentTwiceChangesNothing) {
  const UpsertResult first =
      Upsert(MakeArticle("feed-1", "Совет  округа\nсобрался.", "https://a.example/1"));
  // Another id and url, the same text up to white space and Unicode composition
  // («й» decomposed into «и» + U+0306 in «Северный»).
  ArticleInput copy = MakeArticle("feed-2", " Совет округа\u00A0собрался. ", "https://b.example/2");
  const UpsertResult second = Upsert(copy);
  EXPECT_EQ(second.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(second.article_id, first.article_id);
  const UpsertResult third = Upsert(MakeArticle("feed-3", "Северны\u0438\u0306 совет.", ""));
  const UpsertResult fourth = Upsert(MakeArticle("feed-4", "Северный совет.", ""));
  EXPECT_EQ(fourth.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(fourth.article_id, third.article_id);
  EXPECT_EQ(*store_->CountArticles(), 2);
}

TEST_P(StoreTest, ChangedTextUnderSameIdIsMarkedForReanalysis) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const UpsertResult first = Upsert(MakeArticle("a1", "Губернатор Игорь Кедров открыл мост."));
  ASSERT_TRUE(store_->WriteAnalysis(SimpleAnalysis(first.article_id, kedrov, "губернатор")).ok());
  EXPECT_FALSE(Get(first.article_id).needs_analysis);
  EXPECT_TRUE(store_->ArticlesToAnalyze(1, 10)->empty());

  now_ = "2026-12-03T10:00:00Z";
  const UpsertResult second =
      Upsert(MakeArticle("a1", "Губернатор Игорь Кедров открыл два моста."));
  EXPECT_EQ(second.outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(second.article_id, first.article_id);
  const Article a = Get(first.article_id);
  EXPECT_TRUE(a.needs_analysis);
  EXPECT_EQ(a.text, "Губернатор Игорь Кедров открыл два моста.");
  EXPECT_EQ(a.updated_at, "2026-12-03T10:00:00Z");
  EXPECT_EQ(a.ingested_at, "2026-12-01T12:00:00Z");
  EXPECT_EQ(*store_->ArticlesToAnalyze(1, 10), std::vector<int64_t>{first.article_id});
  // The old analysis stays until the new one replaces it.
  EXPECT_EQ(store_->ArticleMentions(first.article_id)->size(), 1u);

  ArticleAnalysis redo;
  redo.article_id = first.article_id;
  redo.analysis_version = 2;
  redo.mentions.push_back({kedrov, 11, 23, false, "Игорь Кедров", "Игорь Кедров"});
  redo.mentions.push_back({kedrov, 0, 6, true, "Кедров", "Кедров"});
  ASSERT_TRUE(store_->WriteAnalysis(redo).ok());
  const auto mentions = *store_->ArticleMentions(first.article_id);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_TRUE(mentions[0].in_title);
  EXPECT_EQ(mentions[1].start, 11);
  EXPECT_EQ(mentions[1].end, 23);
  EXPECT_TRUE(store_->ArticleQuotes(first.article_id)->empty());
  EXPECT_TRUE(store_->PersonPositions(kedrov, SIZE_MAX)->empty());  // its only evidence is gone
  EXPECT_EQ(Get(first.article_id).analysis_version, 2);
  EXPECT_FALSE(Get(first.article_id).needs_analysis);
}

TEST_P(StoreTest, FailedAnalysisWriteLeavesNothingHalfWritten) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const UpsertResult art = Upsert(MakeArticle("a1", "Губернатор Игорь Кедров открыл мост."));
  ASSERT_TRUE(store_->WriteAnalysis(SimpleAnalysis(art.article_id, kedrov, "губернатор")).ok());
  Upsert(MakeArticle("a1", "Губернатор Игорь Кедров закрыл мост."));  // changed: re-analysis

  // The new analysis fails half-way: its last mention names a person that
  // does not exist, after the old rows were deleted and new ones inserted.
  ArticleAnalysis bad = SimpleAnalysis(art.article_id, kedrov, "мэр", 2);
  bad.organizations.push_back({"Лесногорский завод", "", 70, 80, "завода"});
  bad.mentions.push_back({kedrov + 1000, 30, 36, false, "Кедров", "Кедров"});
  const Status status = store_->WriteAnalysis(bad);
  EXPECT_FALSE(status.ok());

  const Article a = Get(art.article_id);
  EXPECT_TRUE(a.needs_analysis);
  EXPECT_EQ(a.analysis_version, 1);
  const auto mentions = *store_->ArticleMentions(art.article_id);
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].start, 11);
  const auto positions = *store_->PersonPositions(kedrov, SIZE_MAX);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].title, "губернатор");
  EXPECT_EQ(store_->ArticleQuotes(art.article_id)->size(), 1u);
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {}), 1);
}

TEST_P(StoreTest, TransactionRollsBackTheWholeBatch) {
  const Status status = store_->Transaction([&] {
    Upsert(MakeArticle("b1", "Первая статья о Кедровске."));
    Upsert(MakeArticle("b2", "Вторая статья о Кедровске."));
    return Status::IoError("the batch failed");
  });
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(*store_->CountArticles(), 0);

  ASSERT_TRUE(store_
                  ->Transaction([&] {
                    Upsert(MakeArticle("b1", "Первая статья о Кедровске."));
                    // A failed inner transaction undoes only its own writes.
                    EXPECT_FALSE(store_
                                     ->Transaction([&] {
                                       Upsert(MakeArticle("b2", "Вторая статья о Кедровске."));
                                       return Status::InvalidInput("bad article");
                                     })
                                     .ok());
                    Upsert(MakeArticle("b3", "Третья статья о Кедровске."));
                    return Status();
                  })
                  .ok());
  EXPECT_EQ(*store_->CountArticles(), 2);
  EXPECT_TRUE(store_->FindArticleByExternalId("b1")->has_value());
  EXPECT_FALSE(store_->FindArticleByExternalId("b2")->has_value());
  EXPECT_TRUE(store_->FindArticleByExternalId("b3")->has_value());
}

TEST_P(StoreTest, RejectsBadArticles) {
  EXPECT_EQ(store_->UpsertArticle(MakeArticle("x", " \n\t ")).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->UpsertArticle(MakeArticle("x", "Кедр\xC0\xAF")).status().code(),
            StatusCode::kInvalidInput);
  ArticleInput bad_date = MakeArticle("x", "Текст.");
  bad_date.published_at = "28 ноября";
  EXPECT_EQ(store_->UpsertArticle(bad_date).status().code(), StatusCode::kInvalidInput);
  // Valid UTF-8 that PostgreSQL's text cannot hold: refused by both stores.
  const auto nul = store_->UpsertArticle(MakeArticle("x", std::string("Кедров\0Лесин", 23)));
  EXPECT_EQ(nul.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(nul.status().message().find("U+0000"), std::string::npos) << nul.status().message();
  EXPECT_EQ(*store_->CountArticles(), 0);
}

TEST_P(StoreTest, PersonsAliasesAndSurnameLookup) {
  Person p;
  p.surname = "Алёшин";
  p.first_name = "Пётр";
  p.gender = "m";
  p.display_name = "Пётр Алёшин";
  const int64_t id = *store_->CreatePerson(p);
  const int64_t other = NewPerson("Зимин", "Олег");
  EXPECT_NE(id, other);
  ASSERT_EQ(store_->FindPersonsBySurname("АЛЕШИН")->size(), 1u);
  EXPECT_EQ(store_->FindPersonsBySurname("алёшин")->at(0).id, id);
  EXPECT_TRUE(store_->FindPersonsBySurname("Кедров")->empty());
  // Other spellings of a transcribed surname are candidates too.
  const int64_t kassiev = NewPerson("Кассиев", "Тимур");
  ASSERT_EQ(store_->FindPersonsBySurname("Касиев")->size(), 1u);
  EXPECT_EQ(store_->FindPersonsBySurname("Касиев")->at(0).id, kassiev);
  EXPECT_EQ(store_->FindPersonsByName({"Касиев"}, 5)->size(), 1u);

  // The canonical name grows when a fuller form appears.
  p.id = id;
  p.patronymic = "Ильич";
  p.display_name = "Пётр Ильич Алёшин";
  ASSERT_TRUE(store_->UpdatePerson(p).ok());
  EXPECT_EQ(store_->GetPerson(id)->value().patronymic, "Ильич");
  EXPECT_EQ(store_->GetPerson(id)->value().display_name, "Пётр Ильич Алёшин");
  p.id = 999999;
  EXPECT_EQ(store_->UpdatePerson(p).code(), StatusCode::kNotFound);
  p.gender = "x";
  EXPECT_EQ(store_->CreatePerson(p).status().code(), StatusCode::kInvalidInput);

  ASSERT_TRUE(store_->AddAlias(id, "П. И. Алёшин").ok());
  ASSERT_TRUE(store_->AddAlias(id, "П. И. Алёшин").ok());
  ASSERT_TRUE(store_->AddAlias(id, "Алёшин").ok());
  EXPECT_EQ(*store_->Aliases(id), (std::vector<std::string>{"Алёшин", "П. И. Алёшин"}));

  // Many at once, as the linker writes an article's: repeats within the
  // call and with the store are no-ops.
  ASSERT_TRUE(store_
                  ->AddAliases({{other, "Зимин"},
                                {id, "Алёшин"},
                                {other, "О. Зимин"},
                                {other, "Зимин"},
                                {id, "Пётр Алёшин"}})
                  .ok());
  EXPECT_EQ(*store_->Aliases(id),
            (std::vector<std::string>{"Алёшин", "П. И. Алёшин", "Пётр Алёшин"}));
  EXPECT_EQ(*store_->Aliases(other), (std::vector<std::string>{"Зимин", "О. Зимин"}));
  EXPECT_TRUE(store_->AddAliases({}).ok());
}

TEST_P(StoreTest, SurnamesLookedUpTogetherGiveEachPersonOnceById) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const int64_t zimin = NewPerson("Зимин", "Олег");
  NewPerson("Лесин", "Павел");
  const int64_t kassiev = NewPerson("Кассиев", "Тимур");
  const int64_t kedrov2 = NewPerson("Кедров", "Пётр");
  auto found = store_->FindPersonsBySurnames({"Кедров", "ЗИМИН", "Касиев", "кедров", "Нет"});
  ASSERT_TRUE(found.ok()) << found.status().message();
  std::vector<int64_t> ids;
  for (const Person& p : *found) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{kedrov, zimin, kassiev, kedrov2}));
  EXPECT_TRUE(store_->FindPersonsBySurnames({})->empty());
}

TEST_P(StoreTest, PersonsAndPositionSummariesOfManyInOneRequest) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const int64_t zimina = NewPerson("Зимина", "Анна");
  const int64_t lesin = NewPerson("Лесин", "Павел");  // no positions
  const int64_t a = Upsert(MakeArticle("k1", "Губернатор Игорь Кедров.")).article_id;
  const int64_t b = Upsert(MakeArticle("z1", "Мэр Анна Зимина.")).article_id;
  ASSERT_TRUE(store_->WriteAnalysis(SimpleAnalysis(a, kedrov, "губернатор")).ok());
  ArticleAnalysis two = SimpleAnalysis(b, zimina, "мэр");
  two.positions.push_back({zimina, "депутат", "Областная дума", false, 0, 5, "Депутат"});
  ASSERT_TRUE(store_->WriteAnalysis(two).ok());

  // In the order given, each once, the unknown id left out.
  auto persons = store_->GetPersons({zimina, 999999, kedrov, zimina, lesin});
  ASSERT_TRUE(persons.ok()) << persons.status().message();
  std::vector<int64_t> ids;
  for (const Person& p : *persons) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{zimina, kedrov, lesin}));
  EXPECT_EQ((*persons)[1].display_name, "Игорь Кедров");
  EXPECT_EQ((*persons)[1].article_count, 1);
  EXPECT_TRUE(store_->GetPersons({})->empty());

  // Grouped by person in the order given, each person's as PersonPositionSummaries.
  auto positions = store_->PositionSummariesOf({zimina, lesin, kedrov});
  ASSERT_TRUE(positions.ok()) << positions.status().message();
  ASSERT_EQ(positions->size(), 3u);
  const auto of_zimina = *store_->PersonPositionSummaries(zimina);
  ASSERT_EQ(of_zimina.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ((*positions)[i].person_id, zimina);
    EXPECT_EQ((*positions)[i].id, of_zimina[i].id);
  }
  EXPECT_EQ((*positions)[2].person_id, kedrov);
  EXPECT_EQ((*positions)[2].title, "губернатор");
  EXPECT_TRUE(store_->PositionSummariesOf({lesin})->empty());
}

TEST_P(StoreTest, PositionsAreOrderedByLatestEvidence) {
  const int64_t zimina = NewPerson("Зимина", "Анна");
  auto article = [&](const std::string& id, const std::string& date) {
    ArticleInput a = MakeArticle(id, "Статья " + id + " об Анне Зиминой.");
    a.published_at = date;
    return Upsert(a).article_id;
  };
  const int64_t march = article("m", "2026-03-10T08:00:00Z");
  const int64_t june = article("j", "2026-06-01T08:00:00Z");
  const int64_t april = article("a", "2026-04-15T08:00:00Z");
  auto position = [&](int64_t art, const std::string& title, bool former) {
    ArticleAnalysis an;
    an.article_id = art;
    an.mentions.push_back({zimina, 0, 5, false, "Анна", "Анна"});
    an.positions.push_back({zimina, title, "Лесногорск", former, 6, 10, title});
    ASSERT_TRUE(store_->WriteAnalysis(an).ok());
  };
  position(march, "мэр", false);
  position(april, "мэр", false);
  position(june, "мэр", true);  // «бывший мэр»
  ArticleAnalysis minister;
  minister.article_id = june;
  minister.mentions.push_back({zimina, 0, 5, false, "Анна", "Анна"});
  minister.positions.push_back({zimina, "мэр", "Лесногорск", true, 6, 10, "бывший мэр"});
  minister.positions.push_back(
      {zimina, "министр образования", "Северская область", false, 20, 40, "министр"});
  ASSERT_TRUE(store_->WriteAnalysis(minister).ok());

  const auto positions = *store_->PersonPositions(zimina, SIZE_MAX);
  ASSERT_EQ(positions.size(), 3u);
  // Same last date (june): the one with more evidence first, then by id.
  EXPECT_EQ(positions[0].title, "мэр");
  EXPECT_TRUE(positions[0].former);
  EXPECT_EQ(positions[1].title, "министр образования");
  EXPECT_EQ(positions[1].org, "Северская область");
  EXPECT_EQ(positions[1].first_seen, "2026-06-01T08:00:00Z");
  EXPECT_EQ(positions[2].title, "мэр");
  EXPECT_FALSE(positions[2].former);
  EXPECT_EQ(positions[2].first_seen, "2026-03-10T08:00:00Z");
  EXPECT_EQ(positions[2].last_seen, "2026-04-15T08:00:00Z");
  EXPECT_EQ(positions[2].evidence, (std::vector<int64_t>{march, april}));
}

TEST_P(StoreTest, MentionCountsAndTopPersonsByPeriod) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const int64_t zimina = NewPerson("Зимина", "Анна");
  const int64_t lesin = NewPerson("Лесин", "Олег");
  const char* dates[] = {"2026-01-05T10:00:00Z", "2026-02-05T10:00:00Z", "2026-03-05T10:00:00Z",
                         "2026-03-20T10:00:00Z"};
  std::vector<int64_t> articles;
  for (int i = 0; i < 4; ++i) {
    ArticleInput a = MakeArticle("n" + std::to_string(i), "Новость номер " + std::to_string(i));
    a.published_at = dates[i];
    articles.push_back(Upsert(a).article_id);
  }
  auto mention = [&](int64_t art, std::vector<int64_t> persons) {
    ArticleAnalysis an;
    an.article_id = art;
    int64_t pos = 0;
    for (int64_t p : persons) {
      an.mentions.push_back({p, pos, pos + 3, false, "x", "x"});
      pos += 5;
    }
    ASSERT_TRUE(store_->WriteAnalysis(an).ok());
  };
  mention(articles[0], {kedrov, kedrov, zimina});  // twice in one article: one article
  mention(articles[1], {kedrov});
  mention(articles[2], {kedrov, zimina, lesin});
  mention(articles[3], {zimina, lesin});
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {}), 3);
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {"2026-02-01T00:00:00Z", ""}), 2);
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {"", "2026-02-05T10:00:00Z"}),
            1);  // to is exclusive
  EXPECT_EQ(*store_->CountPersonArticles(lesin, {"2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"}),
            2);
  EXPECT_EQ(*store_->CountPersonArticles(999, {}), 0);

  auto top = *store_->TopPersons({}, 10);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].person_id, kedrov);  // 3 articles; zimina also 3: ties by id
  EXPECT_EQ(top[0].articles, 3);
  EXPECT_EQ(top[1].person_id, zimina);
  EXPECT_EQ(top[2].person_id, lesin);
  top = *store_->TopPersons({"2026-03-01T00:00:00Z", ""}, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].person_id, zimina);
  EXPECT_EQ(top[0].articles, 2);
  EXPECT_EQ(top[1].person_id, lesin);
}

TEST_P(StoreTest, ArticleCountsFollowReanalysisAndReadAnalysisReturnsWhatWasWritten) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const int64_t zimina = NewPerson("Зимина", "Анна");
  const int64_t a = Upsert(MakeArticle("n1", "Губернатор Игорь Кедров открыл мост.")).article_id;
  const int64_t b = Upsert(MakeArticle("n2", "Мэр Анна Зимина и Игорь Кедров.")).article_id;
  ASSERT_TRUE(store_->WriteAnalysis(SimpleAnalysis(a, kedrov, "губернатор")).ok());
  ArticleAnalysis both = SimpleAnalysis(b, kedrov, "губернатор");
  both.mentions.push_back({zimina, 0, 11, false, "Анна Зимина", "Анна Зимина"});
  ASSERT_TRUE(store_->WriteAnalysis(both).ok());
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {}), 2);
  EXPECT_EQ(*store_->CountPersonArticles(zimina, {}), 1);
  // Written again (the same analysis, then one without Кедров): counts follow.
  ASSERT_TRUE(store_->WriteAnalysis(both).ok());
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {}), 2);
  ArticleAnalysis only_zimina;
  only_zimina.article_id = b;
  only_zimina.mentions.push_back({zimina, 0, 11, false, "Анна Зимина", "Анна Зимина"});
  ASSERT_TRUE(store_->WriteAnalysis(only_zimina).ok());
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {}), 1);
  EXPECT_EQ(*store_->CountPersonArticles(zimina, {}), 1);

  auto read = store_->ReadAnalysis(a);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->mentions.size(), 1u);
  EXPECT_EQ(read->mentions[0].text, "Игорь Кедров");
  ASSERT_EQ(read->positions.size(), 1u);
  EXPECT_EQ(read->positions[0].title, "губернатор");
  ASSERT_EQ(read->organizations.size(), 1u);
  EXPECT_EQ(read->organizations[0].abbr, "СевГУ");
  ASSERT_EQ(read->locations.size(), 2u);
  EXPECT_FALSE(read->locations[0].derived);
  EXPECT_TRUE(read->locations[1].derived);  // «северские» of Северская область
  EXPECT_FALSE(read->organizations[0].derived);
  ASSERT_EQ(read->quotes.size(), 1u);
  EXPECT_EQ(read->quotes[0].article_id, a);
  EXPECT_EQ(store_->ReadAnalysis(999).status().code(), StatusCode::kNotFound);

  auto context = store_->GetPersonContext(kedrov, 5);
  ASSERT_TRUE(context.ok());
  EXPECT_EQ(context->articles, 1);
  EXPECT_EQ(context->locations, (std::vector<std::string>{"Кедровск", "Северская область"}));
  auto summaries = store_->PersonPositionSummaries(kedrov);
  ASSERT_TRUE(summaries.ok());
  ASSERT_EQ(summaries->size(), 1u);
  EXPECT_EQ((*summaries)[0].evidence_count, 1);
  EXPECT_TRUE((*summaries)[0].evidence.empty());

  // What WriteAnalysis kept through the re-analyses is what kto check expects;
  // with nothing to repair, repair does nothing.
  auto report = store_->Check(/*repair=*/true);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->schema_version, LatestSchemaVersion());
  EXPECT_TRUE(report->repaired.empty());
  EXPECT_TRUE(report->problems.empty()) << report->problems.front();
}

// What a store holds, as its readers see it, for comparing two stores.
std::string Contents(Store& store, const std::vector<int64_t>& articles, int64_t persons) {
  std::string out;
  for (int64_t id : articles) {
    auto a = store.GetArticle(id);
    auto an = store.ReadAnalysis(id);
    if (!a.ok() || !*a || !an.ok()) return "article " + std::to_string(id) + " missing";
    out += (*a)->external_id + "|" + (*a)->text + "|" + (*a)->content_hash + "\n";
    for (const Mention& m : an->mentions)
      out +=
          "  " + std::to_string(m.person_id) + " " + m.text + " " + std::to_string(m.start) + "\n";
    for (const PositionMention& p : an->positions) out += "  " + p.title + " " + p.org + "\n";
    for (const EntityMention& e : an->locations)
      out += "  " + e.name + (e.derived ? " derived" : "") + "\n";
  }
  for (int64_t id = 1; id <= persons; ++id) {
    auto p = store.GetPerson(id);
    if (!p.ok() || !*p) return "person " + std::to_string(id) + " missing";
    out += (*p)->display_name + " " + std::to_string((*p)->article_count) + "\n";
    const auto aliases = store.Aliases(id);
    const auto with = store.CoMentionedPersons(id, 10);
    if (!aliases.ok() || !with.ok()) return "person " + std::to_string(id) + " unreadable";
    for (const std::string& alias : *aliases) out += "  " + alias + "\n";
    for (const PersonCount& c : *with) out += "  with " + std::to_string(c.person_id) + "\n";
  }
  return out;
}

// Statements of many wide rows (articles: 16 columns, as many rows as a
// statement takes): libpq refuses a statement's parameter description
// longer than 30,000 bytes (4 a parameter) and dropped the connection. And
// tables of more keys than one read takes (2,000): each range read once.
TEST_P(StoreTest, CopiesManyWideRowsToTheOtherBackend) {
  ASSERT_TRUE(store_
                  ->Transaction([&]() -> Status {
                    for (int i = 0; i < 600; ++i) {
                      auto added = store_->UpsertArticle(
                          MakeArticle("w" + std::to_string(i), "Статья " + std::to_string(i)));
                      if (!added.ok()) return added.status();
                    }
                    return Status();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Transaction([&] {
                    for (int i = 0; i < 2100; ++i) NewPerson("Кедров" + std::to_string(i), "Игорь");
                    return Status();
                  })
                  .ok());
  std::unique_ptr<kto::testing::PostgresTestDatabase> other_server;
  const std::string other_spec =
      kBackends[GetParam().name == "Postgres" ? 0 : 1].spec(dir_.path() / "wide", &other_server);
  std::filesystem::create_directories(dir_.path() / "wide");
  auto other = Open(other_spec);
  ASSERT_TRUE(other.ok()) << other.status().message();
  auto copied = CopyStore(*store_, **other);
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  EXPECT_EQ(copied->front().rows, 600);
  EXPECT_EQ(*(*other)->CountArticles(), 600);
  EXPECT_EQ((*other)->GetPerson(2100)->value().surname, "Кедров2099");
  EXPECT_FALSE((*other)->GetPerson(2101)->has_value());
}

TEST_P(StoreTest, CopiesToTheOtherBackendAndBackVerified) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const int64_t zimina = NewPerson("Зимина", "Анна");
  const int64_t a = Upsert(MakeArticle("k1", "Губернатор Игорь Кедров открыл мост.")).article_id;
  const int64_t b = Upsert(MakeArticle("k2", "Мэр Анна Зимина осмотрела мосты.")).article_id;
  ASSERT_TRUE(store_->WriteAnalysis(SimpleAnalysis(a, kedrov, "губернатор")).ok());
  ArticleAnalysis both = SimpleAnalysis(b, zimina, "мэр");
  both.mentions.push_back({kedrov, 0, 5, false, "Кедров", "Кедров"});
  ASSERT_TRUE(store_->WriteAnalysis(both).ok());
  ASSERT_TRUE(store_->AddAlias(kedrov, "Игорь Кедров").ok());
  const std::string before = Contents(*store_, {a, b}, 2);

  // To the other backend, then back into a fresh store of this one.
  const bool postgres = GetParam().name == "Postgres";
  std::unique_ptr<kto::testing::PostgresTestDatabase> other_server, back_server;
  const std::string other_spec =
      kBackends[postgres ? 0 : 1].spec(dir_.path() / "other", &other_server);
  const std::string back_spec = GetParam().spec(dir_.path() / "back", &back_server);
  std::filesystem::create_directories(dir_.path() / "other");
  std::filesystem::create_directories(dir_.path() / "back");
  auto other = Open(other_spec);
  ASSERT_TRUE(other.ok()) << other.status().message();
  auto copied = CopyStore(*store_, **other);
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  ASSERT_EQ(copied->front().table, "articles");
  EXPECT_EQ(copied->front().rows, 2);
  EXPECT_EQ(Contents(**other, {a, b}, 2), before);
  // Not into a store that holds something.
  EXPECT_EQ(CopyStore(*store_, **other).status().code(), StatusCode::kInvalidArgument);
  // The copy goes on with ids of its own after the copied ones.
  auto back = Open(back_spec);
  ASSERT_TRUE(back.ok()) << back.status().message();
  auto returned = CopyStore(**other, **back);
  ASSERT_TRUE(returned.ok()) << returned.status().message();
  for (size_t t = 0; t < copied->size(); ++t)
    EXPECT_EQ((*returned)[t].checksum, (*copied)[t].checksum) << (*copied)[t].table;
  EXPECT_EQ(Contents(**back, {a, b}, 2), before);
  EXPECT_EQ(*(*other)->CreatePerson(Person{0, "Лесин", "Олег", "", "m", "Олег Лесин"}), 3);
  // Opened with a tokenizer, the copy builds its full-text index.
  other->reset();
  StoreOptions options;
  options.search_tokenizer = tokenizer_;
  auto indexed = Open(other_spec, options);
  ASSERT_TRUE(indexed.ok()) << indexed.status().message();
  SearchQuery query;
  query.text = "мост";
  auto found = (*indexed)->SearchArticles(query);
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->total, 2);
}

TEST_P(StoreTest, AnalysisOfUnknownArticleOrBadSpanFails) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  EXPECT_EQ(store_->WriteAnalysis(SimpleAnalysis(424242, kedrov, "губернатор")).code(),
            StatusCode::kNotFound);
  const UpsertResult art = Upsert(MakeArticle("a1", "Текст."));
  ArticleAnalysis an = SimpleAnalysis(art.article_id, kedrov, "губернатор");
  an.mentions[0].end = an.mentions[0].start - 1;
  EXPECT_EQ(store_->WriteAnalysis(an).code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(Get(art.article_id).needs_analysis);
}

// `kto panel` reads everything it prints in one ReadTransaction.
TEST_P(StoreTest, ClaimsHoldArticlesUntilWrittenOrTheirTimeRunsOut) {
  const int64_t a1 = Upsert(MakeArticle("c1", "Игорь Кедров открыл мост.")).article_id;
  const int64_t a2 = Upsert(MakeArticle("c2", "Анна Зимина открыла школу.")).article_id;
  const int64_t a3 = Upsert(MakeArticle("c3", "Олег Лесин открыл парк.")).article_id;
  std::unique_ptr<Store> other = OpenStore();  // another worker's connection
  ASSERT_NE(other, nullptr);

  auto mine = store_->ClaimArticlesToAnalyze(1, 2, 60);
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  EXPECT_EQ(*mine, (std::vector<int64_t>{a1, a2}));
  auto theirs = other->ClaimArticlesToAnalyze(1, 10, 60);
  ASSERT_TRUE(theirs.ok()) << theirs.status().message();
  EXPECT_EQ(*theirs, (std::vector<int64_t>{a3}));  // the held ones are skipped
  EXPECT_TRUE(other->ClaimArticlesToAnalyze(1, 10, 60)->empty());

  // Written: done, whatever its hold. The others' holds run out: taken again.
  const int64_t person = NewPerson("Кедров", "Игорь");
  ASSERT_TRUE(store_->WriteAnalysis(SimpleAnalysis(a1, person, "губернатор")).ok());
  now_ = "2026-12-01T12:01:01Z";
  auto again = other->ClaimArticlesToAnalyze(1, 10, 60);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*again, (std::vector<int64_t>{a2, a3}));
  // An article analyzed by an older version is claimed like a new one.
  auto newer = store_->ClaimArticlesToAnalyze(2, 10, 60);
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(*newer, (std::vector<int64_t>{a1}));

  ASSERT_TRUE(store_->HoldArticle(a1, 5).ok());
  EXPECT_EQ(store_->HoldArticle(a3 + 100, 5).code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, ReadTransactionReadsOneSnapshotAndRefusesWrites) {
  Upsert(MakeArticle("a1", "Первая новость Кедровска."));
  std::unique_ptr<Store> other = OpenStore();
  ASSERT_NE(other, nullptr);
  const Status status = store_->ReadTransaction([&]() -> Status {
    EXPECT_EQ(*store_->CountArticles(), 1);
    // Another connection commits meanwhile; this snapshot does not see it.
    EXPECT_TRUE(other->UpsertArticle(MakeArticle("a2", "Вторая новость Кедровска.")).ok());
    EXPECT_EQ(*store_->CountArticles(), 1);
    EXPECT_EQ(store_->UpsertArticle(MakeArticle("a3", "Третья.")).status().code(),
              StatusCode::kInternal);
    Person p;
    p.surname = "Кедров";
    EXPECT_EQ(store_->CreatePerson(p).status().code(), StatusCode::kInternal);
    return Status::NotFound("what the body returns");
  });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->CountArticles(), 2);
  EXPECT_TRUE(store_->FindPersonsBySurname("Кедров")->empty());
}

// First/last seen, period counts, latest quotes and co-mentions come from
// what WriteAnalysis keeps (persons.first_seen/last_seen, person_articles,
// quotes.article_date): they must follow every write, re-analysis and date
// change.
TEST_P(StoreTest, FirstLastSeenPeriodsQuotesAndCoMentionsFollowEveryWrite) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const int64_t zimina = NewPerson("Зимина", "Анна");
  std::vector<int64_t> articles;
  for (const char* date :
       {"2026-03-01T10:00:00Z", "2026-05-01T10:00:00Z", "2026-07-01T10:00:00Z"}) {
    ArticleInput in = MakeArticle(std::string("d") + date, std::string("Новости за ") + date);
    in.published_at = date;
    articles.push_back(Upsert(in).article_id);
  }
  auto both = [&](int64_t article, const std::string& quote) {
    ArticleAnalysis an = SimpleAnalysis(article, kedrov, "губернатор");
    an.quotes[0].text = quote;
    an.mentions.push_back({zimina, 30, 41, false, "Анна Зимина", "Анна Зимина"});
    return an;
  };
  for (size_t i = 0; i < articles.size(); ++i)
    ASSERT_TRUE(store_->WriteAnalysis(both(articles[i], "Цитата " + std::to_string(i))).ok());

  auto context = store_->GetPersonContext(kedrov, 5);
  ASSERT_TRUE(context.ok());
  EXPECT_EQ(context->articles, 3);
  EXPECT_EQ(context->first_seen, "2026-03-01T10:00:00Z");
  EXPECT_EQ(context->last_seen, "2026-07-01T10:00:00Z");
  EXPECT_EQ((*store_->GetPerson(kedrov))->article_count, 3);
  EXPECT_EQ(store_->FindPersonsBySurname("Зимина")->at(0).article_count, 3);
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {"2026-04-01", "2026-08-01"}), 2);
  auto top = store_->TopPersons({"2026-06-01", ""}, 5);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].person_id, kedrov);  // a tie: the smaller id first
  EXPECT_EQ((*top)[0].articles, 1);
  auto quotes = store_->PersonQuotes(kedrov, 2);
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 2u);
  EXPECT_EQ((*quotes)[0].quote.text, "Цитата 2");
  EXPECT_EQ((*quotes)[0].date, "2026-07-01T10:00:00Z");
  EXPECT_EQ((*quotes)[1].quote.text, "Цитата 1");
  auto co = store_->CoMentionedPersons(kedrov, 5);
  ASSERT_TRUE(co.ok());
  ASSERT_EQ(co->size(), 1u);
  EXPECT_EQ((*co)[0].person_id, zimina);
  EXPECT_EQ((*co)[0].articles, 3);
  EXPECT_EQ((*store_->CoMentionedPersons(zimina, 5))[0].person_id, kedrov);
  // Written again unchanged: the pair's count stays.
  ASSERT_TRUE(store_->WriteAnalysis(both(articles[1], "Цитата 1")).ok());
  EXPECT_EQ((*store_->CoMentionedPersons(zimina, 5))[0].articles, 3);

  // Re-analysis: Кедров leaves the latest article, Зимина the earliest.
  ArticleAnalysis latest;
  latest.article_id = articles[2];
  latest.mentions.push_back({zimina, 0, 11, false, "Анна Зимина", "Анна Зимина"});
  ASSERT_TRUE(store_->WriteAnalysis(latest).ok());
  ArticleAnalysis earliest = SimpleAnalysis(articles[0], kedrov, "губернатор");
  ASSERT_TRUE(store_->WriteAnalysis(earliest).ok());
  context = store_->GetPersonContext(kedrov, 5);
  EXPECT_EQ(context->articles, 2);
  EXPECT_EQ(context->last_seen, "2026-05-01T10:00:00Z");
  context = store_->GetPersonContext(zimina, 5);
  EXPECT_EQ(context->articles, 2);
  EXPECT_EQ(context->first_seen, "2026-05-01T10:00:00Z");
  EXPECT_EQ(context->last_seen, "2026-07-01T10:00:00Z");
  EXPECT_EQ((*store_->PersonQuotes(kedrov, 1))[0].quote.text, "Цитата 1");
  EXPECT_EQ((*store_->CoMentionedPersons(kedrov, 5))[0].articles, 1);
  top = store_->TopPersons({}, 5);
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].articles, 2);

  // The earliest article is republished later with another text: once
  // re-analyzed, its new date counts.
  ArticleInput moved = MakeArticle(std::string("d") + "2026-03-01T10:00:00Z", "Поправка: новости");
  moved.published_at = "2026-09-01T10:00:00Z";
  ASSERT_EQ(Upsert(moved).outcome, UpsertOutcome::kUpdated);
  ASSERT_TRUE(store_->WriteAnalysis(earliest).ok());
  context = store_->GetPersonContext(kedrov, 5);
  EXPECT_EQ(context->first_seen, "2026-05-01T10:00:00Z");
  EXPECT_EQ(context->last_seen, "2026-09-01T10:00:00Z");
  EXPECT_EQ((*store_->PersonQuotes(kedrov, 1))[0].date, "2026-09-01T10:00:00Z");
  EXPECT_EQ(*store_->CountPersonArticles(kedrov, {"2026-08-01", ""}), 1);

  // Nothing left: no articles, no dates.
  for (int64_t a : articles) {
    ArticleAnalysis none;
    none.article_id = a;
    ASSERT_TRUE(store_->WriteAnalysis(none).ok());
  }
  context = store_->GetPersonContext(kedrov, 5);
  EXPECT_EQ(context->articles, 0);
  EXPECT_EQ(context->first_seen, "");
  EXPECT_EQ(context->last_seen, "");
  EXPECT_TRUE(store_->TopPersons({}, 5)->empty());
  EXPECT_TRUE(store_->CoMentionedPersons(kedrov, 5)->empty());
  EXPECT_TRUE(store_->CoMentionedPersons(zimina, 5)->empty());
}

TEST_P(StoreTest, FindPersonsByNameMatchesAnyPartMostArticlesFirst) {
  auto person = [&](const char* surname, const char* first, const char* patronymic) {
    Person p;
    p.surname = surname;
    p.first_name = first;
    p.patronymic = patronymic;
    p.display_name = std::string(first) + " " + surname;
    return *store_->CreatePerson(p);
  };
  const int64_t ryabov = person("Рябов", "Семён", "Ильич");
  const int64_t semenov = person("Семёнов", "Илья", "");
  const int64_t ilyina = person("Ильина", "Вера", "Семёновна");
  // Ильина in two articles, Семёнов in one.
  for (int i = 0; i < 2; ++i) {
    const int64_t article =
        Upsert(MakeArticle("n" + std::to_string(i), "Текст " + std::to_string(i))).article_id;
    ArticleAnalysis an;
    an.article_id = article;
    an.mentions.push_back({ilyina, 0, 6, false, "Ильина", "Ильина"});
    if (i == 0) an.mentions.push_back({semenov, 0, 6, false, "Семёнов", "Семёнов"});
    ASSERT_TRUE(store_->WriteAnalysis(an).ok());
  }
  auto ids = [&](const std::vector<std::string>& names, size_t limit = 10) {
    auto found = store_->FindPersonsByName(names, limit);
    EXPECT_TRUE(found.ok()) << found.status().message();
    std::vector<int64_t> out;
    for (const Person& p : *found) out.push_back(p.id);
    return out;
  };
  EXPECT_EQ(ids({"СЕМЕН"}), (std::vector<int64_t>{ryabov}));      // a first name, ё as е
  EXPECT_EQ(ids({"семёновна"}), (std::vector<int64_t>{ilyina}));  // a patronymic
  EXPECT_EQ(ids({"Семенов", "Рябов"}), (std::vector<int64_t>{semenov, ryabov}));
  EXPECT_EQ(ids({"Илья", "Ильина", "Ильич", "x", ""}),
            (std::vector<int64_t>{ilyina, semenov, ryabov}));  // most articles first
  EXPECT_EQ(ids({"Илья", "Ильина", "Ильич"}, 2), (std::vector<int64_t>{ilyina, semenov}));
  EXPECT_TRUE(ids({""}).empty());  // not every person without a patronymic
  EXPECT_TRUE(ids({}).empty());
  EXPECT_TRUE(ids({"Рябов"}, 0).empty());

  // Renamed: the keys follow.
  Person renamed = **store_->GetPerson(semenov);
  renamed.first_name = "Пётр";
  ASSERT_TRUE(store_->UpdatePerson(renamed).ok());
  EXPECT_TRUE(ids({"Илья"}).empty());
  EXPECT_EQ(ids({"петр"}), (std::vector<int64_t>{semenov}));
}

TEST_P(StoreTest, ExternalIdsFindAPersonAndBelongToOneOnly) {
  Person p;
  p.surname = "Кедров";
  p.first_name = "Игорь";
  p.patronymic = "Павлович";
  p.gender = "m";
  p.display_name = "Игорь Павлович Кедров";
  p.external_id = "zar-gov-1";
  const int64_t kedrov = *store_->CreatePerson(p);
  auto found = store_->FindPersonByExternalId("zar-gov-1");
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().message();
  EXPECT_EQ((*found)->id, kedrov);
  EXPECT_EQ((*found)->patronymic, "Павлович");
  EXPECT_EQ(store_->GetPerson(kedrov)->value().external_id, "zar-gov-1");
  EXPECT_EQ(store_->FindPersonsBySurname("Кедров")->at(0).external_id, "zar-gov-1");
  EXPECT_FALSE(store_->FindPersonByExternalId("zar-gov-2")->has_value());
  EXPECT_FALSE(store_->FindPersonByExternalId("")->has_value());

  // Persons without one are many; an id taken is refused, by either write.
  const int64_t first = NewPerson("Зимин", "Олег");
  const int64_t second = NewPerson("Зимин", "Пётр");
  EXPECT_EQ(store_->GetPerson(first)->value().external_id, "");
  EXPECT_FALSE(store_->FindPersonByExternalId("")->has_value());
  Person namesake = p;
  namesake.display_name = "Игорь Кедров";
  EXPECT_EQ(store_->CreatePerson(namesake).status().code(), StatusCode::kInvalidInput);
  Person zimin = **store_->GetPerson(second);
  zimin.external_id = "zar-gov-1";
  const Status taken = store_->UpdatePerson(zimin);
  EXPECT_EQ(taken.code(), StatusCode::kInvalidInput);
  EXPECT_NE(taken.message().find("zar-gov-1"), std::string::npos) << taken.message();
  EXPECT_EQ(store_->GetPerson(second)->value().external_id, "");

  // Its own id kept by an update of its name; cleared when the update clears it.
  Person grown = **store_->GetPerson(kedrov);
  grown.display_name = "Игорь Павлович Кедров-Северный";
  ASSERT_TRUE(store_->UpdatePerson(grown).ok());
  EXPECT_EQ(store_->FindPersonByExternalId("zar-gov-1")->value().display_name,
            "Игорь Павлович Кедров-Северный");
  grown.external_id.clear();
  ASSERT_TRUE(store_->UpdatePerson(grown).ok());
  EXPECT_FALSE(store_->FindPersonByExternalId("zar-gov-1")->has_value());
  zimin.external_id = "zar-gov-1";
  EXPECT_TRUE(store_->UpdatePerson(zimin).ok());
}

TEST_P(StoreTest, ImportedPositionsNeedNoEvidenceAndShareRowsWithArticles) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const std::string kRegion = "Заречная область";
  const ImportedPosition governor{"губернатор", kRegion, false, "2021-09-20T00:00:00Z", ""};
  const ImportedPosition mayor{"мэр", "Кедровск", true, "2016-10-01T00:00:00Z",
                               "2021-09-01T00:00:00Z"};
  ASSERT_TRUE(store_->SetImportedPositions(kedrov, {governor, mayor}).ok());
  auto positions = *store_->PersonPositions(kedrov, 10);
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].title, "губернатор");
  EXPECT_TRUE(positions[0].imported);
  EXPECT_FALSE(positions[0].former);
  EXPECT_EQ(positions[0].imported_from, "2021-09-20T00:00:00Z");
  EXPECT_EQ(positions[0].imported_to, "");
  EXPECT_EQ(positions[0].first_seen, "2021-09-20T00:00:00Z");
  EXPECT_EQ(positions[0].last_seen, "2021-09-20T00:00:00Z");
  EXPECT_EQ(positions[0].evidence_count, 0);
  EXPECT_TRUE(positions[0].evidence.empty());
  EXPECT_EQ(positions[1].title, "мэр");
  EXPECT_TRUE(positions[1].former);
  EXPECT_EQ(positions[1].first_seen, "2016-10-01T00:00:00Z");
  EXPECT_EQ(positions[1].last_seen, "2021-09-01T00:00:00Z");
  // The same again changes nothing.
  ASSERT_TRUE(store_->SetImportedPositions(kedrov, {governor, mayor}).ok());
  EXPECT_EQ(store_->PersonPositionSummaries(kedrov)->size(), 2u);

  // An article stating the governor adds its evidence to the imported row.
  ArticleInput in = MakeArticle("g", "Губернатор Заречной области Игорь Кедров открыл мост.");
  in.published_at = "2026-03-01T09:00:00Z";
  const int64_t march = Upsert(in).article_id;
  ArticleAnalysis an;
  an.article_id = march;
  an.mentions.push_back({kedrov, 28, 40, false, "Игорь Кедров", "Игорь Кедров"});
  an.positions.push_back({kedrov, "губернатор", kRegion, false, 0, 27, "Губернатор Заречной"});
  ASSERT_TRUE(store_->WriteAnalysis(an).ok());
  positions = *store_->PersonPositions(kedrov, 10);
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].title, "губернатор");
  EXPECT_TRUE(positions[0].imported);
  EXPECT_EQ(positions[0].evidence_count, 1);
  EXPECT_EQ(positions[0].evidence, (std::vector<int64_t>{march}));
  EXPECT_EQ(positions[0].first_seen, "2021-09-20T00:00:00Z");
  EXPECT_EQ(positions[0].last_seen, "2026-03-01T09:00:00Z");

  // The article's analysis without the post: the imported row stays, dated by the list.
  an.positions.clear();
  ASSERT_TRUE(store_->WriteAnalysis(an).ok());
  positions = *store_->PersonPositions(kedrov, 10);
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].evidence_count, 0);
  EXPECT_EQ(positions[0].last_seen, "2021-09-20T00:00:00Z");

  // A position without dates sorts after every dated one.
  const ImportedPosition deputy{"депутат", "", false, "", ""};
  ASSERT_TRUE(store_->SetImportedPositions(kedrov, {deputy, governor, mayor}).ok());
  positions = *store_->PersonPositionSummaries(kedrov);
  ASSERT_EQ(positions.size(), 3u);
  EXPECT_EQ(positions[2].title, "депутат");
  EXPECT_EQ(positions[2].first_seen, "");
  EXPECT_EQ(positions[2].last_seen, "");

  // A list without the governor: the row goes unless an article states it.
  an.positions.push_back({kedrov, "губернатор", kRegion, false, 0, 27, "Губернатор Заречной"});
  ASSERT_TRUE(store_->WriteAnalysis(an).ok());
  ASSERT_TRUE(store_->SetImportedPositions(kedrov, {deputy}).ok());
  positions = *store_->PersonPositionSummaries(kedrov);
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].title, "губернатор");
  EXPECT_FALSE(positions[0].imported);
  EXPECT_EQ(positions[0].imported_from, "");
  EXPECT_EQ(positions[0].first_seen, "2026-03-01T09:00:00Z");
  EXPECT_EQ(positions[1].title, "депутат");
  ASSERT_TRUE(store_->SetImportedPositions(kedrov, {}).ok());
  positions = *store_->PersonPositionSummaries(kedrov);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].title, "губернатор");
}

TEST_P(StoreTest, BadImportedPositionsWriteNothing) {
  const int64_t zimina = NewPerson("Зимина", "Анна");
  const ImportedPosition mayor{"мэр", "Лесногорск", false, "2020-01-01T00:00:00Z", ""};
  ASSERT_TRUE(store_->SetImportedPositions(zimina, {mayor}).ok());
  const std::vector<std::vector<ImportedPosition>> bad = {
      {mayor, {"", "Лесногорск", false, "", ""}},
      {mayor, {"министр", "Северская область", false, "2020-01-01", ""}},
      {mayor, {"министр", "", true, "2024-01-01T00:00:00Z", "2023-01-01T00:00:00Z"}},
      {mayor, {"министр", "\xff", false, "", ""}},
      {mayor, {"министр", "", false, "", ""}, {"министр", "", false, "2021-01-01T00:00:00Z", ""}},
  };
  for (const auto& positions : bad) {
    EXPECT_EQ(store_->SetImportedPositions(zimina, positions).code(), StatusCode::kInvalidInput)
        << positions.back().title;
  }
  EXPECT_EQ(store_->SetImportedPositions(999999, {mayor}).code(), StatusCode::kNotFound);
  const auto positions = *store_->PersonPositionSummaries(zimina);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].title, "мэр");
  EXPECT_EQ(positions[0].imported_from, "2020-01-01T00:00:00Z");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& p) { return p.param.name; });

// ---- listings and full-text search ------------------------------------------

// Texts of one search: the match pieces and the whole snippet.
std::vector<std::string> Matches(const Highlighted& h) {
  std::vector<std::string> out;
  for (const auto& [piece, match] : h.pieces)
    if (match) out.push_back(piece);
  return out;
}

std::string Joined(const Highlighted& h) {
  std::string out;
  for (const auto& piece : h.pieces) out += piece.first;
  return out;
}

std::vector<std::string> Ids(const std::vector<SearchHit>& hits) {
  std::vector<std::string> out;
  for (const SearchHit& h : hits) out.push_back(h.article.external_id);
  return out;
}

std::vector<std::string> Ids(const std::vector<ArticleSummary>& articles) {
  std::vector<std::string> out;
  for (const ArticleSummary& a : articles) out.push_back(a.external_id);
  return out;
}

class SearchTest : public StoreTest {
 protected:
  // Stores and analyzes an article of `date` mentioning `person` (0: nobody).
  int64_t Analyzed(const std::string& id, const std::string& date, const std::string& text,
                   int64_t person = 0, const std::string& title = "Вести") {
    ArticleInput a = MakeArticle(id, text);
    a.published_at = date;
    a.title = title;
    const int64_t article = Upsert(a).article_id;
    ArticleAnalysis analysis;
    analysis.article_id = article;
    if (person != 0) analysis.mentions.push_back({person, 0, 4, false, "Кедров", "Кедров"});
    EXPECT_TRUE(store_->WriteAnalysis(analysis).ok());
    return article;
  }

  SearchResult Search(const std::string& text, int64_t person = 0, Period period = {},
                      size_t limit = 20, size_t offset = 0) {
    SearchQuery q;
    q.text = text;
    q.person_id = person;
    q.period = std::move(period);
    q.limit = limit;
    q.offset = offset;
    auto r = store_->SearchArticles(q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : SearchResult{};
  }
};

TEST_P(SearchTest, FindsEveryFormOfAWordNewestFirstWithSnippets) {
  Analyzed("old", "2026-01-10T08:00:00Z", "Кедров открыл мост через Лесную.");
  Analyzed("new", "2026-03-10T08:00:00Z", "Над мостом через Лесную зажгли огни.");
  Analyzed("mid", "2026-02-10T08:00:00Z", "Школу в Кедровске открыли.");
  Analyzed("title", "2026-02-20T08:00:00Z", "Ремонт закончен.", 0, "Мосты Кедровска");
  Upsert(MakeArticle("unanalyzed", "Ещё один мост."));

  const SearchResult r = Search("Мост");
  EXPECT_EQ(r.total, 3);
  EXPECT_EQ(Ids(r.hits), (std::vector<std::string>{"new", "title", "old"}));
  EXPECT_EQ(r.hits[0].article.date, "2026-03-10T08:00:00Z");
  EXPECT_EQ(r.hits[0].article.title, "Вести");
  EXPECT_EQ(r.hits[0].article.source, "Северский вестник");
  EXPECT_EQ(Matches(r.hits[0].snippet), std::vector<std::string>{"мостом"});
  EXPECT_EQ(Joined(r.hits[0].snippet), "Над мостом через Лесную зажгли огни.");
  EXPECT_EQ(Matches(r.hits[1].snippet), std::vector<std::string>{"Мосты"});
  EXPECT_EQ(Matches(r.hits[2].snippet), std::vector<std::string>{"мост"});

  // Every word must be there.
  EXPECT_EQ(Ids(Search("мост Кедров").hits), std::vector<std::string>{"old"});
  EXPECT_EQ(Search("мост Зимина").total, 0);
  // Punctuation alone has no term: nothing.
  EXPECT_EQ(Search("?!").total, 0);
}

// The snippet is the window of 24 words holding the most matches, with
// context on both sides, «…» where it cuts the text.
TEST_P(SearchTest, SnippetsAreTheWindowWithTheMostMatches) {
  auto text = [](std::vector<int> bridges) {
    std::string t;
    for (int i = 0; i < 60; ++i) {
      const bool bridge = std::find(bridges.begin(), bridges.end(), i) != bridges.end();
      t += std::string(i > 0 ? " " : "") + (bridge ? "мост" : "лес");
    }
    return t + ".";
  };
  Analyzed("middle", "2026-01-10T08:00:00Z", text({5, 40, 44}));
  Analyzed("end", "2026-01-09T08:00:00Z", text({58}));
  const SearchResult r = Search("мост");
  ASSERT_EQ(Ids(r.hits), (std::vector<std::string>{"middle", "end"}));
  // Words 31-54: the two matches and 19 words of context around them.
  std::string middle = "…";
  for (int i = 31; i < 55; ++i)
    middle += std::string(i > 31 ? " " : "") + (i == 40 || i == 44 ? "мост" : "лес");
  EXPECT_EQ(Joined(r.hits[0].snippet), middle + "…");
  EXPECT_EQ(Matches(r.hits[0].snippet), (std::vector<std::string>{"мост", "мост"}));
  // Near the end: the last 24 words and what follows them.
  const std::string end = Joined(r.hits[1].snippet);
  EXPECT_EQ(end.substr(0, std::string("…лес").size()), "…лес");
  EXPECT_EQ(end.substr(end.size() - std::string("мост лес.").size()), "мост лес.");
  EXPECT_EQ(Matches(r.hits[1].snippet), std::vector<std::string>{"мост"});
}

TEST_P(SearchTest, PagesPeriodsAndPersons) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  const int64_t zimina = NewPerson("Зимина", "Анна");
  for (int month = 1; month <= 9; ++month) {
    const std::string date = "2026-0" + std::to_string(month) + "-05T10:00:00Z";
    Analyzed("m" + std::to_string(month), date, "Совет обсудил бюджет " + date,
             month % 2 ? kedrov : zimina);
  }
  SearchResult page = Search("бюджет", 0, {}, 4, 0);
  EXPECT_EQ(page.total, 9);
  EXPECT_EQ(Ids(page.hits), (std::vector<std::string>{"m9", "m8", "m7", "m6"}));
  page = Search("бюджет", 0, {}, 4, 8);
  EXPECT_EQ(Ids(page.hits), std::vector<std::string>{"m1"});
  EXPECT_TRUE(Search("бюджет", 0, {}, 4, 20).hits.empty());

  page = Search("бюджет", 0, {"2026-03-05T10:00:00Z", "2026-06"}, 20, 0);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(Ids(page.hits), (std::vector<std::string>{"m5", "m4", "m3"}));

  page = Search("бюджет", kedrov, {"2026-02-01", ""}, 2, 1);
  EXPECT_EQ(page.total, 4);  // m3, m5, m7, m9
  EXPECT_EQ(Ids(page.hits), (std::vector<std::string>{"m7", "m5"}));

  // No words: the person's articles, without snippets.
  page = Search("", zimina, {}, 3, 1);
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(Ids(page.hits), (std::vector<std::string>{"m6", "m4", "m2"}));
  EXPECT_TRUE(page.hits[0].snippet.pieces.empty());
  EXPECT_EQ(Search(" ", zimina, {"2026-05-01", ""}).total, 2);

  SearchQuery nothing;
  EXPECT_EQ(store_->SearchArticles(nothing).status().code(), StatusCode::kInvalidArgument);
  SearchQuery bad_date;
  bad_date.text = "бюджет";
  bad_date.period.from = "вчера";
  EXPECT_EQ(store_->SearchArticles(bad_date).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(SearchTest, HostileTextsStayText) {
  const std::string hostile =
      "<script>alert(1)</script> \"><img src=x onerror=alert(2)> мост \x1e[ мост ] NEAR(a b)";
  Analyzed("h", "2026-01-10T08:00:00Z", hostile);
  const SearchResult r = Search("мост");
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(Joined(r.hits[0].snippet), hostile);
  EXPECT_EQ(Matches(r.hits[0].snippet), (std::vector<std::string>{"мост", "мост"}));
  // FTS5 syntax in a query is words, never operators.
  for (const char* query : {"мост OR школа", "\"мост", "мост*", "NEAR(мост школа)", "-мост",
                            "title:мост", "мост AND", "(", "^мост", "\x1e"}) {
    SearchQuery q;
    q.text = query;
    auto found = store_->SearchArticles(q);
    EXPECT_TRUE(found.ok()) << query << ": " << found.status().message();
  }
  EXPECT_EQ(Search("мост OR школа").total, 0);  // «or» and «школа» are not there
  EXPECT_EQ(Search("NEAR(a b)").total, 1);      // the words near, a and b are
}

TEST_P(SearchTest, ANewTextReplacesTheIndexedOne) {
  Analyzed("a", "2026-01-10T08:00:00Z", "Кедров открыл мост.");
  EXPECT_EQ(Search("мост").total, 1);
  // Updated text: the old one stays searchable until the new analysis.
  ArticleInput changed = MakeArticle("a", "Кедров открыл школу.");
  changed.published_at = "2026-04-01T08:00:00Z";
  ASSERT_EQ(Upsert(changed).outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(Search("мост").total, 1);
  Analyzed("a", "2026-04-01T08:00:00Z", "Кедров открыл школу.");
  EXPECT_EQ(Search("мост").total, 0);
  const SearchResult r = Search("школа");
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.hits[0].article.date, "2026-04-01T08:00:00Z");
  EXPECT_EQ(Search("школа", 0, {"2026-03-01", ""}).total, 1);
}

// Terms made ahead (in the analysis threads) are what the index gets for
// the texts they were made from, and only for those.
TEST_P(SearchTest, TermsMadeAheadIndexTheTextsTheyWereMadeFor) {
  const SearchTokenizer* tokenizer = store_->TermsTokenizer();
  if (GetParam().name == "Postgres") {
    EXPECT_EQ(tokenizer, nullptr);  // it makes its own terms
    GTEST_SKIP() << "PostgreSQL makes the terms in the database";
  }
  ASSERT_NE(tokenizer, nullptr);
  auto write = [&](const std::string& id, const std::string& text, SearchTerms terms) {
    ArticleInput a = MakeArticle(id, text);
    a.published_at = "2026-01-10T08:00:00Z";
    a.title = "Вести";
    ArticleAnalysis analysis;
    analysis.article_id = Upsert(a).article_id;
    analysis.search_terms = std::make_shared<const SearchTerms>(std::move(terms));
    ASSERT_TRUE(store_->WriteAnalysis(analysis).ok());
  };
  // The text's own terms, and one more («тайна») only they can give.
  SearchTerms made = MakeSearchTerms(*tokenizer, "Вести", "Кедров открыл мост.");
  ASSERT_FALSE(made.text.terms.empty());
  made.text.terms.push_back({"тайна", 0, 6, true});
  write("ahead", "Кедров открыл мост.", made);
  EXPECT_EQ(Ids(Search("тайна").hits), std::vector<std::string>{"ahead"});
  EXPECT_EQ(Ids(Search("мосты").hits), std::vector<std::string>{"ahead"});
  // Terms made from another text are not this text's: it is tokenized.
  SearchTerms other = MakeSearchTerms(*tokenizer, "Вести", "Зимина открыла школу.");
  other.text.terms.push_back({"подмена", 0, 6, true});
  write("other", "Кедров открыл школу.", other);
  EXPECT_EQ(Search("подмена").total, 0);
  EXPECT_EQ(Ids(Search("школа Кедров").hits), std::vector<std::string>{"other"});
}

TEST_P(SearchTest, TheIndexIsRebuiltForAnotherTokenizerOrMissedAnalyses) {
  Analyzed("a", "2026-01-10T08:00:00Z", "Кедров открыл мост.");
  // A store without a tokenizer: no text search, but its analyses count.
  store_ = OpenStore(nullptr);
  SearchQuery q;
  q.text = "мост";
  EXPECT_EQ(store_->SearchArticles(q).status().code(), StatusCode::kInvalidArgument);
  Analyzed("b", "2026-01-11T08:00:00Z", "Зимина открыла мост.");
  store_ = OpenStore();
  EXPECT_EQ(Ids(Search("мост").hits), (std::vector<std::string>{"b", "a"}));

  // Another version: the terms are made again (here: the same ones).
  store_ = OpenStore(std::make_shared<TestTokenizer>("test-2"));
  EXPECT_EQ(Search("мост").total, 2);
  EXPECT_EQ(Search("мостом").total, 2);
}

TEST_P(SearchTest, ListsArticlesQuotesMonthsAndEvidence) {
  const int64_t kedrov = NewPerson("Кедров", "Игорь");
  Analyzed("jan", "2026-01-10T08:00:00Z", "Кедров открыл мост.", kedrov);
  Analyzed("jan2", "2026-01-20T08:00:00Z", "Кедров снова открыл мост.", kedrov);
  Analyzed("mar", "2026-03-10T08:00:00Z", "Кедров открыл школу.", kedrov);
  Analyzed("none", "2026-02-10T08:00:00Z", "Никого.");
  Upsert(MakeArticle("fresh", "Не анализирована."));  // 2026-11-20

  EXPECT_EQ(Ids(*store_->LatestArticles(3, 0)), (std::vector<std::string>{"fresh", "mar", "none"}));
  EXPECT_EQ(Ids(*store_->LatestArticles(3, 3)), (std::vector<std::string>{"jan2", "jan"}));
  EXPECT_EQ(Ids(*store_->PersonArticles(kedrov, 2, 0)), (std::vector<std::string>{"mar", "jan2"}));
  EXPECT_EQ(Ids(*store_->PersonArticles(kedrov, 2, 2)), std::vector<std::string>{"jan"});

  auto months = store_->PersonMonthlyCounts(kedrov);
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ((*months)[0].month, "2026-01");
  EXPECT_EQ((*months)[0].articles, 2);
  EXPECT_EQ((*months)[1].month, "2026-03");
  EXPECT_EQ((*months)[1].articles, 1);

  // Quotes and position evidence, latest first, paged.
  const int64_t a1 = Upsert(MakeArticle("q1", "Первая статья с цитатой.")).article_id;
  const int64_t a2 = Upsert(MakeArticle("q2", "Вторая статья с цитатой.")).article_id;
  ASSERT_TRUE(store_->WriteAnalysis(SimpleAnalysis(a1, kedrov, "губернатор")).ok());
  now_ = "2026-12-02T12:00:00Z";
  ArticleAnalysis second = SimpleAnalysis(a2, kedrov, "губернатор");
  second.quotes.push_back({kedrov, 50, 60, "Вторая цитата"});
  ASSERT_TRUE(store_->WriteAnalysis(second).ok());
  auto quotes = store_->PersonQuotes(kedrov, 2, 1);
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 2u);
  EXPECT_EQ((*quotes)[0].quote.article_id, a2);
  EXPECT_EQ((*quotes)[0].quote.text, "Вторая цитата");
  EXPECT_EQ((*quotes)[1].quote.article_id, a1);

  auto positions = store_->PersonPositionSummaries(kedrov);
  ASSERT_TRUE(positions.ok());
  ASSERT_EQ(positions->size(), 1u);
  auto evidence = store_->PositionEvidenceRows((*positions)[0].id, 5);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 2u);
  EXPECT_EQ((*evidence)[0].article_id, std::max(a1, a2));
  EXPECT_EQ((*evidence)[0].text, "Губернатор");
  EXPECT_EQ((*evidence)[0].start, 0);
  EXPECT_EQ((*evidence)[0].end, 10);
  EXPECT_EQ((*evidence)[0].date, "2026-11-20T09:00:00Z");
  EXPECT_EQ(store_->PositionEvidenceRows((*positions)[0].id, 1)->size(), 1u);

  auto size = store_->SizeBytes();
  ASSERT_TRUE(size.ok());
  EXPECT_GT(*size, 4096);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchTest, ::testing::ValuesIn(kBackends),
                         [](const ::testing::TestParamInfo<Backend>& p) { return p.param.name; });

TEST(ContentHash, IsSha256OfNormalizedText) {
  EXPECT_EQ(ContentHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(ContentHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ContentHash(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  // 56 bytes: the padding needs a second block.
  EXPECT_EQ(ContentHash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(ContentHash("Совет округа собрался"),
            "56d343b15159ae28716690bb0cffc060ced5a4dd95132e34f4a86b59851cfd7b");
  EXPECT_EQ(NormalizeForHash("  Совет\t\n округа\u2009собрался \n"), "Совет округа собрался");
  EXPECT_EQ(ContentHash("Совет округа"), ContentHash("Совет\n\nокруга "));
}

}  // namespace
}  // namespace kto::store
