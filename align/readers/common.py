"""What the readers share: tidying a block's text, the bounds on zipped formats, the error for a
missing format library."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import VienalignError
from ..normalize import nfc
from ..types import Paragraph

_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than line breaks (no-break spaces are kept: typography)
_AROUND_BREAK = re.compile(r" ?\n ?")


def tidy(text: str) -> str:
    """A block's text as a :class:`Paragraph` holds it: NFC, whitespace runs one space, line breaks
    kept (one at a time), both ends trimmed.

    >>> tidy("  Việt\\t Nam \\n\\n  hôm nay ")
    'Việt Nam\\nhôm nay'
    """
    text = _SPACES.sub(lambda m: "\u00a0" if m.group() == "\u00a0" else " ", text)
    text = _AROUND_BREAK.sub("\n", nfc(text))
    return re.sub(r"\n{2,}", "\n", text).strip(" \n")


def paragraph(text: str, kind: str = "p", level: int = 0) -> Paragraph | None:
    """A tidied :class:`Paragraph`, or ``None`` when nothing but whitespace is left."""
    text = tidy(text)
    return Paragraph(text, kind, level) if text else None


MAX_EXPANDED_BYTES = 512 * 2**20
"""A zipped document (docx, odt) whose parts expand to more than this is refused unread: real
documents, pictures included, expand to a few times their file size, while a zip bomb of a
megabyte can expand to gigabytes."""
MAX_ZIP_ENTRIES = 10_000


def open_zip(data: bytes, path: object, name: str) -> zipfile.ZipFile:
    """``data`` as a ZIP archive whose declared sizes are within bounds (``zipfile`` never
    decompresses a part beyond its declared size, so these bounds hold for the real data too)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise VienalignError(f"damaged {name}: not a complete ZIP archive ({err})", path) from None
    entries = archive.infolist()
    expanded = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES or expanded > MAX_EXPANDED_BYTES:
        archive.close()
        raise VienalignError(f"refused: the parts of this {name} expand to {expanded:,} bytes in {len(entries):,} "
                             f"files (the limit is {MAX_EXPANDED_BYTES:,} bytes: a zip bomb?)", path)
    return archive


def missing_library(package: str, name: str, path: object) -> VienalignError:
    """The one-line error for a format library that is not installed."""
    return VienalignError(f"reading a {name} needs the Python package {package} (pip install {package})", path)
