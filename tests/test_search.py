"""The search: Gale–Church cost, the banded DP against brute force, the band, coarse-to-fine."""

from __future__ import annotations

import functools
from dataclasses import replace

import numba
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scipy import sparse

from align.config import LengthConfig, LexicalConfig, Params, SearchConfig
from align.features import SideFeatures, band_dots, offset_dots, row_dots
from align.search import (Band, DynamicProgram, Level, NullRuns, PassModel, _pair_costs, _project, _Side, _weights, band_costs,
                          bead_costs, dp, gale_church_cost, search, traceback)

TYPES = [(1, 1), (1, 2), (2, 1), (2, 2), (1, 0), (0, 1)]


def brute_force(costs: dict, n_src: int, n_tgt: int, runs: NullRuns) -> float:
    """The least total cost over every path, enumerated recursively (no band, no vectorisation):
    each run of null beads on one side pays its open cost once and its extend cost per bead."""
    @functools.lru_cache(maxsize=None)
    def least(i: int, j: int, last: tuple[int, int]) -> float:
        if i == n_src and j == n_tgt:
            return 0.0
        best = np.inf
        for k, l in costs:
            if not (k or l) or i + k > n_src or j + l > n_tgt:
                continue
            if (k, l) == (1, 0):
                step = runs.src_extend + (0.0 if last == (1, 0) else runs.src_open)
            elif (k, l) == (0, 1):
                step = runs.tgt_extend + (0.0 if last == (0, 1) else runs.tgt_open)
            else:
                step = costs[(k, l)][i + k, j + l]
            best = min(best, step + least(i + k, j + l, (k, l)))
        return best
    return least(0, 0, (1, 1))


def path_cost(path, costs, runs: NullRuns) -> float:
    i = j = 0
    total = 0.0
    last = (1, 1)
    for k, l in path:
        i, j = i + k, j + l
        if (k, l) == (1, 0):
            total += runs.src_extend + (0.0 if last == (1, 0) else runs.src_open)
        elif (k, l) == (0, 1):
            total += runs.tgt_extend + (0.0 if last == (0, 1) else runs.tgt_open)
        else:
            total += costs[(k, l)][i, j]
        last = (k, l)
    return total


@settings(max_examples=60, deadline=None)
@given(n_src=st.integers(0, 8), n_tgt=st.integers(0, 8), seed=st.integers(0, 10_000),
       null=st.floats(0.1, 3.0), src_open=st.sampled_from([0.0, 0.5, 2.0]), tgt_open=st.sampled_from([0.0, 0.7, 3.0]))
def test_dp_finds_the_least_cost_path(n_src, n_tgt, seed, null, src_open, tgt_open):
    rng = np.random.default_rng(seed)
    costs = {}
    for k, l in TYPES:
        cost = rng.random((n_src + 1, n_tgt + 1)) * 4
        cost[:k, :] = np.inf
        cost[:, :l] = np.inf
        costs[(k, l)] = cost
    runs = NullRuns(src_open, null, tgt_open, null)
    band = Band.full(n_src, n_tgt)
    pair_types = [t for t in TYPES if t[0] and t[1]]
    back = dp(np.stack([costs[t] for t in pair_types]), pair_types, band, runs)
    path = traceback(back, band, pair_types, n_src, n_tgt)
    assert sum(k for k, _ in path) == n_src and sum(l for _, l in path) == n_tgt
    assert path_cost(path, costs, runs) == pytest.approx(brute_force(costs, n_src, n_tgt, runs))


@settings(max_examples=40, deadline=None)
@given(n_src=st.integers(0, 12), n_tgt=st.integers(0, 12), seed=st.integers(0, 10_000), rows=st.integers(1, 13),
       ceiling=st.floats(0.5, 5.0))
def test_dp_fed_a_few_rows_at_a_time_leaves_the_same_back_pointers(n_src, n_tgt, seed, rows, ceiling):
    # search feeds the DP a chunk of rows at a time and it keeps only the last rows' least costs.
    rng = np.random.default_rng(seed)
    pair_types = [t for t in TYPES if t[0] and t[1]]
    costs = rng.random((len(pair_types), n_src + 1, n_tgt + 1)) * 4
    costs[rng.random(costs.shape) < 0.2] = np.inf
    band, runs, cap = Band.full(n_src, n_tgt), NullRuns(0.5, 1.0, 0.7, 1.0), (0, ceiling)
    whole = dp(costs, pair_types, band, runs, cap)
    fed = DynamicProgram(pair_types, band, runs, cap)
    for first in range(0, n_src + 1, rows):
        fed.extend(np.ascontiguousarray(costs[:, first:first + rows]))
    for field in ("state", "pair", "pair_cost", "src_run", "tgt_run"):
        assert np.array_equal(getattr(fed.back, field), getattr(whole, field))
    # A node no pair bead reaches names no pair type and no cost; a pair type named is a real one.
    assert np.isinf(whole.pair_cost[whole.pair == -1]).all()
    assert ((whole.pair >= -1) & (whole.pair < len(pair_types))).all() and (whole.state <= 2).all()
    assert traceback(fed.back, band, pair_types, n_src, n_tgt) == traceback(whole, band, pair_types, n_src, n_tgt)


@pytest.mark.parametrize("n_src, n_tgt, weight, expected", [
    (10, 10, 1.0, (0.0, 2.0, 0.0, 2.0)),
    (10, 40, 1.0, (0.0, 2.0, 1.5, 0.5)),
    (40, 10, 1.0, (1.5, 0.5, 0.0, 2.0)),
    (10, 40, 0.0, (0.0, 2.0, 0.0, 2.0)),
])
def test_null_runs_move_the_long_sides_null_cost_to_each_run(n_src, n_tgt, weight, expected):
    runs = NullRuns.for_sizes(2.0, n_src, n_tgt, weight)
    assert (runs.src_open, runs.src_extend, runs.tgt_open, runs.tgt_extend) == pytest.approx(expected)


@pytest.mark.parametrize("src_len, tgt_len, expected", [
    (100.0, 100.0, 0.0),
    (100.0, 150.0, 2.449),
    (10.0, 10.0, 0.0),
])
def test_gale_church_cost_values(src_len, tgt_len, expected):
    cost = gale_church_cost(np.array([src_len]), np.array([tgt_len]), 1.0, 6.8)[0]
    assert cost == pytest.approx(expected, abs=1e-3)


@given(st.floats(1, 500), st.floats(0, 300))
def test_gale_church_cost_grows_with_the_mismatch(src_len, extra):
    costs = gale_church_cost(np.array([src_len] * 3), np.array([src_len, src_len + extra, src_len + extra + 10]),
                             1.0, 6.8)
    assert 0 <= costs[0] <= costs[1] <= costs[2]
    assert np.isfinite(costs).all()


def test_projected_band_holds_the_scaled_path():
    path = [(1, 1), (0, 1), (1, 1), (1, 0), (1, 1)]  # coarse 4 x 4
    band = _project(path, 3, 12, 11, margin=2)
    i = j = 0
    for k, l in path:
        i, j = i + k, j + l
        fine_i, fine_j = min(3 * i, 12), min(3 * j, 11)
        assert band.lo[fine_i] <= fine_j < band.lo[fine_i] + band.width
    assert band.lo[0] == 0 and band.lo[12] + band.width - 1 >= 11


def _matrix(vectors: list[dict[int, float]], columns: int = 1000) -> sparse.csr_matrix:
    rows = [r for r, vector in enumerate(vectors) for _ in vector]
    cols = [f for vector in vectors for f in vector]
    weights = [w for vector in vectors for w in vector.values()]
    return sparse.csr_matrix((weights, (rows, cols)), shape=(len(vectors), columns))


def _side(features: list[list[int]], lengths: list[float]) -> SideFeatures:
    return SideFeatures(
        vectors=_matrix([{f: 1.0 for f in feats} for feats in features]),
        lengths=np.array(lengths, dtype=float),
        para_start=np.zeros(len(features), dtype=bool),
    )


def dot(x: dict[int, float], y: dict[int, float]) -> float:
    return sum((weight * y[f] for f, weight in x.items() if f in y), 0.0)


# The search tests' own setting: lexical and length costs without coverage and debris (unless a
# test turns them on), four bead types, the length cost capped at 8, no surplus-run split.
MODEL = PassModel(length_ratio=1.0)
PARAMS = Params(length=LengthConfig(cap=8.0), lexical=LexicalConfig(coverage_weight=0.0),
                search=SearchConfig(bead_types=((1, 1), (1, 2), (2, 1), (2, 2)), debris_cost=0.0, surplus_weight=0.0,
                                    seed=1))


def _params(full_dp_cells: int, **search: float) -> Params:
    return replace(PARAMS, search=replace(PARAMS.search, full_dp_cells=full_dp_cells, **search))


def _with(params: Params, **lexical: float) -> Params:
    return replace(params, lexical=replace(params.lexical, **lexical))


def test_coarse_to_fine_finds_what_the_full_search_finds():
    rng = np.random.default_rng(3)
    n = 300
    # Each sentence has two private features; target sentence 2k+1 is dropped, so beads shift.
    src_feats = [[2 * i, 2 * i + 1] for i in range(n)]
    lengths = list(rng.integers(20, 200, n).astype(float))
    keep = [i for i in range(n) if i % 50 != 7]
    src, tgt = _side(src_feats, lengths), _side([src_feats[i] for i in keep], [lengths[i] for i in keep])
    full = search(src, tgt, _params(10**9), MODEL)
    banded = search(src, tgt, _params(2_000), MODEL)
    assert banded.path == full.path
    assert full.path.count((1, 0)) == n - len(keep)


def test_very_unequal_sizes_align():
    src = _side([[i] for i in range(10)], [100.0] * 10)
    tgt = _side([[i % 10] for i in range(60)], [17.0] * 60)
    result = search(src, tgt, _params(50), MODEL)
    assert sum(k for k, _ in result.path) == 10 and sum(l for _, l in result.path) == 60


@settings(max_examples=25, deadline=None)
@given(st.lists(st.dictionaries(st.integers(0, 6), st.floats(0.1, 3.0), max_size=4), min_size=1, max_size=9))
def test_bead_norms_from_same_side_dot_products(vectors):
    side = _Side(SideFeatures(_matrix(vectors, 7), np.ones(len(vectors)), np.zeros(len(vectors), dtype=bool)), 3)
    for k in (1, 2, 3):
        for i in range(k, len(vectors) + 1):
            summed: dict[int, float] = {}
            for vector in vectors[i - k:i]:
                for f, w in vector.items():
                    summed[f] = summed.get(f, 0.0) + w
            assert side.norm2[k][i] == pytest.approx(dot(summed, summed))


def _crossing_pair(src_middle: list[list[int]], tgt_middle: list[list[int]]) -> tuple[SideFeatures, SideFeatures]:
    """Five 1-1 pairs, a two-by-two passage whose sentence boundaries differ, five 1-1 pairs;
    every word is 20 characters long."""
    before, after = [[100 + i, 200 + i] for i in range(5)], [[300 + i, 400 + i] for i in range(5)]
    src, tgt = before + src_middle + after, before + tgt_middle + after
    return (_side(src, [20.0 * len(f) for f in src]), _side(tgt, [20.0 * len(f) for f in tgt]))


@pytest.mark.parametrize("src_middle, tgt_middle", [
    ([[1, 2, 3, 4], [5, 6]], [[1, 2], [3, 4, 5, 6]]),
    ([[1, 2, 3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6, 7, 8]]),
])
def test_coverage_credits_a_merge_whose_sentences_all_find_counterparts(src_middle, tgt_middle):
    src, tgt = _crossing_pair(src_middle, tgt_middle)
    cheap_merges = _params(10**9, merge_cost=1.0)
    by_cosine = search(src, tgt, _with(cheap_merges, coverage_weight=0.0), MODEL)
    by_coverage = search(src, tgt, _with(cheap_merges, coverage_weight=1.0), MODEL)
    assert by_cosine.path[5:7] == [(1, 1), (1, 1)]
    assert by_coverage.path[5] == (2, 2)


def test_coverage_leaves_1_1_costs_alone():
    src, tgt = _crossing_pair([[1, 2, 3, 4], [5, 6]], [[1, 2], [3, 4, 5, 6]])
    level = Level.build(src, tgt, Band.full(len(src), len(tgt)), 2)
    one_one = [bead_costs(level, (1, 1), _with(PARAMS, coverage_weight=w), MODEL, 1.0) for w in (0.0, 1.0)]
    two_two = [bead_costs(level, (2, 2), _with(PARAMS, coverage_weight=w), MODEL, 1.0) for w in (0.0, 1.0)]
    np.testing.assert_array_equal(one_one[0], one_one[1])
    assert two_two[1][7, 7] < two_two[0][7, 7]


def test_a_debris_line_is_left_unaligned_rather_than_folded_into_a_bead():
    # Twenty 1-1 pairs of alternating length (random pairs thus cost a null of 7), and between
    # pairs 10 and 11 a target line with no words (a page number): only its flag tells it apart.
    lengths = [20.0, 200.0] * 10
    src_feats = [[100 + i, 200 + i] for i in range(20)]
    src = _side(src_feats, lengths)
    tgt = _side(src_feats[:10] + [[]] + src_feats[10:], lengths[:10] + [6.0] + lengths[10:])
    tgt = SideFeatures(tgt.vectors, tgt.lengths, tgt.para_start, np.arange(21) == 10)
    folded = search(src, tgt, _params(10**9, debris_cost=0.0), MODEL)
    left_alone = search(src, tgt, _params(10**9, debris_cost=3.0), MODEL)
    assert (1, 2) in folded.path[9:11]
    assert left_alone.path[9:12] == [(1, 1), (0, 1), (1, 1)]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.dictionaries(st.integers(0, 6), st.floats(0.1, 3.0), max_size=4), min_size=1, max_size=9),
       st.lists(st.dictionaries(st.integers(0, 6), st.floats(0.1, 3.0), max_size=4), min_size=1, max_size=9),
       st.integers(0, 3), st.integers(1, 4))
def test_sparse_dot_products_match_the_definition(src, tgt, first, width):
    x, y = _matrix(src, 7), _matrix(tgt, 7)
    start = np.minimum(np.arange(len(src)) + first, len(tgt) - 1)
    stop = np.minimum(start + width - 1, len(tgt) - 1)
    dots = band_dots(x, y, start, stop, width)
    for a in range(len(src)):
        for c in range(width):
            b = start[a] + c
            assert dots[a, c] == pytest.approx(dot(src[a], tgt[b]) if b <= stop[a] else 0.0)
    shorter = min(len(src), len(tgt))
    assert row_dots(x[:shorter], y[:shorter]) == pytest.approx([dot(src[r], tgt[r]) for r in range(shorter)])
    same_side = offset_dots(x, width)
    for d in range(width):
        assert same_side[d] == pytest.approx([dot(src[a], src[a + d]) if a + d < len(src) else 0.0
                                              for a in range(len(src))])


def _formula(src: SideFeatures, tgt: SideFeatures, k: int, l: int, i: int, j: int, params: Params, model: PassModel,
             scale: float) -> float:
    """The cost of a ``(k, l)`` bead ending at node ``(i, j)``, term by term as ``bead_costs``' docstring
    writes it, from dense vectors."""
    lexical, length, search_ = params.lexical, params.length, params.search
    x_parts, y_parts = src.vectors.toarray()[i - k:i], tgt.vectors.toarray()[j - l:j]
    x, y = x_parts.sum(axis=0), y_parts.sum(axis=0)

    def g(a: np.ndarray, b: np.ndarray) -> float:
        norms = np.linalg.norm(a) * np.linalg.norm(b)
        return float(np.log1p((a @ b / norms if norms > 0 else 0.0) / scale))

    w = lexical.coverage_weight if k + l > 2 else 0.0
    credits = sum(g(u, y) for u in x_parts) + sum(g(x, u) for u in y_parts)
    gc = gale_church_cost(np.array([src.lengths[i - k:i].sum()]), np.array([tgt.lengths[j - l:j].sum()]),
                          model.length_ratio, length.variance)[0]
    breaks = src.para_start[i - k + 1:i].sum() + tgt.para_start[j - l + 1:j].sum()
    debris = src.debris[i - k:i].sum() + tgt.debris[j - l:j].sum() if k + l > 2 else 0
    return (lexical.weight * ((k + l) / 2 - (1 - w) * g(x, y) - w * credits / 2)
            + length.weight * min(gc, length.cap) + model.prior((k, l), search_.merge_cost)
            + search_.paragraph_weight * breaks + search_.debris_cost * debris)


_sentence = st.dictionaries(st.integers(0, 5), st.floats(0.1, 3.0), max_size=3)


@settings(max_examples=30, deadline=None)
@given(st.lists(_sentence, min_size=1, max_size=7), st.lists(_sentence, min_size=1, max_size=7),
       st.lists(st.integers(1, 300), min_size=14, max_size=14), st.lists(st.booleans(), min_size=28, max_size=28),
       st.floats(0.05, 1.0), st.sampled_from([3.0, 8.0, np.inf]))
def test_band_costs_are_the_formula_for_every_bead_type(src_vectors, tgt_vectors, lengths, flags, scale, cap):
    """All types at once (sharing their sums and credits) give each type's formula, coverage,
    debris, paragraph breaks and the length cap included."""
    def side(vectors: list[dict[int, float]], offset: int) -> SideFeatures:
        n = len(vectors)
        return SideFeatures(_matrix(vectors, 6), np.array(lengths[offset:offset + n], dtype=float),
                            np.array(flags[offset:offset + n]), np.array(flags[14 + offset:14 + offset + n]))

    src, tgt = side(src_vectors, 0), side(tgt_vectors, 7)
    params = Params(length=LengthConfig(cap=cap))
    model = PassModel(1.3, (((2, 1), 0.4),))
    pair_types = list(params.search.bead_types)
    band = Band.full(len(src), len(tgt))
    costs = band_costs(Level.build(src, tgt, band, 4), pair_types, params, model, scale, range(len(src) + 1))
    for t, (k, l) in enumerate(pair_types):
        for i in range(len(src) + 1):
            for j in range(len(tgt) + 1):
                expected = _formula(src, tgt, k, l, i, j, params, model, scale) if i >= k and j >= l else np.inf
                assert costs[t, i, j] == pytest.approx(expected, rel=1e-9, abs=1e-9)


def _shifting_band(src_vectors: list[dict[int, float]], tgt_vectors: list[dict[int, float]], lengths: list[int],
                   lag: int, width: int) -> tuple[SideFeatures, SideFeatures, Band]:
    """Two sides (lengths from ``lengths``, the target's from its 10th) and a band ``width`` wide
    whose rows start ``lag`` columns left of the diagonal."""
    def side(vectors: list[dict[int, float]], offset: int) -> SideFeatures:
        n = len(vectors)
        return SideFeatures(_matrix(vectors, 6), np.array(lengths[offset:offset + n], dtype=float),
                            np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))

    src, tgt = side(src_vectors, 0), side(tgt_vectors, 9)
    return src, tgt, Band(np.minimum(np.maximum(np.arange(len(src) + 1) - lag, 0), len(tgt)), width)


@settings(max_examples=20, deadline=None)
@given(st.lists(_sentence, min_size=2, max_size=9), st.lists(_sentence, min_size=2, max_size=9),
       st.lists(st.integers(1, 300), min_size=18, max_size=18), st.integers(0, 3), st.integers(2, 6))
def test_band_costs_in_a_shifting_band_are_the_formula(src_vectors, tgt_vectors, lengths, lag, width):
    """Where each row's band starts further right (credits kept from earlier rows are read back only
    while the cell is in the row they were computed in), every cell is still its formula."""
    src, tgt, band = _shifting_band(src_vectors, tgt_vectors, lengths, lag, width)
    params = Params()
    pair_types = list(params.search.bead_types)
    costs = band_costs(Level.build(src, tgt, band, 4), pair_types, params, MODEL, 0.2, range(len(src) + 1))
    for t, (k, l) in enumerate(pair_types):
        for i in range(len(src) + 1):
            for c in range(width):
                j = band.lo[i] + c
                fits = i >= k and l <= j <= len(tgt)
                expected = _formula(src, tgt, k, l, i, j, params, MODEL, 0.2) if fits else np.inf
                assert costs[t, i, c] == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_band_costs_do_not_depend_on_the_thread_count():
    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("one CPU: numba runs one thread")
    rng = np.random.default_rng(5)
    n = 1500
    features = [list(rng.integers(0, 400, 6)) for _ in range(n)]
    src = _side(features, list(rng.integers(20, 200, n).astype(float)))
    tgt = _side(features[::-1], list(rng.integers(20, 200, n).astype(float)))
    band = Band(np.maximum(np.arange(n + 1) - 20, 0), 41)
    level = Level.build(src, tgt, band, 4)
    params = Params()
    pair_types = list(params.search.bead_types)
    before = numba.get_num_threads()
    try:
        costs = []
        for threads in (1, 2):
            numba.set_num_threads(threads)
            costs.append(band_costs(level, pair_types, params, MODEL, 0.1, range(n + 1)))
    finally:
        numba.set_num_threads(before)
    np.testing.assert_array_equal(costs[0], costs[1])


@settings(max_examples=25, deadline=None)
@given(st.lists(_sentence, min_size=2, max_size=9), st.lists(_sentence, min_size=2, max_size=9),
       st.lists(st.integers(1, 300), min_size=18, max_size=18), st.integers(0, 3), st.integers(2, 6),
       st.integers(0, 10))
def test_band_costs_are_each_types_own_bit_for_bit(src_vectors, tgt_vectors, lengths, lag, width, cut):
    """All types at once, their rows cut into two calls, give exactly (not nearly) each type's
    costs alone, and a 1-1 bead exactly what calibration's bead-by-bead costs give it: the sums
    and credits shared along a row add their terms in the order of the formula's own loops."""
    src, tgt, band = _shifting_band(src_vectors, tgt_vectors, lengths, lag, width)
    params = Params()
    level = Level.build(src, tgt, band, 4)
    pair_types = list(params.search.bead_types)
    cut = min(cut, len(src) + 1)
    costs = np.concatenate([band_costs(level, pair_types, params, MODEL, 0.2, rows)
                            for rows in (range(cut), range(cut, len(src) + 1))], axis=1)
    for t, bead_type in enumerate(pair_types):
        np.testing.assert_array_equal(costs[t], bead_costs(level, bead_type, params, MODEL, 0.2))
    rows, columns = np.nonzero(np.isfinite(costs[pair_types.index((1, 1))]))
    targets = band.lo[rows] + columns
    dots = level.cross.dots[rows - 1, targets - 1 - level.cross.start[rows - 1]]
    alone = _pair_costs(rows, targets, dots, level.src.arrays(), level.tgt.arrays(),
                        _weights((1, 1), params, MODEL, 0.2))
    np.testing.assert_array_equal(costs[pair_types.index((1, 1))][rows, columns], alone)
