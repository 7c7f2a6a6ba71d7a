#!/usr/bin/env python3
"""The reference validators `validate_benchmark.sh` measures harness against, each written
by hand for the schema in validate_contract.json, each printing its violation counts per
kind (the kinds validate_data.py injects) as JSON on stdout.

    validate_peers.py polars|pandera|frictionless|harness-report DATA.csv [REPORT.json]

`harness-report` reads a `harness validate --json` report and maps it to the same kinds.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACT = json.load(open(os.path.join(HERE, "validate_contract.json")))
FIELDS = {field["name"]: field for field in CONTRACT["schema"]["fields"]}
CATEGORIES = FIELDS["category"]["constraints"]["enum"]
PATTERN = FIELDS["code"]["constraints"]["pattern"]
BOUNDS = {name: (FIELDS[name]["constraints"]["minimum"], FIELDS[name]["constraints"]["maximum"])
          for name in ("amount", "quantity", "price")}
KINDS = ["duplicate_id", "null_id", "amount_below_min", "quantity_above_max", "price_below_min",
         "category_not_in_enum", "code_off_pattern", "amount_not_a_number"]


def empty_counts():
    return {kind: 0 for kind in KINDS}


def kind_of(error_type, field, note):
    """Names a violation by what was injected; anything else is 'other:<type>:<field>'."""
    note = note or ""
    if error_type == "unique-error" and field == "id":
        return "duplicate_id"
    if error_type == "constraint-error" and field == "id" and "requir" in note:
        return "null_id"
    if error_type == "type-error" and field == "amount":
        return "amount_not_a_number"
    if error_type == "constraint-error":
        low = "minimum" in note
        high = "maximum" in note
        if field in BOUNDS and (low or high):
            return f"{field}_below_min" if low else f"{field}_above_max"
        if field == "category" and "enum" in note:
            return "category_not_in_enum"
        if field == "code" and "pattern" in note:
            return "code_off_pattern"
    return f"other:{error_type}:{field}"


def add(counts, kind, number=1):
    counts[kind] = counts.get(kind, 0) + int(number)


def run_polars(path):
    import polars as pl
    frame = pl.read_csv(path, infer_schema=False, null_values=[""])
    raw = pl.col
    number = lambda name: raw(name).cast(pl.Float64, strict=False)
    integer = lambda name: raw(name).cast(pl.Int64, strict=False)
    typed = {"id": integer("id"), "amount": number("amount"), "quantity": integer("quantity"), "price": number("price"),
             "ts": raw("ts").str.strptime(pl.Datetime, "%Y-%m-%dT%H:%M:%S", strict=False),
             "flag": raw("flag").is_in(["true", "false", "True", "False", "TRUE", "FALSE", "1", "0"])}
    exprs = {
        "null_id": raw("id").is_null().sum(),
        "duplicate_id": (typed["id"].is_not_null() & ~typed["id"].is_first_distinct()).sum(),
        "category_not_in_enum": (raw("category").is_not_null() & ~raw("category").is_in(CATEGORIES)).sum(),
        "code_off_pattern": (raw("code").is_not_null() & ~raw("code").str.contains(f"^(?:{PATTERN})$")).sum(),
        "other:type-error:flag": (raw("flag").is_not_null() & ~typed["flag"]).sum(),
    }
    for name in ("id", "amount", "quantity", "price", "ts"):
        key = "amount_not_a_number" if name == "amount" else f"other:type-error:{name}"
        exprs[key] = (raw(name).is_not_null() & typed[name].is_null()).sum()
    for name, (low, high) in BOUNDS.items():
        exprs[f"{name}_below_min"] = (typed[name] < low).sum()
        exprs[f"{name}_above_max"] = (typed[name] > high).sum()
    result = frame.select(**exprs).row(0, named=True)
    counts = empty_counts()
    for kind, value in result.items():
        if value:
            add(counts, kind, value)
    return counts


def run_pandera(path):
    import pandas as pd
    import pandera.pandas as pa
    schema = pa.DataFrameSchema({
        "id": pa.Column("Int64", nullable=False, unique=True, coerce=True, report_duplicates="exclude_first"),
        "name": pa.Column(str, nullable=True),
        "category": pa.Column(str, pa.Check.isin(CATEGORIES), nullable=True),
        "code": pa.Column(str, pa.Check.str_matches(f"^(?:{PATTERN})$"), nullable=True),
        "amount": pa.Column(float, [pa.Check.ge(BOUNDS["amount"][0]), pa.Check.le(BOUNDS["amount"][1])], nullable=True, coerce=True),
        "quantity": pa.Column("Int64", [pa.Check.ge(BOUNDS["quantity"][0]), pa.Check.le(BOUNDS["quantity"][1])], nullable=True, coerce=True),
        "price": pa.Column(float, [pa.Check.ge(BOUNDS["price"][0]), pa.Check.le(BOUNDS["price"][1])], nullable=True, coerce=True),
        "ts": pa.Column("datetime64[ns]", nullable=True, coerce=True),
        "flag": pa.Column(bool, nullable=True, coerce=True),
    })
    # Only empty cells are missing, as in the contract (pandas would also take "n/a", "NA"…).
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    rows = {}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        for (column, check), group in errors.failure_cases.groupby(["column", "check"], dropna=False):
            check = str(check)
            if column == "id" and "field_uniqueness" in check:
                kind = "duplicate_id"
            elif column == "id" and "not_nullable" in check:
                kind = "null_id"
            elif "coerce_dtype" in check or "dtype" in check:
                kind = "amount_not_a_number" if column == "amount" else f"other:type-error:{column}"
            elif "greater_than_or_equal_to" in check:
                kind = f"{column}_below_min"
            elif "less_than_or_equal_to" in check:
                kind = f"{column}_above_max"
            elif "isin" in check:
                kind = "category_not_in_enum"
            elif "str_matches" in check:
                kind = "code_off_pattern"
            else:
                kind = f"other:{check}:{column}"
            # pandera reports a failed coercion twice (coerce_dtype and dtype) and a check it
            # could not run on an uncoerced column once with no row: count rows, once each.
            rows.setdefault(kind, set()).update(index for index in group["index"] if index is not None and index == index)
    counts = empty_counts()
    for kind, indices in rows.items():
        if indices:
            add(counts, kind, len(indices))
    return counts


def run_frictionless(path):
    from frictionless import Resource, Schema
    # frictionless refuses absolute paths as unsafe; give it the folder as basepath.
    resource = Resource(path=os.path.basename(path), basepath=os.path.dirname(os.path.abspath(path)),
                        schema=Schema.from_descriptor(CONTRACT["schema"]))
    report = resource.validate(limit_errors=10_000_000)
    counts = empty_counts()
    for error_type, field, note in report.flatten(["type", "fieldName", "note"]):
        add(counts, kind_of(error_type, field, note))
    return counts


def run_harness_report(report_path):
    report = json.load(open(report_path))
    counts = empty_counts()
    for error in report["errors"]:
        add(counts, kind_of(error["type"], error.get("field"), error.get("message")))
    shown = len(report["errors"])
    if shown < report["error_count"]:
        add(counts, "other:uncounted-beyond-max-errors", report["error_count"] - shown)
    return counts


def main():
    tool, path = sys.argv[1], sys.argv[2]
    runners = {"polars": run_polars, "pandera": run_pandera, "frictionless": run_frictionless,
               "harness-report": run_harness_report}
    print(json.dumps(runners[tool](path), sort_keys=True))


if __name__ == "__main__":
    main()
