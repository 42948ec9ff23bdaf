"""Fit the cover image publication.toml names to the size ebook stores ask for, with Pillow.

Transform an image file of the sources (JPEG, PNG, GIF or WebP, already judged
by `imagefiles`) into the ebook's cover: turned upright as its camera meant
(EXIF orientation), scaled to fit 1600 x 2560 pixels whole (nothing is cut
off), and set on a ground of the colour of its own edges where its proportions
differ. A photograph (JPEG) stays a JPEG, anything else becomes a PNG; no
metadata is kept, so the same file always gives the same bytes.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps

COVER_SIZE = (1600, 2560)  # pixels: what ebook stores ask a cover for (1:1.6)
JPEG_QUALITY = 88


def cover_suffix(media_type: str) -> str:
    """The file suffix of the cover made from an image of `media_type`."""
    return ".jpg" if media_type == "image/jpeg" else ".png"


def fitted_cover(data: bytes) -> bytes:
    """The image `data` as the ebook's cover: exactly `COVER_SIZE`, the whole image shown."""
    with Image.open(io.BytesIO(data)) as opened:
        photograph = opened.format == "JPEG"
        image = ImageOps.exif_transpose(opened.convert("RGBA"))
    ground = _edge_colour(image)
    flat = Image.new("RGB", image.size, ground)
    flat.paste(image, mask=image.getchannel("A"))
    fitted = ImageOps.contain(flat, COVER_SIZE, Image.Resampling.LANCZOS)
    cover = Image.new("RGB", COVER_SIZE, ground)
    cover.paste(fitted, ((COVER_SIZE[0] - fitted.width) // 2, (COVER_SIZE[1] - fitted.height) // 2))
    out = io.BytesIO()
    if photograph:
        cover.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        cover.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _edge_colour(image: Image.Image) -> tuple[int, int, int]:
    """The median colour of the image's outermost pixels (white where they are transparent)."""
    width, height = image.size
    edges = [image.crop(box) for box in ((0, 0, width, 1), (0, height - 1, width, height),
                                         (0, 0, 1, height), (width - 1, 0, width, height))]
    pixels: list[tuple[int, int, int]] = []
    for edge in edges:
        raw = edge.tobytes()  # RGBA, four bytes a pixel
        for at in range(0, len(raw), 4):
            red, green, blue, alpha = raw[at:at + 4]
            pixels.append((red, green, blue) if alpha > 127 else (255, 255, 255))
    channels = zip(*pixels, strict=True)
    red, green, blue = (sorted(channel)[len(pixels) // 2] for channel in channels)
    return red, green, blue
