"""Cleaning rules for the sales export, applied in the notebook's order.

Each rule drops rows and records how many, because the metrics report the drops per reason
(a sudden jump in bad dates is how a broken upstream export shows up).
"""

from __future__ import annotations

import pandas as pd

DATE_FORMAT = "%Y-%m-%d"


def clean_sales(raw: pd.DataFrame, min_revenue: float) -> tuple[pd.DataFrame, dict[str, int]]:
    """Return the cleaned orders (with a `month` column) and the rows dropped per rule."""
    dropped: dict[str, int] = {}

    df = raw[raw["revenue"].notna()]
    dropped["null_revenue"] = len(raw) - len(df)

    df = df.assign(order_date=pd.to_datetime(df["order_date"], format=DATE_FORMAT, errors="coerce"))
    before = len(df)
    df = df.dropna(subset=["order_date"])
    dropped["bad_date"] = before - len(df)

    df = df.assign(region=normalise_region(df["region"]))

    before = len(df)
    df = df[df["revenue"] > min_revenue]  # refunds, free samples and anything under the floor
    dropped["below_min_revenue"] = before - len(df)

    before = len(df)
    df = df.drop_duplicates()
    dropped["duplicate"] = before - len(df)

    df = df.assign(month=df["order_date"].dt.strftime("%Y-%m"))
    return df, dropped


def normalise_region(region: pd.Series) -> pd.Series:
    """' eu', 'Eu' and 'EU' are the same region in the export."""
    return region.str.strip().str.upper()
