"""Filters, real prices, performance measures and coverage, table-driven on tiny data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from maclineup.inflation import apply_real_prices, cpi_year_label, cpi_year_labels
from maclineup.loading import Dataset, load_dataset
from maclineup.metrics import METRICS, apply_metric, compute_coverage
from maclineup.selection import apply_filters, make_view_frame
from maclineup.viewstate import default_state, make_options
from tests.fixtures import make_data_dir


@pytest.fixture
def ds(tmp_path: Path) -> Dataset:
    return load_dataset(make_data_dir(tmp_path))


@pytest.mark.parametrize(
    ("changes", "expected_ids"),
    [
        ({}, ["mac-a", "mac-b", "mac-c", "mac-d"]),
        ({"family": ("PowerBook", "iMac")}, ["mac-b", "mac-c"]),
        ({"form": ("all-in-one",)}, ["mac-a", "mac-c"]),
        ({"arch": ("Apple silicon", "68k")}, ["mac-a", "mac-d"]),
        ({"years": (1990, 2010)}, ["mac-b", "mac-c"]),
        ({"years": (2011, 2021)}, []),
        ({"family": ("iMac",), "arch": ("68k",)}, []),
    ],
)
def test_filters_keep_matching_rows(ds: Dataset, changes: dict[str, object], expected_ids: list[str]) -> None:
    state = replace(default_state(make_options(ds.models, [2024])), **changes)  # type: ignore[arg-type]
    assert apply_filters(ds.models, state)["model_id"].tolist() == expected_ids


@pytest.mark.parametrize(
    ("base_year", "model_id", "expected"),
    [(2024, "mac-a", 2000 * 310 / 100), (1984, "mac-a", 2000), (2024, "mac-b", 3000 * 310 / 160), (1998, "mac-d", 1999 * 160 / 292)],
)
def test_real_prices_use_base_year_cpi(ds: Dataset, base_year: int, model_id: str, expected: float) -> None:
    real = apply_real_prices(ds.models, ds.cpi, base_year).set_index("model_id")
    assert real.loc[model_id, "price_real_usd"] == pytest.approx(round(expected), abs=0.5)


def test_real_top_price_follows_base_and_stays_empty_when_unknown(ds: Dataset) -> None:
    real = apply_real_prices(ds.models, ds.cpi, 2024).set_index("model_id")
    assert real.loc["mac-b", "price_max_real_usd"] == pytest.approx(4000 * 310 / 160, abs=0.5)
    assert pd.isna(real.loc["mac-a", "price_max_real_usd"])


def test_real_prices_refuse_a_base_year_without_cpi(ds: Dataset) -> None:
    with pytest.raises(ValueError, match="no CPI value for base year 1900"):
        apply_real_prices(ds.models, ds.cpi, 1900)


def test_transforms_do_not_mutate_their_input(ds: Dataset) -> None:
    before = ds.models.copy()
    state = default_state(make_options(ds.models, [2024]))
    make_view_frame(ds.models, ds.cpi, state)
    pd.testing.assert_frame_equal(ds.models, before)


@pytest.mark.parametrize(
    ("metric", "expected"),
    [("cpu-throughput", {"mac-a": 0.008, "mac-b": 0.25, "mac-c": 6.12, "mac-d": None}), ("gpu-tflops", {"mac-a": None, "mac-d": 21.2})],
)
def test_performance_measures(ds: Dataset, metric: str, expected: dict[str, float | None]) -> None:
    values = apply_metric(ds.models, metric).set_index("model_id")["performance"]
    for model_id, value in expected.items():
        if value is None:
            assert pd.isna(values[model_id])
        else:
            assert values[model_id] == pytest.approx(value)


def test_coverage_counts_and_names_models_without_a_value(ds: Dataset) -> None:
    cov = compute_coverage(apply_metric(ds.models, "gpu-tflops"), "performance")
    assert (cov.with_value, cov.total) == (1, 4)
    assert cov.missing_names == ("Mac A", "Mac B", "Mac C")
    assert cov.summary("GPU") == "GPU: 1 of 4 shown models have a value; without one: Mac A, Mac B, Mac C."


def test_every_metric_has_label_and_unit() -> None:
    for metric in METRICS.values():
        assert metric.label and metric.unit and metric.description
        assert metric.unit in metric.axis_title


def test_partial_cpi_year_is_labelled(tmp_path: Path) -> None:
    cpi = pd.DataFrame({"year": [2025, 2026], "cpi_u": [320.0, 330.0], "months": [12, 5], "note": ["", "partial"]})
    assert cpi_year_label(cpi, 2025) == "2025"
    assert cpi_year_label(cpi, 2026) == "2026, 5-month average"
    assert cpi_year_labels(cpi) == {2025: "2025", 2026: "2026, 5-month average"}


def test_view_frame_shows_real_or_nominal_and_marks_highlights(ds: Dataset) -> None:
    options = make_options(ds.models, [1984, 2024])
    state = replace(default_state(options), highlight=("mac-b",), price="nominal")
    frame = make_view_frame(ds.models, ds.cpi, state).set_index("model_id")
    assert frame.loc["mac-a", "price_shown_usd"] == 2000
    assert frame["highlighted"].tolist() == [False, True, False, False]
    real = make_view_frame(ds.models, ds.cpi, replace(state, price="real")).set_index("model_id")
    assert real.loc["mac-a", "price_shown_usd"] == pytest.approx(6200)


def test_field_coverage_is_counted_per_era_and_family(ds: Dataset) -> None:
    from maclineup.coverage import compute_field_coverage

    cov = compute_field_coverage(ds.models).set_index(["family", "field"])
    assert cov.loc[("PowerBook", "released"), "known"] == 1
    assert cov.loc[("iMac", "released"), "known"] == 0
    assert cov.loc[("Mac Studio", "gpu_tflops"), "share"] == 1.0
    assert set(cov["models"]) == {1}
