"""The print edition's typography measured from the PDF, in several page sizes: the initial,
the note calls, the measure and the margins."""

from __future__ import annotations

import functools
import re
import statistics

import pymupdf
import pytest
import weasyprint

from pamphleteer.render.printtype import (
    breakable_address,
    calls_after_punctuation,
    names_once,
    print_body,
    with_initial,
)
from pamphleteer.render.pullquotes import PULL_QUOTE_CHARACTERS, place_pull_quotes
from tests.conftest import SOURCES, seed_assembled

CAP_HEIGHT = 587 / 1024  # Crimson Pro's cap height, in em
MM = 72 / 25.4


@functools.cache
def laid_out(page_size: str) -> pymupdf.Document:
    """The seed reader's first text laid out alone in `page_size`, as the build lays out a part."""
    from pamphleteer.render.layout import Typesetter
    from pamphleteer.render.pdf import print_html

    publication, _ = seed_assembled(dated=False)
    html = print_html(publication, frozenset({"main"}), texts=publication.texts[:1])
    setter = Typesetter(page_size, SOURCES)
    document = weasyprint.HTML(string=html, base_url=f"{SOURCES}/", url_fetcher=setter.fetcher).render(
        font_config=setter.fonts, stylesheets=setter.stylesheets)
    return pymupdf.open(stream=document.write_pdf(), filetype="pdf")


def characters(page: pymupdf.Page) -> list[tuple[dict, float]]:
    return [
        (char, span["size"])
        for block in page.get_text("rawdict")["blocks"]
        for line in block.get("lines", [])
        for span in line["spans"]
        for char in span["chars"]
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p id="a">Today we live in a world</p>', '<p id="a"><span class="initial">T</span>oday we live'),
        ('<p id="a">I think the starting point</p>',
         '<p id="a"><span class="initial initial-word">I</span> think'),
        ('<p id="a">“Workers of the world</p>', '<p id="a"><span class="initial">“W</span>orkers'),
        ('<h3>A heading</h3><p>Text</p>', '<h3>A heading</h3>'),  # no initial: the body opens with a heading
        ('<p><em>Emphasis</em> first</p>', '<p><em>Emphasis</em>'),  # no initial: it would split the emphasis
    ],
)
def test_the_initial_is_the_first_letter_of_a_body_opening_with_plain_text(html, expected):
    filler = (" and a paragraph that runs on for long enough to fill the two lines beside the initial,"
              " and then some more words after those, many more words.</p>")
    long_enough = html.replace("</p>", filler, 1)
    assert str(with_initial(long_enough)).startswith(expected)


def test_a_first_paragraph_too_short_for_two_lines_has_no_initial():
    assert 'class="initial' not in with_initial('<p id="a">I think so.</p><p>And then the rest.</p>')


@pytest.mark.parametrize("page_size", ["A5", "A6", "letter"])
def test_the_initial_runs_from_line_one_s_cap_height_to_line_two_s_baseline(page_size):
    document = laid_out(page_size)
    page, initial, size = next(
        (page, char, size) for page in document for char, size in characters(page)
        if size > 25 and char["c"].isalpha()
    )
    chars = characters(page)
    beside = [(char, s) for char, s in chars
              if s < size and char["bbox"][0] >= initial["bbox"][2] - 1
              and initial["origin"][1] - size < char["origin"][1] < initial["origin"][1] + 2]
    body = max((s for _c, s in beside), key=[s for _c, s in beside].count)
    baselines = sorted({round(char["origin"][1], 1) for char, s in beside if s == body})
    assert len(baselines) == 2, "exactly two lines beside the initial"

    def line_start(baseline: float) -> float:
        return min(char["bbox"][0] for char, s in chars
                   if round(char["origin"][1], 1) == baseline and s == body)

    initial_top = initial["origin"][1] - CAP_HEIGHT * size
    assert initial_top == pytest.approx(baselines[0] - CAP_HEIGHT * body, abs=0.3)
    assert initial["origin"][1] == pytest.approx(baselines[1], abs=0.3)
    assert line_start(baselines[0]) == pytest.approx(line_start(baselines[1]), abs=0.1)
    # "I think": at least a word space between the initial and line 1 (Crimson Pro's space: 0.19 em).
    assert line_start(baselines[0]) - initial["bbox"][2] >= 0.19 * body
    assert line_start(baselines[0]) > initial["bbox"][2], "the first line clears the initial"


def calls(page: pymupdf.Page) -> list[tuple[str, float, str]]:
    """The note calls of a page's text: (the character before, the call's size, the character after)."""
    found = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = [(char["c"], span["size"]) for span in line["spans"] for char in span["chars"]]
            body = max((s for _c, s in chars), default=0)
            for index, (char, size) in enumerate(chars):
                if char.isdigit() and size < 0.8 * body and (index == 0 or chars[index - 1][1] >= 0.8 * body):
                    after = next((c for c, s in chars[index:] if s >= 0.8 * body), " ")
                    found.append((chars[index - 1][0] if index else " ", size, after))
    return found


@pytest.mark.parametrize(
    ("page_size", "smallest", "largest"), [("A5", 6.5, 7.0), ("A6", 5.6, 6.2), ("letter", 7.4, 8.2)]
)
def test_note_calls_are_superior_figures_set_after_punctuation(page_size, smallest, largest):
    found = [call for page in laid_out(page_size) for call in calls(page)]
    assert len(found) >= 5  # the first text's calls, less those of the shortened standfirst
    for before, size, after in found:
        assert smallest <= size <= largest, (page_size, size)
        assert after not in ",.;:!?)", f"a call before its punctuation: …{before}¹{after}"
    assert any(before in ",." for before, _size, _after in found), "the seed has calls after , and ."


NOTE = '<span class="link-note"><a href="https://x.org/">https://x.org/</a></span>'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (f"<a>Palestine</a>{NOTE}, Iran", f"<a>Palestine</a>,{NOTE} Iran"),
        (f"<strong><a>below</a>{NOTE}</strong>, and", f"<strong><a>below</a></strong>,{NOTE} and"),
        (f"“<a>quoted</a>{NOTE}”.", f"“<a>quoted</a>”.{NOTE}"),
        (f"<a>Canada</a>{NOTE} than", f"<a>Canada</a>{NOTE} than"),  # no punctuation: unchanged
    ],
)
def test_a_link_s_note_follows_the_punctuation_after_the_link(before, after):
    printed = NOTE.replace(">https://x.org/<", f">{breakable_address('https://x.org/')}<")
    assert calls_after_punctuation(before) == after.replace(NOTE, printed)


def test_a_note_inside_quotation_marks_follows_the_closing_mark():
    """A link inside a quotation ("see “About us.”") is written inside out: the quotation's words
    first (the call moves after the full stop, its address broken into pieces), then the quotation
    marks around them; the call must move again, after the closing mark."""
    inner = calls_after_punctuation(f"<a>About us</a>{NOTE}.")
    printed = NOTE.replace(">https://x.org/<", f">{breakable_address('https://x.org/')}<")
    assert calls_after_punctuation(f"see “{inner}”") == f"see “<a>About us</a>.”{printed}"


def full_lines(document: pymupdf.Document) -> list[tuple[int, str, float, float]]:
    """The justified lines of running text: (page, text, left margin, right margin), the margins
    in mm, from the line's printed characters (a space at its end prints nothing: WeasyPrint 70
    leaves one after "Latvia," at the end of an A6 line, past the measure). A line of running
    text is set in the body's size and fills at least 90% of the widest."""
    lines = []
    for number, page in enumerate(document):
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                chars = [(char["c"], span["size"], char["bbox"])
                         for span in line["spans"] for char in span["chars"]]
                printed = [box for c, _s, box in chars if not c.isspace()]
                if printed:
                    text = "".join(c for c, _s, _b in chars).strip()
                    extent = (min(box[0] for box in printed), 0, max(box[2] for box in printed), 0)
                    lines.append((number, text, max(s for _c, s, _b in chars), extent, page.rect.width))
    sizes = [size for _n, _t, size, _b, _w in lines]
    body = max(sizes, key=sizes.count)
    widest = max(b[2] - b[0] for _n, _t, s, b, _w in lines if s == body)
    return [(n, t, b[0] / MM, (w - b[2]) / MM) for n, t, s, b, w in lines
            if s == body and b[2] - b[0] >= 0.9 * widest]


@pytest.mark.parametrize(("page_size", "shortest", "longest"),
                         [("A5", 60, 70), ("A6", 45, 75), ("half-letter", 45, 75), ("letter", 45, 75)])
def test_the_measure_holds_60_to_70_characters_at_a5_and_45_to_75_in_every_size(page_size, shortest, longest):
    lengths = sorted(len(text) for _n, text, _l, _r in full_lines(laid_out(page_size)))
    assert len(lengths) > 100
    assert shortest <= lengths[len(lengths) // 2] <= longest, (page_size, lengths[len(lengths) // 2])
    assert lengths[len(lengths) // 20] >= 45 and lengths[-len(lengths) // 20] <= 77, page_size


@pytest.mark.parametrize("page_size", ["A5", "A6", "half-letter", "letter"])
def test_the_outer_margin_is_wider_than_the_inner_one_for_a_saddle_stitched_pamphlet(page_size):
    lines = full_lines(laid_out(page_size))
    # The text's first page is a right-hand page: its inner margin is on the left.
    recto = [(left, right) for page, _t, left, right in lines if page % 2 == 0]
    verso = [(left, right) for page, _t, left, right in lines if page % 2 == 1]
    inner_recto, outer_recto = min(left for left, _r in recto), min(right for _l, right in recto)
    outer_verso, inner_verso = min(left for left, _r in verso), min(right for _l, right in verso)
    assert outer_recto > inner_recto + 3 and outer_verso > inner_verso + 3, page_size
    assert outer_recto == pytest.approx(outer_verso, abs=0.5)
    assert inner_recto == pytest.approx(inner_verso, abs=0.5)


# -- every character printable -------------------------------------------------------------

SCRIPTS = "Η ελευθερία, αβγδ ΩΣ. Пролетарии всех стран, соединяйтесь! №5. Łódź, Kraków, Dvořák, ő ű"
SYMBOLS = "₹500, 3‰, † ‡, ← → ↑ ↓ ↔ ⇒, ≤ ≥ ≈ ≠ ∞, ◦ ▪ ■ □ ● ○ ✓ ✗ ★"
CODE = ("def a_function_with_a_very_long_line(argument_one, argument_two, argument_three, argument_four):"
        " # αβγ жЖ")


def test_the_coverage_the_build_reads_is_that_of_the_vendored_faces():
    from pamphleteer.render.glyphs import printable, read_faces

    assert printable() == read_faces(), "run scripts/vendor_fonts.py"


def test_latin_greek_cyrillic_and_the_usual_symbols_print_from_the_vendored_faces():
    from pamphleteer.check.faces import is_vendored, vendored_families
    from pamphleteer.render.glyphs import printable
    from pamphleteer.render.layout import Typesetter

    assert not [c for c in SCRIPTS + SYMBOLS + CODE if not c.isspace() and ord(c) not in printable()]
    html = (f'<!DOCTYPE html><html lang="en"><body><div class="text-body"><p>{SCRIPTS}</p><p>{SYMBOLS}</p>'
            f"<pre><code>{CODE}</code></pre></div></body></html>")
    setter = Typesetter("A5", SOURCES)
    pdf = weasyprint.HTML(string=html, url_fetcher=setter.fetcher).render(
        font_config=setter.fonts, stylesheets=setter.stylesheets).write_pdf()
    document = pymupdf.open(stream=pdf, filetype="pdf")
    fonts = {font[3] for font in document[0].get_fonts()}
    assert all(is_vendored(name, vendored_families()) for name in fonts), fonts
    assert any("SourceCodePro" in name.replace("-", "") for name in fonts), "code is set in a monospace face"
    # Each character is drawn from the face that has it (two subsets of one face once shared one
    # embedded font, and Polish printed as garbage): the text read back is the text set.
    printed = " ".join(document[0].get_text().split())
    for part in (SCRIPTS, SYMBOLS):
        assert " ".join(part.split()) in printed
    # The long code line wraps inside the page, never cut.
    assert "argument_four): # αβγ жЖ" in printed
    words = [word for word in document[0].get_text("words")]
    assert max(word[2] for word in words) <= document[0].rect.width - 15 * MM


def test_the_build_warns_with_file_and_line_about_a_character_no_vendored_face_has(sources_copy):
    from pamphleteer import codes
    from pamphleteer.pipeline import assemble
    from pamphleteer.render.glyphs import unprintable
    from pamphleteer.sources import read_sources

    text = sources_copy / "texts" / "camfield-internationalism-today.md"
    lines = text.read_text(encoding="utf-8").splitlines()
    lines[-1] += " The sign 中 and ‰ and ₹."
    lines[-3] += " 中 again."
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    publication, _ = assemble(read_sources(sources_copy))
    found = [d for d in unprintable(publication) if d.code == codes.UNPRINTABLE_CHARACTER]
    assert len(found) == 1  # ‰ and ₹ print; 中 once, on its first line
    assert found[0].file == text and found[0].line == len(lines) - 2
    assert "U+4E2D" in found[0].message and "1 more line" in found[0].message


@pytest.mark.parametrize("page_size", ["A5", "A6", "letter"])
def test_the_opening_page_carries_a_third_of_a_page_of_the_text_itself(page_size):
    document = laid_out(page_size)
    lines_per_page = [{round(line[3][3]) for line in full_or_last_lines(page)} for page in document]
    opening, full = len(lines_per_page[0]), max(len(lines) for lines in lines_per_page)
    assert opening >= full / 3, (page_size, opening, full)
    # The long standfirst is shortened to its first paragraph in print.
    assert "everywhere, not to any nation" not in document[0].get_text()
    assert "In this contribution to Tempest" in document[0].get_text()


def full_or_last_lines(page: pymupdf.Page) -> list[tuple]:
    """Every line of running text on a page (in the body's size, justified or not)."""
    sizes = [span["size"] for block in page.parent[1].get_text("dict")["blocks"]
             for line in block.get("lines", []) for span in line["spans"] for _c in span["text"]]
    body = max(sizes, key=sizes.count)
    return [
        (line, "", 0, line["bbox"])
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", [])
        if any(abs(span["size"] - body) < 0.05 and span["text"].strip() for span in line["spans"])
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('<h3 id="a-bio">Ann Lee</h3>\n<p id="b"><strong>Ann Lee</strong> lives in Leeds.</p>',
         '<p id="b"><strong class="author-name" id="a-bio">Ann Lee</strong> lives in Leeds.</p>'),
        ('<h3 id="a-bio">Ann Lee</h3>\n<p id="b">Ann Lee lives in Leeds.</p>',
         '<p id="b"><strong class="author-name" id="a-bio">Ann Lee</strong> lives in Leeds.</p>'),
        # A bio that does not open with the name keeps its heading.
        ('<h3 id="a-bio">Ann Lee</h3>\n<p id="b">She lives in Leeds.</p>',
         '<h3 id="a-bio">Ann Lee</h3>\n<p id="b">She lives in Leeds.</p>'),
    ],
)
def test_about_the_authors_names_each_author_once(before, after):
    assert str(names_once(before)) == after


def test_the_seed_s_about_the_authors_prints_each_name_once():
    from pamphleteer.render.pdf import print_html

    publication, _ = seed_assembled(dated=False)
    html = print_html(publication, frozenset({"back"}))
    about = html[html.index('id="about-the-authors"'):html.index('id="sources-and-credits"')]
    about = re.sub(r'<span class="nohyphen">([^<]*)</span>', r"\1", about)  # names are never hyphenated
    for name in ("David Camfield", "Dave Kellaway"):
        assert about.count(f">{name}<") + about.count(f">{name} ") == 1, name


def hyphenated_words(document: pymupdf.Document) -> list[tuple[str, str]]:
    """Each word broken at a line's end by hyphenation: (its part before the break, after)."""
    found = []
    for page in document:
        lines = ["".join(span["text"] for span in line["spans"]).strip()
                 for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])]
        for line, following in zip(lines, lines[1:], strict=False):
            if line.endswith("-") and following[:1].islower():
                found.append((line.split()[-1].rstrip("-"), following.split()[0]))
    return found


@pytest.mark.parametrize("page_size", ["A5", "A6"])
def test_hyphenation_leaves_three_letters_each_side_and_never_breaks_a_capitalised_word(page_size):
    source = " ".join(path.read_text(encoding="utf-8") for path in (SOURCES / "texts").glob("*.md"))
    broken = [(before, after) for before, after in hyphenated_words(laid_out(page_size))
              if f"{before}-{after}" not in source]  # not a break at the text's own hyphen (U.S.-centric)
    assert len(broken) > 10  # the text is justified, and hyphenated
    for before, after in broken:
        word = before.split("-")[-1].lstrip("“‘(")
        assert not word[:1].isupper(), f"{before}-{after}"
        assert len(word) >= 3 and len(after.rstrip(".,;:!?’”)")) >= 3, f"{before}-{after}"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<p>on 3rd February</p>", '<p>on 3rd <span class="nohyphen">February</span></p>'),
        ("<p>x<sup>2</sup> and Stalinism</p>",
         '<p>x<sup>2</sup> and <span class="nohyphen">Stalinism</span></p>'),
        # A footnote's address is left as it is.
        (f"<p>see {NOTE.replace('x.org/', 'x.org/Nations')}</p>",
         f"<p>see {NOTE.replace('x.org/', 'x.org/Nations')}</p>"),
        # A paragraph's last word is never hyphenated (but at its own hyphen), even before a note.
        ("<p>and campaigns.</p><p>for workers’ self-emancipation</p>",
         '<p>and <span class="last-word">campaigns</span>.</p>'
         '<p>for workers’ <span class="last-word">self-emancipation</span></p>'),
        (f"<p>in <em>solidarity</em>.{NOTE}</p>",
         f'<p>in <em><span class="last-word">solidarity</span></em>.{NOTE}</p>'),
        ("<li>a short end</li>", "<li>a short end</li>"),  # too short to be hyphenated anyway
        # A capitalised compound is not broken at its hyphen either ("Working-" alone on a line).
        ("<p>Working-class people</p>",
         '<p><span class="nohyphen compound">Working-class</span> <span class="last-word">people</span></p>'),
    ],
)
def test_print_keeps_capitalised_words_and_each_paragraph_s_last_word_whole(before, after):
    assert str(print_body(before)) == after


@pytest.mark.parametrize(("lang", "after"), [
    # English: a capital marks a name, never hyphenated
    ("en-GB", '<p>Die <span class="nohyphen">Entscheidungskriterien</span> der '
              '<span class="nohyphen">Wissenschaft</span></p>'),
    # German capitalises every noun: they are hyphenated like any word, but the last is held whole
    ("de", '<p>Die Entscheidungskriterien der <span class="last-word">Wissenschaft</span></p>'),
    ("de-AT", '<p>Die Entscheidungskriterien der <span class="last-word">Wissenschaft</span></p>'),
])
def test_capitalised_words_are_held_whole_only_where_a_capital_marks_a_name(lang, after):
    assert str(print_body("<p>Die Entscheidungskriterien der Wissenschaft</p>", lang)) == after


# -- pull quotes -----------------------------------------------------------------------------


def body_with_pull_quotes(paragraphs: int, quoted: list[int], length: int = 900) -> str:
    """A body of `paragraphs` paragraphs of `length` characters, each numbered one followed by a
    pull quote repeating it."""
    blocks = []
    for number in range(paragraphs):
        blocks.append(f'<p id="t-{number}">Paragraph {number}.{"x" * (length - 13)}</p>')
        if number in quoted:
            quote = f"<p>Quote {number}.</p>"
            blocks.append(f'<aside class="pullquote" data-quotes="t-{number}">\n{quote}\n</aside>')
    return "\n".join(blocks)


def order_of(html: str) -> list[str]:
    found = re.findall(r'<p id="t-(\d+)"|data-quotes="t-(\d+)"', html)
    return [f"q{quote}" if quote else paragraph for paragraph, quote in found]


@pytest.mark.parametrize(
    ("paragraphs", "quoted", "choice", "expected"),
    [
        (10, [1], "inline", ["0", "1", "q1", "2", "3", "4", "5", "6", "7", "8", "9"]),
        (10, [1], "drop", ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]),
        # Spread: six paragraphs on from the passage, between two paragraphs.
        (10, [1], "spread", ["0", "1", "2", "3", "4", "5", "6", "7", "q1", "8", "9"]),
        # Two stacked quotes near the end: one goes before its passage, the other is left out.
        (12, [9, 10], "spread", ["0", "1", "2", "q9", "3", "4", "5", "6", "7", "8", "9", "10", "11"]),
        (5, [1], "spread", ["0", "1", "2", "3", "4"]),  # no place far enough: left out
    ],
)
def test_pull_quotes_are_placed_as_the_publication_chooses(paragraphs, quoted, choice, expected):
    assert order_of(str(place_pull_quotes(body_with_pull_quotes(paragraphs, quoted), choice))) == expected


def test_a_pull_quote_is_set_two_full_pages_of_text_after_its_passage_whatever_its_paragraphs():
    """Six short paragraphs fill less than a page: the quote would face its passage. It goes where
    PULL_QUOTE_CHARACTERS of text (two pages of the fullest page size) stand between them."""
    order = order_of(str(place_pull_quotes(body_with_pull_quotes(30, [1], length=400), "spread")))
    between = order.index("q1") - order.index("1") - 1
    assert between * 400 >= PULL_QUOTE_CHARACTERS > (between - 1) * 400, order


def test_the_pull_quotes_setting_defaults_to_spread_and_a_bad_one_is_named(tmp_path):
    from pamphleteer.config import load_settings
    from pamphleteer.errors import ConfigurationError

    path = tmp_path / "publication.toml"
    path.write_text('title = "T"\n', encoding="utf-8")
    assert load_settings(path).pull_quotes == "spread"
    path.write_text('title = "T"\npull_quotes = "beside"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError) as error:
        load_settings(path)
    assert "'pull_quotes' is 'beside'" in str(error.value) and "publication.toml" in str(error.value)


@pytest.mark.parametrize("page_size", ["A5", "A6", "letter"])
def test_the_lines_after_a_pull_quote_stand_on_the_text_s_grid(page_size):
    """A pull quote takes whole lines of the text: the lines below it are where the facing page's are."""
    document = laid_out(page_size)
    quoted = 0
    for page in document:
        lines = [(span["origin"][1], span["size"], span["font"])
                 for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                 for span in line["spans"][:1]]
        sizes = [size for _y, size, _f in lines]
        body = max(sizes, key=sizes.count, default=0)
        if not any(size > body and "Italic" in font for _y, size, font in lines):
            continue
        quoted += 1
        baselines = [y for y, size, _f in lines if size == body]
        pitch = statistics.mode(round(b - a, 2) for a, b in zip(baselines, baselines[1:], strict=False))
        for baseline in baselines:
            steps = (baseline - baselines[0]) / pitch
            assert steps == pytest.approx(round(steps), abs=0.02), (page_size, page.number, baseline)
    assert quoted, "the seed's first text has a pull quote"


def test_a_footnote_s_address_breaks_only_after_a_slash_or_before_a_dot():
    document = laid_out("A6")
    breaks = []
    for page in document:
        lines = ["".join(span["text"] for span in line["spans"]).strip()
                 for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])]
        for line, following in zip(lines, lines[1:], strict=False):
            if re.match(r"\d+\. https?://", line) and re.match(r"[\w.-]+[/.]", following):
                breaks.append((line, following))
    assert breaks, "A6 notes are narrow enough that some addresses wrap"
    for line, following in breaks:
        assert line.endswith("/") or following.startswith("."), (line, following)


def test_an_address_is_kept_whole_between_its_slashes_and_dots():
    assert breakable_address("https://x.org/a-b-c/d") == (
        '<span class="url-piece">https://</span><wbr><span class="url-piece">x</span><wbr>'
        '<span class="url-piece">.org/</span><wbr><span class="url-piece">a-b-c/</span><wbr>'
        '<span class="url-piece">d</span>'
    )


# -- figures ---------------------------------------------------------------------------------


def ink_heights(html: str, digit: str) -> list[float]:
    """The inked height, in em, of each `digit` printed from `html` set alone with the print
    stylesheets in A5 (measured on a 600 dpi rendering of the glyph's box)."""
    from pamphleteer.render.layout import Typesetter

    setter = Typesetter("A5", SOURCES)
    document = weasyprint.HTML(string=html, base_url=f"{SOURCES}/", url_fetcher=setter.fetcher).render(
        font_config=setter.fonts, stylesheets=setter.stylesheets)
    page = pymupdf.open(stream=document.write_pdf(), filetype="pdf")[0]
    heights = []
    for char, size in characters(page):
        if char["c"] != digit:
            continue
        pixmap = page.get_pixmap(dpi=600, clip=pymupdf.Rect(char["bbox"]), colorspace=pymupdf.csGRAY)
        rows = [row for row in range(pixmap.height)
                if any(pixmap.pixel(column, row)[0] < 128 for column in range(pixmap.width))]
        heights.append((rows[-1] - rows[0] + 1) / 600 * 72 / size if rows else 0.0)
    return heights


def test_running_text_has_old_style_figures_and_tables_lining_ones():
    """Old-style figures (a 1 or a 0 the height of an x) in running text, lining ones (the height
    of a capital) in tables and headings."""
    text = ink_heights("<p>In 1914 and in 1917.</p>", "0") + ink_heights("<p>In 1910.</p>", "1")
    lining = (ink_heights("<table><tr><td>1910</td></tr></table>", "0")
              + ink_heights("<h2>1910</h2>", "0"))
    x_height, cap_height = 0.43, CAP_HEIGHT
    assert text and all(height < x_height + 0.05 for height in text), text
    assert lining and all(height > cap_height - 0.03 for height in lining), lining


# -- the imprint -----------------------------------------------------------------------------


def test_an_imprint_too_full_for_its_page_sends_the_texts_credits_to_the_back(sources_copy):
    """With a dozen texts, their credits would spill the imprint onto a third page (and the contents
    onto the fifth): the imprint then says where they are, and keeps to the back of the title page."""
    from pamphleteer.pipeline import assemble
    from pamphleteer.render.layout import Typesetter
    from pamphleteer.render.pdf import part_sources
    from pamphleteer.sources import read_sources

    for number in range(12):
        (sources_copy / "texts" / f"text-{number}.md").write_text(
            f"---\ntitle: A longer title for the text numbered {number}\nauthor: Author {number}\n"
            f"date: 2024-01-{number + 1:02d}\npublication: The Magazine of Record\n"
            f"source: https://example.org/2024/01/a-longer-address-for-the-text-numbered-{number}/\n"
            "---\n\nA paragraph of the text, long enough to be one.\n", encoding="utf-8")
    publication, _ = assemble(read_sources(sources_copy))
    sources = part_sources(publication)
    setter = Typesetter("A6", sources_copy)
    full = setter.lay_out(sources.title.html, sources.title.css, sources.title.ids)
    short = setter.lay_out(sources.short_title.html, sources.short_title.css, sources.short_title.ids)
    assert full.page_count > 2
    assert short.page_count == 2
    imprint = pymupdf.open(stream=short.pdf, filetype="pdf")[1].get_text()
    assert "“Sources and credits”" in imprint and "14 texts" in imprint
    assert "example.org" not in imprint


def test_the_imprint_breaks_a_text_s_address_only_after_a_slash_or_before_a_dot():
    """In A6 the seed's second address does not fit a line: it breaks after a "/", not at
    "need-/today/" (its own hyphen)."""
    from pamphleteer.render.layout import Typesetter
    from pamphleteer.render.pdf import part_sources

    publication, _ = seed_assembled(dated=False)
    title = part_sources(publication).title
    laid = Typesetter("A6", SOURCES).lay_out(title.html, title.css, title.ids)
    lines = pymupdf.open(stream=laid.pdf, filetype="pdf")[1].get_text().splitlines()
    address = "https://anticapitalistresistance.org/what-internationalism-do-we-need-today/"
    at = next(index for index, line in enumerate(lines) if line.startswith("https://anticap"))
    first = lines[at]
    assert first != address and address.startswith(first) and first.endswith("/"), lines[at:at + 2]
    assert first + lines[at + 1] == address
