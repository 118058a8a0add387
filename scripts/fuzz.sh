#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang-15, AddressSanitizer and
# UndefinedBehaviorSanitizer, into build/fuzz) and runs one for SECONDS:
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]   e.g. fuzz_jsonl 60 -jobs=2
#   scripts/fuzz.sh all SECONDS                           each target in turn (CI: 30 s)
#   scripts/fuzz.sh list                                  the targets
# The corpus grows in build/fuzz/corpus/TARGET, starting from the committed
# seeds (fuzz/seeds/TARGET); a crash, leak or timeout stops the run with a
# non-zero status and leaves the input in build/fuzz/artifacts/. Replay one:
#   build/fuzz/fuzz/TARGET build/fuzz/artifacts/TARGET-crash-...
# docs/fuzzing.md says what each target checks.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(fuzz_text fuzz_jsonl fuzz_html fuzz_feed fuzz_date fuzz_morph_dict fuzz_ner_model
         fuzz_positions_model fuzz_analyze fuzz_kb_import fuzz_server)
usage() { echo "usage: scripts/fuzz.sh TARGET|all|list SECONDS [libFuzzer flags...]" >&2; exit 2; }

[ $# -ge 1 ] || usage
if [ "$1" = list ]; then printf '%s\n' "${targets[@]}"; exit 0; fi
[ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || usage
target=$1 seconds=$2
shift 2
if [ "$target" != all ] && [[ ! " ${targets[*]} " =~ " $target " ]]; then
  echo "scripts/fuzz.sh: no target $target (scripts/fuzz.sh list)" >&2
  exit 2
fi

scripts/install-deps.sh
scripts/fetch-az.sh
dir=build/fuzz
if [ ! -f "$dir/build.ninja" ]; then
  CC=clang-15 CXX=clang++-15 cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKTO_FUZZ=ON -DKTO_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$dir" --target kto_fuzz

symbolizer=$(command -v llvm-symbolizer-15 || command -v llvm-symbolizer || true)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1${symbolizer:+:external_symbolizer_path=$symbolizer}
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1${symbolizer:+:external_symbolizer_path=$symbolizer}
# The dictionary of tokens (fuzz/dicts) each target's mutations insert.
dictionary() {
  case $1 in
    fuzz_text | fuzz_analyze) echo text ;;
    fuzz_jsonl) echo json ;;
    fuzz_kb_import) echo known-persons ;;
    fuzz_html) echo html ;;
    fuzz_feed) echo feed ;;
    fuzz_date) echo date ;;
    fuzz_server) echo server ;;
  esac
}
run() {
  local name=$1
  shift
  local corpus="$dir/corpus/$name" dict=() words
  mkdir -p "$corpus" "$dir/artifacts"
  words=$(dictionary "$name")
  [ -n "$words" ] && dict=(-dict="fuzz/dicts/$words.dict")
  echo "== $name: $seconds s"
  # -timeout: an input that takes 10 s is a finding (cost must stay linear);
  # -rss_limit_mb: so is one that needs 2 GB.
  "$dir/fuzz/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/$name-" "${dict[@]}" "$@" \
    "$corpus" "fuzz/seeds/$name"
}
if [ "$target" = all ]; then
  for t in "${targets[@]}"; do run "$t" "$@"; done
else
  run "$target" "$@"
fi
