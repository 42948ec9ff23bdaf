#!/usr/bin/env python3
"""Benchmark the build: print medians and ratios, measured side by side in one run.

    .venv/bin/python benchmarks/bench.py            # everything (several minutes)
    .venv/bin/python benchmarks/bench.py --quick    # seed reader only

Figures: cold build of the seed reader against the peer pipeline a user would
otherwise run on the same texts (pandoc -> HTML -> WeasyPrint with a plain A5
stylesheet, pandoc -> EPUB, pandoc -> HTML), alternating runs; a rebuild with
nothing changed; a rebuild after editing one text; synthetic readers of 10, 50
and 100 texts (made from the seeds) for time, time per page and peak memory
(of the largest process, and of the build's processes together: it runs on every
core); and adding one text at the end of each (a median: between runs the text
is taken out and the reader built again). This is a script, not a test: the
machine is shared and noisy, so it reports medians, never pass/fail, and for the
seed's cold build the CPU seconds of each side's processes too (user and system,
every process: the build's workers, pandoc), which depend much less on the load.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = PROJECT / "sources"
PYTHON = sys.executable
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"}


WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print('maxrss', used.ru_maxrss, file=sys.stderr)\n"
    "print('cpu', used.ru_utime + used.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)
# The CPU seconds (user and system) of each command measured, its processes' and theirs, in all: on a
# shared machine the wall time depends on the others' load, these much less (`cpu_of`).
CPU: list[float] = []


def timed(command: list[str], cwd: Path = PROJECT) -> tuple[float, int]:
    """Wall time of a command, and the peak memory (KiB) of its largest process."""
    elapsed, peak, _ = measured(command, cwd)
    return elapsed, peak


def _tree_memory(root: int) -> int:
    """The memory (KiB) of process `root` and all its descendants together, from /proc: the
    proportional set size, in which a page shared by forked processes counts once in all."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            rollup = (entry / "smaps_rollup").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip())
        pss = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        rss[int(entry.name)] = int(pss.group(1)) if pss else 0
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def measured(command: list[str], cwd: Path = PROJECT, sample: bool = False) -> tuple[float, int, int]:
    """Wall time, the peak memory (KiB) of the largest process, and, if `sample`, the peak of all its
    processes together (sampled from /proc every 0.1 s, which costs some CPU: the seed timings go
    without). A failed command ends the benchmark with its error output."""
    with tempfile.TemporaryFile(mode="w+") as errors:  # a file, not a pipe: it never fills and blocks
        started = time.perf_counter()
        process = subprocess.Popen([PYTHON, "-c", WRAPPER, *command], cwd=cwd, env=ENV,
                                   stdout=subprocess.DEVNULL, stderr=errors, text=True)
        together = 0
        while sample and process.poll() is None:
            together = max(together, _tree_memory(process.pid))
            time.sleep(0.1)
        process.wait()
        elapsed = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read()
    if process.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{stderr[-2000:]}")
    CPU.append(float(re.findall(r"cpu (\S+)", stderr)[-1]))
    return elapsed, int(re.findall(r"maxrss (\d+)", stderr)[-1]), together


def build_command(sources: Path, output: Path) -> list[str]:
    return [PYTHON, str(PROJECT / "build.py"), "--sources", str(sources), "--output", str(output)]


def peer_commands(sources: Path, output: Path) -> list[list[str]]:
    """The pipeline a user would otherwise run: pandoc and WeasyPrint on the same texts."""
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    texts = sorted(str(p) for p in (sources / "texts").glob("*.md"))
    html, epub, pdf = output / "peer.html", output / "peer.epub", output / "peer.pdf"
    return [
        [pandoc, "-f", "markdown", "-s", "--metadata", "title=Reader", "-o", str(html), *texts],
        [PYTHON, "-m", "weasyprint", "-s", str(PROJECT / "benchmarks" / "peer.css"), str(html), str(pdf)],
        [pandoc, "-f", "markdown", "--metadata", "title=Reader", "-o", str(epub), *texts],
        [pandoc, "-f", "markdown", "-s", "--embed-resources", "--metadata", "title=Reader",
         "-o", str(output / "peer-web.html"), *texts],
    ]


def run_peer(sources: Path, output: Path) -> float:
    started = time.perf_counter()
    for command in peer_commands(sources, output):
        timed(command)
    return time.perf_counter() - started


def cpu_of(action, *args):
    """`action(*args)`, and the CPU seconds of the commands it measured."""
    before = len(CPU)
    result = action(*args)
    return result, sum(CPU[before:])


def clean(output: Path) -> None:
    shutil.rmtree(output, ignore_errors=True)


def page_count(output: Path) -> int:
    pdfs = [p for p in output.glob("*.pdf") if not p.name.endswith("-booklet.pdf")]
    result = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True, check=False)
    match = re.search(r"Pages:\s+(\d+)", result.stdout)
    return int(match.group(1)) if match else 0


def add_one(added: Path, text: str, folder: Path, output: Path) -> float:
    """Add `text` as `added` and build (timed); then take it out again, and build (untimed)."""
    added.write_text(text.replace("title: ", "title: Added ", 1), encoding="utf-8")
    seconds = timed(build_command(folder, output))[0]
    added.unlink()
    timed(build_command(folder, output))
    return seconds


def synthetic_reader(count: int, folder: Path) -> Path:
    """A reader of `count` texts made from the seed texts (titles numbered so each is distinct)."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "texts").mkdir(parents=True)
    if (SOURCES / "front").is_dir():
        shutil.copytree(SOURCES / "front", folder / "front")
    seeds = sorted((SOURCES / "texts").glob("*.md"))
    toml = (SOURCES / "publication.toml").read_text(encoding="utf-8")
    toml = re.sub(r"(?ms)^order = \[.*?\]\n", "order = []\n", toml)
    (folder / "publication.toml").write_text(toml, encoding="utf-8")
    for index in range(count):
        seed = seeds[index % len(seeds)].read_text(encoding="utf-8")
        seed = re.sub(r"(?m)^title: (.*)$", rf"title: \g<1> ({index + 1})", seed, count=1)
        (folder / "texts" / f"text-{index + 1:03d}.md").write_text(seed, encoding="utf-8")
    return folder


def median_of(runs: int, action) -> float:
    return statistics.median(action() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure for the seed reader")
    parser.add_argument("--quick", action="store_true", help="the seed reader only")
    parser.add_argument("--sizes", default="10,50,100", help="synthetic reader sizes")
    parser.add_argument("--add-runs", type=int, default=3, help="runs of adding one text, per size")
    arguments = parser.parse_args()
    # As `make` does before a build (and pip does for the peer's WeasyPrint): compile the package once.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(PROJECT / "pamphleteer")], check=True,
                   capture_output=True)
    work = Path(tempfile.mkdtemp(prefix="pamphleteer-bench-"))
    ours_out, peer_out = work / "ours", work / "peer"
    peer_out.mkdir()

    ours, peer, ours_cpu, peer_cpu = [], [], [], []
    for _ in range(arguments.runs):  # alternate, so both meet the same machine load
        clean(ours_out)
        (seconds, _peak), cpu = cpu_of(timed, build_command(SOURCES, ours_out))
        ours.append(seconds)
        ours_cpu.append(cpu)
        seconds, cpu = cpu_of(run_peer, SOURCES, peer_out)
        peer.append(seconds)
        peer_cpu.append(cpu)
    print("seed reader, cold build")
    print(f"  pamphleteer (every edition, build report)             median {statistics.median(ours):6.2f} s")
    print(f"  peer pipeline (pandoc+WeasyPrint, PDF+EPUB+HTML)       median {statistics.median(peer):6.2f} s")
    ratio = statistics.median(ours) / statistics.median(peer)
    print(f"  ratio ours/peer                                        {ratio:6.2f}")
    cpu_ratio = statistics.median(ours_cpu) / statistics.median(peer_cpu)
    print(f"  CPU s, all processes: pamphleteer {statistics.median(ours_cpu):6.2f}, "
          f"peer {statistics.median(peer_cpu):6.2f}, ours/peer {cpu_ratio:6.2f}")

    noop = median_of(arguments.runs, lambda: timed(build_command(SOURCES, ours_out))[0])
    print(f"  rebuild, nothing changed                               median {noop:6.2f} s")

    edited = work / "edited"
    shutil.copytree(SOURCES, edited)
    edited_out = work / "edited-out"
    timed(build_command(edited, edited_out))
    target = sorted((edited / "texts").glob("*.md"))[-1]

    def edit_and_build() -> float:
        with target.open("a", encoding="utf-8") as handle:
            handle.write("\n\nOne more sentence for the benchmark.\n")
        return timed(build_command(edited, edited_out))[0]

    after_edit = median_of(arguments.runs, edit_and_build)
    print(f"  rebuild after editing one text                         median {after_edit:6.2f} s")
    if arguments.quick:
        return

    print("synthetic readers (cold build: 1 run; adding one text at the end: median of "
          f"{arguments.add_runs})")
    print(f"  {'texts':>5} {'pages':>6} {'cold s':>8} {'s/page':>8} {'peak MB':>8} {'all MB':>8} "
          f"{'add one s':>10} {'add/cold':>9}")
    for size in (int(s) for s in arguments.sizes.split(",")):
        folder = synthetic_reader(size, work / f"reader-{size}")
        output = work / f"reader-{size}-out"
        cold, peak, together = measured(build_command(folder, output), sample=True)
        pages = page_count(output)
        extra = (folder / "texts" / f"text-{size:03d}.md").read_text(encoding="utf-8")
        added = folder / "texts" / "zz-added-text.md"
        add = median_of(arguments.add_runs, functools.partial(add_one, added, extra, folder, output))
        print(f"  {size:>5} {pages:>6} {cold:8.1f} {cold / max(pages, 1):8.3f} {peak / 1024:8.0f} "
              f"{together / 1024:8.0f} {add:10.1f} {add / cold:9.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
