#!/usr/bin/env bash
# Overhead per notebook: harness's notebook driver vs papermill, on the same trivial notebook,
# both minus `python -c pass`, measured in the same run with the same interpreter.
#
# Target (issue 5): harness's overhead at most a third of papermill's.
#
# What is measured for harness: the whole `harness run` (release build) on a one-case config
# whose notebook is the trivial one: config loading, sandbox, the driver, the golden check.
# Also `python driver.py job.json` alone (the driver exactly as the binary writes it). Since
# issue 16 the driver runs every notebook under IPython when IPython is importable (as Jupyter
# does), so both notebooks pay for importing it; the one with a magic line also exercises it.
# Its own venv (Benchmarks/.venv-overhead), apart from the pinned reference tools in
# Benchmarks/.venv.
#
# Usage: Benchmarks/notebook/notebook_overhead.sh [RUNS]   (default 15; the median is reported)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-15}"
venv=Benchmarks/.venv-overhead
if [ ! -x "$venv/bin/papermill" ]; then
    echo "building $venv (papermill, ipykernel; first run only)..." >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "papermill==2.7.0" "ipykernel==7.4.0" "ipython==8.37.0"
fi
python="$venv/bin/python"
work="$(mktemp -d /tmp/harness-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
swift build -c release --product harness >/dev/null
harness="$(swift build -c release --show-bin-path)/harness"

cp Sources/Harness/Python/notebook_driver.py "$work/driver.py"
# Two notebooks: a trivial one and the same with a magic line (both run through IPython's
# InteractiveShell when the venv has IPython, as it has here).
for kind in trivial magic; do
    if [ "$kind" = trivial ]; then source='["x = 1\n", "x + 1"]'; else source='["%time x = 1\n", "x + 1"]'; fi
    cat > "$work/$kind.ipynb" <<NB
{"cells": [{"cell_type": "code", "execution_count": null, "id": "a1", "metadata": {}, "outputs": [],
            "source": $source}],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
              "language_info": {"name": "python"}},
 "nbformat": 4, "nbformat_minor": 5}
NB
    cat > "$work/$kind.json" <<JOB
{"notebook": "$work/$kind.ipynb", "output": "$work/$kind-driver.ipynb", "result": "$work/$kind-result.json",
 "capture_folder": "$work/captures", "parameters": {}, "captures": [], "label": "bench"}
JOB
    cat > "$work/$kind-harness.json" <<CFG
{"python": {"executable": "$python"}, "golden": "golden",
 "cases": {"$kind": {"notebook": "$kind.ipynb", "capture": {"x.json": "x"}}}}
CFG
    "$harness" run --config "$work/$kind-harness.json" --update-golden >/dev/null
done

"$python" - "$python" "$work" "$runs" "$harness" <<'PY'
import os, resource, statistics, subprocess, sys, time
python, work, runs, harness = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONUNBUFFERED="1")
papermill = [os.path.dirname(python) + "/papermill", "--no-progress-bar", "--log-level", "WARNING"]
driver = [python, "-X", "faulthandler", work + "/driver.py"]
commands = {
    "python -c pass": [python, "-c", "pass"],
    "harness, trivial notebook": [harness, "run", "--config", work + "/trivial-harness.json", "--jobs", "1"],
    "driver only, trivial notebook": driver + [work + "/trivial.json"],
    "papermill, trivial notebook": papermill + [work + "/trivial.ipynb", work + "/pm-trivial.ipynb"],
    "harness, notebook with %time": [harness, "run", "--config", work + "/magic-harness.json", "--jobs", "1"],
    "driver only, notebook with %time": driver + [work + "/magic.json"],
    "papermill, notebook with %time": papermill + [work + "/magic.ipynb", work + "/pm-magic.ipynb"],
}
def once(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
def peak(command):
    out = subprocess.run(["/usr/bin/time", "-v"] + command, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True).stderr
    for line in out.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024
    return float("nan")
for command in commands.values():        # warm caches and .pyc files
    once(command)
samples = {name: [] for name in commands}
for _ in range(runs):                    # interleaved, so machine load hits all alike
    for name, command in commands.items():
        samples[name].append(once(command))
wall = {name: statistics.median(s[0] for s in values) for name, values in samples.items()}
cpu = {name: statistics.median(s[1] for s in values) for name, values in samples.items()}
print("runs: %d each, interleaved; medians; CPU = user+sys of the process tree; peak RSS of the top process" % runs)
print("%-32s %8s %10s %8s %10s %8s" % ("command", "wall s", "overhead", "CPU s", "overhead", "peak MB"))
for name, command in commands.items():
    print("%-32s %8.3f %10.3f %8.3f %10.3f %8.1f" % (name, wall[name], wall[name] - wall["python -c pass"],
          cpu[name], cpu[name] - cpu["python -c pass"], peak(command)))
for kind in ("trivial notebook", "notebook with %time"):
    for measure, table in (("wall", wall), ("CPU", cpu)):
        ours = table["harness, " + kind] - table["python -c pass"]
        theirs = table["papermill, " + kind] - table["python -c pass"]
        ratio = ours / theirs if theirs > 0 else float("nan")
        print("%-20s %-4s overhead harness/papermill = %.3f (target <= 0.333: %s)"
              % (kind, measure, ratio, "MET" if ratio <= 1 / 3 else "NOT MET"))
PY
