"""What every chart shares: the view settings, colours, symbols, number formats, axes and hover cards.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), the same in every
chart and in both themes; text, grid and label colours follow the reader's theme.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from maclineup.metrics import Metric
from maclineup.schema import ARCHITECTURES, FAMILIES, FORM_FACTORS

# Okabe-Ito hues, orange and purple darkened to the same lightness as the others so that every colour
# keeps a contrast of at least 3:1 on both the light and the dark background.
OKABE_ITO = {
    "orange": "#A57200",
    "green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#BF5791",
    "grey": "#7C828D",
}

# Families grouped into the lines Apple sold them as: a handful of hues instead of 28.
FAMILY_LINES: dict[str, tuple[str, ...]] = {
    "All-in-one": ("Compact Macintosh", "Macintosh TV", "Twentieth Anniversary Macintosh", "iMac", "eMac", "iMac Pro"),
    "Consumer desktop": ("Macintosh LC", "Performa", "Centris", "Mac mini"),
    "Pro desktop": ("Macintosh II", "Quadra", "Power Macintosh", "Power Mac G4", "Power Mac G4 Cube", "Power Mac G5", "Mac Pro", "Mac Studio"),
    "Pro laptop": ("Macintosh Portable", "PowerBook", "PowerBook Duo", "MacBook Pro"),
    "Consumer laptop": ("iBook", "MacBook", "MacBook Air", "MacBook Neo"),
    "Server": ("Workgroup Server", "Xserve"),
}
LINE_OF_FAMILY: dict[str, str] = {family: line for line, families in FAMILY_LINES.items() for family in families}


@dataclass(frozen=True)
class ColorScheme:
    """One way to colour the points: a column of the view frame and a colour per value."""

    label: str  # shown in the control and as the legend title
    column: str
    colors: Mapping[str, str]


COLOR_SCHEMES: dict[str, ColorScheme] = {
    "architecture": ColorScheme(
        "Architecture",
        "architecture",
        dict(zip(ARCHITECTURES, (OKABE_ITO["orange"], OKABE_ITO["blue"], OKABE_ITO["green"], OKABE_ITO["vermillion"]), strict=True)),
    ),
    "form": ColorScheme(
        "Form factor",
        "form_factor",
        dict(zip(FORM_FACTORS, (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["purple"]), strict=True)),
    ),
    "line": ColorScheme(
        "Family line",
        "family_line",
        dict(zip(FAMILY_LINES, (OKABE_ITO[c] for c in ("orange", "purple", "blue", "vermillion", "green", "grey")), strict=True)),
    ),
}
DEFAULT_COLOR = "architecture"
assert set(LINE_OF_FAMILY) == set(FAMILIES)


@dataclass(frozen=True)
class Theme:
    """Colours that follow the reader's light or dark theme."""

    name: str
    text: str
    muted: str
    background: str
    label_background: str
    era_alpha: float


THEMES: dict[str, Theme] = {
    "light": Theme("light", text="#262730", muted="#6b6f7b", background="#ffffff", label_background="rgba(255,255,255,0.88)", era_alpha=0.10),
    "dark": Theme("dark", text="#fafafa", muted="#a3a8b8", background="#0e1117", label_background="rgba(14,17,23,0.88)", era_alpha=0.16),
}


@dataclass(frozen=True)
class Era:
    """An architecture era: from its first model's announcement to the next era's."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp


@dataclass(frozen=True)
class ChartSpec:
    """Everything a builder needs besides the rows: measure, price mode, scale, dates, colours and theme."""

    metric: Metric
    price_label: str  # e.g. "Launch price (US$ of 2026)"
    log: bool
    as_of: date  # the right edge of bars for models still on sale
    eras: tuple[Era, ...] = ()  # from the whole catalogue, so filters do not move era edges
    base_year_label: str = ""  # the constant dollars of real prices, e.g. "2026, 5-month average"
    color: str = DEFAULT_COLOR
    bands: bool = False  # uncertainty bands and top configurations for every model, not only the highlighted
    theme: str = "light"
    reference: str = "macintosh-128k"  # the model the index is relative to (labelled when shown)
    events: tuple[tuple[str, str, pd.Timestamp, str], ...] = ()  # (event_id, name, date, Macs announced) on time axes
    event: str = ""  # the chosen event, marked and named

    @property
    def scheme(self) -> ColorScheme:
        return COLOR_SCHEMES[self.color]

    @property
    def colors(self) -> Theme:
        return THEMES[self.theme]

    @property
    def dollars(self) -> str:
        """Which dollars the shown prices are in, for labels: "2026 dollars" or "dollars of the day"."""
        return f"{self.base_year_label[:4]} dollars" if "US$ of" in self.price_label else "dollars of the day"


def compute_eras(models: pd.DataFrame, as_of: date) -> tuple[Era, ...]:
    """Era bands derived from the catalogue: each starts with the first model of its architecture."""
    starts = models.groupby("architecture")["launched"].min()
    ordered = [(a, starts[a]) for a in ARCHITECTURES if a in starts.index]
    ends = [s for _, s in ordered[1:]] + [pd.Timestamp(as_of)]
    return tuple(Era(a, s, e) for (a, s), e in zip(ordered, ends, strict=True))


# Numbers as readers write them: never scientific notation.
def money(value: float) -> str:
    return "—" if value is None or pd.isna(value) else f"${value:,.0f}"


def number(value: float) -> str:
    """A measure's value: three significant figures below 100, whole numbers with separators above."""
    if value is None or pd.isna(value):
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    digits = max(0, 2 - math.floor(math.log10(abs(value)))) if value else 0
    return f"{value:,.{digits}f}"


def tick_labels(ticks: list[float], prefix: str = "") -> list[str]:
    """Labels for axis ticks: short (2k, 1.5M) unless that makes two of them alike."""
    short = [short_number(t, prefix) for t in ticks]
    if len(set(short)) == len(short):
        return short
    decimals = 0 if all(float(t).is_integer() for t in ticks) else 2
    return [f"{prefix}{t:,.{decimals}f}" for t in ticks]


def short_number(value: float, prefix: str = "") -> str:
    """An axis tick: 500, 2k, 15k, 1.5M (no exponent)."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            scaled = value / size
            text = f"{scaled:,.1f}".rstrip("0").rstrip(".") if scaled < 10 else f"{scaled:,.0f}"
            return f"{prefix}{text}{suffix}"
    if abs(value) >= 1 or value == 0:
        return f"{prefix}{value:,.0f}" if float(value).is_integer() else f"{prefix}{value:,.1f}"
    return f"{prefix}{value:.3g}"


PRICE_WORDS = {"exact": "", "approximate": "about ", "range-low": "from "}


def price_words(row: Mapping[Any, Any], column: str) -> str:
    """A launch price as published: "$2,495", "about $2,000" or "from $2,700"."""
    value = row.get(column)
    if value is None or pd.isna(value):
        return "—"
    return PRICE_WORDS.get(str(row.get("price_precision", "exact")), "") + money(value)


def day(ts: Any) -> str:
    return "—" if ts is None or pd.isna(ts) else f"{ts.day} {ts:%b %Y}"


# Log axes: at least three labelled ticks whatever the range, from the 1-2-5 family.
_TICK_STEPS = ((1.0,), (1.0, 3.0), (1.0, 2.0, 5.0), (1.0, 1.5, 2.0, 3.0, 5.0, 7.0), (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0))


def log_ticks(lo: float, hi: float, most: int = 9) -> list[float]:
    """Tick values between ``lo`` and ``hi`` (> 0): decades, or 1-2-5 steps (or finer) when the range is narrow."""
    if lo <= 0 or hi <= 0:
        return []
    lo, hi = min(lo, hi), max(lo, hi)
    best: list[float] = []
    for steps in _TICK_STEPS:
        ticks = [m * 10.0**e for e in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1) for m in steps]
        ticks = [t for t in ticks if lo <= t * (1 + 1e-9) and t <= hi * (1 + 1e-9)]
        if len(ticks) > most and len(best) >= 3:
            return best
        best = ticks
        if len(ticks) >= 3:
            return ticks
    # Narrower than any 1-2-5 family: evenly spaced round values.
    raw = (hi - lo) / 4
    step = 10 ** math.floor(math.log10(raw))
    step = next(m * step for m in (1, 2, 5, 10) if m * step >= raw)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


def value_axis(values: pd.Series, log: bool, money_axis: bool = False, most: int = 9) -> dict[str, Any]:
    """Axis settings: a range fitted to the data (padded) and at least three labelled ticks, no exponents."""
    shown = values.dropna()
    shown = shown[shown > 0] if log else shown
    axis: dict[str, Any] = {"type": "log" if log else "linear", "exponentformat": "none", "separatethousands": True}
    if shown.empty:
        return axis
    lo, hi = float(shown.min()), float(shown.max())
    prefix = "$" if money_axis else ""
    if log:
        if hi / lo < 1.5:  # a single value or a narrow cluster: open a window around it
            lo, hi = lo / 1.6, hi * 1.6
        pad = 0.06 * max(math.log10(hi / lo), 0.3)
        axis["range"] = [math.log10(lo) - pad, math.log10(hi) + pad]
        ticks = log_ticks(10 ** axis["range"][0], 10 ** axis["range"][1], most)
        axis["tickvals"] = ticks
        axis["ticktext"] = tick_labels(ticks, prefix)
    else:
        span = (hi - lo) or abs(hi) or 1.0
        pad = 0.06 * span
        axis["range"] = [0.0 if lo >= 0 and lo - pad < 0.25 * span else lo - pad, hi + pad]
        axis["nticks"] = 6
        axis["tickprefix"] = prefix
        axis["tickformat"] = ",.0f" if span >= 10 else ",.2~f"
    return axis


HOVER_WIDTH = 46  # characters per line: about 300 px at 12 px


def wrap(text: str, width: int = HOVER_WIDTH) -> str:
    """Escape ``text`` for a hover card and break it into lines of at most ``width`` characters."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width) or [""])


def _basis(row: Mapping[Any, Any]) -> str:
    """The index's basis in a few words: the benchmark it was measured on, or which peers it was estimated from."""
    basis = str(row.get("perf_index_basis", ""))
    confidence = row.get("perf_index_confidence", "")
    if "estimated from" in basis:
        peers = basis.split("estimated from ", 1)[1].split(" (same ")[0].count(";") + 1
        found = re.search(r"\(same (CPU family|architecture) \((.*)\)\), scaled", basis)
        group = f"{found.group(2)} " if found else ""
        other = " of other CPU families" if found and found.group(1) == "architecture" else ""
        return f"Estimated from {peers} {group}Mac{'s' if peers > 1 else ''}{other} ({confidence})"
    return f"Measured: {basis.split(' of the ')[0]} ({confidence})" if basis else ""


def hover_text(row: Mapping[Any, Any], spec: ChartSpec) -> str:
    """Hover card for one model, a few short lines: name, family and date, prices, the measure and its basis, CPU and source."""
    when = f"announced {day(row['announced'])}" if pd.notna(row.get("announced")) else f"released {day(row.get('released'))}"
    lines = [f"<b>{wrap(str(row['name']))}</b>", html.escape(f"{row['family']} · {when}")]
    if pd.notna(row.get("price_usd")):
        real = f" = {money(row['price_real_usd'])} in {spec.base_year_label[:4]} $" if spec.base_year_label and pd.notna(row.get("price_real_usd")) else ""
        lines.append(f"Price {price_words(row, 'price_usd')}{real}")
    if pd.notna(row.get("price_max_usd")):
        lines.append(f"Top config {money(row['price_max_usd'])}")
    label = "Index" if spec.metric.key == "performance-index" else spec.metric.label
    measure = f"{html.escape(label)} {number(row.get('performance', math.nan))}"
    if spec.metric.band is not None and pd.notna(row.get("performance")):
        measure += f" (likely {short_number(row['performance_low'])}–{short_number(row['performance_high'])})"
        lines += [measure, f"<i>{wrap(_basis(row))}</i>"]
    else:
        lines.append(measure)
    cores = "" if pd.isna(row.get("cpu_cores")) else f"{int(row['cpu_cores'])}-core "
    mhz = row.get("cpu_clock_mhz")
    clock = "" if mhz is None or pd.isna(mhz) else (f" {mhz / 1000:g} GHz" if mhz >= 1000 else f" {mhz:g} MHz")
    lines.append(wrap(f"{cores}{row['cpu'] if isinstance(row.get('cpu'), str) else 'CPU unknown'}{clock}"))
    source = urlparse(str(row.get("price_source", "")).split("; ")[0]).netloc.removeprefix("www.")
    lines.append(f"Source: {html.escape(source)}")
    return "<br>".join(lines)


def with_hover(df: pd.DataFrame, spec: ChartSpec) -> pd.DataFrame:
    """Add the hover card of every row once (records are much faster than iterrows)."""
    return df.assign(hover=[hover_text(r, spec) for r in df.to_dict("records")])


def color_groups(df: pd.DataFrame, spec: ChartSpec) -> list[tuple[str, pd.DataFrame]]:
    """The rows of each colour group, in the scheme's order."""
    scheme = spec.scheme
    column = df[scheme.column] if scheme.column in df else df["family"].map(LINE_OF_FAMILY)
    return [(name, df.loc[column == name]) for name in scheme.colors if (column == name).any()]


def group_color(row: Any, spec: ChartSpec) -> str:
    """The colour of one model under the chosen scheme."""
    scheme = spec.scheme
    key = row.get(scheme.column) if scheme.column in row else LINE_OF_FAMILY.get(str(row.get("family")), "")
    return scheme.colors.get(str(key), spec.colors.muted)


def estimated(df: pd.DataFrame, spec: ChartSpec) -> pd.Series:
    """Rows whose plotted measure is an estimate rather than a published score (drawn hollow)."""
    if spec.metric.band is None or "perf_index_basis" not in df:
        return pd.Series(False, index=df.index)
    return df["perf_index_basis"].fillna("").str.contains("estimated from")


def approximate(df: pd.DataFrame) -> pd.Series:
    """Rows whose base price was published only approximately (about, or the low end of a range)."""
    return df["price_usd"].notna() & (df["price_precision"] != "exact")


# Plotly's marker symbol numbers (shorter in the figure than their names): +100 is the hollow ("-open") form.
CIRCLE, SQUARE, OPEN = 0, 1, 100


def symbols(df: pd.DataFrame, spec: ChartSpec, price: bool = True) -> list[int]:
    """Circle for an exact price, square for an approximate one; hollow where the measure is estimated."""
    shape = approximate(df) if price else pd.Series(False, index=df.index)
    hollow = estimated(df, spec)
    return [(SQUARE if s else CIRCLE) + (OPEN if h else 0) for s, h in zip(shape, hollow, strict=True)]


ESTIMATE_LEGEND = "Hollow: estimated performance"
APPROXIMATE_LEGEND = "Square: approximate launch price"


def add_key(fig: go.Figure, df: pd.DataFrame, spec: ChartSpec, price: bool = True) -> None:
    """Legend entries for the marker shapes, only when the shown rows need them."""
    entries = []
    if estimated(df, spec).any():
        entries.append((ESTIMATE_LEGEND, "circle-open"))
    if price and approximate(df).any():
        entries.append((APPROXIMATE_LEGEND, "square"))
    for name, symbol in entries:
        fig.add_trace(
            go.Scatter(x=[None], y=[None], mode="markers", name=name, marker={"symbol": symbol, "color": spec.colors.muted, "size": 9}, hoverinfo="skip")
        )


def base_layout(fig: go.Figure, title: str, subtitle: str, x_title: str, y_title: str, spec: ChartSpec, revision: str, legend: bool = True) -> go.Figure:
    """Title (the chart's conclusion) and subtitle (what is plotted), axis titles, one compact legend, left-aligned hover."""
    fig.update_layout(
        title={"text": html.escape(title), "subtitle": {"text": html.escape(subtitle)}, "x": 0, "xanchor": "left"},
        xaxis_title={"text": x_title},
        yaxis_title={"text": y_title},
        showlegend=legend,
        legend={"title": {"text": spec.scheme.label}, "orientation": "h", "yanchor": "top", "y": -0.16, "x": 0, "font": {"size": 12}},
        hovermode="closest",
        hoverlabel={"align": "left", "font": {"size": 12}},
        uirevision=revision,
        margin={"l": 64, "r": 16, "t": 84, "b": 60},
        font={"color": spec.colors.text},
    )
    if fig.layout.height is None:
        fig.update_layout(height=600)
    return fig
