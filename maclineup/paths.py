"""Where the data lives: ``data/`` beside the code, or ``MACLINEUP_DATA_DIR`` when set (tests)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_FILES = ("models.csv", "cpi_us.csv", "events.csv", "benchmarks.csv", "datapackage.json")


def resolve_data_dir(environ: Mapping[str, str]) -> Path:
    """The data folder to read."""
    override = environ.get("MACLINEUP_DATA_DIR", "").strip()
    return Path(override) if override else DEFAULT_DATA_DIR


def data_fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime) of each data file: the cache key that notices edits."""
    out = []
    for name in DATA_FILES:
        try:
            stat = (data_dir / name).stat()
            out.append((name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append((name, -1, -1))
    return tuple(out)
