"""Predictions for the held-out customers and the model's metrics."""

from __future__ import annotations

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.pipeline import Pipeline


def predict(model: Pipeline, X_test: pd.DataFrame, y_test: pd.Series, customer_ids: pd.Series,
            threshold: float) -> pd.DataFrame:
    """One row per test customer, sorted by id: probability of churn, predicted and actual label."""
    probability = model.predict_proba(X_test)[:, 1]
    predictions = pd.DataFrame({
        "customer_id": customer_ids.loc[X_test.index].to_numpy(),
        "probability": probability,
        "label": (probability >= threshold).astype(int),
        "actual": y_test.to_numpy(),
    })
    return predictions.sort_values("customer_id").reset_index(drop=True)


def model_metrics(predictions: pd.DataFrame, n_train: int, churn_rate_train: float) -> dict:
    actual, label = predictions["actual"], predictions["label"]
    return {
        "n_train": int(n_train),
        "n_test": int(len(predictions)),
        "churn_rate_train": float(churn_rate_train),
        "auc": float(roc_auc_score(actual, predictions["probability"])),
        "accuracy": float(accuracy_score(actual, label)),
        "precision": float(precision_score(actual, label)),
        "recall": float(recall_score(actual, label)),
        "f1": float(f1_score(actual, label)),
    }
