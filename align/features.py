"""Sentences as sparse vectors in one shared space, so that any bead's lexical similarity is a cosine.

Every target sentence becomes a bag of target-language words plus its anchors
(:func:`align.anchors.anchors`). Every source sentence becomes the bag of the target words its units
translate to through the lexicon (greedy longest match, so ``hợp tác`` is looked up before ``hợp``),
weighted ``p(t | s)``, plus its own anchors, which need no translation. Each feature ``f`` is weighted
by its inverse document frequency over the sentences of both sides (features found on one side
only are dropped: they can never match),

    idf(f) = log(n / df(f)),        n = number of sentences, df(f) = sentences containing f,

so that the similarity of two sentences is ``x · y = Σ_f w_x(f) w_y(f)`` over their shared
features. (Dense feature hashing, as vecalign does with neural vectors, was tried and dropped: with
a few dozen features a sentence, collisions at a few hundred dimensions swamp the true overlaps.)
A bead of several sentences is the sum of their vectors, so its dot products are sums of sentence
dot products, which is what makes many-to-many beads as cheap to score as 1-1 beads.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .anchors import anchors, words
from .lexicon import Lexicon

_MAX_PHRASE = 4
"""Longest source phrase (in words) looked up in the lexicon."""


@dataclass(frozen=True)
class SideFeatures:
    """One document side, ready for the search."""

    vectors: list[dict[int, float]]
    """Per sentence: feature number → tf-idf weight (:mod:`align.features`)."""
    lengths: np.ndarray
    """(n,) float64: sentence lengths in characters."""
    para_start: np.ndarray
    """(n,) bool: the sentence opens a paragraph (the first sentence does not count)."""
    debris: np.ndarray | None = None
    """(n,) bool: the line holds no word of two letters or more (:func:`is_debris`); ``None``: none does."""

    def __len__(self) -> int:
        return len(self.lengths)


def is_debris(text: str) -> bool:
    """A line with no word of two letters or more: a page number, a separator, OCR debris.

    >>> [is_debris(line) for line in ("24 a !", ".....", "- _-", "Pfui !", "1956", "Ja.")]
    [True, True, True, False, True, False]
    """
    return not any(sum(ch.isalpha() for ch in token) >= 2 for token in words(text))


def target_bag(text: str, lang: str) -> Counter[str]:
    """A target sentence's features: its words (``w:``) and its anchors."""
    bag: Counter[str] = Counter("w:" + word for word in words(text))
    bag.update(anchors(text, lang))
    return bag


def source_bag(text: str, lang: str, lexicon: Lexicon) -> Counter[str]:
    """A source sentence's features: the target words its phrases translate to, and its anchors.

    >>> from align.lexicon import Lexicon
    >>> lex = Lexicon.from_pairs([("hợp tác", "cooperation", 1.0), ("hợp", "fit", 1.0)])
    >>> sorted(source_bag("Hợp tác", "vi", lex).items())
    [('w:cooperation', 1.0)]
    """
    bag: Counter[str] = Counter()
    tokens = words(text)
    start = 0
    while start < len(tokens):
        for n in range(min(_MAX_PHRASE, len(tokens) - start), 0, -1):
            translations = lexicon.translations(" ".join(tokens[start:start + n]))
            if translations:
                for word, weight in translations:
                    bag["w:" + word] += weight
                start += n
                break
        else:
            start += 1
    bag.update(anchors(text, lang))
    return bag


def dot(x: dict[int, float], y: dict[int, float]) -> float:
    """The dot product of two sparse vectors.

    >>> dot({1: 2.0, 2: 1.0}, {2: 3.0, 5: 1.0})
    3.0
    """
    if len(x) > len(y):
        x, y = y, x
    return sum((weight * y[f] for f, weight in x.items() if f in y), 0.0)


def _vectors(bags: Sequence[Counter[str]], idf: dict[str, float], ids: dict[str, int]) -> list[dict[int, float]]:
    """The bags as sparse tf-idf vectors over the features both sides share."""
    return [
        {ids[feature]: count * idf[feature] for feature, count in bag.items() if idf.get(feature, 0.0) > 0}
        for bag in bags
    ]


def _para_starts(paras: Sequence[int]) -> np.ndarray:
    starts = np.zeros(len(paras), dtype=bool)
    if len(paras) > 1:
        starts[1:] = np.asarray(paras[1:]) != np.asarray(paras[:-1])
    return starts


def document_features(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    lexicon: Lexicon,
    *,
    src_paras: Sequence[int] | None = None,
    tgt_paras: Sequence[int] | None = None,
) -> tuple[SideFeatures, SideFeatures]:
    """Both sides of a document pair as :class:`SideFeatures` in one feature space."""
    src_bags = [source_bag(text, src_lang, lexicon) for text in src]
    tgt_bags = [target_bag(text, tgt_lang) for text in tgt]
    src_df: Counter[str] = Counter()
    tgt_df: Counter[str] = Counter()
    for bag in src_bags:
        src_df.update(bag.keys())
    for bag in tgt_bags:
        tgt_df.update(bag.keys())
    n = max(len(src_bags) + len(tgt_bags), 1)
    # A feature seen on one side only can never match; kept, it would only dilute every cosine of
    # the sentences that carry it (untranslated words, a tag on every line).
    df = {feature: count + tgt_df[feature] for feature, count in src_df.items() if feature in tgt_df}
    idf = {feature: math.log(n / count) for feature, count in df.items()}
    ids = {feature: number for number, feature in enumerate(df)}

    def side(texts: Sequence[str], bags: list[Counter[str]], paras: Sequence[int] | None) -> SideFeatures:
        return SideFeatures(
            vectors=_vectors(bags, idf, ids),
            lengths=np.array([len(text) for text in texts], dtype=np.float64),
            para_start=_para_starts(paras if paras is not None else [0] * len(texts)),
            debris=np.array([is_debris(text) for text in texts], dtype=bool),
        )

    return side(src, src_bags, src_paras), side(tgt, tgt_bags, tgt_paras)
