"""The chained performance index on synthetic data where the true answer is known."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from maclineup.perfindex import SINGLE_BRIDGE_UNCERTAINTY, compute_index, compute_links, describe_chain

CHAIN = ("v3", "v2", "v1")
TRUE_SPEED = {"old-a": 1.0, "old-b": 2.0, "mid-a": 8.0, "mid-b": 10.0, "new-a": 40.0, "new-b": 60.0}
SCALE = {"v3": 100.0, "v2": 30.0, "v1": 7.0}  # points per unit of speed, different in each version
MEASURED = {  # which versions each model was measured on: mid-* bridge v1-v2, mid-b and new-a bridge v2-v3
    "old-a": ("v1",), "old-b": ("v1",), "mid-a": ("v1", "v2"), "mid-b": ("v1", "v2", "v3"),
    "new-a": ("v2", "v3"), "new-b": ("v3",),
}  # fmt: skip


def synthetic(noise: dict[tuple[str, str], float] | None = None) -> pd.DataFrame:
    noise = noise or {}
    data = {b: {m: TRUE_SPEED[m] * SCALE[b] * noise.get((m, b), 1.0) for m, versions in MEASURED.items() if b in versions} for b in CHAIN}
    return pd.DataFrame(data).reindex(list(TRUE_SPEED))


def test_index_recovers_known_speed_ratios_across_versions() -> None:
    result = compute_index(synthetic(), reference="old-a", chain=CHAIN)
    for model, speed in TRUE_SPEED.items():
        assert result.at[model, "index"] == pytest.approx(speed)


def test_bridge_factors_convert_each_version_to_the_anchor() -> None:
    links = {link.benchmark: link for link in compute_links(synthetic(), CHAIN)}
    assert links["v3"].factor == 1.0
    assert links["v2"].factor == pytest.approx(SCALE["v3"] / SCALE["v2"])
    assert links["v1"].factor == pytest.approx(SCALE["v3"] / SCALE["v1"])
    assert set(links["v2"].bridges) == {"mid-b", "new-a"}
    assert set(links["v1"].bridges) == {"mid-a", "mid-b"}


def test_two_models_on_the_anchor_keep_their_score_ratio() -> None:
    scores = synthetic()
    result = compute_index(scores, reference="old-a", chain=CHAIN)
    ratio = result.at["new-b", "index"] / result.at["new-a", "index"]
    assert ratio == pytest.approx(scores.at["new-b", "v3"] / scores.at["new-a", "v3"])


def test_band_widens_with_chain_length_and_bridge_disagreement() -> None:
    noisy = synthetic({("mid-a", "v2"): 1.1, ("mid-b", "v2"): 0.9})
    result = compute_index(noisy, reference="new-b", chain=CHAIN)
    width = (result["index_high"] / result["index_low"]).map(math.log)
    assert width["new-a"] == pytest.approx(0)  # same benchmark as the reference
    assert width["mid-a"] > 0  # one link (v2), whose two bridges disagree
    assert width["old-a"] > width["mid-a"]
    assert result.at["old-a", "chain_steps"] == 2 and result.at["new-a", "chain_steps"] == 0


def test_a_single_bridge_gets_the_default_uncertainty() -> None:
    scores = synthetic().drop(columns=["v1"]).drop(index=["new-a"])  # only mid-b bridges v2-v3
    [_, link] = compute_links(scores, ("v3", "v2"))
    assert link.bridges == ("mid-b",)
    assert link.log_uncertainty == pytest.approx(SINGLE_BRIDGE_UNCERTAINTY)


def test_models_beyond_the_last_bridge_get_no_index() -> None:
    scores = synthetic().drop(index=["mid-a", "mid-b"])  # nothing bridges v1 to v2
    result = compute_index(scores, reference="new-b", chain=CHAIN)
    assert "old-a" not in result.index
    with pytest.raises(ValueError, match="reference model 'old-a'"):
        compute_index(scores, reference="old-a", chain=CHAIN)


def test_results_are_reproducible() -> None:
    first = compute_index(synthetic(), reference="old-a", chain=CHAIN)
    pd.testing.assert_frame_equal(first, compute_index(synthetic(), reference="old-a", chain=CHAIN))


def test_chain_description_counts_scores_and_names_bridges() -> None:
    scores = synthetic().drop(index=["mid-a", "mid-b"])  # v1 becomes unreachable
    models = scores.reset_index(names="model_id")
    table = describe_chain(models, CHAIN).set_index("benchmark")
    assert table.loc["v3", "bridge_models"] == "(anchor)"
    assert table.loc["v2", "bridge_models"] == "new-a"
    assert table.loc["v2", "points_per_anchor_point"] == pytest.approx(SCALE["v2"] / SCALE["v3"], rel=1e-3)
    assert table.loc["v1", "models_with_score"] == 2
    assert table.loc["v1", "uncertainty"] == "not reachable yet"
