"""Share a build's work among the machine's cores: worker processes, or this process alone.

A build's slow parts are independent of one another: each text is parsed and
repaired alone, each part of the print edition is laid out alone (WeasyPrint
uses one core per call), and the booklet and preview need only the finished
PDF. `Workers` gives the pipeline an `Executor` to hand them to: a `Pool` of
processes forked from the build (so they start with its modules and settings),
or, with one core or where processes cannot be forked, this process, doing each
piece of work as it is handed over (`Inline`).

A `Pool` hands each process one piece of work at a time, and a free process the
waiting piece with the highest priority (`Handing`), so that work handed over
late (the next step of the longest text's layout) can go before work handed over
early that waits on nothing (a folio sheet); a piece may be kept for one process
(the one that holds what it needs, as `render/layout.py` keeps a part's laid-out
document in the process that laid it out), or go to one if it is free (the one
that holds what makes it quicker).

`PAMPHLETEER_JOBS` sets how many processes work at once (1: this process only):
the command line reads it and passes it in (see `default_jobs`).
Workers ignore Ctrl-C: the build process receives it, stops them and reports
the interruption once. A failed or interrupted build does not wait for work
that is still running. Workers end with the build however it ends: each is
forked asking the kernel to kill it when the build process dies (Linux's
`PR_SET_PDEATHSIG`), so a `kill -9` of the build leaves no worker behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar

from pamphleteer.errors import ConfigurationError
from pamphleteer.output import StopsHeld

JOBS_VARIABLE = "PAMPHLETEER_JOBS"
MAX_JOBS = 4  # beyond this, each process adds memory faster than it saves time
# A worker's cycle collector makes a full pass after this many passes over its middle generation (Python's
# default: 10). A layout allocates millions of objects, which live as long as it is kept (render/layout.py
# keeps a part's last four), and the full passes over them took a seventh of a worker's CPU; instead the
# worker makes one when a part is done and its layouts are dropped (layout.last_step).
FULL_PASSES = 1000

T = TypeVar("T")


def default_jobs(setting: str | None = None) -> int:
    """How many processes a build uses: `setting` (PAMPHLETEER_JOBS as given), else the cores it may
    run on (at most 4)."""
    value = (setting or "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ConfigurationError(
                f"{JOBS_VARIABLE} is '{value}'; it must be a whole number of processes, 1 or more"
            )
        return int(value)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


@dataclass(frozen=True)
class Handing:
    """How a `Pool` hands over a piece of work: before all with a higher `priority` (a lower number;
    among equals, in the order handed), to the process numbered `worker` only, if given.

    A piece of a `chain` (work whose next step is handed over as soon as its result
    is read) leaves its process waiting for that step, as long as nothing as urgent
    waits, until the chain hands over again or is released (`Pool.release`).
    """

    priority: float = 0.0
    worker: int | None = None
    chain: str | None = None
    prefer: int | None = None  # the process to do it if it may now; another free one if it may not


class Handed(Future[T]):
    """A piece of work handed to a `Pool`, and the process (`worker`, from 0) it went to."""

    def __init__(self) -> None:
        super().__init__()
        self.worker = -1


class Inline(Executor):
    """Does each piece of work at once, in this process."""

    jobs = 1

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self.submit_as(Handing(), fn, *args, **kwargs)

    def submit_as(self, how: Handing, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Handed[T]:
        future: Handed[T] = Handed()
        future.worker = 0
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # raised again by future.result(), as from a worker
            future.set_exception(error)
        return future


PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when the thread that forked it ends


class _Forking:
    """What a worker does the moment it is forked, before any Python code of the pool's runs."""

    def __init__(self) -> None:
        self.parent = 0  # the build process while it forks workers; 0 at other times
        self.prctl = None
        if sys.platform.startswith("linux"):
            try:  # loaded now: a forked process should not have to load a library
                self.prctl = ctypes.CDLL(None, use_errno=True).prctl
            except (OSError, AttributeError):
                self.prctl = None
        os.register_at_fork(after_in_child=self.in_child)

    def in_child(self) -> None:
        if not self.parent:
            return  # not a worker
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # at once: Ctrl-C now must not print a traceback
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the build's, or its StopsHeld's while it forks
        if self.prctl is not None:
            self.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != self.parent:  # the build died before the kernel could be asked
            os._exit(1)
        self.parent = 0


_FORKING = _Forking()


def die_with_parent() -> None:
    """For `subprocess`'s `preexec_fn`: the program it starts (pandoc) is killed when the process
    that started it dies, so a `kill -9` of the build leaves no pandoc behind either.

    (`subprocess` forks without the handlers `os.register_at_fork` installs, so `_Forking` does
    not reach these children.)"""
    if _FORKING.prctl is not None:
        _FORKING.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build process handles Ctrl-C, and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # What the worker was forked with (the build's texts, the loaded modules) stays shared with the
    # build process as long as nothing writes to it: the cycle collector, which would, leaves it be.
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASSES)


@dataclass(order=True)
class _Waiting(Generic[T]):
    priority: float
    order: int
    worker: int | None = field(compare=False)
    how: Handing = field(compare=False)
    future: Handed[T] = field(compare=False)
    call: Callable[[], T] = field(compare=False)


class Pool(Executor):
    """`jobs` worker processes, each doing one piece of work at a time (see the module's description).

    Each process is a one-process `ProcessPoolExecutor` of its own, which this
    hands the pieces to as the processes come free.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs
        context = multiprocessing.get_context("fork")
        self._processes = [ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker)
                           for _ in range(jobs)]
        self._busy = [False] * jobs
        self._held: dict[int, Handing] = {}  # a process waiting for a chain's next step: that chain
        self._waiting: list[_Waiting[Any]] = []
        self._order = itertools.count()
        self._lock = threading.RLock()
        self._closed = False

    def start(self) -> None:
        """Fork the processes now, from this thread (see `Workers.__enter__`)."""
        for process in self._processes:
            process.submit(os.getpid)

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self.submit_as(Handing(), fn, *args, **kwargs)

    def submit_as(self, how: Handing, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Handed[T]:
        future: Handed[T] = Handed()
        worker = how.worker if how.worker is not None and 0 <= how.worker < self.jobs else None
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot hand work to a pool that was shut down")
            self._waiting.append(_Waiting(how.priority, next(self._order), worker, how, future,
                                          partial(fn, *args, **kwargs)))
            self._release(how.chain)
        self._hand_over()
        return future

    def _hand_over(self) -> None:
        """Give each free process the waiting piece of work it may do with the highest priority."""
        while True:
            with self._lock:
                found = self._next()
                if found is None:
                    return
                index, waiting = found
                if not waiting.future.set_running_or_notify_cancel():
                    continue  # cancelled while it waited
                self._busy[index] = True
                waiting.future.worker = index
            try:
                running = self._processes[index].submit(waiting.call)
            except Exception as error:  # the process died, or the pool is shutting down
                with self._lock:
                    self._busy[index] = False
                waiting.future.set_exception(error)
                continue
            running.add_done_callback(partial(self._finished, index, waiting.how, waiting.future))

    def release(self, chain: str) -> None:
        """The chain hands over nothing more for now: its processes may take other work."""
        with self._lock:
            self._release(chain)
        self._hand_over()

    def _release(self, chain: str | None) -> None:
        for index, held in list(self._held.items()):
            if chain is not None and held.chain == chain:
                del self._held[index]

    def _next(self) -> tuple[int, _Waiting[Any]] | None:
        """The first free process and the piece of work for it, taken from the waiting ones."""
        for index, busy in enumerate(self._busy):
            if busy:
                continue
            fits = [waiting for waiting in self._waiting if self._may_take(index, waiting)
                    and self._preferred_may_not(index, waiting)]
            if fits:
                first = min(fits)
                self._waiting.remove(first)
                self._held.pop(index, None)
                return index, first
        return None

    def _may_take(self, index: int, waiting: _Waiting[Any]) -> bool:
        """Whether process `index`, if free, may take `waiting` now."""
        held = self._held.get(index)
        return waiting.worker in (None, index) and (held is None or waiting.priority <= held.priority)

    def _preferred_may_not(self, index: int, waiting: _Waiting[Any]) -> bool:
        """Whether `waiting` may go to process `index` for its preference: it is the one preferred,
        none is, or the one preferred is busy or may not take it now."""
        prefer = waiting.how.prefer
        if prefer is None or prefer == index or not 0 <= prefer < self.jobs:
            return True
        return self._busy[prefer] or not self._may_take(prefer, waiting)

    def _finished(self, index: int, how: Handing, future: Handed[T], running: Future[T]) -> None:
        with self._lock:
            self._busy[index] = False
            if how.chain is not None and not running.cancelled() and running.exception() is None:
                self._held[index] = how
        self._hand_over()  # the process's next piece first: it works while this one's result is read
        if running.cancelled():
            future.set_exception(RuntimeError("the work was cancelled"))
        elif running.exception() is not None:
            future.set_exception(running.exception())
        else:
            future.set_result(running.result())

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking work; forget what waits if `cancel_futures` (or if `wait` is false)."""
        with self._lock:
            self._closed = True
            forget = cancel_futures or not wait
            waiting, self._waiting = (self._waiting, []) if forget else ([], self._waiting)
        for item in waiting:
            item.future.cancel()
        if wait:
            self._drain()
        for process in self._processes:
            process.shutdown(wait=wait, cancel_futures=cancel_futures)

    def _drain(self) -> None:
        """Wait until every piece of work handed over has been given to a process."""
        while True:
            with self._lock:
                if not self._waiting:
                    return
                first = self._waiting[0].future
            with contextlib.suppress(BaseException):  # cancelled: nothing to wait for
                first.exception()

    def terminate(self) -> None:
        """End every process at once (work still running is of no use to a build that stopped)."""
        processes = [process for executor in self._processes
                     for process in (getattr(executor, "_processes", None) or {}).values()]
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)


class Workers:
    """`with Workers() as pool:` an `Executor` for one build (see the module's description)."""

    def __init__(self, jobs: int | None = None):
        self.jobs = default_jobs() if jobs is None else jobs
        self._pool: Pool | None = None

    def __enter__(self) -> Pool | Inline:
        if self.jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            self._pool = Pool(self.jobs)
            # Forked now, by this thread (the kernel kills a worker when the thread that forked it ends,
            # and this one lasts as long as the build), not by whichever thread hands over work first.
            # Ctrl-C or TERM during a fork would come in the fork's own callbacks (logging's lock
            # released after it), which only print what they raise: the stop would be lost and the
            # build go on. Held until the processes are forked, then acted on (output.StopsHeld).
            with StopsHeld() as stops:
                _FORKING.parent = os.getpid()
                try:
                    self._pool.start()
                finally:
                    _FORKING.parent = 0
            try:
                stops.act()
            except BaseException as stop:
                self.__exit__(type(stop), stop, None)  # the processes are stopped as after any stop
                raise
            return self._pool
        return Inline()

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if error is None:
            # What still waits was handed over in case a process came free (see `render/layout.py`):
            # no one needs it now.
            pool.shutdown(wait=True, cancel_futures=True)
            return
        pool.terminate()
        # Now the pool's own threads see their workers gone and end; waiting for them here means they
        # have ended before the interpreter's exit wakes them through a pipe they may be closing (which
        # printed "Exception ignored ... Bad file descriptor" after an interruption).
        pool.shutdown(wait=True, cancel_futures=True)
