"""Shared fixtures: one build of the seed reader per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = PROJECT / "sources"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The seed reader, built once into a temporary folder with fixed dates."""
    from pamphleteer.pipeline import build

    output = tmp_path_factory.mktemp("output")
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        result = build(SOURCES, output)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return result


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    """A private copy of sources/ that a test may change."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target


@pytest.fixture(scope="session")
def built_print():
    """The seed reader's publication and its print edition, laid out once (fixed dates)."""
    from pamphleteer.pipeline import assemble
    from pamphleteer.render.pdf import render_pdf
    from pamphleteer.sources import read_sources

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        publication, _ = assemble(read_sources(SOURCES))
        edition = render_pdf(publication, SOURCES)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return publication, edition
