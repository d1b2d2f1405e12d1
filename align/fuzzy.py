"""Fuzzy lookup in a translation memory: the similarity, and an index that finds the best matches fast.

**Similarity** (defined here once; the analysis, the XLIFF ``match-quality`` and the benchmark use it)::

    similarity(a, b) = 100 × (1 − Levenshtein(a, b) / max(len a, len b))

over characters, after :func:`align.normalize.segment_key` (NFC, whitespace runs collapsed to one space, ends trimmed),
case-sensitive; two empty strings are 100 apart from nothing. Levenshtein counts insertions, deletions
and substitutions of one character each; rapidfuzz computes it.

**Index** (:class:`FuzzyIndex`). Comparing a sentence with every unit of a 200,000-unit memory costs
too much, so candidates come from an inverted index of character 3-grams (of the key padded with
two sentinels on each side, so that even one-character keys have grams), and a few are scored exactly
with rapidfuzz. One ``numpy.bincount`` over the posting lists gives, for every unit, how many distinct
grams it shares with the sentence. Grams found in more than 2% of the units (``và``, ``the``) are
not counted, up to half of the sentence's grams: they cost most of the counting and say least; each
one left out is counted as shared by every unit in the bound below. That gives two things:

- a **bound**. One edit destroys at most ``Q`` gram occurrences, so with ``G(x)`` the set of distinct
  grams of ``x``, ``Levenshtein(a, b) ≥ max(|len a − len b|, ⌈(max(|G(a)|, |G(b)|) − |G(a) ∩ G(b)|) / Q⌉)``
  (the q-gram lemma of Ukkonen 1992, "Approximate string-matching with q-grams and maximal matches",
  on sets of grams), hence an upper bound on each unit's similarity;
- an **order**: units are scored in batches, highest gram overlap (Dice) first.

The search stops when no unscored unit's bound reaches the ``limit``-th best score found (or
``min_score``): the result is then exactly the brute-force one over the units that share a counted
gram with the sentence. A unit sharing none is never looked at; it shares at most half of the
sentence's grams, which a near match does not (one edit in three characters leaves about half). The
bound is weak for unrelated sentences (they share many grams of common words), so a sentence with no
match at 50 would have most of the memory scored; the search therefore also stops after
``max_checks`` candidates (:data:`MAX_CHECKS`), returning the best among the candidates with the
highest overlap. How often the result then differs from :func:`brute_force` over the whole memory is
measured by ``scripts/bench_translate.py`` (the issue asks for agreement on at least 99.5% of
sentences).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from .normalize import segment_key

Q = 3
"""Gram length of the index."""
_PAD_START, _PAD_END = "\x02", "\x03"  # never in a key: segment keys hold no control characters
_FIRST_BATCH = 32  # candidates scored in the first exact batch; each next batch is four times larger
FREQUENT_SHARE, FREQUENT_MIN_KEYS = 0.02, 1000
"""A gram in more keys than this share (and this number) is frequent: left out of the count."""
MAX_CHECKS = 512
"""At most this many candidates are scored exactly per lookup (see the module docstring)."""


def similarity(a: str, b: str) -> float:
    """The similarity of two texts in percent (see the module docstring).

    >>> similarity("Năm 2006 Việt Nam.", "Năm 2007 Việt Nam.")
    94.44444444444444
    >>> similarity("abc", "ABC"), similarity(" a  b", "a b"), similarity("", "")
    (0.0, 100.0, 100.0)
    """
    return similarity_of_keys(segment_key(a), segment_key(b))


def similarity_of_keys(a: str, b: str) -> float:
    """:func:`similarity` of two texts that are already segment keys."""
    longest = max(len(a), len(b))
    if longest == 0:
        return 100.0
    return 100.0 * (1.0 - Levenshtein.distance(a, b) / longest)


@dataclass(frozen=True)
class Hit:
    """One memory key found for a query: its index in the keys given to the index, its similarity."""

    key: int
    score: float


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def _padded(key: str) -> str:
    return _PAD_START * (Q - 1) + key + _PAD_END * (Q - 1)


class _GramCoder:
    """Packs each window of ``Q`` characters into one integer below ``2 ** bits``.

    Characters are first numbered within the memory's alphabet (a character the memory does not
    have gets a number of its own), so a gram usually fits in ``Q`` × 8 to 12 bits. When it does not
    fit, codes are reduced modulo a prime: two grams may then share a code, which can only
    overstate the grams a key shares with a query, so the bound stays a bound.
    """

    def __init__(self, points: np.ndarray, bits: int):
        present = np.bincount(points) > 0
        self.unknown = int(present.sum())  # the number of every character the memory does not have
        self.char_bits = max(1, self.unknown.bit_length())
        self.ranks = np.full(len(present), self.unknown, dtype=np.int64)
        self.ranks[present] = np.arange(self.unknown)
        self.modulus = 0 if Q * self.char_bits <= bits else _PRIME_BELOW_2_40

    def codes(self, points: np.ndarray) -> np.ndarray:
        """The code of every window of ``Q`` characters of ``points`` (at least ``Q`` of them)."""
        ranks = self.ranks[np.minimum(points, len(self.ranks) - 1)]
        ranks[points >= len(self.ranks)] = self.unknown
        codes = ranks[: len(ranks) - Q + 1].copy()
        for k in range(1, Q):
            codes = (codes << self.char_bits) | ranks[k: len(ranks) - Q + 1 + k]
            if self.modulus:
                codes %= self.modulus
        return codes


_PRIME_BELOW_2_40 = 1099511627689


class FuzzyIndex:
    """The keys of a memory, indexed by character 3-gram for :meth:`search`.

    >>> index = FuzzyIndex(["Năm 2006 Việt Nam.", "Hà Nội.", "Năm 2006 Lào."])
    >>> [(hit.key, round(hit.score, 1)) for hit in index.search("Năm 2007 Việt Nam.", min_score=50, limit=2)]
    [(0, 94.4), (2, 50.0)]
    """

    def __init__(self, keys: Sequence[str]):
        self.keys = list(keys)
        if not self.keys:
            raise ValueError("an index needs at least one key")
        self.lengths = np.fromiter((len(key) for key in self.keys), dtype=np.int64, count=len(self.keys))
        padded = [_padded(key) for key in self.keys]
        points = _code_points("".join(padded))
        self._key_bits = max(1, (len(self.keys) - 1).bit_length())
        self._coder = _GramCoder(points, 63 - self._key_bits)
        grams_per_key = self.lengths + Q - 1
        owner = np.repeat(np.arange(len(self.keys), dtype=np.int64), grams_per_key)
        # Of the windows of the joined text, those that run from one padded key into the next (the
        # Q - 1 before each key's end) are left out.
        inside = np.ones(len(points) - Q + 1, dtype=bool)
        ends = np.cumsum(grams_per_key + Q - 1)[:-1]
        inside[(ends[:, None] - np.arange(1, Q)).ravel()] = False
        codes = self._coder.codes(points)[inside]
        pairs = np.sort((codes << self._key_bits) | owner)  # by gram, then key
        pairs = pairs[np.diff(pairs, prepend=-1) != 0]  # a gram twice in a key counts once
        gram_of_pair = pairs >> self._key_bits
        new_gram = np.flatnonzero(np.diff(gram_of_pair, prepend=-1))
        self.grams = gram_of_pair[new_gram]
        self.offsets = np.append(new_gram, len(pairs))
        self.postings = (pairs & ((1 << self._key_bits) - 1)).astype(np.intp)  # key ids, grouped by gram
        self.distinct = np.bincount(self.postings, minlength=len(self.keys)).astype(np.int64)
        self.frequent = max(FREQUENT_MIN_KEYS, int(FREQUENT_SHARE * len(self.keys)))

    def __len__(self) -> int:
        return len(self.keys)

    def _shared_grams(self, grams: np.ndarray) -> tuple[np.ndarray, int]:
        """For every key, how many of the distinct ``grams`` it contains, counting only the less
        frequent ones (see the module docstring), and how many frequent grams were left out."""
        where = np.searchsorted(self.grams, grams)
        found = where < len(self.grams)
        found[found] = self.grams[where[found]] == grams[found]
        where = where[found]
        sizes = self.offsets[where + 1] - self.offsets[where]
        rarest_first = where[np.argsort(sizes, kind="stable")]
        kept = max(-(-len(grams) // 2), int(np.count_nonzero(sizes <= self.frequent)))
        lists = [self.postings[self.offsets[w]: self.offsets[w + 1]] for w in rarest_first[:kept].tolist()]
        if not lists:
            return np.zeros(len(self.keys), dtype=np.int64), 0
        shared = np.bincount(np.concatenate(lists), minlength=len(self.keys))
        return shared, len(rarest_first) - min(kept, len(rarest_first))

    def search(self, query: str, *, min_score: float, limit: int = 1, max_checks: int = MAX_CHECKS) -> list[Hit]:
        """The ``limit`` keys most similar to the segment key ``query`` at ``min_score`` or above, best first
        (ties: the lower key index first); see the module docstring for when this is exact."""
        if limit < 1:
            return []
        grams = np.unique(self._coder.codes(_code_points(_padded(query))))
        counted, left_out = self._shared_grams(grams)
        keys = np.flatnonzero(counted)  # a key sharing no counted gram is never looked at
        lengths, distinct, counted = self.lengths[keys], self.distinct[keys], counted[keys]
        shared = np.minimum(counted + left_out, np.minimum(distinct, len(grams)))  # at most
        lower = np.maximum(np.abs(lengths - len(query)), np.ceil((np.maximum(distinct, len(grams)) - shared) / Q))
        bound = 100.0 * (1.0 - lower / np.maximum(np.maximum(lengths, len(query)), 1))
        reachable = bound >= min_score
        keys, bound = keys[reachable], bound[reachable]
        overlap = counted[reachable] / (distinct[reachable] + len(grams))  # half the Dice coefficient
        # The max_checks keys of highest overlap are the only ones ever scored; the best bound among
        # the others says whether stopping there is exact.
        if len(keys) > max_checks:
            pool = np.argpartition(-overlap, max_checks - 1)
            rest_bound = float(bound[pool[max_checks:]].max())
            pool = pool[:max_checks]
        else:
            pool, rest_bound = np.arange(len(keys)), -np.inf
        pool = pool[np.lexsort((keys[pool], -overlap[pool]))]
        hits: list[Hit] = []
        start, size = 0, _FIRST_BATCH
        while start < len(pool):
            floor = hits[-1].score if len(hits) == limit else min_score
            # A key whose bound equals the floor is still scored, so that ties go to the lower key
            # index as in brute_force.
            if max(rest_bound, float(bound[pool[start:]].max())) < floor:
                break  # no key left can beat what was found: the result is exact
            batch = pool[start: start + size]
            distances = cdist([query], [self.keys[k] for k in keys[batch].tolist()], scorer=Levenshtein.distance,
                              dtype=np.int64, workers=1)[0]
            scores = 100.0 * (1.0 - distances / np.maximum(np.maximum(self.lengths[keys[batch]], len(query)), 1))
            hits.extend(Hit(key, score) for key, score in zip(keys[batch].tolist(), scores.tolist())
                        if score >= min_score)
            hits.sort(key=lambda hit: (-hit.score, hit.key))
            del hits[limit:]
            start, size = start + size, size * 4
        return hits


def brute_force(query: str, keys: Sequence[str], *, min_score: float, limit: int = 1) -> list[Hit]:
    """What :meth:`FuzzyIndex.search` approximates: every key scored (for tests and the benchmark)."""
    if not keys:
        return []
    distances = cdist([query], list(keys), scorer=Levenshtein.distance, dtype=np.int64, workers=1)[0]
    lengths = np.fromiter((len(key) for key in keys), dtype=np.int64, count=len(keys))
    scores = 100.0 * (1.0 - distances / np.maximum(np.maximum(lengths, len(query)), 1))
    order = np.lexsort((np.arange(len(keys)), -scores))[:limit]
    return [Hit(int(k), float(scores[k])) for k in order if scores[k] >= min_score]


def floor_percent(score: float) -> int:
    """A score as the whole percentage CAT tools show, rounded down (99.6 is not a 100% match).

    >>> floor_percent(99.99), floor_percent(100.0)
    (99, 100)
    """
    return int(math.floor(score + 1e-9))
