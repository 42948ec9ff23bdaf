"""Converter damage mended in the Markdown's lines, before pandoc reads them (a real case, shortened)."""

from __future__ import annotations

from pamphleteer.ast import kind, text_of
from pamphleteer.normalise import normalise
from pamphleteer.parse import parse_text
from tests.normalise.helpers import source

# pandoc's markdown writer, from a page of rosalux.de: the image's data-caption holds a blank line
FIGURE = """::: textmedia__images
<figure class="textmedia__image-item">
<div class="textmedia__image-wrapper">
<img
src="tareq.png"
data-caption="«Ich bin nach Hamburg gegangen.» 

Bild: Albina Akhmedova " loading="lazy" width="622" height="350" />
</div>
<figcaption>«Ich bin nach Hamburg gegangen.» Bild: Albina Akhmedova</figcaption>
</figure>
:::

Tareq Salem: Ich bin über das Mittelmeer nach Italien gekommen. Das war
sehr gefährlich.

In Italien waren wir fast 40 Tage in Quarantäne.
"""


def _body(markdown: str, keep: tuple[str, ...] = ()):
    parsed = parse_text(source(markdown, keep=keep))
    return parsed, normalise(parsed)


def test_a_tag_cut_by_a_blank_line_no_longer_swallows_the_article():
    parsed, text = _body(FIGURE)
    paragraphs = [text_of(b.node) for b in text.blocks if kind(b.node) == "Para"]
    assert any(p.startswith("Tareq Salem: Ich bin über das Mittelmeer") for p in paragraphs)
    assert "In Italien waren wir fast 40 Tage in Quarantäne." in paragraphs
    assert [(d.code, d.line) for d in parsed.diagnostics if d.code == "N715"] == [("N715", 4)]
    # the blank line moved to the end of the HTML block: the article's lines keep their numbers
    assert [b.line for b in parsed.blocks][-2:] == [14, 17]


def test_keep_leaves_the_tag_as_written():
    parsed, text = _body(FIGURE, keep=("N715",))
    assert [d.code for d in parsed.diagnostics if d.code in ("N715", "N603")] == ["N603"]
    assert not [d for d in text.diagnostics if d.code == "N604"]  # the entry stopped a repair
