#!/usr/bin/env python3
"""Two builds of harness alternated on the same data: is a change within noise?

    Benchmarks/compare_builds.py OLD_BINARY NEW_BINARY [ROUNDS]

Runs the diff benchmark's three harness commands (identical, every float perturbed with
--rtol, rows shuffled with --key) on Benchmarks/.data (made by diff/diff_benchmark.sh or
diff/generate_csv.py) and the validate benchmark's command on its base.csv, ROUNDS times
(default 5). In each round every command runs once per build, the order of the two builds
swapped every round, so a machine that slows down or speeds up during the run weighs on
both alike. Prints the median wall time of each build and their ratio per command.
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("BENCH_DATA", os.path.join(HERE, ".data"))


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode()[-2000:]}")
    return seconds


def main() -> None:
    old, new = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    path = {name: os.path.join(DATA, name + ".csv") for name in ["base", "identical", "perturbed", "shuffled"]}
    for file in path.values():  # warm the page cache
        with open(file, "rb") as handle:
            while handle.read(1 << 24):
                pass
    contract = os.path.join(HERE, "validate", "validate_contract.json")
    commands = {
        "diff identical": ["diff", path["base"], path["identical"]],
        "diff perturbed --rtol 1e-6": ["diff", path["base"], path["perturbed"], "--rtol", "1e-6"],
        "diff shuffled --key id": ["diff", path["base"], path["shuffled"], "--key", "id"],
        "validate base.csv": ["validate", path["base"], "--contract", contract],
    }
    samples = {(name, build): [] for name in commands for build in ("old", "new")}
    print(f"rows: {open(os.path.join(DATA, 'rows')).read().strip()}; rounds: {rounds}")
    print(f"load before: {os.getloadavg()[0]:.1f}")
    for round_number in range(rounds):
        order = [("old", old), ("new", new)]
        if round_number % 2:
            order.reverse()
        for name, arguments in commands.items():
            for build, binary in order:
                samples[(name, build)].append(timed([binary] + arguments))
    print(f"load after:  {os.getloadavg()[0]:.1f}\n")
    print(f"| command | old median s | new median s | new / old | old runs | new runs |")
    print("|---|---|---|---|---|---|")
    for name in commands:
        old_runs, new_runs = samples[(name, "old")], samples[(name, "new")]
        old_median, new_median = statistics.median(old_runs), statistics.median(new_runs)
        print(f"| {name} | {old_median:.3f} | {new_median:.3f} | {new_median / old_median:.3f} | "
              f"{' '.join(f'{s:.2f}' for s in old_runs)} | {' '.join(f'{s:.2f}' for s in new_runs)} |")


if __name__ == "__main__":
    main()
