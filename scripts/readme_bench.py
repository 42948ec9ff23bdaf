#!/usr/bin/env python3
"""Write the README's benchmark table from a run of benchmarks/bench.py, so its figures come from one.

    .venv/bin/python scripts/readme_bench.py --run      run bench.py (about ten minutes), keep what it
                                                        prints in benchmarks/last-run.txt, write the table
    .venv/bin/python scripts/readme_bench.py --write    write the table from benchmarks/last-run.txt
    .venv/bin/python scripts/readme_bench.py --check    exit 1 if the README's table is not that one

The table stands in README.md between `<!-- bench table (begin) -->` and
`<!-- bench table (end) -->`; each figure is read from bench.py's printed lines
(`figures`), and each target of issue 10 is judged from them (met or not met).
tests/test_readme_bench.py fails when the README's table is not the one the
last run gives, or when bench.py no longer prints a line this script reads.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
README = PROJECT / "README.md"
LAST_RUN = PROJECT / "benchmarks" / "last-run.txt"
BEGIN, END = "<!-- bench table (begin) -->", "<!-- bench table (end) -->"
NUMBER = r"([0-9]+(?:\.[0-9]+)?)"
# The lines of bench.py's output that give a figure: name -> the pattern of its line.
LINES = {
    "ours": rf"pamphleteer \(every edition, build report\)\s+median\s+{NUMBER} s",
    "peer": rf"peer pipeline \(pandoc\+WeasyPrint, PDF\+EPUB\+HTML\)\s+median\s+{NUMBER} s",
    "ratio": rf"ratio ours/peer\s+{NUMBER}",
    "noop": rf"rebuild, nothing changed\s+median\s+{NUMBER} s",
    "edit": rf"rebuild after editing one text\s+median\s+{NUMBER} s",
}
SIZE_ROW = re.compile(r"^\s+(\d+)\s+(\d+)\s+" + r"\s+".join([NUMBER] * 6) + r"\s*$", re.M)
NOOP_TARGET, RATIO_TARGET, ADD_TARGET, MEMORY_TARGET_MB, FLAT = 0.3, 1.0, 0.15, 1536, 0.15


class BenchFormatError(ValueError):
    """bench.py's output lacks a line this script reads."""


def figures(output: str) -> dict[str, object]:
    """The figures of one bench.py run, from what it printed."""
    found: dict[str, object] = {}
    for name, pattern in LINES.items():
        match = re.search(pattern, output)
        if match is None:
            raise BenchFormatError(f"bench.py's output has no line for {name!r} (/{pattern}/)")
        found[name] = float(match.group(1))
    rows = [(int(size), int(pages), *(float(value) for value in values))
            for size, pages, *values in SIZE_ROW.findall(output)]
    if not rows:
        raise BenchFormatError("bench.py's output has no synthetic reader rows (a full run, not --quick)")
    found["sizes"] = rows  # (texts, pages, cold s, s/page, peak MB, all MB, add one s, add/cold)
    return found


def _met(met: bool) -> str:
    return "met" if met else "not met"


def table(found: dict[str, object]) -> str:
    """The README's table of `found` (see `figures`)."""
    ratio, noop = float(found["ratio"]), float(found["noop"])  # type: ignore[arg-type]
    rows = list(found["sizes"])  # type: ignore[call-overload]
    lines = [
        "| figure | measured | target (issue 10) |",
        "| --- | --- | --- |",
        f"| seed reader, cold build (every edition) | {found['ours']:.2f} s | |",
        f"| peer pipeline on the same texts | {found['peer']:.2f} s | |",
        f"| ratio pamphleteer / peer | {ratio:.2f} | ≤ {RATIO_TARGET:.1f} — {_met(ratio <= RATIO_TARGET)} |",
        f"| rebuild, nothing changed | {noop:.2f} s | ≤ {NOOP_TARGET} s — {_met(noop <= NOOP_TARGET)} |",
        f"| rebuild after editing one text | {found['edit']:.2f} s | |",
    ]
    smallest = min(row[3] for row in rows)
    for index, (texts, pages, cold, per_page, peak, together, _add, _share) in enumerate(rows):
        target = ""
        if index == len(rows) - 1:
            target = f"under 1.5 GB: {_met(together < MEMORY_TARGET_MB)}"
        elif index == len(rows) - 2:
            target = f"flat per page: {_met(per_page <= smallest * (1 + FLAT))}"
        cell = f" {target} " if target else " "
        lines.append(f"| {texts} texts: {pages:,} pages, cold | {cold:.1f} s ({per_page:.3f} s/page; peak "
                     f"{peak:,.0f} MB, all processes {together:,.0f} MB) |{cell}|")
    texts, _, _, _, _, _, add, share = rows[-1]
    lines.append(f"| adding one text to the {texts}-text reader | {add:.1f} s ({share:.2f} of cold) | "
                 f"≤ {ADD_TARGET} — {_met(share <= ADD_TARGET)} |")
    return "\n".join(lines) + "\n"


def with_table(readme: str, written: str) -> str:
    """`readme` with the text between the markers replaced by `written`."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise BenchFormatError(f"README.md has no {BEGIN} … {END} around the benchmark table")
    return readme[: start + len(BEGIN)] + "\n" + written + readme[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--run", action="store_true", help="run bench.py, keep its output, write the table")
    mode.add_argument("--write", action="store_true", help="write the table from benchmarks/last-run.txt")
    mode.add_argument("--check", action="store_true", help="exit 1 if the README's table is stale")
    arguments = parser.parse_args()
    if arguments.run:
        run = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "bench.py")], check=True,
                             capture_output=True, text=True)
        LAST_RUN.write_text(run.stdout, encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    wanted = with_table(readme, table(figures(LAST_RUN.read_text(encoding="utf-8"))))
    if arguments.check:
        if wanted != readme:
            print("README.md's benchmark table is not the one benchmarks/last-run.txt gives: "
                  "run scripts/readme_bench.py --write")
            return 1
        return 0
    if wanted != readme:
        README.write_text(wanted, encoding="utf-8")
        print("README.md: benchmark table written from benchmarks/last-run.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
