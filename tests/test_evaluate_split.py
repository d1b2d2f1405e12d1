"""The boundary scorer: positions in non-whitespace characters, P/R/F1 from summed counts."""

from __future__ import annotations

import doctest

import pytest

import align.evaluate_split as evaluate_split
from align.errors import VienalignError
from align.evaluate_split import BoundaryScore, boundaries, missed_and_spurious, read_gold, score_split

TEXT = "A b. C d.\n\nE f. G h."
GOLD = ["A b.", "C d.", "E f.", "G h."]

CASES = [
    # (predicted sentences, precision, recall)
    (GOLD, 1.0, 1.0),
    (["A b. C d.", "E f.", "G h."], 1.0, 2 / 3),            # one boundary missed
    (["A b.", "C d.", "E", "f.", "G h."], 3 / 4, 1.0),        # one spurious boundary
    (["A b. C d. E f. G h."], 1.0, 0.0),                    # nothing predicted: precision is vacuous
    (["A", "b. C", "d. E f. G h."], 0.0, 0.0),
    (["A  b.\tC d.", "E f.\nG h."], 1.0, 1 / 3),             # whitespace inside sentences is ignored
]


@pytest.mark.parametrize("predicted, precision, recall", CASES)
def test_scores(predicted, precision, recall):
    score = score_split(TEXT, predicted, GOLD)
    assert (score.precision, score.recall) == pytest.approx((precision, recall))
    expected_f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert score.f1 == pytest.approx(expected_f1)


def test_counts_are_summed_before_the_ratios():
    total = BoundaryScore(1, 1, 4) + BoundaryScore(9, 10, 10)
    assert (total.true_positives, total.predicted, total.gold) == (10, 11, 14)
    assert total.precision == pytest.approx(10 / 11)


def test_sentences_must_spell_out_the_text():
    with pytest.raises(VienalignError, match="non-whitespace characters"):
        boundaries(["A b.", "C"], TEXT)


def test_read_gold_skips_paragraph_breaks():
    assert read_gold("A b.\nC d.\n\n  \nE f.\n") == ["A b.", "C d.", "E f."]


def test_error_snippets_mark_the_boundary():
    missed, spurious = missed_and_spurious(TEXT, ["A b. C d.", "E", "f. G h."], GOLD, context=3)
    assert missed == ["Ab.|Cd.", "Ef.|Gh."]
    assert spurious == ["d.E|f.G"]


def test_doctests():
    assert doctest.testmod(evaluate_split).failed == 0
