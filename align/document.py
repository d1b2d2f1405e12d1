"""From a file on disk to the sentences the aligner takes.

Two layouts: running text (split with :func:`align.segment.split`) or pre-split text (one sentence a
line, empty lines between paragraphs; the layout of ``split``'s output and of the gold sets).
"""

from __future__ import annotations

import os

from .errors import VienalignError
from .textio import read_text
from .types import Sentence


def parse_presplit(text: str) -> list[Sentence]:
    """Sentences from one-sentence-a-line text; empty lines start a new paragraph.

    Offsets point into ``text``; indices of the result are the 0-based numbers of the non-empty
    lines, as in bead files.

    >>> [(s.text, s.para) for s in parse_presplit("A.\\nB.\\n\\nC.\\n")]
    [('A.', 0), ('B.', 0), ('C.', 1)]
    """
    sentences: list[Sentence] = []
    para = 0
    offset = 0
    pending_break = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            if pending_break and sentences:
                para += 1
            pending_break = False
            start = offset + (len(line) - len(line.lstrip()))
            sentences.append(Sentence(stripped, start, start + len(stripped), para))
        else:
            pending_break = True
        offset += len(line)
    return sentences


def read_sentences(
    path: str | os.PathLike,
    lang: str,
    *,
    presplit: bool = False,
    encoding: str | None = None,
    keep_tones: bool = False,
) -> list[Sentence]:
    """Read ``path`` and return its sentences (split unless ``presplit``).

    Raises :class:`VienalignError` naming the file when it cannot be read as text.
    """
    text = read_text(path, encoding=encoding)
    if presplit:
        return parse_presplit(text)
    from .segment import split

    return split(text, lang, keep_tones=keep_tones)


def require_sentences(sentences: list[Sentence], path: object) -> list[Sentence]:
    """``sentences``, or an error naming ``path`` when the file held no text at all."""
    if not sentences:
        raise VienalignError("empty file (no sentences)", path)
    return sentences
