"""Run one converted page through the real pipeline (read, parse, normalise, the web edition's writer).

`measure(markdown_file)` reads the file as `build.py` would, repairs it with the
normaliser, writes its blocks with the web edition's HTML writer and hands what a
reader sees to the damage detector, with the article's expected.yaml and its page.
"""

from __future__ import annotations

import fnmatch
import functools
import gzip
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import yaml

from pamphleteer.errors import PamphleteerError
from pamphleteer.model import build_text
from pamphleteer.normalise import NormalisedText, normalise
from pamphleteer.parse import Block, parse_text
from pamphleteer.render.markup import LinkStyle
from pamphleteer.render.templates import block_writer
from pamphleteer.sources import SourceText, TextMeta, read_text
from pamphleteer.workers import JOBS_VARIABLE, default_jobs
from tests.corpus.damage import Damage, Edition, Expected, detect, vocabulary

CORPUS = Path(__file__).resolve().parent
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")  # lxml refuses it in a decoded string
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Article:
    """One page of the corpus: its folder, what it states, the words it has."""

    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @functools.cached_property
    def data(self) -> dict[str, Any]:
        return yaml.safe_load((self.folder / "expected.yaml").read_text(encoding="utf-8"))

    @functools.cached_property
    def expected(self) -> Expected:
        return Expected.from_yaml(self.data)

    @functools.cached_property
    def visible_text(self) -> str:
        return page_text(self.folder / "source.html.gz")

    @functools.cached_property
    def page_words(self) -> frozenset[str]:
        return vocabulary(self.visible_text, rendered_text(self.folder / "source.html.gz"))

    @property
    def inputs(self) -> list[Path]:
        return [self.folder / f"{name}.md" for name in self.data["converters"]]

    @property
    def site(self) -> str:
        """The page's host name without "www.", or "" when its address is not known."""
        url = self.data["provenance"].get("url") or ""
        return url.split("/")[2].removeprefix("www.") if "//" in url else ""


@dataclass(frozen=True)
class Result:
    """One converted file through the pipeline: its damage, and the message if the build refused it.

    A refused file's body is still measured (as if it had no front matter), so the damage a
    reader will see once it is accepted is counted; its metadata is "refused" where the page states it.
    """

    article: str
    converter: str
    refused: str = ""
    damage: Damage | None = None


@functools.cache
def _article(folder: Path) -> Article:
    return Article(folder)  # one per folder, so each page is read once


def articles() -> list[Article]:
    return [_article(path.parent) for path in sorted(CORPUS.glob("*/expected.yaml"))]


def _page(path: Path) -> lxml.html.HtmlElement:
    """A saved page's document, its scripts and styles left out."""
    from trafilatura.utils import decode_file  # the corpus's own decoding, as the converters had it

    html = XML_DECLARATION.sub("", decode_file(gzip.decompress(path.read_bytes())))
    document = lxml.html.fromstring(html)
    for element in document.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return document


def page_text(path: Path) -> str:
    """The visible text of a saved page, each element's text apart."""
    return " ".join(_page(path).itertext())


def rendered_text(path: Path) -> str:
    """The visible text of a saved page as a browser runs it: inline elements together, each
    innermost block on a line of its own (its comments left out)."""
    document = _page(path)
    for comment in document.xpath("//comment()|//processing-instruction()"):
        if comment.getparent() is not None:
            comment.drop_tree()  # its tail stays
    return "\n".join(_leaf_texts(document))


LEAF_BLOCKS = frozenset(("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th",
                         "figcaption", "dt", "dd", "aside", "div", "section", "figure", "table", "ul", "ol"))


def leaf_texts(html: str) -> list[str]:
    """The text of each innermost block of an HTML fragment (a paragraph, an item, a cell) in order.

    A reader sees a menu item or a "Share" button as a line of its own even when the
    converter left the whole page in one wrapper; text loose in a wrapper is a line too.
    """
    return _leaf_texts(lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div"))


def _leaf_texts(root: lxml.html.HtmlElement) -> list[str]:
    """The text of each innermost block under `root`, in order (see `leaf_texts`)."""
    texts: list[str] = []

    def visit(element: lxml.html.HtmlElement) -> None:
        if not any(child.tag in LEAF_BLOCKS for child in element.iterdescendants()):
            texts.append(element.text_content())
            return
        loose = [element.text or ""]
        for child in element:  # a block, or what holds blocks (a table's body and rows)
            if child.tag in LEAF_BLOCKS or any(d.tag in LEAF_BLOCKS for d in child.iterdescendants()):
                texts.append(" ".join(loose))
                loose = []
                visit(child)
            else:
                loose.append(child.text_content())
            loose.append(child.tail or "")
        texts.append(" ".join(loose))

    visit(root)
    return [text for text in (re.sub(r"\s+", " ", raw).strip() for raw in texts) if text]


def blocks_text(blocks: tuple[Block, ...], slug: str, links: list[str] | None = None) -> list[str]:
    """Each block as the web edition shows it: the text of the HTML its writer makes, leaf by leaf.

    With `links`, the addresses of the blocks' links are added to it.
    """
    write = block_writer(LinkStyle.LIVE)
    texts = []
    for block in blocks:
        written = write([block], slug)
        texts.extend(leaf_texts(str(written.html)))
        for note in written.notes:
            texts.extend(leaf_texts(str(note)))
        if links is not None and "<a " in written.html:
            root = lxml.html.fragment_fromstring(str(written.html), create_parent="div")
            links.extend(anchor.get("href", "") for anchor in root.iter("a"))
    return texts


def without_front_matter(path: Path) -> SourceText:
    """The file's body alone, as if its front matter were not there (to measure a refused file)."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    body, line = (text[match.end():], text[:match.end()].count("\n") + 1) if match else (text, 1)
    return SourceText(path=path, slug=path.stem, meta=TextMeta(), body=body, body_line=line)


def edition(path: Path, source: SourceText | None = None, repair: bool = True) -> Edition:
    """What the web edition of one Markdown file shows. Raises PamphleteerError when refused.

    With `repair` False the normaliser is switched off: the body as the converter wrote it
    (the figure the repairs are measured against)."""
    source = source or read_text(path)
    parsed = parse_text(source)
    normalised = normalise(parsed) if repair else NormalisedText(source=source, blocks=parsed.blocks)
    text, _ = build_text(normalised, "en")
    groups = (text.standfirst, text.source_note, text.bio, text.credits)
    elsewhere = [text.subtitle, *(part for group in groups for part in blocks_text(group, text.slug))]
    links: list[str] = []
    body = blocks_text(text.body, text.slug, links)
    return Edition(title=text.title, authors=text.authors, date=text.date, publication=text.publication,
                   body=tuple(body), links=tuple(links), elsewhere=tuple(elsewhere))


def measure(article: Article, path: Path, repair: bool = True) -> Result:
    """The damage one converted file of an article still carries after the pipeline (or without repair)."""
    converter, refused = path.stem, ""
    try:
        shown = edition(path, repair=repair)
    except PamphleteerError as error:  # refused: measure the body alone, the refusal counted apart
        refused = f"{error.code}: {error}"
        try:
            shown = edition(path, without_front_matter(path), repair)
        except PamphleteerError:
            return Result(article.name, converter, refused=refused)
    received = path.read_text(encoding="utf-8")
    damage = detect(shown, article.expected, article.page_words, received, article.visible_text)
    if refused:  # the build gives no metadata at all
        damage.metadata = {key: "n/a" if verdict == "n/a" else "refused"
                           for key, verdict in damage.metadata.items()}
    return Result(article.name, converter, refused=refused, damage=damage)


def _measure_named(folder: Path, path: Path, repair: bool = True) -> Result:
    return measure(_article(folder), path, repair)


def chosen(article: str, path: Path, patterns: tuple[str, ...]) -> bool:
    """Whether one file of the corpus matches any of the shell patterns (all files when none).

    A pattern is matched against the article's name ("gaijinpot-*"), the file's name
    ("html2text.md"), its converter ("pandoc-*") and both together ("telegraph-*/trafilatura")."""
    names = (article, path.name, path.stem, f"{article}/{path.stem}", f"{article}/{path.name}")
    return not patterns or any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns for name in names)


def measure_all(repair: bool = True, only: tuple[str, ...] = ()) -> list[Result]:
    """Every file of the corpus (or those `only`'s patterns choose, see `chosen`), in order; with
    `PAMPHLETEER_JOBS` above 1, in that many processes.

    `repair` False: with the normaliser switched off."""
    work = [(article.folder, path) for article in articles() for path in article.inputs
            if chosen(article.name, path, only)]
    if not work:
        return []
    jobs = min(default_jobs(os.environ.get(JOBS_VARIABLE)), len(work))
    if jobs <= 1:
        return [_measure_named(folder, path, repair) for folder, path in work]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(functools.partial(_measure_named, repair=repair), *zip(*work, strict=True),
                             chunksize=2))
