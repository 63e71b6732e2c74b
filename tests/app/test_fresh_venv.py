"""A fresh virtual environment made from requirements.txt alone runs the dashboard (what Community Cloud does)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = (
    "from streamlit.testing.v1 import AppTest\n"
    "at = AppTest.from_file('dashboard.py', default_timeout=120).run()\n"
    "assert not at.exception, [e.value for e in at.exception]\n"
    "assert at.get('plotly_chart'), 'no chart drawn'\n"
    "print('fresh venv ok')\n"
)


@pytest.mark.skipif(
    os.environ.get("CI") != "true" and os.environ.get("FRESH_VENV") != "1", reason="installs every runtime package: runs in CI, or with FRESH_VENV=1"
)
def test_a_venv_from_requirements_txt_alone_runs_the_app(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(ROOT / "requirements.txt")], capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr[-2000:]
    run = subprocess.run([python, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "STREAMLIT_LOGGER_LEVEL": "error"})
    assert run.returncode == 0 and "fresh venv ok" in run.stdout, run.stderr[-3000:]
