"""Check an EPUB's accessibility with DAISY Ace (`ace-puppeteer`, driving the system Chromium).

Ace is installed from npm into `.tools/` without its own browser; it is run as
`ace-puppeteer` with `PUPPETEER_EXECUTABLE_PATH` pointing at the system
Chromium (plain `ace` needs Electron). Its JSON report is read: every
violation, whatever its impact (critical, serious, moderate, minor), makes
Ace's verdict "fail", so every one is an error here, counted by impact.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from pamphleteer.check.result import CheckResult, could_not_run
from pamphleteer.check.tools import INSTALLED, ToolFailed, ToolMissing, Tools, chromium, npm_tool, run
from pamphleteer.errors import Diagnostic, Severity

NAME = "DAISY Ace"
IMPACTS = ("critical", "serious", "moderate", "minor")


def _violations(report: dict[str, Any], epub: Path) -> list[Diagnostic]:
    found = []
    for document in report.get("assertions", []):
        where = str(document.get("earl:testSubject", {}).get("url", "")).lstrip("/")
        for assertion in document.get("assertions", []):
            outcome = assertion.get("earl:result", {})
            if outcome.get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            impact = str(test.get("earl:impact", "unknown"))
            pointer = outcome.get("earl:pointer", {}) or {}
            css = ", ".join(pointer.get("css", []) or [])
            description = str(
                outcome.get("dct:description", "") or test.get("help", {}).get("dct:description", "")
            )
            message = f"[{impact}] {description.strip()}" + (f" (at {css})" if css else "")
            found.append(
                Diagnostic(
                    f"ace/{test.get('dct:title', '?')}",
                    Severity.ERROR,
                    message,
                    Path(f"{epub.name}/{where}") if where else epub,
                )
            )
    return found


def ace(path: Path, tools: Tools = INSTALLED) -> CheckResult:
    """Run DAISY Ace on one EPUB."""
    try:
        program = npm_tool(".bin/ace-puppeteer", "DAISY Ace", tools, "ace-puppeteer")
        browser = chromium(tools.chromium)
        with tempfile.TemporaryDirectory(prefix="pamphleteer-ace-") as folder:
            reports, work = Path(folder) / "report", Path(folder) / "work"
            work.mkdir()
            process = run(
                [program, "--force", "--silent", "--outdir", reports, "--tempdir", work, path.resolve()],
                timeout=600,
                env={
                    "PUPPETEER_EXECUTABLE_PATH": str(browser),
                    "PUPPETEER_SKIP_DOWNLOAD": "1",
                    "ELECTRON_SKIP_BINARY_DOWNLOAD": "1",
                },
            )
            report_file = reports / "report.json"
            if not report_file.is_file():
                raise ToolFailed(f"Ace wrote no report: {(process.stderr or process.stdout).strip()[-500:]}")
            report = json.loads(report_file.read_text(encoding="utf-8"))
    except (ToolMissing, ToolFailed) as error:
        return could_not_run(NAME, path, str(error), missing=isinstance(error, ToolMissing))
    found = _violations(report, path)
    counts = tuple((impact, sum(d.message.startswith(f"[{impact}]") for d in found)) for impact in IMPACTS)
    verdict = report.get("earl:result", {}).get("earl:outcome")
    if verdict == "fail" and not found:  # never pass what Ace failed
        found.append(Diagnostic("ace/fail", Severity.ERROR, "Ace's verdict is 'fail'; see its report", path))
    release = report.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", "")
    return CheckResult(
        NAME, path, len(found), 0, tuple(found), counts=counts, tool=f"DAISY Ace {release}".strip()
    )
