"""The aligner's configuration: four frozen dataclasses, each default defined once, passed unchanged.

* :class:`LengthConfig`: Gale–Church's length cost and where its ratio comes from;
* :class:`LexicalConfig`: the weight of the lexical and anchor evidence, and lexicon induction;
* :class:`SearchConfig`: what a bead may be and costs, the null cost's calibration, the band;
* :class:`ScoringConfig`: how a bead's cost becomes its score in [0, 1].

:class:`Params` holds one of each. Every stage reads the section it needs from it; nothing copies
a field into another structure. What a document pair sets (the length ratio, the bead-type priors
of a later pass, the cosine scale and null cost of a search level) is not configuration and lives
in its own values (:class:`align.search.PassModel`, :class:`align.search.Calibration`).

The defaults were tuned on Text+Berg dev and the Bible.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass

from ._version import __version__

BeadType = tuple[int, int]


@dataclass(frozen=True)
class LengthConfig:
    """Gale–Church on characters (:func:`align.search.gale_church_cost`)."""

    weight: float = 1.0
    """λ_len: weight of the Gale–Church length cost."""
    variance: float = 6.8
    """s² of Gale–Church (the length ratio c is estimated from each document pair)."""
    cap: float = 6.0
    """Largest Gale–Church cost of a bead: beyond it a length mismatch says nothing more (verse
    fragments)."""
    ratio_from_pairs: bool = True
    """The later passes take the length ratio from the previous pass's confident 1-1 beads (see
    :func:`align.aligner._pair_ratio`) rather than from the whole documents."""
    ratio_trial_imbalance: float = 1.25
    """When one side has more than this many times the other's sentences, the first pass is run
    twice, with the length ratio from the mean and from the total sentence lengths (see
    :func:`align.aligner._length_ratios`), and the pass that finds more confident 1-1 beads (at
    least ``LexicalConfig.induce_min_pairs``) is kept, the mean's on a tie. (At 1.0, Text+Berg dev,
    1.18 times as many French sentences, keeps the mean's pass and falls from 0.871 to 0.865, while
    dev cut into 100-sentence documents, 1.17 to 1.49 times, rises from 0.850 to 0.860; at 1.25
    both stay.)"""


@dataclass(frozen=True)
class LexicalConfig:
    """The lexical and anchor evidence, and the lexicon the later passes induce from the documents."""

    weight: float = 6.0
    """λ_lex: weight of the lexical and anchor evidence."""
    coverage_weight: float = 0.75
    """w: share of a many-to-many bead's lexical credit earned sentence by sentence (each sentence
    by its own overlap with the other side of the bead), the rest by the bead's cosine."""
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
    """Fewer confident pairs than this teach nothing (two pairs sharing two words prove nothing)."""
    induce_max_pairs: int = 20_000
    """The lexicon is learned from at most this many of those pairs, spread evenly over the
    documents: Dice's co-occurrence counts grow with every pair (each pair's source units times
    its target words), and beyond some thousands of pairs a larger sample teaches little. (160,000
    Bible verses against their translation made 150,000 confident pairs, whose counts took
    gigabytes; Text+Berg test joined 20 times, about 18,000, stays under it.)"""
    induce_min_count: int = 2
    induce_min_dice: float = 0.3
    induce_iterations: int = 5
    """EM iterations of Model 1 (from uniform probabilities; 3 is too few, 10 changes nothing)."""
    induce_min_probability: float = 0.1
    """Model 1 keeps a pair whose √(p(t | s) · p(s | t)) is at least this."""

    def __post_init__(self) -> None:
        if self.induce_model not in ("model1", "dice"):
            raise ValueError(f"induce_model must be 'model1' or 'dice', not {self.induce_model!r}")


@dataclass(frozen=True)
class SearchConfig:
    """What a bead may be and what it costs (:func:`align.search.bead_costs` has the formula), and
    how the search finds the cheapest path in linear time and memory."""

    bead_types: tuple[BeadType, ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1))
    """Pair bead types searched; the null types 1-0 and 0-1 are always added."""
    merge_cost: float = 3.0
    """First-pass prior cost of each sentence a bead holds beyond 1-1."""
    debris_cost: float = 3.0
    """λ_debris: cost of each debris line (no word of two letters) inside a many-to-many bead."""
    paragraph_weight: float = 1.0
    """λ_para: cost of each paragraph break inside a bead."""
    learn_type_costs: bool = True
    """In later passes, bead-type priors come from the previous pass's path (see
    :func:`align.aligner._type_costs`)."""
    type_smoothing: float = 1.0
    """α: pseudo-beads of the first-pass prior the learned bead-type priors are smoothed with."""
    type_cost_floor: float = 0.5
    """Learned priors are at least this share of ``merge_cost`` per extra sentence."""
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
    full_dp_cells: int = 40_000
    """Search the whole matrix when it has at most this many nodes, else coarse-to-fine."""
    coarse_factor: int = 4
    """Sentences summed into one block per coarse level."""
    max_block: int = 64
    """Largest block of sentences summed into one at the coarse levels of the search."""
    band_margin: int = 8
    """Sentences searched on either side of the coarse path."""
    seed: int = 42
    """Seeds the sampling of random pairs, so that every run gives the same beads."""


@dataclass(frozen=True)
class ScoringConfig:
    """A bead's score: for a pair, its probability of being a translation, ``σ(β · (max(m, 0) + γ ·
    c))`` from its own margin ``m`` and its neighbours' mean margin ``c``, times its posterior under
    the alignment model (:mod:`align.confidence`); for a null bead, its posterior (see
    :meth:`align.aligner.Pass.beads`)."""

    slope: float = 1.0
    """β of the logistic functions of the margins."""
    chance_evidence: float = 0.8
    """e₀: the lexical evidence log(1 + cos/s) a pair needs, net of its penalties, to be as likely a
    translation as not (and, with its neighbours', to teach the induced lexicon)."""
    context: int = 2
    """Beads on either side whose margins inform a bead's score."""
    context_weight: float = 1.0
    """γ: weight of the neighbours' mean margin in a bead's score."""
    temperature: float = 1.75
    """τ: the posterior reads bead costs as energies, ``p(path) ∝ exp(−cost/τ)`` (see
    :mod:`align.confidence`). 1.75 gives the least log loss of the scores as probabilities of
    being right, summed over Text+Berg dev, dev cut into 100-sentence documents, the Bible and its
    variant (0.99; 1.0: 1.27, 1.5: 1.02, 2.0: 1.01, 2.5: 1.15): the mean score then matches the
    share of right beads on dev (0.877 vs 0.850), while the Bible's (0.966 vs 0.997) is too low."""
    posterior_margin: int = 2
    """Sentences on either side of the best path over which the posteriors are summed."""
    variance_from_pairs: bool = True
    """The posterior's length model takes ``s²`` from the confident 1-1 beads (see
    :func:`align.aligner._pair_variance`) rather than ``LengthConfig.variance``."""


@dataclass(frozen=True)
class Params:
    """Every parameter of the aligner, by section; ``Params()`` holds the defaults.

    Change one with :func:`dataclasses.replace` on its section:
    ``replace(params, lexical=replace(params.lexical, weight=2.0))``.
    """

    length: LengthConfig = field(default_factory=LengthConfig)
    lexical: LexicalConfig = field(default_factory=LexicalConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    scoring: ScoringConfig = field(default_factory=ScoringConfig)

    def signature(self) -> str:
        """``section.name:value`` pairs joined by ``|``, the version last (after sacrebleu's
        signature).

        >>> Params().signature().split("|")[:2]
        ['length.weight:1.0', 'length.variance:6.8']
        """
        parts = [f"{name}:{_format(value)}" for name, value in _leaves(self)]
        return "|".join([*parts, f"version:{__version__}"])


def _leaves(config: object, prefix: str = "") -> list[tuple[str, object]]:
    """``(dotted name, value)`` of every field of a nested configuration, in declaration order."""
    found: list[tuple[str, object]] = []
    for spec in fields(config):
        value = getattr(config, spec.name)
        if is_dataclass(value):
            found.extend(_leaves(value, f"{prefix}{spec.name}."))
        else:
            found.append((f"{prefix}{spec.name}", value))
    return found


def _format(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(f"{k}-{l}" for k, l in value)
    return str(value)
