"""Paragraphs with loose lines set again with other word spaces (render/spacing.py)."""

from __future__ import annotations

import weasyprint

from pamphleteer.render.layout import Typesetter
from pamphleteer.render.spacing import (
    PERFECT,
    TRIAL_PAGES,
    TRIED,
    alone,
    faulty,
    is_stub,
    preference,
    set_loose_paragraphs_again,
    settings,
    spacing_rules,
    tried,
)
from tests.conftest import SOURCES, seed_assembled

# A paragraph of the seed: WeasyPrint hyphenates "ideol-ogy", then finds the rest of the line
# (after the span around "People") a fraction of a point too long, breaks before "People" and
# justifies "ogy of most capitalist societies." across the whole measure.
BROKEN = (
    '<p id="a">But from the late nineteenth century on, nationalism gained ground inside the '
    "workers’ movement, challenging working-class internationalism. After all, nationalism is part "
    'of the dominant ideology of most capitalist societies. <span class="nohyphen">People</span> are '
    "taught nationalism at home, at school, in their churches and other religious institutions, and "
    "so on.</p>"
)


def laid_out(body: str, css: str = ""):
    setter = Typesetter("A5", SOURCES)
    html = weasyprint.HTML(string=(
        '<html lang="en"><body><div class="main-matter"><article class="text" lang="en-US">'
        f'<div class="text-body"><p id="first">A first paragraph.</p>{body}</div>'
        "</article></div></body></html>"
    ))
    stylesheets = [*setter.stylesheets, weasyprint.CSS(string=css, font_config=setter.fonts)]
    document = html.render(font_config=setter.fonts, stylesheets=stylesheets)
    setter.stylesheets = stylesheets
    return document, html, setter


def test_a_line_a_fraction_too_long_is_not_broken_early_and_set_across_the_measure():
    # It was, with 4 em word spaces (excess over 3 em); render/linebreak.py asks Pango for a break
    # that fits, so the line is filled up to the word that does not fit, as a first-fit setter does.
    document, html, setter = laid_out(BROKEN)
    assert settings(document)["a"].excess < 0.5, settings(document)["a"]
    again, _rules = set_loose_paragraphs_again(document, html, setter.stylesheets, setter.fonts)
    assert faulty(settings(again)) == {}
    words = "".join(box.text for page in again.pages for box in _texts(page._page_box))
    assert "ideol" in words and "People" in words and "so on." in words  # no word lost


def test_a_paragraph_set_without_a_fault_is_not_tried_again_and_keeps_the_same_word_spacing():
    document, html, setter = laid_out(BROKEN)
    each = {value: tried(html, setter.stylesheets, setter.fonts, {"a"}, (value,))[value]["a"]
            for value in TRIED}  # every value tried, each in a trial of its own
    first = next(value for value in TRIED if each[value].faults == PERFECT)  # some value mends it
    found = tried(html, setter.stylesheets, setter.fonts, {"a"})
    # the first value, in the order tried, that sets it without a fault; none after it laid out
    assert list(found) == list(TRIED[:TRIED.index(first) + 1])
    assert min((results["a"].faults, preference(value)) for value, results in found.items())[0] == PERFECT


def test_a_paragraph_without_loose_lines_is_left_as_it_was():
    document, html, setter = laid_out('<p id="b">A short paragraph, on one line.</p>')
    again, rules = set_loose_paragraphs_again(document, html, setter.stylesheets, setter.fonts)
    assert again is document and rules == ""


def test_each_paragraph_gets_its_own_word_spacing_and_what_it_holds_too():
    assert spacing_rules({"b": "0em", "a": "-0.045em"}) == (
        '[id="a"], [id="a"] * { word-spacing: calc(-0.045em - var(--face-space)) !important; }\n'
        '[id="b"], [id="b"] * { word-spacing: calc(0em - var(--face-space)) !important; }\n'
    )  # less what the face's space is wider than Crimson Pro's (print.css's --face-space)


def test_the_seed_s_paragraphs_ending_in_a_hyphenated_stub_are_set_again_without_one():
    from pamphleteer.render.pdf import print_html

    publication, _ = seed_assembled(dated=False)
    setter = Typesetter("A5", SOURCES)
    # Print never hyphenates a paragraph's last word (render/printtype.py): without that rule, the seed
    # has stubs for this pass to set again.
    printed = print_html(publication, frozenset({"main"}), texts=publication.texts[:1])
    html = weasyprint.HTML(string=printed.replace('<span class="last-word">', "<span>"),
                           base_url=f"{SOURCES}/", url_fetcher=setter.fetcher)
    document = html.render(font_config=setter.fonts, stylesheets=setter.stylesheets)
    before = {block for block, setting in settings(document).items() if setting.stub}
    assert "camfield-internationalism-today-74" in before  # "… the Amazon ware- / house."
    again, _rules = set_loose_paragraphs_again(document, html, setter.stylesheets, setter.fonts)
    after = settings(again)
    assert not after["camfield-internationalism-today-74"].stub
    assert len({block for block, setting in after.items() if setting.stub}) < len(before)
    assert sum(setting.loose for setting in after.values()) < sum(
        setting.loose for setting in settings(document).values())


def _texts(box):
    if hasattr(box, "text"):
        yield box
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def test_an_address_broken_at_its_own_hyphen_is_no_stub_and_is_not_tried():
    # The seed's credits: the source's address broken after "do-we-" ends the paragraph on "need-today/".
    credit = ('<p id="b" style="text-align: left">Original: <a href="https://anticapitalistresistance.org/'
              'what-internationalism-do-we-need-today/">https://anticapitalistresistance.org/'
              "what-internationalism-do-we-need-today/</a></p>")
    document, _html, _setter = laid_out(credit)
    lines = ["".join(box.text for box in _texts(line)) for page in document.pages
             for line in _line_boxes(page._page_box) if "Original" in _words_under(page._page_box)]
    assert any(line.rstrip().endswith("-") for line in lines[:-1])  # broken at the address's hyphen
    assert not settings(document)["b"].stub and "b" not in faulty(settings(document))


def test_a_word_broken_at_a_hyphen_on_the_last_line_but_one_is_still_a_stub():
    assert is_stub("the Amazon ware-", "house.")  # hyphenated (a last word the markup leaves whole)
    assert is_stub("for the workers’ self-", "emancipation.")  # a compound: a short last line still
    assert not is_stub("Original: https://anticapitalistresistance.org/what-internationalism-do-we-",
                     "need-today/")
    assert not is_stub("write to pamphlets-", "group@example.org")
    assert not is_stub("the ware-", "house and more")

def _line_boxes(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _line_boxes(child)


def _words_under(box):
    return "".join(text.text for text in _texts(box))


def test_a_trial_of_paragraphs_that_fill_pages_runs_on_one_page_and_sets_each_as_the_book_does():
    # Three pages' worth of paragraphs, each with a link's footnote: a trial of them all (the page
    # mending tries the paragraphs of two spreads at once) is laid out on one page, far deeper than
    # the page (TRIAL_PAGES), so no page is broken; each paragraph breaks its lines as in the book.
    note = '<a href="https://example.org/">a source</a><span class="link-note">https://example.org/</span>'
    body = "".join(f'<p id="p{index}">{BROKEN[10:-4]} As {note} says.</p>' for index in range(14))
    document, html, setter = laid_out(body)
    blocks = {f"p{index}" for index in range(14)}
    spaced = weasyprint.CSS(string=spacing_rules(dict.fromkeys(blocks, "-0.045em")), font_config=setter.fonts)
    book = html.render(font_config=setter.fonts, stylesheets=[*setter.stylesheets, spaced])
    trial_css = weasyprint.CSS(string=TRIAL_PAGES + spacing_rules(dict.fromkeys(blocks, "-0.045em")),
                               font_config=setter.fonts)
    trial = alone(html, blocks).render(font_config=setter.fonts, stylesheets=[*setter.stylesheets, trial_css])
    assert len(book.pages) >= 3 and len(trial.pages) == 1
    in_book, in_trial = settings(book), settings(trial)
    lines = lambda found: {block: (s.lines, s.heights, s.loose, s.stub)  # noqa: E731
                           for block, s in found.items() if block in blocks}
    assert lines(in_book) == lines(in_trial)
    found = tried(html, setter.stylesheets, setter.fonts, blocks, ("-0.045em",))["-0.045em"]
    assert {block: (s.lines, s.loose, s.stub) for block, s in found.items()} == {
        block: (in_book[block].lines, in_book[block].loose, in_book[block].stub) for block in blocks}
