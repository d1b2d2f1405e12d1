"""Document readers: a translator's file in, its paragraphs out (headings and list items marked).

One module per format, each with ``NAME`` (for messages), ``EXTENSIONS``, ``accepts(data)`` (a cheap
check of the content: magic numbers, never a parse) and ``read(data, path, encoding)``. The
extension chooses the reader and the content checks the choice: a file whose content is another
format this package reads (a PDF named ``.txt``, a Word file named ``.doc``) is read as what it is,
and one that is nothing readable gets a one-line error saying what it is (``x.pdf: not a
PDF document: it is a PNG image``). Unknown extensions go to the plain-text reader, the catch-all.

Every reader treats its input as untrusted: zipped formats are bounded before decompression, XML
and HTML are parsed without entity expansion or network access (see each module).
"""

from __future__ import annotations

import logging
import os
from typing import BinaryIO

from ..errors import VienalignError
from ..textio import describe_binary, read_bytes
from ..types import Paragraph
from . import docx, html, markdown, odt, pdf, subtitles, text

log = logging.getLogger(__name__)

READERS = (docx, odt, pdf, html, markdown, subtitles, text)
"""In the order their content checks are tried when the extension's reader refuses a file; the
formats recognised by their content come first, plain text (which takes anything) last."""
_BY_CONTENT = (docx, odt, pdf)


def extensions() -> tuple[str, ...]:
    """Every extension a reader claims, e.g. ``(".docx", ...)`` (folder pairing uses them)."""
    return tuple(extension for reader in READERS for extension in reader.EXTENSIONS)


def reader_for(path: str | os.PathLike, data: bytes):
    """The reader module for the file ``path`` whose content is ``data`` (see the module docstring)."""
    suffix = os.path.splitext(str(path))[1].lower()
    chosen = next((reader for reader in READERS if suffix in reader.EXTENSIONS), text)
    if chosen.accepts(data):
        return chosen
    actual = next((reader for reader in _BY_CONTENT if reader.accepts(data)), None)
    if actual is not None:
        log.info("%s is a %s; reading it as one", path, actual.NAME)
        return actual
    raise VienalignError(f"not a {chosen.NAME}: it is {describe_binary(data) or 'something else'}", path)


def read(source: str | os.PathLike | BinaryIO, *, encoding: str | None = None,
         name: str | None = None) -> list[Paragraph]:
    """The paragraphs of a document: a file name (``-``: standard input) or a binary stream, whose
    ``name`` (else its own ``.name``) chooses the reader by its extension and names it in errors.

    ``encoding`` forces the encoding of the text formats (text, HTML, Markdown, subtitles).
    A document with no text at all is an error, except a plain text file (an empty text is a valid
    input for ``align``).
    """
    if hasattr(source, "read"):
        path: object = name or getattr(source, "name", None) or "<stream>"
        data = source.read()
    else:
        path, data = source, read_bytes(source)
    reader = reader_for(str(path), data)
    paragraphs = reader.read(data, path, encoding)
    if not paragraphs and reader is not text:
        raise VienalignError(f"no text in this {reader.NAME}", path)
    return paragraphs


def running_text(path: str | os.PathLike, *, encoding: str | None = None) -> str:
    """The text of the document at ``path`` as the sentence splitter takes it: a plain text file
    as it is (the splitter reads its line structure itself), any other format's paragraphs
    separated by blank lines."""
    data = read_bytes(path)
    reader = reader_for(path, data)
    if reader is text:
        return text.decode(data, path, encoding)
    paragraphs = reader.read(data, path, encoding)
    if not paragraphs:
        raise VienalignError(f"no text in this {reader.NAME}", path)
    return "\n\n".join(p.text for p in paragraphs)


__all__ = ["READERS", "extensions", "read", "reader_for", "running_text"]
