#!/usr/bin/env python3
"""Where the print passes' CPU goes: per part of the print edition, each layout and trial layout.

    .venv/bin/python benchmarks/trials.py                 # the seed reader, A5
    .venv/bin/python benchmarks/trials.py --texts 50      # a synthetic reader of 50 texts (bench.py's)
    .venv/bin/python benchmarks/trials.py --size A6 --top 5

Builds the print edition cold (no cache), in this one process (PAMPHLETEER_JOBS=1), and
counts, per part: the whole layouts (the first, the loose-line pass's, the page mending's,
the notes'), the trial documents (`spacing.alone`: how many, how many paragraphs they show,
their pages) and the CPU seconds each took. CPU seconds, not wall time: the machine is
shared. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

STAGES = {  # the function on the stack that a layout is made for -> its stage
    "trial_settings": "mend trial",
    "tried": "loose trial",
    "spaced_layout": "loose again",
    "mend_pages": "mend layout",
    "keep_notes_with_their_calls": "notes layout",
    "lay_out": "first layout",
}


class Record:
    """What one part's layout did: per stage, layouts, pages, paragraphs shown and CPU seconds."""

    def __init__(self, name: str, size: int):
        self.name, self.size = name, size
        self.count: dict[str, int] = defaultdict(int)
        self.pages: dict[str, int] = defaultdict(int)
        self.shown: dict[str, int] = defaultdict(int)
        self.cpu: dict[str, float] = defaultdict(float)
        self.total = 0.0
        self.page_count = 0


RECORDS: list[Record] = []
CURRENT: list[Record] = []
SHOWN: list[int] = [0]  # the paragraphs the last trial document shows


def _stage() -> str:
    frame = sys._getframe(2)
    while frame is not None:
        stage = STAGES.get(frame.f_code.co_name)
        if stage:
            return stage
        frame = frame.f_back  # type: ignore[assignment]
    return "other"


def instrument() -> None:
    import weasyprint

    from pamphleteer.render import layout, spacing

    render = weasyprint.HTML.render

    def counted_render(self: Any, *args: Any, **kwargs: Any) -> Any:
        stage = _stage()
        started = time.process_time()
        document = render(self, *args, **kwargs)
        if CURRENT:
            record = CURRENT[-1]
            record.count[stage] += 1
            record.pages[stage] += len(document.pages)
            record.cpu[stage] += time.process_time() - started
            if "trial" in stage:
                record.shown[stage] += getattr(self, "_shown", 0)
        return document

    weasyprint.HTML.render = counted_render  # type: ignore[method-assign]

    alone = spacing.alone

    def counted_alone(html: Any, blocks: set[str]) -> Any:
        trial = alone(html, blocks)
        trial._shown = len(blocks)
        return trial

    spacing.alone = counted_alone
    import pamphleteer.render.pages as pages

    pages.alone = counted_alone

    lay_out: Callable[..., Any] = layout.Typesetter.lay_out

    def recorded(self: Any, html_string: str, *args: Any, **kwargs: Any) -> Any:
        name = html_string.split(' id="', 2)[1].split('"', 1)[0] if ' id="' in html_string else "?"
        record = Record(name, len(html_string))
        CURRENT.append(record)
        started = time.process_time()
        try:
            laid = lay_out(self, html_string, *args, **kwargs)
        finally:
            CURRENT.pop()
        record.total = time.process_time() - started
        record.page_count = laid.page_count
        RECORDS.append(record)
        return laid

    layout.Typesetter.lay_out = recorded  # type: ignore[method-assign]


COLUMNS = ("first layout", "loose trial", "loose again", "mend trial", "mend layout", "notes layout")


def report(top: int) -> None:
    print(f"{'part':34} {'KB':>5} {'pp':>4} {'CPU s':>6}  " + "  ".join(f"{c:>22}" for c in COLUMNS))
    print(f"{'':34} {'':>5} {'':>4} {'':>6}  " + "  ".join(f"{'n/pages/shown/CPU':>22}" for _ in COLUMNS))
    totals = Record("all parts", 0)
    for record in sorted(RECORDS, key=lambda r: -r.total):
        totals.size += record.size
        totals.total += record.total
        totals.page_count += record.page_count
        for stage in COLUMNS:
            totals.count[stage] += record.count[stage]
            totals.pages[stage] += record.pages[stage]
            totals.shown[stage] += record.shown[stage]
            totals.cpu[stage] += record.cpu[stage]
    for record in [totals, *sorted(RECORDS, key=lambda r: -r.total)[:top]]:
        cells = []
        for stage in COLUMNS:
            shown = f"/{record.shown[stage]}" if "trial" in stage else ""
            cells.append(f"{record.count[stage]}/{record.pages[stage]}{shown}/{record.cpu[stage]:.2f}")
        print(f"{record.name[:34]:34} {record.size // 1024:5} {record.page_count:4} {record.total:6.2f}  "
              + "  ".join(f"{cell:>22}" for cell in cells))


def lay_out_only(folder: Path, kinds: list[str]) -> None:
    """Lay out only the parts of `kinds` of the publication in `folder` (no cache)."""
    from pamphleteer.pipeline import assemble
    from pamphleteer.render.layout import lay_out_part
    from pamphleteer.render.pdf import part_sources
    from pamphleteer.sources import read_sources

    sources = read_sources(folder.resolve())
    publication, _diagnostics = assemble(sources)
    parts = part_sources(publication)
    chosen = {"back": parts.back, "texts": parts.texts, "front": (parts.front,) if parts.front else ()}
    size = publication.settings.print.page_size
    for kind in kinds:
        for part in chosen[kind]:
            lay_out_part(size, folder.resolve(), part.html, part.css, part.ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=0,
                        help="a synthetic reader of this many texts (0: the seed)")
    parser.add_argument("--size", default="", help="the page size (default: the publication's)")
    parser.add_argument("--top", type=int, default=12, help="parts listed (the costliest)")
    parser.add_argument("--keep", type=Path, help="build into this folder (and keep it)")
    parser.add_argument("--only", default="",
                        help="lay out only these parts (back, texts, front; a list)")
    arguments = parser.parse_args()
    os.environ["PAMPHLETEER_JOBS"] = "1"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    work = Path(tempfile.mkdtemp(prefix="pamphleteer-trials-"))
    sources = PROJECT / "sources"
    if arguments.texts or arguments.size:
        from bench import synthetic_reader

        if arguments.texts:
            sources = synthetic_reader(arguments.texts, work / "reader")
        else:
            shutil.copytree(sources, work / "reader")
            sources = work / "reader"
        if arguments.size:
            toml = sources / "publication.toml"
            text = toml.read_text(encoding="utf-8")
            text = text.replace('page_size = "A5"', f'page_size = "{arguments.size}"')
            toml.write_text(text, encoding="utf-8")
    output = arguments.keep or work / "output"
    shutil.rmtree(output, ignore_errors=True)
    instrument()
    if arguments.only:
        started = time.process_time()
        lay_out_only(sources, arguments.only.split(","))
        report(arguments.top)
        print(f"CPU (this process) {time.process_time() - started:.1f} s")
        shutil.rmtree(work, ignore_errors=True)
        return
    from pamphleteer.cli import main as build

    started = time.process_time()
    code = build(["build", "--sources", str(sources), "--output", str(output), "--format", "pdf", "--quiet"])
    cpu = time.process_time() - started
    report(arguments.top)
    print(f"build CPU (this process) {cpu:.1f} s, exit {code}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
