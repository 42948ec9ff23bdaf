"""The test suite's shortcut (tests/conftest.py: NormaliseOnce) gives what the real functions give."""

from __future__ import annotations

from pamphleteer.normalise import normalise
from pamphleteer.parse import parse_text
from pamphleteer.sources import read_text
from tests.conftest import SOURCES, NormaliseOnce


def test_a_text_given_twice_is_parsed_and_repaired_once_with_the_same_result():
    calls: list[str] = []

    def counted_parse(source):
        calls.append("parse")
        return parse_text(source)

    def counted_normalise(parsed):
        calls.append("normalise")
        return normalise(parsed)

    once = NormaliseOnce(counted_parse, counted_normalise)
    path = sorted((SOURCES / "texts").glob("*.md"))[-1]
    first = once.normalise(once.parse_text(read_text(path)))
    again = once.normalise(once.parse_text(read_text(path)))  # read anew: an equal text, not the same object
    assert calls == ["parse", "normalise"] and once.hits == 2
    assert again is first
    assert first == normalise(parse_text(read_text(path)))  # what the real functions give
    other = sorted((SOURCES / "texts").glob("*.md"))[0]
    once.normalise(once.parse_text(read_text(other)))
    assert calls == ["parse", "normalise", "parse", "normalise"]
