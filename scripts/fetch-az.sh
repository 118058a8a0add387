#!/usr/bin/env bash
# Fetches the npm package az 0.2.3 — the OpenCorpora dictionary in pymorphy2
# format (package/dicts/) that kto compiles into data/ru-morph.bin — through
# npm, checks the tarball against the pinned hashes and extracts it into
# .cache/az/ (ignored by git). Idempotent: no network once extracted.
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.2.3
# `npm view az@0.2.3 dist`: integrity sha512-U8d6Tw8ohZ8dcEp8aKjFYo+DU3BT8JPmYqmW0A0BsWW8ocP+F6gLZvrtglHq7pYa84dCEp3NHAoZoC4W3Lth2w==
sha512=53c77a4f0f28859f1d704a7c68a8c5628f83537053f093e662a996d00d01b165bca1c3fe17a80b66faed8251eaee961af38742129dcd1c0a19a02e16dcbb61db
sha1=1d0bcf2242418bdd7ae6c6f5e1a42cba072a7017

cache=.cache/az
tarball="$cache/az-$version.tgz"
stamp="$cache/package/.kto-extracted-$version"
[ -f "$stamp" ] && exit 0

verify() {
  [ -f "$tarball" ] &&
    [ "$(sha512sum "$tarball" | cut -d' ' -f1)" = "$sha512" ] &&
    [ "$(sha1sum "$tarball" | cut -d' ' -f1)" = "$sha1" ]
}

mkdir -p "$cache"
if ! verify; then
  rm -f "$tarball"
  echo "fetch-az: npm pack az@$version" >&2
  (cd "$cache" && npm pack "az@$version" --silent >/dev/null)
  if ! verify; then
    echo "fetch-az: $tarball does not match the pinned sha512/sha1; refusing to use it" >&2
    rm -f "$tarball"
    exit 1
  fi
fi
rm -rf "$cache/package"
tar -xzf "$tarball" -C "$cache" package/dicts package/package.json
touch "$stamp"
