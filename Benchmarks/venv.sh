#!/usr/bin/env bash
# Builds (or rebuilds, when the pins changed) a benchmark virtual environment from a
# requirements file, so every script measures against the same pinned reference tools.
#   Benchmarks/venv.sh VENV REQUIREMENTS
set -euo pipefail
venv=$1 requirements=$2
stamp="$venv/.installed-$(cksum < "$requirements" | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
    echo "== setting up $venv from $requirements (first run only)" >&2
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    rm -f "$venv"/.installed-*
    touch "$stamp"
fi
