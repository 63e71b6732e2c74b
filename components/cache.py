"""What is cached, keyed by value: the validated load of ``data/`` (keyed on the files' size and mtime), and the
charts a view state determines (a frozen ViewState plus the theme and date), shared by every session."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from maclineup.charts import ChartView, event_marks, make_chart_spec, make_chart_view
from maclineup.figures import compute_eras
from maclineup.inflation import cpi_years
from maclineup.loading import Dataset, load_dataset
from maclineup.selection import make_view_frame
from maclineup.viewstate import ViewOptions, ViewState, make_options

Fingerprint = tuple[tuple[str, int, int], ...]


# Resource caches hand every session the same objects. A data cache would unpickle a private copy per session, and
# each session's script namespace keeps its copy alive between reruns: ~1 MB of server memory per open session,
# measured with tracemalloc. Nothing mutates the dataset (the core derives new frames; tests/app checks it is intact
# after every view has run).
@st.cache_resource(show_spinner="Loading the catalogue…", max_entries=4)
def cached_load_dataset(data_dir: str, fingerprint: Fingerprint) -> Dataset:
    """Validated dataset; ``fingerprint`` only keys the cache so edited files are re-read."""
    del fingerprint
    return load_dataset(Path(data_dir))


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_options(data_dir: str, fingerprint: Fingerprint) -> ViewOptions:
    """The choices the data offers (families, years, model names…), shared by every session."""
    dataset = cached_load_dataset(data_dir, fingerprint)
    return make_options(dataset.models, cpi_years(dataset.cpi), dataset.events)


@dataclass(frozen=True)
class PageChart:
    """One chart as the page shows it: the headline as page text (it wraps on phones), the figure without it."""

    key: str
    title: str
    subtitle: str
    figure: go.Figure  # one object shared by every session showing this view: read it, never change it


@dataclass(frozen=True)
class PageCharts:
    view: ChartView
    charts: tuple[PageChart, ...]


def _page_chart(key: str, fig: go.Figure) -> PageChart:
    title, subtitle = html.unescape(fig.layout.title.text or ""), html.unescape(fig.layout.title.subtitle.text or "")
    if title:
        fig.update_layout(title=None, margin={"t": 24})  # still private to this call: not cached yet
    return PageChart(key, title, subtitle, fig)


# A resource cache, not a data cache: a hit hands back the same objects instead of unpickling a copy (15-30 ms of
# Plotly validation per rerun). Nothing downstream mutates them: render_chart and st.plotly_chart only read.
# A live entry holds about 0.6-1.4 MB (pickled it would be 0.03-0.3 MB), so the cache keeps the 64 most recent views
# (under ~90 MB): the default of every view in both themes stays, the long tail of filter combinations is rebuilt.
@st.cache_resource(show_spinner=False, max_entries=64)
def cached_chart_view(data_dir: str, fingerprint: Fingerprint, state: ViewState, theme: str, as_of: date) -> PageCharts:
    """The figures and coverage lines of a chart view: the same state, theme and day give the same charts."""
    dataset = cached_load_dataset(data_dir, fingerprint)
    frame = make_view_frame(dataset.models, dataset.cpi, state)
    events = event_marks(dataset.models, dataset.events)
    spec = make_chart_spec(state, dataset.cpi, compute_eras(dataset.models, as_of), as_of, theme=theme, events=events)
    view = make_chart_view(frame, state.view, spec, dataset.index, play=state.play)
    return PageCharts(view, tuple(_page_chart(key, fig) for key, fig in view.figures))
