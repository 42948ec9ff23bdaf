"""Read people's names and dates as web pages print them.

`natural_name` turns the catalogue order some sites use ("KELLAWAY Dave") into
the order a reader expects ("Dave Kellaway"); `split_names` separates a list of
authors; `find_date` reads a date written out in words as an ISO date.
"""

from __future__ import annotations

import datetime
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b" + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),
)
AND = r"(?:and|et|und|y|e)"  # "and" in English, French, German, Spanish, Italian
NAME_SEPARATORS = re.compile(rf"\s*(?:,\s*{AND}\s+|,\s*|\s+{AND}\s+|\s*&\s*)\s*")


def _capitalise(word: str) -> str:
    """KELLAWAY -> Kellaway, O'BRIEN -> O'Brien, SMITH-JONES -> Smith-Jones."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())


def _is_shouted(word: str) -> bool:
    """A surname in capitals ("KELLAWAY"), not initials ("R.C.", "J.-P.")."""
    letters = [c for c in word if c.isalpha()]
    initials = re.fullmatch(r"(?:[A-Z]\.-?)+", word) is not None
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not initials


def natural_name(name: str) -> str:
    """A person's name in reading order and ordinary case: "KELLAWAY Dave" -> "Dave Kellaway"."""
    words = name.split()
    shouted = [w for w in words if _is_shouted(w)]
    if not shouted:
        return " ".join(words)
    if len(shouted) == len(words):
        return " ".join(_capitalise(w) for w in words)
    given = [w for w in words if not _is_shouted(w)]
    return " ".join(given + [_capitalise(w) for w in shouted])


def split_names(text: str) -> tuple[str, ...]:
    """ "A, B and C" -> ("A", "B", "C"), each in natural order."""
    names = [part.strip(" .") for part in NAME_SEPARATORS.split(text.strip())]
    return tuple(natural_name(name) for name in names if name)


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words, as a signature or a bold name: "David Camfield"."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        re.match(r"^[A-Z][\w'’.\-]*$", word) or word.lower() in ("de", "van", "von", "la", "da", "bin")
        for word in words
    )


def find_date(text: str) -> str:
    """The first date written in `text` as an ISO date ("29 January 2024" -> "2024-01-29"), or ""."""
    best: tuple[int, str] | None = None
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
        try:
            day = datetime.date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            continue
        if best is None or match.start() < best[0]:
            best = (match.start(), day.isoformat())
    return best[1] if best else ""


def same_name(first: str, second: str) -> bool:
    """Names equal but for case, punctuation and order of words."""
    def key(name: str) -> list[str]:
        return sorted(re.findall(r"[^\W_]+", natural_name(name).casefold()))

    return bool(key(first)) and key(first) == key(second)
