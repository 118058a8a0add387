#!/usr/bin/env bash
# PostgreSQL against SQLite, and many workers on one PostgreSQL store
# (issue 17), on the first ARTICLES articles of the unlabelled news:
#   1. `kto bench ingest --threads 1` into a fresh SQLite file, then into an
#      empty PostgreSQL database: articles/s, and the seconds the writing
#      thread spends storing, linking and writing apart from the analysis
#      (store_seconds);
#   2. the articles queued (`kto ingest --enqueue`), then 1, 2 and 4
#      `kto worker` processes at once (one analysis thread each):
#      articles/s, and the PostgreSQL server's CPU seconds per article (the
#      postmaster, its ended backends and the live ones, from /proc), from
#      which the workers one primary sustains are projected.
# The server: bench/pg-server.sh.
#   bench/pg-ingest.sh [ARTICLES [KTO]]      defaults: 10000, build/release/kto
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-10000}
kto=${2:-$root/build/release/kto}
source "$root/bench/pg-server.sh"

python3 - "$root/../shared/data/news-unlabelled/news.jsonl.gz" "$count" >"$tmp/news.jsonl" <<'PY'
import gzip, json, sys
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as src:
    for i, line in enumerate(src):
        if i >= int(sys.argv[2]):
            break
        print(json.dumps({"id": f"news{i}", "text": json.loads(line)["text"]}, ensure_ascii=False))
PY

# The server's CPU seconds so far.
server_cpu() {
  python3 - "$(head -1 "$tmp/pg/data/postmaster.pid")" <<'PY'
import os, sys
root, ticks, total = sys.argv[1], os.sysconf("SC_CLK_TCK"), 0
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    if pid == root:  # its own time and that of its children that ended
        total += sum(int(f) for f in fields[11:15])
    elif fields[1] == root:
        total += int(fields[11]) + int(fields[12])
print(total / ticks)
PY
}
# Milliseconds per article of CPU seconds $1 -> $2.
per_article() {
  python3 -c 'import sys; a, b, n = map(float, sys.argv[1:]); print(f"{(b - a) / n * 1000:.3f}")' \
    "$1" "$2" "$count"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $count articles"
echo "kto: $kto; source tree $(git -C "$root" rev-parse --short HEAD)"
echo "== one process, one analysis thread =="
echo "sqlite:     $("$kto" bench ingest --threads 1 --input "$tmp/news.jsonl" --db "$tmp/bench.db")"
db=$(new_db one)
before=$(server_cpu)
echo "postgresql: $("$kto" bench ingest --threads 1 --input "$tmp/news.jsonl" --db "$db")"
echo "postgresql server CPU: $(per_article "$before" "$(server_cpu)") ms per article"

echo "== workers (one analysis thread each) =="
for workers in 1 2 4; do
  db=$(new_db "w$workers")
  "$kto" ingest --enqueue --db "$db" "$tmp/news.jsonl" >/dev/null
  before=$(server_cpu)
  start=$(date +%s.%N)
  for w in $(seq "$workers"); do
    "$kto" worker --exit-when-idle --threads 1 --batch 50 --json --db "$db" >"$tmp/worker$w.json" &
  done
  wait
  end=$(date +%s.%N)
  after=$(server_cpu)
  python3 - "$workers" "$start" "$end" "$count" "$(per_article "$before" "$after")" "$tmp" <<'PY'
import json, sys
workers, start, end, count, cpu, tmp = sys.argv[1:]
runs = [json.load(open(f"{tmp}/worker{w}.json")) for w in range(1, int(workers) + 1)]
analyzed = sum(r["analyzed"] for r in runs)
store = sum(r["store_seconds"] for r in runs)
wall = float(end) - float(start)
print(f"{workers} workers: {analyzed} analyzed in {wall:.1f} s = {analyzed / wall:.0f} articles/s; "
      f"store {store / analyzed * 1000:.2f} ms per article (workers' side); "
      f"server CPU {cpu} ms per article")
PY
done
