#!/usr/bin/env python3
"""Per-column tolerances against one tolerance for the whole file (issue 18), rerunnable.

    column_tolerance_benchmark.py DATA_FOLDER OLD_HARNESS NEW_HARNESS [--rows N] [--runs N]

Writes (standard library only, seed 20240611) the shape of the diff benchmark's data
(generate_csv.py: id, date, category, four float columns with ~2% empty, quoted text),
base.csv and perturbed.csv (every float times 1 + e, |e| <= 1e-9), and
perturbed_shuffled.csv (the perturbed rows in another order). Then, in rounds that
alternate the order of the commands, it times
  old --rtol 1e-6                 the reference: the binary before issue 18
  new --rtol 1e-6                 the same command on the new binary
  new --tolerance COL=rtol:1e-6   one tolerance per float column (and none for the file)
positionally and with --key id, every run expected to say "same" (exit 0), and prints
the median wall time of each and its ratio to the reference's median.
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time

SEED = 20240611
FLOATS = ["price", "score", "ratio", "temperature"]
WORDS = ["red", "blue", "large", "tiny", "steel", "oak", "fresh", "classic", "pro", "eco"]
CATEGORIES = ["books", "garden", "toys", "electronics", "food", "sport", "music", "home"]


def generate(folder: str, rows: int) -> None:
    marker = os.path.join(folder, "rows")
    if os.path.exists(marker) and open(marker).read().strip() == str(rows):
        return
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(SEED)
    header = "id,date,category,price,score,ratio,temperature,text\n"
    base_rows, perturbed_rows = [], []
    for row in range(1, rows + 1):
        floats = [round(rng.uniform(0.5, 999.0), 2), rng.gauss(0.0, 50.0), rng.uniform(0.0, 1.0),
                  round(rng.gauss(15.0, 10.0), 1)]
        empty = [rng.random() < 0.02 for _ in FLOATS]
        kind = rng.randrange(4)
        w1, w2, size = rng.choice(WORDS), rng.choice(WORDS), rng.randrange(1, 100)
        text = (f"{w1} {w2} {size}" if kind < 2 else f'"{w1}, {w2} no. {size}"' if kind == 2
                else f'"the ""{w1}"" {w2}, size {size}"')
        day = rng.randrange(3650)
        date = f"{2015 + day // 365}-{(day % 365) // 31 + 1:02d}-{(day % 31) + 1:02d}"
        lead = f"{row},{date},{rng.choice(CATEGORIES)},"
        base = ["" if e else repr(v) for v, e in zip(floats, empty)]
        perturbed = ["" if e else repr(v * (1.0 + rng.uniform(-1e-9, 1e-9))) for v, e in zip(floats, empty)]
        base_rows.append(lead + ",".join(base) + "," + text + "\n")
        perturbed_rows.append(lead + ",".join(perturbed) + "," + text + "\n")
    for name, lines in [("base.csv", base_rows), ("perturbed.csv", perturbed_rows)]:
        with open(os.path.join(folder, name), "w") as handle:
            handle.write(header)
            handle.writelines(lines)
    rng.shuffle(perturbed_rows)
    with open(os.path.join(folder, "perturbed_shuffled.csv"), "w") as handle:
        handle.write(header)
        handle.writelines(perturbed_rows)
    with open(marker, "w") as handle:
        handle.write(str(rows))


def timed(command: list) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"expected 'same' (exit 0), got {result.returncode}: {' '.join(command)}\n{result.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    generate(args.data, args.rows)
    base = os.path.join(args.data, "base.csv")
    per_column = [flag for name in FLOATS for flag in ("--tolerance", f"{name}=rtol:1e-6")]
    modes = {
        "positional": (os.path.join(args.data, "perturbed.csv"), []),
        "keyed": (os.path.join(args.data, "perturbed_shuffled.csv"), ["--key", "id"]),
    }
    size = os.path.getsize(base) / 1e6
    print(f"{args.rows} rows, {size:.0f} MB a file, {args.runs} rounds, median wall time")
    for mode, (actual, extra) in modes.items():
        commands = {
            "old --rtol 1e-6": [args.old, "diff", base, actual, "--rtol", "1e-6"] + extra,
            "new --rtol 1e-6": [args.new, "diff", base, actual, "--rtol", "1e-6"] + extra,
            "new --tolerance COL=rtol:1e-6 (4 columns)": [args.new, "diff", base, actual] + per_column + extra,
        }
        for command in commands.values():  # warm the page cache and the binaries
            timed(command)
        times = {name: [] for name in commands}
        names = list(commands)
        for round_number in range(args.runs):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(timed(commands[name]))
        reference = statistics.median(times[names[0]])
        print(f"\n{mode}:")
        for name in names:
            median = statistics.median(times[name])
            runs = " ".join(f"{t:.3f}" for t in times[name])
            print(f"  {name:44s} {median:7.3f} s  {median / reference:5.3f}x   runs: {runs}")


if __name__ == "__main__":
    main()
