"""Chart titles state what the shown rows say: checked on small frames with known answers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from maclineup.figures import takeaways
from maclineup.figures.style import ChartSpec
from maclineup.metrics import METRICS

SPEC = ChartSpec(metric=METRICS["performance-index"], price_label="Launch price (US$ of 2026)", log=True, as_of=date(2026, 11, 1), base_year_label="2026")


def _frame(rows: list[tuple[str, float, float]]) -> pd.DataFrame:
    """(launch date, performance, shown price) per model."""
    df = pd.DataFrame(rows, columns=["launched", "performance", "price_shown_usd"])
    df = df.assign(launched=pd.to_datetime(df["launched"]), name=[f"Mac {i}" for i in range(len(df))])
    return df.assign(value=df["performance"] / df["price_shown_usd"] * 1000)


FRAME = _frame(
    [
        ("1990-03-01", 10, 4000),
        ("1991-06-01", 20, 2000),  # first period 1990-91: medians 15 and $3,000
        ("2000-01-01", 500, 2500),
        ("2019-05-01", 3000, 1500),
        ("2020-09-01", 6000, 1000),  # last period 2019-20: medians 4,500 and $1,250
    ]
)


def test_price_performance_title_compares_the_start_and_end_of_the_range() -> None:
    assert takeaways.price_performance(FRAME, SPEC) == (
        "Performance index rose 300-fold from 1990–91 to 2019–20 while the median launch price went from $3,000 to $1,250 (2026 dollars)"
    )


def test_price_over_time_title_says_which_way_prices_went() -> None:
    assert takeaways.price_over_time(FRAME, SPEC) == "The median launch price fell from $3,000 in 1990–91 to $1,250 in 2019–20 (2026 dollars)"


def test_metric_over_time_title_gives_the_doubling_time() -> None:
    title = takeaways.metric_over_time(FRAME, SPEC)
    # 300-fold over the 29 years between the periods' middles: doubling every 29 × ln 2 / ln 300 = 3.5 years.
    assert title == "Performance index (median Mac) rose 300-fold from 1990–91 to 2019–20, doubling about every 3.5 years"


def test_value_title_says_how_much_more_a_dollar_bought() -> None:
    # Medians of value: 1990-91 (2.5, 10) -> 6.25; 2019-20 (2000, 6000) -> 4000; 640 times.
    assert takeaways.value_over_time(FRAME, SPEC) == "A dollar of 2026 bought 640 times more performance index in 2019–20 than in 1990–91 (median Mac)"


def test_a_short_range_names_the_fastest_model_instead() -> None:
    short = FRAME.iloc[3:]
    assert takeaways.price_performance(short, SPEC) == "2 Macs shown; the fastest by performance index: Mac 4 (6,000)"


def test_the_timeline_title_finds_the_peak_of_models_on_sale() -> None:
    starts = pd.to_datetime(pd.Series(["2000-01-01", "2001-01-01", "2002-06-01", "2010-01-01"]))
    ends = pd.to_datetime(pd.Series(["2003-01-01", "2002-12-01", "2004-01-01", None]))
    assert takeaways.most_on_sale(starts[:3], ends[:3]) == (3, 2002)
    # A model without a known end is never counted as still on sale.
    assert takeaways.timeline(starts, ends, 4) == "At most 3 of these Macs were on sale at the same time, first in 2002 (the 3 of 4 with a known end of sale)"


@pytest.mark.parametrize(("ratio", "text"), [(1.44, "1.4"), (12.4, "12"), (340, "340"), (3456, "3,500"), (123_456, "120,000")])
def test_ratios_are_written_as_readers_say_them(ratio: float, text: str) -> None:
    assert takeaways.fold(ratio) == text
