#!/usr/bin/env bash
# Fetches one pinned npm package, checks its integrity, and unpacks it.
#   scripts/fetch-npm.sh NAME VERSION SHA512_BASE64 DEST_DIR
# The tarball is cached in .cache/npm/ (git ignores it), so builds in several
# folders fetch it once. DEST_DIR receives the package's files (npm's
# `package/` folder) and a `.integrity` stamp; it is replaced whole, so a
# half-written unpack never survives.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 NAME VERSION SHA512_BASE64 DEST_DIR" >&2; exit 2; }
name=$1 version=$2 integrity=$3 dest=$4
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/npm"
tarball="$cache/$name-$version.tgz"

if [ -f "$dest/.integrity" ] && [ "$(cat "$dest/.integrity")" = "$integrity" ]; then
  exit 0
fi

# npm's integrity is base64 of the SHA-512 digest; compare it as hex with coreutils only.
expected_hex=$(printf '%s' "$integrity" | base64 -d 2>/dev/null | od -An -v -tx1 | tr -d ' \n')
actual() { sha512sum "$1" | cut -d' ' -f1; }

mkdir -p "$cache"
if [ ! -f "$tarball" ] || [ "$(actual "$tarball")" != "$expected_hex" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  mv "$tmp/$name-$version.tgz" "$tarball"
fi
if [ "$(actual "$tarball")" != "$expected_hex" ]; then
  echo "fetch-npm: $name@$version: integrity mismatch (expected sha512-$integrity)" >&2
  rm -f "$tarball"
  exit 1
fi

staging="$dest.tmp.$$"
rm -rf "$staging"
mkdir -p "$staging"
tar -xzf "$tarball" -C "$staging" --strip-components=1
echo "$integrity" >"$staging/.integrity"
rm -rf "$dest"
mv "$staging" "$dest"
