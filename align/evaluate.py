"""The standard sentence-alignment scorer: strict and lax precision, recall and F1.

The convention every published Text+Berg number uses (Sennrich & Volk 2011, as implemented by
vecalign's ``score.py``):

* **Precision** is over all output (test) beads. A test bead is *strictly* right when the identical
  bead is in the gold, and *laxly* right when it is strictly right or, both its sides being
  non-empty, it shares at least one source and one target sentence with a single gold bead. So a
  null bead (``[7]:[]``) is right, strictly or laxly, only when the identical null bead is gold.
* **Recall** is over the gold beads with both sides non-empty, matched the same way against the test
  beads with both sides non-empty (recall is precision with the roles swapped and null beads dropped).
* Counts are summed over all documents first; then ``P = right / test beads``, ``R = found / gold
  beads``, ``F1 = 2PR / (P + R)``, and 0 wherever a denominator is 0.

As in vecalign, beads are compared as written (index order kept) and a document's beads are a set:
a bead listed twice counts once. Scores on beads are ignored.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Iterable, Sequence

from .errors import VienalignError
from .formats import read_ladder
from .types import Bead

_Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Counts:
    """The sufficient statistics of the scorer for one or more documents (they add up)."""

    test_beads: int = 0
    """Precision denominator: distinct test beads."""
    strict_right: int = 0
    lax_right: int = 0
    gold_beads: int = 0
    """Recall denominator: distinct gold beads with both sides non-empty."""
    strict_found: int = 0
    lax_found: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.test_beads + other.test_beads,
            self.strict_right + other.strict_right,
            self.lax_right + other.lax_right,
            self.gold_beads + other.gold_beads,
            self.strict_found + other.strict_found,
            self.lax_found + other.lax_found,
        )


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Score:
    """Strict and lax precision, recall and F1 computed from summed :class:`Counts`."""

    counts: Counts
    documents: int

    @property
    def precision_strict(self) -> float:
        return _ratio(self.counts.strict_right, self.counts.test_beads)

    @property
    def recall_strict(self) -> float:
        return _ratio(self.counts.strict_found, self.counts.gold_beads)

    @property
    def f1_strict(self) -> float:
        return _f1(self.precision_strict, self.recall_strict)

    @property
    def precision_lax(self) -> float:
        return _ratio(self.counts.lax_right, self.counts.test_beads)

    @property
    def recall_lax(self) -> float:
        return _ratio(self.counts.lax_found, self.counts.gold_beads)

    @property
    def f1_lax(self) -> float:
        return _f1(self.precision_lax, self.recall_lax)

    def as_dict(self) -> dict:
        """The six scores, the counts and the number of documents, for JSON output."""
        return {
            "precision_strict": self.precision_strict,
            "recall_strict": self.recall_strict,
            "f1_strict": self.f1_strict,
            "precision_lax": self.precision_lax,
            "recall_lax": self.recall_lax,
            "f1_lax": self.f1_lax,
            "documents": self.documents,
            "counts": asdict(self.counts),
        }

    def table(self) -> str:
        """A small plain-text table of the six scores."""
        return "\n".join([
            "           strict    lax",
            f"precision  {self.precision_strict:6.4f}  {self.precision_lax:6.4f}",
            f"recall     {self.recall_strict:6.4f}  {self.recall_lax:6.4f}",
            f"F1         {self.f1_strict:6.4f}  {self.f1_lax:6.4f}",
            f"({self.documents} document(s), {self.counts.test_beads} test beads, "
            f"{self.counts.gold_beads} non-null gold beads)",
        ])


def _pairs(beads: Iterable[Bead]) -> set[_Pair]:
    """The distinct beads as (source, target) index tuples; a bead empty on both sides means nothing."""
    return {(bead.src, bead.tgt) for bead in beads if bead.src or bead.tgt}


def _matches(reference: set[_Pair], candidates: set[_Pair]) -> tuple[int, int]:
    """How many ``candidates`` are identical to a reference bead (strict), and how many are that or
    share a source and a target sentence with one reference bead (lax)."""
    # For each source sentence, the target sentences it is aligned with somewhere in the reference:
    # a candidate overlaps some reference bead on both sides iff one of its source sentences is
    # linked there to one of its target sentences.
    linked_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in reference:
        for i in src:
            linked_targets[i].update(tgt)
    strict = lax = 0
    for src, tgt in candidates:
        if (src, tgt) in reference:
            strict += 1
            lax += 1
        elif any(not linked_targets.get(i, set()).isdisjoint(tgt) for i in src):
            lax += 1
    return strict, lax


def count_document(gold: Iterable[Bead], test: Iterable[Bead]) -> Counts:
    """The scorer's counts for one document's gold and test beads."""
    gold_pairs, test_pairs = _pairs(gold), _pairs(test)
    strict_right, lax_right = _matches(gold_pairs, test_pairs)
    gold_full = {(s, t) for s, t in gold_pairs if s and t}
    test_full = {(s, t) for s, t in test_pairs if s and t}
    strict_found, lax_found = _matches(test_full, gold_full)
    return Counts(len(test_pairs), strict_right, lax_right, len(gold_full), strict_found, lax_found)


def evaluate(gold_docs: Sequence[Sequence[Bead]], test_docs: Sequence[Sequence[Bead]]) -> Score:
    """Score test alignments against gold ones, document by document (paired in order).

    >>> gold = [[Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), ())]]
    >>> test = [[Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((3,), ())]]
    >>> s = evaluate(gold, test)
    >>> (s.precision_strict, s.precision_lax, s.recall_strict, s.recall_lax)
    (0.5, 0.75, 0.5, 1.0)
    """
    if len(gold_docs) != len(test_docs):
        raise VienalignError(f"{len(gold_docs)} gold documents but {len(test_docs)} test documents")
    total = Counts()
    for gold, test in zip(gold_docs, test_docs):
        total += count_document(gold, test)
    return Score(total, len(gold_docs))


def evaluate_files(
    gold_paths: Sequence[str | os.PathLike], test_paths: Sequence[str | os.PathLike]
) -> Score:
    """Score bead files: ``test_paths[k]`` against ``gold_paths[k]``."""
    if len(gold_paths) != len(test_paths):
        raise VienalignError(
            f"{len(gold_paths)} gold files but {len(test_paths)} test files (they are paired in order)"
        )
    return evaluate([read_ladder(p) for p in gold_paths], [read_ladder(p) for p in test_paths])
