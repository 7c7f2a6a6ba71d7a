#!/usr/bin/env python3
"""Compares the field types of `harness describe` and `frictionless describe` drafts.

    describe_compare.py HARNESS.json FRICTIONLESS.json

Prints one JSON line: fields, same (type and format agree), differences (field: harness vs
frictionless) and the constraints harness drafted that a types-only describe does not.
"""
import json
import sys


def fields(document):
    schema = document.get("schema", document)
    return {field["name"]: field for field in schema.get("fields", [])}


def main(harness_path, frictionless_path):
    with open(harness_path) as handle:
        harness = json.load(handle)
    with open(frictionless_path) as handle:
        frictionless = json.load(handle)
    ours, theirs = fields(harness), fields(frictionless)
    same, differences, extras = 0, [], {}
    for name, field in ours.items():
        other = theirs.get(name)
        if other is None:
            continue
        mine = field.get("type", "any") + ("/" + field["format"] if field.get("format", "default") != "default" else "")
        yours = other.get("type", "any") + ("/" + other["format"] if other.get("format", "default") != "default" else "")
        if mine == yours:
            same += 1
        else:
            differences.append("%s: %s vs %s" % (name, mine, yours))
        for constraint in field.get("constraints", {}):
            if constraint not in other.get("constraints", {}):
                extras[constraint] = extras.get(constraint, 0) + 1
        if "missingValues" in field:
            extras["missingValues"] = extras.get("missingValues", 0) + 1
    schema = harness.get("schema", {})
    if "primaryKey" in schema and "primaryKey" not in frictionless.get("schema", frictionless):
        extras["primaryKey"] = 1
    print(json.dumps({"fields": len(ours), "same": same, "differences": differences, "extras": extras}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
