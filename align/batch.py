"""Batch alignment: many document pairs in, one output file per pair and a JSON-lines report out.

The unit of work is :func:`process_pair`, a pure function of a :class:`PairJob` and the
:class:`BatchOptions` that never raises: whatever goes wrong with one pair (a missing, binary,
undecodable, empty or enormous file, a FIFO, a file outside the manifest's folder, or a bug) becomes
a failed :class:`PairResult` with a one-line reason, and the batch goes on. Engines only decide where
``process_pair`` runs:

- ``local``: worker processes on this machine (:mod:`align.workers`), one pair at a time each;
- ``dask``: a Dask cluster (``scheduler`` address), or a ``LocalCluster`` when none is given.

Memory stays flat however long the input is: pairs are discovered lazily, a few are in flight, and
results are streamed to the report as they arrive (what grows is a few hundred bytes per pair: the
ids and output names seen, and the journal's records).

Nothing is lost, whatever happens to a run:

- An output is written atomically, so it exists only when complete, and is read back: its size and
  SHA-256 go into the journal (``OUTDIR/.vienalign-journal.jsonl``) with a key of the inputs and
  options it was made from, a line appended as each pair finishes. A re-run counts an output
  ``complete`` only when the journal has it and it still matches (same inputs and options, same
  size and checksum); anything else, e.g. a truncated or emptied output, is redone.
- A local worker that dies (``kill -9``, the OOM killer) is replaced; the pair it was running is
  retried once, then recorded failed with the reason. On Dask the scheduler retries, and a pair
  it gives up on is recorded failed.
- SIGINT (Ctrl-C) stops handing out pairs and lets the running ones finish; SIGTERM and SIGHUP (and
  a second signal) cancel the running ones. Either way the report is written, no temporary file is
  left, every worker has ended, and the exit code is 128 + the signal number (130, 143, 129).
- One run at a time per OUTDIR: a lock file (``OUTDIR/.vienalign.lock``) holds the runner's pid; a
  second run is refused naming it. The lock is the operating system's, released when its holder
  dies, so the lock file a crashed run leaves behind is simply taken over.
- Every pair gets an output name of its own, bounded in length (:func:`output_name`); a repeated id
  is refused, since its output would replace the first one's.
- Input files must be regular files (a FIFO would hang the run) inside the manifest's folder, or
  the input folder, unless ``allow_outside``: a manifest cannot make the batch read ``/etc/shadow``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import queue
import re
import socket
import stat
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import VienalignError
from .textio import PART_NAME, atomic_write, check_output_path, why_not_writable
from .types import MIN_SCORE, score_threshold
from .workers import StopSignals, run_in_processes

try:
    import fcntl
except ImportError:  # Windows: no advisory locks through fcntl; runs are not serialised there
    fcntl = None

log = logging.getLogger(__name__)

REPORT_NAME = "report.jsonl"
MERGED_NAME = "merged.tmx"
LOCK_NAME = ".vienalign.lock"
JOURNAL_NAME = ".vienalign-journal.jsonl"
FORMAT_EXTENSIONS = {"tmx": ".tmx", "ladder": ".ladder", "tsv": ".tsv", "json": ".json"}
DEFAULT_MAX_BYTES = 5_000_000
"""Files larger than this are refused by default: about what aligns in a minute. The aligner's time
grows linearly with the size, ~10 CPU s per MB of Vietnamese on the 2-core machine the project is
tested on (``scripts/bench_long_line.py``: a 5 MB single-line document in 46 s, 51 CPU s), so a
50 MB file would hold a worker for many minutes. ``--max-bytes`` raises it."""
MAX_STEM_BYTES = 100
"""Output names are bounded (file names may have 255 bytes, and the temporary file adds 15)."""
IN_FLIGHT_PER_WORKER = 4
"""Dask: pairs submitted ahead per worker, enough to keep workers busy, few enough to keep memory flat."""
RETRIES_AFTER_WORKER_DEATH = 1
SCHEDULER_CONNECT_SECONDS = 10
_RESERVED_NAMES = frozenset({REPORT_NAME, MERGED_NAME, LOCK_NAME, JOURNAL_NAME})


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
    where: str = ""
    """Where the pair was listed (``list.tsv:5``), for messages."""
    root: Path | None = None
    """The folder the pair's files must lie in (the manifest's, or the input folder); None: anywhere."""


@dataclass(frozen=True)
class BatchOptions:
    outdir: Path
    fmt: str = "tmx"
    min_score: float = MIN_SCORE
    max_bytes: int = DEFAULT_MAX_BYTES
    """A file larger than this is refused (an 'enormous' pair), so one pair cannot hold a worker for hours."""
    presplit: bool = False
    encoding: str | None = None
    lexicon: Path | None = None
    allow_outside: bool = False
    """Read input files outside the manifest's folder (absolute paths, ``..``, links) too."""
    canonical_tones: bool = False
    """Write canonical Vietnamese tone placement instead of the documents' own (``hoà`` → ``hòa``)."""


@dataclass(frozen=True)
class OutputRecord:
    """What the journal knows of an output written: the key of what it was made from, its size and checksum."""

    inputs_key: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class PairTask:
    """A job with its output path and the journal's record of that output (None: never written)."""

    job: PairJob
    output: Path
    recorded: OutputRecord | None = None

    def __str__(self) -> str:
        return f"pair {self.job.id}"


@dataclass(frozen=True)
class PairResult:
    id: str
    status: str
    """``ok`` (aligned now), ``complete`` (output already there and verified), or ``failed``."""
    src_sentences: int | None = None
    tgt_sentences: int | None = None
    beads: int | None = None
    units: int | None = None
    mean_score: float | None = None
    seconds: float = 0.0
    error: str | None = None
    output: str | None = None
    output_bytes: int | None = None
    output_sha256: str | None = None
    inputs_key: str | None = None
    """A digest of the input files (path, size, modification time) and the options that shape the output."""


@dataclass
class BatchSummary:
    ok: int = 0
    complete: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[PairResult] = field(default_factory=list)
    """Kept only up to a small number, for the end-of-run listing."""
    stopped_by: int | None = None
    """The signal that stopped the run, if one did."""

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
    def interrupted(self) -> bool:
        return self.stopped_by is not None

    @property
    def exit_code(self) -> int:
        """0 when every pair is aligned, 3 when some failed, 128 + the signal's number when stopped."""
        if self.stopped_by is not None:
            return 128 + self.stopped_by
        return 3 if self.failed else 0


# --- discovering pairs -----------------------------------------------------------------------------

def iter_jobs(source: str | os.PathLike, src_lang: str = "vi", tgt_lang: str = "en") -> Iterator[PairJob]:
    """The pairs of a manifest file or of a folder, lazily, in a stable order.

    A manifest is tab-separated text, no quoting (a ``"`` is a character like any other): ``source
    path, target path[, id[, source language, target language]]``; relative paths are relative to
    the manifest; ``#`` starts a comment line; a first line whose first field is ``src``/``source``
    is a header; the two documents may be of any readable formats. A folder pairs
    ``NAME.<src>.EXT`` with ``NAME.<tgt>.EXT2``, or ``<src>/NAME.EXT`` with ``<tgt>/NAME.EXT2`` (see
    :func:`_folder_jobs`). Each job's ``root`` is the manifest's folder or the input folder.
    """
    path = Path(source)
    if path.is_dir():
        jobs, root = _folder_jobs(path, src_lang, tgt_lang), path
    elif path.is_file():
        jobs, root = _manifest_jobs(path, src_lang, tgt_lang), path.parent
    elif path.exists():
        raise VienalignError("not a regular file or a folder", path)
    else:
        raise VienalignError("no such manifest file or folder", path)
    return (replace(job, root=root) for job in jobs)


def _manifest_jobs(manifest: Path, src_lang: str, tgt_lang: str) -> Iterator[PairJob]:
    base = manifest.parent
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as stream:
            for number, line in enumerate(stream, start=1):
                row = line.rstrip("\r\n").split("\t")
                if not "".join(row).strip() or row[0].lstrip().startswith("#"):
                    continue
                if number == 1 and row[0].strip().lower() in {"src", "source"}:
                    continue
                where = f"{manifest.name}:{number}"
                fields = [f.strip() for f in row]
                if len(fields) < 2 or not fields[0] or not fields[1]:
                    yield PairJob(f"{manifest.name}-line{number}", manifest, manifest, src_lang, tgt_lang,
                                  problem=f"{manifest}:{number}: expected 'source<TAB>target', got {row!r}",
                                  where=where)
                    continue
                src, tgt = base / fields[0], base / fields[1]
                job_id = fields[2] if len(fields) > 2 and fields[2] else _default_id(fields[0])
                langs = fields[3:5] if len(fields) >= 5 and fields[3] and fields[4] else [src_lang, tgt_lang]
                yield PairJob(job_id, src, tgt, langs[0], langs[1], where=where)
    except UnicodeDecodeError:
        raise VienalignError("manifest is not UTF-8 text", manifest) from None


def _default_id(src_field: str) -> str:
    """``docs/a.vi.txt`` → ``docs__a.vi``: unique as long as source paths are."""
    stem, extension = os.path.splitext(src_field)
    stem = stem if extension.lower() in _readable_extensions() else src_field
    return stem.replace("\\", "/").strip("/").replace("/", "__")


def _readable_extensions() -> tuple[str, ...]:
    from .readers import extensions

    return extensions()


def _documents(folder: Path, suffix: str = "") -> dict[str, list[Path]]:
    """The readable documents in ``folder`` named ``STEM{suffix}.EXT``, by STEM (EXT any extension a
    reader claims, in any case)."""
    found: dict[str, list[Path]] = {}
    extensions = _readable_extensions()
    for path in folder.iterdir():
        stem, extension = os.path.splitext(path.name)
        if extension.lower() in extensions and stem.endswith(suffix) and len(stem) > len(suffix) and path.is_file():
            found.setdefault(stem[: len(stem) - len(suffix)], []).append(path)
    return found


def _folder_jobs(folder: Path, src_lang: str, tgt_lang: str) -> Iterator[PairJob]:
    """Pairs ``NAME.<src>.EXT`` + ``NAME.<tgt>.EXT2`` (or ``<src>/NAME.EXT`` + ``<tgt>/NAME.EXT2``), the
    two extensions any readable formats, alike or not (a docx and its translation as a PDF)."""
    src_dir, tgt_dir = folder / src_lang, folder / tgt_lang
    if src_dir.is_dir() and tgt_dir.is_dir():
        sources, targets = _documents(src_dir), _documents(tgt_dir)
    else:
        sources, targets = _documents(folder, f".{src_lang}"), _documents(folder, f".{tgt_lang}")
    for stem in sorted(set(sources) | set(targets)):
        yield _matched_job(stem, sources.get(stem, []), targets.get(stem, []), src_lang, tgt_lang)


def _matched_job(job_id: str, sources: list[Path], targets: list[Path], src_lang: str, tgt_lang: str) -> PairJob:
    problem = None
    for side, lang, other, other_lang in ((sources, src_lang, targets, tgt_lang), (targets, tgt_lang, sources, src_lang)):
        if not side:
            problem = (f"{other[0].parent}: no such file as the {lang} side of {job_id} (the {other_lang} side "
                       f"{other[0].name} has no {lang} counterpart)")
        elif len(side) > 1:
            problem = f"{side[0].parent}: {' and '.join(sorted(p.name for p in side))} are both the {lang} side of {job_id}"
    src = sorted(sources)[0] if sources else Path(f"{job_id}.{src_lang}")
    tgt = sorted(targets)[0] if targets else Path(f"{job_id}.{tgt_lang}")
    return PairJob(job_id, src, tgt, src_lang, tgt_lang, problem)


def count_jobs(source: str | os.PathLike, src_lang: str = "vi", tgt_lang: str = "en") -> int:
    """How many pairs :func:`iter_jobs` will yield (one streaming pass; for the progress bar's ETA)."""
    return sum(1 for _ in iter_jobs(source, src_lang, tgt_lang))


# --- output names ----------------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[^\w.\-]+")


def output_name(job_id: str, fmt: str, *, hashed: bool = False) -> str:
    """The file name of a pair's output: the id itself when it is a plain, short file name; else
    (or when ``hashed``) the id made safe and cut to :data:`MAX_STEM_BYTES`, with 8 hex digits of a
    hash of the id, so ids that differ get names that differ.

    >>> output_name("doc1", "tmx"), output_name("doc 1", "tmx"), output_name("doc_1", "tmx")
    ('doc1.tmx', 'doc_1-3d2953df.tmx', 'doc_1.tmx')
    >>> len(output_name("x" * 300, "tmx").encode())
    104
    """
    extension = FORMAT_EXTENSIONS[fmt]
    stem = _SAFE_NAME.sub("_", job_id)
    if stem.startswith("."):
        stem = "_" + stem[1:]  # no hidden files, no "..", nothing that looks like a temporary file
    if hashed or stem != job_id or len(stem.encode()) > MAX_STEM_BYTES or stem + extension in _RESERVED_NAMES:
        digest = hashlib.blake2b(job_id.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
        stem = stem.encode()[: MAX_STEM_BYTES - len(digest) - 1].decode("utf-8", "ignore") + "-" + digest
    return stem + extension


def output_path(job: PairJob, options: BatchOptions) -> Path:
    """Where the output of ``job`` goes when its name collides with no other pair's."""
    return options.outdir / output_name(job.id, options.fmt)


def _tasks(jobs: Iterable[PairJob], options: BatchOptions, journal: _Journal,
           refuse: Callable[[PairResult], None]) -> Iterator[PairTask]:
    """The jobs as tasks, each with an output name no other pair of the run has (compared without
    case, for case-insensitive file systems: a name taken gets the hashed form); a repeated id is
    refused through ``refuse``, since its output would replace the first one's."""
    first_seen: dict[str, str] = {}
    taken: set[str] = set()
    for job in jobs:
        where = job.where or str(job.src)
        if job.id in first_seen:
            refuse(PairResult(job.id, "failed", error=f"{where}: duplicate id {job.id!r} (first at "
                              f"{first_seen[job.id]}); refused, its output would replace that pair's"))
            continue
        first_seen[job.id] = where
        name = output_name(job.id, options.fmt)
        if name.casefold() in taken:
            name = output_name(job.id, options.fmt, hashed=True)
        if name.casefold() in taken:
            refuse(PairResult(job.id, "failed", error=f"{where}: output name {name} is taken by another pair; "
                              "give this pair another id"))
            continue
        taken.add(name.casefold())
        yield PairTask(job, options.outdir / name, journal.get(name))


# --- one pair --------------------------------------------------------------------------------------

def process_pair(job: PairJob, options: BatchOptions, *, output: Path | None = None,
                 recorded: OutputRecord | None = None) -> PairResult:
    """Align one pair and write its output (``output``, by default :func:`output_path`); never
    raises (failures become a failed result).

    With ``recorded``, the journal's record of the output, an output that still matches it (made
    from the same inputs and options, same size and checksum) is not redone: status ``complete``.
    """
    started = time.perf_counter()
    try:
        out = output or output_path(job, options)
        if job.problem:
            raise VienalignError(job.problem)
        inputs = [(path, _checked_input(path, job, options)) for path in (job.src, job.tgt)]
        key = _inputs_key(job, options, inputs)
        if recorded is not None and recorded.inputs_key == key and _record_of(out, key) == recorded:
            return PairResult(job.id, "complete", output=str(out), output_bytes=recorded.bytes,
                              output_sha256=recorded.sha256, inputs_key=key)
        check_output_path(out, job.src, job.tgt)
        result = _align_pair(job, options, out)
        written = _record_of(out, key)  # read back: what the journal will vouch for
        if written is None:
            raise VienalignError("cannot read back the output just written", out)
    except VienalignError as err:
        return PairResult(job.id, "failed", seconds=time.perf_counter() - started, error=str(err))
    except MemoryError:
        return PairResult(job.id, "failed", seconds=time.perf_counter() - started, error="out of memory")
    except Exception as err:  # a bug must not stop the batch; it is reported with its type
        log.exception("pair %s", job.id)
        message = " ".join(f"internal error: {type(err).__name__}: {err}".split())
        return PairResult(job.id, "failed", seconds=time.perf_counter() - started, error=message)
    return replace(result, seconds=round(time.perf_counter() - started, 4), output_bytes=written.bytes,
                   output_sha256=written.sha256, inputs_key=key)


def _checked_input(path: Path, job: PairJob, options: BatchOptions) -> os.stat_result:
    """The file's status once it is known to be a regular file the batch may read, of a size it takes."""
    if job.root is not None and not options.allow_outside:
        root = os.path.realpath(job.root)
        if os.path.commonpath([root, os.path.realpath(path)]) != root:
            raise VienalignError(f"outside the manifest's folder {job.root}; "
                                 "--allow-outside reads files anywhere", path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise VienalignError("no such file", path) from None
    except OSError as err:
        raise VienalignError(f"cannot read: {err.strerror}", path) from None
    if not stat.S_ISREG(status.st_mode):
        raise VienalignError(f"not a regular file ({_file_kind(status.st_mode)}); only regular files are read", path)
    if status.st_size > options.max_bytes:
        raise VienalignError(f"too large ({status.st_size:,} bytes; --max-bytes is {options.max_bytes:,}, about "
                             "what aligns in a minute; raise it to align larger files)", path)
    return status


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "not a file")


def _inputs_key(job: PairJob, options: BatchOptions, inputs: list[tuple[Path, os.stat_result]]) -> str:
    """A digest of what the output is made from: the input files (path, size, modification time;
    ``inputs`` gives their status), the lexicon's, the languages, the id (TMX records it) and the
    options that shape the output."""
    if options.lexicon is not None:
        inputs = [*inputs, (options.lexicon, os.stat(options.lexicon))]
    files = [[os.path.realpath(path), status.st_size, status.st_mtime_ns] for path, status in inputs]
    recipe = [files, job.id, job.src_lang, job.tgt_lang, options.fmt, options.min_score, options.presplit,
              options.encoding]
    return hashlib.sha256(json.dumps(recipe).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _record_of(path: Path, inputs_key: str) -> OutputRecord | None:
    """The record of the file at ``path`` as it is on disk now (None when there is none)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
            size = stream.tell()
    except OSError:
        return None
    return OutputRecord(inputs_key, size, digest.hexdigest())


def _align_pair(job: PairJob, options: BatchOptions, out: Path) -> PairResult:
    from .aligner import align
    from .document import read_sentences, require_sentences
    from .formats import write_alignment

    sides = []
    for path, lang in ((job.src, job.src_lang), (job.tgt, job.tgt_lang)):
        sentences = read_sentences(path, lang, presplit=options.presplit, encoding=options.encoding,
                                   canonical_tones=options.canonical_tones)
        sides.append(require_sentences(sentences, path))
    alignment = align(sides[0], sides[1], job.src_lang, job.tgt_lang, lexicon=_lexicon(options.lexicon))
    extra = {"document": job.id} if options.fmt == "tmx" else {}
    lexicon = options.lexicon.name if options.lexicon else None
    units = write_alignment(alignment, out, options.fmt, min_score=options.min_score, lexicon=lexicon, **extra)
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


def _run_task(task: PairTask, options: BatchOptions) -> PairResult:
    return process_pair(task.job, options, output=task.output, recorded=task.recorded)


# --- what a run keeps in OUTDIR: the journal and the lock ------------------------------------------

class _Journal:
    """``OUTDIR/.vienalign-journal.jsonl``: one line per output written (name, inputs key, size,
    SHA-256), appended and flushed as each pair finishes, so that a re-run, even after the driver
    itself was killed, knows which outputs are complete. Later lines win; a line cut by a crash is
    ignored."""

    def __init__(self, path: Path):
        self.records: dict[str, OutputRecord] = {}
        tail = b"\n"
        if path.exists():
            with open(path, "rb") as stream:
                for line in stream:
                    tail = line[-1:]
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        row = json.loads(line)
                        self.records[row["output"]] = OutputRecord(row["inputs_key"], row["bytes"], row["sha256"])
        self._stream = open(path, "a", encoding="utf-8")
        if tail != b"\n":
            self._stream.write("\n")  # end the line a crash cut short, so the next one stands alone

    def get(self, name: str) -> OutputRecord | None:
        return self.records.get(name)

    def add(self, result: PairResult) -> None:
        if result.status != "ok" or result.output is None:
            return
        row = {"output": Path(result.output).name, "inputs_key": result.inputs_key,
               "bytes": result.output_bytes, "sha256": result.output_sha256}
        self._stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._stream.flush()

    def close(self) -> None:
        self._stream.close()


@contextlib.contextmanager
def _outdir_lock(outdir: Path) -> Iterator[None]:
    """Hold ``OUTDIR/.vienalign.lock`` for the run, or refuse naming the run that holds it.

    The lock is an advisory lock (``flock``) on the file, which holds the holder's pid and host;
    the operating system releases it when the holder dies, so a stale file is simply taken over.
    """
    path = outdir / LOCK_NAME
    if fcntl is None:
        log.warning("%s: no file locking on this system; do not start two runs on one output folder", outdir)
        yield
        return
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as err:
            raise VienalignError(f"cannot write in the output folder: {err.strerror}", outdir) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "unknown pid"
            os.close(fd)
            raise VienalignError(f"another vienalign batch ({holder}) is writing to this folder; "
                                 "wait for it to end, or give another -o", outdir) from None
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break  # else the previous holder removed the file as we opened it: lock the new one
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _remove_leftovers(outdir: Path) -> None:
    """Remove the temporary files a killed run left (only this run writes here: it holds the lock)."""
    for path in outdir.glob(".*.part"):
        if PART_NAME.fullmatch(path.name):
            with contextlib.suppress(OSError):
                path.unlink()
                log.info("removed %s, left by a run that was killed", path)


# --- engines ---------------------------------------------------------------------------------------

def run_local(tasks: Iterable[PairTask], options: BatchOptions, workers: int,
              on_result: Callable[[PairResult], None], stop: StopSignals | None = None) -> None:
    """Run the tasks in ``workers`` processes on this machine (:func:`align.workers.run_in_processes`):
    a pair whose worker dies is run again once, then recorded failed with the reason."""

    def lost(task: PairTask, reason: str) -> None:
        on_result(PairResult(task.job.id, "failed", error=reason))

    run_in_processes(tasks, functools.partial(_run_task, options=options), workers=workers, on_result=on_result,
                     on_lost=lost, stop=stop, retries=RETRIES_AFTER_WORKER_DEATH)


def check_scheduler_address(address: str) -> str:
    """``address`` when it is a Dask scheduler address (``tcp://HOST:PORT``, ``HOST:PORT``, ``tls://``
    ...), else a one-line error (before any attempt to connect)."""
    from distributed.comm import parse_address, parse_host_port
    from distributed.comm.registry import backends

    expected = f"--scheduler {address!r} is not a Dask scheduler address (expected e.g. tcp://HOST:8786)"
    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location, default_port=8786)
    except ValueError:
        raise VienalignError(expected) from None
    if scheme not in backends or not re.fullmatch(r"[\w.\-:\[\]]+", host) or not 0 < int(port) < 65536:
        raise VienalignError(expected)
    return address


def run_dask(tasks: Iterable[PairTask], options: BatchOptions, workers: int,
             on_result: Callable[[PairResult], None], scheduler: str | None = None,
             stop: StopSignals | None = None) -> None:
    """The same as :func:`run_local` on a Dask cluster (a ``LocalCluster`` when no address is given).

    Workers of a real cluster must see the input and output paths (a shared filesystem). Dask
    retries a pair whose worker died on other workers; a pair it gives up on is recorded failed.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise VienalignError("the dask engine needs 'dask[distributed]' (pip install 'vienalign[dask]')") from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        try:
            client = Client(scheduler or cluster, set_as_default=False, timeout=SCHEDULER_CONNECT_SECONDS)
        except (OSError, TimeoutError) as err:
            raise VienalignError(f"cannot reach the Dask scheduler {scheduler} within "
                                 f"{SCHEDULER_CONNECT_SECONDS} s: {' '.join(str(err).split())}") from None
        with client:
            limit = max(1, len(client.scheduler_info().get("workers", {})) or workers) * IN_FLIGHT_PER_WORKER
            running: dict[object, PairTask] = {}
            finished: queue.SimpleQueue = queue.SimpleQueue()  # filled by the client's thread
            todo = iter(tasks)
            while True:
                while len(running) < limit and not (stop and stop.signum):
                    task = next(todo, None)
                    if task is None:
                        break
                    future = client.submit(_run_task, task, options, pure=False)
                    running[future] = task
                    future.add_done_callback(finished.put)
                if not running or (stop and stop.cancel):
                    break
                with contextlib.suppress(queue.Empty):  # wake up now and then to see a stop signal
                    future = finished.get(timeout=0.5)
                    on_result(_dask_result(future, running.pop(future)))
            if running:
                client.cancel(list(running))
    finally:
        if cluster is not None:
            cluster.close()


def _dask_result(future, task: PairTask) -> PairResult:
    try:
        return future.result()
    except Exception as err:  # e.g. KilledWorker: the pair killed every worker that tried it
        return PairResult(task.job.id, "failed", error=" ".join(f"{type(err).__name__}: {err}".split()))


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

    The report is written atomically when the run ends, also when a signal stops it (then with the
    pairs finished so far). ``merge`` joins the per-pair TMX files into ``merged.tmx``.
    """
    _check_options(options, engine, scheduler, merge)
    jobs = iter_jobs(source, src_lang, tgt_lang)
    outdir = _output_folder(options.outdir)
    workers = workers or os.cpu_count() or 1
    summary = BatchSummary()
    started = time.perf_counter()
    outputs: list[str] | None = [] if merge else None
    report_path = outdir / REPORT_NAME
    check_output_path(report_path, source)
    with _outdir_lock(outdir):
        _remove_leftovers(outdir)
        with StopSignals() as stop, contextlib.closing(_Journal(outdir / JOURNAL_NAME)) as journal, \
                atomic_write(report_path) as report:

            def on_result(result: PairResult) -> None:
                summary.add(result)
                journal.add(result)
                report.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
                if outputs is not None and result.output:
                    outputs.append(result.output)
                if progress is not None:
                    progress(result)

            tasks = _tasks(jobs, options, journal, on_result)
            if engine == "dask":
                run_dask(tasks, options, workers, on_result, scheduler, stop)
            else:
                run_local(tasks, options, workers, on_result, stop)
        summary.stopped_by = stop.signum
        _remove_leftovers(outdir)  # of a worker that had to be killed
        if outputs and not summary.interrupted:  # no handlers now: Ctrl-C stops a long merge as usual
            from .tmx import merge_tmx

            merge_tmx(sorted(outputs), outdir / MERGED_NAME)
    summary.seconds = time.perf_counter() - started
    return summary


def _check_options(options: BatchOptions, engine: str, scheduler: str | None, merge: bool) -> None:
    if options.fmt not in FORMAT_EXTENSIONS:
        raise VienalignError(f"unknown format {options.fmt!r} (choose from {', '.join(FORMAT_EXTENSIONS)})")
    if merge and options.fmt != "tmx":
        raise VienalignError("--merge needs -f tmx")
    if engine not in {"local", "dask"}:
        raise VienalignError(f"unknown engine {engine!r} (choose local or dask)")
    if scheduler is not None and engine != "dask":
        raise VienalignError("--scheduler needs --engine dask")
    if scheduler is not None:
        check_scheduler_address(scheduler)
    try:
        score_threshold(float(options.min_score))
    except (TypeError, ValueError) as err:
        raise VienalignError(f"--min-score: {err}") from None
    if options.lexicon is not None:
        from .lexicon import read_lexicon

        if not options.lexicon.is_file():
            raise VienalignError("no such file (or not a regular file)", options.lexicon)
        read_lexicon(options.lexicon)  # a broken lexicon is one error now, not one per pair


def _output_folder(outdir: Path) -> Path:
    if outdir.exists() and not outdir.is_dir():
        raise VienalignError("exists and is not a folder (-o names the output folder)", outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VienalignError(f"cannot create the output folder: {why_not_writable(err, outdir)}", outdir) from None
    return outdir
