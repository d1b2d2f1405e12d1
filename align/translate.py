"""Pre-translation from a translation memory: what a CAT tool does before a translator starts.

A document's sentences are looked up in the memory (one or more TMX files): an exact match is a
sentence whose segment key (NFC, whitespace collapsed, see :func:`align.normalize.segment_key`) is a source
segment of the memory; otherwise the best fuzzy matches are found through :class:`align.fuzzy.FuzzyIndex`
and scored with :func:`align.fuzzy.similarity`. Every sentence falls in a match band (100%, 95–99%,
85–94%, 75–84%, 50–74%, no match), counted in segments and words as a CAT tool's analysis does.

**Number placeables.** When a fuzzy match's source differs from the sentence only in its numbers, the
numbers of the target are replaced by the sentence's, as CAT tools do with placeables: ``Năm 2006 …``
matched against the memory's ``Năm 2005 …`` → ``In 2005 …`` yields ``In 2006 …``. Each number of the
memory's source that changed must be found in the target, written the same or in the other
notation (vi ``1.532,5`` = en ``1,532.5``), and is then written in the target's notation. The score
stays the similarity of the sentences (the translator should still look), and the match says which
numbers it replaced.

**Equal sources.** When several units share a source with different targets, the first (in the order
of the ``--tm`` files, then of the units) is the match; the others come next as alternatives.

Words are counted as whitespace-separated tokens, so a Vietnamese syllable is a word, as in Trados
and memoQ.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .errors import VienalignError
from .fuzzy import FuzzyIndex, Hit, floor_percent
from .normalize import segment_key
from .tmx import _first_unit, _languages
from .tmx_read import open_tmx
from .types import Sentence

log = logging.getLogger(__name__)

DEFAULT_MIN_MATCH = 75.0
"""Matches below this score are not used in the draft or as the XLIFF target (``--min-match``)."""
ANALYSIS_FLOOR = 50.0
"""The lowest band of the analysis: weaker matches count as no match."""
ALTERNATIVES = 3
"""Matches kept per sentence (the best is the target; all go into the XLIFF as ``<alt-trans>``)."""

BANDS: tuple[tuple[str, float], ...] = (
    ("100%", 100.0),
    ("95–99%", 95.0),
    ("85–94%", 85.0),
    ("75–84%", 75.0),
    ("50–74%", ANALYSIS_FLOOR),
)
NO_MATCH = "no match"


def band_of(score: float | None) -> str:
    """The analysis band of a best score (``None``: nothing at or above the floor).

    >>> band_of(100.0), band_of(99.9), band_of(85.0), band_of(49.0), band_of(None)
    ('100%', '95–99%', '85–94%', 'no match', 'no match')
    """
    if score is None:
        return NO_MATCH
    percent = floor_percent(score)
    for name, lowest in BANDS:
        if percent >= lowest:
            return name
    return NO_MATCH


def word_count(text: str) -> int:
    return len(text.split())


# --- the memory ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MemoryUnit:
    """One source–target pair of the memory and the file it came from."""

    source: str
    target: str
    origin: str


@dataclass(frozen=True)
class TranslationMemory:
    """The units of one or more TMX files in one language direction."""

    src_lang: str
    tgt_lang: str
    units: tuple[MemoryUnit, ...]
    files: tuple[str, ...] = ()


def load_memory(paths: Sequence[str | os.PathLike], src_lang: str | None = None,
                tgt_lang: str | None = None) -> TranslationMemory:
    """The units of the TMX files ``paths`` that have a segment in both languages.

    ``src_lang`` defaults to the first file's ``srclang``, ``tgt_lang`` to the other language of its
    first unit. A file that is not TMX, or has no unit in both languages (a memory without the
    input's language), raises :class:`VienalignError` naming it. Repeated (source, target) pairs are
    kept once.
    """
    if not paths:
        raise VienalignError("no translation memory given (--tm FILE.tmx)")
    units: list[MemoryUnit] = []
    seen: set[tuple[str, str]] = set()
    for path in paths:
        header, stream = open_tmx(path)
        first, stream = _first_unit(stream)
        if src_lang is None or tgt_lang is None:
            src_lang, tgt_lang = _languages(path, header, first, src_lang, tgt_lang)
        found = 0
        for unit in stream:
            source, target = unit.text(src_lang), unit.text(tgt_lang)
            if source is None or target is None or not source.strip() or not target.strip():
                continue
            found += 1
            pair = (segment_key(source), segment_key(target))
            if pair not in seen:
                seen.add(pair)
                units.append(MemoryUnit(pair[0], pair[1], Path(path).name))
        if not found:
            languages = sorted({code for code, _ in first.variants}) if first is not None else []
            raise VienalignError(f"no unit has both a {src_lang} and a {tgt_lang} segment "
                                 f"(languages found: {', '.join(languages) or 'none'})", path)
    log.info("memory: %d units %s-%s from %d files", len(units), src_lang, tgt_lang, len(paths))
    return TranslationMemory(src_lang, tgt_lang, tuple(units), tuple(str(p) for p in paths))


# --- number placeables -----------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SWAP_SEPARATORS = str.maketrans(".,", ",.")


def _numbers(text: str) -> tuple[str, list[str]]:
    """``text`` with each number replaced by ``#``, and the numbers in order."""
    return _NUMBER.sub("#", text), _NUMBER.findall(text)


def replace_numbers(sentence: str, source: str, target: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """``target`` with the numbers that differ between ``source`` and ``sentence`` replaced, and the
    (old, new) pairs; ``None`` when the two differ in more than numbers, or a changed number cannot
    be found in the target unambiguously.

    >>> replace_numbers("Năm 2007 xuất khẩu 1.532,5 tấn.", "Năm 2006 xuất khẩu 766,8 tấn.",
    ...                 "In 2006, exports were 766.8 tonnes.")
    ('In 2007, exports were 1,532.5 tonnes.', (('2006', '2007'), ('766,8', '1.532,5')))
    """
    sentence_shape, new_numbers = _numbers(sentence)
    source_shape, old_numbers = _numbers(source)
    if sentence_shape != source_shape or new_numbers == old_numbers:
        return None
    changes: dict[str, str] = {}
    for old, new in zip(old_numbers, new_numbers):
        if old != new and changes.setdefault(old, new) != new:
            return None  # one number of the source became two different numbers
    if any(old == new and old in changes for old, new in zip(old_numbers, new_numbers)):
        return None  # a changed number also stays elsewhere: which target occurrence changes is unknown
    replacements = {}
    for old, new in changes.items():
        spellings = {old: new, old.translate(_SWAP_SEPARATORS): new.translate(_SWAP_SEPARATORS)}
        found = [number for number in _NUMBER.findall(target) if number in spellings]
        if not found:
            return None
        replacements.update((number, spellings[number]) for number in found)
    replaced = _NUMBER.sub(lambda m: replacements.get(m.group(), m.group()), target)
    return replaced, tuple(changes.items())


# --- lookup ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    """A memory unit found for a sentence: its score, and the target to use (numbers replaced)."""

    unit: MemoryUnit
    score: float
    target: str
    placeables: tuple[tuple[str, str], ...] = ()
    """The numbers replaced in the target, as (memory's, sentence's)."""

    @property
    def exact(self) -> bool:
        return self.score == 100.0


class Translator:
    """Looks sentences up in a memory: exact matches through a dictionary, fuzzy ones through the index."""

    def __init__(self, memory: TranslationMemory):
        if not memory.units:
            raise VienalignError("the translation memory has no units")
        self.memory = memory
        self._units_of_key: dict[str, list[int]] = {}
        for number, unit in enumerate(memory.units):
            self._units_of_key.setdefault(unit.source, []).append(number)
        self.keys = list(self._units_of_key)  # in order of first appearance: ties go to the earlier unit
        self.index = FuzzyIndex(self.keys)

    def lookup(self, text: str, *, min_score: float = ANALYSIS_FLOOR, limit: int = ALTERNATIVES) -> tuple[Match, ...]:
        """The best ``limit`` matches of ``text`` scoring at least ``min_score``, best first."""
        key = segment_key(text)
        exact = [self.memory.units[number] for number in self._units_of_key.get(key, ())]
        matches = [Match(unit, 100.0, unit.target) for unit in exact[:limit]]
        if len(matches) < limit:
            hits = self.index.search(key, min_score=min_score, limit=limit - len(matches) + bool(exact))
            matches += self._fuzzy(key, [hit for hit in hits if self.keys[hit.key] != key], limit - len(matches))
        return tuple(matches)

    def _fuzzy(self, key: str, hits: Iterable[Hit], limit: int) -> list[Match]:
        matches = []
        for hit in hits:
            for number in self._units_of_key[self.keys[hit.key]]:
                unit = self.memory.units[number]
                replaced = replace_numbers(key, unit.source, unit.target)
                target, placeables = replaced if replaced else (unit.target, ())
                matches.append(Match(unit, hit.score, target, placeables))
        return matches[:limit]


# --- pre-translation and analysis ------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    """One sentence of the document and what the memory had for it."""

    number: int
    """1-based, in document order."""
    source: str
    para: int
    matches: tuple[Match, ...]

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def words(self) -> int:
        return word_count(self.source)

    @property
    def band(self) -> str:
        return band_of(self.best.score if self.best else None)


@dataclass(frozen=True)
class BandCount:
    band: str
    segments: int
    words: int


@dataclass(frozen=True)
class Pretranslation:
    """A document looked up in a memory: the segments, and the settings that made them."""

    segments: tuple[Segment, ...]
    src_lang: str
    tgt_lang: str
    min_match: float
    memory_files: tuple[str, ...] = ()
    document: str = ""
    memory_units: int = 0

    def used(self, segment: Segment) -> Match | None:
        """The match that goes into the draft and the XLIFF target: the best, if at least ``min_match``."""
        best = segment.best
        return best if best is not None and best.score >= self.min_match else None

    def summary(self) -> list[BandCount]:
        """Segments and words per band, in the order of :data:`BANDS`, then no match."""
        rows = []
        for name in [band for band, _ in BANDS] + [NO_MATCH]:
            inside = [segment for segment in self.segments if segment.band == name]
            rows.append(BandCount(name, len(inside), sum(segment.words for segment in inside)))
        return rows

    def table(self) -> str:
        """The summary as a CAT tool prints it: segments, words, and the share of words per band."""
        rows = self.summary()
        total_segments = sum(row.segments for row in rows)
        total_words = sum(row.words for row in rows)
        lines = [f"{'match':<10} {'segments':>8} {'words':>8} {'% words':>8}"]
        for row in rows + [BandCount("total", total_segments, total_words)]:
            share = 100.0 * row.words / total_words if total_words else 0.0
            lines.append(f"{row.band:<10} {row.segments:>8} {row.words:>8} {share:>8.1f}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """The analysis as JSON: settings, the summary, and per segment its best match and band."""
        segments = []
        for segment in self.segments:
            best = segment.best
            segments.append({
                "id": segment.number,
                "paragraph": segment.para,
                "source": segment.source,
                "words": segment.words,
                "score": round(best.score, 2) if best else None,
                "band": segment.band,
                "match_source": best.unit.source if best else None,
                "match_target": best.unit.target if best else None,
                "target": best.target if best else None,
                "placeables": [list(pair) for pair in best.placeables] if best else [],
                "origin": best.unit.origin if best else None,
                "used": self.used(segment) is not None,
            })
        return {
            "document": self.document,
            "memory": list(self.memory_files),
            "memory_units": self.memory_units,
            "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang,
            "min_match": self.min_match,
            "similarity": "100 * (1 - Levenshtein(a, b) / max(len a, len b)), characters, NFC, whitespace "
                          "collapsed, case-sensitive",
            "summary": [vars(row) for row in self.summary()],
            "segments": segments,
        }


def check_min_match(value: float) -> float:
    if not 0.0 < value <= 100.0:
        raise VienalignError(f"--min-match must be in (0, 100], not {value:g}")
    return value


def pretranslate(sentences: Sequence[Sentence], translator: Translator, *,
                 min_match: float = DEFAULT_MIN_MATCH, document: str = "") -> Pretranslation:
    """Look every sentence up; matches from ``min(min_match, ANALYSIS_FLOOR)`` up are kept."""
    check_min_match(min_match)
    floor = min(min_match, ANALYSIS_FLOOR)
    segments = tuple(Segment(number, sentence.text, sentence.para, translator.lookup(sentence.text, min_score=floor))
                     for number, sentence in enumerate(sentences, start=1))
    memory = translator.memory
    return Pretranslation(segments, memory.src_lang, memory.tgt_lang, min_match, memory.files, document,
                          len(memory.units))


UNMATCHED = "[[{lang}: {text}]]"
"""How the draft marks a sentence left in the source language."""


def draft_lines(pre: Pretranslation) -> list[str]:
    """The draft: per paragraph one line of the used targets and the marked unmatched sentences,
    paragraphs separated by an empty line."""
    paragraphs: list[list[str]] = []
    last_para = None
    for segment in pre.segments:
        if segment.para != last_para:
            paragraphs.append([])
            last_para = segment.para
        used = pre.used(segment)
        paragraphs[-1].append(used.target if used else UNMATCHED.format(lang=pre.src_lang, text=segment.source))
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        lines.append(" ".join(paragraph))
    return lines
