#!/usr/bin/env bash
# Installs the Debian 12 packages kto builds and tests with, if any is missing.
# Idempotent: does nothing (and needs no network) when all are present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libutf8proc-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libxml2-dev libcurl4-openssl-dev nettle-dev zlib1g-dev iso-codes
  libpq-dev postgresql-15
  libcpp-httplib-dev
  clang-format clang-15 libfuzzer-15-dev
  chromium wrk curl
  fasttext
)
# chromium: the page tests (tests/pages, headless); wrk, curl: the server
# benchmark (bench/serve.sh); fasttext: `kto train clusters` (word vectors;
# training only, never read at run time); libpq-dev: the PostgreSQL store;
# postgresql-15: the server its tests start (scripts/pg-test-server.sh);
# clang-15, libfuzzer-15-dev: the fuzz targets (scripts/fuzz.sh).

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js and npm (dictionary fetch, Az.js oracle, page tests): Debian's
# packages, unless the machine already has both commands (some images ship
# Node.js with npm).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
