#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests (src/testing/postgres_test_db.h).
#   scripts/pg-test-server.sh start DIR   initdb into DIR/data, start on a free port of
#                                         127.0.0.1, write its URI to DIR/url
#   scripts/pg-test-server.sh stop DIR    stop it and remove DIR (idempotent)
# CTest runs both as the fixture kto_postgres (cmake/KtoPostgresTest.cmake). The
# server refuses to run as root, so under root (CI) it runs as the system user
# postgres, which then owns DIR. Trust authentication, no fsync: test data only
# (KTO_PG_SETTINGS replaces "-c fsync=off" with other server settings: the
# benchmarks run a durable server).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1
dir=$(realpath -m "$2")
bin=${KTO_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bin/pg_ctl" ] || { echo "pg-test-server: no $bin/pg_ctl (install postgresql-15: scripts/install-deps.sh)" >&2; exit 1; }

owner=$(id -un)
[ "$(id -u)" -ne 0 ] || owner=postgres
# Runs a PostgreSQL program as the user who owns the server, from DIR (the
# caller's folder may be closed to that user).
as_owner() {
  if [ "$owner" = "$(id -un)" ]; then (cd "$dir" && "$@"); else (cd "$dir" && runuser -u "$owner" -- "$@"); fi
}

# True when DIR holds nothing but what start puts there.
ours() {
  local f
  for f in "$dir"/* "$dir"/.[!.]*; do
    [ -e "$f" ] || continue
    case ${f##*/} in data | url | log | initdb.log | .s.PGSQL.*) ;; *) return 1 ;; esac
  done
}

# Stops the server in DIR if one runs, and removes DIR: only when it is ours,
# lest a wrong DIR lose someone's files.
stop() {
  if [ -e "$dir" ] && ! { [ -d "$dir" ] && ours; }; then
    echo "pg-test-server: $dir holds more than a test server, not removing it" >&2
    exit 1
  fi
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

# fail MESSAGE [LOG]: the message and the log's tail, exit 1.
fail() {
  echo "pg-test-server: $1" >&2
  [ ! -f "${2:-}" ] || { echo "--- last lines of $2:" >&2; tail -n 20 "$2" >&2; }
  exit 1
}

case $command in
  stop) stop; exit 0 ;;
  start) ;;
  *) usage ;;
esac

# A server left by an interrupted run is stopped: every run starts empty.
stop
mkdir -p "$dir"
[ "$owner" = "$(id -un)" ] || chown "$owner" "$dir"
as_owner test -w "$dir" ||
  fail "user $owner cannot write $dir (is a parent folder closed to it?)"

# C.UTF-8 and not C: with LC_CTYPE=C, lower() and ILIKE leave Cyrillic alone.
locale=C
if locale -a 2>/dev/null | grep -ix 'c\.utf-\?8' >/dev/null; then locale=C.UTF-8; fi
as_owner "$bin/initdb" -D "$dir/data" -U kto --auth=trust -E UTF8 --locale="$locale" --no-sync \
  >"$dir/initdb.log" 2>&1 || fail "initdb failed" "$dir/initdb.log"

# The Unix socket goes in DIR unless its path would pass the 107-byte limit.
sockets=$dir
[ ${#dir} -le 90 ] || sockets=""
# A free port is only free until someone binds it: retry on a lost race.
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue  # taken
  rm -f "$dir/log"  # pg_ctl creates it as the owner, who must write it
  if as_owner "$bin/pg_ctl" -w -t 60 -D "$dir/data" -l "$dir/log" \
    -o "-p $port -k '$sockets' -c listen_addresses=127.0.0.1 ${KTO_PG_SETTINGS:--c fsync=off} -c max_connections=200" \
    start >/dev/null 2>&1; then
    echo "postgresql://kto@127.0.0.1:$port/postgres" >"$dir/url"
    echo "pg-test-server: PostgreSQL on 127.0.0.1:$port, data in $dir/data"
    exit 0
  fi
  grep -q "could not bind" "$dir/log" 2>/dev/null || fail "pg_ctl start failed" "$dir/log"
done
fail "no free port after 5 attempts" "$dir/log"
