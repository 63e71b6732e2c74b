"""Views as self-contained web pages: the static site for any number of readers, and "download this view".

A page holds the view's charts as interactive Plotly figures and its table, with no server: the
static site shares one copy of plotly.js beside its pages; a single downloaded page carries it inline.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from maclineup.charts import make_chart_spec, make_chart_view
from maclineup.export import make_table, table_to_csv
from maclineup.figures import compute_eras
from maclineup.loading import Dataset
from maclineup.selection import make_view_frame
from maclineup.viewstate import VIEWS, ViewState, default_state, make_options

CHART_VIEWS = ("price-performance", "over-time", "value", "timeline", "coverage")
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: #262730; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 2rem; } p.note, p.sub { color: #6b6f7b; font-size: 0.9rem; }
nav a { margin-right: 1rem; } table { border-collapse: collapse; font-size: 0.8rem; } td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; }
.table { max-height: 480px; overflow: auto; }
@media (prefers-color-scheme: dark) { body { background: #0e1117; color: #fafafa; } td, th { border-color: #333; } a { color: #8ab4ff; } }
"""


def _figure_html(fig: go.Figure, plotlyjs: str | bool) -> str:
    title = fig.layout.title.text or ""
    subtitle = fig.layout.title.subtitle.text or ""
    fig = go.Figure(fig).update_layout(title=None, margin={"t": 24})
    body = pio.to_html(fig, full_html=False, include_plotlyjs=plotlyjs, config={"displaylogo": False, "responsive": True})
    return f"<h2>{title}</h2><p class='sub'>{subtitle}</p>{body}"


def make_page(title: str, intro: str, figures: Sequence[go.Figure], table: pd.DataFrame | None, plotlyjs: str | bool, nav: str = "") -> str:
    """One HTML page: the title, a line of context, the figures (the first loads plotly.js as ``plotlyjs`` says) and the table."""
    parts = [_figure_html(fig, plotlyjs if i == 0 else False) for i, fig in enumerate(figures)]
    if table is not None:
        parts.append(f"<h2>The data ({len(table)} rows)</h2><div class='table'>{table.to_html(index=False, na_rep='', escape=True)}</div>")
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>{nav}<h1>{html.escape(title)}</h1>"
        f"<p class='note'>{html.escape(intro)}</p>{''.join(parts)}</body></html>"
    )


def view_page(dataset: Dataset, state: ViewState, as_of: date, plotlyjs: str | bool = True, theme: str = "light", nav: str = "") -> str:
    """The page of one view state: its charts (or, for the data view, its table)."""
    frame = make_view_frame(dataset.models, dataset.cpi, state)
    spec = make_chart_spec(state, dataset.cpi, compute_eras(dataset.models, as_of), as_of, theme=theme)
    figures: list[go.Figure] = []
    if state.view in CHART_VIEWS and not frame.empty:
        figures = [fig for _, fig in make_chart_view(frame, state.view, spec, dataset.index).figures]
    table = make_table(frame, state.base_year)[["name", "family", "announced", "price_usd", "price_real_usd", "perf_index", "cpu", "price_source"]]
    intro = f"{VIEWS.get(state.view, state.view)} · {len(frame)} Macs · dataset {dataset.version} · made {as_of:%d %b %Y}"
    return make_page(f"Mac lineup: {VIEWS.get(state.view, state.view)}", intro, figures, table, plotlyjs, nav)


def view_page_bytes(dataset: Dataset, state: ViewState, as_of: date) -> bytes:
    """The view as one self-contained HTML file (plotly.js inline), for the app's "Save as a web page"."""
    return view_page(dataset, state, as_of, plotlyjs=True).encode("utf-8")


STORY_LINKS = (
    ("How much faster is an M4 Mac mini than a 2012 iMac?", "?view=compare&compare=mac-mini-m4-2024&compare=imac-21-5-late-2012&mine=imac-21-5-late-2012"),
    ("What did $1,500-2,500 buy in 2005, and now?", "?view=budget&budget=1500&budget=2500&on_sale=2005-06&on_sale=2025-06"),
    ("The iMac Pro against the Mac Pro of its day", "?view=compare&compare=imac-pro-2017&compare=mac-pro-late-2013"),
    ("The lineup, year by year", "?play=true"),
    ("What was announced at WWDC 2017?", "?view=over-time&event=wwdc-2017&highlight="),
)


def write_site(dataset: Dataset, data_dir: Path, out: Path, as_of: date, app_url: str = "") -> list[Path]:
    """Write the static site: a page per view's default state, one shared plotly.js, the data files and datapackage.json."""
    out.mkdir(parents=True, exist_ok=True)
    options = make_options(dataset.models, sorted(int(y) for y in dataset.cpi["year"]), dataset.events)
    nav = "<nav>" + "".join(f"<a href='{v}.html'>{html.escape(VIEWS[v])}</a>" for v in (*CHART_VIEWS, "data")) + "<a href='index.html'>Home</a></nav>"
    written = []
    for view in (*CHART_VIEWS, "data"):
        page = view_page(dataset, replace(default_state(options), view=view), as_of, plotlyjs="directory", nav=nav)
        path = out / f"{view}.html"
        path.write_text(page, encoding="utf-8")
        written.append(path)
    # The pages load plotly.js from beside them ("directory"); copy it from the installed plotly.
    bundled = Path(pio.__file__).resolve().parent.parent / "package_data" / "plotly.min.js"
    shutil.copyfile(bundled, out / "plotly.min.js")
    files = out / "data"
    files.mkdir(exist_ok=True)
    for name in ("models.csv", "benchmarks.csv", "events.csv", "cpi_us.csv", "datapackage.json", "README.md"):
        shutil.copyfile(data_dir / name, files / name)
    (files / "catalogue-with-index.csv").write_bytes(
        table_to_csv(make_table(make_view_frame(dataset.models, dataset.cpi, default_state(options)), options.base_years[-1]))
    )
    stories = "".join(
        f"<li>{html.escape(text)}: <a href='{html.escape(app_url + query)}'>{html.escape(query)}</a></li>"
        if app_url
        else f"<li>{html.escape(text)}: <code>{html.escape(query)}</code></li>"
        for text, query in STORY_LINKS
    )
    index = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Mac lineup: price against performance</title><style>{STYLE}</style></head><body>{nav}"
        f"<h1>Mac lineup: price against performance, {options.year_min}–{options.year_max}</h1>"
        f"<p class='note'>{len(dataset.models)} Macs · dataset {dataset.version} · a static copy made {as_of:%d %b %Y}: "
        "every view's default state, interactive, no server needed. The live dashboard adds filters, highlights, comparisons and downloads of any view.</p>"
        f"<h2>Views</h2><ul>{''.join(f'<li><a href={v}.html>{html.escape(VIEWS[v])}</a></li>' for v in (*CHART_VIEWS, 'data'))}</ul>"
        f"<h2>Questions the live dashboard answers in one link</h2><ul>{stories}</ul>"
        "<h2>Data</h2><ul><li><a href='data/models.csv'>models.csv</a></li><li><a href='data/benchmarks.csv'>benchmarks.csv</a></li>"
        "<li><a href='data/events.csv'>events.csv</a></li><li><a href='data/cpi_us.csv'>cpi_us.csv</a></li>"
        "<li><a href='data/catalogue-with-index.csv'>the catalogue with real prices and the performance index</a></li>"
        "<li><a href='data/datapackage.json'>datapackage.json</a> (sources, licences, every field)</li><li><a href='data/README.md'>data README</a></li></ul>"
        "</body></html>"
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    return [out / "index.html", *written]
