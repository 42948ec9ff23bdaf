"""No words of an article lost on the way in: captions and standfirsts the extractor leaves out come along."""

from __future__ import annotations

import lxml.html

from pamphleteer.add import add
from pamphleteer.importers.inputs import Input
from pamphleteer.importers.webpage import CAPTION_MARK, extract_article
from tests.corpus.run import edition

PROSE = ("<p>Paragraph {n} of the article tells how the strike went on, who stood at the gate and what "
         "the managers said to them when the week was out and the depot was still closed.</p>")
ARTICLE = "".join(PROSE.format(n=n) for n in range(6))
# A lazy-loading page's figure: the picture in <noscript>, the caption and credit in <div>s, the whole
# in a "callout" wrapper that trafilatura leaves out
CALLOUT = ('<div class="callout inset-embedded-lede"><figure><div><span><picture><noscript>'
           '<img src="https://img.example/gate.jpg" alt="Gate"></noscript></picture></span></div>'
           '<div class="caption"><span>The gate at dawn, where the strikers stood.</span>'
           '<span>Ana Example / AP</span></div></figure></div>')


def page(article: str, head: str = "", header: str = "", aside: str = "") -> bytes:
    return (f"<html><head><title>The strike</title>{head}</head><body><header><h1>The strike</h1>{header}"
            f"</header><main><article>{article}</article><aside>{aside}</aside></main>"
            "<footer>Footer</footer></body></html>").encode()


def captions(html: str) -> list[str]:
    return [(image.get("title") or "").removeprefix(CAPTION_MARK)
            for image in lxml.html.fromstring(html).iter("img")]


def test_a_figure_the_extractor_drops_comes_back_with_its_caption_and_credit_before_its_paragraph():
    article = extract_article(page(CALLOUT + ARTICLE), url="", origin="strike.html")
    assert captions(article.html) == ["The gate at dawn, where the strikers stood. Ana Example / AP"]
    root = lxml.html.fromstring(article.html)
    assert [element.tag for element in root.find("body")][:2] == ["img", "p"]


def test_a_figure_beside_the_article_does_not_come_in_with_it():
    aside = CALLOUT + "<p>Read our other stories about strikes and the people who led them.</p>"
    article = extract_article(page(ARTICLE, aside=aside), url="", origin="strike.html")
    assert "The gate at dawn" not in article.html


def test_the_standfirst_under_the_headline_outside_the_article_is_the_texts_standfirst(sources_copy,
                                                                                      tmp_path):
    summary = "The depot stayed shut for a week. Why did the managers give in at last?"
    head = f'<meta name="description" content="{summary}">'
    saved = tmp_path / "strike.html"
    saved.write_bytes(page(ARTICLE, head=head, header=f"<div class='dek'><p>{summary}</p></div>"))
    added = add(Input(origin="strike.html", kind="page", path=saved), sources_copy)
    shown = edition(added.path)
    assert summary in shown.elsewhere  # under the title, not in the body
    assert shown.body[0].startswith("Paragraph 0 of the article")


def test_a_summary_that_is_the_first_paragraph_or_not_shown_is_no_standfirst():
    first = " ".join(lxml.html.fromstring(PROSE.format(n=0)).text_content().split())
    shown = extract_article(page(ARTICLE, head=f'<meta name="description" content="{first}">'),
                            url="", origin="strike.html")
    unseen = "A summary for search engines that the page itself never shows to its readers."
    hidden = extract_article(page(ARTICLE, head=f'<meta name="description" content="{unseen}">'),
                             url="", origin="strike.html")
    assert shown.standfirst == hidden.standfirst == ""


def test_a_saved_page_without_its_pictures_keeps_their_captions_in_the_credits(sources_copy, tmp_path):
    saved = tmp_path / "strike.html"
    saved.write_bytes(page(CALLOUT + ARTICLE))
    added = add(Input(origin="strike.html", kind="page", path=saved), sources_copy)
    assert not added.images  # the picture is on the network: not in the saved page
    shown = edition(added.path)
    assert "The gate at dawn, where the strikers stood. Ana Example / AP" in shown.elsewhere
    assert not [block for block in shown.body if "The gate at dawn" in block]


def test_a_summary_cut_short_or_escaped_twice_finds_the_standfirst_it_was_taken_from():
    dek = ("The depot stayed shut for a week, and the managers, who had said they would never talk, "
           "gave in at last on the Friday night, to the surprise of everyone at the gate.")
    cut = dek[:70]  # as a page's description often is: "… who had said they wo"
    first = extract_article(page(ARTICLE, head=f'<meta name="description" content="{cut}">',
                                 header=f"<p class='dek'>{dek}</p>"), url="", origin="strike.html")
    escaped, shown = (dek.replace("the managers", f"the{gap}managers") for gap in ("&amp;nbsp;", "&nbsp;"))
    second = extract_article(page(ARTICLE, head=f'<meta name="description" content="{escaped}">',
                                  header=f"<p class='dek'>{shown}</p>"), url="", origin="strike.html")
    assert first.standfirst == second.standfirst == dek


def test_an_article_trafilatura_reads_as_page_furniture_still_arrives_by_reader_mode():
    # A page whose whole article sits in a <footer>: trafilatura finds no article there, and the
    # reader mode it ships (its port of readability-lxml) is asked instead of refusing the page.
    saved = f"<html><head><title>The strike</title></head><body><footer>{ARTICLE}</footer></body></html>"
    article = extract_article(saved.encode(), url="", origin="strike.html")
    assert article.extractor == "readability"
    paragraphs = lxml.html.fromstring(article.html).iter("p")
    assert [paragraph.text_content().split()[1] for paragraph in paragraphs] == [str(n) for n in range(6)]


def boxed(caption: str) -> str:
    """A picture box written without <figure>, as WordPress's classic editor and news sites write it."""
    return (f'<div class="wp-caption"><a href="/gate"><img src="https://img.example/gate.jpg" alt=""></a>'
            f'<p class="wp-caption-text">{caption}</p></div>')


def test_a_caption_in_a_picture_box_among_the_paragraphs_goes_to_the_credits_not_the_text(sources_copy,
                                                                                          tmp_path):
    saved = tmp_path / "strike.html"
    paragraphs = [PROSE.format(n=n) for n in range(6)]
    saved.write_bytes(page("".join(paragraphs[:3]) + boxed("Strikers at the depot gate in March") + "".join(
        paragraphs[3:])))
    shown = edition(add(Input(origin="strike.html", kind="page", path=saved), sources_copy).path)
    assert not [block for block in shown.body if "Strikers at the depot gate" in block]
    assert "Strikers at the depot gate in March" in shown.elsewhere
    assert len([block for block in shown.body if block.startswith("Paragraph")]) == 6


def test_a_short_article_under_its_picture_stays_the_text(sources_copy, tmp_path):
    # an image and two short paragraphs in one box are the article, not a picture and its caption,
    # unless the box stands among other paragraphs
    saved = tmp_path / "note.html"
    short = ("<p>The depot reopened on Monday after a week.</p>"
             "<p>The drivers went back with the raise they asked for, and a day's pay for the strike.</p>")
    after = PROSE.format(n=0).replace("<p>", "<div>").replace("</p>", "</div>")
    saved.write_bytes(page('<div class="entry"><img src="https://img.example/gate.jpg" alt="">'
                           + short + "</div>" + after))
    shown = edition(add(Input(origin="note.html", kind="page", path=saved), sources_copy).path)
    assert [block for block in shown.body if "The depot reopened on Monday" in block]


def test_a_saved_pages_picture_named_from_its_sites_root_is_said_to_be_on_the_site(sources_copy, tmp_path):
    # "/image/gate.jpg" in a page saved without its pictures is an address on the page's site, not a
    # file at the root of this machine's disk
    saved = tmp_path / "strike.html"
    saved.write_bytes(page(ARTICLE + boxed("Strikers at the gate").replace("https://img.example", "")))
    added = add(Input(origin="strike.html", kind="page", path=saved), sources_copy)
    [note] = [note for note in added.notes if note.code == "W120"]
    assert "on the page's own site" in note.message and "outside" not in note.message
