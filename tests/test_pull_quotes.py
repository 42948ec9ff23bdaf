"""Pull quotes in every edition, as publication.toml's `pull_quotes` chooses: the EPUB and the web
edition, which have no spreads, set each as an aside far from the passage it repeats (or leave it
out), like print; "drop" leaves them out and "inline" keeps them where the web page had them."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from functools import cache

import pytest

from pamphleteer.ast import is_pull_quote, pull_quote_target
from pamphleteer.model import Publication
from pamphleteer.render.epub import render_epub
from pamphleteer.render.html import render_html
from pamphleteer.render.pullquotes import PULL_QUOTE_AFTER
from pamphleteer.render.templates import STYLES
from tests.conftest import seed_assembled

SLUG = "camfield-internationalism-today"  # the seed text with three pull quotes


@cache
def seed() -> Publication:

    publication, _ = seed_assembled(dated=False)
    return publication


def with_choice(choice: str) -> Publication:
    publication = seed()
    return dataclasses.replace(publication, settings=dataclasses.replace(publication.settings,
                                                                         pull_quotes=choice))


def markup_of(publication: Publication) -> dict[str, str]:
    """The body of the seed text in the web edition and in the EPUB."""
    html = render_html(publication).decode()
    with zipfile.ZipFile(io.BytesIO(render_epub(publication)[0])) as archive:
        epub = archive.read(f"EPUB/text-{SLUG}.xhtml").decode()
    return {"html": html, "epub": epub}


def sequence(markup: str) -> list[str]:
    """The text's paragraphs (by id) and pull quotes ("q:" and the id they repeat), in order."""
    found = re.findall(rf'<p id="({SLUG}-\d+)"|<aside class="pullquote"[^>]*data-quotes="([^"]+)"', markup)
    return [f"q:{quoted}" if quoted else paragraph for paragraph, quoted in found]


@pytest.mark.parametrize("edition", ["html", "epub"])
def test_spread_sets_each_pull_quote_far_from_the_passage_it_repeats(edition):
    order = sequence(markup_of(with_choice("spread"))[edition])
    quotes = [index for index, item in enumerate(order) if item.startswith("q:")]
    assert quotes, order
    paragraphs = [item for item in order if not item.startswith("q:")]
    for index in quotes:
        source = order[index][2:]
        before = sum(1 for item in order[:index] if not item.startswith("q:"))
        assert abs(before - (paragraphs.index(source) + 1)) >= PULL_QUOTE_AFTER, (source, order)
        assert not order[index - 1].startswith("q:") and not order[index + 1].startswith("q:")


@pytest.mark.parametrize("edition", ["html", "epub"])
def test_drop_leaves_the_pull_quotes_out_and_inline_keeps_them_after_their_passage(edition):
    assert 'class="pullquote"' not in markup_of(with_choice("drop"))[edition]
    order = sequence(markup_of(with_choice("inline"))[edition])
    [text] = [text for text in seed().texts if text.slug == SLUG]
    as_received = [f"q:{SLUG}-{pull_quote_target(block.node)}" if is_pull_quote(block.node)
                   else f"{SLUG}-{block.line}" for block in text.body
                   if is_pull_quote(block.node) or block.node["t"] == "Para"]
    assert sum(item.startswith("q:") for item in order) == 3
    assert order == as_received  # where the web page had them


def test_in_print_a_quote_has_a_twin_a_paragraph_later_not_shown_where_that_is_a_place_as_good():
    """The page mending may show the twin in the quote's stead (render/pages.py): it is where the
    quote could stand by the same rules, one paragraph later, and hidden; the EPUB and the web page
    have none."""
    from pamphleteer.render.pdf import print_html

    tags = re.compile(rf'<p id="({SLUG}-\d+)"|<aside class="pullquote( later)?"'
                      r'(?: data-pull(?:-later)?="(\d+)")?[^>]*data-quotes="([^"]+)"')
    order = [(paragraph, bool(later), number, quoted)
             for paragraph, later, number, quoted in tags.findall(print_html(seed()))]
    twins = [index for index, item in enumerate(order) if item[1]]
    assert twins  # the seed's first quote has one
    paragraphs = [item[0] for item in order if item[0]]
    for index in twins:
        _, _, number, quoted = order[index]
        [primary] = [at for at, item in enumerate(order) if item[3] and not item[1] and item[2] == number]
        assert order[primary][3] == quoted and index == primary + 2  # a paragraph later,
        assert order[primary + 1][0] and order[index + 1][0]  # and between two
        before = sum(1 for item in order[:index] if item[0])
        assert abs(before - (paragraphs.index(quoted) + 1)) >= PULL_QUOTE_AFTER
    assert re.search(r"aside\.pullquote\.later\s*\{\s*display:\s*none", (STYLES / "print.css").read_text())
    for markup in markup_of(seed()).values():
        assert 'class="pullquote later"' not in markup
