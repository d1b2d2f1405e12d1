"""Worker processes that outlive their workers: the batch's local engine.

:func:`run_in_processes` runs ``work(task)`` for a stream of tasks in a few processes of its own
(``spawn``ed: no fork of a driver that may have threads), one task at a time each, with one more
waiting in the pipe so a worker never idles while the driver is busy. It knows which task every
worker is running, so when a worker dies (``kill -9``, the OOM killer, a crash in C code) it
replaces the worker, runs the task again once, and only then gives it up, with the reason; the
tasks merely queued on the dead worker go to the others as if nothing had happened.

:class:`StopSignals` turns SIGINT, SIGTERM and SIGHUP into a stop the driver can act on between
results: SIGINT asks for a graceful stop (no new tasks; the running ones finish), SIGTERM, SIGHUP or
a second signal cancel the running tasks. Either way every worker has ended when
:func:`run_in_processes` returns: none is left running as an orphan.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
from collections import deque
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator, TypeVar

from .errors import VienalignError

log = logging.getLogger(__name__)

Task = TypeVar("Task")
Result = TypeVar("Result")

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
EXIT_SECONDS = 10
"""How long a cancelled worker may take to clean up (remove its temporary file) before it is killed."""


class StopSignals:
    """The stop signals received while the ``with`` block runs, and a pipe that wakes the driver.

    ``signum`` is the first signal received (None: none yet); ``cancel`` says the running tasks are
    to be abandoned. Handlers are installed only in the main thread (where Python delivers signals)
    and the previous ones are restored on exit.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.cancel = False
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        os.close(self._read)
        os.close(self._write)

    def _handle(self, signum: int, frame) -> None:
        self.cancel = self.cancel or self.signum is not None or signum != signal.SIGINT
        self.signum = self.signum or signum
        log.info("%s: %s", signal.Signals(signum).name,
                 "cancelling the running tasks" if self.cancel else "finishing the running tasks")
        with contextlib.suppress(BlockingIOError):
            os.write(self._write, b"\0")

    def fileno(self) -> int:
        """Readable when a signal has arrived (for :func:`multiprocessing.connection.wait`), until
        drained by :meth:`drain`."""
        return self._read

    def drain(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(self._read, 512)


def run_in_processes(
    tasks: Iterable[Task],
    work: Callable[[Task], Result],
    *,
    workers: int,
    on_result: Callable[[Result], None],
    on_lost: Callable[[Task, str], None],
    stop: StopSignals | None = None,
    retries: int = 1,
) -> None:
    """Run ``work(task)`` for every task in ``workers`` processes; each result goes to ``on_result``
    as it arrives (in the driver, so it may write files).

    ``work`` and the tasks must pickle (a module-level function, or a ``functools.partial`` of one).
    A task whose worker dies is run again, up to ``retries`` times, then given to ``on_lost`` with
    the reason, e.g. ``"worker killed (signal 9) on each of 2 tries, possibly out of memory"``.
    After a stop signal the tasks not started are neither run nor reported.
    """
    pool = _Pool(work, max(1, workers), tasks, stop)
    cancelled = True
    try:
        while not (stop and stop.cancel):
            pool.fill()
            busy = [worker for worker in pool.workers if worker.queue]
            if not busy and (not pool.again or (stop and stop.signum)):
                cancelled = False
                break
            wait([w.conn for w in busy] + [w.process.sentinel for w in pool.workers] + ([stop] if stop else []))
            if stop:
                stop.drain()
            pool.collect(on_result, on_lost, retries)
    finally:
        pool.end(cancelled)


class _Pool:
    """The workers of :func:`run_in_processes`, the tasks still to send, and the tasks to run again
    (with the number of workers each has killed), which go before new ones."""

    def __init__(self, work: Callable[[Task], Result], size: int, tasks: Iterable[Task], stop: StopSignals | None):
        self.context = multiprocessing.get_context("spawn")
        self.work = work
        self.workers = [_Worker(self.context, work) for _ in range(size)]
        self.todo = iter(tasks)
        self.again: deque[tuple[Task, int]] = deque()
        self.stop = stop
        self.idle_deaths = 0

    def fill(self) -> None:
        """Send each worker a task, then each a second one (none after a stop signal)."""
        for depth in range(_Worker.QUEUED):  # a task for every worker before a second one for any
            for worker in self.workers:
                if len(worker.queue) > depth or (self.stop and self.stop.signum):
                    continue
                item = self.again.popleft() if self.again else _with_no_deaths(next(self.todo, None))
                if item is not None and not worker.send(item):
                    self.again.appendleft(item)

    def collect(self, on_result: Callable[[Result], None], on_lost: Callable[[Task, str], None],
                retries: int) -> None:
        """Hand on the results that have arrived, and replace the workers that died."""
        for index, worker in enumerate(self.workers):
            for result in worker.results():
                on_result(result)
                self.idle_deaths = 0
            if worker.process.is_alive() or (self.stop and self.stop.cancel):
                continue
            reason, hint = worker.death()
            worker.join()
            self.workers[index] = _Worker(self.context, self.work)
            self._requeue(worker, reason, hint, on_lost, retries)

    def _requeue(self, worker: _Worker, reason: str, hint: str, on_lost: Callable[[Task, str], None],
                 retries: int) -> None:
        """Requeue what the dead ``worker`` held: the task it was running up to ``retries`` more
        times (then it is lost, with the ``reason`` it died and a ``hint``), the ones waiting as
        they were."""
        if not worker.queue:
            self.idle_deaths += 1
            if self.idle_deaths > 3 * len(self.workers):
                raise VienalignError(f"worker processes keep dying ({reason})")
            return
        task, deaths = worker.queue.popleft()  # the one it was running
        self.again.extendleft(reversed(worker.queue))
        if deaths < retries:
            log.warning("%s while running %s; running it again", reason, task)
            self.again.appendleft((task, deaths + 1))
        else:
            on_lost(task, f"{reason} on each of {deaths + 1} tries{hint}")

    def end(self, cancel: bool) -> None:
        """End every worker (``cancel``: abandoning their tasks) and wait for them."""
        for worker in self.workers:
            worker.end(cancel=cancel)
        for worker in self.workers:
            worker.join()


def _with_no_deaths(task: Task | None) -> tuple[Task, int] | None:
    return None if task is None else (task, 0)


class _Worker:
    """One worker process, the pipe to it, and the tasks sent to it and not yet answered (with how
    many workers each has killed). The worker runs them in the order sent: the first is running."""

    QUEUED = 2

    def __init__(self, context, work: Callable[[Task], Result]):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work), daemon=True, name="vienalign-worker")
        self.process.start()
        child.close()
        self.queue: deque[tuple[Task, int]] = deque()

    def send(self, item: tuple[Task, int]) -> bool:
        """Queue a task on the worker; False when the worker is already dead."""
        try:
            self.conn.send(item[0])
        except OSError:
            return False
        self.queue.append(item)
        return True

    def results(self) -> Iterator[Result]:
        """The results the worker has sent, as far as they can be read now."""
        try:
            while self.queue and self.conn.poll():
                result = self.conn.recv()
                self.queue.popleft()
                yield result
        except (EOFError, OSError):  # it died; what it had not answered is still queued
            return

    def death(self) -> tuple[str, str]:
        """Why the worker ended, in words, and what that may mean."""
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"worker killed (signal {-code})", ", possibly out of memory" if -code == signal.SIGKILL else ""
        return f"worker exited with status {code}", ""

    def end(self, cancel: bool) -> None:
        """Ask the worker to end (``cancel``: now, abandoning its task); then :meth:`join` it."""
        if cancel and self.process.is_alive():
            self.process.terminate()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)

    def join(self) -> None:
        self.process.join(EXIT_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _serve(conn: Connection, work: Callable) -> None:
    """A worker's life: run the tasks the driver sends, one at a time, until it sends None or is gone."""
    # Stopping is the driver's decision (Ctrl-C and a hang-up reach the whole process group). The
    # driver cancels a task with SIGTERM, which raises SystemExit here so that ``finally`` blocks
    # run on the way out (atomic_write removes its temporary file).
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            conn.send(work(task))
        except OSError:  # the driver is gone
            return


def _exit_on_sigterm(signum: int, frame) -> None:
    raise SystemExit(128 + signum)
