"""Every kind of broken data file is named (file, row, column, rule) and nothing wrong is accepted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from maclineup.loading import DataError, load_dataset
from tests.fixtures import MODEL_ROWS, make_data_dir, write_models


def _models(**changes: str) -> Callable[[Path], None]:
    def corrupt(data: Path) -> None:
        rows = [dict(r) for r in MODEL_ROWS]
        rows[1].update(changes)
        write_models(data / "models.csv", rows)

    return corrupt


def _write(name: str, text: str | bytes) -> Callable[[Path], None]:
    def corrupt(data: Path) -> None:
        path = data / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return corrupt


def _append(name: str, text: str) -> Callable[[Path], None]:
    def corrupt(data: Path) -> None:
        with (data / name).open("a", encoding="utf-8") as fh:
            fh.write(text)

    return corrupt


def _header_only(name: str) -> Callable[[Path], None]:
    def corrupt(data: Path) -> None:
        header = (data / name).read_text(encoding="utf-8").splitlines()[0]
        (data / name).write_text(header + "\n", encoding="utf-8")

    return corrupt


def _directory(name: str) -> Callable[[Path], None]:
    def corrupt(data: Path) -> None:
        (data / name).unlink()
        (data / name).mkdir()

    return corrupt


def _one_model(data: Path) -> None:
    write_models(data / "models.csv", [MODEL_ROWS[3]])
    lines = (data / "benchmarks.csv").read_text(encoding="utf-8").splitlines()
    (data / "benchmarks.csv").write_text("\n".join(line for line in lines if not line.startswith("mac-c")) + "\n", encoding="utf-8")


def _latin1(data: Path) -> None:
    text = (data / "models.csv").read_text(encoding="utf-8").replace("Mac C", "Mac Ç")
    (data / "models.csv").write_bytes(text.encode("latin-1"))


def _deep_json(data: Path) -> None:
    (data / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _only_version(data: Path) -> None:
    (data / "datapackage.json").write_text(json.dumps({"version": "1"}), encoding="utf-8")


def _unbalanced_quote(data: Path) -> None:
    lines = (data / "models.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Mac B", '"Mac B', 1)
    (data / "models.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _huge_cell(data: Path) -> None:
    _models(notes='"' + "x" * 200_000)(data)


CASES: list[tuple[str, Callable[[Path], None], str, int | None, str | None, str]] = [
    # (what, corruption, file, row, column, words in the rule)
    ("cpi header only", _header_only("cpi_us.csv"), "cpi_us.csv", None, None, "no data rows"),
    ("models header only", _header_only("models.csv"), "models.csv", None, None, "no data rows"),
    ("one model", _one_model, "models.csv", None, None, "at least two launch years"),
    ("models.csv is a folder", _directory("models.csv"), "models.csv", None, None, "is a folder"),
    ("price with an underscore", _models(price_usd="2_495"), "models.csv", 2, "price_usd", "is not a number"),
    ("price in Arabic-Indic digits", _models(price_usd="٢٤٩٥"), "models.csv", 2, "price_usd", "is not a number"),
    ("price 1e308", _models(price_usd="1e308"), "models.csv", 2, "price_usd", "is not a number"),
    ("price far too high", _models(price_usd="99999999"), "models.csv", 2, "price_usd", "above the maximum"),
    ("ISO week date", _models(announced="1985-W40-2"), "models.csv", 2, "announced", "not a date"),
    ("date in 1900", _models(announced="1900-01-24"), "models.csv", 2, "announced", "outside the plausible years"),
    ("date in 2099", _models(released="2099-06-05"), "models.csv", 2, "released", "outside the plausible years"),
    ("NUL byte in the CPU", _models(cpu="PowerPC\x00 G3"), "models.csv", 2, "cpu", "control character"),
    (
        "benchmark score 1e300",
        _append("benchmarks.csv", "mac-d,geekbench2,1e300,,,,,https://e.org,2026-11-25,\n"),
        "benchmarks.csv",
        4,
        "score",
        "is not a number",
    ),
    ("Latin-1 file", _latin1, "models.csv", 3, None, "not UTF-8"),
    ("unbalanced quote", _unbalanced_quote, "models.csv", 2, None, "unbalanced quote"),
    ("a cell over the CSV field limit", _huge_cell, "models.csv", None, None, "not valid CSV near line"),
    ("datapackage nested deeply", _deep_json, "datapackage.json", None, None, "nested too deeply"),
    ("datapackage with only a version", _only_version, "datapackage.json", None, None, "resource 'models' must list the fields"),
    ("datapackage not JSON", _write("datapackage.json", "{version: 1"), "datapackage.json", None, None, "not valid JSON"),
]


@pytest.mark.parametrize(("what", "corrupt", "filename", "row", "column", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_corruption_is_named_by_file_row_column_and_rule(
    tmp_path: Path, what: str, corrupt: Callable[[Path], None], filename: str, row: int | None, column: str | None, words: str
) -> None:
    data = make_data_dir(tmp_path / "data")
    corrupt(data)
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    problems = caught.value.problems
    matching = [p for p in problems if p.filename == filename and words in p.rule]
    assert matching, f"{what}: {[str(p) for p in problems]}"
    if row is not None:
        assert matching[0].row == row, str(matching[0])
    if column is not None:
        assert matching[0].column == column, str(matching[0])
    assert len(problems) <= 4, f"{what}: clear messages, not a cascade: {[str(p) for p in problems]}"


def test_the_data_folder_being_a_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "data"
    path.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert any("cannot be read" in p.rule for p in caught.value.problems)


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a trailing blank line", _append("models.csv", "\n\n")),
        ("a BOM in datapackage.json", lambda d: (d / "datapackage.json").write_bytes(b"\xef\xbb\xbf" + (d / "datapackage.json").read_bytes())),
    ],
)
def test_valid_files_are_not_rejected(tmp_path: Path, what: str, change: Callable[[Path], None]) -> None:
    data = make_data_dir(tmp_path / "data")
    change(data)
    assert len(load_dataset(data).models) == len(MODEL_ROWS), what


def test_a_copy_of_the_shipped_data_loads(tmp_path: Path) -> None:
    from maclineup.paths import DEFAULT_DATA_DIR

    shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "data")
    assert len(load_dataset(tmp_path / "data").models) > 300
