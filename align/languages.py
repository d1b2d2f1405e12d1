"""Language codes and language identification, applied once where a language enters the toolkit.

**Codes.** Every command and API function takes a language as a code; :func:`language_code` turns
what users type (``vi``, ``vie``, ``vi-VN``, ``vi_VN``, ``VI``) into the one ISO 639-1 code the
toolkit keys its rules and lexicons on (``vi``), so no spelling of a language silently loses them.
A region is a TMX matter (``--src-locale``), not a language.

**Identification.** :func:`identify` tells Vietnamese, English, German, French and Spanish apart by
their commonest function words (Vietnamese also by the letters only it uses: ơ, ư, ă, đ and the dot
and hook tone marks), which make up a large share of any running text in these languages and of no
text in the others. It answers ``None`` when the text is short or matches no profile well: a guess
would do more harm than the flag the user gave. :func:`resolve_language` compares the answer with
the language given (or the default) and says so, in one line, when they disagree.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from .errors import VienalignError
from .normalize import nfc

log = logging.getLogger(__name__)

DEFAULT_SRC_LANG = "vi"
DEFAULT_TGT_LANG = "en"

NAMES = {"vi": "Vietnamese", "en": "English", "de": "German", "fr": "French", "es": "Spanish"}

_CODE = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")


@lru_cache(maxsize=1)
def three_to_two() -> dict[str, str]:
    """ISO 639-2 code → ISO 639-1 code, from ``align/data/iso639_3to1.tsv``."""
    table = {}
    text = resources.files("align").joinpath("data/iso639_3to1.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            three, two, _name = line.split("\t")
            table[three] = two
    return table


def language_code(lang: str) -> str:
    """The ISO 639-1 code of a language tag: region and script dropped, ISO 639-2 codes mapped,
    case folded; anything that is not a language tag is an error.

    >>> [language_code(code) for code in ("vi", "vie", "vi-VN", "vi_VN", "VI", "eng", "de-CH")]
    ['vi', 'vi', 'vi', 'vi', 'vi', 'en', 'de']
    """
    match = _CODE.fullmatch(lang.strip().lower())
    if match is None:
        raise VienalignError(f"not a language code: {lang!r} (expected an ISO 639 code such as vi or en)")
    primary = match.group(1)
    return three_to_two().get(primary, primary)


def language_name(code: str) -> str:
    """``"English (en)"`` for a code the identifier knows, else the code."""
    return f"{NAMES[code]} ({code})" if code in NAMES else code


# --- identification --------------------------------------------------------------------------------

# The commonest words of each language, in lower case (Vietnamese: syllables), from frequency lists.
# Words two languages share ("de", "la", "en") count for both; the profiles still separate because
# each language's text hits many more of its own.
_FUNCTION_WORDS = {
    "vi": "và của là các có được trong cho với những này không một người đã để về từ khi đến theo "
          "cũng như nhiều hai tại thì nhưng sẽ năm đó vào ra hợp tác nước việt nam chúng ta",
    "en": "the of and to in a is that for it with as was on be by are this at from or an have has not "
          "which but were their its been will also they he she we would there",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es als wird "
          "werden sie hat wir an bei nach aus noch wie",
    "fr": "le la les de et des un une est du que en dans pour qui au pas sur par il ne se ce sont avec "
          "aux plus cette été nous ou mais elle",
    "es": "el la los las de y que en un una es del por con para se no su al lo como más pero sus le "
          "ha fue este entre cuando muy",
}
_PROFILES = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
# Letters (decomposed) that Vietnamese alone of these languages writes: horn, breve, đ, and the hook
# and dot-below tone marks.
_VIETNAMESE_MARKS = frozenset("\u031b\u0306\u0309\u0323đ")

SAMPLE_CHARS = 20_000
"""Identification reads the text's first characters only: enough for a clear answer."""
MIN_WORDS = 12
"""Fewer words than this say too little to name a language."""
MIN_SHARE = 0.12
"""The share of the words the best profile must cover (running text: 25–50%; a list of names: ~0)."""
LEAD = 1.5
"""How many times the runner-up's share the best must have (English and French share words)."""


def identify(text: str) -> str | None:
    """The language ``text`` is written in (``vi``, ``en``, ``de``, ``fr``, ``es``), or ``None``
    when it is too short or matches none of them clearly.

    >>> identify("Việt Nam là thành viên của ASEAN từ năm 1995 và đã tham gia nhiều tổ chức khác.")
    'vi'
    >>> identify("Viet Nam has been a member of ASEAN since 1995 and it is active in the region.")
    'en'
    >>> identify("12 34 56") is None
    True
    """
    sample = nfc(text[:SAMPLE_CHARS]).lower()
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return None
    shares = {lang: sum(w in profile for w in words) / len(words) for lang, profile in _PROFILES.items()}
    marked = sum(any(ch in _VIETNAMESE_MARKS for ch in unicodedata.normalize("NFD", w)) for w in words)
    shares["vi"] += marked / len(words)  # each tone-marked syllable counts as much as a function word
    ranked = sorted(shares.items(), key=lambda kv: kv[1], reverse=True)
    (best, share), (_, runner_up) = ranked[0], ranked[1]
    if share < MIN_SHARE or share < LEAD * runner_up:
        return None
    return best


def resolve_language(text: str, given: str | None, default: str, path: object) -> str:
    """The language to read ``text`` (from ``path``) as: ``given`` (canonicalised) when the user
    gave one, else the identified language, else ``default``. When the identified language
    contradicts the given or default one, a one-line warning names both."""
    detected = identify(text)
    if given is not None:
        lang = language_code(given)
        if detected is not None and detected != lang:
            log.warning("%s looks like %s, not %s as given; reading it as %s",
                        path, language_name(detected), language_name(lang), lang)
        return lang
    default = language_code(default)
    if detected is not None and detected != default:
        log.warning("%s looks like %s, not %s (the default); reading it as %s",
                    path, language_name(detected), language_name(default), detected)
        return detected
    return default
