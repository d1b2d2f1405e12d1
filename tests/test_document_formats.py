"""Every parallel pair of corpora/ written as docx, odt, HTML, Markdown, SRT and PDF aligns like its
.txt: the same sentences (so the same TMX units) from docx/odt/html/md, at least 98% of the units
from PDF (paragraphs recovered from the page layout) and 90% from SRT (no paragraphs at all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from align import align
from align.demo import read_manifests
from align.document import read_sentences

from .conftest import ROOT
from .documents import blocks, write_docx, write_html, write_markdown, write_odt, write_pdf, write_srt

WRITERS = {"docx": write_docx, "odt": write_odt, "html": write_html, "md": write_markdown, "srt": write_srt,
           "pdf": write_pdf}
SAME_SENTENCES = ("docx", "odt", "html", "md")
PAIRS = [pair for pair in read_manifests(ROOT / "corpora") if pair.kind == "parallel"]
MIN_SHARE = {"pdf": 0.98, "srt": 0.90}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[tuple[str, str, str], Path]:
    """(pair, language, format) -> the pair's side written in that format; "txt" is the original."""
    folder = tmp_path_factory.mktemp("formats")
    made = {}
    for pair in PAIRS:
        for lang, source in ((pair.src_lang, pair.src_text), (pair.tgt_lang, pair.tgt_text)):
            made[pair.name, lang, "txt"] = source
            paragraphs = blocks(source.read_text(encoding="utf-8"))
            for fmt, write in WRITERS.items():
                made[pair.name, lang, fmt] = write(folder / f"{pair.name}.{lang}.{fmt}", paragraphs)
    return made


def sentences(documents, pair, fmt):
    return [read_sentences(documents[pair.name, lang, fmt], lang) for lang in (pair.src_lang, pair.tgt_lang)]


def units(src, tgt, pair) -> set[tuple[str, str]]:
    return {(s, t) for s, t, _ in align(src, tgt, pair.src_lang, pair.tgt_lang).pairs()}


@pytest.mark.parametrize("fmt", SAME_SENTENCES)
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_structured_formats_give_the_txt_sentences(documents, pair, fmt):
    for txt, other in zip(sentences(documents, pair, "txt"), sentences(documents, pair, fmt)):
        assert [(s.text, s.para) for s in other] == [(s.text, s.para) for s in txt]


@pytest.mark.parametrize("fmt", list(MIN_SHARE))
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_layout_formats_keep_the_txt_units(documents, pair, fmt):
    txt, other = sentences(documents, pair, "txt"), sentences(documents, pair, fmt)
    if [[(s.text, s.para) for s in side] for side in other] == [[(s.text, s.para) for s in side] for side in txt]:
        return  # the same sentences align to the same units: the aligner is a function of them
    expected = units(*txt, pair)
    kept = len(expected & units(*other, pair)) / len(expected)
    assert kept >= MIN_SHARE[fmt], f"{pair.name}.{fmt}: {kept:.3f} of the .txt's {len(expected)} units"


def tmx_units(path: Path) -> list[tuple[str, ...]]:
    root = etree.parse(str(path)).getroot()
    return [tuple(seg.text for seg in tu.iter("seg")) + tuple(p.text for p in tu.iter("prop") if p.get("type") != "x-document")
            for tu in root.iter("tu")]


def test_docx_pair_on_the_command_line_gives_the_txt_tmx(documents, run_cli, tmp_path):
    pair = PAIRS[2]
    written = {}
    for fmt in ("txt", "docx"):
        out = tmp_path / f"{fmt}.tmx"
        done = run_cli("align", documents[pair.name, pair.src_lang, fmt], documents[pair.name, pair.tgt_lang, fmt],
                       "-o", out)
        assert done.returncode == 0, done.stderr.decode()
        written[fmt] = tmx_units(out)
    assert written["docx"] == written["txt"] and len(written["txt"]) > 20
