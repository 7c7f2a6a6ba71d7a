#!/usr/bin/env bash
# The identical-file path of `harness diff` against `cmp`, in the same run on the same files
# (issue 14, item 12: byte-equal JSON and JSON Lines are still validated, so a malformed
# pair is exit 2, and that must stay within 1.5x of cmp).
#
#   Benchmarks/json/identical_benchmark.sh
#   ROUNDS=7 JSONL_MB=200 JSON_MB=50 BENCH_DIR=/tmp/harness-json-bench Benchmarks/json/identical_benchmark.sh
#
# Each file is compared with a copy of itself (another inode, so both are read). The two
# commands alternate, ROUNDS times, after one warm-up each (the files are then in the page
# cache for both). Printed: the median wall time of each and the median of the per-round
# ratios harness / cmp. The binary measured is the one users install (scripts/build-release.sh:
# static, as in the wheel): against cmp's 16 ms on 50 MB, start-up counts, and a dynamically
# linked build spends about 4 ms more resolving symbols. HARNESS_BIN measures that binary instead.
set -uo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/harness-json-bench}
JSONL_MB=${JSONL_MB:-200}
JSON_MB=${JSON_MB:-50}
ROUNDS=${ROUNDS:-7}
PYTHON=${PYTHON:-python3}
HARNESS=${HARNESS_BIN:-}
mkdir -p "$BENCH_DIR"

echo "== load before: $(uptime)"
if [ -z "$HARNESS" ]; then
    echo "== building the release binary (scripts/build-release.sh)"
    HARNESS=$(scripts/build-release.sh) || exit 2
fi

E=$BENCH_DIR/expected-$JSONL_MB.jsonl
C=$BENCH_DIR/copy-$JSONL_MB.jsonl
D=$BENCH_DIR/expected-$JSON_MB.json
DC=$BENCH_DIR/copy-$JSON_MB.json
if [ ! -s "$E" ]; then
    echo "== generating $JSONL_MB MB JSON Lines in $BENCH_DIR"
    "$PYTHON" Benchmarks/json/json_generate.py jsonl "$E" "$BENCH_DIR/noisy-$JSONL_MB.jsonl" \
        "$BENCH_DIR/shuffled-$JSONL_MB.jsonl" "$JSONL_MB" || exit 2
fi
[ -s "$C" ] || cp "$E" "$C"
if [ ! -s "$D" ]; then
    echo "== generating $JSON_MB MB JSON document in $BENCH_DIR"
    "$PYTHON" Benchmarks/json/json_generate.py json "$D" "$BENCH_DIR/noisy-$JSON_MB.json" "$JSON_MB" || exit 2
fi
[ -s "$DC" ] || cp "$D" "$DC"

# seconds COMMAND...: wall time of one run (its output discarded); exits on a wrong status.
# EPOCHREALTIME (bash 5) starts no process: `$(date +%s.%N)` around a command added about
# 2 ms to each side (the later date's start-up), which made a 16 ms cmp look like 18.
seconds() {
    local start end
    start=$EPOCHREALTIME
    "$@" > /dev/null 2>&1
    local status=$?
    end=$EPOCHREALTIME
    [ "$status" -eq 0 ] || { echo "unexpected exit $status from: $*" >&2; exit 2; }
    echo "$end - $start" | bc
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

VERDICT=0
# measure LABEL EXPECTED ACTUAL: alternating rounds of cmp and harness diff.
measure() {
    local label=$1 expected=$2 actual=$3 cmps=() harnesses=() ratios=() c h
    seconds cmp "$expected" "$actual" > /dev/null
    seconds "$HARNESS" diff "$expected" "$actual" > /dev/null
    for ((i = 0; i < ROUNDS; i++)); do
        c=$(seconds cmp "$expected" "$actual")
        h=$(seconds "$HARNESS" diff "$expected" "$actual")
        cmps+=("$c"); harnesses+=("$h"); ratios+=("$(echo "scale=4; $h / $c" | bc)")
    done
    local mc mh mr
    mc=$(printf '%s\n' "${cmps[@]}" | median)
    mh=$(printf '%s\n' "${harnesses[@]}" | median)
    mr=$(printf '%s\n' "${ratios[@]}" | median)
    local verdict="within 1.5x: met"
    if [ "$(echo "$mr > 1.5" | bc)" -eq 1 ]; then verdict="within 1.5x: NOT met"; VERDICT=1; fi
    printf '%-28s %8.1f MB  cmp %7.3f s  harness %7.3f s  harness/cmp %5.2fx  (%s)\n' \
        "$label" "$(echo "$(stat -c %s "$expected") / 1000000" | bc -l)" "$mc" "$mh" "$mr" "$verdict"
}

echo "== identical files, $ROUNDS alternating rounds, medians (wall clock)"
measure "JSON Lines, identical" "$E" "$C"
measure "JSON document, identical" "$D" "$DC"
echo "== load after: $(uptime)"
exit "$VERDICT"
