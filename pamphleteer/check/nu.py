"""Check an HTML page with the Nu Html Checker (`vnu.jar` from the npm `vnu-jar` package, on Java).

`java -jar vnu.jar --format json` is run on the file as a person would run it:
its errors (and fatal errors) are errors, its warnings (info messages of
subtype "warning") are warnings; plain info notes are not findings.
"""

from __future__ import annotations

import json
from pathlib import Path

from pamphleteer.check.result import CheckResult, could_not_run
from pamphleteer.check.tools import INSTALLED, ToolFailed, ToolMissing, Tools, java_command, npm_tool, run
from pamphleteer.errors import Diagnostic, Severity

NAME = "Nu Html Checker"


def nu_html_checker(path: Path, tools: Tools = INSTALLED) -> CheckResult:
    """Run the Nu Html Checker on one HTML file."""
    try:
        jar = npm_tool("vnu-jar/build/dist/vnu.jar", "The Nu Html Checker (vnu-jar)", tools, "vnu",
                       beside="build/dist/vnu.jar")
        options = ["--format", "json", "--stdout", "--exit-zero-always"]
        command: list[str | Path] = [*java_command(), "-jar", jar, *options, path]
        process = run(command, timeout=600)
        data = json.loads(process.stdout)
    except (ToolMissing, ToolFailed) as error:
        return could_not_run(NAME, path, str(error), missing=isinstance(error, ToolMissing))
    except json.JSONDecodeError:
        return could_not_run(
            NAME, path, f"the Nu Html Checker gave no report: {process.stderr.strip()[:500]}"
        )
    found = []
    for message in data.get("messages", []):
        kind, subtype = message.get("type"), message.get("subType")
        if kind == "error" or kind == "non-document-error":
            level = Severity.ERROR
        elif kind == "info" and subtype == "warning":
            level = Severity.WARNING
        else:
            continue
        extract = str(message.get("extract", "")).replace("\n", " ").strip()
        text = str(message.get("message", "")) + (f" (in: {extract[:80]})" if extract else "")
        found.append(Diagnostic(f"vnu/{subtype or kind}", level, text, path, message.get("lastLine")))
    errors = sum(d.severity is Severity.ERROR for d in found)
    tool = f"Nu Html Checker {data.get('version', '')}".strip()
    return CheckResult(NAME, path, errors, len(found) - errors, tuple(found), tool=tool)
