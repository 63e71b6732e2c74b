"""Load the dashboard and the reference app with many concurrent sessions, without a browser.

Each session speaks Streamlit's websocket protocol the way the browser client does: it opens
ws://127.0.0.1:<port>/_stcore/stream with the "streamlit" subprotocol (and permessage-deflate, as
Chromium offers), sends a BackMsg ``rerun_script`` (ClientState: query string, widget states, context,
hashes of the cacheable messages it already holds) and reads ForwardMsgs until ``script_finished``.
After a first run it flips the "log" toggle (widget state, as a click does) and reruns, sending back
the query string the app last wrote (``page_info_changed``), like the browser's URL bar.

For each level of N concurrent sessions (closed loop: each session reruns as soon as its previous
run finished, no think time), against both apps started as subprocesses on free loopback ports, it
prints errors, p50/p95 seconds per rerun and the server's CPU-seconds per rerun (utime+stime from
/proc/<pid>/stat during the rerun phase, divided by the reruns finished). A level stops at its
timeout and reports what finished.

Usage: python scripts/load.py [--levels 1 10 50 100] [--reruns 5] [--timeout 240]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
APPS = {"dashboard": ROOT / "dashboard.py", "reference": ROOT / "scripts" / "reference_app.py"}
TOGGLE_KEY = "log"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`streamlit run <app>` on a free loopback port, healthy on entry, stopped on exit."""

    def __init__(self, app: Path, start_timeout: float = 60.0) -> None:
        self.app = app
        self.start_timeout = start_timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        self._log = tempfile.NamedTemporaryFile(prefix=f"streamlit-{app.stem}-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def log_text(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def __enter__(self) -> Server:
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(self.app), "--server.headless", "true",
            "--server.port", str(self.port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                self.proc.wait(timeout=0.1)  # returns at once if the server died
                raise RuntimeError(f"streamlit ({self.app.name}) exited with {self.proc.returncode}:\n{self.log_text()}")
            except subprocess.TimeoutExpired:
                pass
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as resp:
                    if resp.read() == b"ok":
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                text = self.log_text()
                self.stop()
                raise RuntimeError(f"streamlit ({self.app.name}) not healthy in {self.start_timeout:.0f} s:\n{text}")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)  # its text is in any error raised above

    def cpu_seconds(self) -> float:
        """utime + stime of the server process so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of stat(5)

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def wait_quiet(self, cpu_share: float = 0.05, window: float = 0.5, timeout: float = 60.0) -> bool:
        """Poll until the server uses less than ``cpu_share`` of a core over ``window`` seconds (leftover work drained)."""
        deadline = time.monotonic() + timeout
        tick = threading.Event()
        while time.monotonic() < deadline:
            before = self.cpu_seconds()
            tick.wait(window)
            if self.cpu_seconds() - before < cpu_share * window:
                return True
        return False


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass
class RunResult:
    seconds: float
    ok: bool
    toggle_id: str | None = None
    toggle_value: bool | None = None
    chart_log: bool | None = None
    problem: str = ""


@dataclass
class LevelResult:
    app: str
    sessions: int
    reruns_expected: int
    first_runs: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cpu_seconds: float = math.nan
    rss_mb: float = math.nan
    wall: float = 0.0
    rerun_wall: float = math.nan  # seconds from the start of the rerun phase to its end (or the timeout)
    timed_out: bool = False
    verified: int = 0  # reruns of session 0 whose chart axes were checked against the toggle

    @property
    def cpu_per_rerun(self) -> float:
        return self.cpu_seconds / len(self.reruns) if self.reruns else math.nan

    @property
    def throughput(self) -> float:
        """Reruns finished per second of the rerun phase."""
        return len(self.reruns) / self.rerun_wall if self.reruns else math.nan

    @property
    def cores(self) -> float:
        """The server's CPU use during the rerun phase, in cores."""
        return self.cpu_seconds / self.rerun_wall


class Session:
    """One reader: a websocket, the query string the app wrote, the message hashes already received."""

    def __init__(self, ws_url: str, page_url: str, check_chart: bool) -> None:
        self.ws_url = ws_url
        self.page_url = page_url
        self.check_chart = check_chart
        self.query_string = ""
        self.cached: set[str] = set()
        self.charts: dict[str, bool] = {}  # hash of a cached chart message -> whether its axes are log
        self.ws: websockets.ClientConnection | None = None

    async def connect(self) -> None:
        # A browser sends no pings; the server's keepalive pings are answered while we read.
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None, ping_interval=None, open_timeout=60)  # type: ignore[list-item]

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, toggle: tuple[str, bool] | None) -> RunResult:
        """Send one rerun_script and read until script_finished."""
        assert self.ws is not None
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query_string
        state.context_info.url = self.page_url + (f"?{self.query_string}" if self.query_string else "")
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.cached_message_hashes.extend(sorted(self.cached))
        if toggle is not None:
            widget = state.widget_states.widgets.add()
            widget.id, widget.bool_value = toggle
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        result = RunResult(seconds=math.nan, ok=False)
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            if kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    result.problem = f"exception in app: {element.exception.type}: {element.exception.message[:120]}"
                elif which == "checkbox" and element.checkbox.id.endswith(f"-{TOGGLE_KEY}"):
                    # The server states a value only when the script set it (session_state); else the default.
                    result.toggle_id = element.checkbox.id
                    result.toggle_value = element.checkbox.value if element.checkbox.set_value else element.checkbox.default
                elif which == "plotly_chart" and self.check_chart and result.chart_log is None:
                    result.chart_log = '"type":"log"' in element.plotly_chart.spec
                    self.charts[msg.hash] = result.chart_log
            elif kind == "ref_hash" and msg.ref_hash in self.charts and result.chart_log is None:
                result.chart_log = self.charts[msg.ref_hash]  # a chart this session already holds
            elif kind == "script_finished":
                result.seconds = time.perf_counter() - start
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status != "FINISHED_SUCCESSFULLY" and not result.problem:
                    result.problem = f"script finished with {status}"
                result.ok = not result.problem
                return result


async def run_level(server: Server, app: str, sessions: int, reruns: int, timeout: float) -> LevelResult:
    """N sessions connect and run once; then, CPU counted from here, each flips the toggle ``reruns`` times."""
    level = LevelResult(app=app, sessions=sessions, reruns_expected=sessions * reruns)
    ready = 0
    all_ready = asyncio.Event()
    go = asyncio.Event()
    clients = [Session(server.ws_url, server.url + "/", check_chart=(i == 0)) for i in range(sessions)]

    def arrived() -> None:
        nonlocal ready
        ready += 1
        if ready == sessions:
            all_ready.set()

    async def reader(index: int, client: Session) -> None:
        toggle_id: str | None = None
        value: bool | None = None
        try:
            try:
                await client.connect()
                first = await client.run(None)
                level.first_runs.append(first.seconds)
                if not first.ok:
                    level.errors.append(f"session {index} first run: {first.problem}")
                toggle_id, value = first.toggle_id, first.toggle_value
                if toggle_id is None or value is None:
                    level.errors.append(f"session {index}: no toggle with key {TOGGLE_KEY!r}")
            except Exception as exc:
                level.errors.append(f"session {index} start: {type(exc).__name__}: {exc}")
            finally:
                arrived()
            await go.wait()
            if toggle_id is None or value is None:
                return
            for turn in range(reruns):
                value = not value
                try:
                    result = await client.run((toggle_id, value))
                except Exception as exc:
                    level.errors.append(f"session {index} rerun {turn + 1}: {type(exc).__name__}: {exc}")
                    return
                level.reruns.append(result.seconds)
                if not result.ok:
                    level.errors.append(f"session {index} rerun {turn + 1}: {result.problem}")
                elif result.chart_log is not None:
                    level.verified += 1
                    if result.chart_log != value:
                        level.errors.append(f"session {index} rerun {turn + 1}: chart log axes {result.chart_log}, toggle {value}")
        finally:
            await client.close()

    start = time.monotonic()
    deadline = start + timeout
    tasks = [asyncio.create_task(reader(i, c)) for i, c in enumerate(clients)]
    cpu_before = phase_start = math.nan
    try:
        await asyncio.wait_for(all_ready.wait(), timeout=max(0.0, deadline - time.monotonic()))
        cpu_before, phase_start = server.cpu_seconds(), time.monotonic()
        go.set()
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=max(0.0, deadline - time.monotonic()))
    except TimeoutError:
        level.timed_out = True
    level.rss_mb = server.rss_mb()  # sessions still connected (or in flight at a timeout)
    level.cpu_seconds = server.cpu_seconds() - cpu_before
    level.rerun_wall = time.monotonic() - phase_start
    level.wall = time.monotonic() - start
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if level.timed_out:
        level.errors.append(
            f"level stopped at its {timeout:.0f} s timeout: {len(level.first_runs)}/{sessions} first runs, "
            f"{len(level.reruns)}/{level.reruns_expected} reruns finished"
        )
    return level


def fmt(value: float, digits: int = 2) -> str:
    return "n/a" if math.isnan(value) else f"{value:.{digits}f}"


def print_table(results: list[LevelResult]) -> None:
    header = (
        f"{'app':<10} {'N':>4} {'reruns':>9} {'errors':>6} {'first p50':>9} {'p50 s':>7} {'p95 s':>7} "
        f"{'CPU-s/rerun':>11} {'reruns/s':>8} {'cores':>5} {'RSS MB':>7} {'wall s':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        cpu = fmt(r.cpu_per_rerun, 3) + ("*" if r.timed_out else "")
        print(
            f"{r.app:<10} {r.sessions:>4} {len(r.reruns):>4}/{r.reruns_expected:<4} {len(r.errors):>6} {fmt(percentile(r.first_runs, 50)):>9} "
            f"{fmt(percentile(r.reruns, 50)):>7} {fmt(percentile(r.reruns, 95)):>7} {cpu:>11} {fmt(r.throughput, 1):>8} {fmt(r.cores, 2):>5} "
            f"{fmt(r.rss_mb, 0):>7} {fmt(r.wall, 1):>7}"
        )
    print("first p50: the session's first run (connect included); p50/p95: per rerun after a toggle flip; reruns/s and cores: rerun phase only.")
    if any(r.timed_out for r in results):
        print("* level hit its timeout: CPU includes work still in flight, so CPU-s/rerun is an upper bound.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 10, 50, 100], help="concurrent sessions per level")
    parser.add_argument("--reruns", type=int, default=5, help="reruns per session")
    parser.add_argument("--timeout", type=float, default=240.0, help="hard limit per level and app, seconds")
    parser.add_argument("--apps", nargs="+", choices=list(APPS), default=list(APPS))
    args = parser.parse_args()

    load1, load5, load15 = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores; load average {load1:.2f} {load5:.2f} {load15:.2f} (1/5/15 min) at start")
    print(f"levels {args.levels} concurrent sessions x {args.reruns} reruns each (toggle 'log' flipped every rerun), timeout {args.timeout:.0f} s per level")
    results: list[LevelResult] = []
    cpu_client_start = time.process_time()
    servers = {name: Server(APPS[name]) for name in args.apps}
    try:
        for server in servers.values():
            server.__enter__()
        for name, server in servers.items():
            print(f"{name}: {server.app.relative_to(ROOT)} pid {server.pid} on port {server.port}, RSS {server.rss_mb():.0f} MB idle")
        for n in args.levels:
            for name, server in servers.items():
                if not server.wait_quiet():
                    print(f"warning: {name} server still busy before level {n}")
                if server.proc is not None and server.proc.poll() is not None:
                    raise RuntimeError(f"{name} server died:\n{server.log_text()}")
                level = asyncio.run(run_level(server, name, n, args.reruns, args.timeout))
                results.append(level)
                print(
                    f"  {name:<10} N={n:<4} {len(level.reruns)}/{level.reruns_expected} reruns, {len(level.errors)} errors, "
                    f"p50 {fmt(percentile(level.reruns, 50))} s, p95 {fmt(percentile(level.reruns, 95))} s, "
                    f"CPU {fmt(level.cpu_per_rerun, 3)} s/rerun, {level.wall:.1f} s wall; chart axes checked on {level.verified} reruns",
                    flush=True,
                )
                for error in level.errors[:5]:
                    print(f"    error: {error}")
                if len(level.errors) > 5:
                    print(f"    ... {len(level.errors) - 5} more errors")
    finally:
        for server in servers.values():
            server.stop()

    print()
    print_table(results)
    if set(args.apps) == set(APPS):
        print()
        print("CPU-seconds per rerun, dashboard / reference:")
        by_key = {(r.app, r.sessions): r for r in results}
        for n in args.levels:
            d, r = by_key[("dashboard", n)], by_key[("reference", n)]
            note = " (dashboard level timed out: upper bound)" if d.timed_out else ""
            print(f"  N={n:<4} {fmt(d.cpu_per_rerun, 3)} / {fmt(r.cpu_per_rerun, 3)} = {fmt(d.cpu_per_rerun / r.cpu_per_rerun, 1)}x{note}")
        done = [(d, r) for n in args.levels for d, r in [(by_key[("dashboard", n)], by_key[("reference", n)])] if not d.timed_out and not r.timed_out]
        if done:
            d_cpu = sum(d.cpu_seconds for d, _ in done) / sum(len(d.reruns) for d, _ in done)
            r_cpu = sum(r.cpu_seconds for _, r in done) / sum(len(r.reruns) for _, r in done)
            print(f"  all completed levels: {d_cpu:.3f} / {r_cpu:.3f} = {d_cpu / r_cpu:.1f}x")
    load1, load5, load15 = os.getloadavg()
    print(f"load client CPU {time.process_time() - cpu_client_start:.1f} s (same machine); load average {load1:.2f} {load5:.2f} {load15:.2f} at end")


if __name__ == "__main__":
    main()
