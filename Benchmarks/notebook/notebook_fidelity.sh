#!/usr/bin/env bash
# Fidelity of harness's notebook driver against papermill: for each notebook, the files it
# writes and the text outputs of every deterministic cell must be the same under both.
#
# Notebooks: Benchmarks/notebook/fidelity/*/notebook.ipynb (representative notebooks written for this
# check, and public notebooks with the data of their own repository, SOURCE.md beside them saying
# where from, under which licence and what changed; data in data/), and every case notebook of a harness.json (default
# ./harness.json, i.e. examples/), with that case's inputs and parameters.
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
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "papermill==2.7.0" "ipykernel==7.4.0" pandas matplotlib \
        ${requirements:+-r "$requirements"}
    touch "$stamp"
fi
work="$(mktemp -d /tmp/harness-fidelity-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp Sources/Harness/Python/notebook_driver.py "$work/driver.py"
"$venv/bin/python" Benchmarks/notebook/notebook_fidelity.py "$work" "${config:-}"
