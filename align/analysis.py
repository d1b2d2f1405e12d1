"""A document side's sentences read into words and anchors at once, each distinct chunk read once.

The features of a sentence (:mod:`align.features`) are its words (:func:`align.normalize.word_key` of
its :func:`align.anchors.tokens`) and its anchors (:func:`align.anchors.anchors_of_tokens`). Read
sentence by sentence, token by token, 160,000 Bible verses a side took half a minute, nearly all of
it in Python calls per token; yet they hold 7.7 million whitespace-separated chunks and only 21,000
distinct ones. So here:

1. a compiled loop scans the side's code points, cuts them into chunks at whitespace and numbers
   the distinct chunks (a hash table whose hits are checked character by character);
2. each distinct chunk is read once, by those same functions (:func:`_read_chunks`);
3. a second compiled loop strings each sentence's words and anchors together from its chunks'.

This gives what reading each sentence whole gives, in the same order: no token, and no punctuation
anchor, holds whitespace, so a sentence's tokens are its chunks' tokens in turn and its punctuation
anchors its chunks'. The one anchor that spans two tokens, the skeleton of two adjacent capitalized
words (``Việt Nam``), is also asked of ``anchors_of_tokens`` for each distinct pair of a chunk's
last token and the next chunk's first (:func:`_read_joins`).
"""

from __future__ import annotations

import functools
import itertools
import sys
from dataclasses import dataclass
from typing import Sequence

import numba
import numpy as np

from .anchors import MAX_SYLLABLE_NGRAM, SYLLABIC_LANGUAGES, anchors_of_tokens, source_units_of, tokens
from .normalize import nfc, word_key

_SPACES = np.array([chr(point).isspace() for point in range(0x3001)], dtype=np.bool_)
"""Whether each code point up to U+3000, the last, is one ``str.split()`` cuts at: none is part of a token."""


@dataclass(frozen=True)
class WordLists:
    """Each sentence's words, as numbers: sentence ``r``'s are ``names[ids[offsets[r]:offsets[r + 1]]]``."""

    names: list[str]
    ids: np.ndarray
    offsets: np.ndarray

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, row: int) -> list[str]:
        """Sentence ``row``'s words, as :func:`align.anchors.words` gives them."""
        names = self.names
        return [names[k] for k in self.ids[self.offsets[row]:self.offsets[row + 1]].tolist()]

    def rows(self, which: np.ndarray) -> WordLists:
        """The word lists of the sentences ``which``, in that order, over the same names."""
        which = np.asarray(which, dtype=np.int64)
        sizes = self.offsets[which + 1] - self.offsets[which]
        offsets = np.zeros(len(which) + 1, np.int64)
        np.cumsum(sizes, out=offsets[1:])
        return WordLists(self.names, _gather(self.ids, self.offsets, which, offsets), offsets)

    def source_units(self, lang: str) -> WordLists:
        """Each sentence's :func:`align.anchors.source_units_of`, numbered by first appearance:
        for a syllabic language, its syllables (hyphenated words split) and then its runs of two and
        three syllables (as :func:`align.anchors.syllable_ngrams`); else its words."""
        if lang not in SYLLABIC_LANGUAGES:
            distinct, numbers = _by_first_appearance(self.ids)
            return WordLists([self.names[k] for k in distinct.tolist()], numbers, self.offsets)
        syllable_numbers: dict[str, int] = {}
        split = [[syllable_numbers.setdefault(s, len(syllable_numbers)) for s in name.split("-")] for name in self.names]
        base = len(syllable_numbers) + 1
        if base ** MAX_SYLLABLE_NGRAM >= 2 ** 62:  # the codes of a run would not fit in 64 bits
            return numbered_lists([source_units_of(self[row], lang) for row in range(len(self))])
        syllable_ptr, syllable_ids = _csr(split)
        codes, offsets = _ngram_codes(self.ids, self.offsets, syllable_ptr, syllable_ids, base, MAX_SYLLABLE_NGRAM)
        distinct, numbers = _by_first_appearance(codes)
        syllables = list(syllable_numbers)
        return WordLists([_ngram_name(code, base, syllables) for code in distinct.tolist()], numbers, offsets)


def _by_first_appearance(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``codes`` in the order they first appear, and each code's place among them."""
    distinct, first, numbers = np.unique(codes, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return distinct[order], rank[numbers.ravel()]


@dataclass(frozen=True)
class SideAnalysis:
    """What :func:`analyse` reads of a side's sentences."""

    words: WordLists
    anchor_ids: np.ndarray
    """The sentences' anchors in turn, as numbers of the ``anchor_numbers`` given to :func:`analyse`."""
    anchor_offsets: np.ndarray
    """Sentence ``r``'s anchors are ``anchor_ids[anchor_offsets[r]:anchor_offsets[r + 1]]``."""
    debris: np.ndarray
    """Per sentence: no word of two letters or more (:func:`align.features.is_debris`)."""


@dataclass(frozen=True)
class _Chunks:
    """The distinct chunks of a side, read: per chunk, numbers in CSR layout (``*_ptr``)."""

    word_ptr: np.ndarray
    word_ids: np.ndarray
    anchor_ptr: np.ndarray
    anchor_ids: np.ndarray
    """Its tokens' anchors (with the skeletons of adjacent capitalized tokens inside it)."""
    first_anchors: np.ndarray
    """How many of them are its first token's own."""
    punct_ptr: np.ndarray
    punct_ids: np.ndarray
    has_tokens: np.ndarray
    has_word: np.ndarray
    """It holds a word of two letters or more (it is not debris)."""
    opens_upper: np.ndarray
    """Its first token starts with a capital letter (it may join the previous chunk's last token)."""
    closes_upper: np.ndarray
    """Its last token starts with a capital letter."""
    first_tokens: list[str]
    last_tokens: list[str]


def analyse(texts: Sequence[str], lang: str, anchor_numbers: dict[str, int]) -> SideAnalysis:
    """The words and anchors of every sentence of ``texts`` (module docstring). Anchors are numbered
    in ``anchor_numbers``, which gains those it does not hold yet (so that two sides share them)."""
    normalized = [nfc(sentence) for sentence in texts]
    text = "\n".join(normalized)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    bounds[1:] = np.cumsum(np.fromiter(map(len, normalized), dtype=np.int64, count=len(texts)) + 1)
    chunk_ids, chunk_offsets, spans = _number_chunks(points, bounds)
    word_numbers: dict[str, int] = {}
    chunks = _read_chunks([text[start:stop] for start, stop in spans.tolist()], lang, word_numbers, anchor_numbers)
    joins = _joins(chunk_ids, chunk_offsets, chunks.has_tokens, chunks.opens_upper, chunks.closes_upper)
    join_codes, join_ptr, join_ids = _read_joins(joins, chunks, lang, anchor_numbers)
    word_ids, word_offsets, anchor_ids, anchor_offsets, debris = _assemble(
        chunk_ids, chunk_offsets, chunks.word_ptr, chunks.word_ids, chunks.anchor_ptr, chunks.anchor_ids,
        chunks.first_anchors, chunks.punct_ptr, chunks.punct_ids, chunks.has_tokens, chunks.has_word,
        chunks.opens_upper, chunks.closes_upper, len(spans), join_codes, join_ptr, join_ids)
    return SideAnalysis(WordLists(list(word_numbers), word_ids, word_offsets), anchor_ids, anchor_offsets, debris)


def _csr(groups: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(groups) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(np.fromiter(map(len, groups), dtype=np.int64, count=len(groups)))
    return ptr, np.fromiter(itertools.chain.from_iterable(groups), dtype=np.int64, count=int(ptr[-1]))


def numbered_lists(groups: Sequence[Sequence[str]]) -> WordLists:
    """``groups`` of names as :class:`WordLists`, the names numbered by first appearance."""
    numbers: dict[str, int] = {}
    offsets, ids = _numbered(groups, numbers)
    return WordLists(list(numbers), ids, offsets)


def _ngram_name(code: int, base: int, syllables: list[str]) -> str:
    """The run of syllables of an :func:`_ngram_codes` code: its digits in ``base``, each one more
    than a syllable's number."""
    found = []
    while code:
        code, digit = divmod(code, base)
        found.append(syllables[digit - 1])
    return " ".join(reversed(found))


@numba.njit(cache=True)
def _gather(ids, offsets, which, out_offsets):  # pragma: no cover
    out = np.empty(out_offsets[-1], ids.dtype)
    for n in range(len(which)):
        out[out_offsets[n]:out_offsets[n + 1]] = ids[offsets[which[n]]:offsets[which[n] + 1]]
    return out


@numba.njit(cache=True)
def _ngram_codes(ids, offsets, syllable_ptr, syllable_ids, base, max_n):  # pragma: no cover
    # Per sentence, its syllables' runs of 1..max_n as codes Σ (syllable + 1) · base^place, the runs
    # of one first, then of two, ... (the order of syllable_ngrams); and each sentence's first code.
    sizes = np.zeros(len(offsets), np.int64)
    for r in range(len(offsets) - 1):
        n = 0
        for p in range(offsets[r], offsets[r + 1]):
            n += syllable_ptr[ids[p] + 1] - syllable_ptr[ids[p]]
        sizes[r + 1] = sizes[r]
        for length in range(1, max_n + 1):
            sizes[r + 1] += max(n - length + 1, 0)
    codes = np.empty(sizes[-1], np.int64)
    syllables = np.empty(1024, np.int64)
    for r in range(len(offsets) - 1):
        n = 0
        for p in range(offsets[r], offsets[r + 1]):
            for q in range(syllable_ptr[ids[p]], syllable_ptr[ids[p] + 1]):
                if n == len(syllables):
                    syllables = np.concatenate((syllables, syllables))
                syllables[n] = syllable_ids[q] + 1
                n += 1
        at = sizes[r]
        for length in range(1, max_n + 1):
            for start in range(n - length + 1):
                code = 0
                for k in range(length):
                    code = code * base + syllables[start + k]
                codes[at] = code
                at += 1
    return codes, sizes


def _numbered(groups: Sequence[Sequence[str]], numbers: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Each group's items as numbers of ``numbers`` (which gains those it lacks), in CSR layout."""
    ptr = np.zeros(len(groups) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(np.fromiter(map(len, groups), dtype=np.int64, count=len(groups)))
    ids = [numbers.setdefault(item, len(numbers)) for item in itertools.chain.from_iterable(groups)]
    return ptr, np.array(ids, dtype=np.int64)


def _read_chunks(found: list[str], lang: str, word_numbers: dict[str, int], anchor_numbers: dict[str, int]) -> _Chunks:
    """Each distinct chunk read (:func:`_read_chunk`), its words and anchors numbered. (A column at
    a time: per chunk, Python would spend more on the bookkeeping than on the reading.)"""
    readings = [_read_chunk(chunk, lang) for chunk in found]
    keys, own, first, marks, word, chunk_tokens = zip(*readings) if readings else ((),) * 6
    first_tokens = [found_tokens[0] if found_tokens else "" for found_tokens in chunk_tokens]
    last_tokens = [found_tokens[-1] if found_tokens else "" for found_tokens in chunk_tokens]
    return _Chunks(*_numbered(keys, word_numbers), *_numbered(own, anchor_numbers), np.array(first, dtype=np.int64),
                   *_numbered(marks, anchor_numbers), np.array([bool(t) for t in chunk_tokens], dtype=np.bool_),
                   np.array(word, dtype=np.bool_), np.array([t[:1].isupper() for t in first_tokens], dtype=np.bool_),
                   np.array([t[:1].isupper() for t in last_tokens], dtype=np.bool_), first_tokens, last_tokens)


@functools.lru_cache(maxsize=1 << 16)
def _read_chunk(chunk: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...], int, tuple[str, ...], bool,
                                                 tuple[str, ...]]:
    """A chunk read by the functions that read a whole sentence: its words, its tokens' anchors, how
    many of those are its first token's own, its punctuation anchors, whether it holds a word of
    two letters, its tokens. (Memoised: documents share their words.)"""
    from .features import is_debris  # features imports this module

    chunk_tokens = tokens(chunk)
    keys = tuple(sys.intern(word_key(token)) for token in chunk_tokens)
    # anchors_of_tokens lists the tokens' anchors first, the punctuation marks' last.
    everything = anchors_of_tokens(chunk_tokens, chunk, lang)
    marks = () if chunk.isalnum() else tuple(anchors_of_tokens([], chunk, lang))
    own = tuple(everything[:len(everything) - len(marks)])
    first_own = len(own) if len(chunk_tokens) <= 1 else len(anchors_of_tokens(chunk_tokens[:1], "", lang))
    return keys, own, first_own, marks, not is_debris(keys), tuple(chunk_tokens)


def _read_joins(joins: np.ndarray, chunks: _Chunks, lang: str,
                anchor_numbers: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each distinct join (``a · chunks + b``: chunk ``b``'s first token follows chunk ``a``'s
    last token in some sentence), the anchors ``anchors_of_tokens`` adds for the two tokens
    together beyond each one's own: sorted codes and the anchor numbers in CSR layout."""
    codes = np.unique(joins) if len(joins) else joins
    count = len(chunks.has_tokens)
    found = []
    for code in codes.tolist():
        before, after = chunks.last_tokens[code // count], chunks.first_tokens[code % count]
        alone = len(anchors_of_tokens([before], "", lang)) + len(anchors_of_tokens([after], "", lang))
        found.append([anchor_numbers.setdefault(a, len(anchor_numbers))
                      for a in anchors_of_tokens([before, after], "", lang)[alone:]])
    return (codes.astype(np.int64), *_csr(found))


@numba.njit(cache=True, inline="always")
def _is_space(point, spaces):  # pragma: no cover
    return point < len(spaces) and spaces[point]


class _ChunkTable:
    """The distinct chunks met so far: an open-addressing table of their FNV-1a hashes (twice as
    many slots as numbers fit), and each number's first span in the text and its code points, kept
    side by side (``kept[kept_at[k]:kept_at[k + 1]]``) so that checking a hit reads a few hot
    bytes rather than a far place of the text."""

    def __init__(self, capacity: int, dtype: np.dtype):
        self.spans = np.empty((capacity, 2), np.int64)
        self.hashes = np.empty(capacity, np.uint64)
        self.kept_at = np.zeros(capacity + 1, np.int64)
        self.kept = np.empty(8 * capacity, dtype)
        self.table = np.full(2 * capacity, -1, np.int64)

    def grown(self, distinct: int) -> _ChunkTable:
        """A table of twice the capacity holding the first ``distinct`` numbers."""
        bigger = _ChunkTable(2 * len(self.hashes), self.kept.dtype)
        bigger.spans[:distinct] = self.spans[:distinct]
        bigger.hashes[:distinct] = self.hashes[:distinct]
        bigger.kept_at[:distinct + 1] = self.kept_at[:distinct + 1]
        bigger.kept[:self.kept_at[distinct]] = self.kept[:self.kept_at[distinct]]
        _rehash(bigger.hashes[:distinct], bigger.table)
        return bigger


def _number_chunks(points: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The chunks (maximal runs of non-space code points) of each sentence ``bounds[r] ..
    bounds[r + 1] − 2`` (a separator follows each but the last), numbered by first appearance: the
    number of every chunk in turn, each sentence's first chunk, and each number's first span."""
    ids = np.empty(_count_chunks(points, _SPACES), np.int64)
    offsets = np.zeros(len(bounds), np.int64)
    table = _ChunkTable(1024, points.dtype)
    sentence = at = found = distinct = 0
    while sentence < len(bounds) - 1:
        # The compiled loop stops where the table is full; it goes on in a larger one.
        sentence, at, found, distinct = _number_some(points, bounds, _SPACES, sentence, at, found, distinct, ids,
                                                     offsets, table.spans, table.hashes, table.kept_at, table.kept,
                                                     table.table)
        if sentence < len(bounds) - 1:
            table = table.grown(distinct)
    return ids, offsets, table.spans[:distinct].copy()


@numba.njit(cache=True)
def _count_chunks(points, spaces):  # pragma: no cover
    total = 0
    after_space = True
    for point in points:
        space = _is_space(point, spaces)
        if after_space and not space:
            total += 1
        after_space = space
    return total


@numba.njit(cache=True)
def _number_some(points, bounds, spaces, sentence, at, found, distinct, ids, offsets, spans, hashes, kept_at, kept,
                 table):  # pragma: no cover
    # _number_chunks from sentence `sentence`, position `at` on, until the table is full (a new
    # number would leave it less than half empty, or its code points would not fit): returns where
    # it stopped (the start of that chunk), how many chunks and distinct ones it has met.
    mask = np.uint64(len(table) - 1)
    for r in range(sentence, len(bounds) - 1):
        p, stop = max(bounds[r], at), min(bounds[r + 1], len(points))
        while p < stop:
            if _is_space(points[p], spaces):
                p += 1
                continue
            start = p
            h = np.uint64(14695981039346656037)
            while p < stop and not _is_space(points[p], spaces):
                h = (h ^ np.uint64(points[p])) * np.uint64(1099511628211)
                p += 1
            slot = h & mask
            while True:
                number = table[slot]
                if number < 0:
                    break
                if hashes[number] == h and _same(kept, kept_at[number], kept_at[number + 1], points, start, p):
                    break
                slot = (slot + np.uint64(1)) & mask
            if number < 0:
                end = kept_at[distinct] + p - start
                if distinct == len(hashes) or end > len(kept):
                    return r, start, found, distinct
                number = distinct
                spans[number, 0] = start
                spans[number, 1] = p
                hashes[number] = h
                for k in range(p - start):
                    kept[kept_at[number] + k] = points[start + k]
                kept_at[number + 1] = end
                table[slot] = number
                distinct += 1
            ids[found] = number
            found += 1
        offsets[r + 1] = found
    return len(bounds) - 1, 0, found, distinct


@numba.njit(cache=True, inline="always")
def _same(a, a_start, a_stop, b, b_start, b_stop):  # pragma: no cover
    # a[a_start:a_stop] == b[b_start:b_stop], without making views (each costs reference counting).
    if a_stop - a_start != b_stop - b_start:
        return False
    for k in range(a_stop - a_start):
        if a[a_start + k] != b[b_start + k]:
            return False
    return True


@numba.njit(cache=True)
def _rehash(hashes, table):  # pragma: no cover
    mask = np.uint64(len(table) - 1)
    for number in range(len(hashes)):
        slot = hashes[number] & mask
        while table[slot] >= 0:
            slot = (slot + np.uint64(1)) & mask
        table[slot] = number


@numba.njit(cache=True)
def _joins(ids, offsets, has_tokens, opens_upper, closes_upper):  # pragma: no cover
    # Codes a · chunks + b of each chunk b whose first token starts with a capital and follows a
    # chunk a whose last token does (chunks without tokens between them are passed over).
    count = len(has_tokens)
    found = np.empty(len(ids), np.int64)
    n = 0
    for r in range(len(offsets) - 1):
        previous = -1
        for chunk in ids[offsets[r]:offsets[r + 1]]:
            if not has_tokens[chunk]:
                continue
            if previous >= 0 and closes_upper[previous] and opens_upper[chunk]:
                found[n] = previous * count + chunk
                n += 1
            previous = chunk
    return found[:n].copy()


@numba.njit(cache=True)
def _assemble(ids, offsets, word_ptr, word_ids, anchor_ptr, anchor_ids, first_anchors, punct_ptr, punct_ids,
              has_tokens, has_word, opens_upper, closes_upper, count, join_codes, join_ptr, join_ids):  # pragma: no cover
    # Each sentence's words, and its anchors in the order anchors_of_tokens gives them: per token,
    # its own anchors and then its join with the token before; the punctuation anchors last.
    n_sent = len(offsets) - 1
    word_offsets = np.zeros(n_sent + 1, np.int64)
    anchor_offsets = np.zeros(n_sent + 1, np.int64)
    debris = np.ones(n_sent, np.bool_)
    for fill in range(2):
        words_out = np.empty(word_offsets[-1], np.int64)
        anchors_out = np.empty(anchor_offsets[-1], np.int64)
        for r in range(n_sent):
            w, a = (word_offsets[r], anchor_offsets[r]) if fill else (0, 0)
            previous = -1
            for chunk in ids[offsets[r]:offsets[r + 1]]:
                for k in range(word_ptr[chunk], word_ptr[chunk + 1]):
                    if fill:
                        words_out[w] = word_ids[k]
                    w += 1
                if not has_tokens[chunk]:
                    continue
                debris[r] = debris[r] and not has_word[chunk]
                split = anchor_ptr[chunk] + first_anchors[chunk]
                for k in range(anchor_ptr[chunk], split):
                    if fill:
                        anchors_out[a] = anchor_ids[k]
                    a += 1
                if previous >= 0 and closes_upper[previous] and opens_upper[chunk]:
                    at = np.searchsorted(join_codes, previous * count + chunk)
                    for k in range(join_ptr[at], join_ptr[at + 1]):
                        if fill:
                            anchors_out[a] = join_ids[k]
                        a += 1
                for k in range(split, anchor_ptr[chunk + 1]):
                    if fill:
                        anchors_out[a] = anchor_ids[k]
                    a += 1
                previous = chunk
            for chunk in ids[offsets[r]:offsets[r + 1]]:
                for k in range(punct_ptr[chunk], punct_ptr[chunk + 1]):
                    if fill:
                        anchors_out[a] = punct_ids[k]
                    a += 1
            if not fill:
                word_offsets[r + 1] = w
                anchor_offsets[r + 1] = a
        if not fill:
            word_offsets = np.cumsum(word_offsets)
            anchor_offsets = np.cumsum(anchor_offsets)
    return words_out, word_offsets, anchors_out, anchor_offsets, debris
