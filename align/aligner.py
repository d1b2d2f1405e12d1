"""The public aligner: sentences in, beads with scores out.

Passes (DESIGN.md's data flow):

1. vectors from the built-in and user lexicons plus anchors (:mod:`align.features`), and a search
   for the cheapest bead path (:mod:`align.search`); for documents of very unequal sizes, two
   searches with two estimates of the length ratio (:func:`_length_ratios`), the one that finds
   more confident 1-1 beads kept;
2. the 1-1 beads of pass 1 that score as translations (score ≥ ``induce_min_score``) teach a
   lexicon of the two documents themselves (Dice, :func:`align.lexicon.induce_lexicon`; IBM Model 1
   over all pair beads with ``induce_model="model1"``), which joins the others for a second search.
   This is what makes any language pair (Text+Berg's de-fr) align without a dictionary;
3. the same again from pass 2's beads (``induce_rounds``): a lexicon learned from better beads
   finds more of them. The later passes also take the length ratio of Gale–Church from the
   confident 1-1 beads of the pass before (:func:`_pair_ratio`).

Every bead gets a score in [0, 1], ``σ(β · (own margin + γ · neighbours' mean margin))`` with σ
the logistic function (see :func:`_scores`): a pair's margin is its lexical evidence beyond chance
net of its length and prior penalties, so 0.5 means "as likely a translation as not". Checked on
Text+Berg dev, the Bible and the project's corpora: on the comparable seed pairs (no translation in
them) no pair scores 0.5 or more, while on the Bible nearly all pairs do and all but one are right.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, fields
from typing import Sequence

import numpy as np

from . import __version__
from .anchors import source_units, source_words, words
from .features import document_features
from .languages import language_code
from .lexicon import EMPTY, Lexicon, builtin_lexicon, induce_lexicon, induce_model1
from .search import BeadType, CostModel, SearchResult, SearchSettings, search
from .types import Alignment, Bead, Sentence

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Params:
    """Every parameter of the aligner, with its default (tuned on Text+Berg dev and the Bible)."""

    # What a bead may be, and what it costs (align.search.bead_costs has the formula).
    bead_types: tuple[BeadType, ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1))
    """Pair bead types searched; the null types 1-0 and 0-1 are always added."""
    lexical_weight: float = 6.0
    """λ_lex: weight of the lexical and anchor evidence."""
    length_weight: float = 1.0
    """λ_len: weight of the Gale–Church length cost."""
    length_variance: float = 6.8
    """s² of Gale–Church (the length ratio c is estimated from each document pair)."""
    length_cap: float = 6.0
    """Largest Gale–Church cost of a bead (see :class:`align.search.CostModel`)."""
    merge_cost: float = 3.0
    """First-pass prior cost of each sentence a bead holds beyond 1-1."""
    debris_cost: float = 3.0
    """λ_debris: cost of each debris line (no word of two letters) inside a many-to-many bead."""
    coverage_weight: float = 0.75
    """w: share of a many-to-many bead's lexical credit earned sentence by sentence (each sentence
    by its own overlap with the other side of the bead), the rest by the bead's cosine."""
    paragraph_weight: float = 1.0
    """λ_para: cost of each paragraph break inside a bead."""
    cosine_percentile: float = 90.0
    """Percentile of random-pair cosines taken as chance overlap (see :func:`align.search.calibrate`)."""
    null_percentile: float = 80.0
    """Percentile of random-pair costs that sets the null cost (see :func:`align.search.calibrate`)."""
    coarse_null_percentile: float = 100.0
    """The same at the coarse levels of the search, where a block of sentences is rarely unaligned."""
    substitution_discount: float = 0.05
    """A 1-1 bead costs at most (2 − this) null costs, so it beats 1-0 + 0-1 side by side (see
    :func:`align.search._prefer_pairs`); a large negative value turns the preference off."""
    surplus_weight: float = 1.0
    """Weight of the surplus share ``f = 1 − n_short/n_long`` that moves the long side's null cost
    from each sentence to each run of unaligned sentences (see :class:`align.search.NullRuns`);
    0 makes every null bead cost the same."""
    ratio_from_pairs: bool = True
    """The later passes take the length ratio from the previous pass's confident 1-1 beads (see
    :func:`_pair_ratio`) rather than from the whole documents."""
    ratio_trial_imbalance: float = 1.25
    """When one side has more than this many times the other's sentences, the first pass is run
    twice, with the length ratio from the mean and from the total sentence lengths (see
    :func:`_length_ratios`), and the pass that finds more confident 1-1 beads (at least
    ``induce_min_pairs``) is kept, the mean's on a tie. (At 1.0, Text+Berg dev, 1.18 times as many
    French sentences, keeps the mean's pass and falls from 0.871 to 0.865, while dev cut into
    100-sentence documents, 1.17 to 1.49 times, rises from 0.850 to 0.860; at 1.25 both stay.)"""

    # The later passes: lexicon induction and bead-type priors learned from the pass before.
    induce: bool = True
    """Run later passes with a lexicon induced from the previous pass's confident beads."""
    induce_rounds: int = 2
    """How many times a lexicon is induced and the documents searched again."""
    induce_min_score: float = 0.5
    """The previous pass's pair beads that score at least this (as likely right as not) teach the
    lexicon. (A fixed share of the cheapest beads would feed junk to induction on comparable texts.)"""
    induce_model: str = "dice"
    """``dice``: the Dice coefficient (:func:`align.lexicon.induce_lexicon`) over their 1-1 beads;
    ``model1``: IBM Model 1 (:func:`align.lexicon.induce_model1`) over all those beads (Dice credits
    every word of a long bead to every other, Model 1 lets them compete). Dice is the default: on
    the tuning sets the two are within noise (Text+Berg dev 0.859 vs 0.865, 3 beads of 422; dev cut
    into 100-sentence documents 0.840 vs 0.848; Bible 0.9965 vs 0.9963; Bible variant 0.962 vs
    0.960) and Model 1 costs 25% more memory at ×20."""
    induce_min_pairs: int = 10
    induce_min_count: int = 2
    induce_min_dice: float = 0.3
    induce_iterations: int = 5
    """EM iterations of Model 1 (from uniform probabilities; 3 is too few, 10 changes nothing)."""
    induce_min_probability: float = 0.1
    """Model 1 keeps a pair whose √(p(t | s) · p(s | t)) is at least this."""
    learn_type_costs: bool = True
    """In the second pass, bead-type priors come from the first pass's path (see ``_type_costs``)."""
    type_smoothing: float = 1.0
    """α: pseudo-beads of the first-pass prior the learned bead-type priors are smoothed with."""
    type_cost_floor: float = 0.5

    # The search (align.search): linear time and memory.
    full_dp_cells: int = 40_000
    """Search the whole matrix when it has at most this many nodes, else coarse-to-fine."""
    coarse_factor: int = 4
    max_block: int = 64
    """Largest block of sentences summed into one at the coarse levels of the search."""
    band_margin: int = 8
    """Sentences searched on either side of the coarse path."""

    # Scores (see _scores).
    score_slope: float = 1.0
    """β of the score's logistic function."""
    chance_evidence: float = 0.8
    """e₀: the lexical evidence log(1 + cos/s) a pair needs, net of its penalties, to score 0.5."""
    context: int = 2
    """Beads on either side whose margins inform a bead's score."""
    context_weight: float = 1.0
    """γ: weight of the neighbours' mean margin in a bead's score."""
    seed: int = 42
    """Seeds the sampling of random pairs, so that every run gives the same beads."""

    def __post_init__(self) -> None:
        if self.induce_model not in ("model1", "dice"):
            raise ValueError(f"induce_model must be 'model1' or 'dice', not {self.induce_model!r}")

    def signature(self) -> str:
        """``name:value`` pairs joined by ``|``, the version last (after sacrebleu's signature)."""
        parts = [f"{f.name}:{_format(getattr(self, f.name))}" for f in fields(self)]
        return "|".join([*parts, f"version:{__version__}"])


def _format(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(f"{k}-{l}" for k, l in value)
    return str(value)


def _texts(side: Sequence[Sentence] | Sequence[str]) -> tuple[list[str], list[int] | None]:
    if side and isinstance(side[0], Sentence):
        return [s.text for s in side], [s.para for s in side]
    return [str(s) for s in side], None


def _length_ratios(src: list[str], tgt: list[str], params: Params) -> tuple[float, ...]:
    """The first pass's candidates for Gale–Church's ``c``, target characters per source character::

        c_total = Σ l_t / Σ l_s,        c_mean = (Σ l_t / n_t) / (Σ l_s / n_s) = c_total · n_s / n_t

    Where one side has more sentences than the other, either its translator split more (then
    ``c_total`` is right and ``c_mean`` is off by the split rate: Text+Berg dev, 1.18 times as many
    French sentences, 0.871 with ``c_total`` against 0.865), or it holds surplus, a summary against
    its full document, a page with boilerplate (then ``c_total`` measures the surplus: 8 for a
    25-verse book against 214 verses of five books, when a verse's translation is about as long as
    the verse, and ``c_mean`` is right). Beyond an imbalance of ``ratio_trial_imbalance`` both are
    tried (see :func:`align`), ``c_mean`` first; below it, ``c_total`` alone.
    """
    n_src, n_tgt = len(src), len(tgt)
    src_total, tgt_total = sum(map(len, src)), sum(map(len, tgt))
    if src_total <= 0 or tgt_total <= 0:
        return (1.0,)
    ratio = tgt_total / src_total
    if max(n_src, n_tgt) > params.ratio_trial_imbalance * min(n_src, n_tgt):
        return (ratio * n_src / n_tgt, ratio)
    return (ratio,)


def _confident_pairs(result: SearchResult, params: Params) -> list[Bead]:
    """A pass's 1-1 beads scoring at least ``induce_min_score``: as likely right as not."""
    return [bead for bead in _beads(result, params) if bead.kind == "1-1" and bead.score >= params.induce_min_score]


def _support(result: SearchResult, params: Params) -> int:
    """How many confident 1-1 beads back a pass, 0 below ``induce_min_pairs``."""
    count = len(_confident_pairs(result, params))
    return count if count >= params.induce_min_pairs else 0


def _pair_ratio(src: list[str], tgt: list[str], result: SearchResult, params: Params) -> float | None:
    """Gale–Church's ``c`` re-estimated from a pass's confident 1-1 beads, ``Σ l_t / Σ l_s`` over
    those scoring at least ``induce_min_score`` (the beads that teach the lexicon); ``None`` from
    fewer than ``induce_min_pairs``. The whole documents' ratio counts unaligned sentences and
    merges too; the confident pairs measure the translation itself (Text+Berg dev 0.865 → 0.871,
    dev cut into 100-sentence documents 0.846 → 0.850, the Bible and its variant +0.0002).
    """
    chosen = _confident_pairs(result, params)
    if len(chosen) < params.induce_min_pairs:
        return None
    src_total = sum(len(src[bead.src[0]]) for bead in chosen)
    tgt_total = sum(len(tgt[bead.tgt[0]]) for bead in chosen)
    return tgt_total / src_total if src_total and tgt_total else None


def _cost_model(params: Params, type_costs: tuple[tuple[BeadType, float], ...], ratio: float) -> CostModel:
    return CostModel(
        lexical_weight=params.lexical_weight,
        length_weight=params.length_weight,
        length_ratio=ratio,
        length_variance=params.length_variance,
        length_cap=params.length_cap,
        merge_cost=params.merge_cost,
        paragraph_weight=params.paragraph_weight,
        coverage_weight=params.coverage_weight,
        debris_cost=params.debris_cost,
        type_costs=type_costs,
    )


def _type_costs(path: list[BeadType], params: Params) -> tuple[tuple[BeadType, float], ...]:
    """Bead-type priors re-estimated from a first pass's path, relative to 1-1 and smoothed towards
    the first pass's own prior (a Dirichlet prior of ``α`` pseudo-beads shaped like it):

        prior(k, l) = −log((n(k, l) + α·π(k, l)) / (n(1, 1) + α)),    π(k, l) = exp(−merge_cost · (k + l − 2))

    with ``α`` = ``type_smoothing``, floored at ``merge_cost`` per extra sentence times
    ``type_cost_floor``, so that a document whose first pass merged a lot still pays something for
    each merge. A Bible book (verse for verse) thus learns that merges are rare, a freely translated
    book that they are common. A type the first pass never chose keeps about its first-pass cost
    (plus ``log((n(1, 1) + α)/α)``), however short the document: with add-one smoothing instead, a
    25-verse book priced an unseen 2-2 bead at ``log 26`` ≈ 3.3, cheaper than the first pass's 6.
    """
    counts = {bead_type: 0 for bead_type in params.bead_types}
    for bead_type in path:
        if bead_type in counts:
            counts[bead_type] += 1
    base = counts.get((1, 1), 0) + params.type_smoothing
    costs = []
    for bead_type, count in counts.items():
        extra = sum(bead_type) - 2
        pseudo = params.type_smoothing * math.exp(-params.merge_cost * extra)
        costs.append((bead_type, max(-math.log((count + pseudo) / base),
                                     params.type_cost_floor * params.merge_cost * extra)))
    return tuple(costs)


def _one_pass(
    src: list[str], tgt: list[str], src_paras: list[int] | None, tgt_paras: list[int] | None,
    src_lang: str, tgt_lang: str, lexicon: Lexicon, params: Params,
    type_costs: tuple[tuple[BeadType, float], ...], ratio: float,
) -> SearchResult:
    src_side, tgt_side = document_features(src, tgt, src_lang, tgt_lang, lexicon,
                                           src_paras=src_paras, tgt_paras=tgt_paras)
    settings = SearchSettings(
        bead_types=params.bead_types, cosine_percentile=params.cosine_percentile,
        null_percentile=params.null_percentile,
        coarse_null_percentile=params.coarse_null_percentile, full_dp_cells=params.full_dp_cells,
        coarse_factor=params.coarse_factor, max_block=params.max_block, band_margin=params.band_margin,
        substitution_discount=params.substitution_discount, seed=params.seed,
        surplus_weight=params.surplus_weight,
    )
    return search(src_side, tgt_side, _cost_model(params, type_costs, ratio), settings)


def _scores(result: SearchResult, params: Params) -> np.ndarray:
    """Each bead's score (module docstring): its own margin plus ``γ`` times its neighbours'.

    A pair's own margin is its lexical evidence net of its penalties, beyond ``chance_evidence``::

        m = λ_lex · ((k + l)/2 − e₀) − cost  =  λ_lex · (log(1 + cos/s) − e₀) − λ_len·GC − prior − λ_para·breaks

    A null bead's margin is how much dearer the cheapest pairing of its sentence would have been
    than leaving it alone. Context: between confident pairs, a pair with little evidence of its own
    (a short verse, a heading) is most likely right; among junk (comparable texts), it is junk. So
    ``m`` is joined by the mean of the pair margins (clipped to ±λ_lex; a null bead counting as
    −λ_lex·e₀, a pair with no evidence) of the ``context`` beads on either side.
    """
    own = []
    neighbour = []
    i = j = 0
    for (k, l), cost in zip(result.path, result.costs):
        if k and l:
            margin = params.lexical_weight * ((k + l) / 2 - params.chance_evidence) - cost
            own.append(margin)
            neighbour.append(margin)
        else:
            floor = result.src_floor[i] if k else result.tgt_floor[j]
            own.append((float(floor) - 2 * result.null_cost) / 2)
            neighbour.append(-params.lexical_weight * params.chance_evidence)
        i, j = i + k, j + l
    clipped = np.clip(np.array(neighbour), -params.lexical_weight, params.lexical_weight)
    width = params.context
    padded = np.concatenate([np.zeros(width), clipped, np.zeros(width)])
    counts = np.concatenate([np.zeros(width), np.ones(len(clipped)), np.zeros(width)])
    window = np.ones(2 * width + 1)
    sums = np.convolve(padded, window, mode="valid") - clipped
    total = np.convolve(counts, window, mode="valid") - 1
    context = np.divide(sums, total, out=np.zeros_like(sums), where=total > 0)
    margins = np.array(own) + params.context_weight * context
    return 1.0 / (1.0 + np.exp(-np.clip(params.score_slope * margins, -50, 50)))


def _beads(result: SearchResult, params: Params) -> tuple[Bead, ...]:
    beads = []
    i = j = 0
    for (k, l), score in zip(result.path, _scores(result, params)):
        beads.append(Bead(tuple(range(i, i + k)), tuple(range(j, j + l)), float(score)))
        i, j = i + k, j + l
    return tuple(beads)


def _induced_lexicon(
    src: list[str], tgt: list[str], src_lang: str, result: SearchResult, params: Params
) -> Lexicon:
    """Translations learned from a pass's pair beads scoring at least ``induce_min_score`` (see
    ``Params.induce_model``); none from fewer than ``induce_min_pairs`` (two pairs sharing two
    words prove nothing).

    Model 1 learns from words (for Vietnamese, syllables), never from overlapping syllable n-grams:
    n-grams would compete with their own syllables for the same target words and split the
    probability between them. The lexicon's longest-match lookup still finds the multi-syllable
    words of the built-in and user lexicons first.
    """
    if params.induce_model == "dice":
        chosen = _confident_pairs(result, params)
    else:
        chosen = [bead for bead in _beads(result, params)
                  if bead.src and bead.tgt and bead.score >= params.induce_min_score]
    if len(chosen) < params.induce_min_pairs:
        return EMPTY
    tgt_words = [[word for j in bead.tgt for word in words(tgt[j])] for bead in chosen]
    if params.induce_model == "dice":
        return induce_lexicon([source_units(src[bead.src[0]], src_lang) for bead in chosen], tgt_words,
                              min_cooccurrence=params.induce_min_count, min_dice=params.induce_min_dice)
    return induce_model1([[unit for i in bead.src for unit in source_words(src[i], src_lang)] for bead in chosen],
                         tgt_words, iterations=params.induce_iterations,
                         min_cooccurrence=params.induce_min_count,
                         min_probability=params.induce_min_probability)


def align(
    src: Sequence[Sentence] | Sequence[str],
    tgt: Sequence[Sentence] | Sequence[str],
    src_lang: str = "vi",
    tgt_lang: str = "en",
    *,
    lexicon: Lexicon | None = None,
    params: Params | None = None,
) -> Alignment:
    """Align two sides' sentences; every sentence ends up in exactly one bead, in order.

    ``lexicon`` (a user's dictionary) is used on top of the built-in lexicon of the language pair
    and the one induced from the documents. ``Sentence.para`` marks paragraphs, which beads prefer
    not to cross.

    >>> a = align(["Năm 2006.", "Việt Nam gia nhập WTO."], ["In 2006.", "Vietnam joined the WTO."])
    >>> [(b.src, b.tgt) for b in a.beads]
    [((0,), (0,)), ((1,), (1,))]
    """
    params = params or Params()
    src_lang, tgt_lang = language_code(src_lang), language_code(tgt_lang)  # vie, vi-VN, VI: all vi
    src_texts, src_paras = _texts(src)
    tgt_texts, tgt_paras = _texts(tgt)
    signature = params.signature()
    if not src_texts or not tgt_texts:
        beads = tuple(Bead((i,), (), 1.0) for i in range(len(src_texts))) + tuple(
            Bead((), (j,), 1.0) for j in range(len(tgt_texts)))
        return Alignment(beads, tuple(src_texts), tuple(tgt_texts), src_lang, tgt_lang, signature)
    known = builtin_lexicon(src_lang, tgt_lang)
    if lexicon is not None:
        known = known.merged(lexicon) if len(known) else lexicon
    # The length ratio that lets more pairs stand out as translations is the better estimate, if
    # it is backed by at least induce_min_pairs of them (as for _pair_ratio: a few pairs prove
    # nothing). A tie goes to the first candidate: beyond the imbalance that makes two, the mean
    # lengths' ratio, as surplus is then the likelier cause; with the totals' ratio, a long
    # sentence of a comparable text's surplus side paired with a short unrelated one (scoring 0.55).
    trials = [(_one_pass(src_texts, tgt_texts, src_paras, tgt_paras, src_lang, tgt_lang, known, params, (), ratio),
               ratio) for ratio in _length_ratios(src_texts, tgt_texts, params)]
    result, ratio = max(trials, key=lambda trial: _support(trial[0], params))
    induced = EMPTY
    for round_ in range(params.induce_rounds if params.induce else 0):
        induced = _induced_lexicon(src_texts, tgt_texts, src_lang, result, params)
        log.info("induced %d lexicon entries from pass %d", len(induced), round_ + 1)
        if not len(induced):
            break
        if params.ratio_from_pairs:
            ratio = _pair_ratio(src_texts, tgt_texts, result, params) or ratio
        result = _one_pass(src_texts, tgt_texts, src_paras, tgt_paras, src_lang, tgt_lang,
                           known.merged(induced) if len(known) else induced, params,
                           _type_costs(result.path, params) if params.learn_type_costs else (), ratio)
    beads = _beads(result, params)
    meta = {"null_cost": result.null_cost, "induced_entries": len(induced), "lexicon_entries": len(known)}
    return Alignment(beads, tuple(src_texts), tuple(tgt_texts), src_lang, tgt_lang, signature, meta)


def align_texts(
    src_text: str,
    tgt_text: str,
    src_lang: str = "vi",
    tgt_lang: str = "en",
    *,
    lexicon: Lexicon | None = None,
    params: Params | None = None,
) -> Alignment:
    """Split two running texts into sentences (:func:`align.segment.split`) and align them."""
    from .segment import split

    return align(split(src_text, src_lang), split(tgt_text, tgt_lang), src_lang, tgt_lang,
                 lexicon=lexicon, params=params)


__all__ = ["Params", "align", "align_texts"]
