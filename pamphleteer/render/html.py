"""Render the web edition: the publication as one self-contained HTML5 file.

The page is drawn from `templates/html/page.html`; its stylesheet,
`styles/web.css`, goes inline with every file it names (the vendored fonts)
embedded as `data:` URIs, so the file makes no request when it is opened,
wherever it is put. A font face whose `unicode-range` covers no character of
the page is left out: the browser would never load it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Set

from markupsafe import Markup

from pamphleteer.errors import RenderError
from pamphleteer.model import Publication
from pamphleteer.render.markup import LinkStyle, PageMarks, PageStart
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template

STYLESHEET = "web.css"
MEDIA_TYPES = {
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
}
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
UNICODE_RANGE = re.compile(r"unicode-range\s*:\s*([^;}]+)")
URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
HEADING = re.compile(
    r'<(?P<tag>h[2-4])(?P<before>[^>]*?) id="(?P<id>[^"]+)"(?P<after>[^>]*)>(?P<inner>.*?)</(?P=tag)>', re.S
)


def page_marker(label: str) -> Markup:
    """A print page break, announced as one (named by its title: axe refuses aria-label on it).

    It is empty: the stylesheet shows its number in the margin, generated from
    `data-page`, so the number is never read or copied as part of the text."""
    return Markup(
        '<span class="page-break" role="doc-pagebreak" id="page-{0}" title="Page {0}" data-page="{0}">'
        '</span>'
    ).format(label)


def unicode_ranges(value: str) -> tuple[tuple[int, int], ...]:
    """The code point ranges of a CSS `unicode-range` value ("U+0000-00FF, U+4??")."""
    ranges = []
    for item in value.split(","):
        item = item.strip().upper().removeprefix("U+")
        if not item:
            continue
        low, _, high = item.partition("-")
        if "?" in low:
            low, high = low.replace("?", "0"), low.replace("?", "F")
        ranges.append((int(low, 16), int(high or low, 16)))
    return tuple(ranges)


def face_is_used(rule: str, characters: Set[str]) -> bool:
    """Whether an @font-face rule covers any of `characters` (a face without a range covers all)."""
    found = UNICODE_RANGE.search(rule)
    if not found:
        return True
    ranges = unicode_ranges(found.group(1))
    return any(low <= ord(char) <= high for char in characters for low, high in ranges)


def data_uri(reference: str) -> str:
    """A file under styles/, named by a stylesheet's url(), as a data: URI."""
    if reference.startswith("data:"):
        return reference
    path = (STYLES / reference).resolve()
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if not path.is_relative_to(STYLES.resolve()) or not path.is_file() or media_type is None:
        raise RenderError(
            f"url({reference}) does not name a font or image under styles/; the web edition must not "
            "load anything from elsewhere. Vendor the file into styles/fonts/ and name it relatively",
            file=STYLES / STYLESHEET,
        )
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{media_type};base64,{encoded}"


def self_contained(css: str, characters: Set[str]) -> str:
    """The stylesheet with unused font faces dropped and every url() embedded."""
    css = FONT_FACE.sub(lambda rule: rule.group(0) if face_is_used(rule.group(0), characters) else "", css)
    css = re.sub(r"\n{3,}", "\n\n", css)
    return URL.sub(lambda found: f'url("{data_uri(found.group(2))}")', css)


# Where the stylesheet goes, until it is known: a raw tag, which nothing escaped (every text) can contain.
CSS_STAND_IN = "<pamphleteer-stylesheet>"


def render_html(publication: Publication, page_starts: Iterable[PageStart] = ()) -> bytes:
    """The publication as one HTML page, with the print edition's page numbers marked."""
    marks = PageMarks.from_starts(tuple(page_starts), page_marker)

    def page(css: str) -> str:
        return render_template(
            "html/page.html",
            pub=publication,
            write=block_writer(LinkStyle.LIVE, marks, images=lambda path: _data_uri(publication, path)),
            href=_fragment,
            css=Markup(css),
        )

    # Written once, with a stand-in for its stylesheet: what the page shows decides which faces it carries.
    written = page(CSS_STAND_IN)
    characters = frozenset(written.replace(CSS_STAND_IN, "", 1))
    css = self_contained(read_style(STYLESHEET), characters)
    return self_links(written.replace(CSS_STAND_IN, css, 1)).encode("utf-8")


def self_links(page: str) -> str:
    """Every heading of the texts and parts (in `<main>`) made a link to itself, so a reader can
    point to it; a heading that holds a link of its own is left as it is."""
    start, end = page.find("<main"), page.rfind("</main>")
    if start < 0 or end < 0:
        return page

    def linked(found: re.Match[str]) -> str:
        if "<a " in found["inner"]:
            return found[0]
        return (f'<{found["tag"]}{found["before"]} id="{found["id"]}"{found["after"]}>'
                f'<a class="self-link" href="#{found["id"]}">{found["inner"]}</a></{found["tag"]}>')

    return page[:start] + HEADING.sub(linked, page[start:end]) + page[end:]


def _data_uri(publication: Publication, path: str) -> str | None:
    """An image inside the page, as a `data:` URI: the web edition is one file."""
    image = publication.image(path)
    if image is None:
        return None
    return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"


def _fragment(name: str) -> str:
    return f"#{name}"

