"""XLIFF 1.2 output of a pre-translation, for Trados, memoQ, OmegaT (Okapi filter), Poedit.

One ``<file>`` (``datatype="plaintext"``, ``original`` = the input's name) with one ``<trans-unit>`` per
sentence, in document order, ``id`` the sentence's number. Inside it:

- ``<source>``: the sentence;
- ``<target>``: the best match when it reaches ``--min-match``, with ``state="translated"`` and
  ``state-qualifier="exact-match"`` for a 100% match, ``state="needs-review-translation"`` and
  ``state-qualifier="fuzzy-match"`` for a fuzzy one (numbers replaced if it had placeables); no
  ``<target>`` when nothing reached ``--min-match``;
- one ``<alt-trans match-quality="NN" origin="MEMORY.tmx">`` per match found (best first, the memory's
  own source and target; ``NN`` the similarity rounded down, so only an identical key shows 100);
- a ``<note from="vienalign">`` saying which numbers were replaced.

Paragraphs become ``<group restype="x-paragraph">``. The file validates against the OASIS XLIFF 1.2
strict schema (``tests/test_xliff.py``); the text is written as it is, with no inline markup.
"""

from __future__ import annotations

import os

from lxml import etree

from ._version import __version__
from .fuzzy import floor_percent
from .textio import atomic_write
from .translate import Match, Pretranslation

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XLIFF_NS}}}{tag}", attributes)
    element.text = text
    return element


def _target_state(match: Match) -> dict[str, str]:
    if match.exact:
        return {"state": "translated", "state-qualifier": "exact-match"}
    return {"state": "needs-review-translation", "state-qualifier": "fuzzy-match"}


def xliff_tree(pre: Pretranslation) -> etree._ElementTree:
    """The XLIFF document of ``pre`` (see the module docstring)."""
    root = etree.Element(f"{{{XLIFF_NS}}}xliff", {"version": "1.2"}, nsmap={None: XLIFF_NS})
    file = _element(root, "file", original=pre.document or "document", datatype="plaintext",
                    **{"source-language": pre.src_lang, "target-language": pre.tgt_lang})
    header = _element(file, "header")
    _element(header, "tool", **{"tool-id": "vienalign", "tool-name": "vienalign", "tool-version": __version__})
    body = _element(file, "body")
    group = None
    last_para = None
    for segment in pre.segments:
        if group is None or segment.para != last_para:
            group = _element(body, "group", id=f"p{segment.para + 1}", restype="x-paragraph")
            last_para = segment.para
        unit = _element(group, "trans-unit", id=str(segment.number))
        _element(unit, "source", segment.source, **{XML_LANG: pre.src_lang})
        used = pre.used(segment)
        if used is not None:
            _element(unit, "target", used.target, **{XML_LANG: pre.tgt_lang}, **_target_state(used))
        for match in segment.matches:
            alt = _element(unit, "alt-trans", **{"match-quality": str(floor_percent(match.score)),
                                                "origin": match.unit.origin})
            _element(alt, "source", match.unit.source, **{XML_LANG: pre.src_lang})
            _element(alt, "target", match.unit.target, **{XML_LANG: pre.tgt_lang})
        if used is not None and used.placeables:
            changes = ", ".join(f"{old} → {new}" for old, new in used.placeables)
            _element(unit, "note", f"numbers replaced from the memory's match: {changes}", **{"from": "vienalign"})
    return etree.ElementTree(root)


def write_xliff(pre: Pretranslation, path: str | os.PathLike) -> None:
    """Write ``pre`` as XLIFF 1.2 to ``path``, atomically."""
    with atomic_write(path, "wb") as stream:
        xliff_tree(pre).write(stream, xml_declaration=True, encoding="UTF-8", pretty_print=True)
