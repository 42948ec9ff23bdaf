#!/usr/bin/env python3
"""Regenerate the README's sample session ("Start your own publication") from a real run.

    .venv/bin/python scripts/readme_samples.py          rewrite the sample in README.md
    .venv/bin/python scripts/readme_samples.py --check  exit 1 if the README's sample is stale

The session runs the command as `pamphleteer` in a temporary HOME: `init`, `add` of one
of the seed texts (as ~/Downloads/internationalism.md), a build with fixed dates. The
build's time and the files' sizes are shown as measured when the README is rewritten, and
ignored by --check (the pages and every other line are compared).
tests/test_install.py fails when the README's sample no longer matches a run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
README = PROJECT / "README.md"
BEGIN, END = "<!-- sample: start your own (begin) -->\n", "<!-- sample: start your own (end) -->\n"
TEXT = PROJECT / "sources" / "texts" / "camfield-internationalism-today.md"
RUN = "import sys; sys.argv[0] = 'pamphleteer'; from pamphleteer.cli import start; start()"
# Compared without the build's seconds and the files' sizes, which change with any change to the print
# edition (the pages, the repairs and every line else must match).
VARYING = re.compile(r" in \d+\.\d s$|\d+ KB$", re.M)


def session() -> str:
    """The console block: each command as typed, then what it printed."""
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        (home / "Downloads").mkdir()
        shutil.copyfile(TEXT, home / "Downloads" / "internationalism.md")
        env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(PROJECT),
               "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "100", "NO_COLOR": "1"}
        env.pop("CI", None)
        lines = ["```console"]
        steps = [("pamphleteer init reader --title \"A Reader\"",
                  ["init", "reader", "--title", "A Reader"], home),
                 ("cd reader", None, home / "reader"),
                 ("pamphleteer add ~/Downloads/internationalism.md",
                  ["add", str(home / "Downloads" / "internationalism.md")], home / "reader"),
                 ("pamphleteer", [], home / "reader")]
        for typed, arguments, cwd in steps:
            lines.append(f"$ {typed}")
            if arguments is None:
                continue
            result = subprocess.run([sys.executable, "-c", RUN, *arguments], cwd=cwd, env=env,
                                    capture_output=True, text=True, timeout=600)
            if result.returncode != 0:
                raise SystemExit(f"'{typed}' failed ({result.returncode}):\n{result.stdout}{result.stderr}")
            shown = (result.stdout + result.stderr).replace(str(home), "/home/you").splitlines()
            if arguments == []:  # the build: its summary, up to the repairs' total
                end = next(number for number, line in enumerate(shown) if line.startswith("repairs made:"))
                shown = shown[: end + 1] + ["  …"]
            lines += shown
        lines += ["$ pamphleteer check", "```"]
        return "\n".join(lines) + "\n"


def current() -> tuple[str, str, str]:
    """The README before, in and after the sample's markers."""
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start], text[start:end], text[end:]


def stale() -> list[str]:
    """The lines where the README's sample and a fresh run differ (the build's seconds aside)."""
    _, shown, _ = current()
    fresh = session()
    if VARYING.sub("…", shown) == VARYING.sub("…", fresh):
        return []
    import difflib

    return list(difflib.unified_diff(shown.splitlines(), fresh.splitlines(), "README.md", "a run",
                                     lineterm=""))


def main() -> int:
    if sys.argv[1:] == ["--check"]:
        differences = stale()
        print("\n".join(differences) if differences else "The README's sample session matches a run.")
        return 1 if differences else 0
    before, _, after = current()
    README.write_text(before + session() + after, encoding="utf-8")
    print(f"Rewrote the sample session in {README.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
