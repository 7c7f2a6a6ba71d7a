"""The churn pipeline: load, impute, build features, split, train, evaluate, write.

`python -m churn` (or `python -m churn.pipeline`) runs it in the current folder.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

from churn.config import Config, ConfigError, load_config
from churn.data import impute_charges, load_customers
from churn.evaluation import model_metrics, predict
from churn.features import design_matrix, engineer
from churn.training import split, train

log = logging.getLogger("churn")


def run(config: Config) -> dict:
    """Train, evaluate and write predictions.csv and metrics.json; returns the metrics."""
    customers = engineer(impute_charges(load_customers(config.input_path)))
    X, y = design_matrix(customers)
    X_train, X_test, y_train, y_test = split(X, y, config.test_size, config.seed)
    model = train(X_train, y_train, config.C, config.max_iter, config.seed)

    predictions = predict(model, X_test, y_test, customers["customer_id"], config.decision_threshold)
    metrics = {
        "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "model": "LogisticRegression",
        "seed": config.seed,
        "test_size": config.test_size,
        "threshold": config.decision_threshold,
        "n_features": int(X.shape[1]),
        **model_metrics(predictions, len(X_train), y_train.mean()),
    }

    config.predictions_path.parent.mkdir(parents=True, exist_ok=True)
    predictions.to_csv(config.predictions_path, index=False)
    config.metrics_path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    log.info("auc %.3f on %d test customers; wrote %s and %s", metrics["auc"], metrics["n_test"],
             config.predictions_path, config.metrics_path)
    return metrics


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        config = load_config()
    except ConfigError as error:
        print(f"churn: error: {error}", file=sys.stderr)
        return 2
    run(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
