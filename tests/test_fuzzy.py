"""The similarity, and the 3-gram index against brute force (property test and the project's corpora)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align import fuzzy
from align.fuzzy import Q, FuzzyIndex, brute_force, similarity
from align.normalize import segment_key

ROOT = Path(__file__).resolve().parents[1]

SIMILARITY_CASES = [
    # (a, b, similarity): 100 × (1 − Levenshtein / longer length), on NFC and collapsed whitespace
    ("Hà Nội.", "Hà Nội.", 100.0),
    ("Ha\u0300 Nội.", "Hà  Nội.\n", 100.0),  # NFD and whitespace do not count
    ("Hà Nội.", "hà Nội.", 100.0 * (1 - 1 / 7)),  # case does
    ("abcd", "abce", 75.0),
    ("abcd", "ab", 50.0),
    ("abc", "xyz", 0.0),
    ("", "", 100.0),
    ("", "a", 0.0),
]


@pytest.mark.parametrize("a, b, expected", SIMILARITY_CASES)
def test_similarity(a, b, expected):
    assert similarity(a, b) == pytest.approx(expected)
    assert similarity(b, a) == pytest.approx(expected)


def test_doctests():
    assert doctest.testmod(fuzzy).failed == 0


def _grams(key: str) -> set[str]:
    padded = "\x02" * (Q - 1) + key + "\x03" * (Q - 1)
    return {padded[i: i + Q] for i in range(len(padded) - Q + 1)}


# Short strings over a small alphabet, so that near matches, ties and keys sharing no gram all occur.
_keys = st.text(alphabet="abcđe ", min_size=0, max_size=12).map(segment_key)


@settings(max_examples=300, deadline=None)
@given(keys=st.lists(_keys, min_size=1, max_size=40, unique=True), query=_keys,
       min_score=st.sampled_from([0.0, 30.0, 50.0, 75.0]), limit=st.integers(1, 4))
def test_index_finds_the_brute_force_best_among_keys_sharing_a_gram(keys, query, min_score, limit):
    """Exactly the brute-force ranking (scores, and ties to the lower index) over the keys that
    share a 3-gram with the query, which is what the module docstring promises."""
    sharing = [k for k, key in enumerate(keys) if _grams(key) & _grams(query)]
    expected = [(sharing[hit.key], hit.score)
                for hit in brute_force(query, [keys[k] for k in sharing], min_score=min_score, limit=limit)]
    found = [(hit.key, hit.score) for hit in FuzzyIndex(keys).search(query, min_score=min_score, limit=limit)]
    assert found == expected


def _corpus_sentences() -> dict[str, list[str]]:
    """Vietnamese sentences of every document of the project's corpora, by document."""
    documents = {}
    for path in sorted((ROOT / "corpora").glob("*/*.vi.sent")):
        lines = [segment_key(line.replace("_", " ")) for line in path.read_text(encoding="utf-8").splitlines()]
        documents[path.name] = [line for line in lines if line]
    return documents


def test_index_equals_brute_force_on_the_corpora_leave_one_out():
    """Each document's sentences looked up in a memory of all the other documents (the done-when:
    the same best score as brute force for at least 99.5% of sentences; here all of them)."""
    documents = _corpus_sentences()
    assert len(documents) >= 6
    total = same = 0
    for name, sentences in documents.items():
        memory = [s for other, lines in documents.items() if other != name for s in lines]
        index = FuzzyIndex(memory)
        for sentence in sentences:
            found = index.search(sentence, min_score=50.0)
            expected = brute_force(sentence, memory, min_score=50.0)
            total += 1
            same += [h.score for h in found] == [h.score for h in expected]
    assert same / total >= 0.995, f"{same} of {total}"
    assert same == total


@settings(max_examples=150, deadline=None)
@given(keys=st.lists(_keys, min_size=1, max_size=40, unique=True), query=_keys, limit=st.integers(1, 4))
def test_with_frequent_grams_left_out_hits_are_true_scores_never_better_than_brute_force(keys, query, limit):
    index = FuzzyIndex(keys)
    index.frequent = 2  # as in a large memory: grams in more than two keys are not counted
    found = index.search(query, min_score=0.0, limit=limit)
    truth = brute_force(query, keys, min_score=0.0, limit=limit)
    assert [hit.score for hit in found] == sorted((hit.score for hit in found), reverse=True)
    assert all(hit.score == pytest.approx(fuzzy.similarity_of_keys(query, keys[hit.key])) for hit in found)
    assert all(f.score <= t.score for f, t in zip(found, truth))
    if truth and truth[0].score == 100.0:
        assert found and found[0].score == 100.0  # an identical key shares every gram
