"""Read the curated CSVs, validate them against their declarations and return typed frames."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from maclineup.cpus import cpu_family
from maclineup.perfindex import BASE, OTHER, TOP, IndexDescription, index_catalogue
from maclineup.plaintext import shorten
from maclineup.schema import BENCHMARK_NAMES, BENCHMARK_TITLES, BENCHMARKS, CPI, EVENTS, MODELS, TABLES, Column, Table


@dataclass(frozen=True)
class Problem:
    """One rule broken by one cell, row or file."""

    filename: str
    rule: str
    row: int | None = None  # 1-based data row (the header is not counted)
    column: str | None = None
    row_key: str | None = None

    def __str__(self) -> str:
        where = [self.filename]
        if self.row is not None:
            where.append(f"row {self.row}" + (f" ({self.row_key})" if self.row_key else ""))
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return ", ".join(where) + ": " + self.rule


class DataError(Exception):
    """The data files break their declared schema; ``problems`` lists every failure."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Dataset:
    """Everything the dashboard reads from ``data/``."""

    models: pd.DataFrame
    cpi: pd.DataFrame
    events: pd.DataFrame
    benchmarks: pd.DataFrame
    version: str
    package: dict[str, Any]  # the whole datapackage.json: title, sources, licences, resources
    index: IndexDescription  # how the performance index was made (benchmark chain, confidence per era)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_YEAR = 1983  # the earliest plausible date in the data (the Macintosh was announced in January 1984)


def _parse_cell(col: Column, text: str) -> tuple[Any, str | None]:
    """Return the typed value of ``text`` or the rule it breaks.

    Numbers and dates must be plain ASCII (``int()`` would also take "٢٤٩٥", "2_495" and "1e308") and
    plausible: dates from 1983 to next year.
    """
    if _CONTROL.search(text):
        return None, "contains a control character"
    if col.kind == "str":
        if col.allowed and text not in col.allowed:
            return None, f"'{text}' is not one of the allowed values ({', '.join(col.allowed)})"
        if not col.matches(text):
            return None, f"'{text}' does not match the pattern {col.pattern}"
        return text, None
    if col.kind == "date":
        try:
            if not _DATE.fullmatch(text):
                raise ValueError
            day = date.fromisoformat(text)
        except ValueError:
            return None, f"'{shorten(text, 40)}' is not a date in the form YYYY-MM-DD"
        if not FIRST_YEAR <= day.year <= date.today().year + 1:
            return None, f"{text} is outside the plausible years {FIRST_YEAR}-{date.today().year + 1}"
        return day, None
    if not (_INTEGER if col.kind == "int" else _DECIMAL).fullmatch(text):
        kind = "a whole number" if col.kind == "int" else "a number"
        return None, f"'{shorten(text, 40)}' is not {kind} (plain digits, '.' for decimals)"
    value: float = int(text) if col.kind == "int" else float(text)
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"'{text}' is not a finite number"
    if col.minimum is not None and value < col.minimum:
        return None, f"{text} is below the minimum {col.minimum:g}"
    if col.maximum is not None and value > col.maximum:
        return None, f"{text} is above the maximum {col.maximum:g}"
    return value, None


def _read_bytes(path: Path, filename: str) -> bytes:
    """The file's bytes; a missing, unreadable or non-file path is a problem named for the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise DataError([Problem(filename, "the file is missing")]) from exc
    except IsADirectoryError as exc:
        raise DataError([Problem(filename, "is a folder, not a file")]) from exc
    except OSError as exc:
        raise DataError([Problem(filename, f"the file cannot be read ({exc.strerror or type(exc).__name__})")]) from exc


def _read_rows(path: Path, table: Table) -> tuple[list[str], list[list[str]]]:
    raw = _read_bytes(path, table.filename)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n")  # the header is line 1, so this is the 1-based data row
        raise DataError([Problem(table.filename, f"the file is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8", row=row or None)]) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        row = max(reader.line_num - 1, 1)
        raise DataError([Problem(table.filename, f"the file is not valid CSV near line {reader.line_num} ({exc})", row=row)]) from exc
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # trailing blank lines
    if not rows:
        raise DataError([Problem(table.filename, "the file is empty")])
    if len(rows) == 1:
        raise DataError([Problem(table.filename, "the file has a header but no data rows")])
    return [h.strip() for h in rows[0]], rows[1:]


def validate_rows(header: list[str], rows: list[list[str]], table: Table) -> tuple[dict[str, list[Any]], list[Problem]]:
    """Check every cell against ``table``; return typed columns and every problem found."""
    fname = table.filename
    problems = [Problem(fname, f"required column '{c}' is missing", column=c) for c in table.column_names if c not in header]
    problems += [Problem(fname, f"unknown column '{c}'", column=c) for c in header if c not in table.column_names]
    dupes = [c for c, n in Counter(header).items() if n > 1]
    problems += [Problem(fname, f"column '{c}' appears more than once", column=c) for c in dupes]
    if problems:
        return {}, problems

    index = {name: header.index(name) for name in table.column_names}
    key_at = index[table.key]
    values: dict[str, list[Any]] = {c: [] for c in table.column_names}
    skipped: set[int] = set()  # rows too broken to check cell by cell (already reported)
    failed: set[tuple[int, str]] = set()  # cells already reported as unreadable
    for n, row in enumerate(rows, start=1):
        key = row[key_at].strip() if key_at < len(row) else None
        if not any(cell.strip() for cell in row) or len(row) != len(header):
            if not any(cell.strip() for cell in row):
                broken = "the row is empty"
            elif any("\n" in cell for cell in row):
                broken = 'has an unbalanced quote (") : a field runs over several lines'
            else:
                broken = f"has {len(row)} cells where the header has {len(header)}"
            problems.append(Problem(fname, broken, row=n, row_key=key))
            skipped.add(n)
            for name in table.column_names:
                values[name].append(None)
            continue
        for col in table.columns:
            text = row[index[col.name]].strip()
            value: Any = None
            rule: str | None = None
            if text:
                value, rule = _parse_cell(col, text)
            elif col.required:
                rule = "a value is required"
            if rule:
                problems.append(Problem(fname, rule, row=n, column=col.name, row_key=key))
                failed.add((n, col.name))
            values[col.name].append(value)

    for col in table.columns:
        if col.unique:
            seen = Counter(v for v in values[col.name] if v is not None)
            for n, v in enumerate(values[col.name], start=1):
                if v is not None and seen[v] > 1:
                    problems.append(Problem(fname, f"'{v}' is not unique", row=n, column=col.name, row_key=str(v)))
    for n in range(1, len(rows) + 1):
        if n in skipped:
            continue
        key = values[table.key][n - 1]
        for group in table.one_of:
            if all(values[c][n - 1] is None for c in group):
                problems.append(Problem(fname, f"needs a value in at least one of: {', '.join(group)}", row=n, column=group[0], row_key=key))
        for value, precision in table.precisions:
            if (n, value) in failed or (n, precision) in failed:
                continue
            if (values[value][n - 1] is None) != (values[precision][n - 1] is None):
                problems.append(Problem(fname, f"{precision} is required exactly when {value} has a value", row=n, column=precision, row_key=key))
    if table.unique_together:
        combos = list(zip(*(values[c] for c in table.unique_together), strict=True))
        counts = Counter(c for c in combos if None not in c)
        for n, combo in enumerate(combos, start=1):
            if None not in combo and counts[combo] > 1:
                names = ", ".join(table.unique_together)
                problems.append(Problem(fname, f"({names}) = {combo} appears more than once", row=n, column=table.unique_together[-1], row_key=str(combo[0])))
    for low, high in table.ordered_pairs:
        for n, (a, b) in enumerate(zip(values[low], values[high], strict=True), start=1):
            if isinstance(a, date) and isinstance(b, date):
                a, b = _at_common_precision(a, b, _precision(values, low, n), _precision(values, high, n))
            if a is not None and b is not None and b < a:
                key = values[table.key][n - 1]
                problems.append(Problem(fname, f"{high} ({b}) is before/below {low} ({a})", row=n, column=high, row_key=str(key)))
    return values, problems


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _precision(values: dict[str, list[Any]], column: str, row: int) -> str:
    stated = values.get(f"{column}_precision", [])
    return str(stated[row - 1]) if row <= len(stated) and stated[row - 1] else "day"


def _at_common_precision(a: date, b: date, pa: str, pb: str) -> tuple[date, date]:
    """Compare two dates only as precisely as the less precise of them is known."""
    coarse = max(pa, pb, key=lambda p: _PRECISION_RANK.get(p, 0))
    if coarse == "month":
        return a.replace(day=1), b.replace(day=1)
    if coarse == "year":
        return a.replace(month=1, day=1), b.replace(month=1, day=1)
    return a, b


def _to_frame(values: dict[str, list[Any]], table: Table) -> pd.DataFrame:
    data: dict[str, pd.Series] = {}
    for col in table.columns:
        raw = values[col.name]
        if col.kind == "str":
            data[col.name] = pd.Series(raw, dtype="str")
        elif col.kind == "int":
            data[col.name] = pd.Series(raw, dtype="Int64")
        elif col.kind == "float":
            data[col.name] = pd.Series([math.nan if v is None else v for v in raw], dtype="float64")
        else:
            data[col.name] = pd.to_datetime(pd.Series(raw, dtype="object"))
    return pd.DataFrame(data)


def check_event_links(models: pd.DataFrame, events: pd.DataFrame) -> list[Problem]:
    """Every ``models.event_id`` names an event whose name is ``models.event`` and whose date is the announcement."""
    problems: list[Problem] = []
    by_id: dict[Any, dict[Any, Any]] = {e["event_id"]: e for e in events.to_dict("records")}
    for n, row in enumerate(models.to_dict("records"), start=1):
        key, event_id, name = str(row["model_id"]), row["event_id"], row["event"]

        def problem(column: str, rule: str, n: int = n, key: str = key) -> Problem:
            return Problem(MODELS.filename, rule, row=n, column=column, row_key=key)

        if pd.isna(event_id):
            if pd.notna(name):
                problems.append(problem("event_id", "an event name needs an event_id"))
            continue
        event = by_id.get(event_id)
        if event is None:
            problems.append(problem("event_id", f"event_id '{event_id}' is not in {EVENTS.filename}"))
            continue
        if event["kind"] != "press release" and name != event["name"]:
            problems.append(problem("event", f"event '{name}' differs from the name in {EVENTS.filename} ('{event['name']}')"))
        if row["announced"] != event["date"]:
            problems.append(problem("announced", f"announced ({row['announced']}) differs from the event's date ({event['date']})"))
    return problems


def check_predecessors(models: pd.DataFrame) -> list[Problem]:
    """A predecessor is another row of the catalogue, launched no later than its successor (``models`` has ``launched``)."""
    problems: list[Problem] = []
    launched = models.set_index("model_id")["launched"]
    for n, row in enumerate(models.to_dict("records"), start=1):
        before = row["predecessor_id"]
        if pd.isna(before):
            continue
        key = str(row["model_id"])
        if before == key or before not in launched.index:
            problems.append(
                Problem(MODELS.filename, f"predecessor_id '{before}' is not another model of the catalogue", row=n, column="predecessor_id", row_key=key)
            )
        elif launched[before] > row["launched"]:
            rule = f"launched {row['launched']:%Y-%m-%d}, before its predecessor '{before}' ({launched[before]:%Y-%m-%d})"
            problems.append(Problem(MODELS.filename, rule, row=n, column="predecessor_id", row_key=key))
    return problems


def check_benchmark_models(benchmarks: pd.DataFrame, models: pd.DataFrame) -> list[Problem]:
    """Every score belongs to a model of the catalogue."""
    known = set(models["model_id"])
    return [
        Problem(BENCHMARKS.filename, f"model_id '{m}' is not in {MODELS.filename}", row=n, column="model_id", row_key=str(m))
        for n, m in enumerate(benchmarks["model_id"], start=1)
        if m not in known
    ]


def check_cpus(models: pd.DataFrame, benchmarks: pd.DataFrame) -> list[Problem]:
    """Every CPU name of the catalogue and of the tested configurations is in the declared CPU table."""
    problems: list[Problem] = []
    for table, frame, column in ((MODELS, models, "cpu"), (BENCHMARKS, benchmarks, "tested_cpu")):
        for n, (key, cpu) in enumerate(zip(frame["model_id"], frame[column], strict=True), start=1):
            if isinstance(cpu, str) and cpu_family(cpu) is None:
                rule = f"CPU '{cpu}' is not in the CPU table (maclineup/cpus.py): add it with its family"
                problems.append(Problem(table.filename, rule, row=n, column=column, row_key=str(key)))
    return problems


# A tested clock within this fraction of a configuration's clock is that configuration's
# (sources round: the Macintosh's 7.8336 MHz 68000 is "8 MHz").
CLOCK_TOLERANCE = 0.025


def _same(tested: Any, published: Any, tolerance: float = 0.0) -> bool | None:
    """Whether a tested value equals the published one; None when either is unknown."""
    if pd.isna(tested) or pd.isna(published):
        return None
    return abs(float(tested) - float(published)) <= tolerance * float(published)


def configuration_role(model: dict[str, Any], tested_cpu: Any, tested_cores: Any, tested_clock: Any) -> str:
    """Which configuration of ``model`` a score measured: BASE, TOP (the top standard configuration) or OTHER.

    A configuration matches when its cores and clock equal the tested ones (clocks within 2.5%).
    Both must be known, except on Apple silicon, where a chip is named by its tier and core count
    (Apple publishes no clocks): there the tested chip's name and cores decide. The top standard
    configuration is the one priced at ``price_max_usd`` (``top_config_*``); where it is not known,
    no score is the top's.
    """
    apple = model["architecture"] == "Apple silicon"
    base = (model["cpu"], model["cpu_cores"], model["cpu_clock_mhz"])
    top = (model.get("top_config_cpu"), model.get("top_config_cores"), model.get("top_config_clock_mhz"))
    candidates = [(BASE, *base)]
    if pd.notna(top[1]) and top != base:
        candidates.append((TOP, *top))
    for role, cpu, cores, clock in candidates:
        same_cores, same_clock = _same(tested_cores, cores), _same(tested_clock, clock, CLOCK_TOLERANCE)
        if apple:
            # Chips of two tiers can have the same core count (M1 Pro and M1 Max, 10 cores): the chip's name decides.
            if same_cores and same_clock is not False and isinstance(tested_cpu, str) and tested_cpu == cpu:
                return role
        elif same_cores and same_clock:
            return role
    return OTHER


def add_configuration_roles(benchmarks: pd.DataFrame, models: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Add ``role`` to every score (see ``configuration_role``); at most one base and one top score per model and benchmark."""
    by_id: dict[Any, dict[Any, Any]] = models.set_index("model_id").to_dict("index")
    roles = [
        configuration_role(by_id[m], cpu, cores, clock)
        for m, cpu, cores, clock in zip(
            benchmarks["model_id"], benchmarks["tested_cpu"], benchmarks["tested_cores"], benchmarks["tested_clock_mhz"], strict=True
        )
    ]
    scored = benchmarks.assign(role=pd.Series(roles, index=benchmarks.index, dtype="str"))
    problems = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for n, (m, b, role) in enumerate(zip(scored["model_id"], scored["benchmark"], scored["role"], strict=True), start=1):
        seen[(m, b, role)] += 1
        if role != OTHER and seen[(m, b, role)] == 2:
            rule = f"a second {b} score of the {role} configuration (keep one; the other goes in notes)"
            problems.append(Problem(BENCHMARKS.filename, rule, row=n, column="score", row_key=str(m)))
    return scored, problems


def add_benchmark_scores(models: pd.DataFrame, benchmarks: pd.DataFrame) -> pd.DataFrame:
    """One column per benchmark (named as in ``benchmarks.benchmark``) with the published score of each model's base configuration."""
    base = benchmarks[benchmarks["role"] == BASE] if "role" in benchmarks else benchmarks
    wide = base.pivot(index="model_id", columns="benchmark", values="score")
    scores = {
        name: models["model_id"].map(wide[name]).astype("float64") if name in wide else pd.Series(float("nan"), index=models.index) for name in BENCHMARK_NAMES
    }
    return models.assign(**scores)


def add_launch_date(models: pd.DataFrame) -> pd.DataFrame:
    """Add ``launched``: the announcement date, or the release date where no announcement date is published.

    Charts place and filter models by this date, so a model whose announcement went unrecorded
    still appears (its hover card shows which dates are known).
    """
    return models.assign(launched=models["announced"].fillna(models["released"]))


def add_successor_dates(models: pd.DataFrame) -> pd.DataFrame:
    """Add ``successor_released``: when the first model naming this one as its predecessor went on sale (or was launched)."""
    successors = models.dropna(subset=["predecessor_id"])
    start = successors["released"].fillna(successors["launched"])
    first = start.groupby(successors["predecessor_id"]).min()
    dates = [first.get(m, pd.NaT) for m in models["model_id"]]
    return models.assign(successor_released=pd.to_datetime(pd.Series(dates, index=models.index, dtype="object")).astype("datetime64[us]"))


def load_table(path: Path, table: Table) -> pd.DataFrame:
    """Load one CSV, validated against ``table``; raise DataError listing every problem."""
    header, rows = _read_rows(path, table)
    values, problems = validate_rows(header, rows, table)
    if problems:
        raise DataError(problems)
    return _to_frame(values, table)


def load_package_metadata(path: Path) -> dict[str, Any]:
    """Read ``datapackage.json`` (UTF-8, with or without a BOM); it must describe every table with the declared fields."""
    raw = _read_bytes(path, path.name)
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError([Problem(path.name, f"the file is not valid JSON ({shorten(str(exc), 120)})")]) from exc
    except RecursionError as exc:
        raise DataError([Problem(path.name, "the file is not valid JSON (nested too deeply)")]) from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("version"), str):
        raise DataError([Problem(path.name, "it must be a JSON object with a 'version' string")])
    resources = {r.get("name"): r for r in meta.get("resources", []) if isinstance(r, dict)}
    problems = []
    for table in TABLES:
        resource = resources.get(table.name)
        fields = resource.get("schema", {}).get("fields", []) if isinstance(resource, dict) and isinstance(resource.get("schema"), dict) else None
        names = [f.get("name") for f in fields if isinstance(f, dict)] if isinstance(fields, list) else None
        if names != table.column_names:
            problems.append(Problem(path.name, f"the resource '{table.name}' must list the fields of {table.filename} as declared (run scripts/sync_docs.py)"))
    if problems:
        raise DataError(problems)
    return meta


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate every table in ``data_dir``; raise DataError with all problems at once."""
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        try:
            frames[table.name] = load_table(data_dir / table.filename, table)
        except DataError as err:
            problems += err.problems
    try:
        meta = load_package_metadata(data_dir / "datapackage.json")
    except DataError as err:
        problems += err.problems
    if not problems:
        dated = add_launch_date(frames[MODELS.name])
        if dated["launched"].dt.year.nunique() < 2:
            problems.append(Problem(MODELS.filename, "the catalogue must span at least two launch years"))
        problems += check_event_links(dated, frames[EVENTS.name])
        problems += check_predecessors(dated)
        problems += check_benchmark_models(frames[BENCHMARKS.name], dated)
        problems += check_cpus(dated, frames[BENCHMARKS.name])
    if not problems:
        benchmarks, role_problems = add_configuration_roles(frames[BENCHMARKS.name], dated)
        problems += role_problems
    if problems:
        raise DataError(problems)
    scored = add_successor_dates(add_benchmark_scores(dated, benchmarks))
    indexed, description = index_catalogue(scored, benchmarks, BENCHMARK_TITLES)
    models = indexed.sort_values(["launched", "model_id"], ignore_index=True)
    return Dataset(
        models=models,
        cpi=frames[CPI.name],
        events=frames[EVENTS.name],
        benchmarks=benchmarks,
        version=meta["version"],
        package=meta,
        index=description,
    )
