"""Count the damage left in a text's web edition, and check its metadata, against what the page states.

The detector reads what a reader of the web edition reads: the text of the HTML the
web edition's writer makes from the normalised body. It counts, per kind:

- `markdown`: Markdown or HTML syntax left visible (`[x](`, `](http`, `**`, `__`, `{#id`,
  `{.class`, `:::`, `<div`, `![`, a heading's `#`, a backslash escape, a table rule);
- `url`: a raw URL standing in the prose (`https://…`, `www.…`);
- `furniture`: a piece of the page's furniture (from the article's expected.yaml) in the body;
- `image`: an image file name or an image's alt text left as body text;
- `run-together`: two words of the page run together because a space was lost
  ("Madrigalreports"): a word the page never has, made of two words it does (not in
  scripts written without spaces: Japanese, Chinese, Thai);
- `mojibake`: text decoded with the wrong character set ("MarÃ­a", "â€™");
- `link`: a link a reader of the web edition cannot follow: site-relative (`/tag/x`),
  `file:`, `javascript:` or empty.

and, separately, the sentences of the article that did not reach the edition (`lost`)
and whether title, authors, date and publication are the ones the page states.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

KINDS = ("markdown", "url", "furniture", "image", "run-together", "mojibake", "link")
FIELDS = ("title", "authors", "date", "publication")

MARKDOWN = re.compile(
    r"\]\(|\[[^\]\n]{0,200}\]\(|\]\[|!\[|\*\*|(?<![\w])__|__(?![\w])|\{[#.][\w-]|:::|"
    r"</?(?:div|span|p|a|img|figure|figcaption|section|aside|iframe|script|br|strong|em|b|i|ul|li|h[1-6])\b[^>]*>|"
    r"^#{1,6}\s|\\[*_`#\[\]()>!-]|^\|?\s*:?-{3,}:?\s*\||^\s*\*\s\*\s\*\s*$",
    re.MULTILINE,
)
URL = re.compile(r"\bhttps?://[^\s)\]>\"']+|\bwww\.[a-z0-9-]+\.[a-z]{2,}[^\s)\]>\"']*", re.IGNORECASE)
IMAGE_FILE = re.compile(r"[\w%-]+\.(?:jpe?g|png|gif|webp|svg|avif|tiff?)\b", re.IGNORECASE)
ALT_TEXT = re.compile(r"^(?:image|photo|picture|img|figure)(?:\s+\d+)?\s*(?:of|:|$)", re.IGNORECASE)
MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]|\ufffd|ï¿½|Ã\s")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
FOLLOWABLE = re.compile(r"^(?:https?://[^/\s]|mailto:|#)", re.IGNORECASE)
CAMEL_JOIN = re.compile(r"^([^\W\d_]{2,})([A-Z][^\W\d_]+)$")
# Scripts written without spaces between words (Han, kana, Thai, Lao, Myanmar, Khmer): two of
# their words side by side are how the language is written, not a space lost.
UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
                      "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def fold(text: str) -> str:
    """Text compared as a reader reads it: quotes, dashes, spaces and case set aside."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[‘’‚‛′`´]", "'", text)
    text = re.sub(r"[“”„‟″]", '"', text)
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    text = text.replace("\u00ad", "").replace("…", "...")
    text = re.sub(r"\s*-\s*", "-", text)  # "word—word" set in the house style as "word – word"
    return re.sub(r"\s+", " ", text).strip().casefold()


def fold_name(text: str) -> str:
    """A name or title compared loosely: letters and digits only ("R.C. Baker" = "R. C. Baker")."""
    return re.sub(r"[\W_]+", "", fold(text))


@dataclass(frozen=True)
class Expected:
    """What one page states, from its expected.yaml."""

    title: str
    authors: tuple[str, ...]
    date: str
    publication: str
    body: tuple[str, ...]
    furniture: tuple[str, ...]
    title_also: tuple[str, ...] = ()
    publication_also: tuple[str, ...] = ()

    @classmethod
    def from_yaml(cls, data: dict[str, object]) -> Expected:
        def strings(key: str) -> tuple[str, ...]:
            value = data.get(key) or ()
            return tuple(str(item) for item in value)  # type: ignore[union-attr]

        return cls(
            title=str(data.get("title") or ""), authors=strings("authors"),
            date=str(data.get("date") or ""), publication=str(data.get("publication") or ""),
            body=strings("body"), furniture=strings("furniture"),
            title_also=strings("title_also"), publication_also=strings("publication_also"),
        )


@dataclass(frozen=True)
class Edition:
    """What a reader gets of one text: its metadata and the text of each part, block by block."""

    title: str
    authors: tuple[str, ...]
    date: str
    publication: str
    body: tuple[str, ...]  # the body's blocks, as text
    links: tuple[str, ...] = ()  # the addresses the body's links go to
    elsewhere: tuple[str, ...] = ()  # subtitle, standfirst, notes, source note, bio, credits


@dataclass
class Damage:
    """The damage found in one edition: counts per kind, with examples, and the metadata verdicts."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)  # sentences the input had and the edition has not
    dropped: list[str] = field(default_factory=list)  # sentences the converter had already lost
    metadata: dict[str, str] = field(default_factory=dict)  # field -> "right", "wrong", "missing" or "n/a"

    def add(self, kind: str, example: str, count: int = 1) -> None:
        self.counts[kind] += count
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 5:
            self.examples[kind].append(example[:120])

    @property
    def total(self) -> int:
        return sum(self.counts[kind] for kind in KINDS)


def example_lines(found: Iterable[tuple[str, Damage | None]], kind: str) -> list[str]:
    """What one kind of damage looks like, file by file (`kind` "lost": the sentences lost), as the
    corpus reports print it: "name: 'example'". A file with no damage measured (refused) has none."""
    lines = []
    for name, damage in found:
        if damage is not None:
            items = damage.lost if kind == "lost" else damage.examples.get(kind, [])
            lines.extend(f"{name}: {item!r}" for item in items)
    return lines


INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphens, zero-width spaces


def words_of(text: str) -> list[str]:
    """The words of a text, hyphenation points and zero-width spaces set aside ("Neu\u00adzeit")."""
    return WORD.findall(INVISIBLE.sub("", text))


def _case_change(word: str) -> bool:
    """A small letter straight before a capital inside `word` ("LisObyczaje")."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))


def vocabulary(page_text: str, rendered: str = "") -> frozenset[str]:
    """The words of the page, as the page spells them (each element's text apart).

    With `rendered`, the page's text as a browser sets its inline elements (run together,
    a block's apart): a word the page itself sets across two elements without a space is the
    page's ("nachtkritik<span>newsletter</span>", a wordmark), not a space a converter lost;
    but never one where a small letter meets a capital ("Renata Lis<span>Obyczaje</span>"):
    that is two elements the page's styles set apart, and a reader of the page sees no such word.
    """
    words = {word.casefold() for word in words_of(page_text)}
    words.update(word.casefold() for word in words_of(rendered) if not _case_change(word))
    return frozenset(words)


def run_together(words: Iterable[str], page_words: frozenset[str]) -> list[str]:
    """Words the page never has that are two of its words with the space lost (never a word of a
    script written without spaces, such as Japanese)."""
    found = []
    for word in words:
        lower = word.casefold()
        if len(lower) < 6 or lower in page_words or UNSPACED.search(word):
            continue
        camel = CAMEL_JOIN.match(word)
        splits = [len(camel.group(1))] if camel else range(3, len(lower) - 2)
        for cut in splits:
            left, right = lower[:cut], lower[cut:]
            if left in page_words and right in page_words and (camel or len(left) >= 4 and len(right) >= 4):
                found.append(word)
                break
    return found


def _furniture_in(block: str, phrase: str) -> bool:
    """A phrase of three words or more anywhere in a block; a shorter one as the whole block."""
    folded_block, folded_phrase = fold(block), fold(phrase)
    if len(folded_phrase.split()) >= 3:
        return folded_phrase in folded_block
    return folded_block.strip(" .:|*-•·»") == folded_phrase


def detect(edition: Edition, expected: Expected, page_words: frozenset[str], received: str = "",
           page_text: str = "") -> Damage:
    """Every kind of damage in an edition's body, the sentences lost, the metadata right or wrong.

    `received` is the Markdown as the converter wrote it: a sentence the converter already
    lost is not counted as lost by the pipeline (it is listed in `dropped` instead).
    `page_text` is the page's visible text: a URL the page itself prints (a citation's
    "URL : https://…", a link whose words are its address) is the article's, not damage.
    """
    damage = Damage()
    for block in edition.body:
        for match in MARKDOWN.finditer(block):
            damage.add("markdown", _around(block, match.start()))
        for match in URL.finditer(block):
            if not (page_text and match.group().rstrip(".,;:") in page_text):
                damage.add("url", match.group())
        for match in IMAGE_FILE.finditer(block):
            damage.add("image", match.group())
        if ALT_TEXT.match(block.strip()) and len(block.split()) <= 12:
            damage.add("image", block)
        for match in MOJIBAKE.finditer(block):
            damage.add("mojibake", _around(block, match.start()))
        words = words_of(IMAGE_FILE.sub(" ", URL.sub(" ", block)))
        for word in run_together(words, page_words):
            damage.add("run-together", word)
    for href in edition.links:
        if not FOLLOWABLE.match(href.strip()):
            damage.add("link", href or "(empty)")
    for phrase in expected.furniture:
        hits = sum(_furniture_in(block, phrase) for block in edition.body)
        if hits:
            damage.add("furniture", phrase, hits)
    everything = fold(" ".join((edition.title, *edition.body, *edition.elsewhere)))
    had = fold(plain_markdown(received)) if received else ""
    for sentence in expected.body:
        if fold(sentence) in everything:
            continue
        if not received or fold(sentence) in had:
            damage.lost.append(sentence)
        else:
            damage.dropped.append(sentence)
    damage.metadata = metadata_verdicts(edition, expected)
    return damage


def metadata_verdicts(edition: Edition, expected: Expected) -> dict[str, str]:
    """Per field: "right", "wrong", "missing" (the page states it, the edition has none),
    "invented" (the page states none, the edition has one) or "n/a"."""
    verdicts = {}
    titles = {fold_name(title) for title in (expected.title, *expected.title_also) if title}
    verdicts["title"] = _verdict(bool(titles), edition.title, fold_name(edition.title) in titles)
    wanted = {fold_name(name) for name in expected.authors}
    got = {fold_name(name) for name in edition.authors}
    verdicts["authors"] = _verdict(bool(wanted), ", ".join(edition.authors), got == wanted)
    verdicts["date"] = _verdict(bool(expected.date), edition.date, edition.date[:10] == expected.date[:10])
    publications = {fold_name(name) for name in (expected.publication, *expected.publication_also) if name}
    verdicts["publication"] = _verdict(
        bool(publications), edition.publication, fold_name(edition.publication) in publications)
    return verdicts


def plain_markdown(markdown: str) -> str:
    """Markdown roughly as its words: link targets, emphasis marks, escapes and line breaks gone."""
    text = re.sub(r"\]\([^)]*\)|<[^>]+>", "", markdown)
    text = re.sub(r"[*_`\\\[\]]|^\s*(?:[#>]+|[-+]|\d+\.)\s", "", text, flags=re.MULTILINE)
    return text


def _verdict(stated: bool, value: str, right: bool) -> str:
    if not stated:
        return "invented" if value else "n/a"
    if not value:
        return "missing"
    return "right" if right else "wrong"


def _around(text: str, index: int) -> str:
    return text[max(0, index - 30):index + 40].replace("\n", " ")
