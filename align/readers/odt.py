"""OpenDocument text (``.odt``, read with odfpy, which parses with defusedxml): the paragraphs of
the body in document order, tables' cells and text boxes included.

``<text:h>`` is a heading of its ``outline-level``; a paragraph inside ``<text:list-item>`` is a list
item of the list's nesting depth. ``<text:s text:c="3"/>`` is three spaces, ``<text:tab/>`` a tab,
``<text:line-break/>`` a line break; footnotes, annotations and the record of tracked changes are
not body text. An odt is a ZIP archive, bounded as docx is (:func:`align.readers.common.open_zip`).
"""

from __future__ import annotations

import io

from ..errors import VienalignError
from ..textio import describe_binary
from ..types import Paragraph
from .common import missing_library, open_zip, paragraph

NAME = "OpenDocument text (.odt)"
EXTENSIONS = (".odt",)

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_NOT_BODY = frozenset({(_TEXT, "note"), (_TEXT, "tracked-changes"), (_OFFICE, "annotation"),
                       (_TEXT, "sequence-decls"), (_TEXT, "variable-decls"), (_TEXT, "user-field-decls")})


def accepts(data: bytes) -> bool:
    return describe_binary(data) == "an OpenDocument text (.odt)"


def read(data: bytes, path: object, encoding: str | None = None) -> list[Paragraph]:
    try:
        from odf.opendocument import load
    except ImportError:
        raise missing_library("odfpy", NAME, path) from None
    open_zip(data, path, NAME).close()
    try:
        document = load(io.BytesIO(data))
    except Exception as err:  # odfpy raises whatever its zip and SAX layers raise
        raise VienalignError(f"damaged {NAME}: {type(err).__name__}: {err}", path) from None
    walker = _Walker()
    walker.blocks(document.text, list_depth=0)
    return walker.paragraphs


class _Walker:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []

    def blocks(self, element, list_depth: int) -> None:
        """Paragraphs and headings under ``element``, recursing through lists, tables, sections."""
        for child in element.childNodes:
            if child.nodeType != child.ELEMENT_NODE or child.qname in _NOT_BODY:
                continue
            namespace, name = child.qname
            if namespace == _TEXT and name in ("p", "h"):
                parts: list[str] = []
                nested: list = []
                self.inline(child, parts, nested)
                if name == "h":
                    level = child.attributes.get((_TEXT, "outline-level"), "1")
                    kind = ("h", int(level) if str(level).isdigit() else 1)
                else:
                    kind = ("li", list_depth) if list_depth else ("p", 0)
                found = paragraph("".join(parts), *kind)
                if found is not None:
                    self.paragraphs.append(found)
                for frame in nested:  # text boxes anchored in the paragraph come after it
                    self.blocks(frame, list_depth)
            elif namespace == _TEXT and name == "list":
                self.blocks(child, list_depth + 1)
            else:
                self.blocks(child, list_depth)

    def inline(self, element, parts: list[str], nested: list) -> None:
        for child in element.childNodes:
            if child.nodeType == child.TEXT_NODE:
                parts.append(child.data)
                continue
            if child.nodeType != child.ELEMENT_NODE or child.qname in _NOT_BODY:
                continue
            namespace, name = child.qname
            if namespace == _TEXT and name == "s":
                count = child.attributes.get((_TEXT, "c"), "1")
                parts.append(" " * (int(count) if str(count).isdigit() else 1))
            elif namespace == _TEXT and name == "tab":
                parts.append("\t")
            elif namespace == _TEXT and name == "line-break":
                parts.append("\n")
            elif name == "frame":
                nested.append(child)
            else:
                self.inline(child, parts, nested)
