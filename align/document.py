"""From a file on disk to the sentences the aligner takes.

Two layouts: running text (any format :mod:`align.readers` reads: text, docx, odt, HTML, Markdown,
subtitles, PDF; split with :func:`align.segment.split`) or pre-split text (one sentence a line, empty
lines between paragraphs; the layout of ``split``'s output and of the gold sets).

The language of each input is checked against its text (:func:`align.languages.resolve_language`):
a contradiction is one warning line, and an input read without a language takes the identified one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import readers
from .errors import VienalignError
from .languages import resolve_language
from .normalize import normalize
from .textio import read_bytes
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


@dataclass(frozen=True)
class Document:
    """An input document read for aligning: its sentences and the language they were read in."""

    sentences: tuple[Sentence, ...]
    lang: str


def read_document(
    path: str | os.PathLike,
    lang: str | None = None,
    *,
    default_lang: str = "vi",
    presplit: bool = False,
    encoding: str | None = None,
    canonical_tones: bool = False,
) -> Document:
    """Read ``path`` (any format :mod:`align.readers` knows) and return its sentences (split unless
    ``presplit``; as the document writes them unless ``canonical_tones``) and their language: ``lang``
    canonicalised, or when ``lang`` is None the language
    identified from the text, else ``default_lang``. A language that contradicts the text is
    reported in one warning line.

    Raises :class:`VienalignError` naming the file when it cannot be read.
    """
    if presplit:
        data = read_bytes(path)
        if readers.text.accepts(data):
            raw = readers.text.decode(data, path, encoding)
        else:
            raise VienalignError("--presplit takes plain text (one sentence a line), not a "
                                 f"{readers.reader_for(path, data).NAME}", path)
    else:
        raw = readers.running_text(path, encoding=encoding)
    chosen = resolve_language(raw, lang, default_lang, path)
    if presplit:
        return Document(tuple(_presplit_sentences(raw, chosen, canonical_tones)), chosen)
    from .segment import split

    return Document(tuple(split(raw, chosen, canonical_tones=canonical_tones)), chosen)


def read_sentences(
    path: str | os.PathLike,
    lang: str,
    *,
    presplit: bool = False,
    encoding: str | None = None,
    canonical_tones: bool = False,
) -> list[Sentence]:
    """Read ``path`` (any format :mod:`align.readers` knows) and return its sentences in language
    ``lang`` (split unless ``presplit``), as the document writes them unless ``canonical_tones``
    (Vietnamese tone placement made canonical: ``hoà`` → ``hòa``); see :func:`read_document`.

    Raises :class:`VienalignError` naming the file when it cannot be read.
    """
    return list(read_document(path, lang, presplit=presplit, encoding=encoding,
                              canonical_tones=canonical_tones).sentences)


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
