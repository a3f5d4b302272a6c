"""Run settings: one frozen pydantic-settings object, read from FORCERECON_* environment variables.

Every FORCERECON_* variable is a field here (the table in docs/operations.md lists them all);
the CLI, the flow and every stage read it: ``Settings()`` reads the environment at that moment,
and a bad value is a :class:`SettingsError` naming the variable and what it must be.

Tasks receive a Settings value (and paths), never live connections, so Prefect can hash them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
GX_DIR = Path(__file__).resolve().parent / "gx"
PREFIX = "FORCERECON_"


class SettingsError(ValueError):
    """A FORCERECON_* value that cannot be used; the message names the variable."""


class Settings(BaseSettings):
    """Every setting of forcerecon, with its environment variable and default."""

    model_config = SettingsConfigDict(frozen=True, validate_by_name=True, extra="forbid")

    db_path: Path = Field(Path("warehouse/forcerecon.duckdb"), validation_alias=PREFIX + "DB")
    reports_dir: Path = Field(Path("reports/out"), validation_alias=PREFIX + "REPORTS")
    lexicon_dir: Path = Field(LEXICON_DIR, validation_alias=PREFIX + "LEXICONS")
    gx_dir: Path = Field(GX_DIR, validation_alias=PREFIX + "GX_DIR")
    #: Half-width of the interval around an approximate figure (0.10 = plus or minus 10%).
    approx_tolerance: float = Field(0.10, validation_alias=PREFIX + "APPROX_TOLERANCE")
    #: What a failing Great Expectations expectation does to the run: "fail" or "warn".
    gx_on_failure: str = Field("fail", validation_alias=PREFIX + "GX_ON_FAILURE")
    #: Documents per extraction task (one task per document does not scale: see ENVIRONMENT.md).
    batch_size: int = Field(500, validation_alias=PREFIX + "BATCH_SIZE")
    #: Processes extracting in parallel when Dask is not used: 0 = one per CPU core once there
    #: are two batches or more, 1 = extract in the flow's own process.
    processes: int = Field(0, validation_alias=PREFIX + "PROCESSES")
    #: Local Dask workers for extraction (0 = no Dask), or the address of an existing cluster.
    workers: int = Field(0, validation_alias=PREFIX + "WORKERS")
    dask_address: str | None = Field(None, validation_alias=PREFIX + "DASK")
    #: Extraction time budget per MB of a document (plus a 10 s floor); a document past it
    #: becomes a reject instead of stalling the run. 0 = no budget (forcerecon/extract/budget.py).
    extract_seconds_per_mb: float = Field(
        30.0, ge=0, validation_alias=PREFIX + "EXTRACT_SECONDS_PER_MB"
    )
    #: Claimant reliability weighting in best estimates (off unless shown to help).
    reliability: bool = Field(False, validation_alias=PREFIX + "RELIABILITY")
    #: No progress display.
    quiet: bool = Field(False, validation_alias=PREFIX + "QUIET")
    #: Seconds a writer waits for another run to finish before giving up (0 = fail at once).
    lock_timeout: float = Field(300.0, validation_alias=PREFIX + "LOCK_TIMEOUT")
    #: Size limit of one input file (or one JSONL line), in MB.
    max_input_mb: float = Field(20.0, validation_alias=PREFIX + "MAX_INPUT_MB")
    #: Feed fetching: seconds for connect / read / write, each.
    fetch_timeout: float = Field(10.0, validation_alias=PREFIX + "FETCH_TIMEOUT")
    #: Feed fetching: extra attempts after the first (Prefect task retries).
    fetch_retries: int = Field(3, ge=0, validation_alias=PREFIX + "FETCH_RETRIES")
    #: Feed fetching: wait before the first retry, doubled for each further one (capped at 8 s).
    fetch_backoff: float = Field(0.5, ge=0, validation_alias=PREFIX + "FETCH_BACKOFF")
    #: Feed fetching: at least this many seconds between two requests to the same host.
    fetch_host_interval: float = Field(1.0, ge=0, validation_alias=PREFIX + "FETCH_HOST_INTERVAL")
    #: Report: most subjects drawn with charts (0 = none).
    report_max_charts: int = Field(40, validation_alias=PREFIX + "REPORT_MAX_CHARTS")
    #: Report: processes rendering pages, this one included.
    report_workers: int = Field(1, validation_alias=PREFIX + "REPORT_WORKERS")

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise SettingsError(_describe(exc)) from None

    @field_validator("dask_address", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return value or None

    @field_validator("lock_timeout", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> object:
        value = _number(value, 300.0, f"{PREFIX}LOCK_TIMEOUT must be seconds, not {value!r}")
        if isinstance(value, int | float) and value < 0:
            raise ValueError(f"{PREFIX}LOCK_TIMEOUT must be >= 0, not {float(value)}")
        return value

    @field_validator("max_input_mb", mode="before")
    @classmethod
    def _megabytes(cls, value: object) -> object:
        return _number(value, 20.0, f"{PREFIX}MAX_INPUT_MB must be a number, got {value!r}")

    @field_validator("report_max_charts", "report_workers", mode="before")
    @classmethod
    def _whole(cls, value: object, info: Any) -> object:
        name = "REPORT_MAX_CHARTS" if info.field_name == "report_max_charts" else "REPORT_WORKERS"
        minimum = 0 if name == "REPORT_MAX_CHARTS" else 1
        raw = value.strip() if isinstance(value, str) else value
        if raw == "":
            return 40 if minimum == 0 else 1
        try:
            number = int(raw)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            number = minimum - 1
        if number < minimum:
            raise ValueError(f"{PREFIX}{name}={raw!r}: expected a whole number >= {minimum}")
        return number

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Settings from the FORCERECON_* entries of ``environ`` instead of the process's
        environment (for functions that take an environment mapping)."""
        aliases = {f.validation_alias: name for name, f in cls.model_fields.items()}
        return cls(**{aliases[k]: v for k, v in environ.items() if k in aliases})

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (None values are ignored), validated again."""
        values = self.model_dump()
        values.update({k: v for k, v in changes.items() if v is not None})
        return type(self)(**values)


def _number(value: object, empty: float, message: str) -> object:
    """A number from an environment string ("" = ``empty``); anything else passes through."""
    if not isinstance(value, str):
        return value
    if not value.strip():
        return empty
    try:
        return float(value)
    except ValueError:
        raise ValueError(message) from None


def _describe(exc: ValidationError) -> str:
    """One line per bad value, naming its environment variable."""
    fields = Settings.model_fields
    lines = []
    for error in exc.errors():
        loc = str(error["loc"][0]) if error["loc"] else ""
        field = fields.get(loc)
        env = field.validation_alias if field is not None else loc
        message = str(error["msg"]).removeprefix("Value error, ")
        if PREFIX in message:
            lines.append(message)
        else:
            lines.append(f"{env}={error.get('input')!r}: {message}")
    return "; ".join(lines)
