"""Writing the monthly revenue CSV and the run's metrics JSON."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

MONTHLY_COLUMNS = [
    "month", "region", "orders", "units", "revenue", "avg_order_value", "large_orders",
]


def timestamp() -> str:
    """UTC, to the second, in the form Table Schema's default datetime format reads."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_monthly(table: pd.DataFrame, path: Path, windows, generated_at: str) -> None:
    columns = MONTHLY_COLUMNS + [f"revenue_{w}d_mean" for w in windows]
    out = table[columns].assign(generated_at=generated_at)
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False)


def sales_metrics(raw_rows: int, clean: pd.DataFrame, dropped: dict[str, int],
                  min_revenue: float, run_at: str) -> dict:
    by_region = clean.groupby("region")["revenue"].sum().round(2)
    by_month = clean.groupby("month")["revenue"].sum()
    return {
        "run_at": run_at,
        "input_rows": int(raw_rows),
        "clean_rows": int(len(clean)),
        "dropped": {reason: int(count) for reason, count in dropped.items()},
        "min_revenue": min_revenue,
        "total_revenue": round(float(clean["revenue"].sum()), 2),
        "revenue_by_region": {region: float(value) for region, value in by_region.items()},
        "top_region": str(by_region.idxmax()),
        "best_month": str(by_month.idxmax()),
        "months": int(clean["month"].nunique()),
    }


def write_metrics(metrics: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
