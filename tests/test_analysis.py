"""Reading a side's sentences chunk by chunk gives what reading each sentence whole gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.analysis import analyse
from align.anchors import anchors, source_units_of, words
from align.features import is_debris

# Pieces that exercise every rule: capitalized words that join across a space (and across a
# chunk without tokens), acronyms, hyphenated transliterations, numbers in both notations,
# punctuation anchors glued to words, word-segmented syllables, decomposed tones (not NFC),
# Unicode spaces, debris.
_PIECES = ["Việt", "Nam", "WTO", "In-đô-nê-xi-a", "Abraham", "hợp_tác", "1.532", "766,8", "2006", "(", ")", "?!",
           "“Hòa", "bình”", ":", "—", "*", "24", "a", "Jesus", "Christ", "aujourd'hui", "Expeditionen", "hoa\u0300",
           "Uỷ", "«", "»", "„x“", "x_", "_", ".", ","]
_SPACES = [" ", "  ", "\u00a0", "\t", "\u3000", "\u2009", ""]
_sentence = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)), max_size=12).map(
    lambda parts: "".join(piece + space for piece, space in parts))


@settings(max_examples=150, deadline=None)
@given(st.lists(_sentence, max_size=8), st.sampled_from(["vi", "en", "de"]))
def test_chunks_read_as_whole_sentences(sentences, lang):
    numbers: dict[str, int] = {}
    read = analyse(sentences, lang, numbers)
    names = list(numbers)
    assert len(read.words) == len(sentences)
    for r, sentence in enumerate(sentences):
        assert read.words[r] == words(sentence)
        found = read.anchor_ids[read.anchor_offsets[r]:read.anchor_offsets[r + 1]]
        assert [names[k] for k in found] == anchors(sentence, lang)
        assert bool(read.debris[r]) == is_debris(words(sentence))


def test_a_large_side_grows_its_chunk_table():
    # More distinct chunks than the table first holds, and repeated ones: numbered once each.
    sentences = [f"Wort{k} und Wort{k % 7} Berg{k // 3}" for k in range(3000)]
    numbers: dict[str, int] = {}
    read = analyse(sentences, "de", numbers)
    assert [read.words[r] for r in (0, 2999)] == [words(sentences[0]), words(sentences[2999])]
    assert len(read.words.names) == len({w for s in sentences for w in words(s)})


@settings(max_examples=100, deadline=None)
@given(st.lists(_sentence, max_size=8), st.sampled_from(["vi", "en"]), st.data())
def test_source_units_numbered_as_the_strings_are(sentences, lang, data):
    # A side's sentences (some of them, in any order) read as lexicon units: the same units, in the
    # same order, numbered by first appearance, as source_units_of gives as strings.
    read = analyse(sentences, lang, {})
    which = data.draw(st.lists(st.integers(0, max(len(sentences) - 1, 0)), max_size=10)) if sentences else []
    units = read.words.rows(which).source_units(lang)
    expected = [source_units_of(read.words[row], lang) for row in which]
    assert [units[n] for n in range(len(which))] == expected
    flat = [unit for found in expected for unit in found]
    assert units.names[:len(dict.fromkeys(flat))] == list(dict.fromkeys(flat))
