"""Make what a source says safe to publish: allow-listed HTML, and only harmless URLs.

Texts come from the web. Raw HTML in them goes through an allow-list (nh3):
text-level and structural tags survive, everything else is removed — `script`,
`style`, `iframe` and the like with their content, event handler and style
attributes, and any URL that is not http(s) or mailto. `parse` then reads the
clean HTML back into pandoc's AST, so later stages never see raw HTML.

Links and images written in Markdown are checked the same way: a link to
`javascript:` or `data:` is unwrapped to its text; an image that is not a file
inside the sources folder (an absolute path, `..`, `file:`, `http(s):`) is
replaced by its description. Classes and ids the editions use for their own
parts (`.pullquote`, `.link-note`, `.skip-link`, every name of the templates and
styles: see `reserved`) are taken off the text's elements, so a text cannot
hide its words from a screen reader or fake a footnote. Each removal is a
warning naming the line.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import nh3

from pamphleteer import codes
from pamphleteer.ast import (
    Attr,
    Node,
    attr_of,
    events,
    has_attr,
    image_alt,
    image_target,
    is_kind,
    link_target,
    link_text,
    make_span,
    transform,
    walk,
    with_attr,
)
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.reserved import reserved

MARKER = "pamphleteer-raw-"  # ids of the Divs that carry raw HTML through pandoc and back
LEFT_OUT_IMAGE = "image-left-out"  # the class of the span that stands for an image left out
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "div": {"id"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
REMOVED_WITH_CONTENT = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "noembed", "noframes", "template", "svg", "math", "textarea", "select", "title", "xmp",
    "head", "canvas", "audio", "video",
}
URL_SCHEMES = {"http", "https", "mailto"}
HOSTILE = re.compile(
    r"<\s*(script|style|iframe|frame|object|embed|applet|form|input|link|meta|base|svg|math)\b"
    r"|\son[a-z]+\s*=|\sstyle\s*=|javascript\s*:|vbscript\s*:|data\s*:",
    re.IGNORECASE,
)
UNSEEN = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a URL


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "div" and attribute == "id":
        return value if value.startswith(MARKER) else None  # only our own markers
    return value


def clean_html(html: str) -> str:
    """HTML with only allow-listed tags, attributes and URL schemes left."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def plain_text(text: str) -> str:
    """A metadata value (a title, a name) with any HTML tags taken out, scripts with their content."""
    if "<" not in text:
        return text
    return html.unescape(nh3.clean(text, tags=set(), clean_content_tags=REMOVED_WITH_CONTENT)).strip()


def hostile_html(html: str) -> str:
    """The first thing in `html` that is there to attack a reader, or ''."""
    match = HOSTILE.search(html)
    return match.group(0).strip() if match else ""


def url_scheme(url: str) -> str:
    """The scheme of `url` as a browser would see it ('' for a relative URL)."""
    visible = UNSEEN.sub("", unquote(url)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", visible)
    return match.group(1) if match else ""


def is_safe_link(url: str) -> bool:
    """A link a reader may follow: http(s), mailto, or relative (including '#…')."""
    scheme = url_scheme(url)
    return scheme in URL_SCHEMES if scheme else not url.strip().startswith("//")


def local_image(url: str) -> str:
    """Why an image URL is not a file inside the sources folder, or '' if it is one."""
    scheme = url_scheme(url)
    if scheme in ("http", "https") or url.strip().startswith("//"):
        return "it is on the network, and the build fetches nothing from the network"
    if scheme:
        return f"'{scheme}:' images are not allowed"
    path = unquote(urlsplit(url.strip()).path)
    if not path:
        return "it names no file"
    if path.startswith("/") or Path(path).is_absolute():
        return "it is an absolute path, outside the sources folder"
    if posixpath.normpath(path).split("/")[0] == "..":
        return "it is outside the sources folder"
    return ""


def is_relative(url: str) -> bool:
    """A link to a page relative to the one it was found on (not `#…` within this text)."""
    url = url.strip()
    return bool(url) and not url.startswith(("#", "//")) and not url_scheme(url)


def without_relative_links(node: Node, path: Path, line: int, diagnostics: list[Diagnostic]) -> Node:
    """`node` with relative links made plain text: for parts that have no source page to resolve against.

    (A text's relative links are resolved against its source by the normaliser instead.)
    """
    for item in walk(node):
        if _is_relative_link(item):
            diagnostics.append(Diagnostic(
                codes.RELATIVE_LINK_IN_PART, Severity.WARNING,
                f"the relative link '{_short(link_target(item))}' became plain text: it would lead to a file "
                "of the computer that built the edition; write the full web address",
                path, line,
            ))

    def rewrite(inlines: list[Node]) -> list[Node]:
        return [_plain(link_text(item)) if _is_relative_link(item) else item for item in inlines]

    return transform(node, inlines=rewrite)


def _is_relative_link(node: Node) -> bool:
    return is_kind(node, "Link") and is_relative(link_target(node))


def is_raw(node: Any) -> bool:
    """Whether `node` is raw markup (HTML, LaTeX, …) that pandoc passed through untouched."""
    return isinstance(node, dict) and node.get("t") in ("RawInline", "RawBlock")


def _short(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "…"


def _plain(inlines: list[Node]) -> Node:
    return make_span(inlines)


def _reserved_names(attr: Attr) -> tuple[list[str], Attr]:
    """The classes and ids of `attr` the editions keep for their own furniture (see `reserved`),
    as written (`.pullquote`, `#toc`), and the attributes without them."""
    names = reserved()
    taken = [f".{name}" for name in attr.classes if names.is_class(name)]
    ours = bool(attr.identifier) and not attr.identifier.startswith(MARKER)  # the parser's own markers stay
    if ours and attr.identifier in names.ids:
        taken.insert(0, f"#{attr.identifier}")
    kept_id = "" if ours and names.is_id(attr.identifier) else attr.identifier
    return taken, Attr(kept_id, tuple(name for name in attr.classes if not names.is_class(name)), attr.pairs)


def _without_reserved_names(node: Node) -> Node:
    """`node` without the classes and ids the editions use for their own parts (itself if it has none)."""
    if not has_attr(node):
        return node
    attr = attr_of(node)
    _taken, kept = _reserved_names(attr)
    return node if kept == attr else with_attr(node, kept)


def _unsafe_link(node: Node) -> bool:
    return is_kind(node, "Link") and not is_safe_link(link_target(node))


def _left_out_reason(node: Node) -> str:
    """Why an Image is left out of the editions ('' when it stays, or for any other node)."""
    return local_image(image_target(node)) if is_kind(node, "Image") else ""


def _target_reports(node: Node, leaving: bool) -> list[tuple[str, str]]:
    """What `safe_targets` reports of one node, as (code, message): its reserved names on entering
    it, an unsafe link or an image left out on leaving it (after what its text reported)."""
    if not leaving:
        taken = _reserved_names(attr_of(node))[0] if has_attr(node) else []
        return [(codes.RESERVED_NAME_REMOVED, f"{' '.join(taken)} removed: the editions use "
                 f"{'these names' if taken[1:] else 'this name'} for their own parts (pull quotes, notes, "
                 "navigation), which a text may not imitate")] if taken else []
    if _unsafe_link(node):
        return [(codes.LINK_REMOVED, f"the link to '{_short(link_target(node))}' was removed, its text "
                 "kept: only http(s), mailto and relative links are published; fix or remove the link")]
    reason = _left_out_reason(node)
    return [(codes.IMAGE_LEFT_OUT, f"the image '{_short(image_target(node))}' is left out ({reason}); put "
             "the image file in the sources folder and refer to it by a relative path")] if reason else []


def _safe_node(node: Node) -> Node:
    """One node made safe, its children already: reserved names off, an unsafe link unwrapped,
    an image left out replaced by a span of its description."""
    node = _without_reserved_names(node)
    if _unsafe_link(node):
        return _plain(link_text(node))
    if _left_out_reason(node):
        return make_span(image_alt(node), Attr("", (LEFT_OUT_IMAGE,), (("src", image_target(node)),)))
    return node


def safe_targets(
    node: Node | list[Node], path: Path, line: int, diagnostics: list[Diagnostic], keep_raw: bool = False
) -> Any:
    """`node` (or a list of nodes) with unsafe links unwrapped and outside images replaced by their
    description. Raw markup is dropped unless `keep_raw` (for HTML still to be cleaned)."""
    def kept(items: list[Node]) -> list[Node]:
        return items if keep_raw else [item for item in items if not is_raw(item)]

    def rewrite(items: list[Node]) -> list[Node]:  # a node without attributes (a word, a space) stays
        return [_safe_node(item) if has_attr(item) else item for item in kept(items)]

    roots = kept(node) if isinstance(node, list) else [node]  # a raw node given alone is kept
    for item, leaving in events(roots):
        if has_attr(item):  # the only nodes with names, links or images to report
            diagnostics.extend(Diagnostic(code, Severity.WARNING, message, path, line)
                               for code, message in _target_reports(item, leaving))
    safe = [_safe_node(transform(item, inlines=rewrite, blocks=rewrite)) for item in roots]
    return safe if isinstance(node, list) else safe[0]
