"""Monthly sales report: the refactor of notebooks/sales_analysis.ipynb.

The notebook's cells became modules: ingestion (read the export), preprocessing (the
cleaning rules, with a count of rows dropped per rule), features (monthly revenue per region
and rolling revenue), reporting (the CSV and the metrics JSON) and pipeline (the order they
run in). Every number the notebook hard-coded lives in config.json; the run's parameters
(min_revenue, input_path) can be overridden with the HARNESS_PARAMETERS environment variable.

Run it from a folder holding data/sales.csv:  PYTHONPATH=examples/sales/src python -m sales
"""

__all__ = ["config", "ingestion", "preprocessing", "features", "reporting", "pipeline"]
