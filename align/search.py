"""The search for the cheapest sequence of beads: bead costs, a banded DP, a traceback, a driver.

Layout after nltk's ``gale_church`` (cost, DP, traceback, driver as separate functions) with the
coarse-to-fine band of vecalign (Thompson & Koehn 2019, https://aclanthology.org/D19-1136):

* :func:`bead_costs` scores a bead type at every cell of a band (formulas in its docstring),
  :func:`band_costs` every type at once, the rows shared among threads;
* :func:`dp` fills the banded cost-so-far arrays row by row (a compiled loop, :mod:`numba`: a
  row's few dozen cells are too few to vectorise with numpy, whose per-call overhead then made the
  DP most of the time of a long document), in three
  states by the last bead (a pair, a ``1-0``, a ``0-1``), so that a run of null beads can cost
  less than its beads one by one (:class:`NullRuns`: the surplus of a much longer side);
* :func:`traceback` walks the back-pointers from the last cell to the first;
* :func:`search` is the driver: when the full matrix is small it searches all of it, otherwise it
  sums blocks of ``coarse_factor`` sentences into one, searches that smaller problem (recursively),
  and searches only a band of ``band_margin`` sentences around the projected coarse path; blocks
  never exceed ``max_block`` sentences, and a level that would need larger ones is searched in a
  band around the diagonal instead. Every level costs time and memory proportional to its length
  times the band width, so the whole search is linear in the document length.

Coordinates: node ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are aligned";
a bead of type ``(k, l)`` is an edge from node ``(i - k, j - l)`` to node ``(i, j)`` covering
source sentences ``i-k .. i-1`` and target sentences ``j-l .. j-1``. Row ``i`` of the band holds the
nodes ``(i, lo[i] + c)`` for ``c`` in ``0 .. width-1``.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import numba
import numpy as np

from .config import BeadType, Params
from .features import SideFeatures, band_dots, block_sums, offset_dots, row_dots
from .parallel import in_parallel

log = logging.getLogger(__name__)

COARSE_TYPES: tuple[BeadType, ...] = ((1, 1), (1, 2), (2, 1))
"""Pair bead types between blocks of sentences at the coarse levels, where exactness does not matter."""
_MIN_COSINE_SCALE = 0.01
"""Floor of the cosine scale, for documents whose random pairs share nothing at all."""
_CHUNK_CELLS = 1 << 17
"""Band cells (of every bead type) whose costs are computed, and held, at once: 2,048 rows of a
band 64 wide, more rows of a narrower one (a row's share of a call's fixed costs stays small)."""


def row_chunks(band: Band) -> list[range]:
    """The band's rows in consecutive chunks of about :data:`_CHUNK_CELLS` cells."""
    size = max(_CHUNK_CELLS // max(band.width, 1), 1)
    return [range(first, min(first + size, len(band.lo))) for first in range(0, len(band.lo), size)]


@dataclass(frozen=True)
class PassModel:
    """What one pass of the aligner knows of the document pair beyond :class:`~align.config.Params`."""

    length_ratio: float
    """c: expected target characters per source character, estimated from the documents."""
    type_costs: tuple[tuple[BeadType, float], ...] = ()
    """Prior cost of each listed bead type relative to 1-1, ``−log(p(k, l) / p(1, 1))``, as
    estimated from an earlier pass; it replaces ``merge_cost · (k + l − 2)`` for those types."""

    def prior(self, bead_type: BeadType, merge_cost: float) -> float:
        """The prior cost of a pair bead of ``bead_type``.

        >>> PassModel(1.0, (((2, 1), 0.7),)).prior((2, 1), 3.0), PassModel(1.0).prior((2, 2), 3.0)
        (0.7, 6.0)
        """
        for listed, cost in self.type_costs:
            if listed == bead_type:
                return cost
        return merge_cost * (sum(bead_type) - 2)


@dataclass(frozen=True)
class Calibration:
    """The two constants of a search level set from random sentence pairs (:func:`calibrate`)."""

    cosine_scale: float
    """s: the cosine that random sentence pairs rarely exceed."""
    null_cost: float
    """Cost of leaving one sentence unaligned."""


@dataclass(frozen=True)
class Band:
    """The nodes searched: row ``i`` holds nodes ``(i, lo[i]) .. (i, lo[i] + width - 1)``."""

    lo: np.ndarray
    width: int

    @staticmethod
    def full(n_src: int, n_tgt: int) -> Band:
        return Band(np.zeros(n_src + 1, dtype=np.int64), n_tgt + 1)


class _Side:
    """Per side, for each bead size ``k`` and node ``i``: the squared norm, summed length and the
    number of paragraph breaks inside, of the bead of the ``k`` sentences ``i-k .. i-1``.

    The squared norm of a sum of sentence vectors comes from same-side dot products:

        |v_{i-k} + … + v_{i-1}|² = Σ_a |v_a|² + 2 Σ_{a < a'} v_a · v_a'
    """

    def __init__(self, side: SideFeatures, max_size: int):
        n = len(side)
        nodes = np.arange(n + 1)
        self.vectors = side.vectors
        # pair_prefix[d][a] = Σ_{a' < a} v_a' · v_{a'+d}
        offsets = min(max_size, max(n, 1))
        pair_prefix = [np.concatenate([[0.0], np.cumsum(dots[:n - d])]) for d, dots in enumerate(offset_dots(side.vectors, offsets))]
        starts = np.concatenate([[0], np.cumsum(side.para_start.astype(np.int64))])
        length_prefix = np.concatenate([[0.0], np.cumsum(side.lengths)])
        debris = side.debris if side.debris is not None else np.zeros(n, dtype=bool)
        debris_prefix = np.concatenate([[0.0], np.cumsum(debris)])
        norm2, lengths, breaks, debris_count = ([np.zeros(n + 1)] for _ in range(4))
        for k in range(1, max_size + 1):
            begins = np.maximum(nodes - k, 0)
            summed = pair_prefix[0][nodes] - pair_prefix[0][begins]
            for d in range(1, min(k, len(pair_prefix))):
                last = np.maximum(nodes - d, begins)
                summed = summed + 2 * (pair_prefix[d][last] - pair_prefix[d][np.minimum(begins, last)])
            norm2.append(summed)
            lengths.append(length_prefix[nodes] - length_prefix[begins])
            # Breaks strictly inside the bead: paragraph starts among its 2nd..kth sentences.
            breaks.append((starts[nodes] - starts[np.minimum(begins + 1, nodes)]).astype(np.float64))
            debris_count.append(debris_prefix[nodes] - debris_prefix[begins])
        # Row k of each array is for beads of k sentences (row 0 unused).
        self.norm2, self.lengths, self.breaks, self.debris = map(np.stack, (norm2, lengths, breaks, debris_count))
        self.norm = np.sqrt(self.norm2)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return self.norm2, self.norm, self.lengths, self.breaks, self.debris


class _CrossDots:
    """``v_a · w_b`` for every source sentence ``a`` and target sentence ``b`` that a bead in the
    band can hold together: row ``a`` covers ``b`` from ``start[a]`` to ``start[a] + width - 1``."""

    def __init__(self, src: SideFeatures, tgt: SideFeatures, band: Band, max_size: int):
        n_src, n_tgt = len(src), len(tgt)
        rows = np.arange(n_src)
        first = band.lo[rows + 1] - max_size
        last = band.lo[np.minimum(rows + max_size, n_src)] + band.width - 2
        self.start = np.maximum(first, 0)
        stop = np.minimum(last, n_tgt - 1)
        self.width = int(max((stop - self.start).max(initial=0) + 1, 1))
        self.dots = band_dots(src.vectors, tgt.vectors, self.start, stop, self.width)


@dataclass(frozen=True)
class Level:
    """One level of the search: both sides' bead sums and the dot products within the band."""

    src: _Side
    tgt: _Side
    cross: _CrossDots
    band: Band

    @staticmethod
    def build(src: SideFeatures, tgt: SideFeatures, band: Band, max_size: int) -> Level:
        return Level(_Side(src, max_size), _Side(tgt, max_size), _CrossDots(src, tgt, band, max_size), band)


def gale_church_cost(src_len: np.ndarray, tgt_len: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """−log P(|δ|) of Gale & Church (1993), with

        δ = (l_t − c·l_s) / sqrt(s² · (c·l_s + l_t) / 2)
        P(|δ|) = 2 (1 − Φ(|δ|)) = erfc(|δ| / √2)

    The variance grows with the mean of the two lengths (on the target scale), as in nltk's
    implementation, rather than with ``l_s`` alone as the paper says, so that either side may be
    short. ``log erfc`` is evaluated directly from the Chebyshev fit of Numerical Recipes (relative
    error < 1.2e-7), so that long mismatches give large finite costs instead of ``log 0``.

    >>> [round(float(x), 3) for x in gale_church_cost(np.array([100.0, 100.0]), np.array([100.0, 150.0]), 1.0, 6.8)]
    [0.0, 2.449]
    """
    src_len, tgt_len = np.broadcast_arrays(np.asarray(src_len, dtype=np.float64), np.asarray(tgt_len, dtype=np.float64))
    return _gale_church_each(src_len.ravel(), tgt_len.ravel(), ratio, variance).reshape(src_len.shape)


@numba.njit(cache=True, inline="always")
def _gale_church(src_len, tgt_len, ratio, variance):  # pragma: no cover
    return _log_erfc_cost(_mismatch(src_len, tgt_len, ratio, variance))


@numba.njit(cache=True, inline="always")
def _mismatch(src_len, tgt_len, ratio, variance):  # pragma: no cover
    # |δ| / √2 of gale_church_cost.
    mean = max((ratio * src_len + tgt_len) / 2, 1.0)
    return abs(tgt_len - ratio * src_len) / np.sqrt(variance * mean) / np.sqrt(2.0)


@numba.njit(cache=True, inline="always")
def _log_erfc_cost(z):  # pragma: no cover
    # −log erfc(z) for z ≥ 0 (Numerical Recipes' erfcc).
    t, poly = _erfc_fit(z)
    return _erfc_cost(np.log(t), poly)


@numba.njit(cache=True, inline="always")
def _erfc_fit(z):  # pragma: no cover
    # The Chebyshev fit of _log_erfc_cost but for its logarithm: −log erfc(z) ≈ −(log t + poly).
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    return t, poly


@numba.njit(cache=True, inline="always")
def _erfc_cost(log_t, poly):  # pragma: no cover
    # The fit gives −1e-9 rather than 0 at δ = 0; a probability is at most 1, so the cost is ≥ 0.
    return max(-(log_t + poly), 0.0)


@functools.lru_cache(maxsize=64)
def _capped_mismatch(cap: float) -> float:
    """A mismatch ``z = |δ|/√2`` from which on the Gale–Church cost is at least ``cap``, so that
    the bead costs skip the logarithm where the cap holds anyway (the same costs, sooner).

    Bisected to where the fit gives ``cap + 1e-6``: the fit is within 1.2e-7 of ``−log erfc``,
    which only grows, so it stays above ``cap`` beyond.

    >>> z = _capped_mismatch(6.0)
    >>> bool(_log_erfc_cost(z) >= 6.0 > _log_erfc_cost(z - 0.01))
    True
    """
    if cap <= 0:
        return 0.0
    target = cap + 1e-6
    low, high = 0.0, 1.0
    while _log_erfc_cost(high) < target:
        low, high = high, 2 * high
        if high > 1e6:
            return np.inf
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if _log_erfc_cost(middle) < target else (low, middle)
    return high


@numba.njit(cache=True)
def _gale_church_each(src_len, tgt_len, ratio, variance):  # pragma: no cover
    out = np.empty(len(src_len))
    for n in range(len(src_len)):
        out[n] = _gale_church(src_len[n], tgt_len[n], ratio, variance)
    return out


def bead_costs(level: Level, bead_type: BeadType, params: Params, model: PassModel, scale: float,
               rows: range | None = None) -> np.ndarray:
    """The cost of a bead of ``bead_type = (k, l)`` ending at every node of the band, shape
    (rows, width); ``inf`` where the bead does not fit.

    For a null bead (``k = 0`` or ``l = 0``): ``null_cost`` per sentence. Otherwise, with ``x`` the
    sum of the ``k`` source vectors and ``y`` the sum of the ``l`` target vectors,

        cost = λ_lex · ((k + l) / 2 − (1 − w) · g(x, y) − w · ½ Σ_u g(u, ū))   lexical/anchor evidence
             + λ_len · min(GC(l_s, l_t), cap)                                  length mismatch (Gale–Church)
             + prior(k, l)                                                     prior of the bead type
             + λ_para · (paragraph breaks inside the bead)
             + λ_debris · (debris lines in the bead, if k + l > 2)

        g(a, b) = log(1 + cos(a, b) / s)

    ``s`` (``cosine_scale``) is the cosine random pairs rarely reach, so the lexical term is about
    ``λ_lex`` per sentence for an unrelated pair and falls below zero as the overlap grows beyond
    chance. It is counted per sentence, like ``null_cost``, so that a bead of ``k + l`` sentences
    competes on equal terms with leaving them unaligned; ``cos`` is 0 when either side has no
    features.

    The coverage term (weight ``w``): ``u`` runs over the ``k + l`` sentences of the bead and
    ``ū`` is the other side of the bead (``y`` for a source sentence, ``x`` for a target one), so
    each sentence earns half a credit by finding its own counterpart across the bead. Credited by
    ``g(x, y)`` alone, a bead of ``k + l`` sentences earns one credit for the price of ``(k + l)/2``,
    and a right 2-2 bead loses to two wrong 1-1 beads; with coverage, the merge pays off exactly
    when the extra sentence's words find matches on the other side. For a 1-1 bead both credits
    are ``g(x, y)``, so 1-1 costs (and the null cost calibrated on them) do not depend on ``w``.

    Debris lines (a page number, a separator, OCR noise: no word of two letters) carry no evidence,
    so the lexical and length terms barely notice one folded into a neighbour's bead; in gold
    alignments they are left unaligned, and ``λ_debris`` (``debris_cost``) keeps them out of
    many-to-many beads. Two debris lines may still pair 1-1 (``* * *`` with ``* * *``).
    """
    return band_costs(level, [bead_type], params, model, scale, rows or range(len(level.band.lo)))[0]


def band_costs(level: Level, pair_types: list[BeadType], params: Params, model: PassModel, scale: float,
               rows: range) -> np.ndarray:
    """:func:`bead_costs` of every type of ``pair_types`` on the band's ``rows`` at once, shape
    (types, rows, width): the types share their beads' dot products and per-sentence credits. The
    rows are split among :func:`numba.get_num_threads` threads (each cell is computed alone, so
    the costs do not depend on how many)."""
    band = level.band
    out = np.empty((len(pair_types), len(rows), band.width))  # every cell is written, inf where no bead fits
    weights = np.stack([_weights(bead_type, params, model, scale) for bead_type in pair_types])
    ks = np.array([k for k, _ in pair_types], dtype=np.int64)
    ls = np.array([l for _, l in pair_types], dtype=np.int64)
    src, tgt = level.src.arrays(), level.tgt.arrays()

    def fill(part: range) -> None:
        _band_costs(ks, ls, band.lo, level.cross.start, level.cross.dots, src, tgt, weights, rows.start,
                    part.start, part.stop, out)

    in_parallel(fill, rows)
    return out


def _weights(bead_type: BeadType, params: Params, model: PassModel, scale: float) -> np.ndarray:
    """The constants of :func:`bead_costs`' formula for beads of ``bead_type``: λ_lex, λ_len, c, s²,
    the length cap, the prior, λ_para, λ_debris, the coverage weight times λ_lex (0 for 1-1), s,
    and the mismatch from which on the cap holds (:func:`_capped_mismatch`)."""
    lexical, length, config = params.lexical, params.length, params.search
    coverage = lexical.coverage_weight * lexical.weight if sum(bead_type) > 2 else 0.0
    return np.array([lexical.weight, length.weight, model.length_ratio, length.variance, length.cap,
                     model.prior(bead_type, config.merge_cost), config.paragraph_weight, config.debris_cost,
                     coverage, scale, _capped_mismatch(length.cap)])


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _band_costs(ks, ls, lo, start, dots, src, tgt, weights, base, first, stop, out):  # pragma: no cover
    # Rows first..stop-1 of the band into out[:, i - base, :], a row at a time. The dot products of
    # the largest source bead's sentences with the row's targets are gathered once (gathered[bs, x]:
    # source sentence i − bs, target lo[i] − max_l + x) and summed along the targets (sums[bs, l, c]:
    # against the l targets before j = lo[i] + c); each type's sums, and the coverage credit of each
    # sentence (src_credit[bs, l, c]; a target sentence's in row_credit[k, x]), are read from them,
    # and each type's costs are computed along the row, its source-side terms read once. Every sum
    # adds its terms in the order of the formula's own loops (a product outside the band adds 0.0,
    # which changes no sum: one begun at +0.0 is never −0.0), so every cost is what the type alone
    # would give. Arrays are unpacked here, once: a compiled loop that unpacks them per cell spends
    # most of its time counting references. The loops along a row without a logarithm are
    # vectorised by LLVM (no fastmath: the same operations, the same results); error_model="numpy"
    # drops numba's division-by-zero check, which prevents that, and no division here is by zero
    # (norms are tested first; s, the variance and the mean length ≥ 1 are positive).
    src_norm = src[1]
    tgt_norm = tgt[1]
    target = tgt[0], tgt[2], tgt[3], tgt[4]
    width, n_tgt, scale = out.shape[2], tgt_norm.shape[1] - 1, weights[0, 9]
    max_k, max_l = ks.max(), ls.max()
    src_need, k_need = _credits_needed(ks, ls, weights)
    gathered = np.zeros((max_k + 1, width + max_l))
    sums = np.zeros((max_k + 1, max_l + 1, width))
    src_credit = np.zeros((max_k + 1, max_l + 1, width))
    row_credit = np.zeros((max_k + 1, width + max_l))
    column = np.zeros(width + max_l)
    lanes = np.zeros((4, width))  # a type's terms along a row (_type_costs)
    # A source sentence a's credit against the target bead of l sentences ending at j is the same in
    # the rows a + 1 .. a + max_k: computed in row a + 1 (where the bead's own column is c), kept in
    # slot a % max_k, and read back in the later rows while j stays within that row's columns.
    kept = np.zeros((max_k, max_l + 1, width))
    kept_for = np.full(max_k, -1, np.int64)
    kept_lo = np.zeros(max_k, np.int64)
    for i in range(first, stop):
        row_lo = max(lo[i], 0)  # as lo[i] is; said so, for LLVM to see that no index is negative
        # Cells beyond the last target (j > n_tgt) hold no bead of any type.
        cells = max(min(width, n_tgt - row_lo + 1), 0)
        out[:, i - base, cells:] = np.inf
        if i > 0:
            kept_for[(i - 1) % max_k], kept_lo[(i - 1) % max_k] = i - 1, row_lo
        _gather(i, row_lo - max_l, start, dots, gathered)
        _row_sums(min(max_k, i), gathered, sums)
        _target_credits(i, row_lo - max_l, min(row_lo + width - 1, n_tgt), k_need, gathered, src_norm, tgt_norm, scale,
                        column, row_credit)
        _source_credits(i, row_lo, cells, src_need, sums, src_norm, tgt_norm, scale, src_credit, kept, kept_for,
                        kept_lo)
        for t in range(len(ks)):
            _type_costs(t, ks[t], ls[t], i, row_lo, cells, sums, src_credit, row_credit, src, target, weights, lanes,
                        out, i - base)


@numba.njit(cache=True, inline="always")
def _credits_needed(ks, ls, weights):  # pragma: no cover
    # Which coverage credits the types with coverage read: src_need[bs, l] (source sentence bs from
    # the end against a target bead of l), k_need[k] (a target sentence against a source bead of k).
    max_k, max_l = ks.max(), ls.max()
    src_need = np.zeros((max_k + 1, max_l + 1), np.bool_)
    k_need = np.zeros(max_k + 1, np.bool_)
    for t in range(len(ks)):
        if weights[t, 8] != 0.0:
            src_need[1:ks[t] + 1, ls[t]] = True
            k_need[ks[t]] = True
    return src_need, k_need


@numba.njit(cache=True, inline="always")
def _gather(i, b_first, start, dots, gathered):  # pragma: no cover
    # gathered[bs, x] = v_{i−bs} · w_b for the targets b = b_first + x of row i (b_first = lo[i] −
    # max_l), 0.0 outside the stored band of dot products.
    max_k, extent, dot_width = gathered.shape[0] - 1, gathered.shape[1], dots.shape[1]
    for bs in range(1, min(max_k, i) + 1):
        a = i - bs
        for x in range(extent):
            offset = b_first + x - start[a]
            gathered[bs, x] = dots[a, offset] if 0 <= offset < dot_width else 0.0


@numba.njit(cache=True, inline="always")
def _row_sums(sources, gathered, sums):  # pragma: no cover
    # sums[bs, l, c] = Σ_{bt=1..l} gathered[bs, c + max_l − bt]: source sentence i − bs against the
    # l targets before j = lo + c, added nearest first.
    max_l, width = sums.shape[1] - 1, sums.shape[2]
    for bs in range(1, sources + 1):
        for c in range(width):
            sums[bs, 1, c] = 0.0 + gathered[bs, c + max_l - 1]
        for l in range(2, max_l + 1):
            for c in range(width):
                sums[bs, l, c] = sums[bs, l - 1, c] + gathered[bs, c + max_l - l]


@numba.njit(cache=True, inline="always")
def _target_credits(i, b_first, b_stop, k_need, gathered, src_norm, tgt_norm, scale, column,
                    row_credit):  # pragma: no cover
    # A target sentence b's credit against row i's source bead of k sentences is the same in every
    # cell of the row whose bead holds b: computed once a row into row_credit[k, b − b_first] for
    # the targets b_first .. b_stop − 1 the row's beads can hold, the source sentences' products
    # added nearest first (column[x], over k). Loops as in _type_costs: n from 0, at b = b_low + n
    # and x = x_low + n, both first ones ≥ 0 in plain sight.
    b_low, x_low = max(b_first, 0), max(-b_first, 0)
    for n in range(b_stop - b_low):
        column[x_low + n] = 0.0
    for k in range(1, min(gathered.shape[0] - 1, i) + 1):
        norm_k = src_norm[k, i]
        for n in range(b_stop - b_low):
            column[x_low + n] += gathered[k, x_low + n]
        if k_need[k]:
            for n in range(b_stop - b_low):
                norm = norm_k * tgt_norm[1, b_low + n + 1]
                row_credit[k, x_low + n] = (column[x_low + n] / norm if norm > 0 else 0.0) / scale
            for n in range(b_stop - b_low):
                row_credit[k, x_low + n] = np.log1p(row_credit[k, x_low + n])


@numba.njit(cache=True, inline="always")
def _source_credits(i, lo, cells, src_need, sums, src_norm, tgt_norm, scale, src_credit, kept, kept_for,
                    kept_lo):  # pragma: no cover
    # src_credit[bs, l, c]: source sentence i − bs's credit against the target bead of l ending at
    # j = lo + c, read back from the row that kept it where there is one (columns known_first ..
    # known_stop − 1), else computed (and kept when bs = 1, for the next rows).
    max_k, max_l, width = sums.shape[0] - 1, sums.shape[1] - 1, sums.shape[2]
    for bs in range(1, min(max_k, i) + 1):
        slot = (i - bs) % max_k
        shift = lo - kept_lo[slot]
        known = bs > 1 and kept_for[slot] == i - bs
        known_first, known_stop = (max(-shift, 0), width - shift) if known else (0, 0)
        norm_a = src_norm[1, i - bs + 1]
        for l in range(1, max_l + 1):
            if not src_need[bs, l]:
                continue
            fits = max(min(l - lo, cells), 0)  # the first column with j ≥ l
            for n in range(cells - fits):
                norm = norm_a * tgt_norm[l, lo + fits + n]
                src_credit[bs, l, fits + n] = (sums[bs, l, fits + n] / norm if norm > 0 else 0.0) / scale
            for c in range(fits, cells):
                if known_first <= c < known_stop:
                    src_credit[bs, l, c] = kept[slot, l, c + shift]
                else:
                    src_credit[bs, l, c] = np.log1p(src_credit[bs, l, c])
            if bs == 1:
                for n in range(cells - fits):
                    kept[slot, l, fits + n] = src_credit[bs, l, fits + n]


@numba.njit(cache=True, inline="always")
def _type_costs(t, k, l, i, lo, cells, sums, src_credit, row_credit, src, tgt, weights, lanes, out,
                r):  # pragma: no cover
    # Row i's costs of the beads of type t = (k, l) into out[t, r], inf where the bead does not
    # fit. In passes along the row, the logarithms in loops of their own: LLVM vectorises the
    # arithmetic around them only there (each value computed as _pair_cost computes it alone).
    # The loops run over n from 0, at columns c = fits + n with fits ≥ 0 in plain sight: numba's
    # wraparound of negative indices then drops out, which vectorising needs.
    fits = cells if i < k else max(min(l - lo, cells), 0)  # the first column with j ≥ l
    for c in range(fits):
        out[t, r, c] = np.inf
    src_norm2, src_len, src_breaks, src_debris = src[0][k, i], src[2][k, i], src[3][k, i], src[4][k, i]
    tgt_norm2, tgt_len, tgt_breaks, tgt_debris = tgt
    lexical, length, ratio, variance, cap = weights[0, 0], weights[0, 1], weights[0, 2], weights[0, 3], weights[0, 4]
    paragraph, debris, scale, capped = weights[0, 6], weights[0, 7], weights[0, 9], weights[0, 10]
    for n in range(cells - fits):
        lanes[0, fits + n] = 0.0
    for bs in range(1, k + 1):
        for n in range(cells - fits):
            lanes[0, fits + n] += sums[bs, l, fits + n]
    for n in range(cells - fits):
        c = fits + n
        lanes[0, c] = _scaled_cosine(lanes[0, c], src_norm2, tgt_norm2[l, lo + c], scale)
        lanes[1, c] = _mismatch(src_len, tgt_len[l, lo + c], ratio, variance)
    for n in range(cells - fits):
        lanes[0, fits + n] = np.log1p(lanes[0, fits + n])  # g(x, y)
    _length_costs(fits, cells, cap, capped, lanes)
    for n in range(cells - fits):
        c = fits + n
        out[t, r, c] = _cost_sum(k, l, lanes[0, c], lanes[2, c], src_breaks + tgt_breaks[l, lo + c],
                                 src_debris + tgt_debris[l, lo + c], lexical, length, weights[t, 5], paragraph, debris)
    if weights[t, 8] != 0.0:
        _add_coverage(k, l, fits, cells, src_credit, row_credit, weights[t, 8], lanes, out[t, r])


@numba.njit(cache=True, inline="always")
def _length_costs(first, stop, cap, capped, lanes):  # pragma: no cover
    # lanes[2, c] = the length cost of _pair_cost for the mismatch lanes[1, c], c in first..stop-1:
    # the fit first (its polynomial in lanes[3]), then the logarithm only where the cap does not hold.
    for n in range(stop - first):
        lanes[2, first + n], lanes[3, first + n] = _erfc_fit(lanes[1, first + n])
    for n in range(stop - first):
        if not lanes[1, first + n] >= capped:
            lanes[2, first + n] = np.log(lanes[2, first + n])
    for n in range(stop - first):
        c = first + n
        lanes[2, c] = cap if lanes[1, c] >= capped else min(_erfc_cost(lanes[2, c], lanes[3, c]), cap)


@numba.njit(cache=True, inline="always")
def _add_coverage(k, l, first, stop, src_credit, row_credit, coverage, lanes, row):  # pragma: no cover
    # The coverage term of bead_costs added to row[first:stop]: log(1 + cos(x, y)/s) (lanes[0]) −
    # ½ Σ_u log(1 + cos(u, other side)/s) over the bead's sentences u, the source ones first.
    max_l = src_credit.shape[1] - 1
    for n in range(stop - first):
        lanes[3, first + n] = 0.0
    for bs in range(1, k + 1):
        for n in range(stop - first):
            lanes[3, first + n] += src_credit[bs, l, first + n]
    for bt in range(1, l + 1):
        for n in range(stop - first):
            lanes[3, first + n] += row_credit[k, first + n + max_l - bt]
    for n in range(stop - first):
        c = first + n
        row[c] = row[c] + coverage * (lanes[0, c] - lanes[3, c] / 2)


@numba.njit(cache=True, inline="always")
def _credit(together, src_norm2, tgt_norm2, scale):  # pragma: no cover
    # g(x, y) = log(1 + cos(x, y)/s) of bead_costs, from x · y (together), |x|² and |y|².
    return np.log1p(_scaled_cosine(together, src_norm2, tgt_norm2, scale))


@numba.njit(cache=True, inline="always")
def _scaled_cosine(together, src_norm2, tgt_norm2, scale):  # pragma: no cover
    # cos(x, y)/s of _credit.
    norms = np.sqrt(src_norm2 * tgt_norm2)
    return (together / norms if norms > 0 else 0.0) / scale


@numba.njit(cache=True, inline="always")
def _pair_cost(k, l, credit, src_len, tgt_len, breaks, debris_lines,
               lexical, length, ratio, variance, cap, capped, prior, paragraph, debris):  # pragma: no cover
    # The formula of bead_costs without the coverage term, for a bead of type (k, l) whose sums
    # are given: g(x, y) (credit, from _credit), the lengths, breaks and debris lines inside.
    # ``capped``: the mismatch from which on the length cost is the cap (_capped_mismatch).
    mismatch = _mismatch(src_len, tgt_len, ratio, variance)
    length_cost = cap if mismatch >= capped else min(_log_erfc_cost(mismatch), cap)
    return _cost_sum(k, l, credit, length_cost, breaks, debris_lines, lexical, length, prior, paragraph, debris)


@numba.njit(cache=True, inline="always")
def _cost_sum(k, l, credit, length_cost, breaks, debris_lines, lexical, length, prior, paragraph,
              debris):  # pragma: no cover
    # _pair_cost from the capped Gale–Church cost (length_cost).
    cost = lexical * ((k + l) / 2 - credit) + length * length_cost + prior + paragraph * breaks
    if k + l > 2:
        cost = cost + debris * debris_lines
    return cost


@numba.njit(cache=True)
def _pair_costs(rows, cols, dots, src, tgt, weights):  # pragma: no cover
    # The cost of the 1-1 beads ending at nodes (rows[n], cols[n]) whose dot products are dots[n].
    src_norm2, src_norm, src_len, src_breaks, src_debris = src
    tgt_norm2, tgt_norm, tgt_len, tgt_breaks, tgt_debris = tgt
    out = np.empty(len(rows))
    for n in range(len(rows)):
        i, j = rows[n], cols[n]
        out[n] = _pair_cost(1, 1, _credit(dots[n], src_norm2[1, i], tgt_norm2[1, j], weights[9]), src_len[1, i],
                            tgt_len[1, j], src_breaks[1, i] + tgt_breaks[1, j], src_debris[1, i] + tgt_debris[1, j],
                            weights[0], weights[1], weights[2], weights[3], weights[4], weights[10], weights[5],
                            weights[6], weights[7])
    return out


_CALIBRATION_PAIRS = 2000
_OFF_DIAGONAL = 0.25
"""Calibration pairs lie at least this far apart in relative position (i/n_src − j/n_tgt)."""


def _random_pairs(n_src: int, n_tgt: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Up to ``_CALIBRATION_PAIRS`` nodes ``(rows, cols)`` of 1-1 beads between sentences
    far from the diagonal, which are very unlikely to be translations even in a short document
    (where a plain random pair is one with probability 1/n); all pairs when none is that far."""
    if n_src * n_tgt <= 2 * _CALIBRATION_PAIRS:
        grid = np.indices((n_src, n_tgt)).reshape(2, -1) + 1
        rows, cols = grid[0], grid[1]
    else:
        rng = np.random.default_rng(seed)
        rows = rng.integers(1, n_src + 1, 4 * _CALIBRATION_PAIRS)
        cols = rng.integers(1, n_tgt + 1, 4 * _CALIBRATION_PAIRS)
    far = np.abs((rows - 0.5) / n_src - (cols - 0.5) / n_tgt) >= _OFF_DIAGONAL
    if far.any():
        rows, cols = rows[far], cols[far]
    return rows[:_CALIBRATION_PAIRS], cols[:_CALIBRATION_PAIRS]


def calibrate(src: _Side, tgt: _Side, params: Params, model: PassModel, null_percentile: float) -> Calibration:
    """The two document-dependent constants of a search level, set from random sentence pairs:

    * ``cosine_scale`` s: the ``cosine_percentile``-th percentile of their cosines (pairs drawn by
      :func:`_random_pairs`), the level of overlap that chance alone (shared function words, a
      common number) rarely exceeds. (Not the 99th: in a long document that repeats itself, more
      than 1 % of random pairs are translations.)
    * ``null_cost``: half the ``null_percentile``-th percentile of their 1-1 bead costs
      (vecalign's deletion knob, not a magic constant). A 1-1 bead is kept only where it costs less
      than its two sentences left unaligned, so a pair that looks no better than the best
      ``null_percentile`` % of random pairs is left unaligned.
    """
    n_src, n_tgt = len(src.lengths[1]) - 1, len(tgt.lengths[1]) - 1
    if n_src == 0 or n_tgt == 0:
        return Calibration(1.0, 0.0)
    rows, cols = _random_pairs(n_src, n_tgt, params.search.seed)
    dots = row_dots(src.vectors[rows - 1], tgt.vectors[cols - 1])
    norms = np.sqrt(src.norm2[1][rows] * tgt.norm2[1][cols])
    cosines = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
    scale = max(float(np.percentile(cosines, params.search.cosine_percentile)), _MIN_COSINE_SCALE)
    sampled = _pair_costs(rows, cols, dots, src.arrays(), tgt.arrays(), _weights((1, 1), params, model, scale))
    return Calibration(scale, float(np.percentile(sampled, null_percentile)) / 2)


@dataclass(frozen=True)
class NullRuns:
    """What leaving sentences unaligned costs: a run of ``L`` consecutive ``1-0`` beads costs
    ``src_open + L · src_extend``, a run of ``0-1`` beads ``tgt_open + L · tgt_extend``.

    A lone null bead costs ``open + extend`` = the calibrated null cost on either side. Where one
    side has many more sentences than the other, a share ``f = 1 − n_short / n_long`` of the long
    side at least has nothing to align with; that surplus has to be skipped somewhere, and what
    tells the right path from a wrong one is not how many sentences it skips but how often it
    jumps. So the long side's null cost is split: ``open = f · null`` per run, ``extend = (1 − f) ·
    null`` per sentence. Leaving the surplus as one block then costs about one null, while a
    sentence of the short side that pairs with an unrelated sentence amid the surplus pays a
    second ``open`` for splitting the block; for documents of like size ``f`` ≈ 0 and every null
    bead costs one null, as before. The short side keeps ``open = 0``: each of its sentences left
    unaligned must be paid for.
    """

    src_open: float
    src_extend: float
    tgt_open: float
    tgt_extend: float

    @staticmethod
    def flat(null: float) -> NullRuns:
        """Every null bead costs ``null``, run or not."""
        return NullRuns(0.0, null, 0.0, null)

    @staticmethod
    def for_sizes(null: float, n_src: int, n_tgt: int, weight: float) -> NullRuns:
        """The split above, with ``f`` scaled by ``weight`` (0: :meth:`flat`)."""
        src_share = weight * max(0.0, 1.0 - n_tgt / n_src) if n_src else 0.0
        tgt_share = weight * max(0.0, 1.0 - n_src / n_tgt) if n_tgt else 0.0
        return NullRuns(src_share * null, (1 - src_share) * null, tgt_share * null, (1 - tgt_share) * null)


_PAIR, _SRC_RUN, _TGT_RUN = 0, 1, 2
"""The three states of the DP: the last bead is a pair, a ``1-0`` or a ``0-1`` bead."""
_SRC_CONTINUES, _TGT_CONTINUES, _TYPE_SHIFT = 4, 8, 4
"""Bits of a back-pointer byte (:class:`BackPointers`) above the state's two."""
_MAX_PAIR_TYPES = 15
"""Pair types a back-pointer byte can name: its four high bits hold the type's index + 1."""


@dataclass(frozen=True)
class BackPointers:
    """What :func:`dp` leaves for :func:`traceback`, one entry per cell of the band.

    ``steps`` packs a cell's four small fields into a byte (a quarter of the memory, which is
    slow to touch for the first time on a busy machine): ``state | src_run << 2 | tgt_run << 3 |
    (pair + 1) << 4``; the properties unpack them."""

    steps: np.ndarray
    """uint8: the packed fields below."""
    pair_cost: np.ndarray
    """float64: the own cost (before the cap of :func:`_prefer_pairs`) of the last bead of the
    cheapest path ending in a pair bead; ``inf`` where no pair bead reaches the node."""

    @property
    def state(self) -> np.ndarray:
        """The state (``_PAIR``, ``_SRC_RUN``, ``_TGT_RUN``) of the least cost to reach the node."""
        return (self.steps & 3).astype(np.int8)

    @property
    def pair(self) -> np.ndarray:
        """The index in ``pair_types`` of the last bead of the cheapest path ending in a pair bead (−1: none)."""
        return (self.steps >> _TYPE_SHIFT).astype(np.int8) - 1

    @property
    def src_run(self) -> np.ndarray:
        """The cheapest path ending in a ``1-0`` bead continues a run of them."""
        return (self.steps & _SRC_CONTINUES) != 0

    @property
    def tgt_run(self) -> np.ndarray:
        """The same for ``0-1`` beads."""
        return (self.steps & _TGT_CONTINUES) != 0


def dp(costs: np.ndarray, pair_types: list[BeadType], band: Band, runs: NullRuns,
       cap: tuple[int, float] = (-1, np.inf)) -> BackPointers:
    """Fill the least costs of aligning up to each node of the band, in three states by the last
    bead (a pair ``P``, a ``1-0`` ``S`` or a ``0-1`` ``T``; ``D = min(P, S, T)``), and return the
    back-pointers. With ``o``/``e`` the open/extend costs of :class:`NullRuns`:

        P[i, j] = min over pair types (k, l) of D[i − k, j − l] + cost_kl(i, j),      P[0, 0] = 0
        S[i, j] = min(S[i − 1, j] + e_s,  D[i − 1, j] + o_s + e_s)
        T[i, j] = min(T[i, j − 1] + e_t,  X[i, j − 1] + o_t + e_t),     X = min(P, S)

    (with ``o ≥ 0`` a run never gains by restarting, so ``D`` may stand for ``min(P, T)`` in ``S``).
    Each row is computed at once: ``P`` and ``S`` read earlier rows; the ``T`` chain inside the
    row is a running minimum, ``T[i, j] = o_t + j·e_t + min_{j' < j} (X[i, j'] − j'·e_t)``. Only
    the last rows' costs are kept: a bead reaches back at most its largest ``k`` rows.
    """
    rows = DynamicProgram(pair_types, band, runs, cap)
    rows.extend(costs)
    return rows.back


class DynamicProgram:
    """:func:`dp` fed its costs a chunk of rows at a time (``costs[t, r, c]``: pair type ``t``, the
    ``r``-th row of the chunk), so that a search holds the bead costs of one chunk only. ``cap``:
    the pair type whose costs the DP sees capped, and the cap (see :func:`_prefer_pairs`)."""

    def __init__(self, pair_types: list[BeadType], band: Band, runs: NullRuns, cap: tuple[int, float]):
        if len(pair_types) > _MAX_PAIR_TYPES:
            raise ValueError(f"at most {_MAX_PAIR_TYPES} pair types, not {len(pair_types)}")
        shape = (len(band.lo), band.width)
        # Left uninitialised: _dp_rows writes every cell of a row (memory is touched once, there).
        self.back = BackPointers(np.empty(shape, np.uint8), np.empty(shape))
        self.types = (np.array([k for k, _ in pair_types], dtype=np.int64),
                      np.array([l for _, l in pair_types], dtype=np.int64))
        # D of the last rows a bead reaches back to, row i in slot i % len(self.least).
        self.least = np.empty((int(self.types[0].max(initial=0)) + 1, band.width))
        self.src_last = np.full(band.width, np.inf)  # S of the row before
        self.lo, self.runs, self.cap, self.done = band.lo.astype(np.int64), runs, cap, 0

    def extend(self, costs: np.ndarray) -> None:
        """Fill the next ``costs.shape[1]`` rows."""
        runs, back = self.runs, self.back
        _dp_rows(costs, self.done, *self.types, self.lo, *self.cap,
                 runs.src_open, runs.src_extend, runs.tgt_open, runs.tgt_extend,
                 back.steps, back.pair_cost, self.least, self.src_last)
        self.done += costs.shape[1]


@numba.njit(cache=True, error_model="numpy")
def _dp_rows(costs, first, ks, ls, lo, capped, ceiling, src_open, src_extend, tgt_open, tgt_extend,
             steps, pair_cost, least, src_last):  # pragma: no cover
    # The recurrences of dp(), a row at a time: P type by type, then S, in loops along the row
    # that LLVM vectorises (compare and select, no branch; no fastmath: the same operations, the
    # same results), then the T chain, which is sequential. Ties go to the earlier pair type, and
    # to P over S over T. low[c] collects a cell's pair type and S bit, the T chain adds the rest.
    width, ring = least.shape[1], least.shape[0]
    src = np.empty(width)
    pair = np.empty(width)
    low = np.empty(width, np.int64)  # as wide as the costs, so that the passes' lanes match
    for i in range(first, first + costs.shape[1]):
        pair[:] = np.inf
        low[:] = 0
        pair_cost[i, :] = np.inf
        if i == 0 and 0 <= -lo[0] < width:
            pair[-lo[0]] = 0.0
        for t in range(len(ks)):
            if i >= ks[t]:
                _pair_pass(costs[t, i - first], least[(i - ks[t]) % ring], lo[i] - lo[i - ks[t]] - ls[t],
                           ceiling if t == capped else np.inf, (t + 1) << _TYPE_SHIFT, pair, low, pair_cost[i])
        src[:] = np.inf
        if i > 0:
            _src_pass(src_last, least[(i - 1) % ring], lo[i] - lo[i - 1], src_open, src_extend, src, low)
        _tgt_chain(src, pair, low, tgt_open, tgt_extend, least[i % ring], steps[i])
        src_last[:] = src


@numba.njit(cache=True, inline="always", error_model="numpy")
def _pair_pass(cost, before, shift, ceiling, code, pair, low, pair_cost):  # pragma: no cover
    # One pair type along a row: P[c] = min(P[c], D_before[c + shift] + min(cost[c], ceiling)),
    # the type's code and own cost kept where it is strictly less (ties: the earlier type). The
    # ceiling is inf but for the capped type, and min(cost, inf) is cost (a NaN, never less, loses
    # either way). The loop runs n from 0 at c = c_low + n, c_low ≥ 0 in plain sight.
    width = pair.shape[0]
    c_low = max(0, -shift)
    for n in range(min(width, width - shift) - c_low):
        c = c_low + n
        candidate = before[c + shift] + min(cost[c], ceiling)
        less = candidate < pair[c]
        pair_cost[c] = cost[c] if less else pair_cost[c]
        low[c] = code if less else low[c]
        pair[c] = candidate if less else pair[c]


@numba.njit(cache=True, inline="always", error_model="numpy")
def _src_pass(src_last, before, shift, src_open, src_extend, src, low):  # pragma: no cover
    # S[c] = min(S_last[c + shift] + e_s, D_before[c + shift] + o_s + e_s), the run bit where
    # extending is strictly cheaper; the loop as in _pair_pass.
    width = src.shape[0]
    c_low = max(0, -shift)
    for n in range(min(width, width - shift) - c_low):
        c = c_low + n
        extended = src_last[c + shift] + src_extend
        opened = before[c + shift] + src_open + src_extend
        low[c] |= _SRC_CONTINUES if extended < opened else 0
        src[c] = min(extended, opened)


@numba.njit(cache=True, inline="always")
def _tgt_chain(src, pair, low, tgt_open, tgt_extend, least, steps):  # pragma: no cover
    # D along the row with the T chain as a running minimum, compared before adding the chain
    # back, so rounding never credits it with a tie; a cell's T continues a run when the chain
    # before it was strictly less than the cell before's own X (its bit set one column on).
    running = np.inf
    continues = 0
    for c in range(src.shape[0]):
        best = min(src[c], pair[c])
        shifted = best - c * tgt_extend
        before = running + tgt_open
        chained = before < shifted
        least[c] = before + c * tgt_extend if chained else best
        state = _TGT_RUN if chained else (_SRC_RUN if src[c] < pair[c] else _PAIR)
        steps[c] = low[c] | state | continues
        continues = _TGT_CONTINUES if running < shifted else 0
        running = min(running, shifted)


def traceback(back: BackPointers, band: Band, pair_types: list[BeadType], n_src: int, n_tgt: int) -> list[BeadType]:
    """The bead types of the best path, first to last, read from ``dp``'s back-pointers.

    A pair bead jumps ``k`` rows up and ``l`` columns left and lands in the state that was cheapest
    there; a null bead steps one row up (``1-0``) or one column left (``0-1``) and stays in its run
    state when the run continues.
    """
    ks = np.array([k for k, _ in pair_types], dtype=np.int64)
    ls = np.array([l for _, l in pair_types], dtype=np.int64)
    steps = _traceback(back.steps, band.lo.astype(np.int64), ks, ls, n_src, n_tgt)
    return list(zip(steps[::-1, 0].tolist(), steps[::-1, 1].tolist()))


@numba.njit(cache=True)
def _traceback(packed, lo, ks, ls, n_src, n_tgt):  # pragma: no cover
    # The path's (k, l) steps from the last node back to the first (traceback's walk, compiled).
    steps = np.empty((n_src + n_tgt, 2), np.int64)
    count = 0
    i, j = n_src, n_tgt
    state = packed[i, j - lo[i]] & 3
    while i > 0 or j > 0:
        cell = packed[i, j - lo[i]]
        if state == _PAIR:
            t = (cell >> _TYPE_SHIFT) - 1
            k, l = ks[t], ls[t]
        elif state == _SRC_RUN:
            k, l = 1, 0
        else:
            k, l = 0, 1
        steps[count, 0], steps[count, 1] = k, l
        count += 1
        run = (state == _SRC_RUN and cell & _SRC_CONTINUES != 0) or (state == _TGT_RUN and cell & _TGT_CONTINUES != 0)
        i, j = i - k, j - l
        if not run:
            state = packed[i, j - lo[i]] & 3
    return steps[:count]


def _pool(side: SideFeatures, factor: int) -> SideFeatures:
    """Blocks of ``factor`` consecutive sentences as one: vectors and lengths summed."""
    n = len(side)
    starts = np.arange(0, n, factor)
    return SideFeatures(
        vectors=block_sums(side.vectors, factor),
        lengths=np.add.reduceat(side.lengths, starts) if n else np.zeros(0),
        para_start=np.zeros(len(starts), dtype=bool),
    )


def _project(path: list[BeadType], factor: int, n_src: int, n_tgt: int, margin: int) -> Band:
    """The band around a coarse path scaled up by ``factor``: every fine node within ``margin``
    rows and columns of a node the scaled path passes through."""
    steps = np.array(path, dtype=np.int64).reshape(-1, 2)
    lo, hi = _path_extent(steps, factor, n_src, n_tgt)
    wide_lo, wide_hi = lo.copy(), hi.copy()
    for shift in range(1, margin + 1):
        wide_lo[shift:] = np.minimum(wide_lo[shift:], lo[:-shift])
        wide_lo[:-shift] = np.minimum(wide_lo[:-shift], lo[shift:])
        wide_hi[shift:] = np.maximum(wide_hi[shift:], hi[:-shift])
        wide_hi[:-shift] = np.maximum(wide_hi[:-shift], hi[shift:])
    wide_lo = np.maximum(wide_lo - margin, 0)
    wide_hi = np.minimum(wide_hi + margin, n_tgt)
    return Band(wide_lo, int((wide_hi - wide_lo).max()) + 1)


@numba.njit(cache=True)
def _path_extent(steps, factor, n_src, n_tgt):  # pragma: no cover
    # Per fine row, the least and greatest fine column of the coarse path's steps scaled by factor.
    lo = np.full(n_src + 1, n_tgt, np.int64)
    hi = np.zeros(n_src + 1, np.int64)
    i = j = 0
    for step in range(len(steps)):
        k, l = steps[step, 0], steps[step, 1]
        low, high = min(j * factor, n_tgt), min((j + l) * factor, n_tgt)
        for row in range(min(i * factor, n_src), min((i + k) * factor, n_src) + 1):
            lo[row] = min(lo[row], low)
            hi[row] = max(hi[row], high)
        i, j = i + k, j + l
    return lo, hi


@dataclass(frozen=True)
class SearchResult:
    """The best path's bead types, and the cost of each of its beads."""

    path: list[BeadType]
    costs: list[float]
    null_cost: float
    cosine_scale: float
    """The level's cosine scale ``s`` (:class:`Calibration`), for recomputing bead costs."""


def _diagonal(n_src: int, n_tgt: int) -> list[BeadType]:
    """The steps of the straight line from node (0, 0) to node (n_src, n_tgt)."""
    path: list[BeadType] = []
    j = 0
    for i in range(1, n_src + 1):
        next_j = round(i * n_tgt / n_src)
        path.append((1, 1) if next_j > j else (1, 0))
        path.extend([(0, 1)] * max(next_j - j - 1, 0))
        j = next_j
    return path


def search(src: SideFeatures, tgt: SideFeatures, params: Params, model: PassModel, block: int = 1) -> SearchResult:
    """The least-cost bead path between two sides (the driver; see the module docstring).

    ``block`` is how many sentences each item of ``src`` and ``tgt`` sums (1, or a power of
    ``coarse_factor`` at the coarse levels). Blocks are never made larger than ``max_block``: a sum
    of hundreds of sentences shares words with every other such sum and no longer tells places
    apart. A level too large for the whole matrix whose blocks may not grow any more is searched in
    a band around the diagonal, ``full_dp_cells / rows`` wide.
    """
    config = params.search
    pair_types = list(dict.fromkeys(COARSE_TYPES if block > 1 else config.bead_types))
    max_size = max(max(k, l) for k, l in pair_types)
    level = Level.build(src, tgt, _band(src, tgt, params, model, block), max_size)
    calibration = calibrate(level.src, level.tgt, params, model,
                            config.coarse_null_percentile if block > 1 else config.null_percentile)
    null = calibration.null_cost
    log.debug("search level %d x %d: band width %d, null cost %.3f", len(src), len(tgt), level.band.width, null)
    runs = NullRuns.for_sizes(null, len(src), len(tgt), config.surplus_weight)
    one_one = pair_types.index((1, 1))
    rows = DynamicProgram(pair_types, level.band, runs, _prefer_pairs(one_one, null, config.substitution_discount))
    for chunk in row_chunks(level.band):
        costs = band_costs(level, pair_types, params, model, calibration.cosine_scale, chunk)
        rows.extend(costs)
    path = traceback(rows.back, level.band, pair_types, len(src), len(tgt))
    return SearchResult(path, _path_costs(path, rows.back, level.band, runs), null, calibration.cosine_scale)


def _band(src: SideFeatures, tgt: SideFeatures, params: Params, model: PassModel, block: int) -> Band:
    """The nodes a level searches: all of them when the matrix is small, else a band around the
    path of the coarser level (or around the diagonal when blocks may not grow any more)."""
    config = params.search
    n_src, n_tgt = len(src), len(tgt)
    if (n_src + 1) * (n_tgt + 1) <= config.full_dp_cells or min(n_src, n_tgt) <= 1:
        return Band.full(n_src, n_tgt)
    if block * config.coarse_factor > config.max_block:
        half_width = max(config.full_dp_cells // (2 * (n_src + 1)), config.band_margin)
        return _project(_diagonal(n_src, n_tgt), 1, n_src, n_tgt, half_width)
    factor = config.coarse_factor
    coarse = search(_pool(src, factor), _pool(tgt, factor), params, model, block * factor)
    return _project(coarse.path, factor, n_src, n_tgt, config.band_margin)


def _prefer_pairs(one_one: int, null: float, discount: float) -> tuple[int, float]:
    """The cap on the costs the DP sees (the index of the capped type and the cap): a 1-1 bead never costs more than ``(2 − discount) · null``.

    Without this, a source and a target sentence side by side that share no evidence come out as
    ``1-0`` and ``0-1``; between two well-aligned neighbours they are far more often a translation
    pair (a verse the translator shortened, a heading) than two unrelated sentences. The bead's own
    score is still computed from its real cost, so such a pair scores low and ``min_score`` can drop
    it from TMX output.
    """
    return one_one, (2 - discount) * null


def _path_costs(path: list[BeadType], back: BackPointers, band: Band, runs: NullRuns) -> list[float]:
    """The cost of each bead of ``path``: a pair's own cost as the DP found it, a null bead's from
    ``runs`` (the open cost on the first bead of a run)."""
    if not path:
        return []
    steps = np.array(path, dtype=np.int64)
    i, j = np.cumsum(steps[:, 0]), np.cumsum(steps[:, 1])
    src_null = (steps[:, 0] == 1) & (steps[:, 1] == 0)
    tgt_null = (steps[:, 0] == 0) & (steps[:, 1] == 1)
    # A run opens on a null bead whose predecessor (a 1-1 before the first bead) is of another kind.
    src_opens = src_null & ~np.concatenate([[False], src_null[:-1]])
    tgt_opens = tgt_null & ~np.concatenate([[False], tgt_null[:-1]])
    found = back.pair_cost[i, j - band.lo[i]]
    found = np.where(src_null, runs.src_extend + np.where(src_opens, runs.src_open, 0.0), found)
    found = np.where(tgt_null, runs.tgt_extend + np.where(tgt_opens, runs.tgt_open, 0.0), found)
    return found.tolist()

