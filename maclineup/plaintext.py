"""Text from outside (URL values, data cells) shown as plain text: shortened and escaped for Markdown."""

from __future__ import annotations

import re

MAX_QUOTE = 80
# Every character Streamlit's Markdown (CommonMark, GitHub extensions, LaTeX) gives a meaning to.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def shorten(text: str, limit: int = MAX_QUOTE) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, control characters shown as spaces."""
    flat = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def escape_markdown(text: str) -> str:
    """``text`` with every Markdown-special character escaped, so it renders as written (no links, images, headings)."""
    return _SPECIAL.sub(r"\\\1", text)


def quote(text: str) -> str:
    """A value quoted in a notice: shortened, in quotes (escape the whole notice for Markdown when shown)."""
    return f"'{shorten(text)}'"
