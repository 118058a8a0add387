#!/usr/bin/env bash
# One process against four (issue 17): NEREL's train and dev documents
# linked into a PostgreSQL store by one `kto eval link` process, and into
# another by four at once, each its share (--share K/4); then the four
# processes' store scored against the gold and against the one process's
# (the agreement of the two partitions of the mentions into persons).
#   bench/concurrent-link.sh [KTO]      default: build/release/kto
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kto=${1:-$root/build/release/kto}
tmp=$(mktemp -d)
chmod 755 "$tmp"  # the server's user (postgres, under root) works inside
cleanup() {
  "$root/scripts/pg-test-server.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
nerel=$root/../shared/data/nerel
corpus=(--corpus "$nerel/train" --corpus "$nerel/dev")

KTO_PG_SETTINGS="-c synchronous_commit=off" "$root/scripts/pg-test-server.sh" start "$tmp/pg" >/dev/null
server=$(cat "$tmp/pg/url")
psql -q "$server" -c "CREATE DATABASE one" -c "CREATE DATABASE four"
one=${server%/postgres}/one
four=${server%/postgres}/four

echo "machine: $(nproc) cores; kto: $kto; source tree $(git -C "$root" rev-parse --short HEAD)"
echo "one process:   $("$kto" eval link "${corpus[@]}" --db "$one" --json)"
for k in 0 1 2 3; do
  "$kto" eval link "${corpus[@]}" --db "$four" --share "$k/4" --threads 1 >/dev/null &
done
wait
echo "four at once:  $("$kto" eval link "${corpus[@]}" --from-db "$four" --compare-db "$one" --json)"
