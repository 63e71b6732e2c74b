"""One CPU performance scale from the Macintosh 128K (= 1) to Apple silicon.

1. **Chain.** Benchmarks form a tree rooted at the newest (the anchor, Geekbench 6 multi-core). Each
   converts to its parent by the geometric mean ratio of the scores of bridge models measured on
   both; where no model has both, pairs of same-CPU-family models (one on each) stand in.
2. **Measured models.** A model's points come from the first benchmark in the chain's order that
   it has a published score on.
3. **Estimated models.** A model with no reachable score is estimated from up to three peers nearest
   in launch date that have one: same CPU family first, else the same architecture, scaled by the
   ratio of published CPU cores × clock (work per clock is assumed equal within a CPU family).
   The error of this rule is measured by predicting every published score from its own peers.
4. **Index.** Points divided by the reference model's points (the Macintosh 128K).

The band is about one standard deviation on a log scale. Along the chain it adds up the spread of
the bridges of every link *between* the model's benchmark and the reference's (links both share
cancel out), so two models on the same benchmark keep exactly their score ratio.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pandas as pd

from maclineup.cpus import cpu_family


@dataclass(frozen=True)
class Chain:
    """Which benchmark converts to which: a tree rooted at the anchor (the newest benchmark)."""

    anchor: str
    parents: Mapping[str, str]  # older benchmark -> the newer one it is converted to
    order: tuple[str, ...]  # preference when a model has scores on several benchmarks

    @property
    def benchmarks(self) -> tuple[str, ...]:
        return (self.anchor, *[b for b in self.order if b != self.anchor])


def linear_chain(names: Sequence[str]) -> Chain:
    """A chain where each benchmark converts to the one before it (newest first)."""
    return Chain(names[0], {older: newer for newer, older in pairwise(names)}, tuple(names))


MULTI_CORE_CHAIN = Chain(
    anchor="geekbench6_multi",
    parents={
        "geekbench5_multi": "geekbench6_multi",
        "geekbench4_multi": "geekbench5_multi",
        "geekbench3_multi": "geekbench4_multi",
        "geekbench2": "geekbench3_multi",
        "nortonsi4_system": "geekbench2",
        "macbench4_processor": "nortonsi4_system",
        "speedometer3_cpu": "nortonsi4_system",
        "speedometer3_mix": "speedometer3_cpu",
    },
    order=(
        "geekbench6_multi", "geekbench5_multi", "geekbench4_multi", "geekbench3_multi", "geekbench2",
        "macbench4_processor", "nortonsi4_system", "speedometer3_cpu", "speedometer3_mix",
    ),
)  # fmt: skip
REFERENCE_MODEL = "macintosh-128k"
# Log-scale uncertainty of a link measured by a single bridge (no spread to estimate from).
SINGLE_BRIDGE_UNCERTAINTY = 0.15
# Used for a peer rule when too few models exist to measure its error.
DEFAULT_ESTIMATE_UNCERTAINTY = 0.5
MIN_ERROR_SAMPLES = 5
MAX_PEERS = 3
PEER_WINDOW_DAYS = 731  # peers launched within two years are preferred to farther ones
SPEC_COLUMNS = ("launched", "cpu", "architecture", "cpu_cores", "cpu_clock_mhz")
TOP_SPEC_COLUMNS = ("top_config_cpu", "top_config_cores", "top_config_clock_mhz")
# "high" confidence only where the rule behind the value has a measured error of at most 10%.
HIGH_CONFIDENCE_ERROR = math.log(1.10)

INDEX_COLUMNS = ("perf_index", "perf_index_low", "perf_index_high", "perf_index_confidence", "perf_index_basis")
TOP_INDEX_COLUMNS = ("perf_index_top", "perf_index_top_low", "perf_index_top_high", "perf_index_top_confidence", "perf_index_top_basis")
ChainLike = Chain | Sequence[str]
# Roles of a measured configuration: the model's base, its top standard configuration, or another one.
BASE, TOP, OTHER = "base", "top", "other"


def _as_chain(chain: ChainLike) -> Chain:
    return chain if isinstance(chain, Chain) else linear_chain(tuple(chain))


@dataclass(frozen=True)
class Link:
    """How one benchmark converts to the anchor's scale."""

    benchmark: str
    factor: float  # multiply a score of this benchmark to get anchor points
    bridges: tuple[str, ...]  # configurations (or same-family pairs) measured on this and its parent
    log_uncertainty: float  # cumulative, from the anchor to this benchmark
    step_uncertainty: float = 0.0  # this link's own
    parent: str | None = None
    kind: str = "anchor"  # "anchor", "same model" or "same CPU family"
    ancestors: tuple[str, ...] = ()  # from this benchmark up to the anchor, itself first


Specs = dict[str, dict[str, Any]]


def _specs(frame: pd.DataFrame) -> Specs | None:
    """Specifications per row (a model's base configuration, or a measured configuration), with its CPU family and model."""
    if not all(c in frame for c in SPEC_COLUMNS):
        return None
    extra = {"family": frame["cpu"].map(cpu_family)}
    if "model_id" not in frame:
        extra["model_id"] = pd.Series(frame.index.astype(str), index=frame.index)
    records = frame.assign(**extra).to_dict("index")
    return {str(k): {str(c): v for c, v in row.items()} for k, row in records.items()}


def _scale(target: Mapping[str, Any], peer: Mapping[str, Any]) -> float:
    """Ratio of cores × clock, each factor used only when both models publish it."""
    ratio = 1.0
    for column in ("cpu_cores", "cpu_clock_mhz"):
        a, b = target.get(column), peer.get(column)
        if pd.notna(a) and pd.notna(b) and float(b) > 0:
            ratio *= float(a) / float(b)
    return ratio


def _days_apart(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    if pd.isna(a["launched"]) or pd.isna(b["launched"]):
        return 10**6
    return abs(int((a["launched"] - b["launched"]).days))


def _spec_distance(me: Mapping[str, Any], peer: Mapping[str, Any]) -> float:
    """How far the cores × clock scaling has to stretch: |log| of the ratio (0 for the same cores and clock)."""
    return abs(math.log(_scale(me, peer)))


def _nearest(me: Mapping[str, Any], pool: list[str], specs: Specs) -> list[str]:
    """Up to MAX_PEERS of ``pool``: those launched within two years of ``me`` (if any, else the nearest in date),
    closest in cores × clock first, so the scaling stretches as little as possible."""
    close = [m for m in pool if _days_apart(me, specs[m]) <= PEER_WINDOW_DAYS]
    if close:
        return sorted(close, key=lambda m: (round(_spec_distance(me, specs[m]), 6), _days_apart(me, specs[m]), m))[:MAX_PEERS]
    return sorted(pool, key=lambda m: (_days_apart(me, specs[m]), m))[:MAX_PEERS]


def _peer_pool(me: Mapping[str, Any], candidates: Sequence[str], specs: Specs, level: str) -> list[str]:
    """Candidates of other models sharing ``level`` with ``me``: "family", or "architecture" (another family), or "any"."""
    others = [m for m in candidates if specs[m]["model_id"] != me["model_id"]]
    if level == "family":
        return [m for m in others if me["family"] is not None and specs[m]["family"] == me["family"]]
    if level == "architecture":
        return [m for m in others if specs[m]["architecture"] == me["architecture"] and specs[m]["family"] != me["family"]]
    return others


def _peer_estimate(me: Mapping[str, Any], peers: Sequence[str], value: Mapping[str, float], specs: Specs) -> float:
    """``me``'s value estimated from its peers' values scaled by cores × clock (geometric mean)."""
    logs = [math.log(value[p] * _scale(me, specs[p])) for p in peers]
    return math.exp(sum(logs) / len(logs))


def peer_rule_variance(scores: pd.DataFrame, specs: Specs, chain: Chain) -> dict[str, float]:
    """Log variance of estimating a score from peers, per level, measured by predicting every published score.

    For each benchmark and each measured configuration, its score is predicted from up to three
    configurations of other models with a score on the same benchmark (same CPU family, or same
    architecture but another family), scaled by cores × clock; the squared log errors are averaged per level.
    """
    errors: dict[str, list[float]] = {"family": [], "architecture": []}
    for benchmark in chain.benchmarks:
        if benchmark not in scores:
            continue
        column = scores[benchmark].dropna()
        scored = [str(m) for m in column.index if str(m) in specs]
        values = {str(m): float(v) for m, v in column.items()}
        for key in scored:
            for level, bucket in errors.items():
                peers = _nearest(specs[key], _peer_pool(specs[key], scored, specs, level), specs)
                if peers:
                    bucket.append(math.log(values[key] / _peer_estimate(specs[key], peers, values, specs)) ** 2)
    out = {level: (sum(v) / len(v) if len(v) >= MIN_ERROR_SAMPLES else DEFAULT_ESTIMATE_UNCERTAINTY**2) for level, v in errors.items()}
    out["architecture"] = max(out["architecture"], out["family"])
    return out


def _family_bridges(scores: pd.DataFrame, newer: str, older: str, specs: Specs) -> tuple[list[float], list[str]]:
    """log(newer/older) from pairs of same-family models, one on each benchmark, nearest in launch date."""
    new_scores = {str(m): float(v) for m, v in scores[newer].dropna().items() if str(m) in specs}
    old_scores = {str(m): float(v) for m, v in scores[older].dropna().items() if str(m) in specs}
    logs, names = [], []
    for key, score in old_scores.items():
        me = specs[key]
        pool = [m for m in new_scores if me["family"] is not None and specs[m]["family"] == me["family"]]
        if not pool:
            continue
        partner = _nearest(me, pool, specs)[0]
        # The partner's score on the older benchmark, estimated from this model by cores × clock.
        logs.append(math.log(new_scores[partner] / (score * _scale(specs[partner], me))))
        names.append(f"{key} ~ {partner}")
    return logs, names


def compute_links(scores: pd.DataFrame, chain: ChainLike = MULTI_CORE_CHAIN, specs: Specs | None = None, family_var: float = 0.0) -> list[Link]:
    """Bridge factors of every benchmark of ``chain`` reachable from the anchor (``scores``: configuration × benchmark).

    A link uses the configurations with published scores on both benchmarks; when there are none
    and ``specs`` are given, pairs of same-CPU-family models (one on each) scaled by cores × clock,
    whose link also carries the peer rule's error ``family_var``.
    """
    chain = _as_chain(chain)
    links = [Link(chain.anchor, 1.0, (), 0.0, ancestors=(chain.anchor,))]
    queue = [links[0]]
    while queue:
        parent = queue.pop(0)
        for older in [b for b, p in chain.parents.items() if p == parent.benchmark]:
            if older not in scores or parent.benchmark not in scores:
                continue
            both = scores[[parent.benchmark, older]].dropna()
            kind, extra = "same model", 0.0
            logs = [math.log(a / b) for a, b in both.to_numpy()]
            bridges = [str(m) for m in both.index]
            if not logs and specs is not None:
                logs, bridges = _family_bridges(scores, parent.benchmark, older, specs)
                kind, extra = "same CPU family", family_var
            if not logs:
                continue
            mean = sum(logs) / len(logs)
            spread = math.sqrt(sum((x - mean) ** 2 for x in logs) / (len(logs) - 1)) if len(logs) > 1 else SINGLE_BRIDGE_UNCERTAINTY
            step = math.sqrt(spread**2 + extra)
            link = Link(
                benchmark=older,
                factor=parent.factor * math.exp(mean),
                bridges=tuple(bridges),
                log_uncertainty=math.hypot(parent.log_uncertainty, step),
                step_uncertainty=step,
                parent=parent.benchmark,
                kind=kind,
                ancestors=(older, *parent.ancestors),
            )
            links.append(link)
            queue.append(link)
    return links


def _configurations(frame: pd.DataFrame, configurations: pd.DataFrame | None) -> pd.DataFrame:
    """Every measured or estimated configuration: each model's base (rows of ``frame``) and ``configurations``."""
    base = frame.assign(model_id=frame.index.astype(str), role=BASE)
    if configurations is None or configurations.empty:
        return base
    return pd.concat([base, configurations[[c for c in configurations.columns if c in base.columns or c in ("model_id", "role")]]])


def index_links(
    frame: pd.DataFrame, chain: ChainLike = MULTI_CORE_CHAIN, specs: Specs | None = None, configurations: pd.DataFrame | None = None
) -> tuple[dict[str, Link], dict[str, float]]:
    """The links of ``chain`` for a catalogue indexed by model_id, and the peer rule's error per level.

    Bridges and the peer rule's error use every measured configuration (``configurations``: top and
    other configurations, indexed by a key of their own); ``specs`` are those of all configurations
    when the caller already has them.
    """
    chain = _as_chain(chain)
    every = _configurations(frame, configurations)
    scores = every[[c for c in chain.benchmarks if c in every]]
    specs = specs if specs is not None else _specs(every)
    variance = peer_rule_variance(scores, specs, chain) if specs else {"family": 0.0, "architecture": 0.0}
    links = compute_links(scores, chain, specs, variance["family"])
    return {link.benchmark: link for link in links}, variance


@dataclass(frozen=True)
class _Point:
    points: float  # on the anchor benchmark's scale
    benches: tuple[str, ...]  # the benchmark(s) the points rest on (the peers' for an estimate)
    estimate_var: float  # log variance of the peer estimate (0 when measured)
    confidence: str
    basis: str
    peers: tuple[str, ...] = ()  # the configurations an estimate comes from


def _path_var(a: str, b: str, links: dict[str, Link]) -> float:
    """Log variance of converting between benchmarks ``a`` and ``b``: the links between them (shared ones cancel)."""
    common = next(x for x in links[a].ancestors if x in links[b].ancestors)
    return links[a].log_uncertainty ** 2 + links[b].log_uncertainty ** 2 - 2 * links[common].log_uncertainty ** 2


def _path_steps(a: str, b: str, links: dict[str, Link]) -> int:
    common = next(x for x in links[a].ancestors if x in links[b].ancestors)
    return links[a].ancestors.index(common) + links[b].ancestors.index(common)


def _describe_configuration(spec: Mapping[str, Any]) -> str:
    parts = [str(spec["cpu"])] if isinstance(spec.get("cpu"), str) else []
    if pd.notna(spec.get("cpu_cores")):
        cores = int(spec["cpu_cores"])
        parts.append(f"{cores} core{'s' if cores > 1 else ''}")
    if pd.notna(spec.get("cpu_clock_mhz")):
        mhz = float(spec["cpu_clock_mhz"])
        parts.append(f"{mhz / 1000:g} GHz" if mhz >= 1000 else f"{mhz:g} MHz")
    return ", ".join(parts) or "configuration not stated"


def _measured_points(scores: pd.DataFrame, links: dict[str, Link], chain: Chain, labels: Mapping[str, str], specs: Specs | None) -> dict[str, _Point]:
    """Points of every measured configuration, from the first benchmark of the chain's order it has a score on."""
    found: dict[str, _Point] = {}
    usable = [b for b in chain.benchmarks if b in links]
    by_key: dict[Any, dict[Any, Any]] = scores.to_dict("index")
    for key, row in by_key.items():
        for benchmark in usable:
            score = row.get(benchmark)
            if score is not None and not math.isnan(float(score)):
                value = float(score)
                text = f"{labels.get(benchmark, benchmark)} score {value:,.0f}" if value >= 100 else f"{labels.get(benchmark, benchmark)} score {value:.3g}"
                if specs and str(key) in specs:
                    spec = specs[str(key)]
                    text += f" of the {'top' if spec.get('role') == TOP else 'base'} configuration ({_describe_configuration(spec)})"
                confidence = "high" if links[benchmark].log_uncertainty <= HIGH_CONFIDENCE_ERROR else "medium"
                found[str(key)] = _Point(float(score) * links[benchmark].factor, (benchmark,), 0.0, confidence, text)
                break
    return found


def _confidence(variance: float, fallback: str) -> str:
    return "high" if math.sqrt(variance) <= HIGH_CONFIDENCE_ERROR else fallback


def _estimate(me: Mapping[str, Any], specs: Specs, measured: dict[str, _Point], variance: Mapping[str, float], names: Mapping[str, str]) -> _Point | None:
    """Points of configuration ``me`` from up to three measured configurations of other models nearest in launch date, scaled by cores × clock."""
    levels = (
        ("family", "medium", "same CPU family ({family})"),
        ("architecture", "low", "same architecture ({architecture})"),
        ("any", "low", "nearest in launch date"),
    )
    for level, confidence, words in levels:
        peers = _nearest(me, _peer_pool(me, list(measured), specs, level), specs)
        if peers:
            points = _peer_estimate(me, peers, {p: measured[p].points for p in peers}, specs)
            shared = words.format(**me)
            basis = f"estimated from {'; '.join(names.get(p, p) for p in peers)} ({shared}), scaled by cores × clock"
            benches = tuple(b for p in peers for b in measured[p].benches)
            error = variance.get(level, variance["architecture"])
            return _Point(points, benches, error, _confidence(error, confidence), basis, tuple(peers))
    return None


def compute_index(
    frame: pd.DataFrame,
    reference: str = REFERENCE_MODEL,
    chain: ChainLike = MULTI_CORE_CHAIN,
    labels: Mapping[str, str] | None = None,
    configurations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Index per model (``reference`` = 1) with a low-high band, confidence, basis and chain steps.

    ``frame`` is indexed by model_id and has a column per benchmark of ``chain`` holding scores of
    each model's base configuration; when it also has the SPEC_COLUMNS (and ``name``), same-family
    bridges join benchmarks no model shares, and models without a reachable score are estimated
    from peers. ``configurations`` adds measured top and other configurations (see ``index_catalogue``);
    with TOP_SPEC_COLUMNS in ``frame`` the result also has each model's top-configuration index (``top_*``).
    """
    chain = _as_chain(chain)
    every, specs, links, variance = _prepared(frame, configurations, chain)
    return _index_from_links(frame, every, reference, chain, labels or {}, specs, links, variance)


def _prepared(frame: pd.DataFrame, configurations: pd.DataFrame | None, chain: Chain) -> tuple[pd.DataFrame, Specs | None, dict[str, Link], dict[str, float]]:
    """Every configuration (base rows and ``configurations``), their specifications, the chain's links and the peer rule's error."""
    every = _configurations(frame, configurations)
    specs = _specs(every)
    links, variance = index_links(frame, chain, specs, configurations)
    return every, specs, links, variance


def _top_spec(base: Mapping[str, Any]) -> dict[str, Any] | None:
    """The top standard configuration's specifications (from ``top_config_*``), or None when it is not known.

    When it is the base configuration the returned specifications equal the base's.
    """
    if pd.isna(base.get("top_config_cores")) and pd.isna(base.get("top_config_clock_mhz")):
        return None
    cpu = base.get("top_config_cpu")
    return dict(
        base,
        role=TOP,
        cpu=cpu if isinstance(cpu, str) else base.get("cpu"),
        family=cpu_family(cpu) if isinstance(cpu, str) else base.get("family"),
        cpu_cores=base.get("top_config_cores"),
        cpu_clock_mhz=base.get("top_config_clock_mhz"),
    )


def _same_configuration(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return all(
        (pd.isna(a.get(c)) and pd.isna(b.get(c))) or (pd.notna(a.get(c)) and pd.notna(b.get(c)) and a[c] == b[c]) for c in ("cpu", "cpu_cores", "cpu_clock_mhz")
    )


def _index_from_links(
    frame: pd.DataFrame,
    every: pd.DataFrame,
    reference: str,
    chain: Chain,
    labels: Mapping[str, str],
    specs: Specs | None,
    links: dict[str, Link],
    variance: Mapping[str, float],
) -> pd.DataFrame:
    scores = every[[c for c in chain.benchmarks if c in every]]
    measured = _measured_points(scores, links, chain, labels, specs)
    # Peers are measured base and top configurations; scores of other configurations only bridge benchmarks.
    peers = {k: p for k, p in measured.items() if specs is None or specs[k].get("role") in (BASE, TOP)}
    names = {k: str(row.get("name", k)) + (" (top configuration)" if row.get("role") == TOP else "") for k, row in (specs or {}).items()}
    base: dict[str, _Point] = {}
    top: dict[str, _Point] = {}
    for model_id in frame.index.astype(str):
        if model_id in measured:
            base[model_id] = measured[model_id]
        elif specs:
            estimate = _estimate(specs[model_id], specs, peers, variance, names)
            if estimate:
                base[model_id] = estimate
        if not specs or not all(c in frame for c in TOP_SPEC_COLUMNS):
            continue
        target = _top_spec(specs[model_id])
        if target is None:
            continue
        if _same_configuration(target, specs[model_id]):
            if model_id in base:
                top[model_id] = base[model_id]
        elif f"{model_id}#top" in measured:
            top[model_id] = measured[f"{model_id}#top"]
        else:
            estimate = _estimate(target, specs, peers, variance, names)
            if estimate:
                top[model_id] = estimate
    if reference not in base:
        raise ValueError(f"the reference model '{reference}' has no score in the chain and no estimate")
    ref = base[reference]
    rows = {model_id: (*_relative(p, ref, links, model_id == reference), p.peers, ";".join(p.benches), p.estimate_var) for model_id, p in base.items()}
    columns = ["index", "index_low", "index_high", "confidence", "basis", "chain_steps", "peers", "benches", "estimate_var"]
    result = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    if top:
        tops = {model_id: _relative(p, ref, links, False)[:5] for model_id, p in top.items()}
        top_frame = pd.DataFrame.from_dict(tops, orient="index", columns=["top_index", "top_index_low", "top_index_high", "top_confidence", "top_basis"])
        result = result.join(top_frame)
    result.index.name = "model_id"
    return result


def _relative(p: _Point, ref: _Point, links: dict[str, Link], is_reference: bool) -> tuple[float, float, float, str, str, int]:
    """A point as index (the reference = 1) with its band, confidence, basis and chain steps."""
    if is_reference:
        return (1.0, 1.0, 1.0, p.confidence, f"reference (= 1); {p.basis}", 0)
    pairs = [(a, b) for a in p.benches for b in ref.benches]
    chain_var = sum(_path_var(a, b, links) for a, b in pairs) / len(pairs)
    u = math.sqrt(max(chain_var, 0.0) + p.estimate_var + ref.estimate_var)
    index = p.points / ref.points
    steps = max(_path_steps(a, b, links) for a, b in pairs)
    return (index, index * math.exp(-u), index * math.exp(u), p.confidence, p.basis, steps)


@dataclass(frozen=True)
class IndexDescription:
    """How the index of a catalogue was made: the benchmark chain, the confidence per era, and the links themselves."""

    chain: pd.DataFrame
    confidence: pd.DataFrame
    links: Mapping[str, Link] = field(default_factory=dict)


def ratio_band(a: Any, b: Any, links: Mapping[str, Link]) -> tuple[float, float, float]:
    """Index of ``a`` over index of ``b`` with its band (about one standard deviation).

    The band counts only what separates the two: the links between their benchmarks (shared links
    cancel) and each one's estimate error, so two models scored on the same benchmark keep their
    exact score ratio with no band.
    """
    ratio = float(a["perf_index"]) / float(b["perf_index"])
    benches_a = [x for x in str(a.get("perf_index_benchmarks") or "").split(";") if x in links]
    benches_b = [x for x in str(b.get("perf_index_benchmarks") or "").split(";") if x in links]
    pairs = [(x, y) for x in benches_a for y in benches_b]
    chain_var = sum(_path_var(x, y, dict(links)) for x, y in pairs) / len(pairs) if pairs else 0.0
    var = max(chain_var, 0.0) + float(a.get("perf_index_estimate_var") or 0.0) + float(b.get("perf_index_estimate_var") or 0.0)
    u = math.sqrt(var)
    return ratio, ratio * math.exp(-u), ratio * math.exp(u)


def measured_configurations(models: pd.DataFrame, benchmarks: pd.DataFrame, chain: ChainLike = MULTI_CORE_CHAIN) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores per model's base configuration (model_id × benchmark), and the other measured configurations.

    ``benchmarks`` has a ``role`` per score (base, top or other, see ``loading.configuration_role``).
    Other configurations are keyed ``<model_id>#top`` or ``<model_id> (<cpu>, <cores>, <clock>)``, with the
    model's launch date and architecture, and the tested CPU, cores and clock as their specifications.
    """
    chain = _as_chain(chain)
    rows = benchmarks[benchmarks["benchmark"].isin(chain.benchmarks)]
    base = rows[rows["role"] == BASE].pivot_table(index="model_id", columns="benchmark", values="score", aggfunc="first")
    rest = rows[rows["role"] != BASE]
    by_id = models.set_index("model_id")
    records: dict[str, dict[str, Any]] = {}
    for row in rest.to_dict("records"):
        model = by_id.loc[row["model_id"]]
        cores, clock = row.get("tested_cores"), row.get("tested_clock_mhz")
        key = (
            f"{row['model_id']}#top"
            if row["role"] == TOP
            else f"{row['model_id']} ({_describe_configuration({'cpu': row.get('tested_cpu'), 'cpu_cores': cores, 'cpu_clock_mhz': clock})})"
        )
        record = records.setdefault(
            key,
            {
                "model_id": row["model_id"],
                "role": row["role"],
                "name": model["name"],
                "launched": model["launched"],
                "architecture": model["architecture"],
                "cpu": row["tested_cpu"] if isinstance(row.get("tested_cpu"), str) else None,
                "cpu_cores": cores if pd.notna(cores) else (model["top_config_cores"] if row["role"] == TOP else None),
                "cpu_clock_mhz": clock if pd.notna(clock) else (model["top_config_clock_mhz"] if row["role"] == TOP else None),
            },
        )
        record.setdefault(row["benchmark"], row["score"])
    others = pd.DataFrame.from_dict(records, orient="index")
    return base, others


def index_catalogue(
    models: pd.DataFrame, benchmarks: pd.DataFrame, labels: Mapping[str, str], chain: ChainLike = MULTI_CORE_CHAIN
) -> tuple[pd.DataFrame, IndexDescription]:
    """The catalogue with INDEX_COLUMNS and TOP_INDEX_COLUMNS added, and how the index was made (links computed once for both).

    ``benchmarks`` are the published scores with their configuration ``role``. The base index comes
    only from scores of the base configuration (or from peers); the top index from scores of the
    top configuration (or from peers); other scores only bridge benchmarks. The earliest model is
    the reference when the Macintosh 128K is absent.
    """
    chain = _as_chain(chain)
    base_scores, others = measured_configurations(models, benchmarks, chain)
    frame = models.set_index("model_id").drop(columns=[c for c in chain.benchmarks if c in models]).join(base_scores)
    every, specs, links, variance = _prepared(frame, others, chain)
    reference = REFERENCE_MODEL if REFERENCE_MODEL in frame.index else str(frame["launched"].idxmin())
    try:
        result = _index_from_links(frame, every, reference, chain, labels, specs, links, variance)
    except ValueError:
        result = pd.DataFrame(columns=["index", "index_low", "index_high", "confidence", "basis"], dtype="float64")
    for column in ("top_index", "top_index_low", "top_index_high", "top_confidence", "top_basis"):
        if column not in result:
            result[column] = pd.Series(dtype="float64")
    ids = models["model_id"]

    def text(column: str) -> pd.Series:
        return ids.map(result[column]).astype("str").where(ids.map(result[column]).notna())

    indexed = models.assign(
        perf_index=ids.map(result["index"]).astype("float64"),
        perf_index_low=ids.map(result["index_low"]).astype("float64"),
        perf_index_high=ids.map(result["index_high"]).astype("float64"),
        perf_index_confidence=text("confidence"),
        perf_index_basis=text("basis"),
        perf_index_top=ids.map(result["top_index"]).astype("float64"),
        perf_index_top_low=ids.map(result["top_index_low"]).astype("float64"),
        perf_index_top_high=ids.map(result["top_index_high"]).astype("float64"),
        perf_index_top_confidence=text("top_confidence"),
        perf_index_top_basis=text("top_basis"),
        perf_index_benchmarks=ids.map(result["benches"]) if "benches" in result else None,
        perf_index_estimate_var=ids.map(result["estimate_var"]).astype("float64") if "estimate_var" in result else float("nan"),
    )
    return indexed, IndexDescription(describe_chain(every, chain, labels, links), describe_confidence(indexed), links)


def describe_chain(
    models: pd.DataFrame, chain: ChainLike = MULTI_CORE_CHAIN, labels: Mapping[str, str] | None = None, links: dict[str, Link] | None = None
) -> pd.DataFrame:
    """Per benchmark: how many models have a score, and how it converts to the anchor (if it does).

    ``models`` has a row per model, or per measured configuration (several rows of a model_id);
    ``links`` are the chain's links when the caller already computed them.
    """
    chain = _as_chain(chain)
    labels = labels or {}
    frame = models.set_index("model_id")
    scores = frame[[c for c in chain.benchmarks if c in frame]]
    links = links if links is not None else index_links(frame, chain)[0]
    rows = []
    for benchmark in chain.benchmarks:
        if benchmark not in scores:
            continue
        link = links.get(benchmark)
        parent = chain.parents.get(benchmark)
        if link is None:
            bridges, kind = "none yet", "not connected"
        elif link.parent is None:
            bridges, kind = "(anchor)", ""
        else:
            bridges, kind = ", ".join(link.bridges), link.kind
        rows.append(
            {
                "benchmark": labels.get(benchmark, benchmark),
                "converts to": labels.get(parent, parent) if parent else "",
                "models with a score": int(scores[benchmark].dropna().index.nunique()),
                "bridge": kind,
                f"points per {labels.get(chain.anchor, chain.anchor)} point": round(1 / link.factor, 6) if link else None,
                "link ×/÷": f"{math.exp(link.step_uncertainty):.2f}" if link and link.parent else "",
                "to the anchor ×/÷": f"{math.exp(link.log_uncertainty):.2f}" if link else "not reachable yet",
                "bridge models": bridges,
            }
        )
    return pd.DataFrame(rows)


def describe_confidence(models: pd.DataFrame) -> pd.DataFrame:
    """Per architecture era: how many models rest on a published score or on an estimate, and the typical band."""
    rows = []
    for arch, part in models.groupby("architecture", sort=False):
        width = (part["perf_index_high"] / part["perf_index"]).dropna()
        counts = part["perf_index_confidence"].value_counts()
        years = part["launched"].dt.year
        rows.append(
            {
                "era": f"{arch} ({years.min()}–{years.max()})",
                "models": len(part),
                "high (published score)": int(counts.get("high", 0)),
                "medium (CPU-family estimate)": int(counts.get("medium", 0)),
                "low (architecture estimate)": int(counts.get("low", 0)),
                "median band": f"×/÷ {width.median():.2f}" if not width.empty else "—",
            }
        )
    return pd.DataFrame(rows)


METHOD_MARKDOWN = """
**Performance index** (the default measure): multi-core CPU performance on one scale from 1984 to today,
**Macintosh 128K = 1**. No benchmark spans 40 years, so published scores of several benchmarks are chained:

1. **Scores.** Every score in `data/benchmarks.csv` is a published figure, cited row by row; none is derived.
2. **Bridges.** Each older benchmark is converted to a newer one by the geometric mean ratio of the
   scores of *bridge models* that have published scores on both (table below). Where no model has both,
   pairs of models with the same CPU family, one scored on each, stand in, scaled by their cores × clock;
   that link also carries the error of the CPU-family rule (step 4). Factors multiply along the chain up to
   the newest benchmark, Geekbench 6 multi-core.
3. **Measured models** take the newest benchmark they have a score on. Between two models scored on the same
   benchmark, the index ratio is exactly their score ratio.
4. **Estimated models** (no score) take up to three benchmarked models nearest in launch date (within two
   years where there are any) with the same CPU family, else the same architecture, scaled by the ratio of
   published CPU cores × clock. This assumes equal
   work per clock within a CPU family; its error is measured by estimating every benchmarked model from its
   own peers, and enters the band. These carry medium or low confidence.
5. **Band** (error bars): about one standard deviation, from the spread of the bridge ratios of every link
   between the model's benchmark and the Macintosh 128K's, plus the estimate's error. It widens with chain
   length: old Macs compare tightly with each other, and loosely with today's.

The index is computed from the CSV files alone by `maclineup/perfindex.py`; the Data view and downloads
include it with its band, confidence and basis. Other measures plot one benchmark version only: two
versions are never shown on one axis unconverted.
"""
