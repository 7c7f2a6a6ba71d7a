"""The seeded train/test split and the fitted model."""

from __future__ import annotations

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def split(X: pd.DataFrame, y: pd.Series, test_size: float, seed: int):
    """Stratified on churn, so both sides keep the base rate."""
    return train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)


def train(X_train: pd.DataFrame, y_train: pd.Series, C: float, max_iter: int, seed: int) -> Pipeline:
    model = Pipeline([
        ("scale", StandardScaler()),
        ("classify", LogisticRegression(C=C, max_iter=max_iter, random_state=seed)),
    ])
    return model.fit(X_train, y_train)
