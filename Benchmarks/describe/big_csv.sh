#!/usr/bin/env bash
# Writes a ~10 GB CSV for describe's memory bound (issue 17): COPIES (default 11) copies of the
# diff benchmark's base.csv (10M rows, 932 MB) under one header, each copy's ids shifted by
# copy * rows, so the id column stays unique and ascending and every other column repeats.
#
#   Benchmarks/describe/big_csv.sh SOURCE.csv OUT.csv [COPIES]
set -euo pipefail
SOURCE="$1"; OUT="$2"; COPIES="${3:-11}"
ROWS=$(( $(wc -l < "$SOURCE") - 1 ))
head -n 1 "$SOURCE" > "$OUT"
for copy in $(seq 0 $((COPIES - 1))); do
  # mawk/gawk: the id is the text before the first comma.
  awk -v off=$((copy * ROWS)) 'NR > 1 { i = index($0, ","); print (substr($0, 1, i - 1) + off) substr($0, i) }' "$SOURCE" >> "$OUT"
done
