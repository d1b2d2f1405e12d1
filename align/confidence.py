"""How sure the alignment model is of each bead of the best path: its posterior probability.

The search (:mod:`align.search`) finds the cheapest path of beads; a bead's cost says how good a
translation pair it is, not whether another path, one sentence longer or shorter there, was nearly
as cheap. Reading the costs as energies, ``p(path) ∝ exp(−cost(path) / τ)``, the posterior of a
bead is the share of that probability held by the paths that contain it,

    P(bead) = Σ_{paths ∋ bead} exp(−cost(path)/τ) / Σ_{paths} exp(−cost(path)/τ),

computed by the forward–backward algorithm over the three states of the search's DP (the last
bead a pair, a ``1-0`` or a ``0-1``; :class:`align.search.NullRuns` prices runs of null beads).
A null bead's posterior is the probability that its sentence is unaligned, wherever its null bead
sits (the scorer does not tell null beads apart by position either). The pair costs are the real
ones, not capped as the search caps 1-1 costs (:func:`align.search._prefer_pairs`), so a pair the
search kept only for that cap gets a low posterior.

The sums run over a band of ``ScoringConfig.posterior_margin`` sentences around the best path: the
alternatives that decide a bead's posterior differ from the path by a sentence or two (on Text+Berg
dev, margins from 1 to 10 rank the beads alike), and the pass stays linear in the document length,
like the search.
"""

from __future__ import annotations

import numba
import numpy as np

from .config import BeadType, Params
from .features import SideFeatures
from .search import Band, Level, NullRuns, PassModel, SearchResult, _project, band_costs, row_chunks


def posteriors(src: SideFeatures, tgt: SideFeatures, result: SearchResult, params: Params,
               model: PassModel) -> np.ndarray:
    """The posterior probability of each bead of ``result.path`` (module docstring), in [0, 1],
    under the costs of ``params`` and ``model`` and the temperature ``ScoringConfig.temperature``."""
    n_src, n_tgt = len(src), len(tgt)
    pair_types = list(dict.fromkeys(params.search.bead_types))
    band = _project(result.path, 1, n_src, n_tgt, params.scoring.posterior_margin)
    level = Level.build(src, tgt, band, max(max(k, l) for k, l in pair_types))
    # All types at once (they share their dot products, and the rows go to every core), a chunk of
    # rows at a time; the weights exp(−cost/τ) are kept in single precision (a score needs no more
    # than 7 digits), so that the costs of the whole band are never held in double.
    weights = np.empty((len(pair_types), len(band.lo), band.width), np.float32)
    factor = np.float32(-1.0 / params.scoring.temperature)
    for rows in row_chunks(band):
        chunk = band_costs(level, pair_types, params, model, result.cosine_scale, rows).astype(np.float32)
        np.exp(np.multiply(chunk, factor, out=chunk), out=weights[:, rows.start:rows.stop])
    runs = NullRuns.for_sizes(result.null_cost, n_src, n_tgt, params.search.surplus_weight)
    return _posteriors(weights, pair_types, band, runs, result.path, params.scoring.temperature)


def path_posteriors(costs: np.ndarray, pair_types: list[BeadType], band: Band, runs: NullRuns,
                    path: list[BeadType], temperature: float) -> np.ndarray:
    """The posterior of each bead of ``path`` under ``p(path) ∝ exp(−cost(path)/τ)``, over the
    paths inside ``band``. ``costs[t, i, c]`` is the cost of a pair bead of ``pair_types[t]``
    ending at node ``(i, band.lo[i] + c)``; null beads cost what ``runs`` says (as for
    :func:`align.search.dp`). ``path`` must lie inside ``band``.

    One sentence a side, their 1-1 bead free, a null bead costing 2: the pair has weight 1 against
    ``e⁻⁴`` for each of its two alternatives (``1-0`` then ``0-1``, or ``0-1`` then ``1-0``):

    >>> costs = np.array([[[np.inf, np.inf], [np.inf, 0.0]]])
    >>> path_posteriors(costs, [(1, 1)], Band.full(1, 1), NullRuns.flat(2.0), [(1, 1)], 1.0).round(3)
    array([0.965])
    """
    return _posteriors(np.exp(-costs / temperature), pair_types, band, runs, path, temperature)


def _posteriors(weights: np.ndarray, pair_types: list[BeadType], band: Band, runs: NullRuns,
                path: list[BeadType], temperature: float) -> np.ndarray:
    """:func:`path_posteriors` from the pair beads' weights ``exp(−cost/τ)``."""
    if not path:
        return np.zeros(0)
    n_src, n_tgt = sum(k for k, _ in path), sum(l for _, l in path)
    ks = np.array([k for k, _ in pair_types], dtype=np.int64)
    ls = np.array([l for _, l in pair_types], dtype=np.int64)
    lo = band.lo.astype(np.int64)
    # The weights of a null bead that extends a run and of one that opens it, per side.
    nulls = np.exp(-np.array([runs.src_extend, runs.src_open + runs.src_extend,
                              runs.tgt_extend, runs.tgt_open + runs.tgt_extend]) / temperature)
    forward, forward_scale = _forward(weights, ks, ls, lo, n_src, n_tgt, nulls)
    backward, backward_scale = _backward(weights, ks, ls, lo, n_src, n_tgt, nulls)
    index = {bead_type: t for t, bead_type in enumerate(pair_types)}
    return _on_path(weights, lo, n_tgt, forward, forward_scale, backward, backward_scale,
                    np.array([k for k, _ in path], dtype=np.int64), np.array([l for _, l in path], dtype=np.int64),
                    np.array([index.get(bead_type, -1) for bead_type in path], dtype=np.int64))


# The sums are kept in linear space, each row divided by its largest value and the logarithm of
# that divisor kept per row (the scaling of HMM forward–backward): a bead reaches back at most four
# rows, so a term from row i − k is multiplied by exp(scale[i − k] − scale[i]).

@numba.njit(cache=True)
def _normalise(planes, i, scale, base):  # pragma: no cover
    # Divide row i of every plane by its largest value; scale[i] = base + the log of that value.
    largest = 0.0
    for p in range(planes.shape[0]):
        for c in range(planes.shape[2]):
            largest = max(largest, planes[p, i, c])
    scale[i] = base
    if largest > 0.0:
        planes[:, i, :] /= largest
        scale[i] = base + np.log(largest)


@numba.njit(cache=True)
def _forward(weights, ks, ls, lo, n_src, n_tgt, nulls):  # pragma: no cover
    # Σ exp(−cost/τ) over the paths from node (0, 0) to each node, by the state the path ends in:
    # [0] a pair, [1] a 1-0 run, [2] a 0-1 run, [3] any; row i is scaled by exp(scale[i]).
    # weights[t, i, c]: exp(−cost/τ) of a pair bead of type t ending at node (i, lo[i] + c).
    src_extend, src_open, tgt_extend, tgt_open = nulls[0], nulls[1], nulls[2], nulls[3]
    width = weights.shape[2]
    f = np.zeros((4, n_src + 1, width))
    scale = np.zeros(n_src + 1)
    for i in range(n_src + 1):
        base = scale[i - 1] if i > 0 else 0.0
        for c in range(width):
            j = lo[i] + c
            if j > n_tgt:
                break
            pair = 1.0 if i == 0 and j == 0 else 0.0
            for t in range(len(ks)):
                before = j - ls[t] - lo[max(i - ks[t], 0)]
                if i >= ks[t] and j >= ls[t] and 0 <= before < width and weights[t, i, c] > 0.0:
                    pair += f[3, i - ks[t], before] * np.exp(scale[i - ks[t]] - base) * weights[t, i, c]
            src = 0.0
            before = j - lo[max(i - 1, 0)]
            if i > 0 and 0 <= before < width:
                src = f[1, i - 1, before] * src_extend + (f[0, i - 1, before] + f[2, i - 1, before]) * src_open
            tgt = 0.0
            if c > 0:
                tgt = f[2, i, c - 1] * tgt_extend + (f[0, i, c - 1] + f[1, i, c - 1]) * tgt_open
            f[0, i, c], f[1, i, c], f[2, i, c], f[3, i, c] = pair, src, tgt, pair + src + tgt
        _normalise(f, i, scale, base)
    return f, scale


@numba.njit(cache=True)
def _backward(weights, ks, ls, lo, n_src, n_tgt, nulls):  # pragma: no cover
    # Σ exp(−cost/τ) over the paths from each node to node (n_src, n_tgt), given the state the path
    # before it ended in ([0] a pair, [1] a 1-0 run, [2] a 0-1 run): a null bead that extends a run
    # pays no open cost. Row i is scaled by exp(scale[i]).
    src_extend, src_open, tgt_extend, tgt_open = nulls[0], nulls[1], nulls[2], nulls[3]
    width = weights.shape[2]
    b = np.zeros((3, n_src + 1, width))
    scale = np.zeros(n_src + 1)
    for i in range(n_src, -1, -1):
        base = scale[i + 1] if i < n_src else 0.0
        for c in range(width - 1, -1, -1):
            j = lo[i] + c
            if j > n_tgt:
                continue
            if i == n_src and j == n_tgt:
                b[:, i, c] = 1.0
                continue
            pair = 0.0
            for t in range(len(ks)):
                after = j + ls[t] - lo[min(i + ks[t], n_src)]
                if i + ks[t] <= n_src and j + ls[t] <= n_tgt and 0 <= after < width:
                    pair += weights[t, i + ks[t], after] * b[0, i + ks[t], after] * np.exp(scale[i + ks[t]] - base)
            down = 0.0
            after = j - lo[min(i + 1, n_src)]
            if i < n_src and 0 <= after < width:
                down = b[1, i + 1, after]
            right = b[2, i, c + 1] if c + 1 < width and j < n_tgt else 0.0
            b[0, i, c] = pair + down * src_open + right * tgt_open
            b[1, i, c] = pair + down * src_extend + right * tgt_open
            b[2, i, c] = pair + down * src_open + right * tgt_extend
        _normalise(b, i, scale, base)
    return b, scale


@numba.njit(cache=True)
def _on_path(weights, lo, n_tgt, f, f_scale, b, b_scale, path_k, path_l, path_t):  # pragma: no cover
    # Each path bead's posterior: a pair's from the sums before and after it; a null bead's from
    # its sentence's unaligned mass, summed over every node of its row (1-0) or column (0-1).
    n_src, width = f.shape[1] - 1, f.shape[2]
    total = np.log(f[3, n_src, n_tgt - lo[n_src]]) + f_scale[n_src]
    src_null = np.zeros(n_src + 1)
    tgt_null = np.zeros(n_tgt + 1)
    for i in range(n_src + 1):
        row = np.exp(f_scale[i] + b_scale[i] - total)
        for c in range(width):
            j = lo[i] + c
            if j <= n_tgt:
                src_null[i] += f[1, i, c] * b[1, i, c] * row
                tgt_null[j] += f[2, i, c] * b[2, i, c] * row
    out = np.empty(len(path_k))
    i = j = 0
    for n in range(len(path_k)):
        k, l = path_k[n], path_l[n]
        i, j = i + k, j + l
        if k == 0:
            out[n] = tgt_null[j]
        elif l == 0:
            out[n] = src_null[i]
        else:
            c = j - lo[i]
            out[n] = (f[3, i - k, j - l - lo[i - k]] * weights[path_t[n], i, c] * b[0, i, c]
                      * np.exp(f_scale[i - k] + b_scale[i] - total))
    return np.minimum(out, 1.0)
