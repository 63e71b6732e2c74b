"""The only module that touches ``st.query_params``.

Widgets are not bound to the URL with ``bind=``: a bound widget with a ``format_func`` writes its
display label into the URL, and our parameter values (``view=price-performance``,
``highlight=imac-pro-2017``) are a public interface that must not change with display text.
"""

from __future__ import annotations

import streamlit as st

from maclineup.viewstate import QUERY_MAX_CHARS, QUERY_MAX_PARAMS


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


# The server drops a query string over its limits before the script sees it (no parameters, no error). The
# browser still holds the link, so a tiny component measures it there and reports two numbers, never its text.
_QUERY_SIZE_JS = """
export default function (component) {
  const { setStateValue, data } = component;
  const query = window.location.search.replace(/^\\?/, "");
  if (!query) return;
  const size = { chars: query.length, params: query.split("&").length };
  if (size.chars > data.max_chars || size.params > data.max_params) setStateValue("size", size);
}
"""
_query_size_probe = st.components.v2.component("maclineup.query_size", js=_QUERY_SIZE_JS)
_PROBE = "query_size_probe"


def _ignore() -> None:
    return None


def mount_query_size_probe() -> None:
    """Measure the link in the browser; call last (an empty element), and only when the script received no parameters.

    That is the only case in which a link can have been dropped. The answer arrives one rerun after the page loads.
    """
    _query_size_probe(
        key=_PROBE,
        data={"max_chars": QUERY_MAX_CHARS, "max_params": QUERY_MAX_PARAMS},
        default={"size": None},
        height=0,
        on_size_change=_ignore,
    )


def dropped_query_size() -> tuple[int, int] | None:
    """(characters, parameters) of a link the server dropped for its size, as the probe reported it; else None."""
    state = st.session_state.get(_PROBE)
    size = state.get("size") if hasattr(state, "get") else None
    if not isinstance(size, dict):
        return None
    chars, params = size.get("chars"), size.get("params")
    if isinstance(chars, int) and isinstance(params, int) and chars >= 0 and params >= 0:
        return chars, params
    return None
