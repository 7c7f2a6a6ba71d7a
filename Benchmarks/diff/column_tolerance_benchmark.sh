#!/usr/bin/env bash
# Per-column tolerances against one tolerance for the file (issue 18), rerunnable:
#   OLD_HARNESS=/path/to/harness-before Benchmarks/diff/column_tolerance_benchmark.sh
#   ROWS=10000000 RUNS=3 OLD_HARNESS=... Benchmarks/diff/column_tolerance_benchmark.sh
# OLD_HARNESS is a release build of the commit to compare with, e.g. from
#   git archive 6b2a022 | tar -x -C /tmp/harness-old && (cd /tmp/harness-old && swift build -c release --product harness)
# Builds this tree in release mode, writes the data (Python standard library only) into
# $BENCH_DATA (default Benchmarks/.data/column-tolerance, gitignored), then times both
# binaries in alternating rounds and prints medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${OLD_HARNESS:?set OLD_HARNESS to a release build of the commit to compare with}"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-5}"
DATA="${BENCH_DATA:-Benchmarks/.data/column-tolerance}"
swift build -c release --product harness 2>&1 | tail -1
exec python3 Benchmarks/diff/column_tolerance_benchmark.py "$DATA" "$OLD_HARNESS" \
    "$(swift build -c release --show-bin-path)/harness" --rows "$ROWS" --runs "$RUNS"
