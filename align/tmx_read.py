"""Reading and checking TMX written by other tools: a streaming, hostile-input-safe reader and validator.

The reader accepts TMX 1.1 to 1.4: the language of a ``<tuv>`` is ``xml:lang`` or the old ``lang``
attribute. It streams with ``lxml.etree.iterparse`` and deletes every unit once it has been handed
out, so memory stays flat however large the file is.

**Hostile input.** A TMX file from elsewhere is treated as untrusted: no entity expansion
(``resolve_entities=False``), no DTD loading (``load_dtd=False``, so no external DTD or external
entity is ever fetched), no network (``no_network=True``) and no huge-tree mode (libxml2's size
limits stay on). A billion-laughs file is refused by libxml2's amplification limit with a one-line
error; an entity reference that does get through (``&xxe;`` declared in an internal subset) is left
unexpanded and appears in the text literally as ``&xxe;`` (the validator reports it), so no local
file's contents can ever reach the output.

**Inline markup policy** (what :func:`segment_text` returns for a ``<seg>``): the text of ``<hi>``
(highlighted *text*) is kept; the content of ``<bpt>``, ``<ept>``, ``<it>``, ``<ph>`` and ``<ut>`` is
the native code of the original format (e.g. ``<b>``, ``{\\i}``), not text, and is dropped together
with any ``<sub>`` inside it; the text between elements is kept. Comments and processing
instructions are ignored. Segment text is returned exactly as it is in the file (the writers in
:mod:`align.tmx` clean it).

**Validation** (:func:`validate`) implements the rules of the TMX 1.4 DTD as the project's own checks,
without loading a DTD: root ``<tmx version>``, a ``<header>`` with its seven required attributes and
then a ``<body>``, ``(note|prop)*`` before the ``<tuv>``\\ s of a ``<tu>``, one ``<seg>`` per
``<tuv>``, the inline elements and their required attributes. On top of the DTD it checks what CAT
tools trip over: language codes (BCP 47 shape, ``vi-VN`` not ``vi_VN``, ``vi`` not ``vie``), dates
(``YYYYMMDDThhmmssZ``), empty segments and unexpanded entities.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from .errors import VienalignError
from .languages import three_to_two

log = logging.getLogger(__name__)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SEGTYPES = ("block", "paragraph", "sentence", "phrase")
HEADER_REQUIRED = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
KNOWN_VERSIONS = ("1.1", "1.2", "1.3", "1.4")
DATE_ATTRIBUTES = ("creationdate", "changedate", "lastusagedate")

# Inline elements of <seg>: which may contain which (the DTD's content models).
_CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut"})  # native code: dropped from the text
_SEG_CHILDREN = _CODE_ELEMENTS | {"hi"}
_INLINE_CHILDREN = {
    **{name: frozenset({"sub"}) for name in _CODE_ELEMENTS},
    "hi": _SEG_CHILDREN,
    "sub": _SEG_CHILDREN,
}
_INLINE_REQUIRED = {"bpt": ("i",), "ept": ("i",), "it": ("pos",)}

# The attributes the TMX 1.4 DTD declares on each element (xml:lang written out); any other is invalid.
_DATES = ("creationdate", "creationid", "changedate", "changeid")
_TOOL = ("creationtool", "creationtoolversion")
DECLARED = {
    "tmx": frozenset({"version"}),
    "header": frozenset({*HEADER_REQUIRED, "o-encoding", *_DATES}),
    "body": frozenset(),
    "note": frozenset({"o-encoding", XML_LANG, "lang"}),
    "ude": frozenset({"name", "base"}),
    "map": frozenset({"unicode", "code", "ent", "subst"}),
    "prop": frozenset({"type", XML_LANG, "o-encoding", "lang"}),
    "tu": frozenset({"tuid", "o-encoding", "datatype", "usagecount", "lastusagedate", *_TOOL, *_DATES, "segtype",
                     "o-tmf", "srclang"}),
    "tuv": frozenset({XML_LANG, "o-encoding", "datatype", "usagecount", "lastusagedate", *_TOOL, *_DATES, "o-tmf",
                      "lang"}),
    "seg": frozenset(),
    "bpt": frozenset({"i", "x", "type"}),
    "ept": frozenset({"i"}),
    "sub": frozenset({"datatype", "type"}),
    "it": frozenset({"pos", "x", "type"}),
    "ph": frozenset({"x", "assoc", "type"}),
    "hi": frozenset({"x", "type"}),
    "ut": frozenset({"x"}),
}
REQUIRED = {"ude": ("name",), "map": ("unicode",), "prop": ("type",), **_INLINE_REQUIRED}
"""Required attributes checked by :func:`_check_declared` (the header's and ``<tuv>``'s language are
checked where they are read, with their own messages)."""
ELEMENT_CONTENT = frozenset({"tmx", "header", "body", "tu", "tuv", "ude", "map"})
"""Elements whose content is elements only: text other than whitespace inside them is invalid."""

_LANG_TAG = re.compile(
    r"^[a-z]{2,3}"  # language (ISO 639)
    r"(?:-[a-z]{4})?"  # script (ISO 15924), e.g. -Latn
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region (ISO 3166 or UN M.49), e.g. -VN
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-x(?:-[a-z0-9]{1,8})+)?$",  # private use
    re.IGNORECASE,
)
_DATE = re.compile(r"^\d{8}T\d{6}Z$")


# --- language codes ----------------------------------------------------------------------------------

def language_code_problem(code: str) -> str | None:
    """Why ``code`` is not a usable TMX/BCP 47 language code, or ``None`` when it is fine.

    >>> language_code_problem("vi-VN") is None
    True
    >>> language_code_problem("vi_VN")
    "'vi_VN' is not a language code: subtags are joined with '-' (vi-VN)"
    >>> language_code_problem("vie")
    "'vie' is not a language code here: use the ISO 639-1 code 'vi'"
    """
    if "_" in code:
        return f"{code!r} is not a language code: subtags are joined with '-' ({code.replace('_', '-')})"
    if not _LANG_TAG.match(code):
        return f"{code!r} is not a language code (expected e.g. vi, en, vi-VN)"
    primary = code.split("-")[0].lower()
    if len(primary) == 3 and primary in three_to_two():
        return f"{code!r} is not a language code here: use the ISO 639-1 code {three_to_two()[primary]!r}"
    return None


def normalize_language_code(code: str) -> str:
    """``code`` in canonical BCP 47 form, or :class:`ValueError` saying why it cannot be.

    Fixes what is unambiguous: ``_`` → ``-``, ISO 639-2 → ISO 639-1, and the case conventions
    (language lower, script title, region upper).

    >>> normalize_language_code("VIE_vn")
    'vi-VN'
    >>> normalize_language_code("sr-latn-rs")
    'sr-Latn-RS'
    """
    subtags = code.strip().replace("_", "-").split("-")
    primary = subtags[0].lower()
    subtags[0] = three_to_two().get(primary, primary)
    for k, subtag in enumerate(subtags[1:], start=1):
        if subtags[k - 1].lower() == "x":  # private use: everything after -x- is left alone
            break
        if len(subtag) == 4 and subtag.isalpha():
            subtags[k] = subtag.title()
        elif len(subtag) == 2 or (len(subtag) == 3 and subtag.isdigit()):
            subtags[k] = subtag.upper()
        else:
            subtags[k] = subtag.lower()
    canonical = "-".join(subtags)
    problem = language_code_problem(canonical)
    if problem is not None:
        raise ValueError(problem)
    return canonical


def same_language(code: str, wanted: str) -> bool:
    """Whether a ``<tuv>`` labelled ``code`` is in language ``wanted``: the primary subtags agree and,
    when ``wanted`` names a region or script, so does the rest (``vi-VN`` is ``vi``; ``vi`` is not
    ``vi-VN``). Case and ``_`` are ignored."""
    have = code.replace("_", "-").lower().split("-")
    want = wanted.replace("_", "-").lower().split("-")
    have[0] = three_to_two().get(have[0], have[0])
    want[0] = three_to_two().get(want[0], want[0])
    return have[: len(want)] == want


# --- what the reader returns -------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One finding of the validator. ``level`` is ``fatal`` (reading cannot go on), ``error`` (the
    file breaks the TMX rules or a CAT tool will mishandle it) or ``warning`` (legal but dubious)."""

    line: int | None
    message: str
    level: str = "error"

    def format(self, path: object) -> str:
        where = f"{path}:{self.line}:" if self.line is not None else f"{path}:"
        return f"{where} {self.level}: {self.message}"


@dataclass(frozen=True)
class TmxHeader:
    """The ``<header>`` of a TMX file: its attributes and header-level ``<prop>``\\ s."""

    version: str
    attributes: dict[str, str] = field(hash=False)
    props: tuple[tuple[str, str], ...] = ()
    line: int | None = None

    @property
    def srclang(self) -> str:
        return self.attributes.get("srclang", "")


@dataclass(frozen=True)
class TmxUnit:
    """One ``<tu>``: its variants as (language as written, segment text) in file order, its
    ``<prop>``\\ s as (type, value), its ``segtype`` attribute, and the line it starts on."""

    variants: tuple[tuple[str, str], ...]
    props: tuple[tuple[str, str], ...] = ()
    segtype: str | None = None
    line: int | None = None

    def text(self, lang: str) -> str | None:
        """The segment in language ``lang`` (see :func:`same_language`), or ``None``."""
        for code, text in self.variants:
            if same_language(code, lang):
                return text
        return None

    def prop(self, kind: str) -> str | None:
        """The value of the first ``<prop type=kind>``, or ``None``."""
        return next((value for key, value in self.props if key == kind), None)

    @property
    def score(self) -> float | None:
        """The ``x-score`` prop as a number, or ``None`` when absent or not a number."""
        value = self.prop("x-score")
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None


@dataclass(frozen=True)
class TmxInfo:
    """What ``tmx info`` prints: counts and header facts of one file."""

    path: str
    bytes: int
    version: str
    srclang: str
    creationtool: str
    units: int
    languages: dict[str, int] = field(hash=False)
    """Number of ``<tuv>``\\ s per language code as written."""
    problems: int = 0

    def table(self) -> str:
        rows = [
            ("file", self.path),
            ("size", f"{self.bytes:,} bytes"),
            ("version", f"TMX {self.version}"),
            ("creation tool", self.creationtool),
            ("source language", self.srclang),
            ("units", f"{self.units:,}"),
            *((f"segments {lang}", f"{n:,}") for lang, n in sorted(self.languages.items())),
            ("problems", f"{self.problems:,}" + (" (see tmx validate)" if self.problems else "")),
        ]
        width = max(len(key) for key, _ in rows)
        return "\n".join(f"{key:<{width}}  {value}" for key, value in rows)


# --- text of a segment -------------------------------------------------------------------------------

def segment_text(element: etree._Element) -> str:
    """The text of a ``<seg>`` (or ``<hi>``) under the inline markup policy in the module docstring.

    >>> segment_text(etree.fromstring('<seg>a <hi>b <ph>&lt;br/&gt;</ph>c</hi> <bpt i="1">{</bpt>d</seg>'))
    'a b c d'
    """
    parts = [element.text or ""]
    for child in element:
        if child.tag is etree.Entity:
            parts.append(child.text)  # left unexpanded: "&name;"
        elif isinstance(child.tag, str) and child.tag not in _CODE_ELEMENTS:
            parts.append(segment_text(child))  # <hi>, or an unknown element (the validator reports it)
        parts.append(child.tail or "")
    return "".join(parts)


# --- the streaming walk --------------------------------------------------------------------------------

Report = Callable[[Problem], None]


def _check_date(element: etree._Element, report: Report) -> None:
    for name in DATE_ATTRIBUTES:
        value = element.get(name)
        if value is None:
            continue
        ok = bool(_DATE.match(value))
        if ok:
            try:
                datetime.strptime(value, "%Y%m%dT%H%M%SZ")
            except ValueError:
                ok = False
        if not ok:
            report(Problem(element.sourceline, f"<{element.tag} {name}={value!r}>: not a date YYYYMMDDThhmmssZ"))


def _check_language(element: etree._Element, name: str, code: str, report: Report) -> None:
    problem = language_code_problem(code)
    if problem is not None:
        report(Problem(element.sourceline, f"<{element.tag} {name}>: {problem}"))


def _attribute_name(name: str) -> str:
    return "xml:lang" if name == XML_LANG else re.sub(r"^\{[^}]*\}", "ns:", name)


def _check_declared(element: etree._Element, report: Report) -> None:
    """The DTD's attribute list of ``element``: no undeclared attribute, the required ones present."""
    declared = DECLARED.get(element.tag)
    if declared is None:
        return  # an unknown element: reported where it is found
    for name in element.attrib:
        if name not in declared:
            report(Problem(element.sourceline, f"<{element.tag}> has the attribute {_attribute_name(name)}, "
                                               "which TMX does not declare"))
    for name in REQUIRED.get(element.tag, ()):
        if element.get(name) is None:
            report(Problem(element.sourceline, f"<{element.tag}> without its required attribute {name}"))


def _check_stray_text(element: etree._Element, report: Report, tail: bool = False) -> None:
    """Text other than whitespace where the DTD allows elements only (``element``'s own text, or
    with ``tail`` the text after it, inside its parent)."""
    parent = element.getparent() if tail else element
    text = element.tail if tail else element.text
    if parent is not None and parent.tag in ELEMENT_CONTENT and text and text.strip():
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 30 else shown[:27] + "..."
        report(Problem(element.sourceline, f"text {shown!r} directly inside <{parent.tag}>, which holds elements only"))


def _check_ude(ude: etree._Element, report: Report) -> None:
    """``<ude>`` holds one or more ``<map>``; ``<map>`` is empty."""
    _check_declared(ude, report)
    _check_stray_text(ude, report)
    maps = 0
    for child in ude:
        if not isinstance(child.tag, str):
            continue
        _check_stray_text(child, report, tail=True)
        if child.tag != "map":
            report(Problem(child.sourceline, f"<{child.tag}> is not allowed inside <ude>"))
            continue
        maps += 1
        _check_declared(child, report)
        if len(child) or (child.text or "").strip():
            report(Problem(child.sourceline, "<map> must be empty"))
    if not maps:
        report(Problem(ude.sourceline, "<ude> without <map> (at least one is required)"))


def _check_text_only(element: etree._Element, report: Report) -> None:
    """``<prop>`` and ``<note>`` hold text only."""
    for child in element:
        if isinstance(child.tag, str):
            report(Problem(child.sourceline, f"<{child.tag}> inside <{element.tag}>, which holds text only"))


def _check_inline(element: etree._Element, report: Report) -> None:
    allowed = _INLINE_CHILDREN.get(element.tag, _SEG_CHILDREN)
    for child in element:
        if child.tag is etree.Entity:
            report(Problem(child.sourceline, f"entity reference {child.text} left unexpanded (entities are not read)"))
        elif isinstance(child.tag, str):
            if child.tag not in allowed:
                report(Problem(child.sourceline, f"<{child.tag}> is not allowed inside <{element.tag}>"))
                continue
            _check_declared(child, report)
            if child.tag == "it" and child.get("pos") not in (None, "begin", "end"):
                report(Problem(child.sourceline, f"<it pos={child.get('pos')!r}>: pos is begin or end"))
            _check_inline(child, report)


def _props_and_notes(element: etree._Element, report: Report) -> tuple[list[tuple[str, str]], list[etree._Element]]:
    """The (type, value) props of ``element`` and its other element children, checking that
    ``(note|prop)*`` come first."""
    props, rest = [], []
    _check_stray_text(element, report)
    for child in element:
        _check_stray_text(child, report, tail=True)
        if not isinstance(child.tag, str):
            continue
        if child.tag in ("prop", "note"):
            if rest:
                report(Problem(child.sourceline, f"<{child.tag}> after <{rest[0].tag}> in <{element.tag}> "
                                                 "(props and notes come first)"))
            _check_text_only(child, report)
            _check_declared(child, report)
            if child.tag == "prop" and child.get("type") is not None:
                props.append((child.get("type"), child.text or ""))
        else:
            rest.append(child)
    return props, rest


def _variant_language(tuv: etree._Element, version: str, report: Report) -> str | None:
    code = tuv.get(XML_LANG)
    name = "xml:lang"
    if code is None and tuv.get("lang") is not None:
        code, name = tuv.get("lang"), "lang"
        if version == "1.4":  # older versions' DTDs knew only lang
            report(Problem(tuv.sourceline, "<tuv lang> without xml:lang: TMX 1.4 requires xml:lang "
                                           "(lang is deprecated)"))
    if code is None:
        report(Problem(tuv.sourceline, "<tuv> without xml:lang"))
        return None
    _check_language(tuv, name, code, report)
    return code


def _read_unit(tu: etree._Element, header: TmxHeader, report: Report) -> TmxUnit:
    """Check one complete ``<tu>`` subtree and turn it into a :class:`TmxUnit`."""
    _check_declared(tu, report)
    _check_date(tu, report)
    segtype = tu.get("segtype")
    if segtype is not None and segtype not in SEGTYPES:
        report(Problem(tu.sourceline, f"<tu segtype={segtype!r}>: not one of {', '.join(SEGTYPES)}"))
    if tu.get("srclang") is not None and tu.get("srclang") != "*all*":
        _check_language(tu, "srclang", tu.get("srclang"), report)
    props, rest = _props_and_notes(tu, report)
    variants = []
    for tuv in rest:
        if tuv.tag != "tuv":
            report(Problem(tuv.sourceline, f"<{tuv.tag}> is not allowed inside <tu>"))
            continue
        _check_declared(tuv, report)
        _check_date(tuv, report)
        lang = _variant_language(tuv, header.version, report)
        _, segs = _props_and_notes(tuv, report)
        for extra in segs:
            if extra.tag != "seg":
                report(Problem(extra.sourceline, f"<{extra.tag}> is not allowed inside <tuv>"))
        segs = [seg for seg in segs if seg.tag == "seg"]
        if len(segs) != 1:
            report(Problem(tuv.sourceline, f"<tuv> with {len(segs)} <seg> elements (exactly one is required)"))
        if not segs or lang is None:
            continue
        _check_declared(segs[0], report)
        _check_inline(segs[0], report)
        text = segment_text(segs[0])
        if not text.strip():
            report(Problem(segs[0].sourceline, f"empty segment ({lang})"))
        variants.append((lang, text))
    if not rest:
        report(Problem(tu.sourceline, "<tu> without <tuv> (at least one is required)"))
    elif sum(tuv.tag == "tuv" for tuv in rest) == 1:
        report(Problem(tu.sourceline, "<tu> with a single language: it translates nothing", "warning"))
    srclang = tu.get("srclang", header.srclang)
    if variants and srclang and srclang != "*all*" and not any(same_language(c, srclang) for c, _ in variants):
        report(Problem(tu.sourceline, f"<tu> has no <tuv> in the source language {srclang}", "warning"))
    return TmxUnit(tuple(variants), tuple(props), segtype, tu.sourceline)


def _read_header(element: etree._Element, version: str, report: Report) -> TmxHeader:
    attributes = dict(element.attrib)
    missing = [name for name in HEADER_REQUIRED if not attributes.get(name, "").strip()]
    if missing:
        report(Problem(element.sourceline, f"<header> without required attribute{'s' * (len(missing) > 1)} "
                                           f"{', '.join(missing)}", "fatal"))
    if attributes.get("segtype") and attributes["segtype"] not in SEGTYPES:
        report(Problem(element.sourceline, f"<header segtype={attributes['segtype']!r}>: not one of "
                                           f"{', '.join(SEGTYPES)}"))
    for name in ("srclang", "adminlang"):
        code = attributes.get(name, "").strip()
        if code and not (name == "srclang" and code == "*all*"):
            _check_language(element, name, code, report)
    _check_date(element, report)
    _check_declared(element, report)
    _check_stray_text(element, report)
    props = []
    for child in element:
        _check_stray_text(child, report, tail=True)
        if not isinstance(child.tag, str):
            continue
        if child.tag not in ("note", "prop", "ude"):
            report(Problem(child.sourceline, f"<{child.tag}> is not allowed inside <header>"))
        elif child.tag == "ude":
            _check_ude(child, report)
        else:
            _check_text_only(child, report)
            _check_declared(child, report)
            if child.tag == "prop" and child.get("type") is not None:
                props.append((child.get("type"), child.text or ""))
    return TmxHeader(version, attributes, tuple(props), element.sourceline)


def _syntax_problem(err: etree.XMLSyntaxError) -> Problem:
    message = str(err.msg or err).split(", line ")[0].strip()
    if "amplification" in message or "entity" in message.lower() and "loop" in message.lower():
        message += " (entity expansion attack?)"
    return Problem(max(err.lineno or 1, 1), f"not well-formed XML: {message}", "fatal")  # empty file: 0


def _check_root(root: etree._Element, report: Report) -> str:
    """The TMX version of a root element whose start tag is complete (a half-read one, from a
    truncated file, is left to the syntax error that follows)."""
    if root.tag != "tmx":
        report(Problem(root.sourceline, f"root element is <{root.tag}>, not <tmx>", "fatal"))
    _check_declared(root, report)
    version = root.get("version", "")
    if not version:
        report(Problem(root.sourceline, "<tmx> without its version attribute"))
    elif version not in KNOWN_VERSIONS:
        report(Problem(root.sourceline, f"<tmx version={version!r}>: not TMX {', '.join(KNOWN_VERSIONS)}"))
    return version


def _walk(path: str | os.PathLike, report: Report) -> Iterator[TmxHeader | TmxUnit]:
    """Stream ``path``: yield its :class:`TmxHeader` first, then every :class:`TmxUnit`.

    Every problem found goes to ``report``, which must raise on a ``fatal`` one: the walk cannot go
    on after it. Each finished unit is deleted from the tree, so memory does not grow with the file.
    """
    try:
        events = etree.iterparse(
            str(path), events=("start", "end"), resolve_entities=False, no_network=True,
            load_dtd=False, huge_tree=False, remove_blank_text=False,
        )
    except OSError as err:
        raise VienalignError(f"cannot read: {err.strerror or err}", path) from None
    structure = _Structure(report)
    try:
        for event, element in events:
            if event == "start":
                if not structure.start(element):
                    return
            else:
                yield from structure.end(element)
    except etree.XMLSyntaxError as err:
        report(_syntax_problem(err))


class _Structure:
    """What :func:`_walk` has read of the ``<tmx>`` element so far: the depth of the current element,
    the header, whether a ``<body>`` was seen, and the version (known once the root's start tag is
    known to be complete). Problems go to ``report``."""

    def __init__(self, report: Report):
        self.report = report
        self.depth = 0
        self.header: TmxHeader | None = None
        self.body_seen = False
        self.version: str | None = None

    def start(self, element: etree._Element) -> bool:
        """Check the order of the root's children at their start; False after a fatal problem."""
        self.depth += 1
        if self.depth != 2:
            return True
        if self.version is None:
            self.version = _check_root(element.getparent(), self.report)
        if element.tag == "body":
            _check_declared(element, self.report)
            if self.header is None:
                self.report(Problem(element.sourceline, "<body> before any <header>", "fatal"))
                return False
            if self.body_seen:
                self.report(Problem(element.sourceline, "a second <body>"))
            self.body_seen = True
        elif element.tag == "header" and (self.header is not None or self.body_seen):
            self.report(Problem(element.sourceline, "a second <header>, or one after <body>"))
        return True

    def end(self, element: etree._Element) -> Iterator[TmxHeader | TmxUnit]:
        """The header or unit that ``element`` completes, if any.

        Misplaced elements are reported at their end, so that a file cut off inside a tag gets one
        problem (not well-formed), not also one for the half-read tag.
        """
        self.depth -= 1
        if self.depth == 1:
            yield from self._end_child_of_root(element)
        elif self.depth == 2 and element.getparent().tag == "body":
            yield from self._end_child_of_body(element)
        elif self.depth == 0:
            self._end_root(element)

    def _end_child_of_root(self, element: etree._Element) -> Iterator[TmxHeader]:
        if element.tag == "header":
            if self.header is None:
                self.header = _read_header(element, self.version, self.report)
                yield self.header
        elif element.tag == "body":
            if len(element):
                _check_stray_text(element[-1], self.report, tail=True)
            else:
                _check_stray_text(element, self.report)
        else:
            self.report(Problem(element.sourceline, f"<{element.tag}> is not allowed inside <tmx>"))

    def _end_child_of_body(self, element: etree._Element) -> Iterator[TmxUnit]:
        if element.tag == "tu":
            yield _read_unit(element, self.header, self.report)
        else:
            self.report(Problem(element.sourceline, f"<{element.tag}> is not allowed inside <body>"))
        parent = element.getparent()
        if element.getprevious() is None:
            _check_stray_text(parent, self.report)
        while element.getprevious() is not None:  # drop what earlier units left behind
            _check_stray_text(parent[0], self.report, tail=True)  # its tail is complete now
            del parent[0]
        element.clear(keep_tail=True)

    def _end_root(self, element: etree._Element) -> None:
        if self.version is None:
            self.version = _check_root(element, self.report)
        _check_stray_text(element, self.report)
        for child in element:
            _check_stray_text(child, self.report, tail=True)
        if self.header is None:
            self.report(Problem(element.sourceline, "no <header> in <tmx>", "fatal"))
        elif not self.body_seen:
            self.report(Problem(element.sourceline, "no <body> in <tmx>"))


def validate(path: str | os.PathLike, max_problems: int = 1000) -> list[Problem]:
    """Every problem in the TMX file ``path`` (at most ``max_problems``), in file order; ``[]`` means
    valid. Problems are listed, not raised; a ``fatal`` one ends the list."""
    problems: list[Problem] = []

    class _Enough(Exception):
        pass

    def collect(problem: Problem) -> None:
        problems.append(problem)
        if problem.level == "fatal" or len(problems) >= max_problems:
            raise _Enough

    try:
        for _ in _walk(path, collect):
            pass
    except _Enough:
        pass
    return problems


def _raise_fatal(path: object, counts: Counter) -> Report:
    """A reporter for reading: fatal problems become a one-line :class:`VienalignError`, the others
    are counted (the file is still read) and logged at debug level."""

    def report(problem: Problem) -> None:
        if problem.level == "fatal":
            raise VienalignError(problem.message, path, problem.line)
        counts[problem.level] += 1
        log.debug("%s", problem.format(path))

    return report


def open_tmx(path: str | os.PathLike) -> tuple[TmxHeader, Iterator[TmxUnit]]:
    """The header of TMX file ``path`` and a stream of its units.

    A file that cannot be read as TMX (not XML, wrong root, no header or one missing a required
    attribute, truncated)
    raises :class:`VienalignError` naming the problem and the line, possibly only once the stream
    reaches the broken spot. Lesser problems are tolerated and counted in one log warning.
    """
    counts: Counter = Counter()
    walk = _walk(path, _raise_fatal(path, counts))
    try:
        header = next(walk)
    except StopIteration:  # the walk only ends early after a fatal report, which raised
        raise VienalignError("no <header> in <tmx>", path) from None

    def units() -> Iterator[TmxUnit]:
        yield from walk  # type: ignore[misc]  # everything after the header is a unit
        if counts:
            log.warning("%s: read with %d errors and %d warnings (run `tmx validate` for the list)",
                        path, counts["error"], counts["warning"])

    return header, units()


def tmx_info(path: str | os.PathLike) -> TmxInfo:
    """Units, languages and size of TMX file ``path`` (read to the end, so a broken tail is found)."""
    counts: Counter = Counter()
    languages: Counter = Counter()
    walk = _walk(path, _raise_fatal(path, counts))
    header = next(walk)
    units = 0
    for unit in walk:
        units += 1
        languages.update(code for code, _ in unit.variants)  # type: ignore[union-attr]
    return TmxInfo(
        path=str(path), bytes=Path(path).stat().st_size, version=header.version,  # type: ignore[union-attr]
        srclang=header.srclang, creationtool=" ".join(  # type: ignore[union-attr]
            filter(None, (header.attributes.get("creationtool"), header.attributes.get("creationtoolversion")))),
        units=units, languages=dict(languages), problems=counts["error"] + counts["warning"],
    )
