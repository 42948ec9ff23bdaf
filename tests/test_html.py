"""The web edition: one self-contained, accessible page to post, share and read on a phone.

The page is parsed as a browser parses it (tinyhtml5, the HTML5 parser WeasyPrint
uses) and its stylesheet as a browser reads it (tinycss2). The validators (the Nu
Html Checker, axe in Chromium) run in `build.py check`; these tests pin down the
structure a reader relies on.
"""

from __future__ import annotations

import base64
import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import tinycss2
import tinyhtml5

from pamphleteer import ast
from pamphleteer.errors import RenderError
from pamphleteer.parse import Block
from pamphleteer.render.html import render_html, self_contained
from pamphleteer.render.markup import PageStart
from pamphleteer.render.templates import FONTS
from tests.conftest import seed_assembled

HTML_NS = "{http://www.w3.org/1999/xhtml}"
LATIN = "U+0000-00FF"
LATIN_EXT = "U+0100-02BA"


def parse(html: bytes | str) -> ET.Element:
    """The page as a browser's DOM, with plain tag names."""
    root = tinyhtml5.parse(html.decode("utf-8") if isinstance(html, bytes) else html)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = element.tag.removeprefix(HTML_NS)
    return root


def text_of(element: ET.Element) -> str:
    return re.sub(r"[ \t\n\r\f]+", " ", "".join(element.itertext())).strip(" ")


def by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {element.get("id"): element for element in root.iter() if element.get("id")}


def style_of(root: ET.Element) -> str:
    styles = root.findall(".//style")
    assert len(styles) == 1
    return styles[0].text or ""


def css_urls(nodes) -> list[str]:
    """Every url(...) a stylesheet's tokens hold, at any depth."""
    found: list[str] = []
    for node in nodes or ():
        if node.type == "url":
            found.append(node.value)
        elif node.type == "function" and node.lower_name == "url":
            found.extend(arg.value for arg in node.arguments if arg.type == "string")
        for attribute in ("prelude", "content", "arguments"):
            child = getattr(node, attribute, None)
            if isinstance(child, list):
                found.extend(css_urls(child))
    return found


def media_rules(css: str) -> dict[str, list]:
    """`@media` prelude (normalised) -> the rules inside it."""
    rules: dict[str, list] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "media":
            prelude = re.sub(r"\s+", " ", tinycss2.serialize(rule.prelude)).strip()
            rules.setdefault(prelude, []).extend(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            )
    return rules


def declarations(rules: list, selector: str) -> dict[str, str]:
    """The declarations of the qualified rules whose selector list includes `selector`."""
    found: dict[str, str] = {}
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        if selector in selectors:
            contents = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            for item in contents:
                if item.type == "declaration":
                    found[item.lower_name] = tinycss2.serialize(item.value).strip()
    return found


@pytest.fixture(scope="module")
def seed():
    """The seed reader's publication (no print layout), for pages rendered with chosen page starts."""

    publication, _ = seed_assembled()
    return publication


@pytest.fixture(scope="module")
def built_page(built) -> tuple[bytes, ET.Element]:
    path = next(p for p in built.written if p.suffix == ".html")
    data = path.read_bytes()
    return data, parse(data)


def with_text(publication, index: int, **changes):
    texts = list(publication.texts)
    texts[index] = dataclasses.replace(texts[index], **changes)
    return dataclasses.replace(publication, texts=tuple(texts))


def first_paragraph(text, min_words: int = 6) -> Block:
    return next(
        block for block in text.body
        if block.node["t"] == "Para" and len(ast.text_of(block.node).split()) >= min_words
    )


# -- One file, no requests ----------------------------------------------------


def test_the_page_loads_nothing_from_anywhere_and_needs_no_script(built_page):
    data, root = built_page
    assert root.findall(".//script") == []
    assert root.findall(".//link") == []  # no external stylesheet, font or icon
    for element in root.iter():
        if element.tag in ("img", "iframe", "embed", "object", "video", "audio", "source", "track", "input"):
            pytest.fail(f"<{element.tag}> would be fetched: {element.attrib}")
        assert "style" not in element.attrib or "url(" not in element.get("style")
    css = style_of(root)
    assert "@import" not in css
    urls = css_urls(tinycss2.parse_stylesheet(css, skip_comments=True))
    assert urls, "the vendored faces are embedded"
    outside = [url[:60] for url in urls if not url.startswith("data:")]
    assert not outside, outside


def test_every_link_within_the_page_lands_somewhere(built_page):
    _, root = built_page
    ids = by_id(root)
    fragments = [a.get("href")[1:] for a in root.iter("a") if a.get("href", "").startswith("#")]
    assert "main" in fragments  # the skip link
    assert all(fragment in ids for fragment in fragments), [f for f in fragments if f not in ids]
    others = [a.get("href") for a in root.iter("a") if not a.get("href", "").startswith("#")]
    assert all(re.match(r"https?://|mailto:", href) for href in others), others


def test_the_page_stays_light_enough_for_a_phone(built_page):
    data, _ = built_page
    assert len(data) < 300_000, f"{len(data) // 1000} KB"


# -- Structure ---------------------------------------------------------------


def test_landmarks_in_reading_order(built_page, seed):
    _, root = built_page
    body = root.find("body")
    children = [child for child in body if isinstance(child.tag, str)]
    assert [child.tag for child in children] == ["a", "a", "header", "nav", "main", "footer"]
    skip, top, header, nav, main, footer = children
    assert skip.get("href") == "#main" and main.get("id") == "main"
    assert top.get("href") == "#contents" and nav.get("id") == "contents"
    assert text_of(skip)  # says where it goes
    assert len(header.findall(".//h1")) == 1 and text_of(header.find(".//h1")) == seed.title
    assert text_of(by_id(root)[nav.get("aria-labelledby")]) == "Contents"
    contents = [text_of(a) for a in nav.iter("a")]
    for text in seed.texts:
        assert any(entry.startswith(text.title) for entry in contents), text.title
    assert "Pamphleteer" in text_of(footer)  # the credits


def test_each_text_is_an_article_in_its_own_language(built_page, seed):
    _, root = built_page
    assert root.get("lang") == seed.language
    articles = root.find("body/main").findall("article")
    assert len(articles) == len(seed.texts)
    ids = by_id(root)
    for article, text in zip(articles, seed.texts, strict=True):
        assert article.get("lang") == text.lang
        title = ids[article.get("aria-labelledby")]
        assert title.tag == "h2" and text_of(title) == text.title
        header = article.find("header")
        assert header is not None and text.authors[0] in text_of(header)
        assert article.find("div[@class='text-body']") is not None


def test_questions_are_named_after_their_text(seed):
    questions = ("What does the author mean by an imagined community?", "Where do you stand?")
    publication = seed
    for index in range(len(seed.texts)):
        publication = with_text(publication, index, questions=questions)
    root = parse(render_html(publication))
    ids = by_id(root)
    sections = [s for s in root.iter("section") if "questions" in (s.get("class") or "").split()]
    assert len(sections) == len(publication.texts)
    names = [" ".join(text_of(ids[i]) for i in s.get("aria-labelledby").split()) for s in sections]
    assert len(set(names)) == len(names)  # one landmark per text, told apart by name
    for section, text in zip(sections, publication.texts, strict=True):
        assert [text_of(li) for li in section.iter("li")] == list(questions)
        assert text.title in " ".join(text_of(ids[i]) for i in section.get("aria-labelledby").split())


def test_a_shared_link_previews_with_title_and_description(built_page, seed):
    _, root = built_page
    head = root.find("head")
    settings = seed.settings
    meta = {(m.get("name") or m.get("property")): m.get("content") for m in head.iter("meta")}
    assert text_of(head.find("title")).startswith(settings.title)
    assert meta["viewport"] == "width=device-width, initial-scale=1"
    assert meta["description"] == settings.description
    assert meta["og:title"].startswith(settings.title) and meta["og:description"] == settings.description
    assert meta["og:type"] and meta["twitter:card"] == "summary"
    assert meta["twitter:title"] == meta["og:title"]


# -- Print page markers -------------------------------------------------------


def test_a_page_marker_stands_before_the_word_its_page_begins_with(seed):
    text = seed.texts[0]
    block = first_paragraph(text)
    words = ast.text_of(block.node).split()
    starts = (PageStart("7", f"{text.slug}-{block.line}", 3),)
    root = parse(render_html(seed, starts))
    paragraph = by_id(root)[f"{text.slug}-{block.line}"]
    markers = [e for e in root.iter() if e.get("role") == "doc-pagebreak"]
    assert len(markers) == 1
    marker = markers[0]
    assert marker.get("id") == "page-7" and marker.get("title") == "Page 7"
    assert marker.get("data-page") == "7"
    assert text_of(marker) == ""  # the number is the stylesheet's: copying the text never takes it
    assert marker in list(paragraph.iter())
    assert " ".join(words[:4]) in text_of(paragraph)


def test_no_marker_without_a_page_start(seed):
    root = parse(render_html(seed))
    assert [e for e in root.iter() if e.get("role") == "doc-pagebreak"] == []


ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def test_the_print_editions_pages_are_marked_in_order(built_page):
    _, root = built_page
    markers = [e for e in root.iter() if e.get("role") == "doc-pagebreak"]
    assert len(markers) >= 5, "the seed reader runs over many print pages"
    labels = [m.get("data-page") for m in markers]
    # front matter in roman folios (the introduction), then the texts from 1
    order = [(0, ROMAN.index(label)) if label in ROMAN else (1, int(label)) for label in labels]
    assert order == sorted(order) and len(set(order)) == len(order)
    assert [m.get("title") for m in markers] == [f"Page {n}" for n in labels]
    main = root.find("body/main")
    assert all(m in list(main.iter()) for m in markers)


def test_every_print_page_is_marked_to_the_last_and_the_back_matter_at_its_headings(built, built_page):
    import pypdf

    _, root = built_page
    pdf = pypdf.PdfReader(next(p for p in built.written if p.suffix == ".pdf" and "booklet" not in p.name))
    markers = [e for e in root.iter() if e.get("role") == "doc-pagebreak"]
    assert [m.get("data-page") for m in markers] == list(pdf.page_labels)
    # "About the authors" and "Sources and credits" each begin a print page: the marker stands
    # right before the heading, in the part's own section.
    ids = by_id(root)
    for part in ("about-the-authors", "sources-and-credits"):
        section = list(ids[part])
        heading = next(index for index, child in enumerate(section) if child.get("id") == f"{part}-title")
        assert heading > 0 and section[heading - 1].get("role") == "doc-pagebreak", part
        label = section[heading - 1].get("data-page")
        assert pdf.page_labels.index(label) > pdf.page_labels.index(markers[0].get("data-page"))


# -- Pull quotes --------------------------------------------------------------


def test_a_pull_quote_is_shown_but_hidden_from_assistive_technology(seed):
    text = seed.texts[0]
    block = first_paragraph(text)
    quote = Block(block.line + 1, {
        "t": "Div",
        "c": [["", ["pullquote"], [["quotes", str(block.line)]]],
              [{"t": "Para",
                "c": [{"t": "Str", "c": "Nations"}, {"t": "Space"}, {"t": "Str", "c": "again."}]}]],
    })
    body = list(text.body)
    body.insert(body.index(block) + 1, quote)
    root = parse(render_html(with_text(seed, 0, body=tuple(body))))
    asides = [aside for aside in root.findall(".//aside") if text_of(aside) == "Nations again."]
    assert len(asides) == 1  # (the seed text has pull quotes of its own)
    aside = asides[0]
    assert aside.get("role") == "doc-pullquote" and aside.get("aria-hidden") == "true"
    assert text_of(aside) == "Nations again."
    assert aside.get("data-quotes") == f"{text.slug}-{block.line}"
    assert not [e for e in aside.iter() if e.tag in ("a", "button", "input") or e.get("tabindex")]
    article = by_id(root)[text.slug]
    assert aside in list(article.iter())


# -- Style: phones, wide screens, dark, paper, focus ----------------------------


def test_the_stylesheet_serves_phones_wide_screens_dark_mode_and_paper(built_page):
    _, root = built_page
    css = style_of(root)
    top = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    media = media_rules(css)
    # One column of about 65 characters, whatever the window.
    measure = declarations(top, ":root")["--measure"]
    assert re.fullmatch(r"(2[6-9]|3[0-4])(\.\d+)?em", measure), measure
    assert "var(--measure)" in declarations(top, "body")["max-width"]
    # Phones show no page numbers; wide windows put them in the margin, as generated text.
    wide = next(rules for prelude, rules in media.items() if "min-width" in prelude)
    assert declarations(wide, ".page-break::after")["position"] == "absolute"
    assert declarations(wide, ".page-break::after")["content"] == "attr(data-page)"
    assert declarations(top, ".page-break::after")["content"] == "none"
    # Dark mode redefines the colours; paper gets black on white, without the skip link.
    dark = media["(prefers-color-scheme: dark)"]
    assert {"--text", "--bg", "--link"} <= set(declarations(dark, ":root"))
    printed = media["print"]
    assert declarations(printed, ".skip-link")["display"] == "none"
    assert declarations(printed, ":root")["--bg"] == "#fff"
    # Focus is always visible; the skip link shows itself when focused.
    assert "solid" in declarations(top, ":focus-visible")["outline"]
    assert declarations(top, ".skip-link:focus")


# -- Embedded faces -------------------------------------------------------------


def face(file: str, unicode_range: str) -> str:
    return (
        '@font-face { font-family: "F"; src: url("fonts/' + file + '") format("woff2"); '
        f"unicode-range: {unicode_range}; }}\n"
    )


def test_a_face_is_embedded_only_when_the_page_has_characters_it_covers():
    css = (face("crimson-pro-latin-400-normal.woff2", LATIN)
           + face("crimson-pro-latin-ext-400-normal.woff2", LATIN_EXT))
    latin_only = self_contained(css, set("Nations"))
    assert latin_only.count("@font-face") == 1 and "url(\"fonts/" not in latin_only
    embedded = re.search(r"data:font/woff2;base64,([A-Za-z0-9+/=]+)", latin_only).group(1)
    assert base64.b64decode(embedded) == (FONTS / "crimson-pro-latin-400-normal.woff2").read_bytes()
    both = self_contained(css, set("Łódź"))
    assert both.count("@font-face") == 2 and both.count("data:font/woff2;base64,") == 2


def test_a_text_in_polish_brings_its_glyphs_along(seed):
    ext = base64.b64encode((FONTS / "crimson-pro-latin-ext-400-normal.woff2").read_bytes()).decode()
    assert ext not in render_html(seed).decode()
    polish = with_text(seed, 0, title="Łódź and the International")
    assert ext in render_html(polish).decode()


def test_a_text_in_russian_or_greek_brings_the_face_print_sets_them_in(seed):
    def embedded(name: str) -> str:
        return base64.b64encode((FONTS / "greek-cyrillic" / name).read_bytes()).decode()

    cyrillic, greek = embedded("gentium-book-plus-cyrillic-400-normal.woff2"), embedded(
        "gentium-book-plus-greek-400-normal.woff2")
    english = render_html(seed).decode()
    assert cyrillic not in english and greek not in english
    assert not [rule for rule in re.findall(r"@font-face\s*\{[^}]*\}", english) if "Gentium" in rule]
    page = render_html(with_text(seed, 0, title="Что делать? Η ελευθερία", lang="ru")).decode()
    assert cyrillic in page and greek in page
    top = tinycss2.parse_stylesheet(style_of(parse(page)), skip_comments=True, skip_whitespace=True)
    assert declarations(top, ":root")["--serif"].startswith('"Crimson Pro", "Gentium Book Plus"')


@pytest.mark.parametrize(
    "reference",
    ["https://fonts.example/face.woff2", "//cdn.example/face.woff2", "../pyproject.toml",
     "fonts/missing.woff2", "fonts/OFL-CrimsonPro.txt"],
)
def test_a_stylesheet_cannot_name_a_file_from_elsewhere(reference):
    with pytest.raises(RenderError, match=re.escape(reference)):
        self_contained(f'body {{ background: url("{reference}"); }}', set())


def test_the_stylesheet_names_only_vendored_fonts():
    css = (Path(FONTS).parent / "web.css").read_text(encoding="utf-8")
    every = set(chr(code) for code in range(0x20, 0x2FF))
    self_contained(css, every)  # raises if any url() is missing or outside styles/


def test_copying_the_text_takes_no_page_numbers(built_page):
    """The markers are empty: the reading text has no "p. 3", no number glued to the next word."""
    _, root = built_page
    main = root.find("body/main")
    markers = [e for e in main.iter() if e.get("role") == "doc-pagebreak"]
    assert len(markers) > 30
    assert all(text_of(marker) == "" and marker.get("data-page") for marker in markers)
    reading = text_of(main)
    assert "p.\u00a0" not in reading and not re.search(r"\bp\. \d", reading)


def test_from_every_text_a_reader_gets_back_to_the_contents_and_to_its_questions(built_page):
    _, root = built_page
    ids = by_id(root)
    contents = ids["contents"]
    assert contents.tag == "nav"
    questions = [a.get("href") for a in contents.iter("a") if text_of(a) == "Questions for discussion"]
    texts = [article for article in root.iter("article") if "text" in (article.get("class") or "")]
    assert len(questions) == len(texts) >= 2
    assert all(ids[href[1:]].tag == "h3" for href in questions)
    for article in texts:
        backs = [a for a in article.iter("a") if a.get("href") == "#contents"]
        assert backs and text_of(backs[-1]) == "Back to the contents"
    top = [a for a in root.find("body") if a.tag == "a" and a.get("href") == "#contents"]
    assert top, "a link to the contents that stays at the top of the window"


def test_each_heading_links_to_itself(built_page):
    _, root = built_page
    main = root.find("body/main")
    headings = [h for h in main.iter() if h.tag in ("h2", "h3") and h.get("id")]
    assert len(headings) > 5
    for heading in headings:
        links = [a for a in heading.iter("a")]
        assert links and links[0].get("href") == f"#{heading.get('id')}", text_of(heading)


def test_printed_from_a_browser_the_page_has_page_numbers_and_no_markers(built_page):
    _, root = built_page
    printed = media_rules(style_of(root))["print"]
    pages = [rule for rule in printed if rule.type == "at-rule" and rule.lower_at_keyword == "page"]
    assert any("counter(page)" in tinycss2.serialize(rule.content) for rule in pages)
    assert declarations(printed, ".page-break::after")["content"] == "none"  # no print markers of the PDF
    assert declarations(printed, ".to-top")["display"] == "none"
    shown = declarations(printed, '.text-body a[href^="http"]::after')["content"]
    assert "attr(href)" in shown  # a link's address on paper


def test_the_text_is_hyphenated_in_its_language_and_lists_hang(built_page, seed):
    _, root = built_page
    top = tinycss2.parse_stylesheet(style_of(root), skip_comments=True, skip_whitespace=True)
    assert declarations(top, ".text-body p")["hyphens"] == "auto"
    assert declarations(top, ".questions li p")["text-indent"] == "0"
    assert all(article.get("lang") for article in root.iter("article"))


# -- In the browser -------------------------------------------------------------


@pytest.mark.needs("chromium")
def test_in_the_browser_standfirsts_are_italic_and_markers_show_only_in_a_wide_window(built_page, tmp_path):
    from playwright.sync_api import sync_playwright

    from pamphleteer.check.tools import CHROMIUM_ARGUMENTS, chromium

    page_file = tmp_path / "page.html"
    page_file.write_bytes(built_page[0])
    shown = "el => getComputedStyle(el, '::after').content"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium()), args=list(CHROMIUM_ARGUMENTS))
        try:
            for width, scheme in ((1280, "light"), (390, "dark")):
                context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
                page = context.new_page()
                page.goto(page_file.as_uri())
                # A standfirst the source set in italics stays italic (as in print and the ebook).
                lead = page.locator(".standfirst p > *").first
                assert lead.evaluate("el => getComputedStyle(el).fontStyle") == "italic"
                # The back matter's pages: a number in the margin of a wide window, none on a phone.
                heading = page.locator("#sources-and-credits-title")
                marker = page.locator("#sources-and-credits > .page-break:not(:has(+ .page-break))")
                assert marker.count() == 1 and heading.count() == 1
                number = marker.evaluate(shown)
                assert (number != "none") == (width == 1280), (width, number)
                context.close()
        finally:
            browser.close()


# -- About the authors ----------------------------------------------------------


def test_about_the_authors_names_each_author_once_under_a_heading_of_that_name(seed):
    root = parse(render_html(seed))
    about = by_id(root)["about-the-authors"]
    notes = [s for s in about.iter("section") if "author-note" in (s.get("class") or "")]
    assert [text_of(note.find("h3")) for note in notes] == [n.byline for n in seed.author_notes]
    for note, author in zip(notes, seed.author_notes, strict=True):
        assert text_of(note).count(author.byline) == 1, text_of(note)
        heading = note.find("h3")
        assert note.get("aria-labelledby") == heading.get("id")
        # read on: "David Camfield lives in …", the heading run in with its bio
        assert text_of(note).startswith(f"{author.byline} ")


NOTE = '<section class="author-note" aria-labelledby="a">\n<h3 id="a">Ann Lee</h3>\n'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (NOTE +
         '<p id="b"><strong>Ann Lee</strong> lives in Leeds.</p>',
         '<section class="author-note run-in" aria-labelledby="a">\n<h3 class="run-in" id="a">Ann Lee</h3>'
         '<p id="b" class="run-in-text"> lives in Leeds.</p>'),
        (NOTE +
         '<p id="b">Ann Lee, a nurse, lives in Leeds.</p>',
         '<section class="author-note run-in" aria-labelledby="a">\n<h3 class="run-in" id="a">Ann Lee</h3>'
         '<p id="b" class="run-in-text">, a nurse, lives in Leeds.</p>'),
        # A bio that does not open with the name, or with a longer one, keeps its heading as it is.
        (NOTE + '<p>She lives in Leeds.</p>',
         NOTE + '<p>She lives in Leeds.</p>'),
        (NOTE + '<p>Ann Leeson lives here.</p>',
         NOTE + '<p>Ann Leeson lives here.</p>'),
        # a bold run longer than the name is not cut in two
        (NOTE + '<p><strong>Ann Lee is</strong> x</p>',
         NOTE + '<p><strong>Ann Lee is</strong> x</p>'),
    ],
)
def test_a_bio_opening_with_its_author_s_name_runs_in_under_the_heading(before, after):
    from pamphleteer.render.runin import run_in_names

    assert str(run_in_names(before)) == after


# -- This edition: the faces it is set in ------------------------------------------


def _set_in(html: str) -> str:
    """The sentence naming the faces, as a reader reads it (print marks words `span.nohyphen`)."""
    found = re.search(r"<p>(Set in .*?)</p>", re.sub(r"</?span[^>]*>", "", html))
    assert found, "no 'Set in' in 'This edition'"
    return found.group(1)


GREEK = Block(9101, {"t": "Para", "c": [{"t": "Str", "c": "λόγος"}, {"t": "Space"}, {"t": "Str", "c": "is"}]})
SYMBOL = Block(9103, {"t": "Para", "c": [{"t": "Str", "c": "\u21e6"}, {"t": "Str", "c": "it"}]})
CODE = Block(9102, {"t": "CodeBlock", "c": [["", [], []], "print('hello')"]})


@pytest.mark.parametrize(
    ("added", "edition", "faces"),
    [
        ((), "web", "Set in Crimson Pro, by the Crimson Pro Project Authors, under"),
        ((GREEK,), "web", "Set in Crimson Pro, by the Crimson Pro Project Authors, with Gentium Book Plus "
                          "for Greek and Cyrillic, under"),
        # code is set in Source Code Pro in print only: the ebook and web page leave it to the reader's
        ((CODE,), "web", "Set in Crimson Pro, by the Crimson Pro Project Authors, under"),
        ((CODE,), "print", "Set in Crimson Pro, by the Crimson Pro Project Authors, with Source Code Pro "
                           "for code, under"),
        ((GREEK, CODE), "print", "Set in Crimson Pro, by the Crimson Pro Project Authors, with Gentium Book "
                                 "Plus for Greek and Cyrillic and Source Code Pro for code, under"),
        # a symbol Crimson Pro and Gentium lack: print takes it from Noto Sans Symbols 2
        ((SYMBOL,), "print", "Set in Crimson Pro, by the Crimson Pro Project Authors, with Noto Sans "
                             "Symbols 2 for symbols, under"),
        ((SYMBOL,), "web", "Set in Crimson Pro, by the Crimson Pro Project Authors, under"),
    ],
)
def test_this_edition_names_the_faces_its_text_needs(seed, added, edition, faces):
    from pamphleteer.render.pdf import print_html

    text = seed.texts[0]
    publication = with_text(seed, 0, body=(*text.body, *added))
    if edition == "web":
        html = render_html(publication).decode("utf-8")
    else:
        html = print_html(publication, frozenset({"back"}))
    assert _set_in(html).startswith(faces)
    assert _set_in(html).endswith("under the SIL Open Font License 1.1.")
