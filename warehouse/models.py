"""Build the reconciliation models: the ``.sql`` files under ``warehouse/models/``.

Each model file is one SELECT (named CTEs) with a header comment stating its purpose, its grain
and how it is materialized (``-- materialized: table``, ``view``, ``temp`` or ``temp_view``;
see ``_create``). The runner

1. loads the inputs users edit (the location hierarchy and claimant affiliations, from the
   lexicon CSV files) and the settings the SQL reads (table ``reconcile_params``),
2. orders the models by the relations each one names (staging -> intermediate -> marts),
3. wraps each as ``CREATE OR REPLACE TABLE/VIEW <file stem> AS <select>``,

all in one transaction: a failing model leaves the previous build in place and the error names
the file. ``run_checks`` runs the data checks under ``warehouse/checks/`` (queries that return
the violating rows).
"""

from __future__ import annotations

import csv
import logging
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from forcerecon.settings import Settings

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent / "models"
CHECKS_DIR = Path(__file__).resolve().parent / "checks"
LAYERS = ("staging", "intermediate", "marts")

#: Tables the runner creates from settings and lexicons before any model runs.
INPUT_TABLES = ("reconcile_params", "location_hierarchy", "claimant_affiliations")

_MATERIALIZED = re.compile(
    r"^--\s*materialized:\s*(table|view|temp_view|temp)\s*$", re.MULTILINE | re.IGNORECASE
)
_LINE_COMMENT = re.compile(r"--[^\n]*")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STRING = re.compile(r"'(?:[^']|'')*'")

#: Columns of the claimants lexicon that may name the organization a claimant speaks for,
#: and the columns that may name the claimant (all are matched lower-cased).
_ORG_COLUMNS = ("organization", "org", "affiliation", "speaks_for")
_NAME_COLUMNS = ("alias", "claimant", "name", "canonical")
#: Claimant types that speak for the state or alliance in the lexicon's ``side`` column: the
#: officials, ministries, armed forces and intelligence services of one state are one source.
OFFICIAL_TYPES = ("government", "military", "intelligence", "official_person", "international_org")


class ModelError(RuntimeError):
    """A model file is malformed or failed to build; the message names the file."""


class LexiconError(ValueError):
    """A lexicon CSV file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Model:
    """One reconciliation model: a SELECT in a .sql file, materialized under its file stem."""

    name: str
    path: Path
    layer: str
    sql: str
    materialized: str
    depends_on: frozenset[str]


def _strip_sql(sql: str) -> str:
    """The SELECT without comments or a trailing semicolon."""
    return _LINE_COMMENT.sub("", sql).strip().rstrip(";").strip()


def read_model(path: Path, known: Iterable[str]) -> Model:
    """Parse one model file; ``known`` are the relation names it may depend on."""
    text = path.read_text(encoding="utf-8")
    layer = path.parent.name
    if layer not in LAYERS:
        raise ModelError(f"{path}: models live in one of {', '.join(LAYERS)}/, not {layer}/")
    match = _MATERIALIZED.search(text)
    if match is None:
        raise ModelError(
            f"{path}: header lacks '-- materialized: table' (or view, temp, temp_view)"
        )
    body = _strip_sql(text)
    if not re.match(r"(?is)^(with|select)\b", body):
        raise ModelError(f"{path}: a model is one SELECT (optionally WITH ...), got {body[:40]!r}")
    code = _STRING.sub("''", body)
    if ";" in code:
        raise ModelError(f"{path}: a model is one statement; found ';' inside")
    words = {w.lower() for w in _IDENTIFIER.findall(code)}
    depends = frozenset(n for n in known if n in words and n != path.stem)
    return Model(path.stem, path, layer, body, match.group(1).lower(), depends)


def discover_models(models_dir: Path = MODELS_DIR) -> list[Model]:
    """All models under ``models_dir`` in an order that builds each after what it reads."""
    paths = sorted(p for layer in LAYERS for p in (models_dir / layer).glob("*.sql"))
    names = [p.stem for p in paths]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ModelError(f"{models_dir}: model names must be unique, repeated: {duplicates}")
    models = [read_model(p, names) for p in paths]
    return dependency_order(models)


def dependency_order(models: list[Model]) -> list[Model]:
    """Topological order (ties broken by layer, then name); a cycle is an error naming it."""
    by_name = {m.name: m for m in models}
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    done: list[Model] = []
    placed: set[str] = set()
    pending = sorted(models, key=lambda m: (rank[m.layer], m.name))
    while pending:
        ready = [m for m in pending if m.depends_on <= placed]
        if not ready:
            cycle = ", ".join(f"{m.name} <- {sorted(m.depends_on - placed)}" for m in pending)
            raise ModelError(f"models depend on each other in a cycle: {cycle}")
        nxt = ready[0]
        done.append(nxt)
        placed.add(nxt.name)
        pending.remove(nxt)
    for m in done:
        later = [d for d in m.depends_on if rank[by_name[d].layer] > rank[m.layer]]
        if later:
            raise ModelError(f"{m.path}: a {m.layer} model reads later-layer models {later}")
    return done


def _read_csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header (lower-cased) and rows of a lexicon CSV; lines starting with '#' are comments."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc})") from exc
    reader = csv.DictReader(lines)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    rows = []
    for raw in reader:
        rows.append(
            {
                (k or "").strip().lower(): (v or "").strip()
                for k, v in raw.items()
                if isinstance(v, str)
            }
        )
    return header, rows


def read_location_hierarchy(path: Path) -> pd.DataFrame:
    """``location_key, parent_key, alias`` rows of the locations lexicon (absent file: none).

    A location lies within its ``parent_key`` and, where the lexicon has a ``subject_key``
    column naming a coarser key ("BelarusSouth" counted as "Belarus"), within that too. A
    missing column is an error naming the file; a row without a location_key is skipped with a
    warning (the other rows still count).
    """
    columns = ["location_key", "parent_key", "alias"]
    if not path.exists():
        log.warning("no location hierarchy at %s: no part/whole links between places", path)
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    header, rows = _read_csv_rows(path)
    missing = [c for c in ("location_key", "parent_key") if c not in header]
    if missing:
        raise LexiconError(
            f"{path}: missing column(s) {missing}; expected alias,location_key,parent_key"
        )
    kept = []
    for line_no, row in enumerate(rows, start=2):
        key = row.get("location_key")
        if not key:
            log.warning("%s: row %d has no location_key, skipped", path, line_no)
            continue
        alias = row.get("alias") or None
        kept.append(
            {"location_key": key, "parent_key": row.get("parent_key") or None, "alias": alias}
        )
        coarser = row.get("subject_key")
        if coarser and coarser not in (key, row.get("parent_key")):
            kept.append({"location_key": key, "parent_key": coarser, "alias": alias})
    return pd.DataFrame(kept, columns=columns).astype(object)


def read_claimant_affiliations(path: Path) -> pd.DataFrame:
    """``claimant_lc, organization``: whom each claimant of the claimants lexicon speaks for.

    An ``organization`` column (or org, affiliation, speaks_for) is used as written. Without
    one, an official claimant (``claimant_type`` in OFFICIAL_TYPES) speaks for its ``side``:
    "NATO Secretary-General Jens Stoltenberg" for NATO, "Belarusian Defense Ministry" and
    "Belarusian government" for Belarus. Media, think tanks and claimants without a side keep
    their own name. Both the ``alias`` and the ``canonical`` name are mapped.
    """
    columns = ["claimant_lc", "organization"]
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    if not path.exists():
        return empty
    header, rows = _read_csv_rows(path)
    org_col = next((c for c in _ORG_COLUMNS if c in header), None)
    name_cols = [c for c in _NAME_COLUMNS if c in header]
    if org_col is None and not {"side", "claimant_type"} <= set(header):
        return empty
    if not name_cols:
        raise LexiconError(f"{path}: names whom claimants speak for but has no claimant column")
    pairs: dict[str, str] = {}
    for row in rows:
        if org_col is not None:
            org = row.get(org_col)
        elif row.get("claimant_type") in OFFICIAL_TYPES:
            org = row.get("side")
        else:
            org = None
        if not org:
            continue
        for col in name_cols:
            name = row.get(col)
            if name:
                pairs.setdefault(name.lower(), org)
    return pd.DataFrame(sorted(pairs.items()), columns=columns).astype(object)


def _load_inputs(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Create the input tables the models read: parameters, places, affiliations."""
    tolerance = float(settings.approx_tolerance)
    if not 0 <= tolerance < 1:
        raise ValueError(f"approx_tolerance must be in [0, 1), not {tolerance}")
    # The fingerprint (settings, lexicons, model SQL) lets a run that changed nothing skip the
    # build; it is written in the build's own transaction, so a failed build leaves the old one.
    from forcerecon.warehouse.fingerprint import params_fingerprint

    con.execute(
        "CREATE OR REPLACE TABLE reconcile_params AS "
        "SELECT ?::DOUBLE AS approx_tolerance, ?::BOOLEAN AS reliability, "
        "?::VARCHAR AS fingerprint",
        [tolerance, bool(settings.reliability), params_fingerprint(settings)],
    )
    lexicons = Path(settings.lexicon_dir)
    frames = {
        "location_hierarchy": read_location_hierarchy(lexicons / "locations.csv"),
        "claimant_affiliations": read_claimant_affiliations(lexicons / "claimants.csv"),
    }
    for table, frame in frames.items():
        cols = ", ".join(f'"{c}" VARCHAR' for c in frame.columns)
        con.execute(f"CREATE OR REPLACE TABLE {table} ({cols})")
        if len(frame):
            con.register("_lexicon_frame", frame)
            con.execute(f"INSERT INTO {table} SELECT * FROM _lexicon_frame")
            con.unregister("_lexicon_frame")


def _create(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    """CREATE OR REPLACE the model; another kind of relation under its name is dropped first.

    ``table`` and ``view`` are stored in the warehouse file; ``temp`` (staging and
    intermediate steps) is a temporary table that lives only while this connection builds,
    so it costs no disk write at commit; ``temp_view`` is a temporary view (nothing is copied:
    each model that reads it computes it, for a wide join read by a few models that each need
    a few of its columns).
    """
    found = con.execute(
        "SELECT CASE WHEN temporary THEN 'temp' ELSE 'table' END, schema_name "
        "FROM duckdb_tables() WHERE table_name = $1 AND database_name IN (current_database(), "
        "'temp') UNION ALL SELECT CASE WHEN temporary THEN 'temp_view' ELSE 'view' END, "
        "schema_name FROM duckdb_views() WHERE view_name = $1 AND NOT internal "
        "AND database_name IN (current_database(), 'temp')",
        [model.name],
    ).fetchall()
    for kind, schema in found:
        # another kind under the name (also a temp one left by an earlier build on this
        # connection) is dropped first: CREATE OR REPLACE cannot change a relation's kind
        if kind != model.materialized:
            what = "VIEW" if kind.endswith("view") else "TABLE"
            where = "temp.main" if kind.startswith("temp") else schema
            con.execute(f"DROP {what} {where}.{model.name}")
    if model.materialized == "temp":
        con.execute(f"CREATE OR REPLACE TEMP TABLE {model.name} AS\n{model.sql}")
    elif model.materialized == "temp_view":
        con.execute(f"CREATE OR REPLACE TEMP VIEW {model.name} AS\n{model.sql}")
    else:
        con.execute(f"CREATE OR REPLACE {model.materialized.upper()} {model.name} AS\n{model.sql}")


def build_with_connection(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    models: list[Model] | None = None,
    timings: dict[str, float] | None = None,
    cpu_timings: dict[str, float] | None = None,
) -> dict[str, int]:
    """Build every model on an open connection in one transaction; row counts by table.

    Views are not counted (counting one computes it); subject_claims and timeline have the
    grain of claim_reconciliation.

    ``timings``, when given, receives the wall seconds each step took, and ``cpu_timings`` the
    CPU seconds of this process (all DuckDB threads) for each model (for bench/). Each model's
    figures are also logged at DEBUG level (logger ``forcerecon.warehouse.models``).
    """
    models = discover_models() if models is None else models
    clock = timings if timings is not None else {}
    cpu_clock = cpu_timings if cpu_timings is not None else {}
    con.execute("SET preserve_insertion_order = false")
    con.execute("BEGIN TRANSACTION")
    try:
        started = time.perf_counter()
        _load_inputs(con, settings)
        clock["inputs"] = time.perf_counter() - started
        for model in models:
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                _create(con, model)
            except duckdb.Error as exc:
                raise ModelError(f"{model.path}: {exc}") from exc
            clock[model.name] = time.perf_counter() - started
            cpu_clock[model.name] = time.process_time() - cpu_started
            log.debug(
                "model %s (%s): %.3f s wall, %.3f CPU-s",
                model.name,
                model.materialized,
                clock[model.name],
                cpu_clock[model.name],
            )
        started = time.perf_counter()
        tables = [
            *INPUT_TABLES[1:],
            *(m.name for m in models if m.materialized not in ("view", "temp_view")),
        ]
        counts = {
            name: int(con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in tables
        }
        clock["count"] = time.perf_counter() - started
        started = time.perf_counter()
        con.execute("COMMIT")
        clock["commit"] = time.perf_counter() - started
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def build_models(db_path: Path | str, settings: Settings) -> dict[str, int]:
    """Rebuild all reconciliation models in the warehouse at ``db_path``.

    Returns the row count of every model stored as a table (and of the lexicon input tables).
    """
    from forcerecon.warehouse.connection import connect

    with connect(db_path) as con:
        return build_with_connection(con, settings)


def read_checks(checks_dir: Path = CHECKS_DIR) -> dict[str, str]:
    """The data checks: name -> SELECT returning the rows that violate it."""
    return {
        p.stem: _strip_sql(p.read_text(encoding="utf-8")) for p in sorted(checks_dir.glob("*.sql"))
    }


def check_violations(
    con: duckdb.DuckDBPyConnection, checks: Mapping[str, str] | None = None
) -> dict[str, pd.DataFrame]:
    """Run every data check on an open connection: name -> its violating rows."""
    checks = read_checks() if checks is None else checks
    out: dict[str, pd.DataFrame] = {}
    for name, sql in checks.items():
        try:
            out[name] = con.execute(sql).df()
        except duckdb.Error as exc:
            raise ModelError(f"{CHECKS_DIR / (name + '.sql')}: {exc}") from exc
    return out


def conflicting_subjects(db_path: Path | str) -> pd.DataFrame:
    """The subjects whose status is conflict, one row each (subject_summary's main columns)."""
    from forcerecon.warehouse.connection import connect

    with connect(db_path, read_only=True) as con:
        return con.execute(
            "SELECT subject, n_claims, n_independent, low, best, high, status, rule "
            "FROM subject_summary WHERE status = 'conflict' ORDER BY subject"
        ).df()


def run_checks(db_path: Path | str) -> dict[str, int]:
    """Number of violating rows per data check on the warehouse at ``db_path`` (0 = passes)."""
    from forcerecon.warehouse.connection import connect

    with connect(db_path, read_only=True) as con:
        return {name: len(rows) for name, rows in check_violations(con).items()}
