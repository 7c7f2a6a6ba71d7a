#!/usr/bin/env bash
# The `harness diff` benchmark (issue 2 "Speed and memory"), rerunnable from scratch:
#   Benchmarks/diff/diff_benchmark.sh            # 10 million rows (~930 MB a file), 3 runs each
#   ROWS=1000000 RUNS=1 Benchmarks/diff/diff_benchmark.sh
#   WITH_PANDAS=1 Benchmarks/diff/diff_benchmark.sh   # also pandas and datacompy (slow: one run)
#   OLD_HARNESS=.build-old/release/harness Benchmarks/diff/diff_benchmark.sh   # another build, same rounds
# Sets up Benchmarks/.venv (the pins in Benchmarks/requirements.txt), generates the data into
# $BENCH_DATA (default Benchmarks/.data, gitignored), builds release, warms the page
# cache, then measures cmp, harness and the references (polars, DuckDB) in the same rounds
# and prints the table (wall time, MB/s over both files, peak RSS from /usr/bin/time -v,
# ratios to polars and DuckDB).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${ROWS:-10000000}"
DATA="${BENCH_DATA:-Benchmarks/.data}"
VENV=Benchmarks/.venv

Benchmarks/venv.sh "$VENV" Benchmarks/requirements.txt
if [ "$(cat "$DATA/rows" 2>/dev/null || true)" != "$ROWS" ]; then
    "$VENV/bin/python" Benchmarks/diff/generate_csv.py "$DATA" --rows "$ROWS"
    echo "$ROWS" > "$DATA/rows"
fi
# HARNESS_BIN: measure that binary instead of building this tree (to compare two builds).
if [ -z "${HARNESS_BIN:-}" ]; then
    swift build -c release --product harness 2>&1 | tail -1
    HARNESS_BIN="$(swift build -c release --show-bin-path)/harness"
fi
exec "$VENV/bin/python" Benchmarks/diff/diff_benchmark.py "$DATA" "$HARNESS_BIN"
