"""Filter the catalogue to a view and add the derived columns every chart and table shares."""

from __future__ import annotations

import pandas as pd

from maclineup.inflation import apply_real_prices
from maclineup.metrics import METRICS, apply_metric
from maclineup.viewstate import ViewState


def apply_filters(models: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """Rows matching the state's families, forms, architectures and announcement years."""
    keep = models["launched"].dt.year.between(*state.years)
    for column, chosen in (("family", state.family), ("form_factor", state.form), ("architecture", state.arch)):
        if chosen:
            keep &= models[column].isin(chosen)
    filtered: pd.DataFrame = models.loc[keep].reset_index(drop=True)
    return filtered


def make_view_frame(models: pd.DataFrame, cpi: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """The filtered rows with real prices, the chosen measure, the shown price and value (measure per $1,000 of it)."""
    df = apply_metric(apply_real_prices(apply_filters(models, state), cpi, state.base_year), state.metric)
    real = state.price == "real"
    price = df["price_real_usd"] if real else df["price_usd"]
    per_kusd = 1000.0 / price
    return df.assign(
        price_shown_usd=price,
        price_max_shown_usd=df["price_max_real_usd"] if real else df["price_max_usd"],
        value=df["performance"] * per_kusd,
        value_low=df["performance_low"] * per_kusd,
        value_high=df["performance_high"] * per_kusd,
        highlighted=df["model_id"].isin(state.highlight) | (df["event_id"] == state.event if state.event else False),
        mine=df["model_id"] == state.mine,
    )


def measure_counts(models: pd.DataFrame, state: ViewState) -> dict[str, str]:
    """For each measure, how many of the models the state's filters show have a value: '23 of 393'."""
    shown = apply_filters(models, state)
    return {key: f"{int(metric.compute(shown).notna().sum())} of {len(shown)}" for key, metric in METRICS.items()}
