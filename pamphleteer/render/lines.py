"""Break each line once a process: WeasyPrint's `split_first_line`, remembered.

A part is laid out several times (`render/layout.py`: first, with its loose lines
set again, to mend its pages, to bring its footnotes back), and each layout
breaks every line of it again, though most of its paragraphs are set as before:
in a layout after the first, about two lines in five are broken exactly as one
was already, and breaking a line (Pango shaping the text left, then trying each
hyphenation of the next word) is most of what laying out a page costs.

WeasyPrint breaks a line with `split_first_line` (weasyprint/text/line_break.py):
what it returns depends only on its arguments, the text left of the paragraph's
run, the available width, whether the line begins there, and of the style the
properties it reads (`READ`: the face, size, spacings, hyphenation, white-space)
and the font configuration (the faces; the lines remembered are forgotten when
another one comes); its layout context lends it only a cache of
hyphenation dictionaries. The Pango layout it returns comes deactivated (its
text and metrics, no Pango object: drawing sets one up again from the text box's
own style), so a copy of one returned before stands for a new one. So this
module remembers each line broken in this process by all of that, and gives a
copy of what was returned when the same line is broken again: the layouts, and
the PDF, are the same byte for byte.

A justified line's text boxes are given their Pango layouts again, with the
justification's word spaces (`add_word_spacing`, weasyprint/layout/inline.py: its
`create_layout`, deactivated at once); such a layout depends on the same (its text,
the style's `READ` properties, the spacing added), so it is remembered the same way.

Installed on import (as `render/resume.py` wraps WeasyPrint's block layout);
`BROKEN` lines (and as many justified boxes) at most are remembered, then they are
forgotten all at once.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from weasyprint.layout import inline, preferred
from weasyprint.text import line_break

# Every property of a style that split_first_line reads, itself or through what it calls (the
# Pango layout's set-up, set_text, line_size, get_font_description, font_features) in WeasyPrint 70.
READ = (
    "white_space", "font_size", "hyphens", "lang", "hyphenate_limit_chars", "hyphenate_limit_zone",
    "hyphenate_character", "overflow_wrap", "word_break", "word_spacing", "letter_spacing", "tab_size",
    "direction", "font_language_override", "font_family", "font_style", "font_stretch", "font_weight",
    "font_variant_caps", "font_variation_settings", "text_decoration_line", "font_kerning",
    "font_variant_ligatures", "font_variant_position", "font_variant_numeric", "font_variant_alternates",
    "font_variant_east_asian", "font_feature_settings",
)
_read = itemgetter(*READ)
BROKEN = 20_000  # lines remembered at most: about 12 MB (a seed text of 21 pages leaves 3600, 2 MB)

_split = getattr(line_break.split_first_line, "__wrapped__", line_break.split_first_line)
_create_layout = line_break.create_layout
_BROKEN: dict[Any, tuple[Any, ...]] = {}
_JUSTIFIED: dict[Any, Any] = {}  # the deactivated layouts of justified text boxes
_FONTS: list[Any] = [None]  # the font configuration the lines remembered were broken with


def _fonts(style: Any) -> None:
    """Forget the lines broken with another typesetter's faces (a stylesheet edited, in watch)."""
    if style.font_config is not _FONTS[0]:
        _BROKEN.clear()
        _JUSTIFIED.clear()
        _FONTS[0] = style.font_config


def split_first_line(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                     is_line_start: bool = True, minimum: bool = False) -> tuple[Any, ...]:
    """WeasyPrint's `split_first_line`, or a copy of what it returned for the same line before."""
    _fonts(style)
    key: Any = (text, _read(style), max_width, justification_spacing,
                is_line_start, minimum)
    try:
        found = _BROKEN.get(key)
    except TypeError:  # a property's value that cannot be hashed: by what it prints
        key = repr(key)
        found = _BROKEN.get(key)
    if found is not None:
        return (_copy(found[0]), *found[1:])
    result = _split(text, style, context, max_width, justification_spacing, is_line_start, minimum)
    if len(_BROKEN) >= BROKEN:
        _BROKEN.clear()
    _BROKEN[key] = (_copy(result[0]), *result[1:])
    return tuple(result)


def create_layout(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any) -> Any:
    """WeasyPrint's `create_layout` as `add_word_spacing` calls it (which deactivates the layout at
    once): a copy of the one made for the same text box before, with what deactivating drops."""
    _fonts(style)
    key: Any = (text, _read(style), max_width, justification_spacing)
    try:
        found = _JUSTIFIED.get(key)
    except TypeError:  # a property's value that cannot be hashed: by what it prints
        key = repr(key)
        found = _JUSTIFIED.get(key)
    if found is None:
        made = _create_layout(text, style, context, max_width, justification_spacing)
        made.deactivate()
        if len(_JUSTIFIED) >= BROKEN:
            _JUSTIFIED.clear()
        found = _JUSTIFIED[key] = made
    layout = _copy(found)
    layout.layout = layout.language = layout.style = None  # what `deactivate` drops
    return layout


def _copy(layout: Any) -> Any:
    """A deactivated layout's copy: its text and metrics (drawing sets its own Pango layout up)."""
    copied = object.__new__(type(layout))
    copied.__dict__.update(layout.__dict__)
    return copied


split_first_line.__wrapped__ = _split  # type: ignore[attr-defined]
inline.split_first_line = split_first_line  # what lays out lines and justifies them
preferred.split_first_line = split_first_line  # what measures shrink-to-fit widths
inline.create_layout = create_layout  # its only caller there: add_word_spacing (justified lines)
