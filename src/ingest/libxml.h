// libxml2, loaded on first use (dynlib.h), and small helpers over its tree
// API shared by the HTML and feed readers.
// Thread safety: libxml2 is loaded and initialized once (LoadLibXml); parsing
// and tree walking are then safe on several threads, each on its own document.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <memory>
#include <string>
#include <string_view>

#include "kto/status.h"

namespace kto::ingest {

// The libxml2 functions kto calls. Never call libxml2 directly: a direct
// call would link the library (and its dependencies) into every start.
struct LibXml {
  decltype(&::htmlReadMemory) html_read_memory;
  decltype(&::xmlReadMemory) read_memory;
  decltype(&::xmlFreeDoc) free_doc;
  decltype(&::xmlDocGetRootElement) doc_get_root_element;
  decltype(&::xmlGetProp) get_prop;
  decltype(&::xmlHasProp) has_prop;
  decltype(&::xmlNodeGetContent) node_get_content;
  decltype(&::xmlGetLastError) get_last_error;
  decltype(&::xmlBufferCreate) buffer_create;
  decltype(&::xmlBufferFree) buffer_free;
  decltype(&::xmlBufferContent) buffer_content;
  decltype(&::xmlBufferLength) buffer_length;
  decltype(&::xmlNodeDump) node_dump;
  xmlFreeFunc* free = nullptr;  // the library's variable xmlFree
};

// libxml2.so.2, loaded and initialized (xmlInitParser) by the first call; the
// same table afterwards. Fails with kNotFound when it cannot be loaded.
Result<const LibXml*> LoadLibXml();

// The loaded table. REQUIRES: LoadLibXml() succeeded (every document and
// node comes from a parse that called it).
const LibXml& Xml();

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { Xml().free_doc(doc); }
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

// The charset a page or XML file declares in its first 4 KiB (meta charset,
// http-equiv, XML declaration), lower case; "" when none.
std::string DeclaredCharset(std::string_view markup);

// True for "", "utf-8" and "utf8".
bool IsUtf8Name(const std::string& charset);

}  // namespace kto::ingest
