"""Find the words of a text, in order, in the words of an edition, and name the ones that are not there.

Words are compared, not characters: letters and digits only, lower-cased,
after NFKC (so ligatures such as "ﬁ" are two letters) and with words
hyphenated at a line end joined again. The edition may hold more than the
text: running heads, page numbers, footnotes, pull quotes, page-break markers.
The two word lists are aligned (difflib's longest matching blocks); each
stretch of the text left unmatched is then forgiven only when it stands
word for word between its neighbours elsewhere in the edition (the
alignment paired a title with its repeat in the contents), or its letters
stand in the facing stretch of the edition — a compound split or joined at a
line end ("working-" / "class"), a footnote number glued to a word
("Canada1"), a word hyphenated across a page break with the page's notes and
number between its halves — or, with `displaced` set (for PDF text, whose extraction
order is not always the reading order), when its words stand within a few
words of where they belong (a floated initial letter), or a longer run of them
stands there whole and in order (the words after an inline image). Every other
unmatched word is missing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

LINE_END_HYPHEN = re.compile(r"[-\u2010\u2011\u00ad]\s*\n\s*")
WORD = re.compile(r"[^\W_]+")
DIGITS = re.compile(r"\d")
DISPLACEMENT = 40  # words: how far a displaced word may stand from its place
DISPLACED_RUN = 3  # words: the longest unmatched run that may count as displaced
CONTEXT = 3  # words: the neighbours a run must keep to be found in its context


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, with line-end hyphenation undone."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = LINE_END_HYPHEN.sub("", text)
    return WORD.findall(text.lower())


@dataclass(frozen=True)
class Missing:
    """A run of the text's words that the edition lacks: where it starts, and the words around it."""

    index: int  # position of the first missing word in the text's word list
    words: tuple[str, ...]
    context: str  # the missing words with a few before and after, as a reader would search for them


@dataclass(frozen=True)
class Match:
    """How much of a text an edition carries, in order."""

    total: int
    missing: tuple[Missing, ...]

    @property
    def missing_words(self) -> int:
        return sum(len(run.words) for run in self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing


def _forgiven(expected: list[str], found: list[str]) -> bool:
    """An unmatched stretch whose letters stand in the facing stretch of the edition.

    Either all together ("working" "class" as "workingclass", "canada" as
    "canada4", "palestine" "iran" as "palestine5" "iran6"), or split between
    the start of the stretch's first word and the end of its last, with notes,
    a page number and a running head between them (a word hyphenated across a page break: "every" … "where").
    """
    letters = "".join(expected)
    if not letters or not found:
        return False
    if not DIGITS.search(letters):  # note numbers glued to words: "palestine5" "iran6"
        found = [stripped for stripped in (DIGITS.sub("", word) for word in found) if stripped]
        if not found:
            return False
    if letters in "".join(found):
        return True
    first, last = found[0], found[-1]
    return len(found) > 1 and any(
        first.startswith(letters[:split]) and last.endswith(letters[split:])
        for split in range(1, len(letters))
    )


def _in_context(run: list[str], before: list[str], after: list[str], edition_line: str) -> bool:
    """The run stands in the edition together with the words around it in the text, word for word.

    The alignment can pair a heading with its repetition in the contents or
    the imprint; the run is there all the same if it is found in its place
    between its neighbours somewhere in the edition.
    """
    return any(
        f" {' '.join(sequence)} " in edition_line
        for sequence in ([*before, *run], [*run, *after])
        if len(sequence) >= len(run) + CONTEXT
    )


def _displaced(run: list[str], edition: list[str], near: int) -> bool:
    """Whether a run of words stands a little away from its place: a few words anywhere near it, or a
    longer run whole and in order (pdftotext reads the words after an inline image in a justified
    line as a block of their own, after the lines beside it)."""
    window = edition[max(0, near - DISPLACEMENT) : near + DISPLACEMENT]
    if len(run) > DISPLACED_RUN:
        return f" {' '.join(run)} " in f" {' '.join(window)} "
    return all(word in window for word in run)


def match_in_order(text: list[str], edition: list[str], *, displaced: bool = False) -> Match:
    """Align the text's words with the edition's and list the runs of text words the edition lacks."""
    matcher = difflib.SequenceMatcher(None, edition, text, autojunk=False)
    missing: list[Missing] = []
    edition_at = text_at = 0
    edition_line = f" {' '.join(edition)} "
    for block in matcher.get_matching_blocks():  # the last block is (len(edition), len(text), 0)
        gap_text, gap_edition = text[text_at : block.b], edition[edition_at : block.a]
        if (
            gap_text
            and not _forgiven(gap_text, gap_edition)
            and not _in_context(
                gap_text,
                text[max(0, text_at - CONTEXT) : text_at],
                text[block.b : block.b + CONTEXT],
                edition_line,
            )
            and not (displaced and _displaced(gap_text, edition, edition_at))
        ):
            before, after = text[max(0, text_at - 6) : text_at], text[block.b : block.b + 6]
            shown = " ".join(gap_text[:40]) + (" …" if len(gap_text) > 40 else "")
            context = " ".join(before) + f" [{shown}] " + " ".join(after)
            missing.append(Missing(text_at, tuple(gap_text), context.strip()))
        edition_at, text_at = block.a + block.size, block.b + block.size
    return Match(total=len(text), missing=tuple(missing))
