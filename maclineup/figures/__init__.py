"""Pure figure builders: each takes the view frame and a ChartSpec and returns a Plotly figure.

Every builder is registered in FIGURES and answers one question, named in its docstring; its title
states what the shown rows say. Colours, shapes, axes and hover cards come from ``style``, so a
model looks the same in every chart and theme.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from maclineup.figures.coverage import make_coverage_figure
from maclineup.figures.marks import TOP_LEGEND
from maclineup.figures.scatter import make_price_performance_animation, make_price_performance_figure
from maclineup.figures.style import (
    APPROXIMATE_LEGEND,
    COLOR_SCHEMES,
    DEFAULT_COLOR,
    ESTIMATE_LEGEND,
    THEMES,
    ChartSpec,
    Era,
    compute_eras,
    hover_text,
)
from maclineup.figures.time import LAUNCH_AXIS, make_metric_over_time_figure, make_price_over_time_figure, make_value_over_time_figure, value_axis_title
from maclineup.figures.timeline import END_UNKNOWN, make_timeline_figure

FigureBuilder = Callable[[pd.DataFrame, ChartSpec], go.Figure]
FIGURES: dict[str, FigureBuilder] = {
    "price-performance": make_price_performance_figure,
    "price-over-time": make_price_over_time_figure,
    "metric-over-time": make_metric_over_time_figure,
    "value-over-time": make_value_over_time_figure,
    "timeline": make_timeline_figure,
    "coverage": make_coverage_figure,
    "price-performance-play": make_price_performance_animation,
}

__all__ = [
    "APPROXIMATE_LEGEND",
    "COLOR_SCHEMES",
    "DEFAULT_COLOR",
    "END_UNKNOWN",
    "ESTIMATE_LEGEND",
    "FIGURES",
    "LAUNCH_AXIS",
    "THEMES",
    "TOP_LEGEND",
    "ChartSpec",
    "Era",
    "FigureBuilder",
    "compute_eras",
    "hover_text",
    "value_axis_title",
]
