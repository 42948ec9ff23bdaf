"""Render the ebook edition: the publication as an EPUB 3 package, assembled by ebooklib.

Transform the publication, the print edition's page starts and its PDF into one
EPUB 3 file: an XHTML document per front-matter part, per text and per
back-matter part (from `templates/epub/`), with a marker wherever a print page
begins; a navigation document, read as the contents page, with landmarks and
the print page list; an EPUB 2 NCX; accessibility metadata (EPUB Accessibility
1.1); a cover image (the designed one, or the image publication.toml names,
fitted to the stores' size); the ebook stylesheet and the vendored fonts its
text needs (a face whose unicode-range covers no character of the book is not
packed). The zip is rewritten with fixed timestamps, so two builds of the same
sources give the same bytes.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from ebooklib import epub
from fontTools.ttLib import TTFont
from markupsafe import Markup

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.look import MEDIA_TYPES, Look, named_file, own_css
from pamphleteer.look import URL as OWN_URL
from pamphleteer.model import Publication, Text
from pamphleteer.render.coverimage import cover_suffix, fitted_cover
from pamphleteer.render.faces import FONT_FACE, UNICODE_RANGE, unicode_ranges, used_faces
from pamphleteer.render.markup import LinkStyle, PageMarks, PageStart
from pamphleteer.render.ownface import EBOOK_STACK, font_subset, lacked, screen_rules
from pamphleteer.render.raster import page_png
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template
from pamphleteer.textface import FaceFile, TextFace
from pamphleteer.wording import ENGLISH, primary_language, words

COVER_WIDTH = 1200  # pixels; the cover image keeps the print page's proportions
PART_TYPES = {"introduction": ("introduction", "doc-introduction")}  # part name -> epub:type, role
BACK_TYPES = {"about-the-authors": ("contributors", ""), "sources-and-credits": ("credits", "doc-credits")}
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
PAGE_MARKER = re.compile(r'<span epub:type="pagebreak" role="doc-pagebreak" id="page-([^"]+)"')
ELEMENT_ID = re.compile(r'<[a-z0-9]+\b[^>]*\sid="([^"]*)"')  # as `_mark_before` finds an element
INSIDE_ONLY = {"li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot"}  # no marker between these
HEADING_THEN_MARKER = re.compile(  # a heading, then only opening tags, then a page marker
    r'(?P<heading><(?P<tag>h[1-6])\b[^>]*>(?:(?!<span epub:type="pagebreak").)*?</(?P=tag)>|<h[1-6]\b[^>]*>)'
    r'(?P<between>(?:\s*<(?![/!?])[^>]*>)*\s*)'
    r'(?P<marker><span epub:type="pagebreak" role="doc-pagebreak" [^>]*></span>)',
    re.S,
)
# The vendored faces' stylesheets (under styles/): Crimson Pro, then Gentium Book Plus for Greek and Cyrillic
FACE_SHEETS = ("fonts/fonts.css", "fonts/greek-cyrillic/fonts.css")
FONT_URL = re.compile(r'url\("([^"]+)"\)')
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OWN = "own/"  # the files the publication's own ebook.css names, by their path in the sources
MEDIA = "media/"  # the texts' images, by their path in the sources (never beside the cover in images/)
PACKED_IMAGE = re.compile(r'<img\b[^>]*\ssrc="media/([^"#]+)"[^>]*>')  # an <img> of the texts: its path
PULL_QUOTE = 'role="doc-pullquote"'


@dataclass(frozen=True)
class Shown:
    """What the content documents show besides text: the images to pack in the manifest, and what
    the accessibility metadata says of them."""

    paths: frozenset[str]  # each image's path in the sources (the cover is not among them)
    images: int  # <img> elements showing them
    without_alt: int  # of them, how many have an empty text alternative
    pull_quotes: bool

    @classmethod
    def of(cls, documents: Iterable[str]) -> Shown:
        listed = list(documents)
        found = [match for xhtml in listed for match in PACKED_IMAGE.finditer(xhtml)]
        return cls(frozenset(unquote(match.group(1)) for match in found), len(found),
                   sum(' alt=""' in match.group(0) for match in found),
                   any(PULL_QUOTE in xhtml for xhtml in listed))


def page_marker(label: str) -> Markup:
    """A print page break, as EPUB reading systems and assistive technology know it."""
    return Markup(
        '<span epub:type="pagebreak" role="doc-pagebreak" id="page-{0}" aria-label="{0}"></span>'
    ).format(label)


@dataclass(frozen=True)
class Document:
    """One XHTML content document of the ebook, in reading order."""

    uid: str  # manifest id
    file_name: str
    title: str
    lang: str
    template: str  # under templates/
    anchor: str  # its id, as in the print edition: a page start naming it marks the document's top
    matter: str  # frontmatter, bodymatter or backmatter
    landmark: str = ""  # its epub:type in the landmarks, if it is one
    in_contents: bool = True  # listed in the contents
    context: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PageLink:
    """A print page in the page list: its label and where its marker is."""

    label: str
    href: str
    order: int  # position among every navigation target, for the NCX

    @property
    def value(self) -> str:
        """The page number, for the NCX, when the label is a number."""
        return self.label if self.label.isdigit() else ""


@dataclass(frozen=True)
class NavPoint:
    """An entry of the NCX contents, with the entries under it (a text's questions)."""

    uid: str
    label: str
    href: str
    order: int
    children: tuple[NavPoint, ...] = ()


def cover_name(publication: Publication) -> str:
    """The cover image's file in the ebook: a JPEG for a photograph publication.toml names, else a PNG."""
    suffix = cover_suffix(publication.cover.media_type) if publication.cover is not None else ".png"
    return f"images/cover{suffix}"


def documents(publication: Publication) -> tuple[Document, ...]:
    """The content documents in reading order: front matter, the texts, back matter."""
    lang = publication.language
    said = words(lang)
    front = [
        Document("cover", "cover.xhtml", said.cover, lang, "epub/cover.xhtml", "cover", "frontmatter",
                 "cover", in_contents=False, context={"cover_href": cover_name(publication)}),
        Document("title-page", "title.xhtml", said.title_page, lang, "epub/title.xhtml", "title-page",
                 "frontmatter", "titlepage", in_contents=False),
        Document("imprint", "imprint.xhtml", said.imprint, lang, "epub/imprint.xhtml", "imprint",
                 "frontmatter", in_contents=False),
        Document("nav", "nav.xhtml", said.contents, lang, "epub/nav.xhtml", "contents", "frontmatter", "toc",
                 in_contents=False),
    ]
    for part in publication.front:
        epub_type, role = PART_TYPES.get(part.name, ("preface", "doc-preface"))
        front.append(
            Document(f"part-{part.name}", f"{part.name}.xhtml", part.title, lang, "epub/part.xhtml",
                     part.name,
                     "frontmatter", epub_type if part.name in PART_TYPES else "",
                     context={"part": part, "epub_type": epub_type, "role": role})
        )
    texts = [
        Document(f"text-{text.slug}", f"text-{text.slug}.xhtml", text.title, text.lang, "epub/text.xhtml",
                 text.slug, "bodymatter", "bodymatter" if number == 0 else "", context={"text": text})
        for number, text in enumerate(publication.texts)
    ]
    back = []
    for number, part in enumerate(getattr(publication, "back", ())):  # the back matter, once the model has it
        epub_type, role = BACK_TYPES.get(part.name, ("appendix", "doc-appendix"))
        back.append(
            Document(f"back-{part.name}", f"{part.name}.xhtml", part.title, lang, "epub/back.xhtml",
                     part.name,
                     "backmatter", "backmatter" if number == 0 else "",
                     context={"part": part, "epub_type": epub_type, "role": role})
        )
    return (*front, *texts, *back)


def render_epub(
    publication: Publication,
    page_starts: Sequence[PageStart] = (),
    print_pdf: bytes | Callable[[], bytes] = b"",
    print_pages: int = 0,
    cover_png: Callable[[], bytes] | None = None,
    page_labels: Sequence[str] = (),
) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """The publication as an EPUB 3 file, marked with the print edition's page breaks, and a
    warning for each print page it has no place to mark.

    `page_starts` say where each print page begins; `print_pdf` is the print
    edition, whose first page becomes the cover image (no cover without it), or a
    function that gives it, asked only once the contents are written. `cover_png`,
    if given, gives the cover image made elsewhere (the designed cover as a PNG,
    or the image publication.toml names, fitted: a JPEG for a photograph),
    asked for at the same point; without it the image publication.toml names is
    fitted here. `page_labels`, the
    label of every print page, lets pages with no start of their own (blank
    pages, the back cover) be marked where the next page begins, so the page
    list has every printed page.
    """
    image = _cover(publication, print_pdf, cover_png)
    spine = tuple(document for document in documents(publication) if image or document.uid != "cover")
    content, nav_points, pages = _content(publication, spine, page_starts, page_labels)
    book = epub.EpubBook()
    shown = Shown.of(content.values())
    _describe(book, publication, pages, print_pages, shown)
    _add_resources(book, image, cover_name(publication), frozenset("".join(content.values())),
                   publication.look, publication.settings.path.parent)
    book.spine = [_add_document(book, document, content[document.uid]) for document in spine]
    _add_images(book, publication, shown.paths)
    book.add_item(epub.EpubItem(
        uid="ncx", file_name="toc.ncx", media_type="application/x-dtbncx+xml",
        content=render_template(
            "epub/toc.ncx", pub=publication, nav_points=nav_points, pages=pages,
            total_pages=print_pages or len(pages),
            max_page=max((int(page.value) for page in pages if page.value), default=0),
        ).encode("utf-8"),
    ))
    buffer = io.BytesIO()
    options = {"mtime": publication.edition_time, "epub3_landmark": False, "epub3_pages": False}
    writer = _Writer(buffer, book, options)
    writer.process()
    writer.write()
    data = _reproducible(buffer.getvalue(), publication.edition_time)
    return data, _unplaced(publication, page_starts, pages)


def _content(
    publication: Publication, spine: Sequence[Document], page_starts: Sequence[PageStart],
    page_labels: Sequence[str] = (),
) -> tuple[dict[str, str], list[NavPoint], list[PageLink]]:
    """Every content document's XHTML (by manifest id), with the NCX contents and the page list.

    A page start in a block is marked before its word (by the shared writer); one
    that names another element, such as a part without blocks, just before it.
    """
    starts = _lift_openings(publication, page_starts)
    write = block_writer(LinkStyle.LIVE, PageMarks.from_starts(starts, page_marker), epub_types=True,
                         images=lambda path: _packed(publication, path))
    href = {document.anchor: document.file_name for document in spine}.__getitem__
    landmarks = [
        {"epub_type": document.landmark, "href": document.file_name, "label": document.title}
        for document in spine if document.landmark
    ]

    def render(document: Document, pages: Sequence[PageLink] = ()) -> str:
        return render_template(
            document.template, pub=publication, title=document.title, lang=document.lang,
            matter=document.matter, write=write, href=href, pages=pages, landmarks=landmarks,
            **document.context,
        )

    content = {document.uid: render(document) for document in spine}  # the nav without its page list yet
    in_blocks = {label for xhtml in content.values() for label in PAGE_MARKER.findall(xhtml)}
    at_elements: dict[str, list[PageStart]] = {}
    holder: dict[str, str] = {}  # element id -> the first document that has it
    for uid, xhtml in content.items():
        for element_id in ELEMENT_ID.findall(xhtml):
            holder.setdefault(element_id, uid)
    for start in starts:
        uid = holder.get(start.block_id, "")
        if start.label in in_blocks or not uid:
            continue
        marked = _mark_before(content[uid], start.block_id, page_marker(start.label))
        if marked:
            content[uid] = marked
            at_elements.setdefault(uid, []).append(start)
    content = {uid: _before_headings(xhtml) for uid, xhtml in content.items()}
    _mark_the_rest(content, [document.uid for document in spine], page_labels)
    nav_points, pages = _targets(spine, content, words(publication.language).questions)
    nav = next(document for document in spine if document.uid == "nav")
    content["nav"] = render(nav, pages)
    for start in at_elements.get("nav", ()):
        marked = _mark_before(content["nav"], start.block_id, page_marker(start.label))
        content["nav"] = marked or content["nav"]
    return content, nav_points, pages


def _mark_the_rest(content: dict[str, str], order: Sequence[str], labels: Sequence[str]) -> None:
    """Mark each print page that has no marker yet (a blank page, the back cover) where the next
    marked page begins, or at the end of the last document: the page list then has every page."""
    placed = {label: uid for uid in order for label in PAGE_MARKER.findall(content[uid])}
    waiting: list[str] = []
    for label in labels:
        if label not in placed:
            waiting.append(label)
            continue
        if waiting and placed[label] != "nav":  # the nav is written again, with the page list
            uid = placed[label]
            at = content[uid].index(f'id="page-{label}"')
            at = content[uid].rindex("<span", 0, at)
            content[uid] = content[uid][:at] + "".join(map(page_marker, waiting)) + content[uid][at:]
            waiting = []
    if waiting and order:
        last = content[order[-1]]
        at = last.rindex("</body>")
        content[order[-1]] = last[:at] + "".join(map(page_marker, waiting)) + "\n" + last[at:]


def _cover(
    publication: Publication, print_pdf: bytes | Callable[[], bytes], cover_png: Callable[[], bytes] | None
) -> bytes:
    """The cover image: the one `cover_png` gives, else the image publication.toml names (fitted),
    else the print edition's first page."""
    if cover_png is not None:
        return cover_png()
    if publication.cover is not None:
        return fitted_cover(publication.cover.data)
    pdf = print_pdf() if callable(print_pdf) else print_pdf
    return page_png(pdf, 0, COVER_WIDTH) if pdf else b""


def _add_resources(
    book: epub.EpubBook, image: bytes, image_name: str, characters: Set[str], look: Look | None = None,
    root: Path | None = None,
) -> None:
    """The stylesheet (followed by the publication's own, whose files in the folder `root` are
    packed under own/), the fonts the book's `characters` need and, if there is one, the cover image."""
    look = look or Look()
    own, named = _own_files(look.ebook, root) if root is not None else ("", {})
    css, files = _stylesheet(characters, own, look.face)
    book.add_item(epub.EpubItem(uid="style", file_name="style/ebook.css", media_type="text/css", content=css))
    for name, data in files.items():
        book.add_item(epub.EpubItem(uid=f"font-{Path(name).stem}", file_name=f"fonts/{name}",
                                    media_type="font/woff2", content=data))
    for index, (name, path) in enumerate(sorted(named.items()), start=1):
        book.add_item(epub.EpubItem(uid=f"own-{index}", file_name=name,
                                    media_type=MEDIA_TYPES[path.suffix.lower()], content=path.read_bytes()))
    if image:
        cover = epub.EpubCover(uid="cover-image", file_name=image_name)
        cover.media_type = "image/jpeg" if image_name.endswith(".jpg") else "image/png"
        cover.content = image
        book.add_item(cover)
        book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})


def _packed(publication: Publication, path: str) -> str | None:
    """Where an image of the texts is inside the ebook: under `media/`, by its path in the sources."""
    return f"{MEDIA}{quote(path)}" if publication.image(path) is not None else None


def _add_images(book: epub.EpubBook, publication: Publication, shown: Set[str]) -> None:
    """Every image a content document shows (by its path, `shown`), in the manifest (and no other)."""
    for number, image in enumerate(image for image in publication.images if image.path in shown):
        book.add_item(epub.EpubItem(uid=f"image-{number + 1}", file_name=MEDIA + image.path,
                                    media_type=image.media_type, content=image.data))


def _add_document(book: epub.EpubBook, document: Document, xhtml: str) -> epub.EpubItem:
    """A content document, added as written (ebooklib's own HTML handling would re-parse it)."""
    item = epub.EpubItem(uid=document.uid, file_name=document.file_name,
                         media_type="application/xhtml+xml", content=xhtml.encode("utf-8"))
    item.properties = ["nav"] if document.uid == "nav" else []
    book.add_item(item)
    return item


def _mark_before(xhtml: str, element_id: str, marker: Markup) -> str | None:
    """`xhtml` with `marker` just before the element `element_id` (None: no such element).

    Inside list items and table cells, where a marker may not stand between
    elements, it goes at the start of the element's content instead.
    """
    found = re.search(rf'<([a-z0-9]+)\b[^>]*\sid="{re.escape(element_id)}"[^>]*>', xhtml)
    if not found:
        return None
    at = found.end() if found.group(1) in INSIDE_ONLY else found.start()
    return xhtml[:at] + str(marker) + xhtml[at:]


def _before_headings(xhtml: str) -> str:
    """Markers that open a heading, or the content right after one, moved before the heading.

    Print keeps a heading on the page of what follows it, so the page begins at
    the heading; and a heading's accessible name stays free of page numbers.
    """
    while True:
        moved = HEADING_THEN_MARKER.sub(r"\g<marker>\g<heading>\g<between>", xhtml)
        if moved == xhtml:
            return xhtml
        xhtml = moved


def _lift_openings(publication: Publication, page_starts: Sequence[PageStart]) -> list[PageStart]:
    """Page starts at the first word of a part or text, moved to the top of its document.

    The print page that begins with a text's first paragraph also holds its title
    (print keeps headings with what follows), so the marker goes before the title.
    """
    openings = {f"{part.name}-{part.blocks[0].line}": part.name for part in publication.front if part.blocks}
    for text in publication.texts:
        blocks = text.standfirst or text.body
        if blocks:
            openings[f"{text.slug}-{'standfirst-' if text.standfirst else ''}{blocks[0].line}"] = text.slug
    return [
        PageStart(start.label, openings[start.block_id], 0)
        if start.word == 0 and start.block_id in openings else start
        for start in page_starts
    ]


def _targets(
    spine: Sequence[Document], content: Mapping[str, str], questions: str = ENGLISH.questions
) -> tuple[list[NavPoint], list[PageLink]]:
    """The NCX contents (each text with its questions under it) and the page list, numbered
    together in reading order: within a document, by where each target stands in it."""
    nav_points: list[NavPoint] = []
    pages: list[PageLink] = []
    order = 0
    for document in spine:
        xhtml = content[document.uid]
        targets: list[tuple[int, str, str]] = [  # (position, kind, label or anchor)
            (found.start(), "page", found.group(1)) for found in PAGE_MARKER.finditer(xhtml)
        ]
        text = document.context.get("text")
        anchor = f"{text.slug}-questions" if isinstance(text, Text) and text.questions else ""
        if anchor and f'id="{anchor}"' in xhtml:
            targets.append((xhtml.index(f'id="{anchor}"'), "questions", anchor))
        children: list[NavPoint] = []
        if document.in_contents:
            order += 1
            point_order = order
        for _, kind, name in sorted(targets):
            order += 1
            if kind == "page":
                pages.append(PageLink(name, f"{document.file_name}#page-{name}", order))
            else:
                children.append(NavPoint(f"{document.uid}-questions", questions,
                                         f"{document.file_name}#{name}", order))
        if document.in_contents:
            nav_points.append(NavPoint(document.uid, document.title, document.file_name, point_order,
                                       tuple(children)))
    return nav_points, pages


def _unplaced(
    publication: Publication, page_starts: Sequence[PageStart], pages: Sequence[PageLink]
) -> tuple[Diagnostic, ...]:
    """A warning for each print page whose start the ebook has no place to mark, naming the text
    (else publication.toml) and the line where the page begins."""
    placed = {page.label for page in pages}
    settings = publication.settings.path
    found = []
    for start in page_starts:
        if start.label in placed:
            continue
        texts = [text for text in publication.texts if start.block_id.startswith(f"{text.slug}-")]
        text = max(texts, key=lambda text: len(text.slug), default=None)  # "a-b-3" is a-b's, not a's
        line = start.block_id.rpartition("-")[2]
        found.append(Diagnostic(
            codes.PAGE_NOT_MARKED, Severity.WARNING,
            f"print page {start.label} begins in '{start.block_id}', which the ebook does not have; "
            f"{publication.settings.slug}.epub has no marker for that page",
            settings.parent / "texts" / f"{text.slug}.md" if text is not None else settings,
            int(line) if text is not None and line.isdigit() else None,
        ))
    return tuple(found)


def _describe(
    book: epub.EpubBook, publication: Publication, pages: Sequence[PageLink], print_pages: int,
    shown: Shown,
) -> None:
    """Bibliographic and accessibility metadata (EPUB Accessibility 1.1), saying what the book
    holds: its texts' images make its access modes textual and visual, sufficient as text where
    every image has a text alternative."""
    settings = publication.settings
    book.set_identifier(settings.identifier)
    book.set_title(publication.title)
    book.set_language(publication.language)
    book.set_unique_metadata("OPF", "generator", "", {"name": "generator", "content": publication.generator})
    for number, author in enumerate(publication.authors, start=1):
        book.add_author(author, uid=f"creator{number}")
    if settings.editor:
        book.add_metadata("DC", "contributor", settings.editor, {"id": "editor"})
        book.add_metadata(
            None, "meta", "edt", {"refines": "#editor", "property": "role", "scheme": "marc:relators"}
        )
    if settings.publisher:
        book.add_metadata("DC", "publisher", settings.publisher)
    if settings.description:
        book.add_metadata("DC", "description", settings.description)
    book.add_metadata("DC", "date", publication.edition_date.isoformat())

    features = ["tableOfContents", "readingOrder", "structuralNavigation", "ARIA", "displayTransformability"]
    if pages:
        features += ["pageNavigation", "printPageNumbers", "pageBreakMarkers"]
    if shown.images and not shown.without_alt:
        features.append("alternativeText")
    summary = render_template(
        "epub/summary.txt", pub=publication, pages=bool(pages), print_pages=print_pages,
        questions=sum(len(text.questions) for text in publication.texts), shown=shown,
    )
    modes = ["textual", "visual"] if shown.images else ["textual"]
    if not shown.images:
        sufficient = ["textual"]
    else:
        sufficient = ["textual,visual"] if shown.without_alt else ["textual", "textual,visual"]
    properties = [
        *(("schema:accessMode", mode) for mode in modes),
        *(("schema:accessModeSufficient", modes_) for modes_ in sufficient),
        *(("schema:accessibilityFeature", feature) for feature in features),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", " ".join(summary.split())),
        ("dcterms:conformsTo", CONFORMANCE),
    ]
    if settings.publisher:
        properties.append(("a11y:certifiedBy", settings.publisher))
    if pages:
        source = render_template("epub/page-source.txt", pub=publication, print_pages=print_pages)
        properties.append(("pageBreakSource", " ".join(source.split())))
    # The summary and the page source are written in English (templates/epub/); a reading system
    # that reads them aloud in the book's own language is told so.
    english = {} if primary_language(publication.language) == "en" else {XML_LANG: "en"}
    for name, value in properties:
        worded = name in {"schema:accessibilitySummary", "pageBreakSource"}
        book.add_metadata(None, "meta", value, {"property": name, **(english if worded else {})})


def _own_files(css: str, root: Path) -> tuple[str, dict[str, Path]]:
    """The publication's own ebook.css with each file it names (inside the folder `root`, see
    `pamphleteer.look`) moved to own/<its path in the folder>, and those files by their name there."""
    named: dict[str, Path] = {}

    def packed(found: re.Match[str]) -> str:
        path, _ = named_file(found.group(2).strip(), root)
        if path is None:  # data:, or refused (and warned about) already
            return found.group(0)
        name = f"{OWN}{quote(path.relative_to(root.resolve()).as_posix())}"
        named[unquote(name)] = path
        return f'url("../{name}")'

    return OWN_URL.sub(packed, css), named


def _stylesheet(characters: Set[str], own: str = "", face: TextFace | None = None
                ) -> tuple[bytes, dict[str, bytes]]:
    """The ebook stylesheet, with the faces of the vendored fonts that cover some of `characters`
    first, then the rules of the publication's text `face` and its `own` CSS; and the fonts' files
    by name (packed flat, under fonts/)."""
    faces, files = [], {}
    lacking = lacked(face, characters)
    shown = lacking | frozenset(read_style("ebook.css") + own)  # and what a stylesheet's `content` shows
    for sheet in FACE_SHEETS:
        folder = (STYLES / sheet).parent

        def pack(rule: re.Match[str], folder: Path = folder) -> str:
            (name,) = FONT_URL.findall(rule.group(0))
            data = vendored_subset(folder / name, rule.group(0), shown)
            if data is None:
                return ""  # the face has no glyph for any letter the book sets
            files[Path(name).name] = data
            return rule.group(0)

        css = re.sub(r"\n{3,}", "\n\n", FONT_FACE.sub(pack, used_faces(read_style(sheet), lacking)))
        faces.append(FONT_URL.sub(lambda found: f'url("../fonts/{found.group(1).rsplit("/", 1)[-1]}")', css))

    def packed(file: FaceFile, data: bytes) -> str:
        name = f"text-{file.weight}-{file.style}.woff2"
        files[name] = data
        return f"../fonts/{name}"

    chosen = screen_rules(face, characters, packed, f"body {{ font-family: {{family}}, {EBOOK_STACK}; }}")
    css = "".join(faces) + read_style("ebook.css") + chosen + own_css(own)
    return css.encode("utf-8"), files


def vendored_subset(path: Path, rule: str, characters: Set[str]) -> bytes | None:
    """A vendored face's file (its @font-face `rule`), whole if the book sets a quarter of its letters
    or more, else with the glyphs of those it sets alone: those of `characters` (every letter of the
    book's documents, their markup's too) in its unicode-range, each with its other case. A letter
    left out (a reader's own style may set more) comes from the next face of the stack. None: the
    file has none of those letters."""
    letters = {case for char in characters for case in (char, char.upper(), char.lower()) if len(case) == 1}
    found = UNICODE_RANGE.search(rule)
    ranges = unicode_ranges(found.group(1)) if found else ((0, 0x10FFFF),)
    points = _code_points(path)
    kept = frozenset(char for char in letters
                     if ord(char) in points and any(low <= ord(char) <= high for low, high in ranges))
    if not kept:
        return None
    # A subset costs about 0.13 s of CPU (WOFF2 read and written again): made where it saves most of
    # a file (a few Greek letters in an English book), not for the seed's Latin set at 41 %, where six
    # subsets saved 49 KB of a 312 KB book for about 0.8 s of a cold build's CPU.
    return path.read_bytes() if 4 * len(kept) >= len(points) else font_subset(path, kept)


@functools.cache
def _code_points(path: Path) -> frozenset[int]:
    """The code points the font file at `path` has glyphs for."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


class _Writer(epub.EpubWriter):
    """ebooklib's writer, giving the package document its language (`xml:lang`)."""

    def _write_opf_metadata(self, root: object) -> None:
        root.set(XML_LANG, self.book.language)  # type: ignore[attr-defined]
        super()._write_opf_metadata(root)


def _reproducible(data: bytes, when: datetime.datetime) -> bytes:
    """Rewrite a zip with every timestamp set to `when`, `mimetype` first and stored."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda name: (name != "mimetype", name != "META-INF/container.xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
