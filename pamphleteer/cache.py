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

from pamphleteer.workspace import FOLDER, is_ours

CACHE_FOLDER = f"{FOLDER}/cache"  # in the output folder
STATE_FILE = f"{FOLDER}/state.json"  # in the output folder
MAX_ENTRIES = 2000  # oldest entries beyond this are removed after a build
KINDS = re.compile(r"[a-z][a-z-]*")  # what a kind of entry is called: "ast", "layout-meta"
ENTRY = re.compile(r"[0-9a-f]{64}|\..*\.tmp")  # a key (a SHA-256), or a write that was cut short


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two sequences collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


class Cache:
    """Stage results by key, as files in `<output>/.pamphleteer/cache/`. Unreadable entries are misses."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, kind: str, key: str) -> bytes | None:
        try:
            return (self.folder / kind / key).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        folder = self.folder / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, folder / key)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Keep the most recently written entries of each kind.

        Only in a cache inside a folder marked as Pamphleteer's (see `workspace.py`),
        and only files named as the cache names its entries: nothing else is deleted.
        """
        if not is_ours(self.folder.parent):
            return
        for kind, _ in _entries(self.folder, KINDS, stat.S_ISDIR):
            entries = sorted(_entries(kind, ENTRY, stat.S_ISREG), key=lambda item: item[1], reverse=True)
            for stale, _ in entries[keep:]:
                stale.unlink(missing_ok=True)


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


def read_state(folder: Path) -> dict[str, object] | None:
    """The state the last successful build left in the output folder."""
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def state_bytes(inputs: str, folder_files: Mapping[str, bytes], summary: Mapping[str, object]) -> bytes:
    """The state file for a build that wrote `folder_files`."""
    hasher = hashlib.sha256()
    for name in sorted(folder_files):
        hasher.update(name.encode() + hashlib.sha256(folder_files[name]).digest())
    state = {"inputs": inputs, "outputs": sorted(folder_files), "outputs_digest": hasher.hexdigest(), **summary}
    return (json.dumps(state, indent=1, sort_keys=True) + "\n").encode("utf-8")
