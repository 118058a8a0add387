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
source "$root/bench/pg-server.sh"
nerel=$root/../shared/data/nerel
corpus=(--corpus "$nerel/train" --corpus "$nerel/dev")

one=$(new_db one)
four=$(new_db four)

echo "machine: $(nproc) cores; kto: $kto; source tree $(git -C "$root" rev-parse --short HEAD)"
echo "one process:   $("$kto" eval link "${corpus[@]}" --db "$one" --json)"
for k in 0 1 2 3; do
  "$kto" eval link "${corpus[@]}" --db "$four" --share "$k/4" --threads 1 >/dev/null &
done
wait
echo "four at once:  $("$kto" eval link "${corpus[@]}" --from-db "$four" --compare-db "$one" --json)"
