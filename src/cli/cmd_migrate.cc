// kto migrate --from SPEC --to SPEC: copies a whole knowledge base between
// stores (SQLite to PostgreSQL and back, or the same kind), ids kept, then
// verifies the copy by each table's row count and checksum
// (store::CopyStore) and builds its full-text index.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "kto/pipeline/search_tokenizer.h"
#include "kto/render/json_writer.h"
#include "kto/store/store.h"

namespace kto::cli {
namespace {

struct MigrateArgs {
  std::string from, to, dict;
  bool json = false;
};

int RunMigrate(const MigrateArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  // Opening creates a missing SQLite file: the source must exist.
  if (!store::IsServerSpec(args.from)) {
    const std::string path = args.from.rfind("sqlite:", 0) == 0 ? args.from.substr(7) : args.from;
    if (!std::filesystem::exists(path))
      return Report("migrate", Status::NotFound("no database " + path));
  }
  auto from = store::Open(args.from);
  if (!from.ok()) return Report("migrate", from.status());
  Result<std::vector<store::TableCopy>> copied = Status::Internal("not copied");
  {
    auto to = store::Open(args.to);
    if (!to.ok()) return Report("migrate", to.status());
    copied = store::CopyStore(**from, **to);
    if (!copied.ok()) return Report("migrate", copied.status());
  }
  // The copy's full-text index, with the dictionary's lemmas (as kto ingest
  // would have built it); without the dictionary, the first store opened
  // with one builds it.
  bool indexed = false;
  if (auto dictionary = pipeline::OpenDictionary(ToModelPaths(args.dict, "")); dictionary.ok()) {
    auto reopened = pipeline::OpenStore(args.to, *dictionary);
    if (!reopened.ok()) return Report("migrate", reopened.status());
    indexed = true;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string out;
  if (args.json) {
    render::JsonWriter json(&out);
    json.BeginObject().Key("tables").BeginArray();
    for (const store::TableCopy& t : *copied)
      json.BeginObject()
          .Key("table")
          .String(t.table)
          .Key("rows")
          .Int(t.rows)
          .Key("checksum")
          .String(t.checksum)
          .EndObject();
    json.EndArray().Key("search_index").Bool(indexed).Key("seconds").Double(seconds).EndObject();
    out += "\n";
  } else {
    out = "kto migrate: " + store::SpecForDisplay(args.from) + " -> " +
          store::SpecForDisplay(args.to) + ", every table verified:\n";
    for (const store::TableCopy& t : *copied) {
      char line[160];
      std::snprintf(line, sizeof line, "  %-22s %10lld rows  checksum %s\n", t.table.c_str(),
                    static_cast<long long>(t.rows), t.checksum.c_str());
      out += line;
    }
    char line[160];
    std::snprintf(line, sizeof line, "full-text index %s (%.2f s)\n",
                  indexed ? "built" : "left for the next store opened with the dictionary",
                  seconds);
    out += line;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace

void AddMigrateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<MigrateArgs>();
  CLI::App* cmd =
      app.add_subcommand("migrate",
                         "Copy a whole knowledge base into an empty store (SQLite <-> PostgreSQL), "
                         "verified by row counts and checksums");
  cmd->add_option("--from", args->from,
                  "The store copied: a file path, sqlite:PATH or "
                  "postgresql://...")
      ->required();
  cmd->add_option("--to", args->to, "The empty store it is copied into (created when a file)")
      ->required();
  cmd->add_flag("--json", args->json, "Print the tables copied as one JSON line");
  AddDictFlag(*cmd, &args->dict);
  cmd->callback([args, exit_code] { *exit_code = RunMigrate(*args); });
}

}  // namespace kto::cli
