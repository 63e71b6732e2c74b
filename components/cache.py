"""The one cached thing: the validated load of ``data/``, keyed on the files' size and mtime."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from maclineup.loading import Dataset, load_dataset


@st.cache_data(show_spinner="Loading the catalogue…")
def cached_load_dataset(data_dir: str, fingerprint: tuple[tuple[str, int, int], ...]) -> Dataset:
    """Validated dataset; ``fingerprint`` only keys the cache so edited files are re-read."""
    del fingerprint
    return load_dataset(Path(data_dir))
