"""WeasyPrint's line breaking, mended where it breaks a line far too early.

WeasyPrint fills a line one inline box at a time (a run of text, a span, an
emphasis). It asks Pango where to break a run of text in the width left on the
line, then measures what Pango kept; that is now and then a fraction of a point
wider than the width it was given: a hyphenated word whose hyphen does not quite
fit ("tar-" 0.8 px over), or a line of narrowed word spaces (print.css's
`word-spacing`, a paragraph set again by render/spacing.py) 0.1 px over. A run
alone in its paragraph is kept so (justification takes the fraction back out of
its spaces), but after a span (a capitalised word held whole, a paragraph's last
word, an emphasis) WeasyPrint takes the overflow for a word that does not fit and
ends the line before the span instead: the line is set with a word or two across
the whole measure ("United Auto" / "Workers' leadership…", "so" / "the state…"),
and what should have closed it starts the next.

`split_text_box` asks Pango again, a little narrower, for a break that fits (the
same break a book's first-fit setter makes: the word that did not fit goes to
the next line, or is hyphenated shorter), so the line is filled up to that word
and is never ended early. A run that cannot be broken to fit (its first word is
wider than what is left) is left as WeasyPrint had it, so its own fallback still
applies. WeasyPrint (70) calls the function by its module name, so replacing it
there is enough; `render/spacing.py` imports this module, and so every layout of
the print edition (and each of its trials) is set with it. `split_first_line` is
wrapped after `render/lines.py` has installed its memory of lines broken, so what
is remembered is WeasyPrint's own line and this mends what it gives.
"""

from __future__ import annotations

from typing import Any

import weasyprint.layout.inline as inline
from weasyprint.layout.preferred import trailing_whitespace_size

from pamphleteer.render import lines  # noqa: F401  installed first: each line broken once (wrapped here)

RETRIES = 4  # narrower widths asked for before the first split is kept as it was
EPSILON = 1e-6  # px: a run this much wider than its width fits (WeasyPrint allows 1e-9 of it)


def _overflow(context: Any, box: Any, available: float) -> float:
    """How much wider than `available` the run `box` is set, its trailing spaces aside (they
    hang in the margin: WeasyPrint does not count them either)."""
    return float(box.width - trailing_whitespace_size(context, box) - available)


def fitting(split: Any) -> Any:
    """WeasyPrint's `split_text_box`, giving a split that fits the width where one exists."""
    if getattr(split, "fits", False):
        return split

    def split_text_box(context: Any, box: Any, available_width: float | None, skip: int | None,
                       is_line_start: bool = True) -> Any:
        first = split(context, box, available_width, skip, is_line_start)
        new, _resume, preserved = first
        if available_width is None or new is None or preserved:
            return first
        over = _overflow(context, new, available_width)
        if over <= EPSILON:
            return first
        width = available_width
        for _ in range(RETRIES):
            width -= over + 0.01
            if width <= 0:
                break
            again = split(context, box, width, skip, is_line_start)
            if again[0] is None:
                break
            over = _overflow(context, again[0], available_width)
            if over <= EPSILON:
                return again
        return first

    split_text_box.fits = True  # type: ignore[attr-defined]
    return split_text_box


def spaces_aside(split: Any) -> Any:
    """WeasyPrint's `split_first_line`, keeping a run of text whole on the line where it fits but
    for the spaces it ends with (they would hang at the line's end)."""
    if getattr(split, "spaces_aside", False):
        return split

    def split_first_line(text: str, style: Any, context: Any, max_width: float | None,
                         justification_spacing: float, is_line_start: bool = True,
                         minimum: bool = False) -> Any:
        first = split(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        words = text.rstrip(" ")
        collapsing = style["white_space"] in ("normal", "pre-line")
        if max_width is None or words == text or not words or not collapsing or first[2] is None:
            return first
        if first[1] >= len(words.encode()):
            return first  # it kept every word already
        whole = split(words, style, context, max_width, justification_spacing, is_line_start, minimum)
        if whole[2] is None and whole[3] <= max_width * (1 + 1e-9):
            # every word fits: the line ends after them, the spaces taken with it (the next line starts
            # with what follows the run, which could not have fitted after those spaces)
            return (whole[0], whole[1], len(text.encode()), *whole[3:])
        return first

    split_first_line.spaces_aside = True  # type: ignore[attr-defined]
    return split_first_line


inline.split_text_box = fitting(inline.split_text_box)
inline.split_first_line = spaces_aside(inline.split_first_line)
