"""The main job: align every document pair of the project's corpora, write TMX and a report.

Each corpus folder under ``corpora/`` lists its pairs in ``pairs.tsv`` (columns: name, kind —
``parallel`` or ``comparable`` —, source running text, target running text, source sentences,
target sentences, gold beads; paths relative to the folder). For every pair the running text is
split and aligned exactly as a user's documents would be; the result is scored against the gold.

Scoring from running text: the gold indexes the hand-made one-sentence-a-line files, our beads index
our own sentences. Every gold sentence is located in the running text (it is verbatim text of it),
each of our sentences is mapped to the gold sentences its characters overlap, and our beads are
rewritten over gold indices (beads that come to share a gold sentence are merged). A splitting error
thus costs what it costs a user: the beads around it stop matching the gold.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .aligner import align
from .document import parse_presplit
from .errors import VienalignError
from .evaluate import Counts, Score, count_document
from .formats import read_ladder, write_alignment
from .normalize import normalize
from .segment import split
from .textio import read_text
from .types import MIN_SCORE, Alignment, Bead, Sentence

log = logging.getLogger(__name__)

DEFAULT_OUTDIR = Path("vienalign-out")
MANIFEST_NAME = "pairs.tsv"


@dataclass(frozen=True)
class CorpusPair:
    name: str
    kind: str
    src_text: Path
    tgt_text: Path
    src_sent: Path
    tgt_sent: Path
    gold: Path
    src_lang: str = "vi"
    tgt_lang: str = "en"


@dataclass(frozen=True)
class PairOutcome:
    """What the main job learned about one pair."""

    pair: CorpusPair
    alignment: Alignment
    projected: tuple[Bead, ...]
    """Our beads over gold sentence indices (see the module docstring)."""
    gold: tuple[Bead, ...]
    src_gold_sentences: tuple[str, ...]
    tgt_gold_sentences: tuple[str, ...]
    counts: Counts
    units_written: int
    """Translation units in the TMX (after the writer drops duplicates and empty sides)."""
    pairs_written: int
    """Non-null beads at or above ``min_score``: what goes into the TMX."""
    pairs_true: int
    """Of those, the ones whose projected bead is a gold bead (strictly)."""
    min_score: float
    tmx: Path

    @property
    def score(self) -> Score:
        return Score(self.counts, 1)


def default_corpora() -> Path:
    """The project's corpora: inside the installed package (a regular install ships them there, see
    ``setup.py``), else the ``corpora/`` of the source tree this package runs from, else ``./corpora``."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "corpora", package.parent / "corpora"):
        if candidate.is_dir():
            return candidate
    return Path("corpora")


def read_manifests(corpora: Path) -> list[CorpusPair]:
    """Every pair listed by a ``pairs.tsv`` in a folder directly under ``corpora``, the parallel
    ones first."""
    pairs: list[CorpusPair] = []
    manifests = sorted(corpora.glob(f"*/{MANIFEST_NAME}"))
    if not manifests:
        raise VienalignError(f"no corpus with a {MANIFEST_NAME} here", corpora)
    for manifest in manifests:
        with open(manifest, encoding="utf-8", newline="") as stream:
            for number, row in enumerate(csv.reader(stream, delimiter="\t"), start=1):
                if not row or row[0].startswith("#") or row[0] == "name":
                    continue
                if len(row) != 7:
                    raise VienalignError(f"expected 7 tab-separated fields, got {len(row)}", manifest, number)
                name, kind, *paths = row
                if kind not in {"parallel", "comparable"}:
                    raise VienalignError(f"kind must be parallel or comparable, not {kind!r}", manifest, number)
                pairs.append(CorpusPair(name, kind, *(manifest.parent / p for p in paths)))
    return sorted(pairs, key=lambda pair: pair.kind != "parallel")  # translations first; stable otherwise


def locate(raw: str, sentences: Sequence[Sentence], path: object) -> list[tuple[int, int]]:
    """The character span of each gold sentence in ``raw``, searched in order.

    Whitespace inside a sentence may differ between the two files (a line break in the running text),
    so the search treats any whitespace run as equal.
    """
    spans = []
    position = 0
    for number, sentence in enumerate(sentences):
        pattern = r"\s+".join(re.escape(token) for token in sentence.text.split())
        found = re.compile(pattern).search(raw, position)
        if found is None:
            raise VienalignError(f"gold sentence {number} is not in the running text: {sentence.text[:60]!r}", path)
        spans.append(found.span())
        position = found.end()
    return spans


def project(ours: Sequence[Sentence], gold_spans: Sequence[tuple[int, int]]) -> list[tuple[int, ...]]:
    """For each of our sentences, the gold sentences whose characters it overlaps."""
    result = []
    g = 0
    for sentence in ours:
        while g < len(gold_spans) and gold_spans[g][1] <= sentence.start:
            g += 1
        hits = []
        k = g
        while k < len(gold_spans) and gold_spans[k][0] < sentence.end:
            hits.append(k)
            k += 1
        result.append(tuple(hits))
    return result


def project_beads(beads: Sequence[Bead], src_map: Sequence[tuple[int, ...]],
                  tgt_map: Sequence[tuple[int, ...]]) -> list[Bead]:
    """Our beads rewritten over gold indices; neighbours sharing a gold sentence are merged."""
    merged: list[tuple[set[int], set[int], float]] = []
    for bead in beads:
        src = {g for i in bead.src for g in src_map[i]}
        tgt = {g for j in bead.tgt for g in tgt_map[j]}
        if not src and not tgt:
            continue
        if merged and (merged[-1][0] & src or merged[-1][1] & tgt):
            last_src, last_tgt, last_score = merged[-1]
            merged[-1] = (last_src | src, last_tgt | tgt, min(last_score, bead.score))
        else:
            merged.append((src, tgt, bead.score))
    return [Bead(tuple(sorted(s)), tuple(sorted(t)), score) for s, t, score in merged]


def _as_output(presplit: str, lang: str) -> tuple[str, ...]:
    """Gold sentences as every output writes text: NFC, word segmentation undone, whitespace collapsed."""
    return tuple(" ".join(s.text.split()) for s in parse_presplit(normalize(presplit, lang).text))


def run_pair(pair: CorpusPair, outdir: Path, min_score: float) -> PairOutcome:
    """Split, align, write the TMX of, and score one corpus pair."""
    src_raw, tgt_raw = read_text(pair.src_text), read_text(pair.tgt_text)
    src = split(src_raw, pair.src_lang)
    tgt = split(tgt_raw, pair.tgt_lang)
    alignment = align(src, tgt, pair.src_lang, pair.tgt_lang)
    tmx = outdir / f"{pair.name}.tmx"
    units = write_alignment(alignment, tmx, "tmx", min_score=min_score, document=pair.name)

    src_gold_text, tgt_gold_text = read_text(pair.src_sent), read_text(pair.tgt_sent)
    src_gold, tgt_gold = parse_presplit(src_gold_text), parse_presplit(tgt_gold_text)
    src_map = project(src, locate(src_raw, src_gold, pair.src_text))
    tgt_map = project(tgt, locate(tgt_raw, tgt_gold, pair.tgt_text))
    projected = tuple(project_beads(alignment.beads, src_map, tgt_map))
    gold = tuple(read_ladder(pair.gold))
    gold_set = {(b.src, b.tgt) for b in gold}
    written = [b for b in projected if b.src and b.tgt and b.score >= min_score]
    return PairOutcome(
        pair=pair,
        alignment=alignment,
        projected=projected,
        gold=gold,
        src_gold_sentences=_as_output(src_gold_text, pair.src_lang),
        tgt_gold_sentences=_as_output(tgt_gold_text, pair.tgt_lang),
        counts=count_document(gold, projected),
        units_written=units,
        pairs_written=len(written),
        pairs_true=sum((b.src, b.tgt) in gold_set for b in written),
        min_score=min_score,
        tmx=tmx,
    )


def run_demo(corpora: Path | None = None, outdir: Path = DEFAULT_OUTDIR,
             min_score: float = MIN_SCORE) -> Iterator[PairOutcome]:
    """Align every corpus pair into ``outdir``, yielding each pair's outcome as it is done."""
    pairs = read_manifests(corpora or default_corpora())
    for pair in pairs:
        log.info("aligning %s", pair.name)
        yield run_pair(pair, outdir, min_score)
