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
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pandas as pd


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

INDEX_COLUMNS = ("perf_index", "perf_index_low", "perf_index_high", "perf_index_confidence", "perf_index_basis")
ChainLike = Chain | Sequence[str]


def _as_chain(chain: ChainLike) -> Chain:
    return chain if isinstance(chain, Chain) else linear_chain(tuple(chain))


@dataclass(frozen=True)
class Link:
    """How one benchmark converts to the anchor's scale."""

    benchmark: str
    factor: float  # multiply a score of this benchmark to get anchor points
    bridges: tuple[str, ...]  # models (or same-family model pairs) measured on this and its parent
    log_uncertainty: float  # cumulative, from the anchor to this benchmark
    step_uncertainty: float = 0.0  # this link's own
    parent: str | None = None
    kind: str = "anchor"  # "anchor", "same model" or "same CPU family"
    ancestors: tuple[str, ...] = ()  # from this benchmark up to the anchor, itself first


def cpu_family(cpu: object) -> str:
    """The CPU family whose work per clock is taken as equal: '68030', 'PowerPC G4', 'Intel Core i', 'Apple M2 Pro'."""
    text = cpu if isinstance(cpu, str) else ""
    motorola = re.search(r"68(?:HC|LC|EC)?0([0-4])0", text)
    if motorola:
        return f"680{motorola.group(1)}0"
    apple = re.match(r"Apple (M\d+(?: (?:Pro|Max|Ultra))?|A\d+(?: Pro)?)", text)
    if apple:
        return f"Apple {apple.group(1)}"
    rules = (
        (r"\b601\b", "PowerPC 601"),
        (r"\b603", "PowerPC 603"),
        (r"\b604", "PowerPC 604"),
        (r"G3|\b750", "PowerPC G3"),
        (r"G4|\b74[0-5]\d", "PowerPC G4"),
        (r"G5|\b970", "PowerPC G5"),
        (r"Core (?:Solo|Duo)", "Intel Core Duo"),
        (r"Core 2", "Intel Core 2"),
        (r"Xeon", "Intel Xeon"),
        (r"Core (?:i\d|m\d?|M)\b", "Intel Core i"),
    )
    return next((family for pattern, family in rules if re.search(pattern, text)), text)


Specs = dict[str, dict[str, Any]]


def _specs(frame: pd.DataFrame) -> Specs | None:
    if not all(c in frame for c in SPEC_COLUMNS):
        return None
    records = frame.assign(family=frame["cpu"].map(cpu_family)).to_dict("index")
    return {str(k): {str(c): v for c, v in row.items()} for k, row in records.items()}


def _scale(target: dict[str, Any], peer: dict[str, Any]) -> float:
    """Ratio of cores × clock, each factor used only when both models publish it."""
    ratio = 1.0
    for column in ("cpu_cores", "cpu_clock_mhz"):
        a, b = target.get(column), peer.get(column)
        if pd.notna(a) and pd.notna(b) and float(b) > 0:
            ratio *= float(a) / float(b)
    return ratio


def _days_apart(a: dict[str, Any], b: dict[str, Any]) -> int:
    if pd.isna(a["launched"]) or pd.isna(b["launched"]):
        return 10**6
    return abs(int((a["launched"] - b["launched"]).days))


def _nearest(model_id: str, pool: list[str], specs: Specs) -> list[str]:
    """Up to MAX_PEERS of ``pool`` nearest in launch date; only those within two years if there are any."""
    me = specs[model_id]
    ranked = sorted(pool, key=lambda m: (_days_apart(me, specs[m]), m))
    close = [m for m in ranked if _days_apart(me, specs[m]) <= PEER_WINDOW_DAYS]
    return (close or ranked)[:MAX_PEERS]


def _peer_pool(model_id: str, candidates: Sequence[str], specs: Specs, level: str) -> list[str]:
    """Candidates sharing ``level`` with the model: "family", or "architecture" (another family), or "any"."""
    me = specs[model_id]
    others = [m for m in candidates if m != model_id]
    if level == "family":
        return [m for m in others if specs[m]["family"] == me["family"]]
    if level == "architecture":
        return [m for m in others if specs[m]["architecture"] == me["architecture"] and specs[m]["family"] != me["family"]]
    return others


def _peer_estimate(model_id: str, peers: Sequence[str], value: Mapping[str, float], specs: Specs) -> float:
    """The model's value estimated from its peers' values scaled by cores × clock (geometric mean)."""
    logs = [math.log(value[p] * _scale(specs[model_id], specs[p])) for p in peers]
    return math.exp(sum(logs) / len(logs))


def peer_rule_variance(scores: pd.DataFrame, specs: Specs, chain: Chain) -> dict[str, float]:
    """Log variance of estimating a score from peers, per level, measured by predicting every published score.

    For each benchmark and each model with a score on it, the model's score is predicted from up
    to three other models with a score on the same benchmark (same CPU family, or same architecture
    but another family), scaled by cores × clock; the squared log errors are averaged per level.
    """
    errors: dict[str, list[float]] = {"family": [], "architecture": []}
    for benchmark in chain.benchmarks:
        if benchmark not in scores:
            continue
        column = scores[benchmark].dropna()
        scored = [str(m) for m in column.index if str(m) in specs]
        values = {str(m): float(v) for m, v in column.items()}
        for model_id in scored:
            for level, bucket in errors.items():
                peers = _nearest(model_id, _peer_pool(model_id, scored, specs, level), specs)
                if peers:
                    bucket.append(math.log(values[model_id] / _peer_estimate(model_id, peers, values, specs)) ** 2)
    out = {level: (sum(v) / len(v) if len(v) >= MIN_ERROR_SAMPLES else DEFAULT_ESTIMATE_UNCERTAINTY**2) for level, v in errors.items()}
    out["architecture"] = max(out["architecture"], out["family"])
    return out


def _family_bridges(scores: pd.DataFrame, newer: str, older: str, specs: Specs) -> tuple[list[float], list[str]]:
    """log(newer/older) from pairs of same-family models, one on each benchmark, nearest in launch date."""
    new_scores = {str(m): float(v) for m, v in scores[newer].dropna().items() if str(m) in specs}
    old_scores = {str(m): float(v) for m, v in scores[older].dropna().items() if str(m) in specs}
    logs, names = [], []
    for model_id, score in old_scores.items():
        pool = [m for m in new_scores if specs[m]["family"] == specs[model_id]["family"]]
        if not pool:
            continue
        partner = _nearest(model_id, pool, specs)[0]
        # The partner's score on the older benchmark, estimated from this model by cores × clock.
        logs.append(math.log(new_scores[partner] / (score * _scale(specs[partner], specs[model_id]))))
        names.append(f"{model_id} ~ {partner}")
    return logs, names


def compute_links(scores: pd.DataFrame, chain: ChainLike = MULTI_CORE_CHAIN, specs: Specs | None = None, family_var: float = 0.0) -> list[Link]:
    """Bridge factors of every benchmark of ``chain`` reachable from the anchor (``scores``: model_id × benchmark).

    A link uses the models with published scores on both benchmarks; when there are none and
    ``specs`` are given, pairs of same-CPU-family models (one on each) scaled by cores × clock,
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


def index_links(frame: pd.DataFrame, chain: ChainLike = MULTI_CORE_CHAIN, specs: Specs | None = None) -> tuple[dict[str, Link], dict[str, float]]:
    """The links of ``chain`` for a catalogue indexed by model_id, and the peer rule's error per level.

    ``specs`` are the frame's specifications when the caller already has them.
    """
    chain = _as_chain(chain)
    scores = frame[[c for c in chain.benchmarks if c in frame]]
    specs = specs if specs is not None else _specs(frame)
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


def _path_var(a: str, b: str, links: dict[str, Link]) -> float:
    """Log variance of converting between benchmarks ``a`` and ``b``: the links between them (shared ones cancel)."""
    common = next(x for x in links[a].ancestors if x in links[b].ancestors)
    return links[a].log_uncertainty ** 2 + links[b].log_uncertainty ** 2 - 2 * links[common].log_uncertainty ** 2


def _path_steps(a: str, b: str, links: dict[str, Link]) -> int:
    common = next(x for x in links[a].ancestors if x in links[b].ancestors)
    return links[a].ancestors.index(common) + links[b].ancestors.index(common)


def _measured_points(scores: pd.DataFrame, links: dict[str, Link], chain: Chain, labels: Mapping[str, str]) -> dict[str, _Point]:
    found: dict[str, _Point] = {}
    usable = [b for b in chain.benchmarks if b in links]
    by_model: dict[Any, dict[Any, Any]] = scores.to_dict("index")
    for model_id, row in by_model.items():
        for benchmark in usable:
            score = row.get(benchmark)
            if score is not None and not math.isnan(float(score)):
                text = f"{labels.get(benchmark, benchmark)} score {float(score):,.4g}"
                found[str(model_id)] = _Point(float(score) * links[benchmark].factor, (benchmark,), 0.0, "high", text)
                break
    return found


def _estimate(model_id: str, specs: Specs, measured: dict[str, _Point], variance: Mapping[str, float], names: Mapping[str, str]) -> _Point | None:
    """Points from up to three measured peers nearest in launch date, scaled by cores × clock."""
    levels = (
        ("family", "medium", "same CPU family ({family})"),
        ("architecture", "low", "same architecture ({architecture})"),
        ("any", "low", "nearest in launch date"),
    )
    for level, confidence, words in levels:
        peers = _nearest(model_id, _peer_pool(model_id, list(measured), specs, level), specs)
        if peers:
            points = _peer_estimate(model_id, peers, {p: measured[p].points for p in peers}, specs)
            shared = words.format(**specs[model_id])
            basis = f"estimated from {'; '.join(names.get(p, p) for p in peers)} ({shared}), scaled by cores × clock"
            benches = tuple(b for p in peers for b in measured[p].benches)
            return _Point(points, benches, variance.get(level, variance["architecture"]), confidence, basis)
    return None


def compute_index(
    frame: pd.DataFrame, reference: str = REFERENCE_MODEL, chain: ChainLike = MULTI_CORE_CHAIN, labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Index per model (``reference`` = 1) with a low-high band, confidence, basis and chain steps.

    ``frame`` is indexed by model_id and has a column per benchmark of ``chain``; when it also has
    the SPEC_COLUMNS (and ``name``), same-family bridges join benchmarks no model shares, and
    models without a reachable score are estimated from peers.
    """
    chain = _as_chain(chain)
    specs = _specs(frame)
    links, variance = index_links(frame, chain, specs)
    return _index_from_links(frame, reference, chain, labels or {}, specs, links, variance)


def _index_from_links(
    frame: pd.DataFrame,
    reference: str,
    chain: Chain,
    labels: Mapping[str, str],
    specs: Specs | None,
    links: dict[str, Link],
    variance: Mapping[str, float],
) -> pd.DataFrame:
    scores = frame[[c for c in chain.benchmarks if c in frame]]
    points = _measured_points(scores, links, chain, labels)
    if specs:
        names = {m: str(row.get("name", m)) for m, row in specs.items()}
        measured = dict(points)
        for model_id in specs:
            if model_id not in measured:
                estimate = _estimate(model_id, specs, measured, variance, names)
                if estimate:
                    points[model_id] = estimate
    if reference not in points:
        raise ValueError(f"the reference model '{reference}' has no score in the chain and no estimate")
    ref = points[reference]
    rows = []
    for model_id, p in points.items():
        if model_id == reference:
            rows.append((model_id, 1.0, 1.0, 1.0, p.confidence, f"reference (= 1); {p.basis}", 0))
            continue
        pairs = [(a, b) for a in p.benches for b in ref.benches]
        chain_var = sum(_path_var(a, b, links) for a, b in pairs) / len(pairs)
        u = math.sqrt(max(chain_var, 0.0) + p.estimate_var + ref.estimate_var)
        index = p.points / ref.points
        steps = max(_path_steps(a, b, links) for a, b in pairs)
        rows.append((model_id, index, index * math.exp(-u), index * math.exp(u), p.confidence, p.basis, steps))
    columns = ["model_id", "index", "index_low", "index_high", "confidence", "basis", "chain_steps"]
    return pd.DataFrame(rows, columns=columns).set_index("model_id")


@dataclass(frozen=True)
class IndexDescription:
    """How the index of a catalogue was made: the benchmark chain and the confidence per era."""

    chain: pd.DataFrame
    confidence: pd.DataFrame


def index_catalogue(models: pd.DataFrame, labels: Mapping[str, str], chain: ChainLike = MULTI_CORE_CHAIN) -> tuple[pd.DataFrame, IndexDescription]:
    """The catalogue with INDEX_COLUMNS added, and how the index was made (its links computed once for both).

    The earliest model is the reference when the Macintosh 128K is absent.
    """
    chain = _as_chain(chain)
    frame = models.set_index("model_id")
    specs = _specs(frame)
    links, variance = index_links(frame, chain, specs)
    reference = REFERENCE_MODEL if REFERENCE_MODEL in frame.index else str(frame["launched"].idxmin())
    try:
        result = _index_from_links(frame, reference, chain, labels, specs, links, variance)
    except ValueError:
        result = pd.DataFrame(columns=["index", "index_low", "index_high", "confidence", "basis"], dtype="float64")
    ids = models["model_id"]
    known = ids.isin(result.index)
    indexed = models.assign(
        perf_index=ids.map(result["index"]).astype("float64"),
        perf_index_low=ids.map(result["index_low"]).astype("float64"),
        perf_index_high=ids.map(result["index_high"]).astype("float64"),
        perf_index_confidence=ids.map(result["confidence"]).astype("str").where(known),
        perf_index_basis=ids.map(result["basis"]).astype("str").where(known),
    )
    return indexed, IndexDescription(describe_chain(indexed, chain, labels, links), describe_confidence(indexed))


def describe_chain(
    models: pd.DataFrame, chain: ChainLike = MULTI_CORE_CHAIN, labels: Mapping[str, str] | None = None, links: dict[str, Link] | None = None
) -> pd.DataFrame:
    """Per benchmark: how many models have a score, and how it converts to the anchor (if it does).

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
                "models with a score": int(scores[benchmark].notna().sum()),
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
