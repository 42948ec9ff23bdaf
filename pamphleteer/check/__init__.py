"""Validate the built editions with the tools the publishing world trusts: output folder -> check results.

One module per validator, each returning `CheckResult`s with the validator's
own messages as diagnostics (nothing here prints):

- EPUB: EPUBCheck (`epub`), DAISY Ace (`ace`);
- HTML: the Nu Html Checker (`nu`), axe-core in Chromium at two widths (`axe`);
- PDF: PDF/UA structure, fonts, `qpdf --check`, the booklet's page count (`pdf`);
- every edition: fidelity to the sources, words and URLs (`fidelity`).

`check_output` runs every check that applies to every edition in the folder,
two at a time (the validators are separate processes), in a fixed order,
holding the folder's lock so that no build replaces an edition meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pamphleteer.check.ace import ace
from pamphleteer.check.axe import axe
from pamphleteer.check.epub import epubcheck
from pamphleteer.check.faces import squeeze
from pamphleteer.check.fidelity import fidelity_of
from pamphleteer.check.nu import nu_html_checker
from pamphleteer.check.pdf import booklet, fonts, qpdf_check, structure
from pamphleteer.check.result import CheckResult, could_not_run
from pamphleteer.check.tools import INSTALLED, Tools
from pamphleteer.errors import CheckFailed
from pamphleteer.look import chosen_face
from pamphleteer.output import locked, write_all

__all__ = ["CheckResult", "CheckRun", "check_output", "epubcheck", "report_json", "write_report"]

REPORT_NAME = "check-report.json"
BOOKLET_SUFFIX = "-booklet.pdf"


@dataclass(frozen=True)
class CheckRun:
    """Every check of one output folder, in the order they are shown."""

    folder: Path
    results: tuple[CheckResult, ...]

    @property
    def passed(self) -> bool:
        return all(result.passed for result in self.results)


Job = Callable[[], list[CheckResult]]


def _one(check: Callable[[Path], CheckResult], path: Path) -> list[CheckResult]:
    return [check(path)]


def _pamphlet_checks(path: Path, own: frozenset[str] = frozenset()) -> list[CheckResult]:
    return [structure(path), fonts(path, own), qpdf_check(path)]


def _booklet_checks(path: Path, own: frozenset[str] = frozenset()) -> list[CheckResult]:
    pamphlet = path.with_name(path.name[: -len(BOOKLET_SUFFIX)] + ".pdf")
    imposed = booklet(pamphlet, path) if pamphlet.is_file() else could_not_run(
        "booklet imposition", path, f"there is no pamphlet {pamphlet.name} to compare the booklet with"
    )
    return [fonts(path, own), qpdf_check(path), imposed]


def own_families(sources: Path) -> frozenset[str]:
    """The squeezed names of the text face publication.toml chooses: in a PDF, no fallback face."""
    face = chosen_face(sources)[0]
    return frozenset({squeeze(face.family), squeeze(face.name)}) if face is not None else frozenset()


def _jobs(folder: Path, sources: Path, tools: Tools) -> list[Job]:
    jobs: list[Job] = []
    for path in sorted(folder.glob("*.epub")):
        jobs += [partial(_one, epubcheck, path), partial(_one, partial(ace, tools=tools), path)]
    for path in sorted(folder.glob("*.html")):
        jobs += [partial(_one, partial(nu_html_checker, tools=tools), path),
                 partial(_one, partial(axe, tools=tools), path)]
    own = own_families(sources)
    for path in sorted(folder.glob("*.pdf")):
        booklet_pdf = path.name.endswith(BOOKLET_SUFFIX)
        jobs.append(partial(_booklet_checks if booklet_pdf else _pamphlet_checks, path, own))
    jobs.append(partial(fidelity_of, folder, sources))
    return jobs


def check_output(folder: Path, sources: Path, tools: Tools = INSTALLED) -> CheckRun:
    """Run every validator over every edition in `folder`; `sources` says what the texts are, `tools`
    where the validators' programs are."""
    if not folder.is_dir():
        raise CheckFailed("the output folder does not exist; build first with 'python build.py'", file=folder)
    if not any(folder.glob(pattern) for pattern in ("*.epub", "*.html", "*.pdf")):
        raise CheckFailed("no editions to check here; build first with 'python build.py'", file=folder)
    with locked(folder), ThreadPoolExecutor(max_workers=2) as pool:  # no build may change them meanwhile
        batches = list(pool.map(lambda job: job(), _jobs(folder, sources, tools)))
    return CheckRun(folder, tuple(result for batch in batches for result in batch))


def report_json(run: CheckRun, root: Path | None = None) -> bytes:
    """The check report: every result with its counts and every validator message."""
    data = {
        "folder": str(run.folder),
        "passed": run.passed,
        "checks": [result.as_dict(root) for result in run.results],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_report(run: CheckRun, root: Path | None = None, name: str = REPORT_NAME) -> Path:
    """Write the check report into the checked folder (atomically, under the folder's lock)."""
    with locked(run.folder):
        (path,) = write_all(run.folder, {name: report_json(run, root)})
    return path
