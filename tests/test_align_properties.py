"""Invariants of the aligner on generated documents (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import align

# Two vocabularies of made-up words long enough to be matched as written (four letters or more). Their
# consonants are of different sound classes (align.anchors.skeleton), so a text and its copy share
# evidence while texts drawn from different vocabularies share none, not even a cognate.
_VOCAB_A = [a + v + b + w for a in "kglmr" for v in "aeiou" for b in "kglmr" for w in ("an", "ok", "el")]
_VOCAB_B = [a + v + b + w for a in "tdnsz" for v in "aeiou" for b in "tdnsz" for w in ("at", "os", "en")]


def _sentences(vocab: list[str], min_size: int = 0, max_size: int = 25):
    sentence = st.lists(st.sampled_from(vocab), min_size=3, max_size=14, unique=True).map(
        lambda words: " ".join(words).capitalize() + ".")
    return st.lists(sentence, min_size=min_size, max_size=max_size, unique=True)


any_text = st.lists(st.text(min_size=1, max_size=60).filter(str.strip), max_size=20)


@settings(max_examples=30, deadline=None)
@given(src=any_text, tgt=any_text)
def test_every_sentence_in_exactly_one_bead_in_order(src, tgt):
    alignment = align(src, tgt, "vi", "en")
    src_seen = [i for bead in alignment.beads for i in bead.src]
    tgt_seen = [j for bead in alignment.beads for j in bead.tgt]
    assert src_seen == list(range(len(src)))
    assert tgt_seen == list(range(len(tgt)))
    assert all(bead.src or bead.tgt for bead in alignment.beads)
    assert all(0.0 <= bead.score <= 1.0 for bead in alignment.beads)


@settings(max_examples=15, deadline=None)
@given(doc=_sentences(_VOCAB_A, min_size=3))
def test_a_text_aligned_with_itself_is_all_confident_1_1(doc):
    alignment = align(doc, doc, "en", "en")
    assert [(bead.src, bead.tgt) for bead in alignment.beads] == [((i,), (i,)) for i in range(len(doc))]
    assert all(bead.score > 0.5 for bead in alignment.beads)


@settings(max_examples=15, deadline=None)
@given(src=_sentences(_VOCAB_A, min_size=5), tgt=_sentences(_VOCAB_B, min_size=5))
def test_unrelated_documents_give_nulls_or_low_scores(src, tgt):
    alignment = align(src, tgt, "en", "en")
    confident_pairs = [bead for bead in alignment.beads if not bead.is_null and bead.score >= 0.5]
    assert len(confident_pairs) <= 0.1 * min(len(src), len(tgt))
