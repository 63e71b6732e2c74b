"""Print timings and sizes of the work each rerun does (figures, not assertions).

Usage: make bench
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from maclineup.charts import make_chart_spec, make_chart_view  # noqa: E402
from maclineup.export import make_table, table_to_csv, table_to_parquet  # noqa: E402
from maclineup.figures import compute_eras  # noqa: E402
from maclineup.loading import add_benchmark_scores, add_launch_date, load_dataset  # noqa: E402
from maclineup.paths import DEFAULT_DATA_DIR  # noqa: E402
from maclineup.perfindex import INDEX_COLUMNS, index_catalogue  # noqa: E402
from maclineup.schema import BENCHMARK_NAMES, BENCHMARK_TITLES  # noqa: E402
from maclineup.selection import make_view_frame  # noqa: E402
from maclineup.viewstate import VIEWS, default_state, make_options  # noqa: E402


def median_ms(fn: object, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"load_dataset (validate {DEFAULT_DATA_DIR.name}/): {median_ms(lambda: load_dataset(DEFAULT_DATA_DIR)):.1f} ms")
    ds = load_dataset(DEFAULT_DATA_DIR)
    scored = add_benchmark_scores(add_launch_date(ds.models.drop(columns=[*BENCHMARK_NAMES, *INDEX_COLUMNS, "launched"])), ds.benchmarks)
    print(f"performance index ({len(scored)} models, {len(ds.benchmarks)} scores): {median_ms(lambda: index_catalogue(scored, BENCHMARK_TITLES)):.1f} ms")
    options = make_options(ds.models, sorted(ds.cpi["year"].astype(int)))
    today = date.today()
    eras = compute_eras(ds.models, today)
    for view in VIEWS:
        state = replace(default_state(options), view=view)
        spec = make_chart_spec(state, ds.cpi, eras, today)
        frame = make_view_frame(ds.models, ds.cpi, state)
        if view == "data":
            ms = median_ms(lambda s=state: make_table(make_view_frame(ds.models, ds.cpi, s), s.base_year))
            table = make_table(frame, state.base_year)
            csv_kb = len(table_to_csv(table)) / 1024
            pq_kb = len(table_to_parquet(table, {"v": ds.version})) / 1024
            print(f"view {view}: frame + table {ms:.1f} ms; CSV {csv_kb:.0f} KB, Parquet {pq_kb:.0f} KB")
            continue
        ms = median_ms(lambda s=state, sp=spec: make_chart_view(make_view_frame(ds.models, ds.cpi, s), s.view, sp, ds.index))
        built = make_chart_view(frame, view, spec, ds.index)
        size = sum(len(fig.to_json()) for _, fig in built.figures) / 1024
        print(f"view {view}: frame + {len(built.figures)} figure(s) {ms:.1f} ms; figure JSON {size:.0f} KB")


if __name__ == "__main__":
    main()
