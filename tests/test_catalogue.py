"""The catalogue of diagnostic codes: every code the library gives is declared; the README lists them."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pamphleteer import codes
from pamphleteer.catalogue import catalogue, markdown
from tests.conftest import PROJECT

CODE = re.compile(r"^[NWIE]\d{3}$")
SCRIPT = PROJECT / "scripts" / "catalogue.py"


def literal_codes(folder: Path) -> dict[str, str]:
    """Every string constant in the library's source shaped like a code, with where it first stands."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
                found.setdefault(node.value, f"{path.relative_to(PROJECT)}:{node.lineno}")
    return found


def test_every_code_the_library_writes_is_in_the_catalogue():
    listed = {entry.code for entry in catalogue()}
    written = literal_codes(PROJECT / "pamphleteer")
    undeclared = {code: where for code, where in written.items() if code not in listed}
    assert not undeclared, f"declare these codes (pamphleteer/codes.py, or the rule's @rule): {undeclared}"


def test_every_code_has_one_meaning_and_a_kind():
    entries = catalogue()
    assert len({entry.code for entry in entries}) == len(entries)
    assert {entry.code[0] for entry in entries} == {"N", "W", "I", "E"}
    assert all(entry.summary and entry.kind for entry in entries)


def test_the_readme_lists_the_catalogue_as_it_is():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("<!-- codes (begin) -->\n", 1)[1].split("<!-- codes (end) -->", 1)[0]
    assert listed == markdown(catalogue()), "stale: run python scripts/catalogue.py --readme"


def test_the_script_prints_the_catalogue():
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True)
    assert result.stdout == markdown(catalogue())
    assert "| `N501` | repair | straight quotes curled |" in result.stdout.splitlines()


@pytest.mark.parametrize(("code", "summary", "message"), [
    ("W001", "again", "declared twice"),
    ("X001", "a code", "is not a letter"),
    ("W9999", "a code", "is not a letter"),
    ("W999", " ", "no summary"),
])
def test_a_code_declared_badly_fails(code, summary, message):
    before = codes.declared()
    with pytest.raises(ValueError, match=message):
        codes.declare(code, summary)
    assert codes.declared() == before
