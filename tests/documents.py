"""Test helpers: a text file's paragraphs written as a translator's documents (docx with python-docx,
odt with odfpy, HTML with lxml, Markdown, SRT with srt, PDF with reportlab), and hostile files.

Each writer does what the format's own tools do: headings are headings (a short block without a
sentence's final punctuation), text is escaped as the format needs, and the page furniture a real
document has is there (a docx page header, a web page's menu and script, a PDF's running header and
page numbers), so the readers must leave it out.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
import zlib
from pathlib import Path

import pytest

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""A font with Vietnamese letters for the PDFs (Debian's fonts-dejavu-core)."""

_ENDS = re.compile(r"[.!?…:;\"'”’)\]|]$")


def blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each blank-line-separated block: ``h`` for a short one without final
    punctuation, else ``p``."""
    found = []
    for block in re.split(r"\n[^\S\n]*\n", text):
        block = " ".join(block.split())
        if block:
            found.append(("h" if len(block) <= 100 and not _ENDS.search(block) else "p", block))
    return found


def write_docx(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Bản dịch thử — translation test"
    document.sections[0].footer.paragraphs[0].text = "Trang / Page"
    for kind, text in paragraphs:
        if kind == "h":
            document.add_heading(text, level=2)
            continue
        paragraph = document.add_paragraph()
        words = text.split(" ")
        head, rest = " ".join(words[:2]), " ".join(words[2:])  # two runs: Word splits text into runs
        paragraph.add_run(head).bold = True
        if rest:
            paragraph.add_run(" " + rest)
    document.save(str(path))
    return path


def write_odt(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.teletype import addTextToElement
    from odf.text import H, P

    document = OpenDocumentText()
    for kind, text in paragraphs:
        element = H(outlinelevel=2) if kind == "h" else P()
        addTextToElement(element, text)
        document.text.addElement(element)
    document.save(str(path))
    return path


def write_html(path: Path, paragraphs: list[tuple[str, str]], title: str = "test") -> Path:
    from lxml import etree
    from lxml.builder import E

    body = E.body(
        E.nav(E.ul(E.li(E.a("Trang chủ", href="/")), E.li(E.a("Home", href="/en")))),
        E.script("document.write('tracking');"),
        *[E.h2(text) if kind == "h" else E.p(text) for kind, text in paragraphs],
        E.div("hidden text", style="display:none"),
    )
    page = E.html(E.head(E.meta(charset="us-ascii"), E.title(title), E.style("p { margin: 0 }")), body)
    # ASCII with character references for every other character (&#7879;), as some editors write
    path.write_bytes(b"<!DOCTYPE html>\n" + etree.tostring(page, method="html", encoding="us-ascii"))
    return path


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")
_MARKDOWN_LINE_START = re.compile(r"^([-+]|\d+[.)])(?=\s)")


def write_markdown(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    def escaped(text: str) -> str:
        return _MARKDOWN_LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1],
                                        _MARKDOWN_SPECIAL.sub(r"\\\1", text))

    lines = ["---", "title: test", "---", ""]
    for kind, text in paragraphs:
        lines += [("## " if kind == "h" else "") + escaped(text), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def subtitle_lines(text: str, width: int = 42) -> list[str]:
    """``text`` wrapped to subtitle lines at spaces; a dash never starts a line (it marks a speaker)."""
    words: list[str] = []
    for word in text.split():
        if words and word in ("-", "–", "—"):
            words[-1] += " " + word
        else:
            words.append(word)
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines


def write_srt(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """Cues of two lines of at most 42 characters, as subtitling guidelines ask; a paragraph (a
    pause in speech) starts a new cue."""
    import srt

    cues, start = [], datetime.timedelta(seconds=1)
    for _, text in paragraphs:
        lines = subtitle_lines(text)
        for k in range(0, len(lines), 2):
            end = start + datetime.timedelta(seconds=3)
            cues.append(srt.Subtitle(len(cues) + 1, start, end, "\n".join(lines[k:k + 2])))
            start = end + datetime.timedelta(milliseconds=200)
    path.write_text(srt.compose(cues), encoding="utf-8")
    return path


def write_pdf(path: Path, paragraphs: list[tuple[str, str]], title: str = "test", encrypt: str | None = None) -> Path:
    """An A4 PDF in DejaVu Sans: headings in larger type, a running header and page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    if not FONT.is_file():
        pytest.skip(f"{FONT} is absent (.ci/run installs Debian's fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=14, spaceAfter=8)
    heading = ParagraphStyle("heading", fontName="DejaVuSans", fontSize=14, leading=18, spaceBefore=6,
                             spaceAfter=6)

    def furniture(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("DejaVuSans", 9)
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, f"{title} — Báo cáo / Report")
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, str(document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                                 topMargin=2.5 * cm, bottomMargin=2.5 * cm, encrypt=encrypt, title=title)
    document.build([Paragraph(escape(text), heading if kind == "h" else body) for kind, text in paragraphs],
                   onFirstPage=furniture, onLaterPages=furniture)
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose page is only a picture (a scan): no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    for k in range(40):  # a grey pattern standing in for a scanned page
        page.setFillGray(0.2 + 0.015 * k)
        page.rect(50 + k * 10, 400, 8, 300, stroke=0, fill=1)
    page.showPage()
    page.save()
    return path


def zip_bomb(expanded: int) -> bytes:
    """A docx-looking ZIP whose ``word/document.xml`` truly expands to ``expanded`` bytes of zeros
    (honest sizes and CRC), built from one compressed block repeated, in about a second."""
    chunk = b"\0" * (1 << 20)
    count = expanded // len(chunk)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = first + repeated * (count - 1) + compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    size = count * len(chunk)

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:  # the small parts a docx has, written the usual way
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
    head = archive.getvalue()
    directory_at = head.rindex(b"PK\x01\x02")
    local, directory = head[:directory_at], head[directory_at:head.rindex(b"PK\x05\x06")]
    name = b"word/document.xml"
    header = (b"PK\x03\x04" + (20).to_bytes(2, "little") + b"\0\0" + (8).to_bytes(2, "little") + b"\0\0\0\0"
              + crc.to_bytes(4, "little") + len(data).to_bytes(4, "little") + size.to_bytes(4, "little")
              + len(name).to_bytes(2, "little") + b"\0\0" + name)
    entry = (b"PK\x01\x02" + (20).to_bytes(2, "little") + (20).to_bytes(2, "little") + b"\0\0"
             + (8).to_bytes(2, "little") + b"\0\0\0\0" + crc.to_bytes(4, "little") + len(data).to_bytes(4, "little")
             + size.to_bytes(4, "little") + len(name).to_bytes(2, "little") + b"\0" * 8 + b"\0\0\0\0"
             + len(local).to_bytes(4, "little") + name)
    directory += entry
    offset = len(local) + len(header) + len(data)
    end = (b"PK\x05\x06" + b"\0\0\0\0" + (2).to_bytes(2, "little") + (2).to_bytes(2, "little")
           + len(directory).to_bytes(4, "little") + offset.to_bytes(4, "little") + b"\0\0")
    return local + header + data + directory + end
