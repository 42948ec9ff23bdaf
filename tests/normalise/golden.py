"""Write a normalised text as reviewable text: metadata, furniture, body (Markdown) and repairs."""

from __future__ import annotations

import json

import pypandoc

from pamphleteer.normalise import NormalisedText
from pamphleteer.parse import Block

API_VERSION = [1, 23, 1]


def blocks_markdown(blocks: tuple[Block, ...]) -> str:
    """Blocks as pandoc Markdown, each preceded by its source line."""
    if not blocks:
        return "(none)\n"
    nodes = []
    for block in blocks:
        nodes += [{"t": "RawBlock", "c": ["html", f"<!-- line {block.line} -->"]}, block.node]
    document = {"pandoc-api-version": API_VERSION, "meta": {}, "blocks": nodes}
    return pypandoc.convert_text(json.dumps(document), "commonmark_x-smart", format="json",
                                 extra_args=["--wrap=none"])


def golden_text(text: NormalisedText) -> str:
    """The whole normalised text as one reviewable document."""
    inferred = text.inferred
    lines = ["# Inferred", ""]
    for key in ("title", "subtitle", "authors", "date", "publication", "source"):
        value = getattr(inferred, key)
        lines.append(f"- {key}: {', '.join(value) if isinstance(value, tuple) else value}")
    sections = [("Standfirst", text.standfirst), ("Body", text.blocks), ("Source note", text.source_note),
                ("Bio", text.bio), ("Credits", text.credits)]
    for name, blocks in sections:
        lines += ["", f"# {name}", "", blocks_markdown(blocks).rstrip()]
    lines += ["", "# Diagnostics", ""]
    for d in text.diagnostics:
        lines.append(f"- {d.code} {d.severity.value} line {d.line}: {d.message}")
        if d.before is not None:
            lines.append(f"  - before: {d.before}")
        if d.after is not None:
            lines.append(f"  - after: {d.after}")
    return "\n".join(lines) + "\n"
