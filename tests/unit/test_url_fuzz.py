"""Property-based tests of the URL parser: no exception for any link, a stable round trip, every rejected value named."""

from __future__ import annotations

from dataclasses import fields

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maclineup.loading import load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.viewstate import VIEWS, ViewState, default_state, make_options, parse_query, to_query

DS = load_dataset(DEFAULT_DATA_DIR)
OPTIONS = make_options(DS.models, sorted(DS.cpi["year"].astype(int)), DS.events)
KEYS = [f.name for f in fields(ViewState)]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(max_size=40)
keys = st.one_of(st.sampled_from(KEYS), any_text)
params = st.dictionaries(
    keys, st.lists(st.one_of(any_text, st.sampled_from(["", "true", "1998", "2025-06", "imac-pro-2017", "iMac", "data"])), max_size=5), max_size=8
)


@SETTINGS
@given(params)
def test_any_link_parses_without_an_exception_to_a_valid_state(query: dict[str, list[str]]) -> None:
    state, notices = parse_query(query, OPTIONS)
    assert state.view in VIEWS
    assert set(state.highlight) <= set(OPTIONS.model_names) and set(state.compare) <= set(OPTIONS.model_names)
    assert OPTIONS.year_min <= state.years[0] <= state.years[1] <= OPTIONS.year_max
    assert len(state.compare) <= 4 and len(state.on_sale) <= 3
    assert all(len(n) < 600 for n in notices), "notices quote values shortened"


valid_states = st.builds(
    lambda view, family, years, metric, price, log, highlight, color, bands, compare, mine, play: default_state(OPTIONS).__class__(
        view=view,
        family=tuple(dict.fromkeys(family)),
        form=(),
        arch=(),
        years=tuple(sorted(years)),  # type: ignore[arg-type]
        metric=metric,
        price=price,
        base_year=OPTIONS.base_years[-1],
        log=log,
        highlight=tuple(dict.fromkeys(highlight)),
        color=color,
        bands=bands,
        compare=tuple(dict.fromkeys(compare))[:4],
        mine=mine,
        play=play,
    ),
    st.sampled_from(list(VIEWS)),
    st.lists(st.sampled_from(OPTIONS.families), max_size=3),
    st.tuples(st.integers(OPTIONS.year_min, OPTIONS.year_max), st.integers(OPTIONS.year_min, OPTIONS.year_max)),
    st.sampled_from(["performance-index", "geekbench6-multi", "cpu-throughput"]),
    st.sampled_from(["real", "nominal"]),
    st.booleans(),
    st.lists(st.sampled_from(list(OPTIONS.model_names)), min_size=1, max_size=3),
    st.sampled_from(["architecture", "form", "line"]),
    st.booleans(),
    st.lists(st.sampled_from(list(OPTIONS.model_names)), max_size=4).filter(lambda c: len(set(c)) != 1),
    st.sampled_from(["", "imac-pro-2017", "macintosh-128k"]),
    st.booleans(),
)


@SETTINGS
@given(valid_states)
def test_every_valid_state_round_trips_through_its_link(state: ViewState) -> None:
    parsed, notices = parse_query(to_query(state, OPTIONS), OPTIONS)
    assert notices == []
    assert parsed == state
    assert to_query(parsed, OPTIONS) == to_query(state, OPTIONS)


@SETTINGS
@given(st.sampled_from(["view", "metric", "price", "log", "color", "bands", "play", "mine", "event", "base_year"]), any_text.filter(lambda t: t.strip() != ""))
def test_every_rejected_value_is_named(key: str, value: str) -> None:
    state, notices = parse_query({key: [value]}, OPTIONS)
    if getattr(state, key) == getattr(default_state(OPTIONS), key) and value not in ("true", "false"):
        accepted = str(getattr(state, key)).lower() == value.lower()
        assert accepted or any(key in n for n in notices), (key, value, notices)
