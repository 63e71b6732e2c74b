"""The chained performance index on synthetic data where the true answer is known."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from maclineup.perfindex import SINGLE_BRIDGE_UNCERTAINTY, compute_index, compute_links, cpu_family, describe_chain, linear_chain

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
    assert table.loc["v3", "bridge models"] == "(anchor)"
    assert table.loc["v2", "bridge models"] == "new-a"
    assert table.loc["v2", "points per v3 point"] == pytest.approx(SCALE["v2"] / SCALE["v3"], rel=1e-3)
    assert table.loc["v1", "models with a score"] == 2
    assert table.loc["v1", "to the anchor ×/÷"] == "not reachable yet"
    assert table.loc["v2", "bridge"] == "same model"


# Estimation: within a CPU family, speed is proportional to cores × clock in this synthetic catalogue.
def _catalogue() -> pd.DataFrame:
    rows = [  # model, launched, cpu, architecture, cores, clock, true speed, measured on v1
        ("a-1", "1990-01-01", "Motorola 68030", "68k", 1, 16, 1.0, True),
        ("a-2", "1991-01-01", "Motorola 68030", "68k", 1, 32, 2.0, True),
        ("a-3", "1992-01-01", "Motorola 68030", "68k", 1, 25, 1.5625, False),
        ("b-1", "1993-01-01", "Motorola 68040", "68k", 1, 25, 5.0, True),
        ("b-2", "1994-01-01", "Motorola 68LC040", "68k", 1, 33, 6.6, False),
        ("c-1", "1995-01-01", "PowerPC 601", "PowerPC", 1, 60, 12.0, False),
    ]
    frame = pd.DataFrame(rows, columns=["model_id", "launched", "cpu", "architecture", "cpu_cores", "cpu_clock_mhz", "speed", "measured"])
    frame = frame.assign(launched=pd.to_datetime(frame["launched"]), name=frame["model_id"].str.upper(), v1=(frame["speed"] * 7).where(frame["measured"]))
    return frame.set_index("model_id")


def test_models_without_a_score_are_estimated_from_their_cpu_family_scaled_by_clock() -> None:
    result = compute_index(_catalogue(), reference="a-1", chain=("v1",))
    assert result.at["a-3", "index"] == pytest.approx(1.5625)  # 68030 peers, 25 MHz
    assert result.at["b-2", "index"] == pytest.approx(6.6)  # 68LC040 is the 68040 family
    assert result.at["a-3", "confidence"] == "medium" and "same CPU family (68030)" in result.at["a-3", "basis"]
    assert result.at["c-1", "confidence"] == "low"  # no PowerPC model has a score
    assert result.at["a-2", "confidence"] == "high" and result.at["a-2", "index"] == pytest.approx(2.0)


def test_estimates_carry_the_measured_error_of_the_peer_rule() -> None:
    catalogue = _catalogue()
    catalogue.loc["a-2", "v1"] *= 1.3  # the 68030 family no longer scales exactly with clock
    result = compute_index(catalogue, reference="a-1", chain=("v1",))
    width = (result["index_high"] / result["index"]).map(math.log)
    assert width["a-2"] == pytest.approx(0)  # measured on the reference's benchmark
    assert width["a-3"] > 0  # estimated: the band shows the rule's error


@pytest.mark.parametrize(
    ("cpu", "family"),
    [
        ("Motorola 68HC000", "68000"),
        ("Motorola 68LC040", "68040"),
        ("PowerPC 750cx (G3)", "PowerPC G3"),
        ("PowerPC 7455 (G4)", "PowerPC G4"),
        ("IBM PowerPC 970FX (G5)", "PowerPC G5"),
        ("PowerPC 603ev", "PowerPC 603"),
        ("Intel Core 2 Duo (T7400)", "Intel Core (Merom/Penryn)"),
        ("Intel Core i5 (8257U)", "Intel Coffee Lake"),
        ("Intel Core m3 (7Y32)", "Intel Kaby Lake"),
        ("Intel Xeon W (W-3223)", "Intel Cascade Lake"),
        ("Apple M2 Ultra", "Apple M2"),
        ("Apple A18 Pro", "Apple A18"),
    ],
)
def test_cpu_families(cpu: str, family: str) -> None:
    assert cpu_family(cpu) == family


def test_benchmarks_that_share_no_model_are_joined_through_same_family_models() -> None:
    catalogue = _catalogue()
    # v2 is a newer benchmark at 50 points per unit of speed; only 68040 and 601 Macs have it.
    catalogue = catalogue.assign(v2=(catalogue["speed"] * 50).where(catalogue.index.isin(["b-2", "c-1"])))
    chain = linear_chain(("v2", "v1"))
    [link] = [x for x in compute_links(catalogue[["v2", "v1"]], chain, _specs_of(catalogue)) if x.benchmark == "v1"]
    assert link.kind == "same CPU family" and link.bridges == ("b-1 ~ b-2",)
    assert link.factor == pytest.approx(50 / 7)
    result = compute_index(catalogue, reference="a-1", chain=chain)
    assert result.at["c-1", "index"] == pytest.approx(12.0)  # measured on v2 only, placed against a-1 on v1


def _specs_of(catalogue: pd.DataFrame) -> dict[str, dict[str, object]]:
    specs = catalogue.assign(family=catalogue["cpu"].map(cpu_family)).to_dict("index")
    return {str(k): {str(c): v for c, v in row.items()} for k, row in specs.items()}
