"""Engineered columns and the model's design matrix."""

from __future__ import annotations

import pandas as pd

NUMERIC = ["tenure_months", "monthly_charges", "support_tickets", "last_login_days",
           "tickets_per_month", "total_charges"]
CATEGORICAL = ["plan", "contract", "payment_method"]
TARGET = "churned"


def engineer(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(
        tickets_per_month=df["support_tickets"] / df["tenure_months"],
        total_charges=df["monthly_charges"] * df["tenure_months"],
    )


def design_matrix(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """X (numeric columns, then one-hot categories without the first level) and y.

    The column order is the notebook's: the model's coefficients, and so its probabilities
    to the last bit, depend on it.
    """
    dummies = pd.get_dummies(df[CATEGORICAL], drop_first=True, dtype=float)
    X = pd.concat([df[NUMERIC], dummies], axis=1)
    return X, df[TARGET]
