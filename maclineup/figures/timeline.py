"""Which Macs were on sale when: bars from release to discontinuation, packed into lanes per family."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from maclineup.figures import takeaways
from maclineup.figures.style import ChartSpec, base_layout, color_groups, day, group_color, with_hover
from maclineup.schema import FAMILIES

END_UNKNOWN = "End of sale unknown (no date, no successor)"
LANE_PX = 15


def sale_periods(df: pd.DataFrame) -> pd.DataFrame:
    """Start and end of sale per model, and how the end is known.

    The end is the published discontinuation date; else the release of its successor
    (``successor_released``, from the whole catalogue); else unknown. A model is never drawn as still
    on sale without a source saying so.
    """
    start = df["released"].fillna(df["launched"])
    end = df["discontinued"].fillna(df["successor_released"])
    how = pd.Series("discontinued", index=df.index).where(df["discontinued"].notna(), "successor released").where(end.notna(), "unknown")
    return df.assign(start=start, end=end, end_known=how)


def pack_lanes(periods: pd.DataFrame) -> pd.Series:
    """A lane per model so that bars of one family never overlap: the first free lane, in order of start."""
    lanes: dict[object, int] = {}
    offset = 0
    for family in [f for f in FAMILIES if f in set(periods["family"])]:
        part = periods.loc[periods["family"] == family].sort_values(["start", "model_id"])
        free_from: list[pd.Timestamp] = []
        for index, row in part.iterrows():
            # An unknown end still blocks its lane for a year, so its marker is not crowded.
            end = row["end"] if pd.notna(row["end"]) else row["start"] + pd.Timedelta(days=365)
            lane = next((i for i, f in enumerate(free_from) if f <= row["start"]), len(free_from))
            if lane == len(free_from):
                free_from.append(end)
            else:
                free_from[lane] = end
            lanes[index] = offset + lane
        offset += len(free_from)
    return pd.Series(lanes, dtype="int64").reindex(periods.index)


def make_timeline_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """Which Macs were on sale when, family by family?"""
    periods = sale_periods(with_hover(df, spec))
    periods = periods.dropna(subset=["start"])
    periods = periods.assign(lane=pack_lanes(periods))
    fig = go.Figure()
    known = periods.dropna(subset=["end"])
    for name, part in color_groups(known, spec):
        fig.add_trace(
            go.Bar(
                base=part["start"],
                x=(part["end"] - part["start"]).dt.total_seconds() * 1000,
                y=part["lane"],
                orientation="h",
                name=name,
                legendgroup=name,
                marker={"color": spec.scheme.colors[name], "line": {"width": 0}},
                width=0.8,
                customdata=part[["model_id"]].to_numpy(),
                hovertext=part["hover"]
                + part["end_known"].map({"discontinued": "", "successor released": "<br><i>End: its successor's release</i>"}).fillna(""),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    unknown = periods.loc[periods["end"].isna()]
    if not unknown.empty:
        fig.add_trace(
            go.Scatter(
                x=unknown["start"],
                y=unknown["lane"],
                mode="markers",
                name=END_UNKNOWN,
                marker={
                    "symbol": "triangle-right-open",
                    "size": 9,
                    "color": [group_color(r, spec) for r in unknown.to_dict("records")],
                    "line": {"width": 1.5},
                },
                customdata=unknown[["model_id"]].to_numpy(),
                hovertext=unknown["hover"] + "<br><i>On sale from " + unknown["start"].map(day) + "; end of sale unknown</i>",
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    lanes = int(periods["lane"].max()) + 1 if not periods.empty else 1
    first_lane = periods.groupby("family")["lane"].min().sort_values()
    lo = periods["start"].min() - pd.Timedelta(days=120)
    hi = max(periods["end"].max() if periods["end"].notna().any() else periods["start"].max(), periods["start"].max()) + pd.Timedelta(days=240)
    fig.update_layout(barmode="overlay", height=min(2400, max(360, LANE_PX * lanes + 190)), bargap=0.2)
    fig.update_yaxes(
        autorange="reversed",
        tickvals=list(first_lane.values),
        ticktext=[html.escape(f) for f in first_lane.index],
        title_text="",
        showgrid=False,
        range=[lanes - 0.5, -0.5],
    )
    years = (hi - lo).days / 365
    step = "M12" if years <= 8 else ("M24" if years <= 16 else "M60")
    fig.update_xaxes(type="date", range=[lo, hi], side="bottom", showgrid=True, dtick=step, tick0="1985-01-01", tickformat="%Y")
    # The same dates along the top, so a tall chart is readable at either end.
    fig.add_trace(go.Scatter(x=[lo, hi], y=[0, 0], xaxis="x2", mode="markers", marker={"opacity": 0}, showlegend=False, hoverinfo="skip"))
    fig.update_layout(
        xaxis2={"type": "date", "overlaying": "x", "side": "top", "matches": "x", "showgrid": False, "dtick": step, "tick0": "1985-01-01", "tickformat": "%Y"}
    )
    title = takeaways.timeline(periods["start"], periods["end"], len(periods))
    subtitle = "Bars: on sale from release to discontinuation (or to its successor's release); ▷ end unknown"
    fig = base_layout(fig, title, subtitle, "Date", "Family", spec, "timeline")
    fig.update_layout(margin={"t": 110})
    return fig
