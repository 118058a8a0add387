#!/usr/bin/env bash
# Panel and dossier latency on a PostgreSQL store of 1,000,000 generated
# articles (issue 17's floor: panel p99 <= 10 ms):
#   1. bench/make_kb.py into a SQLite store (made once, kept in BENCH_DIR:
#      20,000 persons, Zipf-like, 3-8 an article, positions and quotes);
#   2. `kto migrate` of it into a fresh PostgreSQL database, then VACUUM
#      ANALYZE (their times printed);
#   3. `kto serve --db postgresql://...` and wrk (2 threads, CONNECTIONS
#      connections, DURATION seconds after a 5 s warm-up) on
#        panel        GET /api/v1/articles/{id}/panel   random articles
#        dossier      GET /api/v1/persons/{kb_id}       random persons
#        dossier-top  GET /api/v1/persons/{kb_id}       the 100 most mentioned
#      one JSON line each: requests/s and latency percentiles in ms.
# The server: bench/pg-server.sh.
#   bench/pg-panel.sh [ARTICLES]     default 1000000
# Environment: KTO (build/release/kto; nothing is built), BENCH_DIR
# (build/bench), DURATION (20), CONNECTIONS (4).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
articles=${1:-1000000}
kto=${KTO:-$root/build/release/kto}
dir=${BENCH_DIR:-$root/build/bench}
duration=${DURATION:-20}
connections=${CONNECTIONS:-4}
[ -x "$kto" ] || { echo "bench/pg-panel.sh: $kto is missing: build it first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench/pg-panel.sh: wrk is missing (scripts/install-deps.sh)" >&2; exit 1; }
cd "$root"  # the wrk scripts load bench/wrk/common.lua from here
mkdir -p "$dir"
source "$root/bench/pg-server.sh"

kb=$dir/kb-$articles.db
if [ ! -f "$kb.done" ]; then
  echo "making the SQLite store of $articles articles ($kb, once)"
  rm -f "$kb" "$kb"-*
  "$kto" ingest --no-analysis --db "$kb" examples/scenario.jsonl >/dev/null  # the schema
  python3 bench/make_kb.py "$kb" "$articles"
  touch "$kb.done"
fi

db=$(new_db kb)
start=$(date +%s.%N)
"$kto" migrate --from "$kb" --to "$db" >"$tmp/migrate.txt"
echo "kto migrate: $(awk "BEGIN {printf \"%.0f\", $(date +%s.%N) - $start}") s; $(tail -1 "$tmp/migrate.txt")"
# After a bulk load, as docs/scale.md says: the planner's statistics and the
# visibility map, rather than autovacuum doing it under the measured load.
start=$(date +%s.%N)
psql -q "$db" -c "VACUUM ANALYZE"
echo "VACUUM ANALYZE: $(awk "BEGIN {printf \"%.0f\", $(date +%s.%N) - $start}") s; database $(psql -At "$db" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); kto: $kto; source tree $(git rev-parse --short HEAD)"

log=$tmp/serve.log
"$kto" serve --db "$db" --port 0 2>"$log" &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true; cleanup' EXIT
port=
for _ in $(seq 600); do
  port=$(sed -n 's#.*listening on http://[^:]*:\([0-9]*\)/.*#\1#p' "$log" | head -1)
  [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "bench/pg-panel.sh: kto serve not ready after 60 s" >&2; exit 1; }

# make_kb.py's external ids are syn0 ... syn{N-1}; its persons 1 ... 20,000
# by frequency (1 is in about a third of the articles).
python3 - "$articles" "$tmp" <<'PY'
import random, sys
n, tmp = int(sys.argv[1]), sys.argv[2]
rng = random.Random(17)
open(f"{tmp}/ids.txt", "w").write("".join(f"syn{rng.randrange(n)}\n" for _ in range(10000)))
open(f"{tmp}/persons.txt", "w").write("".join(f"{rng.randint(1, 20000)}\n" for _ in range(10000)))
open(f"{tmp}/top.txt", "w").write("".join(f"{i}\n" for i in range(1, 101)))
PY
url=http://127.0.0.1:$port
curl -sf "$url/api/v1/articles/syn3/panel" >/dev/null || { echo "bench/pg-panel.sh: no panel for syn3" >&2; exit 1; }
run() {  # NAME ROUTE VALUES
  wrk -t2 -c"$connections" -d5s --timeout 10s -s bench/wrk/get.lua "$url" -- "$2" "$3" >/dev/null
  echo "$1 ($connections connections): $(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s \
    --latency -s bench/wrk/get.lua "$url" -- "$2" "$3" | grep '^{')"
}
run panel '/api/v1/articles/{}/panel' "$tmp/ids.txt"
run dossier '/api/v1/persons/{}' "$tmp/persons.txt"
run dossier-top '/api/v1/persons/{}' "$tmp/top.txt"
