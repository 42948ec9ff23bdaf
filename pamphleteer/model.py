"""The publication as every edition sees it: frozen dataclasses, no I/O.

`build_publication` combines the settings, the normalised texts and the shared
parts into one `Publication`. Every renderer draws the same front matter,
texts, questions and credits from it, so the editions cannot drift apart.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pamphleteer.config import Settings
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise import NormalisedText
from pamphleteer.parse import Block, ParsedPart


@dataclass(frozen=True)
class Text:
    """One text of the publication, ready to render."""

    slug: str
    title: str
    subtitle: str
    authors: tuple[str, ...]
    date: str  # ISO date of first publication, or ""
    lang: str
    publication: str  # where it first appeared
    source: str  # URL of the original
    rights: str
    standfirst: tuple[Block, ...]
    body: tuple[Block, ...]
    questions: tuple[str, ...]
    source_note: tuple[Block, ...]
    bio: tuple[Block, ...]
    credits: tuple[Block, ...]

    @property
    def byline(self) -> str:
        """The authors as one line: "A", "A and B", "A, B and C"."""
        if len(self.authors) <= 1:
            return "".join(self.authors)
        return ", ".join(self.authors[:-1]) + " and " + self.authors[-1]


@dataclass(frozen=True)
class Part:
    """A shared part of the front or back matter (the introduction, …)."""

    name: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Publication:
    """Everything an edition shows."""

    settings: Settings
    texts: tuple[Text, ...]
    front: tuple[Part, ...]
    edition_time: datetime.datetime  # UTC; from SOURCE_DATE_EPOCH or the sources' last change
    generator: str  # "Pamphleteer 0.1 (pandoc 3.9)", for the imprint and metadata

    @property
    def edition_date(self) -> datetime.date:
        return self.edition_time.date()

    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def authors(self) -> tuple[str, ...]:
        """Every author of every text, once each, in reading order."""
        return tuple(dict.fromkeys(author for text in self.texts for author in text.authors))


def build_text(text: NormalisedText, default_lang: str) -> tuple[Text, tuple[Diagnostic, ...]]:
    """Merge front matter with what the normaliser inferred (front matter wins)."""
    meta, inferred, source = text.source.meta, text.inferred, text.source
    diagnostics: list[Diagnostic] = []

    def pick(key: str, given: str, found: str) -> str:
        if given:
            return given
        if found:
            diagnostics.append(
                Diagnostic("I001", Severity.INFO, f"{key} inferred from the text: {found}", source.path)
            )
        return found

    title = pick("title", meta.title, inferred.title)
    if not title:
        title = source.slug.replace("-", " ").capitalize()
        diagnostics.append(
            Diagnostic(
                "W001", Severity.WARNING,
                f"no title in front matter or text; using '{title}'. Add 'title:' to the front matter",
                source.path,
            )
        )
    authors = meta.authors or inferred.authors
    if not meta.authors and inferred.authors:
        diagnostics.append(
            Diagnostic("I001", Severity.INFO, f"author inferred from the text: {', '.join(authors)}", source.path)
        )
    if not meta.questions:
        diagnostics.append(
            Diagnostic(
                "W002", Severity.WARNING,
                "the text has no discussion questions yet; add a 'questions:' list to its front matter",
                source.path,
            )
        )
    return (
        Text(
            slug=source.slug,
            title=title,
            subtitle=pick("subtitle", meta.subtitle, inferred.subtitle),
            authors=authors,
            date=pick("date", meta.date, inferred.date),
            lang=meta.lang or default_lang,
            publication=pick("publication", meta.publication, inferred.publication),
            source=pick("source", meta.source, inferred.source),
            rights=meta.rights,
            standfirst=text.standfirst,
            body=text.blocks,
            questions=meta.questions,
            source_note=text.source_note,
            bio=text.bio,
            credits=text.credits,
        ),
        tuple(diagnostics),
    )


def build_publication(
    settings: Settings,
    texts: tuple[NormalisedText, ...],
    parts: tuple[ParsedPart, ...],
    edition_time: datetime.datetime,
    generator: str,
) -> tuple[Publication, tuple[Diagnostic, ...]]:
    """Assemble the publication from its normalised texts and shared parts."""
    built = [build_text(text, settings.language) for text in texts]
    diagnostics = tuple(d for _, ds in built for d in ds)
    front = tuple(Part(part.source.name, part.source.title, part.blocks) for part in parts)
    publication = Publication(
        settings=settings,
        texts=tuple(text for text, _ in built),
        front=front,
        edition_time=edition_time,
        generator=generator,
    )
    return publication, diagnostics
