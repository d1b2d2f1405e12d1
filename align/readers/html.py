"""HTML and XHTML pages: the visible text, one paragraph per block element.

Parsed with ``lxml.html``, which never fetches anything (``no_network``) and does not read a DTD, so
an entity the page declares for itself is never expanded; the named and numeric character
references of HTML (``&copy;``, ``&#7879;``) are decoded. What a reader of the page does not see is
dropped: ``<head>``, scripts, styles, templates, navigation menus, forms' controls, embedded media,
and elements marked ``hidden``, ``aria-hidden="true"`` or ``display: none``. Block elements (``<p>``,
``<div>``, ``<li>``, table cells ...) end a paragraph; ``<h1>``–``<h6>`` are headings of their level,
``<li>`` list items of their nesting depth; ``<br>`` is a line break inside the paragraph. Markdown
is rendered to HTML and read by the same walker (:mod:`align.readers.markdown`).
"""

from __future__ import annotations

import re

from ..errors import VienalignError
from ..textio import decode_text, describe_binary
from ..types import Paragraph
from .common import paragraph

NAME = "HTML page"
EXTENSIONS = (".html", ".htm", ".xhtml")

BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main ol p pre section summary table tbody "
    "td tfoot th thead title tr ul".split())
INVISIBLE = frozenset(
    "head script style noscript template nav svg math iframe object embed canvas audio video select option "
    "button textarea input datalist map area frameset frame applet".split())
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; a no-break space is text
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def accepts(data: bytes) -> bool:
    return describe_binary(data) is None


def read(data: bytes, path: object, encoding: str | None = None) -> list[Paragraph]:
    return html_paragraphs(_decode(data, path, encoding), path)


def _decode(data: bytes, path: object, encoding: str | None) -> str:
    """The page's text: in ``encoding`` when given, else in the charset its ``<meta>`` declares,
    else detected as for text files."""
    if encoding is None:
        declared = _META_CHARSET.search(data[:4096])
        if declared is not None:
            try:
                return data.decode(declared.group(1).decode("ascii")).lstrip("\ufeff")
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
    return decode_text(data, path, encoding)


def html_paragraphs(text: str, path: object) -> list[Paragraph]:
    """The paragraphs of the HTML page ``text`` (see the module docstring)."""
    from lxml import etree, html

    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                             encoding="utf-8")
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise VienalignError(f"cannot read as HTML: {err}", path) from None
    walker = _Walker()
    walker.visit(root)
    walker.flush()
    return walker.paragraphs


def _hidden(element) -> bool:
    return (element.get("hidden") is not None or element.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(element.get("style", ""))))


class _Walker:
    """Collects the text of the current block; a block element's start and end close it."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.parts: list[str] = []
        self.kind: tuple[str, int] = ("p", 0)
        self.list_depth = 0

    def flush(self) -> None:
        found = paragraph("".join(self.parts), *self.kind)
        if found is not None:
            self.paragraphs.append(found)
        self.parts = []

    def text(self, value: str | None, pre: bool) -> None:
        if value:
            self.parts.append(value if pre else _HTML_SPACE.sub(" ", value))

    def visit(self, element, pre: bool = False) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in INVISIBLE or _hidden(element):
            return
        if tag == "br":
            self.parts.append("\n")
            return
        block = tag in BLOCKS
        saved = (self.kind, self.list_depth)
        if block:
            self.flush()
            if tag in ("ul", "ol"):
                self.list_depth += 1
            elif tag == "li":
                self.kind = ("li", max(self.list_depth, 1))
            elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
                self.kind = ("h", int(tag[1]))
            elif self.kind[0] != "li":  # a <p> inside an <li> is still the list item
                self.kind = ("p", 0)
        pre = pre or tag in ("pre", "textarea")
        self.text(element.text, pre)
        for child in element:
            self.visit(child, pre)
            self.text(child.tail, pre)
        if block:
            self.flush()
            self.kind, self.list_depth = saved
