"""TMX merge, filter, info and TSV conversion, through the library and the command line."""

from __future__ import annotations

import pytest

from align.errors import VienalignError
from align.tmx import TmxWriter, filter_tmx, merge_tmx, tmx_to_tsv, tsv_to_tmx
from align.tmx_read import open_tmx, validate
from tests.tmx_consumers import dtd_errors


def make_tmx(path, units, src="vi", tgt="en"):
    """A TMX file of (source, target, score or None) units."""
    with TmxWriter(path, src, tgt) as tmx:
        for source, target, score in units:
            tmx.add(source, target, {} if score is None else {"x-score": f"{score:.3f}"})
    return path


def read_pairs(path, src="vi", tgt="en"):
    _, units = open_tmx(path)
    return [(u.text(src), u.text(tgt), u.score) for u in units]


# (file A units, file B units, merged units): per source segment the highest x-score wins, scored units
# beat unscored ones, ties and unscored units go to the first in input order; exact repeats collapse.
MERGE_CASES = [
    ("higher score wins", [("Một.", "One.", 0.5)], [("Một.", "One!", 0.8)], [("Một.", "One!", 0.8)]),
    ("first wins a tie", [("Một.", "One.", 0.9)], [("Một.", "One!", 0.9)], [("Một.", "One.", 0.9)]),
    ("scored beats unscored", [("Hai.", "Two.", None)], [("Hai.", "Deux.", 0.1)], [("Hai.", "Deux.", 0.1)]),
    ("first of the unscored", [("Bốn.", "Four.", None)], [("Bốn.", "Quatre.", None)], [("Bốn.", "Four.", None)]),
    ("repeats collapse", [("Ba.", "Three.", 0.7)], [("Ba.", "Three.", 0.7)], [("Ba.", "Three.", 0.7)]),
    ("input order kept", [("Một.", "One.", 0.2), ("Hai.", "Two.", 0.9)], [("Ba.", "Three.", 0.5), ("Một.", "Uno.", 0.6)],
     [("Hai.", "Two.", 0.9), ("Ba.", "Three.", 0.5), ("Một.", "Uno.", 0.6)]),
]


@pytest.mark.parametrize("name, a, b, merged", MERGE_CASES, ids=[c[0] for c in MERGE_CASES])
def test_merge_rule(tmp_path, tmx_dtd, name, a, b, merged):
    paths = [make_tmx(tmp_path / "a.tmx", a), make_tmx(tmp_path / "b.tmx", b)]
    result = merge_tmx(paths, tmp_path / "merged.tmx")
    assert read_pairs(tmp_path / "merged.tmx") == merged
    assert (result.read, result.written) == (len(a) + len(b), len(merged))
    assert validate(tmp_path / "merged.tmx") == []
    assert dtd_errors(tmp_path / "merged.tmx", tmx_dtd) == []


def test_merge_reads_units_in_other_locales_and_normalises_codes(tmp_path, tmx_dtd):
    other = tmp_path / "other.tmx"
    other.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="vi_VN" datatype="plaintext"/><body>'
        '<tu segtype="word"><tuv xml:lang="vi_VN"><seg>Năm.</seg></tuv><tuv xml:lang="EN-us"><seg>Five.</seg></tuv></tu>'
        "</body></tmx>", encoding="utf-8")
    ours = make_tmx(tmp_path / "ours.tmx", [("Một.", "One.", 0.9)], "vi-VN", "en-US")
    merge_tmx([other, ours], tmp_path / "m.tmx")
    text = (tmp_path / "m.tmx").read_text(encoding="utf-8")
    assert 'srclang="vi-VN"' in text and 'xml:lang="en-US"' in text and "_" not in text.split("<body>")[1]
    assert [p[:2] for p in read_pairs(tmp_path / "m.tmx")] == [("Năm.", "Five."), ("Một.", "One.")]
    assert dtd_errors(tmp_path / "m.tmx", tmx_dtd) == []  # the foreign segtype="word" is not copied


def test_merge_needs_inputs(tmp_path):
    with pytest.raises(VienalignError, match="no input files"):
        merge_tmx([], tmp_path / "m.tmx")


def test_filter_keeps_scores_at_or_above_the_threshold(tmp_path, tmx_dtd):
    path = make_tmx(tmp_path / "in.tmx", [("Một.", "One.", 0.2), ("Hai.", "Two.", 0.5), ("Ba.", "Three.", None),
                                          ("Bốn.", "Four.", 0.7)])
    result = filter_tmx(path, tmp_path / "out.tmx", 0.5)
    assert dtd_errors(tmp_path / "out.tmx", tmx_dtd) == []
    assert read_pairs(tmp_path / "out.tmx") == [("Hai.", "Two.", 0.5), ("Bốn.", "Four.", 0.7)]
    assert (result.read, result.written) == (4, 2)


def test_tsv_round_trip(tmp_path):
    tsv = tmp_path / "in.tsv"
    tsv.write_text("Một.\tOne.\t0.9\t1-1\tdoc\n"
                   "\n"
                   "Hai.  Ba.\tTwo and three.\t0.5\t2-1\n"
                   "Bốn.\t \n"  # empty target: skipped
                   "Năm.\tFive.\n", encoding="utf-8")
    made = tsv_to_tmx(tsv, tmp_path / "x.tmx", src_locale="vi-VN")
    assert (made.read, made.written) == (4, 3)
    assert validate(tmp_path / "x.tmx") == []
    back = tmx_to_tsv(tmp_path / "x.tmx", tmp_path / "out.tsv")
    assert back.written == 3
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == (
        "Một.\tOne.\t0.9\t1-1\tdoc\n"
        "Hai. Ba.\tTwo and three.\t0.5\t2-1\t\n"
        "Năm.\tFive.\t\t\t\n"
    )
    _, units = open_tmx(tmp_path / "x.tmx")
    assert [u.segtype for u in units] == [None, "paragraph", None]


@pytest.mark.parametrize("row, problem", [
    ("only one column", "not a TSV row"),
    ("a\tb\tabc", "score 'abc' is not a number"),
    ("a\tb\t1\t1-1\td\textra", "6 columns"),
    ("a\tb\tnan", "score 'nan' is not a finite number"),
    ("a\tb\t-inf", "score '-inf' is not a finite number"),
    ("a\tb\tInfinity", "score 'Infinity' is not a finite number"),
])
def test_bad_tsv_rows_name_the_line(tmp_path, row, problem):
    tsv = tmp_path / "bad.tsv"
    tsv.write_text(f"Một.\tOne.\n{row}\n", encoding="utf-8")
    with pytest.raises(VienalignError, match=rf"bad\.tsv:2: {problem}"):
        tsv_to_tmx(tsv, tmp_path / "x.tmx")
    assert not (tmp_path / "x.tmx").exists()


def test_to_tsv_needs_a_source_language_for_star_all(tmp_path):
    path = tmp_path / "all.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="*all*" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="de"><seg>Eins.</seg></tuv><tuv xml:lang="fr"><seg>Un.</seg></tuv></tu>'
        "</body></tmx>", encoding="utf-8")
    with pytest.raises(VienalignError, match=r"srclang is \*all\*"):
        tmx_to_tsv(path, tmp_path / "out.tsv")
    tmx_to_tsv(path, tmp_path / "out.tsv", src_lang="fr")
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == "Un.\tEins.\t\t\t\n"


def test_command_line_end_to_end(tmp_path, run_cli):
    tsv = tmp_path / "in.tsv"
    tsv.write_text("Một.\tOne.\t0.9\nHai.\tTwo.\t0.2\n", encoding="utf-8")
    made = run_cli("tmx", "from-tsv", tsv, "-o", tmp_path / "a.tmx", "--src-lang", "vi", "--tgt-lang", "en")
    assert made.returncode == 0, made.stderr.decode()
    assert run_cli("tmx", "validate", tmp_path / "a.tmx").returncode == 0
    info = run_cli("tmx", "info", tmp_path / "a.tmx")
    assert info.returncode == 0 and "units            2" in info.stdout.decode()
    filtered = run_cli("tmx", "filter", tmp_path / "a.tmx", "--min-score", "0.5", "-o", tmp_path / "f.tmx")
    assert filtered.returncode == 0 and "1 of 2 units" in filtered.stdout.decode()
    merged = run_cli("tmx", "merge", tmp_path / "a.tmx", tmp_path / "f.tmx", "-o", tmp_path / "m.tmx")
    assert merged.returncode == 0 and "2 of 3 units" in merged.stdout.decode()
    shown = run_cli("tmx", "to-tsv", tmp_path / "m.tmx")
    assert shown.stdout.decode() == "Một.\tOne.\t0.9\t\t\nHai.\tTwo.\t0.2\t\t\n"
    wrong = run_cli("tmx", "from-tsv", tsv, "-o", tmp_path / "a.xml")
    assert wrong.returncode == 2 and len(wrong.stderr.splitlines()) == 1
    assert b"must end in .tmx" in wrong.stderr


def test_to_tsv_says_what_it_leaves_out(tmp_path, run_cli):
    path = tmp_path / "gaps.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="vi" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="vi"><seg>Một.</seg></tuv><tuv xml:lang="en"><seg>One.</seg></tuv></tu>'
        '<tu><tuv xml:lang="vi"><seg>Hai.</seg></tuv><tuv xml:lang="en"><seg> </seg></tuv></tu>'
        '<tu><tuv xml:lang="vi"><seg>Ba.</seg></tuv><tuv xml:lang="fr"><seg>Trois.</seg></tuv></tu>'
        "</body></tmx>", encoding="utf-8")
    done = run_cli("tmx", "to-tsv", path, "-o", tmp_path / "out.tsv", "--tgt-lang", "en")
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == "Một.\tOne.\t\t\t\n"
    warnings = done.stderr.decode().splitlines()
    assert any("1 units without both vi and en" in line for line in warnings), warnings
    assert any("1 units with an empty vi or en segment" in line for line in warnings), warnings
    assert "1 of 2 units written" in done.stdout.decode()
