"""The view state: every URL parameter, its default and allowed values, parsed and written here.

The URL is a public interface (links get shared), so parsing never fails: an unknown parameter or
an invalid value falls back to its default and is reported as a notice for the page to show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlencode, urlsplit

import pandas as pd

from maclineup.figures.style import COLOR_SCHEMES, DEFAULT_COLOR
from maclineup.metrics import DEFAULT_METRIC, METRICS
from maclineup.plaintext import quote
from maclineup.schema import ARCHITECTURES, FAMILIES, FORM_FACTORS

VIEWS: dict[str, str] = {
    "price-performance": "Price vs performance",
    "over-time": "Over time",
    "value": "Value per dollar",
    "timeline": "Lineup timeline",
    "compare": "Compare",
    "budget": "Budget",
    "data": "Data",
    "coverage": "Coverage",
}
PRICE_MODES: dict[str, str] = {"real": "Real (constant dollars)", "nominal": "Nominal (dollars of the day)"}
DEFAULT_HIGHLIGHT: tuple[str, ...] = ("imac-pro-2017",)
DEFAULT_BUDGET: tuple[int, int] = (1500, 2500)
DEFAULT_ON_SALE: tuple[str, ...] = ("2005-06", "2025-06")
MAX_COMPARE, MAX_ON_SALE = 4, 3
# Parameters Streamlit itself reads (Community Cloud embeds); never reported as unknown.
PASSTHROUGH_PARAMS = frozenset({"embed", "embed_options"})

# What the Streamlit server reads of a link's query string; a longer one reaches the app as no parameters at all.
QUERY_MAX_CHARS, QUERY_MAX_PARAMS = 512 * 1024, 1000


def dropped_query_notice(chars: int, params: int) -> str | None:
    """The notice for a query the server dropped unread (too long or too many parameters); None if it was read."""
    if chars > QUERY_MAX_CHARS:
        return f"This link is {chars:,} characters long, more than the {QUERY_MAX_CHARS:,} the server reads, so none of its settings were read."
    if params > QUERY_MAX_PARAMS:
        return f"This link has {params:,} parameters, more than the {QUERY_MAX_PARAMS:,} the server reads, so none of them were read."
    return None


@dataclass(frozen=True)
class ViewOptions:
    """What the data allows: the choices offered for each parameter."""

    families: tuple[str, ...]
    forms: tuple[str, ...]
    archs: tuple[str, ...]
    year_min: int
    year_max: int
    base_years: tuple[int, ...]
    model_names: Mapping[str, str]  # model_id -> name, in catalogue order
    events: Mapping[str, str] = field(default_factory=dict)  # event_id -> name, for events with a model
    months: tuple[str, str] = ("1984-01", "2026-12")  # first and last "YYYY-MM" a lineup can be asked for


@dataclass(frozen=True)
class ViewState:
    """One complete view; its field names are the URL parameter names."""

    view: str
    family: tuple[str, ...]  # empty = every family
    form: tuple[str, ...]
    arch: tuple[str, ...]
    years: tuple[int, int]
    metric: str
    price: str
    base_year: int
    log: bool
    highlight: tuple[str, ...]
    color: str = DEFAULT_COLOR
    bands: bool = False  # uncertainty bands and top configurations for every model
    compare: tuple[str, ...] = ()  # 2 to 4 model ids for the compare view
    budget: tuple[int, int] = DEFAULT_BUDGET  # in dollars of the base year
    on_sale: tuple[str, ...] = DEFAULT_ON_SALE  # "YYYY-MM", up to three
    mine: str = ""  # the reader's own Mac
    event: str = ""  # a keynote or press release whose Macs are highlighted
    play: bool = False  # animate the price-performance chart by launch year


def make_options(models: pd.DataFrame, base_years: Sequence[int], events: pd.DataFrame | None = None) -> ViewOptions:
    """Derive the allowed choices from the loaded catalogue, CPI years and announcement events."""
    present = set(models["family"])
    years = models["launched"].dt.year
    used = [e for e in dict.fromkeys(models["event_id"].dropna()) if isinstance(e, str)]
    names = dict(zip(events["event_id"], events["name"], strict=True)) if events is not None else {}
    return ViewOptions(
        events={e: str(names.get(e, e)) for e in used},
        months=(f"{int(years.min())}-01", f"{int(years.max())}-12"),
        families=tuple(f for f in FAMILIES if f in present),
        forms=tuple(f for f in FORM_FACTORS if f in set(models["form_factor"])),
        archs=tuple(a for a in ARCHITECTURES if a in set(models["architecture"])),
        year_min=int(years.min()),
        year_max=int(years.max()),
        base_years=tuple(base_years),
        model_names=dict(zip(models["model_id"], models["name"], strict=True)),
    )


def default_state(options: ViewOptions) -> ViewState:
    """The view a plain link opens."""
    return ViewState(
        view="price-performance",
        family=(),
        form=(),
        arch=(),
        years=(options.year_min, options.year_max),
        metric=DEFAULT_METRIC,
        price="real",
        base_year=options.base_years[-1],
        log=True,
        highlight=tuple(m for m in DEFAULT_HIGHLIGHT if m in options.model_names),
        color=DEFAULT_COLOR,
        bands=False,
        compare=(),
        budget=DEFAULT_BUDGET,
        on_sale=DEFAULT_ON_SALE,
        mine="",
        event="",
        play=False,
    )


def _pick_many(name: str, values: list[str], allowed: Sequence[str], notices: list[str]) -> tuple[str, ...]:
    kept = [v for v in values if v in allowed]
    bad = [v for v in values if v not in allowed and v != ""]
    if bad:
        notices.append(f"Ignored {name}={', '.join(quote(b) for b in bad[:5])}{' and more' if len(bad) > 5 else ''}: not a known value.")
    return tuple(dict.fromkeys(kept))


def _pick_one(name: str, values: list[str], allowed: Sequence[str], default: str, notices: list[str]) -> str:
    if len(values) > 1:
        notices.append(f"Ignored {name}: it was repeated ({', '.join(quote(v) for v in values[:5])}); it takes one value.")
        return default
    if len(values) == 1 and values[0] in allowed:
        return values[0]
    notices.append(f"Ignored {name}={', '.join(quote(v) for v in values)}: expected one of {', '.join(allowed[:12])}{', …' if len(allowed) > 12 else ''}.")
    return default


def _parse_years(values: list[str], options: ViewOptions, default: tuple[int, int], notices: list[str]) -> tuple[int, int]:
    # Four ASCII digits only: int() would also take "١٩٩٨", "１９９８" and "1_998".
    years = sorted(int(v) for v in values) if len(values) == 2 and all(re.fullmatch(r"[0-9]{4}", v) for v in values) else []
    first, last = (years[0], years[1]) if years else (0, 0)
    if not years or first < options.year_min or last > options.year_max:
        notices.append(f"Ignored years={', '.join(quote(v) for v in values[:3])}: expected two years between {options.year_min} and {options.year_max}.")
        return default
    return first, last


def _parse_budget(values: list[str], default: tuple[int, int], notices: list[str]) -> tuple[int, int]:
    """Two whole dollar amounts, low then high (ASCII digits only, at most $1,000,000)."""
    if len(values) == 2 and all(re.fullmatch(r"[0-9]{1,7}", v) for v in values):
        low, high = sorted(int(v) for v in values)
        if high <= 1_000_000 and low < high:
            return low, high
    notices.append(f"Ignored budget={', '.join(quote(v) for v in values[:3])}: expected two amounts in dollars, low and high (budget=1500&budget=2500).")
    return default


def _parse_months(values: list[str], options: ViewOptions, default: tuple[str, ...], notices: list[str]) -> tuple[str, ...]:
    """Up to three "YYYY-MM" dates within the catalogue's years, in the order given."""
    good = [v for v in values if re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", v) and options.months[0] <= v <= options.months[1]]
    bad = [v for v in values if v not in good]
    if bad:
        notices.append(f"Ignored on_sale={', '.join(quote(b) for b in bad[:3])}: expected a month YYYY-MM between {options.months[0]} and {options.months[1]}.")
    kept = tuple(dict.fromkeys(good))
    if len(kept) > MAX_ON_SALE:
        notices.append(f"Kept the first {MAX_ON_SALE} of the {len(kept)} dates.")
    return kept[:MAX_ON_SALE] or default


def parse_query(params: Mapping[str, Sequence[str]], options: ViewOptions) -> tuple[ViewState, list[str]]:
    """Turn URL parameters into a ViewState; invalid parts fall back to defaults, with notices."""
    state = default_state(options)
    notices: list[str] = []
    names = {f.name for f in fields(ViewState)}
    for key in params:
        if key not in names and key not in PASSTHROUGH_PARAMS:
            notices.append(f"Ignored unknown URL parameter {quote(key)}.")
    get = {k: [str(v) for v in params[k]] for k in params if k in names and len(params[k]) > 0}
    changes: dict[str, object] = {}
    if "view" in get:
        changes["view"] = _pick_one("view", get["view"], list(VIEWS), state.view, notices)
    for name, allowed in (("family", options.families), ("form", options.forms), ("arch", options.archs)):
        if name in get:
            changes[name] = _pick_many(name, get[name], allowed, notices)
    if "years" in get:
        changes["years"] = _parse_years(get["years"], options, state.years, notices)
    if "metric" in get:
        changes["metric"] = _pick_one("metric", get["metric"], list(METRICS), state.metric, notices)
    if "price" in get:
        changes["price"] = _pick_one("price", get["price"], list(PRICE_MODES), state.price, notices)
    if "base_year" in get:
        allowed_years = [str(y) for y in options.base_years]
        changes["base_year"] = int(_pick_one("base_year", get["base_year"], allowed_years, str(state.base_year), notices))
    if "log" in get:
        changes["log"] = _pick_one("log", get["log"], ["true", "false"], "true" if state.log else "false", notices) == "true"
    if "highlight" in get:
        values = get["highlight"]
        picked = _pick_many("highlight", values, list(options.model_names), notices)
        # "highlight=" asks for none; a link whose every model is unknown keeps the default highlight.
        wanted_none = all(v == "" for v in values)
        changes["highlight"] = picked if picked or wanted_none else state.highlight
    if "color" in get:
        changes["color"] = _pick_one("color", get["color"], list(COLOR_SCHEMES), state.color, notices)
    if "bands" in get:
        changes["bands"] = _pick_one("bands", get["bands"], ["true", "false"], "true" if state.bands else "false", notices) == "true"
    if "play" in get:
        changes["play"] = _pick_one("play", get["play"], ["true", "false"], "true" if state.play else "false", notices) == "true"
    if "compare" in get:
        picked = _pick_many("compare", get["compare"], list(options.model_names), notices)
        if len(picked) > MAX_COMPARE:
            notices.append(f"Kept the first {MAX_COMPARE} of the {len(picked)} models to compare.")
        changes["compare"] = picked[:MAX_COMPARE]
    if "budget" in get:
        changes["budget"] = _parse_budget(get["budget"], state.budget, notices)
    if "on_sale" in get:
        changes["on_sale"] = _parse_months(get["on_sale"], options, state.on_sale, notices)
    for name, known in (("mine", options.model_names), ("event", options.events)):
        if name in get:
            changes[name] = _pick_one(name, get[name], [*known, ""], "", notices)
    return replace(state, **changes), notices  # type: ignore[arg-type]


def share_url(base: str | None, query: Mapping[str, Sequence[str]]) -> str:
    """The link that reopens this view: the app's address plus the view's parameters."""
    encoded = urlencode([(k, v) for k, values in query.items() for v in values])
    address = (base or "").rstrip("?")
    if address and not urlsplit(address).path:
        address += "/"  # the form browsers show: http://host:port/?...
    return f"{address}{'?' + encoded if encoded else ''}"


def to_query(state: ViewState, options: ViewOptions) -> dict[str, list[str]]:
    """URL parameters for ``state``: values equal to the default are left out."""
    default = default_state(options)
    out: dict[str, list[str]] = {}
    for f in fields(ViewState):
        value = getattr(state, f.name)
        if value == getattr(default, f.name):
            continue
        if isinstance(value, bool):
            out[f.name] = ["true" if value else "false"]
        elif isinstance(value, tuple):
            # An empty list that differs from a non-empty default is written as one empty value.
            out[f.name] = [str(v) for v in value] or [""]
        else:
            out[f.name] = [str(value)]
    return out
