#!/usr/bin/env bash
# How the time to report the problems of a bad harness.json grows with their number
# (issue 14: 30,000 bad cases once took 38 s, the location of each found by a scan from
# the start). Prints the time for N and 2N bad cases and their ratio: about 2 is linear,
# about 4 quadratic. Medians of RUNS alternating runs.
#
#   Benchmarks/config/config_diagnostics.sh                 # N=15000, the debug build
#   N=30000 RUNS=5 HARNESS=.build/release/harness Benchmarks/config/config_diagnostics.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-15000}
RUNS=${RUNS:-3}
HARNESS=${HARNESS:-.build/debug/harness}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "$N" $((2 * N)); do
    python3 - "$n" "$work/cfg-$n.json" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
json.dump({"cases": {f"c{i}": {"notebok": "x.ipynb", "outputs": {}} for i in range(n)}}, open(path, "w"), indent=1)
PY
done
declare -A times
for ((run = 0; run < RUNS; run++)); do
    for n in "$N" $((2 * N)); do
        start=$(date +%s.%N)
        "$HARNESS" run --config "$work/cfg-$n.json" > /dev/null 2>&1 || true
        times[$n]+="$(echo "$(date +%s.%N) - $start" | bc) "
    done
done
median() { printf '%s\n' $1 | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
a=$(median "${times[$N]}") b=$(median "${times[$((2 * N))]}")
echo "$N bad cases: ${a}s; $((2 * N)) bad cases: ${b}s; ratio $(echo "scale=2; $b / $a" | bc) (2 is linear)"
