#!/usr/bin/env bash
# Installs what is missing, fetches the dictionary data (npm package az 0.2.3)
# and builds kto in Release into build/release, with build/release/data/ru-morph.bin.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/fetch-az.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKTO_BUILD_TESTS=OFF >/dev/null
cmake --build build/release
