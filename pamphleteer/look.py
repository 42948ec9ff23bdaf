"""A publication's own look: the stylesheets in its `styles/` folder, read after the built-in ones.

`styles/print.css`, `styles/ebook.css` and `styles/web.css` beside publication.toml
are added after the built-in stylesheet of that edition (the print edition's
WeasyPrint stylesheets, the EPUB's `style/ebook.css`, the web page's inline
style), so a rule there wins over the built-in one it matches. Only files
inside the publication folder are read: a link that leads out of it is
refused, with one warning (W116) naming the file, and that edition keeps the
built-in look. The files are sources like any other, so a changed one rebuilds.
A url() there may name a font or an image inside the publication folder
(relative to styles/): the EPUB packs it, the web page embeds it, WeasyPrint
reads it; a url() naming anything else is made `none`, with a warning (W116)
naming the stylesheet and line.

A `templates/` folder there overrides a built-in template by name
(`templates/html/page.html` for `html/page.html`; see `render/templates.py`).
Such templates are rendered in Jinja2's sandbox, and one that is a link out
of the folder is not read (W117): the built-in template of that name is used.

The face the text is set in, `font` in publication.toml, is `pamphleteer.textface`'s
(a font file it names that is not used: W118).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from pamphleteer import codes
from pamphleteer.config import load_settings
from pamphleteer.errors import ConfigurationError, Diagnostic, Severity
from pamphleteer.textface import TextFace, text_face

# A url() in a stylesheet, as the renderers find one (the quotes, then the reference).
URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
# The files an own ebook.css or web.css may name: packed into the EPUB, embedded in the web page.
MEDIA_TYPES = {
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp",
}
MAX_FILE_BYTES = 5_000_000
FOLDER = "styles"
TEMPLATES = "templates"  # templates/<edition>/<name> overrides the built-in template of that name
EDITIONS = ("print", "ebook", "web")  # each reads `styles/<edition>.css`
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Look:
    """The publication's own CSS for each edition ("" where it has none); in `ebook` and `web`
    every url() names a file inside the publication folder (relative to its styles/) or is data:."""

    print: str = ""
    ebook: str = ""
    web: str = ""
    templates: Path | None = None  # the publication's own templates/ folder, if it has one
    face: TextFace | None = None  # the face publication.toml's `font` chooses (None: Crimson Pro)


SETTINGS = "publication.toml"


def chosen_face(root: Path) -> tuple[TextFace | None, tuple[Diagnostic, ...]]:
    """The text face the publication.toml in `root` chooses, and a warning for each font file it
    names that is not used (None and none where the settings cannot be read: the build says why)."""
    try:
        settings = load_settings(root / SETTINGS)
    except ConfigurationError:
        return None, ()
    return text_face(settings)


def own_style(root: Path, edition: str) -> tuple[str, str]:
    """The text of `root/styles/<edition>.css` and, if it cannot be read, why ("" and "": none)."""
    path = root / FOLDER / f"{edition}.css"
    if not path.exists() and not path.is_symlink():
        return "", ""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        return "", "it leads outside the publication folder, and the build reads only what is inside"
    if not resolved.is_file():
        return "", "it is not a regular file"
    if resolved.stat().st_size > MAX_BYTES:
        return "", f"it is larger than {MAX_BYTES // 1_000_000} MB"
    try:
        return resolved.read_text(encoding="utf-8"), ""
    except UnicodeDecodeError:
        return "", "it is not UTF-8 text"
    except OSError as error:
        return "", f"it cannot be read ({error.strerror})"


def named_file(reference: str, root: Path) -> tuple[Path | None, str]:
    """The file a url() of `root/styles/<edition>.css` names, if the editions may carry it, or why not."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", reference, re.IGNORECASE) or reference.startswith("//"):
        return None, "it is not a file of the publication folder (the editions load nothing from elsewhere)"
    path = (root / FOLDER / reference.split("#", 1)[0].split("?", 1)[0]).resolve()
    if not path.is_relative_to(root.resolve()):
        return None, "it is outside the publication folder, and the build reads only what is inside"
    if not path.is_file():
        return None, "there is no such file"
    if path.suffix.lower() not in MEDIA_TYPES:
        return None, f"it is not a font or an image ({', '.join(sorted(MEDIA_TYPES))})"
    if path.stat().st_size > MAX_FILE_BYTES:
        return None, f"it is larger than {MAX_FILE_BYTES // 1_000_000} MB"
    return path, ""


def _confined(css: str, root: Path, edition: str) -> tuple[str, list[Diagnostic]]:
    """`css` with every url() naming no file the editions may carry made `none` (so that rule is
    dropped), and a warning for each."""
    diagnostics: list[Diagnostic] = []

    def confine(found: re.Match[str]) -> str:
        reference = found.group(2).strip()
        if reference.startswith("data:"):
            return found.group(0)
        _, why = named_file(reference, root)
        if not why:
            return found.group(0)
        diagnostics.append(Diagnostic(
            codes.OWN_STYLE_REFUSED, Severity.WARNING,
            f"{FOLDER}/{edition}.css: url({reference}) is not used: {why}",
            root / FOLDER / f"{edition}.css", css.count("\n", 0, found.start()) + 1,
        ))
        return "none"

    return URL.sub(confine, css), diagnostics


def read_look(root: Path) -> tuple[Look, tuple[Diagnostic, ...]]:
    """The publication's own stylesheets under `root` (the folder of publication.toml), with one
    warning for each that is there but not read."""
    found: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    for edition in EDITIONS:
        text, why = own_style(root, edition)
        if edition != "print":  # print's files are WeasyPrint's to fetch, confined (render/fetch.py)
            text, refused = _confined(text, root, edition)
            diagnostics += refused
        found[edition] = text
        if why:
            diagnostics.append(Diagnostic(
                codes.OWN_STYLE_REFUSED, Severity.WARNING,
                f"{FOLDER}/{edition}.css is not used: {why}; the {edition} edition has the built-in look",
                root / FOLDER / f"{edition}.css",
            ))
    face, face_diagnostics = chosen_face(root)
    diagnostics += face_diagnostics
    look = Look(print=found["print"], ebook=found["ebook"], web=found["web"], face=face)
    templates = root / TEMPLATES
    if templates.is_symlink() or (templates.exists() and not templates.is_dir()):
        diagnostics.append(Diagnostic(
            codes.OWN_TEMPLATE_REFUSED, Severity.WARNING,
            f"{TEMPLATES}/ is not used: it is a link or not a folder; the editions have the "
            "built-in templates",
            templates,
        ))
        return look, tuple(diagnostics)
    if not templates.is_dir():
        return look, tuple(diagnostics)
    inside = root.resolve()
    for path in sorted(templates.rglob("*")):
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            diagnostics.append(Diagnostic(
                codes.OWN_TEMPLATE_REFUSED, Severity.WARNING,
                f"{path.relative_to(root).as_posix()} is not used: it leads outside the publication folder, "
                "and the build reads only what is inside; the built-in template of that name is used",
                path,
            ))
    return dataclasses.replace(look, templates=templates.resolve()), tuple(diagnostics)


def own_css(css: str) -> str:
    """The publication's own CSS as it follows a built-in stylesheet ("" for none: the built-in
    stylesheet is then the same bytes as without this feature)."""
    return f"\n/* The publication's own (styles/ beside publication.toml) */\n{css}" if css else ""
