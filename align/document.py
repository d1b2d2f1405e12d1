"""From a file on disk to the sentences the aligner takes.

Two layouts: running text (split with :func:`align.segment.split`) or pre-split text (one sentence a
line, empty lines between paragraphs; the layout of ``split``'s output and of the gold sets).
"""

from __future__ import annotations

import os

from .errors import VienalignError
from .normalize import normalize
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
    canonical_tones: bool = False,
) -> list[Sentence]:
    """Read ``path`` and return its sentences (split unless ``presplit``), as the document writes
    them unless ``canonical_tones`` (Vietnamese tone placement made canonical: ``hoà`` → ``hòa``).

    Raises :class:`VienalignError` naming the file when it cannot be read as text.
    """
    text = read_text(path, encoding=encoding)
    from .segment import language_code, split

    if presplit:
        return _presplit_sentences(text, language_code(lang), canonical_tones)
    return split(text, lang, canonical_tones=canonical_tones)


def _presplit_sentences(text: str, lang: str, canonical_tones: bool) -> list[Sentence]:
    """The lines of ``text`` as sentences written the way :func:`align.segment.split` writes them
    (NFC, word segmentation undone, whitespace collapsed), with offsets into ``text``."""
    normalized = normalize(text, lang, canonical_tones=canonical_tones)
    sentences = []
    for sentence in parse_presplit(normalized.text):
        start, end = normalized.to_original(sentence.start), normalized.to_original(sentence.end)
        sentences.append(Sentence(" ".join(sentence.text.split()), start, start + len(text[start:end].rstrip()),
                                  sentence.para))
    return sentences


def require_sentences(sentences: list[Sentence], path: object) -> list[Sentence]:
    """``sentences``, or an error naming ``path`` when the file held no text at all."""
    if not sentences:
        raise VienalignError("empty file (no sentences)", path)
    return sentences
