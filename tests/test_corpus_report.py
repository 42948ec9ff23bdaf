"""The corpus report tells a value the converter dropped from one a rule failed to find.

A field the page states but the edition lacks counts as "absent" only when the Markdown
file has the value nowhere (a rule could not have read it), otherwise as "missing".
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tests.corpus.damage import Expected


def _report() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / "corpus_report.py"
    spec = importlib.util.spec_from_file_location("corpus_report", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


report = _report()
EXPECTED = Expected(title="L'évaluation et les listes de revues", authors=("Florence Audier", "R.C. Baker"),
                    date="2009-09-15", publication="The Nation", body=(), furniture=())


@pytest.mark.parametrize(("text", "found"), [
    ("par Florence Audier, le 15 septembre 2009", True),
    ("Published Sept. 15, 2009 at 5:42 pm", True),
    ("Tuesday 15th September 2009", True),
    ("posted 2009-09-15T06:30:00-05:00", True),
    ("https://example.org/2009/09/15/story/", True),
    ("SUGGESTED CITATION Sauer: Krise, VerfBlog, 2009/9/15, https://…", True),
    ("15.09.2009", True),
    ("9/15/2009", True),
    ("15 de septiembre de 2009", True),
    ("September 2009", False),  # no day: the date is not stated
    ("September 16, 2009", False),
    ("https://example.org/2009/09/story/", False),
    ("115 September 2009", False),
])
def test_a_date_is_found_in_any_common_form(text, found):
    assert report.date_in("2009-09-15", report.fold(text)) is found


@pytest.mark.parametrize(("key", "markdown", "stated"), [
    ("authors", "By [Florence\nAudier](/a) and R. C. Baker", True),
    ("authors", "By Florence Audier", False),  # one of two names dropped
    ("title", "# L’évaluation et les listes\nde revues", True),
    ("title", "# Listes de revues", False),
    ("publication", "© 2019 The Nation", True),
    ("publication", "thenation.com", False),
])
def test_a_value_is_in_the_file_wherever_it_stands(key, markdown, stated):
    assert report.stated_in_file(key, EXPECTED, markdown) is stated
