// store::Open and what every backend shares: the content hash, timestamps,
// the checks on an article.
#include "kto/store/store.h"

#include <cctype>
#include <chrono>
#include <ctime>

#include "internal.h"
#include "kto/text/normalize.h"
#include "kto/text/utf8.h"
#include "schema.h"
#include "sha256.h"

namespace kto::store {
namespace {

// White space for the content hash: ASCII white space, NBSP, and the
// Unicode spaces and line/paragraph separators news sites use.
size_t SpaceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size()) {
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    const auto c2 = static_cast<unsigned char>(s[i + 2]);
    // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
    if (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
    if (c1 == 0x81 && c2 == 0x9F) return 3;
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;  // U+3000
  return 0;
}

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
  const std::string nfc = text::Nfc(text);
  std::string out;
  out.reserve(nfc.size());
  bool pending_space = false;
  for (size_t i = 0; i < nfc.size();) {
    if (const size_t n = SpaceLength(nfc, i); n > 0) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(nfc[i++]);
  }
  return out;
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
  }
  if (!article.published_at.empty() && !IsCanonicalTimestamp(article.published_at)) {
    return Status::InvalidInput("published_at \"" + article.published_at +
                                "\" is not an ISO-8601 UTC time YYYY-MM-DDTHH:MM:SSZ");
  }
  return Status();
}

int LatestSchemaVersion() {
  return Migrations().back().version;
}

Result<std::unique_ptr<Store>> Open(const std::string& spec, const StoreOptions& options) {
  if (spec.empty()) return Status::InvalidArgument("empty database name");
  if (spec.rfind("sqlite:", 0) == 0) {
    std::string path = spec.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://PATH
    if (path.empty()) return Status::InvalidArgument("no file in database spec " + spec);
    return OpenSqlite(path, options);
  }
  if (const size_t colon = spec.find("://"); colon != std::string::npos) {
    return Status::InvalidArgument("unsupported database " + spec +
                                   " (this kto knows sqlite:PATH or a plain file path)");
  }
  return OpenSqlite(spec, options);
}

}  // namespace kto::store
