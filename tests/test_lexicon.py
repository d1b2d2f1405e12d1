"""Lexicons: a user's dictionary file, the built-in vi-en table, and induction from aligned pairs."""

from __future__ import annotations

import pytest

from align.errors import VienalignError
from align.lexicon import Lexicon, builtin_lexicon, induce_lexicon, parse_lexicon_line, read_lexicon

# (line, expected (source, target) or None for a line that holds no entry)
LINE_CASES = [
    ("hợp tác\tcooperation", ("hợp tác", "cooperation")),
    ("  WTO\tWorld Trade Organization  ", ("WTO", "World Trade Organization")),
    ("cooperation @ hợp tác", ("hợp tác", "cooperation")),  # hunalign: target @ source
    ("foreign affairs @ đối ngoại", ("đối ngoại", "foreign affairs")),
    ("", None),
    ("   ", None),
    ("# a comment", None),
]


@pytest.mark.parametrize("line, expected", LINE_CASES)
def test_parse_line(line, expected):
    assert parse_lexicon_line(line, "dict.tsv", 1) == expected


BAD_LINES = [
    "just words",
    "a\tb\tc",
    "a\t",
    " @ hợp tác",
]


@pytest.mark.parametrize("line", BAD_LINES)
def test_bad_line_names_file_and_line(line):
    with pytest.raises(VienalignError, match=r"^dict\.tsv:7: "):
        parse_lexicon_line(line, "dict.tsv", 7)


def test_read_lexicon_both_layouts(tmp_path):
    path = tmp_path / "user.txt"
    path.write_text("# mine\nhợp_tác\tcooperation\nnation @ quốc gia\n\nWTO\tWTO\n", encoding="utf-8")
    lexicon = read_lexicon(path)
    assert lexicon.translations("hợp tác") == (("cooperation", 1.0),)
    assert lexicon.translations("quốc gia") == (("nation", 1.0),)
    assert "wto" in lexicon  # keys and targets are lower-cased, segmented words split
    assert len(lexicon) == 3


def test_read_lexicon_error_names_the_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\nnot a dictionary line\n", encoding="utf-8")
    with pytest.raises(VienalignError, match=r"bad\.tsv:2: "):
        read_lexicon(path)


def test_read_lexicon_refuses_an_empty_dictionary(tmp_path):
    path = tmp_path / "empty.tsv"
    path.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(VienalignError, match="no dictionary entries"):
        read_lexicon(path)


def test_multiword_target_is_spread_over_its_words():
    lexicon = Lexicon.from_pairs([("đối ngoại", "foreign affairs", 1.0), ("đối ngoại", "diplomacy", 0.8)])
    assert dict(lexicon.translations("đối ngoại")) == {"foreign": 0.5, "affairs": 0.5, "diplomacy": 0.8}


def test_merged_keeps_the_larger_weight_and_reversed_swaps_sides():
    a = Lexicon.from_pairs([("nhà", "house", 0.4)])
    b = Lexicon.from_pairs([("nhà", "house", 0.9), ("cửa", "door", 1.0)])
    merged = a.merged(b)
    assert merged.translations("nhà") == (("house", 0.9),)
    assert merged.reversed().translations("door") == (("cửa", 1.0),)


def test_builtin_vi_en_lexicon_matches_multi_syllable_words():
    lexicon = builtin_lexicon("vi", "en")
    assert len(lexicon) > 1000
    assert "cooperation" in dict(lexicon.translations("hợp tác"))
    assert builtin_lexicon("en", "vi").translations("cooperation")  # read backwards


def test_no_builtin_lexicon_for_other_pairs():
    assert len(builtin_lexicon("de", "fr")) == 0


def test_induction_learns_repeated_pairs_and_ignores_chance():
    src = [["haus", "alt"], ["haus", "neu"], ["berg", "hoch"], ["berg", "alt"], ["see"]]
    tgt = [["maison", "vieille"], ["maison", "neuve"], ["montagne", "haute"], ["montagne", "vieille"], ["lac"]]
    lexicon = induce_lexicon(src, tgt)
    assert lexicon.translations("haus")[0][0] == "maison"
    assert lexicon.translations("berg")[0][0] == "montagne"
    assert lexicon.translations("alt")[0][0] == "vieille"
    assert "see" not in lexicon  # seen once: no evidence


def test_induction_thresholds():
    src = [["a", "x"], ["a", "y"], ["a", "z"], ["b"]]
    tgt = [["p"], ["p"], ["q"], ["q"]]
    assert induce_lexicon(src, tgt, min_dice=0.9).translations("a") == ()
    assert dict(induce_lexicon(src, tgt, min_dice=0.5).translations("a")) == {"p": pytest.approx(0.8)}
