"""Batch runs under faults, with real processes and real signals: a worker killed, the batch
stopped by SIGINT/SIGTERM/SIGHUP, two runs on one OUTDIR, a run killed outright, outputs damaged
between runs, and manifests that are odd on purpose.

No test sleeps for a fixed time and hopes: each waits for something it can observe (a file, a
process), and races with the batch's progress are closed by stopping a process with SIGSTOP
before acting on it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from align.batch import JOURNAL_NAME, LOCK_NAME, BatchOptions, run_batch

from .conftest import ROOT
from .test_batch import PAIRS, read_report, write_pair

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="these tests watch processes through /proc (Linux)")

PATIENCE = 120
"""Seconds to wait for an observable condition before the test fails: generous for a busy machine."""


def wait_for(condition, what: str, timeout: float = PATIENCE):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def start_batch(tmp_path: Path, *args: str) -> subprocess.Popen:
    """``vienalign batch ARGS`` in the background, its standard error going to a file."""
    log = tmp_path / f"batch-{time.monotonic_ns()}.stderr"
    with open(log, "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "align", "batch", *map(str, args), "--no-progress"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
    proc.stderr_path = log
    return proc


def paused_batch(tmp_path: Path, pairs: int) -> tuple[subprocess.Popen, Path]:
    """A two-worker batch of ``pairs`` generated pairs, stopped (SIGSTOP) once it has written three
    outputs: it cannot end before the test acts on it. Returns the process and its output folder."""
    make_pairs(tmp_path / "in", pairs)
    out = tmp_path / "out"
    batch = start_batch(tmp_path, tmp_path / "in", "-o", out, "--workers", "2")
    wait_for(lambda: len(outputs(out)) >= 3 and len(workers_of(batch.pid)) == 2, "three outputs and two workers")
    os.kill(batch.pid, signal.SIGSTOP)
    assert batch.poll() is None
    return batch, out


def stderr_of(proc: subprocess.Popen) -> str:
    return proc.stderr_path.read_text(encoding="utf-8")


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def workers_of(pid: int) -> list[int]:
    """The batch's worker processes (multiprocessing's resource tracker is not one)."""
    return [child for child in children(pid) if b"spawn_main" in _cmdline(child)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def gone(pid: int) -> bool:
    """The process has ended (a zombie, dead but not yet reaped, counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def outputs(folder: Path) -> list[Path]:
    return sorted(folder.glob("doc*.tmx"))


def part_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".part")]


def journal_lines(outdir: Path) -> int:
    try:
        return (outdir / JOURNAL_NAME).read_text(encoding="utf-8").count("\n")
    except FileNotFoundError:
        return 0


def make_pairs(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        write_pair(folder, f"doc{k:04d}", shift=k)


def test_worker_killed_mid_run_loses_nothing_and_a_rerun_redoes_nothing(tmp_path):
    batch, out = paused_batch(tmp_path, 200)  # the run cannot end while we pick its victim
    victim = workers_of(batch.pid)[0]
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: gone(victim), "the killed worker to end")
    os.kill(batch.pid, signal.SIGCONT)
    assert batch.wait(timeout=600) in (0, 3), stderr_of(batch)
    assert "Traceback" not in stderr_of(batch)

    report = read_report(out)
    assert sorted(report) == [f"doc{k:04d}" for k in range(200)]  # every pair reported, once
    assert len((out / "report.jsonl").read_text().splitlines()) == 200
    for row in report.values():
        assert row["status"] == "ok" or (row["status"] == "failed" and "worker killed" in row["error"])
    aligned = {job_id for job_id, row in report.items() if row["status"] == "ok"}
    assert {p.stem for p in outputs(out)} >= aligned
    for job_id in aligned:
        assert etree.parse(str(out / f"{job_id}.tmx")).getroot().tag == "tmx"
    assert not part_files(out)

    again = subprocess.run([sys.executable, "-m", "align", "batch", str(tmp_path / "in"), "-o", str(out),
                            "--workers", "2", "--no-progress"], cwd=ROOT, capture_output=True, timeout=600)
    assert again.returncode == 0, again.stderr.decode()
    rerun = read_report(out)
    assert {job_id for job_id, row in rerun.items() if row["status"] == "complete"} == aligned
    assert {job_id for job_id, row in rerun.items() if row["status"] == "ok"} == set(report) - aligned


@pytest.mark.parametrize("signum, exit_code", [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
                         ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_stops_the_run_cleanly(tmp_path, signum, exit_code):
    batch, out = paused_batch(tmp_path, 2000)  # so the run cannot finish before the signal arrives
    helpers = children(batch.pid)  # the workers and multiprocessing's resource tracker
    os.kill(batch.pid, signum)
    os.kill(batch.pid, signal.SIGCONT)
    assert batch.wait(timeout=PATIENCE) == exit_code
    stderr = stderr_of(batch)
    assert "Traceback" not in stderr
    assert f"stopped by {signal.Signals(signum).name}" in stderr
    for pid in helpers:  # no orphan left running
        wait_for(lambda: gone(pid), f"process {pid} to end", timeout=30)
    assert not part_files(out)
    assert not (out / LOCK_NAME).exists()
    finished = outputs(out)
    assert 3 <= len(finished) < 2000
    for tmx in finished:
        etree.parse(str(tmx))  # complete, well-formed
    report = read_report(out)
    assert {job_id for job_id, row in report.items() if row["status"] == "ok"} == {p.stem for p in finished}


def test_one_run_per_outdir_and_a_dead_runs_lock_is_taken_over(tmp_path, run_cli):
    folder = tmp_path / "in"
    make_pairs(folder, 1000)  # seconds of work left when the test stops the run's worker
    out = tmp_path / "out"
    first = start_batch(tmp_path, folder, "-o", out, "--workers", "1")
    wait_for(lambda: journal_lines(out) >= 3 and workers_of(first.pid), "three outputs in the journal")
    worker = workers_of(first.pid)[0]
    os.kill(worker, signal.SIGSTOP)  # the first run now waits for its worker: it cannot end
    assert first.poll() is None

    second = run_cli("batch", folder, "-o", out, "--no-progress")
    assert second.returncode == 2
    assert second.stderr.decode().strip().splitlines() == [
        f"vienalign batch: error: {out}: another vienalign batch (pid {first.pid} on {socket.gethostname()}) "
        "is writing to this folder; wait for it to end, or give another -o"]

    # The first run dies outright: no report, a lock file naming a dead pid, a journal, perhaps a .part.
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=PATIENCE)
    os.kill(worker, signal.SIGKILL)
    wait_for(lambda: gone(worker), "the first run's worker to end")
    assert str(first.pid) in (out / LOCK_NAME).read_text()
    assert not (out / "report.jsonl").exists()
    journaled = {json.loads(line)["output"] for line in (out / JOURNAL_NAME).read_text().splitlines()}
    for path in folder.glob("doc*"):  # keep the work of the re-run small: the first 10 pairs
        if int(path.name[3:7]) >= 10:
            path.unlink()

    third = run_cli("batch", folder, "-o", out, "--workers", "1", "--no-progress")
    assert third.returncode == 0, third.stderr.decode()
    report = read_report(out)
    complete = {f"{job_id}.tmx" for job_id, row in report.items() if row["status"] == "complete"}
    assert complete == {name for name in journaled if int(name[3:7]) < 10} and len(complete) >= 3
    assert all(row["status"] in ("complete", "ok") for row in report.values()) and len(report) == 10
    assert not part_files(out)
    assert not (out / LOCK_NAME).exists()


def test_damaged_or_stale_outputs_are_redone(tmp_path, run_cli):
    folder = tmp_path / "in"
    make_pairs(folder, 4)
    out = tmp_path / "out"
    assert run_cli("batch", folder, "-o", out, "--workers", "1", "--no-progress").returncode == 0
    original = (out / "doc0000.tmx").read_bytes()
    (out / "doc0000.tmx").write_bytes(original[:1000])  # truncated
    (out / "doc0001.tmx").write_bytes(b"")  # emptied
    write_pair(folder, "doc0002", shift=3)  # an input changed since its output was made
    assert run_cli("batch", folder, "-o", out, "--workers", "1", "--no-progress").returncode == 0
    report = read_report(out)
    assert {k: row["status"] for k, row in report.items()} == {
        "doc0000": "ok", "doc0001": "ok", "doc0002": "ok", "doc0003": "complete"}
    assert (out / "doc0000.tmx").read_bytes().endswith(b"</tmx>\n")
    etree.parse(str(out / "doc0001.tmx"))
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(original[:1000])  # what the first re-run would once have kept


def test_odd_manifests(tmp_path, run_cli):
    root = tmp_path / "project"
    corpus = root / "c"
    corpus.mkdir(parents=True)
    for name in ("a", "x y", "x_y", "long", '"q', "fifo"):
        write_pair(corpus, name)
    (corpus / "fifo.vi.txt").unlink()
    os.mkfifo(corpus / "fifo.vi.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_pair(elsewhere, "e")
    long_id = "L" * 300
    manifest = root / "list.tsv"
    manifest.write_text(
        'c/"q.vi.txt\tc/"q.en.txt\n'  # a quote is a character, not the start of a quoted field
        "c/a.vi.txt\tc/a.en.txt\tone\n"
        "# a comment with a quote \" in it\n"
        "c/x y.vi.txt\tc/x y.en.txt\tx y\n"
        "c/x_y.vi.txt\tc/x_y.en.txt\tx_y\n"  # the same name as 'x y' once made safe
        "c/a.vi.txt\tc/a.en.txt\tone\n"  # a repeated id
        f"c/long.vi.txt\tc/long.en.txt\t{long_id}\n"
        "c/fifo.vi.txt\tc/fifo.en.txt\tfifo\n"
        f"{elsewhere}/e.vi.txt\t{elsewhere}/e.en.txt\tabsolute\n"
        "../elsewhere/e.vi.txt\t../elsewhere/e.en.txt\trelative\n"
        "c/a.vi.txt\tc/a.en.txt\tmerged\n",  # the name of --merge's output
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = run_cli("batch", manifest, "-o", out, "--workers", "2", "--no-progress", "--merge")
    assert done.returncode == 3, done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()
    rows = [json.loads(line) for line in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 10
    status = {(row["id"], row["status"]) for row in rows}
    assert {('c__"q.vi', "ok"), ("one", "ok"), ("one", "failed"), ("x y", "ok"), ("x_y", "ok"), (long_id, "ok"),
            ("fifo", "failed"), ("absolute", "failed"), ("relative", "failed"), ("merged", "ok")} == status
    errors = {row["id"]: row["error"] for row in rows if row["status"] == "failed"}
    assert "duplicate id 'one' (first at list.tsv:2)" in errors["one"]
    assert "not a regular file (a FIFO)" in errors["fifo"]
    assert "outside the manifest's folder" in errors["absolute"] and "--allow-outside" in errors["absolute"]
    assert "outside the manifest's folder" in errors["relative"]
    names = [Path(row["output"]).name for row in rows if row["status"] == "ok"]
    assert len(set(names)) == len(names) == 6  # every aligned pair has an output of its own
    assert all(len(name.encode()) <= 104 for name in names) and "x_y.tmx" in names
    assert "merged.tmx" not in names and (out / "merged.tmx").is_file()

    allowed = run_batch(manifest, BatchOptions(outdir=tmp_path / "anywhere", fmt="ladder", allow_outside=True),
                        workers=1)
    assert (allowed.ok, allowed.failed) == (8, 2)  # only the FIFO and the repeated id fail now


def test_an_input_named_like_an_output_is_never_overwritten(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.vi.tsv").write_text(PAIRS[0][0], encoding="utf-8")  # a source that happens to end in .tsv
    (folder / "a.en.txt").write_text(PAIRS[0][1], encoding="utf-8")
    manifest = folder / "list.tsv"
    manifest.write_text("a.vi.tsv\ta.en.txt\ta.vi\n", encoding="utf-8")  # id a.vi: output a.vi.tsv
    summary = run_batch(manifest, BatchOptions(outdir=folder, fmt="tsv"), workers=1)
    assert summary.failed == 1 and "is also an input" in summary.failures[0].error
    assert (folder / "a.vi.tsv").read_text(encoding="utf-8") == PAIRS[0][0]
