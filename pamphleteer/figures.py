"""Check the images the texts show, and read each once for the editions.

A text names an image by a path relative to the sources folder
(`![Strikers at the gate](images/picket/gate.jpg)`); `sanitise` has already
left out any that is on the network or outside the folder. Here each one is
looked for: it must be a regular file inside the sources folder (a link that
leads out is refused), at most a few MB, and a real JPEG, PNG, GIF or WebP
(`imagefiles`). A good image is read once and kept as an `ImageFile` for every
edition; one that is not gives way to its description, with a warning naming
the file and line, and the text still builds. An image without a description
(alt text) is kept, with a warning: a reader who cannot see it learns nothing.
A text's opening image (front matter `image:`) is checked the same way and set
as a figure at the start of its body.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from pamphleteer import ast, codes
from pamphleteer.errors import Diagnostic, Severity, SourceError
from pamphleteer.imagefiles import MAX_IMAGE_BYTES, NotAnImage, judge_image
from pamphleteer.parse import Block, Node, ParsedPart
from pamphleteer.sanitise import LEFT_OUT_IMAGE, local_image
from pamphleteer.sourcefiles import read_source_bytes

if TYPE_CHECKING:  # only named in annotations: loading the normaliser here would slow every command
    from pamphleteer.normalise import NormalisedText


@dataclass(frozen=True)
class ImageFile:
    """An image a text shows, as read from the sources folder."""

    path: str  # as the texts name it, relative to the sources folder: "images/picket/gate.jpg"
    data: bytes = field(repr=False)
    media_type: str
    width: int
    height: int

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:16]


def source_path(url: str) -> str:
    """The path inside the sources folder that an image's address names ('' for none)."""
    path = posixpath.normpath(unquote(urlsplit(url.strip()).path))
    return "" if path in ("", ".") or path.startswith(("/", "..")) else path


def image_alt(node: Node) -> str:
    """An image's alt text: its `alt` attribute, else its description."""
    attr = ast.attr_of(node)
    return attr.get("alt") or ast.text_of(ast.image_alt(node))


class ImageCheck:
    """The images of one publication: each file judged once, each use reported where it is."""

    def __init__(self, root: Path):
        self.root = root
        self.found: dict[str, ImageFile] = {}
        self._refused: dict[str, tuple[str, str]] = {}  # path -> (code, why)

    def judge(self, path: str) -> ImageFile | tuple[str, str]:
        """The image file at `path` (inside the sources folder), or the code and reason it is not kept."""
        return self._judge(path)

    def _judge(self, path: str) -> ImageFile | tuple[str, str]:
        if path in self.found:
            return self.found[path]
        if path in self._refused:
            return self._refused[path]
        file = self.root / path
        try:
            info = os.stat(file)
            inside = file.resolve().is_relative_to(self.root.resolve())
        except OSError:
            missing = "there is no such file in the sources folder"
            verdict: ImageFile | tuple[str, str] = (codes.IMAGE_MISSING, missing)
        else:
            if not inside:
                verdict = (codes.IMAGE_MISSING, "it is a link to a file outside the sources folder, which "
                                                "the build does not read")
            elif not stat.S_ISREG(info.st_mode):
                verdict = (codes.IMAGE_NOT_KEPT, "it is not a regular file")
            elif info.st_size > MAX_IMAGE_BYTES:
                verdict = (codes.IMAGE_TOO_LARGE, f"it is {info.st_size / 1024 / 1024:.1f} MB, more than the "
                                   f"{MAX_IMAGE_BYTES // 1024 // 1024} MB an image may be")
            else:
                verdict = self._read(path, file)
        if isinstance(verdict, ImageFile):
            self.found[path] = verdict
        else:
            self._refused[path] = verdict
        return verdict

    def _read(self, path: str, file: Path) -> ImageFile | tuple[str, str]:
        try:  # opened without blocking and checked on the open file, as every source is
            data = read_source_bytes(file, self.root, MAX_IMAGE_BYTES)
            kind = judge_image(data)
        except (OSError, SourceError) as error:
            return codes.IMAGE_NOT_KEPT, f"it cannot be read ({getattr(error, 'strerror', '') or error})"
        except NotAnImage as why:
            return (codes.IMAGE_TOO_LARGE if why.too_large else codes.IMAGE_NOT_KEPT), str(why)
        return ImageFile(path=path, data=data, media_type=kind.media_type, width=kind.width,
                         height=kind.height)

    def blocks(
        self, blocks: tuple[Block, ...], file: Path
    ) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
        """`blocks` with every image checked: kept, or replaced by its description; a warning for each
        image left out or without alt text."""
        diagnostics: list[Diagnostic] = []
        checked = []
        for block in blocks:
            if not any(ast.kind(node) == "Image" for node in ast.walk(block.node)):
                checked.append(block)
                continue

            def images(inlines: list[Node], line: int = block.line) -> list[Node]:
                return [self._image(node, file, line, diagnostics) if ast.kind(node) == "Image" else node
                        for node in inlines]

            checked.append(Block(block.line, ast.transform(block.node, inlines=images)))
        return tuple(checked), tuple(diagnostics)

    def _image(self, node: Node, file: Path, line: int, diagnostics: list[Diagnostic]) -> Node:
        url = ast.image_target(node)
        path = source_path(url)
        verdict = self._judge(path) if path else (codes.IMAGE_MISSING, local_image(url) or "it names no file")
        shown = url if len(url) <= 60 else url[:57] + "…"
        if isinstance(verdict, ImageFile):
            if not image_alt(node).strip():
                diagnostics.append(Diagnostic(
                    codes.IMAGE_WITHOUT_ALT, Severity.WARNING,
                    f"the image '{shown}' has no alt text, so a reader who cannot see it learns nothing; "
                    "describe it: ![what it shows](…)", file, line,
                ))
            return node
        code, why = verdict
        diagnostics.append(Diagnostic(
            code, Severity.WARNING,
            f"the image '{shown}' is left out ({why}); put a JPEG, PNG, GIF or WebP file of at most "
            f"{MAX_IMAGE_BYTES // 1024 // 1024} MB in the sources folder and name it by its path there",
            file, line,
        ))
        attr = ast.Attr(classes=(LEFT_OUT_IMAGE,), pairs=(("src", url),))
        return ast.make_span(ast.image_alt(node), attr)


TEXT_FIELDS = ("blocks", "standfirst", "source_note", "bio", "credits")


def opening_block(
    text: NormalisedText, check: ImageCheck
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """The image a text opens with (front matter `image:`), as a figure to begin its body: a paragraph
    holding only the image, its `alt` the one given, its description the caption given, if any (see
    `render/pictures`)."""
    opening, path = text.source.meta.image, text.source.path
    if opening is None:
        return (), ()
    line = opening.line or 1
    if local_image(opening.file).startswith("it is on the network"):
        return (), (Diagnostic(
            codes.OPENING_IMAGE_REMOTE, Severity.INFO,
            f"the opening image '{opening.file[:60]}' is on the network, and the build fetches nothing: "
            "save it under images/ in the sources folder and give its path", path, line,
        ),)
    attr = ast.Attr(pairs=(("alt", opening.alt),)) if opening.alt else ast.NO_ATTR
    description = ast.words_to_inlines(opening.caption) if opening.caption else []  # no caption asked: none
    node = ast.make_para([ast.make_image(description, opening.file, "", attr)])
    blocks, diagnostics = check.blocks((Block(line, node),), path)
    kept = any(ast.kind(item) == "Image" for item in ast.walk(blocks[0].node))
    return (blocks if kept else ()), diagnostics  # an opening image left out leaves nothing in its place


def check_images(
    texts: tuple[NormalisedText, ...], parts: tuple[ParsedPart, ...], root: Path
) -> tuple[tuple[NormalisedText, ...], tuple[ParsedPart, ...], tuple[ImageFile, ...], tuple[Diagnostic, ...]]:
    """Every image of the texts and shared parts checked: the texts and parts as they are to be
    published, the image files they show (each once), and a warning for each image left out."""
    check = ImageCheck(root)
    diagnostics: list[Diagnostic] = []
    checked_texts = []
    for text in texts:
        changes: dict[str, Any] = {}  # NormalisedText's fields of blocks, by name
        for name in TEXT_FIELDS:
            blocks, found = check.blocks(getattr(text, name), text.source.path)
            changes[name] = blocks
            diagnostics += found
        opening, found = opening_block(text, check)
        changes["blocks"] = opening + changes["blocks"]
        diagnostics += found
        checked_texts.append(dataclasses.replace(text, **changes))
    checked_parts = []
    for part in parts:
        blocks, found = check.blocks(part.blocks, part.source.path)
        checked_parts.append(dataclasses.replace(part, blocks=blocks))
        diagnostics += found
    return tuple(checked_texts), tuple(checked_parts), tuple(check.found.values()), tuple(diagnostics)
