"""A harder Bible: verses merged and deleted on each side, as real translations do, with the gold updated.

The Bible gold is almost all 1-1 verse pairs, which a length-based aligner finds easily. Real
translations merge and split sentences and drop some. :func:`make_variant` rewrites one book
deterministically (a seeded RNG per book and side):

1. **Delete**: each line of a side is dropped with probability ``delete_rate`` (default 0.01),
   independently on the two sides. A verse whose counterpart was dropped becomes unaligned in the
   gold (a 1-0 or 0-1 bead).
2. **Merge**: walking through the surviving lines of a side, each line is joined (with a space) to
   the line after it with probability ``merge_rate`` (default 0.10), up to ``max_group`` (3)
   original lines per new line. Merges on the two sides are independent, so the gold gains 1-2,
   2-1, 1-3, 2-2 ... beads, and chains where merges on both sides overlap.
3. **Gold**: each original gold bead is mapped to the new line numbers; beads that now share a new
   line are unioned (connected components), so every new line is in exactly one bead. Beads keep
   the order of the original gold; beads left empty on both sides disappear.

``python scripts/bible_variant.py BOOK_DIR OUT_DIR`` writes ``vi.txt``, ``en.txt`` and
``gold.vecalign`` for one book.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from align.types import Bead

MERGE_RATE = 0.10
DELETE_RATE = 0.01
MAX_GROUP = 3
SEED = 42


@dataclass(frozen=True)
class Side:
    """One side of a variant: its new lines and, for each, the original line numbers it joins."""

    lines: tuple[str, ...]
    origin: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Variant:
    src: Side
    tgt: Side
    gold: tuple[Bead, ...]


def rewrite_side(
    lines: Sequence[str], rng: random.Random, merge_rate: float, delete_rate: float, max_group: int
) -> Side:
    """Delete, then merge, the lines of one side (steps 1 and 2 of the module docstring)."""
    kept = [i for i in range(len(lines)) if rng.random() >= delete_rate]
    groups: list[list[int]] = []
    join_next = False  # whether the previous surviving line is to be joined to this one
    for index in kept:
        if join_next and len(groups[-1]) < max_group:
            groups[-1].append(index)
        else:
            groups.append([index])
        join_next = rng.random() < merge_rate
    return Side(
        lines=tuple(" ".join(lines[i] for i in group) for group in groups),
        origin=tuple(tuple(group) for group in groups),
    )


def remap_gold(gold: Sequence[Bead], src: Side, tgt: Side) -> tuple[Bead, ...]:
    """The gold over the new lines (step 3): original beads joined where they share a new line."""
    new_src = {old: new for new, olds in enumerate(src.origin) for old in olds}
    new_tgt = {old: new for new, olds in enumerate(tgt.origin) for old in olds}
    mapped = [
        ({new_src[i] for i in bead.src if i in new_src}, {new_tgt[j] for j in bead.tgt if j in new_tgt})
        for bead in gold
    ]
    mapped = [(s, t) for s, t in mapped if s or t]
    # Union-find over the mapped beads: two beads belong together when they share a new line.
    parent = list(range(len(mapped)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: int, b: int) -> bool:
        root_a, root_b = find(a), find(b)
        parent[root_a] = root_b
        return root_a != root_b

    owners: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for k, sides in enumerate(mapped):
        for side, owner in zip(sides, owners):
            for line in side:
                if line in owner:
                    union(k, owner[line])
                else:
                    owner[line] = k

    def components() -> dict[int, tuple[set[int], set[int]]]:
        """Root → (new source lines, new target lines), in original gold order."""
        result: dict[int, tuple[set[int], set[int]]] = {}
        for k, (s, t) in enumerate(mapped):
            src_lines, tgt_lines = result.setdefault(find(k), (set(), set()))
            src_lines.update(s)
            tgt_lines.update(t)
        return result

    # A merged line can span a bead of its own side's neighbour: vi verses a, b joined while gold has
    # [a]:[j], []:[j+1], [b]:[j+2] gives [a+b]:[j, j+2] around []:[j+1]. A ladder bead is contiguous,
    # so a bead also absorbs every bead owning a line inside its span, until nothing changes.
    changed = True
    while changed:
        changed = False
        for root, sides in components().items():
            for side, owner in zip(sides, owners):
                if side:
                    for line in range(min(side), max(side) + 1):
                        if line in owner:  # a line in no gold bead stays in none
                            changed |= union(root, owner[line])
    return tuple(Bead(tuple(sorted(s)), tuple(sorted(t))) for s, t in components().values())


def make_variant(
    src_lines: Sequence[str],
    tgt_lines: Sequence[str],
    gold: Sequence[Bead],
    name: str,
    *,
    merge_rate: float = MERGE_RATE,
    delete_rate: float = DELETE_RATE,
    max_group: int = MAX_GROUP,
    seed: int = SEED,
) -> Variant:
    """The variant of one document; ``name`` (e.g. the book) and ``seed`` fix the random choices."""
    # str seeds are hashed with SHA-512 by random.seed, so they are stable across runs and machines.
    src = rewrite_side(src_lines, random.Random(f"{seed}:{name}:src"), merge_rate, delete_rate, max_group)
    tgt = rewrite_side(tgt_lines, random.Random(f"{seed}:{name}:tgt"), merge_rate, delete_rate, max_group)
    return Variant(src, tgt, remap_gold(gold, src, tgt))


def main(argv: Sequence[str]) -> int:
    from align.formats import read_ladder, write_ladder

    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    book, out = Path(argv[0]), Path(argv[1])
    variant = make_variant(
        (book / "vi.txt").read_text(encoding="utf-8").splitlines(),
        (book / "en.txt").read_text(encoding="utf-8").splitlines(),
        read_ladder(book / "gold.vecalign"),
        book.name,
    )
    out.mkdir(parents=True, exist_ok=True)
    (out / "vi.txt").write_text("".join(line + "\n" for line in variant.src.lines), encoding="utf-8")
    (out / "en.txt").write_text("".join(line + "\n" for line in variant.tgt.lines), encoding="utf-8")
    write_ladder(variant.gold, out / "gold.vecalign")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
