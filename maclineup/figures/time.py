"""Charts over launch dates: prices, the measure and value per dollar, on architecture-era bands."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from maclineup.figures import takeaways
from maclineup.figures.marks import band, error_bar, group_traces, highlight_trace, label_highlights, mine_mark, reference_mark
from maclineup.figures.scatter import highlight_text, plottable
from maclineup.figures.style import COLOR_SCHEMES, ChartSpec, add_key, base_layout, money, number, value_axis, wrap

# Era names sit just under the row of keynote marks along the top edge (at 0.985 of the chart height).
ERA_LABEL_Y = 0.96
LAUNCH_AXIS = "Announced (or released)"  # released where no announcement date is published; short enough for phones


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def add_era_bands(fig: go.Figure, df: pd.DataFrame, spec: ChartSpec) -> None:
    """Shade each architecture era within the shown dates (as layout shapes), and fix the date range to the data."""
    if df.empty:
        return
    pad = pd.Timedelta(days=150)
    lo, hi = df["launched"].min() - pad, df["launched"].max() + pad
    fig.update_xaxes(range=[lo, hi], type="date")
    colors = COLOR_SCHEMES["architecture"].colors
    shapes, notes = [], []
    for era in spec.eras:
        if era.end < lo or era.start > hi:
            continue
        x0, x1 = max(era.start, lo), min(era.end, hi)
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": x0,
                "x1": x1,
                "y0": 0,
                "y1": 1,
                "fillcolor": _rgba(colors[era.name], spec.colors.era_alpha),
                "line": {"width": 0},
                "layer": "below",
            }
        )
        # The band reaching the right edge is named from its right end: on a phone it can be narrower than its name.
        at_right = x1 == hi and x0 > lo
        notes.append(
            {
                "x": x1 if at_right else x0,
                "xref": "x",
                "y": ERA_LABEL_Y,
                "yref": "paper",
                "text": html.escape(era.name),
                "showarrow": False,
                "xanchor": "right" if at_right else "left",
                "yanchor": "top",
                "font": {"size": 10, "color": spec.colors.muted},
            }
        )
    fig.update_layout(shapes=shapes, annotations=notes)


def add_event_marks(fig: go.Figure, df: pd.DataFrame, spec: ChartSpec) -> None:
    """Keynotes and press releases where the shown Macs were announced, as marks along the top edge."""
    if df.empty or not spec.events:
        return
    lo, hi = df["launched"].min(), df["launched"].max()
    shown_ids = set(df["event_id"].dropna())
    events = [e for e in spec.events if e[0] in shown_ids and lo <= e[2] <= hi]
    if not events:
        return
    chosen = [e[0] == spec.event for e in events]
    fig.add_trace(
        go.Scatter(
            x=[e[2] for e in events],
            y=[0.985] * len(events),
            yaxis="y2",
            cliponaxis=False,  # drawn whole at the top edge, not cut in half by it
            mode="markers",
            name="Keynotes and press releases",
            marker={
                "symbol": "triangle-down",
                "size": [13 if c else 7 for c in chosen],
                "color": spec.colors.muted,
                "line": {"width": [2 if c else 0 for c in chosen], "color": spec.colors.text},
            },
            hovertext=[f"<b>{html.escape(n)}</b> · {d:%d %b %Y}<br>{wrap('Announced: ' + macs)}" for _, n, d, macs in events],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    # Its own 0-1 axis over the chart: the value axis is set on "yaxis" alone (update_yaxes would reach this one too).
    fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True})
    for event_id, name, when, _ in events:
        if event_id == spec.event:
            fig.add_annotation(
                x=when,
                y=0.95,
                yref="paper",
                text=html.escape(name),
                showarrow=False,
                yanchor="top",
                font={"size": 11, "color": spec.colors.text},
                bgcolor=spec.colors.label_background,
            )


def _price_range(spec: ChartSpec) -> object:
    def extra(part: pd.DataFrame) -> dict[str, object]:
        spread = part["price_max_shown_usd"] - part["price_shown_usd"]
        return {"error_y": error_bar(spread, spread * 0, thickness=1, color=spec.colors.muted)}

    return extra


def make_price_over_time_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """How did launch prices, base to top configuration, move over the years?"""
    shown = plottable(df, spec, "price_shown_usd")
    fig = go.Figure()
    add_era_bands(fig, df, spec)
    group_traces(fig, shown, "launched", "price_shown_usd", spec, size=7, extra=_price_range(spec))  # type: ignore[arg-type]
    add_key(fig, shown, spec)
    highlight_trace(fig, shown, "launched", "price_shown_usd", spec, extra=_price_range(spec))  # type: ignore[arg-type]
    label_highlights(fig, shown, "launched", "price_shown_usd", spec, highlight_text(spec), log_y=spec.log)
    mine_mark(fig, shown, "launched", "price_shown_usd", spec, log_y=spec.log)
    add_event_marks(fig, shown, spec)
    fig.update_layout(yaxis=value_axis(pd.concat([shown["price_shown_usd"], shown["price_max_shown_usd"]]), spec.log, money_axis=True))
    subtitle = "Dot: base configuration; line up to the top standard configuration's price"
    return base_layout(fig, takeaways.price_over_time(shown, spec), subtitle, LAUNCH_AXIS, spec.price_label, spec, "price-over-time")


def make_metric_over_time_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """How did the chosen performance measure grow over the years?"""
    shown = plottable(df, spec, "performance")
    fig = go.Figure()
    add_era_bands(fig, df, spec)
    has_band = spec.metric.band is not None
    group_traces(
        fig, shown, "launched", "performance", spec, extra=band("y", "performance", spec) if has_band and spec.bands else None, price=False, legend=False
    )
    add_key(fig, shown, spec, price=False)
    reference_mark(fig, shown, "launched", "performance", spec, log_y=spec.log)
    highlight_trace(fig, shown, "launched", "performance", spec, extra=band("y", "performance", spec) if has_band else None, price=False)

    def text(row: object) -> str:
        return f"<b>{html.escape(str(row['name']))}</b><br>{html.escape(spec.metric.label)} {number(row['performance'])}"  # type: ignore[index]

    label_highlights(fig, shown, "launched", "performance", spec, text, log_y=spec.log)
    mine_mark(fig, shown, "launched", "performance", spec, log_y=spec.log)
    add_event_marks(fig, shown, spec)
    fig.update_layout(yaxis=value_axis(shown["performance"], spec.log))
    subtitle = "Base configuration of each Mac, by launch date" + ("; hollow: estimated" if has_band else "")
    return base_layout(fig, takeaways.metric_over_time(shown, spec), subtitle, LAUNCH_AXIS, spec.metric.axis_title, spec, "metric-over-time")


def value_axis_title(spec: ChartSpec) -> str:
    """Axis title of the value chart: the measure per 1,000 dollars of the shown price."""
    dollars = f"US$ of {spec.base_year_label}" if "US$ of" in spec.price_label else "US$, nominal"
    return f"{spec.metric.label} per $1,000 ({dollars})"


def make_value_over_time_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """How much performance did a dollar buy at launch, and how did the best value move?"""
    shown = plottable(df, spec, "value")
    fig = go.Figure()
    add_era_bands(fig, df, spec)
    has_band = spec.metric.band is not None
    group_traces(fig, shown, "launched", "value", spec, extra=band("y", "value", spec) if has_band and spec.bands else None)
    frontier = shown.sort_values("launched")
    best = frontier["value"].cummax()
    on_frontier = frontier.loc[frontier["value"] >= best]
    fig.add_trace(
        go.Scatter(
            x=on_frontier["launched"],
            y=on_frontier["value"],
            mode="lines",
            line={"shape": "hv", "color": spec.colors.text, "width": 1.5, "dash": "dot"},
            name="Best value so far",
            hovertext=on_frontier["name"],
            hovertemplate="Best value so far: %{hovertext}<extra></extra>",
        )
    )
    add_key(fig, shown, spec)
    highlight_trace(fig, shown, "launched", "value", spec, extra=band("y", "value", spec) if has_band else None)

    def text(row: object) -> str:
        return f"<b>{html.escape(str(row['name']))}</b><br>{number(row['value'])} per $1,000 · {money(row['price_shown_usd'])}"  # type: ignore[index]

    label_highlights(fig, shown, "launched", "value", spec, text, log_y=spec.log)
    mine_mark(fig, shown, "launched", "value", spec, log_y=spec.log)
    fig.update_layout(yaxis=value_axis(shown["value"], spec.log))
    subtitle = "Measure per $1,000 of the base configuration's launch price; dotted: the best value so far"
    return base_layout(fig, takeaways.value_over_time(shown, spec), subtitle, LAUNCH_AXIS, value_axis_title(spec), spec, "value-over-time")
