"""The TMX writer: text cleaning, language codes, header, units, and properties over arbitrary text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align import __version__
from align.errors import VienalignError
from align.tmx import TmxWriter, clean_segment, language_tag, write_tmx
from align.tmx_read import HEADER_REQUIRED, open_tmx
from align.types import Alignment, Bead
from tests.tmx_consumers import dtd_errors, translate_toolkit_pairs

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

CLEAN_CASES = [
    # (input, cleaned)
    ("Xin chào.", "Xin chào."),
    ("  padded \t", "padded"),
    ("line one\nline two\r\nthree", "line one line two three"),
    ("page\x0cbreak", "page break"),  # form feed (PDF text): a space, never in the file
    ("bell\x07 and nul\x00 gone", "bell and nul gone"),
    ("C1\x80\x9f controls", "C1 controls"),
    ("next\x85line\u2028sep\u2029para", "next line sep para"),
    ("lone \ud800 surrogate \udfff", "lone surrogate"),
    ("non\ufffechar\uffff", "nonchar"),
    (unicodedata.normalize("NFD", "Tiếng Việt"), "Tiếng Việt"),  # NFC
    ("a\u00a0b", "a\u00a0b"),  # an inner no-break space is typography: kept
    ("\u00a0edge\u00a0", "edge"),
    ("rtl \u200f\u202e mark", "rtl \u200f\u202e mark"),
    ("]]> & < > \" '", "]]> & < > \" '"),
    ("\x0c\x0b\n ", ""),
]


@pytest.mark.parametrize("text, cleaned", CLEAN_CASES)
def test_clean_segment(text, cleaned):
    assert clean_segment(text) == cleaned


LANGUAGE_CASES = [
    # (lang, locale, xml:lang)
    ("vi", None, "vi"),
    ("EN", None, "en"),
    ("vie", None, "vi"),
    ("vi", "vi-VN", "vi-VN"),
    ("vi", "vi_vn", "vi-VN"),
    ("en", "en-us", "en-US"),
    ("sr", "sr-latn-rs", "sr-Latn-RS"),
    ("de", None, "de"),
]


@pytest.mark.parametrize("lang, locale, tag", LANGUAGE_CASES)
def test_language_tag(lang, locale, tag):
    assert language_tag(lang, locale) == tag


@pytest.mark.parametrize("lang, locale, problem", [
    ("vi", "en-US", "not a variety"),
    ("v1", None, "not a language code"),
    ("", None, "not a language code"),
    ("vietnamese", None, "not a language code"),
])
def test_bad_language_codes_are_refused(lang, locale, problem, tmp_path):
    with pytest.raises(VienalignError, match=problem):
        TmxWriter(tmp_path / "x.tmx", lang, "en", src_locale=locale)


def test_file_name_must_end_in_tmx(tmp_path):
    with pytest.raises(VienalignError, match=r"must end in \.tmx"):
        TmxWriter(tmp_path / "out.xml")
    assert not list(tmp_path.iterdir())


def test_nothing_is_left_behind_when_writing_fails(tmp_path):
    path = tmp_path / "x.tmx"
    with pytest.raises(KeyError):
        with TmxWriter(path) as tmx:
            tmx.add("Một.", "One.", {})
            raise KeyError("boom")
    assert not list(tmp_path.iterdir())  # neither the file nor its temporary


def test_header_has_every_required_attribute(tmp_path):
    path = tmp_path / "x.tmx"
    with TmxWriter(path, src_locale="vi-VN") as tmx:
        tmx.add("Một.", "One.", {})
    root = etree.parse(str(path)).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert all(header.get(name) for name in HEADER_REQUIRED)
    assert header.get("creationtool") == "vienalign"
    assert header.get("creationtoolversion") == __version__
    assert header.get("segtype") == "sentence"
    assert header.get("datatype") == "plaintext"
    assert header.get("srclang") == "vi-VN"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    assert [tuv.get(XML_LANG) for tuv in root.iter("tuv")] == ["vi-VN", "en"]


def test_add_skips_empty_sides_and_repeats(tmp_path):
    with TmxWriter(tmp_path / "x.tmx") as tmx:
        added = [
            tmx.add("Một.", "One.", {}),
            tmx.add("Một.", " One.\n", {}),  # the same pair once cleaned
            tmx.add("Một.", "Uno.", {}),  # another target: a different pair
            tmx.add("Hai.", "\x0c \n", {}),  # empty once cleaned
            tmx.add("", "Three.", {}),
        ]
    assert added == [True, False, True, False, False]
    assert (tmx.written, tmx.skipped_duplicate, tmx.skipped_empty) == (2, 1, 2)


def test_write_tmx_units_props_and_segtypes(tmp_path):
    alignment = Alignment(
        beads=(Bead((0,), (0,), 0.8734), Bead((1, 2), (1,), 0.5), Bead((3,), (), 0.9), Bead((), (2,), 0.9),
               Bead((4,), (3,), 0.2)),
        src=("Một.", "Hai.", "Ba.", "Bốn.", "Năm."),
        tgt=("One.", "Two and three.", "Extra.", "Five."),
        signature="lexical_weight:6.0|version:0.1.0",
    )
    path = tmp_path / "doc.tmx"
    assert write_tmx(path, alignment, document="doc-7", min_score=0.3, lexicon="dict.tsv") == 2
    root = etree.parse(str(path)).getroot()
    units = root.findall("body/tu")
    assert [[(p.get("type"), p.text) for p in tu.findall("prop")] for tu in units] == [
        [("x-score", "0.873"), ("x-bead", "1-1"), ("x-document", "doc-7")],
        [("x-score", "0.500"), ("x-bead", "2-1"), ("x-document", "doc-7")],
    ]
    assert [tu.get("segtype") for tu in units] == [None, "paragraph"]
    assert [seg.text for seg in root.iter("seg")] == ["Một.", "One.", "Hai. Ba.", "Two and three."]
    # the threshold actually used and the user's lexicon file, before the version
    assert root.find("header/prop[@type='x-signature']").text == (
        "lexical_weight:6.0|min_score:0.3|lexicon:dict.tsv|version:0.1.0")


def test_segments_hold_text_only(tmp_path):
    path = tmp_path / "x.tmx"
    with TmxWriter(path) as tmx:
        tmx.add("Một <b>hai</b>.", "One\n  two.", {})
    text = path.read_text(encoding="utf-8")
    assert "<seg>Một &lt;b&gt;hai&lt;/b&gt;.</seg>" in text
    assert "<seg>One two.</seg>" in text


# --- properties over arbitrary text -------------------------------------------------------------------

_NASTY = "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\x9f\u2028\u2029\ud800\udbff\udc00\udfff\ufffe\uffff" \
         "\u200f\u202e\u0301\u0323\u00a0\t\n\r ]]>&<\"'"
_TEXT = st.one_of(
    st.text(st.one_of(st.characters(exclude_categories=()), st.sampled_from(_NASTY)), max_size=30),
    st.text(max_size=30).map(lambda s: unicodedata.normalize("NFD", s)),
    st.sampled_from(["Tiếng Việt", "]]>", "&amp;", "<seg>", "a\x0cb"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_TEXT, _TEXT), max_size=6))
def test_any_text_gives_valid_tmx_that_reads_back_clean(pairs, tmp_path, tmx_dtd):
    path = tmp_path / "prop.tmx"
    with TmxWriter(path) as tmx:
        for src, tgt in pairs:
            tmx.add(src, tgt, {"x-note": src})
    expected = []
    for src, tgt in pairs:
        pair = (clean_segment(src), clean_segment(tgt))
        if all(pair) and pair not in expected:
            expected.append(pair)
    for text in (t for pair in expected for t in pair):
        assert text == unicodedata.normalize("NFC", text) == clean_segment(text) == text.strip()
        assert "\n" not in text
    assert dtd_errors(path, tmx_dtd) == []
    _, units = open_tmx(path)
    assert [(u.text("vi"), u.text("en")) for u in units] == expected
    assert translate_toolkit_pairs(path) == expected
