"""Which fields the catalogue knows, per era and family: gaps shown, not hidden."""

from __future__ import annotations

import pandas as pd

from maclineup.schema import ARCHITECTURES, BENCHMARK_NAMES, FAMILIES

ANY_BENCHMARK = "any benchmark score"
EXACT_PRICE = "price_usd (exact)"
APPROXIMATE_PRICE = "price_usd (approximate or range)"
COVERAGE_FIELDS: tuple[str, ...] = (
    "announced", "released", "discontinued", "event_id", EXACT_PRICE, APPROXIMATE_PRICE, "price_max_usd", "cpu", "cpu_cores",
    "cpu_clock_mhz", "ram_gb", "ram_max_gb", "storage_gb", "gpu", "gpu_tflops", "model_identifier",
    "predecessor_id", "geekbench6_multi", ANY_BENCHMARK,
)  # fmt: skip


FIELD_LABELS: dict[str, str] = {
    "announced": "Announced",
    "released": "Released",
    "discontinued": "Discontinued",
    "event_id": "Announcement event",
    EXACT_PRICE: "Launch price, exact",
    APPROXIMATE_PRICE: "Launch price, approximate",
    "price_max_usd": "Top-configuration price",
    "cpu": "CPU",
    "cpu_cores": "CPU cores",
    "cpu_clock_mhz": "CPU clock",
    "ram_gb": "Memory",
    "ram_max_gb": "Maximum memory",
    "storage_gb": "Storage",
    "gpu": "Graphics",
    "gpu_tflops": "GPU TFLOPS",
    "model_identifier": "Model identifier",
    "predecessor_id": "Predecessor",
    "geekbench6_multi": "Geekbench 6 multi-core",
    ANY_BENCHMARK: "Any benchmark score",
}


def compute_field_coverage(models: pd.DataFrame) -> pd.DataFrame:
    """One row per (era, family, field): how many models have a value, of how many.

    ANY_BENCHMARK counts models with a published score on any benchmark: their performance index
    is measured rather than estimated. Launch prices are counted apart by how they were published:
    an exact figure, or an approximate one ("about $2,000", the low end of a range).
    """
    derived = (ANY_BENCHMARK, EXACT_PRICE, APPROXIMATE_PRICE)
    fields = [f for f in COVERAGE_FIELDS if f not in derived]
    scored = models[[b for b in BENCHMARK_NAMES if b in models]].notna().any(axis=1)
    priced = models["price_usd"].notna()
    exact = priced & (models["price_precision"] == "exact")
    known = (
        models[fields]
        .notna()
        .assign(**{ANY_BENCHMARK: scored, EXACT_PRICE: exact, APPROXIMATE_PRICE: priced & ~exact}, architecture=models["architecture"], family=models["family"])
    )
    grouped = known.groupby(["architecture", "family"], observed=True)
    counts = grouped[list(COVERAGE_FIELDS)].sum().melt(ignore_index=False, var_name="field", value_name="known").reset_index()
    totals = grouped.size().rename("models").reset_index()
    out = counts.merge(totals, on=["architecture", "family"])
    out["share"] = out["known"] / out["models"]
    out["era_order"] = out["architecture"].map(ARCHITECTURES.index)
    out["family_order"] = out["family"].map(FAMILIES.index)
    out = out.sort_values(["era_order", "family_order"], kind="stable").drop(columns=["era_order", "family_order"])
    return out.reset_index(drop=True)
