"""Document readers: one small file per format (headings, list items, diacritics, markup that must
not leak, an encoding), read from a path and from a stream; hostile and broken documents.

Whitespace inside a paragraph (a tab, two spaces, a Markdown soft break) is one space; a hard line
break (Word's, ``<br>``) stays a line break."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from align import readers
from align.errors import VienalignError
from align.types import Paragraph

from .conftest import to_cp1258
from .documents import write_docx, write_odt, write_pdf, write_scanned_pdf, zip_bomb


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Quan hệ đối ngoại", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("Việt Nam ").bold = True
    paragraph.add_run("là bạn,\tlà đối tác.")
    paragraph.add_run().add_break()
    paragraph.add_run("Dòng mới.")
    document.add_paragraph("Mục một của danh sách.", style="List Bullet")
    document.add_paragraph("Mục con.", style="List Bullet 2")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Ô bảng."
    document.sections[0].header.paragraphs[0].text = "Đầu trang"
    document.save(str(path))
    return path


def make_odt(path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.teletype import addTextToElement
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    heading = H(outlinelevel=1)
    addTextToElement(heading, "Quan hệ đối ngoại")
    document.text.addElement(heading)
    paragraph = P()
    addTextToElement(paragraph, "Việt Nam  là bạn,\tlà đối tác.")
    document.text.addElement(paragraph)
    items = List()
    item = ListItem()
    inner = P()
    addTextToElement(inner, "Mục một của danh sách.")
    item.addElement(inner)
    items.addElement(item)
    document.text.addElement(items)
    document.save(str(path))
    return path


HTML = """<!DOCTYPE html><html><head><title>Tiêu đề trang</title><style>p {color: red}</style>
<script>var x = "<p>not text</p>";</script></head><body>
<nav><a href="/">Trang chủ</a></nav>
<h1>Quan h&#7879; &amp; &#273;&#7889;i ngo&#7841;i</h1>
<p>Việt Nam <b>là bạn</b>,   là đối tác &copy; 2024.<br>Dòng mới.</p>
<ul><li>Mục một <ul><li>Mục con.</li></ul></li></ul>
<div hidden>ẩn</div><p style="display: none">ẩn</p><!-- chú thích -->
<table><tr><td>Ô bảng.</td></tr></table>
</body></html>"""

MARKDOWN = """---
title: Bản tin
---
# Quan hệ đối ngoại

Việt Nam **là bạn**, là [đối tác](https://example.org) \\*tin cậy\\*.
Vẫn đoạn này.

- Mục một
  - Mục con.

<script>alert(1)</script>
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
<i>Việt Nam là bạn,</i>

2
00:00:03,100 --> 00:00:05,000
là đối tác tin cậy.

3
00:00:05,100 --> 00:00:07,000
{\\an8}Hai bên nhất trí.
"""

VTT = """WEBVTT

NOTE a comment that is not text

00:00.000 --> 00:02.000
<v Lan>Việt Nam là bạn,

00:02.100 --> 00:04.000 align:start
là đối tác tin cậy.
"""

# name -> (write the file at this path, expected (kind, level, text) rows)
CASES = {
    "a.txt": (lambda p: p.write_text("Tiêu đề\n\nĐoạn một,\nvẫn đoạn một.\n\n\nĐoạn hai.\n", encoding="utf-8"),
              [("p", 0, "Tiêu đề"), ("p", 0, "Đoạn một,\nvẫn đoạn một."), ("p", 0, "Đoạn hai.")]),
    "legacy.txt": (lambda p: p.write_bytes(to_cp1258("Tiếng Việt của hòa bình.\n")),
                   [("p", 0, "Tiếng Việt của hòa bình.")]),
    "a.docx": (make_docx, [("h", 1, "Quan hệ đối ngoại"), ("p", 0, "Việt Nam là bạn, là đối tác.\nDòng mới."),
                           ("li", 1, "Mục một của danh sách."), ("li", 1, "Mục con."), ("p", 0, "Ô bảng.")]),
    "a.odt": (make_odt, [("h", 1, "Quan hệ đối ngoại"), ("p", 0, "Việt Nam là bạn, là đối tác."),
                         ("li", 1, "Mục một của danh sách.")]),
    "a.html": (lambda p: p.write_text(HTML, encoding="utf-8"),
               [("h", 1, "Quan hệ & đối ngoại"), ("p", 0, "Việt Nam là bạn, là đối tác © 2024.\nDòng mới."),
                ("li", 1, "Mục một"), ("li", 2, "Mục con."), ("p", 0, "Ô bảng.")]),
    "legacy.htm": (lambda p: p.write_bytes(to_cp1258('<html><head><meta charset="windows-1258"></head><body>'
                                                    "<p>Tiếng Việt.</p></body></html>")),
                   [("p", 0, "Tiếng Việt.")]),
    "a.md": (lambda p: p.write_text(MARKDOWN, encoding="utf-8"),
             [("h", 1, "Quan hệ đối ngoại"), ("p", 0, "Việt Nam là bạn, là đối tác *tin cậy*. Vẫn đoạn này."),
              ("li", 1, "Mục một"), ("li", 2, "Mục con.")]),
    "a.srt": (lambda p: p.write_text(SRT, encoding="utf-8"),
              [("p", 0, "Việt Nam là bạn, là đối tác tin cậy."), ("p", 0, "Hai bên nhất trí.")]),
    "a.vtt": (lambda p: p.write_text(VTT, encoding="utf-8"), [("p", 0, "Việt Nam là bạn, là đối tác tin cậy.")]),
    "a.pdf": (lambda p: write_pdf(p, [("h", "Quan hệ đối ngoại"), ("p", "Việt Nam là bạn, là đối tác tin cậy "
                                                                       "của các nước trong cộng đồng quốc tế. " * 3)]),
              [("h", 1, "Quan hệ đối ngoại"),
               ("p", 0, " ".join(["Việt Nam là bạn, là đối tác tin cậy của các nước trong cộng đồng quốc tế."] * 3))]),
}


def rows(paragraphs: list[Paragraph]) -> list[tuple[str, int, str]]:
    return [(p.kind, p.level, p.text) for p in paragraphs]


@pytest.mark.parametrize("name", list(CASES))
def test_reader_gives_paragraphs_from_a_path_and_a_stream(tmp_path, name):
    write, expected = CASES[name]
    path = tmp_path / name
    write(path)
    assert rows(readers.read(path)) == expected
    with open(path, "rb") as stream:
        assert rows(readers.read(stream)) == expected
    assert rows(readers.read(io.BytesIO(path.read_bytes()), name=name)) == expected


def test_content_decides_when_the_extension_is_wrong(tmp_path):
    path = make_docx(tmp_path / "really-a-docx.txt")
    assert rows(readers.read(path))[0] == ("h", 1, "Quan hệ đối ngoại")


def test_a_missing_format_library_is_one_line_naming_the_package(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "a.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    with pytest.raises(VienalignError, match=r"a\.docx: reading a Word document \(\.docx\) needs the Python "
                                             r"package python-docx \(pip install python-docx\)"):
        readers.read(path)


def test_html_entities_a_page_declares_are_never_expanded(tmp_path, secret):
    page = tmp_path / "evil.xhtml"
    page.write_text(f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
                    '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Xin chào &leak; bạn.</p></body></html>',
                    encoding="utf-8")
    text = " ".join(p.text for p in readers.read(page))
    assert "TOPSECRET" not in text and "Xin chào" in text


def test_docx_entities_are_never_expanded(tmp_path, secret):
    plain = make_docx(tmp_path / "plain.docx")
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(evil, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", f'?><!DOCTYPE w:document [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
                                    .encode(), 1).replace("Dòng mới.".encode(), b"&leak;")
            target.writestr(item, data)
    try:
        text = " ".join(p.text for p in readers.read(evil))
    except VienalignError as err:  # refusing the file is as good as leaving the entity alone
        text = str(err)
    assert "TOPSECRET" not in text


# --- bad documents: one line naming the file and the problem, exit 2; batch goes on -------------------

def _corrupt_docx(path: Path) -> None:
    data = write_docx(path, [("p", "Một đoạn văn.")]).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


BAD_DOCUMENTS = {
    # name: (file name, writer, words in the one-line error)
    "corrupt docx": ("corrupt.docx", _corrupt_docx, "damaged"),
    "docx bomb": ("bomb.docx", lambda p: p.write_bytes(zip_bomb(1_100_000_000)), "expand to 1,099,956,"),
    "encrypted pdf": ("locked.pdf", lambda p: write_pdf(p, [("p", "Bí mật.")], encrypt="secret"), "encrypted PDF"),
    "scanned pdf": ("scan.pdf", write_scanned_pdf, "no text in this PDF"),
    "html without text": ("empty.html", lambda p: p.write_text("<html><body><script>x()</script><img src=a.png>"
                                                                "</body></html>", encoding="utf-8"),
                          "no text in this HTML page"),
    "png named pdf": ("picture.pdf", _png, "not a PDF document: it is a PNG image"),
}


@pytest.mark.parametrize("kind", list(BAD_DOCUMENTS))
def test_bad_document_is_one_line_and_exit_2(tmp_path, run_cli, kind):
    name, write, words = BAD_DOCUMENTS[kind]
    bad = tmp_path / name
    write(bad)
    good = tmp_path / "good.en.txt"
    good.write_text("Viet Nam is a friend and a reliable partner.\n", encoding="utf-8")
    done = run_cli("align", bad, good, "--src-lang", "vi")
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2, lines
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    assert str(bad) in lines[0] and words in lines[0], lines


def test_batch_goes_on_past_bad_documents(tmp_path, run_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for kind, (name, write, _) in BAD_DOCUMENTS.items():
        stem, suffix = name.rsplit(".", 1)
        write(folder / f"{stem}.vi.{suffix}")
        (folder / f"{stem}.en.txt").write_text("One sentence.\n", encoding="utf-8")
    write_docx(folder / "good.vi.docx", [("p", "Việt Nam là bạn. Hai bên nhất trí tăng cường hợp tác.")])
    write_odt(folder / "good.en.odt", [("p", "Viet Nam is a friend. The two sides agreed to strengthen cooperation.")])
    # --max-bytes above the bomb's 1 MB on disk, so that what refuses it is the reader's bound on what
    # its parts expand to
    done = run_cli("batch", folder, "-o", tmp_path / "out", "--workers", "1", "--no-progress",
                   "--max-bytes", "10000000")
    assert done.returncode == 3, done.stderr.decode()
    report = {row["id"]: row for row in map(json.loads, (tmp_path / "out" / "report.jsonl").read_text().splitlines())}
    assert report["good"]["status"] == "ok" and report["good"]["units"] == 2
    for kind, (name, _, words) in BAD_DOCUMENTS.items():
        row = report[name.rsplit(".", 1)[0]]
        assert row["status"] == "failed" and words in row["error"] and "\n" not in row["error"], (kind, row)


def test_batch_pairs_documents_of_any_format(tmp_path):
    from align.batch import iter_jobs

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.vi.docx", "a.en.pdf", "b.vi.md", "b.en.HTML", "c.vi.txt", "c.vi.odt", "c.en.srt", "d.en.vtt",
                 "notes.vi.xlsx"):
        (folder / name).write_bytes(b"")
    jobs = {job.id: job for job in iter_jobs(folder)}
    assert sorted(jobs) == ["a", "b", "c", "d"]
    assert (jobs["a"].src.name, jobs["a"].tgt.name, jobs["a"].problem) == ("a.vi.docx", "a.en.pdf", None)
    assert (jobs["b"].src.name, jobs["b"].tgt.name, jobs["b"].problem) == ("b.vi.md", "b.en.HTML", None)
    assert "c.vi.odt and c.vi.txt are both the vi side of c" in jobs["c"].problem
    assert "no such file" in jobs["d"].problem

    manifest = tmp_path / "pairs.tsv"
    manifest.write_text("docs/a.vi.docx\tdocs/a.en.pdf\ndocs/b.vi.md\tdocs/b.en.HTML\tbee\n", encoding="utf-8")
    rows = [(job.id, job.src.name, job.tgt.name) for job in iter_jobs(manifest)]
    assert rows == [("docs__a.vi", "a.vi.docx", "a.en.pdf"), ("bee", "b.vi.md", "b.en.HTML")]


def test_split_reads_any_format(tmp_path, run_cli):
    done = run_cli("split", make_docx(tmp_path / "a.docx"), "--lang", "vi")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().splitlines()[:3] == ["Quan hệ đối ngoại", "", "Việt Nam là bạn, là đối tác."]
