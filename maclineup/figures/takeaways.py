"""One-line conclusions for chart titles, computed from the rows shown.

Each compares the start of the shown range with its end: the first two launch years with a value
against the last two (medians), so one odd model does not set the headline.
"""

from __future__ import annotations

import math

import pandas as pd

from maclineup.figures.style import ChartSpec, money, number


def fold(ratio: float) -> str:
    """A ratio as readers say it: 1.4, 12, 3,400."""
    if ratio >= 100:
        digits = math.floor(math.log10(ratio)) - 1
        return f"{round(ratio, -digits):,.0f}"
    return f"{ratio:.2g}" if ratio < 10 else f"{ratio:.0f}"


def _periods(df: pd.DataFrame, column: str) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """(label, median) of ``column`` over the first two and the last two launch years that have a value."""
    known = df.dropna(subset=[column])
    known = known.loc[known[column] > 0]
    if known.empty:
        return None
    years = known["launched"].dt.year
    first, last = int(years.min()), int(years.max())
    if last - first < 2:
        return None

    def period(lo: int, hi: int) -> tuple[str, float]:
        part = known.loc[years.between(lo, hi), column]
        in_range = sorted(set(years[years.between(lo, hi)]))
        label = str(in_range[0]) if len(in_range) == 1 else f"{in_range[0]}–{str(in_range[-1])[-2:]}"
        return label, float(part.median())

    return period(first, first + 1), period(last - 1, last)


def price_performance(df: pd.DataFrame, spec: ChartSpec) -> str:
    """How much performance grew while launch prices moved, across the shown range."""
    perf, price = _periods(df, "performance"), _periods(df, "price_shown_usd")
    if perf is None or price is None:
        return _few(df, spec)
    (p0, v0), (p1, v1) = perf
    (_, c0), (_, c1) = price
    return (
        f"{spec.metric.label} rose {fold(v1 / v0)}-fold from {p0} to {p1} while the median launch price went from {money(c0)} to {money(c1)} ({spec.dollars})"
    )


def price_over_time(df: pd.DataFrame, spec: ChartSpec) -> str:
    """Where the median launch price went."""
    price = _periods(df, "price_shown_usd")
    if price is None:
        return _few(df, spec)
    (p0, c0), (p1, c1) = price
    change = "fell" if c1 < c0 else "rose"
    return f"The median launch price {change} from {money(c0)} in {p0} to {money(c1)} in {p1} ({spec.dollars})"


def metric_over_time(df: pd.DataFrame, spec: ChartSpec) -> str:
    """How fast the measure grew: the fold change and the doubling time."""
    perf = _periods(df, "performance")
    if perf is None:
        return _few(df, spec)
    (p0, v0), (p1, v1) = perf
    years = df.dropna(subset=["performance"])["launched"].dt.year
    span = (years.max() + years.max() - 1) / 2 - (years.min() + years.min() + 1) / 2
    doubling = span * math.log(2) / math.log(v1 / v0) if v1 > v0 and span > 0 else None
    tail = f", doubling about every {doubling:.1f} years" if doubling else ""
    return f"{spec.metric.label} (median Mac) rose {fold(v1 / v0)}-fold from {p0} to {p1}{tail}"


def value_over_time(df: pd.DataFrame, spec: ChartSpec) -> str:
    """How much more performance a dollar bought at the end of the range than at its start."""
    value = _periods(df, "value")
    if value is None:
        return _few(df, spec)
    (p0, v0), (p1, v1) = value
    dollar = f"A dollar of {spec.base_year_label[:4]}" if spec.dollars != "dollars of the day" else "A dollar"
    return f"{dollar} bought {fold(v1 / v0)} times more {spec.metric.label.lower()} in {p1} than in {p0} (median Mac)"


def most_on_sale(starts: pd.Series, ends: pd.Series) -> tuple[int, int]:
    """The largest number of models on sale at once, and the first year it happened."""
    events = sorted([(s, 1) for s in starts.dropna()] + [(e, -1) for e in ends.dropna()], key=lambda t: (t[0], t[1]))
    best, year, now = 0, 0, 0
    for when, step in events:
        now += step
        if now > best:
            best, year = now, when.year
    return best, year


def timeline(starts: pd.Series, ends: pd.Series, count: int) -> str:
    """The peak of the shown lineup, counting only models whose end of sale is known."""
    known = ends.notna()
    best, year = most_on_sale(starts[known], ends[known])
    if int(known.sum()) <= 1:
        return f"{count} model{'s' if count != 1 else ''} shown; end of sale known for {int(known.sum())}"
    return f"At most {best} of these Macs were on sale at the same time, first in {year} (the {int(known.sum())} of {count} with a known end of sale)"


def coverage(df: pd.DataFrame) -> str:
    """How much of the shown catalogue has a price and a measured performance."""
    priced = int(df["price_usd"].notna().sum())
    exact = int((df["price_usd"].notna() & (df["price_precision"] == "exact")).sum())
    measured = int((~df["perf_index_basis"].fillna("estimated").str.contains("estimated")).sum()) if "perf_index_basis" in df else 0
    return f"{priced} of {len(df)} shown Macs have a launch price ({exact} exact); {measured} have a published benchmark score"


def _few(df: pd.DataFrame, spec: ChartSpec) -> str:
    """A range too short to compare: say what is there."""
    shown = df.dropna(subset=["performance"]) if "performance" in df else df
    if shown.empty:
        return f"No shown Mac has a value for {spec.metric.label}"
    top = shown.sort_values("performance").iloc[-1]
    return f"{len(shown)} Mac{'s' if len(shown) != 1 else ''} shown; the fastest by {spec.metric.label.lower()}: {top['name']} ({number(top['performance'])})"
