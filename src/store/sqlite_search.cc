#include "sqlite_search.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "kto/base/hash.h"

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
  SearchTermsSlot made_ahead;
};

// The column of `terms` made from `text`, or null.
const SearchTerms::Column* ColumnMadeFrom(const SearchTerms* terms, std::string_view text) {
  if (terms == nullptr) return nullptr;
  for (const SearchTerms::Column* column : {&terms->title, &terms->text})
    if (column->text_size == text.size() && column->text_hash == base::Fnv1a(text)) return column;
  return nullptr;
}

int CreateTokenizer(void* context, const char** /*args*/, int /*arg_count*/, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(static_cast<Registration*>(context));
  return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer* /*tokenizer*/) {}

int Tokenize(Fts5Tokenizer* handle, void* context, int flags, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int)) {
  const Registration& registration = *reinterpret_cast<const Registration*>(handle);
  const SearchTokenizer& tokenizer = *registration.tokenizer;
  const std::string_view view(text, static_cast<size_t>(std::max(size, 0)));
  int rc = SQLITE_OK;
  try {
    const SearchTerms::Column* made = (flags & FTS5_TOKENIZE_DOCUMENT)
                                          ? ColumnMadeFrom(registration.made_ahead.terms, view)
                                          : nullptr;
    if (made != nullptr) {
      for (const SearchTerms::Term& t : made->terms) {
        rc = token(context, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.term.data(),
                   static_cast<int>(t.term.size()), static_cast<int>(t.begin),
                   static_cast<int>(t.end));
        if (rc != SQLITE_OK) break;
      }
    } else if (flags & FTS5_TOKENIZE_AUX) {
      // snippet() and highlight() read only the positions and offsets of the
      // tokens (the matches come from the index): the word itself will do.
      tokenizer.Positions(view, [&](size_t begin, size_t end) {
        if (begin < end)
          rc = token(context, 0, text + begin, static_cast<int>(end - begin),
                     static_cast<int>(begin), static_cast<int>(end));
        return rc == SQLITE_OK;
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

// kto_snippet(article_search, open, close, ellipsis, tokens): what FTS5's
// snippet(article_search, -1, open, close, ellipsis, tokens) gives, from the
// text when it matches (else the title), tokenizing the column once and
// only up to the window (snippet() tokenizes every column whole, then the
// chosen one again). The window holds the most matches; each match (a
// phrase's tokens) is wrapped in open...close.
void SnippetFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result,
                     int argc, sqlite3_value** argv) {
  if (argc != 4) {
    sqlite3_result_error(result, "kto_snippet: wrong number of arguments", -1);
    return;
  }
  auto text_arg = [&](int i) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
    return std::string_view(t ? t : "", static_cast<size_t>(sqlite3_value_bytes(argv[i])));
  };
  const std::string_view open = text_arg(0), close = text_arg(1), ellipsis = text_arg(2);
  const int size = std::max(1, sqlite3_value_int(argv[3]));

  // The matches (first token, token count) of each column; the text's (1) if any.
  int count = 0;
  int rc = api->xInstCount(fts, &count);
  std::vector<std::pair<int, int>> matches[2];
  for (int i = 0; rc == SQLITE_OK && i < count; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && column >= 0 && column < 2)
      matches[column].emplace_back(offset, std::max(1, api->xPhraseSize(fts, phrase)));
  }
  const int column = matches[1].empty() ? 0 : 1;
  std::vector<std::pair<int, int>>& hits = matches[column];
  const char* text = nullptr;
  int text_size = 0, column_tokens = 0;
  if (rc == SQLITE_OK) rc = api->xColumnText(fts, column, &text, &text_size);
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, column, &column_tokens);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(result, rc);
    return;
  }
  if (hits.empty() || text == nullptr) {
    sqlite3_result_text(result, "", 0, SQLITE_STATIC);
    return;
  }
  std::sort(hits.begin(), hits.end());
  const auto [first, last] = SnippetWindow(hits, column_tokens, size);

  // The byte offsets of the window's tokens.
  struct Window {
    int first, last, position = 0;
    std::vector<std::pair<int, int>> offsets;  // of tokens first, first + 1, ...
  } window{first, last, 0, {}};
  rc = api->xTokenize(fts, text, text_size, &window,
                      [](void* context, int flags, const char*, int, int begin, int end) {
                        auto& w = *static_cast<Window*>(context);
                        if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
                        if (w.position >= w.last) return SQLITE_DONE;
                        if (w.position++ >= w.first) w.offsets.emplace_back(begin, end);
                        return SQLITE_OK;
                      });
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    sqlite3_result_error_code(result, rc);
    return;
  }
  if (window.offsets.empty()) {
    sqlite3_result_text(result, "", 0, SQLITE_STATIC);
    return;
  }
  const int window_last = first + static_cast<int>(window.offsets.size());  // exclusive
  std::string out;
  if (first > 0) out += ellipsis;
  const std::string_view all(text, static_cast<size_t>(text_size));
  size_t pos = first > 0 ? static_cast<size_t>(window.offsets.front().first) : 0;
  auto hit = hits.begin();
  while (hit != hits.end() && hit->first < first) ++hit;
  for (; hit != hits.end() && hit->first < window_last; ++hit) {
    const int hit_last = std::min(window_last, hit->first + hit->second) - 1;
    const size_t begin = static_cast<size_t>(window.offsets[hit->first - first].first);
    const size_t end = static_cast<size_t>(window.offsets[hit_last - first].second);
    if (begin < pos) continue;  // overlaps the previous match
    out.append(all.substr(pos, begin - pos)).append(open);
    out.append(all.substr(begin, end - begin)).append(close);
    pos = end;
  }
  const bool to_the_end = window_last >= column_tokens;
  const size_t end = to_the_end ? all.size() : static_cast<size_t>(window.offsets.back().second);
  if (end > pos) out.append(all.substr(pos, end - pos));
  if (!to_the_end) out += ellipsis;
  sqlite3_result_text64(result, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

Status RegisterSearchTokenizer(sqlite3* db, std::shared_ptr<const SearchTokenizer> tokenizer,
                               SearchTermsSlot** slot) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return Status::Internal("this SQLite has no FTS5");
  fts5_tokenizer methods{CreateTokenizer, DeleteTokenizer, Tokenize};
  auto* registration = new Registration{std::move(tokenizer), {}};
  if (slot != nullptr) *slot = &registration->made_ahead;
  int rc =
      api->xCreateTokenizer(api, kSearchTokenizerName, registration, &methods, DestroyRegistration);
  if (rc != SQLITE_OK) {
    delete registration;
    return Status::Internal(std::string("cannot register the search tokenizer: ") +
                            sqlite3_errstr(rc));
  }
  rc = api->xCreateFunction(api, kSnippetFunctionName, nullptr, SnippetFunction, nullptr);
  if (rc != SQLITE_OK)
    return Status::Internal(std::string("cannot register kto_snippet: ") + sqlite3_errstr(rc));
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
