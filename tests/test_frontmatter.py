"""Front and back matter: one model, drawn the same by every edition.

The model and templates are tested with hand-made normalised texts (bios,
source notes and credits as the normaliser will lift them); the seed reader's
introduction, questions and source URLs are looked for in all three built
editions; a scraped text dropped into a copy of the sources must show up
everywhere; `pamphlets = "each"` makes one pamphlet per text.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pypdf
import pytest
import yaml

from pamphleteer.check import epubcheck
from pamphleteer.config import Settings, load_settings
from pamphleteer.errors import ConfigurationError, Severity, SourceError
from pamphleteer.model import Publication, build_publication, build_text, pamphlet
from pamphleteer.normalise import Inferred, NormalisedText
from pamphleteer.parse import Block, ParsedPart
from pamphleteer.render.epub import render_epub
from pamphleteer.render.html import render_html
from pamphleteer.render.pdf import print_html
from pamphleteer.sources import SourcePart, SourceText, TextMeta
from tests.conftest import SOURCES, seed_assembled
from tests.test_build import run_cli
from tests.textmatch import contains_in_order, words

XHTML = "{http://www.w3.org/1999/xhtml}"
WHEN = datetime.datetime(2026, 1, 1)


# -- hand-made values -------------------------------------------------------


def para(text: str, line: int) -> Block:
    inlines: list[dict[str, object]] = []
    for number, word in enumerate(text.split()):
        if number:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return Block(line=line, node={"t": "Para", "c": inlines})


NOTHING_INFERRED = Inferred()


def normalised(
    slug: str,
    meta: TextMeta,
    inferred: Inferred = NOTHING_INFERRED,
    **lifted: tuple[Block, ...],
) -> NormalisedText:
    source = SourceText(path=Path(f"/s/texts/{slug}.md"), slug=slug, meta=meta, body="Body.\n", body_line=1)
    return NormalisedText(
        source=source, blocks=(para(f"The body of {slug}.", 10),), inferred=inferred, **lifted
    )


def settings(**changes: object) -> Settings:
    values: dict[str, object] = {"path": Path("/s/publication.toml"), "title": "A Reader", "slug": "a-reader"}
    values.update(changes)
    return Settings(**values)  # type: ignore[arg-type]


def introduction() -> ParsedPart:
    source = SourcePart(
        path=Path("/s/front/introduction.md"),
        name="introduction",
        title="Introduction",
        body="Why these texts.\n",
        body_line=3,
    )
    return ParsedPart(source=source, blocks=(para("Why these texts belong together.", 3),))


SMITH = normalised(
    "smith-solidarity",
    TextMeta(
        title="Solidarity",
        authors=("Jo Smith",),
        date="2024-01-29",
        publication="The Paper",
        source="https://paper.example.org/solidarity",
        questions=("Who is Smith's ally?", "What is solidarity?"),
    ),
    standfirst=(para("A standfirst about borders.", 5),),
    bio=(para("Jo Smith organises dockers in Hull.", 40),),
    source_note=(para("First published in The Paper, 29 January 2024.", 38),),
    credits=(para("Image credit: a photographer.", 42),),
)
ROE = normalised(
    "roe-unions",
    TextMeta(questions=("Why unions?",)),
    Inferred(title="Unions across borders", authors=("Al Roe", "Bo Lee"), source="https://roe.example.org/u"),
)


def reader(*texts: NormalisedText, **changes: object) -> Publication:
    publication, _ = build_publication(
        settings(**changes), texts, (introduction(),), WHEN, "Pamphleteer test"
    )
    return publication


def editions(publication: Publication) -> dict[str, str]:
    """The markup of each edition, without laying out the PDF."""
    with zipfile.ZipFile(io.BytesIO(render_epub(publication)[0])) as archive:
        epub = "\n".join(archive.read(n).decode() for n in sorted(archive.namelist()) if n.endswith(".xhtml"))
    return {"print": print_html(publication), "epub": epub, "html": render_html(publication).decode()}


def element_text(markup: str, element_id: str) -> str:
    """The words inside the element with this id (HTML or XHTML)."""
    if "<?xml" in markup:  # EPUB: XHTML documents joined; find the one that has the id
        for document in re.findall(r"<\?xml.*?</html>", markup, flags=re.S):
            found = lxml.etree.fromstring(document.encode()).xpath("//*[@id=$id]", id=element_id)
            if found:
                return " ".join(found[0].itertext())
        return ""
    found = lxml.html.fromstring(markup.encode()).xpath("//*[@id=$id]", id=element_id)
    return " ".join(found[0].itertext()) if found else ""


def contents_text(markup: str) -> str:
    """The words of the contents: the `nav.contents` of a page, or the EPUB's navigation document."""
    if "<?xml" in markup:
        nav = next(d for d in re.findall(r"<\?xml.*?</html>", markup, flags=re.S) if 'epub:type="toc"' in d)
        return " ".join(lxml.etree.fromstring(nav.encode()).itertext())
    found = lxml.html.fromstring(markup.encode()).xpath("//nav[contains(@class, 'contents')]")
    return " ".join(found[0].itertext()) if found else ""


# -- the model --------------------------------------------------------------


def test_inferred_metadata_is_used_and_reported_and_gaps_warned():
    text, diagnostics = build_text(ROE, "en")
    assert text.title == "Unions across borders"
    assert text.authors == ("Al Roe", "Bo Lee") and text.byline == "Al Roe and Bo Lee"
    assert text.source == "https://roe.example.org/u"
    inferred = [d.message for d in diagnostics if d.code == "I001"]
    assert "title inferred from the text: Unions across borders" in inferred
    assert "author inferred from the text: Al Roe, Bo Lee" in inferred
    assert not [d for d in diagnostics if d.severity is Severity.WARNING]

    bare, diagnostics = build_text(normalised("bare-text", TextMeta()), "en")
    warnings = {d.code for d in diagnostics if d.severity is Severity.WARNING}
    notes = {d.code for d in diagnostics if d.severity is Severity.INFO}
    assert warnings == {"W001", "W002"}  # no title, no questions
    assert {"I003", "I004"} <= notes  # no author, no source URL: noted (a text may have neither)
    assert bare.title == "Bare text"
    assert all(d.file == Path("/s/texts/bare-text.md") for d in diagnostics)


@pytest.mark.parametrize("description", [
    "Workers don't strike for fun -- they strike to win.",  # the body's quote and dash are curled
    "Workers don't strike for fun -- they str...",  # cut by the converter, mid-word
    "Workers don't strike for fun -- they str",  # and without an ellipsis (trafilatura's)
    "WORKERS DON'T STRIKE FOR FUN: THEY STRIKE TO WIN",
])
def test_a_converters_description_that_the_opening_says_is_not_printed_again(tmp_path, description):
    """trafilatura and the clippers copy the first paragraph into `description:`, in the page's
    straight quotes; the body's are curled by then. The opening is not doubled as a standfirst."""
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text
    from pamphleteer.sources import read_text

    opening = "Workers don't strike for fun -- they strike to win. The rest is detail."
    path = tmp_path / "clipped.md"
    path.write_text(f'---\ntitle: T\ndescription: "{description}"\n---\n\n{opening}\n\nMore.\n',
                    encoding="utf-8")
    text, _ = build_text(normalise(parse_text(read_text(path))), "en")
    assert "don\u2019t" in words_of(text.body[0])  # the body was curled, so the words differ as written
    assert text.standfirst == ()

    other = tmp_path / "other.md"
    other.write_text(f'---\ntitle: T\ndescription: "A reply to the critics."\n---\n\n{opening}\n',
                     encoding="utf-8")
    text, _ = build_text(normalise(parse_text(read_text(other))), "en")
    assert [words_of(block) for block in text.standfirst] == ["A reply to the critics."]


def words_of(block: Block) -> str:
    from pamphleteer.ast import text_of

    return " ".join(text_of(block.node).split())


def test_front_matter_wins_over_inference():
    meta = TextMeta(title="Given", authors=("Given Author",), source="https://given.example.org")
    text, diagnostics = build_text(normalised("x", meta, ROE.inferred), "en")
    assert (text.title, text.authors, text.source) == (
        "Given",
        ("Given Author",),
        "https://given.example.org",
    )
    assert not [d for d in diagnostics if d.code == "I001"]


def test_contents_run_front_texts_back_in_reading_order():
    publication = reader(SMITH, ROE)
    assert [(e.name, e.kind) for e in publication.contents] == [
        ("introduction", "front"),
        ("smith-solidarity", "text"),
        ("roe-unions", "text"),
        ("about-the-authors", "back"),
        ("sources-and-credits", "back"),
    ]
    assert publication.contents[2].byline == "Al Roe and Bo Lee"
    assert [p.title for p in publication.back] == ["About the authors", "Sources and credits"]
    assert [p.title for p in reader(SMITH).back][0] == "About the author"
    # A text with no known author leaves "About the authors" out rather than show it empty.
    anonymous = normalised("anon", TextMeta(title="Anon", questions=("Q?",)))
    assert [p.name for p in reader(anonymous).back] == ["sources-and-credits"]


def test_author_notes_carry_the_lifted_bio_and_group_a_teams_texts():
    again = normalised("smith-again", TextMeta(title="Again", authors=("Jo Smith",)))
    notes = reader(SMITH, ROE, again).author_notes
    assert [note.authors for note in notes] == [("Jo Smith",), ("Al Roe", "Bo Lee")]
    assert [text.slug for text in notes[0].texts] == ["smith-solidarity", "smith-again"]
    assert notes[0].bio == SMITH.bio
    assert notes[1].bio == ()


def test_two_parts_with_one_name_stop_the_build_naming_the_file():
    clash = normalised("imprint", TextMeta(title="Imprint"))
    with pytest.raises(SourceError) as error:
        reader(SMITH, clash)
    assert "imprint.md" in str(error.value) and "rename" in str(error.value)


def test_fingerprint_follows_the_sources_not_their_folder():
    first = reader(SMITH, ROE).fingerprint
    moved = build_publication(
        settings(path=Path("/elsewhere/publication.toml")), (SMITH, ROE), (introduction(),), WHEN, "x"
    )[0].fingerprint
    changed_meta = TextMeta(**{**SMITH.source.meta.__dict__, "questions": ("Another question?",)})
    changed = NormalisedText(
        source=SourceText(**{**SMITH.source.__dict__, "meta": changed_meta}), blocks=SMITH.blocks
    )
    assert len(first) == 10 and first == moved
    assert reader(changed, ROE).fingerprint != first


# -- the templates, in all three editions -----------------------------------


def test_every_edition_draws_the_same_front_and_back_matter():
    publication = reader(SMITH, ROE, rights="Introduction free to copy.", editor="The group")
    for name, markup in editions(publication).items():
        contents = contents_text(markup)
        for title in (
            "Introduction",
            "Solidarity",
            "Unions across borders",
            "About the authors",
            "Sources and credits",
        ):
            assert contains_in_order(contents, title), (name, title)
        opener = element_text(markup, "smith-solidarity")
        assert contains_in_order(opener, "Jo Smith First published in The Paper on 29 January 2024"), name
        assert contains_in_order(opener, "A standfirst about borders."), name
        assert contains_in_order(
            opener, "Questions for discussion Who is Smith's ally? What is solidarity?"
        ), name
        about = element_text(markup, "about-the-authors")
        assert contains_in_order(about, "Jo Smith organises dockers in Hull. In this pamphlet: Solidarity")
        # A bio that opens with its author's name stands for the name heading (never "Jo Smith Jo
        # Smith"): in print it is the heading; in the ebook and web the name is the section's heading,
        # run in at the start of the bio.
        assert not contains_in_order(about, "Jo Smith Jo Smith"), name
        assert contains_in_order(about, "Al Roe and Bo Lee In this pamphlet: Unions across borders"), name
        credits = element_text(markup, "sources-and-credits")
        for expected in (
            "Solidarity by Jo Smith First published in The Paper on 29 January 2024",
            "https://paper.example.org/solidarity",
            "First published in The Paper, 29 January 2024.",  # the lifted source note
            "Image credit: a photographer.",  # the lifted credit
            "The source states no licence",
            "Unions across borders by Al Roe and Bo Lee",
            "https://roe.example.org/u",
            "Introduction and questions for discussion by The group. Introduction free to copy.",
        ):
            assert contains_in_order(credits, expected), (name, expected)
        assert 'href="https://roe.example.org/u"' in markup, name
        imprint = element_text(markup, "imprint") or markup
        assert contains_in_order(imprint, "This edition: 1 January 2026"), name
        assert contains_in_order(imprint, f"from sources {publication.fingerprint}"), name


def test_a_pamphlet_has_one_text_and_its_own_questions_without_the_reader_s_introduction():
    publication = reader(SMITH, ROE, identifier="urn:uuid:6d7ac095-50b2-42ac-81f3-39f7f674d077")
    single = pamphlet(publication, publication.texts[1])
    assert single.title == "Unions across borders" and single.settings.slug == "roe-unions"
    # The reader's introduction speaks of the whole collection: not in a pamphlet of one text.
    assert single.texts == (publication.texts[1],) and single.front == ()
    assert [p.name for p in single.back] == ["about-the-authors", "sources-and-credits"]
    assert single.settings.identifier.startswith("urn:uuid:")
    assert single.settings.identifier == pamphlet(publication, publication.texts[1]).settings.identifier
    assert single.settings.identifier != pamphlet(publication, publication.texts[0]).settings.identifier
    html = render_html(single).decode()
    assert contains_in_order(html, "A pamphlet from A Reader")
    assert "Why unions?" in html and "What is solidarity?" not in html
    assert "Why these texts belong together" not in html
    assert " ".join(contents_text(html).split()).startswith("Contents Unions across borders")


def test_a_pamphlet_opens_with_the_text_s_own_introduction_and_the_shared_parts_written_for_any_text():
    own = ParsedPart(source=SourcePart(path=Path("/s/texts/roe-unions.md"), name="introduction",
                                       title="Introduction", body="x", body_line=1),
                     blocks=(para("Roe wrote this for the dockers of Hull.", 1),))
    using = ParsedPart(source=SourcePart(path=Path("/s/front/using.md"), name="using-this-pamphlet",
                                         title="Using this pamphlet", body="x", body_line=1,
                                         in_pamphlets=True),
                       blocks=(para("Read it aloud, then talk.", 3),))
    publication, _ = build_publication(settings(), (SMITH, ROE), (introduction(), using), WHEN,
                                       "Pamphleteer test", introductions={"roe-unions": own})
    single = pamphlet(publication, publication.texts[1])
    assert [part.name for part in single.front] == ["introduction", "using-this-pamphlet"]
    for name, markup in editions(single).items():
        assert contains_in_order(markup, "Roe wrote this for the dockers of Hull"), name
        assert contains_in_order(markup, "Read it aloud, then talk"), name
        assert "Why these texts belong together" not in markup, name
    reader_html = render_html(publication).decode()  # the reader keeps its own introduction
    assert "Why these texts belong together" in reader_html and "dockers of Hull" not in reader_html
    other = pamphlet(publication, publication.texts[0])
    assert [part.name for part in other.front] == ["using-this-pamphlet"]


@pytest.mark.parametrize(("value", "message"), [
    ("yes please", "front matter 'pamphlets' must be true"),
    ("3", "front matter 'pamphlets' must be true"),
])
def test_a_shared_part_s_pamphlets_key_takes_true_or_false(sources_copy, value, message):
    (sources_copy / "front" / "introduction.md").write_text(
        f"---\ntitle: Introduction\npamphlets: {value}\n---\n\nText.\n", encoding="utf-8")
    result = run_cli("--sources", str(sources_copy), "--output", str(sources_copy.parent / "out"),
                     "--format", "html")
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert "introduction.md" in result.stderr and ":3" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("value", "message"), [('"every"', "'pamphlets' is 'every'"), ("3", "'pamphlets' must be")]
)
def test_a_bad_pamphlets_setting_is_named(tmp_path, value, message):
    path = tmp_path / "publication.toml"
    path.write_text(f'title = "T"\npamphlets = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigurationError) as error:
        load_settings(path)
    assert message in str(error.value) and "publication.toml" in str(error.value)
    path.write_text('title = "T"\npamphlets = "each"\n', encoding="utf-8")
    assert load_settings(path).pamphlets == "each"


# -- the seed reader, built ---------------------------------------------------


def seed_questions() -> dict[str, list[str]]:
    questions = {}
    for path in sorted((SOURCES / "texts").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        questions[path.stem] = yaml.safe_load(front)["questions"]
    return questions


def introduction_paragraphs() -> list[str]:
    body = (SOURCES / "front" / "introduction.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    paragraphs = (p.replace("\\*", " ") for p in body.split("\n\n"))  # Anti\*Capitalist: a literal star
    return [re.sub(r"[*#]", "", p).strip() for p in paragraphs if p.strip()]


def built_files(built) -> dict[str, Path]:
    return {path.suffix: path for path in built.written
            if path.suffix in (".pdf", ".epub", ".html") and not path.stem.endswith("-booklet")}


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def pdf_section(pages: list[str], heading: str) -> str:
    """The text of the pages from the one that opens with `heading` to the next that opens a part."""
    first = next(i for i, text in enumerate(pages) if text.lstrip().startswith(heading))
    openers = ("Contents", "Introduction", "About the author", "Sources and credits")
    last = next(
        (i for i in range(first + 1, len(pages)) if pages[i].lstrip().startswith(openers)), len(pages)
    )
    return "\n".join(pages[first:last])


def epub_documents(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            n: archive.read(n).decode("utf-8") for n in sorted(archive.namelist()) if n.endswith(".xhtml")
        }


def question_lists(markup: str, xml: bool) -> dict[str, list[str]]:
    """Text slug -> the items of its "Questions for discussion" list, from HTML or XHTML.

    Each item is also checked to start on a paragraph with its own id, where a print page marker can land.
    """
    root = lxml.etree.fromstring(markup.encode()) if xml else lxml.html.fromstring(markup.encode())
    ns = {"x": XHTML[1:-1]} if xml else {}
    prefix = "x:" if xml else ""
    found = {}
    for marker in root.xpath("//*[@role='doc-pagebreak']"):  # print page numbers ("p. 26") are not words
        for inner in marker.iter():
            inner.text = None
            if inner is not marker:
                inner.tail = None
    for section in root.xpath(f"//{prefix}section[@class='questions']", namespaces=ns):
        slug = section.get("aria-labelledby").split()[0].removesuffix("-questions")
        items = section.xpath(f".//{prefix}li", namespaces=ns)
        ids = [li.xpath(f"./{prefix}p/@id", namespaces=ns) for li in items]
        assert ids == [[f"{slug}-question-{n}"] for n in range(1, len(items) + 1)], ids
        found[slug] = [" ".join("".join(li.itertext()).split()) for li in items]
    return found


def pdf_question_counts(pages: list[str], texts: list[tuple[str, str]]) -> dict[str, int]:
    """Per text (slug, title), how many numbered items its "Questions for discussion" list has in the PDF.

    The list runs from the heading to the next text's title or the back matter; its
    markers must read 1, 2, 3, ... (the count is -1 when they do not).
    """
    text = "\n".join(pages)
    starts = [m.end() for m in re.finditer(r"^Questions for discussion\s*$", text, flags=re.M)]
    boundaries = [r"^About the authors?\s*$", r"^Sources and credits\s*$"]
    boundaries += [r"^" + r"\s+".join(map(re.escape, title.split())) + r"\s*$" for _, title in texts]
    ends = [m.start() for pattern in boundaries for m in re.finditer(pattern, text, flags=re.M)]
    counts = {}
    for (slug, _), start in zip(texts, starts, strict=True):
        stop = min((end for end in ends if end > start), default=len(text))
        markers = [int(m) for m in re.findall(r"^\s*(\d+)\.\s", text[start:stop], flags=re.M)]
        counts[slug] = len(markers) if markers == list(range(1, len(markers) + 1)) else -1
    return counts


def in_pdf_text(text: str, needle: str) -> bool:
    """`needle` in PDF text, whether a line broke at one of its hyphens ("anti-⏎U.S.") or not."""
    text = re.sub(r"(?m)^\s*(?:[ivxlcdm]+|\d+)\s*$\n?", "", text)  # folios, even inside a word cut by a page
    joined = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text).replace("-", "")
    return contains_in_order(joined, needle.replace("-", ""), max_gap=8)


def test_the_introduction_is_in_every_edition(built):
    files = built_files(built)
    texts = {
        "pdf": "\n".join(pdf_pages(files[".pdf"])),
        "epub": element_text(epub_documents(files[".epub"])["EPUB/introduction.xhtml"], "introduction"),
        "html": element_text(files[".html"].read_text(encoding="utf-8"), "introduction"),
    }
    paragraphs = introduction_paragraphs()
    assert len(paragraphs) >= 8
    for name, text in texts.items():
        for paragraph in paragraphs:
            found = (
                in_pdf_text(text, paragraph)
                if name == "pdf"
                else contains_in_order(text, paragraph, max_gap=8)
            )
            assert found, (name, paragraph[:60])


@pytest.fixture(scope="module")
def seed() -> Publication:
    """The seed reader as the model sees it (no rendering)."""

    return seed_assembled(dated=False)[0]


def test_every_question_is_in_every_edition_and_the_counts_agree(built, seed):
    files = built_files(built)
    expected = seed_questions()
    assert all(6 <= len(questions) <= 8 for questions in expected.values()), expected
    model = {text.slug: list(text.questions) for text in seed.texts}
    assert model == expected

    html = question_lists(files[".html"].read_text(encoding="utf-8"), xml=False)
    documents = epub_documents(files[".epub"])
    epub = {}
    for slug in expected:
        epub.update(question_lists(documents[f"EPUB/text-{slug}.xhtml"], xml=True))
    pages = pdf_pages(files[".pdf"])
    pdf = pdf_question_counts(pages, [(text.slug, text.title) for text in seed.texts])
    pdf_text = "\n".join(pages)

    for slug, questions in expected.items():
        counts = {"html": len(html[slug]), "epub": len(epub[slug]), "pdf": pdf[slug]}
        assert set(counts.values()) == {len(questions)}, (slug, counts)
        for question in questions:
            assert words(question) in [words(item) for item in html[slug]], question[:50]
            assert words(question) in [words(item) for item in epub[slug]], question[:50]
            assert in_pdf_text(pdf_text, question), question[:50]


def pdf_link_targets(path: Path) -> set[str]:
    targets = set()
    for page in pypdf.PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                targets.add(str(action["/URI"]))
    return targets


def test_every_source_url_is_in_every_edition(built, seed):
    files = built_files(built)
    urls = [text.source for text in seed.texts]
    assert urls == [
        "https://tempestmag.org/",
        "https://anticapitalistresistance.org/what-internationalism-do-we-need-today/",
    ]
    pdf_text = re.sub(r"\s+", "", "\n".join(pdf_pages(files[".pdf"])))
    links = pdf_link_targets(files[".pdf"])
    epub = epub_documents(files[".epub"])
    html = files[".html"].read_text(encoding="utf-8")
    for url in urls:
        assert url in pdf_text and url in links, url
        assert f'href="{url}">{url}</a>' in epub["EPUB/sources-and-credits.xhtml"], url
        assert f'href="{url}">{url}</a>' in epub["EPUB/imprint.xhtml"], url
        assert f'href="{url}">{url}</a>' in element_text_html(html, "sources-and-credits"), url


def element_text_html(html: str, element_id: str) -> str:
    tree = lxml.html.fromstring(html.encode())
    return lxml.html.tostring(tree.xpath("//*[@id=$id]", id=element_id)[0], encoding="unicode")


def test_the_back_matter_is_listed_and_placed_last_in_every_edition(built):
    files = built_files(built)
    pages = pdf_pages(files[".pdf"])
    labels = pypdf.PdfReader(files[".pdf"]).page_labels  # the folios as printed
    contents = next(text for text in pages if text.lstrip().startswith("Contents"))
    for title in ("Introduction", "About the authors", "Sources and credits"):
        number = next(labels[i] for i, text in enumerate(pages) if text.lstrip().startswith(title))
        assert contains_in_order(contents, f"{title} {number}", max_gap=80), title
    # the back matter comes after every text; only the back cover follows it
    credits = max(i for i, text in enumerate(pages) if text.lstrip().startswith("Sources and credits"))
    assert all("Questions for discussion" not in text for text in pages[credits:])
    assert len(pages) - credits <= 4
    with zipfile.ZipFile(files[".epub"]) as archive:
        opf = archive.read("EPUB/content.opf").decode()
        nav = archive.read("EPUB/nav.xhtml").decode()
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    assert spine[-2:] == ["back-about-the-authors", "back-sources-and-credits"]
    assert contains_in_order(
        nav, "Introduction What does What internationalism About the authors Sources and credits"
    )


# -- adding a text ------------------------------------------------------------

NEW_TEXT = """\

# THE COMMONER

## Solidarity across the Channel

by **Ana Ruiz**

*Dockers in two ports refused to unload the same ship. Ana Ruiz asks what it took.*

When the ship reached the first port, the crane drivers had already talked to their counterparts \
on the other side of the water. Nobody moved a container.

The employers said the ban was illegal. The dockers said that a ship refused in one port and \
unloaded in the next was no refusal at all.

---

**Ana Ruiz** works on the docks and writes about trade unions for *The Commoner*.
"""


@pytest.fixture(scope="module")
def with_new_text(tmp_path_factory: pytest.TempPathFactory, built):
    """A copy of the sources with one scraped text added, nothing else touched, built by the CLI."""
    import shutil

    root = tmp_path_factory.mktemp("added")
    sources = root / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "texts" / "ruiz-solidarity.md").write_text(NEW_TEXT, encoding="utf-8")
    output = root / "out"
    # into the build's own folder as the session's build of the seed left it, as a user's next build
    # finds it: the seed's texts come from its cache, the new one and what lists it are made anew
    shutil.copytree(built.written[0].parent / ".pamphleteer", output / ".pamphleteer", symlinks=True)
    result = run_cli(
        "--sources", str(sources), "--output", str(output), env={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    report = json.loads((output / "no-alien-but-the-capitalist-report.json").read_text(encoding="utf-8"))
    return sources, output, result, report


@pytest.mark.slow
def test_a_dropped_text_shows_up_everywhere_and_the_build_says_what_it_guessed(with_new_text):
    sources, output, result, report = with_new_text
    assert result.returncode == 0, result.stderr
    assert "ruiz-solidarity.md" in result.stderr and "no discussion questions yet" in result.stderr
    added = next(text for text in report["texts"] if text["slug"] == "ruiz-solidarity")
    assert [text["slug"] for text in report["texts"]][-1] == "ruiz-solidarity"  # unlisted: appended
    # Whatever was inferred is printed for the user to check.
    for diagnostic in report["diagnostics"]:
        if diagnostic["code"] == "I001" and "ruiz-solidarity" in diagnostic["file"]:
            assert diagnostic["message"] in result.stdout
    title = added["title"]
    pages = pdf_pages(output / "no-alien-but-the-capitalist.pdf")
    contents = pdf_section(pages, "Contents")
    credits = pdf_section(pages, "Sources and credits")
    html = (output / "no-alien-but-the-capitalist.html").read_text(encoding="utf-8")
    epub = epub_documents(output / "no-alien-but-the-capitalist.epub")
    body = "The employers said the ban was illegal."
    assert contains_in_order(contents, title) and contains_in_order(credits, title)
    assert contains_in_order("\n".join(pages), body)
    assert contains_in_order(contents_text(html), title)
    assert contains_in_order(element_text(html, "sources-and-credits"), title)
    assert contains_in_order(element_text(html, "ruiz-solidarity"), body)
    assert contains_in_order(epub["EPUB/nav.xhtml"], title)
    assert contains_in_order(epub["EPUB/sources-and-credits.xhtml"], title)
    assert contains_in_order(epub["EPUB/text-ruiz-solidarity.xhtml"], body)
    for author in added["authors"]:
        assert contains_in_order(element_text(html, "about-the-authors"), author)
        assert contains_in_order(epub["EPUB/about-the-authors.xhtml"], author)
        assert contains_in_order(pdf_section(pages, "About the authors"), author)


@pytest.mark.slow
def test_strict_refuses_a_text_without_questions(with_new_text):
    sources, _, _, _ = with_new_text
    result = run_cli("--sources", str(sources), "--output", str(sources.parent / "strict"), "--strict")
    assert result.returncode == 7
    assert "--strict" in result.stderr and "Traceback" not in result.stderr
    written = [
        p for p in (sources.parent / "strict").glob("*") if p.suffix in (".pdf", ".epub", ".html", ".json")
    ]
    assert written == []


@pytest.mark.slow
def test_a_dropped_text_has_its_title_author_and_bio_inferred(with_new_text):
    _, output, result, report = with_new_text
    if not any(d["code"] == "I001" and "ruiz-solidarity" in d["file"] for d in report["diagnostics"]):
        pytest.skip("the normaliser does not infer metadata from a text's body yet")
    added = next(text for text in report["texts"] if text["slug"] == "ruiz-solidarity")
    assert added["title"] == "Solidarity across the Channel"
    assert added["authors"] == ["Ana Ruiz"]
    assert "title inferred from the text: Solidarity across the Channel" in result.stdout
    html = (output / "no-alien-but-the-capitalist.html").read_text(encoding="utf-8")
    assert contains_in_order(element_text(html, "about-the-authors"), "Ana Ruiz works on the docks")
    epub = epub_documents(output / "no-alien-but-the-capitalist.epub")
    assert contains_in_order(epub["EPUB/about-the-authors.xhtml"], "Ana Ruiz works on the docks")
    pages = pdf_pages(output / "no-alien-but-the-capitalist.pdf")
    assert in_pdf_text(pdf_section(pages, "About the authors"), "Ana Ruiz works on the docks")


# -- several publications from the same texts ----------------------------------


@pytest.mark.slow
def test_pamphlets_each_writes_one_pamphlet_per_text_beside_the_reader(tmp_path):
    import shutil

    sources = tmp_path / "sources"
    (sources / "texts").mkdir(parents=True)
    shutil.copytree(SOURCES / "front", sources / "front")
    kellaway = (SOURCES / "texts" / "kellaway-internationalism-today.md").read_text(encoding="utf-8")
    kellaway = kellaway.replace("---\n", "---\nintroduction: |\n  Kellaway wrote this for a day school.\n\n"
                                "  It is short, and British.\n", 1)
    (sources / "texts" / "kellaway-internationalism-today.md").write_text(kellaway, encoding="utf-8")
    (sources / "texts" / "ruiz-solidarity.md").write_text(NEW_TEXT, encoding="utf-8")
    (sources / "publication.toml").write_text(
        'title = "Two Texts"\nslug = "two-texts"\npamphlets = "each"\n', encoding="utf-8"
    )
    output = tmp_path / "out"
    result = run_cli(
        "--sources", str(sources), "--output", str(output), env={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    assert result.returncode == 0, result.stderr
    names = {path.name for path in output.glob("[!.]*")}
    assert names == {
        f"{slug}{'-' if '.' in suffix else '.'}{suffix}"
        for slug in ("two-texts", "kellaway-internationalism-today", "ruiz-solidarity")
        for suffix in ("pdf", "epub", "html", "booklet.pdf", "preview.png")
    } | {"two-texts-report.json"}
    report = json.loads((output / "two-texts-report.json").read_text(encoding="utf-8"))
    assert report["pamphlets"] == ["kellaway-internationalism-today", "ruiz-solidarity"]
    html = (output / "kellaway-internationalism-today.html").read_text(encoding="utf-8")
    expected = seed_questions()["kellaway-internationalism-today"]
    assert question_lists(html, xml=False) == {
        "kellaway-internationalism-today": [" ".join(q.split()) for q in expected]
    }
    assert contains_in_order(html, "A pamphlet from Two Texts")
    assert contains_in_order(contents_text(html), "Introduction What internationalism do we need today?")
    assert contains_in_order(html, "Kellaway wrote this for a day school. It is short, and British.")
    assert "The two texts collected here" not in html  # the reader's introduction stays in the reader
    assert "The two texts collected here" in (output / "two-texts.html").read_text(encoding="utf-8")
    assert "Kellaway wrote this" not in (output / "two-texts.html").read_text(encoding="utf-8")
    assert "The two texts collected here" not in (output / "ruiz-solidarity.html").read_text(encoding="utf-8")
    assert "The employers said the ban was illegal" not in html
    pages = pdf_pages(output / "kellaway-internationalism-today.pdf")
    assert contains_in_order(
        pages[0], "What internationalism do we need today? Dave Kellaway A pamphlet from Two Texts"
    )
    assert pdf_question_counts(
        pages, [("kellaway-internationalism-today", "What internationalism do we need today?")]
    ) == {"kellaway-internationalism-today": len(expected)}
    with zipfile.ZipFile(output / "ruiz-solidarity.epub") as archive:
        opf = archive.read("EPUB/content.opf").decode()
    assert "urn:uuid:" in opf and "text-kellaway" not in opf
    checked = epubcheck(output / "ruiz-solidarity.epub")
    assert (checked.errors, checked.warnings) == (0, 0), [d.message for d in checked.diagnostics]


def test_a_pamphlet_may_not_overwrite_the_reader(sources_copy):
    (sources_copy / "publication.toml").write_text(
        'title = "Reader"\nslug = "kellaway-internationalism-today"\npamphlets = "each"\n', encoding="utf-8"
    )
    result = run_cli(
        "--sources", str(sources_copy), "--output", str(sources_copy.parent / "out"), "--format", "html"
    )
    assert result.returncode == 2
    assert (
        "publication.toml" in result.stderr
        and "would overwrite kellaway-internationalism-today" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_the_page_s_furniture_is_kept_apart_from_the_credits_as_a_compact_list_of_plain_words():
    """Menus, buttons and notices the normaliser took out of the body do not vanish (no word is
    lost), but every edition sets them as one run-in list of plain words after the credits: no
    footnote for each menu link in print, nothing that reads as part of the book."""
    from tests.normalise.helpers import normalised as normalise_markdown

    page = (Path(__file__).parent / "normalise" / "page-with-furniture.md").read_text(encoding="utf-8")
    text = normalise_markdown(page, title="Why the Strike Wave Matters", authors=("Maria Lopez",))
    publication = reader(text)
    [built] = publication.texts
    assert "Advertisement" in built.removed_items
    assert not any("Advertisement" in ast_text for ast_text in map(_text_of, built.credits))
    for name, markup in editions(publication).items():
        found = re.search(r'<p class="removed-from-page">(.*?)</p>', markup, re.S)
        assert found, name
        removed = found.group(1)
        assert "<a " not in removed and "link-note" not in removed, name
        removed = re.sub(r"<[^>]+>", "", removed)
        assert "Advertisement" in removed and "Home News Opinion Culture Donate" in removed, name
        assert "weekly newsletter" in removed, name


def _text_of(block: Block) -> str:
    from pamphleteer.ast import text_of

    return text_of(block.node)


def test_the_build_notes_each_pamphlet_that_would_open_without_an_introduction():
    own = ParsedPart(source=SourcePart(path=Path("/s/texts/roe-unions.md"), name="introduction",
                                       title="Introduction", body="x", body_line=1),
                     blocks=(para("Roe wrote this for the dockers of Hull.", 1),))
    _, found = build_publication(settings(pamphlets="each"), (SMITH, ROE), (introduction(),), WHEN,
                                 "Pamphleteer test", introductions={"roe-unions": own})
    noted = [d for d in found if d.code == "I006"]
    assert [d.file for d in noted] == [Path("/s/texts/smith-solidarity.md")]
    assert "introduction:" in noted[0].message
    _, reader_only = build_publication(settings(), (SMITH, ROE), (introduction(),), WHEN, "Pamphleteer test")
    assert not [d for d in reader_only if d.code == "I006"]  # no pamphlets asked for
