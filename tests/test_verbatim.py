"""Verbatim output: every segment we write is the document's own text (NFC, whitespace collapsed).

Folding tones or case is for matching only. The one rewrite is undoing word segmentation
(``Việt_Nam`` → ``Việt Nam``): the underscores are tokenisation, not text. So each TMX, TSV and JSON
segment of every corpus pair, every sentence of every seed, and every sentence the HTML report shows
must occur word for word in its document once that document is NFC, de-segmented and its whitespace
collapsed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from align.anchors import words
from align.demo import read_manifests, run_demo
from align.document import read_sentences
from align.formats import write_alignment
from align.lexicon import Lexicon
from align.normalize import nfc, undo_word_segmentation, with_canonical_tones
from align.report import render_html
from align.segment import split
from align.textio import read_text

from .conftest import ROOT

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PAIRS = read_manifests(ROOT / "corpora")


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _document(path: Path) -> str:
    """The document as outputs may show it: NFC, word segmentation undone, whitespace collapsed."""
    return _collapsed(undo_word_segmentation(nfc(read_text(path)))[0])


def _old_placement(text: str) -> bool:
    """Does ``text`` spell a tone the old way (``hoà``), which a canonicalising writer would move?"""
    return with_canonical_tones(text) != text


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Every corpus pair split, aligned and written as TMX with no minimum score (every pair a unit)."""
    return list(run_demo(ROOT / "corpora", tmp_path_factory.mktemp("verbatim"), min_score=0.0))


def _tmx_segments(path: Path) -> dict[str, list[str]]:
    segments: dict[str, list[str]] = {}
    for tuv in etree.parse(str(path)).iter("tuv"):
        segments.setdefault(tuv.get(XML_LANG), []).append(tuv.findtext("seg"))
    return segments


def test_every_tmx_segment_of_every_corpus_pair_is_in_its_document(outcomes):
    checked = old_style = 0
    for outcome in outcomes:
        pair = outcome.pair
        segments = _tmx_segments(outcome.tmx)
        assert segments, f"{pair.name}: no units at min-score 0"
        for lang, path in ((pair.src_lang, pair.src_text), (pair.tgt_lang, pair.tgt_text)):
            document = _document(path)
            for segment in segments[lang]:
                assert _collapsed(segment) in document, f"{pair.name} {lang}: {segment!r} is not in {path.name}"
                checked += 1
                old_style += _old_placement(segment)
    assert checked > 600
    # The corpora write some tones the old way (seed 000: hoà bình, đa phương hoá), so the check above
    # would catch a writer that moved them.
    assert old_style > 0


@pytest.mark.parametrize("fmt", ["tsv", "json"])
def test_tsv_and_json_texts_are_in_their_documents(outcomes, tmp_path, fmt):
    for outcome in outcomes:
        pair = outcome.pair
        out = tmp_path / f"{pair.name}.{fmt}"
        write_alignment(outcome.alignment, out, fmt)
        if fmt == "tsv":
            rows = [line.split("\t")[:2] for line in out.read_text(encoding="utf-8").splitlines()]
        else:
            beads = json.loads(out.read_text(encoding="utf-8"))["beads"]
            rows = [(b["src_text"], b["tgt_text"]) for b in beads]
        src_document, tgt_document = _document(pair.src_text), _document(pair.tgt_text)
        for src, tgt in rows:
            assert src in src_document and tgt in tgt_document, (pair.name, src, tgt)


def test_the_report_shows_restored_text(outcomes):
    units = re.findall(r'<table class="units">.*?</table>', render_html(outcomes), re.DOTALL)
    assert len(units) == len(outcomes)
    assert not re.search(r"[^\W\d_]_[^\W\d_]", "".join(units)), "word-segmented text (Thực_hiện) in the report"
    for outcome in outcomes:
        shown = outcome.src_gold_sentences + outcome.tgt_gold_sentences
        documents = _document(outcome.pair.src_text) + "\n" + _document(outcome.pair.tgt_text)
        assert all(sentence in documents for sentence in shown), outcome.pair.name
    seed_000 = next(o for o in outcomes if o.pair.name == "000-002")  # the word-segmented seed
    assert seed_000.src_gold_sentences[0].startswith("Thực hiện đường lối đối ngoại độc lập, tự chủ, hoà bình,")


@pytest.mark.parametrize("seed", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda path: path.name[:3])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_sentence_of_every_seed_is_in_the_seed(seed, lang):
    document = _document(seed)
    sentences = split(read_text(seed), lang)
    assert sentences
    for sentence in sentences:
        assert sentence.text in document, sentence.text


def test_canonical_tones_are_opt_in():
    text = "Uỷ ban về hoà bình và thuỷ lợi họp. Đa phương hoá."
    assert [s.text for s in split(text, "vi")] == ["Uỷ ban về hoà bình và thuỷ lợi họp.", "Đa phương hoá."]
    assert [s.text for s in split(text, "vi", canonical_tones=True)] == [
        "Ủy ban về hòa bình và thủy lợi họp.", "Đa phương hóa."]


def test_matching_keys_fold_tone_placement():
    """The aligner still sees ``hoà`` and ``hòa`` as one word: in its word keys and in lexicon lookups."""
    assert words("Uỷ ban hoà bình, thuỷ lợi") == words("Ủy ban hòa bình, thủy lợi") == [
        "ủy", "ban", "hòa", "bình", "thủy", "lợi"]
    lexicon = Lexicon.from_pairs([("hòa bình", "peace", 1.0), ("thuỷ lợi", "irrigation", 1.0)])
    assert lexicon.translations("hòa bình") == (("peace", 1.0),)
    assert lexicon.translations(" ".join(words("thủy lợi"))) == (("irrigation", 1.0),)


def test_align_and_batch_write_the_documents_tones_unless_asked(run_cli, tmp_path):
    (tmp_path / "a.vi.txt").write_text("Uỷ ban hoà bình họp.\n\nThuỷ lợi phát triển.\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("The peace committee met.\n\nIrrigation grew.\n", encoding="utf-8")
    as_written = run_cli("align", tmp_path / "a.vi.txt", tmp_path / "a.en.txt", "-f", "tsv", "--min-score", "0")
    canonical = run_cli("align", tmp_path / "a.vi.txt", tmp_path / "a.en.txt", "-f", "tsv", "--min-score", "0",
                        "--canonical-tones")
    assert as_written.returncode == canonical.returncode == 0, as_written.stderr + canonical.stderr
    assert [row.split("\t")[0] for row in as_written.stdout.decode().splitlines()] == [
        "Uỷ ban hoà bình họp.", "Thuỷ lợi phát triển."]
    assert [row.split("\t")[0] for row in canonical.stdout.decode().splitlines()] == [
        "Ủy ban hòa bình họp.", "Thủy lợi phát triển."]
    batch = run_cli("batch", tmp_path, "-o", tmp_path / "out", "-f", "tsv", "--min-score", "0", "--no-progress",
                    "--presplit", "--canonical-tones")
    assert batch.returncode == 0, batch.stderr
    assert (tmp_path / "out" / "a.tsv").read_text(encoding="utf-8").startswith("Ủy ban hòa bình họp.\t")


def test_presplit_input_is_written_as_split_writes_it(tmp_path):
    """One sentence a line: NFC, whitespace collapsed, word segmentation undone, tones as written."""
    path = tmp_path / "in.txt"
    path.write_text(unicodedata.normalize("NFD", "Thực_hiện  đường_lối , tự_chủ .\n\nUỷ ban hoà bình.\n"),
                    encoding="utf-8")
    assert [s.text for s in read_sentences(path, "vi", presplit=True)] == [
        "Thực hiện đường lối, tự chủ.", "Uỷ ban hoà bình."]
    assert [s.text for s in read_sentences(path, "vi-VN", presplit=True, canonical_tones=True)][1] == "Ủy ban hòa bình."
