"""How fast the command line starts: ``python -m align ...`` for commands that need no aligner.

    .venv/bin/python scripts/bench_startup.py [--baseline DIR] [--rounds 15]

Runs ``--version``, ``split`` of a short document, ``tmx info`` of a small TMX, ``evaluate`` of a
one-line ladder and ``align --help`` in subprocesses, ``--rounds`` times each, and prints the median
wall time and the median CPU time (user + system of the child), with the heavy libraries each
command imported (numba, scipy, lxml, numpy, rapidfuzz, sacrebleu; from ``python -X importtime``).
With ``--baseline DIR`` (a checkout of another version, e.g. ``git worktree add /tmp/base main``)
the same commands run with that tree's package too, alternately with ours, and the table gives
ours/baseline: on a shared machine only such a ratio means anything.

Python compiles the package's modules on every start when it may not write bytecode
(``PYTHONDONTWRITEBYTECODE``): the table says which was the case, as it changes the times.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("numba", "scipy", "lxml", "numpy", "rapidfuzz", "sacrebleu")

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="none"
adminlang="en" srclang="vi" datatype="plaintext"/><body>
<tu><tuv xml:lang="vi"><seg>Xin chào.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>
</body></tmx>
"""


def commands(folder: Path) -> dict[str, list[str]]:
    """The commands timed, with their input files written into ``folder``."""
    text = folder / "doc.vi.txt"
    text.write_text("Việt Nam là thành viên của ASEAN. Hà Nội là thủ đô.\n\nĐoạn thứ hai.\n", encoding="utf-8")
    tmx = folder / "memory.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    ladder = folder / "doc.ladder"
    ladder.write_text("[0]:[0]\n", encoding="utf-8")
    return {
        "--version": ["--version"],
        "split": ["split", str(text), "--lang", "vi", "-o", str(folder / "out.txt")],
        "tmx info": ["tmx", "info", str(tmx)],
        "evaluate": ["evaluate", "--gold", str(ladder), "--test", str(ladder)],
        "align --help": ["align", "--help"],
    }


def run(tree: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m align ARGS`` with the package of ``tree``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "align", *args], cwd=tree, env=_env(tree), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_imports(tree: Path, args: list[str]) -> list[str]:
    """The libraries of :data:`HEAVY` that ``python -m align ARGS`` imports."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "align", *args], cwd=tree, env=_env(tree),
                          capture_output=True, text=True)
    found = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return [name for name in HEAVY if name in found]


def _env(tree: Path) -> dict[str, str]:
    # The tree's package first on the path, whatever is installed.
    return {**os.environ, "PYTHONPATH": str(tree)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="another checkout, timed alternately with ours")
    parser.add_argument("--rounds", type=int, default=15, help="runs of each command per tree (default %(default)s)")
    args = parser.parse_args()
    trees = {"ours": ROOT}
    if args.baseline is not None:
        trees = {"baseline": args.baseline.resolve(), **trees}
    bytecode = "not written (PYTHONDONTWRITEBYTECODE)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "written"
    print(f"median of {args.rounds} runs; bytecode {bytecode}")
    print("| command | tree | wall s | CPU s | heavy imports |")
    print("|---|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, command in commands(Path(tmp)).items():
            times: dict[str, list[tuple[float, float]]] = {tree: [] for tree in trees}
            for _ in range(args.rounds):
                for tree, path in trees.items():
                    times[tree].append(run(path, command))
            medians = {tree: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
                       for tree, runs in times.items()}
            for tree, (wall, cpu) in medians.items():
                heavy = ", ".join(heavy_imports(trees[tree], command)) or "none"
                print(f"| {name} | {tree} | {wall:.3f} | {cpu:.3f} | {heavy} |")
            if "baseline" in medians:
                print(f"| {name} | ours/baseline | {medians['ours'][0] / medians['baseline'][0]:.2f} | "
                      f"{medians['ours'][1] / medians['baseline'][1]:.2f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
