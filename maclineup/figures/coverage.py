"""What the catalogue knows: models with a value per field, era and family."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from maclineup.coverage import COVERAGE_FIELDS, FIELD_LABELS, compute_field_coverage
from maclineup.figures import takeaways
from maclineup.figures.style import ChartSpec, base_layout


def make_coverage_figure(df: pd.DataFrame, spec: ChartSpec) -> go.Figure:
    """Which fields does the catalogue know, era by era and family by family?"""
    cov = compute_field_coverage(df)
    cov = cov.assign(group=cov["architecture"] + " · " + cov["family"] + " (" + cov["models"].astype(str) + ")")
    groups = list(dict.fromkeys(cov["group"]))
    share = cov.pivot(index="group", columns="field", values="share").reindex(index=groups, columns=list(COVERAGE_FIELDS))
    known = cov.pivot(index="group", columns="field", values="known").reindex(index=groups, columns=list(COVERAGE_FIELDS))
    totals = cov.drop_duplicates("group").set_index("group")["models"].reindex(groups)
    text = [[f"{int(k)}/{int(n)}" for k in row] for row, n in zip(known.to_numpy(), totals.to_numpy(), strict=True)]
    labels = [FIELD_LABELS.get(f, f) for f in COVERAGE_FIELDS]
    fig = go.Figure(
        go.Heatmap(
            z=share.to_numpy(),
            x=labels,
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
    fig.update_layout(height=max(360, 24 * len(groups) + 200))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=-35)
    fig = base_layout(
        fig,
        takeaways.coverage(df),
        "Models with a value / models shown, per era and family",
        "Field",
        "Era · family (models shown)",
        spec,
        "coverage",
        legend=False,
    )
    fig.update_layout(margin={"t": 200})
    return fig
