"""Read the cover image publication.toml names (`cover = "images/cover.jpg"`) for the ebook.

The file is judged as the texts' images are (`figures.ImageCheck`): a regular
file inside the sources folder (a path outside it, or a link that leads out, is
never read), at most a few MB, and a real JPEG, PNG, GIF or WebP. One that is
not gives one warning (W115) naming publication.toml and the line of `cover`,
and the ebook keeps its designed cover; the build goes on.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer import codes
from pamphleteer.config import Settings
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.figures import ImageCheck, ImageFile, source_path


def cover_file(settings: Settings, root: Path) -> tuple[ImageFile | None, tuple[Diagnostic, ...]]:
    """The cover image `settings` name, read from the sources folder `root` (None: none named, or
    not usable), with a warning when one is named but cannot be used."""
    if not settings.cover:
        return None, ()
    path = source_path(settings.cover) if "://" not in settings.cover else ""
    verdict: ImageFile | tuple[str, str]
    if not path:
        verdict = (codes.COVER_NOT_USED, "it is not a path inside the sources folder, which is all the build "
                                         "reads (give one like \"images/cover.jpg\")")
    else:
        verdict = ImageCheck(root).judge(path)
    if isinstance(verdict, ImageFile):
        return verdict, ()
    _, why = verdict
    return None, (Diagnostic(
        codes.COVER_NOT_USED, Severity.WARNING,
        f"the cover image '{settings.cover}' is not used: {why}; the ebook has the designed cover",
        settings.path, settings.cover_line,
    ),)
