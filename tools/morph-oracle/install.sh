#!/usr/bin/env bash
# Installs the Az.js oracle (az 0.2.3, pinned with its integrity hash in
# package-lock.json) into tools/morph-oracle/node_modules (ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
[ -f node_modules/az/package.json ] && exit 0
npm ci --no-audit --no-fund --silent >/dev/null
