"""Every diagnostic code, declared once with what it means: the build's warnings and notes here.

A code is a letter and three digits: N for a repair the normaliser made (or
doubts), W for a warning, I for information a person may want to confirm, E
for an error that stops the build. `declare` records a code with a one-line
summary and returns it, so modules write `codes.NO_TITLE`, never "W001";
declaring a code twice, or one of the wrong shape, fails at import.

Who declares what: W and I codes are declared below; N codes by the repair
rules where they are defined (`normalise/registry.py`); E codes by the
exception classes of `errors.py`. `pamphleteer.catalogue` lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHAPE = re.compile(r"^[NWIE]\d{3}$")
KINDS = {"N": "repair", "W": "warning", "I": "information", "E": "error"}


@dataclass(frozen=True)
class Code:
    """One diagnostic code and what it means."""

    code: str
    summary: str

    @property
    def kind(self) -> str:
        """"repair", "warning", "information" or "error"."""
        return KINDS[self.code[0]]


_DECLARED: dict[str, Code] = {}


def declare(code: str, summary: str) -> str:
    """Record `code` with its summary and return it; a code of the wrong shape or declared twice fails."""
    if not SHAPE.match(code):
        raise ValueError(f"diagnostic code {code!r} is not a letter (N, W, I, E) and three digits")
    if code in _DECLARED:
        raise ValueError(f"diagnostic code {code} is declared twice: {_DECLARED[code].summary!r} "
                         f"and {summary!r}")
    if not summary.strip():
        raise ValueError(f"diagnostic code {code} has no summary")
    _DECLARED[code] = Code(code, summary)
    return code


def declared() -> tuple[Code, ...]:
    """Every code declared so far, in order of code."""
    return tuple(sorted(_DECLARED.values(), key=lambda item: item.code))


def summary_of(code: str) -> str:
    """What a declared code means ('' for one never declared)."""
    found = _DECLARED.get(code)
    return found.summary if found else ""


# -- information: what the build inferred or assumed, for a person to confirm --------------
INFERRED = declare("I001", "title, author, date or source inferred from the text")
DEFAULT_RIGHTS = declare("I002", "no 'rights:' given: the imprint says copyright stays with the author")
NO_AUTHOR = declare("I003", "no author found: the text is missing from 'About the authors'")
NO_SOURCE = declare("I004", "no source URL found: the credits cannot say where the original is")
OPENING_IMAGE_REMOTE = declare("I005", "an opening image (front matter 'image') on the network not shown")
NO_PAMPHLET_INTRODUCTION = declare("I006", "a text's own pamphlet opens without an introduction: give it "
                                           "'introduction:'")

CONVERTER_KEY_SHADOWED = declare("I201", "a converter's front matter key not used: ours gives it already")
CONVERTER_KEYS_READ = declare("I202", "a converter's front matter keys read as ours")
KEYS_NOT_USED = declare("I203", "front matter a pamphlet does not use (tags, categories …) passed over")
TITLE_SITE_CUT = declare("I204", "the site's name ending the front matter title left it: it is the "
                                 "publication (keep: [I204] keeps it)")
AUTHOR_NOT_A_PERSON = declare("I205", "a front matter author that is the site, a newsroom's label "
                                      "('Staff') or a comment's heading ('X says') left the authors "
                                      "(keep: [I205] keeps it)")
PUBLICATION_GUESS = declare("I206", "a converter's guess at the site's name in the front matter (its "
                                    "address, a company's name, a tagline) gave way to the name the page "
                                    "writes (keep: [I206] keeps it)")

# -- information: what the build put right in the output folder before it went on ---------
STALE_LOCK = declare("I901", "the lock of a build that was killed was taken over")
MOVES_FINISHED = declare("I902", "the editions a killed build had not yet put in place were put in place")
CACHE_UNREADABLE = declare("I903", "build cache entries that could not be read were made again")
STATE_UNREADABLE = declare("I904", "the last build's state could not be read: everything was built again")

# -- warnings: the build goes on, a person should look (--strict makes them fatal) ----------
NO_TITLE = declare("W001", "no title in front matter or text: one was made up")
NO_QUESTIONS = declare("W002", "the text has no discussion questions yet")
RAW_HTML_REMOVED = declare("W100", "hostile raw HTML (scripts, styles, frames, handlers) removed")
LINK_REMOVED = declare("W101", "a link to something other than http(s), mailto or a relative path removed")
IMAGE_LEFT_OUT = declare("W102", "an image not in the sources folder left out")
TOO_DEEP = declare("W103", "markup nested too deep set as plain text")
RESERVED_NAME_REMOVED = declare("W104", "a class or id of the editions' own, chosen by the source, removed")
RELATIVE_LINK_IN_PART = declare("W105", "a relative link in a shared part made plain text")
IMAGE_MISSING = declare("W110", "an image the text names is not a file in the sources folder: left out")
IMAGE_NOT_KEPT = declare("W111", "an image file that is not a JPEG, PNG, GIF or WebP left out")
IMAGE_TOO_LARGE = declare("W112", "an image file over 5 MB (or too many pixels) left out")
IMAGE_WITHOUT_ALT = declare("W113", "an image without alt text, kept: describe it")
COVER_NOT_USED = declare("W115", "the cover image publication.toml names is not used (the reason is given): "
                         "the ebook has the designed cover")
OWN_STYLE_REFUSED = declare("W116", "a stylesheet in the publication's styles/ not used (the reason "
                            "is given): that edition has the built-in look")
OWN_TEMPLATE_REFUSED = declare("W117", "a template in the publication's templates/ not used (the reason "
                               "is given): the built-in template of that name is")
OWN_FONT_REFUSED = declare("W118", "a font file publication.toml's `font` names not used (the reason is "
                           "given): without its regular face the editions keep Crimson Pro")
IMPORT_IMAGE_LEFT_OUT = declare("W120", "an image of a document being added left out (the reason is given)")
UNKNOWN_KEY = declare("W201", "unknown front matter key ignored")
WRONG_CONVERTER_VALUE = declare("W202", "a converter's front matter value that cannot be read left out")
INVISIBLE_CHARACTERS = declare("W203", "characters that reorder or hide text removed from front matter")
KEY_TWICE = declare("W204", "a front matter key given twice: the last one used")
BROKEN_CONVERTER_ENTRY = declare("W205", "a converter's front matter entry that is not valid YAML left out")

# -- warnings about the editions, found while rendering them ---------------------------------
FOOTNOTE_MOVED = declare("W301", "a link's footnote is printed on the page after its call, for lack of room")
FILE_REFUSED = declare("W302", "a file the print layout asked for refused: outside the sources and styles")
PAGE_NOT_MARKED = declare("W303", "a print page begins in a block the ebook lacks: no ebook marker for it")
UNPRINTABLE_CHARACTER = declare("W304", "a character no vendored print face has: a system font's or a box")
