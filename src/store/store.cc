// store::Open and what every backend shares: the content hash, timestamps,
// the checks on an article.
#include "kto/store/store.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

#include "internal.h"
#include "kto/base/hash.h"
#include "kto/text/case.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"
#include "schema.h"
#include "sha256.h"

namespace kto::store {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  for (size_t i = pos; i < pos + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int Number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

std::string NormalizeForHash(std::string_view text) {
  return text::CollapseSpaces(text::Nfc(text), text::Spaces::kUnicode);
}

std::string ContentHash(std::string_view text) {
  return Sha256Hex(NormalizeForHash(text));
}

std::string SystemNowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool IsCanonicalTimestamp(std::string_view s) {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != 'Z')
    return false;
  if (!Digits(s, 0, 4) || !Digits(s, 5, 2) || !Digits(s, 8, 2) || !Digits(s, 11, 2) ||
      !Digits(s, 14, 2) || !Digits(s, 17, 2))
    return false;
  const int month = Number(s, 5, 2), day = Number(s, 8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && Number(s, 11, 2) <= 23 &&
         Number(s, 14, 2) <= 59 && Number(s, 17, 2) <= 60;
}

Status ValidateArticle(const ArticleInput& article) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"external_id", &article.external_id},
      {"url", &article.url},
      {"source", &article.source},
      {"published_at", &article.published_at},
      {"title", &article.title},
      {"text", &article.text}};
  for (const auto& [name, value] : fields) {
    if (auto bad = text::FindInvalidUtf8(*value)) {
      return Status::InvalidInput(std::string("invalid UTF-8 in ") + name + " at byte " +
                                  std::to_string(bad->byte_offset) + ": " + bad->reason);
    }
    // PostgreSQL's text cannot hold U+0000 (libpq would cut the value there):
    // both stores refuse it, so that an article means the same in either.
    if (const size_t nul = value->find('\0'); nul != std::string::npos) {
      return Status::InvalidInput(std::string("a NUL character (U+0000) in ") + name + " at byte " +
                                  std::to_string(nul));
    }
  }
  if (!article.published_at.empty() && !IsCanonicalTimestamp(article.published_at)) {
    return Status::InvalidInput("published_at \"" + article.published_at +
                                "\" is not an ISO-8601 UTC time YYYY-MM-DDTHH:MM:SSZ");
  }
  return Status();
}

void SearchTokenizer::Positions(std::string_view text,
                                const std::function<bool(size_t, size_t)>& emit) const {
  bool more = true;
  Tokenize(text, [&](std::string_view, size_t begin, size_t end, bool colocated) {
    if (more && !colocated) more = emit(begin, end);
  });
}

SearchTerms MakeSearchTerms(const SearchTokenizer& tokenizer, std::string_view title,
                            std::string_view text) {
  SearchTerms out;
  auto make = [&tokenizer](std::string_view source, SearchTerms::Column* column) {
    column->text_size = source.size();
    column->text_hash = base::Fnv1a(source);
    tokenizer.Tokenize(source,
                       [column](std::string_view term, size_t begin, size_t end, bool colocated) {
                         if (term.empty()) return;  // (the index skips them too)
                         column->terms.push_back({std::string(term), static_cast<uint32_t>(begin),
                                                  static_cast<uint32_t>(end), colocated});
                       });
  };
  make(title, &out.title);
  make(text, &out.text);
  return out;
}

int LatestSchemaVersion() {
  return Migrations().back().version;
}

std::string SpecForDisplay(const std::string& spec) {
  std::string out = spec;
  // postgresql://user:password@host...
  if (const size_t scheme = out.find("://"); scheme != std::string::npos) {
    const size_t authority_end = std::min(out.find_first_of("/?", scheme + 3), out.size());
    const size_t at = out.rfind('@', authority_end);
    const size_t colon = out.find(':', scheme + 3);
    if (at != std::string::npos && at > scheme && colon < at)
      out.replace(colon + 1, at - colon - 1, "***");
  }
  // password=... in a key=value string or a URI's query
  for (size_t pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    const size_t begin = pos + 9;
    size_t end = out.find_first_of(" &", begin);
    if (end == std::string::npos) end = out.size();
    out.replace(begin, end - begin, "***");
  }
  return out;
}

bool IsServerSpec(const std::string& spec) {
  return spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> Open(const std::string& spec, const StoreOptions& options) {
  if (spec.empty()) return Status::InvalidArgument("empty database name");
  if (spec.rfind("sqlite:", 0) == 0) {
    std::string path = spec.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://PATH
    if (path.empty()) return Status::InvalidArgument("no file in database spec " + spec);
    return OpenSqlite(path, options);
  }
  if (IsServerSpec(spec)) return OpenPostgres(spec, options);
  if (const size_t colon = spec.find("://"); colon != std::string::npos) {
    return Status::InvalidArgument(
        "unsupported database " + spec.substr(0, colon + 3) +
        "... (this kto knows sqlite:PATH, a plain file path and postgresql://...)");
  }
  return OpenSqlite(spec, options);
}

}  // namespace kto::store
