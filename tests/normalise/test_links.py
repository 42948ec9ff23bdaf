"""Links: one table of before/after Markdown per rule (unchanged cases show what a rule leaves alone)."""

from __future__ import annotations

import pytest

from pamphleteer.normalise.links import (
    clean_tracking,
    drop_repeated_urls,
    drop_url_from_link_text,
    resolve_relative_links,
    same_url,
    unescape_url_text,
    unwrap_dead_links,
    without_tracking,
)
from tests.normalise.helpers import nodes, normalised, run_rule

REPEATED_URLS = [
    ("in [Iran](https://x.org/a/) (<https://x.org/a/>) or here",
     "in [Iran](https://x.org/a/) or here"),
    ("the [U.S.](https://x.org/a_b/) ([https://x.org/a\\\\_b/](https://x.org/a_b/)) than",
     "the [U.S.](https://x.org/a_b/) than"),
    ("see [Gaza](https://x.org/g) (<https://x.org/g>), then",
     "see [Gaza](https://x.org/g), then"),
    ("an [idea](https://x.org/i?utm_source=z) (<https://x.org/i>).",
     "an [idea](https://x.org/i?utm_source=z)."),
    ("the **rank and file**, (<https://x.org/r/>) organizing",
     "the **[rank and file](https://x.org/r/)**, organizing"),
    ("on **socialism** (<https://x.org/s/>), and",
     "on **[socialism](https://x.org/s/)**, and"),
    ("read **[the text](https://x.org/t)** (<https://x.org/t>).",
     "read **[the text](https://x.org/t)**."),
    ("a *phrase* (<https://www.x.org/p/>)",
     "a *[phrase](https://www.x.org/p/)*"),
]
REPEATED_URLS_LEFT_ALONE = [
    "[A](https://x.org/a) (<https://y.org/b>)",  # a different page: both stay
    "plain words (<https://x.org/a>)",  # which words would be the link? none is guessed
    "[A](https://x.org/a) (see the note)",
]


@pytest.mark.parametrize(("before", "after"), REPEATED_URLS)
def test_a_url_repeated_after_its_link_is_dropped(before, after):
    result, codes = run_rule(drop_repeated_urls, before)
    assert result == nodes(after)
    assert codes == ["N101"]


@pytest.mark.parametrize("text", REPEATED_URLS_LEFT_ALONE)
def test_other_parenthesised_urls_are_left_alone(text):
    assert run_rule(drop_repeated_urls, text) == (nodes(text), [])


TRACKING = [
    ("[t](https://x.org/a?utm_source=n&id=3&fbclid=Z)", "[t](https://x.org/a?id=3)"),
    ("[t](https://x.org/a?srltid=AfmB_0A&gclid=1#part)", "[t](https://x.org/a#part)"),
    ("<https://x.org/a?utm_medium=email>", "<https://x.org/a>"),
    ("[t](https://x.org/a?page=2#top)", "[t](https://x.org/a?page=2#top)"),
]


@pytest.mark.parametrize(("before", "after"), TRACKING)
def test_tracking_parameters_leave_urls(before, after):
    result, codes = run_rule(clean_tracking, before)
    assert result == nodes(after)
    assert codes == (["N103"] if before != after else [])


URL_IN_LINK_TEXT = [
    ("see [About us \\(https://www.x.org/about/\\)](https://x.org/about/).",
     "see [About us](https://x.org/about/)."),
    ("[Home \\(https://y.org/\\)](https://x.org/)", "[Home \\(https://y.org/\\)](https://x.org/)"),
]


@pytest.mark.parametrize(("before", "after"), URL_IN_LINK_TEXT)
def test_link_text_loses_its_own_url(before, after):
    result, codes = run_rule(drop_url_from_link_text, before)
    assert result == nodes(after)
    assert codes == (["N102"] if before != after else [])


def test_a_url_shown_as_link_text_loses_markdown_escapes():
    result, codes = run_rule(unescape_url_text, "[https://x.org/a\\\\_b](https://x.org/a_b); cropped")
    assert result == nodes("[https://x.org/a_b](https://x.org/a_b); cropped")
    assert codes == ["N104"]


DEAD_LINKS = [
    ("in [Cuba](#) or [Laos]() today", "in Cuba or Laos today", 2),
    ("[*Kurdistan*](#) and more", "*Kurdistan* and more", 1),
    ("a [live](https://x.org) link and an [anchor](#notes)",
     "a [live](https://x.org) link and an [anchor](#notes)", 0),
    # the page's own broken link, with no site in its address (talkingpointsmemo.com)
    ("human rights [organizations](http:///h). The media", "human rights organizations. The media", 1),
    ("[a file](https:///) and [a site](https://x.org/h)", "a file and [a site](https://x.org/h)", 1),
]


@pytest.mark.parametrize(("before", "after", "count"), DEAD_LINKS)
def test_dead_links_become_plain_text(before, after, count):
    result, codes = run_rule(unwrap_dead_links, before)
    assert result == nodes(after)
    assert codes == ["N110"] * count


@pytest.mark.parametrize(("first", "second", "same"), [
    ("https://x.org/a/", "https://www.x.org/a", True),
    ("https://x.org/a\\_b", "https://x.org/a_b", True),
    ("https://x.org/a?utm_source=z", "https://x.org/a", True),
    ("https://x.org/a?id=1", "https://x.org/a?id=2", False),
    ("https://x.org/a", "https://y.org/a", False),
])
def test_same_url(first, second, same):
    assert same_url(first, second) is same


def test_without_tracking_keeps_the_rest_as_written():
    assert without_tracking("https://x.org/p?a=1&utm_campaign=x&b=%20#f") == "https://x.org/p?a=1&b=%20#f"


def test_links_in_table_cells_are_repaired_too():
    result, codes = run_rule(unwrap_dead_links, "| a | b |\n|---|---|\n| [Cuba](#) | d |\n")
    assert result == nodes("| a | b |\n|---|---|\n| Cuba | d |\n")
    assert codes == ["N110"]


SOURCE = "https://tempestmag.org/2024/01/internationalism/"
RELATIVE_LINKS = [
    # (source URL, before, after, codes)
    (SOURCE, "see [more](other.html) here", f"see [more]({SOURCE}other.html) here", ["N431"]),
    (SOURCE, "a [tag](/tag/x) and [up](../../)",
     "a [tag](https://tempestmag.org/tag/x) and [up](https://tempestmag.org/2024/)", ["N431", "N431"]),
    (SOURCE, "[secret](/etc/passwd)", "[secret](https://tempestmag.org/etc/passwd)", ["N431"]),
    (SOURCE, "[page two](?page=2)", f"[page two]({SOURCE}?page=2)", ["N431"]),
    ("", "see [more](other.html) and [*this*](/etc/passwd) here", "see more and *this* here",
     ["N432", "N432"]),
    ("", "[x](../x.md)", "x", ["N432"]),
    ("ftp://example.org/", "[x](a.html)", "x", ["N432"]),  # only a web page's links are resolved
    (SOURCE, "an [anchor](#notes), [mail](mailto:a@b.org) and [web](https://x.org)",
     "an [anchor](#notes), [mail](mailto:a@b.org) and [web](https://x.org)", []),
]


@pytest.mark.parametrize(("source_url", "before", "after", "codes"), RELATIVE_LINKS)
def test_relative_links_are_resolved_against_the_source_or_unwrapped(source_url, before, after, codes):
    result, found = run_rule(resolve_relative_links(source_url), before)
    assert result == nodes(after)
    assert found == codes


def test_the_whole_normaliser_resolves_relative_links_with_the_front_matter_source():
    text = normalised("One [link](/tag/solidarity) in a paragraph of prose about many things.\n")
    assert "Link" not in repr(text.blocks) and "N432" in [d.code for d in text.diagnostics]
