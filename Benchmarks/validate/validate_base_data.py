#!/usr/bin/env python3
"""Writes only base.csv of the `harness diff` benchmark data (Benchmarks/diff/generate_csv.py,
same seed, same rows), which the validate benchmark checks for speed.

    validate_base_data.py OUT.csv [--rows N]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "diff"))
import generate_csv  # noqa: E402  (the diff benchmark's generator)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=10_000_000)
    args = parser.parse_args()
    generate_csv.frame(args.rows, np.random.default_rng(generate_csv.SEED)).write_csv(args.out)
    print(f"wrote {args.rows} rows to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
