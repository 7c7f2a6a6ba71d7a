#!/usr/bin/env bash
# Fidelity of harness's notebook driver against papermill: for each notebook, the files it
# writes and the text outputs of every deterministic cell must be the same under both.
#
# Notebooks: Benchmarks/notebook/fidelity/*/notebook.ipynb (representative notebooks written for this
# check, one per Jupyter behaviour harness reproduces, and public notebooks with the data of their
# own repository, SOURCE.md beside them saying where from, under which licence and what changed;
# data in data/); the public notebooks listed in Benchmarks/notebook/corpus.txt, run from their
# repository's layout (working folder and data as listed); and every case notebook of a
# harness.json (default ./harness.json, i.e. examples/), with that case's inputs and parameters.
#
# The corpus repositories are cloned (shallow) into $FIDELITY_CORPUS (default
# Benchmarks/.corpus, gitignored) on the first run; with FIDELITY_MIRROR=DIR they are cloned
# from DIR/<owner>+<name>/repo instead of github.com (an offline copy). FIDELITY_CORPUS=none
# skips them.
#
# Overhead per notebook: the tool's wall time minus the time its cells took (as each records
# it in the executed notebook), harness's driver and papermill on the same notebook, alternated;
# the summary gives medians.
#
# A cell is deterministic when two papermill runs give it the same text; only those are
# compared (timings, memory addresses and timestamps are masked first, in files too).
# "Text" is stream output plus text/plain, text/html and text/markdown of results and displays,
# and the error name and value of error outputs.
#
# Usage: Benchmarks/notebook/notebook_fidelity.sh [HARNESS_JSON]
# The venv (Benchmarks/.venv-fidelity, gitignored) gets papermill, ipykernel and the
# requirements named by the harness.json, so both tools see the same packages.
set -euo pipefail
cd "$(dirname "$0")/../.."
config="$(realpath "${1:-harness.json}" 2>/dev/null || true)"
venv=Benchmarks/.venv-fidelity
requirements=""
if [ -n "$config" ] && [ -f "$config" ]; then
    requirements="$(python3 -c 'import json,os,sys; c=json.load(open(sys.argv[1])); r=c.get("python",{}).get("requirements"); print(os.path.join(os.path.dirname(sys.argv[1]), r) if r else "")' "$config")"
fi
stamp="$venv/.installed-$(cat "$requirements" 2>/dev/null | cksum | cut -d' ' -f1)"
if [ ! -e "$stamp" ]; then
    echo "building $venv (papermill, ipykernel${requirements:+, $requirements}); first run only..." >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "papermill==2.7.0" "ipykernel==7.4.0" nbclient pandas matplotlib scipy sympy \
        ${requirements:+-r "$requirements"}
    touch "$stamp"
fi
work="$(mktemp -d /tmp/harness-fidelity-XXXXXX)"
# FIDELITY_KEEP=1 keeps the executed notebooks and sandboxes for a closer look.
if [ -n "${FIDELITY_KEEP:-}" ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
corpus="${FIDELITY_CORPUS:-Benchmarks/.corpus}"
corpus_list=""
if [ "$corpus" != none ]; then
    corpus_list=Benchmarks/notebook/corpus.txt
    mkdir -p "$corpus"
    for repository in $(grep -v '^#' "$corpus_list" | awk 'NF {print $1}' | sort -u); do
        folder="$corpus/${repository/\//+}"
        [ -d "$folder" ] && continue
        if [ -n "${FIDELITY_MIRROR:-}" ]; then
            # A mirror may lack its largest files: copy file by file, saying which are missing.
            mirror="$FIDELITY_MIRROR/${repository/\//+}/repo"
            mkdir -p "$folder"
            git -C "$mirror" ls-tree -r HEAD | while read -r _ _ hash path; do
                mkdir -p "$folder/$(dirname "$path")"
                git -C "$mirror" cat-file blob "$hash" > "$folder/$path" 2>/dev/null \
                    || { echo "corpus: $repository: $path is missing from the mirror" >&2; rm -f "$folder/$path"; }
            done
            git -C "$mirror" rev-parse --short HEAD > "$folder/.commit"
        else
            git clone -q --depth 1 "https://github.com/$repository" "$folder"
            git -C "$folder" rev-parse --short HEAD > "$folder/.commit"
        fi
    done
    for folder in "$corpus"/*/; do echo "corpus: $(basename "$folder") at $(cat "$folder/.commit")"; done
fi
cp Sources/Harness/Python/notebook_driver.py "$work/driver.py"
"$venv/bin/python" Benchmarks/notebook/notebook_fidelity.py "$work" "${config:-}" "$corpus_list" "$corpus"
