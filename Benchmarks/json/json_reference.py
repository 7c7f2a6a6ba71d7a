#!/usr/bin/env python3
"""The reference json_benchmark.sh measures against: Python's json module loading both
files (JSON Lines: json.loads line by line into lists) and comparing them with ==.

usage: json_reference.py jsonl|json EXPECTED ACTUAL
"""
import json
import sys


def load_lines(path):
    with open(path, "rb") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_document(path):
    with open(path, "rb") as handle:
        return json.load(handle)


if __name__ == "__main__":
    load = load_lines if sys.argv[1] == "jsonl" else load_document
    same = load(sys.argv[2]) == load(sys.argv[3])
    print("same" if same else "different")
