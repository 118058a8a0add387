// Micro-benchmarks of the text layer's hot functions (Google Benchmark).
// The end-to-end figure that the issue floors is `kto bench tokenize`; these
// show where its time goes. Run: build/release/bench/kto_micro_bench
#include <benchmark/benchmark.h>

#include <string>

#include "kto/text/segment.h"
#include "kto/text/utf8.h"

namespace {

// About 64 KiB of news-like text written for the benchmark.
const std::string& Text() {
  static const std::string* text = [] {
    const std::string paragraph =
        "Губернатор Северской области Игорь Павлович Кедров 28 ноября открыл движение по "
        "новому мосту через реку Светлую. «Этот мост ждали тридцать лет», — сказал он. "
        "Строительство обошлось в 2 000 млн рублей, т.е. на 8,1% дороже плана 2019 г. "
        "Подробности: https://kedrovsk.example.org/news/most.\n";
    auto* s = new std::string;
    while (s->size() < (64u << 10)) *s += paragraph;
    return s;
  }();
  return *text;
}

void BM_ValidateUtf8(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(kto::text::FindInvalidUtf8(Text()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Text().size()));
}
BENCHMARK(BM_ValidateUtf8);

void BM_Tokenize(benchmark::State& state) {
  auto doc = kto::Doc::FromUtf8(Text());
  for (auto _ : state) {
    kto::text::Tokenize(&doc.value());
    benchmark::DoNotOptimize(doc->tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Text().size()));
}
BENCHMARK(BM_Tokenize);

void BM_SplitSentences(benchmark::State& state) {
  auto doc = kto::Doc::FromUtf8(Text());
  kto::text::Tokenize(&doc.value());
  for (auto _ : state) {
    kto::text::SplitSentences(&doc.value());
    benchmark::DoNotOptimize(doc->sentences.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Text().size()));
}
BENCHMARK(BM_SplitSentences);

}  // namespace

BENCHMARK_MAIN();
