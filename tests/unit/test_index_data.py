"""The performance index on the shipped data: complete, in the order readers will check, reproducible."""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd
import pytest

from maclineup.loading import Dataset, load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.perfindex import MULTI_CORE_CHAIN, REFERENCE_MODEL, compute_index, index_links
from maclineup.schema import BENCHMARK_TITLES

SANITY_ORDER = (
    "macintosh-128k",
    "macintosh-ii",
    "power-macintosh-6100",
    "imac-g3-rev-a-1998",
    "power-mac-g5-2003",
    "mac-pro-2006",
    "imac-pro-2017",
    "mac-studio-m2-ultra-2023",
)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset(DEFAULT_DATA_DIR)


def _index(ds: Dataset) -> pd.DataFrame:
    return ds.models.set_index("model_id")


def test_every_model_has_an_index_with_a_band_and_a_confidence(ds: Dataset) -> None:
    m = ds.models
    assert m["perf_index"].notna().all(), m.loc[m["perf_index"].isna(), "model_id"].tolist()
    assert (m["perf_index_low"] <= m["perf_index"]).all() and (m["perf_index"] <= m["perf_index_high"]).all()
    assert set(m["perf_index_confidence"]) <= {"high", "medium", "low"}
    assert m["perf_index_basis"].str.len().gt(10).all()
    assert _index(ds).at[REFERENCE_MODEL, "perf_index"] == 1.0


def test_multi_core_index_order_readers_will_check(ds: Dataset) -> None:
    values = _index(ds).loc[list(SANITY_ORDER), "perf_index"]
    assert values.is_monotonic_increasing and values.is_unique, values.to_dict()


def test_index_ratio_equals_geekbench6_multi_ratio(ds: Dataset) -> None:
    both = _index(ds).dropna(subset=["geekbench6_multi"])
    assert len(both) >= 10
    for a, b in combinations(both.index, 2):
        ratio = both.at[a, "perf_index"] / both.at[b, "perf_index"]
        assert ratio == pytest.approx(both.at[a, "geekbench6_multi"] / both.at[b, "geekbench6_multi"], rel=1e-9)


def test_the_chain_reaches_from_geekbench6_to_the_macintosh_128k(ds: Dataset) -> None:
    frame = _index(ds)
    links, _ = index_links(frame)
    assert set(links) == set(MULTI_CORE_CHAIN.benchmarks)
    assert "high" in frame.loc[frame["architecture"] == "68k", "perf_index_confidence"].tolist()
    assert "same CPU family" in {link.kind for link in links.values()}  # only where no model has both scores


def test_bridge_factors_are_consistent(ds: Dataset) -> None:
    links, _ = index_links(_index(ds))
    for link in links.values():
        if link.parent is None:
            continue
        assert link.factor > 0
        # Bridges of one link agree within a factor of two (one standard deviation).
        assert math.exp(link.step_uncertainty) < 2.0, (link.benchmark, link.bridges)


def test_the_index_is_reproducible_from_the_csv_files_alone(ds: Dataset) -> None:
    models = pd.read_csv(DEFAULT_DATA_DIR / "models.csv", parse_dates=["announced", "released"])
    models = models.assign(launched=models["announced"].fillna(models["released"]))
    scores = pd.read_csv(DEFAULT_DATA_DIR / "benchmarks.csv").pivot(index="model_id", columns="benchmark", values="score")
    frame = models.set_index("model_id").join(scores)
    result = compute_index(frame, labels=BENCHMARK_TITLES)
    loaded = _index(ds)
    pd.testing.assert_series_equal(result["index"].sort_index(), loaded["perf_index"].sort_index(), check_names=False)
    assert (result["confidence"] == loaded.loc[result.index, "perf_index_confidence"]).all()
