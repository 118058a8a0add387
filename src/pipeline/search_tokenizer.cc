#include "kto/pipeline/search_tokenizer.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "kto/base/hash.h"
#include "kto/text/case.h"
#include "kto/text/doc.h"
#include "kto/text/segment.h"

namespace kto::pipeline {
namespace {

// Bump when the terms of some text change for the same dictionary.
constexpr const char* kRulesVersion = "morph-lemmas-1";

// «ё» (U+0451) and «Ё» (U+0401) as «е» in lower-case UTF-8.
void FoldYo(std::string* s) {
  std::string& out = *s;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '\xD1' && out[i + 1] == '\x91') {
      out[i] = '\xD0';
      out[i + 1] = '\xB5';
    } else if (out[i] == '\xD0' && out[i + 1] == '\x81') {
      out[i + 1] = '\xB5';
    }
  }
}

// Adds `term` (lower-cased when `lower`), «ё» folded, to (*terms)[0, *count)
// unless it is there; reuses the strings' buffers.
void AddTerm(std::string_view term, bool lower, std::vector<std::string>* terms, size_t* count) {
  if (term.empty()) return;
  if (*count == terms->size()) terms->emplace_back();
  std::string& slot = (*terms)[*count];
  if (lower) {
    text::LowerInto(term, &slot);
  } else {
    slot.assign(term);
  }
  FoldYo(&slot);
  for (size_t i = 0; i < *count; ++i)
    if ((*terms)[i] == slot) return;
  ++*count;
}

// Words and numbers give terms (each at least one); nothing else does.
bool HasTerms(const Token& token) {
  return token.kind == TokenKind::kWord || token.kind == TokenKind::kNumber;
}

}  // namespace

MorphSearchTokenizer::MorphSearchTokenizer(std::shared_ptr<const morph::Analyzer> analyzer)
    : analyzer_(std::move(analyzer)) {
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(base::Fnv1a(analyzer_->Info())));
  version_ = std::string(kRulesVersion) + "/" + hash;
}

std::string MorphSearchTokenizer::Version() const {
  return version_;
}

void MorphSearchTokenizer::Tokenize(
    std::string_view text,
    const std::function<void(std::string_view, size_t, size_t, bool)>& emit) const {
  // The store keeps valid UTF-8 only; anything else (or a text longer than
  // a Doc may be) has no terms.
  auto doc = Doc::FromUtf8(std::string(text));
  if (!doc.ok()) return;
  text::Tokenize(&*doc);
  // Frequent words are most of an article: a per-thread cache of analyses
  // makes indexing several times faster (it runs in the store's one
  // writer). A query (a few words, in any of the server's many reader
  // threads) is analyzed directly: a cache of its own in each reader thread
  // would hold some megabytes each for nothing.
  constexpr size_t kCachedTextBytes = 1024;
  thread_local std::unique_ptr<morph::AnalyzerCache> cache;
  const bool cached = text.size() >= kCachedTextBytes;
  if (cached && (!cache || &cache->analyzer() != analyzer_.get()))
    cache = std::make_unique<morph::AnalyzerCache>(analyzer_);
  morph::ParseList direct;
  std::vector<std::string> terms;  // the word's are the first `count`; buffers reused
  for (const Token& token : doc->tokens) {
    if (!HasTerms(token)) continue;
    const std::string_view written = doc->TextOf(token);
    size_t count = 0;
    if (token.kind == TokenKind::kWord && token.Has(token_flags::kCyrillic)) {
      if (!cached) analyzer_->Analyze(written, &direct);
      const morph::ParseList& parses = cached ? cache->Analyze(written) : direct;
      for (size_t i = 0; i < parses.size(); ++i) AddTerm(parses.Lemma(i), false, &terms, &count);
    }
    if (count == 0) AddTerm(written, true, &terms, &count);
    for (size_t i = 0; i < count; ++i) emit(terms[i], token.begin, token.end, i > 0);
  }
}

void MorphSearchTokenizer::Positions(std::string_view text,
                                     const std::function<bool(size_t, size_t)>& emit) const {
  // About a paragraph or two of news at a time.
  constexpr size_t kMinPiece = 2048;
  for (size_t offset = 0; offset < text.size();) {
    const size_t line_break =
        text.size() - offset > kMinPiece ? text.find('\n', offset + kMinPiece) : text.npos;
    const size_t end = line_break == text.npos ? text.size() : line_break + 1;
    auto doc = Doc::FromUtf8(std::string(text.substr(offset, end - offset)));
    if (!doc.ok()) return;
    text::Tokenize(&*doc);
    for (const Token& token : doc->tokens)
      if (HasTerms(token) && !emit(offset + token.begin, offset + token.end)) return;
    offset = end;
  }
}

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& spec,
                                                std::shared_ptr<const morph::Analyzer> analyzer,
                                                store::StoreOptions options) {
  if (analyzer) options.search_tokenizer = std::make_shared<MorphSearchTokenizer>(analyzer);
  return store::Open(spec, options);
}

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& spec, const ModelPaths& paths) {
  auto dictionary = OpenDictionary(paths);
  return OpenStore(spec, dictionary.ok() ? *dictionary : nullptr);
}

}  // namespace kto::pipeline
