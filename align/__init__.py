"""vienalign: Vietnamese-English sentence splitting, parallel-text alignment and TMX output.

The public API, in the order of the data flow::

    read_sentences(path, lang) -> list[Sentence]             a document (txt, docx, odt, html, md, srt,
                                                             vtt, pdf) read and split
    split(text, lang) -> list[Sentence]                      sentence segmentation with offsets
    align(src, tgt, src_lang, tgt_lang) -> Alignment         beads with scores in [0, 1]
    write_tmx(path, alignment) -> int                        a TMX 1.4 file for CAT tools
    evaluate(gold_docs, test_docs) -> Score                  strict/lax P/R/F1
"""

from __future__ import annotations

import importlib

from ._version import __version__
from .errors import VienalignError

# The submodule align.evaluate shares its name with the function: importing the submodule binds the
# package's attribute to it, so the function is bound here first, once and for all (evaluate loads
# only the standard library).
from .evaluate import Score, evaluate

# Every other public name is imported when first used (PEP 562), so that `python -m align split` or
# `--version` does not load the aligner's numba and scipy, nor the TMX writer's lxml.
_LAZY = {
    "Params": "aligner", "align": "aligner", "align_texts": "aligner",
    "read_sentences": "document",
    "read_ladder": "formats", "write_alignment": "formats", "write_ladder": "formats",
    "Lexicon": "lexicon", "read_lexicon": "lexicon",
    "sentences_to_lines": "segment", "split": "segment",
    "write_tmx": "tmx",
    "MIN_SCORE": "types", "Alignment": "types", "Bead": "types", "Paragraph": "types", "Sentence": "types",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Alignment",
    "Bead",
    "Lexicon",
    "MIN_SCORE",
    "Paragraph",
    "Params",
    "Score",
    "Sentence",
    "VienalignError",
    "__version__",
    "align",
    "align_texts",
    "evaluate",
    "read_ladder",
    "read_lexicon",
    "read_sentences",
    "sentences_to_lines",
    "split",
    "write_alignment",
    "write_ladder",
    "write_tmx",
]
