"""Page header: what the dashboard covers, and notices about the URL."""

from __future__ import annotations

import streamlit as st


def render_header(model_count: int, first_year: int, last_year: int, version: str) -> None:
    """Title and one line on coverage and dataset version."""
    st.title("Mac lineup: price against performance, 1984 to today")
    st.caption(
        f"{model_count} Mac models announced {first_year}–{last_year} · dataset version {version} · "
        "launch prices from Apple and launch-day sources, real dollars by US CPI-U. "
        "Every view lives in the URL: copy it to share exactly what you see."
    )


def render_share(url: str) -> None:
    """A copyable link to exactly this view."""
    with st.popover("Share this view", icon=":material/link:"):
        st.code(url, language=None, wrap_lines=True)
        st.caption("This link opens exactly this view: filters, measure, prices, scale and highlighted models.")


def render_notices(notices: list[str]) -> None:
    """Say which URL values were ignored (they fell back to defaults)."""
    if notices:
        st.warning("Some of this link's settings were not understood and were reset to defaults:\n\n" + "\n".join(f"- {n}" for n in notices))
