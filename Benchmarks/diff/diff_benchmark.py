#!/usr/bin/env python3
"""Measures `harness diff` against cmp, polars and DuckDB (pandas, datacompy with
WITH_PANDAS=1) on the files of generate_csv.py; run through diff_benchmark.sh.

    diff_benchmark.py DATA_FOLDER HARNESS_BINARY

Every command runs RUNS times (default 3) on a warm page cache, in rounds (every command
once per round, so a slow minute on the shared machine falls on all tools alike); the
table shows the median wall time, throughput over both input files, the peak RSS of the
median run, and harness's ratio to polars and to DuckDB measured in the same run.
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


def measure_once(command):
    """Wall seconds, peak RSS in MB and exit code of one run; exit codes must be 0 or 1."""
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
    return wall, rss, result.returncode


def median(samples):
    return sorted(samples)[len(samples) // 2]


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
        ("identical", "duckdb", reference + ["duckdb", path["base"], path["identical"]], "identical"),
        ("perturbed", "duckdb", reference + ["duckdb", path["base"], path["perturbed"], "--rtol", "1e-6"], "perturbed"),
        ("shuffled", "duckdb", reference + ["duckdb", path["base"], path["shuffled"], "--key", "id"], "shuffled"),
    ]
    if os.environ.get("OLD_HARNESS"):  # a second binary, e.g. main's, measured in the same rounds
        old = os.environ["OLD_HARNESS"]
        cases += [(case, "old", [old] + command[1:], other) for case, tool, command, other in cases if tool == "harness"]
    if os.environ.get("WITH_PANDAS"):
        cases += [
            ("perturbed", "pandas", reference + ["pandas", path["base"], path["perturbed"], "--rtol", "1e-6"], "perturbed"),
            ("perturbed", "datacompy", reference + ["datacompy", path["base"], path["perturbed"], "--rtol", "1e-6", "--key", "id"], "perturbed"),
        ]
    print(f"rows: {open(os.path.join(data, 'rows')).read().strip()}, base.csv {size['base'] / 1e6:.0f} MB, "
          f"perturbed.csv {size['perturbed'] / 1e6:.0f} MB; runs per command: {RUNS} (median)")
    print(f"load before: {uptime()}")
    samples = {(case, tool): [] for case, tool, _, _ in cases}
    for round in range(RUNS):
        for case, tool, command, _ in cases:
            if tool in ("pandas", "datacompy") and round > 0:
                continue
            samples[(case, tool)].append(measure_once(command))
    results = {}
    for case, tool, _, other in cases:
        wall, rss, code = median(samples[(case, tool)])
        results[(case, tool)] = (wall, rss, code, size["base"] + size[other])
    # Harness's ratio to each reference, as the median of the per-round ratios (each round
    # measures both within seconds of each other).
    ratios = {}
    for case, tool, _, _ in cases:
        for against in ("cmp", "polars", "duckdb", "old"):
            if tool in ("harness", "old") and tool != against and (case, against) in samples:
                ratios[(case, tool, against)] = median(
                    [mine[0] / theirs[0] for mine, theirs in zip(samples[(case, tool)], samples[(case, against)])])
    print(f"load after:  {uptime()}\n")

    # (case, reference, limit): issue 2's targets and issue 19's.
    targets = [
        ("identical", "cmp", 1.5), ("perturbed", "polars", 0.25), ("perturbed", "duckdb", 0.2),
        ("shuffled", "polars", 1.0), ("shuffled", "duckdb", 0.3),
    ]
    header = (f"| {'case':<9} | {'tool':<9} | {'exit':>4} | {'time s':>7} | {'MB/s':>6} | {'peak RSS MB':>11} "
              f"| {'/ polars':>8} | {'/ duckdb':>8} |")
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
    for (case, tool), (wall, rss, code, bytes_read) in results.items():
        cells = [f"{ratios[(case, tool, against)]:.2f}x" if (case, tool, against) in ratios else ""
                 for against in ("polars", "duckdb")]
        print(f"| {case:<9} | {tool:<9} | {code:>4} | {wall:>7.2f} | {bytes_read / 1e6 / wall:>6.0f} | {rss:>11.0f} "
              f"| {cells[0]:>8} | {cells[1]:>8} |")
    print()
    for case, against, limit in targets:
        value = ratios[(case, "harness", against)]
        print(f"  {'met    ' if value <= limit else 'NOT MET'}  {case}: harness {value:.2f}x {against} (target <= {limit}x)")
    if ("shuffled", "old") in results:
        for case in ("identical", "perturbed", "shuffled"):
            print(f"  {case}: harness {ratios[(case, 'harness', 'old')]:.2f}x the OLD_HARNESS binary's time")
    unequal = [f"{tool} on {case}" for (case, tool), (_, _, code, _) in results.items() if code != 0]
    if unequal:
        print(f"\nWARNING: every case is equal by construction, but these said different: {', '.join(unequal)}")
    positional = max(results[("identical", "harness")][1], results[("perturbed", "harness")][1])
    print(f"\npositional mode peak RSS: {positional:.0f} MB ({'under' if positional < 64 else 'OVER'} the 64 MB target)")
    keyed = results[("shuffled", "harness")][1]
    floor = results[("identical", "harness")][1]
    rows = int(open(os.path.join(data, "rows")).read())
    # What the index adds per row, without the keyed path's fixed buffers (readers, batches):
    # keyed peaks of base against identical, whole and the first tenth of both files, each
    # the median of RUNS runs; the difference over the rows between them.
    tenth = rows // 10
    with tempfile.TemporaryDirectory() as folder:
        heads = []
        for name in ("base", "identical"):
            head = os.path.join(folder, name + ".csv")
            with open(path[name], "rb") as source, open(head, "wb") as target:
                for number, line in enumerate(source):
                    if number > tenth:
                        break
                    target.write(line)
            heads.append(head)
        small = median([measure_once([harness, "diff", heads[0], heads[1], "--key", "id"])[1] for _ in range(RUNS)])
        whole = median([measure_once([harness, "diff", path["base"], path["identical"], "--key", "id"])[1] for _ in range(RUNS)])
    marginal = (whole - small) * 1024 * 1024 / (rows - tenth)
    print(f"key index: {marginal:.1f} bytes per expected row ({'met' if marginal <= 16 else 'NOT MET'}, target <= 16): "
          f"keyed peaks {whole:.1f} MB at {rows} rows and {small:.1f} MB at {tenth}, base against identical")
    print(f"keyed mode peak RSS: {keyed:.0f} MB; over the positional run's {floor:.0f} MB that is "
          f"{(keyed - floor) * 1024 * 1024 / rows:.1f} bytes per expected row (the key index, see CSVKeyIndex, "
          f"and the keyed path's fixed buffers)")


if __name__ == "__main__":
    main()
