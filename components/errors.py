"""A data file that breaks its schema: a clear message instead of a traceback."""

from __future__ import annotations

import streamlit as st

from maclineup.loading import DataError


def render_data_error(err: DataError, data_dir: str) -> None:
    """List every problem with file, row, column and rule."""
    st.title("Mac lineup: price against performance")
    lines = "\n".join(f"- {p}" for p in err.problems[:50])
    more = len(err.problems) - 50
    st.error(
        f"The data in `{data_dir}` could not be loaded: {len(err.problems)} problem(s) found.\n\n{lines}"
        + (f"\n\n…and {more} more." if more > 0 else "")
        + "\n\nYour link and its settings are unchanged; the page will show them once the data is fixed."
    )
