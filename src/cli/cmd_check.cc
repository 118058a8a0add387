// kto check [--db URL] [--repair] [--json]: verifies a store
// (store::Store::Check): prints what is wrong, a line each, and exits 5 when
// anything is; --repair recomputes the derived rows and counts first.
#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "exit_codes.h"
#include "kto/render/json_writer.h"
#include "kto/store/store.h"

namespace kto::cli {
namespace {

struct CheckArgs {
  std::string db = "kto.db";
  bool repair = false;
  bool json = false;
};

std::string RenderJson(const std::string& db, const store::CheckReport& report) {
  std::string out;
  render::JsonWriter json(&out);
  json.BeginObject().Key("db").String(store::SpecForDisplay(db));
  json.Key("schema_version").Int(report.schema_version);
  json.Key("consistent").Bool(report.problems.empty());
  for (const auto& [key, lines] :
       {std::pair{"problems", &report.problems}, std::pair{"repaired", &report.repaired}}) {
    json.Key(key).BeginArray();
    for (const std::string& line : *lines) json.String(line);
    json.EndArray();
  }
  json.EndObject();
  return out + "\n";
}

std::string RenderText(const std::string& db, const store::CheckReport& report) {
  std::string out = "kto check: " + store::SpecForDisplay(db) + ", schema version " +
                    std::to_string(report.schema_version) + "\n";
  for (const std::string& line : report.repaired) out += "  repaired: " + line + "\n";
  for (const std::string& line : report.problems) out += "  wrong: " + line + "\n";
  out += report.problems.empty() ? "consistent\n"
                                 : std::to_string(report.problems.size()) + " problem(s)\n";
  return out;
}

int RunCheck(const CheckArgs& args) {
  int exit_code = kExitOk;
  auto store = OpenExisting("check", args.db, &exit_code);
  if (!store) return exit_code;
  auto report = store->Check(args.repair);
  if (!report.ok()) return Report("check", report.status());
  const std::string out = args.json ? RenderJson(args.db, *report) : RenderText(args.db, *report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return report->problems.empty() ? kExitOk : kExitBadData;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Verify a store: references, counts against the rows they count, mention offsets");
  cmd->add_option("--db", args->db, "Database: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cmd->add_flag("--repair", args->repair,
                "Recompute the derived rows and counts (person_articles, article counts, "
                "co-mentions, positions' evidence counts and dates) first");
  cmd->add_flag("--json", args->json, "Print the report as one JSON object");
  cmd->callback([args, exit_code] { *exit_code = RunCheck(*args); });
}

}  // namespace kto::cli
