"""Where the pull quotes of a text's body go, in every edition, as `publication.toml`'s
`pull_quotes` says ("spread", "drop" or "inline").

A pull quote repeats a passage of the text. Set right after it, as the web page had it, it reads
twice in a row; the print edition sets it on a different spread, and the EPUB and web editions,
which have no spreads, set it as an aside as far from its passage (PULL_QUOTE_AFTER paragraphs at
least), or leave it out where no place fits: one rule, on the written HTML of the body, for
all three. A pull quote left out loses no words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup

_BLOCK_START = re.compile(r"\n(?=<(?:p|aside|h[1-6]|blockquote|ul|ol|dl|figure|div|hr|table|pre|section)\b)")
_CONTAINERS = re.compile(r"<(/?)(blockquote|ul|ol|dl|figure|div|table|section|aside)\b")
PULL_QUOTE_AFTER = 6  # paragraphs of text, at least, between a pull quote and the one it repeats
PULL_QUOTE_APART = 6  # and between two pull quotes
# Characters of text, at least, between a pull quote and the passage it repeats: two pages of the
# fullest page size (a letter page of the seed holds about 2,400, an A5 one 2,200, an A6 one 1,750),
# so that, whatever the size, the quote is never on the spread of its passage.
PULL_QUOTE_CHARACTERS = 5000
_TAG = re.compile(r"<[^>]*>")


def _blocks(html: str) -> list[str]:
    """The top-level blocks of a body's HTML (a block's inner blocks stay with it)."""
    blocks: list[str] = []
    depth = 0
    for chunk in _BLOCK_START.split(html):
        if depth and blocks:
            blocks[-1] += "\n" + chunk
        else:
            blocks.append(chunk)
        for closing, _tag in _CONTAINERS.findall(chunk):
            depth += -1 if closing else 1
        depth = max(depth, 0)
    return blocks


def _quoted(block: str) -> str:
    found = re.search(r'data-quotes="([^"]+)"', block)
    return found.group(1) if found else ""


def place_pull_quotes(html: str, choice: str = "spread", later: bool = False) -> Markup:
    """A text's body with its pull quotes placed as `choice` (publication.toml's `pull_quotes`) says.

    "inline": where the source had them, right after the passage they repeat. "drop": none.
    "spread" (the default): each moved at least PULL_QUOTE_AFTER paragraphs and
    PULL_QUOTE_CHARACTERS characters of text away from the passage it repeats (after it, or
    before it near a text's end: on another spread in print), between two paragraphs (never beside a
    heading, a list or another pull quote) and at least PULL_QUOTE_APART paragraphs from any other
    pull quote; one that finds no such place is left out. A pull quote repeats the text, so
    leaving one out loses no words.

    `later` (print): each quote placed so that has a number (`data-pull`), and, where the next gap
    after it is a place as good (by the same rules, the quote itself aside), a twin there, not shown
    (class `later`, `data-pull-later`): the page mending (`render/pages.py`) may show the twin in its
    stead, when the quote at a page's foot or head leaves its spread's pages uneven.
    """
    html = str(html)
    if choice == "inline" or 'class="pullquote"' not in html:
        return Markup(html)
    blocks = _blocks(html)
    pulls = [block for block in blocks if block.startswith('<aside class="pullquote"')]
    body = [block for block in blocks if not block.startswith('<aside class="pullquote"')]
    if choice == "drop":
        return Markup("\n".join(body))
    paragraph = [block.startswith("<p") for block in body]
    ordinal = []  # the number of paragraphs up to and including each block
    reach = []  # the characters of text up to and including each block
    count = characters = 0
    for is_paragraph, block in zip(paragraph, body, strict=True):
        count += is_paragraph
        characters += len(_TAG.sub("", block))
        ordinal.append(count)
        reach.append(characters)
    where: dict[int, str] = {}  # body index -> the pull quote set after it
    sources: dict[int, int] = {}  # body index -> the passage the quote set after it repeats
    gaps = [index for index in range(len(body) - 1) if paragraph[index] and paragraph[index + 1]]

    def fits(index: int, source: int, others: Iterable[int] | None = None) -> bool:
        """Whether the gap after block `index` is a place for the quote of the passage `source`: far
        from it, and from the quotes set after the blocks `others` (all placed so far: None)."""
        # The text between the gap after block `index` and the passage, on either side of it.
        between = reach[index] - reach[source] if index > source else reach[source - 1] - reach[index]
        return (abs(ordinal[index] - ordinal[source]) >= PULL_QUOTE_AFTER
                and between >= PULL_QUOTE_CHARACTERS
                and all(abs(ordinal[index] - ordinal[other]) >= PULL_QUOTE_APART
                        for other in (where if others is None else others)))

    for pull in pulls:
        source = next((index for index, block in enumerate(body) if f'id="{_quoted(pull)}"' in block), None)
        if source is None:
            continue
        after = [index for index in gaps if index > source and fits(index, source)]
        before = [index for index in gaps if index < source and fits(index, source)]
        spot = after[0] if after else (before[-1] if before else None)
        if spot is not None:
            where[spot] = pull
            sources[spot] = source
    twins: dict[int, str] = {}  # body index -> the twin of a quote set after it, not shown
    for number, spot in enumerate(sorted(where) if later else [], start=1):
        others = [other for other in [*where, *twins] if other != spot]
        following = [index for index in gaps if index > spot and fits(index, sources[spot], others)]
        if following:
            twins[following[0]] = where[spot].replace(
                '<aside class="pullquote"', f'<aside class="pullquote later" data-pull-later="{number}"', 1)
            where[spot] = where[spot].replace('<aside class="pullquote"',
                                              f'<aside class="pullquote" data-pull="{number}"', 1)
    placed = []
    for index, block in enumerate(body):
        placed.append(block)
        placed += [quotes[index] for quotes in (where, twins) if index in quotes]
    return Markup("\n".join(placed))
