"""The faces an edition is set in, for "This edition" in "Sources and credits".

Every edition sets its text in Crimson Pro, or in the face publication.toml's
`font` chooses (then Crimson Pro and the faces below set only what that face
lacks, and are named only then). Greek and Cyrillic letters come from Gentium
Book Plus in every edition, and only a publication with such letters names it
(the ebook and web page carry its faces only then, see render/faces.py); print
sets code in Source Code Pro, named only when a text has code, and a symbol
neither Crimson Pro nor Gentium Book Plus has in Noto Sans Symbols 2
(styles/print.css), named only when the texts have one.
"""

from __future__ import annotations

import functools
import unicodedata

from fontTools.ttLib import TTFont

from pamphleteer import ast
from pamphleteer.locations import FONTS, STYLES
from pamphleteer.model import Publication
from pamphleteer.parse import Block
from pamphleteer.render.faces import FONT_FACE, face_is_used
from pamphleteer.wording import words as furniture

GREEK_CYRILLIC = "fonts/greek-cyrillic/fonts.css"  # Gentium Book Plus, for every edition
CODE = frozenset({"Code", "CodeBlock"})
TEXT_FACES = ("print/crimson-pro-400-normal.ttf", "print/GentiumBookPlus-Regular.ttf")  # print's text
SYMBOLS = "ttf/noto-sans-symbols-2-400-normal.ttf"  # and what it takes the symbols they lack from
CRIMSON_PRO = ("Crimson Pro", "the Crimson Pro Project Authors")  # and its makers
INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs"})  # no glyph is drawn: no face is needed for them


@functools.cache
def _code_points(*paths: str) -> frozenset[int]:
    """The code points the print faces at `paths` (under styles/fonts/) have glyphs for."""
    points: set[int] = set()
    for path in paths:
        with TTFont(FONTS / path, lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


@functools.cache
def _greek_cyrillic_rules() -> tuple[str, ...]:
    return tuple(FONT_FACE.findall((STYLES / GREEK_CYRILLIC).read_text(encoding="utf-8")))


def _blocks(publication: Publication) -> list[Block]:
    blocks = [block for part in (*publication.front, *publication.back) for block in part.blocks]
    for text in publication.texts:
        blocks += [*text.standfirst, *text.body, *text.source_note, *text.bio, *text.credits,
                   *text.introduction]
    return blocks


def typefaces(publication: Publication, edition: str = "screen") -> tuple[str, ...]:
    """The faces `edition` ("print", or "screen": the ebook and the web page) sets `publication` in,
    each with who made it or what it sets: ("Crimson Pro, by the Crimson Pro Project Authors",
    "Gentium Book Plus for Greek and Cyrillic", …)."""
    blocks = _blocks(publication)
    words = "".join(ast.text_of(block.node) for block in blocks)
    words += "".join(f"{text.title}{text.subtitle}{''.join(text.questions)}" for text in publication.texts)
    characters = frozenset(char for char in words if unicodedata.category(char) not in INVISIBLE)
    chosen = publication.look.face
    said = furniture(publication.language)
    maker = CRIMSON_PRO[1] if publication.language.startswith("en") else CRIMSON_PRO[1].removeprefix("the ")
    faces = [said.text("face_by", face=CRIMSON_PRO[0], maker=maker)]
    if chosen is not None:
        first = said.text("face_by", face=chosen.name, maker=chosen.maker) if chosen.maker else chosen.name
        faces = [first if chosen.ofl else said.text("own_licence", face=first)]
        points = chosen.code_points()
        characters = frozenset(char for char in characters if ord(char) not in points)
        if characters & {chr(point) for point in _code_points(TEXT_FACES[0])}:
            faces.append(said.text("face_for_the_rest", face="Crimson Pro", chosen=chosen.name))
    if any(face_is_used(rule, characters) for rule in _greek_cyrillic_rules()):
        faces.append(said.text("for_greek_and_cyrillic", face="Gentium Book Plus"))
    if edition == "print" and any(
        ast.kind(node) in CODE for block in blocks for node in ast.walk(block.node)
    ):
        faces.append(said.text("for_code", face="Source Code Pro"))
    if edition == "print":
        lacking = {ord(char) for char in characters} - _code_points(*TEXT_FACES)
        if lacking & _code_points(SYMBOLS):
            faces.append(said.text("for_symbols", face="Noto Sans Symbols 2"))
    return tuple(faces)
