"""Text normalization: NFC, undoing word segmentation, canonical Vietnamese tone placement, and the
keys text is matched on. Every normalization the package does has its one name here:

- :func:`nfc`: Unicode NFC (:func:`to_nfc` also maps positions back);
- :func:`with_canonical_tones`: Vietnamese tone marks in canonical placement (``hoà`` → ``hòa``);
- :func:`normalize`: what a document's text goes through before splitting: NFC, word segmentation
  undone, canonical tones on request, with the map back to the original;
- :func:`word_key`: the aligner's key for a word: lower case, canonical tones;
- :func:`segment_key`: the translation memory's key for a segment: NFC, whitespace collapsed;
- :func:`lower_without_diacritics`: the key for names and cognates across languages.

What reaches an output is the document's own characters: NFC, with word segmentation undone
(``Việt_Nam`` → ``Việt Nam``: the underscores are tokenisation, not text). Canonical tones are
opt-in (``canonical_tones=True``); the keys are for comparing, never printed.

Each step is a pure function of a string. The steps that change the length of the text also return
an :class:`OffsetMap`, so that a position in the normalized text can be traced back to the original
characters (the sentence splitter reports offsets into the raw input).

Vietnamese tone placement: in an open syllable with the vowel pairs ``oa``, ``oe`` or ``uy`` the tone
mark may sit on either vowel (``hoà``/``hòa``, ``khoẻ``/``khỏe``, ``thuỷ``/``thủy``). Both spellings
are in use; the canonical form here puts it on the first vowel (``hòa``, ``thủy``, ``ủy``), the
placement most Vietnamese text on the web and most keyboards produce. When a consonant closes the
syllable (``hoàng``, ``thuyền``) both conventions agree and nothing moves; after ``q`` the ``u`` is
part of the consonant (``quý``, ``quà``) and nothing moves either.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

# --- offset maps -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OffsetMap:
    """A monotone map from positions in an edited text back to positions in its source.

    Stored as breakpoints: output position ``outs[k]`` comes from source position ``sources[k]``, and
    positions between two breakpoints advance one for one (clamped at the next breakpoint, so the
    characters of a shortened replacement all point into the replaced stretch). Only edits create
    breakpoints, so an untouched text costs nothing whatever its length.
    """

    outs: tuple[int, ...] = (0,)
    sources: tuple[int, ...] = (0,)

    def to_source(self, pos: int) -> int:
        """The source position of output position ``pos``.

        >>> OffsetMap((0, 3), (0, 5)).to_source(4)   # two characters were deleted before position 3
        6
        """
        k = bisect_right(self.outs, pos) - 1
        mapped = self.sources[k] + (pos - self.outs[k])
        if k + 1 < len(self.sources):
            mapped = min(mapped, self.sources[k + 1])
        return mapped


IDENTITY = OffsetMap()


def _apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Replace each ``text[start:end]`` by ``new`` for the ``(start, end, new)`` edits, given in
    order and not overlapping, and return the new text with the :class:`OffsetMap` of the edits.

    Linear in ``len(text)``: pieces are collected in a list and joined once.
    """
    pieces: list[str] = []
    outs, sources = [0], [0]
    out_pos = last = 0
    for start, end, new in edits:
        pieces.append(text[last:start])
        out_pos += start - last
        pieces.append(new)
        if out_pos != outs[-1] or start != sources[-1]:
            outs.append(out_pos)
            sources.append(start)
        out_pos += len(new)
        last = end
        outs.append(out_pos)
        sources.append(last)
    if not pieces:
        return text, IDENTITY
    pieces.append(text[last:])
    return "".join(pieces), OffsetMap(tuple(outs), tuple(sources))


def _substitute(pattern: re.Pattern[str], replace, text: str) -> tuple[str, OffsetMap]:
    """``pattern.sub(replace, text)`` that also returns the :class:`OffsetMap` of the edit.

    ``replace`` takes the match and returns its replacement.
    """
    edits = ((m.start(), m.end(), new) for m in pattern.finditer(text) if (new := replace(m)) != m.group())
    return _apply_edits(text, edits)


# --- NFC -------------------------------------------------------------------------------------------

def _char_class(chars: list[str]) -> str:
    """A regex character class body for ``chars`` (sorted), as ranges."""
    ranges: list[list[str]] = []
    for char in chars:
        if ranges and ord(char) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = char
        else:
            ranges.append([char, char])
    return "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges)


@lru_cache(maxsize=1)
def _nfc_unit() -> re.Pattern[str]:
    """The stretches NFC works on: a character with the characters it may compose with, or a
    character NFC replaces on its own (U+212B ANGSTROM SIGN → Å).

    The followers are the marks (Unicode categories Mn, Mc, Me: tone and vowel marks, Indic vowel
    signs) and the Hangul vowel and final jamo. Built on first use (a scan of the code points, a
    tenth of a second), as only text that is not already NFC needs it.
    """
    followers, singletons = [], []
    for code in range(0xA0, sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char).startswith("M") or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
            followers.append(char)
        elif unicodedata.normalize("NFC", char) != char:
            singletons.append(char)
    return re.compile(f".[{_char_class(followers)}]+|[{_char_class(singletons)}]", re.DOTALL)


def to_nfc(text: str) -> tuple[str, OffsetMap]:
    """Unicode NFC, with the map back to ``text`` (composed letters point at their base letter).

    >>> to_nfc("hoa\\u0300 bi\\u0300nh")[0] == "hoà bình"
    True
    >>> to_nfc("hoa\\u0300 bi\\u0300nh")[1].to_source(5)   # the "b" was at 6 before composing
    6
    """
    if unicodedata.is_normalized("NFC", text):
        return text, IDENTITY
    return _apply_edits(text, _nfc_edits(text))


def _nfc_edits(text: str) -> Iterator[tuple[int, int, str]]:
    """One edit per character NFC writes, so each maps back to its own source character.

    A mark NFC cannot compose stays as it was (``a`` + U+0300 + U+0301 becomes ``à`` + U+0301): it
    is found in the source unit and mapped there, not to the middle of the composed letter. Where
    NFC also changes a mark (U+0340 → U+0300), the unit is one edit.
    """
    for match in _nfc_unit().finditer(text):
        unit, start = match.group(), match.start()
        new = unicodedata.normalize("NFC", unit)
        if new == unit:
            continue
        cuts = [0]
        for char in new[1:]:
            found = unit.find(char, cuts[-1] + 1)
            if found < 0:
                yield start, match.end(), new
                break
            cuts.append(found)
        else:
            ends = [*cuts[1:], len(unit)]
            yield from ((start + a, start + b, char) for a, b, char in zip(cuts, ends, new))


def nfc(text: str) -> str:
    """Unicode NFC: decomposed Vietnamese (``a`` + U+0300) becomes one letter (``à``).

    >>> len(nfc("thu\\u0309y")), nfc("thu\\u0309y") == "thủy"
    (4, True)
    """
    return unicodedata.normalize("NFC", text)


def lower_without_diacritics(text: str) -> str:
    """Lower case with every diacritic stripped (``đ`` becomes ``d``): a key for names and cognates
    across languages, coarser than :func:`word_key`. Use it to compare, never to print.

    >>> lower_without_diacritics("In-đô-nê-xi-a Áp-ra-ham")
    'in-do-ne-xi-a ap-ra-ham'
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- tone placement --------------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def _toned(base: str) -> str:
    return "".join(unicodedata.normalize("NFC", base + mark) for mark in _TONE_MARKS)


_TONED_A_E = _toned("a") + _toned("e") + _toned("A") + _toned("E")
_TONED_Y = _toned("y") + _toned("Y")
# The next character is neither a letter (the syllable is open) nor a combining mark (a second mark
# on the vowel would compose with it once the tone moved, and the text would no longer be NFC).
_LETTER_AHEAD = r"(?![^\W\d_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])"

# o + toned a/e, or u (not after q, where it belongs to the consonant) + toned y; open syllable.
_OLD_PLACEMENT = re.compile(
    rf"(?:([oO])([{_TONED_A_E}])|(?<![qQ])([uU])([{_TONED_Y}])){_LETTER_AHEAD}"
)


def _move_tone(match: re.Match[str]) -> str:
    first, toned = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    base, mark = unicodedata.normalize("NFD", toned)
    return unicodedata.normalize("NFC", first + mark) + base


def with_canonical_tones(text: str) -> str:
    """``text`` with the tone of open ``oa``/``oe``/``uy`` syllables on the first vowel (``hoà`` → ``hòa``).

    Length-preserving on NFC text, so it needs no offset map. Closed syllables and ``qu`` are kept.

    >>> with_canonical_tones("hoà bình, thuỷ lợi, uỷ ban, khoẻ, Hoà")
    'hòa bình, thủy lợi, ủy ban, khỏe, Hòa'
    >>> with_canonical_tones("hoàng, thuyền, quý, quà, toán, hòa")
    'hoàng, thuyền, quý, quà, toán, hòa'
    """
    return _OLD_PLACEMENT.sub(_move_tone, text)


# --- word segmentation -----------------------------------------------------------------------------

_JOINED = re.compile(r"(?<=[^\W_])_(?=[^\W_])")
_JOINED_WORD = re.compile(r"(?<![^\W_])[^\W_]+(?:_[^\W_]+)+")  # from a word start only: linear
_WORD = re.compile(r"\S+")
# Punctuation that a word segmenter sets off with spaces (`` , `` and `` . `` are the tell-tales: no
# orthography puts a space before them, unlike French ``;:?!``).
# Not the dots of a spaced ellipsis (". . ."), which English typesetting writes that way.
_SPACED_COMMA_STOP = re.compile(r"(?<=[^\s.])[ \t]+[,.](?=\s|$)(?![ \t]+\.)")
_COMMA_STOP = re.compile(r"(?<=[^\s.])[ \t]*[,.](?=\s|$)")

# What undoing removes: the space before closing punctuation, after opening brackets/quotes.
_SPACE_BEFORE_CLOSING = r"(?<![ \t])[ \t]+(?=(?:[,.;:?!%)\]}…”’»]|\.\.\.)+(?:\s|$))"
_SPACE_AFTER_OPENING = r"(?<=[(\[{“‘«])[ \t]+"
# Each alternative starts only at the start of a run of spaces (lookbehinds), so long runs of
# spaces are scanned once: linear time.
_UNDO = re.compile(rf"{_JOINED.pattern}|(?<![ \t])[ \t]*\"[ \t]*|{_SPACE_BEFORE_CLOSING}|{_SPACE_AFTER_OPENING}")


def is_word_segmented(block: str) -> bool:
    """Does ``block`` look like word-segmented Vietnamese (``đối_ngoại độc_lập , tự_chủ``)?

    Either words of syllables joined by ``_`` with Vietnamese letters in them (at least two, and 10%
    of the words: identifiers like ``file_name`` do not count), or at least two commas/full stops with
    a space before them and most commas/full stops spaced that way.

    >>> is_word_segmented("Thực_hiện đường_lối đối_ngoại độc_lập , tự_chủ .")
    True
    >>> is_word_segmented("Use snake_case names, as in file_name and the rest of this long text here.")
    False
    """
    return _segmentation_evidence(block) is True


def _segmentation_evidence(block: str) -> bool | None:
    """True when ``block`` looks word-segmented (:func:`is_word_segmented`), False when it does not,
    None when it has too little evidence either way but nothing against it: a joined Vietnamese word
    or a spaced comma or full stop, and no comma or full stop written against its word
    (``Phan_Doãn_Nam``, ``Ta cũng đã đón_tiếp ... nước ta .``)."""
    joins = sum(not word.group().isascii() for word in _JOINED_WORD.finditer(block))
    if joins >= 2 and joins >= 0.1 * count_matches(_WORD, block):  # words counted only when needed
        return True
    spaced = count_matches(_SPACED_COMMA_STOP, block)
    if not joins and not spaced:
        return False  # ordinary text: decided without counting its punctuation
    comma_stop = count_matches(_COMMA_STOP, block)
    if spaced >= 2 and spaced >= 0.5 * comma_stop:
        return True
    return None if spaced == comma_stop else False


def count_matches(pattern: re.Pattern[str], text: str) -> int:
    """How often ``pattern`` matches in ``text``, without building the list ``findall`` would
    (on megabytes of text that list is what costs the time).

    >>> count_matches(re.compile(r"\\w+"), "ba từ thôi")
    3
    """
    return sum(1 for _ in pattern.finditer(text))




def _edits_in_block(match: re.Match[str], quotes: list[int]) -> list[tuple[int, int, str]]:
    """The edits (start, end, replacement) that undoing makes for one match of ``_UNDO``."""
    token = match.group()
    if token == "_":
        return [(match.start(), match.end(), " ")]
    if '"' not in token:
        return [(match.start(), match.end(), "")]
    # A straight quote with the spaces around it: the first of a pair opens (drop the space after
    # it), the second closes (drop the space before it, and the one after if closing punctuation
    # follows, which needs it gone too). Pairs are counted per line (``quotes`` holds the parity and
    # where the current line ends), so one stray quote cannot flip every quote after it.
    quote = match.start() + token.index('"')
    if quote > quotes[1]:
        end_of_line = match.string.find("\n", quote)
        quotes[:] = [0, len(match.string) if end_of_line < 0 else end_of_line]
    quotes[0] ^= 1
    if quotes[0] == 1:
        return [(quote + 1, match.end(), "")]
    edits = [(match.start(), quote, "")]
    if match.string[match.end():match.end() + 1] in _CLOSING_PUNCTUATION:
        edits.append((quote + 1, match.end(), ""))
    return edits


_CLOSING_PUNCTUATION = frozenset(",.;:?!%)]}…”’»")
_BLOCK = re.compile(r"\S.*?(?=\n[^\S\n]*\n|\Z)", re.DOTALL)  # blank-line-separated, \r\n too


def undo_word_segmentation(text: str) -> tuple[str, OffsetMap]:
    """Undo word segmentation in the blank-line-separated blocks that look segmented.

    ``_`` between letters becomes a space; the space before ``, . ; : ? ! ) … %`` and closing quotes,
    and after opening brackets and quotes, goes. Initials come back as a side effect
    (``G . W . Bu-sơ`` → ``G. W. Bu-sơ``). Blocks that do not look segmented are left alone, so
    ``snake_case`` in ordinary prose survives; a block with too little evidence either way (a
    signature ``Phan_Doãn_Nam``) follows the document.

    >>> undo_word_segmentation("Tổ_chức Thương_mại thế_giới ( WTO ) , G . W . Bu-sơ .")[0]
    'Tổ chức Thương mại thế giới (WTO), G. W. Bu-sơ.'
    >>> undo_word_segmentation("Microsoft_B . Ghết nói : “ Xin chào ” , rồi đi .")[0]
    'Microsoft B. Ghết nói: “Xin chào”, rồi đi.'
    >>> undo_word_segmentation('theo phương_châm " láng_giềng tốt " , " hữu_nghị " .')[0]
    'theo phương châm "láng giềng tốt", "hữu nghị".'
    >>> undo_word_segmentation('một " lẻ_loi , thế_thôi .\\nrồi " mới_mẻ " đến .')[0]
    'một "lẻ loi, thế thôi.\\nrồi "mới mẻ" đến.'
    >>> undo_word_segmentation("Hà_Nội , ngày 5 , Bộ Ngoại_giao .\\n\\nPhan_Doãn_Nam")[0]
    'Hà Nội, ngày 5, Bộ Ngoại giao.\\n\\nPhan Doãn Nam'
    >>> text = "Hà_Nội , ngày 5 .\\n\\nsnake_case stays"
    >>> new, offsets = undo_word_segmentation(text)
    >>> new, offsets.to_source(new.index("ngày")), offsets.to_source(new.index("snake"))
    ('Hà Nội, ngày 5.\\n\\nsnake_case stays', 9, 19)
    """
    return _apply_edits(text, _segmentation_edits(text))


def _segmentation_edits(text: str) -> Iterator[tuple[int, int, str]]:
    """The edits :func:`undo_word_segmentation` makes, in order."""
    document_segmented = None  # decided on first need: one more pass over the text
    for block in _BLOCK.finditer(text):
        evidence = _segmentation_evidence(block.group())
        if evidence is False:
            continue
        if evidence is None:  # too little to tell: the block follows its document
            if document_segmented is None:
                document_segmented = is_word_segmented(text)
            if not document_segmented:
                continue
        quotes = [0, -1]  # parity of straight quotes on the current line, end of that line
        for match in _UNDO.finditer(text, block.start(), block.end()):
            for start, end, new in _edits_in_block(match, quotes):
                if start != end or new:
                    yield start, end, new


# --- everything at once ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Normalized:
    """Normalized text and the maps that lead back to the original, newest first."""

    text: str
    maps: tuple[OffsetMap, ...] = ()

    def to_original(self, pos: int) -> int:
        for offsets in self.maps:
            pos = offsets.to_source(pos)
        return pos


def normalize(text: str, lang: str, *, canonical_tones: bool = False) -> Normalized:
    """NFC and undo word segmentation; with ``canonical_tones``, Vietnamese tones made canonical.

    >>> n = normalize("Hoa\\u0300_bi\\u0300nh , thuỷ_lợi .", "vi")
    >>> n.text, n.to_original(n.text.index("thuỷ"))
    ('Hoà bình, thuỷ lợi.', 13)
    >>> normalize("Hoà bình, thuỷ lợi.", "vi", canonical_tones=True).text
    'Hòa bình, thủy lợi.'
    """
    composed, nfc_map = to_nfc(text)
    desegmented, seg_map = undo_word_segmentation(composed)
    if lang == "vi" and canonical_tones:
        desegmented = with_canonical_tones(desegmented)
    return Normalized(desegmented, (seg_map, nfc_map))


# --- keys for matching -----------------------------------------------------------------------------


# A syllable whose only vowel is y after a consonant (kí/ký, lí/lý, mĩ/mỹ, tỉ/tỷ): spelled either way.
_SOLE_Y = re.compile(rf"(?<![^\W\d_])(ch|gh|kh|ng|nh|ph|th|tr|[bcdđghklmnprstvx])([y{_toned('y')}])(?![^\W\d_])")
_Y_TO_I = str.maketrans("y" + _toned("y"), "i" + _toned("i"))


@lru_cache(maxsize=1 << 16)
def word_key(token: str) -> str:
    """The form the aligner matches a word in (lexicon entries, induced translations, target words):
    lower case, Vietnamese tones in canonical placement, ``y`` as ``i`` where it is a syllable's only
    vowel after a consonant, so that a document written ``hoà``, ``Uỷ``, ``kí`` matches a lexicon
    written ``hòa``, ``ủy``, ``ký``. The one place that says what word matching ignores; never
    output. (Cached: a document repeats its words.)

    >>> word_key("Hợp"), word_key("Hoà") == word_key("hòa"), word_key("Uỷ") == word_key("ủy")
    ('hợp', True, True)
    >>> word_key("Kỹ") == word_key("kĩ"), word_key("quý"), word_key("yêu")
    (True, 'quý', 'yêu')
    """
    lowered = with_canonical_tones(token.lower())
    return _SOLE_Y.sub(lambda m: m.group(1) + m.group(2).translate(_Y_TO_I), lowered)


def segment_key(text: str) -> str:
    """What the translation memory matches a segment on: NFC, whitespace runs collapsed to one
    space, trimmed; case and tone placement count.

    >>> segment_key("  Xin  cha\\u0300o\\n ba\\u0323n. ")
    'Xin chào bạn.'
    """
    return " ".join(nfc(text).split())
