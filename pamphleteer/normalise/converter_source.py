"""Repair what a converter did to the Markdown's lines, which no rule over the AST can mend.

Some damage decides how pandoc cuts the text into blocks, so it must be mended in
the text itself (`Stage.SOURCE`, run by `parse.read_markdown`):

- `html_tags_over_blank_lines`: a raw HTML tag with a blank line inside it (an attribute's
  value that spans paragraphs: `data-caption="…» ⏎ ⏎ Bild: …"`) ends pandoc's HTML block
  in the middle of the tag, and the tag, left open, swallows the article after it
  into one figure. The blank lines go from inside the tag to where its HTML block
  ends, so every line after it keeps its number (N715).

- `pandoc_tables`: grid tables (`+---+---+`) and simple tables (a header over `---- ----`),
  which pandoc's Markdown writer makes and the CommonMark reader cannot read (their rows
  become paragraphs of pipes and dashes), are read with pandoc's own Markdown reader; the
  table stands in the text as a one-line placeholder (its other lines left blank) that
  `put_back` replaces with the table once the text is read (N717).

- `wrapped_table_rows`: html2text wraps a table's rows at 78 columns, so the rest of a row
  reads as a paragraph with the cells' pipes in it; a row ends where html2text ends it (two
  spaces, its line break) and holds the header's number of pipes: the lines of one row are
  joined again, the lines they took left blank at the table's end (N719).

Each rule takes the Markdown and returns a `SourceRepair`: it repaired, each repair's (0-based)
line and `Finding`, and the nodes it read itself; front matter `keep:` naming a rule's code
leaves the text as written.
"""

from __future__ import annotations

import bisect
import re
import secrets
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pamphleteer.ast import is_kind, str_text, text_of, transform
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.nesting import load_json
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.registry import Stage, rule, rules
from pamphleteer.parse import Block, Node, _pandoc


@dataclass(frozen=True)
class SourceRepair:
    """What a source rule made of the Markdown: the text, each repair's (0-based) line and
    finding, and the blocks it read itself, each to stand where its placeholder paragraph is."""

    markdown: str
    found: list[tuple[int, Finding]] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)


SourceRule = Callable[[str], SourceRepair]

ATTRIBUTE_VALUE = r"(?:\"[^\"]{0,5000}\"|'[^']{0,5000}'|[^\s\"'=<>`]+)"
TAG = re.compile(  # an HTML start tag, its quoted values over any number of lines
    rf"<[A-Za-z][\w-]*(?:\s+[^\s\"'<>/=]+(?:\s*=\s*{ATTRIBUTE_VALUE})?)*\s*/?>"
)
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")  # a line break and the blank lines after it
BLOCK_END = re.compile(r"\n[ \t]*(?=\n)|\Z")  # where an HTML block ends: its next blank line
FENCE_LINE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)


def _outside_fences(markdown: str) -> list[tuple[int, int]]:
    """The stretches of the text outside fenced code blocks, as (start, end)."""
    spans: list[tuple[int, int]] = []
    start, fenced = 0, False
    for match in FENCE_LINE.finditer(markdown):
        if not fenced:
            spans.append((start, match.start()))
        else:
            start = markdown.find("\n", match.end()) + 1 or len(markdown)
        fenced = not fenced
    if not fenced:
        spans.append((start, len(markdown)))
    return spans


PASSES = 3  # two cut tags in one HTML block: the second is made whole in the next pass


@rule(Stage.SOURCE, order=10, codes={"N715": "raw HTML tags cut by a blank line made whole"})
def html_tags_over_blank_lines(markdown: str) -> SourceRepair:
    """A raw HTML tag with blank lines inside it is made one HTML block: the blank lines move
    to where the block ends."""
    found: list[tuple[int, Finding]] = []
    for _ in range(PASSES):
        markdown, again = _tags_made_whole(markdown)
        if not again:
            break
        found.extend(again)
    return SourceRepair(markdown, found)


def _tags_made_whole(markdown: str) -> tuple[str, list[tuple[int, Finding]]]:
    """One pass of `html_tags_over_blank_lines`: the first cut tag of each HTML block."""
    if "<" not in markdown:
        return markdown, []
    found: list[tuple[int, Finding]] = []
    pieces: list[str] = []
    position = 0
    for start, end in _outside_fences(markdown):
        for tag in TAG.finditer(markdown, start, end):
            if tag.start() < position or not BLANK_LINES.search(tag.group(0)):
                continue
            joined = BLANK_LINES.sub("\n", tag.group(0))
            removed = tag.group(0).count("\n") - joined.count("\n")
            block_end = BLOCK_END.search(markdown, tag.end())
            stop = block_end.start() if block_end else len(markdown)
            pieces.extend((markdown[position : tag.start()], joined, markdown[tag.end() : stop]))
            pieces.append("\n" * removed)
            position = stop
            found.append((markdown.count("\n", 0, tag.start()), Finding(
                "N715", "a raw HTML tag cut by blank lines (they ended its HTML block inside the tag, "
                "which then swallowed the text after it) was made whole",
                shorten(" ".join(tag.group(0).split())), shorten(" ".join(joined.split())))))
    if not found:
        return markdown, []
    pieces.append(markdown[position:])
    return "".join(pieces), found


# -- tables the CommonMark reader cannot read -------------------------------------------

GRID_BORDER = re.compile(r"^( *)\+(?:[-=:]+\+)+[ \t]*$")
GRID_ROW = re.compile(r"^ *[|+].*[|+][ \t]*$")
SIMPLE_DASHES = re.compile(r"^( *)-{3,}(?: +-{3,})+[ \t]*$")  # two columns or more
MAX_TABLE_LINES = 1000  # a headerless table's closing dashes are looked for this far
PANDOC_MARKDOWN = "markdown"  # pandoc's own reader, which knows its writer's tables


def _blank(line: str) -> bool:
    return not line.strip()


def _grid_table(lines: list[str], start: int) -> int:
    """Where a grid table starting at `start` ends (its last line + 1), or 0."""
    border = GRID_BORDER.match(lines[start])
    if not border:
        return 0
    indent = border.group(1)
    end = start + 1
    while end < len(lines) and lines[end].startswith(indent) and GRID_ROW.match(lines[end]):
        end += 1
    return end if end - start >= 3 and GRID_BORDER.match(lines[end - 1]) else 0


def _simple_table(lines: list[str], start: int) -> int:
    """Where a simple table starting at `start` (its header, or its first dashes when it has none)
    ends, or 0. A table stands between blank lines; a headerless one (or a multiline one, its
    rows apart) ends with dashes too. Pandoc's reader decides whether it is a table."""
    if start and not _blank(lines[start - 1]):
        return 0
    if SIMPLE_DASHES.match(lines[start]):  # no header: dashes, rows (a multiline table's apart), dashes
        end = start + 1
        while end < min(len(lines), start + MAX_TABLE_LINES) and not SIMPLE_DASHES.match(lines[end]):
            end += 1
        closed = end < len(lines) and SIMPLE_DASHES.match(lines[end]) and (end + 1 == len(lines)
                                                                            or _blank(lines[end + 1]))
        return end + 1 if closed and end > start + 1 else 0
    if _blank(lines[start]) or start + 2 >= len(lines) or not SIMPLE_DASHES.match(lines[start + 1]):
        return 0
    end = start + 2
    while end < len(lines) and not _blank(lines[end]):
        end += 1
    return end if end > start + 2 else 0


def _tables_read(tables: list[str]) -> list[Node | None]:
    """Each table's Markdown as pandoc's Markdown reader reads it (None where it read no one table,
    or could not run)."""
    marker = f"pamphleteer-table-{secrets.token_hex(6)}-"
    document = "\n\n".join(f"::: {{#{marker}{index}}}\n{table}\n:::" for index, table in enumerate(tables))
    out: list[Node | None] = [None] * len(tables)
    try:
        blocks = load_json(_pandoc(document, PANDOC_MARKDOWN, "json"))["blocks"]
    except (subprocess.SubprocessError, OSError, ValueError, KeyError):
        return out
    for block in blocks:
        identifier = block["c"][0][0] if is_kind(block, "Div") else ""
        inner = block["c"][1] if is_kind(block, "Div") else []
        if identifier.startswith(marker) and len(inner) == 1 and is_kind(inner[0], "Table"):
            index = int(identifier[len(marker):])
            if index < len(tables):
                out[index] = inner[0]
    return out


@rule(Stage.SOURCE, order=20, codes={"N717": "grid and simple tables read as tables"})
def pandoc_tables(markdown: str) -> SourceRepair:
    """Grid and simple tables, which the CommonMark reader shows as lines of pipes and dashes, are
    read with pandoc's own Markdown reader; each stands in the text as a placeholder paragraph."""
    if "---" not in markdown:
        return SourceRepair(markdown)
    lines = markdown.split("\n")
    spans: list[tuple[int, int, str]] = []  # (first line, end, indentation)
    for start, end in _outside_fences(markdown):
        first, last = markdown.count("\n", 0, start), markdown.count("\n", 0, end)
        index = first
        while index <= min(last, len(lines) - 1):
            stop = _grid_table(lines, index) or _simple_table(lines, index)
            if stop and stop - 1 <= last:
                spans.append((index, stop, re.match(r" *", lines[index]).group(0)))  # type: ignore[union-attr]
                index = stop
            else:
                index += 1
    if not spans:
        return SourceRepair(markdown)
    texts = ["\n".join(line[len(indent):] for line in lines[start:stop]) for start, stop, indent in spans]
    token = f"PAMPHLETEERTABLE{secrets.token_hex(6)}x"
    found: list[tuple[int, Finding]] = []
    nodes: dict[str, Node] = {}
    for number, ((start, stop, indent), text, table) in enumerate(zip(spans, texts, _tables_read(texts),
                                                                      strict=True)):
        if table is None:
            continue
        placeholder = f"{token}{number}"
        nodes[placeholder] = table
        lines[start:stop] = [indent + placeholder, *[""] * (stop - start - 1)]
        found.append((start, Finding("N717", "a table the Markdown reader could not read (pipes and dashes "
                                     "shown as text) was read as a table", shorten(" ".join(text.split())),
                                     "table: " + shorten(" ".join(text_of(table).split())))))
    return SourceRepair("\n".join(lines), found, nodes)


def put_back(blocks: tuple[Block, ...], nodes: dict[str, Node]) -> tuple[Block, ...]:
    """The blocks with each placeholder paragraph of a source rule replaced by the node it stands for."""
    if not nodes:
        return blocks

    def placed(node: Node) -> Node:
        if is_kind(node, "Para", "Plain") and len(node["c"]) == 1 and is_kind(node["c"][0], "Str"):
            return nodes.get(str_text(node["c"][0]), node)
        return node

    def replace(items: list[Node]) -> list[Node]:
        new = [placed(item) for item in items]
        return new if any(a is not b for a, b in zip(new, items, strict=True)) else items

    return tuple(Block(block.line, transform(placed(block.node), blocks=replace)) for block in blocks)


# -- html2text's table rows wrapped at 78 columns -----------------------------------------

DELIMITER_ROW = re.compile(r"^ {0,3}\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?[ \t]*$")
ROW_END = "  "  # html2text ends every row of a table with a line break
WRAPPED_AT_HYPHEN = re.compile(r"[^\W\d_]-$")


def _pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def _open_brackets(line: str) -> bool:
    """Whether a link's words are still open at the line's end (a line break inside them)."""
    return len(re.findall(r"(?<!\\)\[", line)) > len(re.findall(r"(?<!\\)\]", line))


def _joined(line: str, following: str) -> str:
    """Two lines of one row as one: html2text wraps at spaces, and after a word's hyphen
    ("Beck_Mueller-" ⏎ "Seidel.jpg", in an address too), where no space was."""
    return line + following if WRAPPED_AT_HYPHEN.search(line) else f"{line} {following}"


@rule(Stage.SOURCE, order=30, codes={"N719": "table rows the converter wrapped joined"})
def wrapped_table_rows(markdown: str) -> SourceRepair:
    """The lines of a table row html2text wrapped are one line again: a line that does not end
    as html2text ends a row, leaves a link's words open, or has fewer pipes than the header,
    runs on into the next."""
    if "|" not in markdown or "---" not in markdown:
        return SourceRepair(markdown)
    lines = markdown.split("\n")
    found: list[tuple[int, Finding]] = []
    index = 1
    while index < len(lines):
        header = lines[index - 1]
        if not (DELIMITER_ROW.match(lines[index]) and header.endswith(ROW_END) and _pipes(header)):
            index += 1
            continue
        columns = _pipes(lines[index])
        stop = index + 1
        while stop < len(lines) and lines[stop].strip():
            stop += 1
        rows: list[str] = []
        for line in lines[index + 1 : stop]:
            if rows and (not rows[-1].endswith(ROW_END) or _open_brackets(rows[-1]) or (
                    _pipes(rows[-1]) < columns and _pipes(rows[-1]) + _pipes(line) <= columns)):
                end_mark = ROW_END if line.endswith(ROW_END) else ""
                rows[-1] = _joined(rows[-1].rstrip(), line.strip()) + end_mark
            else:
                rows.append(line)
        joined = stop - index - 1 - len(rows)
        if joined:
            before = " ".join(" ".join(lines[index + 1 : stop]).split())
            lines[index + 1 : stop] = [*rows, *[""] * joined]
            found.append((index + 1, Finding("N719", "a table's rows the converter wrapped over lines "
                                             "were joined again", shorten(before),
                                             shorten(" / ".join(" ".join(row.split()) for row in rows)))))
        index = stop
    return SourceRepair("\n".join(lines), found)


# -- a link's line breaks that ended its paragraph ------------------------------------------

BREAK_LINE = re.compile(r"^[ \t]+$")  # html2text's `<br>` on a line of its own: spaces, no text
BRACKET = re.compile(r"(?<!\\)[\[\]]")
LINK_CLOSE = re.compile(r"(?<!\\)\]\(")
MAX_LINK_LINES = 60  # how far after a line break a link's close is looked for


def _depth(text: str) -> int:
    """How many brackets (unescaped) are open at the end of `text`."""
    depth = 0
    for match in BRACKET.finditer(text):
        depth = depth + 1 if match.group() == "[" else max(depth - 1, 0)
    return depth


def _closes_first(text: str) -> bool:
    """Whether `text` closes a link (`](`) before it opens any bracket of its own."""
    close = LINK_CLOSE.search(text)
    return close is not None and BRACKET.search(text, 0, close.start()) is None


@rule(Stage.SOURCE, order=5, codes={"N721": "line breaks inside a link kept in its paragraph"},
      alike=("N706",))  # N706 joins the paragraphs such a link ran over, after pandoc
def line_breaks_inside_links(markdown: str) -> SourceRepair:
    """html2text writes a link around `<br><br>` (a teaser's lines, a list of books) with lines of
    spaces between its words, which end the paragraph inside the link: its `[` stays in one
    paragraph, its `](url)` starts the next, and no reader sees a link. Where a paragraph leaves
    a bracket open and, after such lines, the text closes a link before opening one, each line
    of spaces becomes a line break (`\\`), so the link is one paragraph again."""
    if "](" not in markdown:
        return SourceRepair(markdown)
    lines = markdown.split("\n")
    found: list[tuple[int, Finding]] = []
    inside = {line for start, end in _outside_fences(markdown)
              for line in range(markdown.count("\n", 0, start), markdown.count("\n", 0, end) + 1)}
    paragraph: list[str] = []  # the lines of the paragraph so far
    index = 0
    while index < len(lines):
        line = lines[index]
        if BREAK_LINE.match(line) and index in inside and paragraph and _depth("\n".join(paragraph)):
            stop = index
            while stop < min(len(lines), index + MAX_LINK_LINES) and lines[stop] != "" and (
                    BREAK_LINE.match(lines[stop]) or not LINK_CLOSE.search(lines[stop])):
                stop += 1
            after = "\n".join(item for item in lines[index:stop + 1] if item.strip())
            if stop < len(lines) and lines[stop] != "" and _closes_first(after):
                shown = [*paragraph[-2:], *("⏎" if BREAK_LINE.match(item) else item
                                            for item in lines[index:stop + 1])]
                for number in range(index, stop):
                    if BREAK_LINE.match(lines[number]):
                        lines[number] = "\\"
                words = " ".join(" ".join(shown).split())
                found.append((index, Finding("N721", "lines of spaces inside a link (its line breaks), which "
                                             "ended its paragraph before the link closed, became line breaks",
                                             shorten(words.replace("⏎", "(blank line)")), shorten(words))))
                paragraph.extend(lines[index:stop + 1])
                index = stop + 1
                continue
        paragraph = [] if not line.strip() else [*paragraph, line]
        index += 1
    return SourceRepair("\n".join(lines), found)


def repair_source(
    markdown: str, path: Path, first_line: int, keep: Iterable[str] = ()
) -> tuple[str, tuple[Diagnostic, ...], dict[str, Node]]:
    """Every source repair over a text's Markdown, in order; a repair whose code front matter
    `keep:` names (or a code `alike` it: see registry.register) is not made, and each place it
    was not made is reported (N603, naming the entry; `kept_sites` reads them)."""
    kept = {entry.strip().upper() for entry in keep}
    diagnostics: list[Diagnostic] = []
    nodes: dict[str, Node] = {}
    for entry in rules(Stage.SOURCE):
        repair = entry.function(markdown)
        found = repair.found
        if not found:
            continue
        stopped = kept & set(entry.codes) or kept & set(entry.alike)
        if stopped:
            code = ", ".join(sorted(stopped))
            diagnostics.extend(
                Diagnostic("N603", Severity.INFO, f"left as written, as front matter 'keep' asks "
                           f"({', '.join(entry.codes)} not made)", path, first_line + line,
                           finding.before, code)
                for line, finding in found)
            continue
        markdown = repair.markdown
        nodes.update(repair.nodes)
        diagnostics.extend(finding.at(path, first_line + line) for line, finding in found)
    return markdown, tuple(diagnostics), nodes


def kept_sites(diagnostics: Iterable[Diagnostic], lines: Iterable[int]) -> dict[int, dict[str, str]]:
    """Where `keep:` stopped a source repair that has `alike` codes (its N603 reports among a parsed
    text's `diagnostics`): the line of the block holding each such place (of the blocks starting at
    `lines`), with those codes and the entry that stopped it. A later rule does not mend there."""
    alike = {code: entry.alike for entry in rules(Stage.SOURCE) if entry.alike for code in entry.codes}
    starts = sorted(set(lines))
    sites: dict[int, dict[str, str]] = {}
    for diagnostic in diagnostics:
        codes = [code for code in (diagnostic.after or "").split(", ") if code in alike]
        if diagnostic.code != "N603" or not codes or diagnostic.line is None:
            continue
        held = bisect.bisect_right(starts, diagnostic.line) - 1
        if held < 0:
            continue
        for code in codes:
            for other in alike[code]:
                sites.setdefault(starts[held], {})[other] = diagnostic.after or code
    return sites
