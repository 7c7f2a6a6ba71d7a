#!/usr/bin/env python3
"""The reference tools the `harness diff` benchmark is measured against.

    reference_compare.py polars EXPECTED ACTUAL [--rtol X] [--key COL]
    reference_compare.py pandas EXPECTED ACTUAL [--rtol X] [--key COL]
    reference_compare.py datacompy EXPECTED ACTUAL [--rtol X] --key COL
    reference_compare.py duckdb EXPECTED ACTUAL [--rtol X] [--key COL]

Each reads both files whole (as a data team would), then compares: polars with
assert_frame_equal (after sorting by the key, if any), pandas with
pandas.testing.assert_frame_equal, datacompy with Compare on the key. DuckDB answers in
SQL over its own CSV reader: without --rtol and --key, EXCEPT ALL both ways (identical
multisets of rows); otherwise a positional join (or a full outer join on the key) that
counts rows where a non-numeric cell differs or a numeric one fails
abs(a - b) <= rtol * abs(a).
Exit 0 when equal, 1 when different, 2 when the tool failed.
"""
import argparse
import sys


NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL")


def duckdb_compare(expected: str, actual: str, rtol: float, key) -> int:
    import duckdb
    con = duckdb.connect()
    con.execute(f"CREATE VIEW e AS SELECT * FROM read_csv('{expected}')")
    con.execute(f"CREATE VIEW a AS SELECT * FROM read_csv('{actual}')")
    if not rtol and not key:
        differing = con.execute("SELECT (SELECT count(*) FROM (SELECT * FROM e EXCEPT ALL SELECT * FROM a))"
                                " + (SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM e))").fetchone()[0]
        return 0 if differing == 0 else 1
    columns = con.execute("DESCRIBE e").fetchall()

    def differs(name: str, kind: str) -> str:
        a, b = f'e."{name}"', f'a."{name}"'
        if kind.startswith(NUMERIC):
            return f"NOT ({a} IS NOT DISTINCT FROM {b} OR abs({a} - {b}) <= {rtol!r} * abs({a}))"
        return f"{a} IS DISTINCT FROM {b}"

    condition = " OR ".join(differs(name, kind) for name, kind, *_ in columns)
    if key:
        join = f'e FULL OUTER JOIN a ON e."{key}" = a."{key}"'
        condition = f'e."{key}" IS NULL OR a."{key}" IS NULL OR {condition}'
    else:
        join = "e POSITIONAL JOIN a"
    differing = con.execute(f"SELECT count(*) FROM {join} WHERE {condition}").fetchone()[0]
    return 0 if differing == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("tool", choices=["polars", "pandas", "datacompy", "duckdb"])
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--rtol", type=float, default=0.0)
    parser.add_argument("--key")
    args = parser.parse_args()

    if args.tool == "polars":
        import polars as pl
        from polars.testing import assert_frame_equal
        left = pl.read_csv(args.expected)
        right = pl.read_csv(args.actual)
        if args.key:
            left, right = left.sort(args.key), right.sort(args.key)
        try:
            assert_frame_equal(left, right, check_exact=False, rel_tol=args.rtol, abs_tol=0.0)
        except AssertionError as error:
            print(str(error)[:300])
            return 1
        return 0

    if args.tool == "duckdb":
        return duckdb_compare(args.expected, args.actual, args.rtol, args.key)

    import pandas as pd
    left = pd.read_csv(args.expected)
    right = pd.read_csv(args.actual)
    if args.tool == "pandas":
        if args.key:
            left = left.sort_values(args.key).reset_index(drop=True)
            right = right.sort_values(args.key).reset_index(drop=True)
        try:
            pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=args.rtol, atol=0.0)
        except AssertionError as error:
            print(str(error)[:300])
            return 1
        return 0

    import datacompy
    compare_class = getattr(datacompy, "Compare", None) or datacompy.PandasCompare  # renamed in datacompy 1.0
    compare = compare_class(left, right, join_columns=[args.key or "id"], rel_tol=args.rtol, abs_tol=0)
    return 0 if compare.matches() else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # a failing tool must not pass for "different"
        import traceback
        traceback.print_exc()
        sys.exit(2)
