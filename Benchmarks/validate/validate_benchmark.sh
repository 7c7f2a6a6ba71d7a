#!/usr/bin/env bash
# Benchmark for `harness validate` against hand-written polars expressions, the same
# contract as SQL checks in DuckDB, pandera and frictionless, all measured in this run on the same generated data (issue 4).
#
#   Benchmarks/validate/validate_benchmark.sh            # 10 million rows (~900 MB)
#   ROWS=1000000 REPEAT=1 Benchmarks/validate/validate_benchmark.sh
#
# Each tool runs REPEAT times (default 3), in rounds (every tool once per round), and keeps
# its fastest run, since the machine is shared and a single run can be slowed by others.
#
# Data goes to $BENCH_DIR (default /tmp/harness-validate-bench), the Python venv to
# Benchmarks/.venv (both outside git). frictionless runs on a 1M-row slice and its time is
# extrapolated x(ROWS/1M). Peak memory is /usr/bin/time's "Maximum resident set size".
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ROWS=${ROWS:-10000000}
SLICE=${SLICE:-1000000}
INJECT=${INJECT:-200}
REPEAT=${REPEAT:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/harness-validate-bench}
VENV=$ROOT/Benchmarks/.venv
PY=$VENV/bin/python
mkdir -p "$BENCH_DIR"

Benchmarks/venv.sh "$VENV" Benchmarks/requirements.txt

CLEAN=$BENCH_DIR/base-$ROWS.csv
INJECTED=$BENCH_DIR/injected-v2-$SLICE-$INJECT.csv
SLICED=$BENCH_DIR/base-$ROWS-head-$SLICE.csv
# Speed: base.csv of the diff benchmark's generator; violations: our file with injected ones.
[ -f "$CLEAN" ] || { echo "== generating $CLEAN"; "$PY" Benchmarks/validate/validate_base_data.py "$CLEAN" --rows "$ROWS"; }
[ -f "$INJECTED" ] || { echo "== generating $INJECTED"; "$PY" Benchmarks/validate/validate_data.py "$INJECTED" --rows "$SLICE" --inject "$INJECT" --seed 7; }
[ -f "$SLICED" ] || head -n $((SLICE + 1)) "$CLEAN" > "$SLICED"

# HARNESS_BIN: measure that binary instead of building this tree (to compare two builds).
if [ -n "${HARNESS_BIN:-}" ]; then
  echo "== harness: $HARNESS_BIN"
  HARNESS=$HARNESS_BIN
else
  echo "== building harness (release)"
  swift build -c release --product harness 2>&1 | tail -1
  HARNESS=$ROOT/.build/release/harness
fi
CONTRACT=$ROOT/Benchmarks/validate/validate_contract.json
INJECTED_CONTRACT=$ROOT/Benchmarks/validate/validate_injected_contract.json

# run_once NAME DATA COMMAND...: one timed run on DATA; keeps the best wall seconds and the
# peak RSS (MB). DATA is read into the page cache first, for every tool: this machine
# reclaims cached pages within minutes (and the peers' 2.5 GB runs push them out), and a
# tool that happens to read from disk would be timing the disk.
declare -A SECONDS_OF MEMORY_OF
run_once() {
  local name=$1 data=$2; shift 2
  local log=$BENCH_DIR/time-$name.log wall rss
  cat "$data" > /dev/null
  /usr/bin/time -v "$@" > "$BENCH_DIR/out-$name.txt" 2> "$log" || true
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(($(grep "Maximum resident set size" "$log" | awk '{print $NF}') / 1024))
  if [ -z "${SECONDS_OF[$name]:-}" ] || awk "BEGIN{exit !($wall < ${SECONDS_OF[$name]})}"; then SECONDS_OF[$name]=$wall; fi
  if [ "$rss" -gt "${MEMORY_OF[$name]:-0}" ]; then MEMORY_OF[$name]=$rss; fi
}

echo "== speed on $ROWS rows ($(du -m "$CLEAN" | cut -f1) MB), $REPEAT rounds"
# The floor under harness's time: the same fields untyped, so only reading and splitting are left.
UNTYPED=$BENCH_DIR/untyped-contract.json
"$PY" -c 'import json, sys; fields = json.load(open(sys.argv[1]))["schema"]["fields"]
json.dump({"fields": [{"name": f["name"]} for f in fields]}, open(sys.argv[2], "w"))' "$CONTRACT" "$UNTYPED"
# Rounds rather than one tool after another: on a shared machine a slow minute then
# falls on every tool alike instead of on whichever ran in it.
for round in $(seq "$REPEAT"); do
  run_once harness "$CLEAN" "$HARNESS" validate "$CLEAN" --contract "$CONTRACT"
  run_once harness-read-only "$CLEAN" "$HARNESS" validate "$CLEAN" --contract "$UNTYPED"
  run_once polars "$CLEAN" "$PY" Benchmarks/validate/validate_peers.py polars "$CONTRACT" "$CLEAN"
  run_once duckdb "$CLEAN" "$PY" Benchmarks/validate/validate_peers.py duckdb "$CONTRACT" "$CLEAN"
  run_once pandera "$CLEAN" "$PY" Benchmarks/validate/validate_peers.py pandera "$CONTRACT" "$CLEAN"
  run_once frictionless "$SLICED" "$PY" Benchmarks/validate/validate_peers.py frictionless "$CONTRACT" "$SLICED"
  echo "   round $round: harness ${SECONDS_OF[harness]}s, pandera ${SECONDS_OF[pandera]}s (best so far)"
done
for name in harness harness-read-only polars duckdb pandera frictionless; do
  echo "   $name: ${SECONDS_OF[$name]}s (best of $REPEAT), ${MEMORY_OF[$name]} MB"
done
grep -q "^valid" "$BENCH_DIR/out-harness.txt" || { echo "harness did not find the clean file valid:"; head "$BENCH_DIR/out-harness.txt"; }
for tool in polars duckdb pandera frictionless; do
  grep -q '^{}$' "$BENCH_DIR/out-$tool.txt" || echo "   note: $tool reported violations on the clean file: $(cat "$BENCH_DIR/out-$tool.txt")"
done

echo "== same violations on $INJECTED ($INJECT of each kind injected)"
"$HARNESS" validate "$INJECTED" --contract "$INJECTED_CONTRACT" --max-errors 1000000 --json "$BENCH_DIR/harness-injected.json" > /dev/null || true
"$PY" Benchmarks/validate/validate_peers.py harness-report "$INJECTED_CONTRACT" "$BENCH_DIR/harness-injected.json" > "$BENCH_DIR/counts-harness.json"
for tool in polars duckdb pandera frictionless; do
  "$PY" Benchmarks/validate/validate_peers.py $tool "$INJECTED_CONTRACT" "$INJECTED" > "$BENCH_DIR/counts-$tool.json"
done

MB=$(du -m "$CLEAN" | cut -f1)
"$PY" - "$ROWS" "$SLICE" "$MB" "$BENCH_DIR" "${SECONDS_OF[harness]}" "${MEMORY_OF[harness]}" "${SECONDS_OF[polars]}" "${MEMORY_OF[polars]}" \
  "${SECONDS_OF[pandera]}" "${MEMORY_OF[pandera]}" "${SECONDS_OF[frictionless]}" "${MEMORY_OF[frictionless]}" "$INJECTED.expected.json" \
  "${SECONDS_OF[duckdb]}" "${MEMORY_OF[duckdb]}" <<'PYEOF'
import json, sys
rows, slice_rows, mb, folder = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
h_s, h_m, p_s, p_m, pa_s, pa_m, f_s, f_m = map(float, sys.argv[5:13])
expected = json.load(open(sys.argv[13]))
d_s, d_m = map(float, sys.argv[14:16])
scale = rows / slice_rows
f_full = f_s * scale
print()
print(f"{'tool':<14}{'seconds':>10}{'MB/s':>9}{'peak MB':>10}{'time / harness':>16}")
for name, seconds, memory, note in [("harness", h_s, h_m, ""), ("polars", p_s, p_m, ""), ("duckdb", d_s, d_m, ""),
                                     ("pandera", pa_s, pa_m, ""),
                                     ("frictionless", f_full, f_m, f"  ({f_s:.1f} s on {slice_rows} rows, x{scale:g})")]:
    print(f"{name:<14}{seconds:>10.2f}{mb / seconds if seconds else 0:>9.0f}{memory:>10.0f}{seconds / h_s if h_s else 0:>16.1f}{note}")
print()
targets = [("faster than polars", h_s < p_s), ("faster than DuckDB", h_s < d_s), ("10x faster than pandera", pa_s >= 10 * h_s),
           ("100x faster than frictionless (extrapolated)", f_full >= 100 * h_s), ("peak memory under 1/10 of polars", h_m * 10 < p_m)]
for label, ok in targets:
    print(f"  {'met    ' if ok else 'NOT MET'}  {label}")
print()
tools = ["harness", "polars", "duckdb", "pandera", "frictionless"]
counts = {tool: json.load(open(f"{folder}/counts-{tool}.json")) for tool in tools}
kinds = list(expected) + sorted({k for c in counts.values() for k in c if k not in expected})
print(f"{'violation':<26}{'injected':>9}" + "".join(f"{t:>14}" for t in tools))
for kind in kinds:
    row = [counts[t].get(kind, 0) for t in tools]
    print(f"{kind:<26}{expected.get(kind, 0):>9}" + "".join(f"{v:>14}" for v in row))
print()
harness = counts["harness"]
exact = all(harness.get(kind, 0) == expected.get(kind, 0) for kind in kinds)
print(f"  {'met    ' if exact else 'NOT MET'}  harness finds exactly the injected violations")
for tool in tools[1:]:
    differs = [kind for kind in kinds if counts[tool].get(kind, 0) != harness.get(kind, 0)]
    missed = [kind for kind in differs if counts[tool].get(kind, 0) > harness.get(kind, 0)]
    if not differs:
        print(f"  met      same counts as {tool} on every kind")
    else:
        verdict = "NOT MET" if missed else "met    "
        detail = ", ".join(f"{kind}: {tool} {counts[tool].get(kind, 0)}, harness {harness.get(kind, 0)}" for kind in differs)
        print(f"  {verdict}  {tool} differs ({detail}){'' if missed else '; harness finds all it finds'}")
PYEOF
