"""Repair what HTML-to-Markdown converters did to a text, before any other rule reads it.

Before pandoc reads the text, damage that decides how it is cut into blocks is mended in
the Markdown itself (`converter_source`, N715). Then one pass over a text's top-level
blocks, in this order and why:
1. mojibake (N710), so every later rule reads real letters; then a clipper's excerpt box
   under the title (N722), before the head is read;
2. block debris (N701-N704): prose read as code, scene breaks read as lists,
   attribute and fence debris, empty containers;
3. links (N706-N709): a heading's link wrapped onto the next line, a link
   opened at the end of the block before (html2text), link syntax left as
   text, links in links, a bare URL repeated, spaces lost at a link's edge —
   before the link rules (N1xx) clean what are now real links;
   emphasis markers left as text (N711) go once links are links, before the
   spaces at their edges are put back.
Each repair declares its place in this order where it is defined
(`@rule(Stage.DAMAGE, order, codes, runs=…)`, `runs` saying whether it rewrites each
block, or each block and the blocks inside quotations and divs); this pass runs them.
Image leftovers (`images`, N801-N805) are lifted after the link rules, before
the page's furniture classifier reads the body; heading levels (N705) are set
after the furniture rules, on the body alone.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.errors import Diagnostic
from pamphleteer.normalise import (
    clipper,
    converter_links,
    converter_source,
    converter_text,
    cut_headings,
    registry,
)
from pamphleteer.normalise.converter import never_refuse
from pamphleteer.normalise.keep import Refuse
from pamphleteer.parse import Block

# imported so that their repairs register
RULE_MODULES = (clipper, converter_links, converter_source, converter_text, cut_headings)


def repair_converter_damage(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse = never_refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Every converter repair over a text's blocks, in their declared order (see above)."""
    diagnostics: list[Diagnostic] = []
    for entry in registry.rules(registry.Stage.DAMAGE):
        blocks, found = entry.function(blocks, path, refuse)
        diagnostics.extend(found)
    return blocks, tuple(diagnostics)
