#!/usr/bin/env bash
# Times kto's analyzer and Az.js on the same stream of words: every word
# token of a corpus, in text order, --repeat passes. Prints both JSON lines
# and the ratios of words per second, by CPU time (the figure to trust on a
# busy machine) and by wall time.
#   tools/morph-oracle/bench.sh [CORPUS [REPEAT [KTO]]]
# Defaults: ../shared/data/nerel/train, 5, build/release/kto.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$root/../shared/data/nerel/train}
repeat=${2:-5}
kto=${3:-$root/build/release/kto}
"$root/tools/morph-oracle/install.sh"
words=$(mktemp)
trap 'rm -f "$words"' EXIT
k=$("$kto" bench morph --input "$corpus" --repeat "$repeat" --save-words "$words")
a=$(REPEAT=$repeat node "$root/tools/morph-oracle/oracle.js" --time <"$words")
echo "kto:   $k"
echo "Az.js: $a"
node -e '
const k = JSON.parse(process.argv[1]), a = JSON.parse(process.argv[2]);
console.log(`kto/Az.js words per second: ${(k.tokens_per_cpu_s / a.words_per_cpu_s).toFixed(1)}x (CPU time), ` +
            `${(k.tokens_per_s / a.words_per_s).toFixed(1)}x (wall time)`);' "$k" "$a"
