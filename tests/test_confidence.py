"""Bead posteriors: the forward–backward sums against every path enumerated, and what they say."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import align
from align.confidence import path_posteriors
from align.search import Band, NullRuns, _project, dp, traceback
from tests.test_search import path_cost

PAIR_TYPES = [(1, 1), (1, 2), (2, 1), (2, 2)]


def every_path(n_src: int, n_tgt: int, types: list[tuple[int, int]]):
    """Every bead path from node (0, 0) to (n_src, n_tgt), as lists of bead types."""
    if n_src == 0 and n_tgt == 0:
        yield []
        return
    for k, l in types:
        if k <= n_src and l <= n_tgt:
            for rest in every_path(n_src - k, n_tgt - l, types):
                yield [(k, l), *rest]


def random_costs(rng: np.random.Generator, n_src: int, n_tgt: int) -> dict:
    """A cost in [-2, 4) for every pair bead of PAIR_TYPES at every node where it fits."""
    costs = {}
    for k, l in PAIR_TYPES:
        cost = rng.random((n_src + 1, n_tgt + 1)) * 6 - 2
        cost[:k, :] = np.inf
        cost[:, :l] = np.inf
        costs[(k, l)] = cost
    return costs


def beads_of(path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """A path's beads as (source sentences, target sentences); a null bead by its sentence alone."""
    out, i, j = [], 0, 0
    for k, l in path:
        out.append((tuple(range(i, i + k)), tuple(range(j, j + l))))
        i, j = i + k, j + l
    return out


@settings(max_examples=40, deadline=None)
@given(n_src=st.integers(1, 5), n_tgt=st.integers(1, 5), seed=st.integers(0, 10_000),
       temperature=st.sampled_from([0.5, 1.0, 3.0]), src_open=st.sampled_from([0.0, 1.0]),
       tgt_open=st.sampled_from([0.0, 0.7]))
def test_posteriors_are_the_share_of_the_paths_holding_the_bead(n_src, n_tgt, seed, temperature, src_open, tgt_open):
    rng = np.random.default_rng(seed)
    costs = random_costs(rng, n_src, n_tgt)
    runs = NullRuns(src_open, 1.5, tgt_open, 1.2)
    band = Band.full(n_src, n_tgt)
    stacked = np.stack([costs[t] for t in PAIR_TYPES])
    path = traceback(dp(stacked, PAIR_TYPES, band, runs), band, PAIR_TYPES, n_src, n_tgt)

    weights: dict[tuple, float] = {}
    total = 0.0
    for candidate in every_path(n_src, n_tgt, [*PAIR_TYPES, (1, 0), (0, 1)]):
        weight = math.exp(-path_cost(candidate, costs, runs) / temperature)
        total += weight
        for bead in set(beads_of(candidate)):
            weights[bead] = weights.get(bead, 0.0) + weight
    expected = [weights[bead] / total for bead in beads_of(path)]
    found = path_posteriors(stacked, PAIR_TYPES, band, runs, path, temperature)
    assert found == pytest.approx(expected, rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(n_src=st.integers(1, 7), n_tgt=st.integers(1, 7), seed=st.integers(0, 10_000), margin=st.integers(0, 2))
def test_in_a_band_posteriors_are_the_share_of_the_paths_inside_it(n_src, n_tgt, seed, margin):
    # The aligner sums over a band around its path (rows start at different columns): only the
    # paths whose every node lies in the band count.
    rng = np.random.default_rng(seed)
    costs = random_costs(rng, n_src, n_tgt)
    runs = NullRuns(1.0, 1.5, 0.7, 1.2)
    full = Band.full(n_src, n_tgt)
    best = traceback(dp(np.stack([costs[t] for t in PAIR_TYPES]), PAIR_TYPES, full, runs), full, PAIR_TYPES,
                     n_src, n_tgt)
    band = _project(best, 1, n_src, n_tgt, margin)
    inside = np.zeros((n_src + 1, n_tgt + 1), dtype=bool)
    banded = np.full((len(PAIR_TYPES), n_src + 1, band.width), np.inf)
    for i in range(n_src + 1):
        for c in range(band.width):
            j = band.lo[i] + c
            if j <= n_tgt:
                inside[i, j] = True
                banded[:, i, c] = [costs[t][i, j] for t in PAIR_TYPES]
    path = traceback(dp(banded, PAIR_TYPES, band, runs), band, PAIR_TYPES, n_src, n_tgt)

    def in_band(candidate) -> bool:
        i = j = 0
        for k, l in candidate:
            i, j = i + k, j + l
            if not inside[i, j]:
                return False
        return True

    weights: dict[tuple, float] = {}
    total = 0.0
    for candidate in filter(in_band, every_path(n_src, n_tgt, [*PAIR_TYPES, (1, 0), (0, 1)])):
        weight = math.exp(-path_cost(candidate, costs, runs))
        total += weight
        for bead in set(beads_of(candidate)):
            weights[bead] = weights.get(bead, 0.0) + weight
    expected = [weights[bead] / total for bead in beads_of(path)]
    found = path_posteriors(banded, PAIR_TYPES, band, runs, path, 1.0)
    assert found == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_a_sentence_that_could_join_either_neighbour_leaves_both_units_doubtful():
    # The inserted target sentence shares words with the source sentences before and after it: the
    # aligner must guess which unit it belongs to, and both units score well below the clear ones,
    # although each shares all its words with the other side.
    src = ["The river flooded the northern valley in spring.", "Farmers moved their cattle to the high pastures.",
           "The government sent boats and food to the villages.", "Schools stayed closed for three weeks.",
           "Engineers later built a new dam upstream.", "The harvest that autumn was the best in a decade."]
    tgt = [*src[:3], "Boats and villages, schools and weeks.", *src[3:]]
    beads = align(src, tgt, "en", "en").beads
    doubtful = [bead for bead in beads if 3 in bead.tgt or 4 in bead.tgt]
    clear = [bead for bead in beads if bead not in doubtful]
    assert len(doubtful) == 2 and all(bead.score < 0.8 for bead in doubtful)
    assert all(bead.kind == "1-1" and bead.score > 0.99 for bead in clear)


def test_doctests():
    import doctest

    from align import confidence

    assert doctest.testmod(confidence).failed == 0
