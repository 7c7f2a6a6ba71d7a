"""The refactored notebook: totals per group, parameters from HARNESS_PARAMETERS."""
import csv
import json
import os

from totals.compute import totals_by_group


def main():
    parameters = json.loads(os.environ.get("HARNESS_PARAMETERS", "{}"))
    scale = parameters.get("scale", 1)
    offset = parameters.get("offset", 0.0)
    with open("data/input.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    totals = totals_by_group(rows, scale, offset)
    os.makedirs("out", exist_ok=True)
    with open("out/totals.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["group", "total"])
        for group in sorted(totals):
            writer.writerow([group, repr(totals[group])])
    with open("out/summary.json", "w") as handle:
        json.dump({"groups": len(totals), "grand_total": sum(totals.values())}, handle)


main()
