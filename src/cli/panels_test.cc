// The panels an editor would write (src/cli/testdata/panels.txt): for each
// short paragraph there, `kto analyze` must print exactly the persons' lines
// the file expects, in order, and the organizations and places lines where
// the file gives them. The format is described at the top of that file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_kto.h"

namespace {

namespace fs = std::filesystem;
using kto::cli_test::KtoRun;
using kto::cli_test::ReadFile;
using kto::cli_test::RunKto;

struct PanelCase {
  std::string name;
  std::string text;
  std::vector<std::string> persons;  // the expected persons' lines
  std::map<std::string, std::string> lists;  // «Организации», «Места» -> the expected line
};

// «Места: Томск; Беларусь» -> «Места»; empty for a person's line.
std::string ListLabel(const std::string& line) {
  for (const char* label : {"Организации", "Места"})
    if (line.rfind(std::string(label) + ":", 0) == 0) return label;
  return "";
}

std::vector<PanelCase> ReadCases(const fs::path& path) {
  std::vector<PanelCase> cases;
  std::istringstream in(ReadFile(path));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#", 0) == 0) continue;
    if (line.rfind("== ", 0) == 0) {
      cases.push_back({line.substr(3), "", {}, {}});
      continue;
    }
    if (cases.empty()) continue;
    PanelCase& c = cases.back();
    if (line.rfind("-> ", 0) == 0) {
      const std::string expected = line.substr(3);
      const std::string label = ListLabel(expected);
      if (label.empty())
        c.persons.push_back(expected);
      else
        c.lists[label] = expected;
    } else if (!line.empty() && c.persons.empty() && c.lists.empty()) {
      c.text += (c.text.empty() ? "" : "\n") + line;
    }
  }
  return cases;
}

// The panel lines `kto analyze` printed per article, by the article's
// header line («stdin:3»); quotes («      «…»») left out.
std::map<std::string, std::vector<std::string>> Panels(const std::string& output) {
  std::map<std::string, std::vector<std::string>> panels;
  std::vector<std::string>* current = nullptr;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (line.rfind("  ", 0) != 0) {
      current = &panels[line];
      continue;
    }
    if (current && line.rfind("      ", 0) != 0) current->push_back(line.substr(2));
  }
  return panels;
}

TEST(Panels, EveryParagraphGetsTheEditorsPanel) {
  for (const char* variable : {"KTO_NER_MODEL", "KTO_POSITIONS_MODEL", "KTO_MORPH_DICT"})
    ::unsetenv(variable);
  const std::vector<PanelCase> cases =
      ReadCases(fs::path(KTO_SOURCE_DIR) / "src/cli/testdata/panels.txt");
  ASSERT_GE(cases.size(), 30u);
  std::string input;
  for (const PanelCase& c : cases) {
    ASSERT_FALSE(c.text.empty()) << c.name << ": no paragraph";
    ASSERT_FALSE(c.persons.empty() && c.lists.empty()) << c.name << ": nothing expected";
    input += nlohmann::json{{"text", c.text}}.dump() + "\n";
  }
  const KtoRun run = RunKto("analyze --format jsonl -", input);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::map<std::string, std::vector<std::string>> panels = Panels(run.out);
  for (size_t i = 0; i < cases.size(); ++i) {
    const PanelCase& c = cases[i];
    const auto panel = panels.find("stdin:" + std::to_string(i + 1));
    ASSERT_NE(panel, panels.end()) << c.name << ": no panel in\n" << run.out;
    std::vector<std::string> persons;
    std::map<std::string, std::string> lists;
    for (const std::string& line : panel->second) {
      const std::string label = ListLabel(line);
      if (!label.empty())
        lists[label] = line;
      else if (line != "(персоны не найдены)")
        persons.push_back(line);
    }
    EXPECT_EQ(persons, c.persons) << c.name << "\n" << c.text;
    for (const auto& [label, expected] : c.lists)
      EXPECT_EQ(lists[label], expected) << c.name << "\n" << c.text;
  }
}

}  // namespace
