"""Plain text, the catch-all: any file no other reader claims, decoded as
:func:`align.textio.decode_text` does (byte-order marks, UTF-8, UTF-16, Windows-1258). Its
paragraphs are its blank-line-separated blocks; the sentence splitter takes the text itself (see
:func:`align.readers.running_text`), since it reads more from the line structure than paragraphs."""

from __future__ import annotations

import re

from ..textio import decode_text, describe_binary
from ..types import Paragraph
from .common import paragraph

NAME = "text file"
EXTENSIONS = (".txt", ".text", ".sent")

_BLOCK = re.compile(r"\S.*?(?=\n[^\S\n]*\n|\Z)", re.DOTALL)


def accepts(data: bytes) -> bool:
    return describe_binary(data) is None


def decode(data: bytes, path: object, encoding: str | None = None) -> str:
    return decode_text(data, path, encoding)


def read(data: bytes, path: object, encoding: str | None = None) -> list[Paragraph]:
    blocks = (paragraph(block.group()) for block in _BLOCK.finditer(decode(data, path, encoding)))
    return [block for block in blocks if block is not None]
