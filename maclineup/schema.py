"""One declaration per table: columns, types, units, rules and descriptions.

The loader validates against these declarations, ``data/README.md`` documents them (a test keeps the
two in step) and ``data/datapackage.json`` mirrors them for other tools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["str", "int", "float", "date"]

FAMILIES: tuple[str, ...] = (
    "Compact Macintosh",
    "Macintosh II",
    "Macintosh LC",
    "Macintosh Portable",
    "Quadra",
    "Centris",
    "Performa",
    "Macintosh TV",
    "Power Macintosh",
    "Twentieth Anniversary Macintosh",
    "Workgroup Server",
    "PowerBook",
    "PowerBook Duo",
    "iBook",
    "iMac",
    "eMac",
    "Power Mac G4",
    "Power Mac G4 Cube",
    "Power Mac G5",
    "Xserve",
    "Mac mini",
    "MacBook",
    "MacBook Air",
    "MacBook Pro",
    "Mac Pro",
    "iMac Pro",
    "Mac Studio",
    "MacBook Neo",
)
FORM_FACTORS: tuple[str, ...] = ("desktop", "all-in-one", "laptop", "server")
ARCHITECTURES: tuple[str, ...] = ("68k", "PowerPC", "Intel", "Apple silicon")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
# How a launch price was published: an exact figure, "about $X", or the low end of "from $X to $Y".
PRICE_PRECISIONS: tuple[str, ...] = ("exact", "approximate", "range-low")

MODEL_ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
URL_LIST_PATTERN = r"https?://\S+(?:; https?://\S+)*"


@dataclass(frozen=True)
class Column:
    """One column of a table: its type, unit, rules and meaning."""

    name: str
    kind: Kind
    description: str
    unit: str = ""
    required: bool = False
    unique: bool = False
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str = ""

    def rules(self) -> str:
        """The column's rules in words, for the data dictionary."""
        parts = [] if not self.required else ["required"]
        if self.unique:
            parts.append("unique")
        if self.allowed:
            parts.append("one of: " + ", ".join(self.allowed))
        if self.minimum is not None:
            parts.append(f"≥ {self.minimum:g}")
        if self.maximum is not None:
            parts.append(f"≤ {self.maximum:g}")
        if self.pattern:
            parts.append(f"matches `{self.pattern}`")
        return "; ".join(parts)

    def matches(self, text: str) -> bool:
        """Whether ``text`` matches the column's pattern (always true without one)."""
        return not self.pattern or re.fullmatch(self.pattern, text) is not None


@dataclass(frozen=True)
class Table:
    """A declared table: file name, key and columns in file order."""

    name: str
    filename: str
    title: str
    description: str
    key: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    # Pairs (low, high) of columns where high must be >= low when both are present.
    ordered_pairs: tuple[tuple[str, str], ...] = ()
    # Groups of columns of which at least one must hold a value on every row.
    one_of: tuple[tuple[str, ...], ...] = ()
    # Pairs (value, precision): the precision is required exactly when the value is present.
    precisions: tuple[tuple[str, str], ...] = ()
    # Columns whose combination must be unique (a composite key), besides `key`.
    unique_together: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        """Column names in declared order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The declared column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def _text(name: str, description: str, **kw: object) -> Column:
    return Column(name, "str", description, **kw)  # type: ignore[arg-type]


def _num(name: str, kind: Kind, unit: str, description: str, **kw: object) -> Column:
    return Column(name, kind, description, unit=unit, **kw)  # type: ignore[arg-type]


def _date(name: str, description: str, **kw: object) -> Column:
    return Column(name, "date", description, unit="ISO 8601 date", **kw)  # type: ignore[arg-type]


MODELS = Table(
    name="models",
    filename="models.csv",
    title="Mac models at launch",
    description="One row per Mac model as Apple sold it: launch dates, US launch prices and specifications, each sourced.",
    key="model_id",
    columns=(
        _text("model_id", "Stable identifier, lowercase kebab-case.", required=True, unique=True, pattern=MODEL_ID_PATTERN),
        _text("name", "Apple's name with the usual disambiguator (size, chip, date).", required=True),
        _text("family", "Product family.", required=True, allowed=FAMILIES),
        _text("form_factor", "Physical kind.", required=True, allowed=FORM_FACTORS),
        _text("architecture", "CPU architecture.", required=True, allowed=ARCHITECTURES),
        _date(
            "announced",
            "Day Apple announced the model (first of the month/year when less is known); empty when no source gives it (then `released` is required).",
        ),
        _text("announced_precision", "How precisely `announced` is known.", allowed=DATE_PRECISIONS),
        _date("released", "Day the model first shipped or went on sale."),
        _text("released_precision", "How precisely `released` is known.", allowed=DATE_PRECISIONS),
        _date("discontinued", "Day Apple stopped selling the model; empty while still sold or when unknown (see notes)."),
        _text("discontinued_precision", "How precisely `discontinued` is known.", allowed=DATE_PRECISIONS),
        _text("event", "Keynote or expo where the model was announced; empty for a press release."),
        _text("event_id", "The announcement in `events.csv` (keynote, expo or press release); empty when unknown.", pattern=MODEL_ID_PATTERN),
        _num("price_usd", "float", "US$ (nominal)", "US launch price of the base configuration.", minimum=1, maximum=1_000_000),
        _num(
            "price_max_usd",
            "float",
            "US$ (nominal)",
            "US launch price of the most expensive standard configuration as published.",
            minimum=1,
            maximum=1_000_000,
        ),
        _text(
            "price_precision",
            'How the base price was published: exact, approximate ("about $2,000") or range-low (the low end of a published range).',
            allowed=PRICE_PRECISIONS,
        ),
        _text("cpu", "CPU of the base configuration."),
        _num("cpu_cores", "int", "cores", "CPU cores of the base configuration (all cores, both CPUs on dual-processor models).", minimum=1),
        _num("cpu_cores_max", "int", "cores", "Most CPU cores offered for the model, build-to-order options included.", minimum=1),
        _num("cpu_clock_mhz", "float", "MHz", "CPU clock of the base configuration (Apple silicon: performance-core maximum).", minimum=1),
        _num(
            "cpu_clock_max_mhz",
            "float",
            "MHz",
            "CPU clock of the CPU with the most cores offered, build-to-order included (lower than the base clock when it has more cores).",
            minimum=1,
        ),
        _text("top_config_cpu", "CPU of the top standard configuration, the one priced at `price_max_usd`; empty when no source names it."),
        _num("top_config_cores", "int", "cores", "CPU cores of the top standard configuration (priced at `price_max_usd`).", minimum=1),
        _num("top_config_clock_mhz", "float", "MHz", "CPU clock of the top standard configuration (priced at `price_max_usd`).", minimum=1),
        _num("ram_gb", "float", "GB (binary)", "Memory of the base configuration.", minimum=0),
        _num("ram_max_gb", "float", "GB (binary)", "Maximum memory supported.", minimum=0),
        _num("storage_gb", "float", "GB (decimal)", "Internal drive of the base configuration; empty when floppy only.", minimum=0),
        _num("storage_max_gb", "float", "GB (decimal)", "Largest internal drive offered.", minimum=0),
        _text("gpu", "Graphics of the base configuration."),
        _num("gpu_tflops", "float", "TFLOPS (FP32)", "Single-precision GPU throughput of the top configuration, as published.", minimum=0),
        _num("display_in", "float", "inches", "Built-in display diagonal; empty when none.", minimum=1, maximum=40),
        _text("model_identifier", "Apple model identifier(s) or, for early Macs, model number; `; `-separated."),
        _text("aliases", "Other names the same hardware was sold under; `; `-separated."),
        _text("predecessor_id", "The model this one replaced, as a source states; empty for the first of a line or when unknown.", pattern=MODEL_ID_PATTERN),
        _text("price_source", "URL(s) of the source(s) for the prices.", required=True, pattern=URL_LIST_PATTERN),
        _text("specs_source", "URL(s) of the source(s) for dates and specifications.", required=True, pattern=URL_LIST_PATTERN),
        _text("notes", "Caveats, gaps and disagreements between sources."),
    ),
    ordered_pairs=(
        ("announced", "released"),
        ("released", "discontinued"),
        ("price_usd", "price_max_usd"),
        ("cpu_cores", "cpu_cores_max"),
        ("ram_gb", "ram_max_gb"),
        ("storage_gb", "storage_max_gb"),
    ),
    one_of=(("announced", "released"),),
    precisions=(
        ("announced", "announced_precision"),
        ("released", "released_precision"),
        ("discontinued", "discontinued_precision"),
        ("price_usd", "price_precision"),
    ),
)

CPI = Table(
    name="cpi_us",
    filename="cpi_us.csv",
    title="US consumer price index (CPI-U), annual averages",
    description="BLS series CUUR0000SA0 (all items, US city average, not seasonally adjusted, 1982-84 = 100), mean of the monthly values of each year.",
    key="year",
    columns=(
        _num("year", "int", "year", "Calendar year.", required=True, unique=True, minimum=1984, maximum=2100),
        _num("cpi_u", "float", "index, 1982-84 = 100", "Annual average of the monthly CPI-U values.", required=True, minimum=1),
        _num("months", "int", "months", "How many monthly values the average covers (12 for a full year).", required=True, minimum=1, maximum=12),
        _text("note", "Caveat for a partial year."),
    ),
)

EVENT_KINDS: tuple[str, ...] = ("special event", "WWDC keynote", "trade show", "shareholder meeting", "press release")

EVENTS = Table(
    name="events",
    filename="events.csv",
    title="Where Macs were announced",
    description="Apple keynotes, trade-show keynotes and press releases at which Mac models were announced.",
    key="event_id",
    columns=(
        _text("event_id", "Stable identifier, lowercase kebab-case; `models.event_id` refers to it.", required=True, unique=True, pattern=MODEL_ID_PATTERN),
        _text("name", "The event's common name, as in `models.event`.", required=True),
        _text("kind", "What sort of announcement it was.", required=True, allowed=EVENT_KINDS),
        _date("date", "Day of the announcement (first of the month when only the month is known).", required=True),
        _text("date_precision", "How precisely `date` is known.", required=True, allowed=DATE_PRECISIONS),
        _text("source", "URL of a source for the date.", required=True, pattern=URL_LIST_PATTERN),
        _text("notes", "Caveats."),
    ),
)

BENCHMARK_TITLES: dict[str, str] = {
    "geekbench6_single": "Geekbench 6 single-core",
    "geekbench6_multi": "Geekbench 6 multi-core",
    "geekbench5_single": "Geekbench 5 single-core",
    "geekbench5_multi": "Geekbench 5 multi-core",
    "geekbench4_single": "Geekbench 4 single-core",
    "geekbench4_multi": "Geekbench 4 multi-core",
    "geekbench3_single": "Geekbench 3 single-core",
    "geekbench3_multi": "Geekbench 3 multi-core",
    "geekbench2": "Geekbench 2",
    "macbench4_processor": "MacBench 4 processor (Power Macintosh 6100/60 = 100)",
    "nortonsi4_system": "Norton System Info 4 system rating",
    "speedometer3_cpu": "Speedometer 3 CPU (Macintosh Classic = 1)",
    "speedometer3_mix": "Speedometer 3 benchmark mix (Macintosh Classic = 1)",
}
BENCHMARK_NAMES: tuple[str, ...] = tuple(BENCHMARK_TITLES)

BENCHMARKS = Table(
    name="benchmarks",
    filename="benchmarks.csv",
    title="Published benchmark scores",
    description="One row per published score of a catalogue model: which benchmark, the score, the configuration tested and the source.",
    key="model_id",
    columns=(
        _text("model_id", "The model in `models.csv`.", required=True, pattern=MODEL_ID_PATTERN),
        _text("benchmark", "Benchmark and version; versions are never mixed.", required=True, allowed=BENCHMARK_NAMES),
        _num("score", "float", "points of that benchmark", "The score as published.", required=True, minimum=0.001, maximum=10_000_000),
        _text("configuration", "The configuration tested, in words, as the source describes it."),
        _text("tested_cpu", "CPU of the machine tested, as precisely as the source names it (a name from the CPU table); empty when not stated."),
        _num("tested_cores", "int", "cores", "CPU cores of the machine tested (both CPUs of a dual-processor machine); empty when not stated.", minimum=1),
        _num("tested_clock_mhz", "float", "MHz", "CPU clock of the machine tested; empty when not stated.", minimum=1),
        _text("source", "URL of the published score.", required=True, pattern=URL_LIST_PATTERN),
        _date("date_accessed", "When the source was read.", required=True),
        _text("notes", "Caveats (first listings, build-to-order CPUs, ...)."),
    ),
    unique_together=("model_id", "benchmark", "score"),
)

TABLES: tuple[Table, ...] = (MODELS, CPI, EVENTS, BENCHMARKS)
