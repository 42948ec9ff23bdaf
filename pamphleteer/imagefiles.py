"""Judge an image file by its bytes: only real JPEG, PNG, GIF and WebP files of a few MB are kept.

Both `add` (the images of a page or a document) and the build (the images a
text names) judge images here, so the two never disagree.

An image is judged by its bytes, never its name: Pillow must recognise it as
one of the four formats and read it through (`verify`), and it must not
exceed `MAX_IMAGE_BYTES` nor `MAX_PIXELS`. SVG is refused (it can carry
scripts and fetch other files). Each image is named after its own name and
a digest of its bytes, so the same picture twice is kept once.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photograph; beyond it Pillow's decompression-bomb guard
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
MEDIA_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp"}


@dataclass(frozen=True)
class ImageKind:
    """What an image file is: its suffix, media type and size in pixels."""

    suffix: str
    media_type: str
    width: int
    height: int


class NotAnImage(ValueError):
    """The bytes are not an image an edition can carry; the message says why, and `too_large` whether
    only its size (bytes or pixels) is against it."""

    def __init__(self, message: str, *, too_large: bool = False):
        super().__init__(message)
        self.too_large = too_large


def image_suffix(data: bytes) -> str:
    """The file suffix for `data` (".jpg", ".png", ".gif", ".webp"), or NotAnImage saying why not."""
    return judge_image(data).suffix


def judge_image(data: bytes) -> ImageKind:
    """What image `data` is, or NotAnImage saying why it is not one an edition can carry."""
    if len(data) > MAX_IMAGE_BYTES:
        raise NotAnImage(f"it is {len(data) / 1024 / 1024:.1f} MB, more than the "
                         f"{MAX_IMAGE_BYTES // 1024 // 1024} MB an image may be", too_large=True)
    from PIL import Image, UnidentifiedImageError  # here, not on import: a build with nothing changed

    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        raise NotAnImage("it is an SVG drawing, which can carry scripts; save it as PNG to keep it")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                width, height = image.size
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise NotAnImage("it is not an image (or not one of JPEG, PNG, GIF, WebP)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise NotAnImage(f"the image is damaged ({error})") from None
    if kind not in FORMATS:
        raise NotAnImage(f"it is a {kind} image; only JPEG, PNG, GIF and WebP are kept")
    if width * height > MAX_PIXELS:
        raise NotAnImage(f"it is {width} x {height} pixels, more than an edition needs", too_large=True)
    suffix = FORMATS[kind]
    return ImageKind(suffix, MEDIA_TYPES[suffix], width, height)


def image_name(data: bytes, suffix: str, hint: str) -> str:
    """A file name for the image: from its own name (`hint`), with a digest of its bytes, so that
    two pictures never share a name and the same picture twice is kept once."""
    name = hint.rsplit("/", 1)[-1]
    from slugify import slugify

    stem = slugify(name.rsplit(".", 1)[0] if "." in name[-6:] else name, max_length=40, word_boundary=True)
    return f"{stem or 'image'}-{hashlib.sha256(data).hexdigest()[:8]}{suffix}"
