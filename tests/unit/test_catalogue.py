"""The shipped catalogue: schema holds, coverage is broad, and values pass consistency checks."""

from __future__ import annotations

import pandas as pd
import pytest

from maclineup.loading import Dataset, load_dataset
from maclineup.paths import DEFAULT_DATA_DIR

DS: Dataset = load_dataset(DEFAULT_DATA_DIR)
M = DS.models


def test_catalogue_has_at_least_sixty_models_from_1984_to_the_2020s() -> None:
    assert len(M) >= 60
    decades = set(M["announced"].dt.year // 10 * 10)
    assert {1980, 1990, 2000, 2010, 2020} <= decades
    assert M["announced"].min() == pd.Timestamp("1984-01-24")


MAJOR_FAMILIES = [
    "Compact Macintosh", "Macintosh II", "Macintosh LC", "Quadra", "Performa", "Power Macintosh", "PowerBook", "iBook",
    "iMac", "eMac", "Power Mac G4", "Power Mac G5", "Xserve", "Mac mini", "MacBook", "MacBook Air", "MacBook Pro",
    "Mac Pro", "iMac Pro", "Mac Studio",
]  # fmt: skip


@pytest.mark.parametrize("family", MAJOR_FAMILIES)
def test_each_major_family_is_present(family: str) -> None:
    assert (M["family"] == family).any()


def test_every_row_cites_a_price_and_a_specs_source() -> None:
    for column in ("price_source", "specs_source"):
        assert M[column].str.match(r"https?://").all()


UNACCEPTED_SOURCES = ("grokipedia.com", "probsee.com")  # AI-generated pages are not published sources


def test_no_value_is_sourced_from_ai_generated_pages() -> None:
    for column in ("price_source", "specs_source"):
        cited = M[column].str.split("; ").explode()
        assert not cited[cited.str.contains("|".join(UNACCEPTED_SOURCES), regex=True)].any(), column


def test_ids_are_unique_and_no_model_appears_twice() -> None:
    assert M["model_id"].is_unique
    assert not M.duplicated(subset=["name", "announced"]).any()


@pytest.mark.parametrize(
    ("architecture", "not_before", "cpu_words"),
    [
        ("68k", "1984-01-01", ("680", "68LC", "68EC", "68HC")),
        ("PowerPC", "1994-03-01", ("PowerPC", "G3", "G4", "G5")),
        ("Intel", "2006-01-01", ("Intel",)),
        ("Apple silicon", "2020-11-01", ("Apple",)),
    ],
)
def test_architecture_matches_cpu_and_date(architecture: str, not_before: str, cpu_words: tuple[str, ...]) -> None:
    rows = M.loc[M["architecture"] == architecture]
    assert (rows["launched"] >= pd.Timestamp(not_before)).all(), rows.loc[rows["launched"] < pd.Timestamp(not_before), "model_id"].tolist()
    known = rows.dropna(subset=["cpu"])
    bad = known.loc[~known["cpu"].apply(lambda c: any(w in c for w in cpu_words)), "model_id"].tolist()
    assert bad == []


def test_successors_are_announced_after_their_predecessors() -> None:
    launched = M.set_index("model_id")["launched"]
    linked = M.dropna(subset=["predecessor_id"])
    assert len(linked) >= 50
    assert linked["predecessor_id"].isin(launched.index).all()
    before = linked["predecessor_id"].map(launched)
    assert (linked["launched"] >= before).all(), linked.loc[linked["launched"] < before, "model_id"].tolist()


@pytest.mark.parametrize(
    ("architecture", "low", "high"),
    [("68k", 999, 15_000), ("PowerPC", 499, 15_000), ("Intel", 499, 10_000), ("Apple silicon", 499, 10_000)],
)
def test_base_prices_are_plausible_for_their_era(architecture: str, low: int, high: int) -> None:
    prices = M.loc[M["architecture"] == architecture].set_index("model_id")["price_usd"].dropna()
    assert len(prices) >= 10
    assert prices.between(low, high).all(), prices[~prices.between(low, high)].to_dict()


def test_top_prices_are_plausible() -> None:
    assert M["price_max_usd"].dropna().between(499, 60_000).all()


def test_dates_are_ordered_where_known() -> None:
    # The loader enforces this too; here it is checked on the typed frame as readers see it.
    both = M.dropna(subset=["released"])
    month = both["released_precision"].ne("day") | both["announced_precision"].ne("day")
    assert (both.loc[~month, "released"] >= both.loc[~month, "announced"]).all()


def test_the_2017_imac_pro_row_carries_its_announcement_facts() -> None:
    row = M.set_index("model_id").loc["imac-pro-2017"]
    assert row["announced"] == pd.Timestamp("2017-06-05")
    assert row["event"] == "WWDC 2017"
    assert row["released"] == pd.Timestamp("2017-12-14")
    assert row["price_usd"] == 4999
    assert (row["cpu_cores"], row["cpu_cores_max"]) == (8, 18)
    assert "Xeon W" in row["cpu"]
    assert row["ram_max_gb"] == 128
    assert row["storage_max_gb"] == 4000
    assert "Vega" in row["gpu"]
    assert row["gpu_tflops"] == 11
    assert row["display_in"] == 27
    assert "22" in row["notes"]


def test_cpi_covers_every_year_from_1984_with_partial_years_flagged() -> None:
    cpi = DS.cpi
    assert cpi["year"].tolist() == list(range(1984, int(cpi["year"].max()) + 1))
    partial = cpi.loc[cpi["months"] < 12]
    assert partial["note"].notna().all()
    assert cpi.loc[cpi["year"] == 1984, "cpi_u"].item() == pytest.approx(103.9, abs=0.05)  # BLS published 103.9
    assert cpi["cpi_u"].is_monotonic_increasing or (cpi["cpi_u"].diff().dropna() > -1).all()


PLAUSIBLE: list[tuple[str, float, float]] = [
    ("geekbench6_single", 300, 5_000),
    ("geekbench6_multi", 500, 40_000),
    ("geekbench5_single", 200, 3_000),
    ("geekbench5_multi", 300, 40_000),
    ("geekbench4_single", 1_000, 8_000),
    ("geekbench4_multi", 1_000, 60_000),
    ("geekbench3_single", 300, 6_000),
    ("geekbench3_multi", 300, 60_000),
    ("geekbench2", 50, 40_000),
    ("macbench4_processor", 10, 2_000),  # Power Macintosh 6100/60 = 100
    ("nortonsi4_system", 0.5, 2_000),  # Mac Plus about 1
    ("speedometer3_cpu", 0.5, 20),  # Macintosh Classic = 1
    ("speedometer3_mix", 0.5, 20),
]


@pytest.mark.parametrize(("benchmark", "low", "high"), PLAUSIBLE)
def test_benchmark_scores_are_plausible_for_their_version(benchmark: str, low: float, high: float) -> None:
    # A score outside its version's range usually means two Geekbench versions were mixed up.
    scores = DS.benchmarks.loc[DS.benchmarks["benchmark"] == benchmark].set_index("model_id")["score"]
    assert scores.between(low, high).all(), scores[~scores.between(low, high)].to_dict()


def test_every_benchmark_row_cites_its_source_and_date() -> None:
    b = DS.benchmarks
    assert b["source"].str.match(r"https?://").all()
    assert b["date_accessed"].notna().all()
    assert not b.duplicated(subset=["model_id", "benchmark"]).any()


def test_every_benchmark_has_a_plausibility_range() -> None:
    assert set(DS.benchmarks["benchmark"]) <= {name for name, _, _ in PLAUSIBLE}
