"""The state of one review: the units of an alignment, the reviewer's edits, undo and redo.

No web code lives here: :mod:`align.review.server` turns requests into calls of :class:`Review`'s
edit methods, which tests call directly.

A *unit* is a bead with an id. Every edit is planned as a :class:`Change`, a slice of the unit list
replaced by new units (plus sentence texts set), and is applied only when the result still keeps
the invariants of a ladder: every sentence of both sides in exactly one unit, units in order, no
unit empty on both sides. A change that would break them is refused (:class:`EditRefused`) and
changes nothing. Undo applies a change's inverse.

Ids name units across requests: a unit keeps its id while its sentences stay the same (confirming it
or fixing a typo in it); a unit an edit rebuilds (merge, split, move, unalign) gets a fresh id, so
an edit sent against a unit that has since changed is refused as stale (:class:`StaleEdit`) rather
than applied to different sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from ..tmx import clean_segment
from ..types import Bead

SIDES = ("src", "tgt")
DIRECTIONS = ("previous", "next")

DOUBTFUL_SHARE = 0.10
"""The share of units the page shows first: its score filter starts at the score below which the
weakest tenth of the units lie (see :func:`default_threshold`)."""

MAX_TEXT = 10_000
"""Longest sentence text an edit may set, in characters (a typo fix, not a document)."""


class EditRefused(Exception):
    """An edit that is invalid or would break the invariants; nothing was changed."""

    status = 422


class StaleEdit(EditRefused):
    """An edit of a unit that no longer exists (an earlier edit rebuilt it); nothing was changed."""

    status = 409


@dataclass(frozen=True)
class Unit:
    """Source sentences ``src`` aligned with target sentences ``tgt``, as the reviewer sees them.

    ``score`` is the aligner's score; a unit an edit made carries the lowest score of the units it
    was made from, so it stays where the score filter showed it. ``reviewed``: the reviewer
    confirmed or edited it, so it is exported with score 1.0.
    """

    id: int
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    reviewed: bool = False

    def side(self, side: str) -> tuple[int, ...]:
        return self.src if side == "src" else self.tgt

    @property
    def exported_score(self) -> float:
        return 1.0 if self.reviewed else self.score

    def bead(self) -> Bead:
        return Bead(self.src, self.tgt, self.exported_score)


@dataclass(frozen=True)
class TextChange:
    """Sentence ``index`` of ``side`` goes from text ``before`` to ``after`` (None: the original)."""

    side: str
    index: int
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Change:
    """Replace ``removed`` (the units at ``start``) with ``added``, and set sentence texts."""

    start: int
    removed: tuple[Unit, ...]
    added: tuple[Unit, ...]
    texts: tuple[TextChange, ...] = ()

    def inverse(self) -> Change:
        return Change(self.start, self.added, self.removed,
                      tuple(TextChange(t.side, t.index, t.after, t.before) for t in reversed(self.texts)))


@dataclass(frozen=True)
class Document:
    """The two sides' sentences as read (the originals; edits are kept apart) and their paragraphs."""

    src: tuple[str, ...]
    tgt: tuple[str, ...]
    src_para: tuple[int, ...]
    tgt_para: tuple[int, ...]
    src_lang: str = "vi"
    tgt_lang: str = "en"

    def sentences(self, side: str) -> tuple[str, ...]:
        return self.src if side == "src" else self.tgt


def units_from_beads(beads: Iterable[Bead]) -> list[Unit]:
    """Units numbered from 0, unreviewed, with the beads' scores."""
    return [Unit(k, bead.src, bead.tgt, bead.score) for k, bead in enumerate(beads)]


def invariant_problem(units: Sequence[Unit], n_src: int, n_tgt: int) -> str | None:
    """What breaks the ladder invariants in ``units`` (None when nothing does).

    >>> invariant_problem([Unit(0, (0,), (0,), 1.0), Unit(1, (2,), (), 1.0)], 3, 1)
    'unit 1 starts at source sentence 2, expected 1'
    """
    next_index = {"src": 0, "tgt": 0}
    seen_ids: set[int] = set()
    for unit in units:
        if unit.id in seen_ids:
            return f"unit id {unit.id} used twice"
        seen_ids.add(unit.id)
        if not unit.src and not unit.tgt:
            return f"unit {unit.id} is empty on both sides"
        for side, name in zip(SIDES, ("source", "target")):
            indices = unit.side(side)
            expected = next_index[side]
            if indices and indices[0] != expected:
                return f"unit {unit.id} starts at {name} sentence {indices[0]}, expected {expected}"
            if indices != tuple(range(expected, expected + len(indices))):
                return f"unit {unit.id} has {name} sentences out of order or with a gap"
            next_index[side] += len(indices)
    for side, name, total in (("src", "source", n_src), ("tgt", "target", n_tgt)):
        if next_index[side] != total:
            return f"the units hold {next_index[side]} {name} sentences, the document {total}"
    return None


def default_threshold(scores: Sequence[float], share: float = DOUBTFUL_SHARE) -> float:
    """The score filter's starting value: at most ``share`` of the units score below it.

    It is the score of the unit ranked ``round(share · n)`` from the weakest, rounded down to three
    decimals (the page shows three), so the units below it are among the weakest ``share``.

    >>> default_threshold([0.9, 0.1, 1.0, 0.35, 0.8, 1.0, 1.0, 0.99, 0.97, 0.96])
    0.35
    """
    if not scores:
        return 0.0
    ordered = sorted(scores)
    rank = max(1, round(share * len(ordered)))
    if rank >= len(ordered):
        return 1.0
    return math.floor(ordered[rank] * 1000) / 1000


def doubtful(units: Sequence[Unit], threshold: float) -> list[int]:
    """Positions of the units still to check: not reviewed and scoring below ``threshold``."""
    return [k for k, unit in enumerate(units) if not unit.reviewed and unit.score < threshold]


class Review:
    """The units of one document pair under review, the text edits, and the undo/redo history.

    Each edit method takes unit ids (never positions, which shift) and raises
    :class:`EditRefused` (or :class:`StaleEdit`) without changing anything when it cannot apply.
    ``revision`` counts the changes applied (edits, undos and redos).
    """

    def __init__(
        self,
        document: Document,
        units: Sequence[Unit],
        edited: Mapping[tuple[str, int], str] | None = None,
        *,
        threshold: float | None = None,
        at: int | None = None,
        revision: int = 0,
    ):
        problem = invariant_problem(units, len(document.src), len(document.tgt))
        if problem is not None:
            raise ValueError(problem)
        for (side, index), text in (edited or {}).items():
            if side not in SIDES or not 0 <= index < len(document.sentences(side)) or not text:
                raise ValueError(f"bad text edit of {side} sentence {index}")
        self.document = document
        self._units = list(units)
        self._edited = dict(edited or {})
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._next_id = max((unit.id for unit in units), default=-1) + 1
        self._positions: dict[int, int] | None = None
        self.revision = revision
        self.threshold = default_threshold([u.score for u in units]) if threshold is None else threshold
        self.at = at
        """The id of the unit the reviewer was at (the page's cursor), to resume there."""
        self.last_change_at: int | None = None
        """Where the last change applied (edit, undo or redo) starts in :attr:`units`."""

    # --- reading --------------------------------------------------------------------------------

    @property
    def units(self) -> tuple[Unit, ...]:
        return tuple(self._units)

    @property
    def edited(self) -> dict[tuple[str, int], str]:
        """The sentence texts the reviewer changed, by (side, index)."""
        return dict(self._edited)

    def text(self, side: str, index: int) -> str:
        """Sentence ``index`` of ``side`` as the reviewer left it (edited, else the original)."""
        return self._edited.get((side, index), self.document.sentences(side)[index])

    @property
    def focus(self) -> int | None:
        """The id of the first unit the last change left (where the page puts its cursor)."""
        k = self.last_change_at
        if k is None or not self._units:
            return None
        return self._units[min(k, len(self._units) - 1)].id

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def position(self, unit_id: int) -> int:
        """Where unit ``unit_id`` is now; :class:`StaleEdit` when no unit has that id any more."""
        if self._positions is None:
            self._positions = {unit.id: k for k, unit in enumerate(self._units)}
        try:
            return self._positions[unit_id]
        except KeyError:
            raise StaleEdit(f"unit {unit_id} no longer exists (an earlier edit changed it); "
                            "reload the page") from None

    # --- applying -------------------------------------------------------------------------------

    def apply(self, change: Change) -> None:
        """Apply ``change`` if the result keeps the invariants (else :class:`EditRefused`), as a new
        step of the history: it can be undone, and the redo list is dropped."""
        self._apply(change)
        self._undo.append(change)
        self._redo.clear()

    def undo(self) -> None:
        if not self._undo:
            raise EditRefused("nothing to undo")
        change = self._undo[-1]
        self._apply(change.inverse())
        self._redo.append(self._undo.pop())

    def redo(self) -> None:
        if not self._redo:
            raise EditRefused("nothing to redo")
        change = self._redo[-1]
        self._apply(change)
        self._undo.append(self._redo.pop())

    def _apply(self, change: Change) -> None:
        end = change.start + len(change.removed)
        if tuple(self._units[change.start:end]) != change.removed:
            raise StaleEdit("the units this change replaces are no longer there; reload the page")
        candidate = self._units[:change.start] + list(change.added) + self._units[end:]
        problem = invariant_problem(candidate, len(self.document.src), len(self.document.tgt))
        if problem is not None:
            raise EditRefused(f"refused: {problem}")
        for text in change.texts:
            if self._edited.get((text.side, text.index)) != text.before:
                raise StaleEdit(f"{text.side} sentence {text.index} was changed meanwhile; reload the page")
        self._units = candidate
        for text in change.texts:
            if text.after is None:
                self._edited.pop((text.side, text.index), None)
            else:
                self._edited[(text.side, text.index)] = text.after
        self._positions = None
        self.last_change_at = change.start
        self._next_id = max([self._next_id, *(unit.id + 1 for unit in change.added)])
        self.revision += 1

    def _new_unit(self, src: tuple[int, ...], tgt: tuple[int, ...], score: float, offset: int = 0) -> Unit:
        """A reviewed unit with a fresh id (``offset`` tells apart the units of one change)."""
        return Unit(self._next_id + offset, src, tgt, score, reviewed=True)

    # --- the edits ------------------------------------------------------------------------------

    def merge(self, unit_id: int, direction: str = "next") -> None:
        """Join unit ``unit_id`` with the previous or next unit."""
        _check_direction(direction)
        k = self.position(unit_id)
        first = k - 1 if direction == "previous" else k
        if first < 0 or first + 1 >= len(self._units):
            raise EditRefused(f"unit {unit_id} has no {direction} unit to merge with")
        a, b = self._units[first], self._units[first + 1]
        merged = self._new_unit(a.src + b.src, a.tgt + b.tgt, min(a.score, b.score))
        self.apply(Change(first, (a, b), (merged,)))

    def split(self, unit_id: int, src_at: int, tgt_at: int) -> None:
        """Cut unit ``unit_id`` in two: its first ``src_at`` source and ``tgt_at`` target sentences,
        and the rest. Either part may be empty on one side (an unaligned sentence), not on both."""
        k = self.position(unit_id)
        unit = self._units[k]
        if not (0 <= src_at <= len(unit.src) and 0 <= tgt_at <= len(unit.tgt)):
            raise EditRefused(f"unit {unit_id} has {len(unit.src)} source and {len(unit.tgt)} target "
                              f"sentences; cannot cut after {src_at} and {tgt_at}")
        head = (unit.src[:src_at], unit.tgt[:tgt_at])
        tail = (unit.src[src_at:], unit.tgt[tgt_at:])
        if not any(head) or not any(tail):
            raise EditRefused(f"cutting unit {unit_id} there leaves one part without sentences")
        self.apply(Change(k, (unit,), (self._new_unit(*head, unit.score), self._new_unit(*tail, unit.score, 1))))

    def move(self, unit_id: int, side: str, direction: str) -> None:
        """Move the first (``previous``) or last (``next``) sentence of ``side`` of unit ``unit_id``
        to the end or start of that side of the neighbouring unit; a unit left without sentences
        disappears."""
        _check_side(side)
        _check_direction(direction)
        k = self.position(unit_id)
        unit = self._units[k]
        other_k = k - 1 if direction == "previous" else k + 1
        if not 0 <= other_k < len(self._units):
            raise EditRefused(f"unit {unit_id} has no {direction} unit to move a sentence to")
        sentences = unit.side(side)
        if not sentences:
            raise EditRefused(f"unit {unit_id} has no {_name(side)} sentence to move")
        other = self._units[other_k]
        if direction == "previous":
            moved, kept = sentences[0], sentences[1:]
            receiving = other.side(side) + (moved,)
        else:
            moved, kept = sentences[-1], sentences[:-1]
            receiving = (moved,) + other.side(side)
        score = min(unit.score, other.score)
        shrunk = _with_side(unit, side, kept)
        grown = _with_side(other, side, receiving)
        pair = [(grown, other_k), (shrunk, k)] if direction == "previous" else [(shrunk, k), (grown, other_k)]
        added = tuple(self._new_unit(u.src, u.tgt, score, offset)
                      for offset, (u, _) in enumerate(pair) if u.src or u.tgt)
        start = min(k, other_k)
        self.apply(Change(start, tuple(self._units[start:start + 2]), added))

    def unalign(self, unit_id: int, side: str, sentence: int) -> None:
        """Take ``sentence`` (the first or last of its side) out of unit ``unit_id`` as an unaligned
        sentence, before or after what is left of the unit."""
        _check_side(side)
        k = self.position(unit_id)
        unit = self._units[k]
        sentences = unit.side(side)
        if sentence not in sentences:
            raise EditRefused(f"{_name(side)} sentence {sentence} is not in unit {unit_id}")
        if not unit.src or not unit.tgt:
            raise EditRefused(f"unit {unit_id} is already unaligned")
        if sentence not in (sentences[0], sentences[-1]):
            raise EditRefused(f"{_name(side)} sentence {sentence} is inside unit {unit_id}: only its first "
                              "or last sentence can be unaligned (split the unit first)")
        single = _with_side(replace(unit, src=(), tgt=()), side, (sentence,))
        rest = _with_side(unit, side, tuple(i for i in sentences if i != sentence))
        parts = [single, rest] if sentence == sentences[0] else [rest, single]
        # What is left may itself be empty on one side now: then it is unaligned too, and its
        # sentences stay where they are in the order.
        added = tuple(self._new_unit(u.src, u.tgt, unit.score, offset) for offset, u in enumerate(parts))
        self.apply(Change(k, (unit,), added))

    def edit_text(self, side: str, sentence: int, text: str) -> None:
        """Set the text of ``sentence`` of ``side`` (cleaned as TMX segments are: NFC, whitespace
        collapsed); the original stays in :attr:`document`. Its unit counts as reviewed."""
        _check_side(side)
        if not 0 <= sentence < len(self.document.sentences(side)):
            raise EditRefused(f"there is no {_name(side)} sentence {sentence}")
        if len(text) > MAX_TEXT:
            raise EditRefused(f"a sentence text may hold at most {MAX_TEXT:,} characters")
        cleaned = clean_segment(text)
        if not cleaned:
            raise EditRefused("a sentence cannot be empty (mark it unaligned instead)")
        after = None if cleaned == self.document.sentences(side)[sentence] else cleaned
        before = self._edited.get((side, sentence))
        if after == before:
            raise EditRefused(f"the text of {_name(side)} sentence {sentence} is unchanged")
        k = next(k for k, unit in enumerate(self._units) if sentence in unit.side(side))
        unit = self._units[k]
        self.apply(Change(k, (unit,), (replace(unit, reviewed=True),), (TextChange(side, sentence, before, after),)))

    def confirm(self, unit_id: int, reviewed: bool = True) -> None:
        """Mark unit ``unit_id`` as checked (``reviewed=False`` takes the mark back)."""
        k = self.position(unit_id)
        unit = self._units[k]
        if unit.reviewed == reviewed:
            raise EditRefused(f"unit {unit_id} is already {'confirmed' if reviewed else 'unconfirmed'}")
        self.apply(Change(k, (unit,), (replace(unit, reviewed=reviewed),)))


def _with_side(unit: Unit, side: str, indices: tuple[int, ...]) -> Unit:
    return replace(unit, src=indices) if side == "src" else replace(unit, tgt=indices)


def _name(side: str) -> str:
    return "source" if side == "src" else "target"


def _check_side(side: str) -> None:
    if side not in SIDES:
        raise EditRefused(f"side must be one of {', '.join(SIDES)}, not {side!r}")


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise EditRefused(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
