"""Time the bead-cost kernel (``align.search.band_costs``) on the finest level of 160,000 x 160,000
sentences (the Bible repeated, as ``bench_align.py``'s ``scale`` rows), all bead types, a chunk of
rows at a time as ``search`` calls it.

    .venv/bin/python scripts/bench_kernel.py                      # CPU s with 1 thread, wall s with 2
    .venv/bin/python scripts/bench_kernel.py --baseline /tmp/base # ... and against another tree

With ``--baseline DIR`` (a checkout, e.g. ``git worktree add /tmp/base 3a41fbb``) the baseline's
``band_costs`` runs on the same level, alternately with ours in this process (on a shared machine
only such ratios mean much), and every chunk's costs are compared: the table says whether they are
the same bit for bit (``np.array_equal``, inf positions included).
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numba
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_align  # noqa: E402
from align import search  # noqa: E402
from align.aligner import Params, _length_ratios, builtin_lexicon, prepare  # noqa: E402


def finest_level() -> tuple[search.Level, Params, search.PassModel, float]:
    """The 160k x 160k document's finest search level (its band from the coarser levels) and scale."""
    doc = bench_align.large_document("vs160k")
    src, tgt = [bench_align._text(s) for s in doc.src], [bench_align._text(t) for t in doc.tgt]
    params = Params()
    src_side, tgt_side = prepare(src, tgt, "vi", "en").features(builtin_lexicon("vi", "en"))
    model = search.PassModel(_length_ratios(src, tgt, params)[0])
    band = search._band(src_side, tgt_side, params, model, 1)
    level = search.Level.build(src_side, tgt_side, band, max(max(t) for t in params.search.bead_types))
    scale = search.calibrate(level.src, level.tgt, params, model, params.search.null_percentile).cosine_scale
    return level, params, model, scale


def load_baseline(tree: Path):
    """The ``search`` module of another tree, loaded under another package name."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(tree / "align", Path(tmp) / "align_baseline")  # relative imports: any name works
        sys.path.insert(0, tmp)
        module = importlib.import_module("align_baseline.search")
        sys.path.remove(tmp)
    return module


def one_pass(module, level, params, model, scale, keep: bool = False) -> tuple[float, float, list[np.ndarray]]:
    """CPU and wall seconds of ``module.band_costs`` over every chunk of rows, and the costs if ``keep``."""
    types, kept = list(params.search.bead_types), []
    cpu, wall = os.times(), time.perf_counter()
    for chunk in search.row_chunks(level.band):
        costs = module.band_costs(level, types, params, model, scale, chunk)
        if keep:
            kept.append(costs)
    after = os.times()
    return after.user + after.system - cpu.user - cpu.system, time.perf_counter() - wall, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="a tree whose band_costs to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="timing runs per tree (default %(default)s)")
    args = parser.parse_args()
    level, params, model, scale = finest_level()
    cells = len(level.band.lo) * level.band.width * len(params.search.bead_types)
    print(f"finest level: {len(level.band.lo) - 1} rows, band width {level.band.width}, {cells / 1e6:.0f} M type-cells")
    trees = {"ours": search} | ({"baseline": load_baseline(args.baseline)} if args.baseline else {})
    if args.baseline:
        ours, theirs = (one_pass(module, level, params, model, scale, keep=True)[2] for module in trees.values())
        same = sum(np.array_equal(a, b) for a, b in zip(ours, theirs))
        print(f"chunks with the same costs bit for bit: {same} of {len(ours)}")
    for threads in (1, 2):
        numba.set_num_threads(min(threads, numba.config.NUMBA_NUM_THREADS))
        best = {name: (np.inf, np.inf) for name in trees}
        for _ in range(args.rounds):
            for name, module in trees.items():
                cpu, wall, _ = one_pass(module, level, params, model, scale)
                best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
        line = ", ".join(f"{name} {cpu:.2f} CPU s / {wall:.2f} wall s" for name, (cpu, wall) in best.items())
        if args.baseline:
            (our_cpu, our_wall), (their_cpu, their_wall) = best["ours"], best["baseline"]
            line += f"; baseline/ours CPU {their_cpu / our_cpu:.2f}, wall {their_wall / our_wall:.2f}"
        print(f"{threads} thread(s), best of {args.rounds}: {line}")


if __name__ == "__main__":
    main()
