"""The local engine's worker processes: a worker killed by a real signal is replaced and its task
run again once, then reported lost; the tasks queued behind it are not blamed; stop signals
cancel or finish the running tasks. The tasks below kill their own worker on purpose, so which task
dies is certain, not a race."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from align.workers import StopSignals, run_in_processes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def act(task: tuple[str, str]) -> str:
    """A task: ``("ok", x)`` returns x; ``("kill", _)`` dies by SIGKILL; ``("kill-once", marker)``
    dies the first time only; ``("exit", _)`` exits with status 3; ``("wait", folder)`` says it has
    started (a file in ``folder``) and waits for ``folder/go``."""
    kind, value = task
    if kind == "kill" or (kind == "kill-once" and not os.path.exists(value)):
        if kind == "kill-once":
            Path(value).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "exit":
        os._exit(3)
    if kind == "wait":
        (Path(value) / f"started-{os.getpid()}").touch()
        while not (Path(value) / "go").exists():
            time.sleep(0.01)
    return value


def run(tasks, workers=2, stop=None):
    results, lost = [], []
    run_in_processes(tasks, act, workers=workers, on_result=results.append,
                     on_lost=lambda task, reason: lost.append((task, reason)), stop=stop)
    return results, lost


def test_a_task_whose_worker_dies_is_run_again_once_then_lost_and_nothing_else_is_blamed(tmp_path):
    # One worker, so each task that kills it has the next task queued behind it on that worker.
    died_once = str(tmp_path / "died-once")
    tasks = [("kill", "x"), ("ok", "a"), ("kill-once", died_once), ("ok", "b"), ("exit", "y"), ("ok", "c")]
    results, lost = run(tasks, workers=1)
    assert sorted(results) == sorted(["a", "b", "c", died_once])
    assert lost == [
        (("kill", "x"), "worker killed (signal 9) on each of 2 tries, possibly out of memory"),
        (("exit", "y"), "worker exited with status 3 on each of 2 tries"),
    ]


def _signal_when_started(folder: Path, count: int, signum: int, then_go: bool) -> threading.Thread:
    def send() -> None:
        deadline = time.monotonic() + 120
        while len(list(folder.glob("started-*"))) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signum)
        if then_go:
            (folder / "go").touch()

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_cancel_the_running_tasks(tmp_path, signum):
    tasks = [("wait", str(tmp_path))] * 2 + [("ok", "never")] * 5
    with StopSignals() as stop:
        sender = _signal_when_started(tmp_path, 2, signum, then_go=False)
        results, lost = run(tasks, stop=stop)
    sender.join()
    assert (stop.signum, stop.cancel) == (signum, True)
    assert results == [] and lost == []  # the waiting tasks were cancelled, the rest never started
    for marker in tmp_path.glob("started-*"):  # every worker has ended
        with pytest.raises(ProcessLookupError):
            os.kill(int(marker.name.split("-")[1]), 0)


def test_sigint_lets_the_running_tasks_finish(tmp_path):
    tasks = [("wait", str(tmp_path))] * 2 + [("ok", "never")] * 5
    with StopSignals() as stop:
        sender = _signal_when_started(tmp_path, 2, signal.SIGINT, then_go=True)
        results, lost = run(tasks, stop=stop)
    sender.join()
    assert (stop.signum, stop.cancel) == (signal.SIGINT, False)
    # the two running tasks finished; tasks already queued on a worker may finish too, no new ones start
    assert results.count(str(tmp_path)) == 2 and set(results) <= {str(tmp_path), "never"} and len(results) <= 4
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored
