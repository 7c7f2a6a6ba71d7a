#!/usr/bin/env bash
# The Python the binary carries (Sources/Harness/Python/*.py): byte-compiled, then its unit tests
# (Tests/Python, standard library unittest) run with every interpreter harness runs notebooks
# with here: $HARNESS_PYTHON or python3, and each virtual environment in $HARNESS_CACHE/venvs.
# Usage: scripts/test-python.sh [PYTHON ...]
set -euo pipefail
cd "$(dirname "$0")/.."
# No __pycache__ beside the sources: the Harness target would see stray files there.
export PYTHONDONTWRITEBYTECODE=1
if [ "$#" -gt 0 ]; then
    interpreters=("$@")
else
    interpreters=("${HARNESS_PYTHON:-python3}")
    for venv in "${HARNESS_CACHE:-$HOME/.cache/harness}"/venvs/*/bin/python; do
        [ -x "$venv" ] && interpreters+=("$venv")
    done
fi
for python in "${interpreters[@]}"; do
    echo "== $python ($("$python" -c 'import sys; print(sys.version.split()[0])'))"
    "$python" -c 'import sys
for path in sys.argv[1:]:
    compile(open(path, encoding="utf-8").read(), path, "exec")' Sources/Harness/Python/*.py
    "$python" -m unittest discover -s Tests/Python -p 'test_*.py' -q
done
