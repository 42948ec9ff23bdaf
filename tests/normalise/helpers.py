"""Build test inputs for the normaliser from Markdown, through the real pandoc reader."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pamphleteer.normalise import NormalisedText, normalise
from pamphleteer.normalise.findings import BlockRule, each_block
from pamphleteer.parse import Block, Node, ParsedText, markdown_to_blocks
from pamphleteer.sources import Fix, SourceText, TextMeta

PATH = Path("sources/texts/example.md")


@lru_cache(maxsize=512)
def blocks(markdown: str) -> tuple[Block, ...]:
    """Markdown as top-level blocks, lines counted from 1."""
    return markdown_to_blocks(markdown, path=PATH, first_line=1)


def nodes(markdown: str) -> list[Node]:
    return [block.node for block in blocks(markdown)]


def run_rule(rule: BlockRule, markdown: str) -> tuple[list[Node], list[str]]:
    """A one-block rule over Markdown: the resulting nodes and the codes it reported."""
    out, diagnostics = each_block(blocks(markdown), PATH, rule)
    return [block.node for block in out], [d.code for d in diagnostics]


def source(markdown: str, *, title: str = "", authors: tuple[str, ...] = (),
           fixes: tuple[Fix, ...] = (), keep: tuple[str, ...] = (), lang: str = "") -> SourceText:
    meta = TextMeta(title=title, authors=authors, fixes=fixes, keep=keep, lang=lang)
    return SourceText(path=PATH, slug="example", meta=meta, body=markdown, body_line=1)


def normalised(markdown: str, **meta: object) -> NormalisedText:
    """The whole normaliser over a Markdown text with the given front matter."""
    return normalise(ParsedText(source(markdown, **meta), blocks(markdown)))  # type: ignore[arg-type]
