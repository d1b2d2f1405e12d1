"""Alignment output formats: the bead file (ladder), TSV and JSON; TMX is delegated to :mod:`align.tmx`.

The bead file is the format of the Text+Berg and Bible gold sets and of vecalign: one bead a line,
``[3, 4]:[5]`` (source sentences 3 and 4 with target sentence 5, 0-based indices over the non-empty
lines), ``[7]:[]`` and ``[]:[9]`` for unaligned sentences, optionally followed by ``:0.823456``, the
bead's score. :func:`read_ladder` and :func:`write_ladder` are a pair: what one writes the other reads
back unchanged.
"""

from __future__ import annotations

import json
import os
import re
from typing import Iterable, Sequence

from .errors import VienalignError
from .textio import atomic_write, read_text
from .types import MIN_SCORE, Alignment, Bead

FORMATS = ("tmx", "ladder", "tsv", "json")
"""The values ``write_alignment`` (and ``align -f``) accepts."""
EXTENSIONS = {".tmx": "tmx", ".ladder": "ladder", ".tsv": "tsv", ".json": "json"}
"""The output format an output file's extension stands for (``align -o x.tmx`` without ``-f``)."""


def format_for(path: str | os.PathLike, fmt: str | None = None, default: str = "ladder") -> str:
    """The output format: ``fmt`` when given, else the one ``path``'s extension names, else
    ``default`` for standard output (``-``); an unknown extension is an error, never a guess.

    >>> format_for("talk.TMX"), format_for("-"), format_for("x.txt", "tsv")
    ('tmx', 'ladder', 'tsv')
    """
    if fmt is not None:
        return fmt
    if str(path) == "-":
        return default
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix not in EXTENSIONS:
        raise VienalignError(f"cannot tell the output format from the extension {suffix or '(none)'!r}: "
                             f"name the file {' or '.join('*' + e for e in EXTENSIONS)}, or give -f", path)
    return EXTENSIONS[suffix]


def output_signature(signature: str, *, min_score: float | None = None, lexicon: str | None = None) -> str:
    """The alignment's ``signature`` with what the writer added: the threshold pairs were written
    at and the user's lexicon file, before the version (which stays last).

    >>> output_signature("lexical_weight:6.0|version:0.1.0", min_score=0.9, lexicon="dict.tsv")
    'lexical_weight:6.0|min_score:0.9|lexicon:dict.tsv|version:0.1.0'
    """
    added = ([f"min_score:{min_score:g}"] if min_score is not None else []) + (
        [f"lexicon:{lexicon}"] if lexicon else [])
    if not added:
        return signature
    head, sep, version = signature.rpartition("|version:")
    if not sep:
        return "|".join(filter(None, [signature, *added]))
    return "|".join([head, *added]) + sep + version

_INDEX_LIST = r"\[\s*(?:\d+\s*(?:,\s*\d+\s*)*)?\]"
_LADDER_LINE = re.compile(
    rf"^\s*(?P<src>{_INDEX_LIST})\s*:\s*(?P<tgt>{_INDEX_LIST})\s*(?::\s*(?P<score>[-+0-9.eE]+)\s*)?$"
)


def _indices(field: str) -> tuple[int, ...]:
    """``"[3, 4]"`` → ``(3, 4)``; the regex has already checked the shape, so only ints remain."""
    inner = field.strip()[1:-1]
    return tuple(int(part) for part in inner.split(",")) if inner.strip() else ()


def parse_ladder_line(line: str, path: object = "<ladder>", lineno: int | None = None) -> Bead:
    """One bead from one bead-file line; a malformed line raises :class:`VienalignError`.

    >>> parse_ladder_line("[3, 4]:[5]")
    Bead(src=(3, 4), tgt=(5,), score=1.0)
    >>> parse_ladder_line("[7]:[]:0.25")
    Bead(src=(7,), tgt=(), score=0.25)
    """
    match = _LADDER_LINE.match(line)
    if match is None:
        shown = line.strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise VienalignError(f"not a bead line (expected e.g. [3, 4]:[5]): {shown!r}", path, lineno)
    src, tgt = _indices(match["src"]), _indices(match["tgt"])
    if not src and not tgt:
        raise VienalignError("bead with both sides empty ([]:[])", path, lineno)
    for side in (src, tgt):
        if len(set(side)) != len(side):
            raise VienalignError(f"sentence index repeated within a bead: {line.strip()!r}", path, lineno)
    if match["score"] is None:
        return Bead(src, tgt)
    try:
        score = float(match["score"])
    except ValueError:
        raise VienalignError(f"bad bead score {match['score']!r}", path, lineno) from None
    if not 0.0 <= score <= 1.0:
        raise VienalignError(f"bead score {score} outside [0, 1]", path, lineno)
    return Bead(src, tgt, score)


def read_ladder(path_or_lines: str | os.PathLike | Iterable[str]) -> list[Bead]:
    """The beads of a bead file, in file order.

    ``path_or_lines`` is a file name (``str`` or path; ``-`` is standard input) or an iterable of
    lines already read. Blank lines are skipped. Indices are kept exactly as written (the Text+Berg
    gold has a few beads out of order and one sentence in two beads; published scores keep them).
    Beads without a score get ``1.0``.
    """
    if isinstance(path_or_lines, (str, os.PathLike)):
        path: object = path_or_lines
        lines: Iterable[str] = read_text(path_or_lines).splitlines()
    else:
        path, lines = "<ladder>", path_or_lines
    return [
        parse_ladder_line(line, path, lineno)
        for lineno, line in enumerate(lines, start=1)
        if line.strip()
    ]


def format_bead(bead: Bead, with_score: bool = False) -> str:
    """The bead-file line of ``bead`` (no newline), as vecalign prints it.

    >>> format_bead(Bead((3, 4), (5,), 0.5), with_score=True)
    '[3, 4]:[5]:0.500000'
    """
    line = f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]"
    return f"{line}:{bead.score:.6f}" if with_score else line


def write_ladder(beads: Iterable[Bead], path: str | os.PathLike, *, with_scores: bool = False) -> None:
    """Write ``beads`` as a bead file (atomically; ``-`` is standard output), every bead a line."""
    with atomic_write(path) as out:
        out.writelines(format_bead(bead, with_scores) + "\n" for bead in beads)


def _one_line(text: str) -> str:
    """``text`` with tabs and line breaks turned into spaces, so it fits one TSV field."""
    return " ".join(text.replace("\t", " ").splitlines())


def tsv_lines(alignment: Alignment, min_score: float = MIN_SCORE) -> list[str]:
    """TSV rows ``source<TAB>target<TAB>score<TAB>bead kind`` for the non-null beads ≥ ``min_score``.

    Multi-sentence sides are joined with a space. There is no header row, so the file can be fed
    straight to ``cut``, ``paste`` or a TM import.
    """
    return [
        f"{_one_line(src)}\t{_one_line(tgt)}\t{bead.score:.4f}\t{bead.kind}"
        for src, tgt, bead in alignment.pairs(min_score)
    ]


def alignment_to_json(alignment: Alignment, lexicon: str | None = None) -> dict:
    """One JSON-ready object: signature, languages, and every bead with indices, texts and score.

    All beads are listed, null ones included (like the ladder), so a consumer can apply its own
    threshold on ``score``.
    """
    return {
        "signature": output_signature(alignment.signature, lexicon=lexicon),
        "languages": {"src": alignment.src_lang, "tgt": alignment.tgt_lang},
        "beads": [
            {
                "src": list(bead.src),
                "tgt": list(bead.tgt),
                "kind": bead.kind,
                "score": bead.score,
                "src_text": " ".join(alignment.src[i] for i in bead.src),
                "tgt_text": " ".join(alignment.tgt[j] for j in bead.tgt),
            }
            for bead in alignment.beads
        ],
    }


def write_alignment(
    alignment: Alignment,
    path: str | os.PathLike,
    fmt: str,
    *,
    min_score: float = MIN_SCORE,
    lexicon: str | None = None,
    **tmx_options,
) -> int:
    """Write ``alignment`` to ``path`` (``-``: standard output) in format ``fmt`` (one of FORMATS);
    return the number of records written (TMX units, TSV rows, ladder or JSON beads).

    ``min_score`` drops non-null beads scoring below it from TSV and TMX output. The ladder and JSON
    are complete records of the alignment and always list every bead. ``lexicon`` names the user's
    lexicon file in the TMX and JSON signatures. ``tmx_options`` go to :func:`align.tmx.write_tmx`.
    """
    if fmt == "tmx":
        from .tmx import write_tmx  # the TMX writer pulls in lxml; only load it when asked for

        return write_tmx(path, alignment, min_score=min_score, lexicon=lexicon, **tmx_options)
    if tmx_options:
        raise VienalignError(f"options {sorted(tmx_options)} only apply to TMX output, not {fmt}", path)
    if fmt == "ladder":
        write_ladder(alignment.beads, path)
        return len(alignment.beads)
    if fmt == "tsv":
        rows = tsv_lines(alignment, min_score)
        with atomic_write(path) as out:
            out.writelines(row + "\n" for row in rows)
        return len(rows)
    if fmt == "json":
        with atomic_write(path) as out:
            json.dump(alignment_to_json(alignment, lexicon), out, ensure_ascii=False, indent=1)
            out.write("\n")
        return len(alignment.beads)
    raise VienalignError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})", path)


def beads_cover(beads: Sequence[Bead], n_src: int, n_tgt: int) -> bool:
    """Whether every source and target sentence is in exactly one bead and the beads are in order."""
    next_src = next_tgt = 0
    for bead in beads:
        if bead.src != tuple(range(next_src, next_src + len(bead.src))):
            return False
        if bead.tgt != tuple(range(next_tgt, next_tgt + len(bead.tgt))):
            return False
        next_src += len(bead.src)
        next_tgt += len(bead.tgt)
    return next_src == n_src and next_tgt == n_tgt
