"""The dashboard in a real browser: charts paint, widgets write the URL, links restore, downloads match."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pandas as pd

from maclineup.export import make_table, table_to_csv
from maclineup.loading import load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.selection import make_view_frame
from maclineup.viewstate import make_options, parse_query
from tests.browser import selectors as sel
from tests.browser.conftest import ARTIFACTS

DS = load_dataset(DEFAULT_DATA_DIR)
OPTIONS = make_options(DS.models, sorted(DS.cpi["year"].astype(int)))
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
    assert "iMac Pro" in (page.locator(f"{sel.CHART} .annotation-text").first.text_content() or "")
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
    assert page.get_by_text(f"{len(expected)} models in this view").is_visible()
    with page.expect_download() as info:
        page.locator(sel.DOWNLOAD_BUTTON).filter(has_text="This table (CSV)").click()
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
    label = page.locator(f"{sel.CHART} .annotation-text").first
    label.wait_for(state="visible")
    assert OPTIONS.model_names[model_id].split(" (")[0] in (label.text_content() or "")
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
    page.get_by_text("How performance is measured").click()
    assert page.get_by_text("Benchmarks and bridge models").is_visible()
    assert page.console_errors == []
