"""Monthly revenue per region, and rolling revenue computed on the daily series."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def monthly_revenue(df: pd.DataFrame, large_order_threshold: float) -> pd.DataFrame:
    """One row per (month, region): orders, units, revenue, average order, large orders."""
    flagged = df.assign(large=df["revenue"] >= large_order_threshold)
    monthly = flagged.groupby(["month", "region"]).agg(
        orders=("order_id", "count"),
        units=("units", "sum"),
        revenue=("revenue", "sum"),
        large_orders=("large", "sum"),
    ).reset_index()
    monthly["revenue"] = monthly["revenue"].round(2)
    monthly["avg_order_value"] = (monthly["revenue"] / monthly["orders"]).round(2)
    return monthly


def daily_revenue(df: pd.DataFrame) -> pd.DataFrame:
    """Revenue per calendar day (rows) and region (columns); days without orders are 0."""
    daily = df.groupby(["order_date", "region"])["revenue"].sum().unstack("region").fillna(0)
    calendar = pd.date_range(daily.index.min(), daily.index.max(), freq="D")
    return daily.reindex(calendar, fill_value=0)


def rolling_month_end(daily: pd.DataFrame, windows: Sequence[int]) -> pd.DataFrame:
    """For each window, the rolling mean of daily revenue as it stood on the month's last day.

    Columns: month, region, revenue_<w>d_mean for each window. A window is allowed to be
    partial at the start of the data (min_periods=1), as in the notebook.
    """
    result = None
    for window in windows:
        month_end = daily.rolling(window, min_periods=1).mean().resample("ME").last()
        long = month_end.stack().rename(f"revenue_{window}d_mean").reset_index()
        long.columns = ["date", "region", f"revenue_{window}d_mean"]
        long["month"] = long["date"].dt.strftime("%Y-%m")
        long = long.drop(columns="date")
        result = long if result is None else result.merge(long, on=["month", "region"])
    return result


def monthly_features(df: pd.DataFrame, large_order_threshold: float, windows: Sequence[int]) -> pd.DataFrame:
    """The monthly table the report writes, sorted by month and region."""
    monthly = monthly_revenue(df, large_order_threshold)
    rolling = rolling_month_end(daily_revenue(df), windows)
    table = monthly.merge(rolling, on=["month", "region"], how="left")
    return table.sort_values(["month", "region"]).reset_index(drop=True)
