"""The dashboard in a real browser: charts paint, widgets write the URL, links restore, downloads match."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from maclineup.compare import compare_models
from maclineup.export import make_table, table_to_csv
from maclineup.inflation import apply_real_prices
from maclineup.lineup import budget_lineups
from maclineup.loading import load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.selection import make_view_frame
from maclineup.viewstate import make_options, parse_query
from tests.browser import selectors as sel
from tests.browser.conftest import ARTIFACTS

DS = load_dataset(DEFAULT_DATA_DIR)
OPTIONS = make_options(DS.models, sorted(DS.cpi["year"].astype(int)), DS.events)
Page = Any  # playwright.sync_api.Page


def _open(page: Page, url: str, ready: str = sel.CHART_POINT) -> None:
    page.goto(url)
    page.locator(ready).first.wait_for(state="visible", timeout=30_000)
    page.locator(sel.APP_IDLE).wait_for(timeout=30_000)


def _expected_table(query: str) -> pd.DataFrame:
    state, notices = parse_query(parse_qs(query, keep_blank_values=True), OPTIONS)
    assert notices == []
    return make_table(make_view_frame(DS.models, DS.cpi, state), state.base_year)


def test_page_renders_charts_without_console_errors(page: Page, server_url: str) -> None:
    _open(page, server_url)
    assert page.locator(sel.CHART_POINT).count() > 50
    assert any("iMac Pro" in t for t in page.locator(f"{sel.CHART} .annotation-text").all_text_contents())
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    assert page.console_errors == []


def test_changing_a_filter_writes_the_url_and_the_link_restores_it(page: Page, browser: Any, server_url: str) -> None:
    _open(page, server_url)
    form = page.locator(sel.MULTISELECT).filter(has_text="Form factor")
    form.locator("input").fill("laptop")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # close the option list, which hides the rest of the page from assistive tech
    page.wait_for_url(re.compile(r"form=laptop"), timeout=30_000)
    page.get_by_role("radio", name="Over time").click()
    page.wait_for_url(re.compile(r"view=over-time"), timeout=30_000)
    shared = page.url
    assert parse_qs(urlparse(shared).query) == {"form": ["laptop"], "view": ["over-time"]}
    page.get_by_role("button", name="Share this view").click()
    link = page.locator(sel.CODE).first
    link.wait_for(state="visible")
    assert (link.text_content() or "").strip() == shared
    page.keyboard.press("Escape")

    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    _open(other, shared)
    assert other.locator(sel.CHART).count() == 2
    restored = other.locator(sel.MULTISELECT).filter(has_text="Form factor")
    assert "laptop" in (restored.text_content() or "")
    assert other.get_by_role("radio", name="Over time").is_checked()
    assert other.url == shared
    other.context.close()
    assert page.console_errors == []


def test_csv_download_equals_the_table_shown(page: Page, server_url: str, tmp_path: Path) -> None:
    query = "view=data&form=laptop&years=1990&years=2010&base_year=2000"
    _open(page, f"{server_url}/?{query}", ready=sel.DATAFRAME)
    expected = _expected_table(query)
    assert page.get_by_text(f"{len(expected)} Macs in this view").is_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    assert info.value.suggested_filename == "mac-lineup-0.1.0-form-laptop-years-1990-2010-base-year-2000.csv"
    path = tmp_path / "download.csv"
    info.value.save_as(path)
    assert path.read_bytes() == table_to_csv(expected)
    shown = pd.read_csv(path)
    assert set(shown["form_factor"]) == {"laptop"}
    assert page.console_errors == []


def test_a_bad_link_shows_a_notice_and_a_working_page(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?view=nope&family=Toaster&family=iMac&zoom=3")
    notice = page.locator(sel.ALERT).first.text_content() or ""
    assert "Ignored view='nope'" in notice and "Ignored family='Toaster'" in notice and "'zoom'" in notice
    page.wait_for_url(re.compile(r"\?family=iMac$"), timeout=30_000)
    assert page.locator(sel.CHART_POINT).count() > 5
    assert page.console_errors == []


def test_a_link_the_server_drops_for_its_size_gets_a_notice_and_keeps_its_text(page: Page, server_url: str) -> None:
    query = "view=timeline" + "&x=1" * 1000  # 1,001 parameters: the server reads none of them
    page.goto(f"{server_url}/?{query}")
    page.locator(sel.ALERT, has_text="This link has 1,001 parameters").wait_for(timeout=30_000)
    page.locator(sel.APP_IDLE).wait_for(timeout=30_000)
    assert page.locator(sel.CHART_POINT).count() > 50, "the default view works"
    assert urlparse(page.url).query == query, "the reader's link is left as it was"
    assert page.console_errors == []


def test_clicking_a_point_labels_it_and_writes_the_url(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?highlight=")
    point = page.locator(sel.CHART_POINT).nth(5)
    box = point.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # Plotly's drag layer sits above the points: move there (hover card), then click as a reader would.
    page.mouse.move(x, y)
    page.locator(sel.HOVER_CARD).first.wait_for(state="visible")
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"highlight=[a-z0-9-]+"), timeout=30_000)
    model_id = parse_qs(urlparse(page.url).query)["highlight"][0]
    assert model_id in OPTIONS.model_names
    name = OPTIONS.model_names[model_id].split(" (")[0]
    label = page.locator(f"{sel.CHART} .annotation-text").filter(has_text=name).first
    label.wait_for(state="visible")
    assert page.console_errors == []


def test_the_chosen_measure_survives_a_filter_change_and_shows_its_coverage(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?metric=geekbench6-multi")
    arch = page.locator(sel.MULTISELECT).filter(has_text="Architecture")
    arch.locator("input").fill("Intel")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"arch=Intel"), timeout=30_000)
    page.locator(sel.APP_IDLE).wait_for(timeout=30_000)
    assert parse_qs(urlparse(page.url).query)["metric"] == ["geekbench6-multi"]
    intel = DS.models.loc[DS.models["architecture"] == "Intel"]
    assert page.locator(sel.SELECTBOX).filter(has_text="Performance measure").locator("input").input_value() == "Geekbench 6 multi-core"
    count = f"Geekbench 6 multi-core {int(intel['geekbench6_multi'].notna().sum())} of {len(intel)}"
    assert page.get_by_text(count).first.is_visible()
    assert page.console_errors == []


def test_value_view_and_the_method_section(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?view=value")
    assert page.locator(sel.CHART_POINT).count() > 50
    assert "per $1,000" in (page.locator(f"{sel.CHART} .g-ytitle").first.text_content() or "")
    assert page.locator(sel.DATAFRAME).count() == 0, "the closed method section loads no table code"
    page.get_by_text("How performance is measured").click()
    page.get_by_text("Benchmarks and bridge models").wait_for(state="visible", timeout=30_000)
    page.locator(sel.DATAFRAME).first.wait_for(state="visible", timeout=30_000)
    assert page.console_errors == []


VIEWS = {
    "price-performance": "",
    "over-time": "view=over-time",
    "value": "view=value",
    "timeline": "view=timeline",
    "compare": "view=compare&compare=mac-mini-m4-2024&compare=imac-21-5-late-2012&mine=imac-21-5-late-2012",
    "budget": "view=budget",
    "data": "view=data",
    "coverage": "view=coverage",
    "play": "play=true",
}
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}


def _context_page(browser: Any, size: str, theme: str) -> Page:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=theme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    return page


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_every_view_renders_and_is_saved_as_a_screenshot(browser: Any, server_url: str, size: str, theme: str) -> None:
    page = _context_page(browser, size, theme)
    ARTIFACTS.mkdir(exist_ok=True)
    for view, query in VIEWS.items():
        ready = sel.DATAFRAME if view in ("data", "compare", "budget") else sel.CHART
        _open(page, f"{server_url}/?{query}", ready=ready)
        page.screenshot(path=str(ARTIFACTS / f"{view}-{size}-{theme}.png"))
        if ready == sel.CHART:
            assert page.locator(f"{sel.CHART} .main-svg").count() >= 1
        charts = page.locator(sel.CHART)
        clipped = {(view, i): _clipped_texts(charts.nth(i)) for i in range(charts.count())}
        assert {k: v for k, v in clipped.items() if v} == {}, "no axis title or annotation is cut off"
    assert page.console_errors == []
    page.context.close()


def _boxes(chart: Any) -> dict[str, dict[str, float]]:
    out = {}
    for name, selector in (("x title", ".g-xtitle"), ("y title", ".g-ytitle"), ("legend", ".legend"), ("toolbar", ".modebar-container")):
        found = chart.locator(selector)
        if found.count():
            box = found.first.bounding_box()
            if box and box["width"] > 0:
                out[name] = box
    return out


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def _clipped_texts(chart: Any) -> list[str]:
    """Axis titles and annotations (era names, labels) that run past the chart's own edges, where they are cut off."""
    return chart.evaluate(
        """el => {
          const frame = el.querySelector('.main-svg').getBoundingClientRect();
          return Array.from(el.querySelectorAll('.g-xtitle text, .g-ytitle text, .annotation-text'))
            .filter(t => {
              const b = t.getBoundingClientRect();
              const outside = b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1;
              return b.width > 0 && outside;
            })
            .map(t => t.textContent);
        }"""
    )


@pytest.mark.parametrize("view", ["price-performance", "over-time", "value", "timeline"])
def test_on_a_phone_no_axis_title_legend_or_toolbar_overlaps_another(browser: Any, server_url: str, view: str) -> None:
    page = _context_page(browser, "phone", "light")
    _open(page, f"{server_url}/?view={view}", ready=sel.CHART)
    charts = page.locator(sel.CHART)
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        chart.hover()  # the toolbar shows on hover
        boxes = _boxes(chart)
        assert {"x title", "y title"} <= set(boxes), boxes
        names = sorted(boxes)
        clashes = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if _overlap(boxes[a], boxes[b])]
        assert clashes == [], (view, i, clashes, boxes)
        assert _clipped_texts(chart) == [], (view, i)
    assert page.get_by_text("filters and display options in the sidebar").is_visible(), "the filters are discoverable on a phone"
    page.context.close()


@pytest.mark.parametrize(
    "query",
    [
        "years=2025&years=2025&price=nominal",
        "family=Twentieth+Anniversary+Macintosh",
        "view=over-time&family=Mac+Pro&family=iMac+Pro&price=nominal",
        "metric=geekbench6-single",
    ],
)
def test_every_axis_has_at_least_three_labelled_ticks(page: Page, server_url: str, query: str) -> None:
    _open(page, f"{server_url}/?{query}", ready=sel.CHART)
    charts = page.locator(sel.CHART)
    for i in range(charts.count()):
        for axis in ("xtick", "ytick"):
            labels = [t for t in charts.nth(i).locator(f".{axis} text").all_text_contents() if t.strip()]
            assert len(labels) >= 3, (query, i, axis, labels)
            assert not any(re.search(r"\de[+-]?\d", t) for t in labels), labels


def test_a_measure_no_shown_model_has_shows_a_message_not_an_empty_chart(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?metric=gpu-tflops&arch=68k", ready=sel.ALERT)
    assert page.locator(sel.CHART).count() == 0
    assert "GPU throughput" in (page.locator(sel.ALERT).first.text_content() or "")


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    return r, g, b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def lum(rgb: tuple[int, int, int]) -> float:
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else (((c / 255) + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_in_dark_mode_the_best_value_line_and_labels_stand_out(browser: Any, server_url: str) -> None:
    page = _context_page(browser, "desktop", "dark")
    _open(page, f"{server_url}/?view=value", ready=sel.CHART)
    background = _rgb(page.locator('[data-testid="stApp"]').evaluate("e => getComputedStyle(e).backgroundColor"))
    assert sum(background) < 120, "the page follows the reader's dark theme"
    strokes = [_rgb(s) for s in page.locator(f"{sel.CHART} .scatterlayer path.js-line").evaluate_all("ps => ps.map(p => p.style.stroke)") if s]
    assert strokes and max(_contrast(s, background) for s in strokes) >= 4.5
    fills = page.locator(f"{sel.CHART} .annotation-text").evaluate_all("ts => ts.map(t => getComputedStyle(t).fill)")
    assert fills and all(_contrast(_rgb(f), background) >= 3 for f in fills), fills
    page.context.close()


def test_back_and_forward_restore_the_previous_view(page: Page, server_url: str) -> None:
    _open(page, server_url)
    page.get_by_role("radio", name="Over time").click()
    page.wait_for_url(re.compile(r"view=over-time"), timeout=30_000)
    page.locator(sel.APP_IDLE).wait_for(timeout=30_000)
    page.get_by_role("radio", name="Lineup timeline").click()
    page.wait_for_url(re.compile(r"view=timeline"), timeout=30_000)
    page.locator(sel.APP_IDLE).wait_for(timeout=30_000)
    page.go_back()
    page.wait_for_url(re.compile(r"view=over-time"), timeout=30_000)
    page.get_by_role("radio", name="Over time").and_(page.locator("[aria-checked=true]")).wait_for(timeout=30_000)
    page.locator(sel.APP_IDLE).wait_for(timeout=30_000)
    assert "view=over-time" in page.url, "the app did not write the later view back"
    assert page.locator(sel.CHART).count() == 2
    page.go_back()
    page.wait_for_url(lambda url: "view=" not in url, timeout=30_000)
    page.get_by_role("radio", name="Price vs performance").and_(page.locator("[aria-checked=true]")).wait_for(timeout=30_000)
    page.go_forward()
    page.wait_for_url(re.compile(r"view=over-time"), timeout=30_000)
    page.get_by_role("radio", name="Over time").and_(page.locator("[aria-checked=true]")).wait_for(timeout=30_000)
    page.locator(sel.APP_IDLE).wait_for(timeout=30_000)
    assert "view=over-time" in page.url


def test_the_compare_link_answers_how_much_faster_with_the_ratio_from_the_data(page: Page, server_url: str) -> None:
    ids = ("mac-mini-m4-2024", "imac-21-5-late-2012")
    _open(page, f"{server_url}/?view=compare&compare={ids[0]}&compare={ids[1]}&mine={ids[1]}", ready=sel.DATAFRAME)
    catalogue = apply_real_prices(DS.models, DS.cpi, int(DS.cpi["year"].max()))
    _, [pair] = compare_models(catalogue, ids, DS.index.links)
    text = page.locator('[data-testid="stMarkdown"]').all_text_contents()
    assert any(f"{pair.newer} is {pair.speed[0]:,.1f}× as fast as {pair.older}" in t for t in text), text
    assert page.get_by_text("My Mac: iMac (21.5-inch, Late 2012)").is_visible()
    assert page.console_errors == []


def test_the_budget_link_shows_each_dates_lineup_with_the_fastest_marked(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?view=budget&budget=1500&budget=2500&on_sale=2005-06&on_sale=2025-06", ready=sel.DATAFRAME)
    state, _ = parse_query({"view": ["budget"]}, OPTIONS)
    lineups = budget_lineups(make_view_frame(DS.models, DS.cpi, state), ["2005-06", "2025-06"], 1500, 2500)
    assert page.locator(sel.DATAFRAME).count() == 2
    for lineup in lineups:
        assert page.get_by_text(f"{lineup.when} · {len(lineup.models)} Mac").first.is_visible()
    assert page.console_errors == []


def test_the_play_link_animates_in_the_browser_without_rerunning_the_script(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?play=true")
    label = f"{sel.CHART} .slider-container .slider-label"
    first = page.locator(label).first.text_content()
    assert first and first.startswith("Launched up to 2026"), first
    page.locator(f"{sel.CHART} .updatemenu-button").filter(has_text="Play").click()
    page.wait_for_function("([sel, start]) => document.querySelector(sel).textContent !== start", arg=[label, first], timeout=30_000)
    assert page.locator(sel.APP_IDLE).count() == 1, "frames play in the browser: the script stays idle"
    assert page.console_errors == []


def test_the_keynote_link_names_the_event_and_highlights_its_macs(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?view=over-time&event=wwdc-2017&highlight=")
    notes = page.locator(f"{sel.CHART} .annotation-text").all_text_contents()
    assert "WWDC 2017" in notes
    assert any("iMac Pro" in n for n in notes), notes
    assert page.console_errors == []


def test_the_static_site_works_from_files_with_the_network_blocked(browser: Any, tmp_path: Path) -> None:
    from datetime import date

    from maclineup.site import write_site

    pages = write_site(DS, DEFAULT_DATA_DIR, tmp_path / "site", date(2026, 12, 4))
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    outside: list[str] = []

    def block(route: Any) -> None:
        if not route.request.url.startswith("file://"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", block)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((tmp_path / "site" / "index.html").as_uri())
    assert page.get_by_role("link", name="Price vs performance").first.is_visible()
    for view in ("price-performance", "over-time", "timeline"):
        page.goto((tmp_path / "site" / f"{view}.html").as_uri())
        page.locator(".main-svg").first.wait_for(state="visible", timeout=30_000)
        assert page.locator(".scatterlayer .point, .barlayer .point").count() > 50
    assert len(pages) == 7 and outside == [] and errors == []
    context.close()


def test_save_as_a_web_page_downloads_the_view_with_its_charts(page: Page, server_url: str, tmp_path: Path) -> None:
    _open(page, f"{server_url}/?family=iMac")
    with page.expect_download() as info:
        page.get_by_role("button", name="Save as a web page").click()
    assert info.value.suggested_filename == "mac-lineup-0.1.0-family-imac.html"
    path = tmp_path / "view.html"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert "plotly" in text.lower() and "iMac" in text and "Performance index" in text
    assert len(text) > 1_000_000, "plotly.js is inline, so the file works offline"
