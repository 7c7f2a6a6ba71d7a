#!/usr/bin/env python3
"""Keyed JSON Lines diff against DuckDB, and the key index's bytes per record (issue 19).

usage: jsonl_keyed_benchmark.py DATA_FOLDER HARNESS [--old OLD_HARNESS] [--records N] [--runs R]

Cases, each run R times in alternating rounds (every tool once per round), medians printed:
- shuffled: N flat records (id, user, score, amount, active, note), the actual file in another
  order with every float perturbed within --rtol 1e-9 and one record in 10,000 really changed;
  harness `diff --key id --rtol 1e-9` against DuckDB's full outer join on id over its own
  JSON reader, counting records where a text differs or a number fails
  abs(a - b) <= rtol * abs(a) (the SQL of the CSV diff benchmark).
- index memory: harness's peak RSS keyed minus its peak RSS comparing the same pair by
  position (reader buffers and binary alike), divided by the records: the index's bytes per
  expected record. Since 2026-12-07 the positional run checks expected on a second thread,
  as the keyed run's first pass does, so both peaks hold that thread's buffers (about
  1.2 MB; against the old one-thread baseline the index reads about 0.6 bytes more).
- perturbed by position: the same N records in the same order, floats perturbed as above
  (the usual refactor: same rows, summed in another order); harness `diff --rtol 1e-9`
  without a key against DuckDB's POSITIONAL JOIN with the same conditions.
- repeated keys: N/10 records sharing 100 keys (a thousand records a key), actual in reverse
  order; with --old, the same with an older build, to show the pairing is no longer quadratic.
Both tools must agree that the files differ (exit 1). Standard library plus duckdb (pinned in
Benchmarks/requirements.txt).
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time

WORDS = ["alpha", "beta", "gamma", "delta", "épsilon", "zeta", "quote\"d", "日本"]


def write_records(path, records):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(record + "\n")


def record(rng, index, noise=False, changed=False):
    score = rng.random()
    amount = round(rng.uniform(-1e6, 1e6), 2)
    note = "null" if index % 3 == 0 else '"%s"' % WORDS[index % len(WORDS)].replace('"', '\\"')
    if noise:
        score *= 1 + 1e-12
        amount *= 1 + 1e-12
    if changed:
        amount += 1
    return ('{"id": %d, "user": "user_%06d", "score": %r, "amount": %r, "active": %s, "note": %s}'
            % (index, index % 1_000_000, score, amount, "true" if index % 2 else "false", note))


def generate(folder, records):
    expected, actual = os.path.join(folder, "expected-%d.jsonl" % records), os.path.join(folder, "shuffled-%d.jsonl" % records)
    if not os.path.exists(actual):
        rng = random.Random(19)
        seeds = [rng.random() for _ in range(records)]
        write_records(expected, (record(random.Random(seeds[i]), i) for i in range(records)))
        order = list(range(records))
        rng.shuffle(order)
        write_records(actual, (record(random.Random(seeds[i]), i, noise=True, changed=i % 10_000 == 7) for i in order))
    perturbed = os.path.join(folder, "perturbed-%d.jsonl" % records)
    if not os.path.exists(perturbed):
        rng = random.Random(19)
        seeds = [rng.random() for _ in range(records)]
        write_records(perturbed, (record(random.Random(seeds[i]), i, noise=True, changed=i % 10_000 == 7) for i in range(records)))
    repeated_e, repeated_a = os.path.join(folder, "repeated-%d.jsonl" % records), os.path.join(folder, "repeated-rev-%d.jsonl" % records)
    if not os.path.exists(repeated_a):
        count = records // 10
        lines = ['{"id": %d, "n": %d}' % (i % 100, i) for i in range(count)]
        write_records(repeated_e, lines)
        write_records(repeated_a, reversed(lines))
    return expected, actual, perturbed, repeated_e, repeated_a


def timed(command):
    """(seconds, peak RSS in MB, exit status) of one run, from GNU time."""
    began = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - began
    kilobytes = int(result.stderr.strip().splitlines()[-1])
    return seconds, kilobytes / 1024, result.returncode


DUCKDB = """
import sys, duckdb
expected, actual, rtol, join = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
con = duckdb.connect()
con.execute(f"CREATE VIEW e AS SELECT * FROM read_json('{expected}', format='newline_delimited')")
con.execute(f"CREATE VIEW a AS SELECT * FROM read_json('{actual}', format='newline_delimited')")
numeric = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL")
def differs(name, kind):
    x, y = f'e."{name}"', f'a."{name}"'
    if kind.startswith(numeric):
        return f"NOT ({x} IS NOT DISTINCT FROM {y} OR abs({x} - {y}) <= {rtol!r} * abs({x}))"
    return f"{x} IS DISTINCT FROM {y}"
condition = " OR ".join(differs(name, kind) for name, kind, *_ in con.execute("DESCRIBE e").fetchall())
if join == "key":
    differing = con.execute(f'SELECT count(*) FROM e FULL OUTER JOIN a ON e."id" = a."id" '
                            f'WHERE e."id" IS NULL OR a."id" IS NULL OR {condition}').fetchone()[0]
else:
    differing = con.execute(f'SELECT count(*) FROM e POSITIONAL JOIN a WHERE {condition}').fetchone()[0]
sys.exit(0 if differing == 0 else 1)
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("harness")
    parser.add_argument("--old")
    parser.add_argument("--records", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(args.data, exist_ok=True)
    expected, actual, perturbed, repeated_e, repeated_a = generate(args.data, args.records)
    print("== load before: %s" % os.getloadavg().__repr__())
    print("== %d records, %.0f MB each; runs: %d, alternating" % (args.records, os.path.getsize(expected) / 1e6, args.runs))
    commands = {
        "harness keyed": [args.harness, "diff", expected, actual, "--key", "id", "--rtol", "1e-9"],
        "duckdb keyed": [sys.executable, "-c", DUCKDB, expected, actual, "1e-9", "key"],
        "harness by position": [args.harness, "diff", expected, actual, "--rtol", "1e-9"],
        "harness perturbed": [args.harness, "diff", expected, perturbed, "--rtol", "1e-9"],
        "duckdb perturbed": [sys.executable, "-c", DUCKDB, expected, perturbed, "1e-9", "position"],
        "harness repeated keys": [args.harness, "diff", repeated_e, repeated_a, "--key", "id"],
    }
    if args.old:
        commands["old harness keyed"] = [args.old, "diff", expected, actual, "--key", "id", "--rtol", "1e-9"]
        commands["old harness repeated keys"] = [args.old, "diff", repeated_e, repeated_a, "--key", "id"]
        commands["old harness perturbed"] = [args.old, "diff", expected, perturbed, "--rtol", "1e-9"]
    samples = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            seconds, megabytes, status = timed(command)
            if status != 1:
                sys.exit("%s: exit %d, expected 1 (the files differ): %s" % (name, status, " ".join(command)))
            samples[name].append((seconds, megabytes))
    median = {name: statistics.median(s for s, _ in runs) for name, runs in samples.items()}
    peak = {name: max(m for _, m in runs) for name, runs in samples.items()}
    for name in commands:
        print("   %-26s %7.2f s  %7.1f MB peak" % (name, median[name], peak[name]))
    index_bytes = (peak["harness keyed"] - peak["harness by position"]) * 1024 * 1024 / args.records
    print("== keyed / DuckDB time: %.2fx (target at most 0.3x)" % (median["harness keyed"] / median["duckdb keyed"]))
    print("== perturbed by position / DuckDB's positional join: %.2fx time" % (median["harness perturbed"] / median["duckdb perturbed"]))
    print("== key index: %.1f bytes per expected record (keyed peak minus positional peak; target at most 16)" % index_bytes)
    if args.old:
        print("== keyed, this build / old: %.2fx time, %.2fx peak" % (
            median["harness keyed"] / median["old harness keyed"], peak["harness keyed"] / peak["old harness keyed"]))
        print("== repeated keys (%d records, 100 keys), this build / old: %.3fx time" % (
            args.records // 10, median["harness repeated keys"] / median["old harness repeated keys"]))
        print("== perturbed by position, this build / old: %.2fx time" % (median["harness perturbed"] / median["old harness perturbed"]))
    print("== load after: %s" % os.getloadavg().__repr__())


if __name__ == "__main__":
    main()
