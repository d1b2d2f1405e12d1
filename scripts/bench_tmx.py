"""Benchmark: write, read, validate, filter and merge a 200,000-unit TMX; time and peak memory of each.

Each step runs in a fresh Python subprocess, which reports its own peak resident set size
(``ru_maxrss``), so one step's memory does not hide another's. The limit from issue 5 is 200 MB for
writing and reading; the script exits 1 when a step goes over it.

    .venv/bin/python scripts/bench_tmx.py            # 200,000 units
    .venv/bin/python scripts/bench_tmx.py --units 20000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_MB = 200.0
VI_WORDS = ("hợp tác kinh tế phát triển Việt Nam quốc gia người dân chính phủ năm tỷ đồng "
            "thành phố Hà Nội tăng trưởng xuất khẩu nông nghiệp giáo dục y tế văn hóa").split()
EN_WORDS = ("economic cooperation development Vietnam country people government year billion "
            "dong city Hanoi growth export agriculture education health culture").split()


def sentence(rng: random.Random, words: tuple[str, ...] | list[str], k: int) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + f" {k}."


def child(step: str, paths: list[str], units: int) -> dict:
    """Run one step here and return what it measured."""
    from align.tmx import TmxWriter, bead_props, filter_tmx, merge_tmx
    from align.tmx_read import open_tmx, validate

    started = time.perf_counter()
    count = 0
    if step == "write":
        rng = random.Random(42)
        with TmxWriter(paths[0]) as tmx:
            for k in range(units):
                count += tmx.add(sentence(rng, VI_WORDS, k), sentence(rng, EN_WORDS, k),
                                 bead_props(rng.random(), "1-1", "bench"))
    elif step == "read":
        _, stream = open_tmx(paths[0])
        for unit in stream:
            count += unit.text("vi") is not None and unit.text("en") is not None
    elif step == "validate":
        count = len(validate(paths[0]))
    elif step == "filter":
        count = filter_tmx(paths[0], paths[1], 0.5).written
    elif step == "merge":
        count = merge_tmx(paths[:2], paths[2]).written
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {"step": step, "count": count, "seconds": seconds, "peak_mb": peak_mb}


def run_step(step: str, paths: list[Path], units: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", step, "--units", str(units), *map(str, paths)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        sys.exit(f"{step} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.paths, args.units)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench_tmx.") as tmp:
        folder = Path(tmp)
        big, filtered, merged = folder / "big.tmx", folder / "filtered.tmx", folder / "merged.tmx"
        plan = [("write", [big]), ("read", [big]), ("validate", [big]), ("filter", [big, filtered]),
                ("merge", [big, filtered, merged])]
        rows = []
        for step, paths in plan:
            row = run_step(step, paths, args.units)
            rows.append(row)
        size_mb = big.stat().st_size / 2**20
    baseline = run_step("none", [folder / "unused.tmx"], 0)["peak_mb"]

    print(f"TMX benchmark: {args.units:,} units, file {size_mb:.1f} MB; "
          f"peak RSS of an idle child (Python + lxml): {baseline:.0f} MB")
    print(f"{'step':<10}{'result':>12}{'seconds':>10}{'units/s':>11}{'peak RSS MB':>13}")
    over = False
    for row in rows:
        result = f"{row['count']:,}" + (" probs" if row["step"] == "validate" else "")
        rate = args.units / row["seconds"] if row["seconds"] else 0.0
        flag = ""
        if row["step"] in ("write", "read") and row["peak_mb"] > LIMIT_MB:
            flag, over = "  OVER LIMIT", True
        print(f"{row['step']:<10}{result:>12}{row['seconds']:>10.1f}{rate:>11,.0f}{row['peak_mb']:>13.0f}{flag}")
    print(f"limit for write and read: {LIMIT_MB:.0f} MB: {'exceeded' if over else 'met'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
