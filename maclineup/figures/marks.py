"""Marks several charts draw: points by colour group, highlighted models, the reference model, top configurations."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from maclineup.figures.style import ChartSpec, color_groups, group_color, money, number, symbols, wrap

BandFn = Callable[[pd.DataFrame], dict[str, Any]]


def error_bar(up: pd.Series, down: pd.Series, **style: Any) -> dict[str, Any]:
    """Plotly error-bar settings reaching ``up`` above and ``down`` below each point (nothing where unknown)."""
    return {
        "type": "data",
        "symmetric": False,
        "array": up.clip(lower=0).fillna(0).to_numpy(),
        "arrayminus": down.clip(lower=0).fillna(0).to_numpy(),
        "width": 0,
        **style,
    }


def band(axis: str, column: str, spec: ChartSpec) -> BandFn:
    """Error bars along ``axis`` ("x" or "y") from ``column``_low to ``column``_high (the measure's band)."""

    def extra(part: pd.DataFrame) -> dict[str, Any]:
        up, down = part[f"{column}_high"] - part[column], part[column] - part[f"{column}_low"]
        return {f"error_{axis}": error_bar(up, down, thickness=1, color=spec.colors.muted)}

    return extra


def group_traces(
    fig: go.Figure, df: pd.DataFrame, x: str, y: str, spec: ChartSpec, size: int = 8, extra: BandFn | None = None, price: bool = True, legend: bool = True
) -> None:
    """One marker trace per colour group; shapes say exact or approximate price and measured or estimated value."""
    for name, part in color_groups(df, spec):
        color = spec.scheme.colors[name]
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y],
                mode="markers",
                name=name,
                legendgroup=name,
                showlegend=legend,
                marker={
                    "color": color,
                    "size": size,
                    "symbol": symbols(part, spec, price),
                    "opacity": 0.85,
                    # Hollow markers are drawn by their outline, in the group's colour (one setting for the whole trace).
                    "line": {"width": 1.5, "color": color},
                },
                customdata=part[["model_id"]].to_numpy(),
                hovertext=part["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                **(extra(part) if extra else {}),
            )
        )


def highlight_trace(fig: go.Figure, df: pd.DataFrame, x: str, y: str, spec: ChartSpec, extra: BandFn | None = None, price: bool = True) -> None:
    """The highlighted models drawn last, enlarged and outlined, with their bands."""
    marked = df.loc[df["highlighted"]]
    if marked.empty:
        return
    colors = [group_color(r, spec) for r in marked.to_dict("records")]
    fig.add_trace(
        go.Scatter(
            x=marked[x],
            y=marked[y],
            mode="markers",
            name="Highlighted",
            showlegend=False,
            marker={"color": colors, "size": 15, "symbol": symbols(marked, spec, price), "line": {"width": 2.5, "color": spec.colors.text}},
            customdata=marked[["model_id"]].to_numpy(),
            hovertext=marked["hover"],
            hovertemplate="%{hovertext}<extra></extra>",
            **(extra(marked) if extra else {}),
        )
    )


def _positions(values: pd.Series, log: bool) -> pd.Series:
    """Where each value sits across its axis, 0 to 1, as drawn."""
    if pd.api.types.is_datetime64_any_dtype(values):
        v = (values - pd.Timestamp("1970-01-01")).dt.days.astype(float)
    else:
        v = values.astype(float).map(math.log10) if log else values.astype(float)
    lo, span = v.min(), v.max() - v.min()
    return (v - lo) / span if span else pd.Series(0.5, index=v.index)


# Label offsets (pixels) tried in turn, so that labels of nearby highlights do not cover each other.
_OFFSETS = ((-60, -50), (60, -50), (-60, 50), (60, 50), (-90, -95), (90, -95), (-90, 95), (90, 95))


def label_highlights(
    fig: go.Figure, df: pd.DataFrame, x: str, y: str, spec: ChartSpec, text: Callable[[Any], str], log_x: bool = False, log_y: bool = False
) -> None:
    """Label each highlighted model (only those: hover does the rest), pointing inwards, avoiding each other."""
    marked = df.loc[df["highlighted"]]
    if marked.empty:
        return
    across, up = _positions(df[x], log_x), _positions(df[y], log_y)
    placed: list[tuple[float, float]] = []
    for (_, row), where, height in zip(marked.iterrows(), across[df["highlighted"]], up[df["highlighted"]], strict=True):
        px, py = float(where) * 600, float(height) * 400  # rough plot pixels
        choices = [o for o in _OFFSETS if (o[0] < 0) == (where > 0.5)] + list(_OFFSETS)
        for ax, ay in choices:
            spot = (px + ax, py - ay)
            if all(abs(spot[0] - a) > 150 or abs(spot[1] - b) > 40 for a, b in placed):
                break
        placed.append((px + ax, py - ay))
        fig.add_annotation(
            x=math.log10(row[x]) if log_x else row[x],
            y=math.log10(row[y]) if log_y else row[y],
            text=text(row),
            showarrow=True,
            arrowhead=2,
            arrowcolor=spec.colors.muted,
            ax=ax,
            ay=ay,
            bgcolor=spec.colors.label_background,
            bordercolor=spec.colors.muted,
            borderwidth=1,
            font={"size": 11, "color": spec.colors.text},
            align="left",
        )


def reference_mark(fig: go.Figure, df: pd.DataFrame, x: str, y: str, spec: ChartSpec, log_x: bool = False, log_y: bool = False) -> None:
    """Ring the reference model of the index (= 1) and name it, so points drawn over it cannot hide it."""
    if spec.metric.band is None:
        return
    row = df.loc[df["model_id"] == spec.reference]
    if row.empty or row["highlighted"].any():
        return
    first = row.iloc[0]
    fig.add_trace(
        go.Scatter(
            x=[first[x]],
            y=[first[y]],
            mode="markers",
            name="Reference",
            showlegend=False,
            marker={"size": 16, "symbol": "circle-open", "color": spec.colors.text, "line": {"width": 2}},
            hovertext=[first["hover"]],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.add_annotation(
        x=math.log10(first[x]) if log_x else first[x],
        y=math.log10(first[y]) if log_y else first[y],
        text=f"{html.escape(str(first['name']))} = 1",
        showarrow=False,
        yshift=-18,
        font={"size": 10, "color": spec.colors.muted},
    )


TOP_LEGEND = "Top configuration (line from the base)"


def top_configurations(fig: go.Figure, df: pd.DataFrame, spec: ChartSpec) -> pd.DataFrame:
    """Models with a known top price and top measure as a line from the base point to the top point.

    Only highlighted models, or every model when bands are asked for. Price and performance of each
    point describe the same configuration. Returns the rows drawn.
    """
    tops = df.dropna(subset=["performance_top", "price_max_shown_usd"])
    tops = tops.loc[(tops["price_max_shown_usd"] > tops["price_shown_usd"]) | (tops["performance_top"] != tops["performance"])]
    if not spec.bands:
        tops = tops.loc[tops["highlighted"]]
    if tops.empty:
        return tops
    xs: list[Any] = []
    ys: list[Any] = []
    for base_x, base_y, top_x, top_y in tops[["performance", "price_shown_usd", "performance_top", "price_max_shown_usd"]].itertuples(index=False):
        xs += [base_x, top_x, None]
        ys += [base_y, top_y, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=TOP_LEGEND, line={"color": spec.colors.muted, "width": 1}, hoverinfo="skip", legendgroup="top"))
    fig.add_trace(
        go.Scatter(
            x=tops["performance_top"],
            y=tops["price_max_shown_usd"],
            mode="markers",
            name=TOP_LEGEND,
            showlegend=False,
            legendgroup="top",
            marker={"symbol": "diamond", "size": 7, "color": spec.colors.muted},
            hovertext=[
                f"<b>{wrap(str(n))}</b><br>top standard configuration<br>{money(p)} · {html.escape(spec.metric.label)} {number(v)}"
                for n, p, v in zip(tops["name"], tops["price_max_shown_usd"], tops["performance_top"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    return tops


def mine_mark(fig: go.Figure, df: pd.DataFrame, x: str, y: str, spec: ChartSpec, log_x: bool = False, log_y: bool = False) -> None:
    """The reader's own Mac: a star, drawn above everything, named "My Mac"."""
    mine = df.loc[df["mine"]] if "mine" in df else df.iloc[0:0]
    mine = mine.dropna(subset=[x, y])
    if mine.empty:
        return
    row = mine.iloc[0]
    fig.add_trace(
        go.Scatter(
            x=[row[x]],
            y=[row[y]],
            mode="markers",
            name="My Mac",
            showlegend=True,
            marker={"symbol": "star", "size": 20, "color": group_color(row, spec), "line": {"width": 2, "color": spec.colors.text}},
            customdata=[[row["model_id"]]],
            hovertext=[row["hover"]],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.add_annotation(
        x=math.log10(row[x]) if log_x else row[x],
        y=math.log10(row[y]) if log_y else row[y],
        text=f"<b>My Mac</b>: {html.escape(str(row['name']))}",
        showarrow=True,
        arrowhead=2,
        ax=0,
        ay=40,
        arrowcolor=spec.colors.text,
        bgcolor=spec.colors.label_background,
        bordercolor=spec.colors.text,
        borderwidth=1,
        font={"size": 11, "color": spec.colors.text},
    )
