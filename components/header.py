"""Page header: what the dashboard covers, and notices about the URL."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from maclineup.plaintext import escape_markdown


def render_header(model_count: int, first_year: int, last_year: int, version: str) -> None:
    """A compact title and one line on coverage, so the first chart is visible without scrolling."""
    st.markdown(f"### Mac lineup: price against performance, {first_year}–{last_year}")
    st.caption(
        f"{model_count} Macs · launch prices from Apple and launch-day reports, in real dollars (US CPI-U) · "
        f"dataset {version} · filters and display options in the sidebar (» on phones) · every view lives in its link"
    )


def render_share(url: str, page: Callable[[], bytes], file_name: str) -> None:
    """A copyable link to exactly this view, and the view as one web page (built only when asked for)."""
    row = st.container(horizontal=True)
    with row.popover("Share this view", icon=":material/link:"):
        st.code(url, language=None, wrap_lines=True)
        st.caption("This link opens exactly this view: filters, measure, prices, scale and highlighted models.")
    row.download_button(
        "Save as a web page",
        page,
        file_name,
        "text/html",
        key="download_page",
        on_click="ignore",
        icon=":material/download:",
        help="This view's charts (interactive, offline) and its table in one HTML file.",
    )


def render_notices(notices: list[str]) -> None:
    """Say which URL values were ignored (they fell back to defaults); the link's text is shown as plain text."""
    if notices:
        items = "\n".join(f"- {escape_markdown(n)}" for n in notices[:10])
        more = f"\n- …and {len(notices) - 10} more" if len(notices) > 10 else ""
        st.warning("Some of this link's settings were not understood and were reset to defaults:\n\n" + items + more)
