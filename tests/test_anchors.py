"""Anchors and tokens: what links a sentence to its translation without a dictionary."""

from __future__ import annotations

import pytest

from align.anchors import anchors, skeleton, source_units, words

# (Vietnamese or source form, English or target form): the same name or number in both languages.
SAME_ANCHOR_CASES = [
    # 1) numbers in both notations, and years
    ("1.532 tấn", "1,532 tons"),
    ("766,8 triệu", "766.8 million"),
    ("năm 2006", "in 2006"),
    # 2) acronyms
    ("gia nhập WTO", "joined the WTO"),
    ("Hội nghị APEC", "the APEC summit"),
    # 3) transliterated names (hyphenated syllables) and their English spelling
    ("In-đô-nê-xi-a", "Indonesia"),
    ("Áp-ra-ham", "Abraham"),
    ("Gia-cốp", "Jacob"),
    ("Đa-vít", "David"),
    ("Phi-líp", "Philip"),
    ("Việt Nam", "Vietnam"),
    # 4) German-French cognates and shared names
    ("Expedition", "expédition"),
    ("Himalaya", "Himalaya"),
    # 5) punctuation that survives translation
    ("Ai đó?", "Who is it?"),
    ("(xem trên)", "(see above)"),
]


@pytest.mark.parametrize("src, tgt", SAME_ANCHOR_CASES)
def test_translations_share_an_anchor(src, tgt):
    assert set(anchors(src, "vi")) & set(anchors(tgt, "en"))


DIFFERENT_ANCHOR_CASES = [
    ("1.532", "1,533"),
    ("WTO", "APEC"),
    ("Áp-ra-ham", "Isaac"),
    ("Gia-cốp", "Peter"),
]


@pytest.mark.parametrize("src, tgt", DIFFERENT_ANCHOR_CASES)
def test_different_names_and_numbers_do_not_match(src, tgt):
    assert not set(anchors(src, "vi")) & set(anchors(tgt, "en"))


@pytest.mark.parametrize("name, expected", [
    ("In-đô-nê-xi-a", "ntns"),
    ("Abraham", "plm"),
    ("Jêsus", "ks"),
    ("", ""),
])
def test_skeleton(name, expected):
    assert skeleton(name) == expected


def test_word_segmented_text_reads_as_syllables():
    assert words("hợp_tác quốc_tế") == words("hợp tác quốc tế") == ["hợp", "tác", "quốc", "tế"]


def test_vietnamese_units_include_syllable_ngrams():
    units = source_units("hợp tác quốc tế", "vi")
    assert {"hợp", "hợp tác", "hợp tác quốc", "quốc tế"} <= set(units)


def test_other_languages_offer_plain_words():
    assert source_units("Die grosse Expedition", "de") == ["die", "grosse", "expedition"]


@pytest.mark.parametrize("src, tgt", [
    ("Expeditionen", "expéditions"),
    ("Observatorium", "observatoire"),
    ("Temperatur", "température"),
])
def test_cognates_share_their_first_four_letters(src, tgt):
    assert {a for a in anchors(src, "de") if a.startswith("^")} & set(anchors(tgt, "fr"))


def test_syllabic_languages_offer_no_prefixes():
    # Vietnamese syllables are not words: "thông" would meet "thông tin" and "thông qua" alike.
    assert not [a for a in anchors("thông tin quốc phòng", "vi") if a.startswith("^")]
    assert "^info" in anchors("information", "en")
