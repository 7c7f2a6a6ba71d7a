"""The monthly sales pipeline: load, clean, build features, write the report.

`python -m sales` (or `python -m sales.pipeline`) runs it in the current folder.
"""

from __future__ import annotations

import logging
import sys

from sales.config import Config, ConfigError, load_config
from sales.features import monthly_features
from sales.ingestion import load_sales
from sales.preprocessing import clean_sales
from sales.reporting import sales_metrics, timestamp, write_metrics, write_monthly

log = logging.getLogger("sales")


def run(config: Config) -> dict:
    """Run every step and write both outputs; returns the metrics written."""
    raw = load_sales(config.input_path)
    clean, dropped = clean_sales(raw, config.min_revenue)
    log.info("read %d rows, kept %d (dropped %s)", len(raw), len(clean), dropped)

    table = monthly_features(clean, config.large_order_threshold, config.rolling_windows)
    run_at = timestamp()
    write_monthly(table, config.monthly_path, config.rolling_windows, generated_at=run_at)
    metrics = sales_metrics(len(raw), clean, dropped, config.min_revenue, run_at)
    write_metrics(metrics, config.metrics_path)
    log.info("wrote %s (%d rows) and %s", config.monthly_path, len(table), config.metrics_path)
    return metrics


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        config = load_config()
    except ConfigError as error:
        print(f"sales: error: {error}", file=sys.stderr)
        return 2
    run(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
