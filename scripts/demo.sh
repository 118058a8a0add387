#!/usr/bin/env bash
# The README's main job: loads the officials a site knows beforehand
# (examples/known-persons.jsonl) into the embedded store kto.db (DB=... to
# choose another file), ingests the example articles (examples/articles/*.txt
# and the ten dated articles of examples/scenario.jsonl), then prints the
# panel of every article and the top persons. Run after scripts/setup.sh
# (build/release/kto).
set -euo pipefail
cd "$(dirname "$0")/.."
kto=build/release/kto
db=${DB:-kto.db}
"$kto" kb import --db "$db" examples/known-persons.jsonl
"$kto" ingest --db "$db" examples/articles/*.txt examples/scenario.jsonl
ids=(examples/articles/*.txt)
mapfile -t scenario < <(sed -n 's/^{"id": *"\([^"]*\)".*/\1/p' examples/scenario.jsonl)
"$kto" panel --db "$db" "${ids[@]}" "${scenario[@]}"
echo "Чаще всех:"
"$kto" top --db "$db" --limit 5
cat <<EOM

Страницы и API (docs/api.md): запустите
  $kto serve --db $db
и откройте http://127.0.0.1:8080/ — статьи с подсветкой, досье, топ, поиск.
EOM
