"""Every registered figure builds with a concluding title, readable axes, few colours and honest marks."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from maclineup.charts import VIEW_FIGURES, coverage_lines, event_marks, make_chart_spec, make_chart_view
from maclineup.figures import APPROXIMATE_LEGEND, COLOR_SCHEMES, END_UNKNOWN, ESTIMATE_LEGEND, FIGURES, THEMES, TOP_LEGEND, ChartSpec, compute_eras
from maclineup.figures.style import CIRCLE, HOVER_WIDTH, OPEN, SQUARE, log_ticks, tick_labels
from maclineup.loading import Dataset, load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.selection import make_view_frame
from maclineup.viewstate import ViewState, default_state, make_options
from tests.fixtures import MODEL_ROWS, make_data_dir, write_models

AS_OF = date(2026, 11, 1)
REAL = load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(params=["fixture", "real"])
def ds(request: pytest.FixtureRequest, tmp_path: Path) -> Dataset:
    return load_dataset(make_data_dir(tmp_path)) if request.param == "fixture" else REAL


def _state(ds: Dataset, **changes: object) -> ViewState:
    options = make_options(ds.models, sorted(ds.cpi["year"].astype(int)))
    return replace(default_state(options), **changes)  # type: ignore[arg-type]


def _spec(ds: Dataset, state: ViewState, theme: str = "light") -> ChartSpec:
    return make_chart_spec(state, ds.cpi, compute_eras(ds.models, AS_OF), AS_OF, theme=theme)


def _build(ds: Dataset, name: str, state: ViewState, theme: str = "light") -> go.Figure:
    return FIGURES[name](make_view_frame(ds.models, ds.cpi, state), _spec(ds, state, theme))


def _groups(fig: go.Figure, scheme: str = "architecture") -> list[go.Scatter]:
    return [t for t in fig.data if t.name in COLOR_SCHEMES[scheme].colors]


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize(
    "changes",
    [{}, {"price": "nominal", "log": False, "metric": "gpu-tflops"}, {"color": "form", "bands": True}, {"color": "line", "metric": "geekbench6-multi"}],
)
def test_every_figure_builds_with_a_concluding_title_a_subtitle_and_axis_titles(ds: Dataset, name: str, changes: dict[str, object]) -> None:
    fig = _build(ds, name, _state(ds, **changes))
    assert FIGURES[name].__doc__, "each builder names the question it answers"
    assert len(fig.layout.title.text) > 20 and fig.layout.title.subtitle.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    if name not in ("timeline", "coverage"):
        axis_titles = fig.layout.xaxis.title.text + fig.layout.yaxis.title.text
        assert "(" in axis_titles and ")" in axis_titles, "axis titles carry units"
    assert pio.from_json(fig.to_json()).layout.title.text == fig.layout.title.text


@pytest.mark.parametrize("scheme", list(COLOR_SCHEMES))
def test_points_are_coloured_by_a_few_groups_and_each_shown_model_is_drawn_once(ds: Dataset, scheme: str) -> None:
    state = _state(ds, color=scheme, highlight=())
    frame = make_view_frame(ds.models, ds.cpi, state).dropna(subset=["performance", "price_shown_usd"])
    fig = _build(ds, "price-performance", state)
    groups = _groups(fig, scheme)
    assert len(groups) <= 6
    assert sorted(m for t in groups for [m] in t.customdata) == sorted(frame["model_id"])
    for trace in groups:
        assert trace.marker.color == COLOR_SCHEMES[scheme].colors[trace.name]
    assert fig.layout.legend.title.text == COLOR_SCHEMES[scheme].label


def test_a_model_has_the_same_colour_in_every_chart_and_theme() -> None:
    state = _state(REAL)
    colors = set()
    for name in ("price-performance", "price-over-time", "metric-over-time", "value-over-time", "timeline"):
        for theme in THEMES:
            fig = _build(REAL, name, state, theme)
            colors |= {(t.name, t.marker.color) for t in _groups(fig)}
    assert colors == {(name, color) for name, color in COLOR_SCHEMES["architecture"].colors.items()}


def test_bands_are_drawn_for_highlighted_models_and_for_all_only_when_asked() -> None:
    plain = _build(REAL, "price-performance", _state(REAL))
    assert all(t.error_x.array is None for t in _groups(plain)), "no whiskers on every point by default"
    [marked] = [t for t in plain.data if t.name == "Highlighted"]
    frame = make_view_frame(REAL.models, REAL.cpi, _state(REAL)).set_index("model_id")
    [x] = marked.x
    assert marked.error_x.array[0] == pytest.approx(frame.at["imac-pro-2017", "perf_index_high"] - x)
    asked = _build(REAL, "price-performance", _state(REAL, bands=True))
    assert all(max(t.error_x.array) > 0 for t in _groups(asked))


def test_highlights_are_enlarged_outlined_drawn_last_and_labelled_with_the_plotted_price_and_measure() -> None:
    state = _state(REAL)
    fig = _build(REAL, "price-performance", state)
    frame = make_view_frame(REAL.models, REAL.cpi, state).set_index("model_id")
    assert fig.data[-1].name == "Highlighted" and fig.data[-1].marker.size > max(t.marker.size for t in _groups(fig))
    assert fig.data[-1].marker.line.width >= 2
    [label] = [a.text for a in fig.layout.annotations if "iMac Pro" in a.text]
    assert f"${frame.at['imac-pro-2017', 'price_real_usd']:,.0f}" in label  # the axis's dollars, not the nominal $4,999
    assert f"{frame.at['imac-pro-2017', 'perf_index']:,.0f}" in label


def test_highlight_labels_of_nearby_models_do_not_sit_on_top_of_each_other() -> None:
    ids = ("imac-pro-2017", "mac-pro-2019", "imac-27-5k-2019", "imac-27-5k-2020")
    fig = _build(REAL, "price-performance", _state(REAL, highlight=ids))
    offsets = {a.text.split("</b>")[0]: (a.ax, a.ay) for a in fig.layout.annotations if "</b>" in a.text}
    assert len(offsets) == 4
    # The two 27-inch iMacs sit almost on one spot: their labels go different ways.
    assert offsets["<b>iMac (Retina 5K, 27-inch, 2019)"] != offsets["<b>iMac (Retina 5K, 27-inch, 2020)"]


def test_the_reference_model_of_the_index_is_ringed_and_named() -> None:
    fig = _build(REAL, "price-performance", _state(REAL))
    [ring] = [t for t in fig.data if t.name == "Reference"]
    assert ring.marker.symbol == "circle-open" and ring.marker.size >= 14
    assert any(a.text.endswith("= 1") and "Macintosh" in a.text for a in fig.layout.annotations)


def test_highlighted_models_are_labelled_at_their_point_on_log_axes(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "price-performance", _state(ds, highlight=("mac-b",), price="nominal", log=True, metric="cpu-throughput"))
    [note] = fig.layout.annotations
    assert "Mac B" in note.text and "$3,000" in note.text and "0.25" in note.text
    assert note.x == pytest.approx(math.log10(0.25))
    assert note.y == pytest.approx(math.log10(3000))


def test_estimated_values_are_hollow_and_approximate_prices_square_each_with_a_legend_entry(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    rows = [dict(r) for r in MODEL_ROWS]
    rows[1].update(price_precision="approximate")
    write_models(data / "models.csv", rows)
    ds = load_dataset(data)
    state = _state(ds, price="nominal", highlight=())
    frame = make_view_frame(ds.models, ds.cpi, state).set_index("model_id")
    fig = _build(ds, "price-performance", state)
    by_model = {m: s for t in _groups(fig) for [m], s in zip(t.customdata, t.marker.symbol, strict=True)}
    assert by_model["mac-b"] == SQUARE + OPEN  # approximate price, estimated index
    assert by_model["mac-d"] == CIRCLE  # exact price, published score
    assert "estimated" in frame.at["mac-b", "perf_index_basis"] and "estimated" not in frame.at["mac-d", "perf_index_basis"]
    names = {t.name for t in fig.data}
    assert {ESTIMATE_LEGEND, APPROXIMATE_LEGEND} <= names
    card = next(t.hovertext[0] for t in _groups(fig) if t.customdata[0][0] == "mac-b")
    assert "Price about $3,000" in card


def test_hover_cards_are_narrow_and_never_in_scientific_notation() -> None:
    for name in ("price-performance", "timeline"):
        fig = _build(REAL, name, _state(REAL, bands=True))
        cards = [c for t in fig.data if t.hovertext is not None and not isinstance(t.hovertext, str) for c in t.hovertext]
        assert len(cards) > 100
        for card in cards:
            assert not re.search(r"\de[+-]\d", card), card
            assert max(len(_plain(line)) for line in card.split("<br>")) <= HOVER_WIDTH + 16, card
    assert fig.layout.hoverlabel.align == "left"


def test_over_time_shows_era_bands_as_shapes_and_top_price_bars(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "price-over-time", _state(ds, price="nominal", highlight=()))
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == 4
    powerpc = next(t for t in _groups(fig) if t.name == "PowerPC")
    assert list(powerpc.error_y.array) == [1000]
    metric = _build(ds, "metric-over-time", _state(ds))
    assert not any(t.showlegend for t in _groups(metric)), "the over-time view has one legend, on its first chart"


def test_timeline_ends_at_discontinuation_else_the_successors_release_else_unknown(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    rows = [dict(r) for r in MODEL_ROWS]
    rows[2].update(predecessor_id="mac-b")  # Mac C (launched 2010) succeeds Mac B, which has no end date
    write_models(data / "models.csv", rows)
    ds = load_dataset(data)
    fig = _build(ds, "timeline", _state(ds))
    bars = {m: (b, x) for t in fig.data if t.type == "bar" for [m], b, x in zip(t.customdata, t.base, t.x, strict=True)}
    assert bars["mac-a"][1] / 86_400_000 == pytest.approx((date(1985, 10, 1) - date(1984, 1, 24)).days)
    assert bars["mac-b"][1] / 86_400_000 == pytest.approx((date(2010, 7, 27) - date(1998, 6, 1)).days)
    [unknown] = [t for t in fig.data if t.name == END_UNKNOWN]
    assert sorted(m for [m] in unknown.customdata) == ["mac-c", "mac-d"]  # never drawn as still on sale
    assert fig.layout.xaxis2.side == "top" and fig.layout.xaxis2.matches == "x"


def test_timeline_lanes_never_overlap_within_a_family_and_the_figure_stays_bounded() -> None:
    fig = _build(REAL, "timeline", _state(REAL))
    assert fig.layout.height <= 2400
    spans: dict[float, list[tuple[object, object]]] = {}
    for trace in (t for t in fig.data if t.type == "bar"):
        for base, width, lane in zip(trace.base, trace.x, trace.y, strict=True):
            start = pd.Timestamp(base)
            spans.setdefault(lane, []).append((start, start + pd.Timedelta(milliseconds=float(width))))
    for lane, periods in spans.items():
        periods.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(periods)), lane
    assert len(spans) < len(REAL.models) / 2, "lanes pack the catalogue into far fewer rows than models"


@pytest.mark.parametrize("view", list(VIEW_FIGURES))
def test_chart_views_build_and_name_their_coverage(ds: Dataset, view: str) -> None:
    state = _state(ds, view=view)
    frame = make_view_frame(ds.models, ds.cpi, state)
    spec = _spec(ds, state)
    built = make_chart_view(frame, view, spec, ds.index)
    assert [k for k, _ in built.figures] == [f"chart_{n}" for n in VIEW_FIGURES[view]]
    assert built.coverage == coverage_lines(frame, view, spec)
    if view != "coverage":
        assert all(f"of {len(frame)} shown models" in line for line in built.coverage)


@pytest.mark.parametrize(
    ("changes", "words"),
    [({"metric": "gpu-tflops", "arch": ("68k",)}, "GPU throughput"), ({"metric": "geekbench6-multi", "years": (1990, 1995)}, "Geekbench 6")],
)
def test_a_measure_no_shown_model_has_gives_a_message_not_an_empty_chart(changes: dict[str, object], words: str) -> None:
    state = _state(REAL, **changes)
    built = make_chart_view(make_view_frame(REAL.models, REAL.cpi, state), "price-performance", _spec(REAL, state), REAL.index)
    assert built.figures == () and words in built.empty and "performance index" in built.empty


def test_coverage_heatmap_counts_known_fields_with_readable_names(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "coverage", _state(ds))
    [heat] = fig.data
    assert list(heat.y) == ["68k · Compact Macintosh (1)", "PowerPC · PowerBook (1)", "Intel · iMac (1)", "Apple silicon · Mac Studio (1)"]
    assert "price_max_usd" not in heat.x
    col = list(heat.x).index("Top-configuration price")
    assert [row[col] for row in heat.text] == ["0/1", "1/1", "0/1", "1/1"]


@pytest.mark.parametrize(("lo", "hi"), [(1, 10), (800, 1500), (2000, 2600), (0.5, 3), (1, 1e6), (4999, 5001), (90, 300_000)])
def test_log_axes_get_at_least_three_ticks_at_any_range(lo: float, hi: float) -> None:
    ticks = log_ticks(lo, hi)
    assert len(ticks) >= 3, ticks
    assert all(lo * 0.999 <= t <= hi * 1.001 for t in ticks)
    labels = tick_labels(ticks, "$")
    assert len(set(labels)) == len(labels) and not any("e" in label for label in labels)


FILTERED_STATES = [
    {},
    {"years": (2025, 2025), "price": "nominal"},
    {"family": ("Twentieth Anniversary Macintosh",)},
    {"family": ("Mac Pro", "iMac Pro"), "price": "nominal"},
    {"metric": "geekbench6-single"},
    {"metric": "geekbench6-multi", "family": ("MacBook Air",)},
    {"arch": ("68k",), "metric": "cpu-throughput"},
    {"family": ("Xserve",)},
    {"years": (1984, 1984)},
    {"family": ("Mac Studio",), "price": "nominal"},
]


@pytest.mark.parametrize("changes", FILTERED_STATES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "default")
@pytest.mark.parametrize("name", ["price-performance", "price-over-time", "metric-over-time", "value-over-time"])
def test_every_log_axis_has_at_least_three_labelled_ticks_for_any_filter(changes: dict[str, object], name: str) -> None:
    state = _state(REAL, **changes)
    frame = make_view_frame(REAL.models, REAL.cpi, state)
    if make_chart_view(frame, "price-performance", _spec(REAL, state), REAL.index).empty and name == "price-performance":
        return
    fig = _build(REAL, name, state)
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.type == "log" and axis.range is not None:
            assert len(axis.tickvals) >= 3, (name, changes, axis.tickvals)
            lo, hi = (10**v for v in axis.range)
            assert all(lo <= t <= hi for t in axis.tickvals)
            assert not any("e+" in t for t in axis.ticktext)


def _luminance(color: str) -> float:
    rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("theme", list(THEMES))
def test_lines_and_labels_follow_the_theme_with_readable_contrast(theme: str) -> None:
    background = THEMES[theme].background
    value = _build(REAL, "value-over-time", _state(REAL), theme)
    [frontier] = [t for t in value.data if t.name == "Best value so far"]
    assert _contrast(frontier.line.color, background) >= 4.5
    scatter = _build(REAL, "price-performance", _state(REAL), theme)
    for note in scatter.layout.annotations:
        assert _contrast(note.font.color, background) >= 3
    for color in COLOR_SCHEMES["architecture"].colors.values():
        assert _contrast(color, background) >= 3, color


def test_value_is_the_measure_per_thousand_dollars_of_the_shown_price(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    state = _state(ds, price="nominal", metric="cpu-throughput")
    frame = make_view_frame(ds.models, ds.cpi, state).set_index("model_id")
    assert frame.at["mac-c", "value"] == pytest.approx(6.12 / 1200 * 1000)
    fig = _build(ds, "value-over-time", state)
    assert "per $1,000 (US$, nominal)" in fig.layout.yaxis.title.text
    frontier = next(t for t in fig.data if t.name == "Best value so far")
    assert list(frontier.y) == sorted(frontier.y)


def test_a_model_with_a_known_top_configuration_is_drawn_from_its_base_point_to_its_top_point(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    with (tmp_path / "benchmarks.csv").open("a", encoding="utf-8") as fh:
        fh.write("mac-d,geekbench6_multi,18000,M1 Ultra 20-core,Apple M1 Ultra,20,,https://e.org,2026-11-25,\n")
    ds = load_dataset(tmp_path)
    state = _state(ds, price="nominal", highlight=("mac-d",))
    frame = make_view_frame(ds.models, ds.cpi, state).set_index("model_id")
    fig = _build(ds, "price-performance", state)
    line = next(t for t in fig.data if t.name == TOP_LEGEND and t.mode == "lines")
    base = (frame.at["mac-d", "perf_index"], 1999)
    top = (frame.at["mac-d", "perf_index_top"], 3999)
    assert list(zip(line.x, line.y, strict=True))[:2] == [pytest.approx(base), pytest.approx(top)]
    assert top[0] / base[0] == pytest.approx(18000 / 12300)  # each point pairs a price with its own configuration's score
    plain = _build(ds, "price-performance", replace(state, highlight=()))
    assert TOP_LEGEND not in {t.name for t in plain.data}, "top configurations of unhighlighted models only when asked"


def test_the_default_view_figure_stays_within_its_size_budget() -> None:
    fig = _build(REAL, "price-performance", _state(REAL))
    assert len(fig.to_json()) <= 150 * 1024, "figure JSON budget: 150 KB for about 400 models"


@pytest.mark.parametrize("name", ["price-over-time", "metric-over-time"])  # the charts that carry keynote marks
@pytest.mark.parametrize("log", [True, False])
def test_keynote_marks_sit_inside_their_own_axis_on_every_over_time_chart(name: str, log: bool) -> None:
    state = _state(REAL, log=log)
    spec = make_chart_spec(state, REAL.cpi, compute_eras(REAL.models, AS_OF), AS_OF, events=event_marks(REAL.models, REAL.events))
    fig = FIGURES[name](make_view_frame(REAL.models, REAL.cpi, state), spec)
    [marks] = [t for t in fig.data if t.name == "Keynotes and press releases"]
    axis = fig.layout[marks.yaxis.replace("y", "yaxis")]
    assert axis.type in (None, "linear") and tuple(axis.range) == (0, 1), "their own axis, not the value axis (a log price range hides them)"
    assert all(0 <= y <= 1 for y in marks.y)
