"""The build hands its workers what does not wait on other work before it waits itself, so that
both cores stay busy, and its render workers start warmed up: a cold build of the seed reader is as
quick as the machine allows."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any, TypeVar

import pytest

from pamphleteer.pipeline import load_renderers, render
from pamphleteer.render.layout import OPENS_LEFT, lay_out_part, typesetter
from pamphleteer.workers import Workers
from tests.conftest import SOURCES, seed_assembled

T = TypeVar("T")


class Logged(Future[T]):
    """A future whose result, when asked for, is written in its executor's log."""

    def __init__(self, log: list[tuple[str, str]], name: str):
        super().__init__()
        self.log, self.name = log, name
        self.in_callback = False

    def result(self, timeout: float | None = None) -> T:
        if not self.in_callback:  # a callback (the cache's) asks a finished future: no one waits
            self.log.append(("waited", self.name))
        return super().result(timeout)

    def add_done_callback(self, fn: Callable[[Future[T]], object]) -> None:
        self.in_callback = True
        try:
            super().add_done_callback(fn)
        finally:
            self.in_callback = False


class Recording(Executor):
    """Does each piece of work at once, in this process, and logs what it was handed and when the
    build waited for what."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        name = self.name(fn, args)
        self.log.append(("handed", name))
        future: Logged[T] = Logged(self.log, name)
        future.set_result(fn(*args, **kwargs))
        return future

    @staticmethod
    def name(fn: Callable[..., object], args: tuple[Any, ...]) -> str:
        if fn is lay_out_part:
            html, css = args[2], args[3]
            if "nav.contents" in css:
                return "contents with folios"
            if css.endswith(OPENS_LEFT) and 'class="back-part' in html:
                return "back part from the left"
            if '<article class="text"' in html:
                return "text"
            return "part"
        return fn.__name__


@pytest.mark.slow
def test_work_that_waits_on_nothing_is_handed_over_before_the_build_waits():
    publication, _ = seed_assembled()
    pool = Recording()
    render(publication, SOURCES, ("pdf", "epub", "html"), pool=pool)
    log = pool.log
    # the ebook's cover image is handed over with the parts, before the build waits for a text
    assert log.index(("handed", "cover_image")) < log.index(("waited", "text"))
    # the seed's last back part opens on a left-hand page: it is laid out again from one while
    # the contents are laid out with their folios
    assert log.index(("handed", "contents with folios")) < log.index(("waited", "back part from the left"))


def typesetter_id(page_size: str, sources: Path) -> int:
    return id(typesetter(page_size, sources))


def test_render_workers_start_with_the_typesetter_the_build_warmed_up_while_texts_were_parsed():
    load_renderers("A5", SOURCES, "en")
    warmed = typesetter_id("A5", SOURCES)
    with Workers(2) as pool:  # forked now, as the build forks its render workers after parsing
        assert pool.submit(typesetter_id, "A5", SOURCES).result() == warmed


@pytest.mark.slow
def test_page_mending_tries_the_paragraphs_near_a_fault_not_the_whole_text(monkeypatch):
    from pamphleteer.render import pages
    from pamphleteer.render.pdf import part_sources

    publication, _ = seed_assembled()
    text, part = max(zip(publication.texts, part_sources(publication).texts, strict=True),
                     key=lambda pair: len(pair[1].html))  # the longest: the seed's uneven spreads
    tried: list[set[str]] = []
    real = pages.trial_settings

    values: list[tuple[str, ...]] = []

    def trial_settings(html, stylesheets, fonts, blocks, spacings):  # type: ignore[no-untyped-def]
        tried.append(set(blocks))
        values.append(spacings)
        return real(html, stylesheets, fonts, blocks, spacings)

    monkeypatch.setattr(pages, "trial_settings", trial_settings)
    typesetter("A5", SOURCES).lay_out(part.html, part.css, part.ids)
    assert tried and all(blocks for blocks in tried)
    # its paragraphs, each laid out alone; the text that holds them (laid out whole, with every
    # paragraph in it, a trial took as long as the text's own layout) is not one of them
    assert all(block.startswith(f"{text.slug}-") for blocks in tried for block in blocks), tried
    # word spacing alone first; the scaled values only for the paragraphs near a fault it leaves
    # without a candidate (before, all five values for every paragraph near a fault)
    assert values[0] == pages.SPACING_TRIALS
    assert all(later == pages.SCALED_TRIALS and blocks <= tried[0]
               for later, blocks in zip(values[1:], tried[1:], strict=True))
