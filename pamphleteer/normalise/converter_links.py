"""Repair links as HTML-to-Markdown converters break them.

- `visible_link_syntax`: `[text](url)` left as text — its URL wrapped across
  lines (html2text), its brackets escaped, or a link written inside another —
  becomes a link again (N706); an image written so becomes a left-out image;
- `links_opened_before`: html2text writes a link around a block (`<a><li>…</li></a>`) as
  `[` at the end of one block and `text ](url)` in the next: the text becomes the link,
  the stray `[` goes (N706);
- `nested_links`: a link inside a link's text: each keeps its own words (N707);
- `padded_link_targets`: `%20https://…%20`, an address with the spaces the page put
  around it, loses them (N713);
- `repeated_bare_url`: `[x](url) (url)` with the URL bare loses the repeat (N708);
- `spaces_at_link_edges`: a space the converter lost at a link's (or emphasis')
  edge, "Alexis Madrigalreports", is put back when the joined string is not a
  word and the part outside is one (never in "tweets", "un|believable", "U.S.-based",
  "Trump's") (N709);
- `spaces_before_capitals_at_edges`: where a word ending in a small letter meets a capital at
  the edge of a link, span or emphasis ("Pour mémoire[Hollande démine…](…)", two spans of
  a byline and its section, "Renata LisObyczaje"), the space the page's layout made is put
  back, in any language (N720).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pamphleteer.ast import (
    block_inlines,
    header_attr,
    header_level,
    is_kind,
    link_target,
    link_text,
    make_header,
    make_link,
    make_para,
    make_soft_break,
    make_space,
    make_str,
    merge_adjacent,
    str_text,
    strip_edges,
    text_of,
    transform,
    walk,
    with_link_target,
)
from pamphleteer.errors import Diagnostic
from pamphleteer.normalise.converter import join_pairs, over_blocks, over_rewritten_blocks
from pamphleteer.normalise.converter_flat import OBJECT, flatten, slice_inlines
from pamphleteer.normalise.converter_words import is_word
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.images import is_left_out_image, left_out_image
from pamphleteer.normalise.keep import Refuse
from pamphleteer.normalise.links import same_url, show
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node
from pamphleteer.sanitise import is_safe_link

VISIBLE_LINK = re.compile(  # [text](url), text (brackets nested once) and url over lines ('\n': a soft break)
    r"(!?)\[((?:[^\[\]]|(?<!!)\[[^\[\]]*\])*)\]"
    r"\(\s*<?((?:[a-z][a-z0-9+.-]*(?:-\n[a-z0-9+.-]+)*://|(?:mailto|data|tel|sms):|/|\.{0,2}/|#|"
    r"[\w%~+-][\w%~.+-]*/|[\w%~+.]+(?:-\n?[\w%~+.]+){2,}(?=\s*\)))"  # or a path relative to the page
    # (a scheme wrapped at its hyphen, `x-apple-data-⏎detectors://4`; a page's name of three words or
    # more, `2017-08-10-Donald-⏎Trump-et-Kim`); html2text writes an address's spaces as they are
    # (`?text=The best scenes`): words after it that no quotation mark opens (a title) are the address's too
    r"[^\s()<>" + OBJECT + r"]*(?:[ \n]+[^\s()<>\"“”'‘" + OBJECT + r"][^\s()<>\"“”" + OBJECT + r"]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|[“”][^“”\"]*[“”]|[\"“”][^()]*?[\"“”]|'[^'\n]*'|" + OBJECT + r"))?\s*\)"  # a
    # title, maybe over lines, maybe with quotation marks of its own inside (`"… to watch "Snoozeville""`)
    # (pandoc may read it as a quotation, or curl its quotes)
)
# a link to a script, or a share button's `mailto:` whose subject and body hold a page's words, quotes,
# parentheses and addresses, over lines: its parentheses balanced, it ends where they close
SCRIPT_LINK = re.compile(r"(?<!!)\[([^\[\]]*)\]\(\s*(?:javascript|vbscript|(mailto)):", re.IGNORECASE)
MAIL_TITLE = re.compile(r"\s+(?:\"[^\"]*\"|[“”][^“”\"]*[“”])\s*$")  # `"Jaa ⏎sähköpostilla"` closing it
ORPHAN_LINK = re.compile(  # `text ](url)` with its `[` in the block before: no bracket before it here
    r"^\s*([^\[\]]*?[^\s\[\]][^\[\]]*?)\s*\]\(\s*<?((?:https?://|mailto:|/)[^\s()<>]*)>?\s*\)"
)
# what may follow a heading's link in the paragraph it was wrapped into: emphasis marks and
# punctuation closing around it (`_[Whiplash](…)_`), the close of a link around it (`[![RSS](…)](…)`)
LINK_TAIL = re.compile(r"(?:\s|[_*.,;:!?)\"”’»]|\]\([^()]*\))*$")  # (its address maybe wrapped too)
WRAPPED_SPACES = re.compile(r"[ \n]+")
TRAILING_OPEN = re.compile(r"\s*\[\s*$")  # a `[` that ends a block opens a link in the next one
PASSES = 3  # `[![alt](image)](link)`: the image first, then the link around it
BARE_URL = re.compile(r"^\(<?((?:https?://|www\.)[^\s()<>]+)>?\)([.,;:!?]*)$", re.IGNORECASE)
EDGE_KINDS = ("Link", "Emph", "Strong")
SUFFIXES = frozenset((  # a word's ending, not a word of its own: "[tweet](…)s", "[walk](…)ed"
    "s es ed d ing er ers est ly ness ment ments ful able ible ity ities ise ised ises ising isation "
    "ize ized izes izing ization ism isms ist ists ian ians ic ical al ally ous ive hood ship less wise "
    "ward wards n th st nd rd"
).split())
PREFIXES = frozenset((
    "un re pre anti non dis mis over under sub super inter co de pro post mid out self semi multi"
).split())
SHORT_WORDS = frozenset("a i an as at be by do he if in is it me my no of on or so to up us we".split())
WORD_EDGE = re.compile(r"^[^\W\d_]+")
WORD_END = re.compile(r"[^\W\d_]+$")


# -- visible link syntax -------------------------------------------------------


def _link_nodes(text: list[Node], url: str) -> list[Node]:
    """A link with `text` to `url`; a link already in `text` keeps its own words and target."""
    out: list[Node] = []
    run: list[Node] = []
    for node in text + [None]:
        if node is None or is_kind(node, "Link"):
            words = strip_edges(run)
            if words:  # the spaces at the edges stay outside the link
                start = run.index(words[0])
                out.extend(run[:start])
                out.append(make_link(merge_adjacent(words), url))
                out.extend(run[start + len(words):])
            else:
                out.extend(run)
            run = []
            if node is not None:
                out.append(node)
        else:
            run.append(node)
    return out


def _unwrapped(inlines: list[Node]) -> list[Node]:
    """Inlines with their line breaks as spaces, except after a hyphen, where the converter
    wrapped a word in two ("Student-Taking-Test-smolaw11-iStock-⏎BlogImage")."""
    out: list[Node] = []
    for node in inlines:
        if is_kind(node, "SoftBreak"):
            if not (out and is_kind(out[-1], "Str") and str_text(out[-1]).endswith("-")):
                out.append(make_space())
        else:
            out.append(node)
    return merge_adjacent(out)


def _address(written: str) -> str:
    """A link's address as html2text wrote it: a line break after a hyphen is where it wrapped the
    address ("…-schools-⏎lead"), other line breaks and spaces were the address's own spaces; a dash
    is the `--` the Markdown reader took for one ("…-his-inner--208708")."""
    address = written.replace("-\n", "-").replace("—", "---").replace("–", "--")  # the reader's dashes
    return WRAPPED_SPACES.sub("%20", address)


def _written(inlines: list[Node]) -> str:
    """Inlines as the converter wrote them: an address the reader made a link of is its text again."""
    return "".join("\n" if is_kind(node, "SoftBreak") else " " if is_kind(node, "Space", "LineBreak")
                   else text_of([node]) for node in inlines)


def _script_links(inlines: list[Node], text: str, where: list[tuple[int, int]]
                  ) -> list[tuple[int, int, int, int, str]]:
    """`[words](javascript:…)` (or `mailto:…`) left as text, its parentheses balanced: for each, where
    it starts and ends, where its words are, and the address of a `mailto:` ('' for a script)."""
    found: list[tuple[int, int, int, int, str]] = []
    for match in SCRIPT_LINK.finditer(text):
        depth, index = 1, match.end()
        while index < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            index += 1
        if depth == 0 and (not found or match.start() >= found[-1][1]):
            address = ""
            if match.group(2):
                written = _written(slice_inlines(inlines, where, match.start(2), index - 1))
                address = _address(MAIL_TITLE.sub("", written.strip()).replace("\t", " ").replace("\r", ""))
            found.append((match.start(), index, match.start(1), match.end(1), address))
    return found


@rule(Stage.DAMAGE, order=80, codes={"N706": "link syntax left as text made links"},
      runs=over_rewritten_blocks)
def visible_link_syntax(node: Node) -> tuple[Node, list[Finding]]:
    """`[text](url)` shown as text (URL wrapped over lines, brackets escaped) becomes a link."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        for _ in range(PASSES):
            again = once(inlines)
            if again is inlines:
                break
            inlines = again
        return inlines

    def once(inlines: list[Node]) -> list[Node]:
        text, where = flatten(inlines)
        if "](" not in text:
            return inlines
        out: list[Node] = []
        position = 0
        for start, end, label_start, label_end, mail in _script_links(inlines, text, where):
            label = _unwrapped(slice_inlines(inlines, where, label_start, label_end))
            out.extend(slice_inlines(inlines, where, position, start))
            made = _link_nodes(label, mail) if mail else label
            out.extend(made)
            message = ("an e-mail link's syntax left as text became a link" if mail else
                       "the syntax of a link to a script, left as text, went (its words stay)")
            findings.append(Finding("N706", message, shorten(text[start:end].replace("\n", " ")),
                                    shorten(show(made)) if made else "(nothing: the link had no words)"))
            position = end
        if position:
            out.extend(slice_inlines(inlines, where, position, len(text)))
            return merge_adjacent(out)
        for match in VISIBLE_LINK.finditer(text):
            url = _address(match.group(3))
            label = _unwrapped(slice_inlines(inlines, where, match.start(2), match.end(2)))
            if not is_safe_link(url):  # `whatsapp:`, `data:`: no reader follows it; its words stay
                made = [left_out_image(label, "")] if match.group(1) else label
            else:
                made = [left_out_image(label, url)] if match.group(1) else _link_nodes(label, url)
            out.extend(slice_inlines(inlines, where, position, match.start()))
            out.extend(made)
            findings.append(Finding("N706", "Markdown link syntax left as text became a link",
                                    shorten(match.group(0).replace("\n", " ")), shorten(show(made))))
            position = match.end()
        if position == 0:
            return inlines
        out.extend(slice_inlines(inlines, where, position, len(text)))
        return merge_adjacent(out)

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


@rule(Stage.DAMAGE, order=70, codes={}, gives=("N706",), runs=over_blocks)  # before link syntax is read
def links_opened_before(node: Node) -> tuple[list[Node], list[Finding]]:
    """`text ](url)` whose `[` ended the block before (a link around a list item, as html2text
    writes it) becomes a link; a `[` left at a block's end goes, and the block if nothing is left."""
    if not is_kind(node, "Para", "Plain", "BulletList", "OrderedList", "Div", "BlockQuote"):
        return [node], []
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        text, where = flatten(inlines)
        match = ORPHAN_LINK.match(text) if "](" in text else None
        if match and not is_safe_link(match.group(2)):
            match = None
        trailing = TRAILING_OPEN.search(text, match.end() if match else 0)
        if not match and not trailing:
            return inlines
        out = _link_nodes(_unwrapped(slice_inlines(inlines, where, match.start(1), match.end(1))),
                          match.group(2)) if match else []
        out.extend(slice_inlines(inlines, where, match.end() if match else 0,
                          trailing.start() if trailing else len(text)))
        out = merge_adjacent(out)
        message = ("link syntax opened in the block before became a link" if match
                   else "a link's opening bracket left at a block's end was removed")
        findings.append(Finding("N706", message, shorten(show(inlines)), shorten(show(out))))
        return out

    new = transform(node, inlines=rewrite)
    if not findings:
        return [node], []
    if not text_of(new).strip() and not any(is_kind(item, "Image") for item in walk(new)):
        return [], findings
    return [new], findings


def _open_brackets(text: str) -> int:
    """How many `[` of the text no `]` closes after them."""
    depth = 0
    for char in text:
        depth = depth + 1 if char == "[" else max(0, depth - 1) if char == "]" else depth
    return depth


def _paragraphs_link_joined(blocks: list[Node]) -> tuple[Node, list[Finding]] | None:
    """Paragraphs as one where a link's (or an image's) words hold blank lines, so that the
    converter's `[words` ends the first and its `](url)` comes in the last (html2text: an image's
    description of several paragraphs inside a link); else None."""
    if len(blocks) < 2 or not all(is_kind(block, "Para", "Plain") for block in blocks):
        return None
    texts = [flatten(block_inlines(block))[0] for block in blocks]
    if not _open_brackets(texts[0]) or "](" not in texts[-1] or any("](" in text for text in texts[1:-1]):
        return None
    merged: list[Node] = []
    for block in blocks:
        merged.extend([make_soft_break()] * bool(merged) + block_inlines(block))
    first, last = len(texts[0]), len(flatten(merged)[0]) - len(texts[-1])
    if not any(match.start() < first and match.end() > last
               for match in VISIBLE_LINK.finditer(flatten(merged)[0])):
        return None
    return visible_link_syntax(make_para(merged))


def _heading_link_joined(node: Node, following: Node) -> tuple[Node, list[Finding]] | None:
    """A heading and the paragraph after it, as one heading, where a link html2text wrapped runs from
    one into the other (its repair's findings, none if `visible_link_syntax` finds nothing); else None.
    Paragraphs a link runs over are one paragraph (`_paragraphs_link_joined`)."""
    if not is_kind(node, "Header"):
        return _paragraphs_link_joined([node, following])
    if not is_kind(following, "Para"):
        return None
    boundary = len(flatten(block_inlines(node))[0])
    # a hard line break in what the heading's wrapped words ran into is no line of a heading's own
    # (`…--208708)  ⏎_`: html2text's emphasis closing on the next line)
    rest = [make_soft_break() if is_kind(item, "LineBreak") else item for item in block_inlines(following)]
    merged = [*block_inlines(node), make_soft_break(), *rest]
    text = flatten(merged)[0].rstrip()
    links = VISIBLE_LINK.finditer(text)
    # the link closes at the paragraph's end (but for the marks of emphasis around it, or a link
    # around it closing too), or the paragraph ends with a link (a byline of two)
    last_link = text.endswith(OBJECT)
    # (or by more links the converter wrote as text: `## [Tag](…-⏎…) : [Title](…-⏎…)`)
    def closes(end: int) -> bool:
        return bool(LINK_TAIL.match(text, end) or LINK_TAIL.match(VISIBLE_LINK.sub("", text[end:])))

    if not any(match.start() < boundary < match.end() and (last_link or closes(match.end()))
               for match in links):
        return None
    return visible_link_syntax(make_header(header_level(node), merged, header_attr(node)))


@rule(Stage.DAMAGE, order=10, codes={}, gives=("N706",))  # before any rule reads a line of the text
def heading_links_over_lines(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """A heading whose link html2text wrapped onto the next line (which then reads as a paragraph:
    `## [Safe Schools Lead With Support, Not` ⏎ `Police](https://…)`) gets its link back whole; so
    does a link whose words hold blank lines (`[![two paragraphs` ⏎⏎ `](data:…) more](/x)`)."""
    blocks, found = _paragraph_runs_joined(blocks, path, refuse)
    joined, more = join_pairs(blocks, path, refuse, _heading_link_joined, code="N706")
    return joined, found + more


RUN_SIZES = (3, 4)  # paragraphs a link's words may hold beyond a pair (a pair is `join_pairs`'s)


def _paragraph_runs_joined(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Three or four paragraphs one link runs over (`[![Like his` ⏎⏎ `Ninja Turtle namesake…` ⏎⏎
    `… in 2004.](…jpg) ](/news/…)`) as one paragraph, the link made whole (N706)."""
    out: list[Block] = []
    diagnostics: list[Diagnostic] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        found = None
        if is_kind(block.node, "Para", "Plain") and _open_brackets(flatten(block_inlines(block.node))[0]):
            for size in RUN_SIZES:
                run = blocks[index:index + size]
                joined = _paragraphs_link_joined([item.node for item in run]) if len(run) == size else None
                if joined is not None and joined[1]:
                    found = size, joined
                    break
        if found is not None:
            refused = refuse(block, "N706")
            if refused is None:
                size, (node, findings) = found
                out.append(Block(block.line, node))
                diagnostics.extend(finding.at(path, block.line) for finding in findings)
                index += size
                continue
            diagnostics.append(refused)
        out.append(block)
        index += 1
    return tuple(out), tuple(diagnostics)


# -- links nested in links -------------------------------------------------------


@rule(Stage.DAMAGE, order=90, codes={"N707": "links inside links separated"}, runs=over_rewritten_blocks)
def nested_links(node: Node) -> tuple[Node, list[Finding]]:
    """A link inside another link's text: the inner keeps its words, the outer the rest."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for item in inlines:
            if is_kind(item, "Link") and any(is_kind(child, "Link") for child in link_text(item)):
                made = _link_nodes(link_text(item), link_target(item))
                findings.append(Finding("N707", "a link inside a link became two links",
                                        show([item]), show(made)))
                out.extend(made)
            else:
                out.append(item)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- spaces around a link's address ----------------------------------------------

PADDING = re.compile(r"^(?:\s|%20)+|(?:\s|%20)+$", re.IGNORECASE)


@rule(Stage.DAMAGE, order=95, codes={"N713": "spaces around links' addresses removed"},
      runs=over_rewritten_blocks)
def padded_link_targets(node: Node) -> tuple[Node, list[Finding]]:
    """A link whose address the page wrote with spaces around it (`href=" https://… "`, which a
    converter encodes as `%20https://…%20`) gets its address without them."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for item in inlines:
            target = link_target(item) if is_kind(item, "Link") else ""
            trimmed = PADDING.sub("", target)
            if trimmed != target and trimmed and is_safe_link(trimmed):
                item = with_link_target(item, trimmed)
                findings.append(Finding("N713", "the spaces around a link's address were removed",
                                        target, trimmed))
            out.append(item)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- a bare URL repeated after its link ------------------------------------------


@rule(Stage.DAMAGE, order=100, codes={"N708": "bare URL repeated after its link dropped"},
      runs=over_rewritten_blocks)
def repeated_bare_url(node: Node) -> tuple[Node, list[Finding]]:
    """`[x](url) (url)`, the repeat a bare URL in parentheses: it goes, punctuation after it stays."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        index = 0
        while index < len(inlines):
            item = inlines[index]
            out.append(item)
            spaced = index + 2 < len(inlines) and is_kind(inlines[index + 1], "Space", "SoftBreak")
            if is_kind(item, "Link") and spaced:
                following = inlines[index + 2]
                match = BARE_URL.match(str_text(following)) if is_kind(following, "Str") else None
                if match and same_url(match.group(1), link_target(item)):
                    if match.group(2):
                        out.append(make_str(match.group(2)))
                    findings.append(Finding("N708", "a bare URL repeated after its link was dropped",
                                            show(inlines[index : index + 3]), show([item]) + match.group(2)))
                    index += 3
                    continue
            index += 1
        return merge_adjacent(out)

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- spaces lost at a link's edge ------------------------------------------------


def _edge_word(node: Node, last: bool) -> str:
    text = text_of([node])
    match = (WORD_END if last else WORD_EDGE).search(text)
    return match.group(0) if match else ""


def _needs_space(inside: str, outside: str, outside_is_after: bool) -> bool:
    """Was a space lost between `inside` (the link's edge word) and `outside`?"""
    if not inside or not outside:
        return False
    joined = inside + outside if outside_is_after else outside + inside
    if is_word(joined):
        return False
    affixes = SUFFIXES if outside_is_after else PREFIXES
    if outside.lower() in affixes:
        return False
    return (len(outside) >= 3 or outside.lower() in SHORT_WORDS) and is_word(outside)


def _lost_space(previous: Node, item: Node) -> bool:
    """Was a space lost between two neighbouring inlines, a link (or emphasis) and a word?"""
    if is_kind(item, "Str") and is_kind(previous, *EDGE_KINDS):
        outside = WORD_EDGE.search(str_text(item))
        return outside is not None and _needs_space(_edge_word(previous, True), outside.group(0), True)
    if is_kind(item, *EDGE_KINDS) and is_kind(previous, "Str"):
        outside = WORD_END.search(str_text(previous))
        return outside is not None and _needs_space(_edge_word(item, False), outside.group(0), False)
    if is_kind(item, *EDGE_KINDS) and is_kind(previous, *EDGE_KINDS):  # "_From the book_[The Book](…)"
        before, after = _edge_word(previous, True), _edge_word(item, False)
        return _needs_space(before, after, True) and _needs_space(after, before, False)
    return False


# After the emphasis debris: "_the_**[Decade](…)" is "_the_[Decade](…)" first.
@rule(Stage.DAMAGE, order=120, codes={"N709": "spaces lost at links' edges put back"},
      runs=over_rewritten_blocks)
def spaces_at_link_edges(node: Node) -> tuple[Node, list[Finding]]:
    """A link or emphasis run into the word before or after it gets its space back."""
    return _spaces_put_back(node, _lost_space, "N709", "a space lost at a link's edge was put back")


def _spaces_put_back(node: Node, lost: Callable[[Node, Node], bool], code: str,
                     message: str) -> tuple[Node, list[Finding]]:
    """`node` with a space put between each two inlines in a row that `lost` says lost theirs, and a
    finding for each (before and after)."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for index, item in enumerate(inlines):
            if index and lost(inlines[index - 1], item):
                previous = inlines[index - 1]
                findings.append(Finding(code, message, show([previous, item]),
                                        show([previous, make_space(), item])))
                out.append(make_space())
            out.append(item)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- a space lost where a word meets a capitalised word at an inline's edge -------------

CASE_EDGE_KINDS = ("Link", "Span", "Emph", "Strong", "Underline", "SmallCaps")
LOWER_END = re.compile(r"[^\W\d_]{3,}$")  # a word of three letters or more, ending the text before
UPPER_START = re.compile(r"^[^\W\d_]")


def _case_edge(previous: Node, item: Node) -> bool:
    """Does a word ending in a small letter meet a capital at the edge of a link, span or emphasis
    ("Pour mémoire[Hollande démine…](…)", `<span>Renata Lis</span><span>Obyczaje</span>`)?
    No language writes a capital straight after a small letter across such an edge: a
    converter lost the space the page's layout made between two elements."""
    if not (is_kind(previous, *CASE_EDGE_KINDS) or is_kind(item, *CASE_EDGE_KINDS)):
        return False
    if not (is_kind(previous, "Str", *CASE_EDGE_KINDS) and is_kind(item, "Str", *CASE_EDGE_KINDS)):
        return False
    if is_left_out_image(previous) or is_left_out_image(item):  # an image's description is no word beside
        return False  # the text (its caption, run on after it, goes with it)
    before, after = LOWER_END.search(text_of([previous])), UPPER_START.match(text_of([item]))
    return bool(before and after and before.group(0)[-1].islower() and after.group(0).isupper())


@rule(Stage.DAMAGE, order=122, codes={"N720": "spaces lost between a word and a capitalised one at an "
                                                "inline's edge put back"}, runs=over_rewritten_blocks)
def spaces_before_capitals_at_edges(node: Node) -> tuple[Node, list[Finding]]:
    """A link, span or emphasis run into the word beside it where a small letter meets a capital
    ("AnalyseLe Parti socialiste…", "Renata LisObyczaje") gets its space back, in any language."""
    return _spaces_put_back(node, _case_edge, "N720", "a space lost where a word met a capitalised one "
                            "at an inline's edge was put back")
