"""Print-only typography on a text's written HTML: the initial (drop cap) of its first paragraph.

The initial is a span the renderer adds (`<span class="initial">`), set by
`styles/print.css` as a two-line lettrine: its cap height runs from the cap
height of line 1 to the baseline of line 2, and lines 1 and 2 are indented
alike. A CSS `::first-letter` cannot do this in WeasyPrint (it overprints the
first line), hence the span.

No initial where it cannot be set well: a body that does not open with a
paragraph of plain text (a heading, a list, a paragraph opening with a link or
emphasis or a figure), or whose first paragraph is too short to fill the two
lines beside the initial.
"""

from __future__ import annotations

import re

from markupsafe import Markup

SHORTEST = 160  # characters: a first paragraph shorter may not fill two lines beside the initial
_OPENING = re.compile(
    r"""\A(?P<lead>\s*<p(?:\s[^>]*)?>)(?P<punct>[“‘"'(\[«]?)(?P<letter>[^\W_])(?P<next>.?)""",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")
_FIRST_PARAGRAPH = re.compile(r"\A\s*<p(?:\s[^>]*)?>(.*?)</p>", re.DOTALL)


def with_initial(html: str) -> Markup:
    """`html` (a text's body) with the first letter of its first paragraph marked as the initial,
    if it can be set well; the initial of a one-letter word ("I think") keeps a word space after it."""
    html = str(html)
    opening = _OPENING.match(html)
    first = _FIRST_PARAGRAPH.match(html)
    if opening is None or first is None or len(_TAG.sub("", first.group(1))) < SHORTEST:
        return Markup(html)
    one_letter = not opening.group("next").isalnum()
    classes = "initial initial-word" if one_letter else "initial"
    start, end = opening.start("punct"), opening.end("letter")
    initial = f'<span class="{classes}">{html[start:end]}</span>'
    return Markup(html[:start] + initial + html[end:])


_CALL_BEFORE_PUNCTUATION = re.compile(
    r'(<span class="link-note">(?:(?!</span>).)*</span>)((?:</(?:strong|em|b|i|cite|q|span)>)*)'
    r'([.,;:!?)\]’”»]+)',
    re.DOTALL,
)


def calls_after_punctuation(html: str) -> str:
    """Each footnote (a link's address) moved after the punctuation that follows its link, so that
    its call stands after it, as in a book: "Palestine,⁵" rather than "Palestine⁵,"."""
    return _CALL_BEFORE_PUNCTUATION.sub(r"\2\3\1", html)
