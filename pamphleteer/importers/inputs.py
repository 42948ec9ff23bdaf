"""What `build.py add` was given, sorted out: addresses, files by kind, folders opened.

Every local file is checked before it is opened: it must exist, be a regular
file (never a device such as `/dev/zero`, a pipe or a socket, which could
block or never end) and be no larger than its kind allows.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pamphleteer.errors import SourceError, TooLarge
from pamphleteer.importers.download import is_web_address

KINDS = {  # file suffix -> what it is
    ".md": "markdown", ".markdown": "markdown", ".txt": "markdown",
    ".html": "page", ".htm": "page", ".xhtml": "page",
    ".docx": "word", ".odt": "opendocument",
}
MAX_BYTES = {  # the largest file of each kind that is read (a Markdown text: see sources.MAX_TEXT_BYTES)
    "page": 10 * 1024 * 1024, "word": 50 * 1024 * 1024, "opendocument": 50 * 1024 * 1024,
}


@dataclass(frozen=True)
class Input:
    """One thing to add: a file of a known kind, or a web address (kind "url")."""

    origin: str  # as the person gave it, for messages
    kind: str  # "markdown", "page", "word", "opendocument" or "url"
    path: Path | None = None
    root: Path | None = None  # the folder named to add, when a file was found in it (else the file's own)


def regular_file(path: Path, limit: int | None = None) -> int:
    """Refuse anything but an existing regular file (at most `limit` bytes); its size."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SourceError("there is no such file or folder", file=path) from None
    except OSError as error:
        raise SourceError(f"cannot read it: {error.strerror}", file=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError("this is not a regular file (a device, a pipe or a socket); "
                          "only saved files can be added", file=path)
    if limit is not None and info.st_size > limit:
        raise TooLarge(f"the file is {info.st_size / 1024 / 1024:.1f} MB; a file of this kind may be at "
                       f"most {limit // 1024 // 1024} MB", limit=limit, size=info.st_size, file=path)
    return info.st_size


NOT_TEXTS = {  # file suffix -> what the file is, for a file `add` cannot take as a text
    ".jpg": "an image", ".jpeg": "an image", ".png": "an image", ".gif": "an image", ".webp": "an image",
    ".svg": "an image", ".tif": "an image", ".tiff": "an image", ".heic": "an image", ".avif": "an image",
    ".pdf": "a PDF file", ".doc": "an old Word (.doc) file", ".rtf": "an RTF file", ".epub": "an EPUB",
    ".zip": "a zip archive", ".pages": "a Pages file",
}
BINARY_STARTS = {  # the first bytes of a file that is not text, and what it is
    b"\xff\xd8\xff": "an image (JPEG)", b"\x89PNG": "an image (PNG)", b"GIF8": "an image (GIF)",
    b"%PDF": "a PDF file", b"PK\x03\x04": "a zip archive (a Word or OpenDocument file named without .docx "
                                         "or .odt?)", b"\xd0\xcf\x11\xe0": "an old Word (.doc) file",
}
WHAT_TO_DO = {
    "an image": "an image comes with the text that names it (![what it shows](its-file.jpg) in a Markdown "
                "text beside it), or as a text's opening image (front matter 'image:')",
    "an old Word (.doc) file": "save it from Word as .docx",
}


def refuse_non_text(path: Path, head: bytes) -> None:
    """Refuse a file named to be read as Markdown that is not text (an image, a PDF, an archive),
    saying what it is and what to do; `head` is its first bytes."""
    what = NOT_TEXTS.get(path.suffix.lower(), "")
    if what:
        what += f" (by its name, {path.suffix})"
    else:
        what = next((name for start, name in BINARY_STARTS.items() if head.startswith(start)), "")
        if not what and head.startswith(b"RIFF") and head[8:12] == b"WEBP":
            what = "an image (WebP)"
    if not what:
        return
    advice = WHAT_TO_DO.get(what.split(" (")[0], "")
    raise SourceError(f"this is {what}, not a text: add takes Markdown, saved web pages (.html), Word "
                      "(.docx) and OpenDocument (.odt) files, and web addresses"
                      + (f"; {advice}" if advice else ""), file=path)


def _kind(path: Path) -> str:
    return KINDS.get(path.suffix.lower(), "markdown")  # a named file of any other suffix is read as Markdown


def _folder(path: Path) -> list[Input]:
    found = [
        Input(origin=str(child), kind=KINDS[child.suffix.lower()], path=child, root=path)
        for child in sorted(path.iterdir())
        if child.suffix.lower() in KINDS and not child.name.startswith((".", "~$")) and child.is_file()
    ]
    if not found:
        raise SourceError("the folder holds no file that can be added (.md, .txt, .html, .htm, .docx, "
                          ".odt); name the files instead", file=path)
    return found


def collect(arguments: list[str]) -> list[Input]:
    """The inputs `arguments` name, in order: a folder gives every file in it that can be added."""
    inputs: list[Input] = []
    for argument in arguments:
        if is_web_address(argument):
            inputs.append(Input(origin=argument.strip(), kind="url"))
            continue
        path = Path(argument).expanduser()
        if path.is_dir():
            inputs.extend(_folder(path))
        else:
            inputs.append(Input(origin=argument, kind=_kind(path), path=path))
    return inputs
