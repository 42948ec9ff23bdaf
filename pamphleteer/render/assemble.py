"""Join separately laid-out parts of the print edition into one tagged PDF (pikepdf).

The print edition is laid out part by part (front matter, then each text) so a
change to one text re-lays out only that text. This module joins the parts'
PDFs into one document and keeps what makes it accessible and navigable: the
structure tree (every part's tags under one Document element, the parent tree
renumbered), named destinations, bookmarks, and links. Links between parts
cannot be resolved while a part is laid out alone, so the front matter points
at texts with `CROSS_PART_PREFIX + <anchor>` URLs, turned here into links to
the named destination `<anchor>`. Document metadata (title, language, XMP with
the PDF/UA identifier, viewer preferences) comes from the first part.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import pikepdf

CROSS_PART_PREFIX = "https://pamphleteer.invalid/goto/"


@dataclass(frozen=True)
class PartPdf:
    """One laid-out part, and how many blank pages must come before it (to open on a right page).

    `stamp`, if any, is a PDF of the part's folios (page i of it for page i of the
    part), stamped on the pages listed in `stamped` as pagination artifacts.
    """

    pdf: bytes
    blanks_before: int = 0
    stamp: bytes | None = None
    stamped: tuple[int, ...] = ()


FOLIO_ARTIFACT = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q %s Do Q EMC\n"


def _stamp(target: pikepdf.Pdf, stamp: pikepdf.Pdf, stamped: Sequence[int]) -> None:
    """Draw page i of `stamp` over page i of `target`, for each i in `stamped`, marked as an artifact."""
    for index in stamped:
        page = target.pages[index]
        form = target.copy_foreign(stamp.pages[index].as_form_xobject())
        name = pikepdf.Name(f"/Folio{index}")  # unique among the part's pages (they may share resources)
        page.add_resource(form, pikepdf.Name.XObject, name)
        page.contents_add(pikepdf.Stream(target, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(target, b"Q\n" + FOLIO_ARTIFACT % str(name).encode()))


def _copy(target: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """Copy an object from another PDF; direct arrays and dictionaries are copied member by member."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(target, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(target, item) for key, item in value.items()})
    return value


SUBSET_NAME = re.compile(r"^/([A-Z]{6})\+(.+)$")


def _retag_fonts(pdf: pikepdf.Pdf, salt: str) -> None:
    """Give this part's font subsets their own tags ("ABCDEF+Face").

    Each part embeds its own subset of a face; two different subsets under one name in
    the joined file would make text extraction and other tools mix up their glyphs.
    """
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        for _, font in (fonts.items() if fonts is not None else []):
            for item in [font, *font.get("/DescendantFonts", [])]:
                if item.objgen in seen:
                    continue
                seen.add(item.objgen)
                match = SUBSET_NAME.match(str(item.get("/BaseFont", "")))
                if not match:
                    continue
                digest = hashlib.sha256(f"{salt}:{match.group(1)}".encode()).digest()
                tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
                name = pikepdf.Name(f"/{tag}+{match.group(2)}")
                item.BaseFont = name
                descriptor = item.get("/FontDescriptor")
                if descriptor is not None:
                    descriptor.FontName = name


def opened_parts(parts: Sequence[PartPdf]) -> Iterator[tuple[PartPdf, pikepdf.Pdf, int]]:
    """Each part's PDF as it goes into the edition, and the page (0-based) where it begins.

    Its font subsets are renamed for their place (see `_retag_fonts`) and its folios
    stamped on.
    """
    at = 0
    for part in parts:
        source = pikepdf.open(io.BytesIO(part.pdf))
        _retag_fonts(source, str(at))
        at += part.blanks_before
        if part.stamp is not None:
            stamp = pikepdf.open(io.BytesIO(part.stamp))
            _retag_fonts(stamp, f"folios {at}")
            _stamp(source, stamp, part.stamped)
        yield part, source, at
        at += len(source.pages)


def _number_tree_items(tree: pikepdf.Object) -> list[tuple[int, pikepdf.Object]]:
    return [(int(key), value) for key, value in pikepdf.NumberTree(tree).items()]


def _outline_items(items: Sequence[pikepdf.OutlineItem], source: pikepdf.Pdf, target: pikepdf.Pdf,
                   page_offset: int) -> list[pikepdf.OutlineItem]:
    """Copy bookmarks, pointing them at the same places in the joined document."""
    page_numbers = {page.obj.objgen: index for index, page in enumerate(source.pages)}
    copied = []
    for item in items:
        destination = item.destination
        if isinstance(destination, pikepdf.Array) and len(destination) >= 2:
            page = target.pages[page_offset + page_numbers.get(destination[0].objgen, 0)].obj
            new = pikepdf.OutlineItem(item.title, pikepdf.Array([page, *list(destination)[1:]]))
        else:
            new = pikepdf.OutlineItem(item.title)
        new.children.extend(_outline_items(item.children, source, target, page_offset))
        copied.append(new)
    return copied


def join_parts(parts: Sequence[PartPdf], page_labels: Sequence[tuple[int, str]] = ()) -> bytes:
    """One PDF from the parts (see `joined`)."""
    return saved(joined(parts, page_labels))


def saved(target: pikepdf.Pdf) -> bytes:
    """The joined PDF's bytes, the same for the same parts."""
    buffer = io.BytesIO()
    # Object streams: a tagged book has an object per paragraph and span; packed, it is half the size
    # and written faster.
    target.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def joined(parts: Sequence[PartPdf], page_labels: Sequence[tuple[int, str]] = ()) -> pikepdf.Pdf:
    """One PDF from the parts, in order, with blank pages where a part must open on a right page.

    `page_labels` numbers the pages as printed: (first page index, style), where
    style is "r" (i, ii, …) or "D" (1, 2, …), each range starting at 1.
    """
    target = pikepdf.new()
    target.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    target.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    document = target.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=pikepdf.Array())
    )
    tree_root = target.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document]))
    )
    document.P = tree_root
    parent_tree: list[tuple[int, pikepdf.Object]] = []
    destinations: dict[str | bytes, pikepdf.Object] = {}
    bookmarks: list[pikepdf.OutlineItem] = []
    next_key = 0
    for part, source, page_offset in opened_parts(parts):
        width, height = (float(v) for v in source.pages[0].mediabox[2:4])
        for _ in range(part.blanks_before):
            target.add_blank_page(page_size=(width, height))
        key_offset = next_key
        for page in source.pages:
            target.pages.append(page)
        for page in target.pages[page_offset:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + key_offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + key_offset
        # The parent tree copied whole (with the elements it points at), not entry by entry: a
        # tagged book has an entry per page and per link, and an element per paragraph and span.
        for key, value in _number_tree_items(_copy(target, source.Root.StructTreeRoot.ParentTree)):
            parent_tree.append((key + key_offset, value))
            next_key = max(next_key, key + key_offset + 1)
        for element in source.Root.StructTreeRoot.K:
            copied = _copy(target, element)
            kids = copied.K if copied.get("/S") == pikepdf.Name.Document else pikepdf.Array([copied])
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary):
                    kid.P = document
                document.K.append(kid)
        names = source.Root.get("/Names")
        if names is not None and "/Dests" in names:
            for name, destination in pikepdf.NameTree(names.Dests).items():
                destinations.setdefault(name, _copy(target, destination))
        with source.open_outline() as outline:
            bookmarks.extend(_outline_items(outline.root, source, target, page_offset))
        if part is parts[0]:
            target.Root.Lang = source.Root.Lang
        if "/Metadata" in source.Root and part is parts[0]:
            target.Root.Metadata = _copy(target, source.Root.Metadata)
            target.docinfo = cast(pikepdf.Dictionary, _copy(target, source.docinfo))  # a copied dictionary

    for page in target.pages:  # links across parts become links to named destinations
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(CROSS_PART_PREFIX):
                name = uri[len(CROSS_PART_PREFIX):]
                del annotation["/A"]
                annotation.Dest = pikepdf.String(name)
                annotation.Contents = pikepdf.String(name)

    flat: list[int | pikepdf.Object] = []
    for key, value in sorted(parent_tree, key=lambda item: item[0]):
        flat.extend([key, value])
    tree_root.ParentTree = target.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(flat)))
    tree_root.ParentTreeNextKey = next_key
    target.Root.StructTreeRoot = tree_root
    if destinations:
        dests = pikepdf.Array()
        for name in sorted(destinations):
            dests.extend([pikepdf.String(name), destinations[name]])
        target.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=dests))
    with target.open_outline() as outline:
        outline.root.extend(bookmarks)
    if page_labels:
        numbers: list[int | pikepdf.Object] = []
        for index, style in page_labels:
            numbers.extend([index, pikepdf.Dictionary(S=pikepdf.Name("/" + style))])
        target.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(numbers))
    return target
