"""The performance index on the shipped data: complete, in the order readers will check, reproducible."""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd
import pytest

from maclineup.cpus import cpu_family
from maclineup.loading import Dataset, configuration_role, load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.perfindex import MULTI_CORE_CHAIN, REFERENCE_MODEL, Link, compute_index, index_links, measured_configurations
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


def _links(ds: Dataset) -> dict[str, Link]:
    base, others = measured_configurations(ds.models, ds.benchmarks)
    return index_links(_index(ds).drop(columns=list(MULTI_CORE_CHAIN.benchmarks)).join(base), configurations=others)[0]


def test_the_chain_reaches_from_geekbench6_to_the_macintosh_128k(ds: Dataset) -> None:
    frame = _index(ds)
    links = _links(ds)
    assert set(links) == set(MULTI_CORE_CHAIN.benchmarks)
    old = frame[frame["architecture"] == "68k"]
    assert old["perf_index_basis"].str.contains("of the base configuration").sum() >= 5  # 68k Macs measured, not only estimated
    assert "same CPU family" in {link.kind for link in links.values()}  # only where no model has both scores


def test_bridge_factors_are_consistent(ds: Dataset) -> None:
    for link in _links(ds).values():
        if link.parent is None:
            continue
        assert link.factor > 0
        # Bridges of one link agree within a factor of two (one standard deviation).
        assert math.exp(link.step_uncertainty) < 2.0, (link.benchmark, link.bridges)


def test_the_index_is_reproducible_from_the_csv_files_alone(ds: Dataset) -> None:
    models = pd.read_csv(DEFAULT_DATA_DIR / "models.csv", parse_dates=["announced", "released"])
    models = models.assign(launched=models["announced"].fillna(models["released"]))
    scores = pd.read_csv(DEFAULT_DATA_DIR / "benchmarks.csv")
    by_id = models.set_index("model_id").to_dict("index")
    roles = [configuration_role(by_id[r.model_id], r.tested_cpu, r.tested_cores, r.tested_clock_mhz) for r in scores.itertuples()]
    base, others = measured_configurations(models, scores.assign(role=roles))
    result = compute_index(models.set_index("model_id").join(base), labels=BENCHMARK_TITLES, configurations=others)
    loaded = _index(ds)
    pd.testing.assert_series_equal(result["index"].sort_index(), loaded["perf_index"].sort_index(), check_names=False)
    assert (result["confidence"] == loaded.loc[result.index, "perf_index_confidence"]).all()


def _computed(ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The index of the shipped catalogue with each estimate's peers, and every measured configuration."""
    base, others = measured_configurations(ds.models, ds.benchmarks)
    frame = ds.models.set_index("model_id").drop(columns=list(MULTI_CORE_CHAIN.benchmarks)).join(base)
    return compute_index(frame, labels=BENCHMARK_TITLES, configurations=others), others


def test_every_estimation_peer_shares_the_models_architecture_and_family_rule(ds: Dataset) -> None:
    result, others = _computed(ds)
    models = _index(ds)
    model_of = {**{m: m for m in models.index}, **others["model_id"].to_dict()}
    family = {**models["cpu"].map(cpu_family).to_dict(), **others["cpu"].map(cpu_family).to_dict()}
    estimated = result[result["peers"].map(len) > 0]
    assert len(estimated) > 100
    for model_id, row in estimated.iterrows():
        for peer in row["peers"]:
            assert model_of[peer] != model_id, (model_id, peer)
            assert models.at[model_of[peer], "architecture"] == models.at[model_id, "architecture"], (model_id, peer)
            if row["confidence"] == "medium":
                assert family[peer] == cpu_family(models.at[model_id, "cpu"]), (model_id, peer)


def test_no_base_index_is_built_from_a_score_of_another_configuration(ds: Dataset) -> None:
    models = _index(ds)
    base_scored = set(ds.benchmarks.loc[ds.benchmarks["role"] == "base", "model_id"])
    measured = models[~models["perf_index_basis"].str.startswith("estimated") & ~models["perf_index_basis"].str.startswith("reference")]
    assert set(measured.index) <= base_scored
    assert set(models.index[models.index.isin(base_scored)]) == set(measured.index) | ({REFERENCE_MODEL} & base_scored)


def test_the_basis_of_every_measured_model_names_its_base_cpu(ds: Dataset) -> None:
    models = _index(ds)
    measured = models[models["perf_index_basis"].str.contains("of the base configuration")]
    assert len(measured) >= 30
    for model_id, row in measured.iterrows():
        assert f"({row['cpu']}" in row["perf_index_basis"], model_id


def test_high_confidence_only_where_the_rule_has_a_measured_error_of_ten_percent_or_less(ds: Dataset) -> None:
    base, others = measured_configurations(ds.models, ds.benchmarks)
    links, variance = index_links(_index(ds).drop(columns=list(MULTI_CORE_CHAIN.benchmarks)).join(base), configurations=others)
    models = _index(ds)
    assert math.sqrt(variance["family"]) > math.log(1.1)  # so no family estimate may say "high"
    assert not (models["perf_index_basis"].str.startswith("estimated") & (models["perf_index_confidence"] == "high")).any()
    for model_id, row in models[models["perf_index_basis"].str.contains("of the base configuration")].iterrows():
        label = row["perf_index_basis"].split(" score ")[0]
        [benchmark] = [b for b, title in BENCHMARK_TITLES.items() if title == label]
        assert (row["perf_index_confidence"] == "high") == (links[benchmark].log_uncertainty <= math.log(1.1)), model_id
