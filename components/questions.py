"""The question views: compare two to four Macs, what a budget bought, and where the reader's own Mac stands."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from maclineup.compare import Pair
from maclineup.export import Download
from maclineup.lineup import Lineup, MyMac
from maclineup.plaintext import escape_markdown


def _times(x: float) -> str:
    return f"{x:.2f}×" if x < 1 else (f"{x:,.1f}×" if x < 100 else f"{x:,.0f}×")


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:+.0f}% a year"


def _download(item: Download) -> None:
    st.download_button(item.label, item.data, item.file_name, item.mime, key=item.key, on_click="ignore", icon=":material/download:")


def render_compare(facts: pd.DataFrame, pairs: list[Pair], base_year: int, download: Download) -> None:
    """One column per model with its facts, then each pair: times as fast (with its band), price and value ratios, yearly rates."""
    if facts.shape[1] < 2:
        st.info("Pick two to four Macs to compare under **Compare** in the sidebar, or highlight them and press **Compare these**.")
        return
    for pair in pairs:
        ratio, low, high = pair.speed
        band = "" if abs(high - low) < 1e-9 * ratio else f" (likely {_times(low)}–{_times(high)})"
        text = f"**{pair.newer}** is **{_times(ratio)}** as fast as **{pair.older}**{band}, {pair.years:.1f} years later."
        if pair.price is not None and pair.value is not None:
            text += (
                f" In {base_year} dollars it cost {_times(pair.price)} as much, so a dollar bought {_times(pair.value)} the performance: "
                f"performance grew {_percent(pair.speed_per_year)}, performance per dollar {_percent(pair.value_per_year)}."
            )
        st.markdown(escape_markdown(text).replace("\\*\\*", "**"))
    st.dataframe(facts, key="compare_table", column_config={"_index": st.column_config.TextColumn("")})
    st.caption(
        "Performance index: Macintosh 128K = 1. The likely range of a ratio counts only what separates the two models "
        "(the benchmark links between them and any estimate), so two Macs scored on the same benchmark keep their exact score ratio."
    )
    _download(download)


def render_budget(lineups: list[Lineup], low: int, high: int, base_year: int, download: Download) -> None:
    """The lineup on sale at each date within the budget, side by side, the fastest marked."""
    st.markdown(f"**Macs on sale with a launch price of ${low:,}–${high:,} in {base_year} dollars**")
    columns = st.columns(len(lineups)) if lineups else []
    for column, lineup in zip(columns, lineups, strict=True):
        with column:
            st.markdown(f"**{lineup.when}** · {len(lineup.models)} Mac{'s' if len(lineup.models) != 1 else ''}")
            if lineup.models.empty:
                st.caption("None on sale in this budget (or no launch price known).")
                continue
            rows = lineup.models.assign(
                mac=lineup.models["name"].where(~lineup.models["fastest"], "★ " + lineup.models["name"]),
                price=lineup.models["price_real_usd"],
                index=lineup.models["perf_index"].round(0),
            )[["mac", "price", "index"]]
            st.dataframe(
                rows,
                hide_index=True,
                key=f"budget_{lineup.when}",
                column_config={
                    "mac": st.column_config.TextColumn("Mac (★ fastest)"),
                    "price": st.column_config.NumberColumn(f"Price ({base_year} $)", format="$%d"),
                    "index": st.column_config.NumberColumn("Performance index", format="localized"),
                },
            )
    st.caption(
        "On sale: released on or before the date and not yet discontinued or succeeded; a Mac whose end of sale no source gives "
        "counts as on sale for two years after its release. The sidebar's family, form and architecture filters apply."
    )
    _download(download)


def render_my_mac(card: MyMac, base_year: int) -> None:
    """A short card: what the reader's Mac cost then and now, and how much faster today's Macs are."""
    price = "" if card.price is None else f" It cost ${card.price:,.0f} at launch (${card.price_real or 0:,.0f} in {base_year} dollars)."
    lines = [f"**My Mac: {card.name}** ({card.launched}).{price}"]
    if card.fastest_ratio and card.fastest_now:
        r, lo, hi = card.fastest_ratio
        lines.append(f"The fastest Mac on sale now, the {card.fastest_now}, is {_times(r)} as fast (likely {_times(lo)}–{_times(hi)}).")
    if card.cheapest_ratio and card.cheapest_now:
        r, lo, hi = card.cheapest_ratio
        lines.append(f"The cheapest, the {card.cheapest_now}, is {_times(r)} as fast (likely {_times(lo)}–{_times(hi)}).")
    if card.cheapest_twice and card.cheapest_twice_price is not None:
        lines.append(f"The cheapest Mac on sale now at least twice as fast: the {card.cheapest_twice}, ${card.cheapest_twice_price:,.0f}.")
    st.info(escape_markdown(" ".join(lines)).replace("\\*\\*", "**"), icon=":material/computer:")
