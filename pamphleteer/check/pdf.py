"""Check a print edition's PDF: PDF/UA structure, fonts, qpdf's verdict, and the booklet's imposition.

Structure (read with pikepdf): a structure tree (`StructTreeRoot` with
content and a `ParentTree`), `MarkInfo /Marked true`, a document language,
a title (XMP `dc:title` or the Info dictionary) shown in the window
(`DisplayDocTitle`), and the PDF/UA identifier `pdfuaid:part` in the XMP.
Fonts: every font embedded (Type 3 fonts carry their glyphs), and every font
one of the vendored faces in styles/fonts, so no fallback face (DejaVu) has
crept in. `qpdf --check` must find no error and no warning.

The booklet (`<slug>-booklet.pdf`) is the pamphlet imposed for saddle
stitching: `up` pamphlet pages on each side of a sheet (`up` = booklet page
area / pamphlet page area, 2 for A5 on A4), the pamphlet padded with blank
pages to a multiple of 2 x `up`, so the booklet has
`ceil(pages / (2 x up)) x 2` pages (sides): for A5 on A4, the pages rounded up
to a multiple of 4, divided by 2.
"""

from __future__ import annotations

import math
from pathlib import Path

import pikepdf

from pamphleteer.check.faces import is_vendored, vendored_families
from pamphleteer.check.result import CheckResult, could_not_run, result_from
from pamphleteer.check.tools import ToolFailed, ToolMissing, qpdf, run
from pamphleteer.errors import Diagnostic, Severity


def _error(code: str, message: str, path: Path) -> Diagnostic:
    return Diagnostic(f"pdf/{code}", Severity.ERROR, message, path)


def _open(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(path)


def structure(path: Path) -> CheckResult:
    """The tagged-PDF and PDF/UA-1 essentials a screen reader and a PDF/UA checker rely on."""
    name = "PDF/UA structure"
    try:
        pdf = _open(path)
    except pikepdf.PdfError as error:
        return could_not_run(name, path, f"not a readable PDF: {error}")
    found = []
    with pdf:
        root = pdf.Root
        tree = root.get("/StructTreeRoot")
        if tree is None:
            found.append(
                _error(
                    "untagged",
                    "the PDF has no structure tree (StructTreeRoot): it is not tagged; "
                    "render it with tags (WeasyPrint pdf_tags=True)",
                    path,
                )
            )
        elif tree.get("/K") is None or tree.get("/ParentTree") is None:
            found.append(
                _error("empty-structure", "the structure tree has no elements or no ParentTree", path)
            )
        mark_info = root.get("/MarkInfo")
        if mark_info is None or not bool(mark_info.get("/Marked", False)):
            found.append(
                _error("not-marked", "MarkInfo /Marked is not true: the PDF does not declare its tags", path)
            )
        if not str(root.get("/Lang", "")).strip():
            found.append(
                _error("no-language", "the document has no /Lang: screen readers cannot pick a voice", path)
            )
        metadata = pdf.open_metadata()
        title = str(metadata.get("dc:title", "") or pdf.docinfo.get("/Title", "")).strip()
        if not title:
            found.append(_error("no-title", "the document has no title (XMP dc:title or Info /Title)", path))
        preferences = root.get("/ViewerPreferences")
        if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
            found.append(
                _error(
                    "title-not-shown",
                    "ViewerPreferences /DisplayDocTitle is not true: viewers "
                    "show the file name instead of the title",
                    path,
                )
            )
        if not str(metadata.get("pdfuaid:part", "")).strip():
            found.append(
                _error(
                    "no-pdfua-identifier",
                    "the XMP metadata has no PDF/UA identifier (pdfuaid:part); write the PDF as pdf/ua-1",
                    path,
                )
            )
    return result_from(name, path, found, tool=f"pikepdf {pikepdf.__version__}")


def _font_problems(pdf: pikepdf.Pdf, path: Path, families: frozenset[str]) -> list[Diagnostic]:
    found = []
    seen: set[tuple[str, str]] = set()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        subtype = str(obj.get("/Subtype", ""))
        if subtype.startswith("/CIDFontType"):
            continue  # judged through the Type 0 font that uses it
        base = str(obj.get("/BaseFont", "/(unnamed)")).lstrip("/")
        if subtype == "/Type3":
            embedded = True
        else:
            descendants = obj.get("/DescendantFonts")
            holder = descendants[0] if descendants is not None and len(descendants) else obj
            descriptor = holder.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
        if not embedded and ("embed", base) not in seen:
            seen.add(("embed", base))
            found.append(
                _error(
                    "font-not-embedded",
                    f"the font {base} ({subtype.lstrip('/')}) is not "
                    "embedded: printers and readers will substitute another",
                    path,
                )
            )
        if subtype != "/Type3" and not is_vendored(base, families) and ("face", base) not in seen:
            seen.add(("face", base))
            found.append(
                _error(
                    "fallback-face",
                    f"the font {base} is not one of the vendored faces in "
                    "styles/fonts: a glyph fell back to a system font; give the text a vendored "
                    "face that has it",
                    path,
                )
            )
    return found


def fonts(path: Path, own: frozenset[str] = frozenset()) -> CheckResult:
    """Every font embedded, and vendored or the publication's own text face (`own`: its squeezed
    family names, see check/faces.py)."""
    name = "PDF fonts"
    try:
        families = vendored_families() | own
        with _open(path) as pdf:
            found = _font_problems(pdf, path, families)
    except pikepdf.PdfError as error:
        return could_not_run(name, path, f"not a readable PDF: {error}")
    return result_from(name, path, found)


def qpdf_check(path: Path) -> CheckResult:
    """`qpdf --check`: exit 0 is clean, 3 means warnings, anything else errors (qpdf's own lines kept)."""
    name = "qpdf --check"
    try:
        process = run([qpdf(), "--check", path], timeout=300)
    except (ToolMissing, ToolFailed) as error:
        return could_not_run(name, path, str(error), missing=isinstance(error, ToolMissing))
    if process.returncode == 0:
        return result_from(name, path, [])
    found = []
    for line in (process.stdout + "\n" + process.stderr).splitlines():
        line = line.strip()
        if line.upper().startswith("WARNING"):
            found.append(Diagnostic("qpdf/warning", Severity.WARNING, line, path))
    if process.returncode != 3:
        problem = " ".join((process.stderr.strip() or process.stdout.strip()).splitlines()[-3:])
        found.append(
            Diagnostic(
                "qpdf/error",
                Severity.ERROR,
                f"qpdf --check failed (exit {process.returncode}): {problem[-400:]}",
                path,
            )
        )
    elif not found:
        found.append(Diagnostic("qpdf/warning", Severity.WARNING, "qpdf --check reported warnings", path))
    return result_from(name, path, found)


def _page_size(page: pikepdf.Page) -> tuple[float, float]:
    box = page.mediabox
    width, height = abs(float(box[2]) - float(box[0])), abs(float(box[3]) - float(box[1]))
    if int(page.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    return width, height


def booklet(pamphlet: Path, imposed: Path) -> CheckResult:
    """The booklet has the sides the pamphlet needs, on sheets that hold whole pamphlet pages."""
    name = "booklet imposition"
    try:
        with _open(pamphlet) as source, _open(imposed) as target:
            pages = len(source.pages)
            if not pages or not len(target.pages):
                return result_from(
                    name, imposed, [_error("booklet-empty", "the pamphlet or booklet has no pages", imposed)]
                )
            page_w, page_h = _page_size(source.pages[0])
            sheet_w, sheet_h = _page_size(target.pages[0])
            sides = len(target.pages)
    except pikepdf.PdfError as error:
        return could_not_run(name, imposed, f"not a readable PDF: {error}")
    up = round((sheet_w * sheet_h) / (page_w * page_h))
    found = []
    if up < 2 or up & (up - 1):
        found.append(
            _error(
                "booklet-sheet-size",
                f"a booklet side is {sheet_w:.0f} x {sheet_h:.0f} pt, which "
                f"does not hold 2, 4 or 8 pamphlet pages of {page_w:.0f} x {page_h:.0f} pt",
                imposed,
            )
        )
    else:
        expected = math.ceil(pages / (2 * up)) * 2
        if sides != expected:
            found.append(
                _error(
                    "booklet-page-count",
                    f"the booklet has {sides} sides; {pages} pamphlet pages, "
                    f"{up} to a side, padded to a multiple of {2 * up}, need {expected}",
                    imposed,
                )
            )
    return result_from(name, imposed, found, counts=(("pamphlet pages", pages), ("sides", sides)))
