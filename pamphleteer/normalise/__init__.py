"""Repair scraped texts: run every normalising rule, in a fixed order.

Each rule is a small pure function over the pandoc AST of one text (see the
modules of this package). The stage takes a `ParsedText` and returns a
`NormalisedText`: the repaired body, what was lifted out of it into metadata
(title, byline, standfirst, source note, bios, credits), and a diagnostic for
every repair and every doubt.

The order, and why:
0. converter damage (N7xx): mojibake, debris, links left as text — before
   anything reads the text;
1. links (N1xx): repeated URLs, tracking parameters, dead links — everywhere,
   so the furniture below is read without link debris;
2. furniture (N4xx): the page's navigation, buttons, notices, related lists and
   comments leave the body for the credits (N42x, `boilerplate`); then image
   leftovers (N8xx: file names, captions, credits, descriptions); then masthead,
   title, byline, standfirst, and at the foot the signature, P.S. sources,
   disclaimers, credits and bio leave the body; with the text's source now known,
   relative links are resolved against it, or made plain text (N431, N432);
3. fixes (N6xx): the front matter's explicit repairs; then a body that still
   starts in lower case is reported as a lost drop cap (N3xx);
4. paragraphs cut by page breaks are joined (N3xx), so that
5. pull quotes (N2xx) are matched against whole paragraphs; then the page's
   separator rules go;
6. typography (N5xx): quotes, hyphens, house dashes — everywhere.
Heading levels (N705), and photo credits left anywhere in the body (N805), are
set once the furniture has left the body.
Front matter `keep:` overrules any of them (`keep.py`, N603/N604).

Each rule declares its codes and its place in this order where it is defined
(`registry.rule`); the per-block and whole-body stages run from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pamphleteer.ast.traverse import texts_remembered
from pamphleteer.errors import Diagnostic
from pamphleteer.meta import site_as_author
from pamphleteer.normalise import links, pullquotes, typography
from pamphleteer.normalise.boilerplate import guess_language, remove_boilerplate
from pamphleteer.normalise.converter import refusing, shift_headings
from pamphleteer.normalise.converter_damage import repair_converter_damage
from pamphleteer.normalise.converter_source import kept_sites
from pamphleteer.normalise.findings import BlockRule, each_block
from pamphleteer.normalise.fixes import apply_fixes
from pamphleteer.normalise.furniture import Inferred, lift_furniture
from pamphleteer.normalise.head import (
    BIO_BLOCKS,
    bio_author,
    box_author,
    export_site,
    one_address,
    own_site,
    page_author,
    page_headings,
    page_month,
    run_in_author,
    shared_site,
    signed_authors,
    site_owner_author,
    standfirst_author,
    titled_author,
)
from pamphleteer.normalise.images import lift_image_leftovers
from pamphleteer.normalise.keep import Keep
from pamphleteer.normalise.language import text_language
from pamphleteer.normalise.links import resolve_relative_links
from pamphleteer.normalise.metadata import host_of
from pamphleteer.normalise.names import same_name
from pamphleteer.normalise.paragraphs import lost_initial, report_initial
from pamphleteer.normalise.registry import BodyRule, Stage, rule_names, rules
from pamphleteer.normalise.subheads import bold_subheadings
from pamphleteer.parse import Block, ParsedText
from pamphleteer.sources import SourceText

__all__ = ["Inferred", "NormalisedText", "normalise", "rule_names"]

# The modules whose rules run only from the registry, imported so that their rules register.
REGISTERED_ONLY = (links, pullquotes, typography)
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


def _line(block: Block) -> int:
    return block.line


def _block_rules(stage: Stage) -> tuple[BlockRule, ...]:
    """The one-block rules of a stage, in their order."""
    return tuple(entry.function for entry in rules(stage))


def _body_rules() -> tuple[BodyRule, ...]:
    """The rules over a whole body (split paragraphs, pull quotes), in their order."""
    return tuple(entry.function for entry in rules(Stage.BODY))


def normalise(parsed: ParsedText) -> NormalisedText:
    """Repair one text: every rule, in the order above."""
    with texts_remembered():  # the rules read the same blocks' text again and again
        return _normalise(parsed)


def _normalise(parsed: ParsedText) -> NormalisedText:
    source = parsed.source
    path, meta = source.path, source.meta
    diagnostics: list[Diagnostic] = []
    keep = Keep.from_entries(meta.keep)
    # where keep: left a source repair unmade, the codes alike it do not mend that damage either
    sites = kept_sites(parsed.diagnostics, (block.line for block in parsed.blocks)) if keep else None
    refuse = refusing(keep, path, sites)

    blocks, found = repair_converter_damage(parsed.blocks, path, refuse)
    diagnostics.extend(found)
    for rule in _block_rules(Stage.LINKS):
        blocks, found = each_block(blocks, path, keep.guard(rule))
        diagnostics.extend(found)

    images = lift_image_leftovers(blocks, path, refuse)
    diagnostics.extend(images.diagnostics)
    page = remove_boilerplate(images.blocks, path, meta.lang, keep, meta.authors)
    diagnostics.extend(page.diagnostics)
    linked = "" if page.host and one_address(page.host, images.blocks) else page.host  # a service's form
    # a site's export names its post's address as a path only: its links name the site
    exported = export_site(meta.site_path, images.blocks) if meta.site_path and not linked else ""
    # a page saved whole links to its own site by paths only: its share buttons name the site
    shared = shared_site(images.blocks) if not meta.source else ""
    exported = exported or (shared if not linked else "")
    site = own_site(linked, shared) or exported  # a network's sister site gives way to the shared one
    given = () if site_as_author(meta) else meta.authors  # "Makronom" at makronom.de: the page's byline first
    # the host most links go to, nothing else names: maybe a sister's or the owner's (no guess from it)
    only_linked = bool(site) and site == linked and not shared and not meta.site_path
    furniture = lift_furniture(page.body, path, meta.title, given, keep, meta.source, page.texts,
                               site, meta.lang or guess_language(page.body),
                               site_inferred=bool(exported), month=page_month(images.blocks),
                               site_linked=only_linked)
    diagnostics.extend(furniture.diagnostics)
    authors = furniture.inferred.authors
    signed, named = signed_authors(furniture.body, path, keep)  # a group's pieces, each signed "[A.A. Dowd]"
    known = authors or given
    if len(signed) > len(known) and all(any(same_name(name, other) for other in signed) for name in known):
        authors = signed  # the byline's or the front matter's one name is the first of them
        diagnostics.extend(named)
    if not authors and not given:  # the author's box the page links to, menus and all
        authors, named = page_author(images.blocks, page.texts, path, keep)
        diagnostics.extend(named)
    if not authors and not given:  # the label over the author's box after the article, which left the body
        authors, named = box_author(page.credits, page.texts, path, keep)
        diagnostics.extend(named)
    if not authors and not given:  # the bio at its end
        authors, named = bio_author(furniture.body[-BIO_BLOCKS:] + furniture.bio + page.bio, path, keep)
        diagnostics.extend(named)
    if not authors and not given:  # a clipper's description that is the page's byline: "Par X (…)"
        authors, named = standfirst_author(meta.standfirst, path, keep)
        diagnostics.extend(named)
    if not authors and not given:  # the name its first paragraph runs in: a guest column, an interview
        titles = (meta.title, furniture.inferred.title, *page_headings(images.blocks))
        authors, named = run_in_author(furniture.standfirst + furniture.body, titles,
                                       furniture.inferred.publication, path, keep)
        diagnostics.extend(named)
    if not authors and not given:  # a writer's own site: "© 2020 Wolfgang Michal" (a credit) and "Über mich"
        authors, named = site_owner_author(images.blocks + images.credits, page.texts,
                                           furniture.inferred.publication, path, keep)
        diagnostics.extend(named)
    if not authors and not given:  # "Koncesjonowana opozycja -Leszek Jażdżewski - Liberté!"
        first = page_headings(images.blocks)[:1]
        authors, named = titled_author((meta.title, *first), furniture.inferred.publication,
                                       host_of(meta.source or furniture.inferred.source), path, keep)
        diagnostics.extend(named)
    groups: dict[str, tuple[Block, ...]] = {
        "body": furniture.body, "standfirst": furniture.standfirst, "source_note": furniture.source_note,
        "bio": furniture.bio + page.bio,
        "credits": tuple(sorted(images.credits + furniture.credits + page.credits, key=_line)),
    }
    # Never guarded by keep: a kept relative link would point into the build machine's folders.
    relative = resolve_relative_links(meta.source or furniture.inferred.source)
    for name in GROUPS:
        groups[name], found = each_block(groups[name], path, relative)
        diagnostics.extend(found)
    credits = lift_image_leftovers(groups["body"], path, refuse, every_credit=True)
    groups["body"], groups["credits"] = credits.blocks, groups["credits"] + credits.credits
    diagnostics.extend(credits.diagnostics)
    groups["body"], found = bold_subheadings(groups["body"], path, refuse)
    diagnostics.extend(found)
    groups["body"], found = shift_headings(groups["body"], path, refuse)
    diagnostics.extend(found)

    initial = lost_initial(groups["body"])
    groups, found = apply_fixes(groups, meta.fixes, path)
    diagnostics.extend(found)
    diagnostics.extend(report_initial(initial, groups["body"], path))

    body = groups["body"]
    for whole_rule in _body_rules():
        after, found = whole_rule(body, path)
        body, found = keep.settle(body, after, found, path)
        diagnostics.extend(found)
    groups["body"] = body

    for rule in _block_rules(Stage.TYPOGRAPHY):
        for name in GROUPS:
            groups[name], found = each_block(groups[name], path, keep.guard(rule))
            diagnostics.extend(found)
    diagnostics.extend(keep.unused([*parsed.diagnostics, *diagnostics], path))  # parse's repairs too

    inferred = replace(furniture.inferred, authors=authors)
    if not meta.lang:
        inferred = replace(inferred, lang=text_language(groups["body"]))
    return NormalisedText(
        source=source,
        blocks=groups["body"],
        inferred=inferred,
        standfirst=groups["standfirst"],
        source_note=groups["source_note"],
        bio=groups["bio"],
        credits=groups["credits"],
        diagnostics=tuple(diagnostics),
    )
