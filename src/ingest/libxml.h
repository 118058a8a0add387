// Small helpers over libxml2's tree API shared by the HTML and feed readers.
// Thread safety: libxml2 is initialized once (InitLibxml); parsing and tree
// walking are then safe on several threads, each on its own document.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace kto::ingest {

// Calls xmlInitParser() once per process.
void InitLibxml();

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// The element's local name ("" for other nodes). The HTML parser lower-cases.
inline std::string_view Name(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
  return reinterpret_cast<const char*>(node->name);
}

// The attribute's value, "" when absent.
std::string Attr(const xmlNode* node, const char* name);

// The concatenated text under `node`, white space collapsed and trimmed.
std::string CollapsedText(const xmlNode* node);

// ASCII lower case.
std::string Lower(std::string_view s);

// `s` with runs of ASCII white space collapsed to one space, trimmed.
std::string CollapseSpaces(std::string_view s);

// The charset a page or XML file declares in its first 4 KiB (meta charset,
// http-equiv, XML declaration), lower case; "" when none.
std::string DeclaredCharset(std::string_view markup);

// True for "", "utf-8" and "utf8".
bool IsUtf8Name(const std::string& charset);

}  // namespace kto::ingest
