#!/usr/bin/env bash
# The speed of `kto serve` (issue 14's floors), with wrk, against a store of
# 100,000 articles of real news:
#   panel    GET /api/v1/articles/{id}/panel       random article ids
#   dossier  GET /api/v1/persons/{kb_id}           the kb ids of /api/v1/top?limit=100
#   search   GET /api/v1/search?q=WORD             common words and those persons' surnames
#   persons  GET /api/v1/persons?q=WORD            the same words
#   post     POST /api/v1/articles, one new 2 KB article a request
#   batch    POST /api/v1/articles, 100 new 2 KB articles a request (x-ndjson)
# then a soak (a mix of the routes, bench/wrk/mix.lua) sampling the server's
# resident memory every 10 s.
#
#   bench/serve.sh [RUNS]          RUNS wrk runs of each route (default 1);
#                                  the run with the median requests/s is shown
# Environment: KTO (default build/release/kto; this script builds nothing),
# BENCH_DIR (build/bench), DURATION (seconds per run, 25), CONNECTIONS (32),
# POST_CONNECTIONS (of the single POSTs, 8),
# SOAK_SECONDS (600; 0 skips the soak), ARTICLES (100000), DATA (the corpora,
# ../shared/data), ROUTES (the names above to run, default all), SERVE_FLAGS
# (more flags for kto serve, e.g. "--threads 64").
#
# The store is made once with `kto ingest` (its time is the batch ingest rate
# the POSTs are compared with) and kept in BENCH_DIR/store.db with the files
# the requests draw from (ids.txt, kbids.txt, words.txt, posts.txt). The
# corpus (../shared/data/news-unlabelled) has 29,705 texts: they are reused
# with distinct ids and «Выпуск N.» prepended, dates spread over 2025–2026.
# Reads are measured on store.db; the writes and the soak on a copy of it
# (work.db, removed at the end), so the cached store never changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
kto=${KTO:-$root/build/release/kto}
dir=${BENCH_DIR:-$root/build/bench}
duration=${DURATION:-25}
connections=${CONNECTIONS:-32}
post_connections=${POST_CONNECTIONS:-8}
soak_seconds=${SOAK_SECONDS:-600}
articles=${ARTICLES:-100000}
routes=" ${ROUTES:-panel dossier search persons post batch} "
corpus=${DATA:-$root/../shared/data}/news-unlabelled/news.jsonl.gz
helper=$root/bench/serve-helper.js

if [ ! -x "$kto" ]; then
  echo "bench/serve.sh: $kto is missing; this script builds nothing: build it first" \
       "(cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build/release)" >&2
  exit 1
fi
for tool in wrk node curl; do
  command -v "$tool" >/dev/null || { echo "bench/serve.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
cd "$root"  # the wrk scripts load bench/wrk/common.lua from here
mkdir -p "$dir"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
nonce="$(date +%s)-$$"

# --- the store, made once -------------------------------------------------
if [ ! -f "$dir/store.done" ]; then
  echo "making the store of $articles articles in $dir (once)"
  rm -f "$dir"/store.db*
  node "$helper" corpus "$corpus" "$articles" "$dir"
  load_before=$(loadavg)
  start=$(date +%s.%N)
  "$kto" ingest --db "$dir/store.db" --json "$dir/articles.jsonl" >"$dir/ingest.json"
  end=$(date +%s.%N)
  node "$helper" ingest-time "$(awk "BEGIN {print $end - $start}")" "$articles" \
    "$(stat -c %s "$dir/articles.jsonl")" "$load_before" "$(loadavg)" >"$dir/ingest-time.json"
  rm "$dir/articles.jsonl"  # 0.5 GB of corpus text, not needed any more
  touch "$dir/store.done"
fi
node "$helper" ingest-summary "$dir/ingest-time.json"
echo "store size: $(du -m "$dir/store.db" | cut -f1) MB; kto: $kto ($("$kto" --version 2>&1 | head -1))"
echo "source tree: $(git rev-parse --short HEAD 2>/dev/null || echo '?'); machine: $(nproc) cores"

# --- the server -----------------------------------------------------------
server_pid=
port=
log=$dir/serve.log
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_server
  rm -f "$dir"/work.db* "$dir"/ingest-2kb.jsonl
}
trap cleanup EXIT

# start_server DB: kto serve on a free port, its log (one line a request)
# in $log; waits until /readyz answers.
start_server() {
  : >"$log"
  # shellcheck disable=SC2086
  "$kto" serve --db "$1" --port 0 ${SERVE_FLAGS:-} 2>>"$log" &
  server_pid=$!
  for _ in $(seq 600); do
    port=$(sed -n 's#.*listening on http://[^:]*:\([0-9]*\)/.*#\1#p' "$log" | head -1)
    [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; echo "bench/serve.sh: kto serve did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench/serve.sh: kto serve not ready after 60 s" >&2
  exit 1
}

# bench NAME ROUTE PER_REQUEST CONNECTIONS WARMUP_SECONDS SCRIPT ARGS...:
# RUNS wrk runs of DURATION seconds (after a warm-up run that is not
# counted), one summary line with the load average before and after, and
# the server's own timing of ROUTE (its /metrics).
bench() {
  local name=$1 route=$2 per_request=$3 conns=$4 warmup=$5 script=$6
  shift 6
  [[ $routes == *" $name "* ]] || return 0
  local url="http://127.0.0.1:$port" out=$dir/wrk-$name.jsonl
  if [ "$warmup" -gt 0 ]; then
    wrk -t2 -c"$conns" -d"${warmup}s" --timeout 10s -s "bench/wrk/$script" "$url" -- "$@" >/dev/null
  fi
  : >"$out"
  local before
  curl -sf "$url/metrics" >"$dir/metrics-before.txt"
  local cpu_before
  cpu_before=$(server_cpu_ticks)
  before=$(loadavg)
  for _ in $(seq "$runs"); do
    : >"$log"  # the request log would grow by ~100 MB in a soak
    wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s --latency -s "bench/wrk/$script" "$url" -- "$@" |
      grep '^{' >>"$out"
  done
  echo "$(node "$helper" summary "$name" "$per_request" <"$out")  [load $before -> $(loadavg)]"
  local cpu_ticks=$(($(server_cpu_ticks) - cpu_before))
  curl -sf "$url/metrics" >"$dir/metrics-after.txt"
  node "$helper" server-time "$route" "$dir/metrics-before.txt" "$dir/metrics-after.txt" \
    "$(awk "BEGIN {print $cpu_ticks / $(getconf CLK_TCK)}")"
}

# The CPU time (user + system) of the server so far, in clock ticks: per
# request, what the server costs whatever else the machine runs.
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

start_server "$dir/store.db"
if [ ! -s "$dir/kbids.txt" ] || [ ! -s "$dir/words.txt" ]; then
  curl -sf "http://127.0.0.1:$port/api/v1/top?limit=100" >"$dir/top.json"
  node "$helper" kbids "$dir/top.json" "$dir"
fi
echo "kto serve ${SERVE_FLAGS:-(default flags)}; wrk: 2 threads, $connections connections (single POSTs: $post_connections), $duration s a run, $runs run(s), after a 5 s warm-up"
bench panel '/api/v1/articles/{id}/panel' 1 "$connections" 5 get.lua '/api/v1/articles/{}/panel' "$dir/ids.txt"
bench dossier '/api/v1/persons/{kb_id}' 1 "$connections" 5 get.lua '/api/v1/persons/{}' "$dir/kbids.txt"
bench search /api/v1/search 1 "$connections" 5 get.lua '/api/v1/search?q={}' "$dir/words.txt"
bench persons /api/v1/persons 1 "$connections" 5 get.lua '/api/v1/persons?q={}' "$dir/words.txt"
stop_server

# --- writes and the soak, on a copy ---------------------------------------
if [[ $routes == *" post "* || $routes == *" batch "* ]] || [ "$soak_seconds" -gt 0 ]; then
  cp "$dir/store.db" "$dir/work.db"
fi
if [[ $routes == *" batch "* ]]; then
  # Like for like with the batch POSTs: kto ingest of 5,000 new 2 KB articles
  # into the same 100,000-article store (in batches of 100, as posted).
  node "$helper" batch "$dir/posts.txt" 5000 "ingest-$nonce" "$dir/ingest-2kb.jsonl"
  before=$(loadavg)
  start=$(date +%s.%N)
  "$kto" ingest --db "$dir/work.db" --batch 100 --json "$dir/ingest-2kb.jsonl" >/dev/null
  seconds=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}")
  echo "kto ingest       5000 new 2 KB articles into the store, batches of 100: $(awk "BEGIN {printf \"%.0f\", 5000 / $seconds}") articles/s" \
       "($seconds s)  [load $before -> $(loadavg)]"
fi
if [[ $routes == *" post "* || $routes == *" batch "* ]]; then
  start_server "$dir/work.db"
  bench post /api/v1/articles 1 "$post_connections" 0 post.lua "$dir/posts.txt" 1 "$nonce-s"
  bench batch /api/v1/articles 100 2 0 post.lua "$dir/posts.txt" 100 "$nonce-b"
  stop_server
fi

if [ "$soak_seconds" -gt 0 ]; then
  start_server "$dir/work.db"
  echo "soak: ${soak_seconds} s of the mix of bench/wrk/mix.lua, 16 connections, memory every 10 s  [load $(loadavg)]"
  wrk -t2 -c16 -d"${soak_seconds}s" --timeout 10s -s bench/wrk/mix.lua "http://127.0.0.1:$port" -- "$dir" "$nonce-k" |
    grep '^{' >"$dir/wrk-soak.jsonl" &
  wrk_pid=$!
  : >"$dir/rss.txt"
  elapsed=0
  while kill -0 "$wrk_pid" 2>/dev/null; do
    # VmRSS = RssAnon (the server's own memory) + RssFile (pages of the
    # mapped store and of the program, which the kernel may drop); the WAL.
    echo "$elapsed $(awk '/^(VmRSS|RssAnon|RssFile)/ {printf "%s ", $2}' "/proc/$server_pid/status")$(stat -c %s "$dir/work.db-wal" 2>/dev/null || echo 0)" >>"$dir/rss.txt"
    : >"$log"
    sleep 10
    elapsed=$((elapsed + 10))
  done
  wait "$wrk_pid"
  echo "$(node "$helper" summary soak 1 <"$dir/wrk-soak.jsonl")  [load $(loadavg)]"
  curl -sf "http://127.0.0.1:$port/metrics" | grep '^kto_http_requests_total' | grep -v 'status="2' |
    sed 's/^/  not 2xx: /' || true
  awk 'function mb(kb) {return kb / 1024}
       NR == 1 {first = $3} {n++; last = $3; if ($3 > max) max = $3; if ($2 > rss) rss = $2; if ($4 > file) file = $4; if ($5 > wal) wal = $5}
       NR % 6 == 1 {trail = trail sprintf(" %.0f", mb($3))}
       END {printf "soak RssAnon (%d samples): first %.1f MB, last %.1f MB, max %.1f MB; each minute:%s\n", n, mb(first), mb(last), mb(max), trail
            printf "  largest VmRSS %.0f MB, RssFile %.0f MB (the mapped store), WAL %.0f MB\n", mb(rss), mb(file), wal / 1048576}' \
    "$dir/rss.txt"
  stop_server
fi
