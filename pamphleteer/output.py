"""Write the editions into the output folder, all or nothing.

Every file is first written under a temporary name in the build's own folder
(`<output>/.pamphleteer/tmp/`, see `workspace.py`) and moved into place only when
every edition of the build is complete, so a failed or interrupted build leaves
the previous editions as they were. A lock file stops two builds from writing
the same folder at once. Nothing in the output folder but the editions' own
names is ever replaced, and nothing outside the build's own folder is deleted.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, OutputError, Severity
from pamphleteer.lock import Lock
from pamphleteer.workspace import claim, own_folder

STAGING = "tmp"  # the editions' temporary files, in the build's own folder


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
        raise OutputError("the output path exists and is not a folder; choose another --output", file=folder) from None
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
        staging = staging_folder(folder)
        for leftover in staging.glob("*.tmp") if staging.is_dir() else ():  # from a build that was killed
            leftover.unlink(missing_ok=True)
        yield tuple(notes)
    finally:
        lock.release()


def write_all(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file atomically: all are staged first, then moved into place."""
    staged: list[tuple[str, Path]] = []
    staging = claim(folder) / STAGING
    try:
        staging.mkdir(exist_ok=True)
        for name, data in files.items():
            descriptor, temporary = tempfile.mkstemp(prefix=f"{Path(name).name}.", suffix=".tmp", dir=staging)
            staged.append((name, Path(temporary)))
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o644)
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
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        for name, temporary in staged:
            target = folder / name
            os.replace(temporary, target)
            written.append(target)
    except OSError as error:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot put '{name}' in place: {error.strerror}", file=folder) from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return written
