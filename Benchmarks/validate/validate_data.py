#!/usr/bin/env python3
"""Writes the CSV with injected violations for the `harness validate` benchmark (its speed
runs on the diff benchmark's data, validate_base_data.py). Deterministic for a seed.
Needs numpy and polars (the benchmark's venv); its contract is validate_injected_contract.json.

    validate_data.py OUT.csv --rows 10000000 [--seed 1] [--inject 200]

Columns: id (unique integer), name, category (one of five), code (AA-9999), amount,
quantity, price (bounded numbers), ts (ISO datetime), flag (boolean), about 88 bytes a row.
With --inject K, K rows each get one of: a duplicate id, an empty id, a negative amount,
a quantity over 1000, a zero price, an unknown category, a code off the pattern, and a
non-numeric amount. The kinds never share a row, so every tool should count K of each.
"""
import argparse
import json
import sys

import numpy as np
import polars as pl

# Each kind as field:check, the names validate_peers.py counts by.
KINDS = ["id:unique", "id:required", "amount:minimum", "quantity:maximum",
         "price:minimum", "category:enum", "code:pattern", "amount:type"]
CATEGORIES = ["books", "electronics", "garden", "grocery", "toys"]


def build(rows, seed):
    rng = np.random.default_rng(seed)
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    base = np.datetime64("2020-01-01T00:00:00")
    frame = pl.DataFrame({
        "id": np.arange(1, rows + 1, dtype=np.int64),
        "name": rng.integers(0, 1_000_000, rows),
        "category": np.array(CATEGORIES)[rng.integers(0, len(CATEGORIES), rows)],
        "code_a": letters[rng.integers(0, 26, rows)],
        "code_b": letters[rng.integers(0, 26, rows)],
        "code_n": rng.integers(0, 10_000, rows),
        "amount": rng.integers(0, 10_000_000, rows),
        "quantity": rng.integers(0, 1001, rows),
        "price": rng.integers(1, 1_000_000, rows),
        "ts": (base + rng.integers(0, 5 * 365 * 86400, rows).astype("timedelta64[s]")).astype("datetime64[ms]"),
        "flag": rng.integers(0, 2, rows).astype(bool),
    })
    return frame.select(
        pl.col("id").cast(pl.Utf8),
        (pl.lit("customer_") + pl.col("name").cast(pl.Utf8).str.zfill(7)).alias("name"),
        pl.col("category"),
        (pl.col("code_a") + pl.col("code_b") + pl.lit("-") + pl.col("code_n").cast(pl.Utf8).str.zfill(4)).alias("code"),
        money(pl.col("amount")).alias("amount"),
        pl.col("quantity").cast(pl.Utf8),
        money(pl.col("price")).alias("price"),
        pl.col("ts").dt.strftime("%Y-%m-%dT%H:%M:%S"),
        pl.when(pl.col("flag")).then(pl.lit("true")).otherwise(pl.lit("false")).alias("flag"),
    )


def money(cents):
    """Cents as text with two decimals, without float rounding."""
    return (cents // 100).cast(pl.Utf8) + pl.lit(".") + (cents % 100).cast(pl.Utf8).str.zfill(2)


def inject(frame, count, seed):
    rng = np.random.default_rng(seed + 1)
    rows = frame.height
    # Even rows only, so a duplicate's source row (the odd row before it) is never injected.
    picks = rng.choice(np.arange(2, rows, 2), size=count * len(KINDS), replace=False)
    columns = {name: frame[name].to_numpy().astype(object) for name in frame.columns}
    where = {}
    for number, kind in enumerate(KINDS):
        index = np.sort(picks[number * count:(number + 1) * count])
        where[kind] = index
        if kind == "id:unique":
            columns["id"][index] = columns["id"][index - 1]
        elif kind == "id:required":
            columns["id"][index] = ""
        elif kind == "amount:minimum":
            columns["amount"][index] = "-5.00"
        elif kind == "quantity:maximum":
            columns["quantity"][index] = "1001"
        elif kind == "price:minimum":
            columns["price"][index] = "0.00"
        elif kind == "category:enum":
            columns["category"][index] = "weapons"
        elif kind == "code:pattern":
            columns["code"][index] = "A-12"
        elif kind == "amount:type":
            columns["amount"][index] = "n/a"
    return pl.DataFrame({name: pl.Series(name, values, dtype=pl.Utf8) for name, values in columns.items()}), where


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--inject", type=int, default=0, help="violations of each kind to inject")
    args = parser.parse_args()
    frame = build(args.rows, args.seed)
    if args.inject:
        frame, where = inject(frame, args.inject, args.seed)
        with open(args.out + ".expected.json", "w") as handle:
            json.dump({kind: len(index) for kind, index in where.items()}, handle, indent=2)
    frame.write_csv(args.out)
    print(f"wrote {args.rows} rows to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
