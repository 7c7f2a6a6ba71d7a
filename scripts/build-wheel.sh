#!/usr/bin/env bash
# Builds the wheel users install with pip (no Swift needed): the static release binary from
# scripts/build-release.sh, packed by scripts/pack_wheel.py (Python's standard library only)
# into OUTDIR (default dist/). Prints the wheel's path as its last line.
#
#   scripts/build-wheel.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(scripts/build-release.sh | tail -n 1)"
python3 scripts/pack_wheel.py "$binary" "${1:-dist}"
