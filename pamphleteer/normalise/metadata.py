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
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from pamphleteer.normalise.names import DATE_PATTERNS, find_date, natural_name, same_name, split_names
from pamphleteer.normalise.names import looks_like_name as _capitalised_words
from pamphleteer.wording import primary_language

TITLE_SEPARATORS = re.compile(r"\s*(\|)\s*|\s+(–|—|-|::|·|•|/)\s+")
SITE_MAX_WORDS = 6
PREFIX = re.compile(
    r"^(?:(?:by|written\s+by|words\s+by|story\s+by|text\s+by|posted\s+by|reporting\s+by"
    r"|published\s+by|an?\s+(?:essay|article|column|interview|review)\s+by"
    r"|von|par|por|door|di|af|av)(?:\s*:\s*|\s+)"  # "By: X"; "Von X", "Par X", "Por X" in other languages
    r"|(?-i:By|Von|Par|Por)(?=[A-Z][a-z]))",  # glued to the name where two spans met: "ByMalcolm Harris"
    re.IGNORECASE,
)
# Words a site's name does not start with: "… Bad Grades – Until Now" ends a title, it is no site.
NOT_SITE_START = frozenset((
    "until", "now", "and", "or", "but", "for", "with", "without", "after", "before", "from", "to", "in", "on",
    "at", "by", "of", "why", "how", "what", "when", "where", "who", "is", "are", "was", "not", "no", "yes",
    "a", "an", "part", "chapter", "episode", "again", "still", "finally", "live", "updated", "update",
))
# Words a name does not end with: "Disko Von" is a section and "by" in German, not a person.
PARTICLES = frozenset((
    "von", "van", "de", "der", "den", "da", "di", "du", "le", "la", "del", "dos", "bin", "ibn",
))
HANDLE = re.compile(r"@\w{2,15}\b(?![.@])")  # "By Eric Levitz @EricLevitz": the author's handle
# Markdown link syntax a converter left visible in a byline: "By [Jo Bloggs](https://x.org/author/jo “Posts"
MARKDOWN_LINK = re.compile(r"\[([^\]\[]+)\]\((?:[^()]*\)|[^()]*$)")  # to its ")", or to the line's end
ROLE = re.compile(
    r"\b(?:columnist|writer|editor|correspondent|reporter|contributor|journalist|critic|professor|fellow"
    r"|staff|author|chief|analyst|researcher|organi[sz]er|activist|member|host|producer|director|lecturer)s?\b",
    re.IGNORECASE,
)
AUTHOR_PATH = re.compile(
    r"/(?:author|authors|by|people|person|contributors?|writers?|profiles?|staff|columnists?"
    r"|autor|autoren|autorin|autores|auteur|auteurs|autore|autori|autorzy|kirjoittaja|forfatter)"  # languages
    r"(?:/|$)",
    re.IGNORECASE,
)
DATELINE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+(?:updated|modified)(?:\s+on)?"
    r"|date(?:\s+published)?|on|publi[ée](?:\s+le)?|mis\s+à\s+jour(?:\s+le)?|ver[öo]ffentlicht(?:\s+am)?"
    r"|aktualisiert(?:\s+am)?|publicado(?:\s+el)?|pubblicato(?:\s+il)?|le|am)\s*:?\s*",
    re.IGNORECASE,
)
TIME_SUFFIX = re.compile(
    r"(?:\s*[,/|·–-]?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\(?[A-Z]{2,4}\)?)?|\s+[ap]\.?m\.?)\s*$",
    re.IGNORECASE,
)
# Words a dateline may have beside its date: a time zone, a weekday in the languages of DATE_LANGUAGES,
# "le 15 septembre", "am 9. April".
DATE_FILLER = re.compile(
    r"(?<![\w])(?:(?-i:[A-Z]{2,4})|le|am|um|à|at|on|the|de|del|el|il|den|der"
    r"|mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lun|mer|jeu|ven|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì"
    r"|sabato|domenica)\.?(?![\w])",
    re.IGNORECASE,
)
DATE_LANGUAGES = ["en", "fr", "de", "es", "it", "nl", "pt"]
LEADING_TIME = re.compile(  # "10:08 am Fri Jul 19, 2013"
    r"^(?:at\s+)?\d{1,2}[:.]\d{2}(?![.\d])\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?\s*[,/|·–-]?\s*",
    re.IGNORECASE)
UPDATED_WORDS = (r"(?:last\s+)?(?:modified|updated|edited)|mis\s+à\s+jour|aktualisiert|actualizado|aggiornato"
                 r"|bijgewerkt|atualizado|päivitetty|uppdaterad|opdateret|oppdatert|zaktualizowano|aktualizacja")
UPDATED_CLAUSE = re.compile(  # "… (Mis à jour: 19:56)", "… aktualisiert am …", "19.2.2020 16:20päivitetty …"
    r"(?<=\S)(?:[\s|·•,;(]+|(?<=\d))(?:" + UPDATED_WORDS + r")\b.*$", re.IGNORECASE)
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
        word.casefold() in NOT_NAMES for word in words) and words[-1].casefold() not in PARTICLES and not any(
        re.search(r"[a-z]{3}[A-Z]", word) for word in words)  # "SauerHeiko": two names run together


NOT_NAMES = frozenset((
    "become", "join", "subscribe", "support", "donate", "sign", "log", "share", "follow", "read", "more",
    "news",
    "the", "of", "and", "our", "your", "my", "us", "home", "menu", "search", "contact", "about", "staff",
    "editor", "editors", "updated", "published", "posted", "photo", "photos", "image", "video", "comments",
    "see", "view", "articles", "posts", "stories", "profile", "feed", "rss", "archive",  # an author's page
))


def read_name_line(text: str) -> tuple[str, ...]:
    """The names of a line that is only people's names ("Ibtisam Mahdi, Ruwaida Kamal Amer"), or ()."""
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text or len(text) > 80 or re.search(r"[^\w\s,.'’&-]", text):
        return ()
    names = split_names(text)
    words = text.casefold().split()
    if len(words) % 2 == 0 and words[:len(words) // 2] == words[len(words) // 2:]:
        return ()  # "Open Future Open Future": a section's label and its link, no person's name
    return names if 1 <= len(names) <= 4 and all(looks_like_name(name) for name in names) else ()


def _letters(text: str) -> str:
    """The letters and digits of `text`, case and accents aside ('La Vie des idées': laviedesidees)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(LINK_WORDS.findall(folded))


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _spellings(text: str) -> tuple[str, ...]:
    """The letters of `text` as an address may spell them: accents dropped, or German umlauts
    written out ('Übermedien': ubermedien, uebermedien.de)."""
    return tuple(dict.fromkeys((_letters(text), _letters(text.translate(UMLAUTS)))))


def _spells(words: list[str], core: str) -> bool:
    """Whether the words spell the host's name by their initials and beginnings: 'New York Times' spells
    nytimes, 'Los Angeles Times' latimes, 'Monde diplomatique' mondediplo (three letters or more of
    a word, or its initial, each in turn)."""
    parts = [_letters(word) for word in words]
    if len(parts) < 2 or not all(parts):
        return False

    def fits(index: int, at: int, long_seen: bool) -> bool:
        if index == len(parts):
            return at == len(core) and long_seen
        word = parts[index]
        if core.startswith(word[:1], at) and fits(index + 1, at + 1, long_seen):
            return True
        return any(core.startswith(word[:size], at) and fits(index + 1, at + size, True)
                   for size in range(len(word), 2, -1))

    return fits(0, 0, False)


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
        known = (is_site(site, site_hint, names, remaining)
                 or (index == 0 and _title_case_name(site, remaining)))
        if (separator == "|" and (known or (index == 0 and _name_like(site)))) or known:
            if separator == "|" and "|" in separators[:-1] and len(rest[0].split()) >= 3:
                remaining = rest[0]  # "Title | Section | Tagline | Site": the title is the first part
            elif index == 0 and len(rest) > 1:  # "Title | AOC media - Analyse Opinion Critique": a tagline
                inner, named = split_title(remaining, site_hint, names)
                if named and len(inner.split()) >= 3:
                    if is_site(named, site_hint, names) and not is_site(site, site_hint, names):
                        return inner, named  # the name the address spells, not the tagline after it
                    return inner, site.strip()
            return remaining.strip(), site.strip()
    return title.strip(), ""


def title_date(title: str) -> str:
    """The date a page's <title> ends with ("… | DW | 19.01.2020"), or ''."""
    parts = [part for part in TITLE_SEPARATORS.split(title.strip()) if part is not None]
    return read_dateline(parts[-1]) if len(parts) >= 3 and not re.search(r"[^\W\d_]", parts[-1]) else ""


def _name_like(site: str) -> bool:
    """A name, as a site's is written: its words capitalised ("The Daily Radical", "DW") or an address
    ("jungle.world"); "Predicting climate", a headline's last part, is none."""
    if re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", site):
        return True
    words = [word for word in re.findall(r"[^\W\d_][\w'’.&-]*", site) if word.casefold() not in NAME_JOINERS]
    return (bool(words) and all(word[:1].isupper() for word in words)
            and words[0].casefold() not in NOT_SITE_START)


NAME_JOINERS = frozenset(("of", "the", "and", "for", "on", "de", "du", "des", "la", "le", "les", "der", "die",
                          "das", "el", "y", "et", "und"))


def _title_case_name(site: str, rest: str) -> bool:
    """ "… his past - Los Angeles Times": a short name in capitals after a long title is the site's."""
    words = site.split()
    return (len(words) <= 4 and len(rest.split()) >= 5 and not is_section_name(site)
            and words[0].casefold() not in NOT_SITE_START
            and (all(word[:1].isupper() or word in ("of", "the", "and", "&") for word in words)
                 or _article_name(words))
            and not re.search(r"\d", site) and not rest.rstrip().endswith((":", ",")))


def _article_name(words: list[str]) -> bool:
    """A name written as the French, Spanish or Italian write them, an article and a capitalised word and
    then lower case ("La Vie des idées", "Le Monde diplomatique"), not an English phrase ("The end")."""
    return (len(words) >= 2 and words[0] in FOREIGN_ARTICLES and words[1][:1].isupper()
            and words[1].casefold() not in NOT_SITE_START)


# Not German's: its nouns take capitals, "… - Die Linke fordert mehr" is a headline's end, no name.
FOREIGN_ARTICLES = frozenset(("Le", "La", "Les", "El", "Los", "Las", "Il", "Lo"))


def is_site(name: str, host: str, names: frozenset[str], besides: str = "") -> bool:
    """Whether `name` is the site's: the name `host` spells, or one the page writes elsewhere (`names`),
    not only beside `besides`, the rest of the title it ends ("The Garden · Derek Jarman (1990)", the
    film's title again in a list, names no site "Derek Jarman · The Garden" ends with)."""
    letters = _letters(name)
    if not letters or is_section_name(name) or re.search(r"\w:\s", name):
        return False  # "Kolumne: Queer Royal - Über …": a column's name, a kicker, not the site's
    rest = _letters(besides)
    if _name_like(name) and any(letters in (spelt := _letters(n)) and not (rest and rest in spelt)
                                for n in names):  # the page names itself elsewhere
        return True
    core = _letters(host.rsplit(".", 1)[0]) if host else ""
    return bool(core) and len(letters) >= 3 and any(
        spelled in core or core in spelled for spelled in _spellings(name))


def site_name(host: str, texts: list[str]) -> str:
    """How the page writes the name of the site at `host` ('thenation.com' -> 'The Nation'), or ''.

    The name is the phrase whose letters are the host's ('Mercury News' for mercurynews.com,
    'Jungle.World' for jungle.world), with the article the page writes before it ('The', 'Le');
    written in ordinary case where the page has it so as well as in capitals."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL:  # 'gazetadopovo.com.br': the name is before '.com'
        labels = labels[:-1]
    cores = [_letters("".join(labels[-2:]))] if len(labels) >= 2 and labels[-1] not in COMMON_TLDS else []
    cores.append(_letters(labels[-2] if len(labels) >= 2 else host))
    found: list[str] = []
    spelt: dict[str, tuple[str, str]] = {}  # a word -> its letters, accents dropped and umlauts written out
    for core in cores:
        if len(core) < 3:
            continue
        for text in texts:
            words = re.findall(r"[\w'’*&.-]+", text)
            letters = [spelt.get(word) or spelt.setdefault(word, _word_spellings(word)) for word in words]
            for start in range(len(words)):
                plain = umlauts = ""
                for end in range(start + 1, min(start + 6, len(words)) + 1):
                    # the phrase's spellings, a word at a time: the letters of words joined by spaces
                    # are the words' letters one after the other
                    plain, umlauts = plain + letters[end - 1][0], umlauts + letters[end - 1][1]
                    if core != plain and core != umlauts:
                        if not (core.startswith(plain) or core.startswith(umlauts)):
                            break  # a longer phrase only adds letters
                        continue
                    phrase = " ".join(word.strip("*-") if re.fullmatch(r"(?:[^\W\d_]\.)+", word.strip("*-"))
                                      else word.strip("*.-") for word in words[start:end]).strip()  # "A.V."
                    if phrase[:1].isupper():
                        article = words[start - 1] if start > 0 else ""
                        found.append(f"{article} {phrase}" if article.casefold() in ARTICLES
                                     and article[:1].isupper() else phrase)
        if found:
            break
    if not found:
        found = _spelled(cores, texts)
    if not found:
        found = _hyphened(cores, texts)
    domain = _domain_written(host, texts)
    if not found:
        return domain[0] if domain else ""
    ordinary = [name for name in found if not name.isupper()]
    with_article = [name for name in ordinary if name.split()[0].casefold() in ARTICLES]
    name = (with_article or ordinary or found)[0]
    if len(domain) >= max(3, 2 * sum(text.count(name) for text in texts)):
        return domain[0]  # "Beiträge in literaturkritik.de": the site calls itself by its address
    name = _with_word_after(_with_word_before(name, texts), texts)
    return " ".join(word.capitalize() for word in name.split()) if name.isupper() and len(name) > 5 else name


ACRONYM = re.compile(r"[A-Z]{2,5}")
# The last word of an institution's name: prose writes "the" before it as before any such noun ("the
# Wikimedia Foundation"), which is no part of the name.
INSTITUTION_WORDS = frozenset((
    "foundation", "center", "centre", "institute", "institut", "stiftung", "society", "council", "union",
    "association", "university", "committee", "fund", "trust", "network", "project", "magazine",
))


# A periodical's own noun: written after the name each time the page writes it, once is enough
# ("Harper’s Magazine"); an owner's ("ACLU Foundation") is no publication's unless written so twice.
PUBLICATION_NOUNS = frozenset(("magazine", "review", "journal", "quarterly", "weekly"))


def _with_word_after(name: str, texts: list[str]) -> str:
    """The name with the institution's noun the page writes after it twice or more, or a periodical's
    every time it writes the name ("Pew Research Center", found as 'Pew Research' from pewresearch.org;
    "Harper’s Magazine")."""
    if name.split()[-1].casefold() in INSTITUTION_WORDS:
        return name
    spelt = re.sub(r"['’]", "['’]", re.escape(name))  # "Harper’s" as the page also writes it, "Harper's"
    after = Counter(match.group(1) for text in texts for match in re.finditer(
        rf"(?<![\w-]){spelt}\s+([A-Z][\w-]*)", text))
    if not after:
        return name
    written = sum(len(re.findall(rf"(?<![\w-]){spelt}(?![\w-])", text)) for text in texts)
    word = next((word for word, count in after.most_common() if word.casefold() in INSTITUTION_WORDS
                 and (count >= 2 or (count == written and word.casefold() in PUBLICATION_NOUNS))), "")
    return f"{name} {word}" if word else name


def _with_word_before(name: str, texts: list[str]) -> str:
    """The name with the word the page nearly always writes before it, when that is an article or an
    acronym: "MIT Technology Review" (found as 'Technology Review'), "der Freitag" ('Freitag'); with
    "The" when the page's prose writes "the" before it at least every other time ('The Village Voice';
    not before an acronym: "the BBC" is the BBC)."""
    before = Counter(match.group(1) for text in texts for match in re.finditer(
        rf"(?<![\w-])([\w'’.&-]+)\s+{re.escape(name)}(?![\w-])", text))
    occurrences = sum(len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)) for text in texts)
    if not before:
        return name
    word, count = before.most_common(1)[0]
    if (word.casefold() == "the" and count >= 2 and count * 2 >= occurrences and not name.isupper()
            and name.split()[0].casefold() not in ARTICLES
            and name.split()[-1].casefold() not in INSTITUTION_WORDS):
        return f"The {name}"  # "supporting the Village Voice", "©2023 Village Voice, LLC"
    if count < 2 or count * 3 < occurrences * 2:
        return name
    has_article = name.split()[0].casefold() in ARTICLES
    article = word.casefold() in ARTICLES - {"the"} and not has_article and not name.isupper()
    if ACRONYM.fullmatch(word) or article:
        return f"{word} {name}"
    return name


def _domain_written(host: str, texts: list[str]) -> list[str]:
    """The site's address written as a word in the page's text, not in a link ("© bei literaturkritik.de"):
    each time it is, as written; [] when never."""
    labels = host.split(".")
    if len(labels) < 2:
        return []
    size = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else 2
    domain = ".".join(labels[-size:])
    pattern = re.compile(rf"(?<![\w/.@:-]){re.escape(domain)}(?![\w/@-]|\.\w)", re.IGNORECASE)
    return [match.group(0) for text in texts for match in pattern.finditer(text)]


def _hyphened(cores: list[str], texts: list[str]) -> list[str]:
    """A name the page writes only joined to another word by a hyphen ("Übermedien-Ü", "DW-Akademie")."""
    found = []
    for core in (core for core in cores if len(core) >= 4):
        for text in texts:
            for word in re.findall(r"[^\W\d_]+(?=-[^\W\d_])", text):
                if word[:1].isupper() and core in _spellings(word):
                    found.append(word)
        if found:
            break
    return found


def _word_spellings(word: str) -> tuple[str, str]:
    """A word's letters as `_spellings` gives a phrase's: accents dropped, and German umlauts written out."""
    stripped = word.strip("*.-")
    return _letters(stripped), _letters(stripped.translate(UMLAUTS))


def _spelled(cores: list[str], texts: list[str]) -> list[str]:
    """The names in `texts` that spell a host's name by initials and beginnings (see `_spells`)."""
    found = []
    for core in (core for core in cores if len(core) >= 5):
        for text in texts:
            words = re.findall(r"[\w'’&-]+", text)
            for start in range(len(words)):
                if not words[start][:1].isupper():
                    continue
                for end in range(start + 2, min(start + 5, len(words)) + 1):
                    phrase = words[start:end]
                    if (all(word[:1].isupper() or word.casefold() in NAME_JOINERS for word in phrase[:-1])
                            and _spells(phrase, core)):
                        article = words[start - 1] if start > 0 else ""
                        name = " ".join(phrase)
                        found.append(f"{article} {name}" if article.casefold() in ARTICLES
                                     and article[:1].isupper() else name)
        if found:
            break
    return found


ARTICLES = frozenset((
    "the", "le", "la", "les", "el", "los", "las", "il", "lo", "der", "die", "das", "de", "het",
))
COMMON_TLDS = frozenset((
    "com", "org", "net", "edu", "gov", "uk", "us", "de", "fr", "it", "es", "se", "nl", "ch", "at", "be", "ca",
    "au", "in", "info", "io", "co", "eu", "ie", "nz", "za", "dk", "no", "fi", "pl", "pt", "ru", "jp", "cn",
    "br", "mx", "ar", "il", "tr", "gr", "cz", "hu", "ro", "sk", "si", "hr", "rs", "ua", "by", "lt", "lv",
    "ee", "is", "lu", "li", "mt", "cy", "me", "tv", "cc", "biz", "int", "mil",
))


# "© 2019 The Nation", "© Copyright 2020 Harper's Magazine Foundation", "Copyright © nachtkritik.de",
# "© 0 Reuters. All Rights Reserved.": the holder's name, up to a full stop, a bar or the reserved rights.
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\s*(?=©|\(c\)|(?:19|20)\d\d))\s*(?:copyright\s*)?(?:©\s*)?"
    r"(?:\d{1,4}(?:\s*[-–]\s*\d{2,4})?,?\s+)?(?P<name>[^\W\d_][\w'’&.\- ]{1,60}?)"
    r"\s*(?:[.,|;:]\s|[.,|;:]?$|\s+(?:all\s+rights|alle\s+rechte|tous\s+droits|todos\s+los))",
    re.IGNORECASE,
)
COPYRIGHT_WORDS = 12  # a copyright line is short: the footer's line, not a sentence about copyright


def _registrable(host: str) -> str:
    labels = host.casefold().removeprefix("www.").split(".")
    size = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-size:])


def copyright_site(host: str, texts: Sequence[str]) -> str:
    """The site the page's copyright line names when `host`, the one most of its links go to, is not
    the page's own: a part of the host's name ("© Reuters" where the links go to thomsonreuters.com,
    the owner's) or another address ("© nachtkritik.de" where they go to nachtkritik.plus, a sister
    site's); '' when the line names the host itself, or someone else (a publisher: "© Condé Nast")."""
    core = _letters(_registrable(host).split(".")[0])
    for text in texts:
        if "©" not in text and "copyright" not in text.casefold() and "(c)" not in text.casefold():
            continue
        if len(text.split()) > COPYRIGHT_WORDS:
            continue
        match = COPYRIGHT.search(text)
        holder = match["name"].strip(" .-") if match else ""
        if not holder:
            continue
        if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.([a-z]{2,6})", holder, re.IGNORECASE):
            other = _registrable(holder) != _registrable(host)
            if holder.rsplit(".", 1)[1].casefold() in COMMON_TLDS and other:
                return holder
            continue
        letters = _letters(holder)
        if len(letters) >= 4 and letters != core and letters in core and _name_like(holder):
            return holder
    return ""


# A link to the page about the site's owner in the first person: a person's own site ("About us" is a firm's).
ABOUT_ME = re.compile(
    r"^(?:über\s+mich|about\s+me|à\s+propos\s+de\s+moi|qui\s+suis[-\s]je\s*\??|sobre\s+m[ií]|chi\s+sono"
    r"|over\s+mij|o\s+mnie|om\s+mig|minusta)$",
    re.IGNORECASE,
)


def holds_copyright(name: str, texts: Sequence[str]) -> bool:
    """Whether a copyright line of the page names `name` as its holder ("© 2020 Wolfgang Michal")."""
    for text in texts:
        if len(text.split()) > COPYRIGHT_WORDS or not any(
                mark in text.casefold() for mark in ("©", "(c)", "copyright")):
            continue
        match = COPYRIGHT.search(text)
        if match and same_name(match["name"].strip(" .-"), name):
            return True
    return False


def own_site_author(publication: str, links: Sequence[str], texts: Sequence[str]) -> str:
    """The writer whose own site the page is, or '': its publication is a person's name (two words or
    more) that its copyright line holds, and it links to its owner's page in the first person ("Über
    mich", "About me", among `links`' words). An organisation's name at an address that reads as no
    words ("El País", "Klub Jagielloński") has no "about me" page: it is no author."""
    if (len(publication.split()) < 2 or not looks_like_name(publication)
            or not any(ABOUT_ME.match(words.strip()) for words in links)):
        return ""
    return publication if holds_copyright(publication, texts) else ""


def own_name(host: str, authors: Sequence[str]) -> str:
    """The author whose name the site's address spells ('wolfgangmichal.de': Wolfgang Michal), a
    writer's own site, or ''. Not a name of the language's words, as a company's is ('dailycaller.com',
    'Daily Caller'): a surname is no word, so a person's address does not read as words."""
    core = _letters(_registrable(host).split(".")[0]) if host else ""
    if len(core) < 6 or not re.fullmatch(r"[a-z0-9-]+", core) or len(_segment(core)) > 1:
        return ""
    return next((name for name in authors if len(name.split()) >= 2 and looks_like_name(name)
                 and core in _spellings(name)), "")


# A title's parts, a dash that lost its space before the next word included ("opozycja -Leszek Jażdżewski").
TITLE_PARTS = re.compile(r"\s*[|ǀ]\s*|\s+[-–—·•](?:\s+|(?=[^\W\d_]))")
GLUED_DASH = re.compile(r"\s[-–—](?=[^\W\d_])")  # "Koncesjonowana opozycja -Leszek Jażdżewski"


def title_author(title: str, site: str = "", host: str = "") -> str:
    """The author a page's title names between its headline and the site's name ("Koncesjonowana
    opozycja -Leszek Jażdżewski - Liberté!", or without the site's name, cut off by the converter, when
    the dash before the name has lost its space as there), or ''. A person's name only: two or three
    words, none a word of the English list (its given names are: an English writer's name is
    missed, as wrong is worse than missing, while "Open Future" or "London Evening Standard", a
    section's or the site's name, never pass), and not the site's (the title's last part, `site`,
    the host's letters: "Klub Jagielloński" at klubjagiellonski.pl)."""
    from pamphleteer.normalise.converter_words import is_word  # its word list, loaded on use

    parts = TITLE_PARTS.split(title.strip())
    if len(parts) == 2 and GLUED_DASH.search(title):  # the site's name cut off already, the template's dash
        parts.append(site)
    if len(parts) != 3 or len(parts[0].split()) < 2 or not _name_like(parts[2]):
        return ""
    names = read_name_line(parts[1])
    if len(names) != 1 or not 2 <= len(names[0].split()) <= 3:
        return ""
    if any(is_word(word) for word in LINK_WORDS.findall(names[0])):
        return ""
    letters = _letters(names[0])
    sites = {_letters(parts[2]), _letters(site), _letters(_registrable(host).split(".")[0]) if host else ""}
    return "" if any(other and (letters in other or other in letters) for other in sites) else names[0]


def is_site_name(text: str, host: str) -> bool:
    """Whether `text` is the name of the site at `host`, letter for letter ('FiveThirtyEight' at
    fivethirtyeight.com, 'The Atlantic' at theatlantic.com; not 'The Atlantic Crossword')."""
    letters, labels = _letters(text), host.split(".")
    if not host or len(labels) < 2 or len(letters) < 3:
        return False
    core = _letters(labels[-3] if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else labels[-2])
    return any(spelled in (core, core.removeprefix("the"), _letters("".join(labels[-2:])))
               for spelled in _spellings(text))


def name_from_host(host: str) -> str:
    """A site's name read from its address: 'thenervousbreakdown.com' -> 'The Nervous Breakdown',
    'cbsnews.com' -> 'CBS News' (the fewest words of the language that spell it), or ''."""
    labels = host.split(".")
    if ".".join(labels[-2:]) in PLATFORM_HOSTS:
        return ""  # the blog's name is its own, not the platform's ("Word Press"), nor always its label's
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

# Services that carry links to other sites: a mail filter's wrapper
# ("protect-eu.mimecast.com/s/…?domain=rki.de") names the site it leads to, not the page's own.
LINK_WRAPPERS = frozenset(("mimecast.com", "outlook.com", "urldefense.com", "proofpoint.com", "safelinks.com",
                           "barracudanetworks.com", "trendmicro.com", "lnkd.in", "ow.ly"))
# Hosts of many sites, each under its own name ("nextkabinett.wordpress.com"): the host names no publication.
PLATFORM_HOSTS = frozenset(("wordpress.com", "blogspot.com", "medium.com", "substack.com", "tumblr.com",
                            "github.io", "wixsite.com", "weebly.com", "ghost.io", "over-blog.com",
                            "typepad.com", "livejournal.com", "squarespace.com", "hypotheses.org"))


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
        if host and host not in SHARING_HOSTS and host not in LINK_WRAPPERS:
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
    text = MARKDOWN_LINK.sub(r"\1", re.sub(r"\s+", " ", text)).strip()
    if not text or len(text.split()) > 30:
        return None
    dashes = re.match(r"^[-–—]+\s*", text)  # "---- by Kenneth Surin", "— by X": a signature's dash
    if dashes and PREFIX.match(text[dashes.end():]):
        text = text[dashes.end():]
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
    several = _names_with_roles(text)
    if several:
        return several
    role = re.match(r"^(?P<names>[^|,–—]+?)\s*[|,–—]\s*(?P<role>[^|]{2,60})$", text)
    if role and ROLE.search(role.group("role")) and looks_like_name(role.group("names").strip()):
        date = find_date(role.group("role"))
        return split_names(role.group("names")), date
    return _name_and_title(text) or _byline_in_bar(text) or _name_after_date(text)


BEFORE_DATE_WORDS = 6  # words at most before a dateline that a name follows: the site's, a section's


def _name_after_date(text: str) -> tuple[tuple[str, ...], str] | None:
    """ "The Guardian 02/10/2020 Anna Fazackerley", "3 March 2020 · Ann Lee": one dateline, then the
    names alone (a byline after its date, without "by"); before the date a few words at most, without
    a digit (the site's name, a section's)."""
    dates = [*NUMERIC_DATE.finditer(text), *(m for pattern in DATE_PATTERNS for m in pattern.finditer(text))]
    if len(dates) != 1:
        return None
    before, after = text[: dates[0].start()].strip(" |·•,–—-"), text[dates[0].end() :].strip(" |·•,–—-")
    if len(before.split()) > BEFORE_DATE_WORDS or re.search(r"\d", before):
        return None
    names = split_names(after)
    if not names or not all(looks_like_name(name) for name in names):
        return None
    date = read_dateline(dates[0].group(0))
    return (names, date) if date else None


BAR = re.compile(r"\s+[|·•]\s+|\s*\|\s*")
BAR_PART_WORDS = 3  # a breadcrumb's or section's part of a bar: this many words at most


def _byline_in_bar(text: str) -> tuple[tuple[str, ...], str] | None:
    """A byline that says "by" as one part of a bar ("Accueil | Par Loïc Le Clerc | 30 septembre 2018"):
    the other parts a dateline or a few words without digits (the breadcrumb, the section)."""
    parts = [part.strip() for part in BAR.split(text) if part.strip()]
    if not 2 <= len(parts) <= 5:
        return None
    bylines = [part for part in parts if PREFIX.match(part)]
    read = read_byline(bylines[0]) if len(bylines) == 1 else None
    if read is None:
        return None
    dates = []
    for part in parts:
        if part is bylines[0]:
            continue
        date = read_dateline(part)
        if date:
            dates.append(date)
        elif re.search(r"\d", part) or len(part.split()) > BAR_PART_WORDS:
            return None
    return read[0], read[1] or (dates[0] if dates else "")


def says_by(text: str) -> bool:
    """A byline that says so: "By X", "Par X", or a bar with such a part ("Home | By X | 3 May 2020")."""
    text = text.strip()
    return bool(PREFIX.match(text)) or any(PREFIX.match(part.strip()) for part in BAR.split(text)[1:])


def _names_with_roles(text: str) -> tuple[tuple[str, ...], str] | None:
    """ "Ann Lee, Staff Attorney, Racial Justice Program & Bo Chan, Director of Education": each author
    with a job title, joined by '&' or 'and'."""
    parts = re.split(r"\s+(?:&|and)\s+(?=[A-Z])", text)
    if len(parts) < 2:
        return None
    names = []
    for part in parts:
        match = re.match(r"^(?P<name>[^|,–—]+?)\s*[|,–—]\s*(?P<role>.{2,90})$", part)
        if not match or not ROLE.search(match.group("role")) or not looks_like_name(match.group("name")):
            return None
        names.append(match.group("name").strip())
    return tuple(names), ""


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
    rest = HANDLE.sub(" ", rest)
    note = ""
    bracket = re.search(r"\(([^)]*)\)\s*\.?$", rest)
    if bracket:
        note, rest = bracket.group(1), rest[: bracket.start()]
    cut = re.search(
        r"\s*(?:[|·•—–]|\s-\s|,?\s+on\s+|,?\s+(?:am|le|el|il|op|den)\s+(?=\d)"
        r"|\s+(?=(?:posted|published|updated)\b))", rest, re.IGNORECASE
    )
    tail = ""
    if cut:
        rest, tail = rest[: cut.start()], rest[cut.end() :]
    dated = min((m.start() for pattern in DATE_PATTERNS if (m := pattern.search(rest))), default=None)
    if dated is not None:
        rest, tail = WEEKDAY.sub("", rest[:dated]).strip(" ,"), rest[dated:] + " " + tail
    names = split_names(rest.strip(" .,"))
    if not names or not all(looks_like_name(name) for name in names):
        shouted = _shouted_names(rest)
        if shouted:
            rest, role = shouted
            tail = role + " " + tail
            names = split_names(rest)
    if not names or not all(looks_like_name(name) for name in names):
        parts = rest.rsplit(",", 1)  # "par Didier Roy, 21 juin 2018": a date in another language
        if len(parts) < 2 or not read_dateline(parts[1]):
            return None
        rest, tail = parts[0], parts[1] + " " + tail
        names = split_names(rest.strip(" .,"))
        if not names or not all(looks_like_name(name) for name in names):
            return None
    first_published = find_date(note) if re.search(r"(?:first|originally)\s+published", note, re.I) else ""
    return names, first_published or find_date(note) or find_date(tail) or read_dateline(tail) or find_date(
        posted
    )


NAME_GLUE = frozenset(("and", "et", "und", "y", "e", "&", ","))
ROLE_AFTER_NAMES = 8  # words at most of a job or place after names in capitals


def _shouted_names(rest: str) -> tuple[str, str] | None:
    """Names in capitals, then what the author is, in ordinary case ("LILIAN ALEMAGNA, LAURE BRETTON
    Envoyés spéciaux à Toulouse"): (the names, the rest), or None. The capitals mark where the
    names end; what follows must not be in capitals nor end a sentence."""
    words = rest.split()
    cut = 0
    while cut < len(words) and (_all_capitals(words[cut]) or (cut and words[cut].casefold() in NAME_GLUE)):
        cut += 1
    role = words[cut:]
    if (cut < 2 or not role or len(role) > ROLE_AFTER_NAMES or words[cut - 1].casefold() in NAME_GLUE
            or not re.search(r"[^\W\d_]", role[0]) or role[0].isupper()
            or " ".join(role).endswith(("!", "?"))):
        return None
    return " ".join(words[:cut]).strip(" ,"), " ".join(role)


def _all_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def author_link(inlines_text: str, links: list[str]) -> tuple[str, ...]:
    """The author of a block that is only a link to an author's page ('[Maria Lopez](/author/maria)')."""
    if len(links) != 1 or not AUTHOR_PATH.search(urlsplit(links[0]).path):
        return ()
    names = split_names(inlines_text.strip(" ."))
    return names if names and all(looks_like_name(name) for name in names) else ()


# The author's photo's description run into the byline inside the author's link ("[![Ann Lee](ann.png)Por
# Ann Lee](/autores/ann-lee)" reads "Ann LeePor Ann Lee"): all up to the glued word for "by".
PHOTO_THEN_BY = re.compile(r"^.+?[^\W\d_](?-i:By|Von|Par|Por|Door)\s+(?=[^\W\d_])")
# A count of the comments beside a byline ("24 comments", "3 Kommentare"), or the count alone at its end.
COMMENT_COUNT = re.compile(
    r"(?<!\S)\d{1,5}\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|reactions?"
    r"|responses?|replies|kommentteja|kommentit|komentarzy?|komentarze)\b", re.IGNORECASE)
AUTHOR_LINE_GLUE = re.compile(r"^(?:by|von|par|por|and|und|et|y|&|with)$|^[\W_]+$", re.IGNORECASE)


def read_author_links(text: str, links: list[tuple[str, str]]) -> tuple[tuple[str, ...], str] | None:
    """A byline made of links to the authors' pages, with a date or little else beside them.

    "[Cory Doctorow](/author/cory) / 10:08 am Fri Jul 19, 2013", "By [A B](/by/a) and [C D](/by/c)":
    `links` are the block's links as (text, target); the names are those whose target is an
    author's page, and what is left of the line must be joining words, punctuation, a date, or what
    bylines carry beside the names: a section's or tag's link of a few words, a count of comments
    ("[A](/autoren/a) | [Community](/community) 1", "By [A](/author/a)[24 comments](#comments)").
    """
    text = re.sub(r"\s+", " ", text).strip()
    if not text or len(text.split()) > 30:
        return None
    names: list[str] = []
    rest = text
    for label, target in links:
        label = re.sub(r"\s+", " ", label).strip(" .,")
        if not label or not AUTHOR_PATH.search(urlsplit(target).path) or label not in rest:
            continue
        found = split_names(PHOTO_THEN_BY.sub("", label))
        if not found or not all(looks_like_name(name) for name in found):
            return None
        names.extend(found)
        rest = rest.replace(label, " ", 1)
    if not names:
        return None
    for label, target in links:  # "[A](/autoren/a) | [Community](/community) 1": a section's link, a count
        label = re.sub(r"\s+", " ", label).strip(" .,")
        if (label and not AUTHOR_PATH.search(urlsplit(target).path) and len(label.split()) <= BAR_PART_WORDS
                and not find_date(label)):
            rest = rest.replace(label, " ", 1)
    rest = COMMENT_COUNT.sub(" ", rest)
    words = [word for word in re.split(r"\s+", rest.strip()) if word and not AUTHOR_LINE_GLUE.match(word)]
    if not words or (len(words) == 1 and re.fullmatch(r"\d{1,4}", words[0])):
        return tuple(dict.fromkeys(names)), ""
    date = read_dateline(" ".join(words))
    if not date and len(words) > 1 and _place(words[0]):  # "[A](/autor/a) / [B](/autor/b) Madrid 27 OCT 2012"
        date = read_dateline(" ".join(words[1:]))
    return (tuple(dict.fromkeys(names)), date) if date else None


def slug_author(links: Sequence[tuple[str, str]], texts: Sequence[str]) -> tuple[tuple[str, ...], str]:
    """The author an author's page names by its address, and that link's target: a link to
    '/kirjoittaja/tapio-nurminen' or '/author/ljazdzewski' (the initial and the surname) when the page
    writes that name as a line of its own or as the link's words (an author's box: 'Tapio Nurminen' /
    '[Other stories by the author](/kirjoittaja/tapio-nurminen)'). One name only: a page that links
    several authors' pages (a list of the site's writers) names none this way. ((), '') when none."""
    spelled: dict[str, str] = {}
    for text in [*texts, *(label for label, _ in links)]:
        names = read_name_line(text) if len(text) <= 80 else ()
        if len(names) == 1:
            words = names[0].split()
            spelled.setdefault(_letters(names[0]), names[0])
            spelled.setdefault(_letters(words[0][0] + words[-1]), names[0])
    found: dict[str, str] = {}
    for _, target in links:
        path = urlsplit(target).path
        match = AUTHOR_PATH.search(path)
        segment = path[match.end():].strip("/").split("/")[0] if match else ""
        slug = _letters(re.sub(r"^\d+[-_]|[-_]\d+$", "", segment))  # "/autores/289094-luciana-bertoia"
        if slug in spelled:
            found.setdefault(spelled[slug], target)
    return ((next(iter(found)),), next(iter(found.values()))) if len(found) == 1 else ((), "")


# A bio's label before the author's name ("Autor*in: Prof. Dr. Ann Lee ist …", "About the author: Ann Lee …").
BIO_LABEL = re.compile(
    r"^(?:(?:über\s+(?:den|die)|zu(?:m|r|\s+den)|about\s+the|l['’]|sobre\s+(?:el|la|los)\s*)\s*)?"
    r"(?:autor(?:in|en|innen|\*in|:innen|Innen)?|authors?|auteure?s?|autore|autori|autora|autores)\s*:\s*",
    re.IGNORECASE)
ACADEMIC_TITLES = re.compile(r"^(?:(?:prof|dr|pd|mag|dipl|ing|phil|rer|nat|pol|habil)\.(?:-\w+\.)?\s*)+",
                             re.IGNORECASE)
# What a bio says its subject is or does, just after the name, in the languages of the corpus.
BIO_VERB = re.compile(
    r"^(?:is|was|has|teaches|writes|works|lives|leads|ist|war|arbeitet|lebt|leitet|lehrt|forscht|schreibt"
    r"|est|était|enseigne|travaille|es|era|trabaja|enseña|è|era|insegna|lavora|jest|był|była|on|oli)\b",
    re.IGNORECASE)


def bio_authors(text: str, emphasised: Sequence[str]) -> tuple[str, ...]:
    """The authors a bio names as what it tells of them: after an author's label and their academic
    titles, the first name ("Autor*in: Prof. Dr. Ann Lee ist seit 2014 …"); or each name set in bold or
    italics (`emphasised`, the paragraph's emphasised words) that a verb of a bio follows ("**Ann Lee**
    arbeitet als … **Bo Chan** ist …"). () when it names no one so."""
    text = re.sub(r"\s+", " ", text).strip()
    label = BIO_LABEL.match(text)
    if label:
        rest = ACADEMIC_TITLES.sub("", text[label.end():])
        for size in (4, 3, 2):
            words = rest.split(" ")
            name = " ".join(words[:size])
            if len(words) > size and looks_like_name(name) and BIO_VERB.match(words[size]):
                return (name,)
        return ()
    names: list[str] = []
    for name in dict.fromkeys(re.sub(r"\s+", " ", part).strip(" .,:") for part in emphasised):
        at = text.find(name)
        if (at >= 0 and looks_like_name(name) and len(name.split()) <= 4 and (at == 0 or text[at - 1] == " ")
                and BIO_VERB.match(text[at + len(name):].lstrip(" *_,"))):
            names.append(name)
    return tuple(names) if names and text.startswith(names[0]) else ()


def _place(word: str) -> bool:
    """A word that may be a dateline's place ("Madrid", "BERLIN"): a capitalised word, no digit."""
    return (bool(re.fullmatch(r"[^\W\d_][^\W\d_'’.-]+,?", word)) and word[0].isupper()
            and not WEEKDAY.fullmatch(word))


URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)"
                      r"|/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_-]|$)")


def url_date(url: str) -> str:
    """The date a page's address gives ('…/2020/08/16/us/…', '…/20200428/…'), or ''."""
    import datetime

    path = urlsplit(url).path
    for match in URL_DATE.finditer(path):
        year, month, day = (int(group) for group in match.groups() if group is not None)
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""


UPDATE_LINE = re.compile(r"^\W*(?:" + UPDATED_WORDS + r")\b", re.IGNORECASE)


def is_update_line(text: str) -> bool:
    """A dateline that gives the day the page was updated ("Mis à jour le 06/04/2013"), not published."""
    return bool(UPDATE_LINE.match(text))


def read_dateline(text: str) -> str:
    """The date of a line that is a date and little else ('Published Nov. 19, 2019 at 5:42 pm'), or ''."""
    text = re.sub(r"\s+", " ", text).strip(" .|·•")
    text = UPDATED_CLAUSE.sub("", text).strip(" .|·•,;") if re.search(r"\d", text[:40]) else text
    if not text or len(text.split()) > 10:
        return ""
    core = TIME_SUFFIX.sub("", LEADING_TIME.sub("", DATELINE_PREFIX.sub("", text))).strip(" ,.|")
    if not core or not re.search(r"\d", core):
        return ""
    core = WEEKDAY.sub("", core).strip(" ,.")
    found = find_date(core)
    if found:
        rest = core
        for pattern in DATE_PATTERNS:
            rest = pattern.sub("", rest)
        return found if not re.search(r"[^\W\d_]", DATE_FILLER.sub("", rest)) else ""
    parsed = _dateparser_parse(DATE_FILLER.sub(" ", core).strip(" ,."))
    return parsed.date().isoformat() if parsed is not None else ""


def calendar_dates(shown: Sequence[str], page: Sequence[str]) -> frozenset[str]:
    """Of the different dates the lines above a title give (`shown`), those that are not the text's: a
    day-by-day navigation shows the days around the article's ("08 .12 .19", "mardi 10.12 .19",
    "11 .12 .19"), and the article's day is the one the page of `page` writes most often. Nothing when
    the lines give one date, or no date is written more often than the others."""
    different = frozenset(shown)
    if len(different) < 2:
        return frozenset()
    counts = Counter(date for text in page
                     if re.search(r"\d", text) and (date := read_dateline(text)) in different)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return frozenset()
    return different - {ranked[0][0]}


KICKER_WORDS = 3
HASHTAG_WORDS = 10  # a tag written as a hashtag ("#Krótko o przepisach prawa w Polsce") is this long at most
QUOTE_MARKS = "„“”‚‘’«»\"' "  # a kicker in quotation marks: '„Heikles“ Thema 3. November 2023'


def kicker_date(text: str) -> str:
    """The date of a line that is a section's or a tag's name, then a date: "conservatism May 16, 2020",
    "Politics | 3 March 2020" (a kicker above a headline), or ''. The kicker is one to three words
    without a digit, or a tag written as a hashtag of up to ten ("#Krótko o przepisach prawa w Nowej
    Zelandii i Polsce 22 kwietnia 2021"); what follows it must be a dateline by itself."""
    words = re.sub(r"\s+", " ", text).strip().split(" ")
    if PREFIX.match(" ".join(words[:2]) + " "):
        return ""
    reach = HASHTAG_WORDS if re.match(r"#[^\W\d_]", words[0]) else KICKER_WORDS
    for cut in range(1, min(reach, len(words) - 1) + 1):
        kicker = " ".join(words[:cut])
        if re.search(r"\d", kicker) or not re.match(r"[^\W\d_]", kicker.lstrip(QUOTE_MARKS + "#")):
            return ""
        date = read_dateline(" ".join(words[cut:]).lstrip("|·•:/,–—- "))
        if date:
            return date
    return ""


RUN_IN_DATE = re.compile(  # the date, then a full stop, a colon or a dash before a sentence, or a meta bar's
    r"^(?P<date>[^!?]{0,40}?\b(?:19|20)\d{2})(?:\s*(?:[.:]|\s[–—-])\s+(?=[^\W\d_])"  # bar ("| Politik", and
    r"|\s+(?:[|·•]|__)\s*(?=[^\W\d_]))")  # "__", an icon's empty emphasis as html2text writes it)
RUN_IN_WORDS = 6  # a run-in dateline is a date, a place: this many words at most


PUBLISHED_LABEL = re.compile(  # a page's info box: "Erschienen am: 01.11.2023", "Published: 3 March 2020"
    r"(?<![\w-])(?:(?:first\s+)?published(?:\s+on)?|erschienen(?:\s+am)?|ver[öo]ffentlicht(?:\s+am)?"
    r"|publi[ée]e?(?:\s+le)?|publicado(?:\s+el)?|pubblicato(?:\s+il)?|opublikowano|julkaistu|publicerad"
    r")\s*:?\s+(?=(?P<rest>\S.{0,40}))", re.IGNORECASE)
DATE_LABEL = re.compile(  # an info box that opens with the label "Date", then the date: "Date 19.01.2020 …"
    r"^(?:date|datum|fecha|data|date\s+de\s+publication)\s*:?\s+(?=(?P<rest>\S.{0,40}))", re.IGNORECASE)
LABEL_DATE_WORDS = 5  # words at most of the date after its label


def labelled_date(texts: Sequence[str]) -> str:
    """The date the page labels as its publication's ("Letzte Änderung: 31.10.2023 Erschienen am:
    01.11.2023 Lesungen: 61", a page's info box under the article, or one that opens with the label
    "Date" and a date: "Date 19.01.2020 Author Ben Knight"), when every such label on the page gives
    the same day; '' otherwise (a list of other articles, each "Published …", names none)."""
    dates = set()
    for text in texts:
        line = re.sub(r"\s+", " ", text).strip()
        for match in (*PUBLISHED_LABEL.finditer(line), *DATE_LABEL.finditer(line)):
            words = match["rest"].split()
            date = next((read for size in range(min(LABEL_DATE_WORDS, len(words)), 0, -1)
                         if re.search(r"\d", " ".join(words[:size]))
                         and (read := read_dateline(" ".join(words[:size])))), "")
            if date:
                dates.add(date)
    return next(iter(dates)) if len(dates) == 1 else ""


def _fold_words(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).casefold().strip()


DATELINE_CHARACTERS = 60  # a text longer than this is no dateline alone
UPDATED = re.compile(r"(?<!\w)(?:" + UPDATED_WORDS + r")(?!\w)", re.IGNORECASE)  # "Article mis à jour le …"
UPDATE_HEADING = re.compile(  # a heading over an update to the text, whose date follows it
    r"^\W*(?:updates?|corrections?|editor['’]?s\s+note|nachtrag|aktualisierung|korrektur|mise\s+à\s+jour"
    r"|rectificatif|actualizaci[óo]n|fe\s+de\s+erratas|aggiornamento|" + UPDATED_WORDS + r")\W*$",
    re.IGNORECASE)


def page_dateline(texts: Sequence[str], title: str, stop: Callable[[str], bool]) -> tuple[str, str]:
    """The first of the page's texts (`texts`, furniture and all, in order) after its headline
    (`title`) that is a dateline and nothing else, or a section's name and a date (`kicker_date`):
    "20:34 17.04.2020", "Öko Ökonomie 13. 1. 2020", a meta box after the article, between its share
    buttons and its tags; with its date, or ('', ''). Never the day it was updated ("Article mis à jour
    le 7 janvier 2020.", a date under a heading "Update"), which is not the day it came out; never a
    comment's:
    the search stops at the first text that `stop` matches (a heading over the comments, a reply
    button); nor a dateline before the headline (a page's header shows today's)."""
    key = _fold_words(title)
    start = next((index for index, text in enumerate(texts) if key and key in _fold_words(text)
                  and len(text) <= 2 * len(title) + 40), None)
    if start is None:
        return "", ""
    previous = ""
    for text in texts[start + 1:]:
        line = re.sub(r"\s+", " ", text).strip()
        if stop(line):
            return "", ""
        if (len(line) <= DATELINE_CHARACTERS and re.search(r"\d", line) and not UPDATED.search(line)
                and not UPDATE_HEADING.match(previous)
                and (date := read_dateline(line) or kicker_date(line))):
            return line, date
        previous = line
    return "", ""


LEADING_DATE = re.compile(r"^(?P<date>[^!?]{0,40}?\b(?:19|20)\d{2})\s+(?P<rest>\S.*)$")
BAR_WORDS = 12  # a meta bar after a date (a section, tags) has this many words at most


def date_before_tags(text: str, linked: Sequence[str]) -> str:
    """The date a meta bar opens with, the rest of it the article's section and its tags, most of its
    words links (`linked`: the texts of the line's links): "28 kwietnia 2021 Polityka Fundusz Odbudowy,
    lewica, PiS"; or ''."""
    match = LEADING_DATE.match(re.sub(r"\s+", " ", text).strip())
    if not match or len(match["rest"].split()) > BAR_WORDS or len(match["date"].split()) > RUN_IN_WORDS:
        return ""
    tagged = sum(len(link.split()) for link in linked if link.strip() and link in match["rest"])
    return read_dateline(match["date"]) if tagged * 2 > len(match["rest"].split()) else ""


def run_in_date(text: str) -> str:
    """The date a paragraph opens with, set off from its first sentence by a full stop or a dash, as a
    German or a news agency's lead writes it ("31. Oktober 2023. Dragqueens sind …", "BERLIN, 3 March
    2020 – The …"), or from a meta bar's section and tags ("28 kwietnia 2021 | Polityka | lewica"), or ''.
    The date and what stands before it must be a dateline by themselves."""
    match = RUN_IN_DATE.match(re.sub(r"\s+", " ", text).strip())
    if not match or len(match["date"].split()) > RUN_IN_WORDS:
        return ""
    date = match["date"]
    return read_dateline(date) or read_dateline(date.split(",", 1)[1]) if "," in date else read_dateline(date)


# English as the United States writes it puts the month first (03.05.19 is 5 March); other languages,
# and English as Britain, the Commonwealth and most of the world write it, the day (03/04/2020 in a
# French text is 3 April). A text whose language is unknown, or only "en", is read day first unless
# something on its page says it is American: a numeric date that can only be month first (12/25/2020),
# dates written month first in words ("October 12, 2020") more often than day first, or a `.us` address.
DAY_FIRST_ENGLISH = frozenset(("gb", "uk", "ie", "au", "nz", "in", "za", "ng", "ke", "sg", "hk", "pk"))
MONTH_FIRST_REGIONS = frozenset(("us", "ph", "pr", "gu", "as", "vi", "um", "fm", "mh", "pw"))
_DATE_ORDER: ContextVar[str] = ContextVar("date_order", default="DMY")
_DATE_LANGUAGE: ContextVar[str] = ContextVar("date_language", default="")  # the text's, as dates_in sets it
# A numeric date: day and month either way round, then the year ("25/12/2020", "10.12.19").
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)?\d\d)(?![\d/-]|\.\d)")


DATELINE_WORDS = 12  # a text this short may be a dateline, whose date in words tells the site's order
WORD_DATES = 2  # dates in words at the least, and twice as many one way as the other, to tell the order


ADDRESS_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{2})/")
ADDRESS_REPEATS = 2  # the page's own address is in its share buttons, its canonical link, its comments' form


def address_month(targets: Sequence[str]) -> str:
    """The year and month of the page's own address ('2023-11' of '…/2023/11/arnault-louvre/'), as its
    links give it most often (the share buttons each carry it), twice at the least; or ''."""
    counts = Counter(f"{m.group(1)}-{m.group(2)}" for target in targets
                     for m in ADDRESS_MONTH.finditer(target) if 1 <= int(m.group(2)) <= 12)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < ADDRESS_REPEATS or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def page_date_order(texts: Sequence[str], month: str = "") -> tuple[str, str]:
    """The order the page of `texts` writes its dates in ("DMY", "MDY" or '' when it does not tell),
    by its numeric dates that can only be read one way (25/12/2020 against 12/25/2020), or only one way
    in the month of the page's own address, `month` ('2023-11': 11/08/23 is 8 November), whichever it
    writes more often, and by the dates in words of its short lines, the site's datelines ("12 October
    2020" against "October 12, 2020": two at the least, and twice as many as the other way)."""
    numbers: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for text in texts:
        for first, _, second, year in NUMERIC_DATE.findall(text):
            if 12 < int(first) <= 31 and 1 <= int(second) <= 12:
                numbers["DMY"] += 1
            elif 12 < int(second) <= 31 and 1 <= int(first) <= 12:
                numbers["MDY"] += 1
            elif month and month[:4].endswith(year) and int(first) != int(second):  # the address's month
                numbers["MDY" if int(first) == int(month[5:]) else "DMY" if int(second) == int(month[5:])
                        else ""] += 1
        if len(text.split()) <= DATELINE_WORDS:  # the site's datelines, not a quotation's or a caption's
            words["DMY"] += len(DATE_PATTERNS[1].findall(text))
            words["MDY"] += len(DATE_PATTERNS[2].findall(text))
    by_words = "" if not words else max(words, key=lambda order: words[order])
    if words[by_words] < WORD_DATES or words[by_words] < 2 * (sum(words.values()) - words[by_words]):
        by_words = ""  # one date in words is a quotation's, a photo agency's caption ("Sept. 29, 2020 --")
    numbers.pop("", None)
    by_numbers = "" if numbers["DMY"] == numbers["MDY"] else max(numbers, key=lambda order: numbers[order])
    return by_numbers, by_words


def date_order(lang: str, texts: Sequence[str] = (), source: str = "", month: str = "") -> str:
    """The order of a numeric date's day and month in a text in language `lang` ('fr', 'en-GB', or
    'en_US' as og:locale writes it) on a page of `texts` at address `source` whose own address is of
    `month` (`address_month`; else the one `source` gives): "MDY" in American
    English, "DMY" otherwise. An English page whose numeric dates can only be read one way is read
    that way whatever its region says (WordPress tags many a British site's pages en-US)."""
    parts = lang.replace("_", "-").casefold().split("-")
    if parts[0] and parts[0] != "en":
        return "DMY"
    by_numbers, by_words = page_date_order(texts, month or url_date(source)[:7])
    if by_numbers:
        return by_numbers
    if MONTH_FIRST_REGIONS.intersection(parts[1:]):
        return "MDY"
    if DAY_FIRST_ENGLISH.intersection(parts[1:]):
        return "DMY"
    if by_words:
        return by_words
    return "MDY" if host_of(source).endswith(".us") else "DMY"


@contextmanager
def dates_in(lang: str, texts: Sequence[str] = (), source: str = "", month: str = "") -> Iterator[None]:
    """Numeric dates read in the order of language `lang` and the page of `texts` at address `source`
    while in the block (see `date_order`)."""
    token = _DATE_ORDER.set(date_order(lang, texts, source, month))
    language = _DATE_LANGUAGE.set(primary_language(lang))
    try:
        yield
    finally:
        _DATE_LANGUAGE.reset(language)
        _DATE_ORDER.reset(token)


def _dateparser_parse(text: str) -> Any:
    day_first = re.match(r"^(?:1[3-9]|2\d|3[01])[/.-]", text)
    return _parser()(
        text,
        languages=_languages(_DATE_LANGUAGE.get()),
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "DMY" if day_first else _DATE_ORDER.get(),
        },
    )


@lru_cache(maxsize=16)
def _languages(lang: str) -> list[str]:
    """The languages a date's words are read in: those of DATE_LANGUAGES, and the text's own when
    dateparser knows it ('28 kwietnia 2021' on a Polish page)."""
    if not lang or lang in DATE_LANGUAGES or not re.fullmatch(r"[a-z]{2,3}", lang):
        return DATE_LANGUAGES
    from dateparser.languages.loader import default_loader  # type: ignore[import-untyped]

    return [*DATE_LANGUAGES, lang] if lang in default_loader.get_locale_map() else DATE_LANGUAGES


@lru_cache(maxsize=1)
def _parser() -> Any:
    import dateparser  # type: ignore[import-untyped]  # half a second to import: only when a line needs it

    return dateparser.parse


RUN_IN = re.compile(r"^\W{0,3}(?P<name>[^\W\d_][^:!?.]{2,60}?)\s*:\s+\S")  # "JESSICA LIVINGSTON: The most …"


def run_in_name(text: str) -> str:
    """The person's name a paragraph opens with before a colon, as a guest column's or an interviewer's
    question is run in ("JESSICA LIVINGSTON: The most important …", "Ann Lee: Where did you …?"), in
    reading order and ordinary case; '' when it opens with no name so."""
    match = RUN_IN.match(re.sub(r"\s+", " ", text).strip())
    if not match:
        return ""
    name = natural_name(match.group("name").strip())
    return name if looks_like_name(name) and len(name.split()) <= 4 else ""


def title_run_in(title: str, name: str) -> bool:
    """Whether a title opens with `name` and a colon, as a guest column's does ("Jessica Livingston: Why
    Startups Need to Focus on Sales"): the name its first paragraph runs in is the columnist's."""
    head, colon, rest = title.partition(":")
    return bool(colon and rest.strip() and name) and same_name(head.strip(), name)


SIGNED = re.compile(r"\[(?P<name>[^\[\]]{3,60})\]\s*$")  # "… should give thanks. [A.A. Dowd]"
SIGNED_PIECES = 3  # paragraphs signed so at the least, by two writers or more: a group's pieces


def signers(texts: Sequence[str]) -> tuple[str, ...]:
    """The writers of a text made of pieces, each signed at its last paragraph's end with its writer's name
    in brackets, as a magazine's critics sign their entries in a list of the year's best ("… should give
    thanks. [A.A. Dowd]"): the names in the order they first sign; () unless three paragraphs or more are
    signed so, by two names or more."""
    names = [match.group("name").strip() for text in texts
             if (match := SIGNED.search(re.sub(r"\s+", " ", text)))
             and looks_like_name(match.group("name").strip())]
    distinct = tuple(dict.fromkeys(names))
    return distinct if len(names) >= SIGNED_PIECES and len(distinct) >= 2 else ()
