"""Bring a Markdown file's own images along when it is added: kept in `images/<slug>/`, references rewritten.

A Markdown file names its images by paths relative to itself (`![A picket](pics/gate.jpg)`,
`<img src="pics/gate.jpg">`, or a reference `[gate]: pics/gate.jpg` used by `![A picket][gate]`),
or by web addresses (`![A picket](https://…/gate.jpg)`). A file is read when it lies inside
the folder the person named (the file's own folder, or the folder given to `add`) and is a
regular file of at most a few MB; a web address is downloaded as a page's images are
(`download`: http(s) only, a timeout, the same size limit). Either must be a real JPEG, PNG,
GIF or WebP (`imagefiles`, as for a page's images; an SVG drawing is refused). It is kept
under a name made from its own and a digest of its bytes, and the reference is rewritten to
it; every other byte of the file stays as received. An image that cannot be kept leaves its
reference as it was (the build then leaves it out, with its description) and gives one
warning naming the file, the line and why. `data:` addresses and references inside code are
left alone. Nothing is written here: the caller writes the text and its images together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, PamphleteerError, Severity, TooLarge
from pamphleteer.imagefiles import MAX_IMAGE_BYTES, NotAnImage, image_name, judge_image
from pamphleteer.importers.convert import IMAGE_TYPES, SLUG
from pamphleteer.importers.download import fetch, is_web_address
from pamphleteer.importers.inputs import regular_file

ALT = rb"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
INLINE = re.compile(ALT + rb"\(\s*(?:<([^>\n]+)>|([^\s)]+))")
HTML_IMG = re.compile(rb"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"\n]+)"|'([^'\n]+)')""", re.IGNORECASE)
REFERENCE_USE = re.compile(ALT[:-2] + rb"\]\[([^\]\n]*)\]")
REFERENCE_ALT = re.compile(rb"!\[([^\]\n]+)\](?!\(|\[)")
DEFINITION = re.compile(rb"^ {0,3}\[([^\]\n]+)\]:[ \t]*(?:<([^>\n]+)>|(\S+))", re.MULTILINE)
FENCE = re.compile(rb"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
MAX_IMAGES = 60


@dataclass
class Brought:
    """The file's bytes with its image references rewritten, the images kept, and what was not."""

    data: bytes
    images: dict[str, bytes] = field(default_factory=dict)  # file name in images/<slug>/ -> bytes
    notes: list[Diagnostic] = field(default_factory=list)


def _is_local(address: str) -> bool:
    if not address or address.startswith(("#", "//")):
        return False
    scheme = urlsplit(address).scheme
    return not scheme or (len(scheme) == 1 and address[1:3] in (":\\", ":/"))  # C:\… is a path


def _references(data: bytes) -> list[tuple[int, int, str]]:
    """(start, end, address) of every image reference's address, outside fenced code."""
    fenced = [(match.start(), match.end()) for match in FENCE.finditer(data)]

    def in_code(index: int) -> bool:
        return any(start <= index < end for start, end in fenced)

    found: list[tuple[int, int, str]] = []
    for pattern in (INLINE, HTML_IMG):
        for match in pattern.finditer(data):
            group = 1 if match.group(1) is not None else 2
            if not in_code(match.start()):
                found.append(_found(match, group))
    uses = REFERENCE_USE.findall(data) + REFERENCE_ALT.findall(data)
    labels = {label.strip().lower() for label in uses}
    for match in DEFINITION.finditer(data):
        if match.group(1).strip().lower() in labels and not in_code(match.start()):
            group = 2 if match.group(2) is not None else 3
            found.append(_found(match, group))
    return sorted(found)


def _found(match: re.Match[bytes], group: int) -> tuple[int, int, str]:
    return match.start(group), match.end(group), match.group(group).decode("utf-8", "replace")


def bring_images(data: bytes, file: Path, root: Path, body_line: int = 1) -> Brought:
    """`data` (the Markdown file `file`, its body starting on `body_line`) with its local images kept;
    only files inside `root` are read."""
    brought = Brought(data=data)
    inside = root.resolve()
    placed: dict[str, str] = {}
    pieces: list[bytes] = []
    last = 0
    for start, end, address in _references(data):
        if not _is_local(address) and not is_web_address(address):
            continue
        line = data[:start].count(b"\n") + body_line
        new = placed.get(address)
        if new is None:
            new = _keep(address, file, inside, line, brought)
            if new is None:
                continue
            placed[address] = new
        pieces += [data[last:start], new.encode("utf-8")]
        last = end
    brought.data = b"".join(pieces) + data[last:] if pieces else data
    return brought


def _keep(address: str, file: Path, inside: Path, line: int, brought: Brought) -> str | None:
    """The image's path in the sources once kept, or None with a warning saying why not."""
    def note(code: str, why: str) -> None:
        shown = address if len(address) <= 80 else address[:77] + "…"
        brought.notes.append(Diagnostic(code, Severity.WARNING, f"{file}, line {line}: the image '{shown}' "
                                        f"was not brought along: {why}", file, line))

    if len(brought.images) >= MAX_IMAGES:
        note(codes.IMPORT_IMAGE_LEFT_OUT, f"a text keeps at most {MAX_IMAGES} images")
        return None
    if is_web_address(address):
        return _download(address, brought, note)
    relative = Path(unquote(urlsplit(address).path if "\\" not in address else address))
    path = (relative if relative.is_absolute() else file.parent / relative).resolve()
    if not path.is_relative_to(inside):
        note(codes.IMPORT_IMAGE_LEFT_OUT, f"it is outside {inside}, the folder named to add; "
                                          "copy it there to keep it")
        return None
    if not path.exists():
        note(codes.IMAGE_MISSING, f"there is no file {path}")
        return None
    try:
        regular_file(path, MAX_IMAGE_BYTES)
        content = path.read_bytes()
        kind = judge_image(content)
    except (NotAnImage, PamphleteerError) as error:
        note(*_refused(error))
        return None
    except OSError as error:
        note(codes.IMPORT_IMAGE_LEFT_OUT, f"it cannot be read ({error.strerror})")
        return None
    name = image_name(content, kind.suffix, path.name)
    brought.images[name] = content
    return f"images/{SLUG}/{name}"


def _refused(error: NotAnImage | PamphleteerError, address: str = "") -> tuple[str, str]:
    """The warning's code and reason for an image refused: too large (by the size the error carries),
    not an image, or not read or fetched; a download's reason without the address the warning names."""
    if isinstance(error, NotAnImage):
        return (codes.IMAGE_TOO_LARGE if error.too_large else codes.IMAGE_NOT_KEPT), str(error)
    why = str(error.diagnostic.message)  # "<address>: the server answered 404 Not Found"
    if address and why.startswith(address[:60]) and ": " in why:
        why = why.split(": ", 1)[1]
    return (codes.IMAGE_TOO_LARGE if isinstance(error, TooLarge) else codes.IMPORT_IMAGE_LEFT_OUT), why


def _download(address: str, brought: Brought, note: Callable[[str, str], None]) -> str | None:
    """The image at a web address downloaded and judged, its path in the sources once kept, or None
    with a warning saying why not (the server's answer, its size, not an image)."""
    try:
        content = fetch(address, accept=IMAGE_TYPES, max_bytes=MAX_IMAGE_BYTES).body
        kind = judge_image(content)
    except (NotAnImage, PamphleteerError) as error:
        note(*_refused(error, address))
        return None
    name = image_name(content, kind.suffix, unquote(urlsplit(address).path))
    brought.images[name] = content
    return f"images/{SLUG}/{name}"
