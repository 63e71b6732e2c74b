"""Mac lineup dashboard: what every Mac cost at launch and how fast it was, 1984 to today."""

import os
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from components.cache import cached_chart_view, cached_load_dataset, cached_options
from components.controls import render_controls
from components.errors import render_data_error
from components.header import render_header, render_notices, render_share
from components.questions import render_budget, render_compare, render_my_mac
from components.urlstate import app_url, dropped_query_size, mount_query_size_probe, read_query_params, url_changed_by_navigation, write_query_params
from components.views import render_chart, render_coverage, render_data_view, render_empty, render_method, render_table
from maclineup.charts import CHART_KEYS
from maclineup.compare import compare_models, pairs_table
from maclineup.dictionary import make_dictionary_frame
from maclineup.export import download_stem, make_downloads, make_full_table, make_metadata, make_table, table_download
from maclineup.inflation import apply_real_prices, cpi_year_labels
from maclineup.lineup import budget_lineups, lineup_table, my_mac
from maclineup.loading import DataError
from maclineup.paths import data_fingerprint, resolve_data_dir
from maclineup.schema import MODELS
from maclineup.selection import make_view_frame, measure_counts
from maclineup.site import view_page_bytes
from maclineup.viewstate import dropped_query_notice, parse_query, share_url, to_query

st.set_page_config(page_title="Mac lineup: price vs performance", page_icon="🖥️", layout="wide")

# 1. Data: validated once per file change; a broken file shows its problems, not a traceback.
data_dir = resolve_data_dir(os.environ)
fingerprint = data_fingerprint(data_dir)  # the files' sizes and times, read once a rerun: it keys every cache below
try:
    dataset = cached_load_dataset(str(data_dir), fingerprint)
except DataError as err:
    render_data_error(err, str(data_dir))
    st.stop()

# 2. View state: the URL seeds the widgets; the widgets write the URL back.
options = cached_options(str(data_dir), fingerprint)
params = read_query_params()
initial, notices = parse_query(params, options)
dropped = dropped_query_size() if not params else None
if dropped and (notice := dropped_query_notice(*dropped)):
    notices.append(notice)
render_header(len(dataset.models), options.year_min, options.year_max, dataset.version)
render_notices(notices)
reseed = url_changed_by_navigation()
state = render_controls(options, initial, cpi_year_labels(dataset.cpi), CHART_KEYS, partial(measure_counts, dataset.models), reseed)
query = to_query(state, options)
write_query_params(query)
today = date.today()
page = partial(view_page_bytes, dataset, state, today)
render_share(share_url(app_url(), query), page, f"{download_stem(dataset.version, query)}.html")

# 3. The chosen view, built from one frame shared by its charts, table and downloads.
view = make_view_frame(dataset.models, dataset.cpi, state)
catalogue = apply_real_prices(dataset.models, dataset.cpi, state.base_year) if state.mine or state.view == "compare" else None
if catalogue is not None and state.mine:
    render_my_mac(my_mac(catalogue, state.mine, pd.Timestamp(today), dataset.index.links), state.base_year)
if catalogue is not None and state.view == "compare":
    facts, pairs = compare_models(catalogue, state.compare, dataset.index.links)
    render_compare(facts, pairs, state.base_year, table_download(pairs_table(pairs), download_stem(dataset.version, query), "compare"))
elif state.view == "budget":
    lineups = budget_lineups(view, state.on_sale, *state.budget)
    render_budget(lineups, *state.budget, state.base_year, table_download(lineup_table(lineups), download_stem(dataset.version, query), "budget"))
elif view.empty:
    render_empty("No models match these filters. Widen the years or clear a filter in the sidebar.")
elif state.view == "data":
    table = make_table(view, state.base_year)
    meta = make_metadata(dataset.package, query, state.base_year)
    full = partial(make_full_table, dataset.models, dataset.cpi, state.base_year)
    render_data_view(table, make_dictionary_frame(MODELS), make_downloads(table, full, meta, download_stem(dataset.version, query)))
else:
    page_charts = cached_chart_view(str(data_dir), fingerprint, state, st.context.theme.type or "light", today)
    charts = page_charts.view
    if charts.empty:
        render_empty(charts.empty)
    for chart in page_charts.charts:
        render_chart(chart)
    render_coverage(list(charts.coverage), charts.hint)
    if charts.table is not None:
        render_table(charts.table_title, charts.table, key="chart_table")
    if charts.method is not None:
        render_method(charts.method)

# 4. Last, an empty element: when the script received no parameters, ask the browser whether the server dropped the link.
if not params:
    mount_query_size_probe()
