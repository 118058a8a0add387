// The Store interface test suite. Every backend runs it: a backend adds one
// entry to kBackends (PostgreSQL will give a spec for a fresh database).
// Texts are about fictional people and places.
#include "kto/store/store.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "test_util.h"

namespace kto::store {
namespace {

struct Backend {
  std::string name;
  // The spec of a fresh, empty store inside `dir`.
  std::function<std::string(const std::filesystem::path& dir)> spec;
};

const Backend kBackends[] = {
    {"Sqlite",
     [](const std::filesystem::path& dir) { return "sqlite:" + (dir / "kto.db").string(); }},
};

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    spec_ = GetParam().spec(dir_.path());
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
  }

  std::unique_ptr<Store> OpenStore() {
    StoreOptions options;
    options.clock = [this] { return now_; };
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
    an.locations.push_back({"Кедровск", "", 60, 68, "Кедровске"});
    return an;
  }

  testing::TempDir dir_;
  std::string spec_;
  std::string now_ = "2026-12-01T12:00:00Z";
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
  ASSERT_EQ(read->locations.size(), 1u);
  ASSERT_EQ(read->quotes.size(), 1u);
  EXPECT_EQ(read->quotes[0].article_id, a);
  EXPECT_EQ(store_->ReadAnalysis(999).status().code(), StatusCode::kNotFound);

  auto context = store_->GetPersonContext(kedrov, 5);
  ASSERT_TRUE(context.ok());
  EXPECT_EQ(context->articles, 1);
  EXPECT_EQ(context->locations, std::vector<std::string>{"Кедровск"});
  auto summaries = store_->PersonPositionSummaries(kedrov);
  ASSERT_TRUE(summaries.ok());
  ASSERT_EQ(summaries->size(), 1u);
  EXPECT_EQ((*summaries)[0].evidence_count, 1);
  EXPECT_TRUE((*summaries)[0].evidence.empty());
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

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(kBackends),
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
