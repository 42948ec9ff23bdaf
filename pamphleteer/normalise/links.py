"""Repair links as scraping leaves them: one link per target, no dead or tracking links.

- `clean_tracking`: tracking parameters (utm_*, fbclid, srltid, ...) leave URLs (N103);
- `drop_repeated_urls`: a link followed by its own URL in parentheses keeps one link;
  emphasised text followed by a URL in parentheses becomes a link on that text (N101);
- `drop_url_from_link_text`: link text that repeats its own URL in parentheses loses it (N102);
- `unescape_url_text`: a URL shown as link text loses Markdown escapes such as `\\_` (N104);
- `unwrap_dead_links`: links to nothing (`#`, empty, a web address with no site: `http:///h`)
  become their plain text (N110);
- `resolve_relative_links`: a link relative to the page it was scraped from (`other.html`,
  `/tag/x`, `../x`) is resolved against the text's source URL (N431), or, with no source
  known, becomes its plain text with a warning (N432): an edition never links to a file of
  the machine that built it. Not overruled by `keep:`; giving a `source:` is the way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from pamphleteer.ast import (
    Node,
    events,
    is_dead_link,
    is_kind,
    kind,
    link_target,
    link_text,
    make_link,
    make_str,
    make_wrapper,
    merge_adjacent,
    str_text,
    text_of,
    transform,
    walk,
    with_link_target,
    wrapped,
)
from pamphleteer.errors import Severity
from pamphleteer.normalise.findings import BlockRule, Finding, shorten
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.sanitise import is_relative

TRACKING_PARAMETER = re.compile(
    r"^(utm_\w+|srltid|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|"
    r"mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wickedid|rb_clickid|"
    r"s_cid|ref_src|spm|_ga|_gl)$",
    re.IGNORECASE,
)
URL_TEXT = re.compile(r"^<?(https?://|www\.)\S+>?$", re.IGNORECASE)
URL_IN_PARENS = re.compile(r"\s*\(\s*<?((?:https?://|www\.)[^\s()]+)>?\s*\)")
MARKDOWN_ESCAPE = re.compile(r"\\+(?=[!-/:-@\[-`{-~])")
JOINING_PUNCTUATION = re.compile(r"^[,;:]$")
GAPS = ("Space", "SoftBreak")  # what separates words on a line (a LineBreak ends one)


def unescape(text: str) -> str:
    """Text without Markdown backslash escapes (`issue\\_post` -> `issue_post`)."""
    return MARKDOWN_ESCAPE.sub("", text)


def without_tracking(url: str) -> str:
    """The URL without tracking query parameters; everything else kept as written."""
    base, hash_mark, fragment = url.partition("#")
    path, question, query = base.partition("?")
    if not question:
        return url
    kept = [part for part in query.split("&") if part and not TRACKING_PARAMETER.match(part.split("=")[0])]
    cleaned = path + ("?" + "&".join(kept) if kept else "")
    return cleaned + hash_mark + fragment


def url_key(url: str) -> str:
    """A comparison key: two URLs with the same key lead to the same page."""
    url = without_tracking(unescape(url.strip().strip("<>")))
    if url.lower().startswith("www."):
        url = "https://" + url
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}?{parts.query}#{parts.fragment}"


def same_url(first: str, second: str) -> bool:
    return url_key(first) == url_key(second)


def looks_like_url(text: str) -> bool:
    return bool(URL_TEXT.match(text.strip()))


SHOWN_INSIDE = {"Strong": ("**", "**"), "Emph": ("*", "*")}  # and links, as `[text](url)`


def _shown_inside(node: Node) -> bool:
    return is_kind(node, "Link", *SHOWN_INSIDE)


def show(nodes: list[Node]) -> str:
    """Inlines as short Markdown-like text for a diagnostic (the text of each link, strong or
    emphasis inside cut to 160 characters as well)."""
    shown: list[list[str]] = [[]]  # the text of each link, strong or emphasis entered, so far
    for node, leaving in events(nodes, into=_shown_inside):
        if _shown_inside(node) and not leaving:
            shown.append([])
            continue
        if leaving:
            inner = shorten("".join(shown.pop()), 160)
            if is_kind(node, "Link"):
                shown[-1].append(f"[{inner}]({link_target(node)})")
            else:
                opening, closing = SHOWN_INSIDE[kind(node)]
                shown[-1].append(f"{opening}{inner}{closing}")
        else:
            shown[-1].append(text_of([node]) if not is_kind(node, *GAPS) else " ")
    return shorten("".join(shown[0]), 160)


def _links_inside(node: Node) -> list[Node]:
    """Every Link in `node` (itself included), in reading order."""
    return [item for item in walk(node) if is_kind(item, "Link")]


LinkRepair = Callable[[Node], "tuple[list[Node], Finding] | None"]  # a link -> what replaces it, or None


def _mend_links(node: Node, repair: LinkRepair, merge: bool = False) -> tuple[Node, list[Finding]]:
    """`node` with every Link that `repair` mends replaced by the inlines it returns, with a
    finding for each; with `merge`, the words around them joined as pandoc would."""
    if not any(item["t"] == "Link" for item in walk(node)):  # most blocks: no link to mend, nothing rebuilt
        return node, []
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for item in inlines:
            mended = repair(item) if is_kind(item, "Link") else None
            if mended is None:
                out.append(item)
            else:
                out.extend(mended[0])
                findings.append(mended[1])
        return merge_adjacent(out) if merge else out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- tracking parameters ------------------------------------------------------


@rule(Stage.LINKS, order=10, codes={"N103": "tracking parameters dropped from URLs"})
def clean_tracking(node: Node) -> tuple[Node, list[Finding]]:
    """Drop tracking parameters from every link target (and from a URL shown as its text)."""
    return _mend_links(node, _without_tracking_parameters)


def _without_tracking_parameters(link: Node) -> tuple[list[Node], Finding] | None:
    url = link_target(link)
    cleaned = without_tracking(url)
    if cleaned == url:
        return None
    shown = text_of(link_text(link))
    new_text = [make_str(cleaned)] if looks_like_url(shown) and same_url(shown, url) else None
    return [with_link_target(link, cleaned, new_text)], Finding(
        "N103", "tracking parameters dropped from a link", url, cleaned)


# -- a URL repeated after its link ---------------------------------------------


def _repeat_at(inlines: list[Node], start: int) -> tuple[int, int, Node] | None:
    """Is `inlines[start]` followed by `(URL)`? Return (open, close, url link) indexes."""
    index = start + 1
    following = inlines[index] if index < len(inlines) else None
    if following is not None and is_kind(following, "Str") and JOINING_PUNCTUATION.match(str_text(following)):
        index += 1
    if index < len(inlines) and is_kind(inlines[index], *GAPS):
        index += 1
    if index + 3 > len(inlines):
        return None
    opening, link, closing = inlines[index : index + 3]
    if not (
        is_kind(opening, "Str") and str_text(opening) == "("
        and is_kind(link, "Link")
        and is_kind(closing, "Str") and str_text(closing).startswith(")")
    ):
        return None
    text, url = link_text(link), link_target(link)
    shown = text_of(text)
    if not (looks_like_url(shown) and same_url(shown, url)):
        return None
    return index, index + 2, link


@rule(Stage.LINKS, order=20, codes={"N101": "repeated URL after a link dropped"})
def drop_repeated_urls(node: Node) -> tuple[Node, list[Finding]]:
    """`[text](URL) (<URL>)` keeps one link; `**text** (<URL>)` becomes one link on the text."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out = list(inlines)
        index = 0
        while index < len(out):
            item = out[index]
            if not is_kind(item, "Link", "Strong", "Emph"):
                index += 1
                continue
            found = _repeat_at(out, index)
            if found is None:
                index += 1
                continue
            opening, closing, repeated = found
            url = link_target(repeated)
            own = [item] if is_kind(item, "Link") else _links_inside(item)
            if own and not all(same_url(link_target(link), url) for link in own):
                index += 1
                continue
            before = show(out[index : closing + 1])
            replacement = item
            if not own:  # emphasised words followed by their URL: make them the link
                replacement = make_wrapper(kind(item), [make_link(wrapped(item), url)])
            rest = str_text(out[closing])[1:]
            start_gap = opening - 1 if is_kind(out[opening - 1], *GAPS) else opening
            tail = [make_str(rest)] if rest else []
            kept = [replacement] + out[index + 1 : start_gap] + tail
            out = out[:index] + kept + out[closing + 1 :]
            after = show(kept)
            message = ("a URL repeated after its link was dropped" if own
                       else "emphasised text followed by its URL became one link")
            findings.append(Finding("N101", message, before, after))
            index += 1
        return merge_adjacent(out)

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- a URL inside its own link text -----------------------------------------------


def _without_own_url(text: str, url: str) -> str:
    """`text` without the `(URL)`s in it that name `url`."""
    return URL_IN_PARENS.sub(lambda m: "" if same_url(m.group(1), url) else m.group(0), text)


@rule(Stage.LINKS, order=30, codes={"N102": "URL dropped from its own link text"})
def drop_url_from_link_text(node: Node) -> tuple[Node, list[Finding]]:
    """`[About us \\(https://x.org/about/\\)](https://x.org/about/)` -> `[About us](…)`."""
    return _mend_links(node, _without_url_in_text)


def _part_without_url(part: Node, url: str) -> Node:
    """A Str of a link's text without the `(URL)`s in it that name `url` (itself if it has none)."""
    if not is_kind(part, "Str"):
        return part
    stripped = _without_own_url(str_text(part), url)
    return make_str(stripped) if stripped != str_text(part) else part


def _without_url_in_text(link: Node) -> tuple[list[Node], Finding] | None:
    text, url = link_text(link), link_target(link)
    if looks_like_url(text_of(text)):
        return None
    new_text = merge_adjacent([_part_without_url(part, url) for part in text])
    while new_text and is_kind(new_text[-1], *GAPS):
        new_text.pop()
    if new_text == text or not text_of(new_text):
        return None
    mended = with_link_target(link, url, new_text)
    return [mended], Finding("N102", "a link's text repeated its own URL; the URL was dropped",
                             show([link]), show([mended]))


@rule(Stage.LINKS, order=40, codes={"N104": "escapes removed from URLs shown as text"})
def unescape_url_text(node: Node) -> tuple[Node, list[Finding]]:
    """A link whose text is a URL shows it without Markdown escapes."""
    return _mend_links(node, _unescaped_url_text)


def _unescaped_url_text(link: Node) -> tuple[list[Node], Finding] | None:
    shown = text_of(link_text(link))
    if not (looks_like_url(shown) and "\\" in shown and unescape(shown) != shown):
        return None
    return [with_link_target(link, link_target(link), [make_str(unescape(shown))])], Finding(
        "N104", "escapes removed from a URL shown as link text", shown, unescape(shown))


# -- dead links -------------------------------------------------------------------


@rule(Stage.LINKS, order=50, codes={"N110": "dead links unwrapped to plain text"})
def unwrap_dead_links(node: Node) -> tuple[Node, list[Finding]]:
    """A link to nothing (`[Cuba](#)`, `[groups](http:///h)`) becomes its text (`Cuba`)."""
    return _mend_links(node, _dead_link_text, merge=True)


def _without_host(url: str) -> bool:
    """A web address with no site in it (`http:///h`, `https://`): a page's broken link, which no
    reader can follow."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and not parts.netloc


def _dead_link_text(link: Node) -> tuple[list[Node], Finding] | None:
    if not (is_dead_link(link) or _without_host(link_target(link))):
        return None
    return link_text(link), Finding("N110", "a dead link became plain text", show([link]),
                                    text_of(link_text(link)))


# -- relative links -------------------------------------------------------------


@rule(Stage.FURNITURE, order=30, codes={  # once the furniture is read, the text's source is known
    "N431": "relative link resolved against the text's source",
    "N432": "relative link with no source to resolve it against -> plain text",
})
def resolve_relative_links(source_url: str) -> BlockRule:
    """The rule that resolves relative links against `source_url`, or unwraps them without one."""
    base = source_url if urlsplit(source_url).scheme in ("http", "https") else ""

    def resolve(node: Node) -> tuple[Node, list[Finding]]:
        return _mend_links(node, resolve_one, merge=True)

    def resolve_one(link: Node) -> tuple[list[Node], Finding] | None:
        url = link_target(link)
        if not is_relative(url):
            return None
        resolved = urljoin(base, url.strip()) if base else ""
        if urlsplit(resolved).scheme in ("http", "https"):
            return [with_link_target(link, resolved)], Finding(
                "N431", "a relative link was resolved against the text's source", url, resolved)
        return link_text(link), Finding(
            "N432", f"the relative link '{shorten(url, 60)}' became plain text: with no source "
            "URL it leads nowhere; add 'source:' to the front matter to keep it as a link",
            show([link]), text_of(link_text(link)), Severity.WARNING,
        )

    return resolve

