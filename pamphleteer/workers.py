"""Share a build's work among the machine's cores: worker processes, or this process alone.

A build's slow parts are independent of one another: each text is parsed and
repaired alone, each part of the print edition is laid out alone (WeasyPrint
uses one core per call), and the booklet and preview need only the finished
PDF. `Workers` gives the pipeline an `Executor` to hand them to: a pool of
processes forked from the build (so they start with its modules and settings),
or, with one core or where processes cannot be forked, this process, doing each
piece of work as it is handed over.

`PAMPHLETEER_JOBS` sets how many processes work at once (1: this process only):
the command line reads it and passes it in (see `default_jobs`).
Workers ignore Ctrl-C: the build process receives it, stops them and reports
the interruption once. A failed or interrupted build does not wait for work
that is still running. Workers end with the build however it ends: each is
forked asking the kernel to kill it when the build process dies (Linux's
`PR_SET_PDEATHSIG`), so a `kill -9` of the build leaves no worker behind.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from pamphleteer.errors import ConfigurationError

JOBS_VARIABLE = "PAMPHLETEER_JOBS"
MAX_JOBS = 4  # beyond this, each process adds memory faster than it saves time

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


class Inline(Executor):
    """Does each piece of work at once, in this process."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
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


class Workers:
    """`with Workers() as pool:` an `Executor` for one build (see the module's description)."""

    def __init__(self, jobs: int | None = None):
        self.jobs = default_jobs() if jobs is None else jobs
        self._pool: Executor | None = None

    def __enter__(self) -> Executor:
        if self.jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                self.jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker
            )
            # Forked now, by this thread (the kernel kills a worker when the thread that forked it ends,
            # and this one lasts as long as the build), not by whichever thread hands over work first.
            _FORKING.parent = os.getpid()
            try:
                self._pool.submit(os.getpid)
            finally:
                _FORKING.parent = 0
            return self._pool
        return Inline()

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if error is None:
            pool.shutdown(wait=True)
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:  # work still running is of no use to a build that stopped
            process.terminate()
        for process in processes:
            process.join(timeout=5)
        # Now the pool's own thread sees its workers gone and ends; waiting for it here means it has
        # ended before the interpreter's exit wakes it through a pipe it may be closing (which
        # printed "Exception ignored ... Bad file descriptor" after an interruption).
        pool.shutdown(wait=True, cancel_futures=True)
