// The knowledge base commands:
//   kto panel [--db URL] ARTICLE... [--json]   persons of stored articles
//   kto person [--db URL] NAME|ID [--json]      one person's record
//   kto top [--db URL] [--from D] [--to D] [--limit N]
// They only read the store (no model needed).
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <span>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kto/kb/kb.h"
#include "kto/render/analysis_json.h"
#include "kto/render/kb_json.h"
#include "kto/store/store.h"

namespace kto::cli {
namespace {

// Evidence articles `kto person` lists per position: the latest ones.
constexpr size_t kEvidenceListed = 10;

// Runs a command's queries on one snapshot of the store, with one read lock
// (Store::ReadTransaction); reports what fails there.
void ReadAll(store::Store& store, const std::string& command, int* exit_code,
             const std::function<Status()>& body) {
  const Status status = store.ReadTransaction(body);
  if (!status.ok()) *exit_code = Report(command, status);
}

// A date bound: «YYYY-MM-DD» or a full «YYYY-MM-DDTHH:MM:SSZ». An inclusive
// end day becomes the bound just after it («…T24», which sorts after every
// time of that day and before the next day).
std::string DateBound(const std::string& date, bool end) {
  if (date.size() == 10) return date + (end ? "T24" : "T00:00:00Z");
  return date;
}

Result<int64_t> FindArticle(store::Store& store, const std::string& id) {
  auto by_external = store.FindArticleByExternalId(id);
  if (!by_external.ok()) return by_external.status();
  if (*by_external) return (*by_external)->id;
  if (!id.empty() && id.find_first_not_of("0123456789") == std::string::npos) {
    auto article = store.GetArticle(std::stoll(id));
    if (!article.ok()) return article.status();
    if (*article) return (*article)->id;
  }
  // The user's input, not a missing file: exit 3.
  return Status::InvalidInput("no article " + id + " in the database");
}

// The analysis object of `kto panel --json`, one line.
Status WritePanelJson(store::Store& store, const store::Article& article, std::string* out) {
  auto stored = render::ReadStoredAnalysis(store, article.id);
  if (!stored.ok()) return stored.status();
  render::JsonWriter json(out);
  render::WriteStoredAnalysisJson(article, *stored, &json);
  out->push_back('\n');
  return Status();
}

// The panel of a stored article as text: a line per person.
void WritePanelText(const std::string& id, const store::Article& article,
                    const std::vector<kb::PanelEntry>& panel, std::string* out) {
  *out += id;
  if (!article.title.empty()) *out += " — " + article.title;
  *out += "\n";
  if (article.needs_analysis && panel.empty())
    *out += "  (не проанализирована)\n";
  else if (panel.empty())
    *out += "  (персоны не найдены)\n";
  for (const kb::PanelEntry& e : panel) *out += "  " + kb::PanelLine(e) + "\n";
  *out += "\n";
}

void AddPanel(CLI::App& app, int* exit_code) {
  struct Args {
    std::string db = "kto.db";
    std::vector<std::string> articles;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "panel", "Persons of stored articles: name, last position, number of articles");
  cmd->add_option("articles", args->articles,
                  "Article ids (the source's id, or the store's number)")
      ->required();
  cmd->add_option("--db", args->db, "Database: a file path or sqlite:PATH")->capture_default_str();
  cmd->add_flag("--json", args->json, "One analysis object per article, with KB fields");
  cmd->callback([args, exit_code] {
    auto store = OpenExisting("panel", args->db, exit_code);
    if (!store) return;
    ReadAll(*store, "panel", exit_code, [&]() -> Status {
      *exit_code = kExitOk;
      std::string out;
      for (const std::string& id : args->articles) {
        auto article_id = FindArticle(*store, id);
        Result<std::vector<kb::PanelEntry>> panel =
            article_id.ok() ? kb::ArticlePanel(*store, *article_id)
                            : Result<std::vector<kb::PanelEntry>>(article_id.status());
        if (!panel.ok()) {
          *exit_code = Report("panel", panel.status());
          continue;
        }
        auto article = store->GetArticle(*article_id);
        if (!article.ok() || !*article) continue;
        out.clear();
        if (args->json) {
          if (Status s = WritePanelJson(*store, **article, &out); !s.ok()) {
            *exit_code = Report("panel", s);
            continue;
          }
        } else {
          WritePanelText(id, **article, *panel, &out);
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
      }
      std::fflush(stdout);
      return Status();
    });
  });
}

// A person's record as one JSON line; `ids` are the persons the query
// found, the record's first (the others are namesakes).
void WritePersonJson(const kb::PersonRecord& r, const std::vector<int64_t>& ids, std::string* out) {
  render::JsonWriter json(out);
  render::WritePersonRecordJson(r, std::span(ids).subspan(1), &json);
  out->push_back('\n');
}

// When a position was held: «2026-01-15 — 2026-06-01» (its first and last
// dates); a current post from a known-persons list that no article states
// yet is open-ended: «2021-09-20 — …».
std::string PositionDates(const store::Position& p) {
  if (p.first_seen.empty() && p.last_seen.empty()) return "без дат";
  const bool open = p.imported && !p.former && p.evidence_count == 0;
  return p.first_seen.substr(0, 10) + " — " + (open ? "…" : p.last_seen.substr(0, 10));
}

// Where a position comes from: «[статьи: 3 9]», «[список]» (a known-persons
// list), «[список; статьи: 3]».
std::string PositionSources(const store::Position& p) {
  std::string out = p.imported ? "список" : "";
  if (!p.evidence.empty() || !p.imported) {
    if (!out.empty()) out += "; ";
    out += "статьи:";
    if (p.evidence.size() == kEvidenceListed &&
        p.evidence_count > static_cast<int64_t>(p.evidence.size()))
      out += " …";  // only the latest are listed
    for (int64_t a : p.evidence) out += " " + std::to_string(a);
  }
  return "[" + out + "]";
}

// A person's record as text (the same content as WritePersonJson).
void WritePersonText(const kb::PersonRecord& r, const std::vector<int64_t>& ids, std::string* out) {
  *out += r.person.display_name + " (kb " + std::to_string(r.person.id) + ")\n";
  if (!r.person.external_id.empty()) *out += "  id в списке: " + r.person.external_id + "\n";
  *out += "  статей: " + std::to_string(r.articles);
  if (!r.first_seen.empty())
    *out += ", с " + r.first_seen.substr(0, 10) + " по " + r.last_seen.substr(0, 10);
  *out += "\n";
  if (r.last_position) {
    *out += "  последняя должность: " + r.last_position->title;
    if (!r.last_position->org.empty()) *out += " (" + r.last_position->org + ")";
    *out += "\n";
  }
  if (!r.aliases.empty()) {
    *out += "  имена:";
    for (size_t i = 0; i < r.aliases.size(); ++i) *out += (i ? "; " : " ") + r.aliases[i];
    *out += "\n";
  }
  if (!r.positions.empty()) *out += "  должности:\n";
  for (const store::Position& p : r.positions) {
    *out += "    " + PositionDates(p) + "  " + (p.former ? "бывш. " : "") + p.title;
    if (!p.org.empty()) *out += " (" + p.org + ")";
    *out += "  " + PositionSources(p) + "\n";
  }
  if (!r.co_mentioned.empty()) *out += "  вместе с:\n";
  for (const auto& [other, n] : r.co_mentioned)
    *out += "    " + other.display_name + " — " + std::to_string(n) + "\n";
  if (!r.quotes.empty()) *out += "  цитаты:\n";
  for (const store::PersonQuote& q : r.quotes)
    *out += "    " + q.date.substr(0, 10) + " «" + q.quote.text + "»\n";
  if (ids.size() > 1) {
    *out += "  тёзки (kb):";
    for (size_t i = 1; i < ids.size(); ++i) *out += " " + std::to_string(ids[i]);
    *out += "\n";
  }
}

void AddPerson(CLI::App& app, int* exit_code) {
  struct Args {
    std::string db = "kto.db";
    std::string query;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("person", "A person's record: names, positions, counts, quotes");
  cmd->add_option("query", args->query, "A KB id, or a name («Кедров», «Игорь Кедров»)")
      ->required();
  cmd->add_option("--db", args->db, "Database: a file path or sqlite:PATH")->capture_default_str();
  cmd->add_flag("--json", args->json, "The record as one JSON object");
  cmd->callback([args, exit_code] {
    auto store = OpenExisting("person", args->db, exit_code);
    if (!store) return;
    ReadAll(*store, "person", exit_code, [&]() -> Status {
      auto ids = kb::FindPersons(*store, args->query);
      if (ids.ok() && ids->empty())
        ids = Status::InvalidInput("nobody called " + args->query + " in the database");
      if (!ids.ok()) {
        *exit_code = Report("person", ids.status());
        return Status();
      }
      auto record = kb::GetPersonRecord(*store, ids->front(), /*co_mentioned=*/10, /*quotes=*/5,
                                        kEvidenceListed);
      if (!record.ok()) {
        *exit_code = Report("person", record.status());
        return Status();
      }
      std::string out;
      if (args->json)
        WritePersonJson(*record, *ids, &out);
      else
        WritePersonText(*record, *ids, &out);
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
      *exit_code = kExitOk;
      return Status();
    });
  });
}

void AddTop(CLI::App& app, int* exit_code) {
  struct Args {
    std::string db = "kto.db";
    std::string from, to;
    size_t limit = 20;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("top", "Persons by the number of articles in a period");
  cmd->add_option("--db", args->db, "Database: a file path or sqlite:PATH")->capture_default_str();
  cmd->add_option("--from", args->from, "First day (YYYY-MM-DD), inclusive");
  cmd->add_option("--to", args->to, "Last day (YYYY-MM-DD), inclusive");
  cmd->add_option("--limit", args->limit, "How many persons")
      ->check(CLI::Range(size_t{1}, size_t{1000000}))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "One JSON object per person");
  cmd->callback([args, exit_code] {
    auto store = OpenExisting("top", args->db, exit_code);
    if (!store) return;
    ReadAll(*store, "top", exit_code, [&]() -> Status {
      const store::Period period{DateBound(args->from, false), DateBound(args->to, true)};
      auto top = store->TopPersons(period, args->limit);
      if (!top.ok()) {
        *exit_code = Report("top", top.status());
        return Status();
      }
      std::vector<int64_t> ids;
      for (const store::PersonCount& c : *top) ids.push_back(c.person_id);
      auto entries = kb::PersonEntries(*store, ids);
      if (!entries.ok()) {
        *exit_code = Report("top", entries.status());
        return Status();
      }
      std::string out;
      for (size_t i = 0; i < entries->size(); ++i) {
        kb::PanelEntry& entry = (*entries)[i];
        entry.articles = (*top)[i].articles;  // in the period
        if (args->json) {
          render::JsonWriter json(&out);
          render::WriteTopEntryJson(static_cast<int64_t>(i) + 1, entry, &json);
          out += "\n";
        } else {
          out += std::to_string(i + 1) + ". " + kb::PanelLine(entry) + "\n";
        }
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
      *exit_code = kExitOk;
      return Status();
    });
  });
}

}  // namespace

void AddKbCommands(CLI::App& app, int* exit_code) {
  AddPanel(app, exit_code);
  AddPerson(app, exit_code);
  AddTop(app, exit_code);
}

}  // namespace kto::cli
