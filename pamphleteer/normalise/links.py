"""Repair links as scraping leaves them: one link per target, no dead or tracking links.

- `clean_tracking`: tracking parameters (utm_*, fbclid, srltid, ...) leave URLs (N103);
- `drop_repeated_urls`: a link followed by its own URL in parentheses keeps one link;
  emphasised text followed by a URL in parentheses becomes a link on that text (N101);
- `drop_url_from_link_text`: link text that repeats its own URL in parentheses loses it (N102);
- `unescape_url_text`: a URL shown as link text loses Markdown escapes such as `\\_` (N104);
- `unwrap_dead_links`: links to nothing (`#`, empty) become their plain text (N110);
- `resolve_relative_links`: a link relative to the page it was scraped from (`other.html`,
  `/tag/x`, `../x`) is resolved against the text's source URL (N431), or, with no source
  known, becomes its plain text with a warning (N432): an edition never links to a file of
  the machine that built it. Not overruled by `keep:`; giving a `source:` is the way.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from pamphleteer.ast import is_dead_link
from pamphleteer.errors import Severity
from pamphleteer.normalise.findings import BlockRule, Finding
from pamphleteer.normalise.inlines import merge_adjacent, rewrite_inline_lists, shorten, text_of
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Node
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


def show(nodes: list[Node]) -> str:
    """Inlines as short Markdown-like text for a diagnostic."""
    out = []
    for node in nodes:
        kind = node["t"]
        if kind == "Link":
            out.append(f"[{show(node['c'][1])}]({node['c'][2][0]})")
        elif kind == "Strong":
            out.append(f"**{show(node['c'])}**")
        elif kind == "Emph":
            out.append(f"*{show(node['c'])}*")
        else:
            out.append(text_of([node]) if kind not in ("Space", "SoftBreak") else " ")
    return shorten("".join(out), 160)


def _link(node: Node) -> tuple[list[Node], str]:
    _attr, text, (url, _title) = node["c"]
    return text, url


def _set_url(node: Node, url: str, text: list[Node] | None = None) -> Node:
    attr, old_text, (_url, title) = node["c"]
    return {"t": "Link", "c": [attr, old_text if text is None else text, [url, title]]}


def _links_inside(node: Node) -> list[Node]:
    found: list[Node] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if value.get("t") == "Link":
                found.append(value)
            walk(value.get("c"))
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(node)
    return found


# -- tracking parameters ------------------------------------------------------


@rule(Stage.LINKS, order=10, codes={"N103": "tracking parameters dropped from URLs"})
def clean_tracking(node: Node) -> tuple[Node, list[Finding]]:
    """Drop tracking parameters from every link target (and from a URL shown as its text)."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out = []
        for item in inlines:
            if item["t"] == "Link":
                text, url = _link(item)
                cleaned = without_tracking(url)
                if cleaned != url:
                    shown = text_of(text)
                    new_text = None
                    if looks_like_url(shown) and same_url(shown, url):
                        new_text = [{"t": "Str", "c": cleaned}]
                    item = _set_url(item, cleaned, new_text)
                    findings.append(Finding("N103", "tracking parameters dropped from a link", url, cleaned))
            out.append(item)
        return out

    new = rewrite_inline_lists(node, rewrite)
    return (new if findings else node), findings


# -- a URL repeated after its link ---------------------------------------------


def _repeat_at(inlines: list[Node], start: int) -> tuple[int, int, Node] | None:
    """Is `inlines[start]` followed by `(URL)`? Return (open, close, url link) indexes."""
    index = start + 1
    following = inlines[index] if index < len(inlines) else None
    if following is not None and following["t"] == "Str" and JOINING_PUNCTUATION.match(following["c"]):
        index += 1
    if index < len(inlines) and inlines[index]["t"] in ("Space", "SoftBreak"):
        index += 1
    if index + 3 > len(inlines):
        return None
    opening, link, closing = inlines[index : index + 3]
    if not (
        opening["t"] == "Str" and opening["c"] == "("
        and link["t"] == "Link"
        and closing["t"] == "Str" and closing["c"].startswith(")")
    ):
        return None
    text, url = _link(link)
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
            if item["t"] not in ("Link", "Strong", "Emph"):
                index += 1
                continue
            found = _repeat_at(out, index)
            if found is None:
                index += 1
                continue
            opening, closing, repeated = found
            _text, url = _link(repeated)
            own = [item] if item["t"] == "Link" else _links_inside(item)
            if own and not all(same_url(_link(link)[1], url) for link in own):
                index += 1
                continue
            before = show(out[index : closing + 1])
            replacement = item
            if not own:  # emphasised words followed by their URL: make them the link
                made = {"t": "Link", "c": [["", [], []], item["c"], [url, ""]]}
                replacement = {"t": item["t"], "c": [made]}
            rest = out[closing]["c"][1:]
            start_gap = opening - 1 if out[opening - 1]["t"] in ("Space", "SoftBreak") else opening
            tail = [{"t": "Str", "c": rest}] if rest else []
            kept = [replacement] + out[index + 1 : start_gap] + tail
            out = out[:index] + kept + out[closing + 1 :]
            after = show(kept)
            message = ("a URL repeated after its link was dropped" if own
                       else "emphasised text followed by its URL became one link")
            findings.append(Finding("N101", message, before, after))
            index += 1
        return merge_adjacent(out)

    new = rewrite_inline_lists(node, rewrite)
    return (new if findings else node), findings


# -- a URL inside its own link text -----------------------------------------------


def _without_own_url(text: str, url: str) -> str:
    """`text` without the `(URL)`s in it that name `url`."""
    return URL_IN_PARENS.sub(lambda m: "" if same_url(m.group(1), url) else m.group(0), text)


@rule(Stage.LINKS, order=30, codes={"N102": "URL dropped from its own link text"})
def drop_url_from_link_text(node: Node) -> tuple[Node, list[Finding]]:
    """`[About us \\(https://x.org/about/\\)](https://x.org/about/)` -> `[About us](…)`."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out = []
        for item in inlines:
            if item["t"] == "Link":
                text, url = _link(item)
                if not looks_like_url(text_of(text)):
                    new_text = []
                    for part in text:
                        if part["t"] == "Str":
                            stripped = _without_own_url(part["c"], url)
                            part = {"t": "Str", "c": stripped} if stripped != part["c"] else part
                        new_text.append(part)
                    new_text = merge_adjacent(new_text)
                    while new_text and new_text[-1]["t"] in ("Space", "SoftBreak"):
                        new_text.pop()
                    if new_text != text and text_of(new_text):
                        findings.append(Finding(
                            "N102", "a link's text repeated its own URL; the URL was dropped",
                            show([item]), show([_set_url(item, url, new_text)]),
                        ))
                        item = _set_url(item, url, new_text)
            out.append(item)
        return out

    new = rewrite_inline_lists(node, rewrite)
    return (new if findings else node), findings


@rule(Stage.LINKS, order=40, codes={"N104": "escapes removed from URLs shown as text"})
def unescape_url_text(node: Node) -> tuple[Node, list[Finding]]:
    """A link whose text is a URL shows it without Markdown escapes."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out = []
        for item in inlines:
            if item["t"] == "Link":
                text, url = _link(item)
                shown = text_of(text)
                if looks_like_url(shown) and "\\" in shown and unescape(shown) != shown:
                    findings.append(Finding("N104", "escapes removed from a URL shown as link text",
                                            shown, unescape(shown)))
                    item = _set_url(item, url, [{"t": "Str", "c": unescape(shown)}])
            out.append(item)
        return out

    new = rewrite_inline_lists(node, rewrite)
    return (new if findings else node), findings


# -- dead links -------------------------------------------------------------------


@rule(Stage.LINKS, order=50, codes={"N110": "dead links unwrapped to plain text"})
def unwrap_dead_links(node: Node) -> tuple[Node, list[Finding]]:
    """A link to nothing (`[Cuba](#)`) becomes its text (`Cuba`)."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for item in inlines:
            if item["t"] == "Link" and is_dead_link(item):
                findings.append(Finding("N110", "a dead link became plain text", show([item]),
                                        text_of(_link(item)[0])))
                out.extend(_link(item)[0])
            else:
                out.append(item)
        return merge_adjacent(out)

    new = rewrite_inline_lists(node, rewrite)
    return (new if findings else node), findings


# -- relative links -------------------------------------------------------------


@rule(Stage.FURNITURE, order=30, codes={  # once the furniture is read, the text's source is known
    "N431": "relative link resolved against the text's source",
    "N432": "relative link with no source to resolve it against -> plain text",
})
def resolve_relative_links(source_url: str) -> BlockRule:
    """The rule that resolves relative links against `source_url`, or unwraps them without one."""
    base = source_url if urlsplit(source_url).scheme in ("http", "https") else ""

    def resolve(node: Node) -> tuple[Node, list[Finding]]:
        findings: list[Finding] = []

        def rewrite(inlines: list[Node]) -> list[Node]:
            out: list[Node] = []
            for item in inlines:
                if item["t"] != "Link" or not is_relative(_link(item)[1]):
                    out.append(item)
                    continue
                text, url = _link(item)
                resolved = urljoin(base, url.strip()) if base else ""
                if urlsplit(resolved).scheme in ("http", "https"):
                    findings.append(Finding(
                        "N431", "a relative link was resolved against the text's source", url, resolved
                    ))
                    out.append(_set_url(item, resolved))
                else:
                    findings.append(Finding(
                        "N432", f"the relative link '{shorten(url, 60)}' became plain text: with no source "
                        "URL it leads nowhere; add 'source:' to the front matter to keep it as a link",
                        show([item]), text_of(text), Severity.WARNING,
                    ))
                    out.extend(text)
            return merge_adjacent(out)

        new = rewrite_inline_lists(node, rewrite)
        return (new if findings else node), findings

    return resolve

