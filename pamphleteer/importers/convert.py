"""Turn a web address, a saved page or a Word/OpenDocument file into Markdown, metadata and images.

A page (fetched, or saved by a browser) has its article extracted (`webpage`),
cleaned by the allow-list (`sanitise`) and read by pandoc's HTML reader; a
document is read by pandoc's own reader. Either way the result is pandoc's
AST, tidied (`tidy`) and written as Markdown by pandoc, so the normaliser
repairs it as it repairs any other text. Its images are kept when they are
real images (`images`): downloaded for an address, taken from the page's
`_files/` folder (or a `data:` URI) for a saved page, from inside the file for
a document. An image that cannot be kept is left out with a note saying why.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from pamphleteer import codes, sanitise
from pamphleteer.ast import meta_items, meta_text
from pamphleteer.errors import Diagnostic, PamphleteerError, Severity, SourceError
from pamphleteer.imagefiles import MAX_IMAGE_BYTES, NotAnImage, image_name, image_suffix
from pamphleteer.importers.download import fetch
from pamphleteer.importers.inputs import MAX_BYTES, Input, regular_file
from pamphleteer.importers.tidy import tidy
from pamphleteer.importers.webpage import extract_article, saved_from
from pamphleteer.meta import LANGUAGE_TAG
from pamphleteer.normalise import Inferred
from pamphleteer.parse import read_document, write_markdown

PAGE_TYPES = ("text/html", "application/xhtml+xml")
IMAGE_TYPES = "image/jpeg,image/png,image/gif,image/webp"
MAX_IMAGES = 60  # images kept from one text; a page with more is a gallery, not an article
SLUG = "pamphleteer-new-text"  # stands for the slug in image paths until the slug is chosen
ORIGINAL_SUFFIX = {"page": ".html", "word": ".docx", "opendocument": ".odt"}
PANDOC_READER = {"word": "docx", "opendocument": "odt"}
MAX_META_BYTES = 1024 * 1024
ODF_NAMESPACES = {"dc": "http://purl.org/dc/elements/1.1/",
                  "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"}


@dataclass(frozen=True)
class Converted:
    """A page or document as a text: Markdown, what it states about itself, its images."""

    origin: str  # the file or address, as given
    kind: str  # "page", "word" or "opendocument"
    name: str  # a name to make a slug from when no title is found
    body: str  # Markdown; image paths hold `SLUG` until `markdown` is given the slug
    stated: Inferred  # title, authors, date, publication, source the page or file states
    lang: str = ""
    original: bytes = b""  # the page or file as received
    original_suffix: str = ""
    images: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes, for images/<slug>/
    notes: tuple[Diagnostic, ...] = ()
    featured: str = ""  # the page's featured image, kept (its path holds `SLUG`), or ""
    standfirst: str = ""  # the page's standfirst when the article does not have it, or ""

    def markdown(self, slug: str) -> str:
        """The body, its images named as files under `images/<slug>/`."""
        return self.body.replace(f"images/{SLUG}/", f"images/{slug}/")


class _Images:
    """Collects the images a text keeps, and notes for those it cannot."""

    def __init__(self, origin: str, local: Path | None, remote: str, inside: Path | None = None,
                 page: bool = False):
        self.origin = origin
        self.page = page  # a web page's: an address from the site's root ("/image/x.jpg") is the site's
        self.local = local  # the folder relative image paths are read from (a saved page's)
        self.remote = remote  # the address relative image paths are fetched from (a fetched page's)
        self.inside = inside  # local images must lie inside this folder
        self.kept: dict[str, bytes] = {}
        self.by_address: dict[str, str] = {}
        self.notes: list[Diagnostic] = []

    def note(self, address: str, reason: str) -> None:
        shown = address if len(address) <= 80 else address[:77] + "…"
        self.notes.append(Diagnostic(codes.IMPORT_IMAGE_LEFT_OUT, Severity.WARNING,
                                     f"{self.origin}: the image '{shown}' was left out: {reason}"))

    def _bytes(self, address: str) -> bytes | None:
        if address.startswith("data:"):
            header, _, payload = address.partition(",")
            if not header.endswith(";base64"):
                raise NotAnImage("a data: address that is not base64")
            try:
                return base64.b64decode(payload, validate=False)
            except (binascii.Error, ValueError):
                raise NotAnImage("its data: address is damaged") from None
        scheme = urlsplit(address).scheme.lower()
        if scheme in ("http", "https") or (not scheme and self.remote):
            if self.local is not None and not self.remote:
                raise NotAnImage("it is on the network and the page was saved without it; "
                                 "save the page as 'Web page, complete' to keep it")
            return fetch(urljoin(self.remote, address), accept=IMAGE_TYPES, max_bytes=MAX_IMAGE_BYTES).body
        if scheme and scheme != "file":
            raise NotAnImage(f"'{scheme}:' addresses are not images")
        if self.local is None:
            raise NotAnImage("it names a file, and there is no folder to find it in")
        path = Path(unquote(urlsplit(address).path))
        path = (path if path.is_absolute() else self.local / path).resolve()
        inside = (self.inside or self.local).resolve()
        if not path.is_relative_to(inside):
            if self.page and address.startswith("/") and not address.startswith("//") and not self.remote:
                # a saved page's "/image/x.jpg" is an address on the site it came from, not a file here
                raise NotAnImage("it is on the page's own site and the page was saved without it; "
                                 "save the page as 'Web page, complete' to keep it")
            raise NotAnImage(f"it is outside {inside}, where the text's own files are")
        regular_file(path, MAX_IMAGE_BYTES)
        return path.read_bytes()

    def place(self, address: str, alt: str, quiet: bool = False) -> str | None:
        """The kept image's path in the sources, or None (with a note, unless `quiet`) when it cannot be
        kept; a `quiet` one (the page's featured image) is not kept twice either."""
        address = address.strip()
        if not address:
            return None  # an <img> without a source: there is nothing to keep or report
        if address in self.by_address:
            return self.by_address[address]
        if len(self.kept) >= MAX_IMAGES:
            self.note(address, f"a text keeps at most {MAX_IMAGES} images")
            return None
        try:
            data = self._bytes(address)
            if data is None:
                return None
            suffix = image_suffix(data)
        except NotAnImage as reason:
            if not quiet:
                self.note(address, str(reason))
            return None
        except PamphleteerError as error:
            if not quiet:
                self.note(address, error.diagnostic.message.removeprefix(address).lstrip(": ") or str(error))
            return None
        if quiet and any(kept == data for kept in self.kept.values()):
            return None  # the featured image is one the article shows already
        hint = alt or ("image" if address.startswith("data:") else unquote(urlsplit(address).path))
        name = image_name(data, suffix, hint)
        self.kept[name] = data
        self.by_address[address] = f"images/{SLUG}/{name}"
        return self.by_address[address]


def _meta_texts(value: Any) -> tuple[str, ...]:
    """The texts of a metadata value that may be a list (a document's authors), empty ones left out."""
    return tuple(filter(None, (meta_text(item) for item in meta_items(value))))


def _markdown(document: dict[str, Any], origin: str) -> str:
    body = write_markdown(document)
    if not body.strip():
        raise SourceError(f"{origin}: no text was found in it; there is nothing to add")
    return body


def _page(item: Input) -> Converted:
    if item.kind == "url":
        fetched = fetch(item.origin)
        if fetched.content_type not in PAGE_TYPES:
            kind = fetched.content_type or "of no stated type"
            raise SourceError(f"{item.origin}: it is {kind}, not a web page; save the file and add it, "
                              "if it is a Word or OpenDocument file")
        page, address, charset, folder = fetched.body, fetched.url, fetched.charset, None
        parts = urlsplit(fetched.url)
        name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) or parts.hostname or "page"
    else:
        assert item.path is not None
        regular_file(item.path, MAX_BYTES["page"])
        page = item.path.read_bytes()
        address, charset, folder = saved_from(page), "", item.path.parent
        name = item.path.stem
    # a saved page's images are next to it: only a fetched page's are made absolute by the extractor
    fetched_from = address if item.kind == "url" else ""
    article = extract_article(page, url=fetched_from, origin=item.origin, charset=charset)
    document = read_document(sanitise.clean_html(article.html), "html", path=item.origin)
    images = _Images(item.origin, local=folder, remote=fetched_from, page=True)
    base = article.source or address
    document = tidy(document, base=base, place=images.place)
    # a fetched page's featured image (og:image), kept for a person to choose as the opening image
    hero = urljoin(fetched_from, article.image) if fetched_from and article.image else ""
    featured = images.place(hero, "", quiet=True) if hero and hero not in images.by_address else None
    stated = Inferred(title=article.title, authors=article.authors, date=article.date,
                      publication=article.publication, source=article.source or address)
    return Converted(
        origin=item.origin, kind="page", name=name or "page", body=_markdown(document, item.origin),
        stated=stated, lang=article.lang, original=page, original_suffix=".html", images=images.kept,
        featured=featured or "", standfirst=article.standfirst,
        notes=tuple(images.notes),
    )


def _opendocument_meta(path: Path) -> dict[str, str]:
    """The title and author an OpenDocument file states in its meta.xml (pandoc's reader skips them).
    Its dates are when the file was saved, not when the text appeared: they are not read."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("meta.xml")
            if info.file_size > MAX_META_BYTES:
                return {}
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(archive.read(info), parser)
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    found = {}
    for key, tag in (("title", "dc:title"), ("author", "meta:initial-creator"), ("author", "dc:creator")):
        element = root.find(f".//{tag}", ODF_NAMESPACES)
        text = " ".join((element.text or "").split()) if element is not None else ""
        if text and key not in found:
            found[key] = text
    return found


def _document(item: Input) -> Converted:
    assert item.path is not None
    regular_file(item.path, MAX_BYTES[item.kind])
    with tempfile.TemporaryDirectory(prefix="pamphleteer-media-") as media:
        document = read_document(item.path, PANDOC_READER[item.kind], path=item.path, media=Path(media))
        images = _Images(item.origin, local=Path(media), remote="", inside=Path(media))
        meta = document.get("meta", {})
        document = tidy(document, base="", place=images.place)
        body = _markdown(document, item.origin)
    stated = Inferred(title=meta_text(meta.get("title")), subtitle=meta_text(meta.get("subtitle")),
                      authors=_meta_texts(meta.get("author")), date=meta_text(meta.get("date")))
    if item.kind == "opendocument":
        found = _opendocument_meta(item.path)
        stated = Inferred(title=stated.title or found.get("title", ""), subtitle=stated.subtitle,
                          authors=stated.authors or tuple(filter(None, [found.get("author", "")])),
                          date=stated.date)
    return Converted(
        origin=item.origin, kind=item.kind, name=item.path.stem, body=body, stated=stated,
        lang=lang if LANGUAGE_TAG.match(lang := meta_text(meta.get("lang"))) else "",
        original=item.path.read_bytes(),
        original_suffix=ORIGINAL_SUFFIX[item.kind], images=images.kept, notes=tuple(images.notes),
    )


def convert(item: Input) -> Converted:
    """The text in a page, an address or a document, ready to be written into the sources."""
    if item.kind in ("url", "page"):
        return _page(item)
    return _document(item)
