"""How long one long document takes to align, and so what ``batch --max-bytes`` should refuse.

Builds single-line documents (no line break at all, the worst case a batch gets: one 10 MB line)
from the vi-en Bible in ``../shared/data/bible-vi-en`` (the New Testament joined into one line,
repeated when a size asks for more; the English side in proportion), aligns each with
``vienalign align`` in a subprocess, and prints wall and CPU seconds, CPU seconds per MB and peak
memory per size, then the size that aligns in a minute of CPU (one core to itself; a busy machine
stretches the wall time, not the CPU time) beside batch's default ``--max-bytes``.

Time grows linearly with the size (the aligner's search is banded), so a file larger than the
default would hold a batch worker for minutes to hours; the default is set to about a minute's work.

Usage: python scripts/bench_long_line.py [--sizes 0.25 0.5 1 2] [--workdir /tmp/vienalign-bench-long]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIBLE = ROOT.parent / "shared" / "data" / "bible-vi-en"
sys.path.insert(0, str(ROOT))

from align.batch import DEFAULT_MAX_BYTES  # noqa: E402

MB = 1_000_000


def one_line(lang: str) -> bytes:
    verses = []
    for book in sorted(BIBLE.iterdir()):
        if (book / f"{lang}.txt").is_file():
            verses += (book / f"{lang}.txt").read_text(encoding="utf-8").split()
    return " ".join(verses).encode("utf-8")


def cut(data: bytes, size: int) -> bytes:
    repeated = data * (size // len(data) + 1)
    return repeated[:size].decode("utf-8", "ignore").encode("utf-8")  # no half character at the end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0], help="Vietnamese side, MB")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/vienalign-bench-long"))
    args = parser.parse_args()
    if not BIBLE.is_dir():
        sys.exit(f"{BIBLE} is absent (the shared benchmark data sits beside the clone)")
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    vi, en = one_line("vi"), one_line("en")

    print(f"{'vi MB':>6} {'en MB':>6} {'wall s':>7} {'CPU s':>7} {'CPU s/MB':>9} {'peak MiB':>9}")
    rates = []
    for size in args.sizes:
        vi_path, en_path = args.workdir / f"{size}.vi.txt", args.workdir / f"{size}.en.txt"
        vi_path.write_bytes(cut(vi, int(size * MB)))
        en_path.write_bytes(cut(en, int(size * MB * len(en) / len(vi))))
        started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "align", "align", str(vi_path), str(en_path), "-o",
                        str(args.workdir / f"{size}.ladder")], cwd=ROOT, check=True)
        seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        peak = after.ru_maxrss / 1024  # the largest run so far
        rates.append(cpu / size)
        print(f"{size:>6.2f} {en_path.stat().st_size / MB:>6.2f} {seconds:>7.1f} {cpu:>7.1f} {cpu / size:>9.1f} "
              f"{peak:>9.0f}")
    per_mb = max(rates[-2:])  # the largest sizes: start-up costs weigh least there
    print(f"\naligns in a minute of CPU: about {60 / per_mb:.1f} MB of Vietnamese "
          f"(batch --max-bytes default: {DEFAULT_MAX_BYTES / MB:.1f} MB)")


if __name__ == "__main__":
    main()
