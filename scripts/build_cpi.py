"""Rebuild data/cpi_us.csv (annual CPI-U averages) from a monthly CPI-U CSV with Date,Index columns.

Usage: python scripts/build_cpi.py PATH/TO/cpiai.csv
The monthly file is the `datasets/cpi-us` copy of BLS series CUUR0000SA0; it is not committed.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def main(source: Path, target: Path) -> None:
    by_year: dict[int, dict[int, float]] = defaultdict(dict)
    with source.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            year, month = int(row["Date"][:4]), int(row["Date"][5:7])
            if year >= 1984 and row["Index"]:
                by_year[year][month] = float(row["Index"])
    with target.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["year", "cpi_u", "months", "note"])
        for year in sorted(by_year):
            months = by_year[year]
            missing = [MONTHS[m - 1] for m in range(1, 13) if m not in months]
            note = ""
            if missing and max(months) < 12 and len(missing) == 12 - max(months):
                note = f"partial year: mean of {MONTHS[0]}-{MONTHS[max(months) - 1]} only"
            elif missing:
                note = "BLS published no value for " + ", ".join(missing) + f"; mean of the other {len(months)} months"
            mean = sum(months.values()) / len(months)
            out.writerow([year, f"{mean:.3f}", len(months), note])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "data" / "cpi_us.csv")
