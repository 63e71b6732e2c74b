"""A hundred random links (valid, junk and hostile values mixed) open a working page on every view: never a traceback."""

from __future__ import annotations

import random

from streamlit.testing.v1 import AppTest

from maclineup.viewstate import VIEWS
from tests.app.conftest import APP

VALUES: dict[str, list[str]] = {
    "view": [*VIEWS, "map", ""],
    "family": ["iMac", "Mac mini", "Toaster", "<b>x</b>"],
    "form": ["laptop", "desktop", "tablet"],
    "arch": ["Intel", "PowerPC", "ARM"],
    "years": ["1984", "1998", "2026", "١٩٩٨", "1_998", "abc"],
    "metric": ["performance-index", "geekbench6-single", "gpu-tflops", "speed"],
    "price": ["real", "nominal", "cheap"],
    "base_year": ["2010", "1999", "x"],
    "log": ["true", "false", "maybe"],
    "highlight": ["imac-pro-2017", "mac-mini-m4-2024", "", "[x](https://evil.example)"],
    "color": ["architecture", "form", "line", "red"],
    "bands": ["true", "false", "1"],
    "compare": ["imac-pro-2017", "mac-pro-late-2013", "imac-21-5-late-2012", "nope"],
    "budget": ["0", "1500", "2500", "999999999", "-5"],
    "on_sale": ["2005-06", "2025-06", "1998-13", "1970-01"],
    "mine": ["imac-21-5-late-2012", "nope", ""],
    "event": ["wwdc-2017", "wwdc-1901", ""],
    "play": ["true", "false"],
    "\n# heading": ["1"],
}


def _random_query(rng: random.Random) -> dict[str, list[str]]:
    keys = rng.sample(list(VALUES), rng.randint(1, 6))
    return {k: [rng.choice(VALUES[k]) for _ in range(rng.choice([1, 1, 2, 3]))] for k in keys} | {"view": [rng.choice(list(VIEWS))]}


def test_a_hundred_random_links_open_a_working_page() -> None:
    rng = random.Random(20261204)
    failures = []
    for _ in range(100):
        query = _random_query(rng)
        at = AppTest.from_file(APP, default_timeout=60)
        for key, values in query.items():
            at.query_params[key] = values
        at.run()
        if at.exception:
            failures.append((query, [e.value for e in at.exception]))
        elif at.segmented_control(key="view").value != query["view"][0] or not (at.get("plotly_chart") or at.dataframe or at.info or at.caption):
            failures.append((query, "the page did not render its view"))
    assert failures == []
