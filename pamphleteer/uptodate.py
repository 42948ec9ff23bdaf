"""Whether a build has anything to do: the editions in the output folder are kept when nothing a
build reads changed since the build that made them (and they are as it left them).

This is all a build with nothing changed does, so it imports little (the hashes, the
state file, the folder's lock: no pandoc, normaliser, WeasyPrint or reader of fonts and
images): the command line looks here first (`kept_editions`) and loads the pipeline
only when there is something to build (`pipeline.build` asks `up_to_date` too).
"""

from __future__ import annotations

import dataclasses
import datetime
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pamphleteer import codes
from pamphleteer.cache import STATE_FILE, fingerprint, outputs_digest, read_state
from pamphleteer.codeprint import code_fingerprint
from pamphleteer.errors import ConfigurationError, Diagnostic, Severity
from pamphleteer.history import last_commit_time
from pamphleteer.output import locked


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the files it wrote and what it noticed."""

    title: str
    text_count: int
    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    page_count: int  # of the reader's print edition
    up_to_date: bool = False  # nothing had changed: the editions in the folder were kept
    # What each repair code the diagnostics hold does, for the summary (kept in the state, so that
    # a build with nothing changed need not load the normaliser to say it).
    rule_names: dict[str, str] = dataclasses.field(default_factory=dict)


def own_output(sources_dir: Path, output_dir: Path) -> bool:
    """Whether `output_dir` is the publication's own `output/` folder (in it, and never read)."""
    return output_dir.resolve() == sources_dir.resolve() / "output"


def read_files(sources_dir: Path) -> list[Path]:
    """Every file under `sources_dir` but those in its own `output/` folder and hidden ones (`.git/`)."""
    root = sources_dir.resolve()
    return [path for path in sources_dir.rglob("*") if path.is_file()
            and not path.relative_to(sources_dir).parts[0].startswith(".")
            and root / "output" not in path.resolve().parents]


def input_fingerprint(
    sources_dir: Path, code: str, formats: tuple[str, ...], strict: bool, edition: datetime.datetime
) -> str:
    """A hash of everything a build reads: if it is unchanged, so are the editions."""
    sources = [  # a link to a file outside the sources is never read (read_sources refuses it)
        path for path in read_files(sources_dir) if path.resolve().is_relative_to(sources_dir.resolve())
    ]
    options = {
        "formats": ",".join(formats), "strict": str(strict), "code": code,
        "edition": edition.isoformat(),
    }
    return fingerprint(sources, sources_dir, options)


def edition_time(sources: Path, epoch: str | None = None) -> datetime.datetime:
    """The edition's date: `epoch` (SOURCE_DATE_EPOCH, as the command line was given it), else the
    sources' last commit, else their newest file."""
    if epoch is not None:
        try:
            seconds = int(epoch)
            if seconds < 0:
                raise ValueError
            return datetime.datetime.fromtimestamp(seconds, datetime.UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise ConfigurationError(
                f"SOURCE_DATE_EPOCH is '{epoch}'; it must be a whole number of seconds since 1970 "
                "(for example: SOURCE_DATE_EPOCH=$(date +%s))"
            ) from None
    committed = last_commit_time(sources)  # read from the repository's files: git is never run
    if committed is not None:
        try:
            return datetime.datetime.fromtimestamp(committed, datetime.UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            pass  # a commit dated past what a date can hold
    newest = max((path.stat().st_mtime for path in read_files(sources)), default=0)
    return datetime.datetime.fromtimestamp(int(newest), datetime.UTC).replace(tzinfo=None)


def _rule_names_of(state: dict[str, Any]) -> dict[str, str]:
    """The rule names a state file kept ({} from an older build's, or one that is not that)."""
    names = state.get("rule_names")
    if not isinstance(names, dict):
        return {}
    return {str(code): str(name) for code, name in names.items() if isinstance(name, str)}


def up_to_date(
    sources_dir: Path, output_dir: Path, formats: tuple[str, ...], strict: bool, epoch: str | None,
    recovered: tuple[Diagnostic, ...], started: float,
) -> tuple[BuildResult | None, str, datetime.datetime, str, tuple[Diagnostic, ...]]:
    """With the output folder's lock held: the result of a build that keeps the editions there (None
    if something changed), the code's and the inputs' fingerprints, the edition's date, and the notes
    of what was put right (`recovered`, and a state file that could not be read)."""
    code = code_fingerprint()
    edition = edition_time(sources_dir, epoch)  # reads the git history: once a build
    inputs = input_fingerprint(sources_dir, code, formats, strict, edition)
    state, damaged = read_state(output_dir)
    if damaged:
        recovered += (Diagnostic(
            codes.STATE_UNREADABLE, Severity.INFO,
            "the state the last build left here could not be read; every edition is built again",
            output_dir / STATE_FILE,
        ),)
    if state is not None and state.get("inputs") == inputs:
        names = [str(name) for name in state.get("outputs", [])]
        if outputs_digest(output_dir, names) == state.get("outputs_digest"):
            kept = BuildResult(
                title=str(state.get("title", "")),
                text_count=int(state.get("text_count", 0)),
                written=tuple(output_dir / name for name in names if name != STATE_FILE),
                diagnostics=recovered + tuple(
                    Diagnostic.from_dict(item, sources_dir.parent)
                    for item in state.get("diagnostics", [])
                ),
                seconds=time.monotonic() - started,
                page_count=int(state.get("page_count", 0)),
                up_to_date=True,
                rule_names=_rule_names_of(state),
            )
            return kept, code, edition, inputs, recovered
    return None, code, edition, inputs, recovered


def kept_editions(sources_dir: Path, output_dir: Path, formats: tuple[str, ...], strict: bool,
                  epoch: str | None) -> tuple[BuildResult | None, tuple[Diagnostic, ...]]:
    """The result of a build that finds nothing changed (None if there is something to build, or a
    mistake `pipeline.build` explains), and the notes of what taking the folder's lock put right
    (for that build to report)."""
    started = time.monotonic()
    sources_dir = sources_dir.resolve()
    if not sources_dir.is_dir() or (output_dir.resolve().is_relative_to(sources_dir)
                                    and not own_output(sources_dir, output_dir)):
        return None, ()
    with locked(output_dir) as recovered:
        kept, _code, _edition, _inputs, _noted = up_to_date(sources_dir, output_dir, formats, strict, epoch,
                                                            recovered, started)
    return kept, () if kept is not None else recovered
