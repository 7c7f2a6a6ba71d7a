"""Reading the raw sales export."""

from __future__ import annotations

import pandas as pd


def load_sales(path: str) -> pd.DataFrame:
    """The export as pandas reads it by default (revenue blank -> NaN, dates still text).

    Types are left to pandas' inference on purpose: that is what the notebook did, and the
    cleaning rules in preprocessing.py are written against those types.
    """
    return pd.read_csv(path)
