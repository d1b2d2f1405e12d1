"""Sentences as sparse vectors in one shared space, so that any bead's lexical similarity is a cosine.

Every target sentence becomes a bag of target-language words plus its anchors
(:func:`align.anchors.anchors`). Every source sentence becomes the bag of the target words its units
translate to through the lexicon (greedy longest match, so ``hợp tác`` is looked up before ``hợp``),
weighted ``p(t | s)``, plus its own anchors, which need no translation. Each feature ``f`` is weighted
by its inverse document frequency over the sentences of both sides (features found on one side
only are dropped: they can never match),

    idf(f) = log(n / df(f)),        n = number of sentences, df(f) = sentences containing f,

so that the similarity of two sentences is ``x · y = Σ_f w_x(f) w_y(f)`` over their shared
features. (Dense feature hashing, as vecalign does with neural vectors, was tried and dropped: with
a few dozen features a sentence, collisions at a few hundred dimensions swamp the true overlaps.)
A bead of several sentences is the sum of their vectors, so its dot products are sums of sentence
dot products, which is what makes many-to-many beads as cheap to score as 1-1 beads.

The vectors of a side are the rows of a sparse CSR matrix. What no lexicon changes (tokens, anchors,
the target side's counts, lengths, paragraphs) is read once per document pair (:func:`prepare`);
each pass only looks the source words up in its lexicon (:meth:`PreparedPair.features`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numba
import numpy as np
from scipy import sparse

from .analysis import SideAnalysis, WordLists, analyse
from .lexicon import Lexicon
from .parallel import in_parallel

_MAX_PHRASE = 4
"""Longest source phrase (in words) looked up in the lexicon."""


@dataclass(frozen=True)
class SideFeatures:
    """One document side, ready for the search."""

    vectors: sparse.csr_matrix
    """(n, features) float64: row ``a`` is sentence ``a``'s tf-idf vector (:mod:`align.features`)."""
    lengths: np.ndarray
    """(n,) float64: sentence lengths in characters."""
    para_start: np.ndarray
    """(n,) bool: the sentence opens a paragraph (the first sentence does not count)."""
    debris: np.ndarray | None = None
    """(n,) bool: the line holds no word of two letters or more (:func:`is_debris`); ``None``: none does."""

    def __len__(self) -> int:
        return len(self.lengths)


def is_debris(words: Sequence[str]) -> bool:
    """A line (given as its :func:`align.anchors.words`) with no word of two letters or more: a page
    number, a separator, OCR debris.

    >>> from align.anchors import words
    >>> [is_debris(words(line)) for line in ("24 a !", ".....", "- _-", "Pfui !", "1956", "Ja.")]
    [True, True, True, False, True, False]
    """
    return not any(sum(ch.isalpha() for ch in token) >= 2 for token in words)


@dataclass(frozen=True)
class SourceWords:
    """A source side's words as numbers: sentence ``r``'s are ``ids[offsets[r]:offsets[r + 1]]``."""

    vocabulary: dict[str, int]
    ids: np.ndarray
    offsets: np.ndarray

    @staticmethod
    def of(sentences: Sequence[Sequence[str]]) -> SourceWords:
        vocabulary: dict[str, int] = {}
        ids = np.fromiter((vocabulary.setdefault(word, len(vocabulary)) for words in sentences for word in words),
                          dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum([len(words) for words in sentences])]).astype(np.int64)
        return SourceWords(vocabulary, ids, offsets)

    def matches(self, lexicon: Lexicon) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The lexicon's units found by greedy longest match (``hợp tác`` before ``hợp``, at most
        ``_MAX_PHRASE`` words): the units, and per match its sentence and its unit's number."""
        units, codes, children, unit_of = _phrase_trie(lexicon, self.vocabulary)
        rows, found = _longest_matches(self.ids, self.offsets, codes, children, unit_of, len(self.vocabulary) + 1,
                                       _MAX_PHRASE)
        return units, rows, found


def longest_matches(sentences: Sequence[Sequence[str]], lexicon: Lexicon) -> list[list[str]]:
    """The units of ``lexicon`` each sentence (given as its words) is read as, left to right,
    the longest first.

    >>> lex = Lexicon.from_pairs([("hợp tác", "cooperation", 1.0), ("hợp", "fit", 1.0), ("tác", "act", 1.0)])
    >>> longest_matches([["hợp", "tác", "hợp", "x", "tác"]], lex)
    [['hợp tác', 'hợp', 'tác']]
    """
    units, rows, found = SourceWords.of(sentences).matches(lexicon)
    result: list[list[str]] = [[] for _ in sentences]
    for row, unit in zip(rows, found):
        result[row].append(units[unit])
    return result


def _phrase_trie(lexicon: Lexicon, vocabulary: dict[str, int]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The lexicon's units made of the document's words, as a trie over word numbers: node 0 is
    the root; the edge from node ``p`` by word ``w`` has the code ``p · (V + 1) + w`` (``codes``,
    sorted) and leads to ``children[k]``; ``unit_of[node]`` is the unit the node spells, or −1."""
    units: list[str] = []
    edges: dict[tuple[int, int], int] = {}
    unit_of = [-1]
    for unit in lexicon.entries:
        words = unit.split(" ")
        if len(words) > _MAX_PHRASE or any(word not in vocabulary for word in words):
            continue
        node = 0
        for word in words:
            node = edges.setdefault((node, vocabulary[word]), len(unit_of))
            if node == len(unit_of):
                unit_of.append(-1)
        unit_of[node] = len(units)
        units.append(unit)
    codes = np.array([parent * (len(vocabulary) + 1) + word for parent, word in edges], dtype=np.int64)
    children = np.array(list(edges.values()), dtype=np.int64)
    order = np.argsort(codes)
    return units, codes[order], children[order], np.array(unit_of, dtype=np.int64)


@numba.njit(cache=True)
def _longest_matches(ids, offsets, codes, children, unit_of, base, max_phrase):  # pragma: no cover
    rows = []
    found = []
    for row in range(len(offsets) - 1):
        position, end = offsets[row], offsets[row + 1]
        while position < end:
            node, length, unit = 0, 0, -1
            for n in range(min(max_phrase, end - position)):
                code = node * base + ids[position + n]
                k = np.searchsorted(codes, code)
                if k == len(codes) or codes[k] != code:
                    break
                node = children[k]
                if unit_of[node] >= 0:
                    length, unit = n + 1, unit_of[node]
            if length:
                rows.append(row)
                found.append(unit)
                position += length
            else:
                position += 1
    return np.array(rows, dtype=np.int64), np.array(found, dtype=np.int64)


@dataclass(frozen=True)
class SideText:
    """What the features of one side take from its sentences, whatever the lexicon."""

    words: WordLists
    """Per sentence: its words (:func:`align.anchors.words`)."""
    counts: sparse.csr_matrix
    """(n, columns): per sentence, how often each column's feature occurs (target side: words and
    anchors; source side: anchors only, its words being translated per pass)."""
    lengths: np.ndarray
    para_start: np.ndarray
    debris: np.ndarray


@dataclass(frozen=True)
class PreparedPair:
    """A document pair read once: both sides' :class:`SideText` over one set of feature columns,
    the target's words and both sides' anchors; a column's number is its feature's."""

    src: SideText
    tgt: SideText
    word_columns: dict[str, int]
    """Target word → column (the words a translation can meet)."""
    source: SourceWords

    def features(self, lexicon: Lexicon) -> tuple[SideFeatures, SideFeatures]:
        """Both sides as tf-idf vectors, the source words translated through ``lexicon``: each
        sentence's units (:meth:`SourceWords.matches`) times the units' target words."""
        units, rows, found = self.source.matches(lexicon)
        translations = self._translations(units, lexicon)
        match_ptr = np.searchsorted(rows, np.arange(len(self.src.words) + 1))
        src_counts = summed_rows(translations, match_ptr, found, plus=self.src.counts)
        idf = _idf(src_counts, self.tgt.counts)
        return _side(self.src, _weighted(src_counts, idf)), _side(self.tgt, _weighted(self.tgt.counts, idf))

    def _translations(self, units: list[str], lexicon: Lexicon) -> sparse.csr_matrix:
        """(units, columns): each unit's target words with their weights, those the target side has
        (a word absent from it can never match)."""
        rows, cols, weights = [], [], []
        for row, unit in enumerate(units):
            for word, weight in lexicon.translations(unit):
                column = self.word_columns.get(word)
                if column is not None:
                    rows.append(row)
                    cols.append(column)
                    weights.append(weight)
        return sparse.csr_matrix((np.array(weights, dtype=np.float64), (rows, cols)),
                                 shape=(len(units), self.src.counts.shape[1]))


def _idf(src_counts: sparse.csr_matrix, tgt_counts: sparse.csr_matrix) -> np.ndarray:
    """Per column, ``log(n / df)`` over the sentences of both sides; 0 for a feature seen on one
    side only: it can never match, and kept it would only dilute every cosine of the sentences that
    carry it (untranslated words, a tag on every line)."""
    columns = src_counts.shape[1]
    src_df = _column_counts(src_counts.indices, columns)
    tgt_df = _column_counts(tgt_counts.indices, columns)
    n = max(src_counts.shape[0] + tgt_counts.shape[0], 1)
    shared = (src_df > 0) & (tgt_df > 0)
    idf = np.zeros(columns)
    idf[shared] = np.log(n / (src_df[shared] + tgt_df[shared]))
    return np.maximum(idf, 0.0)


def _weighted(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """``counts`` with each column scaled by its idf, the entries scaled to 0 dropped."""
    return _csr(_scaled(counts.indptr, counts.indices, counts.data, idf), counts.shape)


def summed_rows(matrix: sparse.csr_matrix, group_ptr: np.ndarray, members: np.ndarray,
                plus: sparse.csr_matrix | None = None) -> sparse.csr_matrix:
    """Row ``g`` of the result is the sum of the rows ``members[group_ptr[g]:group_ptr[g + 1]]`` of
    ``matrix`` (a row listed twice counts twice), plus row ``g`` of ``plus``: a sentence's
    translated words from its lexicon matches (and its anchors).

    >>> m = sparse.csr_matrix([[1.0, 0.0], [0.0, 2.0]])
    >>> summed_rows(m, np.array([0, 3, 3]), np.array([1, 0, 1])).toarray()
    array([[1., 4.],
           [0., 0.]])
    """
    groups = len(group_ptr) - 1
    if plus is None:
        plus = sparse.csr_matrix((groups, matrix.shape[1]))
    return _csr(_summed(np.asarray(group_ptr, np.int64), np.asarray(members, np.int64), matrix.shape[0],
                        matrix.indptr, matrix.indices, matrix.data, plus.indptr, plus.indices, plus.data,
                        matrix.shape[1]), (groups, matrix.shape[1]))


def block_sums(matrix: sparse.csr_matrix, factor: int) -> sparse.csr_matrix:
    """Row ``g`` of the result is the sum of the rows ``g · factor`` to ``g · factor + factor − 1``
    of ``matrix``: a block of sentences' vector, at a coarse level of the search.

    >>> block_sums(sparse.csr_matrix([[1.0, 0.0], [0.0, 2.0], [3.0, 0.0]]), 2).toarray()
    array([[1., 2.],
           [3., 0.]])
    """
    if not matrix.has_canonical_format:  # the blocks are merged from sorted rows
        matrix = matrix.copy()
        matrix.sum_duplicates()
    blocks = -(-matrix.shape[0] // factor)
    return _csr(_block_sums(matrix.indptr, matrix.indices, matrix.data, factor), (blocks, matrix.shape[1]))


def _csr(parts: tuple[np.ndarray, np.ndarray, np.ndarray], shape: tuple[int, int]) -> sparse.csr_matrix:
    """A CSR matrix of a kernel's ``(indptr, indices, data)``, whose rows are sorted and hold
    each column once (so scipy need not check or sort them)."""
    indptr, indices, data = parts
    matrix = sparse.csr_matrix((data, indices, indptr), shape=shape, copy=False)
    matrix.has_canonical_format = True
    return matrix


@numba.njit(cache=True)
def _column_counts(indices, columns):  # pragma: no cover
    # np.bincount(indices, minlength=columns), without first copying int32 indices to int64.
    counts = np.zeros(columns, np.int64)
    for column in indices:
        counts[column] += 1
    return counts


@numba.njit(cache=True)
def _scaled(indptr, indices, data, scale):  # pragma: no cover
    # The entries of a CSR matrix times scale[column], those that come out 0 left out.
    kept = np.zeros(len(indptr), np.int64)
    for r in range(len(indptr) - 1):
        kept[r + 1] = kept[r]
        for p in range(indptr[r], indptr[r + 1]):
            if data[p] * scale[indices[p]] != 0.0:
                kept[r + 1] += 1
    out_indices = np.empty(kept[-1], indices.dtype)
    out_data = np.empty(kept[-1])
    at = 0
    for p in range(indptr[-1]):
        value = data[p] * scale[indices[p]]
        if value != 0.0:
            out_indices[at], out_data[at] = indices[p], value
            at += 1
    return kept, out_indices, out_data


@numba.njit(cache=True)
def _summed(group_ptr, members, n_members, row_ptr, row_cols, row_values, plus_ptr, plus_cols,
            plus_values, columns):  # pragma: no cover
    # summed_rows: per group, Σ over its distinct members u (ascending) of count(u) · row u, plus
    # the group's row of plus, as a canonical CSR matrix (the arrays sized for the entries before
    # the columns met twice are merged, the result a view of their start).
    bound = len(plus_cols)
    for p in range(len(members)):
        bound += row_ptr[members[p] + 1] - row_ptr[members[p]]
    indptr, indices, data = np.zeros(len(group_ptr), np.int64), np.empty(bound, np.int32), np.empty(bound)
    member_count = np.zeros(n_members)
    found_members = np.empty(max(n_members, 1), np.int64)
    dense, seen, touched = np.zeros(columns), np.zeros(columns, np.bool_), np.empty(columns, np.int64)
    for r in range(len(group_ptr) - 1):
        n_found = 0
        for p in range(group_ptr[r], group_ptr[r + 1]):
            member = members[p]
            if member_count[member] == 0.0:
                found_members[n_found] = member
                n_found += 1
            member_count[member] += 1.0
        found = found_members[:n_found]
        found.sort()
        n_cols = 0
        for member in found:
            n_cols = _add_row(row_cols, row_values, row_ptr[member], row_ptr[member + 1], member_count[member],
                              dense, seen, touched, n_cols)
            member_count[member] = 0.0
        n_cols = _add_row(plus_cols, plus_values, plus_ptr[r], plus_ptr[r + 1], 1.0, dense, seen, touched, n_cols)
        indptr[r + 1] = _put_row(touched, n_cols, dense, seen, indices, data, indptr[r])
    return indptr, indices[:indptr[-1]], data[:indptr[-1]]


@numba.njit(cache=True)
def _counted(ptr_a, cols_a, ptr_b, cols_b, columns):  # pragma: no cover
    # Per row, how often each column occurs among its cols_a and cols_b (both in CSR layout), as
    # a canonical CSR matrix (arrays sized for every entry, the result a view of their start).
    ones = np.ones(max(len(cols_a), len(cols_b)))
    dense, seen, touched = np.zeros(columns), np.zeros(columns, np.bool_), np.empty(columns, np.int64)
    indptr = np.zeros(len(ptr_a), np.int64)
    indices, data = np.empty(len(cols_a) + len(cols_b), np.int32), np.empty(len(cols_a) + len(cols_b))
    for r in range(len(ptr_a) - 1):
        n_cols = _add_row(cols_a, ones, ptr_a[r], ptr_a[r + 1], 1.0, dense, seen, touched, 0)
        n_cols = _add_row(cols_b, ones, ptr_b[r], ptr_b[r + 1], 1.0, dense, seen, touched, n_cols)
        indptr[r + 1] = _put_row(touched, n_cols, dense, seen, indices, data, indptr[r])
    return indptr, indices[:indptr[-1]], data[:indptr[-1]]


@numba.njit(cache=True)
def _block_sums(indptr, indices, data, factor):  # pragma: no cover
    # block_sums: the rows of each block merged (they are sorted), a column's values added in row
    # order, as adding the rows one by one would (the result a view of arrays sized for every entry).
    n = len(indptr) - 1
    blocks = (n + factor - 1) // factor
    out_ptr, out_idx, out_val = np.zeros(blocks + 1, np.int64), np.empty(indptr[-1], indices.dtype), np.empty(indptr[-1])
    head = np.empty(factor, np.int64)
    at = 0
    for g in range(blocks):
        first, last = g * factor, min(g * factor + factor, n)
        for m in range(first, last):
            head[m - first] = indptr[m]
        while True:
            column = -1
            for m in range(first, last):
                h = head[m - first]
                if h < indptr[m + 1] and (column < 0 or indices[h] < column):
                    column = indices[h]
            if column < 0:
                break
            total = 0.0
            for m in range(first, last):
                h = head[m - first]
                if h < indptr[m + 1] and indices[h] == column:
                    total += data[h]
                    head[m - first] = h + 1
            out_idx[at], out_val[at] = column, total
            at += 1
        out_ptr[g + 1] = at
    return out_ptr, out_idx[:at], out_val[:at]


@numba.njit(cache=True, inline="always")
def _add_row(cols, values, start, stop, factor, dense, seen, touched, n_cols):  # pragma: no cover
    # dense[cols[p]] += factor · values[p] for p in start..stop-1; columns met first listed in touched.
    for p in range(start, stop):
        column = cols[p]
        if not seen[column]:
            seen[column] = True
            touched[n_cols] = column
            n_cols += 1
        dense[column] += factor * values[p]
    return n_cols


@numba.njit(cache=True, inline="always")
def _put_row(touched, n_cols, dense, seen, indices, data, at):  # pragma: no cover
    # The row's columns, sorted, and their values written from at on, dense and seen cleared: where the next row starts.
    row = touched[:n_cols]
    row.sort()
    for k in range(n_cols):
        indices[at + k], data[at + k] = row[k], dense[row[k]]
        dense[row[k]], seen[row[k]] = 0.0, False
    return at + n_cols


def _side(text: SideText, vectors: sparse.csr_matrix) -> SideFeatures:
    return SideFeatures(vectors, text.lengths, text.para_start, text.debris)


def _para_starts(paras: Sequence[int]) -> np.ndarray:
    starts = np.zeros(len(paras), dtype=bool)
    if len(paras) > 1:
        starts[1:] = np.asarray(paras[1:]) != np.asarray(paras[:-1])
    return starts


def prepare(
    src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, *,
    src_paras: Sequence[int] | None = None, tgt_paras: Sequence[int] | None = None,
) -> PreparedPair:
    """Read a document pair's sentences once (see :class:`PreparedPair`; the reading itself is
    :func:`align.analysis.analyse`'s). Columns: the target's words, then the anchors of the target
    and then of the source, each numbered by first appearance."""
    anchor_numbers: dict[str, int] = {}
    tgt_read = analyse(tgt, tgt_lang, anchor_numbers)
    src_read = analyse(src, src_lang, anchor_numbers)
    word_column, n_words = _first_seen(tgt_read.words.ids, len(tgt_read.words.names))
    anchor_rank, n_anchors = _first_seen(np.concatenate([tgt_read.anchor_ids, src_read.anchor_ids]),
                                         len(anchor_numbers))
    total = n_words + n_anchors
    word_columns = {name: int(column) for name, column in zip(tgt_read.words.names, word_column) if column >= 0}

    def side(texts: Sequence[str], read: SideAnalysis, paras: Sequence[int] | None, with_words: bool) -> SideText:
        words = (read.words.offsets, word_column[read.words.ids]) if with_words else (
            np.zeros(len(texts) + 1, np.int64), np.zeros(0, np.int64))
        counts = _csr(_counted(*words, read.anchor_offsets, n_words + anchor_rank[read.anchor_ids], total),
                      (len(texts), total))
        return SideText(read.words, counts, np.fromiter(map(len, texts), dtype=np.float64, count=len(texts)),
                        _para_starts(paras if paras is not None else [0] * len(texts)), read.debris)

    source = SourceWords({name: k for k, name in enumerate(src_read.words.names)}, src_read.words.ids,
                         src_read.words.offsets)
    return PreparedPair(side(src, src_read, src_paras, False), side(tgt, tgt_read, tgt_paras, True), word_columns,
                        source)


@numba.njit(cache=True)
def _first_seen(ids, count):  # pragma: no cover
    # Each number's rank by first appearance in ids (−1: absent), and how many appear.
    rank = np.full(count, -1, np.int64)
    seen = 0
    for number in ids:
        if rank[number] < 0:
            rank[number] = seen
            seen += 1
    return rank, seen


def row_dots(x: sparse.csr_matrix, y: sparse.csr_matrix) -> np.ndarray:
    """``x[r] · y[r]`` for every row ``r`` of two matrices of one shape.

    >>> row_dots(sparse.csr_matrix([[1.0, 2.0], [0.0, 3.0]]), sparse.csr_matrix([[4.0, 0.0], [1.0, 2.0]]))
    array([4., 6.])
    """
    return np.asarray(x.multiply(y).sum(axis=1), dtype=np.float64).ravel()


def band_dots(x: sparse.csr_matrix, y: sparse.csr_matrix, start: np.ndarray, stop: np.ndarray, width: int) -> np.ndarray:
    """``out[a, c] = x[a] · y[start[a] + c]`` for ``start[a] + c <= stop[a]``, else 0: the dot
    products of each row of ``x`` with a window of consecutive rows of ``y``, shape (rows, width).
    The rows are split among threads (:func:`align.parallel.in_parallel`).

    >>> band_dots(sparse.csr_matrix([[1.0, 0.0], [0.0, 1.0]]), sparse.csr_matrix([[1.0, 1.0], [0.0, 2.0]]),
    ...           np.array([0, 1]), np.array([1, 1]), 2)
    array([[1., 0.],
           [2., 0.]])
    """
    out = np.zeros((len(start), width))
    start, stop, columns = start.astype(np.int64), stop.astype(np.int64), max(x.shape[1], y.shape[1])
    in_parallel(lambda part: _band_dots(x.indptr, x.indices, x.data, y.indptr, y.indices, y.data, start, stop,
                                        columns, part.start, part.stop, out), range(len(start)))
    return out


def offset_dots(x: sparse.csr_matrix, offsets: int) -> np.ndarray:
    """``out[d, a] = x[a] · x[a + d]`` for ``d < offsets`` and ``a + d`` a row of ``x``, else 0:
    each row's dot products with itself and the next ``offsets − 1`` rows, shape (offsets, rows);
    the same sums as :func:`row_dots` of ``x[:n − d]`` and ``x[d:]``, without copying the slices.

    >>> offset_dots(sparse.csr_matrix([[1.0, 2.0], [0.0, 3.0], [1.0, 0.0]]), 2)
    array([[5., 9., 1.],
           [6., 0., 0.]])
    """
    out = np.zeros((offsets, x.shape[0]))
    in_parallel(lambda part: _offset_dots(x.indptr, x.indices, x.data, x.shape[1], part.start, part.stop, out),
                range(x.shape[0]))
    return out


@numba.njit(cache=True, nogil=True)
def _band_dots(x_ptr, x_idx, x_val, y_ptr, y_idx, y_val, start, stop, columns, first, last, out):  # pragma: no cover
    # Rows first..last-1: each row of x is scattered into a dense vector once, then meets its window of y's rows.
    dense = np.zeros(columns)
    for a in range(first, last):
        for p in range(x_ptr[a], x_ptr[a + 1]):
            dense[x_idx[p]] = x_val[p]
        for b in range(start[a], stop[a] + 1):
            total = 0.0
            for q in range(y_ptr[b], y_ptr[b + 1]):
                total += dense[y_idx[q]] * y_val[q]
            out[a, b - start[a]] = total
        for p in range(x_ptr[a], x_ptr[a + 1]):
            dense[x_idx[p]] = 0.0


@numba.njit(cache=True, nogil=True)
def _offset_dots(ptr, idx, val, columns, first, last, out):  # pragma: no cover
    # As _band_dots, the window being the row itself and the rows after it.
    dense = np.zeros(columns)
    n = len(ptr) - 1
    for a in range(first, last):
        for p in range(ptr[a], ptr[a + 1]):
            dense[idx[p]] = val[p]
        for d in range(min(out.shape[0], n - a)):
            total = 0.0
            for q in range(ptr[a + d], ptr[a + d + 1]):
                total += dense[idx[q]] * val[q]
            out[d, a] = total
        for p in range(ptr[a], ptr[a + 1]):
            dense[idx[p]] = 0.0
