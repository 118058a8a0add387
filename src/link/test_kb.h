// Test helper: a fresh SQLite store in a temporary folder, and articles made
// of hand-built analyses (no model needed), linked and written as `kto
// ingest` does.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "kto/link/linker.h"
#include "kto/store/store.h"

namespace kto::link::testing {

// A person as an article names them; `first`/`patronymic` may be initials («В.»).
struct P {
  // gender: "m", "f", "" (unknown); "m!" or "f!" when a form of address
  // told it («миссис»).
  std::string first, patronymic, surname, gender;
  // (title, org, former)
  std::vector<std::tuple<std::string, std::string, bool>> positions = {};
};

struct A {
  std::string date;  // published_at
  std::vector<P> persons;
  std::vector<std::string> orgs = {}, places = {};
};

class TestKb {
 public:
  explicit TestKb(const LinkOptions& options = {}) {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("kto_link_test." + std::to_string(getpid()) + "." + std::to_string(++counter));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = store::Open("sqlite:" + (dir_ / "kto.db").string());
    EXPECT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    linker_ = std::move(Linker::Create(store_.get(), options).value());
  }
  ~TestKb() {
    linker_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  store::Store& store() { return *store_; }
  Linker& linker() { return *linker_; }
  // A fresh linker: after the store was written by something else (an
  // import), as a Linker requires.
  void NewLinker(const LinkOptions& options = {}) {
    linker_ = std::move(Linker::Create(store_.get(), options).value());
  }

  static facts::ArticleAnalysis ToFacts(const A& a) {
    facts::ArticleAnalysis out;
    for (const P& p : a.persons) {
      facts::PersonFact f;
      names::PersonName& n = f.name;
      n.surname = p.surname;
      (p.first.size() <= 3 && !p.first.empty() && p.first.back() == '.' ? n.first_initial
                                                                        : n.first) = p.first;
      (p.patronymic.size() <= 3 && !p.patronymic.empty() && p.patronymic.back() == '.'
           ? n.patronymic_initial
           : n.patronymic) = p.patronymic;
      n.gender = p.gender.starts_with("m")   ? names::Gender::kMale
                 : p.gender.starts_with("f") ? names::Gender::kFemale
                                             : names::Gender::kUnknown;
      n.gender_certain = p.gender.ends_with("!");
      n.normal = n.Display();
      f.mentions.push_back(facts::MentionFact{{0, 1}, n.Display()});
      for (const auto& [title, org, former] : p.positions)
        f.positions.push_back(facts::PositionFact{{0, 1}, {0, 1}, title, title, org, former});
      out.persons.push_back(std::move(f));
    }
    for (const std::string& o : a.orgs) out.organizations.push_back(facts::EntityFact{o, "", {}});
    for (const std::string& l : a.places) out.locations.push_back(facts::EntityFact{l, "", {}});
    return out;
  }

  // Stores the article, links its persons and writes the analysis; returns
  // the persons' ids.
  std::vector<int64_t> Ingest(const A& a) {
    store::ArticleInput in;
    in.external_id = "a" + std::to_string(++articles_);
    in.published_at = a.date;
    in.text = "Статья " + in.external_id + ".";
    std::vector<int64_t> ids;
    const Status s = store_->Transaction([&]() -> Status {
      auto up = store_->UpsertArticle(in);
      if (!up.ok()) return up.status();
      auto linked = linker_->Link(ToFacts(a), a.date);
      if (!linked.ok()) return linked.status();
      ids = *linked;
      store::ArticleAnalysis an;
      an.article_id = up->article_id;
      an.analysis_version = kAnalysisVersion;
      int64_t at = 0;
      for (size_t i = 0; i < a.persons.size(); ++i) {
        if (ids[i] == 0) continue;
        an.mentions.push_back(store::Mention{ids[i], at, at + 1, false, "x", "x"});
        for (const auto& [title, org, former] : a.persons[i].positions)
          an.positions.push_back(
              store::PositionMention{ids[i], title, org, former, at, at + 1, "x"});
        ++at;
      }
      for (const std::string& o : a.orgs) an.organizations.push_back({o, "", at, at + 1, o});
      for (const std::string& l : a.places) an.locations.push_back({l, "", at, at + 1, l});
      return store_->WriteAnalysis(an);
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return ids;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Linker> linker_;
  int articles_ = 0;
};

}  // namespace kto::link::testing
