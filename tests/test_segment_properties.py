"""Property tests: sentence offsets slice the original text and cover it exactly once, in order."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from align.segment import split

# Text built from the pieces the splitter reacts to, so that examples exercise its rules.
PIECES = ["Mr.", "U.S.", "v.v.", "PGS.TS.", "TP.HCM", "G.", "1.", "a)", "-", "1.532", "3,5%", "...", "…",
          "?", "!", ".", ",", ";", ":", '"', "“", "”", "(", ")", "[", "]", "|", "_", " , ", " . ", "\n", "\n\n",
          " ", "  ", "\t", "hoà", "thuỷ", "Hòa", "Việt_Nam", "đối_ngoại", "Hình 5.", "Sau", "The", "ông", "a",
          "x", "Nam", "\u0301", "a\u0300", "\ufeff", "\u00a0", "\r\n"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40).map("".join)
langs = st.sampled_from(["vi", "en", "de"])


@settings(max_examples=300, deadline=None)
@given(text=texts, lang=langs, canonical_tones=st.booleans())
def test_offsets_cover_every_non_whitespace_character_once_in_order(text, lang, canonical_tones):
    sentences = split(text, lang, canonical_tones=canonical_tones)
    covered = []
    previous_end = 0
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        raw = text[sentence.start:sentence.end]
        assert raw == raw.strip()  # trimmed
        assert text[previous_end:sentence.start].strip() == ""  # nothing skipped between sentences
        covered.append(raw)
        previous_end = sentence.end
    assert text[previous_end:].strip() == ""
    assert "".join("".join(raw.split()) for raw in covered) == "".join(text.split())


@settings(max_examples=200, deadline=None)
@given(text=texts, lang=langs)
def test_sentence_texts_are_single_line_nfc_and_nonempty(text, lang):
    for sentence in split(text, lang):
        assert sentence.text and sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text
        assert unicodedata.is_normalized("NFC", sentence.text)


@settings(max_examples=200, deadline=None)
@given(text=texts, lang=langs)
def test_paragraph_numbers_never_decrease(text, lang):
    paras = [s.para for s in split(text, lang)]
    assert paras == sorted(paras)


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
vietnamese_texts = st.lists(
    st.sampled_from(PIECES) | st.text(alphabet=VIETNAMESE_LETTERS + " _,.\n\"()", max_size=6), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=vietnamese_texts, canonical_tones=st.booleans())
def test_normalized_characters_map_back_to_their_source(text, canonical_tones):
    """Each character of the normalized text comes from a character with the same base letter (a
    space from whitespace or ``_``), at a position that never goes backwards."""
    from align.normalize import normalize

    normalized = normalize(text, "vi", canonical_tones=canonical_tones)
    previous = -1
    for i, char in enumerate(normalized.text):
        source = normalized.to_original(i)
        assert previous < source < len(text)
        previous = source
        original = text[source]
        if char.isspace():
            assert original.isspace() or original == "_"
        else:
            assert unicodedata.normalize("NFD", char)[0] == unicodedata.normalize("NFD", original)[0]


@settings(max_examples=300, deadline=None)
@given(text=vietnamese_texts, lang=langs)
def test_sentence_texts_are_the_documents_own_characters(text, lang):
    """Verbatim: where no word segmentation is undone, a sentence is its raw stretch, NFC, with its
    whitespace collapsed; tones stay where the document put them."""
    from align.normalize import nfc, normalize

    assume(normalize(text, lang).text == nfc(text))
    for sentence in split(text, lang):
        assert sentence.text == " ".join(nfc(text[sentence.start:sentence.end]).split())
