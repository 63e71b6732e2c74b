"""Every registered figure builds, has titles and units, round-trips to JSON and labels highlights."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from maclineup.charts import VIEW_FIGURES, coverage_lines, make_chart_spec, make_chart_view
from maclineup.figures import APPROXIMATE_LEGEND, FIGURES, TOP_LEGEND, compute_eras
from maclineup.loading import Dataset, load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.schema import FAMILIES
from maclineup.selection import make_view_frame
from maclineup.viewstate import ViewState, default_state, make_options
from tests.fixtures import MODEL_ROWS, make_data_dir, write_models

AS_OF = date(2026, 11, 1)


@pytest.fixture(params=["fixture", "real"])
def ds(request: pytest.FixtureRequest, tmp_path: Path) -> Dataset:
    return load_dataset(make_data_dir(tmp_path) if request.param == "fixture" else DEFAULT_DATA_DIR)


def _state(ds: Dataset, **changes: object) -> ViewState:
    options = make_options(ds.models, sorted(ds.cpi["year"].astype(int)))
    return replace(default_state(options), **changes)  # type: ignore[arg-type]


def _build(ds: Dataset, name: str, state: ViewState) -> go.Figure:
    frame = make_view_frame(ds.models, ds.cpi, state)
    spec = make_chart_spec(state, ds.cpi, compute_eras(ds.models, AS_OF), AS_OF)
    return FIGURES[name](frame, spec)


@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize("changes", [{}, {"price": "nominal", "log": False, "metric": "gpu-tflops"}])
def test_every_figure_builds_with_titles_and_units(ds: Dataset, name: str, changes: dict[str, object]) -> None:
    fig = _build(ds, name, _state(ds, **changes))
    assert FIGURES[name].__doc__, "each builder names the question it answers"
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    if name != "timeline":
        axis_titles = fig.layout.xaxis.title.text + fig.layout.yaxis.title.text
        assert "(" in axis_titles and ")" in axis_titles, "axis titles carry units"
    assert len(fig.data) >= 1 or changes.get("metric") == "gpu-tflops", "only a measure no shown model has may leave a chart empty"
    assert pio.from_json(fig.to_json()).layout.title.text == fig.layout.title.text


def test_price_axis_says_which_dollars(ds: Dataset) -> None:
    real = _build(ds, "price-performance", _state(ds, price="real", base_year=int(ds.cpi["year"].iloc[0])))
    nominal = _build(ds, "price-performance", _state(ds, price="nominal"))
    assert "US$ of 1984" in real.layout.yaxis.title.text
    assert "nominal" in nominal.layout.yaxis.title.text


@pytest.mark.parametrize(("log", "axis_type"), [(True, "log"), (False, "linear")])
def test_log_toggle_sets_axis_types(ds: Dataset, log: bool, axis_type: str) -> None:
    fig = _build(ds, "price-performance", _state(ds, log=log))
    assert (fig.layout.xaxis.type, fig.layout.yaxis.type) == (axis_type, axis_type)


def test_traces_are_coloured_by_family_and_points_match_plottable_rows(ds: Dataset) -> None:
    state = _state(ds)
    frame = make_view_frame(ds.models, ds.cpi, state)
    fig = _build(ds, "price-performance", state)
    plottable = frame.dropna(subset=["performance", "price_shown_usd"])
    families = [t for t in fig.data if t.name in FAMILIES]
    assert sum(len(t.x) for t in families) == len(plottable)
    assert {t.name for t in families} == set(plottable["family"])
    assert {t.name for t in fig.data} - set(FAMILIES) <= {TOP_LEGEND, APPROXIMATE_LEGEND}


def test_highlighted_models_are_labelled_at_their_point_on_log_axes(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "price-performance", _state(ds, highlight=("mac-b",), price="nominal", log=True, metric="cpu-throughput"))
    [note] = fig.layout.annotations
    assert "Mac B" in note.text
    assert note.x == pytest.approx(math.log10(0.25))
    assert note.y == pytest.approx(math.log10(3000))


def test_imac_pro_is_highlighted_by_default_with_its_announcement() -> None:
    ds = load_dataset(DEFAULT_DATA_DIR)
    fig = _build(ds, "price-performance", _state(ds))
    texts = [a.text for a in fig.layout.annotations]
    assert any("iMac Pro" in t and "WWDC 2017" in t and "$4,999" in t for t in texts), texts


def test_over_time_shows_era_bands_and_top_price_bars(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "price-over-time", _state(ds, price="nominal"))
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == 4
    powerbook = next(t for t in fig.data if t.name == "PowerBook")
    assert list(powerbook.error_y.array) == [1000]


def test_timeline_bars_run_to_discontinuation_or_today(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "timeline", _state(ds))
    compact = next(t for t in fig.data if t.name == "Compact Macintosh")
    days = compact.x[0] / 86_400_000
    assert days == pytest.approx((date(1985, 10, 1) - date(1984, 1, 24)).days)
    studio = next(t for t in fig.data if t.name == "Mac Studio")
    assert studio.x[0] / 86_400_000 == pytest.approx((AS_OF - date(2022, 3, 18)).days)


@pytest.mark.parametrize("view", list(VIEW_FIGURES))
def test_chart_views_build_and_name_their_coverage(ds: Dataset, view: str) -> None:
    state = _state(ds, view=view)
    frame = make_view_frame(ds.models, ds.cpi, state)
    spec = make_chart_spec(state, ds.cpi, compute_eras(ds.models, AS_OF), AS_OF)
    built = make_chart_view(frame, view, spec, ds.index)
    assert [k for k, _ in built.figures] == [f"chart_{n}" for n in VIEW_FIGURES[view]]
    assert built.coverage == coverage_lines(frame, view, spec)
    if view != "coverage":
        assert all(f"of {len(frame)} shown models" in line for line in built.coverage)
    assert built.coverage


def test_coverage_heatmap_counts_known_fields_per_era_and_family(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "coverage", _state(ds))
    [heat] = fig.data
    assert list(heat.y) == ["68k · Compact Macintosh (1)", "PowerPC · PowerBook (1)", "Intel · iMac (1)", "Apple silicon · Mac Studio (1)"]
    col = list(heat.x).index("price_max_usd")
    assert [row[col] for row in heat.text] == ["0/1", "1/1", "0/1", "1/1"]
    assert [row[col] for row in heat.z] == [0, 1, 0, 1]


def test_axis_ranges_fit_the_data_not_the_labels(ds: Dataset) -> None:
    state = _state(ds, log=True, price="nominal")
    frame = make_view_frame(ds.models, ds.cpi, state).dropna(subset=["performance", "price_shown_usd"])
    fig = _build(ds, "price-performance", state)
    x_lo, x_hi = fig.layout.xaxis.range
    assert x_lo < math.log10(frame["performance"].min()) and x_hi > math.log10(frame["performance"].max())
    assert x_hi - x_lo < math.log10(frame["performance"].max() / frame["performance"].min()) + 1
    y_lo, y_hi = fig.layout.yaxis.range
    assert y_lo < math.log10(frame["price_shown_usd"].min()) and y_hi > math.log10(frame["price_shown_usd"].max())
    linear = _build(ds, "price-performance", _state(ds, log=False, price="nominal"))
    assert linear.layout.xaxis.range[0] <= 0 < linear.layout.xaxis.range[1]


def test_labels_point_inwards_from_the_side_with_more_room(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "price-performance", _state(ds, highlight=("mac-a", "mac-c"), price="nominal", log=True))
    by_text = {a.text.split("</b>")[0]: a.ax for a in fig.layout.annotations}
    assert by_text["<b>Mac A"] > 0  # leftmost point: label to its right
    assert by_text["<b>Mac C"] < 0  # rightmost point: label to its left


def test_hover_card_names_both_prices_and_the_source(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    fig = _build(ds, "price-performance", _state(ds, base_year=2024))
    card = next(t for t in fig.data if t.name == "PowerBook").hovertext[0]
    assert "Mac B" in card and "$3,000 (nominal)" in card and "$5,812 (US$ of 2024)" in card
    assert "Announced 6 May 1998" in card and "Source: example.org" in card


def test_index_band_is_drawn_as_error_bars_and_named_in_the_hover_card() -> None:
    ds = load_dataset(DEFAULT_DATA_DIR)
    state = _state(ds, highlight=())
    frame = make_view_frame(ds.models, ds.cpi, state).set_index("model_id")
    fig = _build(ds, "metric-over-time", state)
    trace = next(t for t in fig.data if t.name == "iMac Pro")
    [y] = trace.y
    assert trace.error_y.array[0] == pytest.approx(frame.at["imac-pro-2017", "perf_index_high"] - y)
    assert trace.error_y.arrayminus[0] == pytest.approx(y - frame.at["imac-pro-2017", "perf_index_low"])
    confidence = frame.at["imac-pro-2017", "perf_index_confidence"]
    assert f"{confidence} confidence" in trace.hovertext[0] and "Geekbench" in trace.hovertext[0]


def test_value_is_the_measure_per_thousand_dollars_of_the_shown_price(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    state = _state(ds, price="nominal", metric="cpu-throughput")
    frame = make_view_frame(ds.models, ds.cpi, state).set_index("model_id")
    assert frame.at["mac-c", "value"] == pytest.approx(6.12 / 1200 * 1000)
    fig = _build(ds, "value-over-time", state)
    assert "per $1,000 (US$, nominal)" in fig.layout.yaxis.title.text
    frontier = next(t for t in fig.data if t.name == "Best value so far")
    assert list(frontier.y) == sorted(frontier.y)


def test_each_model_with_a_known_top_configuration_is_drawn_from_its_base_point_to_its_top_point(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    with (tmp_path / "benchmarks.csv").open("a", encoding="utf-8") as fh:
        fh.write("mac-d,geekbench6_multi,18000,M1 Ultra 20-core,Apple M1 Ultra,20,,https://e.org,2026-11-25,\n")
    ds = load_dataset(tmp_path)
    state = _state(ds, price="nominal")
    frame = make_view_frame(ds.models, ds.cpi, state).set_index("model_id")
    fig = _build(ds, "price-performance", state)
    line = next(t for t in fig.data if t.name == TOP_LEGEND and t.mode == "lines")
    base = (frame.at["mac-d", "perf_index"], 1999)
    top = (frame.at["mac-d", "perf_index_top"], 3999)
    assert list(zip(line.x, line.y, strict=True))[:2] == [pytest.approx(base), pytest.approx(top)]
    assert top[0] / base[0] == pytest.approx(18000 / 12300)  # each point pairs a price with its own configuration's score


def test_approximate_prices_are_hollow_with_a_legend_entry_and_say_about(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    rows = [dict(r) for r in MODEL_ROWS]
    rows[1].update(price_precision="approximate")
    write_models(data / "models.csv", rows)
    ds = load_dataset(data)
    fig = _build(ds, "price-performance", _state(ds, price="nominal", metric="cpu-throughput"))
    powerbook = next(t for t in fig.data if t.name == "PowerBook")
    assert list(powerbook.marker.symbol) == ["circle-open"]
    assert "Launch price about $3,000 (nominal)" in powerbook.hovertext[0]
    assert APPROXIMATE_LEGEND in {t.name for t in fig.data}
    imac = next(t for t in fig.data if t.name == "iMac")
    assert list(imac.marker.symbol) == ["circle"]
