#!/usr/bin/env bash
# Fails when a tracked C++ file (*.cc, *.h) is not formatted as .clang-format
# says, naming the files. CI runs it (.ci/run); to fix what it names:
#   clang-format -i FILE...
# The reference is Debian 12's clang-format (version 14): other versions
# format some constructs differently.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is not installed (scripts/install-deps.sh)" >&2; exit 1; }
version=$(clang-format --version | sed -nE 's/.*version ([0-9]+).*/\1/p')
[ "$version" = 14 ] || echo "check-format: clang-format $version, the reference is 14: results may differ" >&2

files=$(git ls-files -- '*.cc' '*.h' | wc -l)
if ! report=$(git ls-files -z -- '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror 2>&1); then
  mapfile -t bad < <(sed -nE 's/^(.+):[0-9]+:[0-9]+: error: code should be clang-formatted.*/\1/p' \
    <<<"$report" | sort -u)
  if [ ${#bad[@]} -eq 0 ]; then  # clang-format itself failed
    echo "$report" >&2
    exit 1
  fi
  echo "check-format: ${#bad[@]} of $files files not formatted as .clang-format says:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  echo "fix with: clang-format -i ${bad[*]}" >&2
  exit 1
fi
echo "check-format: $files files formatted"
