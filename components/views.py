"""The views: charts with their coverage lines, and the data table with its downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.cache import PageChart
from maclineup.charts import MethodNotes
from maclineup.export import Download, column_label, split_source_columns
from maclineup.plaintext import escape_markdown

_PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "filename": "mac-lineup", "scale": 2},
    "modeBarButtonsToAdd": ["toImage"],
}


def render_chart(chart: PageChart) -> None:
    """One chart under its headline, set as page text (it wraps on a phone where a Plotly title would run off the
    edge); clicking a point selects it. The figure is shared between sessions and is only read here."""
    if chart.title:
        st.markdown(f"**{escape_markdown(chart.title)}**")
        st.caption(escape_markdown(chart.subtitle))
    st.plotly_chart(
        chart.figure,
        key=chart.key,
        config=_PLOTLY_CONFIG,
        alt=chart.title or "Chart",
        on_select="rerun",
        selection_mode=("points",),
    )


def _plain(text: str) -> str:
    """Text shown as written: a dollar sign would otherwise start LaTeX in Streamlit's Markdown."""
    return text.replace("$", "\\$")


def render_coverage(lines: list[str], hint: str = "") -> None:
    """How many shown models each plotted measure covers, naming the ones left out."""
    if hint:
        st.caption(f":material/touch_app: {hint}")
    for line in lines:
        st.caption(_plain(line))


def render_table(title: str, table: pd.DataFrame, key: str) -> None:
    """A small reference table under a chart."""
    st.caption(_plain(title))
    st.dataframe(table, hide_index=True, key=key)


def render_method(method: MethodNotes) -> None:
    """The "How performance is measured" section: method, benchmark chain and confidence per era."""
    section = st.expander("How performance is measured", icon=":material/speed:", key="method_open", on_change="rerun")
    with section:
        st.markdown(method.text)
        # The tables are built only once the section is open: a closed section then costs the first page load
        # no table code (the data-grid bundles would compete with the chart for the browser's main thread).
        if section.open:
            st.markdown("**Benchmarks and bridge models** (newest first)")
            st.dataframe(method.chain, hide_index=True, key="method_chain")
            st.markdown("**Confidence per era**")
            st.dataframe(method.confidence, hide_index=True, key="method_confidence")


def render_empty(message: str) -> None:
    """Nothing matches the filters: say so instead of drawing an empty chart."""
    st.info(message)


def _column_config(table: pd.DataFrame) -> dict[str, object]:
    config: dict[str, object] = {}
    for name in table.columns:
        label = column_label(name)
        if name.endswith("_source") or "_source_" in name:
            # Each address its own link, shown by its site's name.
            config[name] = st.column_config.LinkColumn(label, display_text=r"https?://(?:www\.)?([^/]+)")
        elif pd.api.types.is_datetime64_any_dtype(table[name]):
            config[name] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        elif name.endswith("_usd"):
            config[name] = st.column_config.NumberColumn(label, format="dollar")
        elif pd.api.types.is_float_dtype(table[name]):
            config[name] = st.column_config.NumberColumn(label, format="localized")  # never scientific notation
        else:
            config[name] = st.column_config.Column(label)
    return config


def render_data_view(table: pd.DataFrame, dictionary: pd.DataFrame, downloads: tuple[Download, ...]) -> None:
    """The filtered table (sortable, searchable, units in headers), its downloads and the dictionary."""
    st.markdown(f"**{len(table)} Macs in this view**")
    shown = split_source_columns(table)
    st.dataframe(shown, hide_index=True, column_config=_column_config(shown), key="data_table")
    st.caption(
        "Download exactly this table (CSV or Parquet), every model, or the metadata. The Parquet file and the metadata carry "
        f"the dataset version, sources, licences and this view's settings. Files are named after the filters: {downloads[0].file_name}"
    )
    for column, item in zip(st.columns(len(downloads)), downloads, strict=True):
        column.download_button(item.label, item.data, item.file_name, item.mime, key=item.key, on_click="ignore", icon=":material/download:")
    with st.expander("Data dictionary: every column, its type, unit and rules"):
        st.dataframe(dictionary, hide_index=True, key="data_dictionary")
