"""Print the catalogue of every diagnostic code (N, W, I, E) as a Markdown table, or write it into the README.

Usage: `python scripts/catalogue.py` prints it; `python scripts/catalogue.py --readme`
replaces the list between the README's `codes (begin)` and `codes (end)` markers
(tests/test_catalogue.py fails while the README's list differs from the catalogue).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pamphleteer.catalogue import catalogue, markdown  # noqa: E402 - after the project is on the path

README = ROOT / "README.md"
BEGIN, END = "<!-- codes (begin) -->\n", "<!-- codes (end) -->\n"


def with_catalogue(readme: str, table: str) -> str:
    """The README's text with `table` between its markers."""
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + table + readme[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    table = markdown(catalogue())
    if not parser.parse_args().readme:
        print(table, end="")
        return 0
    README.write_text(with_catalogue(README.read_text(encoding="utf-8"), table), encoding="utf-8")
    print(f"{README.name}: {len(catalogue())} codes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
