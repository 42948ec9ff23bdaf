"""Read a page's metadata as real sites write it: titles with the site's name, bylines, datelines.

Pure functions over the plain text of one block, for the furniture rules to call:
`split_title` cuts a site's name off a title ("Why X | The Nation"), `read_byline`
reads the forms bylines take ("By X", "Written by X", "X | Business Columnist",
"Tuesday 15 October 2019 by X"), `author_link` a byline that is only a link to an
author's page, `read_dateline` a line that is a date ("Published Nov. 19, 2019 at
5:42 pm", read with `dateparser` when the plain patterns miss it), and `site_name`
finds how the page writes the name of the site its URL is on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from pamphleteer.normalise.names import DATE_PATTERNS, find_date, split_names
from pamphleteer.normalise.names import looks_like_name as _capitalised_words

TITLE_SEPARATORS = re.compile(r"\s*(\|)\s*|\s+(–|—|-|::|·|•)\s+")
SITE_MAX_WORDS = 6
PREFIX = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|text\s+by|posted\s+by|reporting\s+by"
    r"|published\s+by|an?\s+(?:essay|article|column|interview|review)\s+by)\s+",
    re.IGNORECASE,
)
ROLE = re.compile(
    r"\b(?:columnist|writer|editor|correspondent|reporter|contributor|journalist|critic|professor|fellow"
    r"|staff|author|chief|analyst|researcher|organi[sz]er|activist|member|host|producer|director|lecturer)s?\b",
    re.IGNORECASE,
)
AUTHOR_PATH = re.compile(
    r"/(?:author|authors|by|people|person|contributors?|writers?|profiles?|staff|columnists?)"
    r"(?:/|$)",
    re.IGNORECASE,
)
DATELINE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+(?:updated|modified)(?:\s+on)?"
    r"|date(?:\s+published)?|on)\s*:?\s*",
    re.IGNORECASE,
)
TIME_SUFFIX = re.compile(
    r"(?:\s*[,/|·–-]?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\(?[A-Z]{2,4}\)?)?|\s+[ap]\.?m\.?)\s*$",
    re.IGNORECASE,
)
UPDATED_CLAUSE = re.compile(r"(?<=\S)[\s|·•,;(]+(?:last\s+)?(?:modified|updated|edited)\b.*$", re.IGNORECASE)
WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.IGNORECASE
)
SECTION_NAMES = frozenset((
    "news", "opinion", "opinions", "comment", "commentary", "analysis", "features", "feature", "politics",
    "culture", "world", "business", "economy", "ideas", "essays", "essay", "review", "reviews", "books",
    "arts", "science", "technology", "tech", "sport", "sports", "environment", "climate", "interview",
    "interviews", "long", "read", "longreads", "blog", "blogs", "podcast", "podcasts", "video", "videos",
    "latest", "home", "international", "national", "local", "us", "uk", "europe", "africa", "asia",
    "americas", "middle", "east", "labour", "labor", "history", "theory", "letters", "editorial",
    "editorials", "society", "media", "health", "education",
))
QUALIFIERS = frozenset((
    "senior", "chief", "staff", "deputy", "associate", "assistant", "contributing", "managing", "executive",
    "special", "investigative", "foreign", "political", "economics", "diplomatic", "legal", "social",
    "global",
    "digital", "data", "features", "arts", "education", "science", "climate", "technology", "health", "home",
    "affairs", "lead", "regular", "guest", "freelance", "visiting", "junior", "principal", "the", "a", "an",
))
LINK_WORDS = re.compile(r"[^\W_]+")


def looks_like_name(text: str) -> bool:
    """A person's name: two to five capitalised words, each a word or an initial ("R.C.", "A."),
    not a single capital ("Become A Member" is a button)."""
    words = text.split()
    return _capitalised_words(text) and all(len(word) > 1 for word in words) and not any(
        word.casefold() in NOT_NAMES for word in words)


NOT_NAMES = frozenset((
    "become", "join", "subscribe", "support", "donate", "sign", "log", "share", "follow", "read", "more",
    "news",
    "the", "of", "and", "our", "your", "my", "us", "home", "menu", "search", "contact", "about", "staff",
    "editor", "editors", "updated", "published", "posted", "photo", "photos", "image", "video", "comments",
))


def read_name_line(text: str) -> tuple[str, ...]:
    """The names of a line that is only people's names ("Ibtisam Mahdi, Ruwaida Kamal Amer"), or ()."""
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text or len(text) > 80 or re.search(r"[^\w\s,.'’&-]", text):
        return ()
    names = split_names(text)
    return names if 1 <= len(names) <= 4 and all(looks_like_name(name) for name in names) else ()


def _letters(text: str) -> str:
    return "".join(LINK_WORDS.findall(text.casefold()))


def host_of(url: str) -> str:
    """The site of a URL without 'www.': 'https://www.thenation.com/x' -> 'thenation.com'."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def is_section_name(text: str) -> bool:
    """A newspaper's section rather than its name: 'Opinion', 'Middle East', 'Books & Arts'."""
    words = [w for w in re.findall(r"[^\W\d_]+", text.casefold()) if w not in ("and", "the")]
    return bool(words) and all(word in SECTION_NAMES for word in words)


def split_title(title: str, site_hint: str = "", names: frozenset[str] = frozenset()) -> tuple[str, str]:
    """A title without the site's name it ends (or starts) with: ("Why X", "The Nation"), else (title, "").

    A '|' always separates; a dash only when the part cut off is the site's name as
    the page or its URL writes it (`site_hint`, a host; `names`, names seen elsewhere).
    """
    parts = [part for part in TITLE_SEPARATORS.split(title.strip()) if part is not None]
    while len(parts) >= 3 and not re.search(r"[^\W\d_]", parts[-1]):  # "… | DW | 19.01.2020": a date, no name
        parts = parts[:-2]
    title = "".join(f" {part} " if index % 2 else part for index, part in enumerate(parts))
    if len(parts) < 3:
        return title.strip(), ""
    if parts[1] == "|" and is_section_name(parts[0]):  # "Opinion | Why X": the section is not the title
        return split_title(" ".join(parts[2:]), site_hint, names)
    texts, separators = parts[0::2], parts[1::2]
    for index, (site, rest) in enumerate(((texts[-1], texts[:-1]), (texts[0], texts[1:]))):
        separator = separators[-1] if index == 0 else separators[0]
        remaining = (f" {separators[0]} " if len(rest) > 1 else "").join(rest)
        if not site or len(site.split()) > SITE_MAX_WORDS or len(remaining.split()) < 2:
            continue
        known = _is_site(site, site_hint, names) or (index == 0 and _title_case_name(site, remaining))
        if (separator == "|" and (known or index == 0)) or known:
            if separator == "|" and "|" in separators[:-1] and len(rest[0].split()) >= 3:
                remaining = rest[0]  # "Title | Section | Tagline | Site": the title is the first part
            return remaining.strip(), site.strip()
    return title.strip(), ""


def _title_case_name(site: str, rest: str) -> bool:
    """ "… his past - Los Angeles Times": a short name in capitals after a long title is the site's."""
    words = site.split()
    return (len(words) <= 4 and len(rest.split()) >= 5 and not is_section_name(site)
            and all(word[:1].isupper() or word in ("of", "the", "and", "&") for word in words)
            and not re.search(r"\d", site) and not rest.rstrip().endswith((":", ",")))


def _is_site(name: str, host: str, names: frozenset[str]) -> bool:
    letters = _letters(name)
    if not letters or is_section_name(name):
        return False
    if any(letters in _letters(n) for n in names):  # the page names itself elsewhere too
        return True
    core = _letters(host.rsplit(".", 1)[0]) if host else ""
    return bool(core) and (letters in core or core in letters) and len(letters) >= 3


def site_name(host: str, texts: list[str]) -> str:
    """How the page writes the name of the site at `host` ('thenation.com' -> 'The Nation'), or ''."""
    core = _letters(host.split(".")[-2] if host.count(".") else host)
    if len(core) < 3:
        return ""
    for text in texts:
        words = re.findall(r"[\w'’*&.-]+", text)
        for start in range(len(words)):
            for end in range(start + 1, min(start + 6, len(words)) + 1):
                phrase = " ".join(word.strip("*.-") for word in words[start:end]).strip()
                if _letters(phrase) == core and phrase[:1].isupper():
                    the = start > 0 and words[start - 1] in ("The", "THE")
                    return f"{words[start - 1]} {phrase}" if the else phrase
    return ""


def name_from_host(host: str) -> str:
    """A site's name read from its address: 'thenervousbreakdown.com' -> 'The Nervous Breakdown',
    'cbsnews.com' -> 'CBS News' (the fewest words of the language that spell it), or ''."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL:
        core = labels[-3]
    else:
        core = labels[-2] if len(labels) >= 2 else host
    if not re.fullmatch(r"[a-z0-9-]{2,40}", core):
        return ""
    words: list[str] = []
    for part in core.split("-"):
        words.extend(_segment(part))
    return " ".join(word.upper() if len(word) <= 3 and not re.search(r"[aeiouy]", word) else
                    word if word in ("of", "and", "the") and index else word.capitalize()
                    for index, word in enumerate(words))


SECOND_LEVEL = frozenset(("co", "com", "org", "net", "ac", "gov", "edu"))
FUNCTION_WORDS = frozenset((
    "a", "an", "of", "the", "and", "to", "in", "on", "at", "by", "for", "my", "our", "we", "new",
))
SHARING_HOSTS = frozenset((
    "facebook.com", "twitter.com", "x.com", "linkedin.com", "reddit.com", "pinterest.com", "whatsapp.com",
    "google.com", "youtube.com", "instagram.com", "t.co", "bit.ly", "tiktok.com", "flipboard.com",
    "getpocket.com", "tumblr.com", "telegram.me", "t.me", "apple.com", "wikipedia.org", "doubleclick.net",
))


def site_host(urls: list[str]) -> str:
    """The site most of a page's links go to (its own), when one clearly is: 'theguardian.com', or ''."""
    counts: dict[str, int] = {}
    for url in urls:
        host = host_of(url) if url.startswith(("http://", "https://")) else ""
        labels = host.split(".")
        if len(labels) >= 3 and labels[-2] in SECOND_LEVEL:
            host = ".".join(labels[-3:])
        elif len(labels) >= 2:
            host = ".".join(labels[-2:])
        if host and host not in SHARING_HOSTS:
            counts[host] = counts.get(host, 0) + 1
    if not counts:
        return ""
    host, count = max(counts.items(), key=lambda item: item[1])
    return host if count >= 3 and count >= 0.3 * sum(counts.values()) else ""


@lru_cache(maxsize=256)
def _segment(text: str) -> tuple[str, ...]:
    """`text` as the fewest words of the language, or as itself when it is none."""
    from pamphleteer.normalise.converter_words import is_word  # the language's word list, loaded on use

    best: list[tuple[str, ...] | None] = [()] + [None] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - 20), end):
            piece, before = text[start:end], best[start]
            acronym = start == 0 and 2 <= len(piece) <= 4 and not re.search(r"[aeiouy]", piece) and (
                end == len(text) or text[end:] == "news")
            fits = (len(piece) >= 4 and is_word(piece)) or piece in FUNCTION_WORDS or acronym
            if before is None or not fits:
                continue
            if best[end] is None or len(before) + 1 < len(best[end] or ()):
                best[end] = (*before, piece)
    return best[-1] or (text,)


def read_byline(text: str) -> tuple[tuple[str, ...], str] | None:
    """A byline's authors and the date it gives, or None.

    "By X", "by X and Y", "Written by X", "By X | November 19, 2019", "By X on 3 March 2020",
    "Tuesday 15 October 2019 by X", "8 Feb 2024, by SMITH Jo (Date first published: …)",
    "X | Business Columnist".
    """
    text = re.sub(r"\s+", " ", text).strip()
    if not text or len(text.split()) > 30:
        return None
    match = re.match(r"^(?P<posted>.{0,80}?)[,\s]+(?=by\s)", text, re.IGNORECASE)
    posted = ""
    if match and find_date(match.group("posted")):
        posted = match.group("posted")
        text = text[match.end() :]
    prefix = PREFIX.match(text)
    if prefix:
        return _names_and_date(text[prefix.end() :], posted)
    if posted:
        return None
    role = re.match(r"^(?P<names>[^|,–—]+?)\s*[|,–—]\s*(?P<role>[^|]{2,60})$", text)
    if role and ROLE.search(role.group("role")) and looks_like_name(role.group("names").strip()):
        date = find_date(role.group("role"))
        return split_names(role.group("names")), date
    return _name_and_title(text)


def _name_and_title(text: str) -> tuple[tuple[str, ...], str] | None:
    """ "Richard Adams Education editor": a name, then a job title ending in a role word."""
    words = text.split()
    if not 3 <= len(words) <= 8 or not ROLE.fullmatch(words[-1].strip(".,")):
        return None
    for cut in range(2, min(4, len(words) - 1) + 1):
        name, title = " ".join(words[:cut]), words[cut:]
        starts = title[0].strip(".,").casefold()
        qualified = ROLE.fullmatch(starts) or starts in QUALIFIERS or starts in SECTION_NAMES
        if looks_like_name(name) and qualified:
            return (name,), ""
    return None


def _names_and_date(rest: str, posted: str) -> tuple[tuple[str, ...], str] | None:
    note = ""
    bracket = re.search(r"\(([^)]*)\)\s*\.?$", rest)
    if bracket:
        note, rest = bracket.group(1), rest[: bracket.start()]
    cut = re.search(
        r"\s*(?:[|·•—–]|\s-\s|,?\s+on\s+|\s+(?=(?:posted|published|updated)\b))", rest, re.IGNORECASE
    )
    tail = ""
    if cut:
        rest, tail = rest[: cut.start()], rest[cut.end() :]
    dated = min((m.start() for pattern in DATE_PATTERNS if (m := pattern.search(rest))), default=None)
    if dated is not None:
        rest, tail = WEEKDAY.sub("", rest[:dated]).strip(" ,"), rest[dated:] + " " + tail
    names = split_names(rest.strip(" .,"))
    if not names or not all(looks_like_name(name) for name in names):
        return None
    first_published = find_date(note) if re.search(r"(?:first|originally)\s+published", note, re.I) else ""
    return names, first_published or find_date(note) or find_date(tail) or read_dateline(tail) or find_date(
        posted
    )


def author_link(inlines_text: str, links: list[str]) -> tuple[str, ...]:
    """The author of a block that is only a link to an author's page ('[Maria Lopez](/author/maria)')."""
    if len(links) != 1 or not AUTHOR_PATH.search(urlsplit(links[0]).path):
        return ()
    names = split_names(inlines_text.strip(" ."))
    return names if names and all(looks_like_name(name) for name in names) else ()


def read_dateline(text: str) -> str:
    """The date of a line that is a date and little else ('Published Nov. 19, 2019 at 5:42 pm'), or ''."""
    text = re.sub(r"\s+", " ", text).strip(" .|·•")
    text = UPDATED_CLAUSE.sub("", text).strip(" .|·•,;") if re.search(r"\d", text[:40]) else text
    if not text or len(text.split()) > 10:
        return ""
    core = TIME_SUFFIX.sub("", DATELINE_PREFIX.sub("", text)).strip(" ,.|")
    if not core or not re.search(r"\d", core):
        return ""
    core = WEEKDAY.sub("", core).strip(" ,.")
    found = find_date(core)
    if found:
        rest = core
        for pattern in DATE_PATTERNS:
            rest = pattern.sub("", rest)
        return found if not re.search(r"[^\W\d_]", rest) else ""
    parsed = _dateparser_parse(core)
    return parsed.date().isoformat() if parsed is not None else ""


def _dateparser_parse(text: str) -> Any:
    return _parser()(
        text,
        languages=["en"],
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "DMY" if re.match(r"^(?:1[3-9]|2\d|3[01])[/.-]", text) else "MDY",
        },
    )


@lru_cache(maxsize=1)
def _parser() -> Any:
    import dateparser  # type: ignore[import-untyped]  # half a second to import: only when a line needs it

    return dateparser.parse
