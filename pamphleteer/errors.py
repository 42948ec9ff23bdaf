"""Problems as data: diagnostics, and the exceptions that stop a build.

A `Diagnostic` is something the build noticed (a repair it made, a doubt it
has, a problem it cannot get past). Stages return diagnostics; they never
print them. A `PamphleteerError` stops the build; it carries the diagnostic
that explains why and the exit code `build.py` should return.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from pathlib import Path


class Severity(str, enum.Enum):
    """How much a diagnostic matters."""

    INFO = "info"  # a repair that was made, or metadata that was inferred
    WARNING = "warning"  # something a person should look at; fatal with --strict
    ERROR = "error"  # the build cannot go on


@functools.lru_cache(maxsize=1024)
def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root` if it is inside it (a build reports thousands of diagnostics about a
    few files: each resolved once)."""
    try:
        # The folder resolved, not the file: a link is named as itself, not as what it points to.
        return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Diagnostic:
    """One message about one place in the sources or outputs.

    `code` is stable (tests and the build report rely on it); `before` and
    `after` show a repair where there was one.
    """

    code: str
    severity: Severity
    message: str
    file: Path | None = None
    line: int | None = None
    before: str | None = None
    after: str | None = None

    def location(self, root: Path | None = None) -> str:
        """`file:line` as a user would type it, relative to `root` when possible."""
        if self.file is None:
            return ""
        path = _relative(self.file, root) if root is not None else str(self.file)
        return f"{path}:{self.line}" if self.line else path

    def as_dict(self, root: Path | None = None) -> dict[str, object]:
        """A JSON-ready form for the build report."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.location(root).rsplit(":", 1)[0] if self.line else self.location(root),
            "line": self.line,
            "message": self.message,
            "before": self.before,
            "after": self.after,
        }


    @classmethod
    def from_dict(cls, data: dict[str, object], root: Path | None = None) -> Diagnostic:
        """The inverse of `as_dict` (for diagnostics kept from an earlier build)."""
        file = data.get("file")
        line = data.get("line")
        return cls(
            code=str(data.get("code", "")),
            severity=Severity(str(data.get("severity", "info"))),
            message=str(data.get("message", "")),
            file=((root / str(file)) if root else Path(str(file))) if file else None,
            line=int(line) if isinstance(line, int) else None,
            before=data.get("before") if isinstance(data.get("before"), str) else None,  # type: ignore[arg-type]
            after=data.get("after") if isinstance(data.get("after"), str) else None,  # type: ignore[arg-type]
        )


class PamphleteerError(Exception):
    """A problem that stops the build. Subclasses set the exit code."""

    exit_code = 1
    code = "E000"

    def __init__(self, message: str, *, file: Path | None = None, line: int | None = None):
        super().__init__(message)
        self.diagnostic = Diagnostic(self.code, Severity.ERROR, message, file, line)

    def __str__(self) -> str:
        where = self.diagnostic.location()
        return f"{where}: {self.diagnostic.message}" if where else self.diagnostic.message


class ConfigurationError(PamphleteerError):
    """The publication settings, the command line or the environment are wrong."""

    exit_code = 2
    code = "E100"


class SourceError(PamphleteerError):
    """A source file cannot be read or understood."""

    exit_code = 3
    code = "E200"


class TooLarge(SourceError):
    """A file or a download over its size limit; `size` in bytes (None when only known to be over)."""

    def __init__(self, message: str, *, limit: int, size: int | None = None, file: Path | None = None,
                 line: int | None = None):
        super().__init__(message, file=file, line=line)
        self.limit = limit
        self.size = size


class RenderError(PamphleteerError):
    """An edition could not be produced from good sources (a bug or a tool failure)."""

    exit_code = 4
    code = "E300"


class OutputError(PamphleteerError):
    """The output folder cannot be written."""

    exit_code = 5
    code = "E400"


class CheckFailed(PamphleteerError):
    """A validator rejected an edition, or could not run."""

    exit_code = 6
    code = "E500"


class StrictFailure(PamphleteerError):
    """Warnings were raised and --strict asked for them to fail the build."""

    exit_code = 7
    code = "E600"

    def __init__(self, message: str, *, file: Path | None = None, line: int | None = None,
                 warnings: tuple[Diagnostic, ...] = ()):
        super().__init__(message, file=file, line=line)
        self.warnings = warnings  # every warning, for the command line to show
