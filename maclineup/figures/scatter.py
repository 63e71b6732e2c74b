"""Launch price against performance: one point per model, highlighted models labelled."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from maclineup.figures import takeaways
from maclineup.figures.marks import band, group_traces, highlight_trace, label_highlights, mine_mark, reference_mark, top_configurations
from maclineup.figures.style import ChartSpec, add_key, base_layout, color_groups, money, number, value_axis, with_hover


def plottable(df: pd.DataFrame, spec: ChartSpec, *columns: str) -> pd.DataFrame:
    """Rows with every column known, with their hover cards."""
    keep = df[list(columns)].notna().all(axis=1)
    return with_hover(df.loc[keep], spec)


def highlight_text(spec: ChartSpec, x_label: str = "") -> Any:
    """A highlighted model's label: its name, the plotted price and the measure's value."""

    def text(row: Any) -> str:
        year = f" ({row['launched'].year})" if str(row["launched"].year) not in str(row["name"]) else ""
        price = f"{money(row['price_shown_usd'])}" if pd.notna(row.get("price_shown_usd")) else ""
        measure = f"{x_label or spec.metric.label} {number(row['performance'])}" if pd.notna(row.get("performance")) else ""
        return f"<b>{html.escape(str(row['name']))}</b>{year}<br>{' · '.join(p for p in (price, measure) if p)}"

    return text


def make_price_performance_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """What did each Mac cost at launch against how fast it was?"""
    shown = plottable(df, spec, "performance", "price_shown_usd")
    fig = go.Figure()
    tops = top_configurations(fig, shown, spec)
    has_band = spec.metric.band is not None
    group_traces(fig, shown, "performance", "price_shown_usd", spec, extra=band("x", "performance", spec) if has_band and spec.bands else None)
    add_key(fig, shown, spec)
    reference_mark(fig, shown, "performance", "price_shown_usd", spec, log_x=spec.log, log_y=spec.log)
    highlight_trace(fig, shown, "performance", "price_shown_usd", spec, extra=band("x", "performance", spec) if has_band else None)
    label_highlights(fig, shown, "performance", "price_shown_usd", spec, highlight_text(spec), log_x=spec.log, log_y=spec.log)
    mine_mark(fig, shown, "performance", "price_shown_usd", spec, log_x=spec.log, log_y=spec.log)
    fig.update_xaxes(**value_axis(pd.concat([shown["performance"], tops.get("performance_top", pd.Series(dtype=float))]), spec.log, most=7))
    fig.update_yaxes(**value_axis(pd.concat([shown["price_shown_usd"], tops.get("price_max_shown_usd", pd.Series(dtype=float))]), spec.log, money_axis=True))
    subtitle = f"Each dot is a Mac's base configuration at launch; {'bars show the likely range' if has_band else 'published values only'}"
    fig.update_layout(height=540)
    return base_layout(fig, takeaways.price_performance(shown, spec), subtitle, spec.metric.axis_title, spec.price_label, spec, "price-performance")


def make_price_performance_animation(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """How did the lineup fill the price-performance plane, year by year? (Plotly frames, played in the browser.)"""
    shown = plottable(df, spec, "performance", "price_shown_usd")
    years = sorted(set(shown["launched"].dt.year))
    groups = [(name, part) for name, part in color_groups(shown, spec)]

    def frame_data(year: int) -> list[go.Scatter]:
        traces = []
        for name, part in groups:
            upto = part.loc[part["launched"].dt.year <= year]
            current = upto["launched"].dt.year == year
            traces.append(
                go.Scatter(
                    x=upto["performance"],
                    y=upto["price_shown_usd"],
                    mode="markers",
                    name=name,
                    text=upto["name"],
                    hovertemplate="%{text}<extra></extra>",
                    # This year's Macs in full colour; earlier years fade into a trail.
                    marker={"color": spec.scheme.colors[name], "size": [10 if c else 6 for c in current], "opacity": [1.0 if c else 0.25 for c in current]},
                )
            )
        return traces

    # The chart opens on the last year (the whole lineup); Play runs from the first.
    fig = go.Figure(data=frame_data(years[-1]) if years else [], frames=[go.Frame(data=frame_data(y), name=str(y)) for y in years])
    fig.update_xaxes(**value_axis(shown["performance"], spec.log, most=7))
    fig.update_yaxes(**value_axis(shown["price_shown_usd"], spec.log, money_axis=True))
    play = {"frame": {"duration": 450, "redraw": False}, "transition": {"duration": 150}, "mode": "immediate"}
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "showactive": False,
                "x": 0,
                "y": -0.28,
                "xanchor": "left",
                "direction": "left",
                "buttons": [
                    {"label": "▶ Play", "method": "animate", "args": [[str(y) for y in years], play]},
                    {"label": "❚❚ Pause", "method": "animate", "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]},
                ],
            }
        ],
        sliders=[
            {
                "active": max(len(years) - 1, 0),
                "x": 0.18,
                "len": 0.82,
                "y": -0.22,
                "currentvalue": {"prefix": "Launched up to ", "font": {"size": 13}},
                "steps": [
                    {"label": str(y), "method": "animate", "args": [[str(y)], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]} for y in years
                ],
            }
        ],
        height=620,
        margin={"b": 140},
    )
    subtitle = "Each frame adds one launch year (bright); earlier years stay as a faded trail. Axes are fixed while it plays"
    return base_layout(fig, takeaways.price_performance(shown, spec), subtitle, spec.metric.axis_title, spec.price_label, spec, "price-performance-play")
