#!/usr/bin/env python3
"""The reference validators `validate_benchmark.sh` measures harness against, written by
hand from a contract (its fields' types and required, unique, minimum, maximum, enum and
pattern constraints), each printing its violation counts as JSON, keyed `field:check`
(check: type, required, unique, minimum, maximum, enum, pattern).

    validate_peers.py polars|pandera|frictionless|duckdb CONTRACT.json DATA.csv
    validate_peers.py harness-report CONTRACT.json REPORT.json   (a `harness validate --json` report)
"""
import json
import os
import re
import sys

CHECKS = ["required", "unique", "minimum", "maximum", "enum", "pattern"]


def load(contract_path):
    contract = json.load(open(contract_path))
    return contract.get("schema", contract)


def add(counts, key, number=1):
    if number:
        counts[key] = counts.get(key, 0) + int(number)


def harness_kind(error_type, field, message):
    message = message or ""
    if error_type == "type-error":
        return f"{field}:type"
    if error_type == "unique-error":
        return f"{field}:unique"
    if error_type == "constraint-error":
        for words, check in [("required", "required"), ("minimum", "minimum"), ("maximum", "maximum"),
                             ("pattern", "pattern"), ("enum", "enum")]:
            if words in message:
                return f"{field}:{check}"
    return f"other:{error_type}:{field}"


def frictionless_kind(error_type, field, note):
    if error_type == "type-error":
        return f"{field}:type"
    if error_type == "unique-error":
        return f"{field}:unique"
    match = re.search(r'constraint "(\w+)"', note or "")
    if error_type == "constraint-error" and match:
        return f"{field}:{match.group(1)}"
    return f"other:{error_type}:{field}"


def run_polars(schema, path):
    import polars as pl
    frame = pl.read_csv(path, infer_schema=False, null_values=[""])
    exprs = {}
    for field in schema["fields"]:
        name, kind, constraints = field["name"], field.get("type", "any"), field.get("constraints", {})
        raw = pl.col(name)
        if kind == "integer":
            typed = raw.cast(pl.Int64, strict=False)
        elif kind == "number":
            typed = raw.cast(pl.Float64, strict=False)
        elif kind == "date":
            typed = raw.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
        elif kind == "datetime":
            typed = raw.str.strptime(pl.Datetime, "%Y-%m-%dT%H:%M:%S", strict=False)
        elif kind == "boolean":
            typed = pl.when(raw.is_in(["true", "True", "TRUE", "1", "false", "False", "FALSE", "0"])).then(raw)
        else:
            typed = raw
        if typed is not raw:
            exprs[f"{name}:type"] = (raw.is_not_null() & typed.is_null()).sum()
        if constraints.get("required"):
            exprs[f"{name}:required"] = raw.is_null().sum()
        if constraints.get("unique"):
            exprs[f"{name}:unique"] = (typed.is_not_null() & ~typed.is_first_distinct()).sum()
        if "minimum" in constraints:
            exprs[f"{name}:minimum"] = (typed < constraints["minimum"]).sum()
        if "maximum" in constraints:
            exprs[f"{name}:maximum"] = (typed > constraints["maximum"]).sum()
        if "enum" in constraints:
            exprs[f"{name}:enum"] = (raw.is_not_null() & ~raw.is_in(constraints["enum"])).sum()
        if "pattern" in constraints:
            exprs[f"{name}:pattern"] = (raw.is_not_null() & ~raw.str.contains(f"^(?:{constraints['pattern']})$")).sum()
    counts = {}
    for key, value in frame.select(**exprs).row(0, named=True).items():
        add(counts, key, value)
    return counts


def run_duckdb(schema, path):
    """The contract as SQL checks: every cell read as text, typed with TRY_CAST, each check
    a count in one aggregate query."""
    import duckdb
    casts = {"integer": "BIGINT", "number": "DOUBLE", "date": "DATE", "datetime": "TIMESTAMP", "boolean": "BOOLEAN"}
    exprs = []

    def literal(value):
        return "'" + str(value).replace("'", "''") + "'"

    for field in schema["fields"]:
        name, kind, constraints = field["name"], field.get("type", "any"), field.get("constraints", {})
        raw = '"' + name.replace('"', '""') + '"'
        typed = f"TRY_CAST({raw} AS {casts[kind]})" if kind in casts else raw
        # The same formats as the polars peer: ISO dates and datetimes, eight boolean words.
        if kind == "date":
            typed = f"CAST(try_strptime({raw}, '%Y-%m-%d') AS DATE)"
        elif kind == "datetime":
            typed = f"try_strptime({raw}, '%Y-%m-%dT%H:%M:%S')"
        elif kind == "boolean":
            typed = f"CASE WHEN {raw} IN ('true', 'True', 'TRUE', '1', 'false', 'False', 'FALSE', '0') THEN {raw} END"
        if kind in casts:
            exprs.append((f"{name}:type", f"count(*) FILTER ({raw} IS NOT NULL AND {typed} IS NULL)"))
        if constraints.get("required"):
            exprs.append((f"{name}:required", f"count(*) FILTER ({raw} IS NULL)"))
        if constraints.get("unique"):
            exprs.append((f"{name}:unique", f"count({typed}) - count(DISTINCT {typed})"))
        if "minimum" in constraints:
            exprs.append((f"{name}:minimum", f"count(*) FILTER ({typed} < {constraints['minimum']})"))
        if "maximum" in constraints:
            exprs.append((f"{name}:maximum", f"count(*) FILTER ({typed} > {constraints['maximum']})"))
        if "enum" in constraints:
            values = ", ".join(literal(value) for value in constraints["enum"])
            exprs.append((f"{name}:enum", f"count(*) FILTER ({raw} IS NOT NULL AND {raw} NOT IN ({values}))"))
        if "pattern" in constraints:
            pattern = literal(f"^(?:{constraints['pattern']})$")
            exprs.append((f"{name}:pattern", f"count(*) FILTER ({raw} IS NOT NULL AND NOT regexp_matches({raw}, {pattern}))"))
    query = (f"SELECT {', '.join(expr for _, expr in exprs)} "
             f"FROM read_csv({literal(path)}, all_varchar = true, header = true)")
    counts = {}
    for (key, _), value in zip(exprs, duckdb.connect().execute(query).fetchone()):
        add(counts, key, value)
    return counts


def run_pandera(schema, path):
    import pandas as pd
    import pandera.pandas as pa
    dtypes = {"integer": "Int64", "number": float, "date": "datetime64[ns]", "datetime": "datetime64[ns]", "boolean": bool}
    columns = {}
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        kind = field.get("type", "any")
        checks = []
        if "minimum" in constraints:
            checks.append(pa.Check.ge(constraints["minimum"]))
        if "maximum" in constraints:
            checks.append(pa.Check.le(constraints["maximum"]))
        if "enum" in constraints:
            checks.append(pa.Check.isin(constraints["enum"]))
        if "pattern" in constraints:
            checks.append(pa.Check.str_matches(f"^(?:{constraints['pattern']})$"))
        columns[field["name"]] = pa.Column(dtypes.get(kind, str), checks, nullable=not constraints.get("required", False),
                                           unique=constraints.get("unique", False), report_duplicates="exclude_first",
                                           coerce=kind in dtypes)
    # Only empty cells are missing, as in the contract (pandas would also take "n/a", "NA"…).
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    rows = {}
    try:
        pa.DataFrameSchema(columns).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        names = [("field_uniqueness", "unique"), ("not_nullable", "required"), ("coerce_dtype", "type"), ("dtype", "type"),
                 ("greater_than_or_equal_to", "minimum"), ("less_than_or_equal_to", "maximum"), ("isin", "enum"),
                 ("str_matches", "pattern")]
        for (column, check), group in errors.failure_cases.groupby(["column", "check"], dropna=False):
            check = str(check)
            kind = next((name for words, name in names if words in check), check)
            # pandera reports a failed coercion twice (coerce_dtype and dtype) and a check it
            # could not run on an uncoerced column once with no row: count rows, once each.
            rows.setdefault(f"{column}:{kind}", set()).update(i for i in group["index"] if i is not None and i == i)
    return {key: len(indices) for key, indices in rows.items() if indices}


def run_frictionless(schema, path):
    from frictionless import Resource, Schema
    # frictionless refuses absolute paths as unsafe; give it the folder as basepath.
    resource = Resource(path=os.path.basename(path), basepath=os.path.dirname(os.path.abspath(path)),
                        schema=Schema.from_descriptor(schema))
    counts = {}
    for error_type, field, note in resource.validate(limit_errors=10_000_000).flatten(["type", "fieldName", "note"]):
        add(counts, frictionless_kind(error_type, field, note))
    return counts


def run_harness_report(schema, report_path):
    report = json.load(open(report_path))
    counts = {}
    for error in report["errors"]:
        add(counts, harness_kind(error["type"], error.get("field"), error.get("message")))
    add(counts, "other:beyond-max-errors", report["error_count"] - len(report["errors"]))
    return counts


def main():
    tool, contract, path = sys.argv[1:4]
    runners = {"polars": run_polars, "duckdb": run_duckdb, "pandera": run_pandera, "frictionless": run_frictionless,
               "harness-report": run_harness_report}
    print(json.dumps(runners[tool](load(contract), path), sort_keys=True))


if __name__ == "__main__":
    main()
