"""An independent SRX engine (choppa-srx) reading our exported rules, and the running texts the
tests and ``scripts/bench_srx.py`` compare its sentences with ours on.

    document = choppa_document(["vi", "en"])   # our SRX 2.0, checked against the schema
    spans = engine_spans(document, "vi", text)  # (start, end) of each sentence, trimmed
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from align.srx import srx_document

ROOT = Path(__file__).resolve().parents[1]
SEED_LANGS = {"000": "vi", "001": "vi", "002": "en", "003": "vi", "004": "en"}


def running_texts() -> list[tuple[str, str, Path]]:
    """(set, language, path) of every running text of the project's corpora and the seeds."""
    found = [(folder, lang, ROOT / "corpora" / folder / f"{lang}.txt")
             for folder in ("segmentation", "segmentation-heldout") for lang in ("vi", "en")]
    found += [("policy-vi-en", path.suffixes[-2].lstrip("."), path)
              for path in sorted((ROOT / "corpora" / "policy-vi-en").glob("*.txt"))]
    found += [("seeds", SEED_LANGS[path.name[:3]], path) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    return found


def choppa_document(langs: list[str]):
    """choppa-srx's ``SrxDocument`` of our rules for ``langs``, validated against the SRX 2.0 schema
    (raises if they are not SRX 2.0). Needs the ``choppa-srx`` package."""
    from choppa import SRX_2_XSD, SrxDocument

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vienalign.srx"
        path.write_text(srx_document(langs), encoding="utf-8")
        return SrxDocument(ruleset=str(path), validate_ruleset=SRX_2_XSD)


def engine_spans(document, lang: str, text: str) -> list[tuple[int, int]]:
    """The engine's sentences of ``text`` as (start, end) offsets, trimmed of whitespace."""
    from choppa.iterators import SrxTextIterator

    spans, position = [], 0
    for segment in SrxTextIterator(document, lang, text):
        start, end = position + len(segment) - len(segment.lstrip()), position + len(segment.rstrip())
        if end > start:
            spans.append((start, end))
        position += len(segment)
    return spans
