"""Word documents (``.docx``, read with python-docx): the paragraphs of the body, tables' cells
included, in document order.

A paragraph styled as a heading (``Heading 1`` ..., ``Title``, or with an outline level) is a
heading; one with list numbering (``numPr``) or a ``List ...`` style is a list item. The text is
what Word shows with changes accepted: inserted runs are kept, deleted ones (``w:delText``) and field
codes are not; a tab stays a tab, a line break a line break, a non-breaking hyphen a hyphen. A text
box is a paragraph of its own (Word files also hold a fallback copy of each box for old readers,
which is skipped). Page headers, footers, footnotes and comments are not part of the body.

A docx is a ZIP archive: its declared sizes are checked before anything is decompressed
(:func:`align.readers.common.open_zip`); python-docx parses the XML without resolving entities.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import VienalignError
from ..textio import describe_binary
from ..types import Paragraph
from .common import missing_library, open_zip, paragraph

NAME = "Word document (.docx)"
EXTENSIONS = (".docx", ".docm", ".dotx")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}pPr", f"{_W}rPr",
                      _FALLBACK})
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_HEADING = re.compile(r"(?:heading|überschrift|titre|título|tiêu đề)\s*(\d)", re.IGNORECASE)


def accepts(data: bytes) -> bool:
    return describe_binary(data) == "a Word document (.docx)"


def read(data: bytes, path: object, encoding: str | None = None) -> list[Paragraph]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.text.paragraph import Paragraph as DocxParagraph
    except ImportError:
        raise missing_library("python-docx", NAME, path) from None
    open_zip(data, path, NAME).close()
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile, OSError, EOFError) as err:
        # SyntaxError: lxml's XMLSyntaxError, for a part that is not well-formed XML
        raise VienalignError(f"damaged {NAME}: {type(err).__name__}: {err}", path) from None
    paragraphs = []
    for element in document.element.body.iter(f"{_W}p"):
        if any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
            continue
        kind, level = _kind(DocxParagraph(element, document._body), element)
        found = paragraph(_text(element), kind, level)
        if found is not None:
            paragraphs.append(found)
    return paragraphs


def _text(p) -> str:
    """The text of paragraph element ``p`` without the paragraphs nested in it (text boxes)."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            if child.tag in _SKIPPED or child.tag == f"{_W}p":
                continue
            if child.tag == f"{_W}t":
                parts.append(child.text or "")
            elif child.tag in _CHARACTERS:
                parts.append(_CHARACTERS[child.tag])
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _kind(docx_paragraph, element) -> tuple[str, int]:
    try:
        style = docx_paragraph.style
    except (KeyError, ValueError):
        style = None
    name = (style.name or "") if style is not None else ""
    heading = _HEADING.match(name)
    if heading:
        return "h", int(heading.group(1))
    if name.lower() == "title":
        return "h", 1
    ppr = element.pPr
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if outline is not None and (outline.get(f"{_W}val") or "").isdigit() and int(outline.get(f"{_W}val")) < 9:
        return "h", int(outline.get(f"{_W}val")) + 1
    numbering = ppr.find(f"{_W}numPr") if ppr is not None else None
    if numbering is not None:
        ilvl = numbering.find(f"{_W}ilvl")
        depth = ilvl.get(f"{_W}val") if ilvl is not None else "0"
        return "li", (int(depth) if depth and depth.isdigit() else 0) + 1
    if name.lower().startswith("list"):
        return "li", 1
    return "p", 0
