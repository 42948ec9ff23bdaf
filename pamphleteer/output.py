"""Write the editions into the output folder, all or nothing.

Every file is first written under a temporary name in the build's own folder
(`<output>/.pamphleteer/tmp/`, see `workspace.py`) and moved into place only when
every edition of the build is complete, so a failed or interrupted build leaves
the previous editions as they were. A lock file stops two builds from writing
the same folder at once. Nothing in the output folder but the editions' own
names is ever replaced, and nothing outside the build's own folder is deleted.

Every edition changes together. The moves are made with Ctrl-C and TERM held
back, and a journal of them is written before the first: a build killed
outright between two moves (`kill -9`, a power cut) leaves the journal, and
the next build, or `check`, makes the moves it left before anything else, so
the folder holds the new set of editions whole (rolled forward, never back:
the new files are complete before the first move). Until then the folder
may hold some editions of each build, and only then.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import FrameType

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, OutputError, Severity
from pamphleteer.lock import Lock
from pamphleteer.workspace import claim, own_folder

STAGING = "tmp"  # the editions' temporary files, in the build's own folder
STOPS = {signal.SIGINT, signal.SIGTERM}  # held back while the editions are moved into place
JOURNAL = "moving.json"  # the moves of a build putting its editions in place, in the build's own folder


def staging_folder(folder: Path) -> Path:
    """Where a build writes the editions before moving them into `folder`."""
    return own_folder(folder) / STAGING


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[tuple[Diagnostic, ...]]:
    """Hold the output folder's lock, or fail at once if another build holds it.

    Gives the notes of what had to be put right first (a lock left by a build
    that was killed, which is taken over at once).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            "the output path exists and is not a folder; choose another --output", file=folder,
        ) from None
    except OSError as error:
        raise OutputError(f"cannot create the output folder: {error.strerror}", file=folder) from None
    if not folder.is_dir():
        raise OutputError("the output path is not a folder; choose another --output", file=folder)
    lock = Lock(claim(folder), folder)
    lock.acquire()
    try:
        notes = []
        if lock.stale is not None:
            notes.append(Diagnostic(
                codes.STALE_LOCK, Severity.INFO,
                f"the build that last wrote here ({lock.stale.describe()}) ended without letting go of the "
                "output folder's lock (it was killed); the lock was taken over", folder,
            ))
        notes.extend(finish_moves(folder))  # a build killed while it moved its editions: finish
        staging = staging_folder(folder)
        real = staging.is_dir() and not staging.is_symlink()  # never through a link, to elsewhere
        for leftover in staging.glob("*.tmp") if real else ():  # from a build that was killed
            leftover.unlink(missing_ok=True)
        yield tuple(notes)
    finally:
        lock.release()


def write_all(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file atomically: all are staged first, then moved into place together.

    Before the first move, the list of moves is written to a journal in the
    build's own folder, and it is removed after the last: if the build dies in
    between (a `kill -9`, a power cut), the next build or `check` finds the
    journal and makes the rest of the moves before anything else
    (`finish_moves`), so the folder again holds every edition of one build.
    """
    staged: list[tuple[str, Path]] = []
    staging = claim(folder) / STAGING
    if staging.is_symlink() or staging.is_file():
        staging.unlink()  # a stray file or link in the build's own folder, where its temporary files go
    for name in files:
        if (folder / name).is_dir() and not (folder / name).is_symlink():
            raise OutputError(f"'{name}' in the output folder is a folder, where the build puts an edition; "
                              "move it away or choose another --output", file=folder)
    try:
        staging.mkdir(exist_ok=True)
        for name, data in files.items():
            prefix = f"{Path(name).name}."
            descriptor, temporary_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=staging)
            staged.append((name, Path(temporary_name)))
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary_name, 0o644)
        _write_journal(folder, [(temporary.name, name) for name, temporary in staged])
    except OSError as error:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write the editions: {error.strerror}", file=folder) from None
    except BaseException:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        raise
    written = []
    # Ctrl-C or a TERM now would leave some editions new and some old: hold them until all are moved.
    with StopsHeld() as stops:
        try:
            for name, temporary in staged:
                target = folder / name
                os.replace(temporary, target)
                written.append(target)
            _sync_folder(folder)
            (own_folder(folder) / JOURNAL).unlink()
        except OSError as error:  # the journal stays: the next build or check makes the moves left
            raise OutputError(f"cannot put '{name}' in place: {error.strerror}; the next build puts the "
                              "rest of this build's editions in place", file=folder) from None
    with after_writing():
        stops.act()  # a Ctrl-C held back is raised here
    return written


Handler = Callable[[int, FrameType | None], object] | int | None


class StopsHeld:
    """Hold Ctrl-C and TERM (`STOPS`) back from the start of a `with` block until `act` is called.

    Python runs a signal's handler in the main thread, whichever thread the signal came to (a worker
    pool's manager thread, a thread reading a pipe, ...), so blocking the signals in the main thread
    alone would not hold them back: the handlers themselves are swapped for ones that only note the
    signal, and `act`, called once the block is done, puts them back and gives each signal noted to
    its handler (which may raise: call it where that is wanted). A block ended by an error puts them
    back at once and lets the error go on: the signals noted are then acted on only where their
    handler is the system's own (the process ends as the signal meant), for the error already ends
    the command and says what was done. Outside the main thread, where no handler can be set (nor
    run), nothing is swapped, and nothing need be.
    """

    def __init__(self) -> None:
        self.handlers: dict[int, Handler] = {}
        self.noted: list[tuple[int, FrameType | None]] = []

    def __enter__(self) -> StopsHeld:
        if threading.current_thread() is threading.main_thread():
            for number in sorted(STOPS):
                if signal.getsignal(number) is not None:  # None: set outside Python, and not to be put back
                    self.handlers[number] = signal.signal(number, self._note)
        return self

    def _note(self, number: int, frame: FrameType | None) -> None:
        self.noted.append((number, frame))

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            handlers = self._put_back()
            self.noted = [(number, frame) for number, frame in self.noted
                          if handlers[number] == signal.SIG_DFL]
            self._give(handlers)

    def _put_back(self) -> dict[int, Handler]:
        handlers, self.handlers = self.handlers, {}
        for number, handler in handlers.items():
            signal.signal(number, handler)
        return handlers

    def act(self) -> None:
        """Put the handlers back, then give each signal noted to its handler (which may raise, or exit)."""
        self._give(self._put_back())  # put back first, so that no signal is noted once the list is read

    def _give(self, handlers: dict[int, Handler]) -> None:
        noted, self.noted = self.noted, []
        for number, frame in noted:
            handler = handlers[number]
            if callable(handler):
                handler(number, frame)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(number)


class StoppedAfterWriting(BaseException):
    """Ctrl-C or TERM came when every edition was already in place: the build's work was done.

    `stop` is what stopped it (a `KeyboardInterrupt`, or what the TERM signal raised).
    """

    def __init__(self, stop: BaseException):
        super().__init__(stop)
        self.stop = stop


@contextlib.contextmanager
def after_writing() -> Iterator[None]:
    """Report an interruption in the block as coming after the editions were written (see above)."""
    try:
        yield
    except Exception:
        raise
    except StoppedAfterWriting:
        raise
    except BaseException as stop:  # Ctrl-C, TERM
        if isinstance(stop, SystemExit | GeneratorExit):
            raise
        raise StoppedAfterWriting(stop) from None


def finish_moves(folder: Path) -> tuple[Diagnostic, ...]:
    """Make the moves a build that died while putting its editions in place did not (see `write_all`).

    Called with the lock held, before anything else reads or writes the folder.
    Gives a note if there was anything to finish.
    """
    journal = own_folder(folder) / JOURNAL
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
    except FileNotFoundError:
        return ()
    except (OSError, ValueError, TypeError, KeyError):
        moves = []  # a journal cut short was never used: its build had not begun to move
    staging = staging_folder(folder)
    with StopsHeld() as stops:  # these moves, too, are made all together
        finished = _finish(folder, staging, moves)
        journal.unlink(missing_ok=True)
    stops.act()
    if not finished:
        return ()
    return (Diagnostic(
        codes.MOVES_FINISHED, Severity.INFO,
        f"the last build was stopped while it put its editions in place; the {len(finished)} it had not yet "
        f"moved were put in place now, so every edition here is from that build ({', '.join(finished)})",
        folder,
    ),)


def _finish(folder: Path, staging: Path, moves: object) -> list[str]:
    """Make the `moves` of a journal whose staged file is still there; the names of the files moved."""
    finished = []
    for move in moves if isinstance(moves, list) else []:
        if not (isinstance(move, list) and len(move) == 2 and all(isinstance(part, str) for part in move)):
            continue
        temporary, name = staging / Path(move[0]).name, Path(move[1])
        if name.is_absolute() or ".." in name.parts or not temporary.is_file():
            continue  # not a move a build would have written, or one already made
        try:
            os.replace(temporary, folder / name)
        except OSError as error:
            raise OutputError(f"cannot put '{name}' in place, which the last build was stopped before it "
                              f"could: {error.strerror}", file=folder) from None
        finished.append(str(name))
    _sync_folder(folder)
    return finished


def recover(folder: Path) -> tuple[Diagnostic, ...]:
    """Finish what a build that died left half done in `folder`, if anything (for `check`).

    Nothing is created: a folder the build never wrote is left as it is.
    """
    if not (own_folder(folder) / JOURNAL).is_file():
        return ()
    with locked(folder) as notes:  # finishes the moves
        return notes


def _write_journal(folder: Path, moves: list[tuple[str, str]]) -> None:
    """Write the list of moves (staged name, name in the folder) durably, whole or not at all."""
    own = own_folder(folder)
    descriptor, temporary = tempfile.mkstemp(prefix=f"{JOURNAL}.", suffix=".tmp", dir=staging_folder(folder))
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"moves": [list(move) for move in moves]}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, own / JOURNAL)
    _sync_folder(own)


def _sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (a power cut after this keeps them)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
