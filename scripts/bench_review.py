"""Does reviewing the doubtful units first pay? A simulated reviewer on Text+Berg and the Bible variant.

For each document the aligner's units are what ``vienalign review`` shows; its score filter starts
at :func:`align.review.session.default_threshold`, so the page shows first the units scoring below
it (at most the weakest 10%: :func:`align.review.session.doubtful`). The simulated reviewer takes
exactly those units and fixes each against the gold; the baseline reviewer takes as many units
chosen at random (seeded per document) and fixes them the same way.

**Fixing a unit against the gold.** A reviewer who finds a unit wrong corrects the stretch of the
ladder around it until it agrees with the gold: from the nearest boundary before the unit to the
nearest boundary after it where the output and the gold agree (no output bead and no gold bead
crosses it), the output beads are replaced by the gold beads of that stretch (and a sentence of it
in no gold bead, a Text+Berg quirk, becomes unaligned). A unit that is already right lies between
two such boundaries with its gold twin, so fixing it changes nothing. ``changed`` counts the output
units inside the stretches that were not already right.

**Strict errors** are the wrong output beads plus the missed gold beads under the standard strict
scorer (:mod:`align.evaluate`): ``(test beads − strictly right) + (gold beads − strictly found)``.
The target of issue 14: the doubtful-first reviewer removes at least half of them.

Sets: ``textberg-dev`` (de-fr, tuning), ``variant`` (the Bible variant of ``scripts/bible_variant.py``,
vi-en); ``textberg-test`` and ``bible`` on request (nothing here is tuned). Below the table, for each
set, how many wrong units score at least 0.999: units the score cannot single out.

Usage::

    python scripts/bench_review.py                       # textberg-dev and variant (~3 minutes)
    python scripts/bench_review.py --only textberg-dev   # ~10 s
    python scripts/bench_review.py --only textberg-test,bible --json
"""

from __future__ import annotations

import argparse
import bisect
import json
import logging
import random
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "scripts"))

from align.aligner import align  # noqa: E402
from align.evaluate import count_document  # noqa: E402
from align.review.session import DOUBTFUL_SHARE, default_threshold, doubtful, units_from_beads  # noqa: E402
from align.types import Bead  # noqa: E402
from bench_align import Dataset, load_bible, load_textberg, load_variant  # noqa: E402

log = logging.getLogger("bench_review")

SETS = ("textberg-dev", "variant", "textberg-test", "bible")
DEFAULT_SETS = ("textberg-dev", "variant")
SATURATED = 0.999


def strict_errors(gold: Sequence[Bead], test: Sequence[Bead]) -> int:
    """Wrong output beads plus missed gold beads, strictly."""
    counts = count_document(gold, test)
    return (counts.test_beads - counts.strict_right) + (counts.gold_beads - counts.strict_found)


def agreeing_boundaries(beads: Sequence[Bead], gold: Sequence[Bead]) -> tuple[list[tuple[int, int]], list[bool]]:
    """The ladder positions ``(i, j)`` before bead 0, between beads and after the last, and for each
    whether no gold bead crosses it (every gold bead lies wholly before or wholly after)."""
    positions = [(0, 0)]
    for bead in beads:
        i, j = positions[-1]
        positions.append((i + len(bead.src), j + len(bead.tgt)))
    src_at = [i for i, _ in positions]
    tgt_at = [j for _, j in positions]
    crossing = [0] * (len(positions) + 1)  # difference array over boundary numbers
    for bead in gold:
        if not bead.src and not bead.tgt:
            continue
        # Boundary k has the gold bead wholly after it for k <= last_after (positions only grow),
        # wholly before it for k >= first_before; in between, the bead crosses it.
        last_after = len(positions) - 1
        first_before = 0
        if bead.src:
            last_after = min(last_after, bisect.bisect_right(src_at, min(bead.src)) - 1)
            first_before = max(first_before, bisect.bisect_right(src_at, max(bead.src)))
        if bead.tgt:
            last_after = min(last_after, bisect.bisect_right(tgt_at, min(bead.tgt)) - 1)
            first_before = max(first_before, bisect.bisect_right(tgt_at, max(bead.tgt)))
        if first_before > last_after + 1:
            crossing[last_after + 1] += 1
            crossing[first_before] -= 1
    agree, running = [], 0
    for k in range(len(positions)):
        running += crossing[k]
        agree.append(running == 0)
    return positions, agree


def fix_units(beads: Sequence[Bead], gold: Sequence[Bead], chosen: Sequence[int]) -> tuple[list[Bead], int]:
    """``beads`` with the stretch around each chosen bead replaced by the gold (module docstring);
    and how many output beads in those stretches were not already right."""
    positions, agree = agreeing_boundaries(beads, gold)
    stretches: list[tuple[int, int]] = []
    for k in sorted(set(chosen)):
        lo, hi = k, k + 1
        while not agree[lo]:
            lo -= 1
        while not agree[hi]:
            hi += 1
        if stretches and lo < stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(hi, stretches[-1][1]))
        else:
            stretches.append((lo, hi))
    gold_pairs = {(bead.src, bead.tgt) for bead in gold}
    fixed: list[Bead] = []
    changed = 0
    done = 0
    for lo, hi in stretches:
        fixed.extend(beads[done:lo])
        (i0, j0), (i1, j1) = positions[lo], positions[hi]
        inside = [bead for bead in gold if (bead.src or bead.tgt)
                  and all(i0 <= i < i1 for i in bead.src) and all(j0 <= j < j1 for j in bead.tgt)]
        covered_src = {i for bead in inside for i in bead.src}
        covered_tgt = {j for bead in inside for j in bead.tgt}
        inside += [Bead((i,), ()) for i in range(i0, i1) if i not in covered_src]
        inside += [Bead((), (j,)) for j in range(j0, j1) if j not in covered_tgt]
        changed += sum((bead.src, bead.tgt) not in gold_pairs for bead in beads[lo:hi])
        fixed.extend(inside)
        done = hi
    fixed.extend(beads[done:])
    return fixed, changed


@dataclass(frozen=True)
class Row:
    dataset: str
    documents: int
    units: int
    errors_before: int
    wrong_units: int
    wrong_saturated: int
    """Wrong output units scoring at least ``SATURATED``: the score cannot put them first."""
    reviewed: int
    """Units reviewed by each reviewer (the page's doubtful units; as many at random)."""
    errors_doubtful: int
    changed_doubtful: int
    errors_random: int
    changed_random: int

    @property
    def removed_doubtful(self) -> float:
        return 1 - self.errors_doubtful / self.errors_before if self.errors_before else 0.0

    @property
    def removed_random(self) -> float:
        return 1 - self.errors_random / self.errors_before if self.errors_before else 0.0


def run_set(data: Dataset, share: float) -> Row:
    units = reviewed = before = wrong = saturated = 0
    after = {"doubtful": 0, "random": 0}
    changed = {"doubtful": 0, "random": 0}
    for doc in data.documents:
        alignment = align(list(doc.src), list(doc.tgt), data.src_lang, data.tgt_lang)
        beads = list(alignment.beads)
        page_units = units_from_beads(beads)
        shown = doubtful(page_units, default_threshold([unit.score for unit in page_units], share))
        rng = random.Random(f"bench_review:{data.name}:{doc.name}")
        picks = {"doubtful": shown, "random": rng.sample(range(len(beads)), len(shown))}
        gold_pairs = {(bead.src, bead.tgt) for bead in doc.gold}
        wrong_beads = [bead for bead in beads if (bead.src, bead.tgt) not in gold_pairs]
        units += len(beads)
        reviewed += len(shown)
        before += strict_errors(doc.gold, beads)
        wrong += len(wrong_beads)
        saturated += sum(bead.score >= SATURATED for bead in wrong_beads)
        for who, chosen in picks.items():
            fixed, n_changed = fix_units(beads, doc.gold, chosen)
            after[who] += strict_errors(doc.gold, fixed)
            changed[who] += n_changed
        log.info("%s %s: %d units, %d shown first", data.name, doc.name, len(beads), len(shown))
    return Row(data.name, len(data.documents), units, before, wrong, saturated, reviewed,
               after["doubtful"], changed["doubtful"], after["random"], changed["random"])


def load(name: str) -> Dataset:
    if name == "textberg-dev":
        return load_textberg("dev")
    if name == "textberg-test":
        return load_textberg("test")
    bible = load_bible()
    return bible if name == "bible" else load_variant(bible)


def table(rows: Sequence[Row], share: float) -> str:
    header = ("set", "docs", "units", "errors", "reviewed", "after: doubtful-first", "removed",
              "changed", "after: random", "removed", "changed")
    lines = [header]
    for row in rows:
        lines.append((row.dataset, str(row.documents), str(row.units), str(row.errors_before), str(row.reviewed),
                      str(row.errors_doubtful), f"{row.removed_doubtful:.0%}", str(row.changed_doubtful),
                      str(row.errors_random), f"{row.removed_random:.0%}", str(row.changed_random)))
    widths = [max(len(line[k]) for line in lines) for k in range(len(header))]
    out = ["  ".join(cell.rjust(width) if k else cell.ljust(width) for k, (cell, width) in enumerate(zip(line, widths)))
           for line in lines]
    out.append("")
    out.append(f"reviewed: the units the page shows first (scoring below its starting filter, at most the "
               f"weakest {share:.0%}); random: as many units at random. errors: strict errors (wrong + missed beads).")
    for row in rows:
        verdict = "met" if row.removed_doubtful >= 0.5 else "NOT met"
        out.append(f"{row.dataset}: doubtful-first removes {row.removed_doubtful:.0%} of the strict errors "
                   f"(target 50%: {verdict}); {row.wrong_saturated} of {row.wrong_units} wrong units score "
                   f">= {SATURATED}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(DEFAULT_SETS),
                        help=f"comma-separated sets among {', '.join(SETS)} (default: %(default)s)")
    parser.add_argument("--share", type=float, default=DOUBTFUL_SHARE,
                        help="share of units the page shows first (default: %(default)s, the page's)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(names) - set(SETS))
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(SETS)}")
    rows = [run_set(load(name), args.share) for name in names]
    if args.json:
        print(json.dumps([{**asdict(row), "removed_doubtful": row.removed_doubtful,
                           "removed_random": row.removed_random} for row in rows], indent=1))
    else:
        print(table(rows, args.share))
    return 0


if __name__ == "__main__":
    sys.exit(main())
