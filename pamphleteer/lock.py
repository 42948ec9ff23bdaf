"""The output folder's lock: one build at a time, and a build that died never blocks the next.

The lock is an advisory lock (`flock`) on `<output>/.pamphleteer/lock`, which
also records its holder: the process id, when that process started, the
machine's boot and host. The kernel lets the lock go when its holder ends, even
by `kill -9`; the holder's worker processes do not keep it (they close their
copy of it as soon as they are forked, see `forget_in_child`). Should anything
else still hold it when the process recorded in it is gone, the lock is stale:
a new lock file takes its place at once (the old one, with its stale holder,
is left to whatever still has it open), and the build says so in a note.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import json
import os
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pamphleteer.errors import OutputError

LOCK_NAME = "lock"
GUARD_NAME = "lock.guard"  # held for a moment by a build taking over a stale lock, never across a fork
RECORD_WAIT = 0.5  # seconds to wait for a holder that has the lock but has not yet written who it is

_held: set[int] = set()  # the file descriptors of the locks this process holds


def forget_in_child() -> None:
    """In a process just forked from a lock's holder: close its copy of the lock (it stays the parent's)."""
    for descriptor in _held:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _held.clear()


os.register_at_fork(after_in_child=forget_in_child)


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: enough to tell whether that process still runs."""

    pid: int
    started: str  # the process's start time, as the kernel counts it (a reused pid has another)
    boot: str
    host: str

    @classmethod
    def me(cls) -> Holder:
        return cls(os.getpid(), _start_time(os.getpid()) or "", _boot_id(), socket.gethostname())

    def gone(self) -> bool:
        """Whether the process is certainly gone (on another host it cannot be known: never)."""
        if self.host != socket.gethostname():
            return False
        if self.boot and self.boot != _boot_id():
            return True
        started = _start_time(self.pid)
        if started is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return True
            except OSError:
                return False
            return False
        return bool(self.started) and started != self.started

    def describe(self) -> str:
        return f"process {self.pid}"


def _start_time(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()  # the name, in parentheses, may hold spaces
    return fields[19] if len(fields) > 19 else None


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _record(handle: BinaryIO) -> Holder | None:
    try:
        handle.seek(0)
        data = json.loads(handle.read(4096) or b"null")
        return Holder(int(data["pid"]), str(data["started"]), str(data["boot"]), str(data["host"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _try_lock(handle: BinaryIO) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _open(path: Path, output: Path) -> BinaryIO:
    try:
        return open(path, "a+b")  # noqa: SIM115 (held for the whole build)
    except OSError as error:
        raise OutputError(f"cannot write in the output folder: {error.strerror}", file=output) from None


def _busy(holder: Holder | None, output: Path) -> OutputError:
    who = f" ({holder.describe()})" if holder is not None else ""
    return OutputError(f"another build{who} is writing this output folder; wait for it to finish",
                       file=output)


class Lock:
    """The lock of the output folder whose own folder is `own`: `acquire()`, then `release()`."""

    def __init__(self, own: Path, output: Path):
        self.own, self.output = own, output
        self.handle: BinaryIO | None = None
        self.stale: Holder | None = None  # the dead holder whose lock was taken over, if any

    def acquire(self) -> None:
        """Take the lock, or a stale one's place; refuse at once if a live build holds it."""
        path = self.own / LOCK_NAME
        handle = _open(path, self.output)
        if not _try_lock(handle):
            holder = self._holder(handle)
            handle.close()
            if holder is None or not holder.gone():
                raise _busy(holder, self.output)
            handle = self._take_over(path, holder)
        try:
            handle.truncate(0)
            handle.write(json.dumps(dataclasses.asdict(Holder.me())).encode())
            handle.flush()
        except OSError as error:
            handle.close()
            raise OutputError(f"cannot write in the output folder: {error.strerror}",
                              file=self.output) from None
        self.handle = handle
        _held.add(handle.fileno())
        for leftover in self.own.glob(f"{LOCK_NAME}.*.tmp"):  # from a take-over that was cut short
            leftover.unlink(missing_ok=True)

    def release(self) -> None:
        if self.handle is None:
            return
        _held.discard(self.handle.fileno())
        with self.handle:
            with contextlib.suppress(OSError):  # let go: no holder (a record left says its holder died)
                self.handle.truncate(0)
            fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle = None

    @staticmethod
    def _holder(handle: BinaryIO) -> Holder | None:
        """The recorded holder (a build that has just taken the lock writes it a moment later)."""
        deadline = time.monotonic() + RECORD_WAIT
        while (holder := _record(handle)) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        return holder

    def _take_over(self, path: Path, stale: Holder) -> BinaryIO:
        """Put a new lock, held by this process, in the place of one whose holder is gone."""
        with _open(self.own / GUARD_NAME, self.output) as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)  # two builds taking over at once: one after the other
            current = _open(path, self.output)
            if _try_lock(current):  # it was let go meanwhile
                self.stale = stale
                return current
            holder = self._holder(current)
            current.close()
            if holder is None or not holder.gone():
                raise _busy(holder, self.output)  # another build took it over first
            try:
                descriptor, temporary = tempfile.mkstemp(prefix=f"{LOCK_NAME}.", suffix=".tmp", dir=self.own)
                handle = os.fdopen(descriptor, "a+b")
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.replace(temporary, path)
            except OSError as error:
                raise OutputError(f"cannot write in the output folder: {error.strerror}",
                                  file=self.output) from None
            self.stale = holder
            return handle
