"""Repair the damage HTML-to-Markdown converters leave in whole blocks.

Each rule takes one block and returns the blocks it becomes (none, one or
several), with a `Finding` for each repair; `each_block_to_many` runs it over a
text. Headings are renumbered over the whole body.

- `scene_breaks`: `* * *` or `- - -`, which pandoc reads as lists nested in
  lists, and escaped `\\* \\* \\*` or `•••` paragraphs become one rule (N701);
- `attribute_debris`: pandoc attributes (`{#id .class}`) and fenced-div fences
  (`:::`) left as text are removed (N702);
- `prose_code_blocks`: a code block of sentences, indented by the converter,
  becomes paragraphs again; `markdown_code_blocks`: one of Markdown (a list of
  links indented under a heading) is read as Markdown again, also inside a list's
  items (`markdown_code_in_list_items`: html2text's `*       * [link](…)`) (N703);
- `empty_blocks`: what a split HTML container left behind (an empty Div) goes (N704);
- `shift_headings`: the body's headings sit directly under the text's title,
  without skipping a level (N705).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from pamphleteer.ast import (
    attr_of,
    block_inlines,
    code_text,
    div_attr,
    events,
    header_attr,
    header_level,
    is_kind,
    kind,
    list_items,
    make_block_quote,
    make_bullet_list,
    make_div,
    make_header,
    make_horizontal_rule,
    make_ordered_list,
    make_para,
    make_plain,
    make_soft_break,
    make_str,
    ordered_list_start,
    str_text,
    table_rows,
    text_of,
    transform,
    walk,
)
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.converter_flat import flatten, slice_inlines
from pamphleteer.normalise.converter_words import word_share
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.keep import Keep, Refuse
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node, inline_markdown, markdown_to_blocks

ManyRule = Callable[[Node], tuple[list[Node], list[Finding]]]  # a block -> the blocks it becomes
OneRule = Callable[[Node], tuple[Node, list[Finding]]]  # a block -> the block it becomes
# A repair over a text's blocks, as `Stage.DAMAGE` runs each: the blocks after it, and what it did.
TextRule = Callable[[tuple[Block, ...], Path, Refuse], tuple[tuple[Block, ...], tuple[Diagnostic, ...]]]
# A block and the one after it -> the block they make and what was repaired, or None: they are no pair.
Join = Callable[[Node, Node], "tuple[Node, list[Finding]] | None"]
Alone = Callable[[Block], tuple[Block, tuple[Diagnostic, ...]]]  # a block not joined -> what it becomes

SCENE_BREAK = re.compile(r"^(?:([*\-_~•·=+#◆◇●○■□♦❖✦✧⁕※⁎∗])\s*)(?:\1\s*){2,}$|^[⁂❦❧§]$")
ATTRIBUTE = (  # `#id`, `.class` (its `--` maybe made a dash), `key=value` (its quotes maybe curled, `?=““`)
    r"(?:[#.][\w:.–—-]+|[\w?:.@-]+=(?:\"[^\"]*\"|“[^”“]*[”“]|'[^']*'|‘[^’]*’|[^\s}]+))"
)
ATTRIBUTES = re.compile(  # or an identifier with spaces, which pandoc's writer leaves as the page had it
    rf"(?:\{{\s*{ATTRIBUTE}(?:\s+{ATTRIBUTE})*\s*\}}|\{{#[^\W\d_][\s\S]*\}})"  # (`{#Mehr zum Thema}`)
)
FENCE = re.compile(rf"^:{{3,}}(?:\s*\{{[^}}]*\}}|\s*[\w-]+)?(?:\s*:{{3,}})?$|^{ATTRIBUTES.pattern}$")
FENCE_OPENING = re.compile(r"(?:^|(?<=\n)):{3,}[ \t]*")  # `:::` starting a line of a block's text
FENCE_NAME = re.compile(r"[\w-]+[ \t]*(?::{3,})?[ \t]*(?=\n|$)")  # `::: note` (`::: note :::`)
FENCE_CLOSING = re.compile(r"[ \t]+:{3,}[ \t]*(?=\n|$)")  # `:::` closing a div, run onto the line before
CODE_CHARACTERS = re.compile(r"[{}\[\]();=<>$\\|`^]|->|::|\b(?:def|function|var|const|return|import)\b")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
MARKDOWN_LINE = re.compile(r"^\s*(?:(?:[*+-]|\d{1,3}[.)])\s+\S|#{1,6}\s+\S)|\]\([^)\s]*\)")
SENTENCE_END = re.compile(r"[a-z][.!?][\"”’)]?(?:\s|$)")
MIN_PROSE_WORDS = 8
EMPTY_KINDS = ("Div", "BlockQuote", "Para", "Plain")


# -- how the converter's repairs run over a text ---------------------------------------


def never_refuse(block: Block, code: str) -> Diagnostic | None:
    """A `Refuse` for a text whose front matter keeps nothing."""
    return None


def refusing(keep: Keep, path: Path, sites: Mapping[int, Mapping[str, str]] | None = None) -> Refuse:
    """The `Refuse` of a text's front matter `keep:` entries; `sites`: the lines of blocks where
    `keep:` left damage as written that other codes would mend another way, with those codes and
    the entry (converter_source.kept_sites)."""
    def refuse(block: Block, code: str) -> Diagnostic | None:
        if not keep.allows(code, block.node):
            return keep.kept(code, block, path)
        entry = sites.get(block.line, {}).get(code) if sites else None
        return keep.kept(code, block, path, entry) if entry else None
    return refuse


def one_to_many(rule: OneRule) -> ManyRule:
    """A rule that rewrites a block, as a rule that returns the blocks it becomes."""
    def many(node: Node) -> tuple[list[Node], list[Finding]]:
        new, findings = rule(node)
        return [new], findings
    many.__name__ = rule.__name__
    return many


def _is_container(node: Node) -> bool:
    return is_kind(node, "Div", "BlockQuote")


def within_containers(rule: ManyRule) -> ManyRule:
    """`rule`, applied also to the blocks inside quotations and divs, innermost first; a quotation
    or div is rebuilt of what its blocks became only when the rule repaired one of them."""
    def deep(node: Node) -> tuple[list[Node], list[Finding]]:
        findings: list[Finding] = []
        made: list[list[Node]] = [[]]  # what the blocks of each container entered became, so far
        before: list[int] = []  # how many findings there were on entering each of those containers
        for item, leaving in events(node, into=_is_container):
            if _is_container(item) and not leaving:
                made.append([])
                before.append(len(findings))
                continue
            if leaving:
                inner, repaired = made.pop(), len(findings) > before.pop()
                if repaired and is_kind(item, "Div"):
                    item = make_div(inner, div_attr(item))
                elif repaired:
                    item = make_block_quote(inner)
            nodes, found = rule(item)
            made[-1].extend(nodes)
            findings.extend(found)
        return made[0], findings
    deep.__name__ = rule.__name__
    return deep


def each_block_to_many(
    blocks: Iterable[Block], path: Path, rule: ManyRule, refuse: Refuse = never_refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Run a rule that may drop or split blocks; each result keeps its block's line.
    A block that front matter `keep:` protects from the rule's repairs stays as it was."""
    out: list[Block] = []
    diagnostics: list[Diagnostic] = []
    for block in blocks:
        nodes, findings = rule(block.node)
        refused = [d for code in dict.fromkeys(f.code for f in findings) if (d := refuse(block, code))]
        if refused:
            out.append(block)
            diagnostics.extend(refused)
            continue
        if len(nodes) == 1 and nodes[0] is block.node:
            out.append(block)
        else:
            out.extend(Block(block.line, node) for node in nodes)
        diagnostics.extend(finding.at(path, block.line) for finding in findings)
    return tuple(out), tuple(diagnostics)


def join_pairs(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse, join: Join, *, code: str,
    alone: Alone | None = None,
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Each block joined with the one after it where `join` makes one block of the two: a repair
    `code` (its findings at the first block's line), which `keep:` may refuse (both then stay).
    `join` gives None where the two are no pair, and findings only where there is something to
    repair. A block not joined is handed to `alone`, if given (a repair of that block by itself)."""
    out: list[Block] = []
    diagnostics: list[Diagnostic] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        joined = join(block.node, blocks[index + 1].node) if index + 1 < len(blocks) else None
        if joined is not None:
            node, findings = joined
            refused = refuse(block, code)
            if refused is not None:
                diagnostics.append(refused)
            elif findings:
                out.append(Block(block.line, node))
                diagnostics.extend(finding.at(path, block.line) for finding in findings)
                index += 2
                continue
        if alone is not None:
            block, found = alone(block)
            diagnostics.extend(found)
        out.append(block)
        index += 1
    return tuple(out), tuple(diagnostics)


def over_blocks(rule: ManyRule) -> TextRule:
    """`rule` as its stage runs it: over each block of a text (see `each_block_to_many`)."""
    def run(
        blocks: tuple[Block, ...], path: Path, refuse: Refuse
    ) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
        return each_block_to_many(blocks, path, rule, refuse)
    run.__name__ = rule.__name__
    return run


def over_blocks_and_containers(rule: ManyRule) -> TextRule:
    """`rule` over each block of a text, and over the blocks inside its quotations and divs."""
    return over_blocks(within_containers(rule))


def over_rewritten_blocks(rule: OneRule) -> TextRule:
    """A rule that rewrites one block, over each block of a text."""
    return over_blocks(one_to_many(rule))


# -- the repairs -------------------------------------------------------------------


def _only_empty_lists(node: Node) -> bool:
    """A bullet list whose every item is empty or such a list: how pandoc reads `* * *`
    (every node in it a list: its items hold nothing but lists)."""
    return all(is_kind(item, "BulletList") for item in walk(node))


@rule(Stage.DAMAGE, order=40, codes={"N701": "scene breaks set as rules"}, runs=over_blocks_and_containers)
def scene_breaks(node: Node) -> tuple[list[Node], list[Finding]]:
    """`* * *` (read as nested empty lists) or a paragraph of three marks becomes a rule."""
    if _only_empty_lists(node):
        shown = "* * * (read as lists inside lists)"
    elif is_kind(node, "Para", "Plain") and SCENE_BREAK.match(text_of(node)):
        shown = text_of(node)
    else:
        return [node], []
    return [make_horizontal_rule()], [Finding("N701", "a scene break became a rule", shown, "———")]


ATTRIBUTE_NODES = ("Str", "Space", "SoftBreak", "Quoted")  # what a run of attributes may be read as
MAX_ATTRIBUTE_NODES = 200


def _piece(node: Node) -> str:
    return str_text(node) if is_kind(node, "Str") else text_of([node]) or " "


def _unbracket(out: list[Node]) -> bool:
    """A span's `[` before the attributes removed from `out` (`[Bauer-Verlag]{.kicker ?=““}`, which
    the reader could not read as a span); whether one was there."""
    for index in range(len(out) - 1, -1, -1):
        node = out[index]
        text = str_text(node) if is_kind(node, "Str") else ""
        if "]" in text:
            return False
        if "[" in text:
            cut = text.rindex("[")
            rest = text[:cut] + text[cut + 1:]
            out[index : index + 1] = [make_str(rest)] if rest else []
            return True
    return False


def _strip_attributes(inlines: list[Node]) -> tuple[list[Node], list[str]]:
    """Inlines without `{#id .class key="v"}` runs, which may span spaces, quotations and lines, and
    a span's brackets around the words before them; and what went."""
    out: list[Node] = []
    removed: list[str] = []
    index = 0
    while index < len(inlines):
        item = inlines[index]
        if is_kind(item, "Str") and "{" in str_text(item):
            end, text = index, str_text(item)
            opening = text.index("{")
            while (_balanced_end(text, opening) < 0 and end + 1 < len(inlines)
                   and end - index < MAX_ATTRIBUTE_NODES and is_kind(inlines[end + 1], *ATTRIBUTE_NODES)):
                end += 1
                text += _piece(inlines[end])
            close = _balanced_end(text, opening)
            match = ATTRIBUTES.fullmatch(text, opening, close) if close > 0 else None
            if match:
                removed.append(match.group(0))
                before, after = text[:opening], text[close:]
                if before.endswith("]") and _unbracket(out):
                    before = before[:-1]
                if before:
                    out.append(make_str(before))
                elif out and is_kind(out[-1], "Space", "SoftBreak") and not after:
                    out.pop()
                if after:
                    out.append(make_str(after))
                index = end + 1
                continue
        out.append(item)
        index += 1
    return out, removed


def _balanced_end(text: str, start: int) -> int:
    """Where the `{…}` opened at `start` closes (its braces balanced), or -1."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return -1


def _fence_debris(inlines: list[Node]) -> tuple[list[Node], bool]:
    """Inlines without the `:::` fences pandoc could not read (attributes with quotes or JSON in
    them, a fence run onto a line of text): each fence's colons, name or `{…}` go, words stay."""
    text, where = flatten(inlines)
    if ":::" not in text:
        return inlines, False
    cuts: list[tuple[int, int]] = []
    for match in FENCE_OPENING.finditer(text):
        end = match.end()
        if text.startswith("{", end):
            end = _balanced_end(text, end)
            if end < 0:
                continue
            end = re.compile(r"[ \t]*\n?").match(text, end).end()  # type: ignore[union-attr]
        elif name := FENCE_NAME.match(text, end):
            end = name.end()
        cuts.append((match.start(), end))
    cuts.extend(match.span() for match in FENCE_CLOSING.finditer(text))
    if not cuts:
        return inlines, False
    out: list[Node] = []
    position = 0
    for start, end in sorted(cuts):
        if start >= position:
            out.extend(slice_inlines(inlines, where, position, start))
            position = end
    out.extend(slice_inlines(inlines, where, position, len(text)))
    while out and is_kind(out[0], "Space", "SoftBreak"):
        out.pop(0)
    while out and is_kind(out[-1], "Space", "SoftBreak"):
        out.pop()
    return out, True


def _lines(inlines: list[Node]) -> list[list[Node]]:
    lines: list[list[Node]] = [[]]
    for item in inlines:
        if is_kind(item, "SoftBreak", "LineBreak"):
            lines.append([])
        else:
            lines[-1].append(item)
    return lines


def _may_hold_debris(node: Node) -> bool:
    """Whether any text in `node` has a `{` (attributes) or a `:` (fences): most blocks have neither,
    and `attribute_debris` then leaves them as they are."""
    for item in walk(node):
        kind_of = item["t"]
        text = item["c"] if kind_of == "Str" else item["c"][1] if kind_of in ("Code", "Math") else ""
        if "{" in text or ":" in text:
            return True
    return False


@rule(Stage.DAMAGE, order=50, codes={"N702": "pandoc attributes and fences shown as text removed"},
      runs=over_blocks_and_containers)
def attribute_debris(node: Node) -> tuple[list[Node], list[Finding]]:
    """Attributes and `:::` fences shown as text leave paragraphs and headings; attributes also
    leave the words of links, emphasis, lists and tables, wherever they are."""
    if not _may_hold_debris(node):
        return [node], []
    if is_kind(node, "BulletList", "OrderedList"):
        return _debris_in_list_items(node)
    if not is_kind(node, "Para", "Plain", "Header"):
        return _nested_attributes(node)
    heading = is_kind(node, "Header")
    inlines = block_inlines(node)
    findings: list[Finding] = []
    if not heading:  # fences: `::: note`, `:::`, `::: {#id data-x="{…}"}`, a `:::` run onto a line
        unfenced, changed = _fence_debris(inlines)
        if changed:
            findings.append(Finding("N702", "pandoc fenced-div markers shown as text were removed",
                                    shorten(text_of(inlines)), shorten(text_of(unfenced))))
            if not text_of(unfenced).strip() and not _has_media(make_para(unfenced)):
                return [], findings
            inlines = unfenced
        lines = _lines(inlines)
        fences = [line for line in lines if FENCE.match(text_of(line))]
        if fences:
            kept = [line for line in lines if not FENCE.match(text_of(line))]
            findings.append(Finding("N702", "pandoc fenced-div markers shown as text were removed",
                                    shorten(text_of(inlines)), shorten(" ".join(text_of(k) for k in kept))))
            if not any(kept):
                return [], findings
            inlines = [part for number, line in enumerate(kept)
                       for part in ([make_soft_break()] if number else []) + line]
    if heading:
        made = make_header(header_level(node), inlines, header_attr(node))
    else:
        made = make_para(inlines) if is_kind(node, "Para") else make_plain(inlines)
    stripped, removed = _without_attributes(made)
    if removed:
        findings.append(Finding("N702", "pandoc attributes shown as text were removed",
                                shorten(text_of(inlines)), shorten(text_of(stripped))))
    if not findings:
        return [node], []
    if not heading and not text_of(stripped) and not _has_media(stripped):
        return [], findings
    return [stripped], findings


def _without_attributes(node: Node) -> tuple[Node, list[str]]:
    """`node` without attributes shown as text in any inlines in it (a link's words, a list item's),
    and what went."""
    removed: list[str] = []

    def strip(inlines: list[Node]) -> list[Node]:
        out, gone = _strip_attributes(inlines)
        removed.extend(gone)
        return out if gone else inlines

    return transform(node, inlines=strip), removed


def _debris_in_list_items(node: Node) -> tuple[list[Node], list[Finding]]:
    """A list whose items hold fences and attributes shown as text (`- ::: {.autor-bild ;=""}` ⏎
    `  :::`) without them; an item left empty goes, and the list if no item is left."""
    findings: list[Finding] = []
    items: list[list[Node]] = []
    for item in list_items(node):
        made: list[Node] = []
        before = len(findings)
        for block in item:
            blocks, found = within_containers(attribute_debris)(block)
            made.extend(blocks)
            findings.extend(found)
        if made or len(findings) == before:  # an item the repair emptied goes
            items.append(made)
    if not findings:
        return _nested_attributes(node)
    if not items:
        return [], findings
    if is_kind(node, "BulletList"):
        return [make_bullet_list(items)], findings
    return [make_ordered_list(items, ordered_list_start(node))], findings


def _nested_attributes(node: Node) -> tuple[list[Node], list[Finding]]:
    """A block other than a paragraph or heading without attributes shown as text in its inlines."""
    new, removed = _without_attributes(node)
    if not removed:
        return [node], []
    return [new], [Finding("N702", "pandoc attributes shown as text were removed",
                           shorten(text_of(node)), shorten(text_of(new)))]


def looks_like_prose(text: str) -> bool:
    """Sentences rather than code: words of the language, sentence ends, almost no code symbols."""
    words = text.split()
    if len(words) < MIN_PROSE_WORDS or not SENTENCE_END.search(text):
        return False
    if len(CODE_CHARACTERS.findall(MARKDOWN_LINK.sub(r"\1", text))) * 50 > len(text):
        return False
    return word_share(words) >= 0.75


@rule(Stage.DAMAGE, order=30, codes={"N703": "prose read as code made paragraphs again"},
      runs=over_blocks_and_containers)
def prose_code_blocks(node: Node) -> tuple[list[Node], list[Finding]]:
    """A code block with no language whose content is sentences becomes paragraphs."""
    if not is_kind(node, "CodeBlock") or _code_classes(node):
        return [node], []
    content = code_text(node)
    if not looks_like_prose(content):
        return [node], []
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", content) if part.strip()]
    blocks = [make_para(inline_markdown(part)) for part in paragraphs]
    return blocks, [Finding("N703", "prose indented by the converter (read as code) became paragraphs",
                            shorten(content), shorten(text_of(blocks)))]


def looks_like_markdown(text: str) -> bool:
    """Lines of Markdown rather than code: most are list items, headings or links."""
    lines = [line for line in text.splitlines() if line.strip()]
    marked = sum(bool(MARKDOWN_LINE.search(line)) for line in lines)
    return bool(lines) and marked * 10 >= len(lines) * 6


@rule(Stage.DAMAGE, order=65, codes={}, gives=("N703",), runs=over_blocks_and_containers)
def markdown_code_blocks(node: Node) -> tuple[list[Node], list[Finding]]:
    """A code block with no language whose lines are Markdown (a list html2text indented under a
    heading, so pandoc read it as code) is read as Markdown again."""
    if not is_kind(node, "CodeBlock") or _code_classes(node) or not looks_like_markdown(code_text(node)):
        return [node], []
    content = code_text(node)
    blocks = [block.node for block in markdown_to_blocks(textwrap.dedent(content), path=Path(), first_line=1)]
    if not blocks or any(is_kind(block, "CodeBlock") for block in blocks):
        return [node], []
    return blocks, [Finding("N703", "Markdown indented by the converter (read as code) was read as Markdown",
                            shorten(content), shorten(text_of(blocks)))]


@rule(Stage.DAMAGE, order=66, codes={}, gives=("N703",), runs=over_blocks_and_containers)
def markdown_code_in_list_items(node: Node) -> tuple[list[Node], list[Finding]]:
    """A list item's code block of Markdown lines is read as Markdown again: html2text writes a menu's
    empty items as markers in a row (`*       *       * [LOTTO](…)`), and the spaces after a
    marker make the rest of the line, and the lines under it, code inside the item."""
    if not is_kind(node, "BulletList", "OrderedList"):
        return [node], []
    findings: list[Finding] = []

    def rewrite(blocks: list[Node]) -> list[Node]:
        out: list[Node] = []
        changed = False
        for block in blocks:
            made, found = markdown_code_blocks(block) if is_kind(block, "CodeBlock") else ([block], [])
            if found:  # markers in a row again inside what was read (`*       *       * [a](…)`)
                made = [inner for item in made for inner in markdown_code_in_list_items(item)[0]]
            out.extend(made)
            findings.extend(found)
            changed = changed or bool(found)
        return out if changed else blocks

    new = transform(node, blocks=rewrite)
    return ([new] if findings else [node]), findings


def _code_classes(node: Node) -> tuple[str, ...]:
    """A code block's classes: its language, when it has one."""
    return attr_of(node).classes


@rule(Stage.DAMAGE, order=60, codes={"N704": "empty blocks left by the converter removed"},
      runs=over_blocks_and_containers)
def empty_blocks(node: Node) -> tuple[list[Node], list[Finding]]:
    """A container with nothing in it (left when HTML's opening and closing tags were apart) goes."""
    if is_kind(node, *EMPTY_KINDS) and not text_of(node) and not _has_media(node):
        return [], [Finding("N704", "an empty block left by the converter was removed", kind(node), "")]
    return [node], []


LAYOUT_BLOCKS = ("Header", "Div", "Table", "Figure", "BlockQuote", "BulletList", "OrderedList",
                 "HorizontalRule", "CodeBlock")  # what a table of data does not hold in a cell


def is_layout_table(node: Node) -> bool:
    """A table the page used to lay out its content, not to show data: one column, or a cell
    holding a heading, an image, a quotation, a list, a box of its own or another table."""
    rows = [[cell for cell in cells if text_of(cell) or _has_media(make_div(cell))]
            for _heading, cells in table_rows(node)]
    if all(len(cells) <= 1 for cells in rows):
        return True
    return any(is_kind(item, *LAYOUT_BLOCKS, "Image") for cells in rows for cell in cells
               for block in cell for item in walk(block))


@rule(Stage.DAMAGE, order=35, codes={"N718": "tables used for layout set as their content"},
      runs=over_blocks_and_containers)
def layout_tables(node: Node) -> tuple[list[Node], list[Finding]]:
    """A table used for layout (a photo beside its text, a box around an advertisement) becomes
    what its cells hold, row by row, cell by cell: a reader sees no grid there."""
    if not is_kind(node, "Table") or not is_layout_table(node):
        return [node], []
    blocks = [block for _heading, cells in table_rows(node) for cell in cells for block in cell]
    return blocks, [Finding("N718", "a table used for layout was set as its content",
                            f"table: {shorten(text_of(node), 70)}", shorten(text_of(blocks)))]


def _has_media(node: Node) -> bool:
    return any(is_kind(item, "Image", "HorizontalRule", "CodeBlock", "Table") for item in walk(node))




@rule(Stage.HEADINGS, order=10, codes={"N705": "heading levels set under the title"})
def shift_headings(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse = never_refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """The body's heading levels in use become 1, 2, 3 … in order: the top sits directly under
    the text's title (which the editions set above level 1) and no level is skipped."""
    headings = [b for b in blocks if is_kind(b.node, "Header")]
    refused = [d for b in headings if (d := refuse(b, "N705"))]
    if refused:
        return blocks, tuple(refused[:1])
    levels = sorted({header_level(b.node) for b in headings})
    new_level = {level: rank for rank, level in enumerate(levels, start=1)}
    if all(level == rank for level, rank in new_level.items()):
        return blocks, ()
    out: list[Block] = []
    diagnostics: list[Diagnostic] = []
    for block in blocks:
        node = block.node
        old = header_level(node) if is_kind(node, "Header") else 0
        if old in new_level and new_level[old] != old:
            level = new_level[old]
            diagnostics.append(Diagnostic(
                "N705", Severity.INFO, "a heading's level was shifted to sit under the title",
                path, block.line, f"{'#' * old} {shorten(text_of(node), 60)}",
                f"{'#' * level} {shorten(text_of(node), 60)}",
            ))
            block = Block(block.line, make_header(level, block_inlines(node), header_attr(node)))
        out.append(block)
    return tuple(out), tuple(diagnostics)
