#!/usr/bin/env python3
"""Do two builds of harness reach the same verdicts? Compares their JSON diff reports.

    Benchmarks/diff/same_reports.py OLD_BINARY NEW_BINARY DATA_FOLDER [--old-knows-columns]

DATA_FOLDER holds base.csv and perturbed.csv (a diff benchmark's data: every float times
1 + e, |e| <= 1e-9), and perturbed_shuffled.csv or shuffled.csv for the keyed runs. Each
build diffs them under tolerances on both sides of the perturbation (so some cells are
equal and some differ), positionally and with --key id, keeping up to 2000 differences;
the reports must be equal but for the time taken and the fields the old build's reports
lack (issue 18 added the tolerances to the header and context to each difference). --old-knows-columns adds per-column
tolerances and a mask to the runs (the old build must have --tolerance and --mask, which
came with issue 18). Exits 1 at the first difference, printing the command.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

FLOATS = ["price", "score", "ratio", "temperature"]
TOLERANCES = [["--rtol", "1e-6"], ["--rtol", "5e-10"], ["--rtol", "0"], ["--atol", "1e-7"],
              ["--atol", "1e-12"], ["--rtol", "3e-10", "--atol", "1e-13"]]


def per_column(rtol: str) -> list:
    return [flag for name in FLOATS for flag in ("--tolerance", f"{name}=rtol:{rtol}")]


def report(binary: str, command: list, folder: str) -> dict:
    path = os.path.join(folder, "report.json")
    result = subprocess.run([binary, "diff"] + command + ["--max-diffs", "2000", "--json", path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode not in (0, 1):
        sys.exit(f"{binary} failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode()}")
    with open(path) as handle:
        parsed = json.load(handle)
    parsed.pop("duration_seconds", None)
    parsed["exit"] = result.returncode
    return parsed


def restricted(new, old):
    """`new` without the object fields that `old` lacks (fields a later build added)."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {name: restricted(value, old[name]) for name, value in new.items() if name in old}
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old):
        return [restricted(n, o) for n, o in zip(new, old)]
    return new


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("data")
    parser.add_argument("--old-knows-columns", action="store_true")
    args = parser.parse_args()
    base = os.path.join(args.data, "base.csv")
    shuffled = next(os.path.join(args.data, name) for name in ["perturbed_shuffled.csv", "shuffled.csv"]
                    if os.path.exists(os.path.join(args.data, name)))
    layouts = [[base, os.path.join(args.data, "perturbed.csv")], [base, shuffled, "--key", "id"]]
    extras = [[]]
    if args.old_knows_columns:
        extras += [per_column("1e-6"), per_column("5e-10"),
                   ["--tolerance", "score=atol:1e-7", "--mask", "text=[0-9]+"]]
    with tempfile.TemporaryDirectory() as folder:
        runs = 0
        for layout in layouts:
            for tolerance in TOLERANCES:
                for extra in extras:
                    command = layout + tolerance + extra
                    old, new = report(args.old, command, folder), report(args.new, command, folder)
                    if old != restricted(new, old):
                        sys.exit(f"reports differ: harness diff {' '.join(command)}")
                    runs += 1
                    print(f"same report (exit {new['exit']}, {new['differing_cells']} differing cells, "
                          f"{new['differing_rows']} rows): {' '.join(command[2:])}")
    print(f"{runs} commands, the same reports from both builds")


if __name__ == "__main__":
    main()
