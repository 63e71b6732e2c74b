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


def write_query_params(params: dict[str, list[str]]) -> None:
    """Make the URL hold exactly ``params`` (no-op when it already does, so no extra history)."""
    if read_query_params() != params:
        st.query_params.from_dict(params)
