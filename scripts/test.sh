#!/usr/bin/env bash
# Builds kto with its tests and runs them all.
#   scripts/test.sh              Debug build, warnings as errors, into build/debug
#   scripts/test.sh --sanitize   the same with AddressSanitizer + UBSan, into build/asan
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/fetch-az.sh
tools/morph-oracle/install.sh
tests/pages/install.sh

dir=build/debug
flags=(-DCMAKE_BUILD_TYPE=Debug -DKTO_WERROR=ON)
if [ "${1:-}" = "--sanitize" ]; then
  dir=build/asan
  flags+=(-DKTO_SANITIZE=ON)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
