"""The shipped catalogue: schema holds, coverage is broad, and values pass consistency checks."""

from __future__ import annotations

import pandas as pd
import pytest

from maclineup.cpus import cpu_family
from maclineup.loading import Dataset, load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.sources import WEAK_SOURCE_DOMAINS, only_weak

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
    configured = b[b["role"] != "other"]
    assert not configured.duplicated(subset=["model_id", "benchmark", "role"]).any()


def test_every_benchmark_has_a_plausibility_range() -> None:
    assert set(DS.benchmarks["benchmark"]) <= {name for name, _, _ in PLAUSIBLE}


# Every CPU name of the catalogue, by the family the estimates treat as doing equal work per clock.
EXPECTED_FAMILIES: dict[str, tuple[str, ...]] = {
    "Apple A18": ("Apple A18 Pro",),
    "Apple M1": ("Apple M1", "Apple M1 Max", "Apple M1 Pro", "Apple M1 Ultra"),
    "Apple M2": ("Apple M2", "Apple M2 Max", "Apple M2 Pro", "Apple M2 Ultra"),
    "Apple M3": ("Apple M3", "Apple M3 Pro", "Apple M3 Ultra"),
    "Apple M4": ("Apple M4", "Apple M4 Max", "Apple M4 Pro"),
    "Apple M5": ("Apple M5", "Apple M5 Pro"),
    "PowerPC G5": ("IBM PowerPC 970 (G5)", "IBM PowerPC 970FX (G5)", "IBM PowerPC G5 (dual-core)", "PowerPC G5"),
    "Intel Core (Merom/Penryn)": (
        "Intel Core 2 Duo",
        "Intel Core 2 Duo (E8135)",
        "Intel Core 2 Duo (E8235)",
        "Intel Core 2 Duo (L9300)",
        "Intel Core 2 Duo (P7350)",
        "Intel Core 2 Duo (P7500)",
        "Intel Core 2 Duo (P8600)",
        "Intel Core 2 Duo (T5600)",
        "Intel Core 2 Duo (T7200)",
        "Intel Core 2 Duo (T7300)",
        "Intel Core 2 Duo (T7400)",
        "Intel Core 2 Duo (T7500)",
        "Intel Core 2 Duo (T7600)",
        "Intel Core 2 Duo (T7700)",
        "Intel Core 2 Duo (T8100)",
        "Intel Core 2 Duo (T8300)",
        "Intel Core 2 Duo (T9300)",
        "Intel Xeon 5100 series (Woodcrest)",
        "Intel Xeon 5400 series (Harpertown)",
    ),
    "Intel Core (Yonah)": (
        "Intel Core Duo",
        "Intel Core Duo (T2300)",
        "Intel Core Duo (T2400)",
        "Intel Core Duo (T2500)",
        "Intel Core Duo (T2600)",
        "Intel Core Solo (T1200)",
    ),
    "Intel Broadwell": ("Intel Core M", "Intel Core i5 (5350U)"),
    "Intel Core i (generation not stated)": ("Intel Core i3", "Intel Core i5", "Intel Core i7"),
    "Intel Ice Lake": ("Intel Core i3 (1000NG4)", "Intel Core i5 (1038NG7)"),
    "Intel Coffee Lake": (
        "Intel Core i3 (8100)",
        "Intel Core i3 (8100B)",
        "Intel Core i5 (8257U)",
        "Intel Core i5 (8259U)",
        "Intel Core i5 (8279U)",
        "Intel Core i5 (8500)",
        "Intel Core i7 (8750H)",
        "Intel Core i7 (9750H)",
    ),
    "Intel Comet Lake": ("Intel Core i5 (10500)",),
    "Intel Kaby Lake": (
        "Intel Core i5 (7267U)",
        "Intel Core i5 (7360U)",
        "Intel Core i5 (7400)",
        "Intel Core i5 (7500)",
        "Intel Core i7 (7700HQ)",
        "Intel Core m3 (7Y32)",
    ),
    "Intel Amber Lake": ("Intel Core i5 (8210Y)",),
    "Intel Core m (generation not stated)": ("Intel Core m3",),
    "Intel Nehalem/Westmere": ("Intel Xeon 5500 series", "Intel Xeon W3520", "Intel Xeon W3530", "Intel Xeon W3565"),
    "Intel Xeon E5 (generation not stated)": ("Intel Xeon E5",),
    "Intel Skylake": ("Intel Xeon W (W-2140B)",),
    "Intel Cascade Lake": ("Intel Xeon W (W-3223)",),
    "68000": ("Motorola 68000", "Motorola 68HC000"),
    "68020": ("Motorola 68020",),
    "68030": ("Motorola 68030",),
    "68040": ("Motorola 68040", "Motorola 68LC040"),
    "PowerPC 601": ("PowerPC 601",),
    "PowerPC 603": ("PowerPC 603", "PowerPC 603e", "PowerPC 603ev"),
    "PowerPC 604": ("PowerPC 604", "PowerPC 604e"),
    "PowerPC G4": (
        "PowerPC 7400 (G4)",
        "PowerPC 7410 (G4)",
        "PowerPC 7455 (G4)",
        "PowerPC G4",
        "PowerPC G4 (7445)",
        "PowerPC G4 (7447)",
        "PowerPC G4 (7447A)",
        "PowerPC G4 (7455)",
    ),
    "PowerPC G3": ("PowerPC 750 (G3)", "PowerPC 750cx (G3)", "PowerPC G3", "PowerPC G3 (750)"),
}


def test_every_cpu_of_the_catalogue_maps_to_its_expected_family() -> None:
    expected = {cpu: family for family, cpus in EXPECTED_FAMILIES.items() for cpu in cpus}
    named = set(M["cpu"].dropna()) | set(DS.benchmarks["tested_cpu"].dropna())
    for cpu in named:
        assert cpu_family(cpu) is not None, cpu
    for cpu in set(M["cpu"].dropna()):
        assert cpu in expected, f"new CPU name {cpu!r}: add it to EXPECTED_FAMILIES with its family"
        assert cpu_family(cpu) == expected[cpu], cpu


@pytest.mark.parametrize(
    ("cpu", "family"),
    [
        ("Intel Core i5 (7400)", "Intel Kaby Lake"),  # once read as PowerPC G4 (the 74xx part numbers)
        ("Intel Core i5 (7500)", "Intel Kaby Lake"),  # once read as PowerPC G3 (750)
        ("Intel Core i3 (1000NG4)", "Intel Ice Lake"),  # once read as PowerPC G4
        ("Intel Core i9-9880H", "Intel Coffee Lake"),
        ("Intel Xeon E5-1620 v2", "Intel Ivy Bridge"),
        ("PowerPC 7455 (G4)", "PowerPC G4"),
        ("Apple M3 Pro", "Apple M3"),
        ("Intel Core 7400", None),  # not a declared form: an error at load, never a guess
        ("G4 7400 Intel", None),
    ],
)
def test_cpu_families_come_from_whole_names_never_substrings(cpu: str, family: str | None) -> None:
    assert cpu_family(cpu) == family


def test_no_row_rests_only_on_weak_sources() -> None:
    for column, value in (("price_source", "price_usd"), ("specs_source", "cpu")):
        cited = M.loc[M[value].notna() | (column == "specs_source")]
        weak = cited.loc[cited[column].map(only_weak), "model_id"].tolist()
        assert weak == [], f"{column}: only weak sources ({', '.join(sorted(WEAK_SOURCE_DOMAINS))}) for {weak}"


@pytest.mark.parametrize(
    ("cell", "weak"),
    [
        ("https://siliconfeatures.com/x", True),
        ("https://www.siliconfeatures.com/x; https://forums.macrumors.com/t", True),
        ("https://siliconfeatures.com/x; https://en.wikipedia.org/wiki/IMac", False),
        ("https://apple.fandom.com/wiki/X", True),
        ("https://notsiliconfeatures.com/x", False),
        ("", False),
    ],
)
def test_weak_sources_are_recognised_by_domain(cell: str, weak: bool) -> None:
    assert only_weak(cell) is weak


def test_base_prices_say_how_precisely_they_were_published() -> None:
    priced = M["price_usd"].notna()
    assert (M.loc[priced, "price_precision"].isin(["exact", "approximate", "range-low"])).all()
    assert M.loc[~priced, "price_precision"].isna().all()
