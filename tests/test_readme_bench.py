"""The README's benchmark table is the one the last run of benchmarks/bench.py gives (readme_bench.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("readme_bench", PROJECT / "scripts" / "readme_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BENCH = _script()


def test_the_readme_table_is_written_from_the_last_run():
    readme = BENCH.README.read_text(encoding="utf-8")
    written = BENCH.table(BENCH.figures(BENCH.LAST_RUN.read_text(encoding="utf-8")))
    assert BENCH.with_table(readme, written) == readme, "run scripts/readme_bench.py --write"
    # every figure of the table is a figure bench.py printed
    printed = set(re.findall(r"\d[\d,]*\.\d+|\d[\d,]{2,}", BENCH.LAST_RUN.read_text(encoding="utf-8")))
    inside = readme[readme.index(BENCH.BEGIN):readme.index(BENCH.END)]
    measured = " ".join(row.split("|")[2] for row in inside.splitlines()[3:])  # the measured column
    for number in re.findall(r"\d[\d,]*(?:\.\d+)?", measured):
        assert number.replace(",", "") in {p.replace(",", "") for p in printed}, number


def test_bench_py_still_prints_every_line_the_table_reads():
    source = (PROJECT / "benchmarks" / "bench.py").read_text(encoding="utf-8")
    for label in ("pamphleteer (every edition, build report)",
                  "peer pipeline (pandoc+WeasyPrint, PDF+EPUB+HTML)", "ratio ours/peer",
                  "rebuild, nothing changed", "rebuild after editing one text"):
        assert label in source, label


def test_a_different_run_gives_a_different_table_and_judges_the_targets():
    run = BENCH.LAST_RUN.read_text(encoding="utf-8")
    slower = run.replace(re.search(r"rebuild, nothing changed\s+median\s+(\S+)", run).group(1), "  0.45", 1)
    table = BENCH.table(BENCH.figures(slower))
    assert "| rebuild, nothing changed | 0.45 s | ≤ 0.3 s — not met |" in table
    assert table != BENCH.table(BENCH.figures(run))


def test_a_quick_run_cannot_write_the_table():
    quick = BENCH.LAST_RUN.read_text(encoding="utf-8").split("synthetic readers")[0]
    with pytest.raises(BENCH.BenchFormatError, match="synthetic reader rows"):
        BENCH.figures(quick)
