"""One performance scale across benchmark generations, chained through bridge models.

Each benchmark version is converted to the scale of the newest one (the anchor) by the geometric
mean ratio of scores of the bridge models measured on both adjacent versions. A model's index comes
from the newest benchmark it has; its uncertainty band widens with every link of the chain used.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pandas as pd

# Newest first: each version is bridged to the one before it in this list.
MULTI_CORE_CHAIN: tuple[str, ...] = ("geekbench6_multi", "geekbench5_multi", "geekbench4_multi", "geekbench3_multi", "geekbench2")
# Log-scale uncertainty of a link measured by a single bridge model (no spread to estimate from).
SINGLE_BRIDGE_UNCERTAINTY = 0.15


@dataclass(frozen=True)
class Link:
    """How one benchmark version converts to the anchor's scale."""

    benchmark: str
    factor: float  # multiply a score of this benchmark to get anchor points
    bridges: tuple[str, ...]  # models measured on this and the next newer version
    log_uncertainty: float  # cumulative, from the anchor to this version


def compute_links(scores: pd.DataFrame, chain: Sequence[str] = MULTI_CORE_CHAIN) -> list[Link]:
    """Bridge factors for each version of ``chain`` reachable from the anchor (``scores``: model_id × benchmark)."""
    links = [Link(chain[0], 1.0, (), 0.0)]
    for newer, older in pairwise(chain):
        if newer not in scores or older not in scores:
            break
        both = scores[[newer, older]].dropna()
        if both.empty:
            break
        logs = (both[newer] / both[older]).map(math.log)
        spread = float(logs.std(ddof=1)) if len(logs) > 1 else SINGLE_BRIDGE_UNCERTAINTY
        previous = links[-1]
        links.append(
            Link(
                benchmark=older,
                factor=previous.factor * math.exp(float(logs.mean())),
                bridges=tuple(both.index.astype(str)),
                log_uncertainty=math.hypot(previous.log_uncertainty, spread),
            )
        )
    return links


def compute_index(scores: pd.DataFrame, reference: str, chain: Sequence[str] = MULTI_CORE_CHAIN) -> pd.DataFrame:
    """Index per model (``reference`` = 1) with a low-high band, the benchmark used and the chain length."""
    links = compute_links(scores, chain)
    by_model: dict[Any, dict[Any, Any]] = scores.to_dict("index")
    found: dict[str, tuple[float, float, str, int]] = {}  # model -> (anchor points, log uncertainty, basis, steps)
    for model_id, row in by_model.items():
        for steps, link in enumerate(links):
            score = row.get(link.benchmark)
            if score is not None and not math.isnan(float(score)):
                found[str(model_id)] = (float(score) * link.factor, link.log_uncertainty, link.benchmark, steps)
                break
    if reference not in found:
        raise ValueError(f"the reference model '{reference}' has no score in the chain")
    ref_points, ref_u, _, _ = found[reference]
    rows = []
    for model_id, (points, u, basis, steps) in found.items():
        total = math.hypot(u, ref_u)  # the reference's own uncertainty is shared by every ratio to it
        index = points / ref_points
        rows.append((model_id, index, index * math.exp(-total), index * math.exp(total), basis, steps))
    return pd.DataFrame(rows, columns=["model_id", "index", "index_low", "index_high", "basis", "chain_steps"]).set_index("model_id")


def describe_chain(models: pd.DataFrame, chain: Sequence[str] = MULTI_CORE_CHAIN) -> pd.DataFrame:
    """Per benchmark version: how many models have a score, and how it bridges to the anchor (if it does)."""
    scores = models.set_index("model_id")[list(chain)]
    links = {link.benchmark: link for link in compute_links(scores, chain)}
    rows = []
    for newer, benchmark in zip([None, *chain], chain, strict=False):
        link = links.get(benchmark)
        bridges = scores[[newer, benchmark]].dropna() if newer else scores.iloc[0:0]
        rows.append(
            {
                "benchmark": benchmark,
                "models_with_score": int(scores[benchmark].notna().sum()),
                "bridge_models": ", ".join(bridges.index.astype(str)) if newer else "(anchor)",
                "points_per_anchor_point": round(1 / link.factor, 4) if link else None,
                "uncertainty": f"×/÷ {math.exp(link.log_uncertainty):.2f}" if link else "not reachable yet",
            }
        )
    return pd.DataFrame(rows)
