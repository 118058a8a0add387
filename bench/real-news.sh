#!/usr/bin/env bash
# The headline speed figures of BENCHMARKS.md, on real news, one pass, cold
# caches, each the median of RUNS runs:
#   analyze  `kto bench analyze` (one thread) over the NEREL (train + dev) and
#            BSNLP texts as JSON lines: articles/s and 2 KB-articles/s
#   ingest   `kto bench ingest` (analysis on every core, linking, writing into
#            a fresh SQLite file) over the same JSON lines
#   morph    one pass over the first 0.4M running words of the unlabelled news
#            (../shared/data/news-unlabelled), kto's word cache starting empty,
#            then Az.js over the same words in the same run; and kto's analyzer
#            alone with the cache off (`morph-uncached`)
# The corpora are converted into a temporary folder (never into the repo).
#   bench/real-news.sh [RUNS [KTO]]      defaults: 5, build/release/kto
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
kto=${2:-$root/build/release/kto}
data=$root/../shared/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$data" "$tmp" <<'EOF'
import gzip, json, pathlib, sys
data, tmp = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with open(tmp / "annotated.jsonl", "w", encoding="utf-8") as out:
    for part in ("train", "dev"):
        for txt in sorted((data / "nerel" / part).glob("*.txt")):
            out.write(json.dumps({"id": f"nerel/{part}/{txt.stem}", "text": txt.read_text(encoding="utf-8")},
                                 ensure_ascii=False) + "\n")
    for raw in sorted((data / "bsnlp").glob("*/raw/*")):
        lines = raw.read_text(encoding="utf-8").splitlines()
        out.write(json.dumps({"id": f"bsnlp/{raw.parent.parent.name}/{raw.stem}",
                              "text": "\n".join(lines[4:])}, ensure_ascii=False) + "\n")
# 0.4M running words (spaces between words) of the unlabelled news.
words = 0
with gzip.open(data / "news-unlabelled" / "news.jsonl.gz", "rt", encoding="utf-8") as src, \
        open(tmp / "news-0.4M.jsonl", "w", encoding="utf-8") as out:
    for i, line in enumerate(src):
        text = json.loads(line)["text"]
        out.write(json.dumps({"id": f"news{i}", "text": text}, ensure_ascii=False) + "\n")
        words += len(text.split())
        if words >= 400_000:
            break
EOF

# median FIELD: the median of a JSON field over the lines of standard input.
median() {
  python3 -c '
import json, statistics, sys
values = [json.loads(l)[sys.argv[1]] for l in sys.stdin if l.strip()]
print(f"{statistics.median(values):.6g}")' "$1"
}

bytes=$(stat -c %s "$tmp/annotated.jsonl")
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); kto: $kto"
echo "source tree: $(git -C "$root" rev-parse --short HEAD) (the kto measured may be built from another)"

for stage in analyze ingest; do
  : >"$tmp/$stage.out"
  for _ in $(seq "$runs"); do "$kto" bench "$stage" --input "$tmp/annotated.jsonl" >>"$tmp/$stage.out"; done
  docs_per_s=$(median docs_per_s <"$tmp/$stage.out")
  docs=$(head -1 "$tmp/$stage.out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["docs"])')
  per_2kb=$(python3 -c "print(round($docs_per_s * $bytes / $docs / 2048))")
  echo "$stage: NEREL+BSNLP ($docs articles, $bytes bytes), median of $runs: $docs_per_s articles/s" \
       "($per_2kb 2 KB-articles/s), peak RSS $(median peak_rss_mb <"$tmp/$stage.out") MB"
  [ "$stage" = analyze ] && echo "analyze by CPU time of the thread: $(python3 -c "
import json, statistics
print(round(statistics.median(json.loads(l)['docs'] / json.loads(l)['cpu_seconds'] for l in open('$tmp/analyze.out'))))") articles per CPU second"
done

"$root/tools/morph-oracle/install.sh" >/dev/null
: >"$tmp/kto-morph.out"
: >"$tmp/az.out"
: >"$tmp/uncached.out"
for _ in $(seq "$runs"); do
  "$kto" bench morph --input "$tmp/news-0.4M.jsonl" --save-words "$tmp/words.txt" >>"$tmp/kto-morph.out"
  REPEAT=1 node "$root/tools/morph-oracle/oracle.js" --time <"$tmp/words.txt" >>"$tmp/az.out"
  "$kto" bench morph-uncached --input "$tmp/news-0.4M.jsonl" >>"$tmp/uncached.out"
done
words=$(wc -l <"$tmp/words.txt")
kto_rate=$(median tokens_per_s <"$tmp/kto-morph.out")
az_rate=$(median words_per_s <"$tmp/az.out")
kto_cpu=$(median tokens_per_cpu_s <"$tmp/kto-morph.out")
az_cpu=$(median words_per_cpu_s <"$tmp/az.out")
echo "morph: one pass over $words running words of news, cache starting empty, median of $runs:" \
     "kto $kto_rate words/s, Az.js $az_rate words/s: $(python3 -c "print(round($kto_rate / $az_rate, 1))")x (wall);" \
     "by CPU time $kto_cpu against $az_cpu: $(python3 -c "print(round($kto_cpu / $az_cpu, 1))")x"
echo "morph-uncached: kto's analyzer with no cache, median of $runs: $(median tokens_per_s <"$tmp/uncached.out") words/s" \
     "($(median tokens_per_cpu_s <"$tmp/uncached.out") per CPU second)"
