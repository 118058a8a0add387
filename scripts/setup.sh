#!/usr/bin/env bash
# Installs what is missing and builds kto in Release into build/release.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKTO_BUILD_TESTS=OFF >/dev/null
cmake --build build/release
