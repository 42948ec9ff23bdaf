"""Lift the web page's furniture out of a text's body and into metadata.

At the head of a scraped article: a masthead heading (the publication's name
above the title), the title heading, a byline ("by **Name**" or "Date, by
[SURNAME Given](#) (Date first published: …)") and a lead paragraph set in bold
or italics (the standfirst). At its foot: a signature, a "P.S." list of
sources, disclaimers, "for more information" lines, image credits and the
author's bio. `lift_furniture` moves each of these out of the body into a
field of its own, with an N4xx diagnostic; it never drops an author's words
(separator rules and a bare "P.S." label are all that goes, and each is reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pamphleteer import codes
from pamphleteer.ast import (
    Node,
    block_inlines,
    first_str,
    is_kind,
    is_only_emphasis,
    link_target,
    list_items,
    make_para,
    strip_edges,
    text_of,
    walk,
    wrapped,
)
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.head import Lift, lift_head
from pamphleteer.normalise.keep import Keep
from pamphleteer.normalise.metadata import (
    PLATFORM_HOSTS,
    _letters,
    copyright_site,
    host_of,
    name_from_host,
    own_name,
    read_byline,
    site_name,
)

__all__ = ["Furniture", "Inferred", "lift_furniture", "read_byline"]
from pamphleteer.normalise.names import find_date, looks_like_name, same_name
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block

PS_LABEL = re.compile(r"^p\.?\s?s\.?:?$", re.IGNORECASE)
CREDIT = re.compile(
    r"^(?:(?:featured|cover|header|top|lead|main)\s+)?(?:image|photo|photograph|picture|illustration|artwork"
    r"|graphic)s?(?:\s+credits?)?\s*(?::|by\b)|^credits?\s*:",
    re.IGNORECASE,
)
DISCLAIMER = re.compile(
    r"\b(?:opinions?|views?)\s+expressed\b|\bdo(?:es)?\s+not\s+necessarily\s+(?:represent|reflect)\b"
    r"|^disclaimer\b"
    # the same note in German, French, Spanish, Portuguese and Italian pages: the author's opinion, not
    # necessarily the editors' ("Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise …")
    r"|\bgibt\s+(?:ausschlie(?:ß|ss)lich\s+)?die\s+(?:meinung|ansicht)\s+(?:des|der)\s+autor\w*\s+wieder\b"
    r"|\bnicht\s+(?:unbedingt|notwendigerweise)\s+(?:die|der)\s+(?:meinung|position|haltung)\s+der\s+redaktion\b"
    r"|\bn['’]engage(?:nt)?\s+que\s+(?:son|leurs?|ses)\s+auteur|\bne\s+refl[èe]te(?:nt)?\s+pas\s+n[ée]cessairement\b"
    r"|\bno\s+refleja(?:n)?\s+necesariamente\b|\bn[ãa]o\s+reflete(?:m)?\s+necessariamente\b"
    r"|\bnon\s+riflett(?:e|ono)\s+necessariamente\b",
    re.IGNORECASE,
)
MORE_INFORMATION = re.compile(
    r"^(?:for\s+more\s+(?:information|info|details)|more\s+information|(?:to\s+)?find\s+out\s+more|learn\s+more)\b",
    re.IGNORECASE,
)
SOURCE_LINE = re.compile(
    r"^(?:this\s+\w+\s+(?:(?:was|is|has\s+been)\s+)?)?(?:first|originally)\s+(?:published|appeared)\b|^source\s*:"
    r"|^(?:re)?published\s+(?:in|by|from)\b|^reprinted\b",
    re.IGNORECASE,
)
BIO_VERBS = re.compile(
    r"^(?:is|was|lives|teaches|writes|works|has|hosts|edits|organi[sz]es|studies|researches|co-?\w+s)\b"
)
# The repair that lifts each kind of block at the foot of a text (for front matter `keep:`).
TAIL_CODES = {"rule": "N401", "ps": "N411", "list": "N413", "bio": "N412", "signature": "N414",
              "source": "N413", "url": "N413", "credit": "N415", "disclaimer": "N415", "more": "N415"}


@dataclass(frozen=True)
class Inferred:
    """Metadata found in the body of a text. Empty means "not found"."""

    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    publication: str = ""
    source: str = ""
    lang: str = ""  # the language the body's words are in, when clear (normalise.language)
    publication_guessed: bool = False  # made from the site's address, a name the page never writes


@dataclass(frozen=True)
class Furniture:
    """A body without its furniture, and where each piece went."""

    body: tuple[Block, ...]
    inferred: Inferred = field(default_factory=Inferred)
    standfirst: tuple[Block, ...] = ()
    source_note: tuple[Block, ...] = ()
    bio: tuple[Block, ...] = ()
    credits: tuple[Block, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def _inlines(block: Block) -> list[Node]:
    return block_inlines(block.node) if is_kind(block.node, "Para", "Plain") else []


def _bio_start(block: Block, authors: tuple[str, ...]) -> bool:
    inlines = strip_edges(_inlines(block))
    if not inlines:
        return False
    if is_kind(inlines[0], "Strong", "Emph"):
        name, rest = text_of(wrapped(inlines[0])), text_of(inlines[1:])
    else:
        text = text_of(inlines)
        name = next((a for a in authors if text.casefold().startswith(a.casefold() + " ")), "")
        rest = text[len(name):].strip()
    named = any(same_name(name, author) for author in authors) or (not authors and looks_like_name(name))
    return named and bool(BIO_VERBS.match(rest))


def _is_signature(block: Block, authors: tuple[str, ...]) -> bool:
    text = text_of(_inlines(block)).strip(" \u2014\u2013-")
    if any(same_name(text, author) for author in authors):
        return True
    return not authors and is_only_emphasis(_inlines(block)) and looks_like_name(text)


def _is_url_line(block: Block) -> bool:
    """A paragraph that is a URL and at most a few words ("https://…; modified by X.")."""
    inlines = _inlines(block)
    text = text_of(inlines)
    urls = re.findall(r"(?:https?://|www\.)\S+", text)
    return bool(urls) and len(text.split()) - len(urls) <= 6


def _classify_tail(block: Block, authors: tuple[str, ...], after_kind: str) -> str:
    """What a block near the end of the body is, if it is furniture: '' when it is text."""
    if is_kind(block.node, "HorizontalRule"):
        return "rule"
    if is_kind(block.node, "BulletList", "OrderedList"):
        return "list"
    if not is_kind(block.node, "Para", "Plain"):
        return ""
    text = text_of(_inlines(block))
    if PS_LABEL.match(text):
        return "ps"
    if _bio_start(block, authors):
        return "bio"
    if CREDIT.search(text):
        return "credit"
    if DISCLAIMER.search(text):
        return "disclaimer"
    if MORE_INFORMATION.search(text):
        return "more"
    if SOURCE_LINE.search(text):
        return "source"
    if _is_signature(block, authors):
        return "signature"
    if _is_url_line(block) and after_kind in ("", "rule", "credit", "bio", "disclaimer", "more", "source"):
        return "url"
    return ""


def _list_items(block: Block) -> list[Block]:
    """The blocks of a list's items, each on the list's line; a Plain item becomes a paragraph."""
    return [
        Block(block.line, make_para(block_inlines(node)) if is_kind(node, "Plain") else node)
        for item in list_items(block.node) for node in item
    ]


def _lift_tail(
    blocks: list[Block], authors: tuple[str, ...], lift: Lift
) -> tuple[int, dict[str, list[Block]], dict[str, str]]:
    """Signature, P.S., disclaimers, credits and bio at the end. Returns where they start."""
    kinds: list[str] = []
    start = len(blocks)
    after_kind = ""
    while start > 0:
        kind = _classify_tail(blocks[start - 1], authors, after_kind)
        if kind == "list" and not (start >= 2 and _classify_tail(blocks[start - 2], authors, "list") == "ps"):
            break
        if not kind or not lift.may(TAIL_CODES[kind], blocks[start - 1]):
            break
        kinds.insert(0, kind)
        after_kind = kind
        start -= 1
    # The tail must hold something besides rules, and rules before it stay out of the body too.
    if not any(kind != "rule" for kind in kinds):
        return len(blocks), {}, {}
    out: dict[str, list[Block]] = {"source_note": [], "bio": [], "credits": []}
    found: dict[str, str] = {}
    previous = ""
    for block, kind in zip(blocks[start:], kinds, strict=True):
        if kind == "rule":
            lift.note("N401", block, "a rule separating the text from the page's footer was dropped")
        elif kind == "ps":
            lift.note("N411", block, "a bare 'P.S.' label was dropped; its items became the source note")
        elif kind == "list":
            for item in _list_items(block):
                if _bio_start(item, authors):
                    out["bio"].append(item)
                    lift.note("N412", item, "an author bio left the body for 'About the authors'")
                else:
                    out["source_note"].append(item)
                    lift.note("N413", item, "a source note left the body")
                    _infer_from_source(item, found)
        elif kind == "bio":
            out["bio"].append(block)
            lift.note("N412", block, "an author bio left the body for 'About the authors'")
        elif kind in ("signature", "source") or (kind == "url" and previous not in ("credit", "url")):
            out["source_note"].append(block)
            lift.note("N414" if kind == "signature" else "N413", block,
                      "a closing signature left the body for the source note" if kind == "signature"
                      else "a source note left the body")
            if kind != "signature":
                _infer_from_source(block, found)
        else:  # credit, disclaimer, more information, or a URL continuing a credit
            out["credits"].append(block)
            lift.note("N415", block, {
                "credit": "an image credit left the body for the credits",
                "disclaimer": "a disclaimer left the body for the credits",
                "more": "a 'for more information' line left the body for the credits",
            }.get(kind, "a credit's URL line left the body for the credits"))
        if kind != "rule":
            previous = kind if kind != "url" else previous or kind
    return start, out, found


def _infer_from_source(block: Block, found: dict[str, str]) -> None:
    """A source note such as "Publication. 29 Jan 2024: https://…" gives source URL, date, publication."""
    links = [link_target(node) for node in walk(block.node) if is_kind(node, "Link")]
    text = text_of(_inlines(block))
    if links and "source" not in found:
        found["source"] = links[0]
        date = find_date(text)
        if date:
            found["date"] = date
        head = re.split(r"\s*(?:\d{1,2}\s+\w+\.?\s+\d{4}|https?://)", text, maxsplit=1)[0].strip(" .,:;")
        if head and len(head.split()) <= 6 and first_str(_inlines(block))[:1].isupper():
            found["publication"] = head


SOURCE_HEAD_WORDS = 15  # at most this many words in a source line under the title
SOURCE_HEAD_REACH = 4  # blocks: how far under the title a source line stands, before the article's prose


def _head_source_lines(blocks: list[Block], lift: Lift) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """A short source line under the title, before the article's first paragraph of prose ("This post
    originally appeared on Grist."), goes to the source note as one at the text's end does (N413).
    Returns the body and the lines taken. A sentence of the article that opens so is longer."""
    taken: list[int] = []
    for index, block in enumerate(blocks[:SOURCE_HEAD_REACH]):
        if not is_kind(block.node, "Para", "Plain"):
            continue
        text = text_of(block.node).strip()
        if len(text.split()) > SOURCE_HEAD_WORDS:
            break  # the article's prose: the head is over
        if SOURCE_LINE.match(text) and lift.may("N413", block):
            lift.note("N413", block, "a source line under the title left the body for the source note",
                      "the source note")
            taken.append(index)
    if not taken:
        return tuple(blocks), ()
    return (tuple(block for index, block in enumerate(blocks) if index not in taken),
            tuple(blocks[index] for index in taken))


def _holds(written: str, holder: str) -> bool:
    """Whether the copyright line's `holder` may stand for `written`, the name the page writes for the
    host its links go to: an address ("nachtkritik.de" for nachtkritik.plus), or a part of it ("Reuters"
    of "The Thomson Reuters"); not where the page calls that host by its address ("enacademic.com",
    whose copyright line says "© Academic"): the host is then its own."""
    return "." in holder or not written or ("." not in written and _letters(holder) in _letters(written))


@rule(Stage.FURNITURE, order=20, codes={
    "N401": "page separator rules dropped",
    "N402": "masthead -> publication",
    "N403": "title heading -> title",
    "N404": "heading under the title -> subtitle",
    "N405": "byline -> author and date",
    "N406": "bold/italic lead paragraph -> standfirst",
    "N407": "dateline -> date",
    "N408": "the site's name beside the title -> publication",
    "N409": "first heading kept: differs from the front matter title",
    "N410": "lines above the title (the page's header) -> credits",
    "N411": "bare P.S. label dropped",
    "N412": "author bio -> About the authors",
    "N413": "source lines -> source note",
    "N414": "signature -> source note",
    "N415": "disclaimers, credits, 'more information' -> credits",
})
def lift_furniture(
    blocks: tuple[Block, ...], path: Path, known_title: str = "", known_authors: tuple[str, ...] = (),
    keep: Keep | None = None, source: str = "", page: tuple[str, ...] = (), site: str = "", lang: str = "",
    site_inferred: bool = False, month: str = "", site_linked: bool = False,
) -> Furniture:
    """Split a text's blocks into body, metadata and the furniture fields (but what `keep` names).

    `source` is the text's URL from its front matter, `page` the texts of all the
    page's blocks (furniture included) and `site` the host most of its links go to (`site_inferred`: or
    the one a site's export links to, `head.export_site`, then named only as the page writes it;
    `site_linked`: the host only the count of its links names, with no source URL, perhaps a sister or
    the owner's site, so never named by a guess from its address):
    they name the site (see `head.lift_head`); `lang` is the text's language and `month` the year and
    month of the page's own address (`head.page_month`), for its dates.
    """
    lift = Lift(path, keep or Keep())
    items = list(blocks)
    absolute = source if host_of(source) else ""  # a Hugo export's `url: /news/x/` names no site
    head = lift_head(items, known_title, lift, absolute or (f"https://{site}/" if site else ""), page, lang,
                     month)
    found_head = head.found
    authors = tuple(known_authors) or tuple(found_head.get("authors", ()))  # type: ignore[arg-type]
    rest = [block for index, block in enumerate(items[: head.start]) if index not in head.lifted]
    end, tail, found = _lift_tail(rest + items[head.start :], authors, lift)
    body, noted = _head_source_lines((rest + items[head.start :])[:end], lift)
    publication = str(found_head.get("publication", "") or found.get("publication", ""))
    url = source or found.get("source", "")
    host = (host_of(url) if url else "") or site
    guessed = False
    linked_only = site_linked and not host_of(url)  # the host most links go to: maybe a sister site's
    owner = own_name(host, authors) if not publication and host else ""
    if owner:  # "wolfgangmichal.de": the writer's own site, under the writer's name
        publication = owner
        lift.diagnostics.append(Diagnostic(
            codes.INFERRED, Severity.INFO, f"publication inferred from the site's address: {host} spells its "
            f"author's name, {owner}: the writer's own site", path))
    elif (not publication and host and linked_only and (holder := copyright_site(host, list(page)))
          and _holds(site_name(host, list(page)), holder)):
        publication = holder  # "© Reuters" on a page whose links go to thomsonreuters.com
        lift.diagnostics.append(Diagnostic(
            codes.INFERRED, Severity.INFO, f"publication inferred from the page's copyright line: {holder} "
            f"(its links go mostly to {host}, the owner's or a sister site)", path))
    elif not publication and host and ".".join(host.split(".")[-2:]) not in PLATFORM_HOSTS:
        guess = name_from_host(host)  # not a blog platform's ('WordPress.com'): its blogs have their own
        if site_inferred and len(guess.split()) < 2:
            guess = ""  # a host only inferred, its name not written: 'Nytimes' would be a wrong guess
        written = site_name(host, list(page))
        if linked_only and not written:
            # The host most links go to, whose name the page never writes, and no source URL to tell the
            # page's own site: no guess ('Home Sand Property'), and nothing said, for nothing was inferred
            # (a text of one's own linking thrice to a site gets no message either).
            guess = ""
        publication = written or guess or (host if host_of(url) else "")
        guessed = bool(publication) and not written
    inferred = Inferred(
        title=str(found_head.get("title", "")),
        subtitle=str(found_head.get("subtitle", "")),
        authors=tuple(found_head.get("authors", ())),  # type: ignore[arg-type]
        date=str(found_head.get("date", "") or found.get("date", "")),
        publication=publication,
        source=found.get("source", ""),
        publication_guessed=guessed,
    )
    return Furniture(
        body=body,
        inferred=inferred,
        standfirst=tuple(head.standfirst),
        source_note=noted + tuple(tail.get("source_note", ())),
        bio=tuple(tail.get("bio", ())),
        credits=tuple(head.above) + tuple(tail.get("credits", ())),
        diagnostics=tuple(lift.diagnostics),
    )
