"""Word translation tables: the built-in vi-en lexicon, a user's dictionary, and one induced from the
two documents being aligned.

A :class:`Lexicon` maps a source unit (a lower-case word, or for Vietnamese a run of syllables such
as ``hợp tác``) to target words with weights ``p(t | s)`` in (0, 1]. A multi-word target
(``foreign affairs``) is spread over its words, ``1/n`` each, because sentences are compared as
bags of target words.

Induction (:func:`induce_lexicon`) uses the Dice coefficient over sentence pairs believed to be
translations (the confident 1-1 beads of a first pass):

    Dice(s, t) = 2 c(s, t) / (c(s) + c(t))

where ``c(s)`` counts the pairs whose source side contains ``s``, ``c(t)`` those whose target side
contains ``t`` and ``c(s, t)`` those containing both. Pairs seen together at least
``min_cooccurrence`` times with Dice at least ``min_dice`` are kept, weighted by their Dice value.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import os
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numba
import numpy as np
from scipy import sparse

from .analysis import WordLists, numbered_lists
from .errors import VienalignError
from .normalize import nfc, word_key
from .parallel import in_parallel
from .textio import read_text

log = logging.getLogger(__name__)

Translations = tuple[tuple[str, float], ...]


def _key(phrase: str) -> str:
    """NFC, each word's :func:`align.normalize.word_key`, syllables of word-segmented text
    (``hợp_tác``) apart, one space between words."""
    return " ".join(word_key(word) for word in nfc(phrase).replace("_", " ").split())


@dataclass(frozen=True)
class Lexicon:
    """Source unit → target words with weights; build with :meth:`from_pairs`."""

    entries: Mapping[str, Translations]

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str, float]]) -> Lexicon:
        """A lexicon from ``(source phrase, target phrase, weight)`` triples; a target phrase of
        ``n`` words gives each word ``weight / n``, and repeated pairs keep their largest weight."""
        table: dict[str, dict[str, float]] = {}
        for src, tgt, weight in pairs:
            src_key, tgt_words = _key(src), _key(tgt).split()
            if not src_key or not tgt_words:
                continue
            targets = table.setdefault(src_key, {})
            for word in tgt_words:
                targets[word] = max(targets.get(word, 0.0), weight / len(tgt_words))
        return cls({src: tuple(sorted(targets.items())) for src, targets in table.items()})

    @classmethod
    def from_table(cls, table: Mapping[str, Mapping[str, float]]) -> Lexicon:
        """A lexicon from ``{source unit: {target word: weight}}`` whose units and words are already
        keys as :meth:`from_pairs` makes them (as induction's are: the documents' own words).

        >>> Lexicon.from_table({"haus": {"maison": 0.9, "foyer": 0.4}}).translations("haus")
        (('foyer', 0.4), ('maison', 0.9))
        """
        return cls({unit: tuple(sorted(targets.items())) for unit, targets in table.items() if targets})

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, unit: str) -> bool:
        return unit in self.entries

    def translations(self, unit: str) -> Translations:
        """The target words of ``unit`` (a key as made by :meth:`from_pairs`), or ``()``."""
        return self.entries.get(unit, ())

    def merged(self, other: Lexicon) -> Lexicon:
        """Both lexicons' entries; for a pair in both, the larger weight.

        >>> a, b = Lexicon.from_pairs([("a", "x", 0.5)]), Lexicon.from_pairs([("a", "x", 0.7), ("b", "y", 1)])
        >>> a.merged(b).entries
        {'a': (('x', 0.7),), 'b': (('y', 1.0),)}
        """
        table = {unit: dict(targets) for unit, targets in self.entries.items()}
        for unit, targets in other.entries.items():
            mine = table.setdefault(unit, {})
            for word, weight in targets:
                mine[word] = max(mine.get(word, 0.0), weight)
        return Lexicon.from_table(table)

    def reversed(self) -> Lexicon:
        """The same pairs read from target to source (for aligning en→vi with a vi-en table)."""
        return Lexicon.from_pairs(
            (tgt, src, weight) for src, targets in self.entries.items() for tgt, weight in targets
        )


EMPTY = Lexicon({})


def parse_lexicon_line(line: str, path: object, lineno: int) -> tuple[str, str] | None:
    """``(source, target)`` from one dictionary line, ``None`` for a blank or ``#`` comment line.

    Two layouts: TSV ``src<TAB>tgt`` and hunalign's ``tgt @ src``.

    >>> parse_lexicon_line("hợp tác\\tcooperation", "d.tsv", 1)
    ('hợp tác', 'cooperation')
    >>> parse_lexicon_line("cooperation @ hợp tác", "d.txt", 2)
    ('hợp tác', 'cooperation')
    """
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    if "\t" in stripped:
        fields = [field.strip() for field in stripped.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise VienalignError(
                f"expected 'source<TAB>target', got {len(fields)} tab-separated fields", path, lineno
            )
        return fields[0], fields[1]
    if " @ " in stripped:
        tgt, src = (field.strip() for field in stripped.split(" @ ", 1))
        if not src or not tgt:
            raise VienalignError("expected 'target @ source' with both sides", path, lineno)
        return src, tgt
    raise VienalignError("expected 'source<TAB>target' or 'target @ source'", path, lineno)


def read_lexicon(path: str | os.PathLike, encoding: str | None = None) -> Lexicon:
    """A user's bilingual dictionary (see :func:`parse_lexicon_line`); every pair has weight 1."""
    text = read_text(path, encoding=encoding)
    pairs = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        parsed = parse_lexicon_line(line, path, lineno)
        if parsed is not None:
            pairs.append((*parsed, 1.0))
    if not pairs:
        raise VienalignError("no dictionary entries", path)
    return Lexicon.from_pairs(pairs)


@functools.lru_cache(maxsize=None)
def builtin_lexicon(src_lang: str, tgt_lang: str) -> Lexicon:
    """The project's own lexicon for the pair (``align/data/lexicon/{src}-{tgt}.tsv``, or the
    reverse file read backwards); an empty lexicon for pairs without one."""
    folder = importlib.resources.files("align") / "data" / "lexicon"
    for name, backwards in ((f"{src_lang}-{tgt_lang}.tsv", False), (f"{tgt_lang}-{src_lang}.tsv", True)):
        resource = folder / name
        if resource.is_file():
            pairs = []
            for lineno, line in enumerate(resource.read_text(encoding="utf-8").splitlines(), start=1):
                parsed = parse_lexicon_line(line, name, lineno)
                if parsed is not None:
                    pairs.append((*parsed, 1.0))
            lexicon = Lexicon.from_pairs(pairs)
            log.info("built-in lexicon %s: %d entries", name, len(lexicon))
            return lexicon.reversed() if backwards else lexicon
    return EMPTY


def induce_lexicon(
    src_units: Sequence[Iterable[str]] | WordLists,
    tgt_words: Sequence[Iterable[str]] | WordLists,
    *,
    min_cooccurrence: int = 2,
    min_dice: float = 0.3,
    max_translations: int = 3,
) -> Lexicon:
    """Word translations from aligned sentence pairs by the Dice coefficient (module docstring).

    ``src_units[k]`` and ``tgt_words[k]`` are the units of the ``k``-th pair (lists of strings, or
    :class:`align.analysis.WordLists` already numbered); each source unit keeps its
    ``max_translations`` best target words.

    >>> lex = induce_lexicon([["haus", "alt"], ["haus", "neu"], ["berg"]],
    ...                      [["maison", "vieille"], ["maison", "neuve"], ["montagne"]])
    >>> lex.translations("haus")
    (('maison', 1.0),)
    """
    unit_names, units = _incidence(src_units)
    word_names, words = _incidence(tgt_words)
    unit_count = np.asarray(units.sum(axis=0)).ravel()
    word_count = np.asarray(words.sum(axis=0)).ravel()
    word_rank = _name_ranks(word_names)
    # c(s, t) is counted unit by unit (the pairs holding s, their words), never as the whole
    # product Aᵀ B: a long document's pairs meet millions of times, mostly once, and a table of
    # them all took seconds to build and then to filter.
    pairs_of_unit = units.tocsc()
    best_word = np.full((len(unit_names), max_translations), -1, dtype=np.int64)
    best_dice = np.zeros((len(unit_names), max_translations))
    in_parallel(lambda part: _best_by_dice(pairs_of_unit.indptr, pairs_of_unit.indices, words.indptr, words.indices,
                                           unit_count, word_count, word_rank, min_cooccurrence, min_dice,
                                           part.start, part.stop, best_word, best_dice), range(len(unit_names)))
    unit, slot = np.nonzero(best_word >= 0)
    return Lexicon.from_table(_best(unit_names, word_names, unit, best_word[unit, slot], best_dice[unit, slot],
                                   max_translations))


@numba.njit(cache=True, nogil=True)
def _best_by_dice(unit_ptr, unit_pairs, pair_ptr, pair_words, unit_count, word_count, word_rank, min_count,
                  min_dice, first, last, best_word, best_dice):  # pragma: no cover
    # Units first..last-1: c(s, t) for each word t met with s (together[t], the words touched
    # listed so that only they are cleared), and the best few t by Dice, ties to the higher rank,
    # into best_word[s] / best_dice[s], best first.
    together = np.zeros(len(word_count), np.int64)
    touched = np.empty(len(word_count), np.int64)
    for unit in range(first, last):
        if unit_count[unit] < min_count:
            continue
        n_touched = 0
        for p in range(unit_ptr[unit], unit_ptr[unit + 1]):
            pair = unit_pairs[p]
            for q in range(pair_ptr[pair], pair_ptr[pair + 1]):
                word = pair_words[q]
                if together[word] == 0:
                    touched[n_touched] = word
                    n_touched += 1
                together[word] += 1
        for m in range(n_touched):
            word = touched[m]
            count = together[word]
            together[word] = 0
            if count < min_count:
                continue
            dice = 2 * count / (unit_count[unit] + word_count[word])
            if dice >= min_dice:
                _keep_best(best_word[unit], best_dice[unit], word, dice, word_rank)


@numba.njit(cache=True, inline="always")
def _keep_best(words, dices, word, dice, word_rank):  # pragma: no cover
    # Insert (word, dice) into the descending lists words/dices if it beats one of them.
    for slot in range(len(words)):
        held = words[slot]
        if held < 0 or dice > dices[slot] or (dice == dices[slot] and word_rank[word] > word_rank[held]):
            for later in range(len(words) - 1, slot, -1):
                words[later], dices[later] = words[later - 1], dices[later - 1]
            words[slot], dices[slot] = word, dice
            return


def _name_ranks(names: list[str]) -> np.ndarray:
    """Each name's place in the sorted order of ``names``."""
    return np.argsort(np.argsort(np.array(names, dtype=object)))


def _best(unit_names: list[str], word_names: list[str], unit: np.ndarray, word: np.ndarray, weight: np.ndarray,
          max_translations: int) -> dict[str, dict[str, float]]:
    """Each unit's ``max_translations`` words of largest weight (a tie to the word that sorts last)."""
    word_rank = _name_ranks(word_names)
    order = np.lexsort((-word_rank[word], -weight, unit))
    unit, word, weight = unit[order], word[order], weight[order]
    first = np.concatenate([[0], np.flatnonzero(unit[1:] != unit[:-1]) + 1]) if len(unit) else np.zeros(0, int)
    place = np.arange(len(unit)) - np.repeat(first, np.diff(np.append(first, len(unit))))
    best: dict[str, dict[str, float]] = {}
    for u, w, value in zip(unit[place < max_translations], word[place < max_translations],
                           weight[place < max_translations]):
        best.setdefault(unit_names[u], {})[word_names[w]] = float(value)
    return best


def _incidence(groups: Sequence[Iterable[str]] | WordLists) -> tuple[list[str], sparse.csr_matrix]:
    """The distinct items of ``groups`` (numbered by first appearance, or as numbered already) and
    a 0/1 matrix (groups × items) of which group holds which.

    >>> names, matrix = _incidence([["a", "b", "a"], ["b"]])
    >>> names, matrix.toarray().tolist()
    (['a', 'b'], [[1, 1], [0, 1]])
    """
    lists = groups if isinstance(groups, WordLists) else numbered_lists([list(group) for group in groups])
    indptr, indices = _distinct_in_rows(lists.offsets, lists.ids, len(lists.names))
    return list(lists.names), sparse.csr_matrix((np.ones(len(indices), np.int64), indices, indptr),
                                                shape=(len(lists), len(lists.names)))


@numba.njit(cache=True)
def _distinct_in_rows(offsets, ids, columns):  # pragma: no cover
    # Each row's distinct ids, sorted, in CSR layout.
    last_row = np.full(columns, -1, np.int64)
    indptr = np.zeros(len(offsets), np.int64)
    indices = np.empty(len(ids), np.int64)
    for r in range(len(offsets) - 1):
        at = indptr[r]
        for p in range(offsets[r], offsets[r + 1]):
            if last_row[ids[p]] != r:
                last_row[ids[p]] = r
                indices[at] = ids[p]
                at += 1
        indices[indptr[r]:at].sort()
        indptr[r + 1] = at
    return indptr, indices[:indptr[-1]].copy()


_CHUNK_ENTRIES = 1 << 18
"""Model 1 builds its (source word × target word) table this many entries at a time, so that its
memory is that of the word-pair probabilities, not of every co-occurrence of the documents."""


@dataclass(frozen=True)
class _Chunk:
    """Consecutive sentence pairs, each listing every (source word or NULL) × (target word or NULL)
    row by row: the ``i``-th source word with the ``j``-th target word is entry ``i · n_t + j``."""

    pair_of: np.ndarray
    """Per entry: the number of its word pair in the sorted table of word pairs."""
    src_pos: np.ndarray
    """Per entry: the source word's position in its sentence pair, 0 for NULL."""
    tgt_pos: np.ndarray
    """Per entry: the target word's position in its sentence pair, 0 for NULL."""
    src_group: np.ndarray
    """Per entry: its (sentence pair, source word) numbered within the chunk."""
    tgt_group: np.ndarray
    """Per entry: its (sentence pair, target word) numbered within the chunk."""


def _entries(sentence_pairs: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, ...]:
    """The source ids, target ids, positions and groups of the entries of ``sentence_pairs``."""
    src_len = np.array([len(s) for s, _ in sentence_pairs])
    tgt_len = np.array([len(t) for _, t in sentence_pairs])
    sizes = src_len * tgt_len
    offset = np.repeat(np.cumsum(sizes) - sizes, sizes)
    within = np.arange(int(sizes.sum())) - offset
    width = np.repeat(tgt_len, sizes)
    src_pos, tgt_pos = within // width, within % width
    src_group = np.repeat(np.cumsum(src_len) - src_len, sizes) + src_pos
    tgt_group = np.repeat(np.cumsum(tgt_len) - tgt_len, sizes) + tgt_pos
    src_ids = np.concatenate([s for s, _ in sentence_pairs])[src_group]
    tgt_ids = np.concatenate([t for _, t in sentence_pairs])[tgt_group]
    return src_ids, tgt_ids, src_pos, tgt_pos, src_group, tgt_group


def _model1(chunks: Sequence[_Chunk], given: np.ndarray, forward: bool, iterations: int) -> np.ndarray:
    """IBM Model 1 probabilities, per word pair, of one side's words given the other's.

    ``forward``: ``p(t | s)``, every target word of a sentence pair generated by one of its source
    words or NULL (``given[pair]`` is the pair's source word); else ``p(s | t)`` the other way.
    EM from uniform ``p``: each word's occurrence is shared among the words of the other side of
    its sentence pair in proportion to ``p`` (E-step), and ``p(t | s)`` becomes the shares ``t``
    received over all that ``s`` gave (M-step)::

        c(s, t) = Σ_pairs p(t | s) / Σ_{s' in pair} p(t | s'),        p(t | s) = c(s, t) / Σ_t' c(s, t')
    """
    prob = np.ones(len(given))
    for _ in range(iterations):
        counts = np.zeros(len(given))
        for chunk in chunks:
            explained = chunk.tgt_pos > 0 if forward else chunk.src_pos > 0
            pair_of = chunk.pair_of[explained]
            group = (chunk.tgt_group if forward else chunk.src_group)[explained]
            share = prob[pair_of]
            share /= np.bincount(group, weights=share)[group]
            counts += np.bincount(pair_of, weights=share, minlength=len(given))
        totals = np.bincount(given, weights=counts)[given]
        prob = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    return prob


def _word_pair_table(sentence_pairs: list[tuple[np.ndarray, np.ndarray]],
                     n_targets: int) -> tuple[np.ndarray, np.ndarray, list[_Chunk]]:
    """The sorted codes ``source · n_targets + target`` of the distinct word pairs seen together,
    how many sentence pairs hold each, and the sentence pairs as :class:`_Chunk` s of about
    ``_CHUNK_ENTRIES`` entries."""
    batches, batch, size = [], [], 0
    for s, t in sentence_pairs:
        batch.append((s, t))
        size += len(s) * len(t)
        if size >= _CHUNK_ENTRIES:
            batches.append(batch)
            batch, size = [], 0
    batches += [batch] if batch else []
    raw = []
    for batch in batches:
        src_ids, tgt_ids, *_ = _entries(batch)
        raw.append(np.unique(src_ids * n_targets + tgt_ids, return_counts=True))
    keys = np.unique(np.concatenate([k for k, _ in raw]))
    cooccurrence = np.zeros(len(keys), dtype=np.int64)
    for k, c in raw:
        np.add.at(cooccurrence, np.searchsorted(keys, k), c)
    del raw
    chunks = []
    for batch in batches:
        src_ids, tgt_ids, src_pos, tgt_pos, src_group, tgt_group = _entries(batch)
        pair_of = np.searchsorted(keys, src_ids * n_targets + tgt_ids).astype(np.int32)
        chunks.append(_Chunk(pair_of, src_pos.astype(np.int32), tgt_pos.astype(np.int32),
                             src_group.astype(np.int32), tgt_group.astype(np.int32)))
    return keys, cooccurrence, chunks


def induce_model1(
    src_units: Sequence[Iterable[str]],
    tgt_words: Sequence[Iterable[str]],
    *,
    iterations: int = 5,
    min_cooccurrence: int = 2,
    min_probability: float = 0.1,
    max_translations: int = 3,
) -> Lexicon:
    """Word translations from aligned sentence pairs by IBM Model 1, trained in both directions.

    Dice counts every pair of words seen together, so a frequent word pulls on every word of its
    sentences; Model 1 instead lets the words of a sentence pair compete to explain each other
    (:func:`_model1`), so a target word is credited to the one source unit that accounts for it
    best across the documents. A pair seen together at least ``min_cooccurrence`` times is kept
    when both directions agree, weighted by the geometric mean of the two directions' probabilities::

        w(s, t) = √(p(t | s) · p(s | t)) ≥ min_probability

    and each source unit keeps its ``max_translations`` best target words. Rare words take part in
    the training (they explain their sentences' other rare words, which would otherwise be pinned on
    the frequent ones) but cannot be kept. Time grows linearly with the co-occurring (source unit,
    target word) pairs, memory with the distinct ones (the co-occurrences are visited in chunks).

    >>> lex = induce_model1([["haus", "alt"], ["haus", "neu"], ["berg"]],
    ...                     [["maison", "vieille"], ["maison", "neuve"], ["montagne"]], min_cooccurrence=1)
    >>> max(lex.translations("haus"), key=lambda pair: pair[1])[0]
    'maison'
    >>> lex.translations("berg")
    (('montagne', 1.0),)
    """
    src_sets = [set(units) for units in src_units]
    tgt_sets = [set(words) for words in tgt_words]
    src_names = [""] + sorted(set().union(*src_sets))
    tgt_names = [""] + sorted(set().union(*tgt_sets))
    src_vocab = {unit: number for number, unit in enumerate(src_names)}
    tgt_vocab = {word: number for number, word in enumerate(tgt_names)}
    sentence_pairs = [(np.array([0] + [src_vocab[u] for u in units], dtype=np.int64),
                       np.array([0] + [tgt_vocab[w] for w in words], dtype=np.int64))
                      for units, words in zip(src_sets, tgt_sets) if units or words]
    if not sentence_pairs:
        return EMPTY
    keys, cooccurrence, chunks = _word_pair_table(sentence_pairs, len(tgt_names))
    pair_src, pair_tgt = keys // len(tgt_names), keys % len(tgt_names)
    weight = np.sqrt(_model1(chunks, pair_src, True, iterations) * _model1(chunks, pair_tgt, False, iterations))
    keep = (pair_src > 0) & (pair_tgt > 0) & (cooccurrence >= min_cooccurrence) & (weight >= min_probability)
    return Lexicon.from_table(_best(src_names, tgt_names, pair_src[keep], pair_tgt[keep], weight[keep],
                                    max_translations))
