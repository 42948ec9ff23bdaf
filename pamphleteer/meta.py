"""Turn a front matter mapping into `TextMeta`: converters' keys read as ours, every value checked.

A text keeps whatever front matter its converter wrote. The keys trafilatura,
Hugo, Jekyll, Obsidian Web Clipper, MarkDownload and pandoc write are read as
Pamphleteer's own (`url` → `source`, `sitename` → `publication`, `published`
→ `date`, `authors` → `author`, `description` → the standfirst …), in any
letter case, with the list and nested forms those tools use (`author:
["[[Name]]"]`, `author: {name: …}`, `author: A; B`). Keys the build does not
use are noted, never refused. A value under one of Pamphleteer's own keys that
is wrong (an impossible date, a date that is a word, a title that is a list)
stops the build with its file and line; the same value under a converter's
key is left out with a warning, so a converter's choices never refuse a file.
Invisible characters that reorder or hide text (bidi overrides, zero-width
spaces) are stripped from every value, with a warning.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, Severity, SourceError
from pamphleteer.sanitise import plain_text
from pamphleteer.wording import primary_language

FRONT_MATTER_KEYS = {
    "title": "a text",
    "subtitle": "a text",
    "author": "a name or a list of names",
    "date": "a date like 2024-01-29",
    "lang": "a language tag like en-GB",
    "rights": "a text",
    "publication": "a text",
    "source": "a URL",
    "order": "a whole number",
    "questions": "a list of questions",
    "fixes": "a list of {find: …, replace: …} entries",
    "keep": "a list of block texts or repair codes to leave alone",
    "standfirst": "a text",
    "introduction": "a text (Markdown) introducing this text in its own pamphlet",
    "image": "an image in the sources folder: images/x/photo.jpg, or {file: …, alt: …, caption: …}",
}
# What converters write, by the key as written folded (lower case, no '_' or '-'), in order of
# preference among keys that give the same thing. Pamphleteer's own keys come first.
CONVERTER_KEYS = {
    "title": ("title", "pagetitle", "headline"),
    "subtitle": ("subtitle",),
    "author": ("author", "authors", "byline", "creator", "creators"),
    "date": ("date", "published", "pubdate", "publishdate", "datepublished", "publishedat",
             "publishedtime", "publicationdate"),
    "lang": ("lang", "language", "locale", "og:locale", "oglocale", "contentlanguage", "inlanguage"),
    "rights": ("rights", "license", "licence", "copyright"),
    "publication": ("publication", "sitename", "publisher", "site", "hostname", "sourcename"),
    "source": ("source", "url", "link", "canonical", "canonicalurl", "sourceurl", "originalurl",
               "permalink", "href"),
    "standfirst": ("standfirst", "description", "excerpt", "summary", "abstract", "dek", "lede"),
    "order": ("order",),
    "questions": ("questions",),
    "fixes": ("fixes",),
    "keep": ("keep",),
    "introduction": ("introduction",),
    "image": ("image", "featuredimage", "cover", "ogimage", "socialimage", "thumbnail"),
}
# Keys converters write that a pamphlet has no use for: noted, not warned about.
UNUSED_KEYS = frozenset({
    "tags", "categories", "category", "keywords", "created", "modified", "updated", "lastmod",
    "lastmodified", "draft", "layout", "type", "slug", "aliases", "weight", "id", "guid",
    "fingerprint", "images", "comments", "toc", "menu", "series", "template", "wordcount", "readingtime",
    "length", "expirydate", "status", "sitemap", "outputs", "cascade", "params", "markup",
    "translationkey", "iscjklanguage", "headless", "build", "resources", "redirectfrom",
    "classoption", "documentclass", "geometry", "fontsize", "mainfont", "headerincludes",
    "linkcolor", "urlcolor", "clipped", "highlights", "share", "excerptseparator",
})
# Aliases of each of our keys, by folded key.
ALIAS_OF = {alias: ours for ours, aliases in CONVERTER_KEYS.items() for alias in aliases}
OURS_STRICT = frozenset(FRONT_MATTER_KEYS)  # written under these names, a wrong value is an error

# The longest value of each key, in characters (500 for a title, a name, a date …): a title of a
# megabyte would only stall the page layout.
LONGEST = {"standfirst": 5000, "introduction": 20000,
           "questions": 1000, "keep": 5000, "rights": 2000, "source": 2000}
MAX_ENTRIES = 500  # questions, fixes or kept blocks: each fix and each kept block is a pass over the text
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
WEB_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
ISO_DAY = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
# Bidi embeddings, overrides and isolates, marks, zero-width spaces, word joiners, invisible
# operators, the BOM and the Mongolian vowel separator: they reorder or hide text in a title.
INVISIBLE = re.compile("[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
JOINERS = "\u200c\u200d"  # zero-width (non-)joiner: kept only between letters outside ASCII
WIKI_LINK = re.compile(r"^\[\[([^\]|]*)(?:\|([^\]]*))?\]\]$")
AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")  # trafilatura joins several authors with '; '


@dataclass(frozen=True)
class Fix:
    """An explicit find/replace repair from front matter, for damage no rule can infer."""

    find: str
    replace: str
    line: int


@dataclass(frozen=True)
class OpeningImage:
    """The image a text opens with (front matter `image:`), named by its path in the sources folder."""

    file: str
    alt: str = ""
    caption: str = ""
    line: int | None = None


@dataclass(frozen=True)
class TextMeta:
    """What a text's front matter says. Empty strings mean "not given"."""

    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    lang: str = ""
    rights: str = ""
    publication: str = ""
    source: str = ""
    order: int | None = None
    questions: tuple[str, ...] = ()
    fixes: tuple[Fix, ...] = ()
    # Block texts or repair codes (like "N010") a person wants left as they are: the
    # normaliser's removals and repairs skip what this names.
    keep: tuple[str, ...] = ()
    # The converter's summary (`description`, `excerpt` …), shown under the title when the
    # body has no standfirst of its own.
    standfirst: str = ""
    image: OpeningImage | None = None  # the image the text opens with
    # Markdown introducing the text in its own pamphlet (`pamphlets = "each"`), in place of the
    # reader's introduction, which speaks of the whole collection.
    introduction: str = ""
    # Written by a converter (it used a converter's keys: `url`, `sitename`, `published` …), so its
    # date may be a timestamp's day in another time zone than the page's dateline. Not in the repr,
    # which the build's fingerprint digests: it follows from the keys, which give the values above.
    converter: bool = dataclasses.field(default=False, repr=False)
    # A site's export gives the post's address as a path on the site (Hugo's `url: /news/x/`): no source,
    # but its links to the site's other posts have its shape. Not in the repr, as `converter`.
    site_path: str = dataclasses.field(default="", repr=False)


class _Reader:
    """Reads one front matter mapping, collecting notes and warnings for the build to print."""

    def __init__(self, data: dict[Any, Any], lines: dict[str, int], path: Path):
        self.path = path
        self.lines = lines
        self.notes: list[Diagnostic] = []
        self.given: dict[str, tuple[str, Any]] = {}  # our key -> (key as written, value)
        unused: list[str] = []
        unknown: list[str] = []
        read_as: list[str] = []
        candidates: dict[str, list[tuple[str, Any]]] = {}
        for written, value in data.items():
            name = str(written)
            folded = re.sub(r"[-_\s]", "", name.lower())
            known = ALIAS_OF.get(folded) or (folded if folded in FRONT_MATTER_KEYS else None)
            if known is None:
                (unused if folded in UNUSED_KEYS else unknown).append(name)
                continue
            if value is None or value == "" or value == []:
                continue  # an empty field of a converter's template: not given
            candidates.setdefault(known, []).append((name, value))
        for ours, found in candidates.items():
            found.sort(key=lambda item: _rank(item[0], ours))
            if ours == "source" and found[0][0] != ours:  # Hugo's `url` is a site path: take a web address
                found.sort(key=lambda item: not (isinstance(_first(item[1]), str)
                                                 and WEB_URL.match(_first(item[1]).strip())))
            self.given[ours] = found[0]
            for name, _value in found[1:]:
                self.note(codes.CONVERTER_KEY_SHADOWED, Severity.INFO,
                          f"front matter '{name}' is not used: '{found[0][0]}' gives the {ours} already",
                          name)
        for ours, (name, _value) in self.given.items():
            if name != ours:
                read_as.append(f"'{name}' as '{ours}'")
        self.converter = bool(read_as)
        if read_as:
            self.note(codes.CONVERTER_KEYS_READ, Severity.INFO,
                      "converter front matter read: " + ", ".join(read_as), None)
        if unused:
            self.note(codes.KEYS_NOT_USED, Severity.INFO, "front matter not used in a pamphlet: "
                      + ", ".join(f"'{name}'" for name in unused), unused[0])
        for name in unknown:
            self.note(codes.UNKNOWN_KEY, Severity.WARNING,
                      f"unknown front matter key '{name}' is ignored; the keys read are: "
                      f"{', '.join(key for key in FRONT_MATTER_KEYS if key != 'standfirst')} "
                      "(and what converters write for them)", name)

    def note(self, code: str, severity: Severity, message: str, key: str | None) -> None:
        self.notes.append(Diagnostic(code, severity, message, self.path, self.line_of(key)))

    def line_of(self, key: str | None) -> int | None:
        return self.lines.get(key) if key is not None else min(self.lines.values(), default=None)

    def strict(self, ours: str) -> bool:
        """Whether the value was written under Pamphleteer's own key (then a wrong value stops)."""
        return self.given[ours][0] == ours

    def wrong(self, ours: str, message: str) -> None:
        """A wrong value: an error under our own key, else a warning and the value left out."""
        name = self.given[ours][0]
        if self.strict(ours):
            raise SourceError(message.replace("{key}", f"front matter '{name}'"), file=self.path,
                              line=self.lines.get(name))
        self.note(codes.WRONG_CONVERTER_VALUE, Severity.WARNING,
                  message.replace("{key}", f"front matter '{name}'") + "; it is left out", name)

    def at_most(self, ours: str, count: int) -> None:
        """Refuse more entries than any text needs (each fix and kept block is a pass over the text)."""
        if count > MAX_ENTRIES:
            name = self.given[ours][0]
            raise SourceError(
                f"front matter '{name}' has {count} entries; a text may have at most {MAX_ENTRIES}",
                file=self.path, line=self.lines.get(name),
            )

    def clean(self, ours: str, text: str) -> str:
        """`text` without markup and invisible characters (a warning when some were there)."""
        text, joiners = _without_stray_joiners(text)
        seen = INVISIBLE.findall(text) + joiners
        if seen:
            text = INVISIBLE.sub("", text)
            shown = ", ".join(sorted({f"U+{ord(char):04X}" for char in seen}))
            self.note(codes.INVISIBLE_CHARACTERS, Severity.WARNING,
                      f"front matter '{self.given[ours][0]}' had invisible characters that reorder or "
                      f"hide text ({shown}); they were removed", self.given[ours][0])
        limit = LONGEST.get(ours, 500)
        if len(text) > limit:
            self.wrong(ours, f"{{key}} is {len(text):,} characters long; it may be at most {limit:,}")
            return ""
        return plain_text(text.strip())

    # -- one reader per kind of value --------------------------------------------------------

    def text(self, ours: str) -> str:
        if ours not in self.given:
            return ""
        value = self.given[ours][1]
        if not self.strict(ours):
            value = _first(value)
        elif isinstance(value, list) and len(value) == 1:  # `source: ["https://…"]`, as clippers write
            value = value[0]
        if isinstance(value, dict) and not self.strict(ours):
            value = _named(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return self.clean(ours, str(value))
        self.wrong(ours, f"{{key}} must be {FRONT_MATTER_KEYS[ours]}")
        return ""

    def texts(self, ours: str) -> tuple[str, ...]:
        if ours not in self.given:
            return ()
        value = self.given[ours][1]
        items = value if isinstance(value, list) else [value]
        self.at_most(ours, len(items))
        if all(isinstance(item, str) for item in items):
            return tuple(text for text in (self.clean(ours, item) for item in items) if text)
        self.wrong(ours, f"{{key}} must be {FRONT_MATTER_KEYS[ours]}")
        return ()

    def authors(self) -> tuple[str, ...]:
        if "author" not in self.given:
            return ()
        value = self.given["author"][1]
        items = value if isinstance(value, list) else [value]
        names: list[str] = []
        for item in items:
            if isinstance(item, dict):
                item = _named(item)
            if not isinstance(item, str):
                self.wrong("author", f"{{key}} must be {FRONT_MATTER_KEYS['author']}")
                return ()
            link = WIKI_LINK.match(item.strip())
            if link:  # Obsidian writes `author: ["[[Name]]"]`
                item = link.group(2) or link.group(1)
            names.extend(part for part in AUTHOR_SEPARATOR.split(item))
        return tuple(name for name in (self.clean("author", name) for name in names) if name)

    def date(self, lang: str = "") -> str:
        """The front matter's date; a numeric one read in the order of the text's language `lang`."""
        if "date" not in self.given:
            return ""
        value = self.given["date"][1]
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, str) and value.strip():
            day = parse_date(self.clean("date", value), lang)
            if day is not None:
                return day.isoformat()
            self.wrong("date", f"{{key}} is '{value.strip()[:40]}', which is not a date that can be "
                       "read (it must be a real day, like 2024-01-29 or 29 January 2024)")
            return ""
        self.wrong("date", f"{{key}} must be {FRONT_MATTER_KEYS['date']}")
        return ""

    def language(self) -> str:
        lang = self.text("lang")
        if re.fullmatch(r"[A-Za-z]{2,3}_[A-Za-z]{2}", lang):  # og:locale writes en_GB
            lang = lang.replace("_", "-")
        if lang and not LANGUAGE_TAG.match(lang):
            self.wrong("lang", f"{{key}} is '{lang[:40]}'; it must be {FRONT_MATTER_KEYS['lang']}")
            return ""
        return lang

    def source(self) -> str:
        source = self.text("source")
        if source.startswith("/") and not source.startswith("//") and not self.strict("source"):
            name = self.given["source"][0]  # Hugo's and Jekyll's `url` or `permalink`: a path on the site
            self.note(codes.KEYS_NOT_USED, Severity.INFO, f"front matter '{name}' is a path on the site "
                      f"('{source[:60]}'), not the original's address: not used", name)
            return ""
        if source and not WEB_URL.match(source):
            self.wrong("source", f"{{key}} is '{source[:60]}'; it must be the original's web address, "
                       "starting with https:// or http://")
            return ""
        return source

    def site_path(self) -> str:
        """Hugo's and Jekyll's `url` when it is a path on the site (`source` leaves it out), or ''."""
        path = self.text("source") if "source" in self.given and not self.strict("source") else ""
        return path if path.startswith("/") and not path.startswith("//") else ""

    def order(self) -> int | None:
        if "order" not in self.given:
            return None
        order = self.given["order"][1]
        if not isinstance(order, int) or isinstance(order, bool):
            self.wrong("order", "{key} must be a whole number")
            return None
        return order

    def image(self) -> OpeningImage | None:
        if "image" not in self.given:
            return None
        name, value = self.given["image"]
        value = _first(value)
        if isinstance(value, str):
            value = {"file": value}
        if not isinstance(value, dict):
            self.wrong("image", f"{{key}} must be {FRONT_MATTER_KEYS['image']}")
            return None
        fields = {key: value.get(key) for key in ("file", "alt", "caption")}
        fields["file"] = fields["file"] or value.get("src") or value.get("url")  # converters' names for it
        given = [item for item in fields.values() if item is not None]
        if not all(isinstance(item, str) for item in given) or not fields["file"]:
            self.wrong("image", f"{{key}} must be {FRONT_MATTER_KEYS['image']}")
            return None
        text = {key: self.clean("image", str(item or "")) for key, item in fields.items()}
        return OpeningImage(file=text["file"], alt=text["alt"], caption=text["caption"],
                            line=self.lines.get(name))

    def fixes(self) -> tuple[Fix, ...]:
        if "fixes" not in self.given:
            return ()
        name, value = self.given["fixes"]
        line = self.lines.get(name)
        if not isinstance(value, list):
            message = f"front matter 'fixes' must be {FRONT_MATTER_KEYS['fixes']}"
            raise SourceError(message, file=self.path, line=line)
        self.at_most("fixes", len(value))
        fixes = []
        for index, entry in enumerate(value, start=1):
            if (
                not isinstance(entry, dict)
                or set(entry) != {"find", "replace"}
                or not all(isinstance(entry[k], str) for k in entry)
                or not entry["find"]
            ):
                raise SourceError(
                    f"front matter 'fixes' entry {index} must have exactly a non-empty 'find' "
                    "and a 'replace' text",
                    file=self.path,
                    line=line,
                )
            fixes.append(Fix(find=entry["find"], replace=entry["replace"], line=line or 1))
        return tuple(fixes)


def invisible_characters(text: str) -> list[str]:
    """The characters of `text` that reorder or hide it (bidi controls, zero-width spaces …)."""
    return INVISIBLE.findall(text) + _without_stray_joiners(text)[1]


def _without_stray_joiners(text: str) -> tuple[str, list[str]]:
    """`text` without zero-width joiners that do not join two letters of a script that uses them.

    (Arabic, Persian and Indic spellings need them between letters; anywhere else they hide.)
    """
    kept, removed = [], []
    for index, char in enumerate(text):
        if char in JOINERS:
            before, after = text[index - 1 : index], text[index + 1 : index + 2]
            if not (before.isalpha() and after.isalpha() and not before.isascii() and not after.isascii()):
                removed.append(char)
                continue
        kept.append(char)
    return "".join(kept), removed


def _rank(name: str, ours: str) -> int:
    folded = re.sub(r"[-_\s]", "", name.lower())
    aliases = CONVERTER_KEYS[ours]
    return (aliases.index(folded) if folded in aliases else len(aliases)) * 2 + (name != name.lower())


def _first(value: Any) -> Any:
    """The first item of a list (converters write `url: [a, b]`); anything else as it is."""
    while isinstance(value, list) and value:
        value = value[0]
    return value


def _named(value: dict[Any, Any]) -> Any:
    """The name in `{name: …}` (pandoc, Jekyll, Hugo write authors and publishers so)."""
    for key in ("name", "title", "url", "href", "value"):
        if key in value:
            return value[key]
    return value


def parse_date(text: str, lang: str = "") -> datetime.date | None:
    """The day `text` names, in any common form, or None: never a relative one ("yesterday").

    ISO dates are read directly (an impossible one like 2024-13-45 is None); anything else by
    dateparser, with absolute dates only and the day, month and year all required, in the text's
    language `lang` first, and a numeric date's day and month in that language's order
    (`normalise.metadata.date_order`: 12/10/2020 is 12 October but in American English).
    """
    iso = ISO_DAY.match(text.strip())
    if iso:
        try:
            return datetime.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    if not re.search(r"\d", text) or len(text) > 80:
        return None
    # Imported only here: it takes a while to load, and most dates are ISO.
    import dateparser  # type: ignore[import-untyped]

    from pamphleteer.normalise.metadata import DATE_LANGUAGES, date_order

    primary = primary_language(lang)
    languages = [primary, *(other for other in DATE_LANGUAGES if other != primary)] if primary in (
        DATE_LANGUAGES) else None
    parsed = dateparser.parse(text, languages=languages, settings={
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": date_order(lang),
    })
    return parsed.date() if parsed is not None else None


def parse_meta(
    data: dict[Any, Any], lines: dict[str, int], path: Path, notes: list[Diagnostic] | None = None
) -> TextMeta:
    """Check front matter keys and values and build `TextMeta`; notes and warnings go to `notes`."""
    reader = _Reader(data, lines, path)
    title, subtitle, authors = reader.text("title"), reader.text("subtitle"), reader.authors()
    lang = reader.language()
    meta = TextMeta(
        title=title,
        subtitle=subtitle,
        authors=authors,
        date=reader.date(lang),
        lang=lang,
        rights=reader.text("rights"),
        publication=reader.text("publication"),
        source=reader.source(),
        order=reader.order(),
        questions=reader.texts("questions"),
        fixes=reader.fixes(),
        keep=reader.texts("keep"),
        standfirst=reader.text("standfirst"),
        image=reader.image(),
        introduction=reader.text("introduction"),
        converter=reader.converter,
        site_path=reader.site_path(),
    )
    meta = _authors_who_are_people(_title_without_site(meta, reader), reader)
    if notes is not None:
        notes.extend(reader.notes)
    return meta


def _title_without_site(meta: TextMeta, reader: _Reader) -> TextMeta:
    """A converter's title as the page's <title> gives it, "Why X - DiEM25", without the site's name
    when that is the publication the front matter gives or the site its source is on (I204)."""
    match = TITLE_SITE.search(meta.title)
    if not match or codes.TITLE_SITE_CUT in meta.keep:
        return meta
    title, site = meta.title[: match.start()].strip(), match.group("site")
    if len(title.split()) < 2 or len(site.split()) > 6:
        return meta
    if _letters(site) not in _site_letters(meta) and not _own_sites_name(meta, reader, match.group(0), site):
        return meta
    reader.note(codes.TITLE_SITE_CUT, Severity.INFO,
                f"the title's ending '{site}' is the site's name, not the title's: the title is '{title}'",
                "title")
    return dataclasses.replace(meta, title=title, publication=meta.publication or site)


def _own_sites_name(meta: TextMeta, reader: _Reader, ending: str, site: str) -> bool:
    """A site's export names no host (Hugo's `url: /news/x/`) and no publication: a name after a bar
    ("… | MIT Technology Review") is the site's, as the normaliser reads a heading's."""
    from pamphleteer.normalise.metadata import split_title  # the normaliser's, loaded on use

    path = str(reader.given["source"][1]).strip() if "source" in reader.given else ""
    return (path.startswith("/") and not path.startswith("//") and not meta.publication
            and "|" in ending and split_title(meta.title)[1] == site.strip())


def _authors_who_are_people(meta: TextMeta, reader: _Reader) -> TextMeta:
    """A clipper's author list without the site beside the person ("Ernst Lohoff, Jungle World" when
    the site is jungle.world) and without a comment's heading ("Art Edwards says") (I205)."""
    if len(meta.authors) < 1 or codes.AUTHOR_NOT_A_PERSON in meta.keep:
        return meta
    sites = _site_letters(meta)
    meta = _bylines_read(meta, reader)
    people = tuple(name for name in meta.authors if not SAYS.search(name) and not _cut_dateline(name)
                   and not EDITED.search(name)
                   and not _newsroom(name) and not (len(meta.authors) > 1 and _letters(name) in sites)
                   and not _agency(name) and not _address_as_name(name, meta) and not _publisher(name, meta))
    if len(meta.authors) > 1 and _letters("".join(meta.authors)) in _site_letters(meta):
        people = ()  # "SPIEGEL ONLINE; Hamburg; Germany": the site's name as trafilatura splits it
    if people == meta.authors:
        return meta
    left = [name for name in meta.authors if name not in people]
    reader.note(codes.AUTHOR_NOT_A_PERSON, Severity.INFO,
                f"not an author: {', '.join(left)} (the site, its address, its newsroom, a news agency, a "
                f"comment's heading or a dateline's remains); the authors are: "
                f"{', '.join(people) or 'none given'}", "author")
    return dataclasses.replace(meta, authors=people)


def _bylines_read(meta: TextMeta, reader: _Reader) -> TextMeta:
    """An author given as the page's whole byline ("Par LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux
    à Toulouse", trafilatura's): the names it gives are the authors (I205)."""
    from pamphleteer.normalise.metadata import PREFIX, read_byline  # the normaliser's, loaded on use

    authors: list[str] = []
    whole = read_byline(", ".join(meta.authors)) if PREFIX.match(meta.authors[0]) else None
    for name in () if whole else meta.authors:  # "Par LILIAN ALEMAGNA; LAURE BRETTON Envoyés …": one byline
        read = read_byline(name) if PREFIX.match(name) else None
        authors.extend(read[0] if read else (name,))
    authors.extend(whole[0] if whole else ())
    people = tuple(dict.fromkeys(authors))
    if people == meta.authors:
        return meta
    reader.note(codes.AUTHOR_NOT_A_PERSON, Severity.INFO,
                f"the author given is a byline: {'; '.join(meta.authors)}; "
                f"the authors are: {', '.join(people)}",
                "author")
    return dataclasses.replace(meta, authors=people)


# "Revised Edition Edited by Adrian Parr": the book's editor, the clipper's guess, not the entry's author
EDITED = re.compile(r"\b(?:edited|translated|compiled|curated|hosted|moderated)\s+by\b", re.IGNORECASE)

NEWSROOM_WORDS = frozenset((
    "staff", "staffs", "reports", "report", "wire", "wires", "service", "services", "desk", "team", "editors",
    "editorial", "contributors", "contributor", "newsroom", "news", "agency", "agencies", "and", "&", "the",
))


# The wire services whose name a clipper takes from a page's byline or meta tags for its author: the
# agency that sent the story, not a person who wrote it.
NEWS_AGENCIES = frozenset((
    "afp", "agence france-presse", "agence france presse", "ap", "associated press", "the associated press",
    "reuters", "thomson reuters", "dpa", "deutsche presse-agentur", "pa", "pa media", "press association",
    "ansa", "efe", "xinhua", "kyodo", "kyodo news", "tass", "upi", "aap", "epd", "kna", "apa", "sda", "anp",
    "belga", "tt", "ntb", "ritzau", "pap", "yonhap", "europa press", "canadian press", "the canadian press",
))


def _agency(name: str) -> bool:
    """A news agency's name, or several ("AFP", "dpa/AFP", "Reuters; AP"), not a person's."""
    parts = [part.strip().casefold() for part in re.split(r"\s*[/;,&]\s*|\s+and\s+", name) if part.strip()]
    return bool(parts) and all(part in NEWS_AGENCIES for part in parts)


# Words a publisher's or a site's company name adds to the site's name ("SPIEGEL ONLINE", "Ediciones El
# País", "Guardian News & Media"): in the languages of the corpus, as NEWS_AGENCIES are.
PUBLISHER_WORDS = frozenset((
    "online", "digital", "web", "media", "medien", "médias", "group", "gruppe", "groupe", "grupo", "gruppo",
    "ediciones", "editions", "éditions", "edizioni", "edições", "verlag", "verlagsgruppe", "publishing",
    "publications", "publishers", "press", "presse", "prensa", "inc", "ltd", "llc", "gmbh", "ag", "sa", "srl",
    "corporation", "corp", "company", "co", "redaktion", "rédaction", "redacción", "redazione", "redakcja",
    "&", "and", "und", "y", "et", "the", "le", "la", "les", "el", "der", "die", "das",
))


def _unaccented(text: str) -> str:
    """'país' -> 'pais', as a site's address writes its name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


ARTICLE_WORDS = frozenset(("the", "le", "la", "les", "el", "der", "die", "das"))


def _publisher(name: str, meta: TextMeta) -> bool:
    """The site's publisher given as the author: the site's name as its address or its front matter's
    publication spells it, with a publisher's words ("SPIEGEL ONLINE" at spiegel.de, "Ediciones El País"
    at elpais.com). The site's name alone may be the author (an institution's statement): see
    `site_as_author`."""
    return _site_in_name(name, meta) == "publisher"


def site_as_author(meta: TextMeta) -> bool:
    """Whether the one author the front matter gives is the site's name alone ("Makronom" at makronom.de,
    "The Economist"), not a person's (wolfgangmichal.de is Wolfgang Michal's own site): an institution's
    statement, or a clipper's guess where the page names its writers. The text's own byline then
    comes first."""
    return len(meta.authors) == 1 and _site_in_name(meta.authors[0], meta) == "site"


def _site_in_name(name: str, meta: TextMeta) -> str:
    """'publisher' for the site's name with a publisher's words, 'site' for the name alone when it is no
    person's, '' otherwise."""
    from pamphleteer.normalise.metadata import looks_like_name  # the normaliser's, loaded on use

    words = re.findall(r"[^\W_]+|&", _unaccented(name.casefold()))
    sites = {_unaccented(site) for site in _site_letters(meta)} - {""}
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            if "".join(words[start:end]) not in sites:
                continue
            rest = words[:start] + words[end:]
            if any(word not in PUBLISHER_WORDS for word in rest):
                continue
            if any(word not in ARTICLE_WORDS for word in rest):
                return "publisher"
            return "" if looks_like_name(name.strip()) else "site"
    return ""


def _address_as_name(name: str, meta: TextMeta) -> bool:
    """The source's address written as a name ("Lefigaro Fr" for lefigaro.fr): a clipper's guess."""
    host = re.sub(r"^www\.", "", re.sub(r"^https?://([^/:]+).*$", r"\1", meta.source.lower()))
    return "." in host and "/" not in host and _letters(name) == _letters(host) and " " in name.strip()


def _newsroom(name: str) -> bool:
    """A newsroom's label, not a person ("Staff", "News Service Reports", "Editorial Team"): only such
    words, at least one of them no mere "news" or "the"."""
    words = re.findall(r"[^\W\d_]+|&", name.casefold())
    return bool(words) and all(word in NEWSROOM_WORDS for word in words) and not set(words) <= {
        "news", "the", "and", "&"}


SAYS = re.compile(r"\s(?:says|said|wrote|writes|replied)\s*:?$", re.IGNORECASE)
MONTH_END = re.compile(
    r"\s(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$", re.IGNORECASE)


def _cut_dateline(name: str) -> bool:
    """A byline's site and month, its day and year cut off by the converter ("CBS News February" from
    "CBS News February 24, 2020"): a month's name after two words or more that are no person's name."""
    from pamphleteer.normalise.metadata import looks_like_name  # the normaliser's, loaded on use

    month = MONTH_END.search(name)
    before = name[: month.start()].strip(" ,") if month else ""
    return len(before.split()) >= 2 and not looks_like_name(before)  # "Theresa May" is a person


def _site_letters(meta: TextMeta) -> set[str]:
    """The publication and the labels of the source's host, as letters ('jungle.world' -> jungleworld)."""
    host = re.sub(r"^www\.", "", re.sub(r"^https?://([^/:]+).*$", r"\1", meta.source.lower()))
    labels = host.split(".") if "." in host and "/" not in host else []
    return {_letters(meta.publication), *(_letters(label) for label in labels[:-1]), _letters(host)} - {""}


TITLE_SITE = re.compile(r"(?:\s*\|\s*|\s+(?:-|–|—|·|•|/|::)\s+)(?P<site>[^|–—·•]+?)\s*$")


def _letters(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", text.casefold()))
