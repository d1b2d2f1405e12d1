"""The public aligner: sentences in, beads with scores out.

Passes (DESIGN.md's data flow):

1. vectors from the built-in and user lexicons plus anchors (:mod:`align.features`), and a search
   for the cheapest bead path (:mod:`align.search`); for documents of very unequal sizes, two
   searches with two estimates of the length ratio (:func:`_length_ratios`), the one that finds
   more confident 1-1 beads kept;
2. the 1-1 beads of pass 1 whose evidence says translation (``σ(β · (m + γ · c))`` ≥
   ``induce_min_score``, see :attr:`Pass.taught`) teach a lexicon of the two documents themselves
   (Dice, :func:`align.lexicon.induce_lexicon`; IBM Model 1 over all pair beads with
   ``induce_model="model1"``), which joins the others for a second search.
   This is what makes any language pair (Text+Berg's de-fr) align without a dictionary;
3. the same again from pass 2's beads (``induce_rounds``): a lexicon learned from better beads
   finds more of them. The later passes also take the length ratio of Gale–Church from the
   confident 1-1 beads of the pass before (:func:`_pair_ratio`).

A document pair is read once (:func:`align.features.prepare`); a pass (:func:`_search_pass`) only
translates the source words through its lexicon, searches, and weighs the evidence of the path's
beads; the last pass's beads are scored (:meth:`Pass.beads`).
The configuration (:mod:`align.config`) is passed through unchanged; what a pass learns of the
documents (length ratio, bead-type priors) is a :class:`align.search.PassModel`.

Every bead gets a score in [0, 1], the probability that it is right: for a pair, the probability
that it is a translation pair at all, ``σ(β · (max(m, 0) + γ · c))`` with σ the logistic function,
``m`` its own margin (its lexical evidence beyond chance net of its length and prior penalties) and
``c`` its neighbours' mean margin (:func:`_margins`), times its posterior under the alignment model,
the probability that it is exactly this pair and not a sentence longer or shorter
(:mod:`align.confidence`); for a null bead, its posterior, the probability that its sentence has
no counterpart. So 0.5 means "as likely right as not": on the comparable seed pairs (no
translation in them) no pair scores 0.5 or more, and the weakest tenth of Text+Berg dev's beads
hold the wrong ones whose correction removes half of its strict errors (``scripts/bench_review.py``).
"""

from __future__ import annotations

import functools
import logging
import math
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from .anchors import source_words_of
from .config import BeadType, Params
from .confidence import posteriors
from .features import PreparedPair, SideFeatures, prepare
from .languages import language_code
from .lexicon import EMPTY, Lexicon, builtin_lexicon, induce_lexicon, induce_model1
from .search import PassModel, SearchResult, search
from .types import Alignment, Bead, Sentence

log = logging.getLogger(__name__)


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
    if max(n_src, n_tgt) > params.length.ratio_trial_imbalance * min(n_src, n_tgt):
        return (ratio * n_src / n_tgt, ratio)
    return (ratio,)


def _pair_ratio(prepared: PreparedPair, chosen: Sequence[Bead], params: Params) -> float | None:
    """Gale–Church's ``c`` re-estimated from a pass's confident 1-1 beads, ``Σ l_t / Σ l_s`` over
    those scoring at least ``induce_min_score`` (the beads that teach the lexicon); ``None`` from
    fewer than ``induce_min_pairs``. The whole documents' ratio counts unaligned sentences and
    merges too; the confident pairs measure the translation itself (Text+Berg dev 0.865 → 0.871,
    dev cut into 100-sentence documents 0.846 → 0.850, the Bible and its variant +0.0002).
    """
    if len(chosen) < params.lexical.induce_min_pairs:
        return None
    src_total = float(sum(prepared.src.lengths[bead.src[0]] for bead in chosen))
    tgt_total = float(sum(prepared.tgt.lengths[bead.tgt[0]] for bead in chosen))
    return tgt_total / src_total if src_total and tgt_total else None


def _pair_variance(found: Pass, params: Params) -> float | None:
    """Gale–Church's ``s²`` estimated from a pass's confident 1-1 beads, the mean of

        (l_t − c·l_s)² / ((c·l_s + l_t) / 2)

    (the square of ``δ`` of :func:`align.search.gale_church_cost` times ``s²``); ``None`` from fewer
    than ``induce_min_pairs``. A translator who keeps close to the source's sentence lengths makes
    the length evidence sharper than the fixed ``LengthConfig.variance`` (6.8) says: Text+Berg dev
    4.1, the Bible 5.0, the project's policy documents 2.3. The search keeps the fixed variance;
    the posteriors take this one, which ranks the wrong beads of Text+Berg dev better (the area
    under the curve 0.78 → 0.80) and those of the Bible about as well (0.98 → 0.97).
    """
    if len(found.confident) < params.lexical.induce_min_pairs:
        return None
    src_side, tgt_side = found.sides
    ratio = found.model.length_ratio
    src_len = np.array([src_side.lengths[bead.src[0]] for bead in found.confident])
    tgt_len = np.array([tgt_side.lengths[bead.tgt[0]] for bead in found.confident])
    return float(np.mean((tgt_len - ratio * src_len) ** 2 / np.maximum((ratio * src_len + tgt_len) / 2, 1.0)))


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
    counts = {bead_type: 0 for bead_type in params.search.bead_types}
    for bead_type in path:
        if bead_type in counts:
            counts[bead_type] += 1
    search = params.search
    base = counts.get((1, 1), 0) + search.type_smoothing
    costs = []
    for bead_type, count in counts.items():
        extra = sum(bead_type) - 2
        pseudo = search.type_smoothing * math.exp(-search.merge_cost * extra)
        costs.append((bead_type, max(-math.log((count + pseudo) / base),
                                     search.type_cost_floor * search.merge_cost * extra)))
    return tuple(costs)


def _margins(result: SearchResult, params: Params) -> tuple[np.ndarray, np.ndarray]:
    """Each bead's own margin ``m`` and its neighbours' mean margin ``c`` (``m`` is 0 for a null bead).

    A pair's own margin is its lexical evidence net of its penalties, beyond ``chance_evidence``::

        m = λ_lex · ((k + l)/2 − e₀) − cost  =  λ_lex · (log(1 + cos/s) − e₀) − λ_len·GC − prior − λ_para·breaks

    ``c`` is the mean of the pair margins (clipped to ±λ_lex; a null bead counting as −λ_lex·e₀, a
    pair with no evidence) of the ``context`` beads on either side.
    """
    weight, scoring = params.lexical.weight, params.scoring
    own = np.zeros(len(result.path))
    neighbour = np.full(len(result.path), -weight * scoring.chance_evidence)
    for n, ((k, l), cost) in enumerate(zip(result.path, result.costs)):
        if k and l:
            own[n] = neighbour[n] = weight * ((k + l) / 2 - scoring.chance_evidence) - cost
    clipped = np.clip(neighbour, -weight, weight)
    width = scoring.context
    padded = np.concatenate([np.zeros(width), clipped, np.zeros(width)])
    counts = np.concatenate([np.zeros(width), np.ones(len(clipped)), np.zeros(width)])
    window = np.ones(2 * width + 1)
    sums = np.convolve(padded, window, mode="valid") - clipped
    total = np.convolve(counts, window, mode="valid") - 1
    return own, np.divide(sums, total, out=np.zeros_like(sums), where=total > 0)


def _logistic(margins: np.ndarray, params: Params) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(params.scoring.slope * margins, -50, 50)))


@dataclass(frozen=True)
class Pass:
    """One search of the document pair: the path, and how much evidence each of its beads has."""

    result: SearchResult
    model: PassModel
    sides: tuple[SideFeatures, SideFeatures]
    """The vectors the search ran on (through this pass's lexicon), for the posteriors."""
    own: np.ndarray
    context: np.ndarray
    """Each bead's own margin and its neighbours' mean margin (:func:`_margins`)."""
    taught: tuple[Bead, ...]
    """The pair beads whose evidence ``σ(β · (m + γ · c))`` is at least ``induce_min_score`` (as
    likely a translation as not, judged by their own words and their neighbours'), with that
    evidence as their score: what the next pass's lexicon and length ratio learn from."""

    @functools.cached_property
    def confident(self) -> tuple[Bead, ...]:
        """The 1-1 beads of :attr:`taught`."""
        return tuple(bead for bead in self.taught if len(bead.src) == 1 and len(bead.tgt) == 1)

    def support(self, params: Params) -> int:
        """How many confident 1-1 beads back the pass, 0 below ``induce_min_pairs``."""
        return len(self.confident) if len(self.confident) >= params.lexical.induce_min_pairs else 0

    def beads(self, params: Params) -> tuple[Bead, ...]:
        """The path's beads with their scores (the module docstring): a pair's is the probability
        that it is a translation pair at all, ``σ(β · (max(m, 0) + γ · c))``, times its posterior
        (:func:`align.confidence.posteriors`), the probability that it is exactly this pair, not
        a sentence longer or shorter; a null bead's is its posterior, the probability that its
        sentence has no counterpart.

        Evidence of its own raises a pair's probability of being a translation, while little
        evidence does not lower it below what its neighbours say: between confident pairs, a pair
        with few words in common (a short verse, a heading, a sentence the translator shortened) is
        most likely right, while among junk (comparable texts) it is junk.
        """
        translation = _logistic(np.maximum(self.own, 0.0) + params.scoring.context_weight * self.context, params)
        variance = _pair_variance(self, params) if params.scoring.variance_from_pairs else None
        model_params = replace(params, length=replace(params.length, variance=variance)) if variance else params
        posterior = posteriors(*self.sides, self.result, model_params, self.model)
        steps = np.array(self.result.path, dtype=np.int64).reshape(-1, 2)
        scores = posterior * np.where((steps[:, 0] > 0) & (steps[:, 1] > 0), translation, 1.0)
        return tuple(Bead(src, tgt, score) for (src, tgt), score in zip(_spans(steps), scores.tolist()))


def _spans(steps: np.ndarray, which: np.ndarray | None = None) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The source and target sentences of each bead of a path given as its (k, l) ``steps``, or of its beads ``which``."""
    ends = np.cumsum(steps, axis=0)
    if which is not None:
        steps, ends = steps[which], ends[which]
    return [(tuple(range(i - k, i)), tuple(range(j - l, j))) for (k, l), (i, j) in zip(steps.tolist(), ends.tolist())]


def _search_pass(prepared: PreparedPair, lexicon: Lexicon, params: Params, model: PassModel) -> Pass:
    """Vectors through ``lexicon``, the search, and the evidence of the path's beads."""
    src_side, tgt_side = prepared.features(lexicon)
    result = search(src_side, tgt_side, params, model)
    own, context = _margins(result, params)
    evidence = _logistic(own + params.scoring.context_weight * context, params)
    steps = np.array(result.path, dtype=np.int64).reshape(-1, 2)
    teaching = np.flatnonzero((steps[:, 0] > 0) & (steps[:, 1] > 0) & (evidence >= params.lexical.induce_min_score))
    taught = tuple(Bead(src, tgt, score) for (src, tgt), score in zip(_spans(steps, teaching),
                                                                      evidence[teaching].tolist()))
    return Pass(result, model, (src_side, tgt_side), own, context, taught)


def _next_model(prepared: PreparedPair, found: Pass, params: Params) -> PassModel:
    """A later pass's length ratio and bead-type priors, from the pass before."""
    ratio = found.model.length_ratio
    if params.length.ratio_from_pairs:
        ratio = _pair_ratio(prepared, found.confident, params) or ratio
    learned = _type_costs(found.result.path, params) if params.search.learn_type_costs else ()
    return PassModel(ratio, learned)


def _induced_lexicon(prepared: PreparedPair, src_lang: str, found: Pass, params: Params) -> Lexicon:
    """Translations learned from a pass's pair beads scoring at least ``induce_min_score`` (see
    ``LexicalConfig.induce_model``); none from fewer than ``induce_min_pairs`` (two pairs sharing two
    words prove nothing).

    Model 1 learns from words (for Vietnamese, syllables), never from overlapping syllable n-grams:
    n-grams would compete with their own syllables for the same target words and split the
    probability between them. The lexicon's longest-match lookup still finds the multi-syllable
    words of the built-in and user lexicons first.
    """
    lexical = params.lexical
    if lexical.induce_model == "dice":
        chosen = found.confident
    else:
        chosen = list(found.taught)
    if len(chosen) < lexical.induce_min_pairs:
        return EMPTY
    if len(chosen) > lexical.induce_max_pairs:
        chosen = [chosen[int(k)] for k in np.linspace(0, len(chosen) - 1, lexical.induce_max_pairs).round()]
    src_words, tgt_words = prepared.src.words, prepared.tgt.words
    if lexical.induce_model == "dice":  # 1-1 beads: a sentence a side
        src_rows, tgt_rows = (np.array([bead.src[0] for bead in chosen]), np.array([bead.tgt[0] for bead in chosen]))
        return induce_lexicon(src_words.rows(src_rows).source_units(src_lang), tgt_words.rows(tgt_rows),
                              min_cooccurrence=lexical.induce_min_count, min_dice=lexical.induce_min_dice)
    tgt_units = [[word for j in bead.tgt for word in tgt_words[j]] for bead in chosen]
    return induce_model1([[unit for i in bead.src for unit in source_words_of(src_words[i], src_lang)]
                          for bead in chosen], tgt_units, iterations=lexical.induce_iterations,
                         min_cooccurrence=lexical.induce_min_count, min_probability=lexical.induce_min_probability)


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
    prepared = prepare(src_texts, tgt_texts, src_lang, tgt_lang, src_paras=src_paras, tgt_paras=tgt_paras)
    # The length ratio that lets more pairs stand out as translations is the better estimate, if
    # it is backed by at least induce_min_pairs of them (as for _pair_ratio: a few pairs prove
    # nothing). A tie goes to the first candidate: beyond the imbalance that makes two, the mean
    # lengths' ratio, as surplus is then the likelier cause; with the totals' ratio, a long
    # sentence of a comparable text's surplus side paired with a short unrelated one (evidence 0.55).
    found = max((_search_pass(prepared, known, params, PassModel(ratio))
                 for ratio in _length_ratios(src_texts, tgt_texts, params)), key=lambda trial: trial.support(params))
    induced = EMPTY
    for round_ in range(params.lexical.induce_rounds if params.lexical.induce else 0):
        induced = _induced_lexicon(prepared, src_lang, found, params)
        log.info("induced %d lexicon entries from pass %d", len(induced), round_ + 1)
        if not len(induced):
            break
        found = _search_pass(prepared, known.merged(induced) if len(known) else induced, params,
                             _next_model(prepared, found, params))
    meta = {"null_cost": found.result.null_cost, "induced_entries": len(induced), "lexicon_entries": len(known)}
    return Alignment(found.beads(params), tuple(src_texts), tuple(tgt_texts), src_lang, tgt_lang, signature, meta)


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
