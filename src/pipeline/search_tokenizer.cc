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
  thread_local morph::ParseList parses;
  std::string word;
  std::vector<std::string> terms;
  for (const Token& token : doc->tokens) {
    if (!HasTerms(token)) continue;
    const std::string_view written = doc->TextOf(token);
    terms.clear();
    if (token.kind == TokenKind::kWord && token.Has(token_flags::kCyrillic)) {
      analyzer_->Analyze(written, &parses);
      for (size_t i = 0; i < parses.size(); ++i) {
        std::string lemma(parses.Lemma(i));
        FoldYo(&lemma);
        if (!lemma.empty() && std::find(terms.begin(), terms.end(), lemma) == terms.end())
          terms.push_back(std::move(lemma));
      }
    }
    if (terms.empty()) {
      text::LowerInto(written, &word);
      FoldYo(&word);
      terms.push_back(word);
    }
    for (size_t i = 0; i < terms.size(); ++i) emit(terms[i], token.begin, token.end, i > 0);
  }
}

void MorphSearchTokenizer::Positions(std::string_view text,
                                     const std::function<void(size_t, size_t)>& emit) const {
  auto doc = Doc::FromUtf8(std::string(text));
  if (!doc.ok()) return;
  text::Tokenize(&*doc);
  for (const Token& token : doc->tokens)
    if (HasTerms(token)) emit(token.begin, token.end);
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
