"""Repair what a converter did to the Markdown's lines, which no rule over the AST can mend.

Some damage decides how pandoc cuts the text into blocks, so it must be mended in
the text itself (`Stage.SOURCE`, run by `parse.read_markdown`):

- `html_tags_over_blank_lines`: a raw HTML tag with a blank line inside it (an attribute's
  value that spans paragraphs: `data-caption="…» ⏎ ⏎ Bild: …"`) ends pandoc's HTML block
  in the middle of the tag, and the tag, left open, swallows the article after it
  into one figure. The blank lines go from inside the tag to where its HTML block
  ends, so every line after it keeps its number (N715).

Each rule takes the Markdown and returns it repaired, with each repair's (0-based) line
and `Finding`; front matter `keep:` naming a rule's code leaves the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.registry import Stage, rule, rules

SourceRule = Callable[[str], tuple[str, list[tuple[int, Finding]]]]  # Markdown -> repaired, (line, finding)s

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
def html_tags_over_blank_lines(markdown: str) -> tuple[str, list[tuple[int, Finding]]]:
    """A raw HTML tag with blank lines inside it is made one HTML block: the blank lines move
    to where the block ends."""
    found: list[tuple[int, Finding]] = []
    for _ in range(PASSES):
        markdown, again = _tags_made_whole(markdown)
        if not again:
            break
        found.extend(again)
    return markdown, found


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


def repair_source(
    markdown: str, path: Path, first_line: int, keep: Iterable[str] = ()
) -> tuple[str, tuple[Diagnostic, ...]]:
    """Every source repair over a text's Markdown, in order; a repair whose code front matter
    `keep:` names is not made, and is reported as not made (N603)."""
    kept = {entry.strip().upper() for entry in keep}
    diagnostics: list[Diagnostic] = []
    for entry in rules(Stage.SOURCE):
        repaired, found = entry.function(markdown)
        if not found:
            continue
        if kept & set(entry.codes):
            code = ", ".join(sorted(kept & set(entry.codes)))
            line, finding = found[0]
            diagnostics.append(Diagnostic("N603", Severity.INFO, f"left as written, as front matter 'keep' "
                                          f"asks ({code} not made)", path, first_line + line,
                                          finding.before, code))
            continue
        markdown = repaired
        diagnostics.extend(finding.at(path, first_line + line) for line, finding in found)
    return markdown, tuple(diagnostics)
