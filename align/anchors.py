"""Tokens for matching sentences across languages: words, syllable n-grams, and language-free anchors.

Two kinds of evidence link a source sentence to its translation:

* **Words** (:func:`words`, :func:`source_units`): lower-cased word tokens. Vietnamese writes one
  syllable per token, and a word may be several syllables (``hợp tác`` = cooperation), so the
  source side also offers syllable n-grams for the lexicon to match; word-segmented input
  (``hợp_tác``) is read as the same syllables.
* **Anchors** (:func:`anchors`): features that mean the same in both languages without any
  dictionary, so they are emitted identically on both sides:

  - numbers in any notation, keyed by their digits only: vi ``1.532`` and en ``1,532`` are both
    ``#1532``; vi ``766,8`` and en ``766.8`` are both ``#7668`` (years are just numbers);
  - acronyms (``WTO``, ``APEC``) as written, and words of four letters or more folded
    (``Himalaya``, ``Everest``), which two languages in one script often share;
  - names, transliterations and cognates through a consonant skeleton (:func:`skeleton`):
    ``In-đô-nê-xi-a`` and ``Indonesia`` are both ``~ntns``, ``Áp-ra-ham`` and ``Abraham`` both
    ``~plm``, ``Gia-cốp`` and ``Jacob`` both ``~kp``; German and French cognates (``Expedition``,
    ``expédition``) meet the same way;
  - cognates by their first four letters, folded (Simard, Foster & Isabelle 1992), for languages
    written in words rather than syllables: ``Gletscher`` and ``glacier`` share nothing, but
    ``Expeditionen``/``expéditions``, ``Observatorium``/``observatoire``,
    ``Temperatur``/``température`` all give ``^expe``, ``^obse``, ``^temp``. Unrelated words that
    happen to share a prefix are common ones, which the inverse document frequency discounts. This
    is what carries a short document, whose few sentence pairs teach the induced lexicon little
    (measured on Text+Berg dev cut into documents of 60–150 sentences: strict F1 0.818 → 0.844);
  - question and exclamation marks, parentheses, quotation marks and colons.
"""

from __future__ import annotations

import functools
import re

from .normalize import lower_without_diacritics, nfc, word_key

# A word: letters/digits, possibly joined by hyphens or apostrophes (Áp-ra-ham, aujourd'hui); a
# number keeps its inner separators so that both notations can be read (1.532, 766,8, 1 532 is two).
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:[-'’][^\W_]+)*")
_PUNCT_ANCHORS = {"?": "?", "!": "!", "(": "(", ":": ":", '"': '"', "“": '"', "”": '"', "«": '"',
                  "»": '"', "„": '"'}
_PUNCT = re.compile("[" + re.escape("".join(_PUNCT_ANCHORS)) + "]")

# Letters that sound alike across Vietnamese transliterations, English, German and French, mapped to
# one class each; vowels and h carry too little (and too variable) information and are dropped.
_DIGRAPHS = (("ph", "p"), ("th", "t"), ("ch", "k"), ("kh", "k"), ("gh", "k"), ("gi", "k"),
             ("qu", "k"), ("ng", "n"), ("nh", "n"), ("tr", "t"), ("ck", "k"), ("sch", "s"))
_LETTER_CLASS = str.maketrans({
    "b": "p", "f": "p", "v": "p", "w": "p",
    "c": "k", "g": "k", "j": "k", "q": "k",
    "d": "t",
    "x": "s", "z": "s",
    "r": "l",
    "a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "h": None,
})

# Languages whose words are single syllables separated by spaces, so that several tokens make a word.
SYLLABIC_LANGUAGES = frozenset({"vi"})
MAX_SYLLABLE_NGRAM = 3
"""Longest syllable n-gram offered to the lexicon as one source unit."""
_MIN_IDENTICAL_LENGTH = 4
"""A word at least this long is also matched as written, folded (names, loanwords: Himalaya)."""
_MIN_COGNATE_LENGTH = 6
"""A lower-case word at least this long is compared by skeleton too (cognates: expédition)."""
COGNATE_PREFIX = 4
"""Words longer than this are also matched by their first this-many letters, folded (cognates)."""


def skeleton(name: str) -> str:
    """The consonant skeleton of a name: folded, letters mapped to sound classes, vowels dropped,
    repeats collapsed.

    >>> [skeleton(w) for w in ("In-đô-nê-xi-a", "Indonesia", "Áp-ra-ham", "Abraham", "Gia-cốp", "Jacob")]
    ['ntns', 'ntns', 'plm', 'plm', 'kp', 'kp']
    """
    letters = re.sub(r"[^a-z]", "", lower_without_diacritics(name))
    for digraph, single in _DIGRAPHS:
        letters = letters.replace(digraph, single)
    classes = letters.translate(_LETTER_CLASS)
    return re.sub(r"(.)\1+", r"\1", classes)


def tokens(text: str) -> list[str]:
    """The word and number tokens of ``text`` (NFC), as written (case kept); an underscore of
    word-segmented text (``hợp_tác``) separates syllables like a space.

    >>> tokens("Hợp_tác (1.532)")
    ['Hợp', 'tác', '1.532']
    """
    return _TOKEN.findall(nfc(text))


def words(text: str) -> list[str]:
    """Lower-cased word tokens, the units a lexicon's target side is matched against.

    >>> words("Hợp_tác với WTO, năm 2006.")
    ['hợp', 'tác', 'với', 'wto', 'năm', '2006']
    """
    return [word_key(token) for token in tokens(text)]


def syllable_ngrams(syllables: list[str], max_n: int = MAX_SYLLABLE_NGRAM) -> list[str]:
    """Every run of 1..``max_n`` consecutive syllables, joined by spaces: the syllables, then the
    runs of two, and so on (each run of ``n`` is a run of ``n − 1`` and the next syllable).

    >>> syllable_ngrams(["hợp", "tác", "quốc"], 2)
    ['hợp', 'tác', 'quốc', 'hợp tác', 'tác quốc']
    """
    found = list(syllables)
    runs = found
    for n in range(2, max_n + 1):
        runs = [run + " " + syllable for run, syllable in zip(runs, syllables[n - 1:])]
        found.extend(runs)
    return found


def source_words(text: str, lang: str) -> list[str]:
    """A source sentence's words, and for syllabic languages its syllables (hyphenated
    transliterations such as ``In-đô-nê-xi-a`` split), each once where it occurs: units that do not
    overlap, as a word-based translation model needs.

    >>> source_words("In-đô-nê-xi-a hợp tác", "vi")
    ['in', 'đô', 'nê', 'xi', 'a', 'hợp', 'tác']
    """
    return source_words_of(words(text), lang)


def source_words_of(found_words: list[str], lang: str) -> list[str]:
    """:func:`source_words` of a sentence whose :func:`words` are already known."""
    if lang in SYLLABIC_LANGUAGES:
        return [w for token in found_words for w in token.split("-")]
    return found_words


def source_units(text: str, lang: str) -> list[str]:
    """The units a source sentence offers to a lexicon: its words, and for syllabic languages
    (Vietnamese) also its syllable bigrams and trigrams, so multi-syllable words can match."""
    return source_units_of(words(text), lang)


def source_units_of(found_words: list[str], lang: str) -> list[str]:
    """:func:`source_units` of a sentence whose :func:`words` are already known."""
    found = source_words_of(found_words, lang)
    if lang in SYLLABIC_LANGUAGES:
        return syllable_ngrams(found)
    return found


def _number_key(token: str) -> str:
    """Digits only: the notations ``1.532`` / ``1,532`` and ``766,8`` / ``766.8`` agree."""
    return "#" + re.sub(r"\D", "", token)


def _is_acronym(token: str) -> bool:
    return len(token) >= 2 and token.isupper() and token.isalpha()


def _is_name_like(token: str, lang: str) -> bool:
    """Capitalized, hyphenated (Vietnamese transliterations), or a long word that may be a cognate."""
    if token[0].isupper() or "-" in token:
        return True
    return lang not in SYLLABIC_LANGUAGES and len(token) >= _MIN_COGNATE_LENGTH


def anchors(text: str, lang: str) -> list[str]:
    """The language-free anchor features of a sentence (see the module docstring).

    Adjacent capitalized tokens are also joined in pairs, so ``Việt Nam`` meets ``Vietnam``.

    >>> anchors("Năm 2006, Việt Nam gia nhập WTO (1.532 tỷ)?", "vi")
    ['~nm', '#2006', '=viet', '~pt', '~nm', '~ptnm', '=nhap', 'WTO', '#1532', '(', '?']
    >>> anchors("In 2006, Vietnam entered the WTO (1,532 bn)?", "en")
    ['#2006', '=vietnam', '^viet', '~ptnm', '=entered', '^ente', '~ntlt', 'WTO', '#1532', '(', '?']
    """
    return anchors_of_tokens(tokens(text), text, lang)


def anchors_of_tokens(found_tokens: list[str], text: str, lang: str) -> list[str]:
    """:func:`anchors` of a sentence whose :func:`tokens` are already known."""
    found: list[str] = []
    previous_capitalized = ""
    for token in found_tokens:
        found.extend(_token_anchors(token, lang))
        capitalized = token if token[0].isupper() and not _is_acronym(token) else ""
        if capitalized and previous_capitalized:
            found.extend(_token_skeleton(previous_capitalized + token))
        previous_capitalized = capitalized
    found.extend(_PUNCT_ANCHORS[mark] for mark in _PUNCT.findall(text))
    return found


@functools.lru_cache(maxsize=1 << 18)
def _token_anchors(token: str, lang: str) -> tuple[str, ...]:
    """The anchors one token gives by itself (memoised: a document repeats its words)."""
    if token[0].isdigit():
        return (_number_key(token),)
    if _is_acronym(token):
        return (token,)
    found: list[str] = []
    if len(token) >= _MIN_IDENTICAL_LENGTH:
        found.append("=" + lower_without_diacritics(token))
    if len(token) > COGNATE_PREFIX and lang not in SYLLABIC_LANGUAGES:
        found.append("^" + lower_without_diacritics(token)[:COGNATE_PREFIX])
    if _is_name_like(token, lang):
        found.extend(_token_skeleton(token))
    return tuple(found)


@functools.lru_cache(maxsize=1 << 18)
def _token_skeleton(token: str) -> tuple[str, ...]:
    """``~`` and the token's :func:`skeleton` when it has two letters or more, else nothing."""
    key = skeleton(token)
    return ("~" + key,) if len(key) >= 2 else ()
