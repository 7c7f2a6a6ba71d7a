#!/usr/bin/env bash
# Benchmark of `harness diff` on JSON Lines and JSON against Python's json module, measured
# in the same run on the same files.
#
#   Benchmarks/json/json_benchmark.sh            # generate (once), build release, measure
#   RUNS=5 JSONL_MB=200 JSON_MB=50 BENCH_DIR=/tmp/harness-json-bench Benchmarks/json/json_benchmark.sh
#
# Targets (issue 3): a ~200 MB JSON Lines pair at least 5x faster than Python loading both
# (json.loads line by line into lists) and comparing them (==), identical and with float
# noise within --rtol; a ~50 MB JSON document with peak memory a small multiple of its size.
# Times are wall clock (the median of RUNS for harness, of PY_RUNS for Python); peak
# memory is /usr/bin/time's maximum resident set size. The machine may be shared: the
# load average is printed before and after; rerun when it is high.
set -uo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/harness-json-bench}
JSONL_MB=${JSONL_MB:-200}
JSON_MB=${JSON_MB:-50}
RUNS=${RUNS:-3}
PY_RUNS=${PY_RUNS:-1}
PYTHON=${PYTHON:-python3}
# HARNESS_BIN: measure that binary instead of building this tree (to compare two builds).
HARNESS=${HARNESS_BIN:-$ROOT/.build/release/harness}
mkdir -p "$BENCH_DIR"

echo "== load before: $(uptime)"
if [ -z "${HARNESS_BIN:-}" ]; then
    echo "== building release"
    swift build -c release --product harness 2>&1 | tail -1 || exit 2
fi

# Data: generated once per size (deterministic), reused by later runs.
E=$BENCH_DIR/expected-$JSONL_MB.jsonl
N=$BENCH_DIR/noisy-$JSONL_MB.jsonl
S=$BENCH_DIR/shuffled-$JSONL_MB.jsonl
C=$BENCH_DIR/copy-$JSONL_MB.jsonl
D=$BENCH_DIR/expected-$JSON_MB.json
DN=$BENCH_DIR/noisy-$JSON_MB.json
DC=$BENCH_DIR/copy-$JSON_MB.json
if [ ! -s "$S" ]; then
    echo "== generating $JSONL_MB MB JSON Lines in $BENCH_DIR"
    "$PYTHON" Benchmarks/json/json_generate.py jsonl "$E" "$N" "$S" "$JSONL_MB" || exit 2
fi
[ -s "$C" ] || cp "$E" "$C"
if [ ! -s "$DN" ]; then
    echo "== generating $JSON_MB MB JSON document in $BENCH_DIR"
    "$PYTHON" Benchmarks/json/json_generate.py json "$D" "$DN" "$JSON_MB" || exit 2
fi
[ -s "$DC" ] || cp "$D" "$DC"

size_mb() { echo "scale=1; $(stat -c %s "$1") / 1000000" | bc; }

# measure RUNS COMMAND...: runs it RUNS times; sets WALL (median), CPU (user+sys of that
# run), RSS (KB, the largest), STATUS and LAST (the first line of its output).
measure() {
    local runs=$1; shift
    local results=() rss=0 line
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f "%e %U %S %M" -o "$BENCH_DIR/time.txt" "$@" > "$BENCH_DIR/output.txt" 2>&1
        STATUS=$?
        LAST=$(head -1 "$BENCH_DIR/output.txt")
        # The last line: GNU time puts "Command exited with non-zero status" first.
        read -r wall user system kb < <(tail -1 "$BENCH_DIR/time.txt")
        results+=("$wall $(echo "$user + $system" | bc)")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    line=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    WALL=${line%% *}
    CPU=${line##* }
    RSS=$rss
}

VERDICTS=()
# compare LABEL FORMAT EXPECTED ACTUAL [harness options...]: harness vs the Python reference.
compare() {
    local label=$1 format=$2 expected=$3 actual=$4; shift 4
    local megabytes
    megabytes=$(echo "$(size_mb "$expected") + $(size_mb "$actual")" | bc)
    measure "$RUNS" "$HARNESS" diff "$expected" "$actual" "$@"
    local h_wall=$WALL h_cpu=$CPU h_rss=$RSS h_status=$STATUS h_out=$LAST
    measure "$PY_RUNS" "$PYTHON" Benchmarks/json/json_reference.py "$format" "$expected" "$actual"
    local p_wall=$WALL p_cpu=$CPU p_rss=$RSS
    local ratio cpu_ratio throughput
    # Clocks tick in hundredths: never divide by a zero reading.
    h_wall=$(echo "if ($h_wall < 0.01) 0.01 else $h_wall" | bc)
    h_cpu=$(echo "if ($h_cpu < 0.01) 0.01 else $h_cpu" | bc)
    ratio=$(echo "scale=1; $p_wall / $h_wall" | bc)
    cpu_ratio=$(echo "scale=1; $p_cpu / $h_cpu" | bc)
    throughput=$(echo "scale=0; $megabytes / $h_wall" | bc)
    echo
    echo "-- $label ($megabytes MB read; harness options: ${*:-none})"
    echo "   harness: ${h_wall}s wall, ${h_cpu}s cpu, $((h_rss / 1024)) MB peak RSS, ${throughput} MB/s, exit $h_status: $h_out"
    echo "   python : ${p_wall}s wall, ${p_cpu}s cpu, $((p_rss / 1024)) MB peak RSS"
    echo "   ratio  : ${ratio}x faster (wall), ${cpu_ratio}x (cpu)"
    LAST_RATIO=$ratio
    LAST_RSS=$h_rss
}

echo "== JSON Lines: $(size_mb "$E") MB expected; runs: harness $RUNS, python $PY_RUNS"
compare "JSON Lines, identical, by position" jsonl "$E" "$C"
VERDICTS+=("identical JSON Lines >= 5x: $(echo "$LAST_RATIO >= 5" | bc | sed 's/1/met/;s/0/NOT met/') (${LAST_RATIO}x)")
compare "JSON Lines, float noise within rtol + 1 in 10,000 records changed, by position" jsonl "$E" "$N" --rtol 1e-9
VERDICTS+=("noisy JSON Lines >= 5x: $(echo "$LAST_RATIO >= 5" | bc | sed 's/1/met/;s/0/NOT met/') (${LAST_RATIO}x)")
compare "JSON Lines, shuffled, by key (no target)" jsonl "$E" "$S" --key id

echo
echo "== JSON document: $(size_mb "$D") MB"
compare "JSON document, identical" json "$D" "$DC"
DOC_KB=$(( $(stat -c %s "$D") / 1024 ))
VERDICTS+=("document peak RSS / document size: $(echo "scale=1; $LAST_RSS / $DOC_KB" | bc) (two files of that size are held, plus their tapes)")
compare "JSON document, float noise within rtol" json "$D" "$DN" --rtol 1e-9
VERDICTS+=("noisy document peak RSS / document size: $(echo "scale=1; $LAST_RSS / $DOC_KB" | bc)")

echo
echo "== summary"
printf '   %s\n' "${VERDICTS[@]}"
echo "== load after: $(uptime)"
