"""PDF (``.pdf``, the text layer, read with pdfminer.six): paragraphs recovered from the page layout.

pdfminer's layout analysis groups the characters of a page into lines and the lines into text
boxes; a box is a paragraph (lines closer than half a line height belong together). On top of that:

- **lines are joined** with a space, and end-of-line hyphenation is repaired: ``inter-`` + ``national``
  becomes ``international`` when the next line goes on in lower case, unless the word is one the
  document also writes with its hyphen, or is already a hyphenated compound (``In-đô-`` + ``nê-xi-a``);
  a soft hyphen at a line end is always dropped; a dash after a space stays a dash;
- **a paragraph cut in two** (by a page break, or by the layout analysis) is joined again when the
  first part's last line ends without ending a sentence and the next part's first word would not have
  fitted after it before the right margin (so the line was full: the typesetter wrapped it);
- **running headers and footers** (a box that comes back, digits aside, at the top or bottom of most
  pages, or a line in smaller type than the body's at the very top or bottom of a page) and **page
  numbers** (``12``, ``- 12 -``, ``Page 3 of 9``, ``Trang 3``) are dropped;
- a box in a larger type than the body's, of one or two lines, is a heading.

Encrypted files that need a password, files with no text layer (scans: they need OCR first) and
files that are not PDF get a one-line error. Multi-column pages come out in pdfminer's reading order.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..errors import VienalignError
from ..types import Paragraph
from .common import missing_library, paragraph

NAME = "PDF document"
EXTENSIONS = (".pdf",)

_PAGE_NUMBER = re.compile(r"^[\W_]*(?:(?:page|trang|seite|p\.)\s*)?\d{1,4}(?:\s*(?:/|of|trên|von|sur)\s*\d{1,4})?[\W_]*$",
                          re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_WORD_AT_END = re.compile(r"([^\W\d_][\w-]*)-$")
_WORD = re.compile(r"[^\W\d_][\w-]*")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})

EDGE_BOXES = 2
"""Running headers and footers are among the first or last this many boxes of a page."""
REPEATED_SHARE = 0.5
"""A box that comes back on at least this share of the pages (and on two at least) is running."""
HEADING_SIZE_RATIO = 1.15
"""A box whose type is this much larger than the body's is a heading."""
WIDE_CHARACTER = 1.5
"""How much wider than the line's mean character a word's characters are taken to be (see _wrapped)."""
FURNITURE_SIZE_RATIO = 0.9
"""A line at the top or bottom of a page in type this much smaller than the body's is page furniture."""


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class _Box:
    lines: tuple[_Line, ...]
    top: float
    size: float
    """Mean character size."""

    @property
    def key(self) -> str:
        """The box's text with digits masked: what a running header or footer repeats."""
        return re.sub(r"\d+", "#", " ".join(line.text for line in self.lines)).strip()


def accepts(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def read(data: bytes, path: object, encoding: str | None = None) -> list[Paragraph]:
    pages = _pages(data, path)
    if not any(pages):
        raise VienalignError("no text in this PDF (a scan? it needs OCR first)", path)
    body_size = statistics.median(box.size for page in pages for box in page for _ in box.lines)
    pages = _without_running_boxes(pages, body_size)
    words = Counter(word for page in pages for box in page for line in box.lines for word in _WORD.findall(line.text))
    paragraphs: list[Paragraph] = []
    open_line: tuple[_Line, float] | None = None  # the last line of the box before, if it may run on, and its margin
    for page in pages:
        right = max((line.x1 for box in page for line in box.lines), default=0.0)
        for box in page:
            text = _join_lines([line.text for line in box.lines], words)
            heading = box.size > HEADING_SIZE_RATIO * body_size and len(box.lines) <= 2
            if open_line is not None and paragraphs and not heading and _wrapped(*open_line, text):
                text = _join_lines([paragraphs.pop().text, text], words)
            found = paragraph(text, "h" if heading else "p", 1 if heading else 0)
            if found is not None:
                paragraphs.append(found)
            last = box.lines[-1]
            open_line = None if heading or _ENDS_SENTENCE.search(last.text) else (last, right)
    return paragraphs


def _wrapped(line: _Line, right: float, following: str) -> bool:
    """Whether ``line`` was wrapped before ``following``: its first word (and a space) would not
    have fitted between the line's end and the right margin ``right``."""
    word = following.split(maxsplit=1)[0] if following.strip() else ""
    char_width = (line.x1 - line.x0) / max(len(line.text), 1)
    # The mean width of the line's characters, one and a half times: capitals and m, w are wider
    # than the mean, and a join is cheap to miss next to joining two paragraphs.
    return line.x1 + WIDE_CHARACTER * char_width * (len(word) + 1) > right


def _pages(data: bytes, path: object) -> list[list[_Box]]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine
        from pdfminer.pdfdocument import PDFException, PDFPasswordIncorrect
        from pdfminer.pdfpage import PDFTextExtractionNotAllowed
        from pdfminer.psexceptions import PSException
    except ImportError:
        raise missing_library("pdfminer.six", NAME, path) from None
    pages = []
    try:
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams()):
            boxes = []
            for element in layout:
                if not isinstance(element, LTTextBox):
                    continue
                lines, sizes = [], []
                for line in element:
                    if not isinstance(line, LTTextLine):
                        continue
                    text = line.get_text().translate(_LIGATURES).strip()
                    if text:
                        lines.append(_Line(text, line.x0, line.x1))
                        sizes.extend(char.size for char in line if isinstance(char, LTChar))
                if lines:
                    boxes.append(_Box(tuple(lines), element.y1, statistics.fmean(sizes) if sizes else 0.0))
            pages.append(sorted(boxes, key=lambda box: -box.top) if _one_column(boxes) else boxes)
    except PDFPasswordIncorrect:
        raise VienalignError("encrypted PDF: it needs a password (save an unprotected copy)", path) from None
    except PDFTextExtractionNotAllowed:
        raise VienalignError("this PDF does not allow text extraction", path) from None
    except (PDFException, PSException, ValueError, KeyError, TypeError, AssertionError) as err:
        # pdfminer reports a damaged file with its own exceptions and with plain Python ones
        raise VienalignError(f"damaged PDF: {type(err).__name__}: {err}", path) from None
    return pages


def _one_column(boxes: list[_Box]) -> bool:
    """Whether no two boxes stand side by side (then top-to-bottom order is reading order)."""
    spans = sorted((min(line.x0 for line in box.lines), max(line.x1 for line in box.lines)) for box in boxes)
    widest = max((x1 - x0 for x0, x1 in spans), default=0.0)
    return all(x1 - x0 > widest / 2 for x0, x1 in spans) or len(boxes) < 2


def _without_running_boxes(pages: list[list[_Box]], body_size: float) -> list[list[_Box]]:
    """``pages`` without running headers, footers and page numbers (see the module docstring)."""
    def edges(page: list[_Box]) -> list[_Box]:
        return page[:EDGE_BOXES] + page[max(EDGE_BOXES, len(page) - EDGE_BOXES):]

    counts = Counter(key for page in pages for key in {box.key for box in edges(page)})
    repeated = {key for key, n in counts.items() if n >= 2 and n >= REPEATED_SHARE * len(pages)}
    kept = []
    for page in pages:
        edge = {id(box) for box in edges(page)}
        outermost = {id(page[0]), id(page[-1])} if page else set()
        kept.append([box for box in page if id(box) not in edge or not (
            box.key in repeated
            or (len(box.lines) == 1 and _PAGE_NUMBER.match(box.lines[0].text))
            or (id(box) in outermost and len(box.lines) == 1 and box.size < FURNITURE_SIZE_RATIO * body_size))])
    return kept


def _join_lines(lines: list[str], words: Counter) -> str:
    """Lines of one paragraph as running text, end-of-line hyphenation repaired.

    >>> _join_lines(["the inter-", "national order", "In-đô-", "nê-xi-a and", "socio-", "economic", "kinh tế -",
    ...              "xã hội"], Counter({"socio-economic": 1}))
    'the international order In-đô-nê-xi-a and socio-economic kinh tế - xã hội'
    """
    text = lines[0] if lines else ""
    for line in lines[1:]:
        if text.endswith("\u00ad"):
            text = text[:-1] + line
            continue
        hyphenated = _WORD_AT_END.search(text)
        if hyphenated is None or not line[:1].isalpha():
            text = f"{text} {line}"
            continue
        fragment = hyphenated.group(1)
        following = _WORD.match(line)
        whole = fragment + (following.group() if following else "")
        keep = "-" in fragment or not line[:1].islower() or (
            words[f"{fragment}-{following.group() if following else ''}"] > words[whole])
        text = (text if keep else text[:-1]) + line
    return text
