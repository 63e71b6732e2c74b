"""Performance measures available until the cross-era index exists.

Each measure says what it is, in which unit, and for which models it has a value: models without
one are counted and named by ``compute_coverage`` instead of being dropped silently.
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
            key="cpu-throughput",
            label="CPU throughput proxy",
            unit="cores × GHz, base configuration",
            description=(
                "CPU cores times clock speed of the base configuration. A crude proxy: it ignores "
                "work done per clock, which grew many-fold from the 68000 to Apple silicon."
            ),
            compute=cpu_throughput_ghz,
        ),
        *(
            Metric(
                key=f"geekbench6-{kind}",
                label=f"Geekbench 6 {kind}-core",
                unit="points",
                description=f"Published Geekbench 6 {kind}-core score (data/benchmarks.csv); recent Macs only.",
                compute=_published(f"geekbench6_{kind}"),
            )
            for kind in ("multi", "single")
        ),
        Metric(
            key="gpu-tflops",
            label="GPU throughput",
            unit="FP32 TFLOPS, top configuration",
            description="Single-precision GPU teraflops of the top configuration, as published (mostly 2012 on).",
            compute=_published("gpu_tflops"),
        ),
    )
}
DEFAULT_METRIC = "cpu-throughput"


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
    """Add the measure ``key`` as column ``performance``."""
    return df.assign(performance=METRICS[key].compute(df).to_numpy())


def compute_coverage(df: pd.DataFrame, column: str) -> Coverage:
    """Count the rows of ``df`` with a value in ``column`` and name the others."""
    has = df[column].notna()
    return Coverage(int(has.sum()), len(df), tuple(df.loc[~has, "name"].astype(str)))
