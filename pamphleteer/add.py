"""Add texts to a publication: the library side of `build.py add WHAT…`.

What a person has is one of: a web address, a saved web page (`.html`, with the
`_files/` folder a browser saves beside it), a Word or OpenDocument file, a
Markdown file, or a folder of these (see `importers.inputs`). Each becomes
`sources/texts/<slug>.md`:

- Markdown is read as strictly as the build reads texts and written as a YAML
  front matter block holding what could be inferred, followed by the file's
  bytes as received (a file with its own front matter is copied unchanged),
  except that the images it names beside it are brought along into
  `sources/images/<slug>/` and their references rewritten (`importers.localimages`);
- a page or a document is converted (see `importers.convert`): its article as
  Markdown a person can edit, under front matter from what the page states and
  what the text shows, with the page or document as received kept in
  `sources/originals/` and its images in `sources/images/<slug>/`.

Nothing is overwritten and nothing is left half-written: every file is written
under a temporary name and moved into place when all of the text is ready. The
written text is read back as the build reads it, and what still needs a person
is returned; nothing here prints.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from slugify import slugify

from pamphleteer import codes
from pamphleteer.config import SLUG_PATTERN, load_settings
from pamphleteer.errors import ConfigurationError, Diagnostic, PamphleteerError, Severity, SourceError
from pamphleteer.importers.convert import SLUG, Converted, convert
from pamphleteer.importers.inputs import Input, refuse_non_text, regular_file
from pamphleteer.importers.localimages import bring_images
from pamphleteer.model import build_text
from pamphleteer.normalise import Inferred, normalise
from pamphleteer.parse import parse_text
from pamphleteer.sources import (
    SourceText,
    TextMeta,
    parse_meta,
    read_text_file,
    split_front_matter,
)

METADATA_KEYS = ("title", "author", "date", "publication", "source")
SLUG_LENGTH = 60
MAX_SUFFIX = 99  # `slug-2` … `slug-99`, then a person chooses
NAME_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV|PhD|MD)", re.IGNORECASE)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FRONT_MATTER_LINE = re.compile(r"^[A-Za-z_][\w-]*:(\s|$)")
HEADER = "# Written by `build.py add` from what it could infer: check every value.\n"
PAGE_HEADER = "# Written by `build.py add` from what the page states and the text shows: check every value.\n"
QUESTIONS_STUB = (
    "# questions:      # the discussion questions, one per line\n"
    "#   - …\n"
)


@dataclass(frozen=True)
class Added:
    """What adding one text did, and what is left for a person to do."""

    path: Path  # the text written in sources/texts/
    slug: str
    inferred: tuple[tuple[str, str], ...]  # (front matter key, value) written from inference
    kept_front_matter: bool  # the file had front matter of its own and was copied unchanged
    missing: tuple[str, ...]  # metadata keys neither given nor inferred
    has_questions: bool
    diagnostics: tuple[Diagnostic, ...]  # the written text as the build sees it
    listed: bool  # publication.toml's `order` already names the slug
    origin: str = ""  # what was added: the file or the address, as given
    kind: str = "markdown"  # "markdown", "page", "word" or "opendocument"
    stated: tuple[tuple[str, str], ...] = ()  # (key, value) the page itself states
    original: Path | None = None  # the page or document as received, in sources/originals/
    images: tuple[Path, ...] = ()  # the images kept, in sources/images/<slug>/
    notes: tuple[Diagnostic, ...] = ()  # what converting left out (an image that could not be kept, …)
    taken: str = ""  # the slug that was wanted but already taken, when a suffix was added


def _inferred_items(inferred: Inferred) -> tuple[tuple[str, str], ...]:
    items = (
        ("title", inferred.title),
        ("subtitle", inferred.subtitle),
        ("author", ", ".join(inferred.authors)),
        ("date", inferred.date),
        ("publication", inferred.publication),
        ("source", inferred.source),
    )
    return tuple((key, value) for key, value in items if value)


def _guessed(inferred: Inferred, given: dict[str, str], path: Path) -> tuple[Diagnostic, ...]:
    """A note for a person when the publication written into the front matter is only the normaliser's
    guess from the page's address (the page never writes the site's name): it may be spelt wrong."""
    if not inferred.publication_guessed or given.get("publication") or not inferred.publication:
        return ()
    return (Diagnostic(codes.INFERRED, Severity.INFO, f"the publication '{inferred.publication}' is guessed "
                       "from the page's address, which the page never writes as a name: check its spelling "
                       "in the front matter", path),)


def suggest_slug(inferred: Inferred, file: Path) -> str:
    """A slug from the first author's surname and the title, else from the file name.

    Any script is transliterated (python-slugify): 'Что делать?' gives 'chto-delat'.
    """
    names = [word for word in (inferred.authors[0].split() if inferred.authors else [])
             if not NAME_SUFFIX.fullmatch(word.strip(",."))]  # "Nate Silver Jr." gives silver, not jr
    words = [names[-1].strip(",")] if names else []
    words.append(inferred.title or file.stem)
    text = re.sub(r"(?<=\w)['’](?=\w)", "", " ".join(words))  # "Germany's" -> germanys, not germany-s
    slug = slugify(text, max_length=SLUG_LENGTH, word_boundary=True, save_order=True)
    return slug if slug and slug != "publication" else "text"


def front_matter(inferred: Inferred, header: str = HEADER, lang: str = "", featured: str = "",
                 standfirst: str = "") -> str:
    """The YAML front matter block for what was inferred, with a reminder for the questions (and the
    page's `featured` image, for a person to choose as the opening image, and the page's
    `standfirst` when the article it wrote does not have it)."""
    data: dict[str, object] = {}
    for key, value in _inferred_items(inferred):
        data[key] = value
    if ISO_DATE.fullmatch(inferred.date):
        with contextlib.suppress(ValueError):  # a real date is written unquoted: 2024-01-29
            data["date"] = datetime.date.fromisoformat(inferred.date)
    if len(inferred.authors) > 1:
        data["author"] = list(inferred.authors)
    if lang:
        data["lang"] = lang
    if standfirst:
        data["standfirst"] = standfirst
    block = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
    offer = f"# image: {featured}   # the page's featured image: remove the '#' to open the text with it\n"
    return "---\n" + header + (block if data else "") + (offer if featured else "") + QUESTIONS_STUB + "---\n"


def _existing_front_matter(text: str, file: Path) -> tuple[TextMeta, str, int] | None:
    """The file's own front matter, body and body line; None when it has none.

    A leading `---` is a rule in the body unless the next non-blank line reads
    like a `key:` line; front matter that reads so but is wrong is refused.
    """
    if not text.startswith("---\n"):
        return None
    first = next((line for line in text[4:].splitlines() if line.strip()), "")
    try:
        data, lines, body, body_line = split_front_matter(text, file)
        return parse_meta(data, lines, file), body, body_line
    except SourceError:
        if FRONT_MATTER_LINE.match(first):
            raise
        return None


def _given(meta: TextMeta) -> dict[str, str]:
    return {
        "title": meta.title, "subtitle": meta.subtitle, "author": ", ".join(meta.authors),
        "date": meta.date, "publication": meta.publication, "source": meta.source,
    }


def _inspect(source: SourceText, language: str) -> tuple[Inferred, tuple[Diagnostic, ...]]:
    normalised = normalise(parse_text(source))
    _, model_diagnostics = build_text(normalised, language)
    return normalised.inferred, normalised.diagnostics + model_diagnostics


def _is_free(sources_dir: Path, slug: str) -> bool:
    """Whether no text, no image folder and no original has this name yet."""
    return not (
        (sources_dir / "texts" / f"{slug}.md").exists() or (sources_dir / "images" / slug).exists()
        or any((sources_dir / "originals").glob(f"{slug}.*"))
    )


def _free_slug(sources_dir: Path, slug: str) -> str:
    """`slug`, or `slug-2`, `slug-3`, … when a text (or its images) already has that name."""
    for number in range(1, MAX_SUFFIX + 1):
        candidate = slug if number == 1 else f"{slug[:SLUG_LENGTH - 3].rstrip('-')}-{number}"
        if _is_free(sources_dir, candidate):
            return candidate
    raise ConfigurationError(f"texts named '{slug}' and '{slug}-2' to '{slug}-{MAX_SUFFIX}' are all in the "
                             "publication; choose a name with --slug", file=sources_dir / "texts")


def _already_added(sources_dir: Path, source: str) -> Path | None:
    """The text whose front matter names `source` as its original, if there is one."""
    if not source:
        return None
    for path in sorted((sources_dir / "texts").glob("*.md")):
        try:
            data, _, _, _ = split_front_matter(read_text_file(path), path)
        except PamphleteerError:
            continue
        if str(data.get("source") or "").rstrip("/") == source.rstrip("/"):
            return path
    return None


class _Staging:
    """Files written under temporary names, moved into place together, or all removed."""

    def __init__(self, sources_dir: Path):
        self.sources_dir = sources_dir
        self.folder = Path(tempfile.mkdtemp(prefix=".adding-", dir=sources_dir))
        self.placed: list[Path] = []

    def write(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def place(self, staged: Path, target: Path) -> None:
        """Move `staged` to `target`, which must not exist (a text is never overwritten)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        if staged.is_dir():
            if target.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(target))
            staged.rename(target)  # a folder: renamed whole, into a name that was checked free
        else:
            os.link(staged, target)  # fails if the target exists, atomically
            staged.unlink()
        self.placed.append(target)

    def undo(self) -> None:
        for path in reversed(self.placed):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        self.placed.clear()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _check_slug(slug: str | None) -> None:
    if slug is not None and not SLUG_PATTERN.match(slug):
        raise ConfigurationError(
            f"--slug '{slug}' must be lower-case letters, digits and hyphens, like 'smith-solidarity'"
        )


def add_text(file: Path, sources_dir: Path, slug: str | None = None) -> Added:
    """Add the Markdown file `file` to the publication in `sources_dir` as `texts/<slug>.md`."""
    return add(Input(origin=str(file), kind="markdown", path=file), sources_dir, slug)


def add(item: Input, sources_dir: Path, slug: str | None = None) -> Added:
    """Add one text (a file, a saved page, a document or an address) to the publication in `sources_dir`."""
    settings = load_settings(sources_dir / "publication.toml")
    texts_dir = sources_dir / "texts"
    if not texts_dir.is_dir():
        raise SourceError("there is no texts/ folder; create it, then add the text again", file=texts_dir)
    _check_slug(slug)
    if item.kind == "markdown":
        return _add_markdown(item, sources_dir, slug, settings.language, settings.order)
    converted = convert(item)
    return _add_converted(converted, sources_dir, slug, settings.language, settings.order)


def _add_markdown(item: Input, sources_dir: Path, slug: str | None, language: str,
                  order: tuple[str, ...]) -> Added:
    file = item.path
    assert file is not None
    regular_file(file)  # never a device or a pipe, which could block or never end
    with open(file, "rb") as handle:
        refuse_non_text(file, handle.read(16))
    text = read_text_file(file)
    raw = file.read_bytes().removeprefix(b"\xef\xbb\xbf")
    if not text.strip():
        raise SourceError("the file is empty; there is no text to add", file=file)
    existing = _existing_front_matter(text, file)
    meta, body, body_line = existing if existing is not None else (TextMeta(), text, 1)
    if not body.strip():
        raise SourceError("the file has front matter but no text after it", file=file)
    probe = SourceText(path=file, slug=slug or "new-text", meta=meta, body=body, body_line=body_line)
    inferred, _ = _inspect(probe, language)
    given = {key: value for key, value in _given(meta).items() if value}
    found = tuple((key, value) for key, value in _inferred_items(inferred) if key not in given)
    naming = Inferred(title=meta.title or inferred.title, authors=meta.authors or inferred.authors)
    chosen, taken = _choose_slug(sources_dir, slug, suggest_slug(naming, file))
    brought = bring_images(raw, file, item.root or file.parent)
    raw = brought.data.replace(f"images/{SLUG}/".encode(), f"images/{chosen}/".encode())
    data = raw if existing is not None else front_matter(inferred).encode("utf-8") + raw
    written, diagnostics = _write(sources_dir, chosen, data, language, originals=(), images=brought.images)
    known = {**given, **dict(found)}
    return Added(
        path=written.path, slug=chosen, inferred=found, kept_front_matter=existing is not None,
        missing=tuple(key for key in METADATA_KEYS if not known.get(key)),
        has_questions=bool(written.meta.questions), diagnostics=diagnostics, listed=chosen in order,
        origin=item.origin, kind=item.kind, taken=taken,
        notes=tuple(brought.notes) + _guessed(inferred, given, written.path),
        images=tuple(sources_dir / "images" / chosen / name for name in sorted(brought.images)),
    )


def _choose_slug(sources_dir: Path, given: str | None, suggested: str) -> tuple[str, str]:
    """The slug to write under, and the one that was taken when a suffix had to be added."""
    if given is not None:
        return given, ""  # a person chose it: refused later if taken, never changed
    chosen = _free_slug(sources_dir, suggested)
    return chosen, suggested if chosen != suggested else ""


def _add_converted(converted: Converted, sources_dir: Path, slug: str | None, language: str,
                   order: tuple[str, ...]) -> Added:
    duplicate = _already_added(sources_dir, converted.stated.source)
    if duplicate is not None:
        raise ConfigurationError(f"{converted.origin}: this page is already in the publication (its "
                                 "'source' is the same address); remove the old text to add it again",
                                 file=duplicate)
    stated = converted.stated
    placeholder = sources_dir / "texts" / "new-text.md"
    probe = SourceText(path=placeholder, slug="new-text", meta=TextMeta(),
                       body=converted.markdown("new-text"), body_line=1)
    inferred, _ = _inspect(probe, language)
    given = dict(_inferred_items(stated))
    found = tuple((key, value) for key, value in _inferred_items(inferred) if key not in given)
    merged = Inferred(
        title=stated.title or inferred.title, subtitle=stated.subtitle or inferred.subtitle,
        authors=stated.authors or inferred.authors, date=stated.date or inferred.date,
        publication=stated.publication or inferred.publication, source=stated.source or inferred.source,
    )
    chosen, taken = _choose_slug(sources_dir, slug, suggest_slug(merged, Path(converted.name)))
    header = PAGE_HEADER if converted.kind == "page" else HEADER
    featured = converted.featured.replace(f"images/{SLUG}/", f"images/{chosen}/")
    front = front_matter(merged, header, converted.lang, featured, converted.standfirst)
    text = front + converted.markdown(chosen)
    data = text.encode("utf-8")
    originals = ((f"{chosen}{converted.original_suffix}", converted.original),) if converted.original else ()
    written, diagnostics = _write(sources_dir, chosen, data, language, originals=originals,
                                  images=converted.images)
    known = {**given, **dict(found)}
    return Added(
        path=written.path, slug=chosen, inferred=found, kept_front_matter=False,
        missing=tuple(key for key in METADATA_KEYS if not known.get(key)),
        has_questions=False, diagnostics=diagnostics, listed=chosen in order, origin=converted.origin,
        kind=converted.kind, stated=tuple(given.items()),
        original=sources_dir / "originals" / originals[0][0] if originals else None,
        images=tuple(sources_dir / "images" / chosen / name for name in sorted(converted.images)),
        notes=converted.notes + _guessed(inferred, given, written.path), taken=taken,
    )


@dataclass(frozen=True)
class _Written:
    path: Path
    meta: TextMeta


def _write(sources_dir: Path, slug: str, data: bytes, language: str, *,
           originals: tuple[tuple[str, bytes], ...], images: dict[str, bytes] | None
           ) -> tuple[_Written, tuple[Diagnostic, ...]]:
    """Write the text (and its original and images) into place; nothing is left if any of it fails."""
    target = sources_dir / "texts" / f"{slug}.md"
    if target.exists():
        raise ConfigurationError(
            "a text with this name is already in the publication; choose another name "
            "with --slug, or remove the old text first", file=target,
        )
    try:
        staging = _Staging(sources_dir)
    except OSError as error:
        raise SourceError(f"cannot write in the sources folder: {error.strerror}", file=sources_dir) from None
    try:
        staged = staging.write(f"texts/{slug}.md", data)
        text = read_text_file(staged)
        front, lines, body, body_line = split_front_matter(text, target)
        source = SourceText(path=target, slug=slug, meta=parse_meta(front, lines, target), body=body,
                            body_line=body_line)
        _, diagnostics = _inspect(source, language)  # the build reads it: refused here, never half-added
        for name, content in originals:
            staging.place(staging.write(f"originals/{name}", content), sources_dir / "originals" / name)
        if images:
            for name, content in images.items():
                staging.write(f"images/{slug}/{name}", content)
            staging.place(staging.folder / "images" / slug, sources_dir / "images" / slug)
        staging.place(staged, target)
    except FileExistsError as error:
        staging.undo()
        raise ConfigurationError(
            "a file with this name is already in the publication; choose another name "
            "with --slug, or remove the old one first",
            file=Path(error.filename2 or error.filename or target),
        ) from None
    except OSError as error:
        staging.undo()
        raise SourceError(f"cannot write the text: {error.strerror}", file=target) from None
    except BaseException:
        staging.undo()
        raise
    finally:
        staging.close()
    return _Written(path=target, meta=source.meta), diagnostics
