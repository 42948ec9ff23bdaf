#!/usr/bin/env python3
"""Where a cold build's time goes, process by process: its critical path on this machine's cores.

    .venv/bin/python benchmarks/steps.py                  # the seed reader, as `build.py` builds it
    .venv/bin/python benchmarks/steps.py --sources DIR    # another publication

Builds the publication once (cold, no cache, the default number of processes) and
prints each piece of work the build handed to its workers (`workers.Pool`), in the
order it began: the process that did it, when it began and ended (wall seconds
from the build's start) and its CPU seconds, the part's size and its stylesheet
layers for a layout step (`render/layout.py`); then the main process's phases the
same way, and each process's CPU in all. A step's CPU does not count the programs
it ran (pandoc). CPU seconds, not wall time, say what each step costs on a shared
machine; the wall times say what waited for what. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

STARTED = time.time()
MAIN_PHASES = [("pamphleteer.pipeline", "assemble"), ("pamphleteer.pipeline", "load_renderers"),
               ("pamphleteer.render.pdf", "part_sources"), ("pamphleteer.render.pdf", "lay_out_book"),
               ("pamphleteer.render.pdf", "join_book"), ("pamphleteer.render.epub", "render_epub"),
               ("pamphleteer.render.html", "render_html"), ("pamphleteer.pipeline", "write_all")]


def describe(fn: Any, args: tuple[Any, ...]) -> str:
    """A step's name: its function, and for a layout step its part's size and layers."""
    name = getattr(fn, "__name__", str(fn))
    for arg in args:
        if hasattr(arg, "html") and hasattr(arg, "layers"):
            return f"{name}[{len(arg.html) // 1000}k,{len(arg.layers)}]"
    return name


def logged(log: Path, name: str, call: Any) -> Any:
    """Do `call` (in a worker), noting its process, wall span and CPU seconds in `log`."""
    began, cpu = time.time(), time.process_time()
    try:
        return call()
    finally:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {name} {began - STARTED:.3f} {time.time() - STARTED:.3f} "
                      f"{time.process_time() - cpu:.3f}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=PROJECT / "sources")
    arguments = parser.parse_args()
    from pamphleteer import workers

    work = Path(tempfile.mkdtemp(prefix="pamphleteer-steps-"))
    log = work / "steps.log"
    handed = workers.Pool.submit_as

    def submit_as(self: Any, how: Any, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        return handed(self, how, logged, log, describe(fn, args), partial(fn, *args, **kwargs))

    workers.Pool.submit_as = submit_as  # type: ignore[method-assign]
    for module_name, attribute in MAIN_PHASES:
        module = importlib.import_module(module_name)
        setattr(module, attribute, _phase(log, attribute, getattr(module, attribute)))
    from pamphleteer.pipeline import build

    build(arguments.sources.resolve(), work / "output", epoch="1767225600")
    used = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    rows = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    print(f"{'process':>8} {'step':34} {'began':>7} {'ended':>7} {'CPU s':>6}")
    cpu: dict[str, float] = defaultdict(float)
    for pid, name, began, ended, seconds in sorted(rows, key=lambda row: float(row[2])):
        print(f"{pid:>8} {name:34} {float(began):7.2f} {float(ended):7.2f} {float(seconds):6.2f}")
        if not name.startswith("main:"):
            cpu[pid] += float(seconds)
    print("CPU s of the steps, by worker:", ", ".join(f"{pid} {seconds:.2f}" for pid, seconds in cpu.items()))
    own, others = (usage.ru_utime + usage.ru_stime for usage in used)
    print(f"wall {time.time() - STARTED:.2f} s; CPU s: main process {own:.2f}, "
          f"its workers and programs {others:.2f}")


def _phase(log: Path, name: str, function: Any) -> Any:
    def phase(*args: Any, **kwargs: Any) -> Any:
        return logged(log, f"main:{name}", partial(function, *args, **kwargs))

    return phase


if __name__ == "__main__":
    main()
