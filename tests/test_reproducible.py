"""Reproducible editions: the same sources give the same bytes, and dates never come from the clock."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from pamphleteer.errors import ConfigurationError
from pamphleteer.pipeline import edition_time

EDITIONS = (".pdf", ".epub", ".html", ".png")


@pytest.mark.slow
def test_two_builds_with_source_date_epoch_are_byte_identical(built, built_by_command):
    # The second build runs in another process, with another hash seed, at another time (conftest).
    second, result = built_by_command
    assert result.returncode == 0, result.stderr
    first = {path.name: path.read_bytes() for path in built.written if path.suffix in EDITIONS}
    assert {Path(name).suffix for name in first} == set(EDITIONS)  # reading PDF and booklet, EPUB, HTML
    for name, data in first.items():
        assert (second / name).read_bytes() == data, f"{name} differs between two builds"


def test_the_epoch_is_the_date_every_edition_carries(built):
    epub = next(path for path in built.written if path.suffix == ".epub")
    with zipfile.ZipFile(epub) as archive:
        opf = next(archive.read(name).decode() for name in archive.namelist() if name.endswith(".opf"))
        stamps = {info.date_time for info in archive.infolist()}
    assert "<dc:date>2026-01-01</dc:date>" in opf
    assert stamps == {(2026, 1, 1, 0, 0, 0)}
    report = json.loads(next(p for p in built.written if p.name.endswith("-report.json")).read_text())
    assert report["edition_date"] == "2026-01-01T00:00:00Z"


def git(folder: Path, *args: str, when: str = "") -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else None
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=folder, env=environment, check=True, capture_output=True,
    )


def small_sources(root: Path) -> Path:
    sources = root / "sources"
    (sources / "texts").mkdir(parents=True)
    (sources / "publication.toml").write_text('title = "R"\n', encoding="utf-8")
    (sources / "texts" / "a.md").write_text("A body.\n", encoding="utf-8")
    return sources


@pytest.fixture
def epoch_in_environment(monkeypatch):
    """SOURCE_DATE_EPOCH set, but for the command line only: the library is given it, or not."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_without_the_epoch_the_date_is_the_sources_last_commit_not_the_clock(tmp_path, epoch_in_environment):
    sources = small_sources(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", when="2024-03-05T10:20:30+00:00")
    (tmp_path / "elsewhere.txt").write_text("a later change outside the sources")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "not the sources", when="2025-01-01T00:00:00+00:00")
    (sources / "texts" / "a.md").write_text("An edited, uncommitted body.\n")  # mtime: now
    assert edition_time(sources) == datetime.datetime(2024, 3, 5, 10, 20, 30)


def test_outside_git_the_date_is_the_newest_source_file(tmp_path, epoch_in_environment):
    sources = small_sources(tmp_path)
    for number, path in enumerate(sorted(sources.rglob("*"))):
        os.utime(path, (1_600_000_000 + number, 1_600_000_000 + number))
    newest = max(path.stat().st_mtime for path in sources.rglob("*") if path.is_file())
    expected = datetime.datetime.fromtimestamp(int(newest), datetime.UTC).replace(tzinfo=None)
    assert edition_time(sources) == expected
    assert edition_time(sources).year == 2020


@pytest.mark.parametrize("value", ["", "yesterday", "1.5", "-1", "99999999999999", "0x10"])
def test_a_bad_epoch_is_refused_with_what_to_do(tmp_path, value):
    with pytest.raises(ConfigurationError) as caught:
        edition_time(small_sources(tmp_path), value)
    assert "SOURCE_DATE_EPOCH" in str(caught.value) and "date +%s" in str(caught.value)
