"""List a publication's texts: the library side of `build.py list`.

The sources are read, parsed, normalised and modelled exactly as a build does
(nothing is rendered, and no edition written), and each text is summarised in reading
order: its title and authors, where its place in the order comes from, its
word count, whether it has discussion questions, and the diagnostics still
open for it (warnings) beside the repairs the build will make (notes), and what
the repairs take out of its body and where it goes (the page's furniture to the
credits, a bio to "About the authors", …), so that nothing leaves a text unseen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pamphleteer import ast
from pamphleteer.cache import CACHE_FOLDER, Cache
from pamphleteer.codeprint import code_fingerprint
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.parse import Block
from pamphleteer.pipeline import assemble
from pamphleteer.sources import read_sources
from pamphleteer.workspace import is_ours

WORD = re.compile(r"\w")
# Where the blocks that each repair takes out of a body go (the rest stay in it).
DESTINATIONS = {
    **dict.fromkeys(("N410", "N415", "N420", "N421", "N422", "N423", "N424", "N425", "N426", "N429"),
                    "credits"),
    **dict.fromkeys(("N412", "N427"), "About the authors"),
    **dict.fromkeys(("N413", "N414"), "source note"),
    "N406": "standfirst",
    **dict.fromkeys(("N402", "N403", "N404", "N405", "N407"), "metadata"),
}


@dataclass(frozen=True)
class Removal:
    """A block that left a text's body: where it stood, by which repair, and where it went."""

    line: int
    code: str
    text: str
    destination: str


def removals(diagnostics: Iterable[Diagnostic]) -> tuple[Removal, ...]:
    """What the repairs took out of a body, in the order of the text."""
    out = []
    for diagnostic in diagnostics:
        destination = DESTINATIONS.get(diagnostic.code) or (
            "credits" if diagnostic.after == "the credits" else "")
        if destination:
            out.append(Removal(diagnostic.line or 0, diagnostic.code, diagnostic.before or "", destination))
    return tuple(sorted(out, key=lambda removal: removal.line))


@dataclass(frozen=True)
class TextSummary:
    """One line of `build.py list`."""

    position: int  # 1-based place in the reading order
    slug: str
    path: Path
    title: str
    authors: tuple[str, ...]
    listed: bool  # placed by publication.toml's `order` (else appended)
    words: int
    questions: int
    warnings: tuple[Diagnostic, ...]  # still open: a person should look at them
    notes: tuple[Diagnostic, ...]  # repairs and inferences the build makes by itself
    removed: tuple[Removal, ...] = ()  # blocks the repairs take out of the body, and where they go


@dataclass(frozen=True)
class Listing:
    """The publication's texts, in reading order, and diagnostics that belong to no text."""

    title: str
    texts: tuple[TextSummary, ...]
    other: tuple[Diagnostic, ...]


def count_words(value: Block | ast.Node | Iterable[Block | ast.Node]) -> int:
    """The words in a piece of pandoc AST: every `Str` with a letter or a digit in it."""
    items = [value] if isinstance(value, Block | dict) else list(value)
    roots = [item.node if isinstance(item, Block) else item for item in items]
    return sum(1 for node in ast.walk(roots) if WORD.search(ast.word_of(node)))


def list_texts(sources_dir: Path, output_dir: Path | None = None) -> Listing:
    """Summarise every text of the publication in `sources_dir`, in reading order.

    When `output_dir` holds a build cache, texts parsed by an earlier build are
    not parsed again (nothing is written there when it holds none).
    """
    sources = read_sources(sources_dir.resolve())
    cache_dir = output_dir / CACHE_FOLDER if output_dir is not None else None
    if cache_dir is not None and cache_dir.is_dir() and is_ours(cache_dir.parent):  # a build's own cache
        publication, diagnostics = assemble(sources, Cache(cache_dir), code_fingerprint())
    else:
        publication, diagnostics = assemble(sources)
    paths = {text.slug: text.path.resolve() for text in sources.texts}
    by_file: dict[Path, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        key = diagnostic.file.resolve() if diagnostic.file is not None else Path()
        by_file.setdefault(key, []).append(diagnostic)
    summaries = []
    for position, text in enumerate(publication.texts, start=1):
        own = by_file.pop(paths[text.slug], [])
        summaries.append(
            TextSummary(
                position=position,
                slug=text.slug,
                path=paths[text.slug],
                title=text.title,
                authors=text.authors,
                listed=text.slug in sources.settings.order,
                words=count_words(text.standfirst) + count_words(text.body),
                questions=len(text.questions),
                warnings=tuple(d for d in own if d.severity is not Severity.INFO),
                notes=tuple(d for d in own if d.severity is Severity.INFO),
                removed=removals(own),
            )
        )
    other = tuple(d for ds in by_file.values() for d in ds if d.severity is not Severity.INFO)
    return Listing(
        title=publication.title,
        texts=tuple(summaries),
        other=other,
    )
