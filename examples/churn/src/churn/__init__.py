"""Churn model: the refactor of notebooks/churn_model.ipynb.

data (load and impute), features (engineered columns and the design matrix), training (the
seeded split and the fitted scaler + logistic regression), evaluation (predictions and
metrics), pipeline (the order they run in). Hard-coded numbers live in config.json; the run's
parameters (test_size, seed, input_path) can be overridden with HARNESS_PARAMETERS.

Run it from a folder holding data/customers.csv:  PYTHONPATH=examples/churn/src python -m churn
"""

__all__ = ["config", "data", "features", "training", "evaluation", "pipeline"]
