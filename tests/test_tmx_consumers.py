"""Our TMX read by real consumers: the TMX 1.4 DTD, translate-toolkit and OmegaT 3.6.

The helpers live in ``tests/tmx_consumers.py`` so the main job's output can be checked the same way.
"""

from __future__ import annotations

import unicodedata

import pytest

from align.tmx import clean_segment, write_tmx
from align.tmx_read import open_tmx
from align.types import Alignment, Bead
from tests.tmx_consumers import dtd_errors, omegat_translations, translate_toolkit_pairs

VI = (
    "Việt Nam là một quốc gia nằm ở phía đông bán đảo Đông Dương.",  # 0
    "Thủ đô của Việt Nam là Hà Nội.",  # 1
    "Dân số năm 2019 là 96,2 triệu người.",  # 2
    "Hợp tác kinh tế được mở rộng.",  # 3
    "Tiếng Việt là ngôn ngữ chính thức.",  # 4  (joined with 5 in a 2-1 bead)
    "Nó được viết bằng chữ Latinh.",  # 5
    "Câu này không có bản dịch.",  # 6  (1-0)
    unicodedata.normalize("NFD", "Người dân rất hiếu khách."),  # 7  NFD in the input
    "Trang một\x0cvà trang hai.",  # 8  a form feed, as text from a PDF has
    "Thủ đô của Việt Nam là Hà Nội.",  # 9  a repeat of 1
    "Câu có điểm thấp.",  # 10 low score
)
EN = (
    "Vietnam is a country on the eastern Indochina peninsula.",
    "The capital of Vietnam is Hanoi.",
    "Its population in 2019 was 96.2 million.",
    "Economic cooperation was expanded.",
    "Vietnamese, written in the Latin script, is the official language.",
    "The people are very hospitable.",
    "Page one\nand page two.",
    "The capital of Vietnam is Hanoi.",
    "A sentence with a low score.",
)
BEADS = (
    Bead((0,), (0,), 0.91), Bead((1,), (1,), 0.88), Bead((2,), (2,), 0.8), Bead((3,), (3,), 0.77),
    Bead((4, 5), (4,), 0.6), Bead((6,), (), 0.1), Bead((7,), (5,), 0.7), Bead((8,), (6,), 0.65),
    Bead((9,), (7,), 0.88), Bead((10,), (8,), 0.05),
)
MIN_SCORE = 0.3
ONE_TO_ONE = [0, 1, 2, 3, 6, 7]  # the beads (by position) that become sentence units
MULTI = 4


@pytest.fixture
def alignment() -> Alignment:
    return Alignment(BEADS, VI, EN, signature="test")


def expected_units(alignment: Alignment) -> list[tuple[str, str]]:
    """What the writer must produce: cleaned pairs, repeats and low scores dropped, input order."""
    units = []
    for src, tgt, _ in alignment.pairs(MIN_SCORE):
        pair = (clean_segment(src), clean_segment(tgt))
        if pair not in units:
            units.append(pair)
    return units


@pytest.fixture
def tmx(tmp_path, alignment):
    path = tmp_path / "doc.tmx"
    assert write_tmx(path, alignment, document="doc", min_score=MIN_SCORE) == len(expected_units(alignment))
    return path


def test_valid_against_the_dtd(tmx, tmx_dtd):
    assert dtd_errors(tmx, tmx_dtd) == []


def test_translate_toolkit_reads_every_unit_unchanged(tmx, alignment):
    assert translate_toolkit_pairs(tmx) == expected_units(alignment)


def test_our_reader_reads_every_unit_unchanged(tmx, alignment):
    header, units = open_tmx(tmx)
    assert header.srclang == "vi"
    assert [(u.text("vi"), u.text("en")) for u in units] == expected_units(alignment)


def source_lines(alignment: Alignment, positions: list[int]) -> list[str]:
    """The source segments as a translator's file holds them: NFC, one line each, no form feeds."""
    return [clean_segment(" ".join(VI[i] for i in alignment.beads[k].src)) for k in positions]


def test_omegat_inserts_our_translations_for_exact_matches(tmx, alignment, tmp_path):
    unknown = "Đây là một câu hoàn toàn mới."
    lines = source_lines(alignment, ONE_TO_ONE) + [unknown]
    inserted = omegat_translations([tmx], lines, tmp_path)
    expected = {clean_segment(src): clean_segment(tgt) for src, tgt, bead in alignment.pairs(MIN_SCORE)
                if bead.kind == "1-1"}
    assert inserted == {line: expected[line] for line in lines[:-1]}
    assert unknown not in inserted


@pytest.mark.parametrize("sentence_segmentation, matched", [(True, False), (False, True)])
def test_omegat_uses_a_multi_sentence_unit_only_without_sentence_segmentation(
        tmx, alignment, tmp_path, sentence_segmentation, matched):
    # The documented behaviour of <tu segtype="paragraph"> (module docstring of align.tmx).
    line = source_lines(alignment, [MULTI])[0]
    inserted = omegat_translations([tmx], [line], tmp_path, sentence_segmentation=sentence_segmentation)
    assert inserted == ({line: EN[4]} if matched else {})


def test_omegat_matches_units_written_with_locales(tmp_path, alignment):
    path = tmp_path / "locale.tmx"
    write_tmx(path, alignment, min_score=MIN_SCORE, src_locale="vi-VN", tgt_locale="en_us")
    assert 'srclang="vi-VN"' in path.read_text(encoding="utf-8")
    lines = source_lines(alignment, [0, 1])
    inserted = omegat_translations([path], lines, tmp_path, src_lang="vi-VN", tgt_lang="en-US")
    assert inserted == {lines[0]: EN[0], lines[1]: EN[1]}


# --- the project's own corpora, aligned from running text by the main job --------------------------------

@pytest.fixture(scope="module")
def corpus_tmx(tmp_path_factory) -> list:
    """The TMX files of ``python -m align demo`` (every corpus pair, seeds included)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("demo")
    done = subprocess.run([sys.executable, "-m", "align", "demo", "-o", str(out)], capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    files = sorted(out.glob("*.tmx"))
    assert files, "the main job wrote no TMX"
    return files


def test_corpus_tmx_validates_and_loads_in_translate_toolkit(corpus_tmx, tmx_dtd):
    from align.tmx_read import validate

    for path in corpus_tmx:
        assert [p for p in validate(path) if p.level != "warning"] == [], path
        assert dtd_errors(path, tmx_dtd) == [], path
        _, units = open_tmx(path)
        assert translate_toolkit_pairs(path) == [(u.text("vi"), u.text("en")) for u in units], path


def test_omegat_inserts_every_corpus_unit(corpus_tmx, tmp_path):
    # Each unit's source is its own segment here (sentence segmentation off), so this checks that
    # OmegaT accepts every file and unit, not how its SRX rules split Vietnamese (they break after
    # initials and abbreviations such as "V. Pu-tin" or "PGS.TS.", which our splitter keeps whole).
    targets: dict[str, set[str]] = {}
    for path in corpus_tmx:
        _, units = open_tmx(path)
        for unit in units:
            targets.setdefault(unit.text("vi"), set()).add(unit.text("en"))
    inserted = omegat_translations(corpus_tmx, list(targets), tmp_path, sentence_segmentation=False)
    assert set(inserted) == set(targets)
    assert all(inserted[src] in targets[src] for src in inserted)
