"""Take the reading text and the links out of a built edition: HTML and EPUB with lxml, PDF with pdftotext.

HTML and EPUB: the text of the page (or of the spine's documents, in reading
order) without what a reader does not read as text — styles, scripts,
pull quotes and anything hidden from assistive technology (`aria-hidden`),
page-break markers — with a line break at every block element and an
image's `alt` text in its place; and every
`<a href>` as a live link. PDF: `pdftotext` (poppler) in reading order,
every page; URLs are looked for in that text, since print shows them in
footnotes.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from pamphleteer.check.tools import ToolFailed, pdftotext, run

BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))  # fmt: skip
SKIPPED = frozenset(("style", "script", "template", "head", "title"))
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
OPF = "{http://www.idpf.org/2007/opf}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"


@dataclass(frozen=True)
class EditionText:
    """What a reader of one edition reads, and the links they can follow."""

    text: str
    links: tuple[str, ...]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _is_furniture(element: etree._Element) -> bool:
    """Not part of the reading text: hidden, a pull quote, or a print page marker."""
    classes = (element.get("class") or "").split()
    return (
        element.get("aria-hidden") == "true"
        or "pullquote" in classes
        or element.get("role") == "doc-pagebreak"
        or "pagebreak" in (element.get(EPUB_TYPE) or "").split()
    )


def _reading_text(root: etree._Element) -> str:
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        name = _local(element.tag)
        skip = name in SKIPPED or _is_furniture(element) or not isinstance(element.tag, str)
        block = name in BLOCKS or skip
        if block:
            parts.append("\n")
        if name == "img" and not skip:  # what a screen reader reads for an image
            parts.append(f" {element.get('alt') or ''} ")
        if not skip:
            parts.append(element.text or "")
            for child in element:
                walk(child)
        if block:
            parts.append("\n")
        parts.append(element.tail or "")

    walk(root)
    return "".join(parts)


def _links(root: etree._Element) -> list[str]:
    return [
        anchor.get("href", "") for anchor in root.iter() if _local(anchor.tag) == "a" and anchor.get("href")
    ]


def html_text(path: Path) -> EditionText:
    root = html.fromstring(path.read_bytes())
    return EditionText(_reading_text(root), tuple(_links(root)))


def epub_text(path: Path) -> EditionText:
    """The spine's documents, in reading order."""
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        package_path = next(container.iter(f"{CONTAINER}rootfile")).get("full-path", "")
        package = etree.fromstring(archive.read(package_path))
        manifest = {item.get("id"): item.get("href", "") for item in package.iter(f"{OPF}item")}
        base = posixpath.dirname(package_path)
        texts, links = [], []
        for reference in package.iter(f"{OPF}itemref"):
            href = manifest.get(reference.get("idref"))
            if not href:
                continue
            name = posixpath.normpath(posixpath.join(base, href))
            root = etree.fromstring(
                archive.read(name), etree.XMLParser(resolve_entities=False, no_network=True)
            )
            body = next(root.iter(f"{XHTML}body"), root)
            texts.append(_reading_text(body))
            links += _links(body)
    return EditionText("\n".join(texts), tuple(links))


def pdf_text(path: Path) -> EditionText:
    """Every page's text in reading order; a PDF's printed URLs are part of its text."""
    process = run([pdftotext(), "-enc", "UTF-8", "-q", path, "-"], timeout=300)
    if process.returncode != 0:
        raise ToolFailed(f"pdftotext could not read {path.name}: {process.stderr.strip()[:300]}")
    return EditionText(process.stdout, ())
