// Person search over a real SQLite store; fictional persons.
#include "kto/kb/person_search.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "kto/morph/analyzer.h"

namespace kto::kb {
namespace {

namespace fs = std::filesystem;

const morph::Analyzer& Morph() {
  static const auto* analyzer = [] {
    auto opened = morph::Analyzer::Open(KTO_MORPH_DICT_PATH);
    if (!opened.ok()) {
      ADD_FAILURE() << opened.status().message();
      std::abort();
    }
    return new std::shared_ptr<const morph::Analyzer>(std::move(opened).value());
  }();
  return **analyzer;
}

class PersonSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kto_person_search_test." + std::to_string(getpid()) + "." +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = store::Open((dir_ / "kto.db").string());
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  // A person mentioned in `articles` new articles.
  int64_t AddPerson(const std::string& first, const std::string& patronymic,
                    const std::string& surname, const std::string& gender, int articles) {
    store::Person p;
    p.first_name = first;
    p.patronymic = patronymic;
    p.surname = surname;
    p.gender = gender;
    p.display_name = first + (patronymic.empty() ? "" : " " + patronymic) + " " + surname;
    const int64_t id = *store_->CreatePerson(p);
    for (int i = 0; i < articles; ++i) {
      store::ArticleInput a;
      a.external_id = std::to_string(id) + "-" + std::to_string(i);
      a.text = p.display_name + " выступил в Кедровске, статья " + a.external_id;
      const int64_t article = store_->UpsertArticle(a)->article_id;
      store::ArticleAnalysis an;
      an.article_id = article;
      an.mentions.push_back({id, 0, 5, false, surname, surname});
      EXPECT_TRUE(store_->WriteAnalysis(an).ok());
    }
    return id;
  }

  std::vector<int64_t> Search(std::string_view query, size_t limit = 10) {
    auto found = SearchPersons(*store_, Morph(), query, limit);
    EXPECT_TRUE(found.ok()) << query << ": " << found.status().message();
    std::vector<int64_t> ids;
    if (found.ok())
      for (const PanelEntry& e : *found) ids.push_back(e.person_id);
    return ids;
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

using Ids = std::vector<int64_t>;

TEST_F(PersonSearchTest, EveryWrittenFormOfANameFindsThePerson) {
  const int64_t mazur = AddPerson("Владимир", "Владимирович", "Мазур", "m", 3);
  AddPerson("Игорь", "Павлович", "Кедров", "m", 1);
  for (const char* query :
       {"Мазура", "В. Мазур", "мазур", "МАЗУР", "Владимира Владимировича", "Владимир Мазур",
        "Мазуру В.В.", "Мазур Владимир", "Мазур", "Владимиру Мазуру", "Мазуром", "мазур в в",
        "Владимир Владимирович Мазур", "Мазура Владимира Владимировича", "В.В.Мазур",
        "  «Мазур»,  ", "Вл. Мазур"}) {
    EXPECT_EQ(Search(query), Ids{mazur}) << query;
  }
  auto entries = SearchPersons(*store_, Morph(), "Мазура", 5);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].name, "Владимир Владимирович Мазур");
  EXPECT_EQ((*entries)[0].articles, 3);
}

// The entries a panel or a top list shows, read together: in the order
// asked, each with its own last position and count.
TEST_F(PersonSearchTest, PersonEntriesKeepTheOrderAskedAndRefuseAnUnknownId) {
  const int64_t mazur = AddPerson("Владимир", "Владимирович", "Мазур", "m", 3);
  const int64_t kedrov = AddPerson("Игорь", "Павлович", "Кедров", "m", 1);
  store::ArticleInput a;
  a.external_id = "mayor";
  a.text = "Мэр Кедровска Игорь Кедров открыл мост.";
  store::ArticleAnalysis an;
  an.article_id = store_->UpsertArticle(a)->article_id;
  an.mentions.push_back({kedrov, 19, 31, false, "Игорь Кедров", "Игорь Кедров"});
  an.positions.push_back({kedrov, "мэр", "Кедровск", false, 0, 3, "Мэр"});
  ASSERT_TRUE(store_->WriteAnalysis(an).ok());

  auto entries = PersonEntries(*store_, std::vector<int64_t>{kedrov, mazur});
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(PanelLine((*entries)[0]),
            "Игорь Павлович Кедров — Последняя должность: Мэр (Кедровск) — 2");
  EXPECT_EQ(PanelLine((*entries)[1]), "Владимир Владимирович Мазур — 3");
  EXPECT_EQ(PanelLine(*PersonEntry(*store_, kedrov)), PanelLine((*entries)[0]));
  EXPECT_EQ(PersonEntries(*store_, std::vector<int64_t>{mazur, 999}).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(PersonEntries(*store_, std::vector<int64_t>{})->empty());
}

TEST_F(PersonSearchTest, EveryWordMustAgreeWithAnotherPart) {
  AddPerson("Владимир", "Владимирович", "Мазур", "m", 3);
  for (const char* query :
       {"Игорь Мазур", "Мазур Мазур", "Владимир Игоревич", "П. Мазур", "Мазур В. П.",
        "Мазур Владимир Владимирович Иванов", "Мазурович", "Мазу", "М. Владимир"}) {
    EXPECT_TRUE(Search(query).empty()) << query;
  }
}

TEST_F(PersonSearchTest, FemaleSurnamesAndGender) {
  const int64_t kedrova = AddPerson("Анна", "Игоревна", "Кедрова", "f", 2);
  const int64_t kedrov = AddPerson("Игорь", "Павлович", "Кедров", "m", 1);
  const int64_t mazur_f = AddPerson("Алёна", "Петровна", "Мазур", "f", 5);
  const int64_t mazur_m = AddPerson("Владимир", "Владимирович", "Мазур", "m", 3);
  EXPECT_EQ(Search("Кедровой"), Ids{kedrova});
  EXPECT_EQ(Search("Анной Кедровой"), Ids{kedrova});
  EXPECT_EQ(Search("Кедрову"), (Ids{kedrova, kedrov}));  // her accusative, his dative
  EXPECT_EQ(Search("Кедрова"), (Ids{kedrova, kedrov}));  // she, or his genitive
  EXPECT_EQ(Search("Кедровым"), Ids{kedrov});
  // A woman Мазур does not decline.
  EXPECT_EQ(Search("Мазур"), (Ids{mazur_f, mazur_m}));
  EXPECT_EQ(Search("Мазура"), Ids{mazur_m});
  EXPECT_EQ(Search("Алёны Мазур"), Ids{mazur_f});
  EXPECT_EQ(Search("алены мазур"), Ids{mazur_f});
  EXPECT_EQ(Search("АЛЁНА ПЕТРОВНА"), Ids{mazur_f});
  EXPECT_TRUE(Search("Алёны Мазура").empty());
  const int64_t double_surname = AddPerson("Вера", "", "Лебедева-Крылова", "f", 1);
  EXPECT_EQ(Search("Лебедевой-Крыловой"), Ids{double_surname});
  EXPECT_EQ(Search("ВЕРЫ ЛЕБЕДЕВОЙ-КРЫЛОВОЙ"), Ids{double_surname});
}

TEST_F(PersonSearchTest, NamesakesMostArticlesFirst) {
  const int64_t rare = AddPerson("Владимир", "Олегович", "Мазур", "m", 1);
  const int64_t frequent = AddPerson("Владимир", "Владимирович", "Мазур", "m", 4);
  const int64_t middle = AddPerson("Вадим", "Сергеевич", "Мазур", "m", 2);
  const int64_t other = AddPerson("Владимир", "Ильич", "Сосновский", "m", 7);
  EXPECT_EQ(Search("Мазура"), (Ids{frequent, middle, rare}));
  EXPECT_EQ(Search("В. Мазур"), (Ids{frequent, middle, rare}));
  EXPECT_EQ(Search("Владимира Мазура"), (Ids{frequent, rare}));
  EXPECT_EQ(Search("Владимир"), (Ids{other, frequent, rare}));
  EXPECT_EQ(Search("Мазур В.О."), Ids{rare});
  EXPECT_EQ(Search("Мазура", 2), (Ids{frequent, middle}));
  EXPECT_TRUE(Search("Мазура", 0).empty());
}

TEST_F(PersonSearchTest, HostileQueriesFindNobodyQuickly) {
  AddPerson("Владимир", "Владимирович", "Мазур", "m", 1);
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& query :
       {std::string(), std::string("   "), std::string("!!! ... ,,, «»"), std::string("12345"),
        std::string("В. В."), std::string(10000, 'a'), std::string(10000, '.'),
        std::string("Мазур\xff\xfe"), std::string("Мазур'); DROP TABLE persons; --"),
        std::string("%"), std::string("_"), std::string("*"), std::string("а б в г д"),
        std::string(300, ' ') + "Мазур"}) {
    EXPECT_TRUE(Search(query).empty()) << query.substr(0, 40);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(Search("Мазур").size(), 1u);  // the table is still there
}

}  // namespace
}  // namespace kto::kb
