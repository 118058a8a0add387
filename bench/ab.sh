#!/usr/bin/env bash
# Two kto binaries side by side in one run, the way issue 19 measured every
# change on this noisy machine (its speed swings up to 2x between minutes):
# `kto bench STAGE` with each binary in turn, RUNS times, then the median and
# best of a field for each; and, for the analyze stage, whether both
# binaries' `kto analyze --json` of the input are byte-identical.
#   bench/ab.sh OLD_KTO NEW_KTO STAGE INPUT [RUNS [FIELD]]
# STAGE: a `kto bench` stage (analyze, ingest, morph, morph-uncached, ...);
# FIELD: a field of its JSON (default: docs_per_s, tokens_per_s for morph*).
# Both binaries must find the same dictionary (KTO_MORPH_DICT, else beside
# each binary).
set -euo pipefail
if [ $# -lt 4 ]; then
  sed -n 2,11p "$0" >&2
  exit 2
fi
old=$1 new=$2 stage=$3 input=$4 runs=${5:-7}
case $stage in morph*) default_field=tokens_per_s ;; *) default_field=docs_per_s ;; esac
field=${6:-$default_field}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
  "$old" bench "$stage" --input "$input" >>"$tmp/old"
  "$new" bench "$stage" --input "$input" >>"$tmp/new"
done
python3 - "$tmp" "$field" "$runs" <<'EOF'
import json, statistics, sys
tmp, field, runs = sys.argv[1], sys.argv[2], sys.argv[3]
medians = {}
for side in ("old", "new"):
    values = [json.loads(line)[field] for line in open(f"{tmp}/{side}") if line.strip()]
    medians[side] = statistics.median(values)
    print(f"{side}: {field} median {medians[side]:.6g}, best {max(values):.6g} ({runs} runs alternated)")
print(f"new / old: {medians['new'] / medians['old']:.3f}")
EOF
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$stage" = analyze ]; then
  "$old" analyze --json "$input" >"$tmp/old.json"
  "$new" analyze --json "$input" >"$tmp/new.json"
  if cmp -s "$tmp/old.json" "$tmp/new.json"; then
    echo "output: byte-identical"
  else
    echo "output: DIFFERS ($(cmp "$tmp/old.json" "$tmp/new.json" | head -1))"
  fi
fi
