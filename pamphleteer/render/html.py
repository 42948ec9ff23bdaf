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
from collections.abc import Iterable, Sequence, Set
from pathlib import Path

from markupsafe import Markup

from pamphleteer.errors import RenderError
from pamphleteer.look import MEDIA_TYPES as OWN_MEDIA_TYPES
from pamphleteer.look import named_file, own_css
from pamphleteer.model import Publication
from pamphleteer.render.faces import used_faces
from pamphleteer.render.markup import LinkStyle, PageMarks, PageStart
from pamphleteer.render.ownface import lacked, screen_rules
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template
from pamphleteer.textface import FaceFile
from pamphleteer.wording import ENGLISH, Words, words

STYLESHEET = "web.css"
MEDIA_TYPES = {
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
}
URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
SERIF = re.compile(r"--serif:\s*([^;]+);")  # the font stack styles/web.css sets the text in
INSIDE_ONLY = {"li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot"}  # no marker between these
HEADING = re.compile(
    r'<(?P<tag>h[2-4])(?P<before>[^>]*?) id="(?P<id>[^"]+)"(?P<after>[^>]*)>(?P<inner>.*?)</(?P=tag)>', re.S
)


def page_marker(label: str, said: Words = ENGLISH) -> Markup:
    """A print page break, announced as one (named by its title: axe refuses aria-label on it).

    It is empty: the stylesheet shows its number in the margin, generated from
    `data-page`, so the number is never read or copied as part of the text."""
    return Markup(
        '<span class="page-break" role="doc-pagebreak" id="page-{0}" title="{1}" data-page="{0}">'
        '</span>'
    ).format(label, said.text("page", label=label))


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


def embedded_own(css: str, root: Path) -> str:
    """The publication's own web.css with every file it names (inside the folder `root`, see
    `pamphleteer.look`) inside it as a `data:` URI."""
    def embedded(found: re.Match[str]) -> str:
        path, _ = named_file(found.group(2).strip(), root)
        if path is None:  # data:, or refused (and warned about) already
            return found.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'url("data:{OWN_MEDIA_TYPES[path.suffix.lower()]};base64,{data}")'

    return URL.sub(embedded, css)


def self_contained(css: str, characters: Set[str]) -> str:
    """The stylesheet with unused font faces dropped and every url() embedded."""
    css = used_faces(css, characters)
    return URL.sub(lambda found: f'url("{data_uri(found.group(2))}")', css)


# Where the stylesheet goes, until it is known: a raw tag, which nothing escaped (every text) can contain.
CSS_STAND_IN = "<pamphleteer-stylesheet>"


def render_html(
    publication: Publication, page_starts: Iterable[PageStart] = (), page_labels: Sequence[str] = ()
) -> bytes:
    """The publication as one HTML page, with the print edition's page numbers marked.

    `page_labels`, every print page's label in order, lets the pages with no
    start of their own (a blank page, the back cover) be marked too, where the
    next page begins.
    """
    starts = tuple(page_starts)
    said = words(publication.language)
    marks = PageMarks.from_starts(starts, lambda label: page_marker(label, said))

    def page(css: str) -> str:
        return render_template(
            "html/page.html",
            pub=publication,
            write=block_writer(LinkStyle.LIVE, marks, images=lambda path: _data_uri(publication, path)),
            href=_fragment,
            css=Markup(css),
        )

    # Written once, with a stand-in for its stylesheet: what the page shows decides which faces it carries.
    labels = page_labels or [start.label for start in starts]
    written = mark_the_rest(page(CSS_STAND_IN), starts, labels, said)
    characters = frozenset(written.replace(CSS_STAND_IN, "", 1))
    builtin = read_style(STYLESHEET)
    stack = SERIF.search(builtin)
    chosen = screen_rules(publication.look.face, characters, _embedded,
                          f":root {{ --serif: {{family}}, {stack.group(1) if stack else 'serif'}; }}")
    builtin = used_faces(builtin, lacked(publication.look.face, characters))  # what the chosen face lacks
    own = embedded_own(publication.look.web, publication.settings.path.parent)
    css = self_contained(builtin + chosen, characters) + own_css(own)
    return self_links(written.replace(CSS_STAND_IN, css, 1)).encode("utf-8")


def mark_the_rest(
    page: str, starts: Sequence[PageStart], labels: Sequence[str], said: Words = ENGLISH
) -> str:
    """`page` with a marker for every print page its blocks did not mark, inside `<main>` and in
    the print edition's order.

    A page that begins at an element (a heading of the back matter, "About the
    authors") is marked just before it; a page whose start the page does not
    have, or has out of order (the imprint, which the web edition sets last),
    or that has no start (a blank page, the back cover), is marked where the
    next marked page begins, or at the end of `<main>`. Of markers that stand
    together only the last shows its number (the page the next word is on).
    """
    start_of = {start.label: start.block_id for start in starts}
    main_start, main_end = page.find("<main"), page.rfind("</main>")
    if main_start < 0 or main_end < 0:
        return page
    last = main_start  # where the latest marked page's marker stands
    waiting: list[str] = []
    for label in labels:
        found = re.search(f'<span class="page-break" role="doc-pagebreak" id="page-{re.escape(label)}"', page)
        at = found.start() if found else _element_at(page, start_of.get(label, ""), last, main_end)
        if at is None:
            waiting.append(label)
            continue
        markers = "".join(page_marker(each, said) for each in [*waiting, *([] if found else [label])])
        page = page[:at] + markers + page[at:]
        last, waiting = at + len(markers), []
        main_end = page.rfind("</main>")
    if waiting:
        page = page[:main_end] + "".join(page_marker(each, said) for each in waiting) + "\n" + page[main_end:]
    return page


def _element_at(page: str, element_id: str, after: int, before: int) -> int | None:
    """Where a marker for the element `element_id` goes, if the element stands between `after` and
    `before`: just before it, or inside a list item or table cell, at the start of its content."""
    if not element_id:
        return None
    element = re.compile(rf'<([a-z0-9]+)\b[^>]*\sid="{re.escape(element_id)}"[^>]*>')
    found = element.search(page, after, before)
    if not found:
        return None
    return found.end() if found.group(1) in INSIDE_ONLY else found.start()


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


def _embedded(file: FaceFile, data: bytes) -> str:
    """A subset of the publication's text face, inside the page."""
    return f"data:font/woff2;base64,{base64.b64encode(data).decode('ascii')}"


def _fragment(name: str) -> str:
    return f"#{name}"

