#!/usr/bin/env bash
# Measures `harness init` on public notebooks with the data of their own repository (issue 17):
# for each notebook, `harness init` must succeed and the recorded case must pass a second
# `harness run`; the assessment's findings are counted per rule.
#
#   Benchmarks/init/public_notebooks.sh GIT_DIR [NOTEBOOK_PATH ...]
#
# GIT_DIR is a clone (or bare mirror) of github.com/guipsamora/pandas_exercises (BSD 3-Clause);
# nothing of it is committed here. Each notebook's folder is copied out of the clone into a
# scratch folder, and the one change made to it is that the repository's own raw GitHub URLs
# are pointed at the file of the same name beside the notebook (the notebooks download their
# data from the repository itself; the measurement runs offline). The interpreter is
# $HARNESS_PYTHON (it needs pandas, numpy and matplotlib); HARNESS_BIN picks a built harness.
set -euo pipefail
cd "$(dirname "$0")/../.."
GIT_DIR=$1; shift
NOTEBOOKS=("$@")
if [ ${#NOTEBOOKS[@]} -eq 0 ]; then
  NOTEBOOKS=(
    "02_Filtering_&_Sorting/Euro12/Exercises_with_Solutions.ipynb"
    "04_Apply/Students_Alcohol_Consumption/Exercises_with_solutions.ipynb"
    "04_Apply/US_Crime_Rates/Exercises_with_solutions.ipynb"
    "05_Merge/Auto_MPG/Exercises_with_solutions.ipynb"
    "06_Stats/US_Baby_Names/Exercises_with_solutions.ipynb"
    "06_Stats/Wind_Stats/Exercises_with_solutions.ipynb"
    "07_Visualization/Online_Retail/Solutions.ipynb"
    "07_Visualization/Tips/Exercises_with_code_and_solutions.ipynb"
    "07_Visualization/Titanic_Disaster/Exercises_code_with_solutions.ipynb"
    "09_Time_Series/Apple_Stock/Exercises-with-solutions-code.ipynb"
    "02_Filtering_&_Sorting/Euro12/Solutions.ipynb"
    "05_Merge/Auto_MPG/Solutions.ipynb"
  )
fi
if [ -z "${HARNESS_BIN:-}" ]; then swift build --product harness >/dev/null; fi
HARNESS="${HARNESS_BIN:-$(swift build --show-bin-path)/harness}"
WORK="$(mktemp -d)"
echo "scratch: $WORK"
ok=0; total=0
for notebook in "${NOTEBOOKS[@]}"; do
  total=$((total + 1))
  folder=$(dirname "$notebook")
  target="$WORK/$(echo "$folder" | tr '/&' '__')"
  mkdir -p "$target"
  git --git-dir="$GIT_DIR" ls-tree --name-only HEAD "$folder/" | while read -r path; do
    git --git-dir="$GIT_DIR" show "HEAD:$path" > "$target/$(basename "$path")" 2>/dev/null || rm -f "$target/$(basename "$path")"
  done
  name=$(basename "$notebook")
  if [ ! -f "$target/$name" ]; then echo "$notebook: not in the clone"; continue; fi
  sed -i -E 's#https://raw\.githubusercontent\.com/guipsamora/pandas_exercises/master/[^"]*/([^/"]+)#\1#g' "$target/$name"
  init=0; run=0
  case_name=$(basename "$name" .ipynb | tr "A-Z" "a-z" | tr -c "a-z0-9_\n" "-")
  (cd "$target" && "$HARNESS" init "$name" --case "$case_name" > "init-$case_name.txt" 2>&1) || init=$?
  if [ "$init" = 0 ]; then (cd "$target" && "$HARNESS" run "$case_name" > "run-$case_name.txt" 2>&1) || run=$?; else run=-; fi
  outputs=$(grep -c " ← " "$target/init-$case_name.txt" || true)
  (cd "$target" && "$HARNESS" assess "$name" --json assess.json > /dev/null 2>&1) || true
  findings=$(python3 -c "import json,sys,collections; r=json.load(open(sys.argv[1])); c=collections.Counter(f['rule'] for f in r['findings']); print(sum(c.values()), dict(sorted(c.items())))" "$target/assess.json" 2>/dev/null || echo "-")
  [ "$init" = 0 ] && [ "$run" = 0 ] && ok=$((ok + 1))
  echo "$notebook: init exit $init, second run exit $run, outputs $outputs, findings $findings"
  [ "$init" = 0 ] || grep -m1 -E "Error|error" "$target/init-$case_name.txt" | sed 's/^/    /' || true
done
echo "init succeeded and the case passed a second run: $ok of $total"
