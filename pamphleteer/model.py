"""The publication as every edition sees it: frozen dataclasses, no I/O.

`build_publication` combines the settings, the normalised texts and the shared
parts into one `Publication`: title page, imprint, contents, front parts (the
introduction), the texts with their questions, and the back matter ("About the
authors", "Sources and credits"). Every renderer draws all of it from this one
value, so the editions cannot drift apart. `pamphlet` derives, from the same
value, the publication of a single text with the same shared parts.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pamphleteer import ast, codes
from pamphleteer.config import SLUG_PATTERN, Settings
from pamphleteer.errors import Diagnostic, Severity, SourceError
from pamphleteer.figures import ImageFile
from pamphleteer.look import Look
from pamphleteer.meta import site_as_author
from pamphleteer.parse import Block, ParsedPart
from pamphleteer.wording import primary_language, words

if TYPE_CHECKING:  # only named in annotations: loading the normaliser here would slow every command
    from pamphleteer.meta import TextMeta
    from pamphleteer.normalise import Inferred, NormalisedText
    from pamphleteer.sources import SourceText

# Ids the edition templates use for their own sections: no text or part may take them.
RESERVED_NAMES = frozenset({"title-page", "imprint", "contents", "contents-heading", "main"})
# The codes of normalise/boilerplate.py under which the page's furniture left the body for the
# credits (navigation, buttons, related stories, comments, notices, the site's header, tags).
PAGE_FURNITURE = frozenset({"N420", "N421", "N422", "N423", "N424", "N425", "N426", "N429"})
ABOUT_THE_AUTHORS = "about-the-authors"
SOURCES_AND_CREDITS = "sources-and-credits"


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
    # The page's furniture the normaliser moved out of the body (menus, buttons, notices, comments):
    # kept, so that no word is lost, but set apart from the credits as a compact list.
    removed: tuple[Block, ...] = ()
    # What opens the text's own pamphlet (front matter `introduction:`), not shown in the reader.
    introduction: tuple[Block, ...] = ()

    @property
    def removed_items(self) -> tuple[str, ...]:
        """Each piece of furniture removed from the page, as plain words (its links unlinked)."""
        return tuple(words for block in self.removed if (words := ast.text_of(block.node)))

    @property
    def byline(self) -> str:
        """The authors as one line: "A", "A and B", "A, B and C"."""
        if len(self.authors) <= 1:
            return "".join(self.authors)
        return ", ".join(self.authors[:-1]) + " and " + self.authors[-1]

    @functools.cached_property
    def question_blocks(self) -> tuple[Block, ...]:
        """The questions as paragraphs numbered from 1, so every edition writes them (and marks
        print page starts in them) like any other block: ids `<slug>-question-<n>`."""
        blocks = []
        for number, question in enumerate(self.questions, start=1):
            inlines: list[ast.Node] = []
            for word in question.split():
                if inlines:
                    inlines.append(ast.make_space())
                inlines.append(ast.make_str(word))
            blocks.append(Block(line=number, node=ast.make_plain(inlines)))
        return tuple(blocks)

    @property
    def published(self) -> datetime.date | None:
        """The date of first publication, when `date` is a full ISO date."""
        try:
            return datetime.date.fromisoformat(self.date[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class Part:
    """A shared part of the front or back matter (the introduction, "About the authors", …).

    Front parts carry their own blocks (from `sources/front/<name>.md`); back parts are
    drawn by the templates from the texts (`blocks` is empty).
    """

    name: str
    title: str
    blocks: tuple[Block, ...] = ()
    in_pamphlets: bool = False  # a front part that also opens each text's own pamphlet


@dataclass(frozen=True)
class AuthorNote:
    """One entry of "About the authors": who, the bio found in their text, what they wrote here."""

    authors: tuple[str, ...]
    bio: tuple[Block, ...]
    texts: tuple[Text, ...]

    @property
    def byline(self) -> str:
        return self.texts[0].byline


@dataclass(frozen=True)
class Entry:
    """One line of the contents, in reading order."""

    name: str  # the id of the part or text: the link target in every edition
    title: str
    kind: str  # "front", "text" or "back"
    byline: str = ""


@dataclass(frozen=True)
class Publication:
    """Everything an edition shows."""

    settings: Settings
    texts: tuple[Text, ...]
    front: tuple[Part, ...]
    edition_time: datetime.datetime  # UTC; from SOURCE_DATE_EPOCH or the sources' last change
    generator: str  # "Pamphleteer 0.1 (pandoc 3.9)", for the imprint and metadata
    back: tuple[Part, ...] = ()  # "About the authors", "Sources and credits"
    fingerprint: str = ""  # a short digest of the sources, printed in the build stamp
    collection: str = ""  # for a pamphlet: the title of the reader it comes from
    images: tuple[ImageFile, ...] = ()  # every image the texts and parts show, each once
    cover: ImageFile | None = None  # the ebook's cover image publication.toml names, if it was kept
    look: Look = Look()  # the publication's own stylesheets (styles/ beside publication.toml)

    def image(self, path: str) -> ImageFile | None:
        """The image file a text names by `path` (relative to the sources folder), if it was kept."""
        return next((image for image in self.images if image.path == path), None)

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

    @property
    def contents(self) -> tuple[Entry, ...]:
        """Front parts, texts and back parts, in reading order: the contents of every edition."""
        return (
            *(Entry(part.name, part.title, "front") for part in self.front),
            *(Entry(text.slug, text.title, "text", text.byline) for text in self.texts),
            *(Entry(part.name, part.title, "back") for part in self.back),
        )

    @property
    def author_notes(self) -> tuple[AuthorNote, ...]:
        """"About the authors": one entry per author or team, in reading order.

        A team that wrote several texts appears once, with the first bio found.
        Texts without a known author are left out (the build report notes them, I003).
        """
        groups: dict[tuple[str, ...], list[Text]] = {}
        for text in self.texts:
            if text.authors:
                groups.setdefault(text.authors, []).append(text)
        return tuple(
            AuthorNote(
                authors=authors,
                bio=next((text.bio for text in texts if text.bio), ()),
                texts=tuple(texts),
            )
            for authors, texts in groups.items()
        )


def _given_standfirst(summary: str, body: tuple[Block, ...]) -> tuple[Block, ...]:
    """The converter's summary (front matter `description`, `excerpt` …) as the standfirst.

    Not when the body's opening already says it (converters often copy the first paragraph, in
    the page's straight quotes where the body's are curled by now, or cut it short with "…").
    """
    from pamphleteer.normalise.clipper import repeats  # loaded by now: the body is normalised

    words = " ".join(summary.split())
    opening = " ".join(ast.text_of(block.node) for block in body[:3])
    if not words or repeats(words, opening):
        return ()
    return (Block(line=1, node=ast.make_para(ast.words_to_inlines(words))),)


def _language(given: str, found: str, default: str, diagnostics: list[Diagnostic], source: SourceText) -> str:
    """The text's language: its front matter's, else the one its words are in where that is
    not the publication's (printed, for a person to confirm), else the publication's."""
    if given or not found or found == primary_language(default):
        return given or default
    diagnostics.append(Diagnostic(
        codes.INFERRED, Severity.INFO,
        f"language inferred from the text: {found} (the publication's is {default}); "
        f"write 'lang:' in the front matter to overrule it", source.path,
    ))
    return found


def _curled(key: str, value: str, meta: TextMeta, diagnostics: list[Diagnostic], source: SourceText) -> str:
    """A title's straight quotes set as the body's are (N501), unless `keep:` names N501: a title
    "Germany's past" is printed "Germany’s past", as the same word is in the text under it."""
    if ("'" not in value and '"' not in value) or "N501" in {entry.upper() for entry in meta.keep}:
        return value
    from pamphleteer.normalise.typography import curl_text

    curled = curl_text(value)
    diagnostics.append(Diagnostic("N501", Severity.INFO, f"straight quotes in the {key} became typographic "
                                  "quotes", source.path, 1, value, curled))
    return curled


def _completes(found: tuple[str, ...], given: tuple[str, ...]) -> bool:
    """Whether the authors the text names (`found`) are those the front matter gives and more: a clipper
    takes the first of a byline's names, or a group's pieces are each signed by one of several writers."""
    from pamphleteer.normalise.names import same_name  # a leaf module of the normaliser

    return bool(given) and len(found) > len(given) and all(
        any(same_name(name, other) for other in found) for name in given)


def build_text(
    text: NormalisedText, default_lang: str, introduction: tuple[Block, ...] = ()
) -> tuple[Text, tuple[Diagnostic, ...]]:
    """Merge front matter with what the normaliser inferred (front matter wins)."""
    meta, inferred, source = text.source.meta, text.inferred, text.source
    diagnostics: list[Diagnostic] = []

    def pick(key: str, given: str, found: str) -> str:
        if given:
            return given
        if found:
            diagnostics.append(
                Diagnostic(codes.INFERRED, Severity.INFO, f"{key} inferred from the text: {found}",
                           source.path)
            )
        return found

    title = pick("title", meta.title, inferred.title)
    if not title:
        title = source.slug.replace("-", " ").capitalize()
        diagnostics.append(
            Diagnostic(
                codes.NO_TITLE, Severity.WARNING,
                f"no title in front matter or text; using '{title}'. Add 'title:' to the front matter",
                source.path,
            )
        )
    title = _curled("title", title, meta, diagnostics, source)
    authors = meta.authors or inferred.authors
    if inferred.authors and site_as_author(meta):  # "Makronom" at makronom.de, the writers in its bio
        authors = inferred.authors
        diagnostics.append(
            Diagnostic(codes.INFERRED, Severity.INFO,
                       f"author inferred from the text: {', '.join(authors)} (the front matter's author, "
                       f"{meta.authors[0]}, is the site's name)", source.path)
        )
    elif _completes(inferred.authors, meta.authors):  # a clipper's first author of the byline's several
        authors = inferred.authors
        diagnostics.append(
            Diagnostic(codes.INFERRED, Severity.INFO,
                       f"authors completed from the text: {', '.join(authors)} "
                       f"(the front matter names {', '.join(meta.authors)})", source.path)
        )
    if not meta.authors and inferred.authors:
        diagnostics.append(
            Diagnostic(codes.INFERRED, Severity.INFO, f"author inferred from the text: {', '.join(authors)}",
                       source.path)
        )
    if not authors:
        diagnostics.append(
            Diagnostic(
                codes.NO_AUTHOR, Severity.INFO,
                "no author in front matter or text, so the text is missing from 'About the authors'; "
                "add 'author:' to the front matter",
                source.path,
            )
        )
    if not meta.questions:
        diagnostics.append(
            Diagnostic(
                codes.NO_QUESTIONS, Severity.WARNING,
                "the text has no discussion questions yet; add a 'questions:' list to its front matter",
                source.path,
            )
        )
    furniture = {d.line for d in text.diagnostics if d.code in PAGE_FURNITURE and d.file == source.path}
    source_url = pick("source", meta.source, inferred.source)
    if not source_url:
        diagnostics.append(
            Diagnostic(
                codes.NO_SOURCE, Severity.INFO,
                "no source URL in front matter or text, so the credits cannot say where the original "
                "is; add 'source:' to the front matter",
                source.path,
            )
        )
    if not meta.rights:
        diagnostics.append(
            Diagnostic(
                codes.DEFAULT_RIGHTS, Severity.INFO,
                "no 'rights:' in front matter; the imprint says that copyright remains with the "
                "author or the original publisher",
                source.path,
            )
        )
    return (
        Text(
            slug=source.slug,
            title=title,
            subtitle=_curled("subtitle", pick("subtitle", meta.subtitle, inferred.subtitle), meta,
                             diagnostics, source),
            authors=authors,
            date=pick("date", _dateline_over_time_zone(meta, inferred.date, diagnostics, source),
                      inferred.date),
            lang=_language(meta.lang, inferred.lang, default_lang, diagnostics, source),
            publication=_publication(meta, inferred, diagnostics, source, pick),
            source=source_url,
            rights=meta.rights,
            standfirst=text.standfirst or _given_standfirst(meta.standfirst, text.blocks),
            body=text.blocks,
            questions=meta.questions,
            source_note=text.source_note,
            bio=text.bio,
            credits=tuple(block for block in text.credits if block.line not in furniture),
            removed=tuple(block for block in text.credits if block.line in furniture),
            introduction=introduction,
        ),
        tuple(diagnostics),
    )


def _publication(meta: TextMeta, inferred: Inferred, diagnostics: list[Diagnostic], source: SourceText,
                 pick: Callable[[str, str, str], str]) -> str:
    """The front matter's publication (or the name the page writes for a converter's guess there), else the
    one the normaliser found; a name it only made of the site's address is said to be a guess."""
    given = _site_named(meta, inferred.publication, diagnostics, source)
    if given or not inferred.publication or not inferred.publication_guessed:
        return pick("publication", given, inferred.publication)
    diagnostics.append(Diagnostic(
        codes.INFERRED, Severity.INFO,
        f"publication guessed from the site's address: {inferred.publication} (the page never writes the "
        "site's name); write 'publication:' in the front matter to name it", source.path))
    return inferred.publication


def _site_named(meta: TextMeta, found: str, diagnostics: list[Diagnostic], source: SourceText) -> str:
    """The front matter's publication, unless a converter wrote its guess there (the site's address,
    a company's name, the name with its tagline) and the page writes the site's name: then that (I206)."""
    from pamphleteer.normalise.metadata import host_of, name_from_host  # the normaliser's, loaded on use
    from pamphleteer.normalise.titles import converter_guess

    if not meta.converter or codes.PUBLICATION_GUESS in meta.keep:
        return meta.publication
    host = host_of(meta.source) if meta.source.startswith(("http://", "https://")) else ""
    guessed = name_from_host(host) if host else ""
    why, name = converter_guess(meta.publication, found, host, guessed)
    if not why:
        return meta.publication
    how = "a guess from the site's address" if name == guessed else "as the page writes it"
    diagnostics.append(Diagnostic(
        codes.PUBLICATION_GUESS, Severity.INFO,
        f"the front matter's publication '{meta.publication}' is {why}, the converter's guess: the "
        f"publication is '{name}', {how} (keep: [I206] keeps the converter's)",
        source.path, before=meta.publication, after=name,
    ))
    return name


def _dateline_over_time_zone(
    meta: TextMeta, found: str, diagnostics: list[Diagnostic], source: SourceText
) -> str:
    """The front matter's date, but for a converter's a day off the page's own dateline: a timestamp's
    day in another time zone (trafilatura's `date: 2023-10-31` from 2023-11-01T00:30+01:00 read in UTC).
    The page's dateline is what the reader sees under the headline: it wins, and says so."""
    if not (meta.converter and meta.date and found):
        return meta.date
    try:
        given, read = datetime.date.fromisoformat(meta.date[:10]), datetime.date.fromisoformat(found[:10])
    except ValueError:
        return meta.date
    if abs((given - read).days) != 1:
        return meta.date
    diagnostics.append(Diagnostic(
        codes.INFERRED, Severity.INFO, f"date inferred from the text's dateline: {found} (the converter's "
        f"front matter gave {meta.date}, a day apart: a time zone's); write 'date:' to overrule it",
        source.path))
    return found


def back_matter(texts: tuple[Text, ...], language: str = "en") -> tuple[Part, ...]:
    """The back parts: "About the authors" when any author is known, then "Sources and credits"
    (titled in the publication's `language`)."""
    authors = {author for text in texts for author in text.authors}
    said = words(language)
    about = said.about_the_author if len(authors) == 1 else said.about_the_authors
    parts = [Part(ABOUT_THE_AUTHORS, about)] if authors else []
    return (*parts, Part(SOURCES_AND_CREDITS, said.sources_and_credits))


def fingerprint(settings: Settings, texts: tuple[NormalisedText, ...], parts: tuple[ParsedPart, ...]) -> str:
    """A short digest of everything read from the sources (not of where they are on disk)."""
    digest = hashlib.sha256()
    chosen = {field.name: getattr(settings, field.name) for field in dataclasses.fields(settings)}
    del chosen["path"]
    digest.update(repr(chosen).encode("utf-8"))
    for text in texts:
        source = text.source
        digest.update(repr((source.slug, source.meta, source.body)).encode("utf-8"))
    for part in parts:
        digest.update(repr((part.source.name, part.source.title, part.source.body)).encode("utf-8"))
    return digest.hexdigest()[:10]


def check_names(
    publication: Publication, texts: tuple[NormalisedText, ...], parts: tuple[ParsedPart, ...]
) -> None:
    """Every part and text needs its own id in every edition; stop the build if two collide."""
    files = {text.source.slug: text.source.path for text in texts}
    files.update({part.source.name: part.source.path for part in parts})
    seen: set[str] = set()
    for entry in publication.contents:
        if not SLUG_PATTERN.match(entry.name):
            raise SourceError(
                "the file name must be lower-case letters, digits and hyphens (it becomes an id "
                "in every edition); rename the file",
                file=files.get(entry.name),
            )
        if entry.name in seen or entry.name in RESERVED_NAMES:
            raise SourceError(
                f"the name '{entry.name}' is already used by another part of the publication; "
                "rename the file",
                file=files.get(entry.name),
            )
        seen.add(entry.name)


def build_publication(
    settings: Settings,
    texts: tuple[NormalisedText, ...],
    parts: tuple[ParsedPart, ...],
    edition_time: datetime.datetime,
    generator: str,
    images: tuple[ImageFile, ...] = (),
    introductions: Mapping[str, ParsedPart] | None = None,
) -> tuple[Publication, tuple[Diagnostic, ...]]:
    """Assemble the publication from its normalised texts and shared parts (and the images they show);
    `introductions` gives, by slug, a text's own introduction (front matter `introduction:`)."""
    introductions = introductions or {}
    built = [build_text(text, settings.language,
                        introductions[text.source.slug].blocks if text.source.slug in introductions else ())
             for text in texts]
    diagnostics = tuple(d for _, ds in built for d in ds)
    front = tuple(Part(part.source.name, part.source.title, part.blocks, part.source.in_pamphlets)
                  for part in parts)
    model_texts = tuple(text for text, _ in built)
    publication = Publication(
        settings=settings,
        texts=model_texts,
        front=front,
        edition_time=edition_time,
        generator=generator,
        back=back_matter(model_texts, settings.language),
        fingerprint=fingerprint(settings, texts, parts),
        images=images,
    )
    check_names(publication, texts, parts)
    return publication, diagnostics + pamphlet_introductions(publication, texts)


def pamphlet_introductions(
    publication: Publication, texts: tuple[NormalisedText, ...]
) -> tuple[Diagnostic, ...]:
    """With `pamphlets = "each"`, a note for each text whose pamphlet would open with no
    introduction (no `introduction:` of its own, no shared part marked `pamphlets: true`)."""
    if publication.settings.pamphlets != "each" or any(part.in_pamphlets for part in publication.front):
        return ()
    return tuple(
        Diagnostic(codes.NO_PAMPHLET_INTRODUCTION, Severity.INFO,
                   "its own pamphlet opens with no introduction (the reader's speaks of the whole "
                   "collection); give it one with front matter 'introduction:'", source.source.path)
        for text, source in zip(publication.texts, texts, strict=True) if not text.introduction
    )


def pamphlet(publication: Publication, text: Text) -> Publication:
    """The publication of one text alone: its own title, its own introduction, its questions.

    It opens with the text's own introduction (front matter `introduction:`), if any, then the
    reader's shared parts marked `pamphlets: true` (written to stand before any one text); the
    others introduce the reader as a whole ("the two texts collected here") and stay in it.

    Output files are named after the text's slug; the ebook gets its own stable identifier,
    derived from the reader's.
    """
    settings = publication.settings
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.identifier}/{text.slug}").urn
    single = dataclasses.replace(
        settings,
        title=text.title,
        subtitle=text.subtitle,
        slug=text.slug,
        identifier=identifier,
        description="",
        order=(text.slug,),
        language=text.lang,  # its furniture in its own language
    )
    own = ((Part("introduction", words(text.lang).introduction, text.introduction),)
           if text.introduction else ())
    shared = tuple(part for part in publication.front
                   if part.in_pamphlets and part.name not in {p.name for p in own})
    return dataclasses.replace(
        publication,
        settings=single,
        texts=(text,),
        front=own + shared,
        back=back_matter((text,), text.lang),
        collection=publication.title,
        cover=None,  # the reader's cover image shows the reader's title: a pamphlet has the designed one
    )
