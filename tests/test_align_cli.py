"""`python -m align align` end to end: formats, options, and bad input as one-line errors."""

from __future__ import annotations

import json

import pytest

from align.formats import read_ladder

VI = "Năm 2006, Việt Nam gia nhập WTO.\nXuất khẩu đạt 766,8 triệu USD.\n\nÁp-ra-ham sanh Y-sác.\n"
EN = "In 2006, Vietnam joined the WTO.\nExports reached 766.8 million USD.\n\nAbraham begat Isaac.\n"


@pytest.fixture
def pair(tmp_path):
    src, tgt = tmp_path / "doc.vi.txt", tmp_path / "doc.en.txt"
    src.write_text(VI, encoding="utf-8")
    tgt.write_text(EN, encoding="utf-8")
    return src, tgt


def test_presplit_ladder_to_stdout(run_cli, pair):
    result = run_cli("align", *pair, "--presplit")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


def test_ladder_file_reads_back(run_cli, pair, tmp_path):
    out = tmp_path / "out" / "doc.ladder"
    result = run_cli("align", *pair, "--presplit", "-o", out)
    assert result.returncode == 0, result.stderr
    assert [(b.src, b.tgt) for b in read_ladder(out)] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_tsv_and_min_score(run_cli, pair):
    rows = run_cli("align", *pair, "--presplit", "-f", "tsv").stdout.decode().splitlines()
    assert rows[0].split("\t")[:2] == ["Năm 2006, Việt Nam gia nhập WTO.", "In 2006, Vietnam joined the WTO."]
    assert len(rows) == 3
    assert run_cli("align", *pair, "--presplit", "-f", "tsv", "--min-score", "1.01").stdout == b""


def test_json_lists_every_bead(run_cli, pair):
    result = run_cli("align", *pair, "--presplit", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert "signature" in result.stdout.decode()
    json.loads(result.stdout)


def test_running_text_is_split(run_cli, tmp_path):
    src, tgt = tmp_path / "a.vi", tmp_path / "a.en"
    src.write_text("Năm 2006, Việt Nam gia nhập WTO. Áp-ra-ham sanh Y-sác.\n", encoding="utf-8")
    tgt.write_text("In 2006, Vietnam joined the WTO. Abraham begat Isaac.\n", encoding="utf-8")
    result = run_cli("align", src, tgt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == ["[0]:[0]", "[1]:[1]"]


def test_user_lexicon(run_cli, pair, tmp_path):
    lexicon = tmp_path / "dict.tsv"
    lexicon.write_text("xuất khẩu\texports\nreached @ đạt\n", encoding="utf-8")
    result = run_cli("align", *pair, "--presplit", "--lexicon", lexicon)
    assert result.returncode == 0, result.stderr


def test_empty_side_is_an_error_as_in_batch(run_cli, pair, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("align", empty, pair[1], "--presplit")
    assert result.returncode == 2
    assert result.stderr.decode() == f"vienalign align: error: {empty}: empty file (no sentences)\n"
    assert result.stdout == b""


@pytest.mark.parametrize("make_bad, message", [
    (lambda p: p.write_bytes(b"\xff\xfe\x00\x00 \x81\x82 binary \x00"), "not"),
    (lambda p: None, "no such file"),
])
def test_unreadable_source_is_a_one_line_error(run_cli, pair, tmp_path, make_bad, message):
    bad = tmp_path / "bad.txt"
    make_bad(bad)
    result = run_cli("align", bad, pair[1], "--presplit", "--encoding", "utf-8")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "bad.txt" in err and message in err


def test_non_utf8_detected_input_is_a_one_line_error(run_cli, pair, tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"caf\xe9 \x80\x81\x82\x83 abc\n")  # Latin-1: not UTF-8, UTF-16 or Windows-1258
    result = run_cli("align", bad, pair[1])
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "latin.txt" in result.stderr.decode()


def test_bad_lexicon_names_file_and_line(run_cli, pair, tmp_path):
    lexicon = tmp_path / "dict.tsv"
    lexicon.write_text("ok\tfine\nbroken line\n", encoding="utf-8")
    result = run_cli("align", *pair, "--presplit", "--lexicon", lexicon)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "dict.tsv:2:" in err
