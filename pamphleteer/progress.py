"""Tell an observer how far a build has got, without printing anything.

The pipeline calls a `Progress` object as each stage starts, as each item of a
stage (a text, an edition) is done, and as the stage ends. The default
`Progress` does nothing; `build.py` passes one that draws the terminal display.
Items may be reported from worker threads, so an observer must be thread-safe.
"""

from __future__ import annotations


class Progress:
    """Receives a build's progress. This base class ignores it."""

    def stage(self, name: str, total: int = 0) -> None:
        """Stage `name` begins; it will report `total` items (0: it reports none)."""

    def advance(self, name: str, item: str) -> None:
        """One item of stage `name` is done (for example the text whose slug is `item`)."""

    def done(self, name: str) -> None:
        """Stage `name` is finished."""


SILENT = Progress()
