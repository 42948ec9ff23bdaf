"""The seed texts, normalised: golden files (reviewed), and no author's word lost.

Regenerate the golden files on purpose, then review the diff:

    PAMPHLETEER_SAVE_GOLDEN=1 .venv/bin/python -m pytest tests/normalise/test_seeds.py
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise import NormalisedText, normalise
from pamphleteer.normalise.furniture import read_byline
from pamphleteer.parse import parse_text
from pamphleteer.sources import read_text
from tests.conftest import SOURCES
from tests.normalise.golden import golden_text
from tests.textmatch import contains_in_order

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
SEEDS = ("camfield-internationalism-today", "kellaway-internationalism-today")


@cache
def seed(slug: str) -> tuple[NormalisedText, tuple]:
    parsed = parse_text(read_text(SOURCES / "texts" / f"{slug}.md"))
    return normalise(parsed), parsed.blocks


@pytest.mark.parametrize("slug", SEEDS)
def test_golden_normalised_seed(slug):
    text, _ = seed(slug)
    produced = golden_text(text)
    path = GOLDEN / f"{slug}.md"
    if os.environ.get("PAMPHLETEER_SAVE_GOLDEN"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8"), f"{path} differs; review and regenerate"


def pull_quotes(text: NormalisedText) -> list:
    return [b for b in text.blocks if b.node["t"] == "Div" and "pullquote" in b.node["c"][0][1]]


def test_seed_repair_counts():
    camfield, _ = seed(SEEDS[0])
    kellaway, _ = seed(SEEDS[1])
    codes = [d.code for d in camfield.diagnostics + kellaway.diagnostics]
    assert len(pull_quotes(camfield)) == 3 and not pull_quotes(kellaway)
    assert codes.count("N301") == 4  # the four paragraphs cut by a page break
    assert text_of(camfield.blocks[0].node).startswith("I think the starting point")
    assert kellaway.inferred.authors == ("Dave Kellaway",) and kellaway.inferred.date == "2024-01-29"
    assert camfield.inferred.publication == "Tempest"
    assert not [d for d in camfield.diagnostics + kellaway.diagnostics if d.severity.value != "info"]


def words_without_urls(text: str) -> str:
    return re.sub(r"(?:https?://|www\.)\S+", " ", text)


@pytest.mark.parametrize("slug", SEEDS)
def test_every_word_of_the_source_survives_in_order(slug):
    """Each source block's words stand, in order, in what the normaliser returns (body or metadata).

    Only URLs (kept as link targets), the page's 'P.S.' label and the byline (read as
    authors and date) are not compared word for word.
    """
    text, source_blocks = seed(slug)
    inferred = " ".join([text.inferred.publication, text.inferred.title, " ".join(text.inferred.authors)])
    returned = " ".join(
        [inferred] + [text_of(b.node) for b in text.standfirst + text.blocks + text.source_note
                      + text.bio + text.credits]
    )
    for block in source_blocks:
        words = words_without_urls(text_of(block.node))
        if words.strip(" .*") in ("P.S", "P.S.", ""):
            continue
        byline = read_byline(text_of(block.node))
        if byline:  # its names became the authors, its date the date
            assert byline[0] == text.inferred.authors
            continue
        assert contains_in_order(words_without_urls(returned), words, max_gap=3), words[:80]
