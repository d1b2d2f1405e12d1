"""Lexicons: a user's dictionary file, the built-in vi-en table, and induction from aligned pairs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import align.lexicon
from align.errors import VienalignError
from align.lexicon import (EMPTY, Lexicon, builtin_lexicon, induce_lexicon, induce_model1, parse_lexicon_line,
                           read_lexicon)

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


def _best(lexicon: Lexicon, unit: str) -> str:
    return max(lexicon.translations(unit), key=lambda pair: pair[1])[0]


@pytest.mark.parametrize("induce", [induce_lexicon, induce_model1])
def test_induction_learns_repeated_pairs_and_ignores_chance(induce):
    src = [["haus", "alt"], ["haus", "neu"], ["berg", "hoch"], ["berg", "alt"], ["see"]]
    tgt = [["maison", "vieille"], ["maison", "neuve"], ["montagne", "haute"], ["montagne", "vieille"], ["lac"]]
    lexicon = induce(src, tgt)
    assert _best(lexicon, "haus") == "maison"
    assert _best(lexicon, "berg") == "montagne"
    assert _best(lexicon, "alt") == "vieille"
    assert "see" not in lexicon  # seen once: no evidence


def test_model1_gives_a_frequent_word_its_own_translation():
    """"der" is in every pair, so Dice links it to every frequent word; in Model 1 "le" is explained
    by "der" and the content words by each other."""
    src = [["der", "haus"], ["der", "haus", "alt"], ["der", "berg"], ["der", "berg", "hoch"], ["der", "see"],
           ["der", "see", "alt"]]
    tgt = [["le", "maison"], ["le", "maison", "vieille"], ["le", "montagne"], ["le", "montagne", "haute"],
           ["le", "lac"], ["le", "lac", "vieille"]]
    lexicon = induce_model1(src, tgt)
    assert _best(lexicon, "der") == "le"
    assert {word for word, _ in lexicon.translations("haus")} == {"maison"}
    assert _best(lexicon, "alt") == "vieille"
    assert "le" in {word for word, _ in induce_lexicon(src, tgt).translations("haus")}


def test_model1_of_nothing_is_empty():
    assert induce_model1([], []) is EMPTY
    assert len(induce_model1([["a"], ["a"]], [[], []])) == 0


_pairs = st.lists(st.tuples(st.lists(st.sampled_from("abcdef"), max_size=4),
                            st.lists(st.sampled_from("pqrstu"), max_size=4)), max_size=12)


@settings(max_examples=40, deadline=None)
@given(_pairs)
def test_model1_weights_are_probabilities_of_words_seen_together(pairs):
    src, tgt = [s for s, _ in pairs], [t for _, t in pairs]
    lexicon = induce_model1(src, tgt, min_cooccurrence=1)
    for unit, translations in lexicon.entries.items():
        for word, weight in translations:
            assert 0.1 <= weight <= 1.0 + 1e-9
            assert any(unit in s and word in t for s, t in pairs)


@settings(max_examples=20, deadline=None)
@given(_pairs)
def test_model1_does_not_depend_on_how_the_pairs_are_chunked(pairs):
    src, tgt = [s for s, _ in pairs], [t for _, t in pairs]
    whole = induce_model1(src, tgt, min_cooccurrence=1)
    chunk_entries = align.lexicon._CHUNK_ENTRIES
    align.lexicon._CHUNK_ENTRIES = 3
    try:
        chunked = induce_model1(src, tgt, min_cooccurrence=1)
    finally:
        align.lexicon._CHUNK_ENTRIES = chunk_entries
    assert chunked.entries.keys() == whole.entries.keys()
    for unit, translations in whole.entries.items():
        assert dict(chunked.translations(unit)) == pytest.approx(dict(translations))


def test_induction_thresholds():
    src = [["a", "x"], ["a", "y"], ["a", "z"], ["b"]]
    tgt = [["p"], ["p"], ["q"], ["q"]]
    assert induce_lexicon(src, tgt, min_dice=0.9).translations("a") == ()
    assert dict(induce_lexicon(src, tgt, min_dice=0.5).translations("a")) == {"p": pytest.approx(0.8)}


@settings(max_examples=40, deadline=None)
@given(_pairs, st.integers(1, 3))
def test_dice_counts_the_pairs_that_hold_both_words(pairs, min_cooccurrence):
    # The definition, counted pair by pair: Dice = 2 c(s, t) / (c(s) + c(t)) over sets of words.
    src, tgt = [s for s, _ in pairs], [t for _, t in pairs]
    lexicon = induce_lexicon(src, tgt, min_cooccurrence=min_cooccurrence, min_dice=0.0, max_translations=6)
    for unit in "abcdef":
        expected = {}
        for word in "pqrstu":
            together = sum(unit in s and word in t for s, t in pairs)
            if together >= min_cooccurrence:
                expected[word] = 2 * together / (sum(unit in s for s in src) + sum(word in t for t in tgt))
        assert dict(lexicon.translations(unit)) == pytest.approx(expected)


@settings(max_examples=40, deadline=None)
@given(_pairs, st.integers(1, 3))
def test_dice_keeps_each_units_best_words_ties_to_the_word_sorting_last(pairs, max_translations):
    src, tgt = [s for s, _ in pairs], [t for _, t in pairs]
    every = induce_lexicon(src, tgt, min_cooccurrence=1, min_dice=0.0, max_translations=6)
    best = induce_lexicon(src, tgt, min_cooccurrence=1, min_dice=0.0, max_translations=max_translations)
    for unit, translations in every.entries.items():
        ranked = sorted(translations, key=lambda pair: (pair[1], pair[0]), reverse=True)[:max_translations]
        assert sorted(best.translations(unit)) == sorted(ranked)
