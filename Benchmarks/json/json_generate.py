#!/usr/bin/env python3
"""Generates the data for json_benchmark.sh: JSON Lines and JSON document pairs.

usage: json_generate.py jsonl OUT_EXPECTED OUT_NOISY OUT_SHUFFLED MEGABYTES
       json_generate.py json OUT_EXPECTED OUT_NOISY MEGABYTES

Records mix ids, floats, strings (some with escapes and non-ASCII), nested objects,
arrays, booleans and nulls. The noisy copy perturbs every float by a relative 1e-12
(within --rtol 1e-9, but different text) and really changes one record in 10,000.
The shuffled copy holds the expected records in another order (for --key id).
Deterministic (fixed seed), standard library only.
"""
import json
import random
import sys

WORDS = ["alpha", "beta", "gamma", "delta", "épsilon", "zeta", "eta", "theta", "iota", "kappa",
         "lambda", "mu", "quote\"d", "back\\slash", "tab\there", "日本"]


def record(rng, index):
    return {
        "id": index,
        "user": f"user_{rng.randrange(1_000_000):06d}",
        "score": rng.random(),
        "amount": round(rng.uniform(-1e6, 1e6), 2),
        "big": 9007199254740993 + index,
        "active": rng.random() < 0.5,
        "note": None if rng.random() < 0.3 else rng.choice(WORDS),
        "values": [rng.gauss(0, 1) for _ in range(rng.randrange(1, 6))],
        "meta": {"region": rng.choice(["EU", "US", "APAC"]), "tags": rng.sample(WORDS, 2),
                 "weights": {"a": rng.random(), "b": rng.randrange(100)}},
        "ts": f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T12:00:00Z",
    }


def perturb(value, rng):
    if isinstance(value, float):
        return value * (1 + 1e-12 * (rng.random() - 0.5)) if value != 0 else value
    if isinstance(value, list):
        return [perturb(item, rng) for item in value]
    if isinstance(value, dict):
        return {key: perturb(item, rng) for key, item in value.items()}
    return value


def noisy(rec, index, rng):
    changed = perturb(rec, rng)
    if index % 10_000 == 0:
        changed["user"] = changed["user"] + "_changed"
        changed["meta"]["weights"]["b"] += 1
    return changed


def jsonl(expected_path, noisy_path, shuffled_path, megabytes):
    rng = random.Random(42)
    noise = random.Random(7)
    target = megabytes * 1_000_000
    lines = []
    written = 0
    with open(expected_path, "w", encoding="utf-8") as expected, open(noisy_path, "w", encoding="utf-8") as other:
        index = 0
        while written < target:
            rec = record(rng, index)
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            expected.write(line)
            other.write(json.dumps(noisy(rec, index, noise), ensure_ascii=False) + "\n")
            lines.append(line)
            written += len(line.encode("utf-8"))
            index += 1
    rng.shuffle(lines)
    with open(shuffled_path, "w", encoding="utf-8") as shuffled:
        shuffled.writelines(lines)


def document(expected_path, noisy_path, megabytes):
    rng = random.Random(43)
    noise = random.Random(8)
    target = megabytes * 1_000_000
    runs = []
    size = 0
    while size < target:
        rec = record(rng, len(runs))
        runs.append(rec)
        size += len(json.dumps(rec, ensure_ascii=False)) + 2
    doc = {"model": "bench", "generated_at": "2024-01-01T00:00:00Z", "runs": runs}
    with open(expected_path, "w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False)
    doc["runs"] = [noisy(rec, index, noise) for index, rec in enumerate(runs)]
    with open(noisy_path, "w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False)


if __name__ == "__main__":
    if sys.argv[1] == "jsonl":
        jsonl(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        document(sys.argv[2], sys.argv[3], int(sys.argv[4]))
