"""Add a scraped text to a publication: the library side of `build.py add FILE`.

The file is read as strictly as the build reads texts, parsed and normalised
to infer its metadata (title, author, date, publication, source URL), and
written to `sources/texts/<slug>.md` as a YAML front matter block holding what
was inferred, followed by the file's bytes exactly as received. A file that
already opens with front matter is copied unchanged. An existing text is never
overwritten. The written file is then read back as the build reads it, and
what still needs a person is returned; nothing here prints.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from pamphleteer.config import SLUG_PATTERN, load_settings, slugify
from pamphleteer.errors import ConfigurationError, Diagnostic, PamphleteerError, SourceError
from pamphleteer.model import build_text
from pamphleteer.normalise import Inferred, normalise
from pamphleteer.parse import parse_text
from pamphleteer.sources import (
    SourceText,
    TextMeta,
    parse_meta,
    read_text,
    read_text_file,
    split_front_matter,
)

METADATA_KEYS = ("title", "author", "date", "publication", "source")
SLUG_LENGTH = 60
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FRONT_MATTER_LINE = re.compile(r"^[A-Za-z_][\w-]*:(\s|$)")
HEADER = "# Written by `build.py add` from what it could infer: check every value.\n"
QUESTIONS_STUB = (
    "# questions:      # the discussion questions, one per line\n"
    "#   - …\n"
)


@dataclass(frozen=True)
class Added:
    """What `add_text` did, and what is left for a person to do."""

    path: Path  # the text written in sources/texts/
    slug: str
    inferred: tuple[tuple[str, str], ...]  # (front matter key, value) written from inference
    kept_front_matter: bool  # the file had front matter of its own and was copied unchanged
    missing: tuple[str, ...]  # metadata keys neither given nor inferred
    has_questions: bool
    diagnostics: tuple[Diagnostic, ...]  # the written text as the build sees it
    listed: bool  # publication.toml's `order` already names the slug


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


def suggest_slug(inferred: Inferred, file: Path) -> str:
    """A slug from the first author's surname and the title, else from the file name."""
    words = [inferred.authors[0].split()[-1]] if inferred.authors and inferred.authors[0].split() else []
    words.append(inferred.title or file.stem)
    ascii_text = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode("ascii")
    slug = slugify(ascii_text)
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
    return "text" if slug == "publication" else slug


def front_matter(inferred: Inferred) -> str:
    """The YAML front matter block for what was inferred, with a reminder for the questions."""
    data: dict[str, object] = {}
    for key, value in _inferred_items(inferred):
        data[key] = value
    if ISO_DATE.fullmatch(inferred.date):
        with contextlib.suppress(ValueError):  # a real date is written unquoted: 2024-01-29
            data["date"] = datetime.date.fromisoformat(inferred.date)
    if len(inferred.authors) > 1:
        data["author"] = list(inferred.authors)
    block = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
    return "---\n" + HEADER + (block if data else "") + QUESTIONS_STUB + "---\n"


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


def add_text(file: Path, sources_dir: Path, slug: str | None = None) -> Added:
    """Add `file` to the publication in `sources_dir` as `texts/<slug>.md`."""
    settings = load_settings(sources_dir / "publication.toml")
    texts_dir = sources_dir / "texts"
    if not texts_dir.is_dir():
        raise SourceError("there is no texts/ folder; create it, then add the text again", file=texts_dir)
    if slug is not None and not SLUG_PATTERN.match(slug):
        raise ConfigurationError(
            f"--slug '{slug}' must be lower-case letters, digits and hyphens, like 'smith-solidarity'"
        )
    text = read_text_file(file)
    raw = file.read_bytes().removeprefix(b"\xef\xbb\xbf")
    if not text.strip():
        raise SourceError("the file is empty; there is no text to add", file=file)
    existing = _existing_front_matter(text, file)
    meta, body, body_line = existing if existing is not None else (TextMeta(), text, 1)
    if not body.strip():
        raise SourceError("the file has front matter but no text after it", file=file)
    probe = SourceText(path=file, slug=slug or "new-text", meta=meta, body=body, body_line=body_line)
    inferred, _ = _inspect(probe, settings.language)
    given = {key: value for key, value in _given(meta).items() if value}
    found = tuple((key, value) for key, value in _inferred_items(inferred) if key not in given)
    if slug is None:
        naming = Inferred(title=meta.title or inferred.title, authors=meta.authors or inferred.authors)
        slug = suggest_slug(naming, file)
    target = texts_dir / f"{slug}.md"
    data = raw if existing is not None else front_matter(inferred).encode("utf-8") + raw
    try:
        with open(target, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise ConfigurationError(
            "a text with this name is already in the publication; choose another name "
            "with --slug, or remove the old text first", file=target,
        ) from None
    except OSError as error:
        raise SourceError(f"cannot write the text: {error.strerror}", file=target) from None
    try:
        written = read_text(target)
        _, diagnostics = _inspect(written, settings.language)
    except PamphleteerError:
        target.unlink(missing_ok=True)
        raise
    known = {**given, **dict(found)}
    return Added(
        path=target,
        slug=slug,
        inferred=found,
        kept_front_matter=existing is not None,
        missing=tuple(key for key in METADATA_KEYS if not known.get(key)),
        has_questions=bool(written.meta.questions),
        diagnostics=diagnostics,
        listed=slug in settings.order,
    )
