"""Batch alignment: many document pairs in, one output file per pair and a JSON-lines report out.

The unit of work is :func:`process_pair`, a pure function of a :class:`PairJob` and the
:class:`BatchOptions` that never raises: whatever goes wrong with one pair (a missing, binary,
undecodable, empty or enormous file, or a bug) becomes a failed :class:`PairResult` with a one-line
reason, and the batch goes on. Engines only decide where ``process_pair`` runs:

- ``local``: a process pool on this machine;
- ``dask``: a Dask cluster (``scheduler`` address), or a ``LocalCluster`` when none is given.

Memory stays flat however long the input is: pairs are discovered lazily, at most a few per worker are
in flight, and results are streamed to the report as they arrive. Outputs are written atomically, so a
pair's output exists only when complete; a re-run skips those (status ``complete``) and retries the
rest.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import signal
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import VienalignError
from .textio import atomic_write

log = logging.getLogger(__name__)

REPORT_NAME = "report.jsonl"
MERGED_NAME = "merged.tmx"
FORMAT_EXTENSIONS = {"tmx": ".tmx", "ladder": ".ladder", "tsv": ".tsv", "json": ".json"}
IN_FLIGHT_PER_WORKER = 4
"""Pairs submitted ahead per worker: enough to keep workers busy, few enough to keep memory flat."""


@dataclass(frozen=True)
class PairJob:
    """One document pair to align. ``id`` names the output file and the report line."""

    id: str
    src: Path
    tgt: Path
    src_lang: str
    tgt_lang: str
    problem: str | None = None
    """Set when the input listing itself is broken for this pair (e.g. a target with no source)."""


@dataclass(frozen=True)
class BatchOptions:
    outdir: Path
    fmt: str = "tmx"
    min_score: float | None = None
    """None: the aligner's default."""
    max_bytes: int = 50_000_000
    """A file larger than this is refused (an 'enormous' pair), so one pair cannot exhaust memory."""
    presplit: bool = False
    encoding: str | None = None
    lexicon: Path | None = None
    canonical_tones: bool = False
    """Write canonical Vietnamese tone placement instead of the documents' own (``hoà`` → ``hòa``)."""


@dataclass(frozen=True)
class PairResult:
    id: str
    status: str
    """``ok`` (aligned now), ``complete`` (output already there), or ``failed``."""
    src_sentences: int | None = None
    tgt_sentences: int | None = None
    beads: int | None = None
    units: int | None = None
    mean_score: float | None = None
    seconds: float = 0.0
    error: str | None = None
    output: str | None = None


@dataclass
class BatchSummary:
    ok: int = 0
    complete: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[PairResult] = field(default_factory=list)
    """Kept only up to a small number, for the end-of-run listing."""
    interrupted: bool = False

    MAX_LISTED_FAILURES = 50

    def add(self, result: PairResult) -> None:
        if result.status == "failed":
            self.failed += 1
            if len(self.failures) < self.MAX_LISTED_FAILURES:
                self.failures.append(result)
        elif result.status == "complete":
            self.complete += 1
        else:
            self.ok += 1

    @property
    def total(self) -> int:
        return self.ok + self.complete + self.failed

    @property
    def exit_code(self) -> int:
        """0 when every pair is aligned, 3 when some failed, 130 when interrupted."""
        if self.interrupted:
            return 130
        return 3 if self.failed else 0


# --- discovering pairs -----------------------------------------------------------------------------

def iter_jobs(source: str | os.PathLike, src_lang: str = "vi", tgt_lang: str = "en") -> Iterator[PairJob]:
    """The pairs of a manifest file or of a folder, lazily, in a stable order.

    A manifest is TSV: ``source path, target path[, id[, source language, target language]]``;
    relative paths are relative to the manifest; ``#`` starts a comment line; a first line whose
    first field is ``src``/``source`` is a header. A folder pairs ``NAME.<src>.txt`` with
    ``NAME.<tgt>.txt``, or ``<src>/NAME.txt`` with ``<tgt>/NAME.txt``.
    """
    path = Path(source)
    if path.is_dir():
        yield from _folder_jobs(path, src_lang, tgt_lang)
    elif path.is_file():
        yield from _manifest_jobs(path, src_lang, tgt_lang)
    else:
        raise VienalignError("no such manifest file or folder", path)


def _manifest_jobs(manifest: Path, src_lang: str, tgt_lang: str) -> Iterator[PairJob]:
    base = manifest.parent
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as stream:
            for number, row in enumerate(csv.reader(stream, delimiter="\t"), start=1):
                if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                    continue
                if number == 1 and row[0].strip().lower() in {"src", "source"}:
                    continue
                fields = [f.strip() for f in row]
                if len(fields) < 2 or not fields[0] or not fields[1]:
                    yield PairJob(f"{manifest.name}-line{number}", manifest, manifest, src_lang, tgt_lang,
                                  problem=f"{manifest}:{number}: expected 'source<TAB>target', got {row!r}")
                    continue
                src, tgt = base / fields[0], base / fields[1]
                job_id = fields[2] if len(fields) > 2 and fields[2] else _default_id(fields[0])
                langs = fields[3:5] if len(fields) >= 5 and fields[3] and fields[4] else [src_lang, tgt_lang]
                yield PairJob(job_id, src, tgt, langs[0], langs[1])
    except UnicodeDecodeError:
        raise VienalignError("manifest is not UTF-8 text", manifest) from None


def _default_id(src_field: str) -> str:
    """``docs/a.vi.txt`` → ``docs__a.vi``: unique as long as source paths are."""
    stem = src_field[:-4] if src_field.endswith(".txt") else src_field
    return stem.replace("\\", "/").strip("/").replace("/", "__")


def _folder_jobs(folder: Path, src_lang: str, tgt_lang: str) -> Iterator[PairJob]:
    src_dir, tgt_dir = folder / src_lang, folder / tgt_lang
    if src_dir.is_dir() and tgt_dir.is_dir():
        names = sorted({p.name for p in src_dir.glob("*.txt")} | {p.name for p in tgt_dir.glob("*.txt")})
        for name in names:
            yield _matched_job(name[:-4], src_dir / name, tgt_dir / name, src_lang, tgt_lang)
        return
    src_suffix, tgt_suffix = f".{src_lang}.txt", f".{tgt_lang}.txt"
    stems = sorted(
        {p.name[: -len(src_suffix)] for p in folder.glob(f"*{src_suffix}")}
        | {p.name[: -len(tgt_suffix)] for p in folder.glob(f"*{tgt_suffix}")}
    )
    for stem in stems:
        yield _matched_job(stem, folder / f"{stem}{src_suffix}", folder / f"{stem}{tgt_suffix}", src_lang, tgt_lang)


def _matched_job(job_id: str, src: Path, tgt: Path, src_lang: str, tgt_lang: str) -> PairJob:
    problem = None
    if not src.exists():
        problem = f"{src}: no such file (the {tgt_lang} side {tgt.name} has no {src_lang} counterpart)"
    elif not tgt.exists():
        problem = f"{tgt}: no such file (the {src_lang} side {src.name} has no {tgt_lang} counterpart)"
    return PairJob(job_id, src, tgt, src_lang, tgt_lang, problem)


def count_jobs(source: str | os.PathLike, src_lang: str = "vi", tgt_lang: str = "en") -> int:
    """How many pairs :func:`iter_jobs` will yield (one streaming pass; for the progress bar's ETA)."""
    return sum(1 for _ in iter_jobs(source, src_lang, tgt_lang))


# --- one pair --------------------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[^\w.\-]+")


def output_path(job: PairJob, options: BatchOptions) -> Path:
    return options.outdir / (_SAFE_NAME.sub("_", job.id) + FORMAT_EXTENSIONS[options.fmt])


def process_pair(job: PairJob, options: BatchOptions) -> PairResult:
    """Align one pair and write its output; never raises (failures become a failed result)."""
    started = time.perf_counter()
    out = output_path(job, options)
    if out.exists():
        return PairResult(job.id, "complete", output=str(out))
    try:
        if job.problem:
            raise VienalignError(job.problem)
        result = _align_pair(job, options, out)
    except VienalignError as err:
        return PairResult(job.id, "failed", seconds=time.perf_counter() - started, error=str(err))
    except MemoryError:
        return PairResult(job.id, "failed", seconds=time.perf_counter() - started, error="out of memory")
    except Exception as err:  # a bug must not stop the batch; it is reported with its type
        log.exception("pair %s", job.id)
        message = " ".join(f"internal error: {type(err).__name__}: {err}".split())
        return PairResult(job.id, "failed", seconds=time.perf_counter() - started, error=message)
    return PairResult(**{**asdict(result), "seconds": round(time.perf_counter() - started, 4)})


def _align_pair(job: PairJob, options: BatchOptions, out: Path) -> PairResult:
    from .aligner import align
    from .document import read_sentences, require_sentences
    from .formats import write_alignment

    sides = []
    for path, lang in ((job.src, job.src_lang), (job.tgt, job.tgt_lang)):
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise VienalignError("no such file", path) from None
        if size > options.max_bytes:
            raise VienalignError(f"too large ({size:,} bytes; the limit is --max-bytes {options.max_bytes:,})", path)
        sentences = read_sentences(path, lang, presplit=options.presplit, encoding=options.encoding,
                                   canonical_tones=options.canonical_tones)
        sides.append(require_sentences(sentences, path))
    alignment = align(sides[0], sides[1], job.src_lang, job.tgt_lang, lexicon=_lexicon(options.lexicon))
    min_score = options.min_score
    extra = {"document": job.id} if options.fmt == "tmx" else {}
    if min_score is None:
        units = write_alignment(alignment, out, options.fmt, **extra)
    else:
        units = write_alignment(alignment, out, options.fmt, min_score=min_score, **extra)
    scores = [b.score for b in alignment.beads]
    return PairResult(
        job.id,
        "ok",
        src_sentences=len(alignment.src),
        tgt_sentences=len(alignment.tgt),
        beads=len(alignment.beads),
        units=units if isinstance(units, int) else None,
        mean_score=round(sum(scores) / len(scores), 4) if scores else None,
        output=str(out),
    )


_LEXICONS: dict[Path, object] = {}


def _lexicon(path: Path | None):
    """The user's lexicon, read once per worker process."""
    if path is None:
        return None
    if path not in _LEXICONS:
        from .lexicon import read_lexicon

        _LEXICONS[path] = read_lexicon(path)
    return _LEXICONS[path]


# --- engines ---------------------------------------------------------------------------------------

def _ignore_sigint() -> None:
    # Ctrl-C is the driver's to handle: it stops submitting and lets running pairs finish, so
    # every output is either complete or absent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_local(jobs: Iterable[PairJob], options: BatchOptions, workers: int,
              on_result: Callable[[PairResult], None]) -> None:
    """Run ``process_pair`` over ``jobs`` in a pool of ``workers`` processes, streaming results."""
    limit = max(1, workers) * IN_FLIGHT_PER_WORKER
    pool = ProcessPoolExecutor(max_workers=max(1, workers), initializer=_ignore_sigint)
    pending: set[Future] = set()
    try:
        for job in jobs:
            if len(pending) >= limit:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    on_result(future.result())
            pending.add(pool.submit(process_pair, job, options))
        for future in _as_they_finish(pending):
            on_result(future.result())
    except KeyboardInterrupt:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        for future in pending:
            if future.done() and not future.cancelled():
                on_result(future.result())
        raise
    pool.shutdown(wait=True)


def _as_they_finish(pending: set[Future]) -> Iterator[Future]:
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from done


def run_dask(jobs: Iterable[PairJob], options: BatchOptions, workers: int,
             on_result: Callable[[PairResult], None], scheduler: str | None = None) -> None:
    """The same as :func:`run_local` on a Dask cluster (a ``LocalCluster`` when no address is given).

    Workers of a real cluster must see the input and output paths (a shared filesystem).
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise VienalignError("the dask engine needs 'dask[distributed]' (pip install 'vienalign[dask]')") from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    try:
        with Client(scheduler or cluster, set_as_default=False) as client:
            limit = max(1, len(client.scheduler_info().get("workers", {})) or workers) * IN_FLIGHT_PER_WORKER
            stream = as_completed(loop=client.loop)
            in_flight = 0
            for job in jobs:
                if in_flight >= limit:
                    on_result(next(stream).result())
                    in_flight -= 1
                stream.add(client.submit(process_pair, job, options, pure=False))
                in_flight += 1
            for future in stream:
                on_result(future.result())
    except OSError as err:
        raise VienalignError(f"cannot reach the Dask scheduler {scheduler}: {err}") from None
    finally:
        if cluster is not None:
            cluster.close()


# --- the driver ------------------------------------------------------------------------------------

def run_batch(
    source: str | os.PathLike,
    options: BatchOptions,
    *,
    src_lang: str = "vi",
    tgt_lang: str = "en",
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    merge: bool = False,
    progress: Callable[[PairResult], None] | None = None,
) -> BatchSummary:
    """Align every pair of ``source`` into ``options.outdir`` and write ``report.jsonl`` there.

    The report is written atomically when the run ends (also on Ctrl-C, with the pairs finished
    so far). ``merge`` joins the per-pair TMX files into ``merged.tmx``.
    """
    if options.fmt not in FORMAT_EXTENSIONS:
        raise VienalignError(f"unknown format {options.fmt!r} (choose from {', '.join(FORMAT_EXTENSIONS)})")
    if merge and options.fmt != "tmx":
        raise VienalignError("--merge needs -f tmx")
    if engine not in {"local", "dask"}:
        raise VienalignError(f"unknown engine {engine!r} (choose local or dask)")
    workers = workers or os.cpu_count() or 1
    options.outdir.mkdir(parents=True, exist_ok=True)
    jobs = iter_jobs(source, src_lang, tgt_lang)
    summary = BatchSummary()
    started = time.perf_counter()
    outputs: list[str] = [] if merge else None
    with atomic_write(options.outdir / REPORT_NAME) as report:

        def on_result(result: PairResult) -> None:
            summary.add(result)
            report.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
            if outputs is not None and result.output:
                outputs.append(result.output)
            if progress is not None:
                progress(result)

        try:
            if engine == "dask":
                run_dask(jobs, options, workers, on_result, scheduler)
            else:
                run_local(jobs, options, workers, on_result)
        except KeyboardInterrupt:
            summary.interrupted = True
    if outputs and not summary.interrupted:
        from .tmx import merge_tmx

        merge_tmx(sorted(outputs), options.outdir / MERGED_NAME)
    summary.seconds = time.perf_counter() - started
    return summary
