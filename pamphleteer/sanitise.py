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
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.reserved import reserved

Node = dict[str, Any]

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
# Where each kind of element keeps its attributes `[id, classes, pairs]` in pandoc's JSON.
ATTR_AT = {"Div": 0, "Span": 0, "Code": 0, "CodeBlock": 0, "Link": 0, "Image": 0, "Table": 0, "Figure": 0,
           "Header": 1}
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


def without_relative_links(node: Any, path: Path, line: int, diagnostics: list[Diagnostic]) -> Any:
    """`node` with relative links made plain text: for parts that have no source page to resolve against.

    (A text's relative links are resolved against its source by the normaliser instead.)
    Recursive, like `safe_targets`, on trees whose depth is bounded.
    """
    if isinstance(node, list):
        return [without_relative_links(item, path, line, diagnostics) for item in node]
    if not isinstance(node, dict) or "c" not in node:
        return node
    if node["t"] == "Link" and is_relative(node["c"][2][0]):
        diagnostics.append(Diagnostic(
            codes.RELATIVE_LINK_IN_PART, Severity.WARNING,
            f"the relative link '{_short(node['c'][2][0])}' became plain text: it would lead to a file "
            "of the computer that built the edition; write the full web address",
            path, line,
        ))
        return _plain(without_relative_links(node["c"][1], path, line, diagnostics))
    return {"t": node["t"], "c": without_relative_links(node["c"], path, line, diagnostics)}


def is_raw(node: Any) -> bool:
    """Whether `node` is raw markup (HTML, LaTeX, …) that pandoc passed through untouched."""
    return isinstance(node, dict) and node.get("t") in ("RawInline", "RawBlock")


def _short(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "…"


def _plain(inlines: list[Node]) -> Node:
    return {"t": "Span", "c": [["", [], []], inlines]}


def _without_reserved_names(
    node: Node, at: int, path: Path, line: int, diagnostics: list[Diagnostic]
) -> Node:
    """`node` without the classes and ids the editions use for their own furniture (see `reserved`)."""
    identifier, classes, pairs = node["c"][at]
    names = reserved()
    taken = [f".{name}" for name in classes if names.is_class(name)]
    ours = bool(identifier) and not identifier.startswith(MARKER)  # the parser's own markers stay
    if ours and identifier in names.ids:
        taken.insert(0, f"#{identifier}")
    kept_id = "" if ours and names.is_id(identifier) else identifier
    if not taken and kept_id == identifier:
        return node
    if taken:
        diagnostics.append(Diagnostic(
            codes.RESERVED_NAME_REMOVED, Severity.WARNING,
            f"{' '.join(taken)} removed: the editions use {'these names' if taken[1:] else 'this name'} "
            "for their own parts (pull quotes, notes, navigation), which a text may not imitate",
            path, line,
        ))
    content = list(node["c"])
    content[at] = [kept_id, [name for name in classes if not names.is_class(name)], pairs]
    return {"t": node["t"], "c": content}


def safe_targets(
    node: Any, path: Path, line: int, diagnostics: list[Diagnostic], keep_raw: bool = False
) -> Any:
    """`node` with unsafe links unwrapped and outside images replaced by their description.

    Raw markup is dropped unless `keep_raw` (for HTML still to be cleaned).
    Recursive: call it on trees whose depth `nesting.flatten_deep` has bounded.
    """
    if isinstance(node, list):
        return [
            safe_targets(item, path, line, diagnostics, keep_raw)
            for item in node if keep_raw or not is_raw(item)
        ]
    if not isinstance(node, dict) or "c" not in node:
        return node
    kind = node["t"]
    if kind in ATTR_AT:
        node = _without_reserved_names(node, ATTR_AT[kind], path, line, diagnostics)
    if kind in ("Link", "Image"):
        attr, inlines, (url, title) = node["c"]
        inlines = safe_targets(inlines, path, line, diagnostics, keep_raw)
        if kind == "Link" and not is_safe_link(url):
            diagnostics.append(Diagnostic(
                codes.LINK_REMOVED, Severity.WARNING,
                f"the link to '{_short(url)}' was removed, its text kept: only http(s), mailto "
                "and relative links are published; fix or remove the link",
                path, line,
            ))
            return _plain(inlines)
        if kind == "Image":
            reason = local_image(url)
            if reason:
                diagnostics.append(Diagnostic(
                    codes.IMAGE_LEFT_OUT, Severity.WARNING,
                    f"the image '{_short(url)}' is left out ({reason}); put the image file in the "
                    "sources folder and refer to it by a relative path",
                    path, line,
                ))
                return {"t": "Span", "c": [["", [LEFT_OUT_IMAGE], [["src", url]]], inlines]}
        return {"t": kind, "c": [attr, inlines, [url, title]]}
    return {"t": kind, "c": safe_targets(node["c"], path, line, diagnostics, keep_raw)}
