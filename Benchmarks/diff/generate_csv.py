#!/usr/bin/env python3
"""Writes the CSV files of the `harness diff` benchmark (deterministic, seed 20240611).

    generate_csv.py OUTPUT_FOLDER [--rows N]

Files (about 90 bytes a row, so ~900 MB at the default 10 million rows):
  base.csv       id, ISO date, category, price (2 decimals), score and ratio (full
                 repr floats), temperature (1 decimal), quoted text with commas and
                 quotes in about half of the rows; ~2% of the float cells empty
  identical.csv  a byte copy of base.csv
  perturbed.csv  every float multiplied by (1 + e), |e| <= 1e-9, so equal within --rtol 1e-6
  shuffled.csv   the rows of base.csv in a random order
"""
import argparse
import os
import shutil
import time

import numpy as np
import polars as pl

SEED = 20240611
FLOATS = ["price", "score", "ratio", "temperature"]


def frame(rows: int, rng: np.random.Generator) -> pl.DataFrame:
    categories = np.array(["books", "garden", "toys", "electronics", "food", "sport", "music", "home"])
    words = np.array(["red", "blue", "large", "tiny", "steel", "oak", "fresh", "classic", "pro", "eco"])
    days = rng.integers(0, 3650, rows)
    kind = rng.integers(0, 4, rows)
    w1 = words[rng.integers(0, len(words), rows)]
    w2 = words[rng.integers(0, len(words), rows)]
    size = rng.integers(1, 100, rows)
    data = {
        "id": np.arange(1, rows + 1, dtype=np.int64),
        "date": (np.datetime64("2015-01-01") + days.astype("timedelta64[D]")),
        "category": categories[rng.integers(0, len(categories), rows)],
        "price": np.round(rng.uniform(0.5, 999.0, rows), 2),
        "score": rng.normal(0.0, 50.0, rows),
        "ratio": rng.uniform(0.0, 1.0, rows),
        "temperature": np.round(rng.normal(15.0, 10.0, rows), 1),
        "w1": w1, "w2": w2, "size": size, "kind": kind,
    }
    df = pl.DataFrame(data)
    # Text: half plain, a quarter with a comma, a quarter with quotes (and a comma).
    text = (
        pl.when(pl.col("kind") < 2).then(pl.format("{} {} {}", "w1", "w2", "size"))
        .when(pl.col("kind") == 2).then(pl.format("{}, {} no. {}", "w1", "w2", "size"))
        .otherwise(pl.format("the \"{}\" {}, size {}", "w1", "w2", "size"))
    )
    df = df.with_columns(text.alias("text")).drop("w1", "w2", "size", "kind")
    # About 2% of the float cells empty.
    empties = {name: rng.random(rows) < 0.02 for name in FLOATS}
    df = df.with_columns([
        pl.when(pl.Series(empties[name])).then(None).otherwise(pl.col(name)).alias(name) for name in FLOATS
    ])
    return df


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--rows", type=int, default=10_000_000)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    rng = np.random.default_rng(SEED)
    started = time.time()
    df = frame(args.rows, rng)
    base = os.path.join(args.folder, "base.csv")
    df.write_csv(base)
    shutil.copyfile(base, os.path.join(args.folder, "identical.csv"))
    factors = {name: 1.0 + rng.uniform(-1e-9, 1e-9, args.rows) for name in FLOATS}
    df.with_columns([(pl.col(name) * pl.Series(factors[name])).alias(name) for name in FLOATS]) \
        .write_csv(os.path.join(args.folder, "perturbed.csv"))
    df.sample(fraction=1.0, shuffle=True, seed=SEED).write_csv(os.path.join(args.folder, "shuffled.csv"))
    size = os.path.getsize(base)
    print(f"generated {args.rows} rows, {size / 1e6:.0f} MB per file, in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
