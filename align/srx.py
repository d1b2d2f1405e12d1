"""Our splitter's rules as SRX 2.0, the segmentation standard CAT tools read, and as an OmegaT 3.6 project file.

A CAT tool inserts a translation from a memory only when its own segment equals the memory's
source segment, so a TMX made by :mod:`align` is worth most in a tool that segments the document as
we do. SRX 2.0 (LISA/GALA) is what Okapi, memoQ, Trados and OmegaT 4+ read: an ordered list of rules,
each a regular expression for the text before a possible break and one for the text after it; the
first rule that matches at a position decides it (``break="no"`` rules are exceptions). OmegaT 3.6,
which Debian ships, reads the same rules from the project's ``omegat/segmentation.conf``, a
``java.beans.XMLEncoder`` file (:func:`omegat_segmentation_conf`).

The rules are generated from the same abbreviation lists the splitter uses (``align/data/abbrev``),
in the order :func:`align.segment._sentence_end` decides. Regular expressions see one position at a
time, so some of the splitter's evidence cannot be written down, and there the rules differ:

* what the whole document says about a word (:class:`align.segment.Orthography`): after an initial or
  acronym only the listed sentence starters (``The``, ``How``, ``Sau``) end a sentence;
* hard-wrapped paragraphs: every line break between two lines that do not continue in lowercase is a
  break, as if each line were a unit;
* inline lists are not counted: a number after a sentence end or a colon is taken for a list
  marker, and no break is made before an item that follows one without punctuation
  (``1. … 2. …``);
* word-segmented text (``Việt_Nam , …``) is not undone, so CAT tools see it as written.

The expressions keep to what both Java (OmegaT, Okapi) and the ``regex`` module (``choppa-srx``)
accept: bounded lookbehind, ``\\p{Lu}``/``\\p{Ll}`` classes, ``(?iu:…)`` for case.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from .segment import BULLETS, SPACED_FINALS, UNSPACED_FINALS, Rules, language_code, load_rules
from .textio import atomic_write

SRX_NAMESPACE = "http://www.lisa.org/srx20"
OMEGAT_SRX_VERSION = "0.2.2"
"""The ``segmentation.conf`` version OmegaT 3.x writes; an older one would make it merge its defaults in."""

_CLOSE = "[\"'”’»)\\]」』）]*"
_OPEN_CHARS = "\"'“‘«(\\[「『（"
_OPEN = f"[{_OPEN_CHARS}]*"
_QUOTE = "[\"'“‘«]"
_WORD_START = f"(?<![^\\s{_OPEN_CHARS}])"  # nothing but space or an opening bracket or quote before
# The token ends here. Java tries the alternatives of an alternation in order and keeps the first that
# matches, so without this "U\\.S\\." would match the start of "U.S.C." and hide the whole token.
_TOKEN_END = "(?!\\S)"
_TERMINATOR = f"(?:[.!?…{SPACED_FINALS}]+){_CLOSE}"
# Lowercase words that still start a sentence: brands, domain names, list markers ("a.", "ii)").
_LOWERCASE_STARTS = (
    "(?:[a-zđ]{1,4}\\p{Lu}|(?:[a-z0-9-]+\\.)+(?:com|net|org|edu|gov|int|info|biz|io|vn|uk|us|eu|de|fr|jp|cn|au|ca)"
    "(?![\\p{L}\\p{N}])|(?:[a-zđ]|[ivxlc]{2,6})(?:\\.\\)|[.)])\\s)")
_LOWERCASE_CONTINUATION = f"{_OPEN}(?!{_LOWERCASE_STARTS})\\p{{Ll}}"
_LIST_ITEM = ("(?:\\d{1,3}(?:\\.\\d{1,3})*(?:\\.\\)|[.)])|[a-zđ][.)]|[IVXLC]{1,6}[.)]|[ivxlc]{2,6}[.)]"
              f"|\\((?:\\d{{1,3}}|[a-zđA-Z]|[ivxlc]{{2,6}})\\)|[-–—•*+●▪⁃◦‣])\\s|[{BULLETS}]\\d")
_MARKER = "(?:\\d{1,3}(?:\\.\\d{1,3})*|[IVXLC]{1,6}|[ivxlc]{2,6}|[a-zđ])\\."
_LABEL_NUMBER = "(?:[A-Z]?\\d+(?:[.,]\\d+)*[A-Za-z]?(?:\\([a-z0-9]{1,4}\\))*|[IVXLC]{1,6}|[A-ZĐ])\\."
_LINE_END = "\\S(?=[^\\S\\n]*\\n)"  # the last character of a line (the break goes before the line break)
_NEXT_LINE = "[^\\S\\n]*\\n\\s*"  # to the next line, over any blank lines
_SAME_PARAGRAPH_LINE = "[^\\S\\n]*\\n[^\\S\\n]*"
_ANY = "[\\s\\S]"


@dataclass(frozen=True)
class SrxRule:
    """One SRX rule: break (or, for an exception, do not) where ``before`` ends and ``after`` begins."""

    breaks: bool
    before: str
    after: str
    why: str


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of the abbreviations ``words`` (their final full stop left out), longest first."""
    stems = sorted({w[:-1] if w.endswith(".") else w for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(stem).replace("\\ ", "\\s+") for stem in stems)


def _abbreviations(words: Iterable[str]) -> str:
    """The tokens of ``words`` (``Mr.``, ``et al.``) ending in their full stop, at a word start."""
    alternation = _alternatives(words)
    return f"{_WORD_START}(?:{alternation})\\.{_TOKEN_END}" if alternation else ""


def _followed_by(words: Iterable[str]) -> str:
    """After a break: whitespace, then one of ``words`` as a whole token (trailing punctuation allowed)."""
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return f"\\s+{_OPEN}(?:{alternation})[,.;:?!]*(?=\\s|$)"


def srx_rules(lang: str) -> tuple[SrxRule, ...]:
    """The SRX rules for ``lang``, exceptions first, in the order the splitter decides a sentence end.

    Each ``after`` is a lookahead, so it matches where it starts and nowhere else: OmegaT looks for
    it with ``Matcher.find()``, and a longer match starting earlier would hide it.
    """
    rules = load_rules(language_code(lang))
    return tuple(SrxRule(rule.breaks, rule.before, f"(?={rule.after})", rule.why)
                 for rule in _rules(rules) if rule.before)


def _rules(r: Rules) -> Iterable[SrxRule]:
    """Every rule, in the splitter's order: units first, then the terminators, then the words a full
    stop ends, then list markers; whatever none of them decides ends a sentence at a terminator."""
    starters = _followed_by(r.starters) if r.starters else "(?!)"
    yield from _unit_rules()
    yield from _terminator_rules()
    yield from _abbreviation_rules(r, starters)
    yield from _list_rules()
    # Everything else that ends in a terminator ends a sentence.
    yield SrxRule(True, _TERMINATOR, "\\s", "a terminator before a space")


def _unit_rules() -> Iterable[SrxRule]:
    """Units: each line is one, unless it goes on in lowercase; list items, table rows and
    placeholders always start their own, and are never split inside."""
    yield SrxRule(True, _LINE_END, f"{_NEXT_LINE}(?:{_LIST_ITEM}|\\||\\[)",
                  "a list item, table row or placeholder line")
    yield SrxRule(True, "[|\\]](?=[^\\S\\n]*\\n)", f"{_NEXT_LINE}\\S", "after a table row or placeholder line")
    yield SrxRule(True, _LINE_END, "[^\\S\\n]*\\n[^\\S\\n]*\\n", "a paragraph ends")
    yield SrxRule(False, _LINE_END, f"{_SAME_PARAGRAPH_LINE}{_LOWERCASE_CONTINUATION}",
                  "a line going on in lowercase")
    yield SrxRule(True, _LINE_END, f"{_NEXT_LINE}\\S", "every other line is a unit")
    # Never inside a table row or a placeholder.
    # (Java needs a bounded lookbehind: "*" inside one compiles but never matches.)
    yield SrxRule(False, f"(?<=(?:^|\\n)[^\\S\\n]{{0,20}}\\|[^\\n]{{0,400}}){_TERMINATOR}", "\\s",
                  "inside a table row")
    yield SrxRule(False, f"(?<=(?:^|\\n)[^\\S\\n]{{0,20}}\\[[^\\]\\n]{{0,400}}){_TERMINATOR}", "\\s",
                  "inside a placeholder")


def _terminator_rules() -> Iterable[SrxRule]:
    """What the terminators other than a bare full stop decide, and where no word after one may
    start a sentence."""
    # Other scripts: Chinese and Japanese put no space after a sentence.
    yield SrxRule(False, f"[{UNSPACED_FINALS}]+[」』）\"”’]+", "\\S", "「…。」と: the quotation goes on")
    yield SrxRule(True, f"[{UNSPACED_FINALS}]+{_CLOSE}", _ANY, "。！？ end a sentence")
    # Ellipses.
    yield SrxRule(False, f"[\\[(](?:\\.{{3,}}|…){_CLOSE}", "\\s", "[...]: an omission")
    yield SrxRule(True, "(?<=\\S)\\.", f"\\s\\.\\s\\.\\s\\.\\s+{_OPEN}\\p{{Lu}}",
                  "word. . . . Next: the full stop ends it")
    yield SrxRule(False, "\\.", "\\s\\.(?:\\s|$)", "inside a spaced ellipsis")
    yield SrxRule(False, f"(?<!\\.\\s)(?<=\\s)\\.\\s\\.\\s\\.{_CLOSE}", "\\s", ". . . inside a sentence")
    # Word-segmented text sets a closing quote off with spaces ("… Nhật_Bản . ” Bên …"): it closes the sentence.
    yield SrxRule(False, _TERMINATOR, "\\s+[”’»)\\]]+(?:\\s|$)", "before a spaced closing quote")
    yield SrxRule(True, f"{_TERMINATOR}\\s+[”’»)\\]]+", "\\s", "after a spaced closing quote")
    # A lowercase word, or more terminators, never follows a sentence end.
    yield SrxRule(False, _TERMINATOR, f"\\s+{_LOWERCASE_CONTINUATION}", "lowercase goes on")
    yield SrxRule(False, _TERMINATOR, f"\\s+{_OPEN}[.…!?]", "more terminators follow")
    yield SrxRule(False, f"(?:\\.{{2,}}|…+){_CLOSE}", f"\\s+(?![{_OPEN_CHARS}\\p{{Lu}}])",
                  "an ellipsis ends a sentence only before a capital or a quote")


def _abbreviation_rules(r: Rules, starters: str) -> Iterable[SrxRule]:
    """Abbreviations (a bare full stop), in the splitter's order; ``starters`` matches a listed
    sentence starter after the break."""
    numeric = set(r.numeric) | {w.upper() for w in r.numeric if len(w) > 2}
    yield SrxRule(False, _abbreviations(r.inner), "\\s", "inner abbreviations (e.g.)")
    yield SrxRule(False, _prepositive(r.prepositive), "\\s", "titles before a name (Mr., PGS.TS.)")
    yield SrxRule(False, _abbreviations(numeric), "\\s+\\d", "numeric abbreviations before a number (No. 5)")
    yield SrxRule(True, _abbreviations(numeric), "\\s", "numeric abbreviations before anything else")
    yield SrxRule(False, _abbreviations(r.final), f"\\s+(?![{_OPEN_CHARS}\\p{{Lu}}])",
                  "etc., v.v. before a capital only")
    yield SrxRule(True, _abbreviations(r.final), "\\s", "etc., v.v. before a capital")
    if r.label:
        labels = "|".join(re.escape(w).replace("\\ ", "[^\\S\\n]+")
                          for w in sorted(r.label, key=lambda w: (-len(w), w)))
        yield SrxRule(False, f"(?:^|\\n)[^\\S\\n]*(?iu:{labels})[^\\S\\n]+{_LABEL_NUMBER}", "\\s",
                      "a caption or heading's number (Hình 5., Sec. 2.)")
    postpositive = _abbreviations(r.postpositive)
    if postpositive:
        yield SrxRule(True, postpositive, starters, "postpositive abbreviations before a sentence starter")
        exceptions = (f"\\s+(?:[(\\[]|{_OPEN}(?:{_alternatives(r.postpositive)})\\.[,;:]*(?=\\s|$)"
                      f"|{_OPEN}\\p{{Lu}}[\\p{{Lu}}\\p{{N}}_]*(?![\\p{{L}}\\p{{N}}_])|\\S+\\s+{_OPEN}\\p{{Lu}}"
                      f"|(?!{_OPEN}(?:\\p{{Lu}}|{_LOWERCASE_STARTS})))")
        yield SrxRule(False, postpositive, exceptions,
                      "postpositive abbreviations (Inc., et al.) before a bracket, an acronym, a name or a title")
        yield SrxRule(True, postpositive, "\\s", "postpositive abbreviations before anything else")
    if r.ordinal:
        ordinals = "|".join(map(re.escape, sorted(r.ordinal)))
        yield SrxRule(True, f"{_WORD_START}(?:{ordinals})[^\\S\\n]+[IVXLC]\\.", "\\s",
                      "a Roman numeral after an ordinal word (lần thứ X.) is a number")
    dotted = f"{_WORD_START}(?:\\p{{L}}\\.){{2,}}{_TOKEN_END}"
    ordinary = "|".join(p for p in (_abbreviations(r.ordinary), dotted) if p)
    # An initial, also as word-segmented text spaces it ("G . W . Bu-sơ", "Microsoft_B . Ghết").
    initial = f"{_WORD_START}[A-ZĐ]\\.{_TOKEN_END}|(?<![^\\s_])[A-ZĐ][^\\S\\n]\\.{_TOKEN_END}"
    yield SrxRule(True, f"(?:{ordinary}|{initial})", starters, "acronyms and initials before a sentence starter")
    yield SrxRule(True, f"(?:{ordinary})", f"\\s+{_QUOTE}{_OPEN}\\p{{Lu}}", "acronyms before a quotation")
    yield SrxRule(False, f"(?:{ordinary}|{initial})", "\\s",
                  "acronyms and initials before anything else (U.S. President)")


def _list_rules() -> Iterable[SrxRule]:
    """List markers stay with their item; an inline bullet starts one."""
    yield SrxRule(False, f"(?:(?:^|\\n)[^\\S\\n]*|[:;]\\s+){_MARKER}", "\\s",
                  "a list marker at the start of a unit, or after : or ;")
    # (After a word of three letters or more: "Q. 1." is a district, "tr. 1." a page.)
    yield SrxRule(False, f"(?<=\\p{{L}}{{3}})[.!?…]{_CLOSE}\\s+(?:1|a|i)\\.", "\\s",
                  "the first marker of a list at a sentence start")
    yield SrxRule(True, "[^\\s.!?…\"'”’»)\\]][^\\S\\n]+", f"[{BULLETS}]", "an inline bullet starts an item")


def _prepositive(words: Iterable[str]) -> str:
    """Titles, also as the last part of a compound title (``PGS.TS.``)."""
    alternation = _alternatives(words)
    return f"{_WORD_START}(?:[^\\s.]+\\.)*(?:{alternation})\\.{_TOKEN_END}" if alternation else ""


# --- writing ---------------------------------------------------------------------------------------

_LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


def _language_pattern(lang: str) -> str:
    """The ``languagepattern`` for ``lang``: its code in any case, with or without a region."""
    return f"(?i){re.escape(lang)}(?:[-_].*)?"


def _rule_name(lang: str) -> str:
    return f"vienalign {_LANGUAGE_NAMES.get(lang, lang)}"


def srx_document(langs: Sequence[str]) -> str:
    """An SRX 2.0 document with one ``languagerule`` (and ``languagemap``) per language of ``langs``."""
    codes = _codes(langs)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           "<!-- Sentence segmentation rules exported by vienalign (vienalign srx): the rules of its",
           "     splitter, so that a CAT tool segments a document as the TMX it aligned was segmented. -->",
           f'<srx xmlns="{SRX_NAMESPACE}" version="2.0">',
           '  <header segmentsubflows="yes" cascade="no">',
           '    <formathandle type="start" include="no"/>',
           '    <formathandle type="end" include="yes"/>',
           '    <formathandle type="isolated" include="no"/>',
           "  </header>", "  <body>", "    <languagerules>"]
    for lang in codes:
        out.append(f'      <languagerule languagerulename="{escape(_rule_name(lang))}">')
        for rule in srx_rules(lang):
            out.append(f"        <!-- {escape(rule.why).replace('--', '- -')} -->")
            out.append(f'        <rule break="{"yes" if rule.breaks else "no"}">')
            out.append(f"          <beforebreak>{escape(rule.before)}</beforebreak>")
            out.append(f"          <afterbreak>{escape(rule.after)}</afterbreak>")
            out.append("        </rule>")
        out.append("      </languagerule>")
    out += ["    </languagerules>", "    <maprules>"]
    out += [f'      <languagemap languagepattern="{escape(_language_pattern(lang))}" '
            f'languagerulename="{escape(_rule_name(lang))}"/>' for lang in codes]
    out += ["    </maprules>", "  </body>", "</srx>"]
    return "\n".join(out) + "\n"


def omegat_segmentation_conf(langs: Sequence[str]) -> str:
    """The same rules as OmegaT 3.6's ``segmentation.conf``: a ``java.beans.XMLEncoder`` document of
    an ``org.omegat.core.segmentation.SRX`` holding one ``MapRule`` per language."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<java version="1.8.0" class="java.beans.XMLDecoder">',
           ' <object class="org.omegat.core.segmentation.SRX">', '  <void property="mappingRules">']
    for lang in _codes(langs):
        out += ['   <void method="add">', '    <object class="org.omegat.core.segmentation.MapRule">',
                f'     <void property="language"><string>{escape(_rule_name(lang))}</string></void>',
                f'     <void property="pattern"><string>{escape(_language_pattern(lang))}</string></void>',
                '     <void property="rules">', '      <object class="java.util.ArrayList">']
        for rule in srx_rules(lang):
            out += ['       <void method="add">', '        <object class="org.omegat.core.segmentation.Rule">',
                    f'         <void property="afterbreak"><string>{escape(rule.after)}</string></void>',
                    f'         <void property="beforebreak"><string>{escape(rule.before)}</string></void>',
                    f'         <void property="breakRule"><boolean>{"true" if rule.breaks else "false"}</boolean></void>',
                    "        </object>", "       </void>"]
        out += ["      </object>", "     </void>", "    </object>", "   </void>"]
    out += ["  </void>",
            '  <void property="includeEndingTags"><boolean>true</boolean></void>',
            '  <void property="segmentSubflows"><boolean>true</boolean></void>',
            f'  <void property="version"><string>{OMEGAT_SRX_VERSION}</string></void>',
            " </object>", "</java>"]
    return "\n".join(out) + "\n"


def _codes(langs: Sequence[str]) -> list[str]:
    codes: list[str] = []
    for lang in langs:
        code = language_code(lang)
        if code not in codes:
            codes.append(code)
    return codes


def write_srx(path: str | os.PathLike, langs: Sequence[str]) -> None:
    """Write the SRX 2.0 rules for ``langs`` to ``path`` (atomically; ``-`` is standard output)."""
    with atomic_write(path) as out:
        out.write(srx_document(langs))


def write_omegat_segmentation(project: str | os.PathLike, langs: Sequence[str]) -> Path:
    """Write ``PROJECT/omegat/segmentation.conf`` (OmegaT 3.6's project-specific segmentation rules)."""
    folder = Path(project) / "omegat"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "segmentation.conf"
    with atomic_write(path) as out:
        out.write(omegat_segmentation_conf(langs))
    return path
