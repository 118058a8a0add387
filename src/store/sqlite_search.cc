#include "sqlite_search.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace kto::store {
namespace {

// The fts5_api of the connection (SQLite docs, "Custom Tokenizers").
fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

// The tokenizer object FTS5 creates per table is the SearchTokenizer itself
// (it holds no per-table state); the registration owns it.
struct Registration {
  std::shared_ptr<const SearchTokenizer> tokenizer;
};

int CreateTokenizer(void* context, const char** /*args*/, int /*arg_count*/, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(static_cast<Registration*>(context));
  return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer* /*tokenizer*/) {}

int Tokenize(Fts5Tokenizer* handle, void* context, int flags, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int)) {
  const SearchTokenizer& tokenizer = *reinterpret_cast<const Registration*>(handle)->tokenizer;
  const std::string_view view(text, static_cast<size_t>(std::max(size, 0)));
  int rc = SQLITE_OK;
  try {
    if (flags & FTS5_TOKENIZE_AUX) {
      // snippet() and highlight() read only the positions and offsets of the
      // tokens (the matches come from the index): the word itself will do.
      tokenizer.Positions(view, [&](size_t begin, size_t end) {
        if (rc != SQLITE_OK || begin >= end) return;
        rc = token(context, 0, text + begin, static_cast<int>(end - begin), static_cast<int>(begin),
                   static_cast<int>(end));
      });
    } else {
      tokenizer.Tokenize(view, [&](std::string_view term, size_t begin, size_t end,
                                   bool colocated) {
        if (rc != SQLITE_OK || term.empty()) return;
        rc = token(context, colocated ? FTS5_TOKEN_COLOCATED : 0, term.data(),
                   static_cast<int>(term.size()), static_cast<int>(begin), static_cast<int>(end));
      });
    }
  } catch (...) {
    return SQLITE_ERROR;
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;  // DONE: FTS5 wants no more tokens
}

void DestroyRegistration(void* context) {
  delete static_cast<Registration*>(context);
}

int Number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

Status RegisterSearchTokenizer(sqlite3* db, std::shared_ptr<const SearchTokenizer> tokenizer) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return Status::Internal("this SQLite has no FTS5");
  fts5_tokenizer methods{CreateTokenizer, DeleteTokenizer, Tokenize};
  auto* registration = new Registration{std::move(tokenizer)};
  const int rc =
      api->xCreateTokenizer(api, kSearchTokenizerName, registration, &methods, DestroyRegistration);
  if (rc != SQLITE_OK) {
    delete registration;
    return Status::Internal(std::string("cannot register the search tokenizer: ") +
                            sqlite3_errstr(rc));
  }
  return Status();
}

std::string SearchMatchExpression(const SearchTokenizer& tokenizer, std::string_view text) {
  std::string expression;
  tokenizer.Tokenize(text, [&](std::string_view, size_t begin, size_t end, bool colocated) {
    if (colocated || begin >= end || end > text.size()) return;
    if (!expression.empty()) expression += " AND ";
    expression += '"';
    for (char c : text.substr(begin, end - begin)) {
      if (c == '"') expression += '"';  // FTS5 escapes a quote by doubling it
      expression += c;
    }
    expression += '"';
  });
  return expression;
}

std::optional<int64_t> UnixSeconds(std::string_view date) {
  // "YYYY-MM-DDTHH:MM:SSZ": each field's digits and the mark before them.
  static constexpr struct {
    size_t pos, size;
  } kFields[] = {{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}};
  static constexpr std::string_view kPattern = "0000-00-00T00:00:00Z";
  int values[6] = {1970, 1, 1, 0, 0, 0};
  size_t used = 0;
  for (size_t f = 0; f < 6 && date.size() >= kFields[f].pos + kFields[f].size; ++f) {
    if (f > 0 && date[kFields[f].pos - 1] != kPattern[kFields[f].pos - 1]) return std::nullopt;
    for (size_t i = kFields[f].pos; i < kFields[f].pos + kFields[f].size; ++i)
      if (!std::isdigit(static_cast<unsigned char>(date[i]))) return std::nullopt;
    values[f] = Number(date, kFields[f].pos, kFields[f].size);
    used = kFields[f].pos + kFields[f].size;
  }
  const std::string_view rest = date.substr(used);
  if (used == 0 || !(rest.empty() || (used == 19 && rest == "Z"))) return std::nullopt;
  if (values[1] < 1 || values[1] > 12 || values[2] < 1 || values[2] > 31) return std::nullopt;
  const int64_t seconds = DaysFromCivil(values[0], values[1], values[2]) * 86400 +
                          values[3] * 3600 + values[4] * 60 + values[5];
  return std::clamp<int64_t>(seconds, 0, (int64_t{1} << 33) - 1);
}

Highlighted SplitSnippet(std::string_view snippet, std::string_view open, std::string_view close) {
  Highlighted out;
  auto add = [&](std::string_view piece, bool match) {
    if (piece.empty()) return;
    if (!out.pieces.empty() && out.pieces.back().second == match) {
      out.pieces.back().first += piece;
    } else {
      out.pieces.emplace_back(std::string(piece), match);
    }
  };
  size_t pos = 0;
  while (pos < snippet.size()) {
    const size_t begin = snippet.find(open, pos);
    const size_t end = begin == std::string_view::npos ? std::string_view::npos
                                                       : snippet.find(close, begin + open.size());
    if (end == std::string_view::npos) break;
    add(snippet.substr(pos, begin - pos), false);
    add(snippet.substr(begin + open.size(), end - begin - open.size()), true);
    pos = end + close.size();
  }
  if (pos < snippet.size()) add(snippet.substr(pos), false);
  return out;
}

}  // namespace kto::store
