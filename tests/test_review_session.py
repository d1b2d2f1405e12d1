"""The review state without a server: each edit, undo/redo, and the invariants under any sequence of edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.review.session import (
    Change,
    Document,
    EditRefused,
    Review,
    StaleEdit,
    Unit,
    default_threshold,
    doubtful,
    invariant_problem,
)
from align.types import Bead


def make_review(beads: list[tuple[tuple[int, ...], tuple[int, ...], float]]) -> Review:
    """A review of sentences S0.. / T0.. with the given beads (src, tgt, score)."""
    n_src = sum(len(src) for src, _, _ in beads)
    n_tgt = sum(len(tgt) for _, tgt, _ in beads)
    document = Document(tuple(f"S{i}." for i in range(n_src)), tuple(f"T{j}." for j in range(n_tgt)),
                        (0,) * n_src, (0,) * n_tgt)
    return Review(document, [Unit(k, src, tgt, score) for k, (src, tgt, score) in enumerate(beads)])


def ladder(review: Review) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(unit.src, unit.tgt) for unit in review.units]


@pytest.fixture
def review() -> Review:
    #           unit 0         unit 1            unit 2        unit 3
    return make_review([((0,), (0,), 0.9), ((1, 2), (1,), 0.2), ((3,), (2, 3), 0.6), ((4,), (), 0.1)])


def test_merge_with_next_and_previous(review):
    review.merge(1, "next")
    assert ladder(review) == [((0,), (0,)), ((1, 2, 3), (1, 2, 3)), ((4,), ())]
    merged = review.units[1]
    assert merged.reviewed and merged.score == 0.2 and merged.id not in (1, 2)
    review.merge(merged.id, "previous")
    assert ladder(review) == [((0, 1, 2, 3), (0, 1, 2, 3)), ((4,), ())]


@pytest.mark.parametrize("src_at, tgt_at, expected", [
    (1, 1, [((1,), (1,)), ((2,), ())]),
    (1, 0, [((1,), ()), ((2,), (1,))]),
    (2, 0, [((1, 2), ()), ((), (1,))]),
])
def test_split_cuts_a_unit_in_two(review, src_at, tgt_at, expected):
    review.split(1, src_at, tgt_at)
    assert ladder(review)[1:3] == expected
    assert all(unit.reviewed for unit in review.units[1:3])


@pytest.mark.parametrize("src_at, tgt_at", [(0, 0), (2, 1), (3, 0), (-1, 1)])
def test_split_refuses_an_empty_part_or_a_cut_outside(review, src_at, tgt_at):
    before = review.units
    with pytest.raises(EditRefused):
        review.split(1, src_at, tgt_at)
    assert review.units == before and review.revision == 0


def test_move_a_boundary_sentence_to_a_neighbour(review):
    review.move(1, "src", "previous")  # S1 joins unit 0
    assert ladder(review)[:2] == [((0, 1), (0,)), ((2,), (1,))]
    moved = review.units[1].id
    review.move(moved, "tgt", "next")  # T1 joins the unit below; S2 is left unaligned
    assert ladder(review)[1:3] == [((2,), ()), ((3,), (1, 2, 3))]


def test_move_that_empties_a_unit_removes_it(review):
    review.move(0, "src", "next")
    review.move(review.units[0].id, "tgt", "next")
    assert ladder(review)[0] == ((0, 1, 2), (0, 1))


@pytest.mark.parametrize("unit, side, direction", [(0, "src", "previous"), (3, "src", "next"), (3, "tgt", "previous")])
def test_move_refuses_without_neighbour_or_sentence(review, unit, side, direction):
    with pytest.raises(EditRefused):
        review.move(unit, side, direction)
    assert review.revision == 0


def test_unalign_first_or_last_sentence(review):
    review.unalign(1, "src", 2)
    assert ladder(review)[1:3] == [((1,), (1,)), ((2,), ())]
    review.unalign(0, "tgt", 0)
    assert ladder(review)[:2] == [((), (0,)), ((0,), ())]


def test_unalign_refuses_a_middle_sentence_and_a_null_unit():
    review = make_review([((0, 1, 2), (0,), 0.5), ((3,), (), 0.5)])
    with pytest.raises(EditRefused, match="inside unit"):
        review.unalign(0, "src", 1)
    with pytest.raises(EditRefused, match="already unaligned"):
        review.unalign(1, "src", 3)


def test_edit_text_keeps_the_original_and_marks_the_unit(review):
    review.edit_text("tgt", 2, "  Tie\u0302\u0301ng   Việt\n")
    assert review.text("tgt", 2) == "Tiếng Việt"
    assert review.document.tgt[2] == "T2."
    assert review.units[2].reviewed and review.units[2].id == 2  # same sentences, same id
    review.edit_text("tgt", 2, "T2.")  # back to the original: no edit left
    assert review.edited == {}
    with pytest.raises(EditRefused, match="empty"):
        review.edit_text("src", 0, " \n ")


def test_confirm_and_take_back(review):
    review.confirm(0)
    assert review.units[0].reviewed and review.units[0].exported_score == 1.0
    with pytest.raises(EditRefused):
        review.confirm(0)
    review.confirm(0, reviewed=False)
    assert not review.units[0].reviewed


def test_an_edit_of_a_unit_that_no_longer_exists_is_stale(review):
    review.merge(0, "next")
    for edit in (lambda: review.merge(1, "next"), lambda: review.split(0, 1, 0),
                 lambda: review.confirm(1), lambda: review.unalign(0, "src", 0)):
        with pytest.raises(StaleEdit):
            edit()
    assert review.revision == 1


def test_undo_and_redo(review):
    start = review.units
    review.merge(1, "next")
    review.edit_text("src", 0, "Fixed.")
    after = (review.units, review.edited)
    review.undo()
    review.undo()
    assert review.units == start and review.edited == {}
    with pytest.raises(EditRefused, match="nothing to undo"):
        review.undo()
    review.redo()
    review.redo()
    assert (review.units, review.edited) == after
    review.undo()
    review.confirm(3)  # a new edit drops what could be redone
    assert not review.can_redo


def test_a_change_that_breaks_the_invariants_is_refused(review):
    units = review.units
    bad = [
        Change(0, units[:2], (Unit(9, (0, 1, 2), (0,), 1.0),)),   # T1 in no unit
        Change(1, units[1:2], (Unit(9, (2, 1), (1,), 1.0),)),     # out of order
        Change(3, units[3:], (Unit(9, (), (), 1.0),)),            # empty unit, S4 lost
        Change(1, units[1:2], (Unit(0, (1, 2), (1,), 1.0),)),     # id 0 twice
    ]
    for change in bad:
        with pytest.raises(EditRefused, match="refused"):
            review.apply(change)
    assert review.units == units and review.revision == 0


def test_default_threshold_shows_at_most_the_weakest_tenth():
    scores = [k / 100 for k in range(100)]
    units = [Unit(k, (k,), (k,), score) for k, score in enumerate(scores)]
    threshold = default_threshold(scores)
    assert len(doubtful(units, threshold)) == 10
    assert default_threshold([1.0] * 5) == 1.0 and doubtful(units[:0], 1.0) == []


def test_a_review_refuses_units_that_do_not_cover_the_document():
    document = Document(("A.", "B."), ("X.",), (0, 0), (0,))
    with pytest.raises(ValueError, match="hold 1 source sentences"):
        Review(document, [Unit(0, (0,), (0,), 1.0)])


# --- any sequence of edits keeps the invariants, and undo takes them all back ----------------------

EDITS = st.lists(st.tuples(
    st.sampled_from(["merge", "split", "move", "unalign", "text", "confirm", "undo", "redo"]),
    st.integers(0, 30), st.integers(0, 3), st.integers(0, 3), st.sampled_from(["src", "tgt"]),
    st.sampled_from(["previous", "next"]),
), max_size=25)
BEADS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.floats(0, 1)).filter(lambda b: b[0] or b[1]),
                 min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(BEADS, EDITS)
def test_any_edits_keep_the_invariants_and_undo_restores(shape, edits):
    beads, i, j = [], 0, 0
    for k, l, score in shape:
        beads.append((tuple(range(i, i + k)), tuple(range(j, j + l)), score))
        i, j = i + k, j + l
    review = make_review(beads)
    start = review.units
    for op, which, a, b, side, direction in edits:
        unit = review.units[which % len(review.units)]
        before = (review.units, review.edited, review.revision)
        try:
            if op == "merge":
                review.merge(unit.id, direction)
            elif op == "split":
                review.split(unit.id, a, b)
            elif op == "move":
                review.move(unit.id, side, direction)
            elif op == "unalign":
                sentences = unit.side(side)
                review.unalign(unit.id, side, sentences[a % len(sentences)] if sentences else 0)
            elif op == "text":
                review.edit_text(side, a % len(review.document.sentences(side) or ("",)), f"edit {a} {b}")
            elif op == "confirm":
                review.confirm(unit.id, not unit.reviewed)
            elif op == "undo":
                review.undo()
            else:
                review.redo()
        except EditRefused:
            assert (review.units, review.edited, review.revision) == before  # refused: nothing changed
        assert invariant_problem(review.units, len(review.document.src), len(review.document.tgt)) is None
    while review.can_undo:
        review.undo()
    assert review.units == start and review.edited == {}


def test_units_export_as_beads_with_reviewed_scores():
    unit = Unit(3, (1,), (2, 3), 0.25, reviewed=True)
    assert unit.bead() == Bead((1,), (2, 3), 1.0)


def test_doctests():
    import doctest

    from align.review import session

    assert doctest.testmod(session).failed == 0
