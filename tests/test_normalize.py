"""Normalization: NFC, canonical tones, undoing word segmentation, offset maps, the matching keys."""

from __future__ import annotations

import doctest
import unicodedata

import pytest

import align.normalize as normalize_module
from align.normalize import (
    is_word_segmented,
    nfc,
    normalize,
    segment_key,
    to_nfc,
    undo_word_segmentation,
    with_canonical_tones,
    word_key,
)


def test_doctests():
    assert doctest.testmod(normalize_module).failed == 0


TONES = [
    # old placement -> canonical (tone on the first vowel of open oa/oe/uy)
    ("hoà bình", "hòa bình"),
    ("thuỷ lợi", "thủy lợi"),
    ("uỷ ban", "ủy ban"),
    ("Uỷ ban", "Ủy ban"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("đa phương hoá", "đa phương hóa"),
    ("luỹ kế", "lũy kế"),
    ("tuỳ", "tùy"),
    ("HOÀ BÌNH", "HÒA BÌNH"),
    ("hoà_bình", "hòa_bình"),  # the underscore of word-segmented text ends a syllable
    # unchanged: closed syllables, qu-, already canonical, three vowels, non-Vietnamese
    ("hoàng", "hoàng"),
    ("thuyền", "thuyền"),
    ("toán", "toán"),
    ("quý", "quý"),
    ("quà", "quà"),
    ("ngoài", "ngoài"),
    ("hòa", "hòa"),
    ("khuỷu", "khuỷu"),
    ("Zoë", "Zoë"),
    ("hoà\u0301", "hoà\u0301"),  # a second mark after the tone: moving it would leave the text non-NFC
]


@pytest.mark.parametrize("text, expected", TONES)
def test_canonical_tones(text, expected):
    assert with_canonical_tones(text) == expected


def test_tones_are_kept_unless_canonical_tones_are_asked_for():
    assert normalize("hoà bình, thuỷ lợi", "vi").text == "hoà bình, thuỷ lợi"
    assert normalize("hòa bình, thủy lợi", "vi").text == "hòa bình, thủy lợi"
    assert normalize("hoà bình", "vi", canonical_tones=True).text == "hòa bình"
    assert normalize("hoà bình", "en", canonical_tones=True).text == "hoà bình"  # Vietnamese only


@pytest.mark.parametrize("decomposed", [
    unicodedata.normalize("NFD", "Thủy lợi, hòa bình"),
    "a\u0300\u0301 o\u0301\u0323",  # a mark NFC cannot compose maps to itself, not into the letter
])
def test_nfc_composes_and_maps_back(decomposed):
    composed, offsets = to_nfc(decomposed)
    assert composed == nfc(decomposed)
    for i, char in enumerate(composed):
        assert unicodedata.normalize("NFD", decomposed[offsets.to_source(i)])[0] == unicodedata.normalize("NFD", char)[0]


SEGMENTED = [
    ("Thực_hiện đường_lối đối_ngoại độc_lập , tự_chủ .", "Thực hiện đường lối đối ngoại độc lập, tự chủ."),
    ("Tổ_chức Thương_mại thế_giới ( WTO ) và APEC .", "Tổ chức Thương mại thế giới (WTO) và APEC."),
    ("ông G . W . Bu-sơ và Microsoft_B . Ghết đã đến .", "ông G. W. Bu-sơ và Microsoft B. Ghết đã đến."),
    ('phương_châm " láng_giềng tốt " , tăng 3,5 % .', 'phương châm "láng giềng tốt", tăng 3,5%.'),
    ("nhiệm_kỳ 2008 - 2009 , kinh_tế - kỹ_thuật .", "nhiệm kỳ 2008 - 2009, kinh tế - kỹ thuật."),
    ("nói : “ Xin_chào ! ” rồi đi_về ...", "nói: “Xin chào!” rồi đi về..."),
]


@pytest.mark.parametrize("text, expected", SEGMENTED)
def test_undo_word_segmentation(text, expected):
    undone, offsets = undo_word_segmentation(text)
    assert undone == expected
    # every character of the result maps to the same character of the input (or "_" for a space)
    for i, char in enumerate(undone):
        source = text[offsets.to_source(i)]
        assert source == char or (char == " " and source == "_")


DETECTION = [
    ("Thực_hiện đường_lối đối_ngoại độc_lập , tự_chủ , hoà_bình .", True),
    ("Trong năm , Việt Nam đã đón 12 đoàn . Các chuyến thăm đạt kết quả .", True),
    ("Việt Nam, Lào và Cam-pu-chia đã ký. Sau đó, hai bên họp.", False),
    ("Set file_name and dir_name in config.py, then run it.", False),
    ("Bonjour ! Comment ça va ? Très bien ; merci : oui.", False),  # French spacing is not segmentation
    ("", False),
]


@pytest.mark.parametrize("text, expected", DETECTION)
def test_is_word_segmented(text, expected):
    assert is_word_segmented(text) is expected


def test_only_segmented_paragraphs_are_undone():
    text = "Use snake_case and file_name here, please.\n\nHà_Nội , Hải_Phòng và Đà_Nẵng ."
    undone, _ = undo_word_segmentation(text)
    assert undone.startswith("Use snake_case and file_name here, please.")
    assert undone.endswith("Hà Nội, Hải Phòng và Đà Nẵng.")


WORD_KEYS = [
    ("HOÀ BÌNH", "hòa bình"),
    ("Thuỷ", "thủy"),
    ("Uỷ", "ủy"),
    ("khoẻ", "khỏe"),
    # y or i as a syllable's only vowel after a consonant: two spellings of one word
    ("ký", "kí"),
    ("Lý", "lí"),
    ("mỹ", "mĩ"),
    ("tỷ", "tỉ"),
]


@pytest.mark.parametrize("a, b", WORD_KEYS)
def test_word_key_ignores_case_tone_placement_and_sole_y(a, b):
    assert word_key(a) == word_key(b)


@pytest.mark.parametrize("a, b", [("quý", "quí"), ("tay", "tai"), ("yêu", "iêu"), ("huy", "hui"), ("hoàng", "hòang"), ("ca", "cà")])
def test_word_key_keeps_other_spellings_apart(a, b):
    assert word_key(a) != word_key(b)


@pytest.mark.parametrize("a, b", [
    (" Xin  chào\n bạn. ", "Xin chào bạn."),
    (unicodedata.normalize("NFD", "Thủy lợi"), "Thủy lợi"),
    ("a\tb\u00a0c", "a b c"),
])
def test_segment_key_is_nfc_with_whitespace_collapsed(a, b):
    assert segment_key(a) == segment_key(b) == b


@pytest.mark.parametrize("a, b", [("Hoà bình", "Hòa bình"), ("xin chào", "Xin chào"), ("chào", "chao")])
def test_segment_key_keeps_case_and_tones(a, b):
    # The memory matches what a CAT tool matches: a document's own spelling.
    assert segment_key(a) != segment_key(b)
