"""The performance measures a reader can choose: the cross-era index (default) and single benchmarks.

Each measure says what it is, in which unit, and for which models it has a value: models without
one are counted and named by ``compute_coverage`` instead of being dropped silently. A measure
with an uncertainty band names its low and high columns; the charts draw them as error bars.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Metric:
    """A performance measure computed from catalogue columns."""

    key: str
    label: str
    unit: str
    description: str
    compute: Callable[[pd.DataFrame], pd.Series]
    band: tuple[str, str] | None = None  # columns of the low and high end of the uncertainty band
    top: str | None = None  # column of the measure for the top configuration (pairs with the top price)

    @property
    def axis_title(self) -> str:
        """Axis title: label and unit."""
        return f"{self.label} ({self.unit})"


def cpu_throughput_ghz(df: pd.DataFrame) -> pd.Series:
    """CPU cores × clock (GHz) of the base configuration."""
    return (df["cpu_cores"].astype("float64") * df["cpu_clock_mhz"] / 1000.0).rename("cpu_throughput_ghz")


def _published(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    """A measure read straight from a column of published values."""

    def compute(df: pd.DataFrame) -> pd.Series:
        return df[column]

    return compute


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(
            key="performance-index",
            label="Performance index",
            unit="Macintosh 128K = 1",
            description=(
                "CPU performance (multi-core) on one scale from 1984 to today: published benchmark scores chained "
                "across benchmark generations through bridge models, Macintosh 128K = 1; models without a score "
                "are estimated from CPU family and clock. Bars show the uncertainty band."
            ),
            compute=_published("perf_index"),
            band=("perf_index_low", "perf_index_high"),
            top="perf_index_top",
        ),
        *(
            Metric(
                key=f"geekbench6-{kind}",
                label=f"Geekbench 6 {kind}-core",
                unit="points",
                description=f"Published Geekbench 6 {kind}-core score (data/benchmarks.csv); recent Macs only.",
                compute=_published(f"geekbench6_{kind}"),
            )
            for kind in ("single", "multi")
        ),
        Metric(
            key="gpu-tflops",
            label="GPU throughput",
            unit="FP32 TFLOPS, top configuration",
            description="Single-precision GPU teraflops of the top configuration, as published (mostly 2012 on).",
            compute=_published("gpu_tflops"),
        ),
        Metric(
            key="cpu-throughput",
            label="CPU throughput proxy",
            unit="cores × GHz, base configuration",
            description=(
                "CPU cores times clock speed of the base configuration. A crude proxy: it ignores "
                "work done per clock, which grew many-fold from the 68000 to Apple silicon."
            ),
            compute=cpu_throughput_ghz,
        ),
    )
}
DEFAULT_METRIC = "performance-index"


@dataclass(frozen=True)
class Coverage:
    """How many of the shown models have a value for a measure, and which do not."""

    with_value: int
    total: int
    missing_names: tuple[str, ...]

    def summary(self, label: str) -> str:
        """One line for the page: counts and, when few, the names."""
        text = f"{label}: {self.with_value} of {self.total} shown models have a value"
        if not self.missing_names:
            return text + "."
        names = ", ".join(self.missing_names[:12])
        more = len(self.missing_names) - 12
        return text + f"; without one: {names}" + (f" and {more} more." if more > 0 else ".")


def apply_metric(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Add the measure ``key`` as column ``performance``, with ``performance_low``/``_high`` (empty without a band)
    and ``performance_top`` (the top configuration's, empty where the measure has none)."""
    metric = METRICS[key]
    value = metric.compute(df).to_numpy()
    low, high = (df[metric.band[0]].to_numpy(), df[metric.band[1]].to_numpy()) if metric.band else (value, value)
    top = df[metric.top].to_numpy() if metric.top else float("nan")
    return df.assign(performance=value, performance_low=low, performance_high=high, performance_top=top)


def compute_coverage(df: pd.DataFrame, column: str) -> Coverage:
    """Count the rows of ``df`` with a value in ``column`` and name the others."""
    has = df[column].notna()
    return Coverage(int(has.sum()), len(df), tuple(df.loc[~has, "name"].astype(str)))
