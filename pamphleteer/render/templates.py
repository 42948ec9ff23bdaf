"""Load the Jinja2 templates and stylesheets every edition is drawn from.

Templates and styles are the built-in ones (see `pamphleteer.locations`: installed
with the package, or the checkout's `templates/` and `styles/`). A publication with
a `templates/` folder of its own (`pamphleteer.look`) has its templates found there
first, by the same name, and every template of its editions rendered in Jinja2's
`SandboxedEnvironment`: a publication's templates are not trusted to run code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from pamphleteer.errors import ConfigurationError
from pamphleteer.locations import FONTS as FONTS  # re-exported: the editions import them from here
from pamphleteer.locations import STYLES as STYLES
from pamphleteer.locations import TEMPLATES
from pamphleteer.look import Look
from pamphleteer.parse import Block
from pamphleteer.render.markup import LinkStyle, PageMarks, Writer
from pamphleteer.render.pictures import ImageSize, ImageSource
from pamphleteer.render.printtype import (
    breakable_source_urls,
    capitalised_whole,
    names_once,
    print_body,
    short_standfirst,
)
from pamphleteer.render.pullquotes import place_pull_quotes
from pamphleteer.render.runin import run_in_names
from pamphleteer.render.typefaces import typefaces
from pamphleteer.wording import cite, words


@dataclass(frozen=True)
class Written:
    """Blocks rendered for an edition, with the footnotes they carry."""

    html: Markup
    notes: tuple[Markup, ...]


def block_writer(
    links: LinkStyle, page_marks: PageMarks | None = None, epub_types: bool = False,
    images: ImageSource | None = None, picture_sizes: ImageSize | None = None,
) -> Callable[[Iterable[Block], str], Written]:
    """A `write(blocks, prefix)` function for templates, set up for one edition (`images`: where its
    images are; `picture_sizes`: print's, see `Writer`)."""

    def write(blocks: Iterable[Block], prefix: str) -> Written:
        writer = Writer(prefix=prefix, links=links, page_marks=page_marks, epub_types=epub_types,
                        images=images, picture_sizes=picture_sizes)
        html = writer.blocks(blocks)
        return Written(html=html, notes=tuple(writer.notes))

    return write


class ConfinedLoader(jinja2.FileSystemLoader):
    """A publication's own templates: a file whose real path leaves the folder is not found (the
    built-in template of that name is used; `pamphleteer.look` warns about it)."""

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.root = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = (self.root / template).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


@functools.cache
def environment(own: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment (one per publication folder `own` templates, sandboxed; None: the
    built-in templates only): strict about undefined names, escaping by default."""
    options: dict[str, object] = {
        "autoescape": True, "undefined": jinja2.StrictUndefined, "trim_blocks": True,
        "lstrip_blocks": True, "keep_trailing_newline": True,
    }
    built_in = jinja2.FileSystemLoader(TEMPLATES)
    env = (jinja2.Environment(loader=built_in, **options) if own is None else  # type: ignore[arg-type]
           jinja2.sandbox.SandboxedEnvironment(
               loader=jinja2.ChoiceLoader([ConfinedLoader(own), built_in]), **options))
    env.filters["print_body"] = print_body  # print's text: drop cap, ordinals … (render/printtype.py)
    env.filters["short_standfirst"] = short_standfirst  # and its shortened standfirst
    env.filters["names_once"] = names_once  # and "About the authors" without doubled names
    env.filters["run_in_names"] = run_in_names  # the ebook's and web's, under run-in headings
    env.filters["place_pull_quotes"] = place_pull_quotes  # where every edition's pull quotes go
    env.filters["capitalised_whole"] = capitalised_whole  # and names never hyphenated
    env.filters["breakable_source_urls"] = breakable_source_urls  # and addresses broken at / or .
    env.globals["typefaces"] = typefaces  # the faces an edition is set in ("This edition")
    env.globals["words"] = words  # the furniture's words, in a language (pamphleteer/wording.py)
    env.globals["cite"] = cite  # a title, as <cite>
    return env


def render_template(name: str, **context: object) -> str:
    """Render `templates/<name>` with the given context (the publication's own, if `pub`, the
    publication, has a templates/ folder)."""
    look = getattr(context.get("pub"), "look", None)
    own = look.templates if isinstance(look, Look) else None
    try:
        return environment(own).get_template(name).render(**context)
    except jinja2.TemplateError as error:
        if own is None or (place := own_place(error, own)) is None:
            raise
        why = (error.message or type(error).__name__).rstrip(".")
        raise ConfigurationError(
            f"the publication's template {place[0].relative_to(own).as_posix()} cannot be used: "
            f"{why}; correct it, or remove it to use the built-in one",
            file=place[0], line=place[1],
        ) from None


def own_place(error: jinja2.TemplateError, own: Path) -> tuple[Path, int | None] | None:
    """The file of the publication's own templates under `own`, and the line, where `error` arose
    (None: in a built-in template)."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        path = Path(error.filename) if error.filename else None
        return (path, error.lineno) if path is not None and path.is_relative_to(own) else None
    found = None
    trace = error.__traceback__
    while trace is not None:  # the innermost frame in one of the publication's templates
        path = Path(trace.tb_frame.f_code.co_filename)
        if path.is_relative_to(own):
            found = (path, trace.tb_lineno)
        trace = trace.tb_next
    return found


def read_style(name: str) -> str:
    """The text of `styles/<name>`."""
    return (STYLES / name).read_text(encoding="utf-8")
