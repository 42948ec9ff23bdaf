"""Check that the editions carry the texts: every word of every body in order, every URL kept.

What is expected comes from the sources, read again through the pipeline's
own stages (read, parse, normalise, model): the words of each text's
normalised body (pull quotes left out, since they repeat the text), and the
URL of every link the publication holds (bodies, standfirsts, source notes,
bios, credits, shared parts), dead and in-page links excepted. Each edition
must then carry every word of every body in order (see `textmatch`), and
every URL: as a live `<a href>` in the EPUB and the HTML, printed (in the
notes) in the PDF.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pamphleteer import ast
from pamphleteer.check.extract import EditionText, epub_text, html_text, pdf_text
from pamphleteer.check.result import CheckResult, could_not_run, result_from
from pamphleteer.check.textmatch import match_in_order, words
from pamphleteer.check.tools import ToolFailed, ToolMissing
from pamphleteer.errors import Diagnostic, PamphleteerError, Severity
from pamphleteer.parse import Block
from pamphleteer.pipeline import assemble
from pamphleteer.render.printtype import printed_standfirst, shown_address
from pamphleteer.sources import read_sources

NAME = "fidelity"


@dataclass(frozen=True)
class ExpectedText:
    """One text's words (with the source line of the block each starts) and its links."""

    title: str
    source: Path
    words: tuple[str, ...]
    lines: tuple[tuple[int, int], ...]  # (index of the block's first word, its source line)
    links: tuple[tuple[str, int], ...]  # (URL, source line)

    def line_of(self, index: int) -> int | None:
        line = None
        for first, block_line in self.lines:
            if first > index:
                break
            line = block_line
        return line


@dataclass(frozen=True)
class Expected:
    """What every edition of a publication must carry."""

    slug: str
    texts: tuple[ExpectedText, ...]
    links: tuple[tuple[str, Path, int | None], ...]  # every URL with where it comes from
    # URLs only in what print leaves out of a long standfirst (render/printtype.py, a documented
    # choice): the ebook and web edition must carry them, the PDF need not.
    not_printed: frozenset[str] = frozenset()


def _no_pull_quotes(blocks: list[ast.Node]) -> list[ast.Node]:
    return [block for block in blocks if not ast.is_pull_quote(block)]


def _no_alt_text(inlines: list[ast.Node]) -> list[ast.Node]:
    """An image's description, when it is only its alt text (no `alt` attribute beside it, which would
    make it the caption), is not printed: it is not expected as the text's words."""
    if not any(ast.kind(node) == "Image" for node in inlines):
        return inlines
    return [ast.make_image([], ast.image_target(node))
            if ast.kind(node) == "Image" and not ast.attr_of(node).get("alt") else node
            for node in inlines]


def _text_words(block: Block) -> list[str]:
    """The words of a block a reader reads as the text: pull quotes inside it left out (they repeat it),
    and images' alt text (printed nowhere; the ebook and web editions carry it in `alt`)."""
    return words(ast.text_of(ast.transform(block.node, blocks=_no_pull_quotes, inlines=_no_alt_text)))


def _urls(node: ast.Node) -> Iterator[str]:
    """The URLs of the links in a node that lead out of the page (dead and in-page links excepted)."""
    for item in ast.walk(node):
        if ast.kind(item) == "Link":
            url = ast.link_target(item)
            if not ast.is_dead_url(url) and not url.startswith("#"):
                yield url


def _block_links(blocks: Iterable[Block]) -> Iterator[tuple[str, int]]:
    for block in blocks:
        for url in _urls(block.node):
            yield url, block.line


def expected_from(sources: Path) -> Expected:
    """Read the sources through the pipeline's stages and list what the editions must carry."""
    publication, _ = assemble(read_sources(sources.resolve()))
    texts = []
    links: list[tuple[str, Path, int | None]] = []
    not_printed: set[str] = set()
    for text in publication.texts:
        source = sources / "texts" / f"{text.slug}.md"
        found: list[str] = []
        lines = []
        for block in text.body:
            if ast.is_pull_quote(block.node):
                continue
            lines.append((len(found), block.line))
            found += _text_words(block)
        held = [text.standfirst, text.body, text.source_note, text.bio, text.credits]
        text_links = tuple(link for blocks in held for link in _block_links(blocks))
        printed = [printed_standfirst(text.standfirst), *held[1:]]
        in_print = {url for blocks in printed for url, _ in _block_links(blocks)}
        not_printed |= {url for url, _ in text_links} - in_print
        links += [(url, source, line) for url, line in text_links]
        texts.append(ExpectedText(text.title, source, tuple(found), tuple(lines), text_links))
    for part in publication.front:
        front_links = list(_block_links(part.blocks))
        links += [(url, sources / "front" / f"{part.name}.md", line) for url, line in front_links]
        not_printed -= {url for url, _ in front_links}
    slug = publication.settings.slug
    return Expected(slug, tuple(texts), tuple(dict.fromkeys(links)), frozenset(not_printed))


def _printed(url: str, compact: Iterable[str]) -> bool:
    """Whether `url` is printed: whole, or as print shows a long one, cut short (its link whole)."""
    ways = {url, re.sub(r"\s+", "", shown_address(url))}
    ways |= {re.sub(r"^[a-z]+://", "", way) for way in ways}
    return any(way in text for text in compact for way in ways)


def fidelity(edition: Path, expected: Expected) -> CheckResult:
    """Every word of every text in order, and every URL, in one edition."""
    kind = edition.suffix.lstrip(".")
    try:
        extracted: EditionText = {"pdf": pdf_text, "epub": epub_text, "html": html_text}[kind](edition)
    except (ToolMissing, ToolFailed) as error:
        return could_not_run(NAME, edition, str(error), missing=isinstance(error, ToolMissing))
    except (OSError, KeyError, StopIteration, ValueError) as error:  # a broken zip or document
        return could_not_run(NAME, edition, f"the edition's text could not be read: {error}")
    found: list[Diagnostic] = []
    edition_words = words(extracted.text)
    total = missing = 0
    for text in expected.texts:
        match = match_in_order(list(text.words), edition_words, displaced=kind == "pdf")
        total += match.total
        missing += match.missing_words
        by_line: dict[int | None, list[Any]] = {}  # one message per source paragraph
        for run in match.missing:
            by_line.setdefault(text.line_of(run.index), []).append(run)
        for line, runs in by_line.items():
            found.append(
                Diagnostic(
                    "fidelity/missing-words",
                    Severity.ERROR,
                    f"{sum(len(run.words) for run in runs)} word(s) of '{text.title}' are not in "
                    f"{edition.name} in order: "
                    + " … ".join("[" + " ".join(run.words) + "]" for run in runs)
                    + f" (at: {runs[0].context})",
                    text.source,
                    line,
                )
            )
    if kind == "pdf":
        raw = extracted.text
        compact = [re.sub(r"\s+", "", raw), re.sub(r"\s+", "", re.sub(r"[-\u2010]\s*\n", "", raw))]
        lost = [
            (url, source, line) for url, source, line in expected.links
            if url not in expected.not_printed and not _printed(url, compact)
        ]
        how = "printed"
    else:
        live = set(extracted.links)
        lost = [(url, source, line) for url, source, line in expected.links if url not in live]
        how = "a live link"
    for url, source, line in lost:
        found.append(
            Diagnostic(
                "fidelity/url-lost", Severity.ERROR, f"{url} is not {how} in {edition.name}", source, line
            )
        )
    counts = (("words", total), ("missing", missing), ("URLs", len(expected.links)), ("lost", len(lost)))
    return result_from(NAME, edition, found, counts=counts)


def fidelity_of(folder: Path, sources: Path) -> list[CheckResult]:
    """The fidelity check of each edition of the publication in `sources` found in `folder`."""
    try:
        expected = expected_from(sources)
    except PamphleteerError as error:
        return [could_not_run(NAME, sources, f"the sources could not be read to know the texts: {error}")]
    editions = [folder / f"{expected.slug}.{kind}" for kind in ("pdf", "epub", "html")]
    present = [edition for edition in editions if edition.is_file()]
    if not present:
        return [
            could_not_run(
                NAME,
                folder,
                f"no edition of '{expected.slug}' (from {sources}) is here; "
                "build it first with 'python build.py', or give the right --sources",
            )
        ]
    return [fidelity(edition, expected) for edition in present]
