#!/usr/bin/env bash
# Load and soak of `kto serve` (issue 18), on a store of ARTICLES generated
# articles (bench/make_kb.py: 20,000 persons, 3-8 an article, positions,
# quotes), with wrk at a constant RATE mixing panel, person, top, search and
# ingest (bench/wrk/load.lua; MIX, by default per 100 requests 50 panels,
# 15 dossiers and 5 dossier pages, 10 tops, 15 searches of a surname, 5
# POSTs of a new article naming the store's persons, with the API key):
#   1. load: LOAD_SECONDS at RATE; every request answered 2xx, no socket
#      error or timeout; each route's p50/p99 as the client saw them
#      (load.lua, 1 % buckets) and as the server timed them (its GET /metrics
#      histograms before and after, interpolated within their buckets);
#      the server's CPU, wrk's and the machine's over the run;
#   2. soak: SOAK_SECONDS more at RATE on the same server; every 10 s the
#      server's VmRSS, RssAnon, RssFile, open fds, threads and TCP
#      connections (established, close-wait) into BENCH_DIR/load-soak.csv; at
#      the end first/last/max after WARMUP_SECONDS and whether memory stayed
#      within 10 %, then the same counts after 10 s without load. The
#      server's own memory is RssAnon; VmRSS adds RssFile, the pages of the
#      store each reader connection maps (up to 2 GB each, page cache the
#      kernel may drop), which comes and goes with the connections.
# wrk runs on this machine against 127.0.0.1 and stops by itself (-d); the
# server is stopped with SIGTERM at the end (and on any exit).
#
#   bench/load.sh
# Environment: KTO (a kto binary; default build/release/kto, first built
# with `cmake --build build/release --target kto`), BENCH_DIR (build/bench),
# ARTICLES (100000), RATE (requests/s, 1000), CONNECTIONS (wrk threads, one
# connection each, sending the reads: 16), POST_CONNECTIONS (those sending
# the POSTs: 4; 0 mixes the POSTs into the reads' connections, where a slow
# POST holds back the reads behind it), LOAD_SECONDS (60), SOAK_SECONDS
# (600; 0 skips the soak), WARMUP_SECONDS (60), SERVE_FLAGS (more `kto
# serve` flags), MIX (the routes' shares, default
# "panel:50,person:15,person_page:5,top:10,search:15,ingest:5").
#
# The store is made once, like bench/pg-panel.sh's (BENCH_DIR/kb-N.db and
# its .done marker, shared with it); its full-text index, which make_kb.py
# leaves empty, is built once (the .search marker). Each run serves a copy
# (BENCH_DIR/load-work.db, removed at the end): the POSTs write into it.
# Exit status 1 when a request failed or was not answered, RssAnon grew by
# more than 10 %, fds grew, or connections were left open.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-$root/build/bench}
articles=${ARTICLES:-100000}
rate=${RATE:-1000}
connections=${CONNECTIONS:-16}
post_connections=${POST_CONNECTIONS:-4}
load_seconds=${LOAD_SECONDS:-60}
soak_seconds=${SOAK_SECONDS:-600}
warmup_seconds=${WARMUP_SECONDS:-60}
mix=${MIX:-panel:50,person:15,person_page:5,top:10,search:15,ingest:5}
[[ $mix =~ ingest:[0-9.]*[1-9] ]] || post_connections=0  # no POSTs to send
[[ $mix =~ (panel|person|person_page|top|search):[0-9.]*[1-9] ]] || connections=0  # no reads
if [ -n "${KTO:-}" ]; then
  kto=$KTO
else
  kto=$root/build/release/kto
  [ -d "$root/build/release" ] ||
    cmake -S "$root" -B "$root/build/release" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$root/build/release" --target kto >/dev/null
fi
[ -x "$kto" ] || { echo "bench/load.sh: $kto is missing" >&2; exit 1; }
for tool in wrk curl python3 ss; do
  command -v "$tool" >/dev/null || { echo "bench/load.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
cd "$root"  # the wrk scripts load bench/wrk/common.lua from here
mkdir -p "$dir"
tmp=$(mktemp -d)
work=$dir/load-work.db  # the copy served
log=$dir/load-serve.log
server_pid=
server_status=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    server_status=0
    wait "$server_pid" 2>/dev/null || server_status=$?
    server_pid=
  fi
}
cleanup() {
  stop_server
  rm -rf "$tmp" "$work" "$work"-*
}
trap cleanup EXIT
nonce="$(date +%s)-$$"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- the store, made once ---------------------------------------------------
kb=$dir/kb-$articles.db
if [ ! -f "$kb.done" ]; then
  echo "making the SQLite store of $articles articles ($kb, once)"
  rm -f "$kb" "$kb"-* "$kb.search"
  "$kto" ingest --no-analysis --db "$kb" examples/scenario.jsonl >/dev/null  # the schema
  python3 bench/make_kb.py "$kb" "$articles"
  touch "$kb.done"
fi
if [ ! -f "$kb.search" ]; then
  # make_kb.py writes the articles behind the full-text index's back, and
  # the index of the schema's store says it is up to date: forgetting its
  # tokenizer version makes kto rebuild it when it next opens the store.
  echo "building the full-text index of $kb (once)"
  python3 - "$kb" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM store_meta WHERE key = 'search_tokenizer'")
db.commit()
PY
  : >"$tmp/empty.jsonl"
  "$kto" ingest --no-analysis --format jsonl --db "$kb" "$tmp/empty.jsonl" >/dev/null
  touch "$kb.search"
fi
rm -f "$work" "$work"-*
cp "$kb" "$work"
for suffix in -wal -shm; do [ ! -f "$kb$suffix" ] || cp "$kb$suffix" "$work$suffix"; done

# --- the server -------------------------------------------------------------
head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$tmp/api.key"
chmod 600 "$tmp/api.key"
: >"$log"
# shellcheck disable=SC2086
"$kto" serve --db "$work" --port 0 --api-key-file "$tmp/api.key" ${SERVE_FLAGS:-} 2>>"$log" &
server_pid=$!
port=
for _ in $(seq 1200); do
  port=$(sed -n 's#.*listening on http://[^:]*:\([0-9]*\)/.*#\1#p' "$log" | head -1)
  [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  port=
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; echo "bench/load.sh: kto serve did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "bench/load.sh: kto serve not ready after 120 s" >&2; exit 1; }
url=http://127.0.0.1:$port
curl -sf "$url/api/v1/articles/syn3/panel" >/dev/null || { echo "bench/load.sh: no panel for syn3" >&2; exit 1; }

echo "store: $articles articles ($(du -m "$work" | cut -f1) MB); kto: $kto ($("$kto" --version 2>&1 | head -1))"
tree=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || tree="$tree with uncommitted changes"
echo "source tree: $tree; machine: $(nproc) cores, load average $(loadavg)"
echo "kto serve ${SERVE_FLAGS:-(default flags)} on port $port; wrk: $connections + $post_connections threads (reads + POSTs), one connection each, $rate requests/s, mix $mix (bench/wrk/load.lua)"

# The CPU time (user + system) of a process so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The machine's CPU time so far: user nice system idle iowait irq softirq steal.
machine_ticks() { awk '/^cpu / {print $2, $3, $4, $5, $6, $7, $8, $9}' /proc/stat; }
# One sample of the server: seconds,VmRSS,RssAnon,RssFile (kB),fds,threads,
# established,close-wait connections of its port,WAL bytes.
sample() {
  local status fds est cw wal vmrss anon file threads
  status=$(awk '/^(VmRSS|RssAnon|RssFile|Threads):/ {v[$1] = $2} END {printf "%s,%s,%s,%s", v["VmRSS:"], v["RssAnon:"], v["RssFile:"], v["Threads:"]}' "/proc/$server_pid/status")
  fds=$(find "/proc/$server_pid/fd" -mindepth 1 -maxdepth 1 | wc -l)
  est=$(ss -Htn state established "( sport = :$port )" | wc -l)
  cw=$(ss -Htn state close-wait "( sport = :$port )" | wc -l)
  wal=$(stat -c %s "$work-wal" 2>/dev/null || echo 0)
  IFS=, read -r vmrss anon file threads <<<"$status"
  echo "$1,$vmrss,$anon,$file,$fds,$threads,$est,$cw,$wal"
}

# The report of a wrk run: its JSON lines (load.lua), the two /metrics texts,
# the CPU ticks of the server and wrk, the machine's ticks before and after.
report() {
  python3 - "$@" <<'PY'
import json, re, sys
wrk_out, before, after, server_ticks, wrk_cpu, machine_before, machine_after, hz, conns = sys.argv[1:10]
lines = [json.loads(l) for l in open(wrk_out) if l.startswith('{"route"')]
total = next(l for l in lines if l["route"] == "all")
routes = [l for l in lines if l["route"] != "all"]
NAMES = {"panel": "/api/v1/articles/{id}/panel", "person": "/api/v1/persons/{kb_id}",
         "person_page": "/persons/{kb_id}", "top": "/api/v1/top", "search": "/api/v1/search",
         "ingest": "/api/v1/articles"}

def metrics(path):
    buckets, statuses = {}, {}
    for line in open(path):
        m = re.match(r'kto_http_request_duration_seconds_bucket\{route="([^"]*)",le="([^"]*)"\} (\d+)', line)
        if m:
            le = float("inf") if m[2] == "+Inf" else float(m[2])
            buckets.setdefault(m[1], {})[le] = int(m[3])
        m = re.match(r'kto_http_requests_total\{route="([^"]*)",method="([^"]*)",status="(\d+)"\} (\d+)', line)
        if m:
            statuses[(m[1], m[2], m[3])] = int(m[4])
    return buckets, statuses

b0, s0 = metrics(before)
b1, s1 = metrics(after)

def server_quantile(route, q):
    """histogram_quantile over the run: linear within the bucket."""
    after, before = b1.get(route, {}), b0.get(route, {})
    counts = sorted((le, n - before.get(le, 0)) for le, n in after.items())
    total = counts[-1][1] if counts else 0
    if total == 0:
        return None
    want, lower, below = q * total, 0.0, 0
    for le, n in counts:
        if n >= want:
            if le == float("inf"):
                return lower * 1000  # beyond the last bound: at least it
            return (lower + (le - lower) * (want - below) / max(n - below, 1)) * 1000
        lower, below = le, n
    return None

def fmt(v):
    return "-" if v is None else (f"{v:.1f}" if v >= 10 else f"{v:.2f}")

print(f"  {'route':<30} {'answered':>8} {'per s':>6} {'non-2xx':>7}  client p50 / p90 / p99 / max ms        server p50 / p99 ms")
for r in routes:
    if r["sent"] == 0:
        continue
    name = NAMES[r["route"]]
    print(f"  {name:<30} {r['answered']:>8} {r['rps']:>6.0f} {r['non_2xx']:>7}  "
          f"{fmt(r['p50_ms']):>6} / {fmt(r['p90_ms']):>6} / {fmt(r['p99_ms']):>6} / {fmt(r['max_ms']):>7}"
          f"      {fmt(server_quantile(name, 0.5)):>6} / {fmt(server_quantile(name, 0.99)):>6}")
not_2xx = {k: n - s0.get(k, 0) for k, n in s1.items() if not k[2].startswith("2") and n - s0.get(k, 0) > 0
           and k[0] != "/metrics"}
unanswered = total["sent"] - total["answered"]
print(f"  all: {total['sent']} sent, {total['answered']} answered in {total['seconds']:.1f} s = "
      f"{total['rps']:.1f} requests/s ({unanswered} in flight when wrk stopped, at most {conns}); "
      f"non-2xx {total['non_2xx']}; socket errors: connect "
      f"{total['connect_errors']}, read {total['read_errors']}, write {total['write_errors']}, "
      f"timeouts {total['timeouts']}; requests sent >100 ms behind the schedule {total['late_100ms']} "
      f"(most behind {total['max_lag_ms']:.0f} ms)")
print("  server's statuses that were not 2xx: " +
      (", ".join(f"{k[1]} {k[0]} {k[2]}: {n}" for k, n in sorted(not_2xx.items())) or "none"))
m0 = [int(x) for x in machine_before.split()]
m1 = [int(x) for x in machine_after.split()]
d = [b - a for a, b in zip(m0, m1)]
hz = int(hz)
cores_seconds = sum(d) / hz
server = int(server_ticks) / hz
wrk_user, wrk_sys = (float(x) for x in wrk_cpu.split())
busy = (d[0] + d[1] + d[2] + d[5] + d[6]) / hz
print(f"  CPU over the run ({cores_seconds:.0f} core-seconds on the machine): server {server:.1f} s "
      f"({server / max(total['answered'], 1) * 1000:.2f} ms a request), wrk {wrk_user + wrk_sys:.1f} s, "
      f"other processes {busy - server - wrk_user - wrk_sys:.1f} s (of which niced: {d[1] / hz:.1f} s), "
      f"idle {(d[3] + d[4]) / hz:.1f} s, stolen {d[7] / hz:.1f} s")
ok = total["non_2xx"] == 0 and total["timeouts"] == 0 and total["connect_errors"] == 0 and \
    total["read_errors"] == 0 and total["write_errors"] == 0 and not not_2xx and \
    unanswered <= int(conns)
sys.exit(0 if ok else 1)
PY
}

# run NAME SECONDS: wrk for SECONDS at $rate, the report; its JSON lines in
# BENCH_DIR/load-NAME.jsonl. Returns the report's status (1: failures).
run() {
  local name=$1 seconds=$2 out=$dir/load-$1.jsonl threads=$((connections + post_connections))
  curl -sf "$url/metrics" >"$tmp/metrics-before.txt"
  local ticks machine
  ticks=$(cpu_ticks "$server_pid")
  machine=$(machine_ticks)
  echo "$name: ${seconds} s at $rate requests/s  [load $(loadavg)]"
  /usr/bin/time -f '%U %S' -o "$tmp/wrk-time" \
    wrk -t"$threads" -c"$threads" -d"${seconds}s" --timeout 10s -s bench/wrk/load.lua "$url" \
    -- "$rate" "$nonce-$name" "$(cat "$tmp/api.key")" "$articles" "$connections" "$post_connections" \
    "$mix" >"$out.txt" &
  wrk_pid=$!
  if [ "$name" = soak ]; then
    echo "seconds,vmrss_kb,rss_anon_kb,rss_file_kb,fds,threads,established,close_wait,wal_bytes" >"$dir/load-soak.csv"
    local elapsed=0
    while kill -0 "$wrk_pid" 2>/dev/null; do
      sample "$elapsed" >>"$dir/load-soak.csv"
      # Keep the request log small: its lines that are not 2xx first.
      awk '$4 ~ /^[0-9]+$/ && $4 !~ /^2/' "$log" >>"$dir/load-errors.log"
      : >"$log"
      sleep 10
      elapsed=$((elapsed + 10))
    done
  fi
  wait "$wrk_pid"
  grep '^{' "$out.txt" >"$out"
  curl -sf "$url/metrics" >"$tmp/metrics-after.txt"
  awk '$4 ~ /^[0-9]+$/ && $4 !~ /^2/' "$log" >>"$dir/load-errors.log"
  : >"$log"
  local status=0
  report "$out" "$tmp/metrics-before.txt" "$tmp/metrics-after.txt" \
    "$(($(cpu_ticks "$server_pid") - ticks))" "$(cat "$tmp/wrk-time")" "$machine" "$(machine_ticks)" \
    "$(getconf CLK_TCK)" "$threads" || status=1
  echo "  [load $(loadavg)]"
  return $status
}

failed=0
: >"$dir/load-errors.log"
echo "before any load: $(sample 0 | cut -d, -f2-) (VmRSS,RssAnon,RssFile kB,fds,threads,established,close-wait,WAL bytes)"
run load "$load_seconds" || failed=1

if [ "$soak_seconds" -gt 0 ]; then
  run soak "$soak_seconds" || failed=1
  sleep 10
  idle=$(sample after)
  python3 - "$dir/load-soak.csv" "$warmup_seconds" "$idle" <<'PY' || failed=1
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]))]
warm = [r for r in rows if int(r["seconds"]) >= int(sys.argv[2])] or rows
idle = dict(zip(rows[0].keys(), sys.argv[3].split(",")))
ok = True
def series(key, unit, scale=1.0, limit=None):
    global ok
    v = [int(r[key]) / scale for r in warm]
    first, last, top = v[0], v[-1], max(v)
    within = (top - first) <= 0.10 * first if first else top == 0
    verdict = ""
    if limit == "10%":
        verdict = "  within 10 %" if within else "  NOT within 10 %"
        ok = ok and within
    print(f"  {key:<12} first {first:8.1f}{unit}  last {last:8.1f}{unit}  max {top:8.1f}{unit}  "
          f"min {min(v):8.1f}{unit}  after 10 s idle {int(idle[key]) / scale:8.1f}{unit}{verdict}")
    return first, last
print(f"soak samples from {warm[0]['seconds']} s to {warm[-1]['seconds']} s ({len(warm)}; every 10 s, "
      f"after {sys.argv[2]} s of warm-up), in {sys.argv[1]}:")
series("vmrss_kb", " MB", 1024)
series("rss_anon_kb", " MB", 1024, "10%")
series("rss_file_kb", " MB", 1024)
first, last = series("fds", "")
series("threads", "")
series("established", "")
series("close_wait", "")
series("wal_bytes", " MB", 1 << 20)
if last > first + 5 or int(idle["fds"]) > first:
    ok = False
    print("  open fds grew")
if int(idle["established"]) != 0 or int(idle["close_wait"]) != 0:
    ok = False
    print("  connections left open after the load")
sys.exit(0 if ok else 1)
PY
fi

if [ -s "$dir/load-errors.log" ]; then
  echo "requests not answered 2xx (from the request log; the first 10 of $(wc -l <"$dir/load-errors.log")):"
  head -10 "$dir/load-errors.log" | sed 's/^/  /'
fi
start=$(date +%s.%N)
stop_server
echo "kto serve stopped by SIGTERM in $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}") s, exit status $server_status; store grown to $(du -m "$work" | cut -f1) MB"
[ "$server_status" -eq 0 ] || failed=1
[ "$failed" -eq 0 ] || { echo "bench/load.sh: FAILED (see above)"; exit 1; }
echo "bench/load.sh: no failure"
