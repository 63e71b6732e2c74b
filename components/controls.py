"""The shareable widgets: one per URL parameter, each with ``key`` equal to the parameter name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, replace

import streamlit as st

from maclineup.figures import COLOR_SCHEMES
from maclineup.metrics import METRICS
from maclineup.viewstate import MAX_COMPARE, MAX_ON_SALE, PRICE_MODES, VIEWS, ViewOptions, ViewState

_SEEDED = "_view_seeded"


def seed_widgets(state: ViewState, force: bool = False) -> None:
    """Put ``state`` into the widgets once per session (the URL opened the page), or again when ``force``d
    (the reader went Back or Forward to another URL)."""
    if st.session_state.get(_SEEDED) and not force:
        return
    for key, value in asdict(state).items():
        st.session_state[key] = list(value) if key in {"family", "form", "arch", "highlight", "compare", "on_sale", "budget"} else value
    st.session_state[_SEEDED] = True


def absorb_chart_selections(chart_keys: tuple[str, ...]) -> None:
    """Add the models clicked in a chart to the highlight list, once per new selection.

    Runs before the highlight widget is drawn, so the click shows up in the widget and the URL.
    """
    for key in chart_keys:
        state = st.session_state.get(key)
        if not state:
            continue
        points = state["selection"]["points"]
        clicked = tuple(dict.fromkeys(str(p["customdata"][0]) for p in points if p.get("customdata")))
        seen = f"_absorbed_{key}"
        if clicked and clicked != st.session_state.get(seen):
            current = list(st.session_state.get("highlight", []))
            st.session_state["highlight"] = current + [m for m in clicked if m not in current]
        st.session_state[seen] = clicked


def render_view_switcher() -> str:
    """The view tabs; returns the chosen view key."""
    choice = st.segmented_control("View", list(VIEWS), format_func=VIEWS.__getitem__, key="view", required=True, label_visibility="collapsed")
    return str(choice)


def render_controls(
    options: ViewOptions,
    initial: ViewState,
    cpi_labels: dict[int, str],
    chart_keys: tuple[str, ...],
    measure_counts: Callable[[ViewState], Mapping[str, str]],
    reseed: bool = False,
) -> ViewState:
    """Render every shareable widget, seeded from ``initial``; return the resulting view state.

    ``measure_counts`` says, for the filters chosen, how many shown models have each measure;
    ``reseed`` puts ``initial`` into the widgets again (the URL changed under them).
    """
    seed_widgets(initial, force=reseed)
    absorb_chart_selections(chart_keys)
    view = render_view_switcher()
    with st.sidebar:
        st.header("Filter")
        family = st.multiselect("Family", options.families, key="family", placeholder="All families")
        form = st.multiselect("Form factor", options.forms, key="form", placeholder="All form factors")
        arch = st.multiselect("Architecture", options.archs, key="arch", placeholder="All architectures")
        first, last = st.slider("Announced between", options.year_min, options.year_max, key="years")
        st.header("Display")
        filtered = replace(initial, family=tuple(family), form=tuple(form), arch=tuple(arch), years=(int(first), int(last)))
        counts = measure_counts(filtered)
        # The counts go in a caption: a changed option label is not redrawn for the option already chosen.
        metric = st.selectbox("Performance measure", list(METRICS), format_func=lambda k: METRICS[k].label, key="metric")
        st.caption("Shown models with a value: " + " · ".join(f"{METRICS[k].label} {counts[k]}" for k in METRICS))
        price = st.segmented_control("Prices", list(PRICE_MODES), format_func=PRICE_MODES.__getitem__, key="price", required=True)
        base_year = st.selectbox(
            "Constant dollars of",
            options.base_years,
            format_func=cpi_labels.__getitem__,
            key="base_year",
            help="Real prices are scaled by US CPI-U: CPI of this year ÷ CPI of the launch year.",
        )
        color = st.selectbox("Colour by", list(COLOR_SCHEMES), format_func=lambda k: COLOR_SCHEMES[k].label, key="color")
        log = st.toggle("Logarithmic scales", key="log")
        bands = st.toggle(
            "Ranges for every model",
            key="bands",
            help="Uncertainty bands of the performance index and base-to-top configuration lines for every model, not only the highlighted ones.",
        )
        highlight = st.multiselect(
            "Highlight and label",
            list(options.model_names),
            format_func=options.model_names.__getitem__,
            key="highlight",
            placeholder="Pick models, or click their points",
        )
        st.button("Compare these", key="compare_highlighted", on_click=_compare_highlighted, disabled=len(highlight) < 2, icon=":material/compare:")
        st.header("Ask the lineup")
        names = options.model_names
        compare = st.multiselect("Compare (2 to 4 Macs)", list(names), format_func=names.__getitem__, key="compare", max_selections=MAX_COMPARE)
        high_end = max(20_000, int(st.session_state.get("budget", [0, 0])[1]))
        budget = st.slider("Budget (base year's dollars)", 0, high_end, key="budget", step=100)
        months = _months(options)
        on_sale = st.multiselect("On sale at (up to 3 months)", months, key="on_sale", max_selections=MAX_ON_SALE)
        mine = st.selectbox("My Mac", ["", *names], format_func=lambda m: names.get(m, "—"), key="mine")
        event = st.selectbox("Keynote or press release", ["", *options.events], format_func=lambda e: options.events.get(e, "—"), key="event")
        play = st.toggle("Play the years (price vs performance)", key="play")
    return ViewState(
        view=view,
        family=tuple(family),
        form=tuple(form),
        arch=tuple(arch),
        years=(int(first), int(last)),
        metric=str(metric),
        price=str(price),
        base_year=int(base_year),
        log=bool(log),
        highlight=tuple(highlight),
        color=str(color),
        bands=bool(bands),
        compare=tuple(compare),
        budget=(int(budget[0]), int(budget[1])),
        on_sale=tuple(on_sale),
        mine=str(mine or ""),
        event=str(event or ""),
        play=bool(play),
    )


def _compare_highlighted() -> None:
    """Open the compare view with the highlighted models (the first four)."""
    st.session_state["compare"] = list(st.session_state.get("highlight", []))[:MAX_COMPARE]
    st.session_state["view"] = "compare"


def _months(options: ViewOptions) -> list[str]:
    """Every "YYYY-MM" from the first catalogue year to the last."""
    first, last = int(options.months[0][:4]), int(options.months[1][:4])
    return [f"{y}-{m:02d}" for y in range(first, last + 1) for m in range(1, 13)]
