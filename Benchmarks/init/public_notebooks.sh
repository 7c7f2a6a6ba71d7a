#!/usr/bin/env bash
# Measures `harness init` on public notebooks that read their own repository's data and write
# CSV or JSON files (issue 17): per notebook, whether `harness init` succeeded, how many inputs,
# outputs and contracts it recorded, whether a second `harness run` of the recorded case
# passed, the wall time of init and of that run, and the assessment's findings per rule.
#
#   Benchmarks/init/public_notebooks.sh [LIST]
#
# LIST (default Benchmarks/init/corpus.txt) names the notebooks, their repositories at pinned
# commits and the folder laid out (--root). The repositories are fetched into
# $INIT_CORPUS (default Benchmarks/.corpus, gitignored) by Benchmarks/corpus_fetch.sh; with
# CORPUS_MIRROR=DIR from local git directories DIR/OWNER+NAME/repo instead of github.com.
# The one change made to a notebook, in that fetched copy: URLs of its own repository's raw
# files (raw.githubusercontent.com/OWNER/NAME/BRANCH/PATH) are pointed at PATH in the copy, so
# the measurement runs offline. The interpreter is $HARNESS_PYTHON, by default the one of
# Benchmarks/.venv-init (gitignored), built on the first run from Benchmarks/init/requirements.txt
# (pandas 1.5, numpy, matplotlib, scikit-learn 1.1, seaborn, openpyxl: the notebooks' own era);
# HARNESS_BIN picks a built harness. Each case's harness.json, goldens and contracts go to a
# scratch folder, printed first.
set -euo pipefail
cd "$(dirname "$0")/../.."
list="${1:-Benchmarks/init/corpus.txt}"
corpus="${INIT_CORPUS:-Benchmarks/.corpus}"
Benchmarks/corpus_fetch.sh "$corpus" $(grep -v '^#' "$list" | awk 'NF {print $1}' | sort -u)
if [ -z "${HARNESS_PYTHON:-}" ]; then
    Benchmarks/venv.sh Benchmarks/.venv-init Benchmarks/init/requirements.txt
    export HARNESS_PYTHON="$PWD/Benchmarks/.venv-init/bin/python"
fi
echo "python: $HARNESS_PYTHON ($("$HARNESS_PYTHON" -c 'import pandas, sklearn; print("pandas", pandas.__version__, "scikit-learn", sklearn.__version__)'))"
if [ -z "${HARNESS_BIN:-}" ]; then swift build --product harness >/dev/null; fi
HARNESS="$(realpath "${HARNESS_BIN:-$(swift build --show-bin-path)/harness}")"
corpus="$(realpath "$corpus")"
work="$(mktemp -d /tmp/harness-init-corpus-XXXXXX)"
echo "scratch: $work"
printf '%-70s %5s %6s %7s %9s %6s %7s %6s  %s\n' notebook init inputs outputs contracts run init_s run_s findings
ok=0; total=0
while read -r spec notebook root; do
    repository=${spec%@*}
    folder="$corpus/${repository/\//+}"
    notebook=${notebook//&#32;/ }
    total=$((total + 1))
    path="$folder/$notebook"
    if [ ! -f "$path" ]; then echo "$repository $notebook: not in the fetched copy"; continue; fi
    python3 - "$path" "$folder" "$repository" <<'PY'
import os, re, sys
path, folder, repository = sys.argv[1:]
text = open(path, encoding="utf-8").read()
base = os.path.dirname(path)
pattern = r"https://raw\.githubusercontent\.com/" + re.escape(repository) + r"/[^/\"']+/([^\"'\\]+)"
new = re.sub(pattern, lambda m: os.path.relpath(os.path.join(folder, m.group(1)), base), text)
if new != text:
    open(path, "w", encoding="utf-8").write(new)
PY
    name="$(echo "${repository#*/}-${notebook%.ipynb}" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-')"
    case_folder="$work/$name"; mkdir -p "$case_folder"
    root_option=(); [ "$root" != - ] && root_option=(--root "$folder/$root")
    init=0; run=-; started=$(date +%s.%N)
    (cd "$case_folder" && "$HARNESS" init "$path" --case "$name" "${root_option[@]}" > init.txt 2>&1) || init=$?
    init_seconds=$(echo "$(date +%s.%N) - $started" | bc)
    run_seconds=-
    if [ "$init" = 0 ] || [ "$init" = 1 ]; then
        run=0; started=$(date +%s.%N)
        (cd "$case_folder" && "$HARNESS" run "$name" > run.txt 2>&1) || run=$?
        run_seconds=$(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)")
    fi
    counts=$(python3 -c '
import json, sys
try:
    case = json.load(open(sys.argv[1]))["cases"][sys.argv[2]]
except Exception:
    print("- - -"); sys.exit()
outputs = case.get("outputs", {})
print(len(case.get("inputs", {})), len(outputs), sum(1 for o in outputs.values() if "contract" in o))' "$case_folder/harness.json" "$name")
    (cd "$case_folder" && "$HARNESS" assess "$path" --json assess.json > /dev/null 2>&1) || true
    findings=$(python3 -c "import json,sys,collections; r=json.load(open(sys.argv[1])); c=collections.Counter(f['rule'] for f in r['findings']); print(sum(c.values()), ' '.join(f'{k}:{v}' for k, v in sorted(c.items())))" "$case_folder/assess.json" 2>/dev/null || echo "-")
    [ "$init" = 0 ] && [ "$run" = 0 ] && ok=$((ok + 1))
    read -r inputs outputs contracts <<< "$counts"
    printf '%-70s %5s %6s %7s %9s %6s %7.1f %6s  %s\n' "${repository#*/}/$notebook" "$init" "$inputs" "$outputs" "$contracts" "$run" "$init_seconds" "$run_seconds" "$findings"
    [ "$init" = 0 ] || grep -m1 -E "Error:|error:" "$case_folder/init.txt" | cut -c1-160 | sed 's/^ */    /' || true
    grep -E "nondeterministic:|no contract drafted" "$case_folder/init.txt" | cut -c1-160 | sed 's/^/    /' || true
done < <(grep -v '^#' "$list" | awk 'NF')
echo "init succeeded and the recorded case passed a second harness run: $ok of $total"
