"""The benchmark's conversion of nltk Gale–Church links into beads (scripts/bench_align.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from align.formats import beads_cover

from .conftest import load_script

bench_align = load_script("bench_align")

# Gale–Church's bead types, as (source, target) sentence counts.
_STEPS = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)]


@st.composite
def monotone_links(draw):
    """Links as Gale–Church's traceback produces them, with the bead sizes they came from."""
    links, i, j = [], 0, 0
    for a, b in draw(st.lists(st.sampled_from(_STEPS), max_size=30)):
        links.extend((i + x, j + y) for x in range(a) for y in range(b))
        i, j = i + a, j + b
    return links, i, j


@given(monotone_links())
def test_links_become_an_ordered_ladder_over_every_sentence(case):
    links, n_src, n_tgt = case
    beads = bench_align.links_to_beads(links, n_src, n_tgt)
    assert beads_cover(beads, n_src, n_tgt)
    linked = {(i, j) for bead in beads for i in bead.src for j in bead.tgt}
    assert linked == set(links)  # each Gale–Church bead comes back whole, nulls included


def test_nltk_gale_church_beads_on_a_tiny_document():
    doc = bench_align.Document("toy", ("a" * 10, "b" * 5, "c" * 5), ("x" * 12, "y" * 20), ())
    beads = bench_align.nltk_gale_church(doc, "de", "fr")
    # nltk's own doctest: align_blocks([10, 5, 5], [12, 20]) == [(0, 0), (1, 1), (2, 1)]
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1, 2), (1,))]


def test_dev_cut_into_short_documents_keeps_every_sentence_and_gold_bead(shared_data):
    dev = bench_align.load_textberg("dev").documents[0]
    pieces = bench_align.cut_document(dev, 100)
    assert len(pieces) >= 4 and all(50 <= len(piece.src) < 150 for piece in pieces)
    assert sum(len(p.src) for p in pieces) == len(dev.src) and sum(len(p.tgt) for p in pieces) == len(dev.tgt)
    # Every gold bead lies wholly in one piece (no cut falls inside one), and comes back renumbered.
    shifted, src_from, tgt_from = [], 0, 0
    for piece in pieces:
        assert all(i < len(piece.src) for b in piece.gold for i in b.src)
        assert all(j < len(piece.tgt) for b in piece.gold for j in b.tgt)
        shifted += [(tuple(i + src_from for i in b.src), tuple(j + tgt_from for j in b.tgt)) for b in piece.gold]
        src_from, tgt_from = src_from + len(piece.src), tgt_from + len(piece.tgt)
    assert shifted == [(b.src, b.tgt) for b in dev.gold]
