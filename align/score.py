"""Scoring translations with sacrebleu (BLEU, chrF, TER), and re-segmenting a hypothesis to its reference.

**Scores.** Everything goes through sacrebleu's API with sacrebleu's defaults, so the numbers are
sacrebleu's: :func:`score_json` prints exactly what ``sacrebleu REF -i HYP -m bleu chrf ter`` prints
(the same scores, rounded to one decimal, with the same signatures), and the files are read the way
sacrebleu reads them (split on ``\\n``, trailing whitespace removed, nothing else normalised).
Sentence-level scores use BLEU with effective order, as sacrebleu's ``--sentence-level`` does.

**Re-segmentation** (:func:`resegment`) is the method of mwerSegmenter (Matusov et al. 2005,
"Evaluating machine translation output with automatic sentence segmentation"): the hypothesis, one
stream of words, is cut into as many segments as the reference has lines, at the cut points that
minimise the summed word edit distance between each hypothesis segment and its reference line. This
is one Levenshtein alignment of the hypothesis against the concatenated reference, where the
hypothesis is cut wherever the path crosses the end of a reference line. Tokens are words and
punctuation marks, compared case-insensitively; a cut may fall only where the hypothesis has
whitespace, so no word is split and every segment is the hypothesis's own text. The dynamic program
runs column by column over the reference tokens, each column one vectorised numpy step (an insertion
run is a running minimum), and carries for each cell where the path crossed the previous line end,
so memory is O(hypothesis tokens × reference lines), not O(hypothesis × reference tokens).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .errors import VienalignError
from .textio import read_text

METRICS = ("bleu", "chrf", "ter")
WIDTH = 1
"""Decimals in the JSON, as sacrebleu's command line (``-w 1``)."""


def read_lines(path: str | os.PathLike) -> list[str]:
    """The lines of a hypothesis or reference file as sacrebleu's command line reads them."""
    text = read_text(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    return [line.rstrip() for line in lines]


def _metric(name: str, sentence_level: bool = False):
    from sacrebleu.metrics import BLEU, CHRF, TER

    if name == "bleu":
        return BLEU(effective_order=sentence_level)
    if name == "chrf":
        return CHRF()
    if name == "ter":
        return TER()
    raise VienalignError(f"unknown metric {name!r} (choose from {', '.join(METRICS)})")


def parse_metrics(spec: str) -> tuple[str, ...]:
    """``"bleu,chrf"`` → ``("bleu", "chrf")``; an unknown name raises :class:`VienalignError`."""
    names = tuple(name.strip().lower() for name in spec.split(",") if name.strip())
    for name in names:
        if name not in METRICS:
            raise VienalignError(f"unknown metric {name!r} (choose from {', '.join(METRICS)})")
    if not names:
        raise VienalignError("no metric given (--metrics bleu,chrf,ter)")
    return names


@dataclass(frozen=True)
class MetricScore:
    """One corpus-level score as sacrebleu gives it."""

    name: str
    score: float
    signature: str
    verbose: str
    json: str
    """The score exactly as sacrebleu's command line prints it in JSON."""


def check_lengths(hyps: Sequence[str], refs: Sequence[str], hyp_path: object, ref_path: object) -> None:
    if len(hyps) != len(refs):
        raise VienalignError(f"{len(hyps)} lines, but the reference {ref_path} has {len(refs)} "
                             "(use --resegment for a hypothesis segmented differently)", hyp_path)
    if not refs:
        raise VienalignError("empty file (no lines to score)", ref_path)


def corpus_scores(hyps: Sequence[str], refs: Sequence[str], metrics: Sequence[str] = METRICS) -> list[MetricScore]:
    """Corpus-level scores, in sacrebleu's order (metric names sorted)."""
    results = []
    for name in sorted(name.upper() for name in metrics):
        metric = _metric(name.lower())
        score = metric.corpus_score(list(hyps), [list(refs)])
        signature = metric.get_signature().format(False)
        results.append(MetricScore(score.name, score.score, signature, score._verbose,
                                   score.format(WIDTH, False, signature, is_json=True)))
    return results


def score_json(scores: Sequence[MetricScore]) -> str:
    """What ``sacrebleu REF -i HYP -m ...`` prints for these scores."""
    if len(scores) == 1:
        return scores[0].json
    return "[\n" + ",\n".join(score.json for score in scores) + "\n]"


def score_table(scores: Sequence[MetricScore]) -> str:
    width = max(len(score.name) for score in scores)
    return "\n".join(f"{score.name:<{width}}  {score.score:6.2f}  {score.signature}" for score in scores)


def sentence_scores(hyps: Sequence[str], refs: Sequence[str], metrics: Sequence[str] = METRICS) -> list[dict]:
    """Per line: its number (from 1) and each metric's sentence-level score."""
    scorers = [(name, _metric(name, sentence_level=True)) for name in metrics]
    rows = []
    for number, (hyp, ref) in enumerate(zip(hyps, refs), start=1):
        row: dict = {"line": number}
        for _name, metric in scorers:
            score = metric.sentence_score(hyp, [ref])
            row[score.name] = round(score.score, 4)
        rows.append(row)
    return rows


# --- re-segmentation -------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class _Tokens:
    keys: list[str]
    starts: list[int]
    ends: list[int]


def _tokens(text: str) -> _Tokens:
    found = list(_TOKEN.finditer(text))
    return _Tokens([m.group().casefold() for m in found], [m.start() for m in found], [m.end() for m in found])


def _running_argmin(values: np.ndarray) -> np.ndarray:
    """For each position, the index of the smallest value up to it (the earliest of equal ones).

    >>> _running_argmin(np.array([3, 1, 2, 1, 0])).tolist()
    [0, 1, 1, 1, 4]
    """
    running = np.minimum.accumulate(values)
    new_minimum = np.ones(len(values), dtype=bool)
    new_minimum[1:] = values[1:] < running[:-1]
    return np.maximum.accumulate(np.where(new_minimum, np.arange(len(values)), 0))


def cut_points(hyp: Sequence[str], ref_lines: Sequence[Sequence[str]], allowed: Sequence[bool]) -> list[int]:
    """Where to cut the token sequence ``hyp`` into ``len(ref_lines)`` segments (the end of each
    segment; the last is ``len(hyp)``) so that the summed edit distance to the lines is minimal.

    ``allowed[i]`` says whether a segment may end after ``i`` tokens (``len(hyp) + 1`` values; the
    first and the last are taken as allowed).

    >>> cut_points("a b c d e".split(), [["a", "b"], ["c"], ["d", "e"]], [True] * 6)
    [2, 3, 5]
    >>> cut_points("a b x d e".split(), [["a", "b", "c"], ["d", "e"]], [True] * 6)
    [3, 5]
    """
    vocabulary: dict[str, int] = {}
    hyp_ids = np.array([vocabulary.setdefault(token, len(vocabulary)) for token in hyp], dtype=np.int64)
    n = len(hyp)
    rows = np.arange(n + 1, dtype=np.int64)
    allowed_rows = np.array(allowed, dtype=bool)
    allowed_rows[[0, n]] = True
    cost = rows.copy()  # column 0: i hypothesis tokens against no reference token, i insertions
    origin = np.zeros(n + 1, dtype=np.int64)  # per cell: where its best path cut the previous line
    previous_cut = []  # per line end crossed: for each row where it was crossed, the cut before it
    for number, line in enumerate(ref_lines):
        for token in line:
            substituted = cost[:-1] + (hyp_ids != vocabulary.get(token, -1))
            step = cost + 1  # the reference token deleted
            step_origin = origin.copy()
            better = substituted < step[1:]
            step[1:][better] = substituted[better]
            step_origin[1:][better] = origin[:-1][better]
            best = _running_argmin(step - rows)  # then a run of inserted hypothesis tokens
            cost, origin = step[best] + rows - best, step_origin[best]
        if number == len(ref_lines) - 1:
            break
        # The line ends at an allowed row c; the tokens after it, down to this column's cell, are
        # insertions at the start of the next line.
        previous_cut.append(origin.astype(np.int32))
        best = _running_argmin(np.where(allowed_rows, cost - rows, np.iinfo(np.int64).max // 2))
        cost, origin = cost[best] + rows - best, best
    cuts = [n]
    if len(ref_lines) > 1:
        cuts.append(int(origin[n]))
        for crossing in reversed(previous_cut[1:]):
            cuts.append(int(crossing[cuts[-1]]))
    return cuts[::-1]


def resegment(hyp_text: str, ref_lines: Sequence[str]) -> list[str]:
    r"""``hyp_text`` (running text, or lines segmented any way) cut into ``len(ref_lines)`` segments
    by :func:`cut_points`; each segment is the hypothesis's own text, whitespace collapsed.

    >>> resegment("The cat sat. On the mat it\nslept.", ["The cat sat.", "On the mat it slept."])
    ['The cat sat.', 'On the mat it slept.']
    """
    hyp = _tokens(hyp_text)
    gaps = [hyp_text[hyp.ends[i - 1]: hyp.starts[i]] != "" for i in range(1, len(hyp.keys))]
    cuts = cut_points(hyp.keys, [_tokens(line).keys for line in ref_lines], [True, *gaps, True])
    segments, start = [], 0
    for end in cuts:
        text = hyp_text[hyp.starts[start]: hyp.ends[end - 1]] if end > start else ""
        segments.append(" ".join(text.split()))
        start = end
    return segments
