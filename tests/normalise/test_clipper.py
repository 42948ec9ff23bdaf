"""A clipper's 'Excerpt' box under the title (MarkDownload's template, N722): removed where the text
says its words, else the text's italic lead, which the head takes as its standfirst; kept with keep:."""

from __future__ import annotations

from pamphleteer.ast import text_of
from tests.normalise.helpers import normalised

OPENING = ("Texas voters approved an amendment to the state constitution on Tuesday that will grant "
           "billions of dollars to the Teacher Retirement System for a cost-of-living adjustment.")
LATER = "The win at the ballot box marks a victory for the retired teachers, who had asked for it for years."


def clipped(excerpt: str, body: str = f"{OPENING}\n\n{LATER}\n") -> str:
    return f"# Voters back retired teachers\n\n> ## Excerpt\n> {excerpt}\n\n---\n\n{body}"


def body_texts(markdown: str, **meta: object) -> list[str]:
    return [text_of(block.node) for block in normalised(markdown, **meta).blocks]


def test_an_excerpt_the_text_repeats_is_removed_and_nothing_else():
    """Before: 'Excerpt' in a box, then the same words as the first paragraph. After: the paragraph once."""
    text = normalised(clipped(OPENING.replace("a cost-of-living adjustment.", "a cost-of-liv…")))
    assert [text_of(block.node) for block in text.blocks] == [OPENING, LATER]
    assert not text.standfirst
    (found,) = [d for d in text.diagnostics if d.code == "N722"]
    assert found.line == 3 and "removed" in found.message and found.before.startswith("Texas voters")


def test_an_excerpt_a_later_paragraph_says_is_removed_too():
    """A site's description may be copied from a paragraph other than the first."""
    said = normalised(clipped("The win at the ballot box marks a victory for the retired teachers, who…"))
    assert [text_of(block.node) for block in said.blocks] == [OPENING, LATER]


def test_an_excerpt_the_text_does_not_say_becomes_its_standfirst():
    """Before: a box headed 'Excerpt' over a summary the article does not repeat. After: the standfirst."""
    summary = "A pension rise for half a million former teachers, after years of waiting."
    text = normalised(clipped(summary))
    assert [text_of(block.node) for block in text.standfirst] == [summary]
    assert [text_of(block.node) for block in text.blocks] == [OPENING, LATER]
    assert not any("Excerpt" in text_of(block.node) for block in text.blocks + text.standfirst)
    assert {d.code for d in text.diagnostics} >= {"N722", "N406"}


def test_keep_leaves_the_box_as_written():
    summary = "A pension rise for half a million former teachers, after years of waiting."
    text = normalised(clipped(summary), keep=("N722",))
    assert text_of(text.blocks[0].node).startswith("Excerpt")
    assert not text.standfirst


def test_a_quotation_headed_excerpt_inside_the_article_stays():
    """An 'Excerpt' box further down is the article's own (a book excerpt it quotes)."""
    quoted = "> ## Excerpt\n> It was the best of times, it was the worst of times, it was the age of wisdom."
    body = "\n\n".join([OPENING, LATER, "The association quoted a novel.", "Its members cheered.", quoted])
    texts = body_texts(f"# Voters back retired teachers\n\n{body}\n")
    assert any(text.startswith("Excerpt It was the best of times") for text in texts)
