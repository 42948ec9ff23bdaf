"""Find and run the validators' programs: Java, Chromium, and the npm tools in `.tools/`.

`scripts/install-tools.sh` (run by `make tools`, `make test` and `make check`)
installs the npm packages pinned in `package-lock.json` into the project's
git-ignored `.tools/` folder. Nothing here installs or downloads anything: a
missing tool is a `ToolMissing` error whose message says how to install it.

Where the tools are is a `Tools` value the command line makes from
PAMPHLETEER_TOOLS and PAMPHLETEER_CHROMIUM; nothing here reads the environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
TOOLS = PROJECT / ".tools"  # where `make tools` installs them
INSTALL_HINT = "run 'make tools' in Pamphleteer's checkout (it installs every validator)"

# Chromium for the browser-based checks: headless, no sandbox (CI runs as root), quiet, offline.
CHROMIUM_ARGUMENTS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)


@dataclass(frozen=True)
class Tools:
    """Where the validators' programs are: the npm tools' folder, and the Chromium to use, if chosen."""

    folder: Path = TOOLS  # PAMPHLETEER_TOOLS
    chromium: str = ""  # PAMPHLETEER_CHROMIUM: a program name or path; else the system's Chromium


INSTALLED = Tools()  # where `make tools` installs them, and the system's Chromium


class ToolMissing(Exception):
    """A validator's program is not installed; the message says what to install."""


class ToolFailed(Exception):
    """A validator ran but gave no usable answer."""


def java() -> Path:
    found = shutil.which("java")
    if found is None:
        raise ToolMissing(
            "Java is not installed; install a Java runtime (apt-get install default-jre-headless) "
            "or " + INSTALL_HINT
        )
    return Path(found)


def chromium(given: str = "") -> Path:
    """The system Chromium (never a browser downloaded by a tool), or `given` (PAMPHLETEER_CHROMIUM)."""
    candidates = [given] if given else ["chromium", "chromium-browser"]
    for candidate in candidates:
        found = shutil.which(candidate) if candidate else None
        if found:
            return Path(found)
    raise ToolMissing("Chromium is not installed; install it (apt-get install chromium) or " + INSTALL_HINT)


def npm_tool(relative: str, name: str, folder: Path = TOOLS) -> Path:
    path = folder / "node_modules" / relative
    if not path.is_file():
        raise ToolMissing(f"{name} is not installed in {folder}; {INSTALL_HINT}")
    return path


def qpdf() -> Path:
    found = shutil.which("qpdf")
    if found is None:
        raise ToolMissing("qpdf is not installed; install it (apt-get install qpdf) or " + INSTALL_HINT)
    return Path(found)


def pdftotext() -> Path:
    found = shutil.which("pdftotext")
    if found is None:
        raise ToolMissing(
            "pdftotext is not installed; install poppler-utils (apt-get install poppler-utils) "
            "or " + INSTALL_HINT
        )
    return Path(found)


def run(
    command: Sequence[str | Path],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a validator; a time-out or a failure to start is a `ToolFailed`."""
    try:
        return subprocess.run(
            [str(part) for part in command],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired:
        raise ToolFailed(f"{Path(str(command[0])).name} did not finish in {timeout:.0f} s") from None
    except OSError as error:
        raise ToolFailed(f"{Path(str(command[0])).name} could not start: {error.strerror}") from None
