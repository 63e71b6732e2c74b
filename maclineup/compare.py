"""Two to four Macs side by side: their facts, and for each pair how much faster, dearer and better value."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from maclineup.perfindex import Link, ratio_band


def _day(v: Any) -> str:
    return "—" if pd.isna(v) else f"{v.day} {v:%b %Y}"


def _money(v: Any) -> str:
    return "—" if pd.isna(v) else f"${v:,.0f}"


def _index(row: Any) -> str:
    if pd.isna(row["perf_index"]):
        return "—"
    band = "" if row["perf_index_low"] == row["perf_index_high"] else f" (likely {row['perf_index_low']:,.0f}–{row['perf_index_high']:,.0f})"
    return f"{row['perf_index']:,.0f}{band}"


def _clock(v: Any) -> str:
    return "—" if pd.isna(v) else (f"{v / 1000:g} GHz" if v >= 1000 else f"{v:g} MHz")


def _size(v: Any) -> str:
    return "—" if pd.isna(v) else (f"{v * 1024:,.0f} MB" if v < 1 else f"{v:,.0f} GB")


def _first(v: Any) -> str:
    return "—" if not isinstance(v, str) else v.split(";")[0].strip()


# (label, how to show it) per row of the facts table.
FACT_ROWS: tuple[tuple[str, Any], ...] = (
    ("Family", lambda r: r["family"]),
    ("Announced", lambda r: _day(r["announced"])),
    ("Released", lambda r: _day(r["released"])),
    (
        "Launch price",
        lambda r: (
            _money(r["price_usd"]) + ("" if r.get("price_precision") in (None, "exact") or pd.isna(r.get("price_precision")) else f" ({r['price_precision']})")
        ),
    ),
    ("Launch price, real", lambda r: _money(r["price_real_usd"])),
    ("Top configuration", lambda r: _money(r["price_max_usd"])),
    ("Performance index (128K = 1)", _index),
    ("Measured or estimated", lambda r: "estimated" if "estimated" in str(r["perf_index_basis"]) else "measured"),
    ("Basis", lambda r: str(r["perf_index_basis"])),
    ("CPU", lambda r: r["cpu"] if isinstance(r["cpu"], str) else "—"),
    ("CPU cores", lambda r: "—" if pd.isna(r["cpu_cores"]) else str(int(r["cpu_cores"]))),
    ("CPU clock", lambda r: _clock(r["cpu_clock_mhz"])),
    ("Memory", lambda r: _size(r["ram_gb"])),
    ("Storage", lambda r: "—" if pd.isna(r["storage_gb"]) else f"{r['storage_gb']:,.0f} GB"),
    ("Price source", lambda r: _first(r["price_source"])),
    ("Specs source", lambda r: _first(r["specs_source"])),
)


@dataclass(frozen=True)
class Pair:
    """How the newer of two Macs compares with the older."""

    newer: str
    older: str
    years: float  # between their launch dates
    speed: tuple[float, float, float]  # performance ratio newer / older, with its band
    price: float | None  # real price ratio newer / older
    value: float | None  # performance per real dollar, newer / older
    speed_per_year: float | None  # annual rate of the performance ratio (0.3 = +30% a year)
    value_per_year: float | None

    def sentence(self) -> str:
        """'MacBook Air is 3.1× faster (likely 2.4–4.0×) than iMac …' in words."""
        ratio, low, high = self.speed
        band = "" if math.isclose(low, high) else f" (likely {_times(low)}–{_times(high)})"
        return f"{self.newer} is {_times(ratio)} as fast as {self.older}{band}"


def _times(x: float) -> str:
    return f"{x:.2f}×" if x < 1 else (f"{x:,.1f}×" if x < 100 else f"{x:,.0f}×")


def annual_rate(ratio: float, years: float) -> float | None:
    """The yearly rate that compounds to ``ratio`` over ``years`` (None within half a year)."""
    if years < 0.5 or ratio <= 0:
        return None
    return float(ratio ** (1 / years) - 1)


def compare_pair(a: Any, b: Any, links: Mapping[str, Link]) -> Pair:
    """Compare two models (rows with perf_index, its band data, real prices and launch dates), newer over older."""
    newer, older = (a, b) if a["launched"] >= b["launched"] else (b, a)
    years = (pd.Timestamp(newer["launched"]) - pd.Timestamp(older["launched"])).days / 365.25
    speed = ratio_band(newer, older, links)
    known = pd.notna(newer["price_real_usd"]) and pd.notna(older["price_real_usd"])
    price = float(newer["price_real_usd"]) / float(older["price_real_usd"]) if known else None
    value = speed[0] / price if price else None
    return Pair(
        newer=str(newer["name"]),
        older=str(older["name"]),
        years=years,
        speed=speed,
        price=price,
        value=value,
        speed_per_year=annual_rate(speed[0], years),
        value_per_year=annual_rate(value, years) if value else None,
    )


def compare_models(models: pd.DataFrame, ids: Sequence[str], links: Mapping[str, Link]) -> tuple[pd.DataFrame, list[Pair]]:
    """A table of facts with one column per model, and every pair compared."""
    table = models.set_index("model_id")
    rows = [table.loc[i] for i in ids if i in table.index]
    facts = pd.DataFrame({str(r["name"]): [str(show(r)) for _, show in FACT_ROWS] for r in rows}, index=[label for label, _ in FACT_ROWS], dtype="str")
    pairs = [compare_pair(a, b, links) for a, b in itertools.combinations(rows, 2)]
    return facts, pairs


def pairs_table(pairs: Sequence[Pair]) -> pd.DataFrame:
    """The pairs as a table for the page and the download."""
    return pd.DataFrame(
        {
            "newer": [p.newer for p in pairs],
            "older": [p.older for p in pairs],
            "years apart": [round(p.years, 1) for p in pairs],
            "times as fast": [round(p.speed[0], 3) for p in pairs],
            "likely from": [round(p.speed[1], 3) for p in pairs],
            "likely to": [round(p.speed[2], 3) for p in pairs],
            "real price ratio": [None if p.price is None else round(p.price, 3) for p in pairs],
            "performance per real dollar ratio": [None if p.value is None else round(p.value, 3) for p in pairs],
            "performance growth per year": [None if p.speed_per_year is None else round(p.speed_per_year, 4) for p in pairs],
            "value growth per year": [None if p.value_per_year is None else round(p.value_per_year, 4) for p in pairs],
        }
    )
