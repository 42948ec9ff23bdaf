"""Render the ebook edition: an EPUB 3 package, assembled by ebooklib.

One XHTML document per part (title page, imprint, each shared part, each
text), a navigation document and an NCX, the ebook stylesheet and the vendored
fonts. The zip is rewritten with fixed timestamps so two builds of the same
sources give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from ebooklib import epub

from pamphleteer.model import Publication
from markupsafe import Markup

from pamphleteer.render.markup import LinkStyle, PageMarks, PageStart
from pamphleteer.render.templates import FONTS, block_writer, read_style, render_template

PART_TYPES = {"introduction": ("introduction", "doc-introduction")}
BACK_TYPES = {"about-the-authors": ("contributors", ""), "sources-and-credits": ("credits", "doc-credits")}


def _document(uid: str, file_name: str, title: str, lang: str, content: str) -> epub.EpubHtml:
    document = epub.EpubHtml(uid=uid, file_name=file_name, title=title, lang=lang)
    document.content = content
    document.add_link(href="style/ebook.css", rel="stylesheet", type="text/css")
    return document


def _font_items() -> list[epub.EpubItem]:
    items = []
    for path in sorted(FONTS.glob("*.woff2")):
        items.append(
            epub.EpubItem(
                uid=f"font-{path.stem}",
                file_name=f"fonts/{path.name}",
                media_type="font/woff2",
                content=path.read_bytes(),
            )
        )
    return items


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


def page_marker(label: str) -> Markup:
    """A print page break, as EPUB reading systems and assistive technology know it."""
    return Markup(
        '<span epub:type="pagebreak" role="doc-pagebreak" id="page-{0}" aria-label="{0}"></span>'
    ).format(label)


def render_epub(publication: Publication, page_starts: tuple[PageStart, ...] = ()) -> bytes:
    """The publication as an EPUB 3 file, marked with the print edition's page breaks."""
    settings = publication.settings
    write = block_writer(LinkStyle.LIVE, PageMarks.from_starts(page_starts, page_marker), epub_types=True)
    book = epub.EpubBook()
    book.set_identifier(settings.identifier)
    book.set_title(publication.title)
    book.set_language(publication.language)
    for number, author in enumerate(publication.authors, start=1):
        book.add_author(author, uid=f"creator{number}")
    if settings.publisher:
        book.add_metadata("DC", "publisher", settings.publisher)
    if settings.description:
        book.add_metadata("DC", "description", settings.description)
    book.add_metadata("DC", "date", publication.edition_date.isoformat())

    css = epub.EpubItem(
        uid="style",
        file_name="style/ebook.css",
        media_type="text/css",
        content=(read_style("fonts/fonts.css").replace('url("', 'url("../fonts/') + read_style("ebook.css")),
    )
    book.add_item(css)
    for font in _font_items():
        book.add_item(font)

    lang = publication.language
    title_page = _document(
        "title-page", "title.xhtml", "Title page", lang,
        render_template("epub/title.xhtml", pub=publication),
    )
    imprint = _document(
        "imprint", "imprint.xhtml", "Imprint", lang,
        render_template("epub/imprint.xhtml", pub=publication),
    )
    parts = []
    for part in publication.front:
        epub_type, role = PART_TYPES.get(part.name, ("preface", "doc-preface"))
        parts.append(
            _document(
                f"part-{part.name}", f"{part.name}.xhtml", part.title, lang,
                render_template("epub/part.xhtml", part=part, write=write, epub_type=epub_type, role=role),
            )
        )
    texts = [
        _document(
            f"text-{text.slug}", f"text-{text.slug}.xhtml", text.title, text.lang,
            render_template("epub/text.xhtml", text=text, write=write),
        )
        for text in publication.texts
    ]
    back = []
    for part in publication.back:
        epub_type, role = BACK_TYPES.get(part.name, ("appendix", "doc-appendix"))
        back.append(
            _document(
                f"back-{part.name}", f"{part.name}.xhtml", part.title, lang,
                render_template(
                    "epub/back.xhtml", part=part, pub=publication, write=write, epub_type=epub_type, role=role
                ),
            )
        )
    for document in [title_page, imprint, *parts, *texts, *back]:
        book.add_item(document)

    book.toc = [*parts, *texts, *back]
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav()
    nav.add_link(href="style/ebook.css", rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.spine = [title_page, imprint, "nav", *parts, *texts, *back]

    when = publication.edition_time
    buffer = io.BytesIO()
    epub.write_epub(buffer, book, {"mtime": when, "raise_exceptions": True})
    return _reproducible(buffer.getvalue(), when)

