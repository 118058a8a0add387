// One test per parse path of the analyzer, on words chosen for it (names in
// the tests are fictional). Expected values are what OpenCorpora and Az.js
// give; the Az.js comparison over whole corpora is oracle_test.cc.
#include "kto/morph/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "kto/morph/doc_morphology.h"
#include "kto/text/segment.h"
#include "test_util.h"

namespace kto::morph {
namespace {

using testing::G;
using testing::Parses;
using testing::TestAnalyzer;
using testing::Top;

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Method TopMethod(const std::string& word) {
  ParseList list;
  TestAnalyzer()->Analyze(word, &list);
  return list.empty() ? Method::kDictionary : list[0].method;
}

TEST(Analyzer, DictionaryWordWithCorpusProbabilities) {
  ParseList list;
  TestAnalyzer()->Analyze("стали", &list);
  ASSERT_GE(list.size(), 3u);
  EXPECT_EQ(list.Lemma(0), "стать");
  EXPECT_EQ(TestAnalyzer()->TagString(list[0].tag), "VERB,perf,intr plur,past,indc");
  EXPECT_EQ(list.Lemma(1), "сталь");
  double total = 0;
  for (const Parse& p : list) {
    EXPECT_EQ(p.method, Method::kDictionary);
    total += p.score;
  }
  EXPECT_NEAR(total, 1.0, 1e-9);  // P(t|w) of every tag, normalized
  EXPECT_GT(list[0].score, 0.9);
  for (size_t i = 1; i < list.size(); ++i) EXPECT_GE(list[i - 1].score, list[i].score);
}

TEST(Analyzer, IssueExampleSurname) {
  EXPECT_EQ(Parses("Мазуром"),
            std::vector<std::string>{"мазур NOUN,anim,masc,Sgtm,Surn sing,ablt"});
  EXPECT_EQ(Top("губернатором"), "губернатор NOUN,anim,masc sing,ablt");
  EXPECT_EQ(Top("Владимиром"), "владимир NOUN,anim,masc,Name sing,ablt");
}

TEST(Analyzer, CaseInsensitiveButNamesNeedACapital) {
  EXPECT_EQ(Top("ГУБЕРНАТОРОМ"), "губернатор NOUN,anim,masc sing,ablt");
  // Name, surname, patronymic and place tags need «Xxxx» spelling, as in Az.js.
  EXPECT_EQ(Top("Игорем"), "игорь NOUN,anim,masc,Name sing,ablt");
  EXPECT_TRUE(Parses("игорем").empty() || Top("игорем").find("Name") == std::string::npos);
  EXPECT_FALSE(Contains(Parses("ИГОРЕМ"), "игорь NOUN,anim,masc,Name sing,ablt"));
}

TEST(Analyzer, YoAndYe) {
  EXPECT_EQ(Top("ёлка"), "ёлка NOUN,inan,femn sing,nomn");
  EXPECT_EQ(Top("елка"), "ёлка NOUN,inan,femn sing,nomn");  // «е» in the text matches «ё»
  EXPECT_EQ(Top("Фёдором"), "фёдор NOUN,anim,masc,Name sing,ablt");
  EXPECT_EQ(Top("Федором"), "фёдор NOUN,anim,masc,Name sing,ablt");
  EXPECT_EQ(Top("еще"), "ещё ADVB");
  // A word spelled with «е» that is also a dictionary word keeps both readings.
  const auto all = Parses("все");
  EXPECT_TRUE(Contains(all, "всё ADVB"));
  EXPECT_TRUE(Contains(all, "весь ADJF,Subx,Apro plur,nomn"));
}

TEST(Analyzer, HyphenatedWords) {
  EXPECT_EQ(Top("интернет-магазина"),
            "интернет-магазин NOUN,inan,masc sing,gent");  // in the dictionary
  EXPECT_EQ(Top("Нью-Йорке"), "нью-йорк NOUN,inan,masc,Geox sing,loct");
  // Both parts inflect and agree.
  ParseList list;
  TestAnalyzer()->Analyze("человека-паука", &list);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0].method, Method::kHyphenWords);
  EXPECT_EQ(list.Lemma(0), "человек-паук");
  // Only the last part inflects.
  EXPECT_EQ(list.Lemma(2), "человека-паук");
  EXPECT_EQ(list[2].method, Method::kHyphenFixed);
  // «по-» + dative adjective, and particles.
  EXPECT_EQ(Top("по-новому"), "по-новому ADVB");
  EXPECT_EQ(Top("смотри-ка"), "смотреть-ка VERB,impf,tran sing,impr,excl");
  EXPECT_EQ(TopMethod("смотри-ка"), Method::kHyphenParticle);
}

TEST(Analyzer, KnownAndUnknownPrefixes) {
  ParseList list;
  TestAnalyzer()->Analyze("экс-мэра", &list);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0].method, Method::kKnownPrefix);
  EXPECT_EQ(list.Lemma(0), "экс-мэр");
  EXPECT_EQ(TestAnalyzer()->TagString(list[0].tag), "NOUN,anim,masc sing,gent");
  EXPECT_EQ(Top("квазимэрии"), "квазимэрия NOUN,inan,femn sing,gent");
  EXPECT_EQ(TopMethod("квазимэрии"), Method::kKnownPrefix);
  // An unknown beginning before a dictionary word (with suffix predictions beside it).
  TestAnalyzer()->Analyze("бзмэрией", &list);
  bool unknown_prefix = false;
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i].method == Method::kUnknownPrefix && list.Lemma(i) == "бзмэрия")
      unknown_prefix = true;
  EXPECT_TRUE(unknown_prefix);
  EXPECT_EQ(Top("бзмэрией"), "бзмэрия NOUN,inan,femn sing,ablt");
}

TEST(Analyzer, UnknownWordsPredictedFromTheirEnding) {
  // The issue's example: an unseen surname gets a noun parse with lemma «масляк».
  ParseList list;
  TestAnalyzer()->Analyze("Масляком", &list);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0].method, Method::kSuffix);
  EXPECT_EQ(list.Lemma(0), "масляк");
  EXPECT_EQ(TestAnalyzer()->TagString(list[0].tag), "NOUN,anim,masc sing,ablt");
  // A capitalized unknown word may get surname parses, a lower-case one not.
  EXPECT_EQ(Top("Гражблюком"), "гражблюк NOUN,anim,masc,Sgtm,Surn sing,ablt");
  for (const std::string& p : Parses("гражблюком"))
    EXPECT_EQ(p.find("Surn"), std::string::npos) << p;
  EXPECT_EQ(Top("Штырбулова"), "штырбулов NOUN,anim,masc,Sgtm,Surn sing,gent");
  EXPECT_EQ(Top("кракозябрами"), "кракозябра NOUN,inan,femn plur,ablt");
}

TEST(Analyzer, NumbersLatinRomanPunctuation) {
  EXPECT_EQ(Parses("2026"), std::vector<std::string>{"2026 NUMB,intg"});
  EXPECT_EQ(Parses("−5"), std::vector<std::string>{"−5 NUMB,intg"});
  EXPECT_EQ(Parses("3,14"), std::vector<std::string>{"3,14 NUMB,real"});
  EXPECT_EQ(Parses("Google"), std::vector<std::string>{"google LATN"});
  EXPECT_EQ(Parses("Müller"), std::vector<std::string>{"müller LATN"});
  EXPECT_EQ(Parses("XIV"), (std::vector<std::string>{"xiv ROMN", "xiv LATN"}));
  EXPECT_EQ(Parses("%"), std::vector<std::string>{"% PNCT"});
  EXPECT_EQ(TopMethod("2026"), Method::kNumber);
  EXPECT_EQ(TopMethod("XIV"), Method::kRoman);
}

TEST(Analyzer, InitialsAndAbbreviations) {
  // A single capital letter: its dictionary readings first, then initials.
  const auto v = Parses("В");
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0], "в PREP");
  EXPECT_TRUE(Contains(v, "в NOUN,anim,masc,Sgtm,Name,Fixd,Abbr,Init sing,nomn"));
  EXPECT_TRUE(Contains(v, "в NOUN,anim,femn,Sgtm,Name,Fixd,Abbr,Init sing,ablt"));
  // Known abbreviations come from the dictionary, unknown ones are indeclinable nouns.
  EXPECT_EQ(Top("МЧС"), "мчс NOUN,inan,neut,Sgtm,Fixd,Abbr,Orgn sing,gent");
  ParseList list;
  TestAnalyzer()->Analyze("КНЛМ", &list);
  bool abbreviation = false;
  for (const Parse& p : list) abbreviation |= p.method == Method::kAbbreviation;
  EXPECT_TRUE(abbreviation);
  EXPECT_EQ(Top("КНЛМ"), "кнлм NOUN,inan,masc,Fixd,Abbr sing,nomn");
}

TEST(Analyzer, RepeatedLettersMerged) {
  EXPECT_EQ(Top("нееет"), "нет PRED,pres");
  EXPECT_EQ(Top("ддда"), "да PRCL");
}

TEST(Analyzer, NoParses) {
  EXPECT_TRUE(Parses("").empty());
  EXPECT_TRUE(Parses("漢字").empty());
  EXPECT_TRUE(Parses(std::string(300, 'a')).empty());  // longer than kMaxWordChars
  EXPECT_FALSE(Parses(std::string(200, 'a')).empty());
}

TEST(Analyzer, TagsAndGrammemes) {
  const auto& a = *TestAnalyzer();
  ParseList list;
  a.Analyze("Мазуром", &list);
  ASSERT_EQ(list.size(), 1u);
  const Grammemes g = a.TagGrammemes(list[0].tag);
  EXPECT_TRUE(g.Contains(G("NOUN,anim,masc,Sgtm,Surn,sing,ablt")));
  EXPECT_EQ(g.count(), 7);
  EXPECT_FALSE(g.Has(*a.GrammemeId("nomn")));
  EXPECT_EQ(a.GrammemeName(*a.GrammemeId("Surn")), "Surn");
  EXPECT_FALSE(a.GrammemeId("nosuch").has_value());
  EXPECT_FALSE(a.ParseGrammemes("sing,nosuch").ok());
  EXPECT_EQ(a.ParseGrammemes("sing ablt")->count(), 2);
  EXPECT_NE(a.Info().find("OpenCorpora"), std::string_view::npos);
  EXPECT_GT(a.TagCount(), 4000u);
}

TEST(Analyzer, GrammemeIdsLookedUpOnce) {
  const auto& a = *TestAnalyzer();
  const GrammemeIds& ids = a.Ids();
  EXPECT_EQ(ids.noun, *a.GrammemeId("NOUN"));
  EXPECT_EQ(ids.ms_f, *a.GrammemeId("Ms-f"));
  EXPECT_EQ(ids.surn, *a.GrammemeId("Surn"));
  EXPECT_EQ(ids.cases[0], *a.GrammemeId("nomn"));
  EXPECT_EQ(ids.cases[5], *a.GrammemeId("loct"));
  EXPECT_EQ(ids.voct, *a.GrammemeId("voct"));
  const Grammemes g = G("NOUN,anim,masc,Sgtm,Surn,sing,ablt");
  EXPECT_TRUE(HasGrammeme(g, ids.cases[4]));
  EXPECT_FALSE(HasGrammeme(g, ids.cases[0]));
  EXPECT_FALSE(HasGrammeme(g, -1));  // a grammeme the dictionary lacks
}

TEST(Analyzer, ParseListsAreReusableAndCopyable) {
  ParseList list;
  TestAnalyzer()->Analyze("кракозябрами", &list);
  const size_t many = list.size();
  TestAnalyzer()->Analyze("Мазуром", &list);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list.Lemma(0), "мазур");
  ParseList copy = list;
  TestAnalyzer()->Analyze("стали", &list);
  EXPECT_EQ(copy.Lemma(0), "мазур");
  copy.Append(list);
  EXPECT_EQ(copy.size(), 1 + list.size());
  EXPECT_EQ(copy.Lemma(1), "стать");
  EXPECT_GT(many, 10u);
}

TEST(AnalyzerCache, SameResultsAsTheAnalyzer) {
  AnalyzerCache cache(TestAnalyzer(), 16);  // tiny: forces restarts
  const std::vector<std::string> words = {"Мазуром", "стали", "Масляком",       "В",
                                          "стали",   "2026",  "человека-паука", "Мазуром",
                                          "елка",    "КНЛМ",  "смотри-ка",      "экс-мэра"};
  ParseList direct;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& w : words) {
      TestAnalyzer()->Analyze(w, &direct);
      const ParseList& cached = cache.Analyze(w);
      ASSERT_EQ(cached.size(), direct.size()) << w;
      for (size_t i = 0; i < direct.size(); ++i) {
        EXPECT_EQ(cached.Lemma(i), direct.Lemma(i)) << w;
        EXPECT_EQ(cached[i].tag, direct[i].tag) << w;
        EXPECT_EQ(cached[i].score, direct[i].score) << w;
        // Inflection works on cached parses too.
        EXPECT_EQ(TestAnalyzer()->Lexeme(cached, cached[i]).size(),
                  TestAnalyzer()->Lexeme(direct, direct[i]).size());
      }
    }
  }
  EXPECT_GT(cache.hits(), 0u);
}

TEST(DocMorphology, EveryWordTokenIndexedByToken) {
  auto doc = Doc::FromUtf8("Губернатор Игорь Брусков встретился с Ольгой Кедровской в 2026 году.");
  ASSERT_TRUE(doc.ok());
  text::Segment(&doc.value());
  AnalyzerCache cache(TestAnalyzer());
  DocMorphology morph;
  AnalyzeDoc(*doc, &cache, &morph);
  ASSERT_EQ(morph.first.size(), doc->tokens.size() + 1);
  std::vector<std::string> lemmas;
  for (size_t t = 0; t < doc->tokens.size(); ++t) {
    if (doc->tokens[t].kind != TokenKind::kWord) {
      EXPECT_EQ(morph.ParseCount(t), 0u);
      continue;
    }
    ASSERT_GT(morph.ParseCount(t), 0u) << doc->TextOf(doc->tokens[t]);
    lemmas.emplace_back(morph.parses.Lemma(morph.Best(t)));
  }
  EXPECT_EQ(lemmas, (std::vector<std::string>{"губернатор", "игорь", "брусковый", "встретиться",
                                              "с", "ольга", "кедровский", "в", "год"}));
}

}  // namespace
}  // namespace kto::morph
