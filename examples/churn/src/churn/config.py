"""Settings of a training run: config.json beside this file, plus parameter overrides.

Overrides come from the HARNESS_PARAMETERS environment variable (a JSON object), the way the
harness passes a case's `parameters`; only names that config.json declares under
"parameters" are accepted, so a typo fails loudly instead of training with the default.
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
    test_size: float
    seed: int
    input_path: str
    C: float
    max_iter: int
    decision_threshold: float
    output_dir: str
    predictions_file: str
    metrics_file: str

    @property
    def predictions_path(self) -> Path:
        return Path(self.output_dir) / self.predictions_file

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

    test_size = parameters["test_size"]
    if isinstance(test_size, bool) or not isinstance(test_size, (int, float)) or not 0 < test_size < 1:
        raise ConfigError(f"test_size must be a fraction between 0 and 1, got {test_size!r}")
    seed = parameters["seed"]
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ConfigError(f"seed must be an integer, got {seed!r}")

    return Config(
        test_size=test_size,
        seed=seed,
        input_path=str(parameters["input_path"]),
        C=float(raw["model"]["C"]),
        max_iter=int(raw["model"]["max_iter"]),
        decision_threshold=float(raw["decision_threshold"]),
        output_dir=str(raw["output_dir"]),
        predictions_file=str(raw["predictions_file"]),
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
