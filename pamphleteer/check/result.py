"""The outcome of one check on one edition, as data: counts and the validator's own messages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pamphleteer.errors import Diagnostic, Severity


@dataclass(frozen=True)
class CheckResult:
    """One validator's verdict on one file.

    `errors` and `warnings` count the validator's findings (a finding may have
    several locations, hence several diagnostics); `counts` breaks them down the
    way the validator does (by impact, by message type) for the summary table.
    Any error or warning fails the check: the gate reports what the tool says.
    """

    name: str
    target: Path
    errors: int
    warnings: int
    diagnostics: tuple[Diagnostic, ...]
    counts: tuple[tuple[str, int], ...] = ()
    tool: str = ""  # the validator and its version, as it reported them: "EPUBCheck 5.3.0"
    missing: bool = False  # the validator is not installed (did not run): the command line decides

    @property
    def passed(self) -> bool:
        return self.errors == 0 and self.warnings == 0

    @property
    def summary(self) -> str:
        """ "2 errors, 0 warnings (serious 1, minor 1)" for the summary table."""
        text = f"{self.errors} errors, {self.warnings} warnings"
        detail = ", ".join(f"{key} {value}" for key, value in self.counts if value)
        return f"{text} ({detail})" if detail else text

    def as_dict(self, root: Path | None = None) -> dict[str, object]:
        """A JSON-ready form for the check report."""
        return {
            "check": self.name,
            "tool": self.tool,
            "target": str(self.target),
            "passed": self.passed,
            "not_installed": self.missing,
            "errors": self.errors,
            "warnings": self.warnings,
            "counts": dict(self.counts),
            "diagnostics": [d.as_dict(root) for d in self.diagnostics],
        }


def result_from(
    name: str,
    target: Path,
    diagnostics: Iterable[Diagnostic],
    counts: tuple[tuple[str, int], ...] = (),
    tool: str = "",
) -> CheckResult:
    """A result whose counts are its diagnostics' severities (one finding, one diagnostic)."""
    found = tuple(diagnostics)
    return CheckResult(
        name=name,
        target=target,
        errors=sum(d.severity is Severity.ERROR for d in found),
        warnings=sum(d.severity is Severity.WARNING for d in found),
        diagnostics=found,
        counts=counts,
        tool=tool,
    )


def could_not_run(name: str, target: Path, message: str, missing: bool = False) -> CheckResult:
    """A check whose tool is missing (`missing`) or failed: an error that says what to do."""
    problem = Diagnostic(f"{name.lower()}/not-run", Severity.ERROR, message, target)
    found = result_from(name, target, [problem])
    return replace(found, missing=missing)
