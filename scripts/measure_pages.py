#!/usr/bin/env python3
"""Measure the print edition's pages from its PDF, as a book designer would read them.

    .venv/bin/python scripts/measure_pages.py                  # the seed reader in A5, A6, letter
    .venv/bin/python scripts/measure_pages.py --sizes A5       # one size
    .venv/bin/python scripts/measure_pages.py OUT/x.pdf        # a PDF already built (and its booklet)
    .venv/bin/python scripts/measure_pages.py -v ...           # every loose line and faulty page

Figures, for the pages of the texts (from each text's bookmark to the next part's,
questions included) and, for the loose lines, the introduction too:
- loose lines: justified lines (not a paragraph's last) whose mean word space exceeds
  0.5 em, in all and per 20 text pages;
- lines per full page, characters per justified line (shortest, median, longest);
- widows (a paragraph's last line alone at the top of a page), orphans (its first line
  alone at the foot of one), runt pages (a text's page with fewer than 5 lines of
  text, blank pages and question pages aside), hyphenated stubs (a paragraph whose last
  line is one word, the rest of a word hyphenated on the line before: not a compound
  broken at its own hyphen, "self- / emancipation.", when the sources are known), words left
  alone on a line mid-paragraph (one word short of the measure, the paragraph running on below:
  "would" / "divide up the world …");
- opening pages: the share of the page area the text itself fills (at least a third);
- spreads where the text runs on but the two pages end on different lines (a page
  ending a line or more above its facing page, footnotes counted in the page);
- the booklet (`<slug>-booklet.pdf`): blank pages in all, before the back cover and
  the most in a row, and sheets that carry only one printed page (sheets of paper, and
  the folded sheets of four pages: an A4 sheet of A6 pages is cut into two).

Everything is read from the PDFs (PyMuPDF), nothing from the build: a line is the
body-size characters on one baseline (note calls join the line they are raised
from), a word space the gap between two words' boxes. This is a script, not a test;
tests/test_print_pages.py asserts on the same measurements.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pamphleteer.wording import LANGUAGES  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
LOOSE_EM = 0.5  # a mean word space wider than this (in em of the line's size) is loose
TIGHT_EM = 0.14  # narrower than this, cramped: three quarters of Crimson Pro's space (render/spacing.py)
RUNT_LINES = 5  # a text's page with fewer lines of text is a runt
MM = 72 / 25.4
SPACES = " \u00a0"
COMPOUND = re.compile(r"\w+(?:-\w+)+")
QUESTIONS = {words.questions for words in LANGUAGES.values()}  # the questions' heading


@dataclass
class Line:
    """One line of body text on a page."""

    baseline: float
    x0: float
    x1: float
    bottom: float  # the characters' boxes' bottom (the font's descent)
    size: float
    text: str
    gaps: list[float]  # the word spaces, in points
    starts: bool = False  # begins a paragraph
    ends: bool = False  # ends a paragraph
    justified: bool = False  # reaches the right edge and is not a paragraph's last

    @property
    def mean_space_em(self) -> float:
        return statistics.fmean(self.gaps) / self.size if self.gaps else 0.0

    @property
    def loose(self) -> bool:
        return self.justified and self.mean_space_em > LOOSE_EM

    @property
    def tight(self) -> bool:
        return self.justified and bool(self.gaps) and self.mean_space_em < TIGHT_EM


@dataclass
class Page:
    """A page's body lines and what else the measurements need."""

    index: int
    label: str
    lines: list[Line]
    rule: float | None  # the top of the footnote rule, if the page has notes
    blank: bool
    short_by: int = 0  # whole lines of room left at the foot (or above the notes)
    quote_rule: float | None = None  # the lowest rule of a pull quote, if one is below the last line


@dataclass
class Measures:
    """The figures for one PDF."""

    path: Path
    pages: int
    text_pages: list[int] = field(default_factory=list)
    intro_pages: list[int] = field(default_factory=list)
    loose: list[tuple[int, Line]] = field(default_factory=list)
    tight: list[tuple[int, Line]] = field(default_factory=list)
    lines_per_page: list[int] = field(default_factory=list)
    characters: list[int] = field(default_factory=list)
    widows: list[int] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)
    runts: list[int] = field(default_factory=list)
    stubs: list[tuple[int, str]] = field(default_factory=list)
    lone_words: list[tuple[int, str]] = field(default_factory=list)  # page, the word alone mid-paragraph
    openings: list[tuple[int, float]] = field(default_factory=list)  # page, share of the page area
    uneven_spreads: list[tuple[int, int, int, int]] = field(default_factory=list)  # pages, short by
    blanks: list[int] = field(default_factory=list)
    booklet: dict[str, int] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)  # each page's printed folio

    def per_20(self, count: int) -> float:
        return 20 * count / max(1, len(self.text_pages))


def _chars(page: pymupdf.Page) -> list[tuple[str, float, float, float, float, float]]:
    """Every character: (char, size, x0, x1, baseline, bottom)."""
    out = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for char in span["chars"]:
                    out.append((char["c"], span["size"], char["bbox"][0], char["bbox"][2],
                                char["origin"][1], char["bbox"][3]))
    return out


def body_size(document: pymupdf.Document, pages: list[int]) -> float:
    """The size most of the texts' characters are set in."""
    sizes: Counter[float] = Counter()
    for index in pages:
        sizes.update(round(size, 1) for _c, size, *_ in _chars(document[index]))
    return sizes.most_common(1)[0][0]


def page_lines(page: pymupdf.Page, size: float) -> list[Line]:
    """The lines of body-size text on `page`, top to bottom (a running head or folio excluded:
    they are smaller); a smaller character raised within 0.6 em above a baseline joins that line."""
    chars = _chars(page)
    body = [c for c in chars if 0.93 * size <= c[1] <= 1.06 * size]
    baselines: list[float] = []
    for *_, baseline, _bottom in sorted(body, key=lambda c: c[4]):
        if not baselines or baseline - baselines[-1] > 0.3 * size:
            baselines.append(baseline)
    rows: dict[float, list[tuple[str, float, float, float, float, float]]] = {b: [] for b in baselines}
    for char in chars:
        if 0.93 * size <= char[1] <= 1.06 * size:
            row = min(baselines, key=lambda b: abs(b - char[4]))
        elif char[1] < 0.93 * size:
            below = [b for b in baselines if 0 <= b - char[4] <= 0.6 * size]
            if not below:
                continue
            row = below[0]
        else:
            continue
        rows[row].append(char)
    lines = []
    for baseline in baselines:
        row = sorted(rows[baseline], key=lambda c: c[2])
        words: list[list[tuple[str, float, float, float, float, float]]] = [[]]
        for char in row:
            if char[0] in SPACES:
                if words[-1]:
                    words.append([])
            else:
                words[-1].append(char)
        words = [word for word in words if word]
        if not words:
            continue
        gaps = [b[0][2] - a[-1][3] for a, b in zip(words, words[1:], strict=False)]
        text = " ".join("".join(c[0] for c in word) for word in words)
        lines.append(Line(baseline, words[0][0][2], words[-1][-1][3], max(c[5] for c in row),
                          size, text, gaps))
    return lines


def footnote_rule(page: pymupdf.Page, measure: float) -> float | None:
    """The top of the grey rule across the measure that opens the footnote area, if any."""
    for drawing in page.get_drawings():
        fill = drawing.get("fill")
        grey = fill is not None and all(abs(channel - 0.4) < 0.02 for channel in fill)
        if grey and drawing["rect"].width > 0.8 * measure:
            return float(drawing["rect"].y0)
    return None


def pull_quote_rule(page: pymupdf.Page, measure: float, lines: list[Line]) -> float | None:
    """The bottom of the lowest dark rule narrower than the measure (a pull quote's: it is inset) below
    the page's last line of text, if any: a pull quote at the page's foot is part of the page."""
    last = lines[-1].baseline if lines else 0.0
    rules = [float(drawing["rect"].y1) for drawing in page.get_drawings()
             if (fill := drawing.get("fill")) is not None and all(channel < 0.2 for channel in fill)
             and 0.5 * measure < drawing["rect"].width < 0.98 * measure and drawing["rect"].y0 > last]
    return max(rules) if rules else None


def _mode(values: list[float]) -> float:
    return Counter(round(value * 2) / 2 for value in values).most_common(1)[0][0]


def mark_paragraphs(pages: list[Page], size: float) -> tuple[float, dict[int, tuple[float, float]]]:
    """Mark each line's paragraph start and end, and whether it is justified; the line pitch and
    each side's (left page, right page) text block edges."""
    edges: dict[int, tuple[float, float]] = {}
    for side in (0, 1):
        lines = [line for page in pages if page.index % 2 == side for line in page.lines]
        if lines:
            edges[side] = (_mode([line.x0 for line in lines]), _mode([line.x1 for line in lines]))
    pitches = [b.baseline - a.baseline
               for page in pages for a, b in zip(page.lines, page.lines[1:], strict=False)]
    pitch = _mode(pitches) if pitches else 1.38 * size
    # A page's first line after a page whose last line ends short of the measure begins a paragraph
    # (or is a heading: "Selbstgewissheit abrüsten" at the head of p.30 of the German reader, set flush
    # left like a paragraph's last line, was counted as a widow).
    opens = {following.index for page, following in zip(pages, pages[1:], strict=False)
             if page.lines and following.lines and following.index == page.index + 1
             and page.lines[-1].x1 < edges.get(page.index % 2, (0.0, 0.0))[1] - 1.5}
    for page in pages:
        left, right = edges.get(page.index % 2, (0.0, 0.0))
        for number, line in enumerate(page.lines):
            before = page.lines[number - 1] if number else None
            indent = line.x0 - left
            after_end = before is not None and before.x1 < right - 1.5
            after_space = before is not None and line.baseline - before.baseline > 1.4 * pitch
            line.starts = after_end or after_space or 0.8 * size < indent < 2 * size
            line.starts = line.starts or (number == 0 and page.index in opens)
        for number, line in enumerate(page.lines):
            after = page.lines[number + 1] if number + 1 < len(page.lines) else None
            line.ends = line.x1 < right - 1.5 or (after is not None and after.starts)
            line.justified = not line.ends and line.x1 >= right - 1.5
    # A page's last line that reaches the edge, followed by a page whose first line starts a
    # paragraph, ends its paragraph.
    for page, following in zip(pages, pages[1:], strict=False):
        if page.lines and following.lines and following.lines[0].starts:
            page.lines[-1].ends, page.lines[-1].justified = True, False
    return pitch, edges


def outline_parts(document: pymupdf.Document) -> tuple[list[tuple[int, int, int]], list[int]]:
    """The texts' page ranges (first, questions, end), and the introduction's pages, from the
    bookmarks: a text is a top-level bookmark with bookmarks under it: its questions' (in any of the
    languages of `pamphleteer.wording`; without them the text runs to the next part) or its headings'
    (a heading is not where the questions begin: DW's "Freedom fighters replace colonial leaders")."""
    toc = document.get_toc()
    tops = [(title, page - 1) for level, title, page in toc if level == 1]
    texts, intro = [], []
    under = [(title, page - 1) for level, title, page in toc if level == 2]
    for number, (title, first) in enumerate(tops):
        end = tops[number + 1][1] if number + 1 < len(tops) else len(document)
        inside = [(heading, page) for heading, page in under if first <= page < end]
        questions = [page for heading, page in inside if heading.strip() in QUESTIONS and page > first]
        if inside:
            texts.append((first, questions[0] if questions else end, end))
        elif title.lower().startswith("introduction"):
            intro = list(range(first, end))
    return texts, intro


def compounds_of(sources: Path) -> set[str]:
    """The words of the texts in `sources` written with a hyphen of their own ("self-emancipation")."""
    words: set[str] = set()
    for path in sorted((sources / "texts").glob("*.md")):
        words |= {word.lower() for word in COMPOUND.findall(path.read_text(encoding="utf-8"))}
    return words


def _joined(before: Line, line: Line) -> str:
    """The word broken across the end of `before` and `line`, with the hyphen, in lower case."""
    return (before.text.split()[-1] + line.text.strip()).strip("“‘(.,;:!?’”)").lower()


def measure(path: Path, booklet: Path | None = None, compounds: frozenset[str] = frozenset()) -> Measures:
    """Every figure for the PDF at `path` (and its booklet, if given); `compounds`: the words the
    texts write with a hyphen (`compounds_of`), which a line may break at without leaving a stub."""
    document = pymupdf.open(path)
    texts, intro = outline_parts(document)
    result = Measures(path, len(document), [p for a, _q, b in texts for p in range(a, b)], intro)
    result.labels = [document[i].get_label() or str(i + 1) for i in range(len(document))]
    size = body_size(document, result.text_pages)
    result.blanks = [i for i in range(len(document))
                     if not document[i].get_text().strip() and not document[i].get_drawings()
                     and not document[i].get_images()]
    result.text_pages = [i for i in result.text_pages if i not in result.blanks]  # a blank is no text page
    indexes = sorted(set(result.text_pages) | set(intro))
    pages = [Page(i, document[i].get_label(), page_lines(document[i], size), None, i in result.blanks)
             for i in indexes]
    pitch, edges = mark_paragraphs(pages, size)
    measure_width = statistics.fmean(right - left for left, right in edges.values())
    for page in pages:
        page.rule = footnote_rule(document[page.index], measure_width)
        page.quote_rule = pull_quote_rule(document[page.index], measure_width, page.lines)
    _room(pages, pitch)
    in_text = set(result.text_pages)
    # the texts' pages before their questions (or, without them, before the blank pages that end it)
    texts = [(first, _prose_end(first, questions, result.blanks), end) for first, questions, end in texts]
    prose = {p for a, q, _b in texts for p in range(a, q)}
    by_index = {page.index: page for page in pages}
    openings = {first for first, _q, _b in texts}  # a paragraph never runs on into another text
    for page in pages:
        for line in page.lines:
            if line.loose:
                result.loose.append((page.index, line))
            if line.tight:
                result.tight.append((page.index, line))
        if page.index not in in_text:
            continue
        result.characters += [len(line.text) for line in page.lines if line.justified]
        if page.short_by == 0 and page.lines and page.lines[-1].justified:
            result.lines_per_page.append(len(page.lines))
        if page.index in prose and not page.blank and len(page.lines) < RUNT_LINES:
            result.runts.append(page.index)
        following = by_index.get(page.index + 1)
        runs_on = page.index in prose and page.index + 1 in prose and page.index + 1 not in openings
        if page.lines and following is not None and following.lines and runs_on:
            if page.lines[-1].starts and not page.lines[-1].ends:
                result.orphans.append(page.index)
            if following.lines[0].ends and not following.lines[0].starts:
                result.widows.append(following.index)
        for line, after in zip(page.lines, page.lines[1:], strict=False):
            # one word, short of the measure, and the paragraph runs on (no indent, no space)
            alone = " " not in line.text.strip() and line.ends
            if alone and not _opens(after, line, pitch, edges, page.index):
                result.lone_words.append((page.index, line.text))
        for before, line in zip(page.lines, page.lines[1:], strict=False):
            if line.ends and " " not in line.text.strip() and before.text.endswith("-") and not before.starts:
                if _joined(before, line) in compounds:
                    continue  # the word's own hyphen: the last line is a whole word
                result.stubs.append((page.index, before.text[-12:] + " / " + line.text))
    area = _page_area(pages, pitch)
    for first, questions, _end in texts:
        page = by_index[first]
        result.openings.append((first, len(page.lines) * pitch / area if area else 0.0))
        for left, right in spreads(first, questions - 1):
            if right not in by_index:
                continue
            a, b = by_index[left], by_index[right]
            full = len(a.lines) >= RUNT_LINES and len(b.lines) >= RUNT_LINES
            if full and abs(a.short_by - b.short_by) >= 1:
                result.uneven_spreads.append((left, left + 1, a.short_by, b.short_by))
    if booklet is not None:
        result.booklet = booklet_figures(len(document), result.blanks, booklet)
    return result


def _prose_end(first: int, questions: int, blanks: list[int]) -> int:
    """Where a text's prose ends: at its questions, or before the blank pages that end the text (the
    text's last page is no page of a spread that runs on)."""
    while questions - 1 > first and questions - 1 in blanks:
        questions -= 1
    return questions


def _opens(line: Line, before: Line, pitch: float, edges: dict[int, tuple[float, float]], index: int) -> bool:
    """Whether `line` begins a paragraph by its indent or the space above it (not because the line
    `before` it ends short)."""
    left = edges.get(index % 2, (0.0, 0.0))[0]
    return line.baseline - before.baseline > 1.4 * pitch or 0.8 * line.size < line.x0 - left < 2 * line.size


def spreads(first: int, end: int) -> list[tuple[int, int]]:
    """The spreads of pages `first` to `end` (indexes in the edition, whose first page is a right-hand
    one): each left-hand page (an odd index) with the right-hand page facing it, both before `end`."""
    return [(left, left + 1) for left in range(first + (first + 1) % 2, end - 1, 2)]


def _line_box_bottom(line: Line, pitch: float) -> float:
    height = line.bottom - line.baseline  # the descent
    content = height + 0.8965 * line.size  # Crimson Pro's ascent and descent
    return line.bottom + max(0.0, pitch - content) / 2


def _room(pages: list[Page], pitch: float) -> None:
    """Each page's whole lines of room left: below its last line to the foot of the page area
    (the lowest line of any page without notes), or to the footnote area (above its rule by the
    least room any page with notes leaves)."""
    plain = [_line_box_bottom(p.lines[-1], pitch) for p in pages if p.lines and p.rule is None]
    foot = max(plain) if plain else 0.0
    noted = [p.rule - _line_box_bottom(p.lines[-1], pitch) for p in pages if p.lines and p.rule is not None]
    gap = min(noted) if noted else 0.0
    for page in pages:
        if not page.lines:
            continue
        bottom = _line_box_bottom(page.lines[-1], pitch)
        if page.quote_rule is not None:  # a pull quote at the foot of the page fills it
            bottom = max(bottom, page.quote_rule)
        room = (page.rule - gap - bottom) if page.rule is not None else (foot - bottom)
        page.short_by = max(0, int((room + 0.5) // pitch))


def _page_area(pages: list[Page], pitch: float) -> float:
    tops = [p.lines[0].baseline for p in pages if p.lines]
    bottoms = [p.lines[-1].baseline for p in pages if p.lines and p.rule is None]
    return (max(bottoms) - min(tops) + pitch) if tops and bottoms else 0.0


def booklet_figures(pages: int, blanks: list[int], booklet: Path) -> dict[str, int]:
    """Blank pages before the back cover (the pamphlet's own and the booklet's padding), and the
    booklet's sheets that carry one printed page only (each cell of a side holds a page)."""
    document = pymupdf.open(booklet)
    sides = len(document)
    width, height = document[0].rect.width, document[0].rect.height
    across, down = (2, 1) if width > height else (2, 2)
    printed_per_sheet = []
    for sheet in range(0, sides, 2):
        printed = 0
        for side in (sheet, sheet + 1):
            if side >= sides:
                continue
            page = document[side]
            for column in range(across):
                for row in range(down):
                    cell = pymupdf.Rect(column * width / across, row * height / down,
                                        (column + 1) * width / across, (row + 1) * height / down)
                    inked = page.get_text("text", clip=cell).strip() or any(
                        cell.intersects(d["rect"]) for d in page.get_drawings())
                    printed += bool(inked)
        printed_per_sheet.append(printed)
    padding = sides * across * down - pages
    trailing = 0
    for index in range(pages - 2, -1, -1):
        if index not in blanks:
            break
        trailing += 1
    empty = set(blanks) | set(range(pages, pages + padding))
    run = longest = 0
    for index in range(pages + padding):
        run = run + 1 if index in empty else 0
        longest = max(longest, run)
    count = pages + padding + (-(pages + padding)) % 4
    folded = [(2 * k, 2 * k + 1, count - 2 - 2 * k, count - 1 - 2 * k) for k in range(count // 4)]
    return {
        "sides": sides,
        "blank pages": len(blanks) + padding,
        "padding": padding,
        "blanks before the back cover": trailing + padding,
        "most blanks in a row": longest,
        "sheets with one printed page": sum(1 for n in printed_per_sheet if n <= 1),
        "folded sheets with one printed page": sum(1 for sheet in folded
                                                   if sum(page not in empty for page in sheet) <= 1),
    }


def report(result: Measures, verbose: bool) -> str:
    """The figures as lines of text."""
    n = len(result.text_pages)
    chars = sorted(result.characters)
    per_page = result.lines_per_page
    in_texts = sum(1 for page, _ in result.loose if page in set(result.text_pages))
    out = [
        f"{result.path.name}: {result.pages} pages, {n} text pages",
        f"  loose lines (mean word space > {LOOSE_EM} em): {len(result.loose)}"
        f" ({in_texts} in the texts: {result.per_20(in_texts):.1f} per 20 text pages);"
        f" cramped (< {TIGHT_EM} em): {len(result.tight)}",
        f"  lines per full page: {min(per_page, default=0)}-{max(per_page, default=0)}",
        f"  characters per justified line: {chars[0] if chars else 0}, median"
        f" {statistics.median(chars) if chars else 0:.0f}, {chars[-1] if chars else 0}",
        f"  widows {len(result.widows)}, orphans {len(result.orphans)}, runt pages {len(result.runts)},"
        f" hyphenated stubs {len(result.stubs)}, words alone mid-paragraph {len(result.lone_words)}",
        "  opening pages (share of the page area in text): "
        + ", ".join(f"p.{result.labels[index]} {share:.2f}" for index, share in result.openings),
        f"  spreads ending on different lines: {len(result.uneven_spreads)}",
    ]
    if result.booklet:
        out.append("  booklet: " + ", ".join(f"{key} {value}" for key, value in result.booklet.items()))
    if verbose:
        label = result.labels
        out += [f"    loose p.{label[i]}: {line.mean_space_em:.2f} em  {line.text}"
                for i, line in result.loose]
        out += [f"    cramped p.{label[i]}: {line.mean_space_em:.2f} em  {line.text}"
                for i, line in result.tight]
        out += [f"    runt p.{label[i]}" for i in result.runts]
        out += [f"    widow p.{label[i]}" for i in result.widows]
        out += [f"    orphan p.{label[i]}" for i in result.orphans]
        out += [f"    stub p.{label[i]}: {text}" for i, text in result.stubs]
        out += [f"    alone p.{label[i]}: {text}" for i, text in result.lone_words]
        out += [f"    uneven spread p.{label[a]}-{label[b]}: short by {x} and {y} lines"
                for a, b, x, y in result.uneven_spreads]
    return "\n".join(out)


def build_seed(size: str, output: Path) -> Path:
    """Build the seed reader in page size `size` into `output`; the PDF's path."""
    sources = output / "sources"
    subprocess.run(["cp", "-r", str(PROJECT / "sources"), str(sources)], check=True)
    settings = sources / "publication.toml"
    settings.write_text(settings.read_text().replace('page_size = "A5"', f'page_size = "{size}"'))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600",
           "PAMPHLETEER_JOBS": os.environ.get("PAMPHLETEER_JOBS", "1")}
    subprocess.run([sys.executable, str(PROJECT / "build.py"), str(sources), "--output", str(output / "out"),
                    "--quiet"], check=True, env=env)
    return next(pdf for pdf in (output / "out").glob("*.pdf") if not pdf.stem.endswith("-booklet"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs already built (default: build the seed)")
    parser.add_argument("--sizes", default="A5,A6,letter", help="page sizes to build the seed in")
    parser.add_argument("--sources", type=Path, default=PROJECT / "sources",
                        help="the sources the PDFs were built from (their words' own hyphens)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    compounds = frozenset(compounds_of(args.sources))
    if args.pdfs:
        for pdf in args.pdfs:
            booklet = pdf.with_name(pdf.stem + "-booklet.pdf")
            print(report(measure(pdf, booklet if booklet.is_file() else None, compounds), args.verbose))
        return 0
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory() as folder:
            pdf = build_seed(size, Path(folder))
            booklet = pdf.with_name(pdf.stem + "-booklet.pdf")
            print(f"[{size}]", report(measure(pdf, booklet, compounds), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
