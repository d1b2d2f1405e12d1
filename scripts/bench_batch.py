"""Benchmark of batch conversion: throughput per engine and worker count, and the driver's memory.

Generates document pairs from the project's parallel corpora (``corpora/policy-vi-en``), perturbed
(a random window of paragraphs, a few sentences dropped on one side, a random tag per pair so no two
pairs are identical), 20 of them broken on purpose, and prints:

1. the acceptance run: the 2,000-pair batch (20 broken) → TMX files, failures, exit code; then the
   same command again (everything must be ``complete``, nothing aligned);
2. pairs/s for the local pool with 1 and 2 workers and for Dask (LocalCluster) with 2 workers,
   over the same pairs, in this one run (ratios against the 1-worker local pool);
3. the driver process's peak RSS for 1,000- and 10,000-pair manifests (the manifest lists the
   generated files under distinct ids; outputs go to a scratch folder).

``--baseline DIR`` also times the 1-worker local pool with the code of another checkout (``DIR``, e.g.
``git worktree add /tmp/align-base main``) on the same pairs, in the same run, just before ours, and
prints ours/baseline; ``--throughput-only`` skips parts 1 and 3 and times the 1-worker local pool only.

Usage: python scripts/bench_batch.py [--pairs 2000] [--workdir /tmp/vienalign-bench-batch]
       python scripts/bench_batch.py --pairs 300 --throughput-only --baseline /tmp/align-base
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "policy-vi-en"
BROKEN = 20


def read_paragraphs(path: Path) -> list[list[str]]:
    paragraphs, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def load_documents() -> list[tuple[list[list[str]], list[list[str]]]]:
    docs = []
    for vi in sorted(CORPUS.glob("*.vi.sent")):
        en = vi.with_name(vi.name.replace(".vi.sent", ".en.sent"))
        if en.exists():
            docs.append((read_paragraphs(vi), read_paragraphs(en)))
    if not docs:
        sys.exit(f"no parallel documents in {CORPUS}")
    return docs


def generate(folder: Path, count: int, seed: int = 1) -> None:
    """``count`` pairs NAME.vi.txt / NAME.en.txt in ``folder``, the last ``BROKEN`` broken."""
    rng = random.Random(seed)
    docs = load_documents()
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        vi_paras, en_paras = docs[k % len(docs)]
        n = min(len(vi_paras), len(en_paras))
        start = rng.randrange(max(1, n - 6))
        width = rng.randint(4, 10)
        vi = [list(p) for p in vi_paras[start:start + width]]
        en = [list(p) for p in en_paras[start:start + width]]
        side = rng.choice([vi, en])
        para = rng.choice(side)
        if len(para) > 1 and rng.random() < 0.5:
            para.pop(rng.randrange(len(para)))
        tag = f"Mã {k:05d}."
        vi.append([tag])
        en.append([f"Code {k:05d}."])
        name = f"pair{k:05d}"
        (folder / f"{name}.vi.txt").write_text("\n\n".join(" ".join(p) for p in vi) + "\n", encoding="utf-8")
        (folder / f"{name}.en.txt").write_text("\n\n".join(" ".join(p) for p in en) + "\n", encoding="utf-8")
    for k in range(count - BROKEN, count):  # the broken ones, several kinds
        name = folder / f"pair{k:05d}"
        kind = k % 4
        if kind == 0:
            Path(f"{name}.en.txt").unlink()
        elif kind == 1:
            Path(f"{name}.vi.txt").write_bytes(bytes(range(256)) * 4)
        elif kind == 2:
            Path(f"{name}.en.txt").write_text("", encoding="utf-8")
        else:
            Path(f"{name}.vi.txt").write_bytes(b"caf\xe9 \x81\x8d\x8f " * 50)


def run_cli(*args: str, code: Path = ROOT) -> tuple[int, float, str]:
    """``python -m align ARGS`` with the package of the checkout ``code``; exit code, seconds, output."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "align", *args], capture_output=True, text=True, cwd=code)
    return proc.returncode, time.perf_counter() - started, proc.stdout.strip() or proc.stderr.strip()


def report_counts(outdir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in (outdir / "report.jsonl").read_text(encoding="utf-8").splitlines():
        status = json.loads(line)["status"]
        counts[status] = counts.get(status, 0) + 1
    return counts


DRIVER_PROBE = """
import resource, sys, time
from pathlib import Path
from align.batch import BatchOptions, run_batch
started = time.perf_counter()
summary = run_batch(sys.argv[1], BatchOptions(outdir=Path(sys.argv[2]), fmt="ladder"), workers=2)
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(summary.total, summary.ok, summary.failed, round(time.perf_counter() - started, 1), peak_kib)
"""


def driver_memory(folder: Path, workdir: Path, size: int, pairs: int) -> tuple[int, int, float, float]:
    manifest = workdir / f"manifest-{size}.tsv"
    with open(manifest, "w", encoding="utf-8") as out:
        for k in range(size):
            name = f"pair{k % (pairs - BROKEN):05d}"
            out.write(f"{folder / name}.vi.txt\t{folder / name}.en.txt\tm{k:06d}\n")
    outdir = workdir / f"mem-{size}"
    shutil.rmtree(outdir, ignore_errors=True)
    proc = subprocess.run([sys.executable, "-c", DRIVER_PROBE, str(manifest), str(outdir)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    total, ok, failed, seconds, peak_kib = proc.stdout.split()
    return int(total), int(ok), float(seconds), int(peak_kib) / 1024


def acceptance(folder: Path, workdir: Path, pairs: int) -> None:
    print(f"## acceptance: {pairs} pairs, {BROKEN} broken")
    out = workdir / "accept"
    code, seconds, line = run_cli("batch", str(folder), "-o", str(out), "--workers", "2", "--no-progress")
    tmx = len(list(out.glob("*.tmx")))
    print(f"first run : exit {code}, {tmx} TMX files, report {report_counts(out)}, {seconds:.1f} s")
    code, seconds, line = run_cli("batch", str(folder), "-o", str(out), "--workers", "2", "--no-progress")
    print(f"second run: exit {code}, report {report_counts(out)}, {seconds:.1f} s")


def throughput(folder: Path, workdir: Path, engine: str, workers: int, code: Path) -> tuple[int, float, float]:
    """Pairs aligned, seconds and pairs/s of one batch run over ``folder`` (outputs discarded)."""
    outdir = workdir / f"speed-{engine}-{workers}"
    shutil.rmtree(outdir, ignore_errors=True)
    _, seconds, _ = run_cli("batch", str(folder), "-o", str(outdir), "--workers", str(workers),
                            "--engine", engine, "-f", "ladder", "--no-progress", code=code)
    done = report_counts(outdir).get("ok", 0)
    shutil.rmtree(outdir, ignore_errors=True)
    return done, seconds, done / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/vienalign-bench-batch"))
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--throughput-only", action="store_true", help="skip the acceptance runs and driver memory")
    parser.add_argument("--baseline", type=Path, help="another checkout whose 1-worker throughput is measured too")
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    folder = args.workdir / "pairs"
    generate(folder, args.pairs)

    if not args.throughput_only:
        acceptance(folder, args.workdir, args.pairs)
    print("\n## throughput (same pairs, outputs discarded)")
    print(f"{'engine':16} {'workers':>7} {'pairs':>6} {'seconds':>8} {'pairs/s':>8} {'vs local-1':>10}")
    configs = [("local", 1, ROOT)] if args.throughput_only else [("local", 1, ROOT), ("local", 2, ROOT), ("dask", 2, ROOT)]
    if args.baseline:
        configs.insert(0, ("local", 1, args.baseline.resolve()))
    rates = {}
    for engine, workers, code in configs:
        rates[engine, workers, code] = throughput(folder, args.workdir, engine, workers, code)
        base = rates.get(("local", 1, ROOT)) or rates[engine, workers, code]
        label = engine if code == ROOT else f"{engine} (baseline)"
        done, seconds, rate = rates[engine, workers, code]
        print(f"{label:16} {workers:>7} {done:>6} {seconds:>8.1f} {rate:>8.1f} {rate / base[2]:>9.2f}x")
    if args.baseline:
        print(f"ours/baseline pairs/s with 1 local worker: "
              f"{rates['local', 1, ROOT][2] / rates['local', 1, args.baseline.resolve()][2]:.2f}")

    if not (args.skip_memory or args.throughput_only):
        print("\n## driver peak memory (local pool, 2 workers, ladder output)")
        print(f"{'manifest':>9} {'aligned':>8} {'seconds':>8} {'peak RSS MiB':>13}")
        for size in (1000, 10000):
            total, ok, seconds, peak = driver_memory(folder, args.workdir, size, args.pairs)
            print(f"{size:>9} {ok:>8} {seconds:>8.1f} {peak:>13.1f}")


if __name__ == "__main__":
    main()
