"""Print-only typography: the initial (drop cap) of a text's first paragraph, note calls after
punctuation, a long standfirst shortened.

The initial is a span the renderer adds (`<span class="initial">`), set by
`styles/print.css` as a two-line lettrine: its cap height runs from the cap
height of line 1 to the baseline of line 2, and lines 1 and 2 are indented
alike. A CSS `::first-letter` cannot do this in WeasyPrint (it overprints the
first line), hence the span.

No initial where it cannot be set well: a body that does not open with a
paragraph of plain text (a heading, a list, a paragraph opening with a link or
emphasis or a figure), or whose first paragraph is too short to fill the two
lines beside the initial.

A standfirst of several paragraphs and more than LONG_STANDFIRST characters is
shortened in print to its first paragraph (a documented choice of issue 18: the
opening page then carries at least a third of a page of the text itself; setting
it smaller was not enough for the seed's three paragraphs in A5, nor in A6).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape, unescape
from typing import TYPE_CHECKING

from markupsafe import Markup

from pamphleteer.ast.traverse import text_of
from pamphleteer.parse import Block
from pamphleteer.wording import primary_language

if TYPE_CHECKING:
    from pamphleteer.render.templates import Written

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
    r'(<span class="link-note"><a [^>]*>(?:(?!</a>).)*</a></span>)((?:</(?:strong|em|b|i|cite|q|span)>)*)'
    r'([.,;:!?)\]’”»]+)',
    re.DOTALL,
)


def calls_after_punctuation(html: str) -> str:
    """Each footnote (a link's address) moved after the punctuation that follows its link, so that
    its call stands after it, as in a book: "Palestine,⁵" rather than "Palestine⁵,"; and its
    address broken only after a "/" or before a "." (`breakable_address`)."""
    return _ADDRESS.sub(_breakable, _CALL_BEFORE_PUNCTUATION.sub(r"\2\3\1", html))


_ADDRESS = re.compile(r'<span class="link-note"><a href="([^"]*)">\1</a></span>')
_ADDRESS_BREAKS = re.compile(r"(?<=/)(?=[^/])|(?<=[^/.])(?=\.)")
LONGEST_UNBROKEN = 64  # characters: a longer piece of an address may break where it must


LONGEST_SHOWN = 100  # characters: a longer address is printed cut short (`shown_address`)
_ADDRESS_PARTS = re.compile(r"(?<=/)(?=[^/])|(?=[?&#;])")  # after each "/", before each parameter


def shown_address(address: str) -> str:
    """An address (not escaped) as print shows it in a note: whole up to LONGEST_SHOWN characters;
    a longer one (a search's or a book viewer's query, a tracking parameter: 150 to 600 characters
    that fill a note and that no reader types) cut after the last of its parts that fit, its host
    and path first, then its parameters, with an ellipsis ("https://books.google.com/books?id=x…").
    The link keeps the whole address: a reader of the PDF follows it, and the ebook and the web
    page print none."""
    if len(address) <= LONGEST_SHOWN:
        return address
    parts = _ADDRESS_PARTS.split(address)
    shown = "".join(parts[:2])  # the scheme and the host, whatever their length
    for part in parts[2:]:
        if len(shown) + len(part) >= LONGEST_SHOWN:
            break
        shown += part
    return shown + "\u2026"


def printed_address(address: str) -> str:
    """An HTML-escaped address as print sets it: shortened (`shown_address`), each piece kept whole
    between the places it may break (`breakable_address`)."""
    return breakable_address(escape(shown_address(unescape(address)), quote=False))


def breakable_address(address: str) -> str:
    """An address (HTML-escaped) as print sets it in a footnote: each piece between the places it
    may break (after a "/", before a ".") kept whole, never broken at its own hyphens, with a
    break opportunity (<wbr>) between pieces; the text read or copied from the PDF is unchanged."""
    pieces = _ADDRESS_BREAKS.split(address)
    return "<wbr>".join(
        f'<span class="url-piece">{piece}</span>' if len(piece) <= LONGEST_UNBROKEN else piece
        for piece in pieces
    )


_SOURCE_URL = re.compile(r'<a class="source-url" href="([^"]*)">\1</a>')


def breakable_source_urls(html: str) -> Markup:
    """`html` (the imprint, a source note, the credits) with each text's original address broken
    as a footnote's is: only after a "/" or before a ".", never at its own hyphens."""
    def broken(match: re.Match[str]) -> str:
        address = match.group(1)
        return f'<a class="source-url" href="{address}">{printed_address(address)}</a>'

    return Markup(_SOURCE_URL.sub(broken, str(html)))


def _breakable(match: re.Match[str]) -> str:
    address = match.group(1)
    return f'<span class="link-note"><a href="{address}">{printed_address(address)}</a></span>'



LONG_STANDFIRST = 320  # characters: a standfirst longer, of several paragraphs, keeps its first in print


Write = Callable[[Iterable[Block], str], "Written"]


def short_standfirst(write: Write) -> Write:
    """`write` for a text's header in print: a long standfirst (several paragraphs, more than
    LONG_STANDFIRST characters) is shortened to its first paragraph, so that the opening page
    carries at least a third of a page of the text itself. The EPUB and web editions keep it whole."""

    def written(blocks: Iterable[Block], prefix: str) -> Written:
        blocks = tuple(blocks)
        return write(printed_standfirst(blocks) if prefix.endswith("-standfirst") else blocks, prefix)

    return written


def printed_standfirst(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """What print keeps of a standfirst: all of it, or its first paragraph when it is long
    (several paragraphs, more than LONG_STANDFIRST characters). The fidelity check asks this too."""
    long = len(blocks) > 1 and sum(len(text_of(block.node)) for block in blocks) > LONG_STANDFIRST
    return blocks[:1] if long else blocks


_NAME_TWICE = re.compile(
    r'<h3 id="(?P<id>[^"]+)">(?P<name>[^<]+)</h3>\s*<p(?P<attrs>[^>]*)>(?:<strong>)?(?P=name)(?:</strong>)?'
)


def names_once(html: str) -> Markup:
    """"About the authors" with each name printed once: a bio that opens with its author's name
    ("David Camfield lives in …") under a heading of that name loses the heading, and the name it
    opens with, in bold, takes the heading's id (what the section is labelled by)."""
    heading = r'<p\g<attrs>><strong class="author-name" id="\g<id>">\g<name></strong>'
    return Markup(_NAME_TWICE.sub(heading, str(html)))


_PIECES = re.compile(r"(<[^>]*>)")
_CAPITALISED = re.compile(r"(?<![\w’'-])([A-Z][a-z’'-]*[a-z]{5,}[a-z’'-]*)(?![\w’'-])")
_SKIPPED = ("link-note", "<pre", "<code")  # text never touched: the footnotes' addresses, code


def print_body(html: str, lang: str = "") -> Markup:
    """A text's body as print sets it: the initial, capitalised words never hyphenated (each
    in a `span.nohyphen`), nor a paragraph's last word (`span.last-word`); `lang` is the text's
    language (see `capitalised_whole`). (Ordinals come down to the baseline in every edition: N504.)"""
    return capitalised_whole(with_initial(str(html)), lang)


# Languages that write every noun with a capital: there a capital marks no name, so capitalised
# words are hyphenated like the others (German's long nouns held whole leave lines far too loose).
NOUNS_CAPITALISED = frozenset({"de", "lb", "gsw", "bar", "nds"})


def names_capitalised(lang: str) -> bool:
    """Whether a capital letter marks a name (or a sentence's first word) in language `lang`."""
    return primary_language(lang) not in NOUNS_CAPITALISED


# A paragraph's last word, when hyphenation could break it (6 letters or more: hyphenate-limit-chars),
# and when it is not a capitalised word (already whole): a word's letters, with its own hyphens.
_LAST_WORD = re.compile(r"(?<![\w’'&#-])([a-z][\w’'-]{4,}\w)(?=[^\w]*\Z)")
_LAST_ANY_WORD = re.compile(r"(?<![\w’'&#-])([^\W\d_][\w’'-]{4,}\w)(?=[^\w]*\Z)")  # capitalised too
_PARAGRAPH_ENDS = ("</p>", "</li>")


def _last_word_whole(text: str, names: bool = True) -> str:
    """`text` (a paragraph's last run of text) with its last word in a `span.last-word`, which
    print never hyphenates (it may break at its own hyphen): the paragraph never ends in a stub
    ("emancipa- / tion."), as a book designer sets it (InDesign's "hyphenate last word" off).
    Where capitals mark no names (`names` false), a capitalised last word is held whole too."""
    found = (_LAST_WORD if names else _LAST_ANY_WORD).search(text)
    if found is None:
        return _names_whole(text, names)
    before, word, after = text[:found.start()], found.group(1), text[found.end():]
    return f'{_names_whole(before, names)}<span class="last-word">{word}</span>{after}'


def _names_whole(text: str, names: bool) -> str:
    return _CAPITALISED.sub(_whole, text) if names else text



def _whole(match: re.Match[str]) -> str:
    """A capitalised word in a `span.nohyphen`; a compound ("Working-class") in a `span.compound`
    too, never broken at its hyphen: WeasyPrint, setting a paragraph that opens with one a hair
    tight, may break its first line there and leave "Working-" alone on it."""
    word = match.group(1)
    classes = "nohyphen compound" if "-" in word else "nohyphen"
    return f'<span class="{classes}">{word}</span>'


def capitalised_whole(html: str, lang: str = "") -> Markup:
    """`html` with each capitalised word of its running text in a `span.nohyphen` (never hyphenated),
    and each paragraph's last word in a `span.last-word` (`_last_word_whole`); the footnotes'
    addresses and code are left as they are. In a language `lang` that capitalises every noun
    (German), only the last words are held whole."""
    names = names_capitalised(lang)
    pieces: list[str] = []
    skipping = 0
    last: tuple[int, str] | None = None  # the paragraph's last run of text with a word: where, what
    for piece in _PIECES.split(str(html)):
        if piece.startswith("<"):
            if any(mark in piece for mark in _SKIPPED):
                skipping += 1
            elif skipping and piece in ("</span>", "</pre>", "</code>"):
                skipping -= 1
            elif skipping and piece.startswith("<span"):
                skipping += 1  # a span inside a skipped one: its end is not the skipped one's
            elif piece in _PARAGRAPH_ENDS and last is not None:
                pieces[last[0]] = _last_word_whole(last[1], names)
                last = None
            elif piece.startswith(("<p", "<li")):
                last = None
            pieces.append(piece)
        elif skipping or not piece:
            pieces.append(piece)
        else:
            if re.search(r"\w", piece):
                last = (len(pieces), piece)
            pieces.append(_names_whole(piece, names))
    return Markup("".join(pieces))
