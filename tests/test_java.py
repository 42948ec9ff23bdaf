"""The Java validators start as short runs (check/tools.py: JAVA_OPTIONS): the client compiler and one
garbage-collector thread, half the CPU time; their findings are the gate's tests' (tests/test_check.py)."""

from __future__ import annotations

import shutil
import sys

import pytest

from pamphleteer.check import epub, nu
from pamphleteer.check.tools import JAVA_OPTIONS, ToolFailed


@pytest.mark.parametrize("check", [epub.epubcheck, nu.nu_html_checker])
def test_each_java_validator_is_started_with_the_short_run_options(check, monkeypatch, tmp_path):
    seen: list[list[str]] = []

    def recorded(command, timeout):
        seen.append([str(part) for part in command])
        raise ToolFailed("stopped by the test")

    monkeypatch.setattr(sys.modules[check.__module__], "run", recorded)
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    page = tmp_path / "a.html"
    page.write_text("<!DOCTYPE html><title>a</title>", encoding="utf-8")
    result = check(page)
    if not seen:
        pytest.skip(f"{result.name}'s program is not installed here: {result.summary}")
    assert seen[0][0] == "/usr/bin/java" and seen[0][1:1 + len(JAVA_OPTIONS)] == list(JAVA_OPTIONS)
    assert not result.passed  # what the validator could not do is said, never a pass
