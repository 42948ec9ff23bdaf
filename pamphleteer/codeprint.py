"""The code a build's results depend on, as one hash: Pamphleteer's own modules, templates,
styles and fonts, and the pinned versions.

Every cached result is keyed by it (a text's repaired AST, a part's layout), so a
result made by other code, after an upgrade or an edit of the checkout, is never
reused. It is worked out once per process: a running build (or `watch`) goes on
with the code it loaded.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pamphleteer import __version__
from pamphleteer.cache import fingerprint
from pamphleteer.locations import CHECKOUT, LOCK, PACKAGE, STYLES, TEMPLATES


def code_files() -> list[Path]:
    """The files that decide how sources become editions: code, templates, styles, pinned versions
    (the lock only in a checkout; an installed copy is told apart by its version)."""
    folders = dict.fromkeys([PACKAGE, TEMPLATES, STYLES])  # installed, the last two are in the first
    files = sorted({path for folder in folders for path in folder.rglob("*") if path.is_file()
                    and "__pycache__" not in path.parts})
    return files + ([LOCK] if LOCK.is_file() else [])


@functools.cache
def code_fingerprint() -> str:
    """A hash of the code, templates, styles and pinned versions."""
    return fingerprint(code_files(), CHECKOUT, {"version": __version__})
