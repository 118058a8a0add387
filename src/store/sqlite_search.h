// The SQLite backend's full-text index: an FTS5 table whose terms come from
// the store's SearchTokenizer, and the pieces SqliteStore builds its search
// from (see docs/store.md, "Full-text search").
//
// The index table, article_search(title, text), is created by the backend
// when it is opened with a tokenizer (FTS5 needs the tokenizer registered to
// create or read the table, so it is not one of the portable migrations).
// Its rowid is a search key that orders articles newest first: the article
// date's Unix seconds in the high bits, the article id in the low 30 bits
// (see SearchKey), so that "newest first" and a period are rowid order and a
// rowid range, which FTS5 serves from its doclists without a sort.
//
// Thread safety: RegisterSearchTokenizer is per connection; the functions
// are pure.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kto/status.h"
#include "kto/store/store.h"
#include "search_common.h"

namespace kto::store {

// The FTS5 tokenizer name the index table uses.
inline constexpr const char* kSearchTokenizerName = "kto";

// The FTS5 function that makes a search hit's snippet, registered with the
// tokenizer: kto_snippet(article_search, open, close, ellipsis, tokens), the
// window of `tokens` tokens of the text (else the title) with the most
// matches, each match between `open` and `close`, `ellipsis` where the
// window cuts the column.
inline constexpr const char* kSnippetFunctionName = "kto_snippet";

// Registers `tokenizer` on the connection as the FTS5 tokenizer "kto": every
// term it emits becomes an FTS5 token, a colocated one with
// FTS5_TOKEN_COLOCATED (at indexing, at query time and for snippets), and
// the function kto_snippet.
// Where a connection's writer puts the terms made ahead for the article it
// is about to index (ArticleAnalysis::search_terms): while it holds some, a
// text they were made for gets them instead of being tokenized.
struct SearchTermsSlot {
  const SearchTerms* terms = nullptr;
};

// *slot (when not null) receives the connection's SearchTermsSlot, valid
// while the connection is open.
Status RegisterSearchTokenizer(sqlite3* db, std::shared_ptr<const SearchTokenizer> tokenizer,
                               SearchTermsSlot** slot = nullptr);

// The FTS5 query for the words of `text` as `tokenizer` splits them: each
// word, as written, in double quotes (so nothing of the user's text is FTS5
// syntax; FTS5 splits the quoted word again with the same tokenizer, its
// colocated lemmas matching any of them), joined by AND. Empty when the text
// has no term.
std::string SearchMatchExpression(const SearchTokenizer& tokenizer, std::string_view text);

// A snippet() result with matches between `open` and `close` as pieces.
// Text outside a well-formed open...close pair is plain text.
Highlighted SplitSnippet(std::string_view snippet, std::string_view open, std::string_view close);

}  // namespace kto::store
