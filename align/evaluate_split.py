"""Scoring a sentence splitter: boundary precision, recall and F1 against a gold segmentation.

A boundary is where a sentence starts, other than the first: the end of a sentence that is not the
end of the text. Boundaries are compared by position, counted in non-whitespace characters of the
text, so that splitters which re-space their output (or report no offsets at all) are scored on the
same footing as ones that keep offsets: a splitter's sentences, concatenated without whitespace,
must spell out the text without whitespace, and a boundary is the number of non-whitespace
characters before the sentence that starts there.

    precision = |predicted ∩ gold| / |predicted|,  recall = |predicted ∩ gold| / |gold|,
    F1 = 2PR / (P + R)

Counts are summed over documents before the ratios are taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .errors import VienalignError

_SPACE = re.compile(r"\s+")


def boundaries(sentences: Iterable[str], text: str | None = None) -> frozenset[int]:
    """The boundary positions (in non-whitespace characters) of a split into ``sentences``.

    With ``text``, checks that the sentences spell out its non-whitespace characters in order.

    >>> sorted(boundaries(["A b.", "C d.", "E."], "A b. C d.\\nE."))
    [3, 6]
    """
    positions: list[int] = []
    count = 0
    for sentence in sentences:
        positions.append(count)
        count += len(_SPACE.sub("", sentence))
    if text is not None and count != len(_SPACE.sub("", text)):
        raise VienalignError(
            f"the sentences hold {count} non-whitespace characters, the text {len(_SPACE.sub('', text))}"
        )
    return frozenset(positions[1:])


def read_gold(text: str) -> list[str]:
    """The gold sentences of a gold file: one a line, empty lines (paragraph breaks) skipped."""
    return [line for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class BoundaryScore:
    """Boundary counts, and the precision, recall and F1 computed from them."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: BoundaryScore) -> BoundaryScore:
        return BoundaryScore(self.true_positives + other.true_positives,
                             self.predicted + other.predicted, self.gold + other.gold)


def score_boundaries(predicted: frozenset[int], gold: frozenset[int]) -> BoundaryScore:
    """Count the boundaries ``predicted`` that are ``gold``.

    >>> s = score_boundaries(frozenset({3, 6, 9}), frozenset({3, 9, 12}))
    >>> (s.precision, s.recall, round(s.f1, 3))
    (0.6666666666666666, 0.6666666666666666, 0.667)
    """
    return BoundaryScore(len(predicted & gold), len(predicted), len(gold))


def score_split(text: str, predicted: Sequence[str], gold: Sequence[str]) -> BoundaryScore:
    """Score the sentences ``predicted`` for ``text`` against the ``gold`` sentences."""
    return score_boundaries(boundaries(predicted, text), boundaries(gold, text))


def missed_and_spurious(
    text: str, predicted: Sequence[str], gold: Sequence[str], context: int = 30
) -> tuple[list[str], list[str]]:
    """For error analysis: snippets around the gold boundaries missed and the predicted ones not in gold.

    Each snippet shows the non-whitespace text on both sides of the boundary, marked with ``|``.
    """
    squeezed = _SPACE.sub("", text)
    found, wanted = boundaries(predicted, text), boundaries(gold, text)

    def show(position: int) -> str:
        return f"{squeezed[max(0, position - context):position]}|{squeezed[position:position + context]}"

    return [show(p) for p in sorted(wanted - found)], [show(p) for p in sorted(found - wanted)]
