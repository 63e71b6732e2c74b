"""What was on sale at a date, what a budget bought then, and where a reader's own Mac stands now."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from maclineup.perfindex import Link, ratio_band

# A model whose end of sale no source gives (no discontinuation date, no successor) counts as on sale
# for this long after its release, and no longer: never "still on sale" without a source.
UNKNOWN_END = pd.DateOffset(years=2)


def on_sale(models: pd.DataFrame, when: pd.Timestamp) -> pd.Series:
    """Models on sale at ``when``: released on or before it, and not yet discontinued or succeeded.

    The end of sale is the discontinuation date, else the release of the model's successor; where
    neither is known, the model counts as on sale for two years after its release (UNKNOWN_END).
    """
    start = models["released"].fillna(models["launched"])
    end = models["discontinued"].fillna(models["successor_released"])
    assumed = end.isna()
    end = end.where(~assumed, start + UNKNOWN_END)
    return (start <= when) & (when < end)


@dataclass(frozen=True)
class Lineup:
    """The models of one on-sale date within a budget, fastest first."""

    when: str  # "YYYY-MM"
    models: pd.DataFrame  # with a boolean column "fastest"


def budget_lineups(models: pd.DataFrame, dates: Sequence[str], low: float, high: float) -> list[Lineup]:
    """For each "YYYY-MM" date, the models on sale then whose real base price lies within [low, high], fastest first."""
    out = []
    for when in dates:
        moment = pd.Timestamp(f"{when}-15")
        rows = models.loc[on_sale(models, moment) & models["price_real_usd"].between(low, high)]
        rows = rows.sort_values(["perf_index", "price_real_usd"], ascending=[False, True])
        fastest = rows["perf_index"].notna() & (rows["perf_index"] == rows["perf_index"].max())
        out.append(Lineup(when, rows.assign(fastest=fastest)))
    return out


@dataclass(frozen=True)
class MyMac:
    """Where a reader's Mac stands against what is on sale now."""

    name: str
    launched: int
    price: float | None  # nominal launch price
    price_real: float | None  # in the base year's dollars
    fastest_now: str | None
    fastest_ratio: tuple[float, float, float] | None  # times faster, with its band
    cheapest_now: str | None
    cheapest_ratio: tuple[float, float, float] | None
    cheapest_twice: str | None  # the cheapest Mac on sale now at least twice as fast
    cheapest_twice_price: float | None


def my_mac(models: pd.DataFrame, mine: str, now: pd.Timestamp, links: Mapping[str, Link]) -> MyMac:
    """The card for model ``mine``: its launch price then and in real dollars, and the Macs on sale at ``now`` against it."""
    table = models.set_index("model_id", drop=False)
    me: Any = table.loc[mine]
    current = table.loc[on_sale(table, now) & table["perf_index"].notna()]
    priced = current.dropna(subset=["price_real_usd"])
    fastest = current.sort_values("perf_index").iloc[-1] if not current.empty else None
    cheapest = priced.sort_values(["price_real_usd", "perf_index"], ascending=[True, False]).iloc[0] if not priced.empty else None
    twice = priced.loc[priced["perf_index"] >= 2 * float(me["perf_index"])].sort_values("price_real_usd")
    first = twice.iloc[0] if not twice.empty else None
    return MyMac(
        name=str(me["name"]),
        launched=int(me["launched"].year),
        price=None if pd.isna(me["price_usd"]) else float(me["price_usd"]),
        price_real=None if pd.isna(me["price_real_usd"]) else float(me["price_real_usd"]),
        fastest_now=None if fastest is None else str(fastest["name"]),
        fastest_ratio=None if fastest is None else ratio_band(fastest, me, links),
        cheapest_now=None if cheapest is None else str(cheapest["name"]),
        cheapest_ratio=None if cheapest is None else ratio_band(cheapest, me, links),
        cheapest_twice=None if first is None else str(first["name"]),
        cheapest_twice_price=None if first is None else float(first["price_real_usd"]),
    )


def lineup_table(lineups: Sequence[Lineup]) -> pd.DataFrame:
    """Every lineup's rows in one table for the download: the date, the model, its real price and index, and the fastest mark."""
    columns = ["on_sale", "model_id", "name", "price_usd", "price_real_usd", "perf_index", "fastest"]
    parts = [lu.models.assign(on_sale=lu.when)[columns] for lu in lineups]
    return (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["on_sale", "model_id", "name", "price_usd", "price_real_usd", "perf_index", "fastest"])
    )
