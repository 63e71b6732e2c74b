"""Which figures and coverage lines each chart view shows, from the view frame and state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from maclineup.figures import FIGURES, ChartSpec, Era, value_axis_title
from maclineup.inflation import cpi_year_label
from maclineup.metrics import METRICS, compute_coverage
from maclineup.perfindex import METHOD_MARKDOWN, IndexDescription
from maclineup.viewstate import ViewState

VIEW_FIGURES: dict[str, tuple[str, ...]] = {
    "price-performance": ("price-performance",),
    "over-time": ("price-over-time", "metric-over-time"),
    "value": ("value-over-time",),
    "timeline": ("timeline",),
    "coverage": ("coverage",),
}


PLAY_FIGURE = "price-performance-play"
CHART_KEYS: tuple[str, ...] = (*(f"chart_{name}" for names in VIEW_FIGURES.values() for name in names), f"chart_{PLAY_FIGURE}")


@dataclass(frozen=True)
class ChartView:
    """The figures of one view, keyed for Streamlit, with their coverage lines."""

    figures: tuple[tuple[str, go.Figure], ...]
    coverage: tuple[str, ...]
    hint: str = ""
    table_title: str = ""
    table: pd.DataFrame | None = None
    method: MethodNotes | None = None
    empty: str = ""  # why nothing can be drawn for these filters (shown instead of empty charts)


@dataclass(frozen=True)
class MethodNotes:
    """The "How performance is measured" section: the method, the benchmark chain and confidence per era."""

    text: str
    chain: pd.DataFrame
    confidence: pd.DataFrame


def event_marks(models: pd.DataFrame, events: pd.DataFrame) -> tuple[tuple[str, str, pd.Timestamp, str], ...]:
    """Every event at which Macs were announced, with the names of those Macs (for the time axes' markers)."""
    announced = models.dropna(subset=["event_id"]).groupby("event_id")["name"].agg(lambda names: "; ".join(names))
    rows = events.loc[events["event_id"].isin(announced.index)]
    return tuple((str(e), str(n), pd.Timestamp(d), str(announced[e])) for e, n, d in zip(rows["event_id"], rows["name"], rows["date"], strict=True))


def make_chart_spec(
    state: ViewState, cpi: pd.DataFrame, eras: tuple[Era, ...], as_of: date, theme: str = "light", events: tuple[tuple[str, str, pd.Timestamp, str], ...] = ()
) -> ChartSpec:
    """Axis labels and settings for the state's measure, price mode, scale, colours, events and the reader's theme."""
    label = f"Launch price (US$ of {cpi_year_label(cpi, state.base_year)})" if state.price == "real" else "Launch price (US$, nominal)"
    return ChartSpec(
        metric=METRICS[state.metric],
        price_label=label,
        log=state.log,
        as_of=as_of,
        eras=eras,
        base_year_label=cpi_year_label(cpi, state.base_year),
        color=state.color,
        bands=state.bands,
        theme=theme if theme in ("light", "dark") else "light",
        events=events,
        event=state.event,
    )


# What each chart view needs a value of; without one among the shown rows, a message replaces the charts.
VIEW_NEEDS: dict[str, tuple[str, ...]] = {
    "price-performance": ("performance", "price_shown_usd"),
    "over-time": ("price_shown_usd",),
    "value": ("value",),
}


def empty_message(df: pd.DataFrame, view: str, spec: ChartSpec) -> str:
    """Why ``view`` has nothing to draw for these rows, or "" when it has."""
    needs = VIEW_NEEDS.get(view, ())
    if not needs or df[list(needs)].notna().all(axis=1).any():
        return ""
    has_measure = df["performance"].notna().any()
    if not has_measure:
        return (
            f"None of the {len(df)} models these filters show has a value for {spec.metric.label}. "
            "Choose another performance measure (the performance index covers every model) or widen the filters."
        )
    return (
        f"None of the {len(df)} models these filters show has both a launch price and a value for {spec.metric.label}. "
        "Widen the filters or choose another measure."
    )


def coverage_lines(df: pd.DataFrame, view: str, spec: ChartSpec) -> tuple[str, ...]:
    """What each chart of ``view`` leaves out because a value is unknown."""
    metric = spec.metric.label
    if view == "price-performance":
        both = df.assign(both=df["performance"].where(df["price_shown_usd"].notna()))
        return (compute_coverage(both, "both").summary(f"Plotted (launch price and {metric} both known)"),)
    if view == "over-time":
        return (
            compute_coverage(df, "price_shown_usd").summary("Launch price"),
            compute_coverage(df, "price_max_shown_usd").summary("Top-configuration price (bar)"),
            compute_coverage(df, "performance").summary(metric),
        )
    if view == "value":
        return (compute_coverage(df, "value").summary(f"Plotted ({value_axis_title(spec)}: launch price and {metric} both known)"),)
    if view == "timeline":
        return (
            compute_coverage(df.assign(end=df["discontinued"].fillna(df["successor_released"])), "end").summary(
                "End of sale (a discontinuation date, or the successor's release)"
            ),
            compute_coverage(df, "released").summary("Release date (bars without one start at the announcement)"),
        )
    if view == "coverage":
        return (
            "Each cell counts the shown models of that era and family with a value in that field. "
            "An empty cell means no published source was found; the row's notes say why.",
        )
    return ()


CHAIN_TITLE = (
    "Benchmarks of the performance index, newest first: scores per benchmark, the bridge models measured on it "
    "and the next newer one, and the conversion factor with its uncertainty (whole catalogue)."
)
MEASURE_VIEWS = frozenset({"price-performance", "over-time", "value"})


def make_chart_view(df: pd.DataFrame, view: str, spec: ChartSpec, index: IndexDescription, play: bool = False) -> ChartView:
    """Build every figure of a chart view; ``index`` describes the performance index of the whole catalogue.

    With ``play`` the price-performance chart is the animated one (by launch year, played in the browser).
    """
    names = (PLAY_FIGURE,) if play and view == "price-performance" else VIEW_FIGURES[view]
    with_chain = view == "coverage"
    empty = empty_message(df, view, spec)
    return ChartView(
        figures=() if empty else tuple((f"chart_{name}", FIGURES[name](df, spec)) for name in names),
        empty=empty,
        coverage=coverage_lines(df, view, spec),
        hint="" if view == "coverage" else "Hover over a model for its dates, prices, specs and source; click it to label it.",
        table_title=CHAIN_TITLE if with_chain else "",
        table=index.chain if with_chain else None,
        method=MethodNotes(METHOD_MARKDOWN, index.chain, index.confidence) if view in MEASURE_VIEWS else None,
    )
