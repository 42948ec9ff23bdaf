"""Open the files of a sources folder: regular files inside it, of bounded size, never a trap.

A sources folder is often received from someone else. Before the build reads
any file of it (`publication.toml`, a text, a shared part, an image), this
module checks that the file is a regular file whose real path lies inside the
folder: a link to a file elsewhere, a FIFO (which would hang the build), a
device (`/dev/zero` would fill the memory), a socket or a folder is refused
with a message naming the file. The file is opened without blocking and
checked on the open descriptor, so what is read is what was checked; at most
`limit` bytes are read. Editor lock and backup files (`.#x.md`, `x~.md`,
`#x.md#`, `.x.md.swp`) are recognised so that the build can pass them over.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from pamphleteer.errors import PamphleteerError, SourceError

# Emacs locks (`.#x.md`) and autosaves (`#x.md#`), Vim swap files (`.x.md.swp`, `.swo`, …),
# backups (`x~.md`, `x.md~`, `x.md.bak`, `x.md.orig`) and other hidden files.
EDITOR_LEFTOVER = re.compile(r"^[.#]|~(\.[^.]*)?$|\.(sw[a-p]|bak|orig|tmp)$", re.IGNORECASE)
KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def is_editor_leftover(path: Path) -> bool:
    """Whether `path` is an editor's lock, swap or backup file (or hidden), not a source."""
    return bool(EDITOR_LEFTOVER.search(path.name))


def _kind(mode: int) -> str:
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


def check_inside(path: Path, root: Path, error: type[PamphleteerError] = SourceError) -> Path:
    """The real path of `path`, refused unless it lies inside `root` (after following links)."""
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        raise error(
            "the file is a link to a file outside the sources folder, which the build does not "
            "read; copy the file into the sources folder instead",
            file=path,
        )
    return real


def read_source_bytes(
    path: Path,
    root: Path | None,
    limit: int,
    error: type[PamphleteerError] = SourceError,
    too_big: str = "",
) -> bytes:
    """The bytes of `path`, a regular file inside `root` (when given) of at most `limit` bytes.

    `too_big` is what to tell the user when the file is larger (after "the file is N MB; ").
    Raises `error` (a `SourceError` by default) naming the file. Missing files raise
    `FileNotFoundError`, for the caller to explain.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    target = path
    if root is not None:  # the real path checked is the one opened, and is not a link by then
        target = check_inside(path, root, error)
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags)
    except FileNotFoundError:
        raise
    except OSError as failure:  # ELOOP: the file became a link after it was checked
        raise error(f"cannot read the file: {failure.strerror}", file=path) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise error(
            f"cannot read the file: it is {_kind(status.st_mode)}, not a regular file; the sources "
            "folder may hold only ordinary files",
            file=path,
        )
    with os.fdopen(descriptor, "rb") as handle:
        os.set_blocking(descriptor, True)
        try:
            data = handle.read(limit + 1)
        except OSError as failure:
            raise error(f"cannot read the file: {failure.strerror}", file=path) from None
    if len(data) > limit:
        size = max(len(data), status.st_size)
        raise error(
            f"the file is {size / 1024 / 1024:.1f} MB; {too_big or 'that is too large to read'}",
            file=path,
        )
    return data
