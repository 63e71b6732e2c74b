"""The loader accepts valid data and rejects every kind of corruption with file, row, column and rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from maclineup.loading import DataError, configuration_role, load_dataset, load_table
from maclineup.schema import MODELS
from tests.fixtures import MODEL_ROWS, make_data_dir, write_models


def test_valid_fixture_loads_with_types(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    assert len(ds.models) == len(MODEL_ROWS)
    assert ds.version == "test-1"
    assert str(ds.models["price_usd"].dtype) == "float64"
    assert str(ds.models["cpu_cores"].dtype) == "Int64"
    assert str(ds.models["name"].dtype) == "str"
    assert ds.models["announced"].dt.year.tolist() == [1984, 1998, 2010, 2022]


def _corrupt(rows: list[dict[str, str]], index: int, **changes: str) -> list[dict[str, str]]:
    out = [dict(r) for r in rows]
    out[index].update(changes)
    return out


CORRUPTIONS = [
    # (what, rows, columns, expected row, expected column, words in the rule)
    ("bad date", _corrupt(MODEL_ROWS, 1, announced="1998-13-45"), None, 2, "announced", "is not a date"),
    ("negative price", _corrupt(MODEL_ROWS, 2, price_usd="-5"), None, 3, "price_usd", "below the minimum"),
    ("duplicate id", _corrupt(MODEL_ROWS, 3, model_id="mac-a"), None, 4, "model_id", "not unique"),
    ("unknown family", _corrupt(MODEL_ROWS, 0, family="Macintosh Toaster"), None, 1, "family", "not one of the allowed values"),
    ("text in a number", _corrupt(MODEL_ROWS, 0, cpu_clock_mhz="fast"), None, 1, "cpu_clock_mhz", "is not a number"),
    ("text in a whole number", _corrupt(MODEL_ROWS, 0, cpu_cores="1.5"), None, 1, "cpu_cores", "is not a whole number"),
    ("missing required value", _corrupt(MODEL_ROWS, 1, name=""), None, 2, "name", "a value is required"),
    ("source not a URL", _corrupt(MODEL_ROWS, 1, price_source="my memory"), None, 2, "price_source", "does not match"),
    ("released before announced", _corrupt(MODEL_ROWS, 0, released="1983-12-01"), None, 1, "released", "before/below announced"),
    ("top price below base", _corrupt(MODEL_ROWS, 1, price_max_usd="100"), None, 2, "price_max_usd", "before/below price_usd"),
    ("no launch date at all", _corrupt(MODEL_ROWS, 2, announced="", announced_precision=""), None, 3, "announced", "at least one of: announced, released"),
    ("date without precision", _corrupt(MODEL_ROWS, 0, discontinued_precision=""), None, 1, "discontinued_precision", "required exactly when"),
    ("missing column", MODEL_ROWS, [c for c in MODELS.column_names if c != "price_usd"], None, "price_usd", "required column 'price_usd' is missing"),
    ("unknown column", MODEL_ROWS, [*MODELS.column_names, "colour"], None, "colour", "unknown column"),
]


@pytest.mark.parametrize(("what", "rows", "columns", "row", "column", "words"), CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_corrupt_models_file_is_rejected_naming_file_row_column_and_rule(
    tmp_path: Path, what: str, rows: list[dict[str, str]], columns: list[str] | None, row: int | None, column: str, words: str
) -> None:
    path = tmp_path / "models.csv"
    write_models(path, rows, columns)
    with pytest.raises(DataError) as caught:
        load_table(path, MODELS)
    matching = [p for p in caught.value.problems if p.column == column and p.row == row]
    assert matching, f"{what}: no problem at row {row}, column {column}: {caught.value}"
    message = str(matching[0])
    assert message.startswith("models.csv")
    assert words in message
    if row is not None:
        assert f"row {row}" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    rows = _corrupt(_corrupt(MODEL_ROWS, 0, price_usd="abc"), 2, family="Nope")
    write_models(tmp_path / "models.csv", rows)
    with pytest.raises(DataError) as caught:
        load_table(tmp_path / "models.csv", MODELS)
    assert {(p.row, p.column) for p in caught.value.problems} == {(1, "price_usd"), (3, "family")}


def test_month_precision_dates_compare_by_month(tmp_path: Path) -> None:
    # Released "1998-06" (month) is not before announced 1998-06-20 once compared by month.
    rows = _corrupt(MODEL_ROWS, 1, announced="1998-06-20", released="1998-06-01", released_precision="month")
    write_models(tmp_path / "models.csv", rows)
    assert len(load_table(tmp_path / "models.csv", MODELS)) == len(MODEL_ROWS)


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "the file is empty"), (b"\xff\xfe\x00garbage\x00", "not UTF-8"), (b'model_id,name\n"unterminated', "required column")],
    ids=["empty", "binary", "truncated"],
)
def test_unreadable_files_get_a_message(tmp_path: Path, content: bytes, words: str) -> None:
    (tmp_path / "models.csv").write_bytes(content)
    with pytest.raises(DataError) as caught:
        load_table(tmp_path / "models.csv", MODELS)
    assert words in str(caught.value)


def test_missing_files_and_bad_metadata_are_all_reported(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path / "d")
    (data / "cpi_us.csv").unlink()
    (data / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    text = str(caught.value)
    assert "cpi_us.csv: the file is missing" in text
    assert "datapackage.json: the file is not valid JSON" in text


def test_a_model_known_only_by_its_release_date_loads_and_is_placed_by_it(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    write_models(data / "models.csv", _corrupt(MODEL_ROWS, 0, announced="", announced_precision="", event="", event_id=""))
    models = load_dataset(data).models.set_index("model_id")
    assert str(models.loc["mac-a", "launched"].date()) == "1984-01-24"


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        ({"event_id": "wwdc-1999"}, "event_id", "event_id 'wwdc-1999' is not in events.csv"),
        ({"event": "Keynote 1985"}, "event", "differs from the name in events.csv"),
        ({"announced": "1984-01-23", "released": "1984-01-24"}, "announced", "differs from the event's date"),
        ({"event_id": ""}, "event_id", "an event name needs an event_id"),
    ],
)
def test_event_links_are_checked(tmp_path: Path, changes: dict[str, str], column: str, words: str) -> None:
    data = make_data_dir(tmp_path)
    write_models(data / "models.csv", _corrupt(MODEL_ROWS, 0, **changes))
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (1, column)
    assert words in str(problem)


def test_events_load_with_their_models(tmp_path: Path) -> None:
    ds = load_dataset(make_data_dir(tmp_path))
    assert ds.events["event_id"].tolist() == ["keynote-1984", "press-release-2010-07-27"]
    assert set(ds.models["event_id"].dropna()) <= set(ds.events["event_id"])


@pytest.mark.parametrize(
    ("predecessor", "words"),
    [("mac-zz", "is not another model of the catalogue"), ("mac-b", "is not another model"), ("mac-c", "before its predecessor 'mac-c'")],
)
def test_predecessor_must_exist_and_come_first(tmp_path: Path, predecessor: str, words: str) -> None:
    data = make_data_dir(tmp_path)
    write_models(data / "models.csv", _corrupt(MODEL_ROWS, 1, predecessor_id=predecessor))
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (2, "predecessor_id")
    assert words in str(problem)


def test_a_successor_may_follow_its_predecessor(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    write_models(data / "models.csv", _corrupt(MODEL_ROWS, 2, predecessor_id="mac-b"))
    assert load_dataset(data).models.set_index("model_id").loc["mac-c", "predecessor_id"] == "mac-b"


def test_benchmark_scores_become_model_columns(tmp_path: Path) -> None:
    models = load_dataset(make_data_dir(tmp_path)).models.set_index("model_id")
    assert models.loc["mac-d", "geekbench6_multi"] == 12300
    assert models.loc["mac-d", "geekbench6_single"] == 2350
    assert pd.isna(models.loc["mac-a", "geekbench6_multi"])
    assert models["geekbench2"].isna().all()


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("mac-zz,geekbench6_multi,100,,,,,https://e.org,2026-11-25,", "model_id", "model_id 'mac-zz' is not in models.csv"),
        ("mac-d,geekbench6_multi,12300,,,,,https://e.org,2026-11-25,", "score", "appears more than once"),
        ("mac-d,geekbench6_multi,999,,Apple M1 Max,10,,https://e.org,2026-11-25,", "score", "a second geekbench6_multi score of the base configuration"),
        ("mac-a,geekbench7,100,,,,,https://e.org,2026-11-25,", "benchmark", "not one of the allowed values"),
        ("mac-a,geekbench2,-3,,,,,https://e.org,2026-11-25,", "score", "below the minimum"),
        ("mac-a,geekbench2,30,,Zilog Z80,1,4,https://e.org,2026-11-25,", "tested_cpu", "not in the CPU table"),
        ("mac-a,geekbench2,30,,,0,,https://e.org,2026-11-25,", "tested_cores", "below the minimum"),
    ],
)
def test_bad_benchmark_rows_are_rejected(tmp_path: Path, line: str, column: str, words: str) -> None:
    data = make_data_dir(tmp_path)
    with (data / "benchmarks.csv").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    assert any(p.column == column and words in str(p) and p.filename == "benchmarks.csv" for p in caught.value.problems), caught.value


NAN = float("nan")
MODEL_D = {
    "architecture": "Apple silicon",
    "cpu": "Apple M1 Max",
    "cpu_cores": 10,
    "cpu_clock_mhz": NAN,
    "top_config_cpu": "Apple M1 Ultra",
    "top_config_cores": 20,
    "top_config_clock_mhz": NAN,
}
# The Mac Pro (Late 2013): 4-core base, 6-core top standard configuration, 12 cores build-to-order.
MODEL_X = {
    "architecture": "Intel",
    "cpu": "Intel Xeon E5",
    "cpu_cores": 4,
    "cpu_clock_mhz": 3700.0,
    "top_config_cpu": "Intel Xeon E5",
    "top_config_cores": 6,
    "top_config_clock_mhz": 3500.0,
}
MODEL_ONE = {
    "architecture": "PowerPC",
    "cpu": "PowerPC G3",
    "cpu_cores": 1,
    "cpu_clock_mhz": 233.0,
    "top_config_cpu": "PowerPC G3",
    "top_config_cores": 1,
    "top_config_clock_mhz": 233.0,
}
MODEL_UNKNOWN_TOP = {**MODEL_X, "top_config_cpu": None, "top_config_cores": pd.NA, "top_config_clock_mhz": NAN}


@pytest.mark.parametrize(
    ("model", "tested", "role"),
    [
        (MODEL_D, ("Apple M1 Max", 10, None), "base"),
        (MODEL_D, ("Apple M1 Ultra", 20, None), "top"),
        (MODEL_D, ("Apple M1 Pro", 10, None), "other"),  # same cores, another chip: not the base
        (MODEL_D, (None, 10, None), "other"),  # chip not stated
        (MODEL_X, ("Intel Xeon E5-1620 v2", 4, 3700.0), "base"),
        (MODEL_X, ("Intel Xeon E5-1650 v2", 6, 3500.0), "top"),
        (MODEL_X, ("Intel Xeon E5-2697 v2", 12, 2700.0), "other"),  # the build-to-order maximum is not the top standard configuration
        (MODEL_UNKNOWN_TOP, ("Intel Xeon E5-1650 v2", 6, 3500.0), "other"),  # top configuration not known: nothing is the top's
        (MODEL_X, (None, 4, None), "other"),  # clock not stated: cannot tell
        (MODEL_X, (None, 4, 3650.0), "base"),  # clocks within 2.5% (sources round)
        (MODEL_X, (None, 4, 3500.0), "other"),
        (MODEL_ONE, ("PowerPC 750 (G3)", 1, 233.0), "base"),  # one configuration: base and top are the same
        (MODEL_ONE, ("PowerPC 750 (G3)", 1, 266.0), "other"),
    ],
)
def test_each_score_is_matched_to_the_base_the_top_or_neither_configuration(model: dict[str, object], tested: tuple[object, ...], role: str) -> None:
    cpu, cores, clock = tested
    assert configuration_role(model, cpu, cores if cores is not None else pd.NA, clock if clock is not None else float("nan")) == role


def test_a_top_configuration_score_gives_the_top_index_and_leaves_the_base_index_alone(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    before = load_dataset(data).models.set_index("model_id")
    with (data / "benchmarks.csv").open("a", encoding="utf-8") as fh:
        fh.write("mac-d,geekbench6_multi,18000,M1 Ultra 20-core,Apple M1 Ultra,20,,https://e.org,2026-11-25,\n")
    after = load_dataset(data).models.set_index("model_id")
    ratio = before.loc["mac-d", "perf_index"] / before.loc["mac-c", "perf_index"]
    assert after.loc["mac-d", "perf_index"] / after.loc["mac-c", "perf_index"] == pytest.approx(ratio) == 12300 / 2100
    assert after.loc["mac-d", "geekbench6_multi"] == 12300  # the table's score is the base configuration's
    assert after.loc["mac-d", "perf_index_top"] / after.loc["mac-c", "perf_index"] == pytest.approx(18000 / 2100)
    assert "top configuration" in after.loc["mac-d", "perf_index_top_basis"]


def test_an_unknown_cpu_in_the_catalogue_is_rejected(tmp_path: Path) -> None:
    data = make_data_dir(tmp_path)
    write_models(data / "models.csv", _corrupt(MODEL_ROWS, 1, cpu="PowerPC G7 (imaginary)"))
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    [problem] = caught.value.problems
    assert (problem.filename, problem.row, problem.column) == ("models.csv", 2, "cpu")
    assert "not in the CPU table" in str(problem)
