"""Read the head of a scraped article into metadata: masthead, title, subtitle, byline, dateline, standfirst.

The title is the first real heading before the article's prose, wherever it
stands (after a breadcrumb, a section's name, a date or a byline): never an image
or file name, never a section heading ("Opinion"), and without the site's name
it may end with ("Why X | The Nation": the name becomes the publication, N408).
A short heading above it is the masthead (the publication, N402). Bylines are read
in the forms real sites write them (`metadata.read_byline`, or a lone link to an
author's page), datelines with `metadata.read_dateline` (N407), before the title
or after it. What else stands above the title is the page's header: it goes to
the credits (N410). Each lift is a diagnostic; front matter `keep:` stops any.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from pamphleteer.ast import (
    block_inlines,
    div_blocks,
    header_inlines,
    header_level,
    is_only_emphasis,
    kind,
    link_target,
    link_text,
    list_items,
    make_plain,
    make_str,
    ordered_list_start,
    transform,
    walk,
)
from pamphleteer.ast import text_of as ast_text_of
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.boilerplate_comments import BUTTONS, COMMENT_HEADING
from pamphleteer.normalise.findings import shorten
from pamphleteer.normalise.images import is_left_out_image
from pamphleteer.normalise.keep import Keep
from pamphleteer.normalise.metadata import (
    ABOUT_ME,
    LINK_WRAPPERS,
    PLATFORM_HOSTS,
    SECOND_LEVEL,
    SHARING_HOSTS,
    address_month,
    bio_authors,
    calendar_dates,
    date_before_tags,
    dates_in,
    host_of,
    is_section_name,
    is_site,
    is_site_name,
    is_update_line,
    kicker_date,
    labelled_date,
    own_site_author,
    page_dateline,
    read_author_links,
    read_byline,
    read_dateline,
    read_name_line,
    run_in_date,
    run_in_name,
    says_by,
    signers,
    slug_author,
    split_title,
    title_author,
    title_date,
    title_run_in,
    url_date,
)
from pamphleteer.normalise.names import find_date
from pamphleteer.normalise.pullquotes import best_passage, framed_at
from pamphleteer.normalise.titles import site_suffix
from pamphleteer.parse import Block, Node

# A label the page sets over its author's name, alone on its line ("Autor", "Authors:", "Auteur").
AUTHOR_LABEL = re.compile(
    r"^(?:autor(?:in|en|innen|\*in|:innen)?|authors?|auteure?s?|autore|autori|autora|autores|written\s+by"
    r"|(?:[^\W\d_]+\s+){1,2}(?:von|by|par|por))"  # "Kommentar von", "Ein Essay von", "A column by"
    r"\s*:?$", re.IGNORECASE)
# The label and the names on one line, as an info box's item sets them ("**Author** Ben Knight",
# "Autorin: Ann Lee").
LABELLED_NAMES = re.compile(
    r"^(?:autor(?:in|en|innen)?|authors?|auteure?s?|autore|autori|autora|autores)\s*:?\s+(?P<names>\S.*)$",
    re.IGNORECASE)
HANDLE_LINE = re.compile(r"@\w{2,15}")
BY_ALONE = re.compile(r"^(?:by|written\s+by|words\s+by|von|par|por)\s*:?$", re.IGNORECASE)
MASTHEAD_MAX_WORDS = 3
PROSE_WORDS = 20  # a plain paragraph this long is the article: the head ends before it
HEAD_LIMIT = 15  # blocks; a head longer than this is not a head
FAR_TITLE_LIMIT = 200  # blocks: how far down the page's one top-level heading may stand below its menus
FAR_PROSE_RATIO = 5  # a headline found below the menus by its prose has this many times more under it
METADATA_LIST_ITEMS = 6  # at most this many lines in a list that is a meta bar
HEAD_AFTER_TITLE = 10  # blocks under the title where a byline or dateline may stand
BYLINE_REACH = 4  # blocks under a heading (a standfirst, a picture) within which its byline or date stands
LEAD_WORDS = 12  # a smaller heading under the title longer than this is its lead, no headline
PROSE_ABOVE_HEADLINE = 2  # at most this many paragraphs of prose above the headline: a pitch, a box's text
WRAPPED_WORDS = 15  # at most this many words of a heading wrapped onto the next line
WRAP_WIDTH, WRAP_SLACK = 78, 25  # html2text's line width; a wrapped line is at most this much shorter
AFTER_BYLINE_WORDS = 6  # at most this many words after a byline's line break (a "Keywords" button)
PROSE_AFTER_BREAK = 12  # a sentence this long after a line break is the article, not the byline's
IMAGE_NAME = re.compile(
    r"^[\w%.-]+\.(?:jpe?g|png|gif|webp|svg|avif|tiff?|bmp|pdf|html?|md|docx?)$"
    r"|^(?:img|dsc|image|photo|screenshot)[\s_-]*\d+",
    re.IGNORECASE,
)


class Lift:
    """Collects what leaves the body, with a diagnostic for each piece (`keep:` permitting)."""

    def __init__(self, path: Path, keep: Keep) -> None:
        self.path = path
        self.keep = keep
        self.diagnostics: list[Diagnostic] = []

    def may(self, code: str, block: Block) -> bool:
        """Whether front matter `keep:` lets `block` be lifted by repair `code` (reported when not)."""
        if self.keep.allows(code, block.node):
            return True
        self.diagnostics.append(self.keep.kept(code, block, self.path))
        return False

    def note(
        self, code: str, block: Block, message: str, after: str = "", severity: Severity = Severity.INFO
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code,
                severity,
                message,
                self.path,
                block.line,
                shorten(ast_text_of(block.node)) or kind(block.node),
                after or None,
            )
        )


@dataclass
class Head:
    """What the head of a text gave: where the body starts, metadata, standfirst, the page's header."""

    start: int = 0
    found: dict[str, object] = field(default_factory=dict)
    standfirst: list[Block] = field(default_factory=list)
    above: list[Block] = field(default_factory=list)  # page header above the title, for the credits
    lifted: set[int] = field(default_factory=set)  # indexes of blocks before `start` that left the body


def _text(block: Block) -> str:
    node = block.node
    if kind(node) == "Header":
        return ast_text_of(header_inlines(node))
    return ast_text_of(block_inlines(node)) if kind(node) in ("Para", "Plain") else ""


def _same_words(first: str, second: str) -> bool:
    def key(text: str) -> list[str]:
        return re.findall(r"[^\W_]+", text.casefold())

    return key(first) == key(second)


def _publication_name(text: str) -> str:
    """A masthead as a name: "TEMPEST" -> "Tempest" (short all-capital acronyms stay)."""
    if text.isupper() and len(text.replace(" ", "")) > 4:
        return " ".join(word.capitalize() for word in text.split())
    return text


def _is_prose(block: Block) -> bool:
    node = block.node
    return (
        kind(node) == "Para"
        and not is_only_emphasis(block_inlines(node))
        and len(_text(block).split()) >= PROSE_WORDS
        and read_byline(_text(block)) is None
    )


def _usable_title(text: str) -> bool:
    return (
        bool(re.search(r"[^\W\d_]", text))
        and not IMAGE_NAME.match(text.strip())
        and not is_section_name(text)
    )


def _byline(block: Block) -> tuple[tuple[str, ...], str] | None:
    """The block's authors and date, when it is a byline; or when its first line is one, the rest
    after a hard line break being a few words of something else ("par X, le 15 septembre 2009" /
    "Mots-clés"). Never when a sentence of prose follows the break: the article starts there."""
    if kind(block.node) not in ("Para", "Plain", "Header"):
        return None
    first, rest = _lines(block)
    if rest and len(rest.split()) > PROSE_AFTER_BREAK and rest.rstrip("”’\"' ").endswith((".", "!", "?")):
        return None
    text = _text(block)
    whole = read_byline(text) or read_author_links(text, _links(block))
    if whole is None and (pictured := _without_images(block)) is not None:
        return _byline(pictured)  # "Von [Ann Lee](/autor/ann)[![RSS-Feed von Ann Lee](/rss.gif)](/rss/ann)"
    alone = _byline(first) if first is not None and len(rest.split()) <= AFTER_BYLINE_WORDS else None
    if alone and (alone[1] or not whole):  # the first line's date, not the line after it read as one
        return alone
    return whole


def _without_images(block: Block) -> Block | None:
    """The block without its images (an author's photo, a feed's icon, whose descriptions are no
    words of the byline beside them), or None when it has none or nothing else."""
    def drop(inlines: list[Node]) -> list[Node]:
        kept = [node for node in inlines if kind(node) != "Image" and not is_left_out_image(node)]
        return kept if len(kept) != len(inlines) else inlines

    node = transform(block.node, inlines=drop)
    if node is block.node or not ast_text_of(block_inlines(node)).strip():
        return None
    return Block(block.line, node)


def _lines(block: Block) -> tuple[Block | None, str]:
    """A paragraph's words before its first hard line break, as a paragraph, and the text after it;
    (None, "") without a break."""
    inlines = block_inlines(block.node) if kind(block.node) in ("Para", "Plain") else []
    cut = next((i for i, node in enumerate(inlines) if kind(node) == "LineBreak"), None)
    if cut is None or not ast_text_of(inlines[:cut]).strip():
        return None, ""
    return Block(block.line, make_plain(inlines[:cut])), ast_text_of(inlines[cut:]).strip()


def _section_link(block: Block) -> bool:
    """A heading that is only a link to a page below the site's home ('/politiques,11'), as a section's
    name is; a masthead links to the home page, or nowhere."""
    links = _links(block)
    text = re.sub(r"\s+", " ", _text(block)).strip()
    return (len(links) == 1 and re.sub(r"\s+", " ", links[0][0]).strip() == text
            and urlsplit(links[0][1]).path.strip("/") != "")


BREADCRUMB_WORDS = 8  # at most this many words in a trail of sections ("Home ECONOMIE Conjoncture")
CRUMB_SEPARATORS = " >/»›|→·•-"


def _breadcrumb(block: Block) -> bool:
    """A line that is a trail of two links or more to the site's pages and nothing else, a few words
    ("[Home](/) [ECONOMIE](/economie) [Conjoncture](/conjoncture/)"): the sections above the page."""
    links = _links(block)
    if len(links) < 2 or len(_text(block).split()) > BREADCRUMB_WORDS:
        return False
    if any(urlsplit(target).scheme not in ("", "http", "https") or not target for _, target in links):
        return False
    rest = _text(block)
    for words, _ in links:
        rest = rest.replace(words.strip(), " ", 1)
    return not rest.strip(CRUMB_SEPARATORS + "\n\t")


def _links(block: Block) -> list[tuple[str, str]]:
    return [(ast_text_of(link_text(n)), link_target(n)) for n in walk(block.node) if kind(n) == "Link"]


def _says_by(block: Block) -> bool:
    """A byline that says so: "By X", "Written by X", or links to the authors' pages (the author's
    photo in the link aside: "[![Ann Lee](photo.png)Por Ann Lee](/autores/ann-lee)")."""
    text = _text(block)
    if says_by(text) or read_author_links(text, _links(block)) is not None:
        return True
    pictured = _without_images(block)
    return pictured is not None and _says_by(pictured)


def _single_item(block: Block) -> Block:
    """A list of one item that is one paragraph, as that paragraph (a date set as a list)."""
    if kind(block.node) in ("BulletList", "OrderedList"):
        items = list_items(block.node)
        if len(items) == 1 and len(items[0]) == 1:
            return Block(block.line, items[0][0])
    return block


def _list_lines(block: Block) -> list[Block]:
    """The paragraphs of a list's items, nested lists' and those in an item's div as well ("- ::: date"
    / "26. Oktober 2023"), each without its images (an author's photo whose alt text is the name beside
    it); [] when an item holds anything else."""
    lines: list[Block] = []
    for item in list_items(block.node):
        if not _item_lines(block.line, item, lines):
            return []
    return lines


def _item_lines(line: int, nodes: list[Node], lines: list[Block]) -> bool:
    """Adds the paragraphs of a list item's blocks to `lines` (see `_list_lines`); False when a block
    is no paragraph, list or div of them. An empty div (a share bar's remains) adds nothing."""
    for node in nodes:
        if kind(node) in ("BulletList", "OrderedList"):
            nested = _list_lines(Block(line, node))
            if not nested:
                return False
            lines.extend(nested)
        elif kind(node) == "Div":
            if not _item_lines(line, div_blocks(node), lines):
                return False
        elif kind(node) in ("Para", "Plain"):
            inlines = [inline for inline in block_inlines(node)
                       if kind(inline) != "Image" and not is_left_out_image(inline)]
            if ast_text_of(inlines).strip():
                lines.append(Block(line, make_plain(inlines)))
        else:
            return False
    return True


def _numbered_day(block: Block) -> str:
    """The text of a paragraph that opens with a day and a full stop, which Markdown read as a list of
    one item numbered from that day ("31. Oktober 2023. Dragqueens …"), the day put back; or ''."""
    if kind(block.node) != "OrderedList" or not 1 <= ordered_list_start(block.node) <= 31:
        return ""
    items = list_items(block.node)
    if len(items) != 1 or not items[0] or kind(items[0][0]) not in ("Para", "Plain"):
        return ""
    return f"{ordered_list_start(block.node)}. {ast_text_of(block_inlines(items[0][0]))}"


def _dateline(block: Block) -> str:
    return read_dateline(_text(block)) if kind(block.node) in ("Para", "Plain", "Header") else ""


def _wraps(heading: Block, block: Block) -> bool:
    """Whether `block` is the end of `heading`, which the converter wrapped onto the next line
    ("# … Supreme Court" / "justice"): a short paragraph on the heading's very next source line
    (no blank line between) that starts in lower case, or whose first word would not have fitted on
    the heading's line at the converter's width (html2text's 78 columns: "… Debatte über" / "Israel"),
    and is no byline or dateline of its own."""
    text = _text(block).strip()
    if not (kind(heading.node) == "Header" and kind(block.node) in ("Para", "Plain")
            and block.line == heading.line + 1 and 0 < len(text.split()) <= WRAPPED_WORDS):
        return False
    line = header_level(heading.node) + 1 + len(_text(heading))
    return text[:1].islower() or (
        WRAP_WIDTH - WRAP_SLACK <= line <= WRAP_WIDTH < line + 1 + len(text.split()[0])
        and _byline(block) is None and not _dateline(block))


def _kicker_over(heading: Block, block: Block) -> bool:
    """Whether the heading is a kicker and `block` the headline the converter set on its next line (a line
    break inside the heading, "# Open Progress  " / "Why collaborative thinking beats individual smarts"):
    a heading of a few words, then on its very next source line a capitalised line that ends as no
    sentence does and is no byline or dateline."""
    kicker, text = _text(heading).strip(), _text(block).strip()
    return (kind(heading.node) == "Header" and kind(block.node) in ("Para", "Plain")
            and block.line == heading.line + 1 and 0 < len(kicker.split()) <= MASTHEAD_MAX_WORDS
            and not kicker.endswith((".", ":", "!", "?")) and 3 <= len(text.split()) <= WRAPPED_WORDS
            and text[:1].isupper() and not text.endswith((".", ",", ";", ":", "!"))
            and _byline(block) is None and not _dateline(block))


def _kicker_before(title: str, site: str) -> bool:
    """Whether `site`, cut off a title, stood before it and a dash: a kicker as often as a site's name."""
    title = title.strip()
    return bool(site) and title.startswith(site) and not title[len(site):].lstrip().startswith("|")


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _is_plain_para(block: Block) -> bool:
    return kind(block.node) == "Para" and not is_only_emphasis(block_inlines(block.node))


class _Reader:
    """One pass over the head of a text."""

    def __init__(
        self, blocks: list[Block], known_title: str, lift: Lift, source: str, page: tuple[str, ...]
    ) -> None:
        self.blocks, self.known_title, self.lift = blocks, known_title, lift
        self.host, self.page = host_of(source) if source else "", frozenset(page)
        self.texts = page  # the page's texts, repeats and all
        self.head = Head()
        self.calendar: frozenset[str] = frozenset()  # dates above the title that are not the text's

    def metadata_line(self, block: Block, strict: bool = False) -> bool:
        """A byline or a dateline becomes metadata (True), or the block is something else.

        `strict` (above the title, among the site's menus): only a byline that says "by"."""
        found = self.head.found
        byline = _byline(block) if "authors" not in found else None
        if byline and strict and not _says_by(block):
            byline = None
        if byline and self.lift.may("N405", block):
            found["authors"], date = byline
            if date and "date" not in found:
                found["date"] = date
            self.lift.note(
                "N405",
                block,
                "the byline became the text's author" + (" and date" if date else ""),
                ", ".join(byline[0]) + (f"; {date}" if date else ""),
            )
            return True
        date = _dateline(block) if "date" not in found and not byline else ""
        if date and date not in self.calendar and self.lift.may("N407", block):
            found["date"] = date
            self.lift.note("N407", block, "the dateline became the text's date", date)
            return True
        return False

    def metadata_list(self, block: Block) -> bool:
        """A list under the title that is the page's meta bar ("* Par X" / "* Mis à jour le …" /
        "* Publié le …", or "* ![X](photo)Por [X](/autor/x)" / "* Brasília" / "* 03/05/2022"): its
        byline and dateline become metadata (N405, N407; the author's photo aside), the date published
        before the date updated. The list leaves the body only when every item was read so (True)."""
        found = self.head.found
        if kind(block.node) not in ("BulletList", "OrderedList") or ("authors" in found and "date" in found):
            return False
        items = _list_lines(block)
        if not items or len(items) > METADATA_LIST_ITEMS:
            return False
        bylines = [(item, read) for item in items if (read := _byline(item)) is not None]
        datelines = [(item, date) for item in items if not any(item is b for b, _ in bylines)
                     and (date := _dateline(item))]
        if len(bylines) > 1 or (not bylines and not datelines):
            return False
        crumbs = [item for item in items if not any(item is b for b, _ in bylines)
                  and not any(item is d for d, _ in datelines) and _breadcrumb(item)]
        read_any = False
        if bylines and "authors" not in found and self.lift.may("N405", bylines[0][0]):
            found["authors"], date = bylines[0][1]
            if date and "date" not in found:
                found["date"] = date
            self.lift.note("N405", bylines[0][0], "the byline in the list under the title became the text's "
                           "author" + (" and date" if date else ""),
                           ", ".join(bylines[0][1][0]) + (f"; {date}" if date else ""))
            read_any = True
        published = [pair for pair in datelines if not is_update_line(_text(pair[0]))] or datelines
        if published and "date" not in found and self.lift.may("N407", published[0][0]):
            found["date"] = published[0][1]
            self.lift.note("N407", published[0][0], "the dateline in the list under the title became the "
                           "text's date", published[0][1])
            read_any = True
        if not read_any or len(bylines) + len(datelines) + len(crumbs) != len(items):
            return False
        for crumb in crumbs:  # the section's trail beside the byline: the page's header, to the credits
            if not self.lift.may("N410", crumb):
                return False
        for crumb in crumbs:
            self.head.above.append(crumb)
            self.lift.note("N410", crumb, "a breadcrumb in the list under the title (the page's header) "
                           "left the body for the credits", "the credits")
        return True

    def frames_quote(self, index: int) -> bool:
        """Whether the rule at `index` opens or closes a pull quote: rule, emphasised paragraph,
        rule, where the paragraph repeats a passage of the text. Such rules are the quote's."""
        blocks = self.blocks
        for start in (index, index - 2):
            if start >= 0 and framed_at(blocks, start):
                others = [b for i, b in enumerate(blocks) if i not in range(start, start + 3)]
                return best_passage(blocks[start + 1], others, set())[0] >= 0
        return False

    def rule(self, index: int) -> bool:
        """A rule in the head separates the page's header from the text: it goes (N401).
        Not a rule of a pull quote's frame: the pull-quote rule reads those."""
        block = self.blocks[index]
        if (kind(block.node) == "HorizontalRule" and not self.frames_quote(index)
                and self.lift.may("N401", block)):
            self.lift.note(
                "N401", block, "a rule separating the page's header from the text was dropped"
            )
            return True
        return False

    def title_index(self, end: int) -> int | None:
        headings = [i for i in range(end) if kind(self.blocks[i].node) == "Header"]
        if self.known_title:
            for i in headings:
                text = _text(self.blocks[i])
                if _same_words(text, self.known_title) or _same_words(split_title(text)[0], self.known_title):
                    return i
            return None
        usable = [i for i in headings if self.may_be_title(self.blocks[i])]
        if not usable:
            return None
        undated = [i for i in usable if not find_date(_text(self.blocks[i]))]
        usable = undated or usable  # "Shouts & Murmurs December 22, 2014 Issue" is the section's line
        top = min(header_level(self.blocks[i].node) for i in usable)
        tops = [i for i in usable if header_level(self.blocks[i].node) == top]
        first = next((i for i in tops if self.opens_text(i, end)), tops[0])
        if self.bylined(first) or not self.over_heading(first, end):
            return first
        # the site's or a section's heading over the next one; the headline stands over the article's text
        return next((i for i in reversed(tops) if i > first and self.opens_text(i, end)
                     and not self.over_heading(i, end)), first)

    def over_heading(self, index: int, end: int) -> bool:
        """Whether the next block under the heading at `index` (rules aside) is another heading."""
        following = next((block for block in self.blocks[index + 1:end]
                          if kind(block.node) != "HorizontalRule"), None)
        return following is not None and kind(following.node) == "Header"

    def bylined(self, index: int) -> bool:
        """Whether a byline or a dateline stands under the heading at `index`: within a few blocks (its
        subtitle, a standfirst, a picture between), before any other heading (but a name set as one)."""
        blocks, level = self.blocks, header_level(self.blocks[index].node)
        probe = self.past_wrap(index)
        if (probe < len(blocks) and kind(blocks[probe].node) == "Header"
                and header_level(blocks[probe].node) > level and _byline(blocks[probe]) is None
                and not _dateline(blocks[probe])):
            probe = self.past_wrap(probe)  # its subtitle
        for block in map(_single_item, blocks[probe:probe + BYLINE_REACH]):
            if _byline(block) is not None or _dateline(block):
                return True
            if kind(block.node) == "Header" and not read_name_line(_text(block)):
                return False
        return False

    def past_wrap(self, index: int) -> int:
        """The index after the heading at `index` and its last words, when the converter wrapped them."""
        blocks = self.blocks
        wrapped = index + 1 < len(blocks) and (_wraps(blocks[index], blocks[index + 1])
                                               or _kicker_over(blocks[index], blocks[index + 1]))
        return index + 2 if wrapped else index + 1

    def headline(self, title: int | None) -> int | None:
        """The article's headline, when the title found is not followed by a byline or date: the first
        heading that is, with the article's prose under its byline, and at most a pitch or a box's text of
        prose above it (the page's menus, sections and teasers stand above the article, its byline under
        its headline). None of that: the title found stands."""
        blocks = self.blocks
        if title is not None and self.bylined(title):
            return title
        for index, block in enumerate(blocks[:FAR_TITLE_LIMIT]):
            if kind(block.node) != "Header" or not self.bylined(index) or not self.may_be_title(block):
                continue
            above = sum(_is_prose(b) for b in blocks[:index])
            if above > PROSE_ABOVE_HEADLINE:
                return title
            if (title is not None and index > title and len(_text(block).split()) > LEAD_WORDS
                    and header_level(block.node) > header_level(blocks[title].node)):
                return title  # a lead set as a smaller heading under the title, its byline under it
            if self.prose_under(index) and above < sum(_is_prose(b) for b in blocks[index + 1:]):
                return index
        return title

    def prose_under(self, index: int) -> bool:
        """Whether the article's prose starts under the heading at `index`, within the head's reach, before
        a heading as high as it (a teaser's byline is followed by the next teaser's heading)."""
        level = header_level(self.blocks[index].node)
        for block in self.blocks[index + 1:index + 1 + HEAD_AFTER_TITLE]:
            if _is_prose(block):
                return True
            if kind(block.node) == "Header" and header_level(block.node) <= level:
                return False
        return False

    def far_title(self, end: int) -> int | None:
        """With no title in the head, the page's headline below its menus and pitches: the text's one
        heading of level 1 (`#`), within the first blocks, a heading that may be a title, with more of
        the article's prose under it than above it (what stands above is the page's header: its menus,
        a site's welcome, a feature's pitch). Else (no `#`, as html2text writes `##  Ein Albtraum` under
        a breadcrumb's `# Ein Albtraum`; or several) the one heading at the text's highest level, empty
        ones aside, or of several the one the article's prose stands under, with nearly all of that prose
        under it: at most a box's text above."""
        blocks = self.blocks
        headings = [i for i, block in enumerate(blocks) if kind(block.node) == "Header"
                    and _usable_title(_text(block))]
        top = min((header_level(blocks[i].node) for i in headings), default=1)
        at_top = [i for i in headings if header_level(blocks[i].node) == top]
        # of several, the one the article's prose stands under: not a menu's, a button's, a box's
        firsts = at_top if len(at_top) == 1 else [i for i in at_top if self.prose_under(i)]
        if len(firsts) != 1 or not end <= firsts[0] < FAR_TITLE_LIMIT:
            return None
        title = firsts[0]
        if not self.may_be_title(blocks[title]):
            return None
        above = sum(_is_prose(block) for block in blocks[:title])
        below = sum(_is_prose(block) for block in blocks[title + 1:])
        if top > 1 or len(at_top) > 1:  # no page's own `#`: the article's prose, nearly all, under it
            under = above <= PROSE_ABOVE_HEADLINE and below >= FAR_PROSE_RATIO * max(above, 1)
            return title if under else None
        return title if above < below else None

    def opens_text(self, index: int, end: int) -> bool:
        """A heading with text under it (a paragraph, a byline, a picture, its subtitle), not a menu's
        or a section's heading over its list of links or straight over the next heading as high."""
        following = next((block for block in self.blocks[index + 1:end]
                          if kind(block.node) != "HorizontalRule"), None)
        if following is None:
            return True
        if kind(following.node) == "Header":
            return header_level(following.node) > header_level(self.blocks[index].node)
        return kind(following.node) not in ("BulletList", "OrderedList")

    def may_be_title(self, block: Block) -> bool:
        """A heading that can be the title: not an image's name, a section, a byline, a date, nor the
        site's own name (a logo set as a heading). Of those before the prose, the first of the highest
        level is the title: a page's own headline is its top heading, its sidebars' are lower."""
        text = _text(block)
        return (_usable_title(text) and _byline(block) is None and not _dateline(block)
                and not is_site_name(text, self.host))

    def _next_heading(self, index: int, step: int, end: int) -> int | None:
        """The heading next to `index` (`step` 1: after it, -1: before it), with only rules between
        (or datelines: a kicker, then the date, then the headline)."""
        probe = index + step
        while 0 <= probe < end and (kind(self.blocks[probe].node) == "HorizontalRule"
                                    or _dateline(self.blocks[probe])):
            probe += step
        return probe if 0 <= probe < end and kind(self.blocks[probe].node) == "Header" else None

    def _masthead_over(self, first: str, second: str) -> bool:
        return (
            len(first.split()) <= MASTHEAD_MAX_WORDS
            and (first.isupper() or len(second) > len(first))
            and _usable_title(first)
            and not (self.known_title and _same_words(first, self.known_title))
        )

    def masthead(self, title: int, end: int) -> int:
        """A short heading right above the title is the masthead (N402); returns the title's index.

        Without a front matter title, a short first heading with a longer one under it is the
        masthead and the second the title."""
        if not self.known_title:
            following = self._next_heading(title, 1, end)
            if following is not None and find_date(_text(self.blocks[following])):
                later = self._next_heading(following, 1, end)  # a section's dated line, then the title
                if later is not None and self.may_be_title(self.blocks[later]):
                    following = later
            if following is not None and self.may_be_title(self.blocks[following]) and self._masthead_over(
                _text(self.blocks[title]), _text(self.blocks[following])
            ):
                title = following
        above = self._next_heading(title, -1, end)
        if above is None or not self._masthead_over(_text(self.blocks[above]), _text(self.blocks[title])):
            return title
        name = _text(self.blocks[above])
        if _section_link(self.blocks[above]):
            return title  # "##### [Politiques](…/politiques,11)": a section's page, not the site's
        adjacent = all(kind(block.node) == "HorizontalRule" for block in self.blocks[above + 1:title])
        if self.host and not is_site(name, self.host, frozenset()) or not adjacent:
            return title  # a kicker or a section ("Film"), not the name the site's address spells
        if not self.host and header_level(self.blocks[above].node) > header_level(self.blocks[title].node):
            return title  # a smaller heading over the headline ("#### Germany"): a kicker, not a masthead
        if not self.lift.may("N402", self.blocks[above]):
            return title
        self.head.found["publication"] = _publication_name(_text(self.blocks[above]))
        self.lift.note(
            "N402",
            self.blocks[above],
            "the masthead heading became the text's publication",
            str(self.head.found["publication"]),
        )
        self.head.lifted.add(above)
        for index in range(above + 1, title):
            if self.rule(index):
                self.head.lifted.add(index)
        return title

    def above_title(self, title: int) -> None:
        """What stands above the title: bylines and dates to the metadata, the rest to the credits; of
        the dates a day-by-day navigation shows there, the one the page writes most (`calendar_dates`)."""
        self.calendar = calendar_dates([date for index in range(title) if index not in self.head.lifted
                                        and (date := _dateline(self.blocks[index]))], self.texts)
        for index in range(title):
            if index in self.head.lifted:
                continue
            block = self.blocks[index]
            if self.rule(index) or self.metadata_line(block, strict=True) or self.logo(block):
                self.head.lifted.add(index)
                continue
            self.kicker_date(block)
            self.site_beside_title(block, _text(self.blocks[title]))
            if self.lift.may("N410", block):
                self.head.above.append(block)
                self.head.lifted.add(index)
                self.lift.note(
                    "N410",
                    block,
                    "a line above the title (the page's header: a section, a breadcrumb) "
                    "left the body for the credits",
                    "the credits",
                )
        self.calendar = frozenset()

    def site_beside_title(self, block: Block, title: str) -> None:
        """The page's `<title>` as a heading above the headline ("# Kaeser verarscht Neubauer - taz.de"
        over "# Kaeser verarscht Neubauer", as reader-mode extractors write it): the site's name it
        ends with is the publication (N408). The heading goes to the credits with the page's header."""
        text = _text(block)
        if kind(block.node) != "Header" or "publication" in self.head.found or not _fold(title):
            return
        name, site = site_suffix(text, self.host, self.page - {text})
        if not site:
            name, site = split_title(text, self.host, self.page - {text})
        if site and _fold(title) in _fold(name) and self.lift.may("N408", block):
            self.head.found["publication"] = site
            self.lift.note("N408", block, "the site's name after the page's title above the headline "
                           "became the publication", site)

    def date_above(self, above: object, title: int) -> None:
        """The date read above the title stands unless a dateline under it gave another: a page's
        header often shows today's date ("Saturday 03 January 2015"), the byline the article's."""
        found = self.head.found
        if not above:
            return
        if "date" not in found:
            found["date"] = above
        elif found["date"] != above:
            self.lift.note("N407", self.blocks[title], f"the date above the title ({above}) was not "
                           "the text's: the dateline under the title gave its date", str(found["date"]))

    def kicker_date(self, block: Block) -> None:
        """A section's or tag's name with the date above the title ("conservatism May 16, 2020"): the date
        is the text's (N407); the line goes to the credits with the rest of the page's header."""
        date = kicker_date(_text(block)) if kind(block.node) in ("Para", "Plain") else ""
        if date and "date" not in self.head.found and self.lift.may("N407", block):
            self.head.found["date"] = date
            self.lift.note("N407", block, "the date beside a section's name above the title became "
                           "the text's date", date)

    def logo(self, block: Block) -> bool:
        """A heading above the title that is the site's name, letter for letter, or that name before its
        tagline: the publication (N402). True when the heading was only the name (it leaves the body)."""
        text = _text(block)
        if kind(block.node) != "Header" or "publication" in self.head.found:
            return False
        tagline, site = split_title(text, self.host, self.page - {text})
        # the site's name, or that name before its tagline ("Dwutygodnik - strona kultury")
        name = text if is_site_name(text, self.host) else site if tagline and text.startswith(site) else ""
        if not name or not self.lift.may("N402", block):
            return False
        self.head.found["publication"] = _publication_name(name)
        self.lift.note("N402", block, "the site's name set as a heading became the text's publication",
                       str(self.head.found["publication"]))
        return name == text  # with its tagline, the heading goes to the credits with the page's header

    def title(self, index: int) -> int:
        block = self.blocks[index]
        title = _text(block)
        if not self.lift.may("N403", block):
            return index
        if index + 1 < len(self.blocks) and _wraps(block, self.blocks[index + 1]):
            index += 1
            title = f"{title} {_text(self.blocks[index])}"
            self.lift.note("N403", self.blocks[index], "the title's last words, wrapped onto a line of "
                           "their own by the converter, joined the title", title)
        elif index + 1 < len(self.blocks) and _kicker_over(block, self.blocks[index + 1]):
            index += 1
            title = f"{title.strip()}: {_text(self.blocks[index]).strip()}"
            self.lift.note("N403", self.blocks[index], "the headline under the heading's kicker, on a line "
                           "of its own, joined the title", title)
        name, site = site_suffix(title, self.host, self.page - {title})
        if not site:
            name, site = split_title(title, self.host, self.page - {title})
        if _kicker_before(title, site) and not (self.host and is_site(site, self.host, frozenset())):
            site = ""  # "Corona-Pandemie - „Es kommt …“" at cicero.de: a kicker before the headline, no site
        self.head.found["title"] = name
        self.lift.note("N403", block, "the title heading became the text's title", name)
        if site and "publication" not in self.head.found and self.lift.may("N408", block):
            self.head.found["publication"] = site
            self.lift.note("N408", block, "the site's name beside the title became the publication", site)
        date = title_date(title)
        if date and "date" not in self.head.found and self.lift.may("N407", block):
            self.head.found["date"] = date
            self.lift.note("N407", block, "the date at the end of the title became the text's date", date)
        index += 1
        if (
            index < len(self.blocks)
            and kind(self.blocks[index].node) == "Header"
            and header_level(self.blocks[index].node) > header_level(block.node)
            and not read_name_line(_text(self.blocks[index]))
            and not _dateline(self.blocks[index])
            and not _byline(self.blocks[index])
            and self.lift.may("N404", self.blocks[index])
        ):
            heading, subtitle = self.blocks[index], _text(self.blocks[index])
            if index + 1 < len(self.blocks) and _wraps(heading, self.blocks[index + 1]):
                index += 1
                subtitle = f"{subtitle} {_text(self.blocks[index])}"
            self.head.found["subtitle"] = subtitle
            self.lift.note(
                "N404",
                heading,
                "the heading under the title became its subtitle",
                str(self.head.found["subtitle"]),
            )
            index += 1
        return index

    def after_title(self, index: int) -> int:
        """Rules, bylines, datelines and the bold or italic standfirst under the title.

        The byline and the date may stand after a lead paragraph ("dek") or a share bar,
        so the scan goes on to the article's second paragraph of prose; what it does not
        lift stays in the body, in its place. A standfirst is only what comes before them."""
        blocks, head = self.blocks, self.head
        start = index
        plain_seen, prose_seen = False, 0
        limit = min(len(blocks), index + HEAD_AFTER_TITLE)
        while index < limit:
            block = blocks[index]
            if framed_at(blocks, index) and self.frames_quote(index):
                index += 3  # a pull quote in its frame stays in the body, for the pull-quote rule
                continue
            if ((not plain_seen and self.rule(index)) or self.metadata_line(_single_item(block))
                    or self.metadata_list(block)):
                head.lifted.add(index)
            elif pieces := self.split_byline(index):
                head.lifted.update(range(index, index + pieces))
                index += pieces
                continue
            elif (
                not plain_seen
                and kind(block.node) == "Para"
                and is_only_emphasis(block_inlines(block.node))
                and any(_is_plain_para(b) for b in blocks[index + 1 :])
                and self.lift.may("N406", block)
            ):
                head.standfirst.append(block)
                head.lifted.add(index)
                self.lift.note("N406", block, "a leading bold or italic paragraph became the standfirst")
            elif self.repeated_title(block):
                head.lifted.add(index)
                self.header_between(start, index)
            elif (kind(block.node) == "Header" and not read_name_line(_text(block)) and _byline(block) is None
                  and (prose_seen or not self.over_byline(index))):
                break  # (a byline set as a heading, read above already, is no section's: the date may follow)
            else:
                plain_seen = plain_seen or kind(block.node) in ("Para", "Plain")
                prose_seen += _is_prose(block)
                self.run_in_date(block)
                if (prose_seen >= 2 or (prose_seen and "title" not in head.found)
                        or (prose_seen and "authors" in head.found and "date" in head.found)):
                    break  # without a title, the head ends at the article's first paragraph
            index += 1
        if "authors" not in head.found and "title" in head.found:
            self.name_line(start, index)
        self.repeated_names(index)
        return index

    def run_in_date(self, block: Block) -> None:
        """A lead paragraph under the title that opens with its date ("31. Oktober 2023. Dragqueens sind
        …", which Markdown reads as a list numbered from 31), or a meta bar that does, before the
        article's section and tags: the date is the text's (N407), over one above the title (a page's
        header shows today's); the paragraph stays as written."""
        text = _text(block) if kind(block.node) in ("Para", "Plain") else _numbered_day(block)
        date = text and (run_in_date(text) or date_before_tags(text, [words for words, _ in _links(block)]))
        if (date and "date" not in self.head.found and date not in self.calendar
                and self.lift.may("N407", block)):
            self.head.found["date"] = date
            self.lift.note("N407", block, "the date the paragraph under the title opens with became the "
                           "text's date (the paragraph stays as written)", date)

    def over_byline(self, index: int) -> bool:
        """A heading straight over a byline that says "by" or links to its authors ("## Analyse Après
        une semaine agitée…" / "Par **X**"), before the article's prose: the article's lead set as a
        heading, not a section of the body, so the head goes on to the byline under it. The heading
        stays in the body."""
        following = index + 1
        if following < len(self.blocks) and _wraps(self.blocks[index], self.blocks[following]):
            following += 1  # the heading's last words, wrapped onto a line of their own
        while (following < len(self.blocks) and kind(self.blocks[following].node) == "Header"
               and _same_words(_text(self.blocks[following]), _text(self.blocks[index]))):
            following += 1  # the same lead again (a page's print and screen versions of it)
        return ("authors" not in self.head.found and following < len(self.blocks)
                and _byline(self.blocks[following]) is not None and _says_by(self.blocks[following]))

    def repeated_title(self, block: Block) -> bool:
        """The title again as a heading under it (the page's <title>, then its headline): it goes (N403),
        and the byline and date under it are still the head's."""
        title = self.head.found.get("title")
        if (kind(block.node) != "Header" or not isinstance(title, str)
                or not _same_words(split_title(_text(block), self.host, self.page)[0], title)
                or not self.lift.may("N403", block)):
            return False
        self.lift.note("N403", block, "the title, given again as a heading under it, left the body", title)
        return True

    def header_between(self, start: int, end: int) -> None:
        """Short lines between the title and its repeat (a section's name) are the page's header: they
        go to the credits (N410), as the lines above a title do. Prose stays."""
        for index in range(start, end):
            block = self.blocks[index]
            if (index in self.head.lifted or kind(block.node) not in ("Para", "Plain")
                    or len(_text(block).split()) > MASTHEAD_MAX_WORDS or not self.lift.may("N410", block)):
                continue
            self.head.above.append(block)
            self.head.lifted.add(index)
            self.lift.note("N410", block, "a line between the title and its repeat (the page's header: a "
                           "section, a breadcrumb) left the body for the credits", "the credits")

    def split_byline(self, index: int) -> int:
        """A byline the converter cut into lines ("By" / "David Brand" / "and" / "Ramsey Khalifeh"):
        read as one line, each piece lifted. Returns how many blocks it took (0: none)."""
        blocks, found = self.blocks, self.head.found
        if "authors" in found or not BY_ALONE.match(_text(blocks[index]).strip()):
            return 0
        pieces, best, read = [_text(blocks[index]).strip()], 0, None
        for probe in range(index + 1, min(len(blocks), index + 8)):
            block = blocks[probe]
            text = _text(block).strip()
            if kind(block.node) not in ("Para", "Plain") or not text or len(text.split()) > 6:
                break
            if HANDLE_LINE.fullmatch(text):  # "@aprilroach28": the author's handle under the name
                continue
            if read_name_line(text) and read_name_line(pieces[-1]):
                text = f", {text}"  # two authors' names, each a line of its own: "April Roach" / "Dan Lee"
            pieces.append(text)
            candidate = read_byline(" ".join(pieces).replace(" , ", ", "))
            if candidate and not re.search(r"(?:,|\band|&)$", text):
                best, read = probe + 1 - index, candidate
        if read is None or not all(self.lift.may("N405", blocks[i]) for i in range(index, index + best)):
            return 0
        found["authors"], date = read
        if date and "date" not in found:
            found["date"] = date
        self.lift.note("N405", blocks[index], "a byline set over several lines became the text's author",
                       ", ".join(read[0]) + (f"; {date}" if date else ""))
        return best

    def name_line(self, start: int, end: int) -> None:
        """With no byline in the head, a line under the title that is only people's names is one."""
        for index in range(start, end):
            block = self.blocks[index]
            if _is_prose(block):
                return  # the article has begun: a name under its prose is a photo's caption, no byline
            names = read_name_line(_text(block)) if kind(block.node) in ("Para", "Plain", "Header") else ()
            if index not in self.head.lifted and names and self.lift.may("N405", block):
                self.head.found["authors"] = names
                self.head.lifted.add(index)
                self.lift.note("N405", block, "a line of names under the title became the text's author",
                               ", ".join(names))
                return

    def repeated_names(self, end: int) -> None:
        """A paragraph that is only the byline's name again (a photo's caption, a link) goes with it."""
        authors = self.head.found.get("authors")
        if not isinstance(authors, tuple) or not authors:
            return
        for index in range(end):
            block = self.blocks[index]
            if (index not in self.head.lifted and kind(block.node) in ("Para", "Plain")
                    and _text(block) in authors and self.lift.may("N405", block)):
                self.head.lifted.add(index)
                self.lift.note("N405", block, "the byline's name, given again, left the body", _text(block))

    def read(self) -> Head:
        blocks = self.blocks
        end = next(
            (i for i, block in enumerate(blocks[:HEAD_LIMIT]) if _is_prose(block)),
            min(len(blocks), HEAD_LIMIT),
        )
        index = 0
        while index < len(blocks) and self.rule(index):
            self.head.lifted.add(index)
            index += 1
        title = self.title_index(end)
        if title is None and not self.known_title:
            title = self.far_title(end)
        if not self.known_title:
            title = self.headline(title)
        if title is not None and title >= index:
            title = self.masthead(title, end)
            self.above_title(title)
            above = self.head.found.pop("date", None)  # a date under the title, by the byline, is surer
            index = self.title(title)
            if index == title:  # kept as written: the body starts at the title
                self.date_above(above, title)
                self.head.start = title
                return self.head
            self.head.lifted.update(range(title, index))
            self.head.start = self.after_title(index)
            self.date_above(above, title)
            return self.head
        elif index < len(blocks) and kind(blocks[index].node) == "Header" and self.known_title:
            self.lift.note(
                "N409",
                blocks[index],
                "the first heading differs from the front matter title, "
                "so it stays in the body; remove it from the source if it is the page's title",
                severity=Severity.WARNING,
            )
            self.head.start = index
            return self.head
        self.head.start = self.after_title(index)
        return self.head


def _labelled_author(blocks: list[Block], page: tuple[str, ...], head: Head, lift: Lift) -> None:
    """With no byline read, the names the page sets under an author's label ("#### Autor" over
    "[Nikolai Huke](/profil/…)", a meta box beside the article) are the text's authors (N405). The
    page's texts are read, as the name's link may have left the body with the page's navigation."""
    for block in blocks:  # an info box's item: "**Author** Ben Knight", the label and the names on a line
        for node in walk(block.node):
            one_line = LABELLED_NAMES.match(ast_text_of(block_inlines(node)).strip()) if kind(node) in (
                "Para", "Plain") else None
            names = read_name_line(one_line["names"]) if one_line else ()
            if names and lift.may("N405", block):
                head.found["authors"] = names
                lift.note("N405", block, "the names after the page's author label became the text's author",
                          ", ".join(names))
                return
    for index, text in enumerate(page[:-1]):
        if not AUTHOR_LABEL.match(text.strip()):
            continue
        # the label given twice (a heading and its anchor), an empty link: the names are after them
        following = next((other for other in page[index + 1:] if other.strip() not in ("", text.strip())), "")
        names = read_name_line(following.strip().rstrip(",;")) or _name_run_in(following)
        label = next((block for block in blocks if AUTHOR_LABEL.match(_text(block).strip())), None)
        if names and label is not None and lift.may("N405", label):
            head.found["authors"] = names
            lift.note("N405", label, "the names under the page's author label became the text's author",
                      ", ".join(names))
        return


def box_author(
    furniture: Sequence[Block], page: tuple[str, ...], path: Path, keep: Keep
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """For a text with no author found, the names under the page's author label where the label left
    the body with the author's box after the article (`boilerplate._author_box`: "Kommentar von" over
    "Ingo Arzt"): as `_labelled_author`, its note on the label among the page's `furniture` blocks."""
    lift, head = Lift(path, keep), Head()
    _labelled_author(list(furniture), page, head, lift)
    return tuple(head.found.get("authors", ())), lift.diagnostics  # type: ignore[arg-type]


def _name_run_in(text: str) -> tuple[str, ...]:
    """A name run into what follows it in the author's link, where the converter joined the name, the
    author's role and the photo's description: "Ingo ArztRedakteur für Wirtschaft und UmweltIngo Arzt".
    The name is the first piece when the last one, the photo's description, is the same name."""
    pieces = [piece.strip() for piece in re.split(r"(?<=[^\W\d_])(?<![A-Z])(?=[A-Z][a-z])", text.strip())]
    if len(pieces) < 2:
        return ()
    names = read_name_line(pieces[0])
    return names if len(names) == 1 and _same_words(pieces[-1], pieces[0]) else ()


BIO_BLOCKS = 3  # the text's last blocks, where a bio of its author stands


def bio_author(
    blocks: Sequence[Block], path: Path, keep: Keep
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """For a text with no author found, the authors the bio at its end names (`metadata.bio_authors`:
    "Autor*in: Prof. Dr. Ann Lee ist …", "**Ann Lee** arbeitet als …"), with its diagnostic (N405);
    the bio stays where it is. `blocks` are the body's last blocks and the text's bio."""
    lift = Lift(path, keep)
    for block in blocks:
        if kind(block.node) not in ("Para", "Plain"):
            continue
        emphasised = [ast_text_of(node) for node in walk(block.node)
                      if kind(node) in ("Strong", "Emph")]
        names = bio_authors(_text(block), emphasised)
        if names and lift.may("N405", block):
            lift.note("N405", block, "the bio at the text's end named its author", ", ".join(names))
            return names, lift.diagnostics
    return (), lift.diagnostics


RUN_IN_REACH = 4  # the body's first blocks, where a guest column's or an interview's run-in name stands


def run_in_author(
    body: Sequence[Block], titles: Sequence[str], publication: str, path: Path, keep: Keep
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """For a text with no author found, the person whose name its first paragraph runs in before a colon
    (`metadata.run_in_name`), with its diagnostic (N405); the paragraph stays as it is. Either a guest
    column: the first paragraph of prose opens "JESSICA LIVINGSTON: The most …" under a title that opens
    "Jessica Livingston: Why …" (one of `titles`, the text's and the page's headings); or an interview:
    its first question, set in bold or italics and ending in a question mark, opens with the
    interviewer's name ("**Ann Lee: Where did you arrive?**"), an answer in plain type under it. Never
    the site's name (`publication`): "ZEIT ONLINE: Herr X, …?" is the magazine asking."""
    lift = Lift(path, keep)
    prose = next((index for index, block in enumerate(body) if _is_prose(block)), len(body))
    for index in (*range(min(prose, RUN_IN_REACH)), prose):  # the questions above it, its first paragraph
        block = body[index] if index < len(body) else None
        if block is None or kind(block.node) != "Para":
            continue
        text = _text(block)
        name = run_in_name(text)
        if not name or (publication and is_site(name, "", frozenset({publication}))):
            continue
        column = index == prose and any(title_run_in(title, name) for title in titles)
        following = body[index + 1] if index + 1 < len(body) else None
        question = (index < RUN_IN_REACH and is_only_emphasis(block_inlines(block.node))
                    and text.rstrip(" *_").endswith("?")
                    and following is not None and _is_plain_para(following))
        if (column or question) and lift.may("N405", block):
            lift.note("N405", block, "the name the first paragraph runs in became the text's author ("
                      + ("the title opens with it" if column else "the interviewer's first question") + ")",
                      name)
            return (name,), lift.diagnostics
    return (), lift.diagnostics


def site_owner_author(
    blocks: Sequence[Block], page: tuple[str, ...], publication: str, path: Path, keep: Keep
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """For a text with no author found, the writer whose own site the page is (`metadata.own_site_author`:
    the publication "Wolfgang Michal" holds the copyright line and the menu links to "Über mich"), with
    its diagnostic (N405) on the "about me" link's block, which stays where it is. `blocks` are the
    page's, its menus included, `page` their texts."""
    lift = Lift(path, keep)
    links = [(block, words) for block in blocks for words, _ in _links(block)]
    # the footer's line, inside the page's divs: "© 2020 Wolfgang Michal"
    lines = tuple(text for block in blocks for node in walk(block.node) if kind(node) in ("Para", "Plain")
                  and "©" in (text := ast_text_of(block_inlines(node))))
    name = own_site_author(publication, [words for _, words in links], (*page, *lines)) if publication else ""
    about = next((block for block, words in links if ABOUT_ME.match(words.strip())), None) if name else None
    if about is None or not lift.may("N405", about):
        return (), lift.diagnostics
    lift.note("N405", about, "the site is its writer's own (its copyright line holds the name it is "
              "published under, and it links to the page about its owner): that writer became the text's "
              "author", name)
    return (name,), lift.diagnostics


def titled_author(
    titles: Sequence[str], publication: str, host: str, path: Path, keep: Keep
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """For a text with no author found, the person the page's title names between its headline and the
    site's name (`metadata.title_author`), with its diagnostic (N405). `titles` are the front matter's
    and the page's first heading, as the converter wrote them."""
    lift = Lift(path, keep)
    for title in titles:
        name = title_author(title, publication, host) if title else ""
        block = Block(1, make_plain([make_str(title)]))
        if name and lift.may("N405", block):
            lift.note("N405", block, "the name between the title's headline and the site's name became the "
                      "text's author", name)
            return (name,), lift.diagnostics
    return (), lift.diagnostics


def signed_authors(
    body: Sequence[Block], path: Path, keep: Keep
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The writers who sign the pieces of a text at their ends in brackets (`metadata.signers`: "…
    should give thanks. [A.A. Dowd]"), with a diagnostic (N405) on the first signed paragraph; the
    signatures stay where they are."""
    lift = Lift(path, keep)
    paragraphs = [block for block in body if kind(block.node) in ("Para", "Plain")]
    names = signers([_text(block) for block in paragraphs])
    first = next((block for block in paragraphs if names and _text(block).rstrip().endswith("]")), None)
    if not names or first is None or not lift.may("N405", first):
        return (), lift.diagnostics
    lift.note("N405", first, "the names that sign the text's pieces in brackets became its authors",
              ", ".join(names))
    return names, lift.diagnostics


def standfirst_author(standfirst: str, path: Path, keep: Keep) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The authors of a converter's description that is the page's byline, not its lead ("Par Didier Roy
    (Planète Asie, Les blogs du Diplo, 21 juin 2018)"): it says "by", then names (N405)."""
    lift = Lift(path, keep)
    read = read_byline(standfirst) if standfirst and says_by(standfirst) else None
    block = Block(1, make_plain([make_str(standfirst)]))
    if read is None or not lift.may("N405", block):
        return (), lift.diagnostics
    lift.note("N405", block, "the description the front matter gives is a byline: its names became the "
              "text's author", ", ".join(read[0]))
    return read[0], lift.diagnostics


def page_headings(blocks: Sequence[Block]) -> tuple[str, ...]:
    """The texts of every heading of the page's `blocks`, those inside its boxes and lists included."""
    return tuple(ast_text_of(header_inlines(node)) for block in blocks for node in walk(block.node)
                 if kind(node) == "Header")


def page_month(blocks: Sequence[Block]) -> str:
    """The year and month of the page's own address, as the links of its `blocks` (its menus and share
    buttons included) give it most often ('2023-11'; `metadata.address_month`), or ''."""
    return address_month([link_target(node) for block in blocks for node in walk(block.node)
                          if kind(node) == "Link"])


SLUG_LINE = 80  # characters at most of a line that is only a name


def page_author(
    blocks: Sequence[Block], page: tuple[str, ...], path: Path, keep: Keep
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """For a text with no author found, the one author whose page the page links to by name (an
    author's box after the article: 'Tapio Nurminen' over '[Other stories](/kirjoittaja/tapio-nurminen)',
    `metadata.slug_author`), with its diagnostic (N405); the link stays where it is. `blocks` are the
    page's, its menus and boxes included, `page` their texts."""
    lift = Lift(path, keep)
    links = [(block, link) for block in blocks for link in _links(block)]
    # the name on a line of its own inside an author's box, a list's item or a div ("- Tapio Nurminen")
    lines = tuple(text for block in blocks for node in walk(block.node) if kind(node) in ("Para", "Plain")
                  and len(text := ast_text_of(block_inlines(node)).strip()) <= SLUG_LINE)
    names, target = slug_author([link for _, link in links], (*page, *lines))
    block = next((block for block, (_, to) in links if to == target), None)
    if not names or block is None or not lift.may("N405", block):
        return (), lift.diagnostics
    lift.note("N405", block, "the link to the author's page named the text's author", ", ".join(names))
    return names, lift.diagnostics


SIGNATURE_WORDS = 8  # a signature is "Von Clemens Höges": the word for "by" and a name or two
SIGNATURE_AFTER_PROSE = 3  # blocks at most between the article's prose and its signature


def _signature(blocks: list[Block], head: Head, lift: Lift) -> None:
    """With no byline in the head, the article's signature at its end ("Von Clemens Höges" under the
    last paragraph, as magazines print it) is the text's author (N405): the body's one paragraph that
    is only a byline saying "by", with the article's prose just above it; a dateline straight under it
    gives the date (N407). They stay where they are."""
    signatures = [index for index in range(head.start, len(blocks))
                  if kind(blocks[index].node) in ("Para", "Plain")
                  and len(_text(blocks[index]).split()) <= SIGNATURE_WORDS and says_by(_text(blocks[index]))]
    if len(signatures) != 1:
        return
    index = signatures[0]
    read = read_byline(_text(blocks[index]))
    # the blocks just above it; a pull quote set as a heading between them and the prose aside
    above = [block for block in blocks[head.start:index]
             if kind(block.node) != "Header"][-SIGNATURE_AFTER_PROSE:]
    if (read is None or read[1] or not any(_is_prose(block) for block in above)
            or not lift.may("N405", blocks[index])):
        return
    head.found["authors"] = read[0]
    lift.note("N405", blocks[index], "the signature under the article became the text's author "
              "(it stays where it stands)", ", ".join(read[0]))
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    date = _dateline(following) if following is not None and "date" not in head.found else ""
    if following is not None and date and lift.may("N407", following):  # "By: X" / "Posted: Dec. 15 2014"
        head.found["date"] = date
        lift.note("N407", following, "the dateline under the signature became the text's date", date)


EXPORT_DOMINANCE = 2  # an export's host has this many links at least, and this many times another's


def _registered(host: str) -> str:
    """A host as the site's domain: 'a5.img.talkingpointsmemo.com' -> 'talkingpointsmemo.com'."""
    labels = host.split(".")
    size = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-size:])


def _path_shape(path: str) -> tuple[str, ...]:
    """An address's path as its kinds of segment: digits by their count, a word as itself, a slug as '*'
    ('/news/2020/01/15/access-to-x/' -> ('news', '####', '##', '##', '*')); the last, the post's slug."""
    segments = [segment for segment in urlsplit(path).path.split("/") if segment]
    return tuple("#" * len(s) if s.isdigit() else s.casefold() if s.isalpha() and i < len(segments) - 1
                 else "*" + (s.rsplit(".", 1)[1] if "." in s else "") for i, s in enumerate(segments))


def export_site(path: str, blocks: Sequence[Block]) -> str:
    """The site a CMS export's post is on, when its address is only a path (Hugo's `url: /news/x/`): the
    host of two of the post's links or more whose paths have that address's shape (its other posts: a
    section's word or a date, then a slug), or else the host that clearly most of its links and pictures
    go to (the only one, or three links and twice any other's: a post citing one source twice names no
    site); '' when neither."""
    shape = _path_shape(path)
    hosts: Counter[str] = Counter()
    shaped: Counter[str] = Counter()
    for node in (node for block in blocks for node in walk(block.node) if kind(node) in ("Link", "Image")):
        url = link_target(node)
        host = _registered(host_of(url)) if url.startswith(("http://", "https://")) else ""
        if not host or host in SHARING_HOSTS or host in LINK_WRAPPERS or host in PLATFORM_HOSTS:
            continue
        hosts[host] += 1
        if (len(shape) >= 2 and _path_shape(url) == shape
                and any(part != "*" and not part.startswith("*") for part in shape)):
            shaped[host] += 1
    if shaped and shaped.most_common(1)[0][1] >= 2:
        return shaped.most_common(1)[0][0]
    ranked = hosts.most_common(2)
    if ranked and ranked[0][1] >= EXPORT_DOMINANCE and (
            len(ranked) == 1 or ranked[0][1] >= max(3, EXPORT_DOMINANCE * ranked[1][1])):
        return ranked[0][0]  # its only host, or three links and more, twice any other's
    return ""


SHARED_ADDRESS = re.compile(r"https?://[^\s&\"'<>]+")
SHARED_AGREE = 2  # sharing links that carry the same site's address: a page's own, not a quoted one


def shared_site(blocks: Sequence[Block]) -> str:
    """The site of the page whose share buttons the text kept: the host that two of its sharing links
    or more carry as the address they share (Facebook's `share.php?u=https://www.cicero.de/…`,
    Twitter's `url=` or `text=`, a mail's `body=`), when one host does; '' otherwise."""
    hosts: Counter[str] = Counter()
    for node in (node for block in blocks for node in walk(block.node) if kind(node) == "Link"):
        url = link_target(node)
        host = _registered(host_of(url)) if url.startswith(("http://", "https://")) else ""
        if host not in SHARING_HOSTS and not url.startswith("mailto:"):
            continue
        shared = {_registered(host_of(address)) for _, value in parse_qsl(urlsplit(url).query)
                  for address in SHARED_ADDRESS.findall(value)}
        hosts.update(shared - SHARING_HOSTS - PLATFORM_HOSTS - {""})
    ranked = hosts.most_common(2)
    if ranked and ranked[0][1] >= SHARED_AGREE and (len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1]):
        return ranked[0][0]
    return ""


def one_address(host: str, blocks: Sequence[Block]) -> bool:
    """Whether every link of the page to `host` calls one address with a query: a service's form the page
    links to from its buttons ("Subscribe" thrice to tnr-reg.onecount.net/…/display.php?id=…), no site
    of pages; the page's own site is where its menus, its logo or its author's page go."""
    addresses = [urlsplit(url) for node in (node for block in blocks for node in walk(block.node)
                                            if kind(node) == "Link")
                 if (url := link_target(node)).startswith(("http://", "https://"))
                 and _registered(host_of(url)) == _registered(host)]
    paths = {(address.netloc.casefold(), address.path.rstrip("/")) for address in addresses}
    # a form is called with a query; a page of the site (its author's, linked thrice by the byline) is not
    return len(paths) == 1 and all(address.query for address in addresses)


def own_site(linked: str, shared: str) -> str:
    """The page's own site: the one its share buttons share (`shared`) over the one most of its links go
    to (`linked`: a network's sister site, as theonion.com's footer on an avclub.com page), unless the
    two are one name (politi.co, politico.com's short links)."""
    if not shared or not linked:
        return linked or shared
    ours, theirs = _fold(_registered(shared)), _fold(_registered(linked))
    return linked if ours.startswith(theirs) or theirs.startswith(ours) else shared


def lift_head(
    blocks: list[Block], known_title: str, lift: Lift, source: str = "", page: tuple[str, ...] = (),
    lang: str = "", month: str = "",
) -> Head:
    """Masthead, title, bylines, datelines and standfirst at the start of a text (see the module).

    `source` is the text's URL when known and `page` the texts of the page's blocks:
    they tell a site's name from words that only look like one. `lang`, the text's language,
    orders a numeric date's day and month, with the page's other dates and `month`, its own address's
    (`metadata.date_order`, `page_month`).
    """
    with dates_in(lang, page, source, month):
        head = _Reader(blocks, known_title, lift, source, page).read()
        if "authors" not in head.found:
            _labelled_author(blocks, page, head, lift)
        if "authors" not in head.found:
            _signature(blocks, head, lift)
        labelled = labelled_date(page) if "date" not in head.found and blocks else ""
        if labelled:
            head.found["date"] = labelled
            lift.note("N407", Block(blocks[0].line, make_plain([make_str(labelled)])),
                      "the date the page labels as the text's publication ('Published:', 'Erschienen am:') "
                      "became its date", labelled)
        date = url_date(source) if source and "date" not in head.found else ""
        if date and blocks:
            head.found["date"] = date
            lift.note("N407", Block(blocks[0].line, make_plain([make_str(source)])),
                      "the date in the text's address became its date", date)
        title = head.found.get("title")
        if "date" not in head.found and blocks and isinstance(title, str) and title:
            _page_dateline(blocks, page, title, head, lift)
    return head


def _stops_dateline(text: str) -> bool:
    """Where the search for a dateline after the headline ends: a heading over the readers' comments,
    a comment's reply button."""
    return bool(COMMENT_HEADING.match(text) or BUTTONS.match(text))


def _page_dateline(blocks: list[Block], page: tuple[str, ...], title: str, head: Head, lift: Lift) -> None:
    """With no date in the head, the label or the address, the first dateline alone on the page after
    its headline (`metadata.page_dateline`) is the text's date (N407); the line, where it is still
    in the body, stays."""
    line, date = page_dateline(page, title, _stops_dateline)
    at = next((block for block in blocks if _text(block).strip() == line), None) if date else None
    at = at or Block(blocks[0].line, make_plain([make_str(line)]))  # the line left with the furniture
    if date and lift.may("N407", at):
        head.found["date"] = date
        lift.note("N407", at, "the date set alone after the headline (the page's meta box) became the "
                  "text's date", date)
