"""Repair what HTML-to-Markdown converters did to a text, before any other rule reads it.

One pass over a text's top-level blocks, in this order and why:
1. mojibake (N710), so every later rule reads real letters;
2. block debris (N701-N704): prose read as code, scene breaks read as lists,
   attribute and fence debris, empty containers;
3. links (N706-N709): a heading's link wrapped onto the next line, link syntax
   left as text, links in links, a bare URL repeated, spaces lost at a link's
   edge — before the link rules (N1xx) clean what are now real links;
   emphasis markers left as text (N711) go once links are links, before the
   spaces at their edges are put back.
Image leftovers (`images`, N801-N805) are lifted after the link rules, before
the page's furniture classifier reads the body; heading levels (N705) are set
after the furniture rules, on the body alone.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.errors import Diagnostic
from pamphleteer.normalise import registry
from pamphleteer.normalise.converter import BLOCK_RULES, Refuse, each_block_to_many, never_refuse, one_to_many
from pamphleteer.normalise.converter_links import (
    heading_links_over_lines,
    nested_links,
    repeated_bare_url,
    spaces_at_link_edges,
    visible_link_syntax,
)
from pamphleteer.normalise.converter_text import emphasis_debris, fix_mojibake
from pamphleteer.parse import Block

RULES = (  # emphasis debris before spaces at links' edges: "_the_**[Decade](…)" is "_the_[Decade](…)" first
    one_to_many(fix_mojibake), *BLOCK_RULES,
    *map(one_to_many, (
        visible_link_syntax, nested_links, repeated_bare_url, emphasis_debris, spaces_at_link_edges,
    )),
    one_to_many(fix_mojibake),  # again: link text left as syntax is mended only once it is a link's text
)


@registry.rule(registry.Stage.CONVERTER, order=10, codes={
    "N701": "scene breaks set as rules",
    "N702": "pandoc attributes and fences shown as text removed",
    "N703": "prose read as code made paragraphs again",
    "N704": "empty blocks left by the converter removed",
    "N706": "link syntax left as text made links",
    "N707": "links inside links separated",
    "N708": "bare URL repeated after its link dropped",
    "N709": "spaces lost at links' edges put back",
    "N710": "characters garbled by a wrong encoding restored",
    "N711": "emphasis markers left as text removed or paired",
})
def repair_converter_damage(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse = never_refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Every converter repair over a text's blocks, in the order above."""
    blocks, found = heading_links_over_lines(blocks, path, refuse)
    diagnostics: list[Diagnostic] = list(found)
    for rule in RULES:
        blocks, found = each_block_to_many(blocks, path, rule, refuse)
        diagnostics.extend(found)
    return blocks, tuple(diagnostics)
