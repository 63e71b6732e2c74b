"""Tiny hand-written data for unit and app tests: a valid data folder to copy and corrupt."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from maclineup.paths import DEFAULT_DATA_DIR
from maclineup.schema import BENCHMARKS, MODELS

SRC = "https://example.org/source"

MODEL_ROWS: list[dict[str, str]] = [
    {"model_id": "mac-a", "name": "Mac A", "family": "Compact Macintosh", "form_factor": "all-in-one", "architecture": "68k",
     "announced": "1984-01-24", "announced_precision": "day", "released": "1984-01-24", "released_precision": "day",
     "discontinued": "1985-10-01", "discontinued_precision": "day", "event": "Keynote 1984", "event_id": "keynote-1984",
     "price_usd": "2000", "price_max_usd": "",
     "cpu": "Motorola 68000", "cpu_cores": "1", "cpu_clock_mhz": "8", "ram_gb": "0.125", "display_in": "9"},
    {"model_id": "mac-b", "name": "Mac B", "family": "PowerBook", "form_factor": "laptop", "architecture": "PowerPC",
     "announced": "1998-05-06", "announced_precision": "day", "released": "1998-06-01", "released_precision": "month",
     "price_usd": "3000", "price_max_usd": "4000", "cpu": "PowerPC G3", "cpu_cores": "1", "cpu_clock_mhz": "250", "ram_gb": "0.03125"},
    {"model_id": "mac-c", "name": "Mac C", "family": "iMac", "form_factor": "all-in-one", "architecture": "Intel",
     "announced": "2010-07-27", "announced_precision": "day", "event_id": "press-release-2010-07-27",
     "price_usd": "1200", "cpu": "Intel Core i3", "cpu_cores": "2",
     "cpu_clock_mhz": "3060", "gpu_tflops": "", "display_in": "21.5"},
    {"model_id": "mac-d", "name": "Mac D", "family": "Mac Studio", "form_factor": "desktop", "architecture": "Apple silicon",
     "announced": "2022-03-08", "announced_precision": "day", "released": "2022-03-18", "released_precision": "day",
     "price_usd": "1999", "price_max_usd": "3999", "cpu": "Apple M1 Max", "cpu_cores": "10", "cpu_cores_max": "20",
     "top_config_cpu": "Apple M1 Ultra", "top_config_cores": "20", "gpu_tflops": "21.2"},
]  # fmt: skip
BENCHMARK_HEADER = ",".join(BENCHMARKS.column_names)
CPI_ROWS = [(1984, 100.0), (1998, 160.0), (2010, 218.0), (2022, 292.0), (2024, 310.0)]


def _default(column: str, row: dict[str, str]) -> str:
    """A cell the row leaves out: a source URL, "exact" for the precision of a given price, else empty."""
    if column.endswith("_source"):
        return SRC
    if column == "price_precision":
        return "exact" if row.get("price_usd") else ""
    return ""


def write_models(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
    """Write ``rows`` as a models CSV with every declared column (missing cells empty)."""
    columns = columns or MODELS.column_names
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, columns, lineterminator="\n", extrasaction="ignore")
        out.writeheader()
        for row in rows:
            out.writerow({c: row.get(c, _default(c, row)) for c in columns})


def make_data_dir(root: Path) -> Path:
    """A valid data folder with the tiny rows above."""
    root.mkdir(parents=True, exist_ok=True)
    write_models(root / "models.csv", MODEL_ROWS)
    with (root / "cpi_us.csv").open("w", encoding="utf-8") as fh:
        fh.write("year,cpi_u,months,note\n")
        fh.writelines(f"{y},{v},12,\n" for y, v in CPI_ROWS)
    (root / "events.csv").write_text(
        "event_id,name,kind,date,date_precision,source,notes\n"
        f"keynote-1984,Keynote 1984,special event,1984-01-24,day,{SRC},\n"
        f'press-release-2010-07-27,"Apple press release, 27 Jul 2010",press release,2010-07-27,day,{SRC},\n',
        encoding="utf-8",
    )
    (root / "benchmarks.csv").write_text(
        f"{BENCHMARK_HEADER}\n"
        f"mac-c,geekbench6_multi,2100,Core i3 3.06 GHz,Intel Core i3,2,3060,{SRC},2026-11-25,\n"
        f"mac-d,geekbench6_multi,12300,M1 Max 10-core,Apple M1 Max,10,,{SRC},2026-11-25,\n"
        f"mac-d,geekbench6_single,2350,M1 Max 10-core,Apple M1 Max,10,,{SRC},2026-11-25,\n",
        encoding="utf-8",
    )
    # The shipped package's resources describe the declared fields of every table.
    resources = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    (root / "datapackage.json").write_text(json.dumps({"version": "test-1", "resources": resources}), encoding="utf-8")
    return root


def copy_real_data(root: Path) -> Path:
    """A copy of the shipped data folder, to corrupt one file of it."""
    shutil.copytree(DEFAULT_DATA_DIR, root)
    return root
