"""The print edition's tags hold what a screen reader reads, once: what is hidden from assistive
technology, and the running heads, are printed as artifacts.

A pull quote repeats a passage of the text as display type; the web and EPUB editions hide it from
screen readers (`aria-hidden="true"`). WeasyPrint 70 ignores the attribute: it tags a quote's words
(NonStruct > P > Span) as it tags the passage they repeat, so a screen reader, or a tool reading the
PDF's tags, meets them twice. Its tagging is told to mark an element so hidden in the structure tree
(`HIDDEN`, set when this module is imported), and `as_artifacts` then takes each marked element out
of the tree and turns its marked content into artifacts, as WeasyPrint draws backgrounds and borders:
on the page, out of the reading order. WeasyPrint also marks the content of its margin boxes (the
running heads) as tagged content but leaves their elements out of the tree (as its code says, an
artifact there is PDF 2.0's): content that no element of the tree holds, which a PDF/UA checker
refuses; it becomes a pagination artifact, as the folios are (`render/assemble.py`). The marked
content left on a page is numbered again from 0, in order, and the page's entry in the parent tree
with it, so that the tree and the pages agree as WeasyPrint wrote them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pikepdf
from weasyprint.document import Document
from weasyprint.pdf import tags

HIDDEN = "PamphleteerHidden"  # the key WeasyPrint's tagging sets on an element hidden from readers
_HIDDEN = pikepdf.Name("/" + HIDDEN)
_ARTIFACT = pikepdf.Name("/Artifact")
_PAGINATION = pikepdf.Dictionary(Type=pikepdf.Name("/Pagination"))  # a running head
_LAYOUT = pikepdf.Dictionary(Type=pikepdf.Name("/Layout"))  # what is printed to be seen, not read
_MCID = pikepdf.Name("/MCID")

BoxTree = Callable[..., Iterator[Any]]  # of pydyf dictionaries


def is_hidden(element: Any) -> bool:
    """Whether an HTML element is hidden from assistive technology (`aria-hidden="true"`)."""
    return element is not None and (element.get("aria-hidden") or "").strip().lower() == "true"


def _marking(build: BoxTree) -> BoxTree:
    """WeasyPrint's `_build_box_tree`, marking the elements of boxes hidden from readers."""
    if getattr(build, "marks_hidden", False):
        return build

    def build_marking(box: Any, *arguments: Any) -> Iterator[Any]:
        for element in build(box, *arguments):
            if is_hidden(getattr(getattr(box, "_box", box), "element", None)):
                element[HIDDEN] = "true"
            yield element

    build_marking.marks_hidden = True  # type: ignore[attr-defined]
    return build_marking


tags._build_box_tree = _marking(tags._build_box_tree)  # called by name, also in its own recursion


def _kids(element: pikepdf.Object) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _marked_content(element: pikepdf.Dictionary, page: pikepdf.Object | None,
                    found: dict[tuple[int, int], set[int]]) -> None:
    """The marked content (page, MCID) of `element` and the elements under it, into `found`."""
    page = element.get("/Pg", page)
    for kid in _kids(element):
        if isinstance(kid, int) and page is not None:
            found.setdefault(page.objgen, set()).add(int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
            on = kid.get("/Pg", page)
            if on is not None:
                found.setdefault(on.objgen, set()).add(int(kid.MCID))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _marked_content(kid, page, found)


def _take_hidden(element: pikepdf.Dictionary, found: dict[tuple[int, int], set[int]],
                 reached: set[tuple[int, int]]) -> None:
    """Take the hidden elements under `element` out of the tree, their marked content into `found`;
    the elements that stay, into `reached`."""
    reached.add(element.objgen)
    kids = element.get("/K")
    if not isinstance(kids, pikepdf.Array):
        return
    kept = []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and _HIDDEN in kid:
            _marked_content(kid, None, found)
            continue
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _take_hidden(kid, found, reached)
        kept.append(kid)
    if len(kept) != len(kids):
        element.K = pikepdf.Array(kept)


def _rewritten(pdf: pikepdf.Pdf, stream: pikepdf.Object, resources: pikepdf.Object | None,
               artifacts: dict[int, list[Any]], numbers: dict[int, int], seen: set[tuple[int, int]]) -> None:
    """The marked content of `stream` (a page or a form drawn on it) with the MCIDs `artifacts` names
    drawn as artifacts (its operands of BDC) and the others numbered as `numbers` says."""
    commands: list[Any] = []
    changed = False
    for instruction in pikepdf.parse_content_stream(stream):
        operands, operator = instruction.operands, instruction.operator
        if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) \
                and _MCID in operands[1]:
            mcid = int(operands[1].MCID)
            if mcid in artifacts:
                commands.append(pikepdf.ContentStreamInstruction(artifacts[mcid], pikepdf.Operator("BDC")))
                changed = True
                continue
            if numbers.get(mcid, mcid) != mcid:
                properties = pikepdf.Dictionary({key: value for key, value in operands[1].items()})
                properties.MCID = numbers[mcid]
                commands.append(pikepdf.ContentStreamInstruction([operands[0], properties], operator))
                changed = True
                continue
        elif str(operator) == "Do" and resources is not None:
            forms = resources.get("/XObject")
            shown = forms.get(str(operands[0])) if isinstance(forms, pikepdf.Dictionary) else None
            if shown is not None and shown.get("/Subtype") == pikepdf.Name.Form and shown.objgen not in seen:
                seen.add(shown.objgen)
                _rewritten(pdf, shown, shown.get("/Resources", resources), artifacts, numbers, seen)
        commands.append(instruction)
    if not changed:
        return
    data = pikepdf.unparse_content_stream(commands)
    if isinstance(stream, pikepdf.Stream):
        stream.write(data)
    else:  # a page
        stream.Contents = pdf.make_stream(data)


def as_artifacts(data: bytes) -> bytes:
    """A tagged PDF written by WeasyPrint (with this module imported) with its hidden elements taken
    out of the structure tree and their content drawn as artifacts, and the content of its margin
    boxes (the running heads) as pagination artifacts; `data` itself if it has neither."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        found: dict[tuple[int, int], set[int]] = {}
        reached: set[tuple[int, int]] = set()
        for element in _kids(tree):
            if isinstance(element, pikepdf.Dictionary):
                _take_hidden(element, found, reached)
        parents = pikepdf.NumberTree(tree.ParentTree)
        changed = False
        for page in pdf.pages:
            if "/StructParents" not in page.obj:
                continue
            key = int(page.obj.StructParents)
            elements = list(parents[key])
            # WeasyPrint tags a margin box's content under elements it leaves out of the tree
            artifacts = {mcid: [_ARTIFACT, _PAGINATION] for mcid, element in enumerate(elements)
                         if isinstance(element, pikepdf.Dictionary) and element.objgen not in reached}
            artifacts |= {mcid: [_ARTIFACT, _LAYOUT] for mcid in found.get(page.obj.objgen, ())}
            if not artifacts:
                continue
            changed = True
            kept = [mcid for mcid in range(len(elements)) if mcid not in artifacts]
            numbers = {old: new for new, old in enumerate(kept)}
            _rewritten(pdf, page.obj, page.obj.get("/Resources"), artifacts, numbers, set())
            renumbered: dict[tuple[int, int], pikepdf.Object] = {}
            for old in kept:
                if numbers[old] != old and isinstance(elements[old], pikepdf.Dictionary):
                    renumbered[elements[old].objgen] = elements[old]
            for element in renumbered.values():  # each element's MCIDs on this page, at once
                kids = _kids(element)
                element.K = pikepdf.Array([numbers.get(int(kid), int(kid)) if isinstance(kid, int) else kid
                                           for kid in kids])
            parents[key] = pikepdf.Array([elements[old] for old in kept])
        if not changed:
            return data
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
        return buffer.getvalue()


def tagged_pdf(document: Document) -> bytes:
    """`document` as a tagged PDF/UA-1, what is hidden from readers and its running heads printed as
    artifacts."""
    return as_artifacts(document.write_pdf(pdf_variant="pdf/ua-1"))
