#!/usr/bin/env bash
# Keyed JSON Lines diff against DuckDB (pinned in Benchmarks/requirements.txt), the key
# index's bytes per record, and records sharing one key (issue 19). Rerunnable:
#   Benchmarks/json/jsonl_keyed_benchmark.sh
#   RECORDS=2000000 RUNS=5 OLD_HARNESS=/path/to/older/harness Benchmarks/json/jsonl_keyed_benchmark.sh
# Builds this tree in release mode (unless HARNESS_BIN names a binary), writes the data into
# $BENCH_DATA (default Benchmarks/.data/jsonl-keyed, gitignored) once, then times each tool
# in alternating rounds and prints medians and ratios (see jsonl_keyed_benchmark.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${RECORDS:-2000000}"
RUNS="${RUNS:-5}"
DATA="${BENCH_DATA:-Benchmarks/.data/jsonl-keyed}"
Benchmarks/venv.sh Benchmarks/.venv Benchmarks/requirements.txt
if [ -z "${HARNESS_BIN:-}" ]; then
    swift build -c release --product harness 2>&1 | tail -1
    HARNESS_BIN="$(swift build -c release --show-bin-path)/harness"
fi
exec Benchmarks/.venv/bin/python Benchmarks/json/jsonl_keyed_benchmark.py "$DATA" "$HARNESS_BIN" \
    --records "$RECORDS" --runs "$RUNS" ${OLD_HARNESS:+--old "$OLD_HARNESS"}
