# `make run` serves the dashboard; `make test` runs lint, types and every test tier.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint typecheck unit app browser bench clean screenshot pins site

$(PY):
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when the pins change.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.address 0.0.0.0

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(VENV)/.dev
	$(PY) -m mypy

unit: $(VENV)/.dev
	$(PY) -m pytest tests/unit

app: $(VENV)/.dev
	$(PY) -m pytest tests/app

browser: $(VENV)/.dev
	$(PY) -m pytest tests/browser

test: lint typecheck
	$(PY) -m pytest tests

bench: $(VENV)/.dev
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Refresh the README's screenshot from the browser test's capture.
screenshot: $(VENV)/.dev
	$(PY) -m pytest tests/browser -k saved_as_a_screenshot -q
	cp tests/browser/artifacts/price-performance-desktop-light.png docs/screenshot.png

# Regenerate requirements.txt (every runtime package pinned) from pyproject.toml's dependencies.
pins:
	$(PYTHON) scripts/pin_requirements.py

# A static copy for any number of readers: every view's default state as an interactive page, offline.
site: $(VENV)/.runtime
	$(PY) scripts/build_site.py site
