"""The dashboard script end to end in AppTest: views, URL seeding, widgets, downloads, bad input."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from maclineup.export import make_table, table_to_csv
from maclineup.loading import load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.plaintext import escape_markdown
from maclineup.schema import FAMILIES
from maclineup.selection import make_view_frame
from maclineup.viewstate import QUERY_MAX_CHARS, QUERY_MAX_PARAMS, VIEWS, make_options, parse_query
from tests.app.conftest import chart_figures, chart_specs, page_text
from tests.fixtures import copy_real_data

Run = Callable[..., AppTest]
DS = load_dataset(DEFAULT_DATA_DIR)


def test_default_page_renders_the_price_performance_chart(run_app: Run) -> None:
    at = run_app()
    assert not at.exception
    assert len(chart_specs(at)) == 1
    headline = at.markdown[1].value.replace("\\", "")
    assert headline.startswith("**Performance index rose") and "median launch price" in headline, "the chart's headline states its conclusion"
    assert f"{len(DS.models)} Macs" in page_text(at)
    assert f"dataset {DS.version}" in page_text(at)
    assert dict(at.query_params) == {}, "the default view writes nothing into the URL"


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_renders_without_exception(run_app: Run, view: str) -> None:
    at = run_app({"view": view})
    assert not at.exception
    assert at.segmented_control(key="view").value == view
    if view == "data":
        assert len(at.dataframe) == 2  # the table and the dictionary
    elif view == "compare":
        assert "Pick two to four Macs" in page_text(at), "an empty comparison says how to start one"
    elif view == "budget":
        assert len(at.dataframe) == 2, "one lineup per default date"
    else:
        assert chart_specs(at)


@pytest.mark.parametrize(
    "params",
    [
        {"family": ["iMac", "Mac mini"], "log": "false", "price": "nominal"},
        {"form": "laptop", "arch": ["PowerPC", "Intel"], "metric": "gpu-tflops", "view": "over-time"},
        {"years": ["1984", "1990"], "base_year": "1990", "highlight": ["macintosh-128k"], "view": "timeline"},
        {"years": ["2030", "2040"], "family": "Nope", "view": "data"},
        {"family": "Xserve", "years": ["1984", "1985"]},  # nothing matches
    ],
)
def test_parameter_combinations_render(run_app: Run, params: dict[str, str | list[str]]) -> None:
    at = run_app(params)
    assert not at.exception


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize(
    "settings",
    [
        {"price": "nominal", "log": "false", "metric": "gpu-tflops"},
        {"price": "real", "base_year": "1984", "metric": "cpu-throughput", "highlight": ""},
        {"arch": "Apple silicon", "form": ["desktop", "laptop"], "highlight": ["imac-pro-2017", "macintosh-128k"]},
        {"family": ["Mac Pro", "iMac Pro", "Mac Studio"], "years": ["2006", "2026"], "log": "false"},
    ],
    ids=["nominal-linear-gpu", "real-1984-no-highlight", "apple-silicon", "pro-desktops"],
)
def test_every_view_renders_for_parameter_combinations(run_app: Run, view: str, settings: dict[str, str | list[str]]) -> None:
    at = run_app({"view": view, **settings})
    assert not at.exception
    assert "Ignored" not in page_text(at)
    assert chart_specs(at) or at.dataframe or at.info


def test_url_seeds_every_widget(run_app: Run) -> None:
    params = {
        "view": "over-time", "family": ["iMac", "PowerBook"], "form": "laptop", "arch": "PowerPC", "years": ["1995", "2005"],
        "metric": "gpu-tflops", "price": "nominal", "base_year": "2000", "log": "false", "highlight": ["imac-g3-rev-a-1998"],
    }  # fmt: skip
    at = run_app(params)
    assert at.segmented_control(key="view").value == "over-time"
    assert at.multiselect(key="family").value == ["iMac", "PowerBook"]
    assert at.multiselect(key="form").value == ["laptop"]
    assert at.multiselect(key="arch").value == ["PowerPC"]
    assert at.slider(key="years").value == (1995, 2005)
    assert at.selectbox(key="metric").value == "gpu-tflops"
    assert at.segmented_control(key="price").value == "nominal"
    assert at.selectbox(key="base_year").value == 2000
    assert at.toggle(key="log").value is False
    assert at.multiselect(key="highlight").value == ["imac-g3-rev-a-1998"]
    assert not page_text(at).count("Ignored"), "every seeded value was valid"


def test_invalid_url_values_fall_back_and_are_named(run_app: Run) -> None:
    at = run_app({"view": "map", "family": ["iMac", "Toaster"], "colour": "red"})
    assert not at.exception
    text = page_text(at).replace("\\", "")  # notices are escaped for Markdown; compare what the reader sees
    assert "Ignored view='map'" in text
    assert "Ignored family='Toaster'" in text
    assert "unknown URL parameter 'colour'" in text
    assert at.segmented_control(key="view").value == "price-performance"
    assert at.multiselect(key="family").value == ["iMac"]
    assert "colour" not in at.query_params


def test_changing_the_measure_changes_the_chart_and_the_url(run_app: Run) -> None:
    at = run_app()
    before = chart_specs(at)[0]["layout"]["xaxis"]["title"]["text"]
    at.selectbox(key="metric").set_value("gpu-tflops").run()
    after = chart_specs(at)[0]["layout"]["xaxis"]["title"]["text"]
    assert before != after and "TFLOPS" in after
    assert at.query_params["metric"] == "gpu-tflops"


def test_changing_a_filter_changes_the_table_and_the_url(run_app: Run) -> None:
    at = run_app({"view": "data"})
    everything = len(at.dataframe[0].value)
    at.multiselect(key="form").set_value(["laptop"]).run()
    laptops = at.dataframe[0].value
    assert 0 < len(laptops) < everything
    assert set(laptops["form_factor"]) == {"laptop"}
    assert at.query_params["form"] == "laptop"


def test_log_toggle_and_price_mode_reach_the_axes(run_app: Run) -> None:
    at = run_app()
    at.toggle(key="log").set_value(False).run()
    at.segmented_control(key="price").set_value("nominal").run()
    layout = chart_specs(at)[0]["layout"]
    assert layout["yaxis"]["type"] == "linear"
    assert "nominal" in layout["yaxis"]["title"]["text"]


def test_shown_table_is_the_download_table_for_the_url(run_app: Run) -> None:
    params = {"view": "data", "form": ["laptop"], "years": ["1990", "2010"], "base_year": "2000"}
    at = run_app(params)
    shown = at.dataframe[0].value
    options = make_options(DS.models, sorted(DS.cpi["year"].astype(int)))
    state, _ = parse_query({k: v if isinstance(v, list) else [v] for k, v in params.items()}, options)
    expected = make_table(make_view_frame(DS.models, DS.cpi, state), state.base_year)
    assert shown["model_id"].tolist() == expected["model_id"].tolist()
    assert shown["price_real_usd"].fillna(-1).tolist() == expected["price_real_usd"].fillna(-1).tolist()
    downloaded = pd.read_csv(io.BytesIO(table_to_csv(expected)))
    assert downloaded["model_id"].tolist() == shown["model_id"].tolist()
    labels = [b.label for b in at.get("download_button") if b.label != "Save as a web page"]
    assert labels == ["CSV", "Parquet", "All models (CSV)", "Metadata (JSON)"]
    assert len(set(labels)) == len(labels), "each download says what it is"


def test_measure_coverage_is_counted_and_named(run_app: Run) -> None:
    at = run_app({"metric": "gpu-tflops"})
    assert "shown models have a value; without one:" in page_text(at)


@pytest.mark.parametrize(
    ("file", "content", "words"),
    [
        ("models.csv", None, "column 'price_usd'"),
        ("cpi_us.csv", "year,cpi_u\n1984,abc\n", "required column 'months' is missing"),
        ("datapackage.json", "{broken", "not valid JSON"),
    ],
)
def test_corrupt_data_shows_a_message_not_a_traceback(run_app: Run, tmp_path: Path, file: str, content: str | None, words: str) -> None:
    data = copy_real_data(tmp_path / "data")
    if content is None:
        rows = list(csv.DictReader((data / file).open(encoding="utf-8", newline="")))
        rows[0]["price_usd"] = "-5"
        buf = io.StringIO()
        writer = csv.DictWriter(buf, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        content = buf.getvalue()
    (data / file).write_text(content, encoding="utf-8")
    at = run_app({"family": "iMac", "view": "data"}, data_dir=data)
    assert not at.exception
    [error] = at.error
    assert words in error.value
    assert file in error.value
    assert at.query_params["family"] == "iMac", "the user's link is kept"


def test_clicking_a_point_labels_that_model(run_app: Run) -> None:
    at = run_app({"highlight": ""})

    def labels() -> list[str]:
        return [a["text"] for a in chart_specs(at)[0]["layout"].get("annotations", []) if "</b>" in a["text"]]

    assert labels() == []
    at.session_state["chart_price-performance"] = {
        "selection": {"points": [{"point_index": 0, "customdata": ["macintosh-128k"]}], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert at.multiselect(key="highlight").value == ["macintosh-128k"]
    assert at.query_params["highlight"] == "macintosh-128k"
    [note] = labels()
    assert "Macintosh" in note
    # The same selection on the next rerun does not re-add a model the reader removed.
    at.multiselect(key="highlight").set_value([]).run()
    assert at.multiselect(key="highlight").value == []


def test_coverage_view_shows_how_far_the_benchmark_chain_reaches(run_app: Run) -> None:
    at = run_app({"view": "coverage"})
    [table] = at.dataframe
    assert table.value["benchmark"].tolist()[:2] == ["Geekbench 6 multi-core", "Geekbench 5 multi-core"]
    assert "(anchor)" in set(table.value["bridge models"])


def test_the_performance_index_is_the_default_measure_with_error_bars_and_its_method(run_app: Run) -> None:
    at = run_app()
    [fig] = chart_figures(at)
    assert fig["layout"]["xaxis"]["title"]["text"] == "Performance index (Macintosh 128K = 1)"
    families = [trace for trace in fig["data"] if trace["name"] in FAMILIES]
    assert all(max(trace["error_x"]["arrayminus"]) > 0 for trace in families), "every family's points carry their band"
    assert at.selectbox(key="metric").value == "performance-index"
    [method] = [e for e in at.expander if e.label == "How performance is measured"]
    assert "Macintosh 128K = 1" in method.markdown[0].value
    assert not method.dataframe, "closed, the section builds no tables (they would slow the first page load)"
    at.session_state["method_open"] = True  # the reader opens the section
    at.run()
    [method] = [e for e in at.expander if e.label == "How performance is measured"]
    chain = method.dataframe[0].value
    assert chain["benchmark"].iloc[0] == "Geekbench 6 multi-core" and len(chain) >= 8
    assert "Shown models with a value: Performance index" in page_text(at)


def test_old_links_keep_their_measure(run_app: Run) -> None:
    at = run_app({"metric": "cpu-throughput"})
    assert not at.warning, "the old default is still a valid choice"
    [spec] = chart_specs(at)
    assert spec["layout"]["xaxis"]["title"]["text"].startswith("CPU throughput proxy")
    assert dict(at.query_params) == {"metric": "cpu-throughput"}


def test_value_view_plots_performance_per_real_dollar_with_the_best_value_so_far(run_app: Run) -> None:
    at = run_app({"view": "value"})
    [fig] = chart_figures(at)
    assert "per $1,000 (US$ of" in fig["layout"]["yaxis"]["title"]["text"]
    frontier = next(t for t in fig["data"] if t["name"] == "Best value so far")
    assert len(frontier["y"]) > 5 and frontier["y"] == sorted(frontier["y"]), "the best value so far never falls"
    assert "per \\$1,000" in page_text(at), "dollar signs are shown, not read as LaTeX"


def test_each_measure_says_how_many_shown_models_have_it_and_survives_filtering(run_app: Run) -> None:
    at = run_app({"metric": "geekbench6-multi"})
    gb6 = int(DS.models["geekbench6_multi"].notna().sum())
    assert f"Geekbench 6 multi-core {gb6} of {len(DS.models)}" in page_text(at)
    at.multiselect(key="arch").set_value(["68k"]).run()
    assert at.selectbox(key="metric").value == "geekbench6-multi", "changing a filter keeps the chosen measure"
    shown = int((DS.models["architecture"] == "68k").sum())
    assert f"Geekbench 6 multi-core 0 of {shown} · " in page_text(at)
    assert f"Performance index {shown} of {shown}" in page_text(at)


def test_the_dropped_link_limits_are_streamlits_own() -> None:
    """The notice names the limits the server applies; an upgrade that changes them fails here."""
    from streamlit.runtime.state import query_params

    assert (QUERY_MAX_CHARS, QUERY_MAX_PARAMS) == (query_params.CLIENT_STATE_QUERY_STRING_MAX_LENGTH, query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS)
    assert query_params.sanitize_query_string("a=1" + "&a=1" * QUERY_MAX_PARAMS) == ""
    assert query_params.sanitize_query_string("a=1" + "&a=1" * (QUERY_MAX_PARAMS - 1)) != ""


def test_sessions_share_each_chart_unchanged_with_its_headline_as_page_text(run_app: Run) -> None:
    """Charts come from a cache shared by every session: a later session gets exactly what the first one got."""
    first, second = run_app({"view": "value"}), run_app({"view": "value"})
    assert chart_specs(first) == chart_specs(second)
    [spec] = chart_specs(second)
    assert "text" not in spec["layout"].get("title", {}), "the headline is page text, not a Plotly title"
    [chart] = second.get("plotly_chart")
    assert chart.proto.alt and chart.proto.alt != "Chart", "the chart's accessible name is its headline"
    assert f"**{escape_markdown(chart.proto.alt)}**" in [m.value for m in second.markdown], "shown above the chart"


def test_no_view_changes_the_dataset_every_session_shares(run_app: Run) -> None:
    """The catalogue is one object shared by all sessions (a resource cache): running every view leaves it intact."""
    from components.cache import cached_load_dataset
    from maclineup.paths import data_fingerprint

    for view in VIEWS:
        assert not run_app({"view": view, "mine": "imac-21-5-late-2012", "compare": ["imac-pro-2017", "mac-pro-late-2013"]}).exception
    shared, fresh = cached_load_dataset(str(DEFAULT_DATA_DIR), data_fingerprint(DEFAULT_DATA_DIR)), load_dataset(DEFAULT_DATA_DIR)
    for name in ("models", "cpi", "benchmarks", "events"):
        pd.testing.assert_frame_equal(getattr(shared, name), getattr(fresh, name), obj=name)
