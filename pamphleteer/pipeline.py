"""Build a publication: sources -> parse -> normalise -> model -> render -> output.

`build` is the whole pipeline. Every edition is rendered in memory first and
written only when all succeeded, with a machine-readable build report beside
them listing every repair and diagnostic.

With `pamphlets = "each"` in publication.toml, the build makes besides the
reader (`<slug>.pdf`, `.epub`, `.html`) one pamphlet per text, with the same
shared parts and that text's questions, named after the text
(`<text-slug>.pdf`, `.epub`, `.html`). The one build report covers them all.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import importlib
import json
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pamphleteer import __version__, codes
from pamphleteer.cache import (
    CACHE_FOLDER,
    STATE_FILE,
    Cache,
    digest,
    state_bytes,
)
from pamphleteer.cover import cover_file
from pamphleteer.errors import ConfigurationError, Diagnostic, RenderError, Severity, StrictFailure
from pamphleteer.figures import check_images
from pamphleteer.look import read_look
from pamphleteer.model import Publication, build_publication, pamphlet
from pamphleteer.output import after_writing, locked, write_all
from pamphleteer.parse import Block, ParsedText, pandoc_version, parse_cached, parse_part
from pamphleteer.progress import SILENT, Progress
from pamphleteer.sources import SourcePart, Sources, SourceText, read_sources
from pamphleteer.uptodate import BuildResult as BuildResult
from pamphleteer.uptodate import edition_time as edition_time
from pamphleteer.uptodate import input_fingerprint as input_fingerprint
from pamphleteer.uptodate import own_output, up_to_date
from pamphleteer.uptodate import read_files as read_files
from pamphleteer.workers import Inline, Workers

# What a build with nothing changed never needs, imported only where it is used (about 0.15 CPU s of
# the 0.3 s such a build takes): imported here once something is to be built, before the workers fork.
LAZY = ("pamphleteer.normalise", "pypandoc", "fontTools.ttLib", "PIL.Image", "slugify")

if TYPE_CHECKING:  # imported where a text is normalised: a build with nothing changed never needs it
    from pamphleteer.normalise import NormalisedText

FORMATS = ("pdf", "epub", "html")
PREVIEW_PAGE_WIDTH = 420  # pixels a page in <slug>-preview.png


def normalise_text(parsed: ParsedText) -> NormalisedText:
    """Normalise one text; a failing rule is reported against the text, not as a bare traceback."""
    from pamphleteer.normalise import normalise

    try:
        return normalise(parsed)
    except Exception as error:  # a bug in a rule: name the text that triggers it
        raise RenderError(
            f"repairing this text failed ({type(error).__name__}: {error}); this is a bug in "
            "Pamphleteer: please report it with the text (run with --debug for the traceback)",
            file=parsed.source.path,
        ) from error


def load_renderers(page_size: str | None = None, sources: Path | None = None, language: str = "en") -> None:
    """Import what lays out the print edition and makes its booklet and preview (about 0.6 s), and
    warm up its typesetter for `page_size`, the `sources` folder and `language`, if given (fonts,
    stylesheets and hyphenation loaded: about 0.1 s a process).

    Done while the texts are being parsed, when this process has little else to
    do, so that the workers forked to render start with them loaded.
    """
    for module in ("pamphleteer.render.layout", "pamphleteer.render.impose", "pamphleteer.render.raster"):
        importlib.import_module(module)
    if page_size is not None and sources is not None:
        from pamphleteer.render.layout import warm_up

        warm_up(page_size, sources, language)


def prepare_text(
    source: SourceText, cache: Cache | None, code: str
) -> tuple[tuple[Diagnostic, ...], NormalisedText]:
    """Parse and normalise one text (in a worker): what the parser said, and the repaired text.

    With a cache, a text whose file (and `code`, the code that repairs it) is
    unchanged since an earlier build is neither parsed nor repaired again.
    """
    key = digest("normalised", code, str(source.path), repr(source.meta), str(source.body_line), source.body)
    stored = cache.get("normalised", key) if cache is not None else None
    if stored is not None:
        try:
            return _prepared_from_json(stored, source)
        except (ValueError, TypeError, KeyError, AttributeError):  # an unreadable entry is a miss
            pass
    parsed = parse_cached(source, cache, code)
    prepared = parsed.diagnostics, normalise_text(parsed)
    if cache is not None:
        cache.put("normalised", key, _prepared_to_json(*prepared))
    return prepared


def _blocks_json(blocks: tuple[Block, ...]) -> list[list[object]]:
    return [[block.line, block.node] for block in blocks]


def _blocks_from(items: list[list[object]]) -> tuple[Block, ...]:
    return tuple(Block(line, node) for line, node in items)  # type: ignore[arg-type]


BLOCK_FIELDS = ("blocks", "standfirst", "source_note", "bio", "credits")


def _prepared_to_json(parse_diagnostics: tuple[Diagnostic, ...], text: NormalisedText) -> bytes:
    data: dict[str, object] = {name: _blocks_json(getattr(text, name)) for name in BLOCK_FIELDS}
    data["inferred"] = dataclasses.asdict(text.inferred)
    data["diagnostics"] = [d.as_dict() for d in text.diagnostics]
    data["parse_diagnostics"] = [d.as_dict() for d in parse_diagnostics]
    return json.dumps(data).encode("utf-8")


def _prepared_from_json(stored: bytes, source: SourceText) -> tuple[tuple[Diagnostic, ...], NormalisedText]:
    from pamphleteer.normalise import Inferred, NormalisedText

    data = json.loads(stored)
    fields: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value
                              for name, value in data["inferred"].items()}
    inferred = Inferred(**fields)
    text = NormalisedText(
        source=source, inferred=inferred,
        diagnostics=tuple(Diagnostic.from_dict(item) for item in data["diagnostics"]),
        **{name: _blocks_from(data[name]) for name in BLOCK_FIELDS},
    )
    return tuple(Diagnostic.from_dict(item) for item in data["parse_diagnostics"]), text


def assemble(
    sources: Sources,
    cache: Cache | None = None,
    code: str = "",
    progress: Progress = SILENT,
    edition: datetime.datetime | None = None,
    pool: Executor | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[Publication, tuple[Diagnostic, ...]]:
    """Parse, normalise and model: everything before rendering (`edition`: the edition time, if known).

    Each text and shared part is parsed (and each text normalised) by itself, by the
    `pool`'s workers side by side; meanwhile this process calls `meanwhile()`, if given.
    """
    progress.stage("parse", total=len(sources.texts))
    pool = pool or Inline()
    longest_first = sorted(sources.texts, key=lambda source: -len(source.body))
    futures = {pool.submit(prepare_text, source, cache, code): source for source in longest_first}
    shared = [pool.submit(parse_part, part) for part in sources.front]
    own = {source.slug: pool.submit(parse_part, own_introduction(source))
           for source in sources.texts if source.meta.introduction}
    if meanwhile is not None:
        meanwhile()
    for future in as_completed(futures):
        future.result()  # the first failure stops the build
        progress.advance("parse", futures[future].slug)
    prepared = {futures[future].slug: future.result() for future in futures}
    parts = tuple(future.result() for future in shared)
    introductions = {slug: future.result() for slug, future in own.items()}
    progress.done("parse")
    progress.stage("model")
    generator = f"Pamphleteer {__version__} (pandoc {pandoc_version()})"
    normalised = tuple(prepared[source.slug][1] for source in sources.texts)
    normalised, parts, images, image_diagnostics = check_images(normalised, parts, sources.root)
    publication, model_diagnostics = build_publication(
        sources.settings, normalised, parts, edition or edition_time(sources.root), generator, images,
        introductions,
    )
    cover, cover_diagnostics = cover_file(sources.settings, sources.root)
    look, look_diagnostics = read_look(sources.root)
    publication = dataclasses.replace(publication, cover=cover, look=look)
    diagnostics = (
        tuple(d for source in sources.texts for d in source.diagnostics)  # what the front matter noted
        + tuple(d for source in sources.texts for d in prepared[source.slug][0])
        + tuple(d for part in parts for d in part.diagnostics)
        + tuple(d for part in introductions.values() for d in part.diagnostics)
        + tuple(d for text in normalised for d in text.diagnostics)
        + image_diagnostics
        + cover_diagnostics
        + look_diagnostics
        + model_diagnostics
    )
    progress.done("model")
    return publication, diagnostics


def render(
    publication: Publication,
    sources: Path,
    formats: tuple[str, ...],
    progress: Progress = SILENT,
    cache: Cache | None = None,
    pool: Executor | None = None,
) -> tuple[dict[str, bytes], int, tuple[Diagnostic, ...]]:
    """Render the chosen editions in memory: file name -> bytes, the print page count, and what
    rendering could not do as asked (warnings).

    The print edition is laid out first (by the `pool`'s workers), contents and
    all, because the ebook and web editions mark where its pages begin (the
    ebook's cover image is handed to the workers with the parts). Then this
    process makes the ebook and web editions while a thread of it sees the
    parts joined into the PDF and its pages imposed into the booklet, and hands
    the preview to the workers.
    """
    from pamphleteer.render.glyphs import unprintable
    from pamphleteer.render.pdf import Layouts, PrintEdition, join_book, lay_out_book, layout_diagnostics
    from pamphleteer.render.raster import preview_png

    pool = pool or Inline()
    slug = publication.settings.slug
    files: dict[str, bytes] = {}
    covers: list[Future[bytes]] = []

    def make_cover() -> None:
        """Hand the ebook's cover image to the workers (after the parts: it is needed last)."""
        if "epub" not in formats:
            return
        if publication.cover is not None:  # the image publication.toml names, fitted to the stores' size
            from pamphleteer.render.coverimage import fitted_cover

            covers.append(pool.submit(fitted_cover, publication.cover.data))
        else:
            from pamphleteer.render.raster import cover_image
            from pamphleteer.render.templates import render_template

            covers.append(pool.submit(cover_image, render_template("epub/cover.html", pub=publication)))

    progress.stage("pdf", total=len(publication.texts))
    layouts = Layouts(publication, sources, cache, pool)
    try:
        book = lay_out_book(publication, layouts, done=lambda text: progress.advance("pdf", text),
                            meanwhile=make_cover)
    except BaseException:
        layouts.close()
        raise
    diagnostics = layout_diagnostics(publication, book) + unprintable(publication)
    progress.done("pdf")

    def finish() -> tuple[PrintEdition, dict[str, Future[bytes]]]:
        booklet_sheet = publication.settings.print.booklet_sheet if "pdf" in formats else None
        edition = join_book(book, layouts, booklet_sheet)
        later: dict[str, Future[bytes]] = {}
        if "pdf" in formats:
            later[f"{slug}-preview.png"] = pool.submit(
                preview_png, edition.pdf, edition.preview_pages, PREVIEW_PAGE_WIDTH
            )
        return edition, later

    thread = ThreadPoolExecutor(1)
    finishing = thread.submit(finish)
    try:
        if "epub" in formats:  # its cover image was made by a worker meanwhile (`make_cover`)
            from pamphleteer.render.epub import render_epub
            from pamphleteer.render.pagemap import page_labels

            progress.stage("epub")
            files[f"{slug}.epub"], unmarked = render_epub(
                publication, book.page_starts, b"", book.page_count, cover_png=covers[0].result,
                page_labels=page_labels(book.plan.labels, book.page_count),
            )
            diagnostics += unmarked
            progress.done("epub")
        if "html" in formats:
            from pamphleteer.render.html import render_html

            progress.stage("html")
            from pamphleteer.render.pagemap import page_labels

            files[f"{slug}.html"] = render_html(
                publication, book.page_starts, page_labels(book.plan.labels, book.page_count)
            )
            progress.done("html")
        edition, later = finishing.result()
    finally:
        thread.shutdown(wait=False)  # if the build stopped, stopping the workers ends the thread
        layouts.close()
    if "pdf" in formats:
        files[f"{slug}.pdf"] = edition.pdf
    if edition.booklet is not None:
        files[f"{slug}-booklet.pdf"] = edition.booklet
    files.update({name: future.result() for name, future in later.items()})
    return files, edition.page_count, diagnostics


def own_introduction(source: SourceText) -> SourcePart:
    """A text's own introduction (front matter `introduction:`), read like a shared part."""
    return SourcePart(path=source.path, name="introduction", title="Introduction",
                      body=source.meta.introduction, body_line=1)


def pamphlets(publication: Publication) -> tuple[Publication, ...]:
    """The single-text pamphlets publication.toml asks for (`pamphlets = "each"`), else none."""
    settings = publication.settings
    if settings.pamphlets != "each":
        return ()
    for text in publication.texts:
        if text.slug == settings.slug:
            raise ConfigurationError(
                f"the pamphlet of texts/{text.slug}.md would overwrite {settings.slug}.* (the reader); "
                "set another 'slug' for the reader or rename the text",
                file=settings.path,
            )
    return tuple(pamphlet(publication, text) for text in publication.texts)


def render_all(
    publications: tuple[Publication, ...],
    sources: Path,
    formats: tuple[str, ...],
    progress: Progress = SILENT,
    cache: Cache | None = None,
    pool: Executor | None = None,
) -> tuple[dict[str, bytes], int, tuple[Diagnostic, ...]]:
    """Render the reader, then each pamphlet; refuse two editions with one file name.

    The page count returned is the reader's; the warnings are every edition's.
    """
    reader, *singles = publications
    files, page_count, diagnostics = render(reader, sources, formats, progress, cache, pool)
    for single in singles:
        rendered, _, found = render(single, sources, formats, progress, cache, pool)
        diagnostics += found
        clash = sorted(files.keys() & rendered.keys())
        if clash:
            raise ConfigurationError(
                f"the pamphlet of texts/{single.settings.slug}.md would overwrite {clash[0]}; "
                "rename the text or set another 'slug' for the reader",
                file=reader.settings.path,
            )
        files.update(rendered)
    return files, page_count, tuple(dict.fromkeys(diagnostics))


def report(
    result_files: dict[str, bytes], publication: Publication, diagnostics: tuple[Diagnostic, ...], root: Path,
) -> bytes:
    """The build report as JSON: the editions, the texts and every diagnostic."""
    data = {
        "publication": publication.settings.slug,
        "title": publication.title,
        "generator": publication.generator,
        "edition_date": publication.edition_time.isoformat() + "Z",
        "editions": {name: len(data) for name, data in sorted(result_files.items())},
        "texts": [
            {"slug": text.slug, "title": text.title, "authors": list(text.authors),
             "questions": len(text.questions)}
            for text in publication.texts
        ],
        "pamphlets": [single.settings.slug for single in pamphlets(publication)],
        "diagnostics": [d.as_dict(root) for d in diagnostics],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def refuse_warnings(diagnostics: tuple[Diagnostic, ...]) -> None:
    """Stop the build (--strict) if any diagnostic is a warning."""
    warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
    if warnings:
        first = warnings[0]
        raise StrictFailure(
            f"{len(warnings)} warning(s) and --strict is on; the first: {first.message}",
            file=first.file, line=first.line, warnings=tuple(warnings),
        )


def build(
    sources_dir: Path,
    output_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    strict: bool = False,
    progress: Progress = SILENT,
    epoch: str | None = None,
    jobs: int | None = None,
    noted: tuple[Diagnostic, ...] = (),
) -> BuildResult:
    """Build every chosen edition of the publication in `sources_dir` into `output_dir`.

    `epoch` fixes the edition date (SOURCE_DATE_EPOCH: see `edition_time`); `jobs`
    is how many processes work at once (see `workers.default_jobs`).

    Nothing is rebuilt when no input changed since the last build into the same
    folder (and its editions are intact); otherwise stage results are reused
    from the folder's cache wherever their inputs are unchanged. `noted`: what an
    earlier look at the folder (`uptodate.kept_editions`) put right, to report.
    """
    started = time.monotonic()
    sources_dir = sources_dir.resolve()
    if not sources_dir.is_dir():
        read_sources(sources_dir)  # raises the error that explains it
    if output_dir.resolve().is_relative_to(sources_dir) and not own_output(sources_dir, output_dir):
        raise ConfigurationError(
            "the output folder is inside the sources folder; choose an --output outside it",
            file=output_dir,
        )
    with locked(output_dir) as recovered:  # taken first, so that a second build is refused at once
        kept, code, edition, inputs, recovered = up_to_date(sources_dir, output_dir, formats, strict, epoch,
                                                            recovered + noted, started)
        if kept is not None:
            return kept
        for module in LAZY:  # before the workers fork: each has them loaded
            importlib.import_module(module)
        cache = Cache(output_dir / CACHE_FOLDER)
        progress.stage("read")
        sources = read_sources(sources_dir)
        progress.done("read")
        with Workers(jobs) as pool:
            renderers = functools.partial(
                load_renderers, sources.settings.print.page_size, sources_dir, sources.settings.language
            )
            publication, diagnostics = assemble(sources, cache, code, progress, edition, pool, renderers)
        if strict:  # stop before the slow part if the sources already give warnings
            refuse_warnings(diagnostics)
        singles = pamphlets(publication)
        with Workers(jobs) as pool:  # forked now, so each worker starts with the renderers loaded
            files, page_count, rendering = render_all(
                (publication, *singles), sources_dir, formats, progress, cache, pool
            )
        diagnostics += rendering
        if strict:
            refuse_warnings(diagnostics)
        report_name = f"{publication.settings.slug}-report.json"
        files[report_name] = report(files, publication, diagnostics, sources_dir.parent)
        from pamphleteer.normalise import rule_names

        given = {d.code for d in diagnostics}
        named_rules = {code: name for code, name in rule_names().items() if code in given}
        summary = {
            "title": publication.title, "text_count": len(publication.texts), "page_count": page_count,
            "diagnostics": [d.as_dict(sources_dir.parent) for d in diagnostics], "rule_names": named_rules,
        }
        files[STATE_FILE] = state_bytes(inputs, files, summary)
        progress.stage("write")
        written = write_all(output_dir, files)
        with after_writing():  # Ctrl-C from here on comes when the new editions are all in place
            unreadable = cache.take_unreadable()
            if unreadable:
                kinds = ", ".join(sorted(set(unreadable)))
                recovered += (Diagnostic(
                    codes.CACHE_UNREADABLE, Severity.INFO,
                    f"{len(unreadable)} entries of the build cache could not be read ({kinds}); what they "
                    "held was made again", output_dir / CACHE_FOLDER,
                ),)
            cache.prune()
            progress.done("write")
    return BuildResult(
        title=publication.title,
        text_count=len(publication.texts),
        written=tuple(path for path in written if path != output_dir / STATE_FILE),
        diagnostics=recovered + diagnostics,  # what was put right in the output folder: not in the report
        seconds=time.monotonic() - started,
        page_count=page_count,
        rule_names=named_rules,
    )
