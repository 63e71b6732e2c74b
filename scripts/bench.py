"""Print timings and sizes of the work each rerun does (figures, not assertions), then compare the
dashboard against a bare reference app (scripts/reference_app.py) measured in the same run.

Part 1, the pure core: dataset load, performance index, each view's frame + figures and their JSON size.
Part 2, dashboard vs reference (ratios, since absolute times drift with the machine's load):
  (a) AppTest rerun after flipping the "log" toggle (median of 7 fresh AppTests, the rerun alone timed);
  (b) Chromium: a fresh browser context navigates to the app until a chart point is visible and the
      script idle (median of 5, after one untimed warm-up per app);
  (c) Chromium: click on the log toggle's label until the script ran, is idle and the chart is redrawn
      with the other axis type (median of 5);
  (d) default view figure JSON (the plotly_chart specs AppTest receives), KB;
  (e) server memory per extra session: VmRSS with 11 browser sessions open minus with 1, divided by 10.
Needs Debian's Chromium at /usr/bin/chromium for (b), (c) and (e); without it those are skipped.

Usage: make bench
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import sys
import time
import traceback
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import Server  # noqa: E402

from maclineup.charts import VIEW_FIGURES, make_chart_spec, make_chart_view  # noqa: E402
from maclineup.export import make_table, table_to_csv, table_to_parquet  # noqa: E402
from maclineup.figures import compute_eras  # noqa: E402
from maclineup.loading import add_benchmark_scores, add_launch_date, load_dataset  # noqa: E402
from maclineup.paths import DEFAULT_DATA_DIR  # noqa: E402
from maclineup.perfindex import INDEX_COLUMNS, TOP_INDEX_COLUMNS, index_catalogue  # noqa: E402
from maclineup.schema import BENCHMARK_NAMES, BENCHMARK_TITLES  # noqa: E402
from maclineup.selection import make_view_frame  # noqa: E402
from maclineup.viewstate import VIEWS, default_state, make_options  # noqa: E402

APPS = {"dashboard": ROOT / "dashboard.py", "reference": ROOT / "scripts" / "reference_app.py"}
TOGGLE_LABELS = {"dashboard": "Logarithmic scales", "reference": "Log scales"}
TOGGLE_KEY = "log"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
CHART_POINT = '[data-testid="stPlotlyChart"] .scatterlayer .point'
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# The first chart's axis types as Plotly drew them: changes once the redrawn figure is on screen.
AXES_JS = """() => {
  const g = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  return g && g._fullLayout ? g._fullLayout.xaxis.type + '/' + g._fullLayout.yaxis.type : null;
}"""
WAIT_MS = 60_000
GOALS = {"rerun": 1.5, "first": 1.2, "click": 1.3, "figure_kb": 150.0, "session_mb": 1.0}
APPTEST_REPEAT, BROWSER_REPEAT, EXTRA_SESSIONS = 7, 5, 10


def median_ms(fn: object, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def core_figures() -> None:
    """Part 1: the pure core's work per rerun, view by view."""
    print(f"load_dataset (validate {DEFAULT_DATA_DIR.name}/): {median_ms(lambda: load_dataset(DEFAULT_DATA_DIR)):.1f} ms")
    ds = load_dataset(DEFAULT_DATA_DIR)
    derived = [c for c in (*BENCHMARK_NAMES, *INDEX_COLUMNS, *TOP_INDEX_COLUMNS, "launched") if c in ds.models]
    scored = add_benchmark_scores(add_launch_date(ds.models.drop(columns=derived)), ds.benchmarks)
    ms = median_ms(lambda: index_catalogue(scored, ds.benchmarks, BENCHMARK_TITLES))
    print(f"performance index ({len(scored)} models, {len(ds.benchmarks)} scores): {ms:.1f} ms")
    options = make_options(ds.models, sorted(ds.cpi["year"].astype(int)))
    today = date.today()
    eras = compute_eras(ds.models, today)
    for view in VIEWS:
        state = replace(default_state(options), view=view)
        frame = make_view_frame(ds.models, ds.cpi, state)
        if view == "data":
            ms = median_ms(lambda s=state: make_table(make_view_frame(ds.models, ds.cpi, s), s.base_year))
            table = make_table(frame, state.base_year)
            csv_kb = len(table_to_csv(table)) / 1024
            pq_kb = len(table_to_parquet(table, {"v": ds.version})) / 1024
            print(f"view {view}: frame + table {ms:.1f} ms; CSV {csv_kb:.0f} KB, Parquet {pq_kb:.0f} KB")
            continue
        if view not in VIEW_FIGURES:
            continue  # compare and budget are tables built in components/, not chart views
        spec = make_chart_spec(state, ds.cpi, eras, today)
        ms = median_ms(lambda s=state, sp=spec: make_chart_view(make_view_frame(ds.models, ds.cpi, s), s.view, sp, ds.index))
        built = make_chart_view(frame, view, spec, ds.index)
        size = sum(len(fig.to_json()) for _, fig in built.figures) / 1024
        print(f"view {view}: frame + {len(built.figures)} figure(s) {ms:.1f} ms; figure JSON {size:.0f} KB")


# --- Part 2: dashboard against the reference app ------------------------------------------------------------


def apptest_figures() -> dict[str, dict[str, float]]:
    """(a) median AppTest rerun after flipping the toggle, ms; (d) default view figure JSON, KB. Apps interleaved."""
    from streamlit.testing.v1 import AppTest

    # AppTest sets session state outside a script run: silence that logger's "missing ScriptRunContext" lines
    # (again before each AppTest: Streamlit resets its loggers' levels when it reads its config).
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")

    reruns: dict[str, list[float]] = {name: [] for name in APPS}
    sizes: dict[str, float] = {}
    for _ in range(APPTEST_REPEAT):
        for name, path in APPS.items():
            quiet.setLevel(logging.ERROR)
            at = AppTest.from_file(str(path), default_timeout=60)
            at.run()
            if at.exception:
                raise RuntimeError(f"{name} raised in AppTest: {at.exception[0].message}")
            if name not in sizes:
                specs = [el.proto.spec for el in at.get("plotly_chart")]
                json.loads(specs[0])  # a real figure
                sizes[name] = sum(len(s.encode()) for s in specs) / 1024
            toggle = at.toggle(key=TOGGLE_KEY)
            toggle.set_value(not toggle.value)
            start = time.perf_counter()
            at.run()
            reruns[name].append((time.perf_counter() - start) * 1000)
            if at.exception:
                raise RuntimeError(f"{name} raised after the toggle: {at.exception[0].message}")
    return {name: {"rerun_ms": statistics.median(reruns[name]), "figure_kb": sizes[name]} for name in APPS}


def wait_ready(page: object) -> None:
    """A chart point visible and the script idle."""
    page.locator(CHART_POINT).first.wait_for(state="visible", timeout=WAIT_MS)  # type: ignore[attr-defined]
    page.locator(APP_IDLE).wait_for(state="attached", timeout=WAIT_MS)  # type: ignore[attr-defined]


def open_session(browser: object, url: str) -> tuple[object, object, float]:
    """A fresh context navigated to ``url``, ready; with the seconds from navigation to ready."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, timeout=WAIT_MS)
    wait_ready(page)
    return context, page, time.perf_counter() - start


def click_redraw(page: object, label: str) -> float:
    """Click the toggle's label; seconds until the chart shows the other axis type and the script is idle."""
    before = page.evaluate(AXES_JS)  # type: ignore[attr-defined]
    if before is None:
        raise RuntimeError("no Plotly graph found")
    start = time.perf_counter()
    page.get_by_text(label, exact=True).click(timeout=WAIT_MS)  # type: ignore[attr-defined]
    page.wait_for_function(f"(before) => {{ const now = ({AXES_JS})(); return now !== null && now !== before; }}", arg=before, timeout=WAIT_MS)  # type: ignore[attr-defined]
    wait_ready(page)
    return time.perf_counter() - start


def browser_figures() -> dict[str, dict[str, float]]:
    """(b) navigation → chart and idle, s; (c) click → redrawn, s; (e) MB per extra session."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, float]] = {name: {} for name in APPS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            servers = {name: Server(path) for name, path in APPS.items()}
            try:
                for server in servers.values():
                    server.__enter__()
                for name, server in servers.items():  # warm-up: caches filled, first-run imports done
                    context, _, seconds = open_session(browser, server.url)
                    context.close()  # type: ignore[attr-defined]
                    print(f"  {name}: first session on a cold server {seconds:.2f} s (not counted)")
                firsts: dict[str, list[float]] = {name: [] for name in APPS}
                for _ in range(BROWSER_REPEAT):
                    for name, server in servers.items():
                        context, _, seconds = open_session(browser, server.url)
                        firsts[name].append(seconds)
                        context.close()  # type: ignore[attr-defined]
                for name, server in servers.items():
                    context, page, _ = open_session(browser, server.url)
                    clicks = [click_redraw(page, TOGGLE_LABELS[name]) for _ in range(BROWSER_REPEAT)]
                    context.close()  # type: ignore[attr-defined]
                    out[name]["first_s"] = statistics.median(firsts[name])
                    out[name]["click_s"] = statistics.median(clicks)
            finally:
                for server in servers.values():
                    server.stop()
            for name, path in APPS.items():  # a fresh server each, so earlier sessions do not blur the figure
                with Server(path) as server:
                    contexts = [open_session(browser, server.url)[0]]
                    rss1 = server.rss_mb()
                    contexts += [open_session(browser, server.url)[0] for _ in range(EXTRA_SESSIONS)]
                    rss11 = server.rss_mb()
                    for context in contexts:
                        context.close()  # type: ignore[attr-defined]
                out[name]["session_mb"] = (rss11 - rss1) / EXTRA_SESSIONS
                print(f"  {name}: server RSS {rss1:.1f} MB with 1 session, {rss11:.1f} MB with {1 + EXTRA_SESSIONS}")
        finally:
            browser.close()
    return out


def compare_apps() -> bool:
    """Part 2; prints every figure for both apps, the ratios and the goals; True if every goal is met."""
    print()
    print("Dashboard vs reference app (scripts/reference_app.py), same run:")
    figures = apptest_figures()
    for name in APPS:
        rerun, size = figures[name]["rerun_ms"], figures[name]["figure_kb"]
        print(f"  {name}: AppTest rerun after the toggle {rerun:.0f} ms (median of {APPTEST_REPEAT}); default view figure JSON {size:.0f} KB")
    if Path(CHROMIUM).exists():
        for name, values in browser_figures().items():
            figures[name].update(values)
    else:
        print(f"  Chromium not found at {CHROMIUM}: browser figures (b), (c), (e) skipped (apt-get install chromium)")

    rows = [
        ("(a) AppTest rerun after toggle", "rerun_ms", "ms", 0, "ratio", GOALS["rerun"]),
        ("(b) navigate -> chart + idle", "first_s", "s", 2, "ratio", GOALS["first"]),
        ("(c) click toggle -> redrawn", "click_s", "s", 2, "ratio", GOALS["click"]),
        ("(d) default view figure JSON", "figure_kb", "KB", 0, "absolute", GOALS["figure_kb"]),
        ("(e) server memory per session", "session_mb", "MB", 2, "absolute", GOALS["session_mb"]),
    ]
    print()
    header = f"{'measure':<32} {'dashboard':>11} {'reference':>11} {'dash/ref':>9}  {'goal':<18} {'met':<4}"
    print(header)
    print("-" * len(header))
    all_met = True
    for title, key, unit, digits, kind, goal in rows:
        d, r = figures["dashboard"].get(key), figures["reference"].get(key)
        if d is None or r is None:
            print(f"{title:<32} {'n/a':>11} {'n/a':>11} {'n/a':>9}  {'':<18} skipped")
            continue
        ratio = d / r if r else float("inf")
        if kind == "ratio":
            met, goal_text = ratio <= goal, f"ratio <= {goal:.1f}x"
        else:
            met, goal_text = d <= goal, f"dashboard <= {goal:g} {unit}"
        all_met &= met
        print(f"{title:<32} {d:>8.{digits}f} {unit:<2} {r:>8.{digits}f} {unit:<2} {ratio:>8.2f}x  {goal_text:<18} {'yes' if met else 'NO'}")
    return all_met


def main() -> None:
    started = time.perf_counter()
    load1, load5, load15 = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores; load average {load1:.2f} {load5:.2f} {load15:.2f} (1/5/15 min) at start")
    failed = False
    try:
        core_figures()
    except Exception:  # keep going: part 2 does not depend on the core's internals
        failed = True
        print("core figures failed:")
        traceback.print_exc()
    all_met = compare_apps()
    load1, load5, load15 = os.getloadavg()
    took = time.perf_counter() - started
    print(f"\nall goals met: {'yes' if all_met else 'no'}; load average {load1:.2f} {load5:.2f} {load15:.2f} at end; {took:.0f} s in all")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
