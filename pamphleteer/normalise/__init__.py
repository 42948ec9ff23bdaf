"""Repair scraped texts: run every normalising rule, in a fixed order.

Each rule is a small pure function over the pandoc AST of one text (see the
modules of this package). The stage takes a `ParsedText` and returns a
`NormalisedText`: the repaired body, what was lifted out of it into metadata
(title, byline, standfirst, source note, bios, credits), and a diagnostic for
every repair and every doubt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pamphleteer.errors import Diagnostic
from pamphleteer.parse import Block, ParsedText
from pamphleteer.sources import SourceText


@dataclass(frozen=True)
class Inferred:
    """Metadata found in the body of a text. Empty means "not found"."""

    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    publication: str = ""
    source: str = ""


@dataclass(frozen=True)
class NormalisedText:
    """A text after repair: the body, and the furniture lifted out of it."""

    source: SourceText
    blocks: tuple[Block, ...]
    inferred: Inferred = field(default_factory=Inferred)
    standfirst: tuple[Block, ...] = ()  # the lead paragraph(s) shown under the title
    source_note: tuple[Block, ...] = ()  # "first published …", P.S. source lists, signatures
    bio: tuple[Block, ...] = ()  # author bios, for "About the authors"
    credits: tuple[Block, ...] = ()  # image credits, disclaimers, "for more information"
    diagnostics: tuple[Diagnostic, ...] = ()


def normalise(parsed: ParsedText) -> NormalisedText:
    """Repair one text. (The rules arrive with the normaliser issue; for now, none.)"""
    return NormalisedText(source=parsed.source, blocks=parsed.blocks)
