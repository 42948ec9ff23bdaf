"""A part laid out again from an earlier layout of it (render/resume.py) is the layout WeasyPrint
makes whole, page by page, while the pages the change cannot reach are taken from the earlier one."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from pamphleteer.render import resume
from pamphleteer.render.layout import Typesetter
from pamphleteer.render.pdf import part_sources
from pamphleteer.workers import Handing, Pool
from tests.conftest import SOURCES, seed_assembled


def signature(page: Any) -> list[tuple[object, ...]]:
    """Every box of a page (margin boxes too): its kind, element, place, size and text."""
    found: list[tuple[object, ...]] = []

    def walk(box: Any) -> None:
        found.append((type(box).__name__, box.element_tag, round(box.position_x, 3), round(box.position_y, 3),
                      round(box.width or 0, 3), round(box.height or 0, 3), getattr(box, "text", None)))
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page._page_box)
    return found


@pytest.fixture(scope="module")
def texts() -> list[str]:
    publication, _ = seed_assembled()
    return [part.html for part in part_sources(publication).texts]


def block_on(document: Any, page: int) -> str:
    """The id of the first paragraph laid out on `page`."""
    for box in document.pages[page]._page_box.descendants():
        element = box.element
        if element is not None and element.tag == "p" and element.get("id"):
            return str(element.get("id"))
    raise AssertionError(f"no paragraph on page {page}")


@pytest.mark.slow
@pytest.mark.parametrize("size", ["A5", "A6"])
def test_a_layout_made_from_an_earlier_one_is_the_whole_layout_page_by_page(texts, size):
    setter = Typesetter(size, SOURCES)
    for html_string in texts:
        html = setter.html(html_string)
        base = resume.lay_out(html, setter.stylesheets_with(("",)), setter.fonts)
        count = len(base.pages)
        middle, late = count // 2, count - 2
        changes = [  # as the layout's passes change a part: word spacings, a page run short, a pushed block
            f'[id="{block_on(base, middle)}"] {{ word-spacing: 0.02em !important; }}\n',
            f"@page :nth({middle + 1}) {{ margin-bottom: 110px; }}\n",
            f'[id="{block_on(base, late)}"] {{ break-before: page; }}\n',
        ]
        for css in changes:
            stylesheets = setter.stylesheets_with(("", css))
            again = resume.lay_out(html, stylesheets, setter.fonts, base, css)
            whole = html.render(font_config=setter.fonts, stylesheets=stylesheets, pdf_tags=True)
            assert len(again.pages) == len(whole.pages)
            for number, (made, expected) in enumerate(zip(again.pages, whole.pages, strict=True)):
                assert signature(made) == signature(expected), f"{size}, {css.strip()}: page {number}"
            # the first page comes from the earlier layout (the change is further on)
            assert again.pages[0]._page_box.children[0] is base.pages[0]._page_box.children[0]
            # and a layout made from one made so is right too
            then = resume.lay_out(html, setter.stylesheets_with(("",)), setter.fonts, again, css)
            assert [signature(page) for page in then.pages] == [signature(page) for page in base.pages]


@pytest.mark.slow
def test_a_resumed_layout_writes_the_same_pdf_as_the_whole_one(texts):
    setter = Typesetter("A5", SOURCES)
    html = setter.html(texts[0])
    base = resume.lay_out(html, setter.stylesheets_with(("",)), setter.fonts)
    css = f"@page :nth({len(base.pages) - 3}) {{ margin-bottom: 110px; }}\n"
    stylesheets = setter.stylesheets_with(("", css))
    again = resume.lay_out(html, stylesheets, setter.fonts, base, css)
    whole = html.render(font_config=setter.fonts, stylesheets=stylesheets, pdf_tags=True)
    assert again.write_pdf(pdf_variant="pdf/ua-1") == whole.write_pdf(pdf_variant="pdf/ua-1")


@pytest.mark.slow
def test_a_line_broken_before_is_not_broken_again_and_the_pdf_is_the_same(texts, monkeypatch):
    """A layout after the first breaks only the lines of what changed (render/lines.py): here one
    paragraph set with a narrower word space; the rest are as remembered, and the PDF is the one
    a layout breaking every line again writes."""
    from pamphleteer.render import lines

    broken = []

    def counted(*args: Any) -> Any:
        broken.append(args[0])
        return lines.__dict__["_unbroken"](*args)

    monkeypatch.setitem(lines.__dict__, "_unbroken", lines._split)
    monkeypatch.setattr(lines, "_split", counted)
    setter = Typesetter("A5", SOURCES)
    html = setter.html(texts[-1])
    lines._BROKEN.clear()
    html.render(font_config=setter.fonts, stylesheets=setter.stylesheets_with(("",)), pdf_tags=True)
    first = len(broken)
    block = block_on(html.render(font_config=setter.fonts, stylesheets=setter.stylesheets_with(("",))), 2)
    css = f'[id="{block}"], [id="{block}"] * {{ word-spacing: -0.06em !important; }}\n'
    stylesheets = setter.stylesheets_with(("", css))
    del broken[:]
    again = html.render(font_config=setter.fonts, stylesheets=stylesheets, pdf_tags=True)
    assert 0 < len(broken) < first / 5
    lines._BROKEN.clear()
    del broken[:]
    whole = html.render(font_config=setter.fonts, stylesheets=stylesheets, pdf_tags=True)
    assert len(broken) > first / 2  # every line broken again
    assert again.write_pdf(pdf_variant="pdf/ua-1") == whole.write_pdf(pdf_variant="pdf/ua-1")


def test_an_at_rule_it_cannot_follow_makes_the_whole_layout(texts):
    setter = Typesetter("A5", SOURCES)
    html = setter.html(texts[-1])
    base = resume.lay_out(html, setter.stylesheets_with(("",)), setter.fonts)
    css = "@page { margin-bottom: 110px; }\n"  # every page
    again = resume.lay_out(html, setter.stylesheets_with(("", css)), setter.fonts, base, css)
    whole = html.render(font_config=setter.fonts, stylesheets=setter.stylesheets_with(("", css)))
    assert [signature(page) for page in again.pages] == [signature(page) for page in whole.pages]
    assert again.pages[0]._page_box.children[0] is not base.pages[0]._page_box.children[0]


def _sleep_and_say(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_work_preferring_a_busy_process_goes_to_a_free_one_and_a_free_preferred_one_takes_it():
    pool = Pool(2)
    try:
        pool.start()
        busy = pool.submit_as(Handing(worker=0), _sleep_and_say, 1.0)
        threading.Event().wait(0.2)  # process 0 has begun
        elsewhere = pool.submit_as(Handing(prefer=0), _sleep_and_say, 0.0)
        assert elsewhere.result() == 0.0 and elsewhere.worker == 1  # did not wait for process 0
        busy.result()
        home = pool.submit_as(Handing(prefer=1), _sleep_and_say, 0.0)
        home.result()
        assert home.worker == 1
    finally:
        pool.shutdown()
