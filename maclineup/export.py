"""The table behind every view, and its CSV and Parquet downloads (built from the same frame)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from maclineup.inflation import apply_real_prices
from maclineup.metrics import cpu_throughput_ghz
from maclineup.perfindex import INDEX_COLUMNS, TOP_INDEX_COLUMNS
from maclineup.schema import MODELS
from maclineup.sources import source_urls

DERIVED_COLUMNS: dict[str, tuple[str, str]] = {
    # name -> (unit, description)
    "price_real_usd": ("US$ of the base year", "Base launch price in constant dollars of `cpi_base_year` (US CPI-U)."),
    "price_max_real_usd": ("US$ of the base year", "Top launch price in constant dollars of `cpi_base_year` (US CPI-U)."),
    "cpi_base_year": ("year", "Base year of the constant-dollar prices."),
    "perf_index": ("Macintosh 128K = 1", "Performance index: multi-core CPU performance chained across benchmarks (see data/README.md)."),
    "perf_index_low": ("Macintosh 128K = 1", "Low end of the index's uncertainty band (about one standard deviation)."),
    "perf_index_high": ("Macintosh 128K = 1", "High end of the index's uncertainty band."),
    "perf_index_confidence": (
        "",
        "high: the rule behind the value has a measured error of 10% or less (a published score of the base configuration on "
        "Geekbench 6, or on a benchmark whose conversion is that tight); medium: a published score converted less tightly, "
        "or an estimate from the CPU family; low: an estimate from the architecture.",
    ),
    "perf_index_basis": ("", "The base configuration's score (naming its CPU), or the peer models the index is estimated from."),
    "perf_index_top": (
        "Macintosh 128K = 1",
        "Performance index of the top standard configuration (pairs with price_max_usd); equals perf_index when the model had one configuration.",
    ),
    "perf_index_top_low": ("Macintosh 128K = 1", "Low end of the top configuration's band."),
    "perf_index_top_high": ("Macintosh 128K = 1", "High end of the top configuration's band."),
    "perf_index_top_confidence": ("", "Confidence of the top configuration's index, as for perf_index_confidence."),
    "perf_index_top_basis": ("", "The top configuration's score, or the peers it is estimated from."),
    "cpu_throughput_ghz": ("cores × GHz", "CPU cores × clock of the base configuration (a crude throughput proxy)."),
    "geekbench6_single": ("Geekbench 6 points", "Published Geekbench 6 single-core score; source and configuration in `benchmarks.csv`."),
    "geekbench6_multi": ("Geekbench 6 points", "Published Geekbench 6 multi-core score; source and configuration in `benchmarks.csv`."),
}
METADATA_KEY = b"maclineup"


# What a reader looks for first: which Mac, when, what it cost, how fast; then the rest of the catalogue.
KEY_COLUMNS: tuple[str, ...] = (
    "name", "family", "announced", "released", "price_usd", "price_precision", "price_real_usd", "price_max_usd", "price_max_real_usd",
    "perf_index", "perf_index_low", "perf_index_high", "perf_index_confidence", "geekbench6_single", "geekbench6_multi",
    "cpu", "cpu_cores", "cpu_clock_mhz", "ram_gb", "storage_gb", "display_in",
)  # fmt: skip


def table_columns() -> list[str]:
    """Column order of the shown and downloaded table: the key columns first, then the rest of the catalogue."""
    names = MODELS.column_names
    at = names.index("price_max_usd") + 1
    derived = ["price_real_usd", "price_max_real_usd", "cpi_base_year"]
    names = names[:at] + derived + names[at:]
    at = names.index("cpu_clock_max_mhz") + 1
    every = [*names[:at], *INDEX_COLUMNS, *TOP_INDEX_COLUMNS, "cpu_throughput_ghz", "geekbench6_single", "geekbench6_multi", *names[at:]]
    return [*KEY_COLUMNS, *(c for c in every if c not in KEY_COLUMNS)]


# Headers as readers say them; the rest are the column name in words. Units are added from the schema.
LABELS: dict[str, str] = {
    "model_id": "Model id",
    "name": "Mac",
    "form_factor": "Form factor",
    "price_usd": "Launch price",
    "price_precision": "Price published as",
    "price_real_usd": "Launch price, real",
    "price_max_usd": "Top-configuration price",
    "price_max_real_usd": "Top-configuration price, real",
    "cpi_base_year": "Real dollars of",
    "perf_index": "Performance index",
    "perf_index_low": "Index, low end",
    "perf_index_high": "Index, high end",
    "perf_index_confidence": "Index confidence",
    "perf_index_basis": "Index basis",
    "perf_index_top": "Top configuration's index",
    "perf_index_top_low": "Top index, low end",
    "perf_index_top_high": "Top index, high end",
    "perf_index_top_confidence": "Top index confidence",
    "perf_index_top_basis": "Top index basis",
    "cpu": "CPU",
    "cpu_cores": "CPU cores",
    "cpu_clock_mhz": "CPU clock",
    "cpu_cores_max": "Most CPU cores offered",
    "cpu_clock_max_mhz": "Clock of that CPU",
    "top_config_cpu": "Top configuration's CPU",
    "top_config_cores": "Top configuration's cores",
    "top_config_clock_mhz": "Top configuration's clock",
    "cpu_throughput_ghz": "CPU cores × clock",
    "ram_gb": "Memory",
    "ram_max_gb": "Maximum memory",
    "storage_gb": "Storage",
    "storage_max_gb": "Largest storage",
    "gpu": "Graphics",
    "gpu_tflops": "GPU throughput",
    "display_in": "Display",
    "geekbench6_single": "Geekbench 6 single-core",
    "geekbench6_multi": "Geekbench 6 multi-core",
    "event_id": "Event id",
    "predecessor_id": "Predecessor id",
}


def column_label(name: str) -> str:
    """A header in words with its unit, e.g. 'Launch price (US$ (nominal))'; a split source column is labelled by its number."""
    if re.fullmatch(r"\w+_source_\d+", name):
        return name.replace("_", " ").capitalize()
    unit = DERIVED_COLUMNS[name][0] if name in DERIVED_COLUMNS else MODELS.column(name).unit
    words = LABELS.get(name, name.replace("_", " ").capitalize())
    return f"{words} ({unit})" if unit and unit not in ("ISO 8601 date",) else words


def download_stem(version: str, query: Mapping[str, list[str]]) -> str:
    """A file name that says what was filtered, e.g. 'mac-lineup-0.1.0-family-mac-mini-nominal'.

    Only the parameters that change the table's rows or prices count; the stem stays under 120 characters.
    """
    parts = []
    for key in ("family", "form", "arch", "years", "price", "base_year"):
        values = [v for v in query.get(key, []) if v]
        if values:
            parts.append("-".join(values) if key == "price" else f"{key}-{'-'.join(values)}")
    filters = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")
    stem = f"mac-lineup-{re.sub(r'[^A-Za-z0-9.]+', '-', version)}" + (f"-{filters}" if filters else "")
    return stem[:120].rstrip("-")


def split_source_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table for display: each "; "-separated source cell split into one column per address, so each is a link.

    ``price_source`` keeps the first address; further ones go to ``price_source_2``, ``price_source_3``, ...
    placed right after it. Downloads keep the cells as they are.
    """
    out = table
    for column in [c for c in table.columns if c.endswith("_source")]:
        urls = table[column].map(source_urls)
        widest = int(urls.map(len).max()) if len(urls) else 0
        at = list(out.columns).index(column)
        parts = {f"{column}_{n}" if n > 1 else column: urls.map(lambda u, n=n: u[n - 1] if len(u) >= n else None).astype("str") for n in range(1, widest + 1)}
        rest = out.drop(columns=[column])
        for offset, (name, values) in enumerate(parts.items()):
            rest.insert(at + offset, name, values)
        out = rest
    return out


def make_table(view: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """The rows of a view as one flat table: catalogue columns plus real prices and the CPU proxy."""
    index = {c: view[c].round(3) for c in ("perf_index", "perf_index_low", "perf_index_high", "perf_index_top", "perf_index_top_low", "perf_index_top_high")}
    table = view.assign(cpi_base_year=base_year, cpu_throughput_ghz=cpu_throughput_ghz(view).round(3), **index)
    return table[table_columns()].reset_index(drop=True)


def make_full_table(models: pd.DataFrame, cpi: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Every model, in the same columns as a view's table."""
    return make_table(apply_real_prices(models, cpi, base_year), base_year)


def make_metadata(package: Mapping[str, Any], view: Mapping[str, list[str]], base_year: int) -> dict[str, object]:
    """What the downloads say about themselves: dataset version, sources, licences, the view."""
    return {
        "title": package.get("title", ""),
        "dataset_version": package.get("version", ""),
        "sources": package.get("sources", []),
        "licenses": package.get("licenses", []),
        "cpi_base_year": base_year,
        "view": dict(view),
        "columns": {name: column_label(name) for name in table_columns()},
        "resources": package.get("resources", []),
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR) get a leading apostrophe (OWASP)."""
    text = [c for c in table.columns if pd.api.types.is_string_dtype(table[c]) or table[c].dtype == object]
    fixed = {c: table[c].map(lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v) for c in text}
    return table.assign(**fixed) if fixed else table


def table_to_csv(table: pd.DataFrame) -> bytes:
    """CSV bytes of ``table``: dates as YYYY-MM-DD, empty cells for unknowns, text that could run as a formula neutralised."""
    return neutralise_formulas(table).to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


def table_to_parquet(table: pd.DataFrame, metadata: Mapping[str, object]) -> bytes:
    """Parquet bytes of ``table`` with ``metadata`` (dataset version, sources, view) as JSON."""
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    merged = {**(arrow.schema.metadata or {}), METADATA_KEY: json.dumps(metadata).encode("utf-8")}
    buffer = io.BytesIO()
    pq.write_table(arrow.replace_schema_metadata(merged), buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Download:
    """One download button: what it is called, its bytes (or a function making them) and its file."""

    key: str
    label: str
    data: bytes | Callable[[], bytes]
    file_name: str
    mime: str


def make_downloads(table: pd.DataFrame, full_table: Callable[[], pd.DataFrame], metadata: Mapping[str, object], stem: str) -> tuple[Download, ...]:
    """Downloads of the shown table (CSV, Parquet), the full catalogue (built only when clicked), and the metadata."""
    return (
        Download("download_csv", "CSV", table_to_csv(table), f"{stem}.csv", "text/csv"),
        Download("download_parquet", "Parquet", lambda: table_to_parquet(table, metadata), f"{stem}.parquet", "application/vnd.apache.parquet"),
        Download("download_full_csv", "All models (CSV)", lambda: table_to_csv(full_table()), f"{stem}-full.csv", "text/csv"),
        Download("download_metadata", "Metadata (JSON)", lambda: json.dumps(metadata, indent=2).encode("utf-8"), f"{stem}-metadata.json", "application/json"),
    )


def read_parquet_metadata(data: bytes) -> dict[str, object]:
    """The metadata that ``table_to_parquet`` stored."""
    schema = pq.read_schema(io.BytesIO(data))
    raw = (schema.metadata or {}).get(METADATA_KEY, b"{}")
    loaded: dict[str, object] = json.loads(raw)
    return loaded


def table_download(table: pd.DataFrame, stem: str, what: str) -> Download:
    """A CSV download of a question view's rows, e.g. the compared pairs or a budget's lineups."""
    return Download(f"download_{what}", "These rows (CSV)", table_to_csv(table), f"{stem}-{what}.csv", "text/csv")
