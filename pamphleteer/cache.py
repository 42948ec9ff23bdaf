"""A content-addressed cache of stage results, kept in the build's own folder in the output folder.

Every stage result worth keeping (a text's pandoc AST, a part's laid-out PDF)
is stored under the SHA-256 of everything it was made from, so a result is
reused only when its inputs are byte-identical and never goes stale. The
fingerprint of a whole build (every input file, the code, the options) lets a
rebuild with nothing changed finish without reading a source.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pamphleteer.errors import Severity
from pamphleteer.workspace import FOLDER, is_ours

CACHE_FOLDER = f"{FOLDER}/cache"  # in the output folder
STATE_FILE = f"{FOLDER}/state.json"  # in the output folder
MAX_ENTRIES = 2000  # oldest entries beyond this are removed after a build
KINDS = re.compile(r"[a-z][a-z-]*")  # what a kind of entry is called: "ast", "layout-meta"
ENTRY = re.compile(r"[0-9a-f]{64}|\..*\.tmp")  # a key (a SHA-256), or a write that was cut short
UNREADABLE = "unreadable"  # where entries that could not be read are set aside, to be counted
UNREADABLE_ENTRY = re.compile(r"[a-z][a-z-]*\.[0-9a-f]{64}")
SEVERITIES = frozenset(severity.value for severity in Severity)
HEADER = b"pamphleteer cache entry, sha256 "  # then the data's SHA-256 in hex, a newline, and the data


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two sequences collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


class Cache:
    """Stage results by key, as files in `<output>/.pamphleteer/cache/`.

    Each entry is stored with a header holding the SHA-256 of its data, so an
    entry cut short, overwritten or damaged is known as such when it is read:
    it is a miss (the result is made again) and is set aside in `unreadable/`,
    where the build, which may have read it in a worker process, counts it for
    its note (`take_unreadable`).
    """

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, kind: str, key: str) -> bytes | None:
        path = self.folder / kind / key
        try:
            stored = path.read_bytes()
        except OSError:  # none, or not a file: a miss
            return None
        data = _unwrapped(stored)
        if data is None:
            self._set_aside(kind, key, path)
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        folder = self.folder / kind
        try:
            for stray in (self.folder, folder):  # a file where the cache's folders go: in its own folder only
                if (stray.is_symlink() or stray.is_file()) and is_ours(self.folder.parent):
                    stray.unlink()  # (a link: only the link, never what it leads to)
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(_wrapped(data))
            os.replace(temporary, folder / key)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def take_unreadable(self) -> tuple[str, ...]:
        """The kinds of the entries found unreadable since the last call (one per entry); forgets them."""
        found = _entries(self.folder / UNREADABLE, UNREADABLE_ENTRY, stat.S_ISREG)
        for path, _ in found:
            path.unlink(missing_ok=True)
        return tuple(sorted(path.name.split(".", 1)[0] for path, _ in found))

    def _set_aside(self, kind: str, key: str, path: Path) -> None:
        if not (KINDS.fullmatch(kind) and ENTRY.fullmatch(key) and is_ours(self.folder.parent)):
            return
        try:
            (self.folder / UNREADABLE).mkdir(exist_ok=True)
            os.replace(path, self.folder / UNREADABLE / f"{kind}.{key}")
        except OSError:
            pass  # another process set it aside first, or it cannot be: it is a miss all the same

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Keep the most recently written entries of each kind.

        Only in a cache inside a folder marked as Pamphleteer's (see `workspace.py`),
        and only files named as the cache names its entries: nothing else is deleted.
        """
        if not is_ours(self.folder.parent) or self.folder.is_symlink():  # never through a link, to elsewhere
            return
        for kind, _ in _entries(self.folder, KINDS, stat.S_ISDIR):
            entries = sorted(_entries(kind, ENTRY, stat.S_ISREG), key=lambda item: item[1], reverse=True)
            for stale, _ in entries[keep:]:
                stale.unlink(missing_ok=True)


def _wrapped(data: bytes) -> bytes:
    return HEADER + hashlib.sha256(data).hexdigest().encode() + b"\n" + data


def _unwrapped(stored: bytes) -> bytes | None:
    """The data of a stored entry, or None if it is not whole (cut short, overwritten, damaged)."""
    if not stored.startswith(HEADER):
        return None
    digest_end = len(HEADER) + 64
    data = stored[digest_end + 1:]
    if stored[digest_end:digest_end + 1] != b"\n":
        return None
    return data if hashlib.sha256(data).hexdigest().encode() == stored[len(HEADER):digest_end] else None


def _entries(folder: Path, names: re.Pattern[str], kind: Callable[[int], bool]) -> list[tuple[Path, float]]:
    """The entries of `folder` whose name matches `names` and whose type `kind` accepts (links never),
    with their modification times."""
    found = []
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    for child in children:
        try:
            status = os.lstat(child)
        except OSError:
            continue
        if names.fullmatch(child.name) and kind(status.st_mode):
            found.append((child, status.st_mtime))
    return found


def fingerprint(files: Iterable[Path], root: Path, options: Mapping[str, str]) -> str:
    """One hash of every input file (by path relative to `root`, and bytes) and the build options."""
    hasher = hashlib.sha256()
    for key in sorted(options):
        hasher.update(f"{key}={options[key]}\n".encode())
    for path in sorted(files):
        relative = path.relative_to(root) if path.is_relative_to(root) else path
        hasher.update(f"{relative}\n".encode())
        hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def outputs_digest(folder: Path, names: Iterable[str]) -> str | None:
    """A hash of the named output files as they are now, or None if one is missing."""
    hasher = hashlib.sha256()
    for name in sorted(names):
        try:
            hasher.update(name.encode() + hashlib.sha256((folder / name).read_bytes()).digest())
        except OSError:
            return None
    return hasher.hexdigest()


def read_state(folder: Path) -> tuple[dict[str, Any] | None, bool]:
    """The state the last successful build left in the output folder, and whether one was there but
    could not be used (damaged, or not what a build writes): then everything is built again.
    (Each field is of the type a build writes: `_is_state` has checked it.)"""
    path = folder / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, False
    except (OSError, ValueError):
        return None, True
    return (state, False) if _is_state(state) else (None, True)


def _is_state(state: object) -> bool:
    """Whether `state` has every field a build writes, of the type it writes."""
    if not isinstance(state, dict):
        return False
    texts = ("inputs", "outputs_digest", "title")
    numbers = ("text_count", "page_count")
    outputs, diagnostics = state.get("outputs"), state.get("diagnostics")
    return (
        all(isinstance(state.get(name), str) for name in texts)
        and all(type(state.get(name)) is int for name in numbers)
        and isinstance(outputs, list)
        and all(isinstance(name, str) and name and not Path(name).is_absolute()
                and ".." not in Path(name).parts for name in outputs)
        and isinstance(diagnostics, list)
        and all(isinstance(item, dict) and item.get("severity") in SEVERITIES
                and isinstance(item.get("code"), str) and isinstance(item.get("message"), str)
                and isinstance(item.get("file"), str | None) and isinstance(item.get("line"), int | None)
                for item in diagnostics)
    )


def state_bytes(inputs: str, folder_files: Mapping[str, bytes], summary: Mapping[str, object]) -> bytes:
    """The state file for a build that wrote `folder_files`."""
    hasher = hashlib.sha256()
    for name in sorted(folder_files):
        hasher.update(name.encode() + hashlib.sha256(folder_files[name]).digest())
    state = {
        "inputs": inputs, "outputs": sorted(folder_files), "outputs_digest": hasher.hexdigest(), **summary,
    }
    return (json.dumps(state, indent=1, sort_keys=True) + "\n").encode("utf-8")
