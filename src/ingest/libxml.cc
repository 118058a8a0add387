#include "libxml.h"

#include <libxml/parser.h>

#include <cctype>
#include <mutex>

namespace kto::ingest {

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string Attr(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string CollapsedText(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string out = CollapseSpaces(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The charset a page declares in its first bytes, lower case; "" when none.
std::string DeclaredCharset(std::string_view html) {
  const std::string head = Lower(html.substr(0, 4096));
  for (std::string_view key : {"charset=", "encoding="}) {
    size_t pos = head.find(key);
    if (pos == std::string::npos) continue;
    pos += key.size();
    while (pos < head.size() && (head[pos] == '"' || head[pos] == '\'' || head[pos] == ' ')) ++pos;
    std::string name;
    while (pos < head.size() && (std::isalnum(static_cast<unsigned char>(head[pos])) ||
                                 head[pos] == '-' || head[pos] == '_'))
      name.push_back(head[pos++]);
    if (!name.empty()) return name;
  }
  return {};
}

bool IsUtf8Name(const std::string& charset) {
  return charset.empty() || charset == "utf-8" || charset == "utf8";
}

}  // namespace kto::ingest
