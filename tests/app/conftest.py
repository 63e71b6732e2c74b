"""AppTest helpers: run dashboard.py in-process with URL parameters and an optional data folder."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")


@pytest.fixture
def run_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., AppTest]]:
    """Run the dashboard once with ``params`` (lists for repeated keys) and return the AppTest."""

    def run(params: dict[str, str | list[str]] | None = None, data_dir: Path | None = None) -> AppTest:
        if data_dir is not None:
            monkeypatch.setenv("MACLINEUP_DATA_DIR", str(data_dir))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (params or {}).items():
            at.query_params[key] = value
        return at.run()

    yield run
    st.cache_data.clear()


def chart_specs(at: AppTest) -> list[dict[str, object]]:
    """The Plotly figure JSON of every chart on the page."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _decode(value: Any) -> Any:
    """Plotly's typed arrays ({"dtype", "bdata"}) as lists; everything else as it is."""
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def chart_figures(at: AppTest) -> list[dict[str, Any]]:
    """Every chart's figure JSON with typed arrays decoded to lists."""
    return [_decode(spec) for spec in chart_specs(at)]


def page_text(at: AppTest) -> str:
    """All markdown, caption, warning, error and info text on the page."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)
