#include "libxml.h"

#include <cctype>
#include <mutex>

#include "dynlib.h"
#include "kto/text/case.h"

namespace kto::ingest {
namespace {

const LibXml* loaded = nullptr;  // set once, under the once_flag of LoadLibXml

Status Load(LibXml* xml) {
  auto lib = DynamicLibrary::Load("libxml2.so.2", "libxml2");
  if (!lib.ok()) return lib.status();
  void (*init_parser)() = nullptr;
  // clang-format off
  Status status = lib->Resolve({
      {"xmlInitParser", &init_parser}, {"htmlReadMemory", &xml->html_read_memory},
      {"xmlReadMemory", &xml->read_memory}, {"xmlFreeDoc", &xml->free_doc},
      {"xmlDocGetRootElement", &xml->doc_get_root_element}, {"xmlGetProp", &xml->get_prop},
      {"xmlHasProp", &xml->has_prop}, {"xmlNodeGetContent", &xml->node_get_content},
      {"xmlGetLastError", &xml->get_last_error}, {"xmlBufferCreate", &xml->buffer_create},
      {"xmlBufferFree", &xml->buffer_free}, {"xmlBufferContent", &xml->buffer_content},
      {"xmlBufferLength", &xml->buffer_length}, {"xmlNodeDump", &xml->node_dump},
      {"xmlFree", &xml->free}});
  // clang-format on
  if (!status.ok()) return status;
  init_parser();
  return Status();
}

}  // namespace

Result<const LibXml*> LoadLibXml() {
  static std::once_flag once;
  static Status status;
  std::call_once(once, [] {
    static LibXml xml;
    status = Load(&xml);
    if (status.ok()) loaded = &xml;
  });
  if (!status.ok()) return status;
  return loaded;
}

const LibXml& Xml() {
  return *loaded;
}

std::string Attr(const xmlNode* node, const char* name) {
  xmlChar* value = Xml().get_prop(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(value));
  (*Xml().free)(value);
  return out;
}

std::string CollapsedText(const xmlNode* node) {
  xmlChar* content = Xml().node_get_content(node);
  if (content == nullptr) return {};
  std::string out = text::CollapseSpaces(reinterpret_cast<const char*>(content));
  (*Xml().free)(content);
  return out;
}

// The charset a page declares in its first bytes, lower case; "" when none.
std::string DeclaredCharset(std::string_view html) {
  const std::string head = text::AsciiLower(html.substr(0, 4096));
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
