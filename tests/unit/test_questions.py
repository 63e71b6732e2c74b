"""Compare, budget, my Mac and keynotes: the arithmetic on fixtures with known answers, and the link parameters."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from maclineup.compare import annual_rate, compare_models, compare_pair, pairs_table
from maclineup.inflation import apply_real_prices
from maclineup.lineup import UNKNOWN_END, budget_lineups, lineup_table, my_mac, on_sale
from maclineup.loading import load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.perfindex import Link, ratio_band
from maclineup.selection import make_view_frame
from maclineup.viewstate import ViewOptions, default_state, make_options, parse_query, to_query
from tests.fixtures import MODEL_ROWS, make_data_dir, write_models

REAL = load_dataset(DEFAULT_DATA_DIR)
LINKS = {"gb6": Link("gb6", 1.0, (), 0.0, ancestors=("gb6",)), "gb5": Link("gb5", 1.2, ("x",), 0.1, 0.1, "gb6", "same model", ("gb5", "gb6"))}


def _row(name: str, launched: str, index: float, price: float, benches: str = "gb6", est: float = 0.0) -> dict[str, object]:
    return {
        "name": name,
        "launched": pd.Timestamp(launched),
        "perf_index": index,
        "price_real_usd": price,
        "perf_index_benchmarks": benches,
        "perf_index_estimate_var": est,
    }


def test_a_pair_on_the_same_benchmark_keeps_its_exact_ratio_with_no_band() -> None:
    assert ratio_band(_row("A", "2020-01-01", 300, 1), _row("B", "2010-01-01", 100, 1), LINKS) == (3.0, 3.0, 3.0)


def test_the_combined_band_adds_the_links_between_benchmarks_and_each_estimate() -> None:
    ratio, low, high = ratio_band(_row("A", "2020-01-01", 300, 1, "gb6", 0.04), _row("B", "2010-01-01", 100, 1, "gb5"), LINKS)
    u = math.sqrt(0.1**2 + 0.04)
    assert (ratio, low, high) == pytest.approx((3.0, 3 * math.exp(-u), 3 * math.exp(u)))


def test_a_pair_compares_newer_over_older_with_price_value_and_yearly_rates() -> None:
    pair = compare_pair(_row("Old", "2010-01-01", 100, 2000), _row("New", "2020-01-01", 800, 1000), LINKS)
    assert (pair.newer, pair.older) == ("New", "Old")
    assert pair.years == pytest.approx(10, abs=0.01)
    assert pair.speed == (8.0, 8.0, 8.0)
    assert pair.price == 0.5 and pair.value == 16.0
    assert pair.speed_per_year == pytest.approx(8 ** (1 / pair.years) - 1)
    assert pair.value_per_year == pytest.approx(16 ** (1 / pair.years) - 1)
    assert pair.sentence() == "New is 8.0× as fast as Old"


def test_annual_rates_need_at_least_half_a_year() -> None:
    assert annual_rate(2.0, 1.0) == pytest.approx(1.0)
    assert annual_rate(2.0, 0.2) is None


def test_comparing_real_models_keeps_their_published_geekbench6_ratio() -> None:
    catalogue = apply_real_prices(REAL.models, REAL.cpi, 2026)
    facts, [pair] = compare_models(catalogue, ["imac-24-m1-2021", "mac-studio-m2-ultra-2023"], REAL.index.links)
    gb6 = REAL.models.set_index("model_id")["geekbench6_multi"]
    assert pair.speed[0] == pytest.approx(gb6["mac-studio-m2-ultra-2023"] / gb6["imac-24-m1-2021"])
    assert pair.speed[1] == pytest.approx(pair.speed[0])
    assert list(facts.columns) == ["iMac (24-inch, M1, 2021)", "Mac Studio (M2 Ultra, 2023)"]
    assert "Performance index (128K = 1)" in facts.index and "Price source" in facts.index
    assert len(pairs_table([pair])) == 1


def _models(tmp_path: Path, **changes: dict[str, str]) -> pd.DataFrame:
    rows = [dict(r) for r in MODEL_ROWS]
    for index, change in changes.items():
        rows[int(index[1:])].update(change)
    data = make_data_dir(tmp_path)
    write_models(data / "models.csv", rows)
    ds = load_dataset(data)
    return apply_real_prices(ds.models, ds.cpi, 2024)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("1984-01-23", []),  # the day before the Mac A went on sale
        ("1984-01-24", ["mac-a"]),
        ("1985-09-30", ["mac-a"]),
        ("1985-10-01", []),  # discontinued that day
        ("1998-06-01", ["mac-b"]),  # released (month precision)
        ("2000-05-31", ["mac-b"]),  # no end known: on sale for two years after release
        ("2000-06-01", []),
        ("2010-07-27", ["mac-c"]),  # known only by its announcement date
        ("2022-03-18", ["mac-c", "mac-d"]),
    ],
)
def test_the_on_sale_rule_around_launches_and_discontinuations(tmp_path: Path, when: str, expected: list[str]) -> None:
    models = _models(tmp_path, r2={"discontinued": "2023-01-01", "discontinued_precision": "day"})
    assert sorted(models.loc[on_sale(models, pd.Timestamp(when)), "model_id"]) == expected
    assert pd.DateOffset(years=2) == UNKNOWN_END


def test_a_successors_release_ends_its_predecessors_sale(tmp_path: Path) -> None:
    models = _models(tmp_path, r2={"predecessor_id": "mac-b", "discontinued": "2023-01-01", "discontinued_precision": "day"})
    # Mac B (released 1998-06) would count two years; its successor Mac C (2010) ends it only later, so it ends 2010-07-27.
    assert on_sale(models, pd.Timestamp("2005-01-01"))[models["model_id"] == "mac-b"].item()
    assert not on_sale(models, pd.Timestamp("2010-07-27"))[models["model_id"] == "mac-b"].item()


def test_a_budget_keeps_the_models_on_sale_within_it_and_marks_the_fastest(tmp_path: Path) -> None:
    models = _models(tmp_path, r2={"discontinued": "2023-01-01", "discontinued_precision": "day"})
    [lineup] = budget_lineups(models, ["2022-03"], 1000, 5000)
    assert lineup.when == "2022-03"
    # Mac D (released 2022-03-18) is not yet on sale on the 15th; Mac C is, within the budget.
    assert lineup.models["model_id"].tolist() == ["mac-c"] and lineup.models["fastest"].tolist() == [True]
    assert lineup_table([lineup])["on_sale"].tolist() == ["2022-03"]


def test_my_mac_card_names_the_fastest_cheapest_and_twice_as_fast_macs_on_sale(tmp_path: Path) -> None:
    models = _models(tmp_path, r2={"discontinued": "2023-01-01", "discontinued_precision": "day"})
    ds_links = load_dataset(make_data_dir(tmp_path / "x")).index.links
    card = my_mac(models, "mac-c", pd.Timestamp("2022-06-01"), ds_links)
    index = models.set_index("model_id")["perf_index"]
    assert card.name == "Mac C" and card.price == 1200
    assert card.fastest_now == "Mac D" and card.fastest_ratio is not None
    assert card.fastest_ratio[0] == pytest.approx(index["mac-d"] / index["mac-c"])
    assert card.cheapest_now == "Mac C"  # still on sale then, and the cheapest
    assert card.cheapest_twice == "Mac D" and card.cheapest_twice_price == pytest.approx(models.set_index("model_id").at["mac-d", "price_real_usd"])


@pytest.fixture
def options() -> ViewOptions:
    return make_options(REAL.models, sorted(REAL.cpi["year"].astype(int)), REAL.events)


@pytest.mark.parametrize(
    ("params", "field", "expected"),
    [
        ({"view": ["compare"], "compare": ["mac-mini-m4-2024", "imac-21-5-late-2012"]}, "compare", ("mac-mini-m4-2024", "imac-21-5-late-2012")),
        ({"budget": ["2500", "1500"]}, "budget", (1500, 2500)),
        ({"on_sale": ["1998-03", "2017-12"]}, "on_sale", ("1998-03", "2017-12")),
        ({"mine": ["imac-21-5-late-2012"]}, "mine", "imac-21-5-late-2012"),
        ({"event": ["wwdc-2017"]}, "event", "wwdc-2017"),
        ({"play": ["true"]}, "play", True),
    ],
)
def test_question_parameters_seed_the_state_and_round_trip(options: ViewOptions, params: dict[str, list[str]], field: str, expected: object) -> None:
    state, notices = parse_query(params, options)
    assert getattr(state, field) == expected and notices == []
    assert parse_query(to_query(state, options), options)[0] == state


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"compare": ["no-such-mac"]}, "Ignored compare='no-such-mac'"),
        ({"budget": ["cheap", "2000"]}, "Ignored budget"),
        ({"budget": ["1500"]}, "Ignored budget"),
        ({"budget": ["١٥٠٠", "2500"]}, "Ignored budget"),
        ({"on_sale": ["1998-13"]}, "Ignored on_sale='1998-13'"),
        ({"on_sale": ["1970-01"]}, "Ignored on_sale='1970-01'"),
        ({"mine": ["my-toaster"]}, "Ignored mine='my-toaster'"),
        ({"event": ["wwdc-1901"]}, "Ignored event='wwdc-1901'"),
        ({"compare": ["imac-pro-2017", "mac-pro-2019", "mac-pro-2023", "mac-studio-m2-ultra-2023", "imac-24-m1-2021"]}, "Kept the first 4"),
        ({"on_sale": ["1990-01", "2000-01", "2010-01", "2020-01"]}, "Kept the first 3"),
    ],
)
def test_bad_question_parameters_fall_back_with_a_notice(options: ViewOptions, params: dict[str, list[str]], words: str) -> None:
    state, notices = parse_query(params, options)
    assert any(words in n for n in notices), notices
    assert len(state.compare) <= 4 and len(state.on_sale) <= 3


def test_an_event_highlights_the_macs_announced_there(options: ViewOptions) -> None:
    state = replace(default_state(options), event="wwdc-2017", highlight=())
    frame = make_view_frame(REAL.models, REAL.cpi, state)
    marked = set(frame.loc[frame["highlighted"], "model_id"])
    assert "imac-pro-2017" in marked and marked == set(REAL.models.loc[REAL.models["event_id"] == "wwdc-2017", "model_id"])
