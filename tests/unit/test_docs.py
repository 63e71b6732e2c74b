"""data/README.md and data/datapackage.json stay in step with the schema and the files."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from maclineup.dictionary import derived_markdown, dictionary_markdown, index_markdown, make_resource_schema
from maclineup.loading import load_dataset
from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.schema import TABLES, Table

README = (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")
PACKAGE = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def _block(name: str) -> str:
    start, end = f"<!-- BEGIN GENERATED: {name} -->\n", f"\n<!-- END GENERATED: {name} -->"
    return README.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_readme_dictionary_matches_the_schema(table: Table) -> None:
    assert _block(table.name) == dictionary_markdown(table), "run scripts/sync_docs.py"


def test_readme_lists_the_derived_download_columns() -> None:
    assert _block("derived") == derived_markdown()


def test_readme_describes_the_index_as_computed_from_the_data() -> None:
    for name, body in index_markdown(load_dataset(DEFAULT_DATA_DIR).index).items():
        assert _block(name) == body, "run scripts/sync_docs.py"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_datapackage_describes_each_table_as_declared(table: Table) -> None:
    resource = next(r for r in PACKAGE["resources"] if r["name"] == table.name)
    assert resource["path"] == table.filename
    assert resource["schema"] == make_resource_schema(table), "run scripts/sync_docs.py"
    with (DEFAULT_DATA_DIR / table.filename).open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_datapackage_has_version_sources_and_licences() -> None:
    assert PACKAGE["version"]
    assert PACKAGE["sources"] and PACKAGE["licenses"]


def test_datapackage_follows_the_tabular_profiles_with_keys_that_hold() -> None:
    package = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert "T" in package["created"], "created is an ISO 8601 date-time"
    ds = load_dataset(DEFAULT_DATA_DIR)
    frames = {"models": ds.models, "cpi_us": ds.cpi, "events": ds.events, "benchmarks": ds.benchmarks}
    for resource in package["resources"]:
        assert resource["profile"] == "tabular-data-resource"
        key = resource["schema"]["primaryKey"]
        columns = [key] if isinstance(key, str) else key
        assert not frames[resource["name"]].duplicated(subset=columns).any(), (resource["name"], columns)


def test_datapackage_is_valid_under_frictionless() -> None:
    """The published package passes the reference validator (dev-only dependency, not shipped to Cloud)."""
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(DEFAULT_DATA_DIR / "datapackage.json")).validate()
    problems = [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors]
    problems += [f"package: {error.type}: {error.message}" for error in report.errors]
    assert report.valid, "\n".join(problems[:20])


def test_frictionless_catches_a_broken_key(tmp_path: Path) -> None:
    """The validation above can fail: a duplicated model id breaks the declared primary key."""
    from frictionless import Package, system

    for path in DEFAULT_DATA_DIR.iterdir():
        if path.suffix in {".csv", ".json"}:
            shutil.copy(path, tmp_path / path.name)
    rows = (tmp_path / "models.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "models.csv").write_text("".join([*rows, rows[1]]), encoding="utf-8")
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    assert "primary-key" in {error.type for task in report.tasks for error in task.errors}


def test_the_readme_lists_every_view_parameter_value() -> None:
    from maclineup.viewstate import VIEWS

    row = next(line for line in (DEFAULT_DATA_DIR.parent / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("| `view` |"))
    assert [v for v in VIEWS if f"`{v}`" not in row] == []
