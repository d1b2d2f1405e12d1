"""The simulated reviewer of scripts/bench_review.py: fixing a unit against the gold."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from align.types import Bead
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from bench_review import agreeing_boundaries, fix_units, strict_errors  # noqa: E402


def beads(*pairs: tuple[tuple[int, ...], tuple[int, ...]]) -> list[Bead]:
    return [Bead(src, tgt) for src, tgt in pairs]


GOLD = beads(((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), ()))
OUTPUT = beads(((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), ()))


def test_boundaries_agree_where_no_gold_bead_crosses():
    positions, agree = agreeing_boundaries(OUTPUT, GOLD)
    assert positions == [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (5, 3)]
    assert agree == [True, True, False, True, True, True]


def test_fixing_a_wrong_unit_fixes_its_stretch_and_a_right_one_changes_nothing():
    assert strict_errors(GOLD, OUTPUT) == 3  # two wrong beads, one missed gold bead
    fixed, changed = fix_units(OUTPUT, GOLD, [2])
    assert fixed == GOLD and changed == 2 and strict_errors(GOLD, fixed) == 0
    unchanged, changed = fix_units(OUTPUT, GOLD, [0, 3])
    assert unchanged == OUTPUT and changed == 0


def test_a_sentence_in_no_gold_bead_becomes_unaligned():
    gold = beads(((0,), (0,)), ((2,), (1,)))  # source sentence 1 is in no gold bead
    fixed, _ = fix_units(beads(((0, 1), (0,)), ((2,), (1,))), gold, [0])
    assert fixed == beads(((0,), (0,)), ((1,), ()), ((2,), (1,)))


def ladders(n_src: int, n_tgt: int):
    """Monotone ladders over n_src and n_tgt sentences, as cut points on both sides."""
    @st.composite
    def ladder(draw):
        src_cuts = sorted(draw(st.sets(st.integers(1, n_src - 1), max_size=n_src - 1))) if n_src > 1 else []
        tgt_cuts = sorted(draw(st.sets(st.integers(1, n_tgt - 1), max_size=n_tgt - 1))) if n_tgt > 1 else []
        k = min(len(src_cuts), len(tgt_cuts))
        src_bounds = [0, *src_cuts[:k], n_src]
        tgt_bounds = [0, *tgt_cuts[:k], n_tgt]
        return [Bead(tuple(range(a, b)), tuple(range(c, d)))
                for a, b, c, d in zip(src_bounds, src_bounds[1:], tgt_bounds, tgt_bounds[1:]) if b > a or d > c]
    return ladder()


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_fixing_every_unit_leaves_no_error(data):
    n_src, n_tgt = data.draw(st.integers(1, 12)), data.draw(st.integers(1, 12))
    gold, output = data.draw(ladders(n_src, n_tgt)), data.draw(ladders(n_src, n_tgt))
    fixed, _ = fix_units(output, gold, range(len(output)))
    assert strict_errors(gold, fixed) == 0
