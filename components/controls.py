"""The shareable widgets: one per URL parameter, each with ``key`` equal to the parameter name."""

from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from maclineup.inflation import cpi_year_label
from maclineup.metrics import METRICS
from maclineup.viewstate import PRICE_MODES, VIEWS, ViewOptions, ViewState

_SEEDED = "_view_seeded"


def seed_widgets(state: ViewState) -> None:
    """Put ``state`` into the widgets once per session (the URL opened the page)."""
    if st.session_state.get(_SEEDED):
        return
    for key, value in asdict(state).items():
        st.session_state[key] = list(value) if key in {"family", "form", "arch", "highlight"} else value
    st.session_state[_SEEDED] = True


def render_view_switcher() -> str:
    """The view tabs; returns the chosen view key."""
    choice = st.segmented_control("View", list(VIEWS), format_func=VIEWS.__getitem__, key="view", required=True, label_visibility="collapsed")
    return str(choice)


def render_filters(options: ViewOptions, cpi_labels: dict[int, str]) -> dict[str, object]:
    """Sidebar filters and display settings; returns their values by parameter name."""
    with st.sidebar:
        st.header("Filter")
        family = st.multiselect("Family", options.families, key="family", placeholder="All families")
        form = st.multiselect("Form factor", options.forms, key="form", placeholder="All form factors")
        arch = st.multiselect("Architecture", options.archs, key="arch", placeholder="All architectures")
        years = st.slider("Announced between", options.year_min, options.year_max, key="years")
        st.header("Display")
        metric = st.selectbox("Performance measure", list(METRICS), format_func=lambda k: METRICS[k].label, key="metric")
        price = st.segmented_control("Prices", list(PRICE_MODES), format_func=PRICE_MODES.__getitem__, key="price", required=True)
        base_year = st.selectbox(
            "Constant dollars of",
            options.base_years,
            format_func=cpi_labels.__getitem__,
            key="base_year",
            help="Real prices are scaled by US CPI-U: CPI of this year ÷ CPI of the announcement year.",
        )
        log = st.toggle("Logarithmic scales", key="log")
        highlight = st.multiselect(
            "Highlight and label",
            list(options.model_names),
            format_func=lambda m: options.model_names[m],
            key="highlight",
            placeholder="Pick models to label",
        )
    return {
        "family": family,
        "form": form,
        "arch": arch,
        "years": years,
        "metric": metric,
        "price": price,
        "base_year": base_year,
        "log": log,
        "highlight": highlight,
    }


def render_controls(options: ViewOptions, initial: ViewState, cpi_labels: dict[int, str]) -> ViewState:
    """Render every shareable widget, seeded from ``initial``; return the resulting view state."""
    seed_widgets(initial)
    view = render_view_switcher()
    values = render_filters(options, cpi_labels)
    return ViewState(
        view=view,
        family=tuple(values["family"]),  # type: ignore[arg-type]
        form=tuple(values["form"]),  # type: ignore[arg-type]
        arch=tuple(values["arch"]),  # type: ignore[arg-type]
        years=(int(values["years"][0]), int(values["years"][1])),  # type: ignore[index]
        metric=str(values["metric"]),
        price=str(values["price"]),
        base_year=int(values["base_year"]),  # type: ignore[call-overload]
        log=bool(values["log"]),
        highlight=tuple(values["highlight"]),  # type: ignore[arg-type]
    )


def base_year_labels(cpi, years: tuple[int, ...]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Labels for the base-year choice, with the partial-year caveat."""
    return {y: cpi_year_label(cpi, y) for y in years}
