"""Lay a part out again after its stylesheets changed, making again only the pages the change reaches.

A part is laid out several times (`render/layout.py`): each layout after the
first differs from one made before by a few paragraphs set otherwise (word
spacings, a paragraph sent to the next page) and a page run short. `lay_out`
makes such a layout from one made before in the same process (its `base`):
WeasyPrint builds the part's boxes again with the new stylesheets, the boxes
that came out otherwise are found by comparing the two box trees, and the
pages are made one after another as WeasyPrint makes them, but a page is taken
from the base when it begins where the base's did (the same point of the
text, counters, side, notes still to place, nothing carried over) and its
making touched none of the boxes that changed nor a box before one (which
decides whether a page breaks before it); its margin boxes (running heads,
folios) are made again. The result is the layout WeasyPrint would make whole
(tests/test_resume.py compares them page by page).

It is WeasyPrint 70's `layout_document` and `make_all_pages`
(weasyprint/layout/__init__.py, layout/page.py) with that one change, and
every layout this module makes records, for each page, where it began and the
elements whose blocks its making laid out (WeasyPrint's block layout functions
are wrapped to note them). Whatever it cannot follow (a stylesheet's @-rule
other than `@page :nth(N)`, running or fixed elements, counters
looked up across pages, a repagination, a box tree of another shape) makes the
whole layout, as WeasyPrint does.
"""

from __future__ import annotations

import copy
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import weasyprint
from weasyprint import DEFAULT_OPTIONS
from weasyprint.css.counters import CounterStyle
from weasyprint.document import Document, Page
from weasyprint.formatting_structure import boxes
from weasyprint.formatting_structure.build import build_formatting_structure
from weasyprint.html import get_html_metadata
from weasyprint.layout import block, initialize_page_maker, layout_fixed_boxes
from weasyprint.layout.background import layout_backgrounds
from weasyprint.layout.page import make_margin_boxes, remake_page, set_page_type_computed_styles
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.text.fonts import FontConfiguration

# installed on import: selectors matched once a document, each line broken once a process
from pamphleteer.render import cascade, lines  # noqa: F401

VERSION = "70.0"  # the WeasyPrint whose page making this follows
MAX_LOOPS = 8  # WeasyPrint's repaginations at most (layout_document's max_loops)
NTH_PAGE = re.compile(r"@page\s*:nth\((\d+)\)")

_here = threading.local()  # .touched: the elements whose blocks the page being made (in this thread) laid out


def _noting(function: Callable[..., Any]) -> Callable[..., Any]:
    def noted(context: Any, box: Any, *args: Any, **kwargs: Any) -> Any:
        touched = getattr(_here, "touched", None)
        if touched is not None:
            touched.add(box.element)
        return function(context, box, *args, **kwargs)

    noted.__wrapped__ = function  # type: ignore[attr-defined]
    return noted


if not hasattr(block.block_container_layout, "__wrapped__"):
    block.block_level_layout = _noting(block.block_level_layout)
    block.block_container_layout = _noting(block.block_container_layout)


@dataclass
class _Start:
    """Where a page began: WeasyPrint's page_maker entry, the footnotes still to place, and whether
    anything was carried over into it (a reported footnote, a box broken out of flow)."""

    state: tuple[Any, ...]  # resume_at, next_page, right_page, page_state (deep copies)
    pending: tuple[Any, ...]  # the elements of the footnotes not placed yet
    clean: bool


@dataclass
class _Record:
    """What a later layout needs of this one."""

    html: weasyprint.HTML
    tree: Any  # the box tree before layout
    notes: list[Any]  # the footnote boxes, before layout
    starts: list[_Start]  # one a page, and one for the end
    touched: list[frozenset[Any]]  # one a page
    page_boxes: list[Any]  # the laid-out page boxes, margin boxes and all
    anchors: list[tuple[list[Any], list[Any]]]  # each page's remake_state anchors and lookups
    string_sets: list[dict[str, list[Any]]]  # each page's


_RECORDS: weakref.WeakKeyDictionary[Document, _Record] = weakref.WeakKeyDictionary()


class _Whole(Exception):
    """What this module cannot follow: the layout is made whole."""


def lay_out(html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration,
            base: Document | None = None, changed_css: str = "") -> Document:
    """`html.render(font_config=fonts, stylesheets=stylesheets, pdf_tags=True)`, its pages taken from
    `base` (a layout this module made of the same `html`) where the change cannot reach them;
    `changed_css`: the stylesheets' text by which these differ from the base's."""
    record = _RECORDS.get(base) if base is not None else None
    if record is not None and record.html is not html:
        record = None
    pages: set[int] = set()
    if record is not None:
        rules = changed_css.count("@")
        found = [int(number) - 1 for number in NTH_PAGE.findall(changed_css)]
        if rules != len(found):
            record = None
        pages = set(found)
    try:
        return _render(html, stylesheets, fonts, record, pages)
    except _Whole:
        return _render(html, stylesheets, fonts, None, set())


def _render(html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration,
            base: _Record | None, changed_pages: set[int]) -> Document:
    """WeasyPrint's Document._render, with `_layout` for layout_document."""
    options = {**DEFAULT_OPTIONS, "stylesheets": stylesheets, "pdf_tags": True}
    counter_style = CounterStyle()
    context = Document._build_layout_context(html, fonts, counter_style, {}, options)
    root_box = build_formatting_structure(
        html.etree_element, context.style_for, context.get_image_from_uri, html.base_url,
        context.target_collector, counter_style, context.footnotes)
    notes = list(context.footnotes)
    changed: set[Any] | None = None
    if base is not None:
        changed = _changed(base, root_box, notes)
    page_boxes, record = _layout(html, root_box, context, base, changed, changed_pages)
    document = Document([Page(page_box) for page_box in page_boxes],
                        DocumentMetadata(**get_html_metadata(html)), html.url_fetcher, fonts, {},
                        options["output_intent"])
    document._html = html
    if record is not None:
        record.tree, record.notes = root_box, notes
        _RECORDS[document] = record
    return document


def _changed(base: _Record, tree: Any, notes: list[Any]) -> set[Any] | None:
    """The elements to which a page that laid out their blocks may come out otherwise than in `base`:
    of each box that changed, the nearest block's, and the blocks' before them; None if the trees
    are not of one shape."""
    changed: set[Any] = set()
    if len(notes) != len(base.notes):
        return None
    pairs = [(base.tree, tree), *zip(base.notes, notes, strict=True)]
    for old, new in pairs:
        if not _compare(old, new, None, (), changed):
            return None
    return changed


def _same(old: Any, new: Any) -> bool:
    if type(old) is not type(new) or old.element is not new.element or old.element_tag != new.element_tag:
        return False
    if getattr(old, "text", None) != getattr(new, "text", None):
        return False
    old_style, new_style = old.style, new.style
    if type(old_style) is not type(new_style):
        return False
    cascaded = getattr(old_style, "cascaded", None)
    if cascaded is None:
        return True  # an anonymous box's style: its parent's, compared with the parent
    return {key: value for key, (value, _weight) in cascaded.items()} == {
        key: value for key, (value, _weight) in new_style.cascaded.items()}


def _compare(old: Any, new: Any, nearest: Any, before: tuple[Any, ...], changed: set[Any]) -> bool:
    """Compare two box trees from `old` and `new` down, noting in `changed` what a changed box makes
    changed (`nearest`: the nearest block above, `before`: the elements of the blocks whose page
    may break before it: the one just before it, or if it is the first, those before its parent).
    False if their shapes differ."""
    if type(old) is not type(new) or old.element is not new.element:
        return False
    is_block = isinstance(new, boxes.BlockBox)
    here = new.element if is_block else nearest
    if not _same(old, new):
        changed.add(here)
        changed.update(before)
    old_children = getattr(old, "children", ())
    new_children = getattr(new, "children", ())
    if len(old_children) != len(new_children):
        return False
    previous: tuple[Any, ...] = before  # the first child meets what is before its parent
    for old_child, new_child in zip(old_children, new_children, strict=True):
        if not _compare(old_child, new_child, here, previous, changed):
            return False
        if isinstance(new_child, boxes.BlockLevelBox) and new_child.is_in_normal_flow():
            previous = (new_child.element if isinstance(new_child, boxes.BlockBox) else here,)
    # a footnote call's note: compared with the notes
    return (getattr(new, "footnote", None) is None) == (getattr(old, "footnote", None) is None)


def _start(context: Any, index: int) -> _Start:
    resume_at, next_page, right_page, page_state, _ = context.page_maker[index]
    return _Start(
        state=(copy.deepcopy(resume_at), copy.deepcopy(next_page), right_page, copy.deepcopy(page_state)),
        pending=tuple(note.element for note in context.footnotes),
        clean=not context.reported_footnotes and not context.broken_out_of_flow,
    )


def _layout(html: weasyprint.HTML, root_box: Any, context: Any, base: _Record | None,
            changed: set[Any] | None, changed_pages: set[int]) -> tuple[list[Any], _Record | None]:
    """WeasyPrint's layout_document: the page boxes, and this layout's record (None if it cannot
    serve as a base)."""
    initialize_page_maker(context, root_box)
    usable = True
    starts: list[_Start] = []
    touched: list[frozenset[Any]] = []
    taken: list[bool] = []
    pages: list[Any] = []
    original_footnotes = context.footnotes.copy()
    actual_total_pages = 0
    for loop in range(MAX_LOOPS):
        if loop > 0:
            context.footnotes = original_footnotes.copy()
            if any(taken):
                raise _Whole  # a repagination of pages taken from the base
            usable = False
        initial_total_pages = actual_total_pages
        if loop == 0:
            starts, touched, taken = [], [], []
            pages = list(_make_all_pages(context, root_box, html, base, changed, changed_pages,
                                         starts, touched, taken))
        else:
            from weasyprint.layout.page import make_all_pages

            pages = list(make_all_pages(context, root_box, html, pages))
        actual_total_pages = len(pages)
        reloop_content = reloop_pages = False
        for page_data in context.page_maker:
            _, _, _, page_state, remake_state = page_data
            page_state[1]["pages"] = [actual_total_pages]
            if remake_state["content_changed"]:
                reloop_content = True
            if remake_state["pages_wanted"]:
                reloop_pages = initial_total_pages != actual_total_pages
        if not reloop_content and not reloop_pages:
            break
    lookups = context.target_collector.counter_lookup_items
    running = any(any(by_page.values()) for by_page in context.running_elements.values())
    if lookups or running or any(page.fixed_boxes for page in pages):
        if any(taken):
            raise _Whole
        usable = False

    # The string sets and bookmarks (as WeasyPrint's layout_document; a page taken from the base has
    # its string sets recorded and its bookmark labels already made).
    watch_elements: list[Any] = []
    watch_elements_before: list[Any] = []
    watch_elements_after: list[Any] = []
    string_sets: list[dict[str, list[Any]]] = []
    for i, page in enumerate(pages):
        page_counter_values = context.page_maker[i + 1][3][1]
        if taken[i]:
            assert base is not None
            for name, texts in base.string_sets[i].items():
                context.string_set[name][i + 1].extend(texts)
            string_sets.append(base.string_sets[i])
            for child in page.descendants():
                if child.bookmark_label:
                    checklist = (watch_elements_before if child.element_tag.endswith("::before") else
                                 watch_elements_after if child.element_tag.endswith("::after") else
                                 watch_elements)
                    if child.element not in checklist:
                        checklist.append(child.element)
            continue
        page_sets: dict[str, list[Any]] = {}
        for child in page.descendants():
            if child.bookmark_label:
                checklist = (watch_elements_before if child.element_tag.endswith("::before") else
                             watch_elements_after if child.element_tag.endswith("::after") else
                             watch_elements)
                if child.element in checklist:
                    child.bookmark_label = ""
                else:
                    checklist.append(child.element)
            if child.missing_link:
                for (box, css_token), item in lookups.items():
                    if child.missing_link == box and css_token != "content":
                        if css_token == "bookmark-label" and not child.bookmark_label:
                            continue
                        item.parse_again(page_counter_values)
                        if css_token == "bookmark-label":
                            child.bookmark_label = box.bookmark_label
            string_sets_here = child.string_set
            if string_sets_here and string_sets_here != "none":
                for string_name, text in string_sets_here:
                    context.string_set[string_name][i + 1].append(text)
                    page_sets.setdefault(string_name, []).append(text)
        string_sets.append(page_sets)

    # The margin boxes (a page taken from the base: a copy of it, with its own made again).
    finished: list[Any] = []
    for i, page in enumerate(pages):
        context.current_page = i + 1
        state = context.page_maker[i + 1][3]
        if taken[i]:
            kept = [child for child in page.children if not isinstance(child, boxes.MarginBox)]
            page = page.copy()  # (not copy_with_children, which changes the base's page)
            set_page_type_computed_styles(page.page_type, html, context.style_for)
            page.children = (*kept, *make_margin_boxes(context, page, state))
        else:
            root, footnote_area, note_area = page.children
            root.children = [*layout_fixed_boxes(context, pages[:i], page), *root.children,
                             *layout_fixed_boxes(context, pages[i + 1:], page)]
            children = [root]
            if footnote_area.children:
                children.append(footnote_area)
            if note_area.children:
                children.append(note_area)
            children.extend(make_margin_boxes(context, page, state))
            page.children = tuple(children)
        layout_backgrounds(page, context.get_image_from_uri)
        finished.append(page)
    if not usable:
        return finished, None
    anchors = [(list(entry[-1]["anchors"]), list(entry[-1]["content_lookups"]))
               for entry in context.page_maker[:len(pages)]]
    return finished, _Record(html, None, [], starts, touched, finished, anchors, string_sets)


def _make_all_pages(context: Any, root_box: Any, html: weasyprint.HTML, base: _Record | None,
                    changed: set[Any] | None, changed_pages: set[int], starts: list[_Start],
                    touched: list[frozenset[Any]], taken: list[bool]) -> Any:
    """WeasyPrint's make_all_pages (on a first pass: every page made or taken from `base`), noting
    where each page began and what its making laid out."""
    i = 0
    context.rendered_notes = []
    while True:
        start = _start(context, i)
        starts.append(start)
        remake_state = context.page_maker[i][-1]
        remake_state["content_changed"] = False
        remake_state["pages_wanted"] = False
        remake_state["anchors"] = []
        remake_state["content_lookups"] = []
        if base is not None and changed is not None and _takes(base, i, start, changed, changed_pages):
            resume_at, next_page, right_page, page_state = copy.deepcopy(base.starts[i + 1].state)
            remake_state["anchors"] = list(base.anchors[i][0])
            remake_state["content_lookups"] = list(base.anchors[i][1])
            item = (resume_at, next_page, right_page, page_state,
                    {"content_changed": False, "pages_wanted": False, "anchors": [], "content_lookups": []})
            if i + 1 >= len(context.page_maker):
                context.page_maker.append(item)
            else:
                context.page_maker[i + 1] = item
            left = set(base.starts[i + 1].pending)
            context.footnotes = [note for note in context.footnotes if note.element in left]
            touched.append(base.touched[i])
            taken.append(True)
            reported_footnotes: list[Any] = []
            yield base.page_boxes[i]
        else:
            noted: set[Any] = set()
            _here.touched = noted
            try:
                page, resume_at = remake_page(i, context, root_box, html)
            finally:
                touched.append(frozenset(noted))
                _here.touched = None
            taken.append(False)
            reported_footnotes = context.reported_footnotes
            yield page
        i += 1
        if resume_at is None and not reported_footnotes:
            starts.append(_start(context, i))
            context.page_maker = context.page_maker[:i + 1]
            context.broken_out_of_flow.clear()
            context.reported_footnotes.clear()
            return


def _takes(base: _Record, index: int, start: _Start, changed: set[Any], changed_pages: set[int]) -> bool:
    """Whether page `index` is the base's: it begins as the base's did, with nothing carried over
    into it or out of it, and its making laid out nothing changed."""
    if index + 1 >= len(base.starts) or index in changed_pages:
        return False
    before, after = base.starts[index], base.starts[index + 1]
    if not (start.clean and before.clean and after.clean):
        return False
    if start.state != before.state or start.pending != before.pending:
        return False
    return not base.touched[index] & changed
