#!/usr/bin/env bash
# Rewrites the golden outputs that kto_golden_test compares byte for byte:
# `kto analyze --json` and the text panels of `kto analyze` for every article
# in examples/ (examples/articles/*.txt, examples/scenario.jsonl), into
# src/cli/testdata/golden/.
#
#   scripts/update-golden.sh [BUILD_DIR]     (default build/debug)
#
# Run it after a change that is meant to change what kto finds, and commit
# the new files with the change: `git diff --word-diff` then shows its effect
# on every example. The committed models and the dictionary built beside kto
# are used, whatever KTO_NER_MODEL, KTO_POSITIONS_MODEL or KTO_MORPH_DICT say.
set -euo pipefail
cd "$(dirname "$0")/.."
kto="$(realpath "${1:-build/debug}")/kto"
[ -x "$kto" ] || { echo "no kto at $kto: build it first" >&2; exit 1; }
unset KTO_NER_MODEL KTO_POSITIONS_MODEL KTO_MORPH_DICT
out=src/cli/testdata/golden
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.jsonl "$out"/*.txt
for input in examples/articles/*.txt examples/scenario.jsonl; do
  name=$(basename "${input%.*}")
  case "$input" in
    *.jsonl) json="$out/$name.jsonl" ;;
    *) json="$out/$name.json" ;;
  esac
  "$kto" analyze --json "$input" >"$json"
  "$kto" analyze "$input" >"$out/$name.panel.txt"
done
echo "golden outputs written to $out" >&2
