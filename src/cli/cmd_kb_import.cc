// kto kb import [--db PATH] [--json] FILE|-: loads a known-persons list
// (JSON lines, docs/formats/known-persons.md) into the knowledge base, so
// that articles link to the persons a site knows before its first article.
//
// Every line is read and checked first; a bad line is reported with its
// line number and skipped. The good ones are then written in ONE
// transaction: a failure of the store writes nothing of the file. Nothing
// needs a model.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/link/known_persons.h"
#include "kto/render/json_writer.h"
#include "kto/store/store.h"

namespace kto::cli {
namespace {

struct ImportArgs {
  std::string input;
  std::string db = "kto.db";
  bool json = false;
};

struct ListedLine {
  size_t line = 0;
  link::KnownPerson person;
};

struct Counts {
  size_t created = 0, updated = 0, unchanged = 0, rejected = 0;
};

// Reads every line of `in` (named `origin` in messages): the good ones into
// *lines, the bad ones reported on stderr and counted.
void ReadList(std::istream& in, const std::string& origin, std::vector<ListedLine>* lines,
              Counts* counts) {
  std::string text;
  for (size_t number = 1; std::getline(in, text); ++number) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (number == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a BOM
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    auto person = link::ParseKnownPerson(text);
    if (!person.ok()) {
      std::cerr << "kto kb import: " << origin << ":" << number << ": " << person.status().message()
                << "\n";
      ++counts->rejected;
      continue;
    }
    lines->push_back(ListedLine{number, std::move(person).value()});
  }
}

// Imports `lines` in one transaction, counting the outcomes. A line naming
// a person an earlier line named is imported again (the later line wins) and
// reported: a list should name each person once.
Status ImportAll(store::Store& store, const std::string& origin,
                 const std::vector<ListedLine>& lines, Counts* counts) {
  Counts outcomes;
  const Status status = store.Transaction([&]() -> Status {
    std::map<int64_t, size_t> first_line;  // person id -> the line that named them
    for (const ListedLine& l : lines) {
      auto imported = link::ImportKnownPerson(store, l.person);
      if (!imported.ok()) {
        return Status(imported.status().code(), origin + ":" + std::to_string(l.line) + ": " +
                                                    imported.status().message() +
                                                    " (nothing of the file was imported)");
      }
      auto [at, fresh] = first_line.emplace(imported->person_id, l.line);
      if (!fresh)
        std::cerr << "kto kb import: " << origin << ":" << l.line << ": the same person as line "
                  << at->second << " (kb " << imported->person_id << "); this line replaces it\n";
      switch (imported->outcome) {
        case link::ImportOutcome::kCreated:
          ++outcomes.created;
          break;
        case link::ImportOutcome::kUpdated:
          ++outcomes.updated;
          break;
        case link::ImportOutcome::kUnchanged:
          ++outcomes.unchanged;
          break;
      }
    }
    return Status();
  });
  if (!status.ok()) return status;
  counts->created = outcomes.created;
  counts->updated = outcomes.updated;
  counts->unchanged = outcomes.unchanged;
  return Status();
}

void PrintSummary(const ImportArgs& args, const Counts& c) {
  std::string out;
  if (args.json) {
    render::JsonWriter json(&out);
    json.BeginObject()
        .Key("db")
        .String(args.db)
        .Key("created")
        .Int(static_cast<int64_t>(c.created))
        .Key("updated")
        .Int(static_cast<int64_t>(c.updated))
        .Key("unchanged")
        .Int(static_cast<int64_t>(c.unchanged))
        .Key("rejected")
        .Int(static_cast<int64_t>(c.rejected))
        .EndObject();
    out += "\n";
  } else {
    out = args.db + ": " + std::to_string(c.created) + " created, " + std::to_string(c.updated) +
          " updated, " + std::to_string(c.unchanged) + " unchanged, " + std::to_string(c.rejected) +
          " rejected\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

int RunImport(const ImportArgs& args) {
  const std::string origin = args.input == "-" ? "stdin" : args.input;
  std::ifstream file;
  if (args.input != "-") {
    file.open(args.input, std::ios::binary);
    if (!file) return Report("kb import", Status::NotFound("cannot open " + args.input));
  }
  std::istream& in = args.input == "-" ? std::cin : file;
  std::vector<ListedLine> lines;
  Counts counts;
  ReadList(in, origin, &lines, &counts);
  if (in.bad()) return Report("kb import", Status::IoError("cannot read " + origin));

  auto store = store::Open(args.db);
  if (!store.ok()) return Report("kb import", store.status());
  if (Status s = ImportAll(**store, origin, lines, &counts); !s.ok()) return Report("kb import", s);
  PrintSummary(args, counts);
  if (counts.rejected > 0) {
    std::cerr << "kto kb import: " << counts.rejected << " of " << counts.rejected + lines.size()
              << " lines rejected (see above)\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

void AddKbImportCommand(CLI::App& app, int* exit_code) {
  CLI::App* kb = app.add_subcommand("kb", "The knowledge base itself: kto kb import");
  kb->require_subcommand(1);
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = kb->add_subcommand(
      "import", "Loads a known-persons list (JSON lines: name, aliases, positions, external_id)");
  cmd->add_option("input", args->input, "The list: a JSON lines file, or - for standard input")
      ->required();
  cmd->add_option("--db", args->db, "Database: a file path or sqlite:PATH (created when absent)")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "The summary as one JSON object");
  cmd->callback([args, exit_code] { *exit_code = RunImport(*args); });
}

}  // namespace kto::cli
