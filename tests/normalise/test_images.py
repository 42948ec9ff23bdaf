"""Image leftovers leave the body: before/after tables of body and credits.

Images on the network are left out by the sanitiser (the build fetches nothing),
so each input's image reaches the rules as a left-out image, as a real text's would.
"""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.converter import never_refuse
from pamphleteer.normalise.images import is_caption_with_credit, is_credit, is_file_name, lift_image_leftovers
from tests.normalise.helpers import PATH, blocks

IMG = "https://cdn.example.org/images/IMG_1234.jpg"
PROSE = ("The strike spread to seven cities within a week, and the union said it would not stop "
         "until the contract was signed by every employer in the region, however long it took them.")


def lift(markdown, every_credit=False):
    result = lift_image_leftovers(blocks(markdown), PATH, never_refuse, every_credit=every_credit)
    return ([text_of(b.node) for b in result.blocks], [text_of(b.node) for b in result.credits],
            sorted({d.code for d in result.diagnostics}))


LEFTOVERS = [
    # markdownify: the image, then its figcaption as a paragraph
    (f"{PROSE}\n\n![Marchers on May Day]({IMG})\n\n"
     "Marchers in Chicago. (Jacquelyn Martin / Associated Press)\n\nMore.",
     [PROSE, "More."], ["Marchers in Chicago. (Jacquelyn Martin / Associated Press)"], ["N803", "N805"]),
    # html2text: the caption run on after the image, in one paragraph
    (f"{PROSE}\n\n![Marchers on May\nDay]({IMG})Marchers in Chicago. (J. Martin / AP)\n\nMore.",
     [PROSE, "More."], ["Marchers in Chicago. (J. Martin / AP)"], ["N803", "N804"]),
    # pandoc's gfm: a figure in HTML
    (f'{PROSE}\n\n<figure><img src="{IMG}" alt="Marchers" /><figcaption>Marchers in Chicago.'
     "</figcaption></figure>\n\nMore.",
     [PROSE, "More."], ["Marchers in Chicago."], ["N803", "N804"]),
    # an image in a sentence: its description leaves, the sentence stays
    (f"Before ![a chart]({IMG}) after, {PROSE}", [f"Before after, {PROSE}"], [], ["N803"]),
    # a drop cap: the letter joins its word
    (f"![I]({IMG})t was a cold spring. {PROSE}", [f"It was a cold spring. {PROSE}"], [], ["N802"]),
    # file names are never text
    (f"hero-image.png\n\n{PROSE}", [PROSE], [], ["N801"]),
    (f"# IMG_1234.JPG\n\n{PROSE}", [PROSE], [], ["N801"]),
    # html2text: an image link's file name as a heading, then its caption
    (f"{PROSE}\n\n## [WEB19-Student-Taking-Test-smolaw11-iStock-BlogImage-1160x768.jpg](https://x.org/file/45890)"
     "\n\nA student erasing answers from a test (smolaw11/iStock)",
     [PROSE], ["A student erasing answers from a test (smolaw11/iStock)"], ["N801", "N805"]),
    # credits in the head, where they could be read as a byline
    (f"Photo by Jane Doe\n\n{PROSE}", [PROSE], ["Photo by Jane Doe"], ["N805"]),
    (f"{PROSE}\n\nSource: Supplied\n\n![Marchers]({IMG})", [PROSE], ["Source: Supplied"], ["N803", "N805"]),
    # a local image stays, with its caption
    (f"{PROSE}\n\n![Marchers](images/march.jpg)\n\nMarchers in Chicago.", None, [], []),
    (f"{PROSE}\n\nSource: the Bureau of Labor Statistics, 2019.", None, [], []),  # not a photo credit
    # pandoc's gfm: a list of related stories, each a figure in a div, the image in a bare span
    (f'{PROSE}\n\n- <div><figure><span><img src="{IMG}" alt="b-smith-twitter-660.jpg" /></span>'
     "</figure>\n  <p>B. Smith dies at 70</p></div>\n- <p>Apollo 11 in 3D</p>",
     [PROSE, "B. Smith dies at 70 Apollo 11 in 3D"], [], ["N803"]),
    # a quotation: the file name standing in it goes, the quotation stays
    (f"{PROSE}\n\n> hero-image.png\n>\n> We will not stop, said the union.",
     [PROSE, "We will not stop, said the union."], [], ["N801"]),
    # a credit inside a div next to its image goes to the credits
    (f"{PROSE}\n\n::: {{.story}}\n![Marchers]({IMG})\n\n(Jacquelyn Martin / Associated Press)\n:::",
     [PROSE], ["(Jacquelyn Martin / Associated Press)"], ["N803", "N805"]),
]


@pytest.mark.parametrize(("before", "body", "credits", "codes"), LEFTOVERS)
def test_image_leftovers_leave_the_body(before, body, credits, codes):
    result_body, result_credits, result_codes = lift(before)
    assert result_body == (body if body is not None else [text_of(b.node) for b in blocks(before)])
    assert result_credits == credits
    assert result_codes == codes


def test_an_image_in_a_link_goes_once_the_page_furniture_has_read_it_as_a_link():
    text = f"{PROSE}\n\n[![Marchers on May Day]({IMG})](https://x.org/big)\n\nMore."
    assert lift(text)[0] == [PROSE, "Marchers on May Day", "More."]  # a logo, a thumbnail: for the classifier
    assert lift(text, every_credit=True) == ([PROSE, "More."], [], ["N803"])


def test_credits_in_the_body_go_only_once_the_furniture_has_read_the_tail():
    text = f"{PROSE}\n\nPhoto: Getty Images\n\n{PROSE}"
    assert lift(text)[1] == []
    assert lift(text, every_credit=True)[:2] == ([PROSE, PROSE], ["Photo: Getty Images"])


@pytest.mark.parametrize(("text", "credit"), [
    ("Photo: Getty Images", True), ("(Jacquelyn Martin / Associated Press)", True),
    ("Source: Supplied", True),
    ("Getty Images", True), ("Image credit: NARA", True), ("Illustration by Jo Smith", True),
    ("AP Photo/Evan Vucci", True), ("© Reuters", True), ("Photo (cc) : svenwerk", True),
    ("Crédit photo : AFP", True),
    # a second word for what is credited ("Photo Source", "Credit Illustration by"), German's "Bild",
    # agencies of German and free-picture sites
    ("Photo Source: Markus Spiske from Pexels.", True), ("Credit Illustration by Nishant Choksi", True),
    ("Bild: dpa", True), ("picture alliance / Xinhua News Agency | Ju Peng", True),
    ("Pictures of the strike were everywhere.", False), ("Bildung ist ein Menschenrecht.", False),
    ("Photography was his passion from an early age.", False), ("Source: the census.", False),
    ("He and/or she", False),
])
def test_what_counts_as_a_photo_credit(text, credit):
    assert is_credit(text) == credit


def test_captions_that_end_with_a_credit():
    assert is_caption_with_credit("Marchers in Chicago on May Day. Photo: Getty")
    assert not is_caption_with_credit("Marchers in Chicago on May Day.")


@pytest.mark.parametrize(("text", "name"), [
    ("IMG_1234.jpg", True), ("hero-image.png", True), ("DSC00012.JPEG", True), ("photo.webp", True),
    ("U.S.", False), ("example.org", False), ("3.5", False),
])
def test_image_file_names(text, name):
    assert is_file_name(text) == name
