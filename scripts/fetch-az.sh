#!/usr/bin/env bash
# Fetches the npm package az 0.2.3 — the OpenCorpora dictionary in pymorphy2
# format (package/dicts/) that kto compiles into data/ru-morph.bin — checked
# against its pinned integrity hash, into .cache/az/package/ (ignored by git).
# Idempotent: no network once extracted.
set -euo pipefail
cd "$(dirname "$0")/.."
# `npm view az@0.2.3 dist.integrity`
exec scripts/fetch-npm.sh az 0.2.3 \
  'U8d6Tw8ohZ8dcEp8aKjFYo+DU3BT8JPmYqmW0A0BsWW8ocP+F6gLZvrtglHq7pYa84dCEp3NHAoZoC4W3Lth2w==' \
  .cache/az/package
