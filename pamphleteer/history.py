"""The time of the last commit that touched the sources, read from the repository's files (never by git).

Running `git log` in a sources folder obeys that folder's own `.git/config`,
and a folder received from someone else may carry one that names a program
for git to run (`gpg.program` with `log.showSignature`, `core.fsmonitor`,
`core.pager`, hooks). So git is never run: dulwich reads the commits and trees
as data, runs nothing and obeys no setting. The answer is what
`git log -1 --format=%ct -- .` gives: the newest commit, from HEAD back, in
which the folder differs from every parent (or first appears). A history
longer than `MAX_COMMITS`, a repository dulwich cannot read or one that takes
longer than `SECONDS` to read gives no answer, and the caller falls back to the
files' own times.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # dulwich itself is imported only when a build reads a history
    from dulwich.objects import ObjectID, RawObjectID
    from dulwich.repo import Repo

LOGGER = logging.getLogger(__name__)

MAX_COMMITS = 10_000  # commits read at most, so that a vast or looping history cannot stall a build
SECONDS = 10.0  # the longest the history is read for


def last_commit_time(folder: Path) -> int | None:
    """Seconds since 1970 of the last commit that changed anything under `folder`, or None.

    Read in a thread of its own, given `SECONDS` at most: a repository whose files
    never end (a named pipe for `.git/HEAD`, a device) gives no answer, not a hang.
    """
    answer: list[int | None] = [None]

    def read() -> None:
        answer[0] = _read(folder)

    reader = threading.Thread(target=read, name="commit date", daemon=True)
    reader.start()
    reader.join(SECONDS)
    if reader.is_alive():
        LOGGER.debug("no commit date for %s: reading the repository took more than %s s", folder, SECONDS)
        return None
    return answer[0]


def _read(folder: Path) -> int | None:
    try:
        from dulwich.repo import Repo
    except ImportError:  # pragma: no cover (a pinned dependency)
        return None
    try:
        with Repo.discover(str(folder)) as repo:
            root = Path(repo.path).resolve()
            inside = folder.resolve().relative_to(root).as_posix().encode()
            return _last_change(repo, b"" if inside == b"." else inside)
    except Exception as error:  # not a repository, or one dulwich cannot read: no date from it
        LOGGER.debug("no commit date for %s: %s", folder, error)
        return None


def _last_change(repo: Repo, path: bytes) -> int | None:
    """The commit time of the newest commit from HEAD in which `path` (b"": everything) changed."""
    from dulwich.object_store import tree_lookup_path
    from dulwich.objects import Commit

    store = repo.object_store

    def subtree(commit: object) -> ObjectID | RawObjectID | None:
        if not isinstance(commit, Commit):
            raise TypeError(f"{commit!r} is not a commit")  # a damaged history: no date from it
        tree: ObjectID = commit.tree
        if not path:
            return tree
        try:
            return tree_lookup_path(store.__getitem__, tree, path)[1]
        except KeyError:
            return None

    for count, entry in enumerate(repo.get_walker(include=[repo.head()])):
        if count >= MAX_COMMITS:
            return None
        commit = entry.commit
        mine = subtree(commit)
        if mine is None:
            continue
        parents = [subtree(store[parent]) for parent in commit.parents]
        if all(theirs != mine for theirs in parents):
            return int(commit.commit_time)
    return None
