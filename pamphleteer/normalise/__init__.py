"""Repair scraped texts: run every normalising rule, in a fixed order.

Each rule is a small pure function over the pandoc AST of one text (see the
modules of this package). The stage takes a `ParsedText` and returns a
`NormalisedText`: the repaired body, what was lifted out of it into metadata
(title, byline, standfirst, source note, bios, credits), and a diagnostic for
every repair and every doubt.

The order, and why:
0. converter damage (N7xx) and image leftovers (N8xx): mojibake, debris,
   links left as text, image captions and credits, before anything reads the text;
1. links (N1xx): repeated URLs, tracking parameters, dead links — everywhere,
   so the furniture below is read without link debris;
2. furniture (N4xx): the page's navigation, buttons, notices, related lists and
   comments leave the body for the credits (N42x, `boilerplate`); then masthead,
   title, byline, standfirst, and at the foot the signature, P.S. sources,
   disclaimers, credits and bio leave the body;
3. fixes (N6xx): the front matter's explicit repairs; then a body that still
   starts in lower case is reported as a lost drop cap (N3xx);
4. paragraphs cut by page breaks are joined (N3xx), so that
5. pull quotes (N2xx) are matched against whole paragraphs; then the page's
   separator rules go;
6. typography (N5xx): quotes, hyphens, house dashes — everywhere.
Heading levels (N705), and photo credits left anywhere in the body (N805), are
set once the furniture has left the body.
Front matter `keep:` overrules any of them (`keep.py`, N603/N604).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pamphleteer.errors import Diagnostic
from pamphleteer.normalise.boilerplate import CODES as BOILERPLATE_CODES
from pamphleteer.normalise.boilerplate import remove_boilerplate
from pamphleteer.normalise.converter import refusing, shift_headings
from pamphleteer.normalise.converter_damage import repair_converter_damage
from pamphleteer.normalise.findings import each_block
from pamphleteer.normalise.fixes import apply_fixes
from pamphleteer.normalise.furniture import Inferred, lift_furniture
from pamphleteer.normalise.images import lift_image_leftovers
from pamphleteer.normalise.keep import Keep
from pamphleteer.normalise.links import LINK_RULES
from pamphleteer.normalise.paragraphs import join_split_paragraphs, lost_initial, report_initial
from pamphleteer.normalise.pullquotes import lift_pull_quotes
from pamphleteer.normalise.typography import TYPOGRAPHY_RULES
from pamphleteer.parse import Block, ParsedText
from pamphleteer.sources import SourceText

__all__ = ["RULE_NAMES", "Inferred", "NormalisedText", "normalise"]

# Every diagnostic code the normaliser gives, with what its rule does (for summaries).
RULE_NAMES = {
    "N101": "repeated URL after a link dropped",
    "N102": "URL dropped from its own link text",
    "N103": "tracking parameters dropped from URLs",
    "N104": "escapes removed from URLs shown as text",
    "N110": "dead links unwrapped to plain text",
    "N201": "pull quotes restored",
    "N202": "emphasised block between rules quotes nothing (kept)",
    "N203": "separator rules dropped",
    "N301": "paragraphs cut by a page break joined",
    "N302": "lost drop cap restored by a fixes entry",
    "N303": "body starts in lower case: lost drop cap",
    "N401": "page separator rules dropped",
    "N402": "masthead -> publication",
    "N403": "title heading -> title",
    "N404": "heading under the title -> subtitle",
    "N405": "byline -> author and date",
    "N406": "bold/italic lead paragraph -> standfirst",
    "N409": "first heading kept: differs from the front matter title",
    "N411": "bare P.S. label dropped",
    "N412": "author bio -> About the authors",
    "N413": "source lines -> source note",
    "N414": "signature -> source note",
    "N415": "disclaimers, credits, 'more information' -> credits",
    **BOILERPLATE_CODES,
    "N501": "straight quotes curled",
    "N502": "en dash between words -> hyphen",
    "N503": "dashes set in the house style",
    "N701": "scene breaks set as rules",
    "N702": "pandoc attributes and fences shown as text removed",
    "N703": "prose read as code made paragraphs again",
    "N704": "empty blocks left by the converter removed",
    "N705": "heading levels set under the title",
    "N706": "link syntax left as text made links",
    "N707": "links inside links separated",
    "N708": "bare URL repeated after its link dropped",
    "N709": "spaces lost at links' edges put back",
    "N710": "characters garbled by a wrong encoding restored",
    "N801": "image file names taken out of the text",
    "N802": "drop-cap images joined to their word",
    "N803": "descriptions of left-out images taken out of the text",
    "N804": "image captions -> credits",
    "N805": "photo credits -> credits",
    "N601": "front matter fixes applied",
    "N602": "front matter fix matches nothing",
    "N603": "repairs not made, as front matter 'keep' asks",
    "N604": "front matter 'keep' entry matches nothing",
}

GROUPS = ("body", "standfirst", "source_note", "bio", "credits")


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
    """Repair one text: every rule, in the order above."""
    source = parsed.source
    path, meta = source.path, source.meta
    diagnostics: list[Diagnostic] = []
    keep = Keep.from_entries(meta.keep)
    refuse = refusing(keep, path)

    repaired = repair_converter_damage(parsed.blocks, path, refuse)
    diagnostics.extend(repaired.diagnostics)
    blocks = repaired.blocks
    for rule in LINK_RULES:
        blocks, found = each_block(blocks, path, keep.guard(rule))
        diagnostics.extend(found)

    page = remove_boilerplate(blocks, path, meta.lang, keep, meta.authors)
    diagnostics.extend(page.diagnostics)
    furniture = lift_furniture(page.body, path, meta.title, meta.authors, keep)
    diagnostics.extend(furniture.diagnostics)
    groups: dict[str, tuple[Block, ...]] = {
        "body": furniture.body, "standfirst": furniture.standfirst, "source_note": furniture.source_note,
        "bio": furniture.bio + page.bio,
        "credits": tuple(sorted(repaired.credits + furniture.credits + page.credits, key=lambda block: block.line)),
    }
    credits = lift_image_leftovers(groups["body"], path, refuse, every_credit=True)
    groups["body"], groups["credits"] = credits.blocks, groups["credits"] + credits.credits
    diagnostics.extend(credits.diagnostics)
    groups["body"], found = shift_headings(groups["body"], path, refuse)
    diagnostics.extend(found)

    initial = lost_initial(groups["body"])
    groups, found = apply_fixes(groups, meta.fixes, path)
    diagnostics.extend(found)
    diagnostics.extend(report_initial(initial, groups["body"], path))

    body = groups["body"]
    for whole_rule in (join_split_paragraphs, lift_pull_quotes):
        body, found = keep.settle(body, *whole_rule(body, path), path)
        diagnostics.extend(found)
    groups["body"] = body

    for rule in TYPOGRAPHY_RULES:
        for name in GROUPS:
            groups[name], found = each_block(groups[name], path, keep.guard(rule))
            diagnostics.extend(found)
    diagnostics.extend(keep.unused(diagnostics, path))

    return NormalisedText(
        source=source,
        blocks=groups["body"],
        inferred=furniture.inferred,
        standfirst=groups["standfirst"],
        source_note=groups["source_note"],
        bio=groups["bio"],
        credits=groups["credits"],
        diagnostics=tuple(diagnostics),
    )
