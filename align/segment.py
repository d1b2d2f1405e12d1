"""Sentence segmentation for Vietnamese, English and (generically) other languages.

The text is normalized first (:func:`align.normalize.normalize`: NFC, word segmentation undone;
canonical tones only on request), then cut in three steps, each linear in the length of the text:

1. **Paragraphs** are blocks separated by blank lines; in a text with many more single line
   breaks than blank lines (one paragraph a line, as web pages often come), each unit of step 2 is
   a paragraph.
2. **Units**: inside a paragraph each line is its own unit (a heading, a caption, a list item, a
   markdown table row, a ``[Hình ảnh ...]`` placeholder, or a paragraph written on one line), unless
   the paragraph is hard-wrapped (as in text copied from a PDF): then lines are joined back, except
   before list items, table rows and placeholders and after a short unpunctuated line (a heading).
3. **Sentences**: inside a unit, every ``.``, ``?``, ``!``, ellipsis or final mark of another script
   (``。！？।։؟``; with any closing quotes or brackets after it) followed by whitespace is a candidate
   end; :func:`_sentence_end` decides from the word before it and the word after it, using the
   abbreviation lists in
   ``align/data/abbrev/{lang}.txt`` (prepositive titles, numeric labels, list-closing ``v.v.``/``etc.``,
   postpositive ``Inc.``/``et al.``, ordinary abbreviations, words that never end a sentence, and common
   sentence starters) and, after an abbreviation, what the whole document says about the next word's
   capitalisation (:class:`Orthography`, computed once per text in linear time). List markers
   (``1.``, ``2)``, ``(b)``, ``iv.``, ``•``) are read as such, not as sentence ends, and inline list
   items start sentences (:func:`_sentence_spans`).

Conventions followed (and by the gold set in ``corpora/segmentation``): a quotation of several
sentences is split at its inner sentence ends; ``?"``/``!”`` before a lowercase reporting clause does
not end the sentence; colons and semicolons never end a sentence; a list marker stays with its item;
an inline list opened by a colon or with items ending in ``;`` (``giải pháp: 1. ...; 2. ...``) stays
one sentence, one that opens a sentence (``1. Rà soát … 2. Xây dựng …``) is one sentence an item;
an abbreviation that ends a sentence keeps its own full stop as the end. These are also the
conventions of pySBD's English "Golden Rules", which the tests hold the splitter to.

Every sentence keeps the offsets of its raw stretch in the original text (trimmed), so the slices of
the sentences cover every non-whitespace character of the input exactly once, in order.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, NamedTuple

from .languages import language_code
from .normalize import Normalized, count_matches, normalize
from .types import Sentence

log = logging.getLogger(__name__)

KINDS = ("prepositive", "numeric", "label", "final", "postpositive", "ordinary", "inner", "starters", "ordinal")


@dataclass(frozen=True)
class Rules:
    """The word lists one language's splitting uses (see ``align/data/abbrev/en.txt`` for each kind)."""

    prepositive: frozenset[str] = frozenset()
    numeric: frozenset[str] = frozenset()
    label: frozenset[str] = frozenset()
    final: frozenset[str] = frozenset()
    postpositive: frozenset[str] = frozenset()
    ordinary: frozenset[str] = frozenset()
    inner: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    ordinal: frozenset[str] = frozenset()


def parse_rules(lines: Iterable[str]) -> Rules:
    """Rules from the abbreviation file format: ``[kind]`` headers, one entry a line, ``#`` comments.

    >>> parse_rules(["# titles", "[prepositive]", "Mr.", "", "[starters]", "The"]).prepositive
    frozenset({'Mr.'})
    """
    entries: dict[str, set[str]] = {kind: set() for kind in KINDS}
    kind = None
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind = line[1:-1]
            if kind not in entries:
                raise ValueError(f"line {number}: unknown kind [{kind}]; expected one of {', '.join(KINDS)}")
            continue
        if kind is None:
            raise ValueError(f"line {number}: entry {line!r} before any [kind] header")
        entries[kind].add(line)
    return Rules(**{kind: frozenset(words) for kind, words in entries.items()})


@lru_cache(maxsize=None)
def load_rules(lang: str) -> Rules:
    """The built-in rules for ``lang``; languages without a list get the generic list."""
    folder = resources.files("align") / "data" / "abbrev"
    resource = folder / f"{lang}.txt"
    if not resource.is_file():
        log.info("no abbreviation list for %r; using the generic one", lang)
        resource = folder / "generic.txt"
    return parse_rules(resource.read_text(encoding="utf-8").splitlines())


# --- step 1 and 2: paragraphs and units ------------------------------------------------------------

_PARAGRAPH = re.compile(r"\S.*?(?=\n[^\S\n]*\n|\Z)", re.DOTALL)  # [^\S\n]: spaces, tabs, \r
_BLANK_LINE = re.compile(r"\n(?:[^\S\n]*\n)+")
_LINE_BREAK = re.compile(r"(?<=\S)[^\S\n]*\n[^\S\n]*(?=\S)")  # a break between two non-empty lines
# More single line breaks than this many per blank-line separator: one paragraph a line.
SINGLE_BREAKS_PER_BLANK = 2
_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line, trimmed
_LIST_ITEM = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,3})*(?:\.\)|[.)])|[a-zđ][.)]|[IVXLC]{1,6}[.)]|[ivxlc]{2,6}[.)]"  # 1. 1.2) 1.) a. IV.
    r"|\((?:\d{1,3}|[a-zđA-Z]|[ivxlc]{2,6})\)"  # (1) (a) (A) (iv)
    r"|[-–—•*+●▪⁃◦‣])\s|[•●▪⁃◦‣]\d")  # bullets, "⁃9."
_TABLE_ROW = re.compile(r"\|.*\|")
_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")
_TERMINAL = re.compile(r"(?:[.!?…:;]|\.\.\.)[\"'”’»)\]]*$")

# A paragraph is hard-wrapped when at least this share of its later lines start in lowercase.
WRAPPED_LOWERCASE_SHARE = 1 / 3
# In a wrapped paragraph a line shorter than this share of the longest, with no final punctuation,
# is a heading, not a wrapped line.
HEADING_LENGTH_SHARE = 0.6


def _is_standalone(line: str) -> bool:
    """A table row or a placeholder: a unit of its own, never split inside."""
    return bool(_TABLE_ROW.fullmatch(line) or _PLACEHOLDER.fullmatch(line))


def _starts_lowercase(line: str) -> bool:
    """The line goes on a sentence: its first word starts in lowercase and is not one written that
    way at a sentence start too (``eVisa``, ``iPhone``, ``baoquocte.vn``)."""
    word = line.lstrip("\"'“‘«([")
    return word[:1].islower() and not _LOWERCASE_START.match(word)


def _units(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """The units of the paragraph ``text[start:end]`` as (start, end, standalone).

    A line joins the one before it when neither is a table row or placeholder, it is not a list
    item, and either it starts in lowercase (the sentence goes on) or the paragraph is hard-wrapped
    and the line before is not a heading (it ends in punctuation or reaches near the margin).
    """
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text, start, end)]
    # List items say nothing about wrapping: "(a) the term ..." starts in lowercase by design.
    later = [line for _, _, line in lines[1:] if not _LIST_ITEM.match(line)]
    wrapped = bool(later) and sum(map(_starts_lowercase, later)) >= WRAPPED_LOWERCASE_SHARE * len(later)
    longest = max(len(line) for _, _, line in lines)
    unit_start, unit_end, previous = lines[0]
    for line_start, line_end, line in lines[1:]:
        joined = (
            not _is_standalone(previous) and not _is_standalone(line) and not _LIST_ITEM.match(line)
            and (_starts_lowercase(line) or (
                wrapped and (_TERMINAL.search(previous) or len(previous) >= HEADING_LENGTH_SHARE * longest)))
        )
        if joined:
            unit_end = line_end
        else:
            yield unit_start, unit_end, _is_standalone(text[unit_start:unit_end])
            unit_start, unit_end = line_start, line_end
        previous = line
    yield unit_start, unit_end, _is_standalone(text[unit_start:unit_end])


# --- step 3: sentence ends -------------------------------------------------------------------------

_CLOSERS = "\"'”’»)]」』）"
_OPENERS = "\"'“‘«([「『（"
_QUOTES = "\"'“‘«"
_CLOSING = r"[\"'”’»)\]」』）]*"
# Sentence ends of other scripts: followed by a space (Devanagari danda, Armenian full stop, Arabic
# and Urdu marks) or not (the full-width marks of Chinese and Japanese, which put no space after them).
SPACED_FINALS = "।॥։؟۔"
UNSPACED_FINALS = "。！？"
# A list marker: "2.", "2)", "2.)", "(2)", "b.", "(iv)", or a bullet with or without a number ("• 9.", "⁃9.").
_LABEL = r"\((?:\d{1,3}|[a-zđ]|[ivxlc]{2,6})\)|(?:\d{1,3}|[a-zđ]|[ivxlc]{2,6})(?:\.\)|[.)])"
_OTHER_FINALS = SPACED_FINALS + UNSPACED_FINALS
BULLETS = "•⁃▪●◦‣"
# The places a sentence may end or start inside a unit: a terminator with any closing quotes and
# brackets after it, followed by a space (".", "?", "!", "?!", "...", "…", a spaced ". . ." as one
# candidate, another script's final mark; a Chinese or Japanese one needs no space), or what may end
# a list marker: ")" before a space ("2)", "(a)"), a bullet. A list marker ending in a full stop ("2.",
# "b.") is found as a terminator and recognised by its word. Every branch starts with a character
# class, so the scan skips plain text quickly; a run of terminators starts only at its first character
# (the lookbehinds), so a long run of dots is scanned once: linear time.
_BREAK = re.compile(
    rf"(?:\.(?<![.!?…]\.)(?:(?: \.){{2,}}|\.+)?|…(?<![.!?…]…)…*|[!?](?<![.!?…][!?])[!?]*\.*"
    rf"|[{SPACED_FINALS}]+){_CLOSING}(?=\s)"
    rf"|[{UNSPACED_FINALS}]+{_CLOSING}"
    rf"|(?P<close>\))(?=\s)|(?P<bullet>[{BULLETS}])"
)
_LABEL_AFTER_BULLET = re.compile(rf"[^\S\n]*(?:{_LABEL})(?=\s)")
_MARKER = re.compile(rf"[{BULLETS}]?(?:{_LABEL})")
MARKER_WINDOW = 8  # no list marker is longer before its "." or ")": "(xviii"
# What may stand before the last character of a marker's label: a space or "(" (a one-character
# label), a digit or a Roman numeral's letter. Anything else ("word.") is no marker: checked first,
# as nearly every full stop ends a word.
_MARKER_INSIDE = frozenset(" \t\n\r(0123456789ivxlc" + BULLETS)
_MARKER_END = frozenset("0123456789abcdđefghijklmnopqrstuvwxyz)")  # the character before a marker's "." or ")"
_LIST_STYLE = re.compile(r"\d{1,3}|[ivxlc]{2,6}|[a-zđ]")
# A word that starts a sentence in lowercase: a mixed-case brand (eVisa, iPhone, eBay) or a domain
# name (baoquocte.vn, www.example.com).
_LOWERCASE_START = re.compile(
    r"[a-zđ]{1,4}[A-ZĐ]|(?:[a-z0-9-]+\.)+(?:com|net|org|edu|gov|int|info|biz|io|vn|uk|us|eu|de|fr|jp|cn|au|ca)\b")
_NEXT_WORD = re.compile(r"\s*(\S{1,64})")
_WORD_BEFORE = re.compile(r"\S{1,64}$")
# A number or letter a label can name: "Hình 5.", "Figure 2a.", "Table S1.", "Sec. 2(a).", "Chương IV.",
# "Part A."
_LABEL_NUMBER = re.compile(r"(?:[A-Z]?\d+(?:[.,]\d+)*[A-Za-z]?(?:\([a-z0-9]{1,4}\))*|[IVXLC]{1,6}|[A-ZĐ])\.")
_ENUMERATOR = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[ivxlc]{2,6}|[a-zđ])\.")  # 1. 1.2. IV. iv. a.
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_INITIAL = re.compile(r"[A-ZĐ]\.")
_ROMAN = re.compile(r"[IVXLC]\.")  # the Roman numerals an initial can be confused with
WINDOW = 64  # no word that decides a sentence end is longer; bounds the look-around (linear time)
_WORD = re.compile(r"\w+")
# A word in the middle of a sentence: after a letter, digit, comma, semicolon, % or ")" on the same
# line (not after a full stop, a colon, a quote or at a line start, where any word may be capitalised).
_MID_SENTENCE_WORD = re.compile(r"(?<=[\w,;%)])[^\S\n]+(\w+)")


@dataclass(frozen=True)
class Orthography:
    """What the whole document says about how its words are capitalised (Punkt's orthographic evidence).

    A word the document also writes in lowercase (``officials``, ``kết``) and never capitalises in the
    middle of a sentence is a common word: capitalised after an abbreviation, it starts a sentence.
    A word the document capitalises in mid-sentence (``Bush``, ``President``, ``Nam``) is name-like,
    whatever else it does: after an initial or an acronym it more likely continues the name or title.
    """

    lowercase: frozenset[str] = frozenset()
    mid_capital: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str) -> Orthography:
        words = set(_WORD.findall(text))
        mid = set(_MID_SENTENCE_WORD.findall(text))
        return cls(frozenset(w for w in words if w[0].islower()), frozenset(w for w in mid if w[0].isupper()))

    def is_common(self, word: str) -> bool:
        """``word`` (capitalised, as after a full stop) is a common word written in lowercase elsewhere."""
        head = _head(word)
        return len(head) > 1 and not head.isupper() and head.lower() in self.lowercase and head not in self.mid_capital


def _head(word: str) -> str:
    """The leading letters and digits of a token: ``Officials,`` → ``Officials``, ``Pu-tin`` → ``Pu``."""
    match = _WORD.match(word)
    return match.group() if match else ""


class _NextWord(NamedTuple):
    """The word after a candidate sentence end, as the decision reads it."""

    end: int  # where the word ends in the text
    opener: str  # its first character, which may be an opening quote or bracket
    word: str  # the word without opening quotes and brackets
    capital: bool  # may start a sentence: a capital (after any opening quote), or a lowercase start
    # written so anyway (a list marker, eVisa)


def _sentence_end(
    text: str, start: int, end: int, rules: Rules, orthography: Orthography, unit_start: int, unit_end: int,
    current: _List | None = None, headline: bool = False,
) -> int | None:
    """Where the sentence ends if the terminator ``text[start:end]`` (with its closing quotes and
    brackets) ends one, else None. Usually at ``end``; a word's full stop before a spaced ellipsis
    (``compounds. . . . The``) ends it at the full stop, the ellipsis starting the next sentence.

    Decided from the next word first: a lowercase next word (or more terminators) never follows a
    sentence end, except a list item's marker (``… thấp. a. Xuất …``; ``current`` is the list being
    read) and a word written with a lowercase initial (``eVisa``, ``iPhone``, ``baoquocte.vn``).
    Then by the terminator (:func:`_mark_end`), and for a bare full stop by the word it ends
    (:func:`_word_end`; ``headline``: the unit is a title-case headline, see :func:`_is_headline`).
    """
    after = _NEXT_WORD.match(text, end, unit_end)
    if after is None:
        return None  # only whitespace follows: the unit ends here anyway
    following = after.group(1).lstrip(_OPENERS)
    first = following[:1]
    capital = first.isupper() or (first.islower() and (
        bool(_LOWERCASE_START.match(following)) or _opens_item(after.group(1), current)))
    if (first.islower() and not capital) or first in ".…!?":
        return None  # "?" he asked / v.v. và / Vietnam... been / a spaced ". . ." goes on
    terminator = text[start:end].rstrip(_CLOSERS)
    if terminator != ".":
        return _mark_end(text, start, end, terminator, unit_start, capital)
    if terminator != text[start:end]:
        return end  # ." or .) : the full stop is not part of an abbreviation
    next_word = _NextWord(after.end(), after.group(1)[:1], following, capital)
    return _word_end(text, start, end, rules, orthography, unit_start, unit_end, next_word, headline)


def _mark_end(text: str, start: int, end: int, terminator: str, unit_start: int, capital: bool) -> int | None:
    """:func:`_sentence_end` for a terminator other than a bare full stop, before a word that
    may start a sentence (``capital``, also after an opening quote) or not.

    ``?``/``!`` and the final marks of other scripts end one, except a Chinese or Japanese one
    closed by a quote that its sentence goes on after; an ellipsis in brackets (``[...]``) marks an
    omission, never an end; an ellipsis ends a sentence before a capital (also after an opening quote), except
    the spaced ``. . .`` of scholarly quotation, which marks an omission inside a sentence and ends
    one only with a fourth full stop (``period . . . . Next``).
    """
    if terminator[-1] in UNSPACED_FINALS and terminator != text[start:end] and not text[end:end + 1].isspace():
        return None  # 「行きます。」と言った: the quotation goes on into its sentence
    if "!" in terminator or "?" in terminator or terminator[-1] in _OTHER_FINALS:
        return end
    if start > unit_start and text[start - 1] in "[(" and text[start + len(terminator):end][:1] in ")]":
        return None  # "[...]": words left out of a quotation
    if " " in terminator:  # ". . .", ". . . .": the fourth full stop ends the sentence
        if terminator.count(".") < 4 or not capital:
            return None
        return start + 1 if start > unit_start and not text[start - 1].isspace() else end
    return end if capital else None


def _word_end(
    text: str, start: int, end: int, rules: Rules, orthography: Orthography, unit_start: int, unit_end: int,
    after: _NextWord, headline: bool,
) -> int | None:
    """:func:`_sentence_end` for a bare full stop, from the word it ends and the word ``after``.

    ``inner`` abbreviations (``e.g.``) never end a sentence, ``prepositive`` titles (``Mr.``,
    ``PGS.TS.``) neither, ``numeric`` ones (``No.``, ``tr.``) not before a number, ``final`` ones
    (``v.v.``, ``etc.``) do before a capital. A number is no sentence end when it labels a caption
    or heading (``Hình 5.``, ``Sec. 2.``, ``Chương IV.`` starting the unit). ``postpositive``
    abbreviations: see :func:`_postpositive_ends`. ``ordinary`` abbreviations, dotted acronyms and
    initials (``U.S.``, ``G.``), which more often precede a name, end the sentence only before a
    common sentence starter (``The``, ``How``, ``Sau``), a word the document writes in lowercase
    elsewhere and never capitalises mid-sentence (Punkt's orthographic heuristic), or, except for
    initials, an opening quote and a capital; a Roman numeral after an ``ordinal`` word (``lần thứ
    X.``) is a number, not an initial. In a ``headline`` every word is capitalised, so a capital
    says nothing: neither kind of abbreviation nor an initial ends a sentence there. A number is no
    sentence end either when it enumerates (``I.`` starting the unit, ``1.`` after ``;``). Any other
    word ends the sentence.
    """
    # The word is never missing: the full stop itself is a non-space character.
    before = _WORD_BEFORE.search(text, max(unit_start, start - WINDOW), end)
    word = before.group().lstrip(_OPENERS)
    preceding = text[max(unit_start, before.start() - WINDOW):before.start()].split()

    def listed(kind: frozenset[str]) -> bool:  # one word or two ("et al.")
        return word in kind or bool(preceding and f"{preceding[-1]} {word}" in kind)

    first = after.word[:1]
    if listed(rules.inner):
        return None
    if word in rules.prepositive or (word.count(".") > 1 and _last_part(word) in rules.prepositive):
        return None
    # "SEC. 2" like "Sec. 2"; not a single capital, which is an initial ("E. P. Hillary"), not "p."
    if word in rules.numeric or (len(word) > 2 and word.isupper() and word.lower() in _lowercased(rules.numeric)):
        return None if first.isdigit() else end
    if word in rules.final:
        return end if after.capital else None
    if (_LABEL_NUMBER.fullmatch(word) and before.start() - unit_start <= WINDOW
            and " ".join(preceding).lower() in _lowercased(rules.label)):  # "SEC. 2." like "Sec. 2."
        return None  # a caption or heading "Hình 5. Chuyến thăm ...", not "... tại Điều 5. Các ..."
    starter = after.word.rstrip(",.;:?!") in rules.starters
    roman_number = _ROMAN.fullmatch(word) and preceding and preceding[-1] in rules.ordinal  # "lần thứ X."
    initial = _INITIAL.fullmatch(word) and not roman_number
    abbreviation = listed(rules.postpositive) or word in rules.ordinary or _DOTTED.fullmatch(word) or initial
    if headline and abbreviation:
        return None  # "Mekong Solar Inc. Opens Plant": a headline capitalises every word
    if listed(rules.postpositive):
        return end if starter or _postpositive_ends(text, after, rules, unit_end) else None
    if word in rules.ordinary or _DOTTED.fullmatch(word) or initial:
        quoted = after.opener in _QUOTES and first.isupper()  # '... the U.S. "It was ...'
        return end if starter or orthography.is_common(after.word) or (quoted and not initial) else None
    if _ENUMERATOR.fullmatch(word) and (not preceding or preceding[-1].endswith((":", ";"))):
        return None  # "I. KẾT QUẢ", "1.2. Mục tiêu"
    return end


def _postpositive_ends(text: str, after: _NextWord, rules: Rules, unit_end: int) -> bool:
    """Does a ``postpositive`` abbreviation, which closes a name, a citation or a time (``Inc.``,
    ``Ltd.``, ``et al.``, ``p.m.``, ``Ph.D.``), end the sentence before the word ``after`` (not a
    common sentence starter)?

    Usually it ends the phrase, so it ends the sentence before a capitalised word or a quote, but
    not before a bracket (``Inc. (NASDAQ: VSL) today ...``, ``et al. (2019)``), another postpositive
    abbreviation (``Co. Ltd.``), an acronym (``10 a.m. EST``) or a run of capitalised words, which
    is a title and name or a headline (``p.m. President Xi``, ``Corp. Reports Record``). A single
    name is no exception: a press release's next sentence often starts with the company's name
    (``... VinaSolar Inc. VinaSolar plans ...``).
    """
    then = _NEXT_WORD.match(text, after.end, unit_end)  # the word after the next one
    capital_run = then is not None and then.group(1).lstrip(_OPENERS)[:1].isupper()
    return (after.capital and after.opener not in "([" and after.word.rstrip(",;:") not in rules.postpositive
            and not _head(after.word).isupper() and not capital_run)


@lru_cache(maxsize=None)
def _lowercased(words: frozenset[str]) -> frozenset[str]:
    """A word list for matching in any case (cached: the lists are few and fixed)."""
    return frozenset(word.lower() for word in words)


def _last_part(word: str) -> str:
    """``PGS.TS.`` → ``TS.``: a compound title is known by its last part."""
    return word[:-1].rsplit(".", 1)[-1] + "."


_ALPHABET = "abcdđefghijklmnopqrstuvwxyz"
_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman_value(numeral: str) -> int | None:
    """``iv`` → 4; None when ``numeral`` is not a well-formed lowercase Roman numeral up to 399."""
    values = [_ROMAN_DIGITS[c] for c in numeral if c in _ROMAN_DIGITS]
    if len(values) != len(numeral) or not values:
        return None
    total = sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))
    return total if 0 < total < 400 and _roman(total) == numeral else None


def _roman(number: int) -> str:
    out = ""
    for value, digits in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                          (4, "iv"), (1, "i")):
        count, number = divmod(number, value)
        out += digits * count
    return out


def _marker_positions(marker: str) -> tuple[str, frozenset[tuple[str, int]]]:
    """A list marker's style (``#.``, ``(#)``, ``#.)``) and its possible places in a list: a number,
    a letter (Vietnamese lists write ``d``, ``đ``, ``e``) or a Roman numeral (``i`` is either).

    >>> _marker_positions("(iv)")
    ('(#)', frozenset({('roman', 4)}))
    """
    label = marker.lstrip(BULLETS).strip()
    core = _LIST_STYLE.search(label)
    if core is None:
        return "", frozenset()
    style, value = label[:core.start()] + "#" + label[core.end():], core.group()
    if value.isdigit():
        return style, frozenset({("number", int(value))})
    places = set()
    if len(value) == 1:
        places.add(("letter", _ALPHABET.index(value)))
    roman = _roman_value(value)
    if roman:
        places.add(("roman", roman))
    return style, frozenset(places)


_FIRST_PLACES = frozenset({("number", 1), ("letter", 0), ("roman", 1)})


def _follows(place: tuple[str, int], previous: frozenset[tuple[str, int]]) -> bool:
    kind, value = place
    # English letter lists go d, e; Vietnamese ones d, đ, e.
    return ((kind, value - 1) in previous
            or (kind == "letter" and value == _ALPHABET.index("e") and ("letter", _ALPHABET.index("d")) in previous))


@dataclass(frozen=True)
class _List:
    """The inline list being read in a unit: its marker style, the last marker's places, and whether
    it was opened by a colon ("ba giải pháp: 1. …; 2. …"), which keeps its items in one sentence."""

    style: str
    places: frozenset[tuple[str, int]]
    after_colon: bool


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
HEADLINE_CAPITALISED_SHARE = 0.75
"""A unit with no final punctuation whose words of four letters or more are at least this share
capitalised is a headline (title case; short words such as "in", "of", "and" may stay lowercase)."""
HEADLINE_MAX_WORDS = 40
"""A headline is short: a unit with more words of four letters or more is never one (and a long
unit is not read to its end to find out)."""


def _is_headline(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is written as a title-case headline (``Mekong Solar Inc. Opens Plant in
    Can Tho``): no final punctuation, at least three longer words and at most ``HEADLINE_MAX_WORDS``,
    most of them capitalised.

    >>> _is_headline("Acme Corp. Opens Office in Hanoi", 0, 32), _is_headline("Acme Corp. opened it.", 0, 21)
    (True, False)
    """
    if _TERMINAL.search(text, start, end):
        return False
    words = [match.group() for match in itertools.islice(_LONG_WORD.finditer(text, start, end), HEADLINE_MAX_WORDS + 1)]
    return (3 <= len(words) <= HEADLINE_MAX_WORDS
            and sum(word[0].isupper() for word in words) >= HEADLINE_CAPITALISED_SHARE * len(words))


def _sentence_spans(
    text: str, start: int, end: int, rules: Rules, orthography: Orthography
) -> Iterator[tuple[int, int]]:
    """The (start, end) of each sentence of the unit ``text[start:end]``.

    A list marker (``1.``, ``b)``, ``(iv)``, ``•``) stays with its item, inline or at the start of
    the unit. A list opens with its first marker (``1``, ``a``, ``i``) at a sentence start or after a
    colon and goes on with markers that count on (``2.`` after ``1.``, ``b.`` after ``a.``); each
    item starts a sentence unless the list was opened by a colon or the item before ends in ``;`` or
    ``,`` (the project's convention: ``ba giải pháp: 1. …; 2. …`` is one sentence). A bullet inside a
    unit (``• 9. … • 10. …``) always starts an item.
    """
    sentence_start = start
    current: _List | None = None
    headline = _is_headline(text, start, end)
    inside_marker = start  # a bullet's label ("• 9.") is part of the bullet's marker
    for match in _BREAK.finditer(text, start, end):
        if match.start() < inside_marker:
            continue
        marker = _marker_span(text, match, start, end)
        if marker is not None:
            before = text[max(start, marker[0] - WINDOW):marker[0]].rstrip()[-1:]
            step = _list_step(current, text[marker[0]:marker[1]], before, marker[0] == sentence_start)
            if step is not None:
                current, item = step
                if match.lastgroup == "bullet":
                    inside_marker = marker[1]
                if item and marker[0] > sentence_start:
                    yield sentence_start, sentence_start + len(text[sentence_start:marker[0]].rstrip())
                    sentence_start = marker[0]
                continue
        if match.lastgroup is not None:
            continue  # a ")" or a bullet that marks no list item
        # A terminator, or the full stop of a number or letter that is no list marker here.
        sentence_end = _sentence_end(text, match.start(), match.end(), rules, orthography, start, end, current,
                                     headline)
        if sentence_end is not None:
            yield sentence_start, sentence_end
            sentence_start = _NEXT_WORD.match(text, sentence_end, end).start(1)
    yield sentence_start, end


def _marker_span(text: str, match: re.Match[str], start: int, end: int) -> tuple[int, int] | None:
    """Where the list marker that ``match`` (a bullet, or the "." or ")" after a label) ends is, if
    it is one: a bullet with the label after it, or a label ("2.", "(b)", "iv)") that is a word."""
    position = match.start()
    if match.lastgroup == "bullet":
        if position > start and not text[position - 1].isspace():
            return None
        label = _LABEL_AFTER_BULLET.match(text, match.end(), end)
        return position, label.end() if label else match.end()
    # Cheap tests first: nearly every full stop ends a longer word ("word.").
    if position == start or text[position - 1] not in _MARKER_END or (
            position - 1 > start and text[position - 2] not in _MARKER_INSIDE):
        return None
    word = _WORD_BEFORE.search(text, max(start, position - MARKER_WINDOW), position)
    if word is None or (word.start() > start and not text[word.start() - 1].isspace()):
        return None
    return (word.start(), match.end()) if _MARKER.fullmatch(text, word.start(), match.end()) else None


def _list_step(current: _List | None, marker: str, before: str, at_sentence_start: bool) -> tuple[_List, bool] | None:
    """The list after ``marker`` and whether the marker starts an item's sentence; None when it is no
    list marker here. ``before`` is the character before it, ``at_sentence_start`` where it stands."""
    style, places = _marker_positions(marker)
    bullet = marker[0] in BULLETS
    if current is not None and style == current.style and any(_follows(p, current.places) for p in places):
        return _List(style, places, current.after_colon), bullet or (not current.after_colon and before not in ";,")
    if bullet or ((at_sentence_start or before == ":") and places & _FIRST_PLACES):
        return _List(style, places, before == ":"), bullet
    return None


def _opens_item(word: str, current: _List | None) -> bool:
    """Is ``word`` a list marker that would start an item (``a.``, or the next of the current list)?"""
    if not _MARKER.fullmatch(word):
        return False
    style, places = _marker_positions(word)
    return bool(places & _FIRST_PLACES) or (
        current is not None and style == current.style and any(_follows(p, current.places) for p in places))


# --- the public functions --------------------------------------------------------------------------


def split(text: str, lang: str, *, canonical_tones: bool = False) -> list[Sentence]:
    """Split ``text`` into sentences.

    ``Sentence.text`` is the sentence as the document writes it (NFC, word segmentation undone,
    whitespace collapsed to single spaces); ``text[s.start:s.end]`` is its raw stretch; ``para``
    counts paragraphs from 0 (blank-line-separated blocks, or the units of a text written one
    paragraph a line). ``canonical_tones`` rewrites Vietnamese tone placement to the canonical
    ``hòa``, ``thủy`` (default: the document's own, ``hoà`` stays ``hoà``). ``lang`` is an ISO 639 code (``vi``, ``en``; a region
    such as ``vi-VN`` is ignored); languages without rules of their own get the generic ones.

    >>> [s.text for s in split("Ông Nguyễn Văn A., PGS.TS. ngành luật, nói. Sau đó ông về.", "vi")]
    ['Ông Nguyễn Văn A., PGS.TS. ngành luật, nói.', 'Sau đó ông về.']
    >>> [(s.text, s.para) for s in split("Mr. Son arrived at 3 p.m. The talks began.\\n\\nNext.", "en")]
    [('Mr. Son arrived at 3 p.m.', 0), ('The talks began.', 0), ('Next.', 1)]
    """
    lang = language_code(lang)
    rules = load_rules(lang)
    normalized = normalize(text, lang, canonical_tones=canonical_tones)
    clean = normalized.text
    orthography = Orthography.of(clean)
    # A text that breaks lines far more often than it leaves blank lines writes one paragraph a line
    # (web pages, exports): then each unit is a paragraph, so the aligner still sees the breaks.
    unit_is_paragraph = count_matches(_LINE_BREAK, clean) > SINGLE_BREAKS_PER_BLANK * count_matches(_BLANK_LINE, clean)
    sentences: list[Sentence] = []
    para = -1
    for paragraph in _PARAGRAPH.finditer(clean):
        para += not unit_is_paragraph
        for unit_start, unit_end, standalone in _units(clean, paragraph.start(), paragraph.end()):
            para += unit_is_paragraph
            spans = ([(unit_start, unit_end)] if standalone
                     else _sentence_spans(clean, unit_start, unit_end, rules, orthography))
            sentences.extend(_sentence(text, normalized, s, e, para) for s, e in spans)
    return sentences


def _sentence(original: str, normalized: Normalized, start: int, end: int, para: int) -> Sentence:
    raw_start = normalized.to_original(start)
    raw_end = normalized.to_original(end)
    raw_end = raw_start + len(original[raw_start:raw_end].rstrip())
    return Sentence(" ".join(normalized.text[start:end].split()), raw_start, raw_end, para)


def sentences_to_lines(sentences: Iterable[Sentence]) -> Iterator[str]:
    """The sentence texts, one a line, with an empty line between paragraphs.

    >>> list(sentences_to_lines([Sentence("A.", 0, 2, 0), Sentence("B.", 3, 5, 0), Sentence("C.", 7, 9, 1)]))
    ['A.', 'B.', '', 'C.']
    """
    para = None
    for sentence in sentences:
        if para is not None and sentence.para != para:
            yield ""
        para = sentence.para
        yield sentence.text
