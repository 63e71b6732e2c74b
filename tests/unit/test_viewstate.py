"""URL parameters: parsed with fallbacks and notices, written without defaults, round-tripped."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from maclineup.loading import load_dataset
from maclineup.plaintext import escape_markdown, quote
from maclineup.viewstate import (
    QUERY_MAX_CHARS,
    QUERY_MAX_PARAMS,
    ViewOptions,
    default_state,
    dropped_query_notice,
    make_options,
    parse_query,
    share_url,
    to_query,
)
from tests.fixtures import make_data_dir


@pytest.fixture
def options(tmp_path: Path) -> ViewOptions:
    ds = load_dataset(make_data_dir(tmp_path))
    return make_options(ds.models, [1984, 2010, 2024])


def test_defaults_come_from_the_data(options: ViewOptions) -> None:
    state = default_state(options)
    assert state.years == (1984, 2022)
    assert state.base_year == 2024
    assert state.view == "price-performance"
    assert state.highlight == ()  # the fixture has no imac-pro-2017
    assert to_query(state, options) == {}


@pytest.mark.parametrize(
    ("params", "field", "expected"),
    [
        ({"view": ["timeline"]}, "view", "timeline"),
        ({"family": ["iMac", "PowerBook"]}, "family", ("iMac", "PowerBook")),
        ({"form": ["laptop"]}, "form", ("laptop",)),
        ({"arch": ["Intel"]}, "arch", ("Intel",)),
        ({"years": ["2010", "1990"]}, "years", (1990, 2010)),
        ({"metric": ["gpu-tflops"]}, "metric", "gpu-tflops"),
        ({"price": ["nominal"]}, "price", "nominal"),
        ({"base_year": ["2010"]}, "base_year", 2010),
        ({"log": ["false"]}, "log", False),
        ({"highlight": ["mac-b", "mac-d"]}, "highlight", ("mac-b", "mac-d")),
        ({"highlight": [""]}, "highlight", ()),
    ],
)
def test_url_seeds_the_state(options: ViewOptions, params: dict[str, list[str]], field: str, expected: object) -> None:
    state, notices = parse_query(params, options)
    assert getattr(state, field) == expected
    assert notices == []


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"view": ["map"]}, "view", "Ignored view='map'"),
        ({"family": ["iMac", "Toaster"]}, None, "Ignored family='Toaster'"),
        ({"years": ["1990"]}, "years", "Ignored years='1990'"),
        ({"years": ["1950", "2000"]}, "years", "between 1984 and 2022"),
        ({"years": ["a", "b"]}, "years", "Ignored years"),
        ({"metric": ["speed"]}, "metric", "Ignored metric='speed'"),
        ({"price": ["cheap"]}, "price", "Ignored price='cheap'"),
        ({"base_year": ["1999"]}, "base_year", "Ignored base_year='1999'"),
        ({"log": ["maybe"]}, "log", "Ignored log='maybe'"),
        ({"highlight": ["no-such-mac"]}, "highlight", "Ignored highlight='no-such-mac'"),
        ({"colour": ["red"]}, None, "unknown URL parameter 'colour'"),
    ],
)
def test_invalid_values_fall_back_to_defaults_with_a_notice(options: ViewOptions, params: dict[str, list[str]], field: str | None, words: str) -> None:
    state, notices = parse_query(params, options)
    assert any(words in n for n in notices), notices
    if field:
        assert getattr(state, field) == getattr(default_state(options), field)


def test_valid_values_survive_next_to_invalid_ones(options: ViewOptions) -> None:
    state, notices = parse_query({"family": ["iMac", "Toaster"], "view": ["data"], "junk": ["1"]}, options)
    assert state.family == ("iMac",)
    assert state.view == "data"
    assert len(notices) == 2


def test_streamlit_embed_parameters_are_not_reported(options: ViewOptions) -> None:
    assert parse_query({"embed": ["true"]}, options)[1] == []


def test_query_round_trips_and_leaves_defaults_out(options: ViewOptions) -> None:
    state = replace(default_state(options), view="data", family=("iMac",), years=(1990, 2010), log=False, base_year=2010, highlight=())
    query = to_query(state, options)
    assert query == {"view": ["data"], "family": ["iMac"], "years": ["1990", "2010"], "base_year": ["2010"], "log": ["false"]}
    assert parse_query(query, options) == (state, [])


def test_clearing_a_default_highlight_is_written_as_an_empty_value(options: ViewOptions) -> None:
    with_default = replace(options, model_names={"imac-pro-2017": "iMac Pro", **options.model_names})
    state = replace(default_state(with_default), highlight=())
    assert to_query(state, with_default) == {"highlight": [""]}
    assert parse_query({"highlight": [""]}, with_default)[0].highlight == ()


@pytest.mark.parametrize(
    ("base", "query", "expected"),
    [
        ("https://mac.example/", {}, "https://mac.example/"),
        ("http://127.0.0.1:8501", {"log": ["false"]}, "http://127.0.0.1:8501/?log=false"),
        ("https://mac.example/app/", {"log": ["false"]}, "https://mac.example/app/?log=false"),
        ("https://mac.example/", {"family": ["iMac", "Mac mini"], "view": ["data"]}, "https://mac.example/?family=iMac&family=Mac+mini&view=data"),
        (None, {"highlight": [""]}, "?highlight="),
    ],
)
def test_share_url_reopens_the_view(base: str | None, query: dict[str, list[str]], expected: str) -> None:
    assert share_url(base, query) == expected


@pytest.mark.parametrize(
    ("params", "field", "expected"), [({"color": ["form"]}, "color", "form"), ({"color": ["line"]}, "color", "line"), ({"bands": ["true"]}, "bands", True)]
)
def test_colour_and_bands_are_url_parameters(options: ViewOptions, params: dict[str, list[str]], field: str, expected: object) -> None:
    state, notices = parse_query(params, options)
    assert getattr(state, field) == expected and notices == []
    assert parse_query(to_query(state, options), options)[0] == state


def test_a_repeated_single_valued_parameter_is_named_as_repeated(options: ViewOptions) -> None:
    state, [notice] = parse_query({"price": ["real", "nominal"]}, options)
    assert state.price == "real"
    assert "repeated" in notice and "price" in notice


def test_an_unknown_highlight_falls_back_to_the_default_highlight_with_a_notice(options: ViewOptions) -> None:
    with_default = replace(options, model_names={"imac-pro-2017": "iMac Pro", **options.model_names})
    state, [notice] = parse_query({"highlight": ["<b>x</b>"]}, with_default)
    assert state.highlight == ("imac-pro-2017",)
    assert "highlight" in notice and "'<b>x</b>'" in notice


@pytest.mark.parametrize("year", ["١٩٩٨", "１９９８", "1_998", " 1998", "+1998"])
def test_years_are_four_ascii_digits_only(options: ViewOptions, year: str) -> None:
    state, notices = parse_query({"years": [year, "2000"]}, options)
    assert state.years == default_state(options).years and notices


def test_echoed_values_are_shortened(options: ViewOptions) -> None:
    [notice] = parse_query({"view": ["x" * 10_000]}, options)[1]
    assert len(notice) < 300 and "…" in notice


@pytest.mark.parametrize(
    "text",
    [
        "[Fix your settings here](https://evil.example/phish)",
        "![x](https://evil.example/pixel.png)",
        "\n\n# Injected heading\n\n[Click](https://evil.example/key)",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_notices_render_url_text_as_plain_text(text: str) -> None:
    shown = escape_markdown(quote(text))
    assert "](" not in shown.replace("\\]\\(", "") and "\n" not in shown
    assert not re.search(r"(?<!\\)[\[\]()#<>!]", shown), shown


@pytest.mark.parametrize(
    ("chars", "params", "expected"),
    [
        (0, 0, None),
        (QUERY_MAX_CHARS, QUERY_MAX_PARAMS, None),
        (4_017, QUERY_MAX_PARAMS + 2, "This link has 1,002 parameters, more than the 1,000 the server reads"),
        (QUERY_MAX_CHARS + 1, 3, "This link is 524,289 characters long, more than the 524,288 the server reads"),
        (600_000, 5_000, "This link is 600,000 characters long"),
    ],
)
def test_a_link_dropped_for_its_size_is_named_by_its_size(chars: int, params: int, expected: str | None) -> None:
    notice = dropped_query_notice(chars, params)
    if expected is None:
        assert notice is None
    else:
        assert notice is not None and notice.startswith(expected)
