"""Output formats: the bead file as a read/write pair, TSV, JSON, and write_alignment's dispatch."""

from __future__ import annotations

import inspect
import json
import re
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.aligner import Params
from align.batch import BatchOptions
from align.errors import VienalignError
from align.formats import (
    FORMATS,
    alignment_to_json,
    beads_cover,
    format_bead,
    format_for,
    parse_ladder_line,
    read_ladder,
    tsv_lines,
    write_alignment,
    write_ladder,
)
from align.types import MIN_SCORE, Alignment, Bead

GOOD_LINES = [
    ("[3, 4]:[5]", Bead((3, 4), (5,))),
    ("[7]:[]", Bead((7,), ())),
    ("[]:[9]", Bead((), (9,))),
    ("[0]:[0, 1, 2]", Bead((0,), (0, 1, 2))),
    # vecalign's output with a score
    ("[1]:[1]:0.250000", Bead((1,), (1,), 0.25)),
    # spacing is free, as Python would print or a person would type
    ("  [ 3,4 ] : [5]  ", Bead((3, 4), (5,))),
    ("[12]:[13]: 1", Bead((12,), (13,), 1.0)),
    # the Text+Berg gold keeps one bead out of order; it is read as written
    ("[227, 218]:[198]", Bead((227, 218), (198,))),
]


@pytest.mark.parametrize("line, bead", GOOD_LINES)
def test_parse_good_lines(line, bead):
    assert parse_ladder_line(line) == bead


BAD_LINES = [
    ("[0]:[0", "not a bead line"),
    ("[0] [1]", "not a bead line"),
    ("[0];[1]", "not a bead line"),
    ("[a]:[0]", "not a bead line"),
    ("[-1]:[0]", "not a bead line"),
    ("[0.5]:[0]", "not a bead line"),
    ("(0,):[0]", "not a bead line"),
    ("[0]:[1]:[2]", "not a bead line"),
    ("__import__('os').system('true')", "not a bead line"),
    ("[]:[]", "both sides empty"),
    ("[1, 1]:[0]", "repeated"),
    ("[0]:[1]:1.5", "outside [0, 1]"),
    ("[0]:[1]:1.2.3", "bad bead score"),
]


@pytest.mark.parametrize("line, message", BAD_LINES)
def test_bad_lines_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "out.ladder"
    path.write_text(f"[0]:[0]\n\n{line}\n", encoding="utf-8")
    with pytest.raises(VienalignError, match=re.escape(message)) as err:
        read_ladder(path)
    assert str(err.value).startswith(f"{path}:3: ")


def test_read_ladder_takes_lines_and_skips_blank_ones():
    assert read_ladder(["[0]:[0]\n", "\n", "[1, 2]:[]"]) == [Bead((0,), (0,)), Bead((1, 2), ())]


def test_read_ladder_missing_file():
    with pytest.raises(VienalignError, match="no such file"):
        read_ladder("/nonexistent/gold.ladder")


@st.composite
def ladders(draw) -> list[Bead]:
    """A monotone ladder with random bead types and scores."""
    result, i, j = [], 0, 0
    for _ in range(draw(st.integers(0, 15))):
        a, b = draw(st.sampled_from([(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]))
        score = draw(st.floats(0.0, 1.0))
        result.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), score))
        i, j = i + a, j + b
    return result


@given(ladders())
def test_ladder_round_trip_without_scores(tmp_path_factory, ladder):
    path = tmp_path_factory.mktemp("ladder") / "a.ladder"
    write_ladder(ladder, path)
    assert [(b.src, b.tgt, b.score) for b in read_ladder(path)] == [(b.src, b.tgt, 1.0) for b in ladder]


@given(ladders())
def test_ladder_round_trip_with_scores(ladder):
    back = read_ladder([format_bead(b, with_score=True) for b in ladder])
    assert [(b.src, b.tgt) for b in back] == [(b.src, b.tgt) for b in ladder]
    assert [b.score for b in back] == pytest.approx([b.score for b in ladder], abs=5e-7)


@given(ladders())
def test_generated_ladders_cover_their_sentences(ladder):
    n_src = sum(len(b.src) for b in ladder)
    n_tgt = sum(len(b.tgt) for b in ladder)
    assert beads_cover(ladder, n_src, n_tgt)
    assert not beads_cover(ladder, n_src + 1, n_tgt)


@pytest.mark.parametrize("beads, n_src, n_tgt, covers", [
    ([Bead((0,), (0,)), Bead((1,), ())], 2, 1, True),
    ([Bead((1,), (0,)), Bead((0,), ())], 2, 1, False),  # out of order
    ([Bead((0, 1), (0,)), Bead((1,), ())], 2, 1, False),  # sentence 1 twice
    ([Bead((0,), (0,))], 2, 1, False),  # sentence 1 left out
])
def test_beads_cover(beads, n_src, n_tgt, covers):
    assert beads_cover(beads, n_src, n_tgt) is covers


def test_gold_files_round_trip_byte_for_byte(shared_data, tmp_path):
    for gold in [shared_data / "textberg" / "dev" / "doc0.gold.vecalign",
                 shared_data / "bible-vi-en" / "40_MAT" / "gold.vecalign"]:
        write_ladder(read_ladder(gold), tmp_path / "copy")
        assert (tmp_path / "copy").read_bytes() == gold.read_bytes()


# --- TSV and JSON ----------------------------------------------------------------------------------

@pytest.fixture
def alignment() -> Alignment:
    return Alignment(
        beads=(Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.4), Bead((3,), (), 0.0), Bead((), (2,), 0.0),
               Bead((4,), (3,), 0.7)),
        src=("Xin chào.", "Hai\tcâu", "một dòng.", "Thừa.", "Câu\ncuối."),
        tgt=("Hello.", "Two sentences one line.", "Extra.", "Last."),
        src_lang="vi", tgt_lang="en", signature="vienalign 0.1.0|test",
    )


@pytest.mark.parametrize("min_score, expected", [
    (0.0, ["Xin chào.\tHello.\t0.9000\t1-1",
           "Hai câu một dòng.\tTwo sentences one line.\t0.4000\t2-1",
           "Câu cuối.\tLast.\t0.7000\t1-1"]),
    (0.5, ["Xin chào.\tHello.\t0.9000\t1-1", "Câu cuối.\tLast.\t0.7000\t1-1"]),
    (0.95, []),
])
def test_tsv_keeps_non_null_beads_above_min_score_on_one_line_each(alignment, min_score, expected):
    assert tsv_lines(alignment, min_score) == expected


@pytest.mark.parametrize("path, fmt, expected", [
    ("x.tmx", None, "tmx"), ("X.TSV", None, "tsv"), ("a/b.json", None, "json"), ("c.ladder", None, "ladder"),
    ("-", None, "ladder"), ("x.txt", "tsv", "tsv"), ("x.tmx", "ladder", "ladder"),
])
def test_output_format_from_the_extension(path, fmt, expected):
    assert format_for(path, fmt) == expected


@pytest.mark.parametrize("path", ["talk.txt", "talk", "talk.tmx.bak"])
def test_an_unknown_extension_without_a_format_is_an_error(path):
    with pytest.raises(VienalignError, match="cannot tell the output format"):
        format_for(path)


def test_the_default_threshold_is_one_constant(alignment):
    assert tsv_lines(alignment) == tsv_lines(alignment, MIN_SCORE)
    assert list(alignment.pairs()) == list(alignment.pairs(MIN_SCORE))
    assert inspect.signature(write_alignment).parameters["min_score"].default is MIN_SCORE
    assert BatchOptions(Path("out")).min_score is MIN_SCORE
    assert not hasattr(Params(), "min_score")


def test_json_lists_every_bead_with_texts(alignment):
    doc = alignment_to_json(alignment)
    assert doc["signature"] == "vienalign 0.1.0|test"
    assert doc["languages"] == {"src": "vi", "tgt": "en"}
    assert [(b["src"], b["tgt"], b["kind"]) for b in doc["beads"]] == [
        ([0], [0], "1-1"), ([1, 2], [1], "2-1"), ([3], [], "1-0"), ([], [2], "0-1"), ([4], [3], "1-1")]
    assert doc["beads"][1]["src_text"] == "Hai\tcâu một dòng."
    assert doc["beads"][2]["tgt_text"] == ""


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "tmx"])
def test_write_alignment_writes_each_format(alignment, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    written = write_alignment(alignment, path, fmt, min_score=0.5)
    text = path.read_text(encoding="utf-8")
    assert written == (2 if fmt == "tsv" else len(alignment.beads))
    if fmt == "ladder":  # min_score never applies to the ladder
        assert read_ladder(path) == [Bead(b.src, b.tgt) for b in alignment.beads]
    elif fmt == "tsv":
        assert text.splitlines() == tsv_lines(alignment, 0.5)
    else:
        assert json.loads(text) == alignment_to_json(alignment)
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_write_alignment_hands_tmx_to_the_tmx_writer(alignment, tmp_path, monkeypatch):
    calls = []
    fake = types.ModuleType("align.tmx")
    fake.write_tmx = lambda path, aln, **kw: calls.append((path, aln, kw)) or 7
    monkeypatch.setitem(sys.modules, "align.tmx", fake)
    monkeypatch.setattr(sys.modules["align"], "tmx", fake, raising=False)
    assert write_alignment(alignment, tmp_path / "a.tmx", "tmx", min_score=0.3, document="d1") == 7
    assert calls == [(tmp_path / "a.tmx", alignment, {"min_score": 0.3, "lexicon": None, "document": "d1"})]


@pytest.mark.parametrize("fmt, options, message", [
    ("xml", {}, "unknown output format 'xml'"),
    ("tsv", {"document": "d1"}, "only apply to TMX output"),
])
def test_write_alignment_refuses_bad_requests(alignment, tmp_path, fmt, options, message):
    with pytest.raises(VienalignError, match=message):
        write_alignment(alignment, tmp_path / "out", fmt, **options)
    assert not list(tmp_path.iterdir())


def test_write_alignment_tmx_with_the_real_writer(alignment, tmp_path):
    from lxml import etree

    path = tmp_path / "out.tmx"
    written = write_alignment(alignment, path, "tmx", min_score=0.5, document="toy")
    units = etree.parse(str(path)).getroot().findall("body/tu")
    assert written == len(units) == 2  # the two non-null beads scoring at least 0.5
    assert [tu.findtext("tuv/seg") for tu in units] == ["Xin chào.", "Câu cuối."]
