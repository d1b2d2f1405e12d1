"""TMX 1.4 output that CAT tools accept, and the tools that rewrite TMX: merge, filter, TSV conversion.

Written for OmegaT, Trados, memoQ and translate-toolkit, each of which fails in its own way on a
sloppy file (checked with OmegaT 3.6 and translate-toolkit; see ``tests/test_tmx_consumers.py``):

- the header carries all seven attributes the DTD requires; OmegaT drops a file without ``srclang``;
- ``xml:lang`` is a BCP 47 code, ``vi``/``en`` or with a region ``vi-VN``; ``vi_VN`` or ``vie`` match
  nothing in OmegaT, so codes are normalised (``vi_VN`` → ``vi-VN``, ``vie`` → ``vi``) or refused;
- segment text is cleaned by :func:`clean_segment`: characters XML 1.0 forbids (C0 controls, lone
  surrogates, U+FFFE/U+FFFF; one form feed from a PDF makes OmegaT reject the whole file) and C1
  controls are removed, whitespace runs including line breaks become one space, the ends are
  trimmed, and the text is NFC (translate-toolkit does not normalise, so NFD text would never match);
- nothing but text goes inside ``<seg>``: no pretty-printing, which would break exact matches;
- a unit with an empty side is skipped (OmegaT would insert an empty translation), and so is a
  repeated (source, target) pair.

**Multi-sentence beads.** A 2-1 or 2-2 bead becomes one unit whose sides join the sentences with a
space, marked ``<tu segtype="paragraph">`` while the header says ``segtype="sentence"`` (the DTD allows
``segtype`` on ``<tu>``). The label is honest: the unit is not one sentence pair. What consumers do
with it (tested): OmegaT 3.6 ignores ``segtype`` on ``<tu>`` (it honours only the header's); with its
default sentence segmentation the source document's sentences are looked up one by one, so such a unit
never gives an exact match, only fuzzy ones, and with sentence segmentation off it matches a whole
paragraph exactly. translate-toolkit reads it as an ordinary unit. We do not split a bead into
per-sentence units, because which source sentence translates which target sentence is exactly what
the aligner could not tell. Filter them out with ``tmx filter`` if a tool must see sentences only.

**Merging** (:func:`merge_tmx`) keeps one unit per source segment: among units with the same source
text, the one with the highest ``x-score`` wins; units without a score lose to scored ones; ties go to
the first in input order. This needs two passes over the inputs (the first picks the winners, keyed
by a 128-bit hash of the source text), so memory grows only by a few dozen bytes per distinct source.

Writing streams through ``lxml.etree.xmlfile``: each unit is serialised as it is added, so memory is
flat apart from the set of hashes used to drop duplicates.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Container, Iterable, Iterator, Mapping

from lxml import etree

from ._version import __version__
from .errors import VienalignError
from .formats import output_signature
from .normalize import nfc
from .textio import atomic_write, read_text
from .tmx_read import SEGTYPES, XML_LANG, TmxHeader, TmxUnit, normalize_language_code, open_tmx, same_language
from .types import MIN_SCORE, Alignment, Bead

log = logging.getLogger(__name__)

# Removed from segment text: what XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates,
# U+FFFE, U+FFFF) and the C1 controls (legal but discouraged; in practice mojibake from a bad decode).
# The C0 controls that separate text (vertical tab, form feed, U+001C-U+001F) become spaces instead.
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Collapsed to one space: ASCII whitespace and the other line and page breaks. No-break spaces are
# kept: they are typography, not layout.
_BREAKING_SPACE = re.compile("[\t\n\x0b\x0c\r \x1c-\x1f\x85\u2028\u2029]+")

TMX_SUFFIX = ".tmx"
ADMIN_LANG = "en"


def clean_segment(text: str) -> str:
    """``text`` as it goes into a ``<seg>``: unwanted characters removed, whitespace runs collapsed to
    one space, trimmed of all whitespace, NFC.

    >>> clean_segment(" Tie\\u0302\\u0301ng\\x0cVie\\u0323\\u0302t\\n\\n  nói\\x00 ")
    'Tiếng Việt nói'
    """
    text = _UNWANTED.sub("", text)
    text = nfc(text)
    return _BREAKING_SPACE.sub(" ", text).strip()  # strip(): no-break spaces at the ends go too


def _clean_attribute(value: str) -> str:
    return _BREAKING_SPACE.sub(" ", _UNWANTED.sub("", value)).strip(" ")


def tmx_date(moment: datetime | None = None) -> str:
    """A TMX date, ``YYYYMMDDThhmmssZ`` in UTC (now by default)."""
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def language_tag(lang: str, locale: str | None = None, path: object = None) -> str:
    """The ``xml:lang`` for language ``lang`` (``vi``), optionally narrowed to ``locale`` (``vi-VN``).

    >>> language_tag("vi", "vi_vn")
    'vi-VN'
    """
    try:
        tag = normalize_language_code(lang)
        if locale:
            narrowed = normalize_language_code(locale)
            if narrowed.split("-")[0] != tag.split("-")[0]:
                raise ValueError(f"locale {locale!r} is not a variety of language {lang!r}")
            tag = narrowed
    except ValueError as err:
        raise VienalignError(str(err), path) from None
    return tag


def _unit_key(*texts: str) -> bytes:
    """A 128-bit hash standing in for ``texts`` in the duplicate sets (chance of any collision among
    n units ~ n²/2^129: 2^-65 at four billion)."""
    return hashlib.blake2b("\x00".join(texts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


class TmxWriter:
    """Write a TMX 1.4 file unit by unit, atomically (the file appears when the ``with`` block ends).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "x.tmx")
    >>> with TmxWriter(path) as tmx:
    ...     tmx.add("Xin chào.", "Hello.", {"x-score": "0.900"}), tmx.add("Xin chào.", "Hello.", {})
    (True, False)
    >>> tmx.written
    1
    """

    def __init__(
        self,
        path: str | os.PathLike,
        src_lang: str = "vi",
        tgt_lang: str = "en",
        *,
        src_locale: str | None = None,
        tgt_locale: str | None = None,
        header_props: Mapping[str, str] | None = None,
    ):
        if not str(path).lower().endswith(TMX_SUFFIX):
            raise VienalignError(f"a TMX file name must end in {TMX_SUFFIX}", path)
        self.path = path
        self.src_lang = language_tag(src_lang, src_locale, path)
        self.tgt_lang = language_tag(tgt_lang, tgt_locale, path)
        if self.src_lang == self.tgt_lang:
            raise VienalignError(f"source and target language are both {self.src_lang}", path)
        self.header_props = dict(header_props or {})
        self.written = 0
        self.skipped_empty = 0
        self.skipped_duplicate = 0
        self._seen: set[bytes] = set()
        self._stack: contextlib.ExitStack | None = None
        self._xml = None

    def __enter__(self) -> TmxWriter:
        with contextlib.ExitStack() as stack:
            stream = stack.enter_context(atomic_write(self.path, "wb"))
            stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
            stack.callback(stream.write, b"\n")  # after </tmx>, which xmlfile writes on exit
            xml = stack.enter_context(etree.xmlfile(stream, encoding="UTF-8"))
            stack.enter_context(xml.element("tmx", version="1.4"))
            xml.write("\n", self._header(), "\n")
            stack.callback(xml.write, "\n")  # between </body> and </tmx>
            stack.enter_context(xml.element("body"))
            xml.write("\n")
            self._stack, self._xml = stack.pop_all(), xml
        return self

    def __exit__(self, *exc_info) -> bool | None:
        stack, self._stack, self._xml = self._stack, None, None
        if exc_info[0] is None:
            log.info("%s: %d units written, %d skipped as duplicates, %d with an empty side",
                     self.path, self.written, self.skipped_duplicate, self.skipped_empty)
        return stack.__exit__(*exc_info)

    def _header(self) -> etree._Element:
        header = etree.Element("header", {
            "creationtool": "vienalign",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "vienalign",
            "adminlang": ADMIN_LANG,
            "srclang": self.src_lang,
            "datatype": "plaintext",
            "creationdate": tmx_date(),
        })
        for kind, value in self.header_props.items():
            etree.SubElement(header, "prop", type=_clean_attribute(kind)).text = _clean_attribute(value)
        return header

    def add(self, src_text: str, tgt_text: str, props: Mapping[str, str], *, segtype: str | None = None) -> bool:
        """Write one unit; ``False`` when it was skipped (a side empty after cleaning, or a repeat).

        ``props`` become ``<prop type=KEY>VALUE</prop>`` in order; ``segtype`` (e.g. ``"paragraph"``)
        labels a unit that is not one sentence pair.
        """
        if self._xml is None:
            raise RuntimeError("TmxWriter.add outside its with block")
        if segtype is not None and segtype not in SEGTYPES:
            raise ValueError(f"segtype {segtype!r} is not one of {SEGTYPES}")
        src, tgt = clean_segment(src_text), clean_segment(tgt_text)
        if not src or not tgt:
            self.skipped_empty += 1
            return False
        key = _unit_key(src, tgt)
        if key in self._seen:
            self.skipped_duplicate += 1
            return False
        self._seen.add(key)
        tu = etree.Element("tu", {"segtype": segtype} if segtype and segtype != "sentence" else {})
        for kind, value in props.items():
            etree.SubElement(tu, "prop", type=_clean_attribute(kind)).text = _clean_attribute(value)
        for lang, text in ((self.src_lang, src), (self.tgt_lang, tgt)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
        self._xml.write(tu, "\n")
        self.written += 1
        return True


def bead_props(score: float, kind: str, document: str = "", reviewed: bool = False) -> dict[str, str]:
    """The ``<prop>``\\ s of one unit: ``x-score`` (3 decimals), ``x-bead`` (``2-1``), ``x-document``,
    and ``x-reviewed`` (``yes``) when a person checked the unit."""
    props = {"x-score": f"{score:.3f}", "x-bead": kind}
    if document:
        props["x-document"] = document
    if reviewed:
        props["x-reviewed"] = "yes"
    return props


def write_tmx(
    path: str | os.PathLike,
    alignment: Alignment,
    *,
    document: str = "",
    min_score: float = MIN_SCORE,
    src_locale: str | None = None,
    tgt_locale: str | None = None,
    lexicon: str | None = None,
    reviewed: Container[Bead] = (),
) -> int:
    """Write the non-null beads of ``alignment`` scoring at least ``min_score`` as TMX; the number
    of units written (beads with an empty side after cleaning, and repeats, are skipped).

    The alignment's signature, with ``min_score`` and the user's ``lexicon`` file name added (see
    :func:`align.formats.output_signature`), goes into the header as ``<prop type="x-signature">``;
    the beads in ``reviewed`` (checked by a person, see :mod:`align.review`) get
    ``<prop type="x-reviewed">``.
    """
    signature = output_signature(alignment.signature, min_score=min_score, lexicon=lexicon)
    header_props = {"x-signature": signature} if signature else {}
    with TmxWriter(path, alignment.src_lang, alignment.tgt_lang, src_locale=src_locale,
                   tgt_locale=tgt_locale, header_props=header_props) as tmx:
        for src, tgt, bead in alignment.pairs(min_score):
            segtype = "sentence" if bead.kind == "1-1" else "paragraph"
            tmx.add(src, tgt, bead_props(bead.score, bead.kind, document, bead in reviewed), segtype=segtype)
    return tmx.written


# --- rewriting TMX -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rewrite:
    """What a merge, filter or conversion did: units read, units written, and the output."""

    read: int
    written: int
    output: str

    def summary(self) -> str:
        return f"{self.output}: {self.written:,} of {self.read:,} units written"


def _first_unit(units: Iterator[TmxUnit]) -> tuple[TmxUnit | None, Iterator[TmxUnit]]:
    """The first unit (to learn the target language from) and the stream, still whole."""
    first = next(units, None)
    return first, (units if first is None else _chain(first, units))


def _chain(first: TmxUnit, rest: Iterator[TmxUnit]) -> Iterator[TmxUnit]:
    yield first
    yield from rest


def _languages(path: object, header: TmxHeader, first: TmxUnit | None,
               src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    """The language pair to read: given, else the header's ``srclang`` and the first other language
    of the first unit."""
    src = src_lang or header.srclang
    if src == "*all*":
        raise VienalignError("srclang is *all*: name the source language with --src-lang", path)
    if tgt_lang:
        return src, tgt_lang
    if first is not None:
        src_language = src.replace("_", "-").split("-")[0]
        for code, _ in first.variants:
            if not same_language(code, src_language):
                return src, code
    raise VienalignError("cannot tell the target language (no unit with a second language); "
                         "use --tgt-lang", path)


def _pairs(path: object, units: Iterable[TmxUnit], src: str, tgt: str) -> Iterator[tuple[str, str, TmxUnit]]:
    """(source text, target text, unit) of the units with both languages; the others are counted."""
    missing = 0
    for unit in units:
        src_text, tgt_text = unit.text(src), unit.text(tgt)
        if src_text is None or tgt_text is None:
            missing += 1
            continue
        yield src_text, tgt_text, unit
    if missing:
        log.warning("%s: %d units without both %s and %s skipped", path, missing, src, tgt)


def _copy_segtype(unit: TmxUnit) -> str | None:
    """The unit's ``segtype`` if it is a legal one (a foreign file may hold anything there)."""
    return unit.segtype if unit.segtype in SEGTYPES else None


def _copy_props(unit: TmxUnit) -> dict[str, str]:
    props: dict[str, str] = {}
    for kind, value in unit.props:
        props.setdefault(kind, value)  # the first prop of a type wins, as in TmxUnit.prop
    return props


def merge_tmx(
    paths: Iterable[str | os.PathLike],
    output: str | os.PathLike,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Rewrite:
    """Merge TMX files into ``output``: repeats removed, one target kept per source segment (the
    rule is in the module docstring). The language pair is the first file's unless given."""
    paths = list(paths)
    if not paths:
        raise VienalignError("nothing to merge: no input files", output)
    header, units = open_tmx(paths[0])
    first, _ = _first_unit(units)
    src, tgt = _languages(paths[0], header, first, src_lang, tgt_lang)

    def all_pairs() -> Iterator[tuple[str, str, TmxUnit]]:
        for path in paths:
            _, stream = open_tmx(path)
            for src_text, tgt_text, unit in _pairs(path, stream, src, tgt):
                yield clean_segment(src_text), clean_segment(tgt_text), unit

    # Pass 1: the winning unit (its ordinal) for every source segment.
    best: dict[bytes, tuple[float, int]] = {}
    read = 0
    for ordinal, (src_text, tgt_text, unit) in enumerate(all_pairs()):
        read += 1
        if not src_text or not tgt_text:
            continue
        score = unit.score if unit.score is not None else float("-inf")
        key = _unit_key(src_text)
        if key not in best or score > best[key][0]:
            best[key] = (score, ordinal)
    # Pass 2: write the winners, in input order.
    with TmxWriter(output, src, tgt) as tmx:
        for ordinal, (src_text, tgt_text, unit) in enumerate(all_pairs()):
            winner = best.get(_unit_key(src_text))
            if winner is not None and winner[1] == ordinal:
                tmx.add(src_text, tgt_text, _copy_props(unit), segtype=_copy_segtype(unit))
    return Rewrite(read, tmx.written, str(output))


def filter_tmx(path: str | os.PathLike, output: str | os.PathLike, min_score: float) -> Rewrite:
    """Copy the units of ``path`` whose ``x-score`` is at least ``min_score`` to ``output``.

    A unit without a numeric ``x-score`` cannot be shown to pass, so it is dropped.
    """
    header, units = open_tmx(path)
    first, units = _first_unit(units)
    src, tgt = _languages(path, header, first, None, None)
    read = 0
    with TmxWriter(output, src, tgt) as tmx:
        for src_text, tgt_text, unit in _pairs(path, units, src, tgt):
            read += 1
            if unit.score is not None and unit.score >= min_score:
                tmx.add(src_text, tgt_text, _copy_props(unit), segtype=_copy_segtype(unit))
    return Rewrite(read, tmx.written, str(output))


TSV_COLUMNS = ("source", "target", "x-score", "x-bead", "x-document")
"""TSV columns, no header row; the first four are those of ``align -f tsv``. Only the first two are
required when reading."""


def tmx_to_tsv(path: str | os.PathLike, output: str | os.PathLike, *, src_lang: str | None = None,
               tgt_lang: str | None = None) -> Rewrite:
    """Write the units of TMX ``path`` as TSV rows (:data:`TSV_COLUMNS`); text cleaned as for TMX,
    so a row never holds a tab or a line break."""
    header, units = open_tmx(path)
    first, units = _first_unit(units)
    src, tgt = _languages(path, header, first, src_lang, tgt_lang)
    read = written = 0
    with atomic_write(output) as out:
        for src_text, tgt_text, unit in _pairs(path, units, src, tgt):
            read += 1
            row = [clean_segment(src_text), clean_segment(tgt_text),
                   *(clean_segment(unit.prop(kind) or "") for kind in TSV_COLUMNS[2:])]
            if row[0] and row[1]:
                out.write("\t".join(row) + "\n")
                written += 1
    if read > written:  # a row needs both sides; say so rather than drop units silently
        log.warning("%s: %d units with an empty %s or %s segment not written", path, read - written, src, tgt)
    return Rewrite(read, written, str(output))


def _tsv_rows(path: str | os.PathLike) -> Iterator[tuple[int, list[str]]]:
    for lineno, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise VienalignError("not a TSV row (expected source<TAB>target[<TAB>score ...])", path, lineno)
        if len(fields) > len(TSV_COLUMNS):
            raise VienalignError(f"{len(fields)} columns; at most {len(TSV_COLUMNS)} "
                                 f"({', '.join(TSV_COLUMNS)})", path, lineno)
        if len(fields) > 2 and fields[2].strip():
            try:
                score = float(fields[2])
            except ValueError:
                raise VienalignError(f"score {fields[2]!r} is not a number", path, lineno) from None
            if not math.isfinite(score):
                raise VienalignError(f"score {fields[2]!r} is not a finite number", path, lineno)
        yield lineno, fields


def tsv_to_tmx(path: str | os.PathLike, output: str | os.PathLike, *, src_lang: str = "vi",
               tgt_lang: str = "en", src_locale: str | None = None, tgt_locale: str | None = None) -> Rewrite:
    """Write the rows of a TSV file (:data:`TSV_COLUMNS`; ``-`` for standard input) as TMX units."""
    read = 0
    with TmxWriter(output, src_lang, tgt_lang, src_locale=src_locale, tgt_locale=tgt_locale) as tmx:
        for _, fields in _tsv_rows(path):
            read += 1
            props = {kind: value.strip() for kind, value in zip(TSV_COLUMNS[2:], fields[2:]) if value.strip()}
            bead = props.get("x-bead", "1-1")
            tmx.add(fields[0], fields[1], props, segtype="sentence" if bead == "1-1" else "paragraph")
    return Rewrite(read, tmx.written, str(output))

