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


@pytest.mark.parametrize(("pattern", "chosen"), [
    ("gaijinpot-*", True),  # the article
    ("html2text.md", True),  # the file's name
    ("html2text", True),  # its converter
    ("gaijinpot-chikan/html2text", True),
    ("*/pandoc-*", False),
    ("telegraph-*", False),
    ("gaijinpot", False),  # a pattern, not a part of the name
])
def test_only_chooses_files_by_article_file_or_converter(pattern, chosen):
    path = Path("tests/corpus/gaijinpot-chikan/html2text.md")
    assert report.chosen("gaijinpot-chikan", path, (pattern,)) is chosen
    assert report.chosen("gaijinpot-chikan", path, ()) is True  # no pattern: every file


def _result(article: str, converter: str, furniture: int):
    from collections import Counter

    from tests.corpus.damage import Damage
    from tests.corpus.run import Result

    damage = Damage(counts=Counter(furniture=furniture), metadata={"title": "right"})
    return Result(article, converter, damage=damage)


def test_a_subset_is_compared_and_saved_alone_and_saving_prints_regressions(monkeypatch, tmp_path, capsys):
    """`--only` compares the chosen files with their baseline alone (the others are not "gone"),
    `--save-baseline` prints the regressions it locks in and keeps the other files' figures."""
    from tests.corpus import baseline

    saved = tmp_path / "baseline.json"
    baseline.save(baseline.all_figures([_result("a-one", "html2text", 1), _result("b-two", "html2text", 5)]),
                  saved)
    monkeypatch.setattr(baseline, "BASELINE", saved)
    chosen = []

    def measure_all(repair=True, only=()):
        chosen.append(only)
        return [_result("a-one", "html2text", 3)]

    monkeypatch.setattr(report, "measure_all", measure_all)
    report.main(["--only", "a-*"])
    out = capsys.readouterr().out
    assert chosen == [("a-*",)]
    assert "1 regressions against the baseline:\n  a-one/html2text: furniture damage 1 -> 3" in out
    assert "b-two" not in out
    report.main(["--only", "a-*", "--save-baseline"])
    out = capsys.readouterr().out
    assert "a-one/html2text: furniture damage 1 -> 3" in out
    assert baseline.load(saved)["a-one/html2text"]["damage"] == {"furniture": 3}
    assert baseline.load(saved)["b-two/html2text"]["damage"] == {"furniture": 5}  # not measured: kept


def test_both_corpus_reports_print_examples_the_same_way():
    """One printer for `corpus_report --examples` and `corpus_add_report --examples`."""
    from tests.corpus.damage import Damage, example_lines

    damage = Damage(lost=["A sentence lost."])
    damage.add("furniture", "Share this")
    found = [("a-one/html2text", damage), ("b-two/trafilatura", None)]
    assert example_lines(found, "furniture") == ["a-one/html2text: 'Share this'"]
    assert example_lines(found, "lost") == ["a-one/html2text: 'A sentence lost.'"]
    assert report.example_lines is example_lines
