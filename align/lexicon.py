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
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from .anchors import normalize
from .errors import VienalignError
from .textio import read_text

log = logging.getLogger(__name__)

Translations = tuple[tuple[str, float], ...]


def _key(phrase: str) -> str:
    """Lower case, syllables of word-segmented text (``hợp_tác``) apart, one space between words."""
    return " ".join(normalize(phrase).lower().split())


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

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, unit: str) -> bool:
        return unit in self.entries

    def translations(self, unit: str) -> Translations:
        """The target words of ``unit`` (a key as made by :meth:`from_pairs`), or ``()``."""
        return self.entries.get(unit, ())

    def merged(self, other: Lexicon) -> Lexicon:
        """Both lexicons' entries; for a pair in both, the larger weight."""
        return Lexicon.from_pairs(
            (src, tgt, weight)
            for lexicon in (self, other)
            for src, targets in lexicon.entries.items()
            for tgt, weight in targets
        )

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
    src_units: Sequence[Iterable[str]],
    tgt_words: Sequence[Iterable[str]],
    *,
    min_cooccurrence: int = 2,
    min_dice: float = 0.3,
    max_translations: int = 3,
) -> Lexicon:
    """Word translations from aligned sentence pairs by the Dice coefficient (module docstring).

    ``src_units[k]`` and ``tgt_words[k]`` are the units of the ``k``-th pair; each source unit keeps
    its ``max_translations`` best target words.

    >>> lex = induce_lexicon([["haus", "alt"], ["haus", "neu"], ["berg"]],
    ...                      [["maison", "vieille"], ["maison", "neuve"], ["montagne"]])
    >>> lex.translations("haus")
    (('maison', 1.0),)
    """
    src_sets = [frozenset(units) for units in src_units]
    tgt_sets = [frozenset(words) for words in tgt_words]
    src_count = Counter(unit for units in src_sets for unit in units)
    tgt_count = Counter(word for words in tgt_sets for word in words)
    # Units seen once cannot reach min_cooccurrence; dropping them first keeps the pair count small.
    joint: Counter[tuple[str, str]] = Counter()
    for units, words in zip(src_sets, tgt_sets):
        frequent_words = [w for w in words if tgt_count[w] >= min_cooccurrence]
        for unit in units:
            if src_count[unit] >= min_cooccurrence:
                joint.update((unit, word) for word in frequent_words)
    best: dict[str, list[tuple[float, str]]] = {}
    for (unit, word), together in joint.items():
        if together < min_cooccurrence:
            continue
        dice = 2 * together / (src_count[unit] + tgt_count[word])
        if dice >= min_dice:
            best.setdefault(unit, []).append((dice, word))
    return Lexicon.from_pairs(
        (unit, word, dice)
        for unit, candidates in best.items()
        for dice, word in sorted(candidates, reverse=True)[:max_translations]
    )
