"""The things that flow between the stages: paragraphs, sentences, beads, alignments; and the
one threshold every writer of sentence pairs applies by default."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

MIN_SCORE = 0.5
"""The default minimum score of the pairs written to TMX and TSV, by every command and the API:
below it a pair is more likely wrong than right (see :class:`Bead` and :mod:`align.aligner` on
scores)."""


@dataclass(frozen=True)
class Paragraph:
    """One block of a document as a reader returns it (see :mod:`align.readers`).

    ``kind`` is ``"p"`` (a paragraph), ``"h"`` (a heading, ``level`` 1 for the top) or ``"li"`` (a
    list item, ``level`` 1 for the outermost list). ``text`` is the document's own characters (NFC),
    whitespace runs collapsed to one space except line breaks inside the block (``<br>``, a
    subtitle's lines), which stay ``\n``.
    """

    text: str
    kind: str = "p"
    level: int = 0


@dataclass(frozen=True)
class Sentence:
    """One sentence: its normalized text and where it came from in the raw input.

    ``raw[start:end]`` is the stretch of the original text the sentence covers (trimmed of
    surrounding whitespace); ``text`` is what is printed and aligned (NFC, de-segmented, one line).
    ``para`` numbers the paragraph the sentence is in, from 0.
    """

    text: str
    start: int
    end: int
    para: int = 0


@dataclass(frozen=True)
class Bead:
    """Source sentences ``src`` aligned with target sentences ``tgt`` (0-based indices).

    Either side may be empty (an unaligned sentence). ``score`` is in [0, 1], the aligner's
    probability that the bead is right: for a pair, that its sentences translate each other and
    that the bead is exactly this one, not a sentence longer or shorter (its posterior under the
    alignment model, :mod:`align.confidence`); for a null bead, that its sentence has no
    counterpart. The weakest beads are where a reviewer finds the errors first.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``"2-1"``."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt


def score_threshold(value: float) -> float:
    """``value`` as a minimum bead score (``--min-score``): a number from 0 to 1, else ValueError.

    >>> score_threshold(0.5), score_threshold(1)
    (0.5, 1.0)
    """
    if not 0.0 <= value <= 1.0:  # false for NaN too
        raise ValueError(f"a minimum score is a number from 0 to 1, not {value!r}")
    return float(value)


@dataclass(frozen=True)
class Alignment:
    """The beads of one document pair, with the sentence texts they index."""

    beads: tuple[Bead, ...]
    src: tuple[str, ...]
    tgt: tuple[str, ...]
    src_lang: str = "vi"
    tgt_lang: str = "en"
    signature: str = ""
    """How the alignment was made (version and parameters), so a result can be reproduced."""
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def pairs(self, min_score: float = MIN_SCORE) -> Iterator[tuple[str, str, Bead]]:
        """The non-null beads scoring at least ``min_score``, as joined (source, target) texts."""
        for bead in self.beads:
            if bead.is_null or bead.score < min_score:
                continue
            yield (
                " ".join(self.src[i] for i in bead.src),
                " ".join(self.tgt[j] for j in bead.tgt),
                bead,
            )
