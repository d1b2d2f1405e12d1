"""vienalign: Vietnamese-English sentence splitting, parallel-text alignment and TMX output.

The public API, in the order of the data flow::

    read_sentences(path, lang) -> list[Sentence]             a document (txt, docx, odt, html, md, srt,
                                                             vtt, pdf) read and split
    split(text, lang) -> list[Sentence]                      sentence segmentation with offsets
    align(src, tgt, src_lang, tgt_lang) -> Alignment         beads with scores in [0, 1]
    write_tmx(path, alignment) -> int                        a TMX 1.4 file for CAT tools
    evaluate(gold_docs, test_docs) -> Score                  strict/lax P/R/F1
"""

from ._version import __version__
from .aligner import Params, align, align_texts
from .document import read_sentences
from .errors import VienalignError
from .evaluate import Score, evaluate
from .formats import read_ladder, write_alignment, write_ladder
from .lexicon import Lexicon, read_lexicon
from .segment import sentences_to_lines, split
from .tmx import write_tmx
from .types import MIN_SCORE, Alignment, Bead, Paragraph, Sentence

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
