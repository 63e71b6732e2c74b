"""Nominal to constant dollars with US CPI-U annual averages."""

from __future__ import annotations

import pandas as pd


def cpi_years(cpi: pd.DataFrame) -> list[int]:
    """Years that have a CPI value, ascending."""
    return sorted(int(y) for y in cpi["year"])


def _label(year: int, months: int) -> str:
    return str(year) if months == 12 else f"{year}, {months}-month average"


def cpi_year_label(cpi: pd.DataFrame, year: int) -> str:
    """The base year as readers should see it, with a caveat when the year is partial."""
    row = cpi.loc[cpi["year"] == year]
    return str(year) if row.empty else _label(year, int(row["months"].iloc[0]))


def cpi_year_labels(cpi: pd.DataFrame) -> dict[int, str]:
    """Every CPI year with the label readers see (partial years say so), in one pass over the table."""
    months = dict(zip(cpi["year"].astype(int), cpi["months"].astype(int), strict=True))
    return {year: _label(year, months[year]) for year in sorted(months)}


def apply_real_prices(models: pd.DataFrame, cpi: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Add ``price_real_usd`` and ``price_max_real_usd``: launch prices in ``base_year`` dollars.

    Each price is scaled by CPI(base year) / CPI(launch year: announced, else released). A model
    launched in a year without CPI keeps an empty real price rather than a guessed one.
    """
    index = dict(zip(cpi["year"].astype(int), cpi["cpi_u"].astype(float), strict=True))
    if base_year not in index:
        raise ValueError(f"no CPI value for base year {base_year}")
    launch_cpi = models["launched"].dt.year.map(index).astype("float64")
    factor = index[base_year] / launch_cpi
    return models.assign(
        price_real_usd=(models["price_usd"] * factor).round(0),
        price_max_real_usd=(models["price_max_usd"] * factor).round(0),
    )
