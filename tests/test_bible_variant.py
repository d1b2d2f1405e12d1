"""The harder-Bible generator of scripts/bible_variant.py keeps its gold consistent with its text."""

from __future__ import annotations

import pytest

from align.formats import beads_cover, read_ladder
from align.types import Bead

from .conftest import load_script

bible_variant = load_script("bible_variant")


def toy_book(n: int) -> tuple[list[str], list[str], list[Bead]]:
    """``n`` verse pairs ``s{i}``/``t{i}`` with a diagonal gold, the partner of ``s{i}`` being ``t{i}``."""
    return [f"s{i}" for i in range(n)], [f"t{i}" for i in range(n)], [Bead((i,), (i,)) for i in range(n)]


@pytest.mark.parametrize("merge_rate, delete_rate", [(0.10, 0.01), (0.5, 0.1), (0.0, 0.0), (0.9, 0.0)])
def test_gold_covers_every_line_once_and_keeps_partners_together(merge_rate, delete_rate):
    src, tgt, gold = toy_book(400)
    variant = bible_variant.make_variant(src, tgt, gold, "toy",
                                         merge_rate=merge_rate, delete_rate=delete_rate)
    assert beads_cover(variant.gold, len(variant.src.lines), len(variant.tgt.lines))
    for side, lines in ((variant.src, src), (variant.tgt, tgt)):
        assert list(side.lines) == [" ".join(lines[i] for i in origin) for origin in side.origin]
        assert all(len(origin) <= bible_variant.MAX_GROUP for origin in side.origin)
    kept_src = {i for origin in variant.src.origin for i in origin}
    kept_tgt = {j for origin in variant.tgt.origin for j in origin}
    for bead in variant.gold:
        verses_src = {i for k in bead.src for i in variant.src.origin[k]}
        verses_tgt = {j for k in bead.tgt for j in variant.tgt.origin[k]}
        # every verse is with its partner, unless the partner was deleted
        assert verses_src & kept_tgt == verses_tgt & kept_src
    if merge_rate == delete_rate == 0.0:
        assert list(variant.gold) == gold


def test_merged_lines_make_multi_sentence_beads():
    src, tgt, gold = toy_book(400)
    variant = bible_variant.make_variant(src, tgt, gold, "toy", merge_rate=0.3, delete_rate=0.0)
    merged_src = {k for k, origin in enumerate(variant.src.origin) if len(origin) > 1}
    assert merged_src
    for bead in variant.gold:
        if merged_src & set(bead.src):
            # a merged vi line holds two or more verses, whose en partners are separate lines unless
            # they were merged too: the bead is 1-2, 1-3, 2-2 ... or 1-1 between two merged lines
            verses = sum(len(variant.src.origin[k]) for k in bead.src)
            assert verses == sum(len(variant.tgt.origin[k]) for k in bead.tgt) >= 2


def test_rates_and_determinism():
    src, tgt, gold = toy_book(5000)
    first = bible_variant.make_variant(src, tgt, gold, "book")
    assert first == bible_variant.make_variant(src, tgt, gold, "book")
    assert first != bible_variant.make_variant(src, tgt, gold, "other book")
    deleted = 5000 - sum(len(origin) for origin in first.src.origin)
    joins = sum(len(origin) - 1 for origin in first.src.origin)
    assert 20 <= deleted <= 80  # ~1% of 5000
    assert 350 <= joins <= 650  # ~10% of the lines joined to the next


def test_real_book_variant_is_a_valid_ladder(shared_data):
    book = shared_data / "bible-vi-en" / "48_GAL"
    vi = (book / "vi.txt").read_text(encoding="utf-8").splitlines()
    en = (book / "en.txt").read_text(encoding="utf-8").splitlines()
    variant = bible_variant.make_variant(vi, en, read_ladder(book / "gold.vecalign"), book.name)
    assert beads_cover(variant.gold, len(variant.src.lines), len(variant.tgt.lines))
    assert len(variant.src.lines) < len(vi) and len(variant.tgt.lines) < len(en)
    assert any(len(bead.src) > 1 or len(bead.tgt) > 1 for bead in variant.gold)
