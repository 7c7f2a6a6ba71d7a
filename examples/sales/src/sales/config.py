"""Settings of a pipeline run: config.json beside this file, plus parameter overrides.

Overrides come from the HARNESS_PARAMETERS environment variable (a JSON object), the way the
harness passes a case's `parameters`; only names that config.json declares under
"parameters" are accepted, so a typo fails loudly instead of running with the default.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = Path(__file__).with_name("config.json")
PARAMETERS_VARIABLE = "HARNESS_PARAMETERS"


class ConfigError(ValueError):
    """The config file or the parameter overrides cannot be used."""


@dataclass(frozen=True)
class Config:
    min_revenue: int | float
    input_path: str
    large_order_threshold: float
    rolling_windows: tuple[int, ...]
    output_dir: str
    monthly_file: str
    metrics_file: str

    @property
    def monthly_path(self) -> Path:
        return Path(self.output_dir) / self.monthly_file

    @property
    def metrics_path(self) -> Path:
        return Path(self.output_dir) / self.metrics_file


def load_config(path: Path = CONFIG_FILE, environ: dict[str, str] | None = None) -> Config:
    """Read config.json and apply HARNESS_PARAMETERS. Raises ConfigError naming the problem."""
    environ = os.environ if environ is None else environ
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the config: {error}") from error

    parameters = dict(raw["parameters"])
    overrides = parse_overrides(environ.get(PARAMETERS_VARIABLE, ""))
    unknown = sorted(set(overrides) - set(parameters))
    if unknown:
        known = ", ".join(sorted(parameters))
        raise ConfigError(
            f"{PARAMETERS_VARIABLE}: unknown parameter {', '.join(unknown)} (known: {known})"
        )
    parameters.update(overrides)

    min_revenue = parameters["min_revenue"]
    if isinstance(min_revenue, bool) or not isinstance(min_revenue, (int, float)):
        raise ConfigError(f"min_revenue must be a number, got {min_revenue!r}")

    return Config(
        min_revenue=min_revenue,  # kept as given (0 stays 0), as the notebook's parameter is
        input_path=str(parameters["input_path"]),
        large_order_threshold=float(raw["large_order_threshold"]),
        rolling_windows=tuple(int(w) for w in raw["rolling_windows"]),
        output_dir=str(raw["output_dir"]),
        monthly_file=str(raw["monthly_file"]),
        metrics_file=str(raw["metrics_file"]),
    )


def parse_overrides(text: str) -> dict:
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{PARAMETERS_VARIABLE} is not valid JSON: {error}") from error
    if not isinstance(value, dict):
        raise ConfigError(f"{PARAMETERS_VARIABLE} must be a JSON object, got {type(value).__name__}")
    return value
