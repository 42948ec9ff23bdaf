"""Decide whether a renderer may read a URL: only files inside the allowed folders.

Every renderer that reads a file named in a source or a style (WeasyPrint's
fetcher, an ebook packer adding images) asks `confined_path` first. It answers
with the real path of a file inside one of the allowed folders (after
following `..` and symbolic links), or refuses with a reason: network URLs,
other schemes, any path outside the folders, and anything but a regular file
(a FIFO, a device, a folder).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit


class Refused(ValueError):
    """A renderer asked for something outside the project's allowed folders."""


def confined_path(url: str, allowed: tuple[Path, ...], base: Path | None = None) -> Path:
    """The file `url` names, if it lies inside `allowed`; a relative URL is taken from `base`."""
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme.lower() != "file":
        raise Refused(f"refused {url}: the build reads only local files, never the network")
    if parts.netloc not in ("", "localhost"):
        raise Refused(f"refused {url}: a file on another host")
    raw = Path(unquote(parts.path))
    if not parts.scheme and not raw.is_absolute():
        if base is None:
            raise Refused(f"refused {url}: a relative path with no folder to start from")
        raw = base / raw
    path = raw.resolve()
    folders = tuple(folder.resolve() for folder in allowed)
    if not any(path.is_relative_to(folder) for folder in folders):
        raise Refused(f"refused to read {path}: it is outside the project's styles and sources")
    if not path.is_file():  # a FIFO would hang the build, a device fill its memory
        raise Refused(f"refused to read {path}: it is not a regular file")
    return path
