#!/usr/bin/env bash
# Benchmark for `harness describe` against `frictionless describe` (issue 17), both measured
# in this run: on the 10M-row file of the diff benchmark (base.csv, ~900 MB; generated once
# into Benchmarks/.data and reused) and on every CSV of ../shared/corpora/frictionless-data.
#
#   Benchmarks/describe/describe_benchmark.sh [ROWS]      (default 10000000; ROUNDS=3;
#                                                          STATS_ROUNDS=1 for the slow --stats;
#                                                          SLICE rows for --stats, default 1M;
#                                                          HARNESS_BIN picks a built harness;
#                                                          BASELINE_BIN another build to compare;
#                                                          CORPUS=none skips the corpus part,
#                                                          JSON=none the JSON document part)
#
# With BASELINE_BIN (e.g. a build of an earlier commit) that build is timed in the same
# rounds, alternating, its peak memory taken, and the two drafted contracts are compared
# byte for byte (a speed-up must not change what is drafted).
#
# frictionless (pinned in Benchmarks/requirements.txt) lives in Benchmarks/.venv; the data in
# $BENCH_DATA (default Benchmarks/.data, shared with the diff benchmark: its base.csv is used
# when it has ROWS rows, else only base.csv is generated, with the same generator and seed).
# `frictionless describe` infers types from a sample of the first rows (its default); with
# `--stats` it also reads the whole file (row count, hash). harness reads every row. Both are
# timed, alternately, in rounds; medians are quoted with their ratio to harness.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-10000000}"
ROUNDS="${ROUNDS:-3}"
VENV="${VENV:-Benchmarks/.venv}"
PY="$VENV/bin/python"
Benchmarks/venv.sh "$VENV" Benchmarks/requirements.txt
DATA="${BENCH_DATA:-Benchmarks/.data}"
FILE="$DATA/base.csv"
if [ "$(cat "$DATA/rows" 2>/dev/null || true)" != "$ROWS" ]; then
  FILE="$DATA/describe-$ROWS.csv"
  if [ ! -f "$FILE" ]; then
    echo "== generating $FILE ($ROWS rows of the diff benchmark's base.csv)"
    mkdir -p "$DATA"
    "$PY" -c "import sys; sys.path.insert(0, 'Benchmarks/diff'); import generate_csv as g, numpy as np; \
g.frame(int(sys.argv[1]), np.random.default_rng(g.SEED)).write_csv(sys.argv[2])" "$ROWS" "$FILE"
  fi
fi
if [ -z "${HARNESS_BIN:-}" ]; then
  echo "== building harness (release)"
  swift build -c release --product harness >/dev/null
fi
HARNESS="${HARNESS_BIN:-$(swift build -c release --show-bin-path)/harness}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1 / 1024}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== $FILE: $(du -h "$FILE" | cut -f1), $ROUNDS rounds (page cache warmed first)"
cat "$FILE" > /dev/null
# The reader's speed: `harness validate` of the same file with the contract describe drafts.
"$HARNESS" describe "$FILE" --out "$OUT/h.json" >/dev/null 2>&1
# frictionless --stats reads every row in Python (about 100 s at 10M rows): past SLICE rows
# (default 1M) it runs on the file's first SLICE rows and its time is scaled up by the
# rows, which the output says.
SLICE="${SLICE:-1000000}"
FLFILE="$FILE"; SCALE=1
if [ "$ROWS" -gt "$SLICE" ]; then
  FLFILE="$OUT/slice.csv"; head -n $((SLICE + 1)) "$FILE" > "$FLFILE"
  SCALE=$(echo "scale=4; $ROWS / $SLICE" | bc)
fi
for round in $(seq "$ROUNDS"); do
  seconds "$HARNESS" describe "$FILE" --out "$OUT/h.json" >> "$OUT/harness.t"
  seconds "$HARNESS" validate "$FILE" --contract "$OUT/h.json" >> "$OUT/validate.t"
  if [ -n "${BASELINE_BIN:-}" ]; then
    seconds "$BASELINE_BIN" describe "$FILE" --out "$OUT/b.json" >> "$OUT/baseline.t"
    # The reader on the baseline's draft too: a draft that keeps a `unique` the other lost
    # gives validate more to check, so the ratio is also shown against a contract that stays.
    seconds "$HARNESS" validate "$FILE" --contract "$OUT/b.json" >> "$OUT/validate-b.t"
  fi
  seconds "$VENV/bin/frictionless" describe "$FILE" --json >> "$OUT/fl.t"
  if [ "$round" -le "${STATS_ROUNDS:-1}" ]; then
    seconds "$VENV/bin/frictionless" describe "$FLFILE" --stats --json >> "$OUT/fls.t"
  fi
done
"$VENV/bin/frictionless" describe "$FILE" --json > "$OUT/f.json" 2>/dev/null
H=$(median < "$OUT/harness.t"); V=$(median < "$OUT/validate.t"); F=$(median < "$OUT/fl.t")
FS=$(echo "scale=3; $(median < "$OUT/fls.t") * $SCALE" | bc)
echo "harness describe (every row):                 ${H} s  (runs: $(tr '\n' ' ' < "$OUT/harness.t"); $(uptime | sed 's/.*load/load/'))"
echo "harness validate, its draft (the reader):     ${V} s  (runs: $(tr '\n' ' ' < "$OUT/validate.t"); describe takes $(echo "scale=2; $H / $V" | bc)x validate's time)"
echo "frictionless describe (sample of rows):       ${F} s  ($(echo "scale=2; $F / $H" | bc)x harness)"
if [ "$SCALE" = 1 ]; then
  echo "frictionless describe --stats (every row):    ${FS} s  ($(echo "scale=2; $FS / $H" | bc)x harness)"
else
  echo "frictionless describe --stats (every row):    ${FS} s  ($(echo "scale=2; $FS / $H" | bc)x harness; EXTRAPOLATED: $(median < "$OUT/fls.t") s on the first $SLICE rows x $SCALE)"
fi
echo "types: $("$PY" Benchmarks/describe/describe_compare.py "$OUT/h.json" "$OUT/f.json")"
echo "harness describe peak memory: $(peak_mb "$HARNESS" describe "$FILE" --out "$OUT/h.json") MB"
if [ -n "${BASELINE_BIN:-}" ]; then
  B=$(median < "$OUT/baseline.t")
  echo "baseline $BASELINE_BIN: ${B} s (runs: $(tr '\n' ' ' < "$OUT/baseline.t"); $(echo "scale=2; $B / $H" | bc)x harness), peak memory $(peak_mb "$BASELINE_BIN" describe "$FILE" --out "$OUT/b.json") MB"
  VB=$(median < "$OUT/validate-b.t")
  echo "harness validate, the baseline's draft:       ${VB} s  (runs: $(tr '\n' ' ' < "$OUT/validate-b.t"); describe takes $(echo "scale=2; $H / $VB" | bc)x this time)"
  if cmp -s "$OUT/h.json" "$OUT/b.json"; then echo "drafted contracts: identical"; else echo "drafted contracts: DIFFERENT"; diff "$OUT/b.json" "$OUT/h.json" | head -20; fi
fi

# A JSON document that is one top-level array of ROWS records (77 MB at 1M), described from
# the document (streamed element by element since issue 17's follow-up).
JSONFILE="$DATA/describe-$ROWS.json"
if [ "${JSON:-}" != none ]; then
if [ ! -f "$JSONFILE" ]; then
  "$PY" -c "
import json, random, sys
random.seed(1)
with open(sys.argv[2], 'w') as f:
    f.write('[')
    for i in range(int(sys.argv[1])):
        if i: f.write(',\n')
        f.write(json.dumps({'id': i, 'name': random.choice(['a', 'b', 'c']), 'value': random.random(), 'tags': [random.randint(0, 9) for _ in range(3)]}))
    f.write(']\n')
" "$ROWS" "$JSONFILE"
fi
echo "== $JSONFILE: $(du -h "$JSONFILE" | cut -f1), one top-level array"
for round in $(seq "$ROUNDS"); do
  seconds "$HARNESS" describe "$JSONFILE" --out "$OUT/hj.json" >> "$OUT/json.t"
  if [ -n "${BASELINE_BIN:-}" ]; then seconds "$BASELINE_BIN" describe "$JSONFILE" --out "$OUT/bj.json" >> "$OUT/json-baseline.t"; fi
done
echo "harness describe: $(median < "$OUT/json.t") s, peak memory $(peak_mb "$HARNESS" describe "$JSONFILE" --out "$OUT/hj.json") MB"
if [ -n "${BASELINE_BIN:-}" ]; then
  echo "baseline: $(median < "$OUT/json-baseline.t") s, peak memory $(peak_mb "$BASELINE_BIN" describe "$JSONFILE" --out "$OUT/bj.json") MB"
  if cmp -s "$OUT/hj.json" "$OUT/bj.json"; then echo "drafted schemas: identical"; else echo "drafted schemas: DIFFERENT"; fi
fi
fi
[ "${CORPUS:-}" = none ] && exit 0

echo "== the frictionless corpus (every .csv in ../shared/corpora/frictionless-data/data)"
CORPUS=../shared/corpora/frictionless-data/data
: > "$OUT/types.jsonl"
HT=0; FT=0; N=0
for csv in "$CORPUS"/*.csv; do
  "$HARNESS" describe "$csv" --out "$OUT/c.json" >/dev/null 2>&1 || continue
  "$VENV/bin/frictionless" describe "$csv" --json > "$OUT/cf.json" 2>/dev/null || continue
  h=$(seconds "$HARNESS" describe "$csv" --out "$OUT/c.json"); f=$(seconds "$VENV/bin/frictionless" describe "$csv" --json)
  HT=$(echo "$HT + $h" | bc); FT=$(echo "$FT + $f" | bc); N=$((N + 1))
  "$PY" Benchmarks/describe/describe_compare.py "$OUT/c.json" "$OUT/cf.json" | sed "s|^|$(basename "$csv") |" >> "$OUT/types.jsonl"
done
echo "$N files: harness ${HT} s in total, frictionless ${FT} s ($(echo "scale=1; $FT / $HT" | bc)x harness)"
"$PY" - "$OUT/types.jsonl" <<'PYEOF'
import json, sys
fields = same = 0
extras = {}
differences = []
for line in open(sys.argv[1]):
    name, _, rest = line.partition(" ")
    item = json.loads(rest)
    fields += item["fields"]; same += item["same"]
    differences += [name + " " + d for d in item["differences"]]
    for key, count in item["extras"].items():
        extras[key] = extras.get(key, 0) + count
print("fields: %d, same type: %d, different: %d" % (fields, same, len(differences)))
for d in differences:
    print("  " + d)
print("constraints harness drafts beyond types (fields): " + ", ".join("%s %d" % kv for kv in sorted(extras.items())))
PYEOF
