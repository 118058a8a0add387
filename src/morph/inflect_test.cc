// Inflection of names in all six cases — the operation the name normalizer
// needs («губернатором Владимиром Мазуром» -> «губернатор Владимир Мазур»).
// Each row: a nominative, the grammemes that pick its parse, and the six
// forms nomn, gent, datv, accs, ablt, loct. Both directions are checked: from
// the nominative to every case, and from every case back to the nominative.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "kto/morph/analyzer.h"
#include "test_util.h"

namespace kto::morph {
namespace {

using testing::G;
using testing::TestAnalyzer;

struct NameRow {
  const char* what;
  const char* word;    // as written in a text
  const char* select;  // grammemes of the parse to inflect
  std::array<const char*, 6> forms;
};

const char* const kCases[6] = {"nomn", "gent", "datv", "accs", "ablt", "loct"};

const NameRow kRows[] = {
    {"male first name",
     "Игорь",
     "Name,masc",
     {"игорь", "игоря", "игорю", "игоря", "игорем", "игоре"}},
    {"male first name with ё",
     "Фёдор",
     "Name,masc",
     {"фёдор", "фёдора", "фёдору", "фёдора", "фёдором", "фёдоре"}},
    {"female first name",
     "Ольга",
     "Name,femn",
     {"ольга", "ольги", "ольге", "ольгу", "ольгой", "ольге"}},
    {"female first name",
     "Алёна",
     "Name,femn",
     {"алёна", "алёны", "алёне", "алёну", "алёной", "алёне"}},
    {"surname in -ов",
     "Ершов",
     "Surn,masc",
     {"ершов", "ершова", "ершову", "ершова", "ершовым", "ершове"}},
    {"surname in -ова",
     "Ершова",
     "Surn,femn",
     {"ершова", "ершовой", "ершовой", "ершову", "ершовой", "ершовой"}},
    {"surname in -ский",
     "Кедровский",
     "Surn,masc",
     {"кедровский", "кедровского", "кедровскому", "кедровского", "кедровским", "кедровском"}},
    {"surname in -ская",
     "Кедровская",
     "Surn,femn",
     {"кедровская", "кедровской", "кедровской", "кедровскую", "кедровской", "кедровской"}},
    {"indeclinable surname in -ко",
     "Гончаренко",
     "Surn,Fixd",
     {"гончаренко", "гончаренко", "гончаренко", "гончаренко", "гончаренко", "гончаренко"}},
    {"indeclinable surname in -ых",
     "Белых",
     "Surn,Fixd",
     {"белых", "белых", "белых", "белых", "белых", "белых"}},
    {"foreign surname, man",
     "Шмидт",
     "Surn,masc",
     {"шмидт", "шмидта", "шмидту", "шмидта", "шмидтом", "шмидте"}},
    {"foreign surname, woman",
     "Шмидт",
     "Surn,femn",
     {"шмидт", "шмидт", "шмидт", "шмидт", "шмидт", "шмидт"}},
    {"indeclinable foreign name",
     "Дюбуа",
     "Name,Fixd",
     {"дюбуа", "дюбуа", "дюбуа", "дюбуа", "дюбуа", "дюбуа"}},
    {"patronymic, man",
     "Сергеевич",
     "Patr,masc",
     {"сергеевич", "сергеевича", "сергеевичу", "сергеевича", "сергеевичем", "сергеевиче"}},
    {"patronymic, woman",
     "Ивановна",
     "Patr,femn",
     {"ивановна", "ивановны", "ивановне", "ивановну", "ивановной", "ивановне"}},
    {"unknown surname, predicted",
     "Гражблюк",
     "Surn,masc",
     {"гражблюк", "гражблюка", "гражблюку", "гражблюка", "гражблюком", "гражблюке"}},
    {"position",
     "губернатор",
     "NOUN,anim",
     {"губернатор", "губернатора", "губернатору", "губернатора", "губернатором", "губернаторе"}},
};

// The first parse of `word` whose tag has all of `select`.
const Parse* Pick(const ParseList& list, const std::string& select) {
  const Grammemes want = G(select);
  for (const Parse& p : list)
    if (TestAnalyzer()->TagGrammemes(p.tag).Contains(want)) return &p;
  return nullptr;
}

TEST(Inflect, NamesFromNominativeToEveryCase) {
  for (const NameRow& row : kRows) {
    SCOPED_TRACE(std::string(row.what) + ": " + row.word);
    ParseList list;
    TestAnalyzer()->Analyze(row.word, &list);
    const Parse* p = Pick(list, std::string(row.select) + ",sing,nomn");
    ASSERT_NE(p, nullptr) << "no parse with " << row.select;
    for (int c = 0; c < 6; ++c) {
      const auto form = TestAnalyzer()->Inflect(list, *p, G(kCases[c]));
      ASSERT_TRUE(form.has_value()) << kCases[c];
      EXPECT_EQ(form->word, row.forms[c]) << kCases[c];
      const Grammemes tag = TestAnalyzer()->TagGrammemes(form->tag);
      EXPECT_TRUE(tag.Contains(G(std::string(row.select) + ",sing," + kCases[c]))) << kCases[c];
    }
  }
}

TEST(Inflect, NamesFromEveryCaseBackToNominative) {
  for (const NameRow& row : kRows) {
    for (int c = 0; c < 6; ++c) {
      SCOPED_TRACE(std::string(row.what) + ": " + row.forms[c] + " (" + kCases[c] + ")");
      // Capitalize the form as in a text: names need a capital letter.
      std::string word = row.forms[c];
      if (std::string(row.word) != row.forms[0])
        word = std::string(row.word).substr(0, 2) + word.substr(2);
      ParseList list;
      TestAnalyzer()->Analyze(word, &list);
      // Some parse of that case (an oblique form may also belong to another
      // lexeme, «Игоре» to «Игор») leads back to the nominative.
      const Grammemes want = G(std::string(row.select) + ",sing," + kCases[c]);
      bool found = false, any = false;
      for (const Parse& p : list) {
        if (!TestAnalyzer()->TagGrammemes(p.tag).Contains(want)) continue;
        any = true;
        const auto form = TestAnalyzer()->Inflect(list, p, G("nomn"));
        found |= form.has_value() && form->word == row.forms[0];
      }
      EXPECT_TRUE(any) << word;
      EXPECT_TRUE(found) << word;
    }
  }
}

TEST(Inflect, PhraseToNominative) {
  // «губернатором Владимиром Мазуром» -> «губернатор владимир мазур»
  std::string phrase;
  for (const char* word : {"губернатором", "Владимиром", "Мазуром"}) {
    ParseList list;
    TestAnalyzer()->Analyze(word, &list);
    ASSERT_FALSE(list.empty());
    const auto form = TestAnalyzer()->Inflect(list, list[0], G("nomn"));
    ASSERT_TRUE(form.has_value());
    phrase += (phrase.empty() ? "" : " ") + form->word;
  }
  EXPECT_EQ(phrase, "губернатор владимир мазур");
}

TEST(Inflect, NumberAndImpossibleForms) {
  ParseList list;
  TestAnalyzer()->Analyze("губернатором", &list);
  auto plural = TestAnalyzer()->Inflect(list, list[0], G("plur,datv"));
  ASSERT_TRUE(plural.has_value());
  EXPECT_EQ(plural->word, "губернаторам");
  EXPECT_FALSE(TestAnalyzer()->Inflect(list, list[0], G("VERB")).has_value());
  // Hyphenated words inflect both parts, or only the last one.
  TestAnalyzer()->Analyze("человека-паука", &list);
  EXPECT_EQ(TestAnalyzer()->Inflect(list, list[0], G("ablt"))->word, "человеком-пауком");
  TestAnalyzer()->Analyze("интернет-магазина", &list);
  EXPECT_EQ(TestAnalyzer()->Inflect(list, list[0], G("plur,ablt"))->word, "интернет-магазинами");
  TestAnalyzer()->Analyze("экс-мэра", &list);
  EXPECT_EQ(TestAnalyzer()->Inflect(list, list[0], G("nomn"))->word, "экс-мэр");
  // Numbers and other non-dictionary parses have one form.
  TestAnalyzer()->Analyze("2026", &list);
  EXPECT_EQ(TestAnalyzer()->Inflect(list, list[0], G("NUMB"))->word, "2026");
  EXPECT_FALSE(TestAnalyzer()->Inflect(list, list[0], G("gent")).has_value());
}

TEST(Lexeme, AllFormsLemmaFirst) {
  ParseList list;
  TestAnalyzer()->Analyze("Ольгой", &list);
  ASSERT_FALSE(list.empty());
  const auto forms = TestAnalyzer()->Lexeme(list, list[0]);
  ASSERT_GE(forms.size(), 12u);
  EXPECT_EQ(forms[0].word, "ольга");
  EXPECT_EQ(forms[0].word, list.Lemma(0));
  bool plural_datv = false;
  for (const WordForm& f : forms) plural_datv |= f.word == "ольгам";
  EXPECT_TRUE(plural_datv);
}

}  // namespace
}  // namespace kto::morph
