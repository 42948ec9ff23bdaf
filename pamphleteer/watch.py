"""Watch a publication's folders and yield each batch of changes: the library side of `build.py watch`.

The watched folders are the publication's sources and the project's
`templates/` and `styles/`. Changes are read with watchfiles, grouped while an
editor saves (a short debounce), stripped of editor droppings (swap files,
backups, lock files) and of anything inside the output folder, and yielded as
`Change` values. A `Watcher` does this in a background thread from the moment
it is entered, so edits made during a rebuild are kept and merged into the
next batch. The caller rebuilds and reports; nothing here prints.
"""

from __future__ import annotations

import enum
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from pamphleteer.locations import STYLES, TEMPLATES

IGNORED_NAMES = ("4913",)  # vim's probe file
IGNORED_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".pyc", ".crdownload", ".part")
DEBOUNCE_MS = 300


class Kind(enum.StrEnum):
    """What happened to a file."""

    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"


@dataclass(frozen=True, order=True)
class Change:
    """One changed file."""

    path: Path
    kind: Kind


def watched_folders(sources: Path) -> tuple[Path, ...]:
    """The folders whose changes call for a rebuild: the sources, the templates, the styles."""
    return (sources.resolve(), TEMPLATES, STYLES)


def is_relevant(path: Path, ignored: Sequence[Path] = ()) -> bool:
    """Whether a change to `path` could change an edition."""
    name = path.name
    if name.startswith((".", "#")) or name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES):
        return False
    if any(part in ("__pycache__", ".git") for part in path.parts):
        return False
    return not any(path == folder or folder in path.parents for folder in ignored)


def changes(
    folders: Sequence[Path],
    *,
    ignored: Sequence[Path] = (),
    stop: threading.Event | None = None,
    debounce_ms: int = DEBOUNCE_MS,
) -> Iterator[tuple[Change, ...]]:
    """Yield each batch of relevant changes under `folders` until `stop` is set or Ctrl-C.

    `ignored` folders (the output folder) never trigger a rebuild, even when
    they sit inside a watched folder.
    """
    resolved_ignored = tuple(folder.resolve() for folder in ignored)
    existing = [folder for folder in folders if folder.is_dir()]

    def relevant(_: watchfiles.Change, path: str) -> bool:
        return is_relevant(Path(path), resolved_ignored)

    known = {path for folder in existing for path in folder.rglob("*") if path.is_file()}
    for batch in watchfiles.watch(
        *existing, watch_filter=relevant, debounce=debounce_ms, stop_event=stop,
        rust_timeout=500, raise_interrupt=False,
    ):
        result = []
        for path in sorted({Path(path) for _, path in batch}):
            before, now = path in known, path.is_file()
            if now:
                known.add(path)
                result.append(Change(path, Kind.MODIFIED if before else Kind.ADDED))
            elif before:
                known.discard(path)
                result.append(Change(path, Kind.DELETED))
            # else: a file that came and went within the batch (a temporary file): not news
        if result:
            yield tuple(result)


def settled(kinds: dict[Path, set[Kind]]) -> tuple[Change, ...]:
    """One change per file, in path order, without the files that came and went."""
    found = ((path, settle(path, seen)) for path, seen in kinds.items())
    return tuple(sorted(Change(path, kind) for path, kind in found if kind is not None))


def settle(path: Path, kinds: set[Kind]) -> Kind | None:
    """What several changes to one file amount to, from their kinds and whether it exists now.

    A file that came and went (an editor's or a tool's temporary file) is None.
    """
    if not path.exists():
        return None if Kind.ADDED in kinds else Kind.DELETED
    return Kind.ADDED if Kind.ADDED in kinds and Kind.DELETED not in kinds else Kind.MODIFIED


class Watcher:
    """Watch in a background thread; `wait` returns everything that changed since the last call.

    Use it as a context manager: watching starts on entry and stops on exit.
    """

    def __init__(self, folders: Sequence[Path], *, ignored: Sequence[Path] = (),
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        self.folders = tuple(folders)
        self.ignored = tuple(ignored)
        self.debounce_ms = debounce_ms
        self.batches: queue.Queue[tuple[Change, ...]] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="watch", daemon=True)

    def _run(self) -> None:
        batches = changes(self.folders, ignored=self.ignored, stop=self.stop, debounce_ms=self.debounce_ms)
        for batch in batches:
            self.batches.put(batch)

    def __enter__(self) -> Watcher:
        self.thread.start()
        return self

    def __exit__(self, *exception: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)

    def wait(self, timeout: float | None = None) -> tuple[Change, ...]:
        """Block until something changes (or `timeout` seconds pass: then return nothing).

        Every batch waiting is merged into one change per file (see `settle`).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        first: tuple[Change, ...] | None = None
        while first is None:
            remaining = 0.5 if deadline is None else min(0.5, deadline - time.monotonic())
            if remaining <= 0:
                return ()
            try:
                first = self.batches.get(timeout=remaining)
            except queue.Empty:
                if not self.thread.is_alive():
                    return ()
        kinds: dict[Path, set[Kind]] = {}
        batch: tuple[Change, ...] | None = first
        while batch is not None:
            for change in batch:
                kinds.setdefault(change.path, set()).add(change.kind)
            try:
                batch = self.batches.get_nowait()
            except queue.Empty:
                batch = None
        merged = settled(kinds)
        return merged or self.wait(None if deadline is None else max(0.01, deadline - time.monotonic()))
