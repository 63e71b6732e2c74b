"""What is cached, keyed by value: the validated load of ``data/`` (keyed on the files' size and mtime), and the
charts a view state determines (a frozen ViewState plus the theme and date), shared by every session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from maclineup.charts import ChartView, event_marks, make_chart_spec, make_chart_view
from maclineup.figures import compute_eras
from maclineup.loading import Dataset, load_dataset
from maclineup.selection import make_view_frame
from maclineup.viewstate import ViewState

Fingerprint = tuple[tuple[str, int, int], ...]


@st.cache_data(show_spinner="Loading the catalogue…")
def cached_load_dataset(data_dir: str, fingerprint: Fingerprint) -> Dataset:
    """Validated dataset; ``fingerprint`` only keys the cache so edited files are re-read."""
    del fingerprint
    return load_dataset(Path(data_dir))


@st.cache_data(show_spinner=False, max_entries=256)
def cached_chart_view(data_dir: str, fingerprint: Fingerprint, state: ViewState, theme: str, as_of: date) -> ChartView:
    """The figures and coverage lines of a chart view: the same state, theme and day give the same charts."""
    dataset = cached_load_dataset(data_dir, fingerprint)
    frame = make_view_frame(dataset.models, dataset.cpi, state)
    events = event_marks(dataset.models, dataset.events)
    spec = make_chart_spec(state, dataset.cpi, compute_eras(dataset.models, as_of), as_of, theme=theme, events=events)
    return make_chart_view(frame, state.view, spec, dataset.index, play=state.play)
