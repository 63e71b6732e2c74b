"""requirements.txt pins every runtime package, and the direct dependencies agree with pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pins() -> dict[str, str]:
    lines = [line for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", line) for line in lines), "only exact pins, no index URLs or options"
    return {name.lower().replace("_", "-"): version for name, version in (line.split("==") for line in lines)}


def test_every_direct_dependency_is_pinned_at_the_same_version() -> None:
    direct = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = _pins()
    for requirement in direct:
        name, version = requirement.split("==")
        assert pins.get(name.lower()) == version, requirement


def test_the_transitive_runtime_packages_are_pinned_too() -> None:
    pins = _pins()
    assert {"numpy", "protobuf", "starlette", "tornado" if "tornado" in pins else "uvicorn", "altair"} <= set(pins)
    assert len(pins) > 20
