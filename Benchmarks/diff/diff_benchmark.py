#!/usr/bin/env python3
"""Measures `harness diff` against cmp and polars (pandas, datacompy with WITH_PANDAS=1)
on the files of generate_csv.py; run through diff_benchmark.sh.

    diff_benchmark.py DATA_FOLDER HARNESS_BINARY

Every command runs RUNS times (default 3) on a warm page cache; the table shows the
median wall time, throughput over both input files, the peak RSS of the median run, and
the ratio to the reference each issue-2 target names.
"""
import os
import statistics
import subprocess
import sys
import tempfile

RUNS = int(os.environ.get("RUNS", "3"))
HERE = os.path.dirname(os.path.abspath(__file__))


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def measure(command, runs):
    """Median wall seconds and that run's peak RSS in MB; exit codes must be 0 or 1."""
    samples = []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as stats:
            result = subprocess.run(["/usr/bin/time", "-v", "-o", stats.name] + command,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if result.returncode not in (0, 1):
                sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr[-2000:]}")
            text = stats.read()
        wall = rss = None
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                clock = line.rsplit(" ", 1)[1].split(":")
                wall = sum(float(part) * 60 ** index for index, part in enumerate(reversed(clock)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1]) / 1024
        samples.append((wall, rss, result.returncode))
    samples.sort()
    return samples[len(samples) // 2]


def main() -> None:
    data, harness = sys.argv[1], sys.argv[2]
    python = sys.executable
    path = {name: os.path.join(data, name + ".csv") for name in ["base", "identical", "perturbed", "shuffled"]}
    size = {name: os.path.getsize(file) for name, file in path.items()}
    for file in path.values():  # warm the page cache
        with open(file, "rb") as handle:
            while handle.read(1 << 24):
                pass
    reference = [python, os.path.join(HERE, "reference_compare.py")]
    cases = [
        ("identical", "cmp", ["cmp", path["base"], path["identical"]], "identical"),
        ("identical", "harness", [harness, "diff", path["base"], path["identical"]], "identical"),
        ("perturbed", "harness", [harness, "diff", path["base"], path["perturbed"], "--rtol", "1e-6"], "perturbed"),
        ("perturbed", "polars", reference + ["polars", path["base"], path["perturbed"], "--rtol", "1e-6"], "perturbed"),
        ("shuffled", "harness", [harness, "diff", path["base"], path["shuffled"], "--key", "id"], "shuffled"),
        ("shuffled", "polars", reference + ["polars", path["base"], path["shuffled"], "--key", "id"], "shuffled"),
    ]
    if os.environ.get("WITH_PANDAS"):
        cases += [
            ("perturbed", "pandas", reference + ["pandas", path["base"], path["perturbed"], "--rtol", "1e-6"], "perturbed"),
            ("perturbed", "datacompy", reference + ["datacompy", path["base"], path["perturbed"], "--rtol", "1e-6", "--key", "id"], "perturbed"),
        ]
    print(f"rows: {open(os.path.join(data, 'rows')).read().strip()}, base.csv {size['base'] / 1e6:.0f} MB, "
          f"perturbed.csv {size['perturbed'] / 1e6:.0f} MB; runs per command: {RUNS} (median)")
    print(f"load before: {uptime()}")
    results = {}
    for case, tool, command, other in cases:
        runs = 1 if tool in ("pandas", "datacompy") else RUNS
        wall, rss, code = measure(command, runs)
        results[(case, tool)] = (wall, rss, code, size["base"] + size[other])
    print(f"load after:  {uptime()}\n")

    targets = {
        ("identical", "harness"): ("cmp", 1.5, "<= 1.5x cmp"),
        ("perturbed", "harness"): ("polars", 0.5, "<= 0.5x polars"),
        ("shuffled", "harness"): ("polars", 1.0, "< 1x polars"),
    }
    header = f"| {'case':<9} | {'tool':<9} | {'exit':>4} | {'time s':>7} | {'MB/s':>6} | {'peak RSS MB':>11} | {'ratio':>12} | {'target':<15} | met |"
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
    for (case, tool), (wall, rss, code, bytes_read) in results.items():
        ratio = target = met = ""
        if (case, tool) in targets:
            against, limit, target = targets[(case, tool)]
            base_wall = results[(case, against)][0]
            value = wall / base_wall
            ratio = f"{value:.2f}x {against}"
            met = "yes" if (value <= limit if limit != 1.0 else value < limit) else "NO"
        print(f"| {case:<9} | {tool:<9} | {code:>4} | {wall:>7.2f} | {bytes_read / 1e6 / wall:>6.0f} | {rss:>11.0f} | {ratio:>12} | {target:<15} | {met:<3} |")
    unequal = [f"{tool} on {case}" for (case, tool), (_, _, code, _) in results.items() if code != 0]
    if unequal:
        print(f"\nWARNING: every case is equal by construction, but these said different: {', '.join(unequal)}")
    positional = max(results[("identical", "harness")][1], results[("perturbed", "harness")][1])
    print(f"\npositional mode peak RSS: {positional:.0f} MB ({'under' if positional < 64 else 'OVER'} the 64 MB target)")
    print(f"keyed mode peak RSS: {results[('shuffled', 'harness')][1]:.0f} MB (the key index; see CSVKeyIndex)")


if __name__ == "__main__":
    main()
