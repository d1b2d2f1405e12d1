"""Time the DP of the search (``DynamicProgram``: its arrays' setup, the fill, then ``traceback``
and ``_path_costs``) on the finest level of 160,000 x 160,000 sentences (``bench_kernel``'s level,
its bead costs computed once beforehand), and check that another tree's DP gives the same outputs.

    .venv/bin/python scripts/bench_dp.py --baseline /tmp/base      # 160k x 160k, old against new
    .venv/bin/python scripts/bench_dp.py --baseline /tmp/base --real textberg-dev,textberg-test,bible

``--baseline DIR`` is a tree holding an ``align`` package (e.g. ``git archive <commit> align | tar -x
-C DIR``). Both DPs run alternately in this process with one thread, and the table gives each one's
best CPU seconds per phase (on a shared machine only such ratios mean much). Every output is compared
bit for bit (``np.array_equal``): the back-pointers' fields, the least costs of every row (the rows
fed a few at a time, so that ours, which keeps only the last rows, still holds each), the path and its
costs. With ``--real``, every ``search`` of aligning those datasets (every pass, every level) runs
both DPs on the same costs and compares them the same way.
"""

from __future__ import annotations

import argparse
import sys
import time
import types
from pathlib import Path

import numba
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_align  # noqa: E402
import bench_kernel  # noqa: E402
from align import search  # noqa: E402

FIELDS = ("state", "pair", "pair_cost", "src_run", "tgt_run")


def _cpu() -> float:
    return time.process_time()  # finer-grained than os.times' 10 ms ticks


def run_dp(module, costs: list[np.ndarray], setup: tuple) -> tuple[dict[str, float], tuple]:
    """CPU seconds of ``module``'s DP in its three phases, and its back-pointers, path and path costs."""
    pair_types, band, runs, cap, n_src, n_tgt = setup
    seconds, start = {}, _cpu()
    rows = module.DynamicProgram(pair_types, band, runs, cap)
    seconds["init"], start = _cpu() - start, _cpu()
    for chunk in costs:
        rows.extend(chunk)
    seconds["fill"], start = _cpu() - start, _cpu()
    path = module.traceback(rows.back, band, pair_types, n_src, n_tgt)
    path_costs = module._path_costs(path, rows.back, band, runs)
    seconds["traceback"] = _cpu() - start
    return seconds, (rows.back, path, path_costs)


def differences(ours: tuple, theirs: tuple) -> list[str]:
    """What differs between two DPs' back-pointers, paths and path costs (bit for bit)."""
    (back, path, path_costs), (their_back, their_path, their_costs) = ours, theirs
    found = [name for name in FIELDS if not np.array_equal(getattr(back, name), getattr(their_back, name))]
    found += ["path"] * (path != their_path)
    found += ["path costs"] * (not np.array_equal(np.array(path_costs), np.array(their_costs)))
    return found


def least_differences(module, baseline, costs: list[np.ndarray], setup: tuple) -> int:
    """Rows whose least costs differ, both DPs fed as many rows at a time as ours keeps."""
    pair_types, band, runs, cap = setup[:4]
    ours, theirs = (m.DynamicProgram(pair_types, band, runs, cap) for m in (module, baseline))
    keep, kept, differ, row = len(ours.least), len(theirs.least), 0, 0  # kept: all rows, or a ring as ours
    for chunk in costs:
        for first in range(0, chunk.shape[1], keep):
            part = np.ascontiguousarray(chunk[:, first:first + keep])
            ours.extend(part)
            theirs.extend(part)
            for i in range(row, row + part.shape[1]):
                differ += not np.array_equal(ours.least[i % keep], theirs.least[i % kept])
            row += part.shape[1]
    return differ


def finest_costs() -> tuple[list[np.ndarray], tuple]:
    """The 160k x 160k finest level's bead costs chunk by chunk, and the DP's other arguments, as
    ``search`` makes them."""
    level, params, model, scale = bench_kernel.finest_level()
    pair_types = list(params.search.bead_types)
    costs = [search.band_costs(level, pair_types, params, model, scale, rows) for rows in search.row_chunks(level.band)]
    null = search.calibrate(level.src, level.tgt, params, model, params.search.null_percentile).null_cost
    n_src, n_tgt = len(level.src.lengths[0]) - 1, len(level.tgt.lengths[0]) - 1
    runs = search.NullRuns.for_sizes(null, n_src, n_tgt, params.search.surplus_weight)
    cap = search._prefer_pairs(pair_types.index((1, 1)), null, params.search.substitution_discount)
    return costs, (pair_types, level.band, runs, cap, n_src, n_tgt)


def compare_real(baseline, datasets: list[str]) -> None:
    """Align ``datasets`` with every search's DP run twice, ours and the baseline's, compared."""
    checked, differing, live = [0], [], []
    ours_dp, ours_traceback = search.DynamicProgram, search.traceback
    ours = types.SimpleNamespace(DynamicProgram=ours_dp, traceback=ours_traceback, _path_costs=search._path_costs)

    class Recorded(ours_dp):
        """Our DP, keeping its costs for the comparison (the latest one is the level being traced)."""

        def __init__(self, pair_types, band, runs, cap):
            super().__init__(pair_types, band, runs, cap)
            self.setup, self.costs = (pair_types, band, runs, cap), []
            live.append(self)

        def extend(self, costs):
            super().extend(costs)
            self.costs.append(costs.copy())

    def traceback(back, band, pair_types, n_src, n_tgt):
        recorded = live.pop()
        setup = recorded.setup + (n_src, n_tgt)
        found = differences(run_dp(ours, recorded.costs, setup)[1], run_dp(baseline, recorded.costs, setup)[1])
        found += ["least"] * bool(least_differences(ours, baseline, recorded.costs, setup))
        checked[0] += 1
        if found:
            differing.append(f"{n_src} x {n_tgt}: {', '.join(found)}")
        return ours_traceback(back, band, pair_types, n_src, n_tgt)

    search.DynamicProgram, search.traceback = Recorded, traceback
    loaders = {"textberg-dev": lambda: bench_align.load_textberg("dev"),
               "textberg-test": lambda: bench_align.load_textberg("test"), "bible": bench_align.load_bible}
    aligner = bench_align.make_ours()
    for name in datasets:
        dataset = loaders[name]()
        for doc in dataset.documents:
            aligner(doc, dataset.src_lang, dataset.tgt_lang)
        print(f"{name}: {checked[0]} searches so far, {len(differing)} with differences")
    search.DynamicProgram, search.traceback = ours_dp, ours_traceback
    for line in differing:
        print("  differs:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, metavar="DIR", required=True, help="a tree whose DP to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="timing runs per tree (default %(default)s)")
    parser.add_argument("--real", default="", help="also compare on these datasets (textberg-dev, textberg-test, bible)")
    args = parser.parse_args()
    numba.set_num_threads(1)
    baseline = bench_kernel.load_baseline(args.baseline)
    if args.real:
        compare_real(baseline, args.real.split(","))
    costs, setup = finest_costs()
    band = setup[1]
    print(f"finest level: {len(band.lo) - 1} rows, band width {band.width}, {len(setup[0])} pair types")
    trees = {"baseline": baseline, "ours": search}
    outputs = {name: run_dp(module, costs, setup)[1] for name, module in trees.items()}  # also compiles
    print("outputs that differ:", ", ".join(differences(outputs["ours"], outputs["baseline"])) or "none",
          f"(path of {len(outputs['ours'][1])} beads)")
    print("rows whose least costs differ:", least_differences(search, baseline, costs, setup))
    del outputs
    best = {name: {} for name in trees}
    for _ in range(args.rounds):
        for name, module in trees.items():
            seconds = run_dp(module, costs, setup)[0]
            best[name] = {phase: min(s, best[name].get(phase, np.inf)) for phase, s in seconds.items()}
    print(f"CPU s, 1 thread, best of {args.rounds}:")
    for name, seconds in best.items():
        print(f"  {name:8}" + "".join(f"  {phase} {s:.2f}" for phase, s in seconds.items()) + f"  total {sum(seconds.values()):.2f}")
    ratio = sum(best["baseline"].values()) / sum(best["ours"].values())
    phases = ", ".join(f"{phase} {best['baseline'][phase] / max(best['ours'][phase], 1e-9):.2f}" for phase in best["ours"])
    print(f"baseline/ours CPU: {ratio:.2f} ({phases})")


if __name__ == "__main__":
    main()
