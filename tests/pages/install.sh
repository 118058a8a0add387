#!/usr/bin/env bash
# Installs the browser and contract tests' packages (puppeteer-core and ajv,
# pinned with their integrity hashes in package-lock.json) into
# tests/pages/node_modules (ignored by git). The browser itself is Debian's
# chromium (scripts/install-deps.sh): puppeteer-core downloads none.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f node_modules/puppeteer-core/package.json ] && [ -f node_modules/ajv/package.json ] &&
  [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --silent >/dev/null
