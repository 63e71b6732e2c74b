"""The only module that touches ``st.query_params``.

Widgets are not bound to the URL with ``bind=``: a bound widget with a ``format_func`` writes its
display label into the URL, and our parameter values (``view=price-performance``,
``highlight=imac-pro-2017``) are a public interface that must not change with display text.
"""

from __future__ import annotations

import streamlit as st


def read_query_params() -> dict[str, list[str]]:
    """Every URL parameter with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def app_url() -> str | None:
    """The app's address in the reader's browser (without parameters); None outside a browser."""
    return st.context.url


_WRITTEN = "_query_written"


def url_changed_by_navigation() -> bool:
    """Whether the URL differs from what this session last wrote: the reader went Back or Forward.

    Then the widgets must follow the URL, not the other way round.
    """
    written = st.session_state.get(_WRITTEN)
    return written is not None and read_query_params() != written


def write_query_params(params: dict[str, list[str]]) -> None:
    """Make the URL hold exactly ``params``; a change adds one history entry, no change adds none."""
    if read_query_params() != params:
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params
