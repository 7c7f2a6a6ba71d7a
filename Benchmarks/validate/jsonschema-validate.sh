#!/usr/bin/env bash
# Measures `harness validate` on JSON Lines against a JSON Schema, next to python-jsonschema
# (Draft202012Validator) as the reference, in the same run on the same data.
#
#   Benchmarks/validate/jsonschema-validate.sh [RECORDS]      default 500000 records (~75 MB)
#
# Data goes to a temporary folder that is removed afterwards. The reference runs on the
# first REFERENCE_RECORDS records (default 20000) and is extrapolated, since it is slow;
# harness also runs on that slice, and both must report the same number of violations.
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-500000}
reference_records=${REFERENCE_RECORDS:-20000}
# python-jsonschema at the version pinned in Benchmarks/requirements.txt, unless PYTHON says otherwise.
[ -n "${PYTHON:-}" ] || Benchmarks/venv.sh Benchmarks/.venv Benchmarks/requirements.txt
python=${PYTHON:-Benchmarks/.venv/bin/python}
work=$(mktemp -d "${TMPDIR:-/tmp}/harness-jsonschema-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$python" - "$work" "$records" "$reference_records" <<'PY'
import json, random, sys
work, records, reference = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(42)
schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "required": ["id", "name", "price", "region"], "additionalProperties": False,
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "name": {"type": "string", "maxLength": 40},
        # No multipleOf: python-jsonschema divides floats, so 37.45 is "not a multiple of
        # 0.01" there, and the violation counts could not be compared.
        "price": {"type": "number", "minimum": 0, "maximum": 1000},
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "region": {"enum": ["EU", "US", "APAC"]},
        "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
        "meta": {"type": "object", "additionalProperties": False,
                 "properties": {"created": {"type": "string"}, "score": {"type": "integer"}}},
    },
}
json.dump(schema, open(f"{work}/schema.json", "w"))
with open(f"{work}/data.jsonl", "w") as full, open(f"{work}/slice.jsonl", "w") as part:
    for i in range(records):
        record = {"id": i + 1, "name": f"item-{i}", "price": round(random.random() * 100, 2),
                  "tags": ["a", "b", "c"][: random.randint(0, 3)], "region": random.choice(["EU", "US", "APAC"]),
                  "sku": f"ABC-{i}", "meta": {"created": "2024-01-01", "score": random.randint(0, 10)}}
        if i % 997 == 0: record["price"] = -1.5          # minimum
        if i % 1009 == 0: record["region"] = "MARS"      # enum
        if i % 1013 == 0: record["sku"] = "abc-1"        # pattern
        if i % 1019 == 0: del record["name"]             # required
        line = json.dumps(record) + "\n"
        full.write(line)
        if i < reference: part.write(line)
PY

# HARNESS_BIN: measure that binary instead of building this tree (to compare two builds).
harness=${HARNESS_BIN:-.build/release/harness}
[ -n "${HARNESS_BIN:-}" ] || swift build -c release >/dev/null
size_mb=$("$python" -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$work/data.jsonl")

measure() {  # prints "seconds peak_kb" of a command; its own exit status 0 or 1 is fine
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time"
}

read -r seconds peak_kb < <(measure "$harness" validate "$work/data.jsonl" --contract "$work/schema.json" --max-errors 10 --json "$work/full.json")
count=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['error_count'])" "$work/full.json")
"$harness" validate "$work/slice.jsonl" --contract "$work/schema.json" --json "$work/slice.json" >/dev/null 2>&1 || true
slice_count=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['error_count'])" "$work/slice.json")

cat > "$work/reference.py" <<'PY'
import json, sys
from jsonschema import Draft202012Validator
validator = Draft202012Validator(json.load(open(sys.argv[1])))
errors = 0
with open(sys.argv[2]) as lines:
    for line in lines:
        errors += sum(1 for _ in validator.iter_errors(json.loads(line)))
print(errors)
PY
read -r ref_seconds ref_peak_kb < <(measure "$python" "$work/reference.py" "$work/schema.json" "$work/slice.jsonl")
ref_count=$("$python" "$work/reference.py" "$work/schema.json" "$work/slice.jsonl")

"$python" - "$records" "$size_mb" "$seconds" "$peak_kb" "$count" "$reference_records" "$ref_seconds" "$ref_peak_kb" "$ref_count" "$slice_count" <<'PY'
import sys
records, size_mb, seconds, peak_kb, count, ref_records, ref_seconds, ref_peak_kb, ref_count, slice_count = sys.argv[1:]
records, ref_records = int(records), int(ref_records)
size_mb, seconds, ref_seconds = float(size_mb), float(seconds), float(ref_seconds)
extrapolated = ref_seconds * records / ref_records
print(f"data: {records} records, {size_mb:.1f} MB")
print(f"harness validate:   {seconds:.2f} s, {size_mb / max(seconds, 1e-9):.1f} MB/s, peak {int(peak_kb) / 1024:.1f} MB, {count} violations")
print(f"python-jsonschema:  {ref_seconds:.2f} s for {ref_records} records -> {extrapolated:.1f} s extrapolated, peak {int(ref_peak_kb) / 1024:.1f} MB")
print(f"ratio: harness is {extrapolated / max(seconds, 1e-9):.0f}x faster")
print(f"same violations on the {ref_records}-record slice: harness {slice_count}, python-jsonschema {ref_count}:",
      "yes" if slice_count == ref_count else "NO")
PY
