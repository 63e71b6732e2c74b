"""Pure figure builders: each takes the view frame and a ChartSpec and returns a Plotly figure.

Every builder is registered in FIGURES and answers one question, named in its docstring. Colours
come from one map per family and one per era, so a family looks the same in every chart.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from maclineup.coverage import COVERAGE_FIELDS, compute_field_coverage
from maclineup.metrics import Metric
from maclineup.schema import ARCHITECTURES, FAMILIES

_PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
    "#e6550d", "#31a354", "#756bb1", "#636363", "#9c9ede", "#cedb9c", "#e7ba52", "#e7969c",
    "#de9ed6", "#6baed6", "#fd8d3c", "#74c476",
)  # fmt: skip
FAMILY_COLORS: dict[str, str] = {f: _PALETTE[i % len(_PALETTE)] for i, f in enumerate(FAMILIES)}
ERA_COLORS: dict[str, str] = {
    "68k": "rgba(120,120,120,0.10)",
    "PowerPC": "rgba(31,119,180,0.10)",
    "Intel": "rgba(44,160,44,0.10)",
    "Apple silicon": "rgba(214,39,40,0.10)",
}


LAUNCH_AXIS = "Announced (released, where no announcement date is published)"


@dataclass(frozen=True)
class Era:
    """An architecture era: from its first model's announcement to the next era's."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp


@dataclass(frozen=True)
class ChartSpec:
    """Everything a builder needs besides the rows: measure, price mode, scale and dates."""

    metric: Metric
    price_label: str  # e.g. "Launch price (2026 US$)"
    log: bool
    as_of: date  # the right edge of bars for models still on sale
    eras: tuple[Era, ...] = ()  # from the whole catalogue, so filters do not move era edges
    base_year_label: str = ""  # the constant dollars of real prices, e.g. "2026, 5-month average"


def compute_eras(models: pd.DataFrame, as_of: date) -> tuple[Era, ...]:
    """Era bands derived from the catalogue: each starts with the first model of its architecture."""
    starts = models.groupby("architecture")["launched"].min()
    ordered = [(a, starts[a]) for a in ARCHITECTURES if a in starts.index]
    ends = [s for _, s in ordered[1:]] + [pd.Timestamp(as_of)]
    return tuple(Era(a, s, e) for (a, s), e in zip(ordered, ends, strict=True))


def _money(value: float) -> str:
    return "—" if pd.isna(value) else f"${value:,.0f}"


def _num(value: float, unit: str) -> str:
    if pd.isna(value):
        return "—"
    return f"{value:,.3g} {unit}" if value < 10 else f"{value:,.0f} {unit}"


def _memory(gb: float) -> str:
    if pd.isna(gb):
        return "—"
    if gb < 1:
        mb = gb * 1024
        return f"{mb * 1024:,.0f} KB" if mb < 1 else f"{mb:,.0f} MB"
    return f"{gb:,.0f} GB"


def _storage(gb: float) -> str:
    if pd.isna(gb):
        return "—"
    return f"{gb * 1000:,.0f} MB" if gb < 1 else (f"{gb / 1000:,.0f} TB" if gb >= 1000 else f"{gb:,.0f} GB")


PRICE_WORDS = {"exact": "", "approximate": "about ", "range-low": "from "}


def _price_words(row: Any, column: str) -> str:
    """A launch price as published: "$2,495", "about $2,000" or "from $2,700"."""
    return PRICE_WORDS.get(str(row.get("price_precision", "exact")), "") + _money(row[column]) if pd.notna(row[column]) else "—"


def _day(ts: pd.Timestamp) -> str:
    return "—" if pd.isna(ts) else f"{ts.day} {ts:%b %Y}"


def _launch_words(row: Any) -> str:
    if pd.notna(row["announced"]):
        return f"announced {_day(row['announced'])}"
    return f"released {_day(row['released'])} (announcement date unknown)"


def _band_words(row: Mapping[Any, Any], spec: ChartSpec) -> str:
    """For a measure with a band: its range, confidence and basis, on their own lines."""
    if spec.metric.band is None or pd.isna(row["performance"]):
        return ""
    basis = html.escape(str(row.get("perf_index_basis", "")))
    basis = basis if len(basis) <= 140 else basis[:139] + "…"
    band = f"{_num(row['performance_low'], '').strip()}–{_num(row['performance_high'], '').strip()}"
    return f" (band {band}, {html.escape(str(row.get('perf_index_confidence', '')))} confidence)<br><i>{basis}</i>"


def _top_words(row: Mapping[Any, Any]) -> list[str]:
    """The top standard configuration's price and measure, when known."""
    if pd.isna(row.get("price_max_usd")):
        return []
    top = row.get("performance_top")
    measure = f" · measure {_num(top, '').strip()}" if top is not None and pd.notna(top) else ""
    return [f"Top configuration {_money(row['price_max_usd'])} (nominal) · {_money(row['price_max_real_usd'])}{measure}"]


def hover_text(row: Mapping[Any, Any], spec: ChartSpec) -> str:
    """Hover card for one model: name, dates, both prices, key specs and the price source."""
    cpu = html.escape(str(row["cpu"])) if pd.notna(row["cpu"]) else "—"
    cores = "" if pd.isna(row["cpu_cores"]) else f"{int(row['cpu_cores'])}-core "
    src = urlparse(str(row["price_source"]).split("; ")[0]).netloc
    lines = [
        f"<b>{html.escape(str(row['name']))}</b> · {html.escape(str(row['family']))}",
        f"Announced {_day(row['announced'])} · released {_day(row['released'])}",
        f"Launch price {_price_words(row, 'price_usd')} (nominal) · {_price_words(row, 'price_real_usd')} (US$ of {spec.base_year_label or 'base year'})",
        *_top_words(row),
        f"{spec.metric.label}: {_num(row['performance'], spec.metric.unit.split(',')[0])}{_band_words(row, spec)}",
        f"CPU {cores}{cpu} {_num(row['cpu_clock_mhz'], 'MHz')}",
        f"Memory {_memory(row['ram_gb'])} · storage {_storage(row['storage_gb'])}",
        f"Source: {html.escape(src)}",
    ]
    return "<br>".join(lines)


def _base_layout(fig: go.Figure, title: str, x_title: str, y_title: str, revision: str) -> go.Figure:
    # The legend sits below the plot, so on a phone it wraps instead of squeezing the plot.
    fig.update_layout(
        title={"text": title},
        xaxis_title={"text": x_title},
        yaxis_title={"text": y_title},
        legend={"title": {"text": "Family"}, "orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        hovermode="closest",
        uirevision=revision,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
    )
    if fig.layout.height is None:
        fig.update_layout(height=640)
    return fig


APPROXIMATE_LEGEND = "Hollow: approximate launch price"


def _approximate(df: pd.DataFrame) -> pd.Series:
    """Rows whose base price was published only approximately (about, or the low end of a range)."""
    return df["price_usd"].notna() & (df["price_precision"] != "exact")


def _symbols(part: pd.DataFrame) -> list[str]:
    return ["circle-open" if a else "circle" for a in _approximate(part)]


def _approximate_legend(fig: go.Figure, df: pd.DataFrame) -> None:
    """A legend entry explaining hollow markers, when any shown price is approximate."""
    if _approximate(df).any():
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=APPROXIMATE_LEGEND, marker={"symbol": "circle-open", "color": "#777", "size": 9}, hoverinfo="skip"
            )
        )


def _family_traces(fig: go.Figure, df: pd.DataFrame, x: str, y: str, size: int = 9, extra: Callable[[pd.DataFrame], dict[str, Any]] | None = None) -> None:
    """One marker trace per family, in catalogue order, coloured and with hover cards; ``extra`` adds per-family settings."""
    for family in [f for f in FAMILIES if f in set(df["family"])]:
        part = df.loc[df["family"] == family]
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y],
                mode="markers",
                name=family,
                marker={
                    "color": FAMILY_COLORS[family],
                    "size": size,
                    "symbol": _symbols(part),
                    # Hollow markers (approximate prices) are drawn by their outline, in the family's colour.
                    "line": {
                        "width": [1.5 if a else 0.5 for a in _approximate(part)],
                        "color": [FAMILY_COLORS[family] if a else "white" for a in _approximate(part)],
                    },
                },
                customdata=part[["model_id"]].to_numpy(),
                hovertext=part["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                **(extra(part) if extra else {}),
            )
        )


def _error_bar(up: pd.Series, down: pd.Series, **style: Any) -> dict[str, Any]:
    """Plotly error-bar settings reaching ``up`` above and ``down`` below each point (nothing where unknown)."""
    return {
        "type": "data",
        "symmetric": False,
        "array": up.clip(lower=0).fillna(0).to_numpy(),
        "arrayminus": down.clip(lower=0).fillna(0).to_numpy(),
        "width": 0,
        **style,
    }


def _price_range_bar(part: pd.DataFrame) -> dict[str, Any]:
    """Error bar from the base price up to the top configuration's price (none where unknown)."""
    spread = part["price_max_shown_usd"] - part["price_shown_usd"]
    return {"error_y": _error_bar(spread, spread * 0, thickness=1.2)}


def _band_bar(axis: str, column: str = "performance") -> Callable[[pd.DataFrame], dict[str, Any]]:
    """Error bars along ``axis`` ("x" or "y") from ``column``_low to ``column``_high (the measure's band)."""

    def extra(part: pd.DataFrame) -> dict[str, Any]:
        up, down = part[f"{column}_high"] - part[column], part[column] - part[f"{column}_low"]
        return {f"error_{axis}": _error_bar(up, down, thickness=1, color="rgba(90,90,90,0.45)")}

    return extra


def _annotate_highlights(fig: go.Figure, df: pd.DataFrame, x: str, y: str, log_x: bool = False, log_y: bool = False) -> None:
    """Label the highlighted models (only those: hover does the rest)."""
    if not df["highlighted"].any():
        return
    # Where each point sits across the axis (0 = left, 1 = right), as drawn: in log10 on a log axis.
    xs = df[x].map(math.log10) if log_x else df[x]
    lo, span = xs.min(), xs.max() - xs.min()
    position = (xs - lo) / span if bool(span) else pd.Series(0.0, index=xs.index)
    marked = df["highlighted"]
    for (_, row), where_across in zip(df.loc[marked].iterrows(), position[marked], strict=True):
        # Point the label in from the side with more room, so it stays inside the plot.
        right_side = bool(where_across > 0.5)
        where = f" at {row['event']}" if pd.notna(row["event"]) else ""
        fig.add_annotation(
            # Plotly places annotations on log axes in log10 units.
            x=math.log10(row[x]) if log_x else row[x],
            y=math.log10(row[y]) if log_y else row[y],
            text=f"<b>{html.escape(str(row['name']))}</b><br>{_launch_words(row)}{html.escape(where)}, {_price_words(row, 'price_usd')}",
            showarrow=True,
            arrowhead=2,
            ax=-70 if right_side else 70,
            ay=-45,
            bgcolor="rgba(255,255,255,0.85)",
            font={"size": 11, "color": "#222"},
        )


def _value_axis(values: pd.Series, log: bool, money: bool = False, horizontal: bool = False) -> dict[str, object]:
    """Axis settings for a price or performance axis: readable ticks and a range fitted to the data.

    The range is set explicitly because Plotly's autorange also makes room for annotation text,
    which on a narrow screen stretched a log axis over many empty decades.
    """
    axis: dict[str, object] = {"type": "log" if log else "linear", "tickformat": "$~s" if money else ",~r"}
    shown = values.dropna()
    shown = shown[shown > 0] if log else shown
    if shown.empty:
        return axis
    lo, hi = float(shown.min()), float(shown.max())
    if log:
        pad = 0.08 * max(math.log10(hi / lo), 0.5)
        axis["range"] = [math.log10(lo) - pad, math.log10(hi) + pad]
        # Horizontal log axes, and tall ranges, label each decade only (they would crowd); grid at 2 and 5.
        decades_only = horizontal or math.log10(hi / lo) > 4
        axis["dtick"] = 1 if decades_only else "D2"
        if decades_only:
            axis["minor"] = {"dtick": "D2", "showgrid": True}
    else:
        pad = 0.05 * ((hi - lo) or abs(hi) or 1.0)
        axis["range"] = [min(0.0, lo - pad) if lo >= 0 else lo - pad, hi + pad]
    return axis


def _with_hover(df: pd.DataFrame, spec: ChartSpec) -> pd.DataFrame:
    """Add the hover card of every row once (records are much faster than iterrows)."""
    return df.assign(hover=[hover_text(r, spec) for r in df.to_dict("records")])


def _plottable(df: pd.DataFrame, spec: ChartSpec, *columns: str) -> pd.DataFrame:
    keep = df[list(columns)].notna().all(axis=1)
    return _with_hover(df.loc[keep], spec)


TOP_LEGEND = "Top configuration (line from the base)"


def _add_top_configurations(fig: go.Figure, shown: pd.DataFrame) -> pd.DataFrame:
    """Each model with a known top price and top measure as a line from its base point to its top point.

    Price and performance of one point always describe the same configuration. Returns the rows drawn.
    """
    tops = shown.dropna(subset=["performance_top", "price_max_shown_usd"])
    tops = tops.loc[(tops["price_max_shown_usd"] > tops["price_shown_usd"]) | (tops["performance_top"] != tops["performance"])]
    if tops.empty:
        return tops
    xs: list[Any] = []
    ys: list[Any] = []
    for base_x, base_y, top_x, top_y in tops[["performance", "price_shown_usd", "performance_top", "price_max_shown_usd"]].itertuples(index=False):
        xs += [base_x, top_x, None]
        ys += [base_y, top_y, None]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", name=TOP_LEGEND, line={"color": "rgba(120,120,120,0.55)", "width": 1}, hoverinfo="skip", legendgroup="top")
    )
    names = [f"<b>{html.escape(str(n))}</b>, top configuration" for n in tops["name"]]
    fig.add_trace(
        go.Scatter(
            x=tops["performance_top"],
            y=tops["price_max_shown_usd"],
            mode="markers",
            name=TOP_LEGEND,
            showlegend=False,
            legendgroup="top",
            marker={"symbol": "diamond", "size": 6, "color": "rgba(120,120,120,0.8)"},
            hovertext=[
                f"{n}<br>{_money(p)} · measure {_num(v, '').strip()}"
                for n, p, v in zip(names, tops["price_max_shown_usd"], tops["performance_top"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    return tops


def make_price_performance_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """What did each Mac cost at launch against how fast it was?"""
    shown = _plottable(df, spec, "performance", "price_shown_usd")
    fig = go.Figure()
    tops = _add_top_configurations(fig, shown)
    _family_traces(fig, shown, "performance", "price_shown_usd", extra=_band_bar("x") if spec.metric.band else None)
    _approximate_legend(fig, shown)
    _annotate_highlights(fig, shown, "performance", "price_shown_usd", log_x=spec.log, log_y=spec.log)
    fig.update_xaxes(**_value_axis(pd.concat([shown["performance"], tops["performance_top"]]), spec.log, horizontal=True))
    fig.update_yaxes(**_value_axis(pd.concat([shown["price_shown_usd"], tops["price_max_shown_usd"]]), spec.log, money=True))
    return _base_layout(fig, "Launch price vs performance", spec.metric.axis_title, spec.price_label, "price-performance")


def _add_era_bands(fig: go.Figure, eras: tuple[Era, ...], df: pd.DataFrame) -> None:
    """Shade each architecture era within the shown dates, and fix the date range to the data."""
    if df.empty:
        return
    pad = pd.Timedelta(days=120)
    lo, hi = df["launched"].min() - pad, df["launched"].max() + pad
    fig.update_xaxes(range=[lo, hi])
    for era in eras:
        if era.end < lo or era.start > hi:
            continue
        fig.add_vrect(
            x0=max(era.start, lo),
            x1=min(era.end, hi),
            fillcolor=ERA_COLORS[era.name],
            line_width=0,
            layer="below",
            annotation_text=era.name,
            annotation_position="top left",
            annotation_font_size=11,
        )


def make_price_over_time_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """How did launch prices, base to top configuration, move over the years?"""
    shown = _plottable(df, spec, "price_shown_usd")
    fig = go.Figure()
    _family_traces(fig, shown, "launched", "price_shown_usd", size=8, extra=_price_range_bar)
    _approximate_legend(fig, shown)
    _add_era_bands(fig, spec.eras, df)
    _annotate_highlights(fig, shown, "launched", "price_shown_usd", log_y=spec.log)
    fig.update_yaxes(**_value_axis(pd.concat([shown["price_shown_usd"], shown["price_max_shown_usd"]]), spec.log, money=True))
    title = "Launch price over time (dot: base configuration; bar up to the top configuration)"
    return _base_layout(fig, title, LAUNCH_AXIS, spec.price_label, "price-over-time")


def make_metric_over_time_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """How did the chosen performance measure grow over the years?"""
    shown = _plottable(df, spec, "performance")
    fig = go.Figure()
    _family_traces(fig, shown, "launched", "performance", extra=_band_bar("y") if spec.metric.band else None)
    _add_era_bands(fig, spec.eras, df)
    _annotate_highlights(fig, shown, "launched", "performance", log_y=spec.log)
    fig.update_yaxes(**_value_axis(shown["performance"], spec.log))
    return _base_layout(fig, f"{spec.metric.label} over time", LAUNCH_AXIS, spec.metric.axis_title, "metric-over-time")


def value_axis_title(spec: ChartSpec) -> str:
    """Axis title of the value chart: the measure per 1,000 dollars of the shown price."""
    dollars = f"US$ of {spec.base_year_label}" if "US$ of" in spec.price_label else "US$, nominal"
    return f"{spec.metric.label} per $1,000 ({dollars})"


def make_value_over_time_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """How much performance did a dollar buy at launch, and how did the best value move?"""
    shown = _plottable(df, spec, "value")
    fig = go.Figure()
    has_band = spec.metric.band is not None
    _family_traces(fig, shown, "launched", "value", extra=_band_bar("y", "value") if has_band else None)
    frontier = shown.sort_values("launched")
    best = frontier["value"].cummax()
    on_frontier = frontier.loc[frontier["value"] >= best]
    fig.add_trace(
        go.Scatter(
            x=on_frontier["launched"],
            y=on_frontier["value"],
            mode="lines",
            line={"shape": "hv", "color": "#222", "width": 1.5, "dash": "dot"},
            name="Best value so far",
            hovertext=on_frontier["name"],
            hovertemplate="Best value so far: %{hovertext}<extra></extra>",
        )
    )
    _add_era_bands(fig, spec.eras, df)
    _annotate_highlights(fig, shown, "launched", "value", log_y=spec.log)
    fig.update_yaxes(**_value_axis(shown["value"], spec.log))
    title = "Value: performance per $1,000 of launch price (base configuration; dotted: best value so far)"
    return _base_layout(fig, title, LAUNCH_AXIS, value_axis_title(spec), "value-over-time")


def make_timeline_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """Which Macs were on sale when, family by family?"""
    start = df["released"].fillna(df["launched"])
    end = df["discontinued"].fillna(pd.Timestamp(spec.as_of))
    bars = _with_hover(df, spec).assign(start=start, end=end).sort_values(["family", "start"], key=lambda s: s.map(FAMILIES.index) if s.name == "family" else s)
    fig = go.Figure()
    for family in [f for f in FAMILIES if f in set(bars["family"])]:
        part = bars.loc[bars["family"] == family]
        on_sale = part["discontinued"].isna()
        fig.add_trace(
            go.Bar(
                base=part["start"],
                x=(part["end"] - part["start"]).dt.total_seconds() * 1000,
                y=part["name"],
                orientation="h",
                name=family,
                marker={"color": FAMILY_COLORS[family], "pattern": {"shape": ["/" if s else "" for s in on_sale]}},
                customdata=part[["model_id"]].to_numpy(),
                hovertext=part["hover"] + on_sale.map({True: "<br><i>still on sale or end date unknown</i>", False: ""}),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    height = max(360, 18 * len(bars) + 120)
    fig.update_layout(barmode="overlay", height=height)
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(bars["name"]), title_text="")
    title = "Lineup timeline: on sale from release to discontinuation (hatched: still on sale or end unknown)"
    return _base_layout(fig, title, "Date", "Model", "timeline")


def make_coverage_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """Which fields does the catalogue know, era by era and family by family?"""
    cov = compute_field_coverage(df)
    cov = cov.assign(group=cov["architecture"] + " · " + cov["family"] + " (" + cov["models"].astype(str) + ")")
    groups = list(dict.fromkeys(cov["group"]))
    share = cov.pivot(index="group", columns="field", values="share").reindex(index=groups, columns=list(COVERAGE_FIELDS))
    known = cov.pivot(index="group", columns="field", values="known").reindex(index=groups, columns=list(COVERAGE_FIELDS))
    totals = cov.drop_duplicates("group").set_index("group")["models"].reindex(groups)
    text = [[f"{int(k)}/{int(n)}" for k in row] for row, n in zip(known.to_numpy(), totals.to_numpy(), strict=True)]
    fig = go.Figure(
        go.Heatmap(
            z=share.to_numpy(),
            x=list(COVERAGE_FIELDS),
            y=groups,
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar={"title": {"text": "share known"}, "tickformat": ".0%"},
            hovertemplate="%{y}<br>%{x}: %{text} models have a value<extra></extra>",
        )
    )
    fig.update_layout(height=max(360, 24 * len(groups) + 160))
    fig.update_yaxes(autorange="reversed")
    layout = _base_layout(fig, "What the catalogue knows: models with a value, per era and family", "Field", "Era · family (models)", "coverage")
    layout.update_layout(legend_title_text="")
    return layout


FigureBuilder = Callable[[pd.DataFrame, ChartSpec], go.Figure]
FIGURES: dict[str, FigureBuilder] = {
    "price-performance": make_price_performance_figure,
    "price-over-time": make_price_over_time_figure,
    "metric-over-time": make_metric_over_time_figure,
    "value-over-time": make_value_over_time_figure,
    "timeline": make_timeline_figure,
    "coverage": make_coverage_figure,
}
