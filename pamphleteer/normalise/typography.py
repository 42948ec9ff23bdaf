"""Set the text in the house typography: curly quotes, hyphens and one style of dash.

- `curl_quotes`: straight quotes and apostrophes left in running text become
  typographic ones (pandoc's smart reading catches most; N501);
- `hyphenate_en_dashes`: an en dash joining two lower-case words
  ("working–class") becomes a hyphen (N502); between capitals or digits
  ("Marxism–Leninism", "1914–1918") it stays;
- `house_dashes`: a dash used as a dash — a spaced hyphen, a double hyphen,
  an em dash, spaced or not — becomes the house dash, a spaced en dash (N503);
- `ordinals_on_the_baseline`: an ordinal's letters raised as a superscript
  ("3<sup>rd</sup>") are set on the baseline, "3rd" (N504);
- `mark_acronyms`: a word of three or more capitals (ILWU, NATO, the NGO of
  "NGOs") is marked as an acronym, a `Span` of class `acronym`, which the
  editions set in small capitals (N505). Not in headings; not a Roman numeral
  (XIV); not a word beside another word in capitals (a line set in capitals,
  "DAVE KELLAWAY", is not a row of acronyms).
"""

from __future__ import annotations

import re

from pamphleteer.ast import (
    BREAKS,
    Attr,
    Node,
    has_class,
    kind,
    make_space,
    make_span,
    make_str,
    merge_adjacent,
    span_inlines,
    text_of,
    transform,
    walk,
    word_of,
)
from pamphleteer.normalise.findings import Finding
from pamphleteer.normalise.registry import Stage, rule

HOUSE_DASH = "\u2013"  # an en dash, with a space on either side
DASHES_AS_DASH = {"-", "--", "\u2013", "\u2014", "\u2015"}
EN_DASH_BETWEEN_LOWER = re.compile(r"(?<=[^\W\d_])\u2013(?=[^\W\d_])")
EM_DASH = re.compile(r"\u2014|\u2015")
DASH_MESSAGE = "a dash was set in the house style (spaced en dash)"
SPACES = ("Space", "SoftBreak")  # a word's neighbours on either side of a dash set as a dash


def _lower_letters(text: str, dash: int) -> bool:
    return text[dash - 1].islower() and text[dash + 1].islower()


def curl_text(text: str, previous_is_space: bool = True) -> str:
    """Straight quotes to curly in one Str (its start follows a space or starts a block)."""
    out = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else (" " if previous_is_space else "x")
        after = text[index + 1] if index + 1 < len(text) else " "
        if char == "'":
            opening = (before.isspace() or before in "([{\u201c\u2014\u2013") and after.isalpha()
            out.append("\u2018" if opening else "\u2019")
        elif char == '"':
            opening = before.isspace() or before in "([{\u2018\u2014\u2013"
            out.append("\u201c" if opening else "\u201d")
        else:
            out.append(char)
    return "".join(out)


@rule(Stage.TYPOGRAPHY, order=10, codes={"N501": "straight quotes curled"})
def curl_quotes(node: Node) -> tuple[Node, list[Finding]]:
    """Straight quotes left in running text become curly quotes."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out = []
        for index, item in enumerate(inlines):
            text = word_of(item)
            if "'" in text or '"' in text:
                previous_is_space = index == 0 or kind(inlines[index - 1]) in BREAKS
                curled = curl_text(text, previous_is_space)
                findings.append(Finding("N501", "straight quotes became typographic quotes", text, curled))
                item = make_str(curled)
            out.append(item)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


@rule(Stage.TYPOGRAPHY, order=20, codes={"N502": "en dash between words -> hyphen"})
def hyphenate_en_dashes(node: Node) -> tuple[Node, list[Finding]]:
    """An en dash between two lower-case words becomes a hyphen: "working–class" -> "working-class"."""
    findings: list[Finding] = []

    def fix(text: str) -> str:
        return EN_DASH_BETWEEN_LOWER.sub(
            lambda m: "-" if _lower_letters(text, m.start()) else m.group(0), text
        )

    def rewrite(inlines: list[Node]) -> list[Node]:
        out = []
        for item in inlines:
            text = word_of(item)
            fixed = fix(text) if "\u2013" in text and len(text) > 1 else text
            if fixed != text:
                findings.append(Finding("N502", "an en dash joining two words became a hyphen", text, fixed))
                item = make_str(fixed)
            out.append(item)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


def _split_em_dashes(text: str) -> list[Node]:
    """ "a—b" -> a, space, dash, space, b (a dash at an edge keeps its outer side as it was)."""
    out: list[Node] = []
    for index, part in enumerate(EM_DASH.split(text)):
        if index:
            out.extend([make_space(), make_str(HOUSE_DASH)])
            if part and (part[0].isalnum() or part[0] in "\u201c\u2018("):
                out.append(make_space())
        if part:
            out.append(make_str(part))
    if out and kind(out[0]) == "Space":  # the Str began with the dash: the space before it is there already
        out.pop(0)
    return out


def _neighbour(inlines: list[Node], index: int, step: int) -> str:
    """The word two places away (across a space), for a diagnostic's context."""
    other = index + step
    return (word_of(inlines[other]) if 0 <= other < len(inlines) else "") or "\u2026"


@rule(Stage.TYPOGRAPHY, order=30, codes={"N503": "dashes set in the house style"})
def house_dashes(node: Node) -> tuple[Node, list[Finding]]:
    """Every dash used as a dash becomes a spaced en dash."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for index, item in enumerate(inlines):
            if kind(item) != "Str":
                out.append(item)
                continue
            text = word_of(item)
            spaced = (
                0 < index < len(inlines) - 1
                and kind(inlines[index - 1]) in SPACES
                and kind(inlines[index + 1]) in SPACES
            )
            if spaced and text in DASHES_AS_DASH:
                if text != HOUSE_DASH:
                    left, right = _neighbour(inlines, index, -2), _neighbour(inlines, index, 2)
                    findings.append(Finding("N503", DASH_MESSAGE, f"{left} {text} {right}",
                                            f"{left} {HOUSE_DASH} {right}"))
                out.append(make_str(HOUSE_DASH))
            elif EM_DASH.search(text):
                parts = _split_em_dashes(text)
                shown = "".join(" " if kind(p) == "Space" else word_of(p) for p in parts)
                findings.append(Finding("N503", DASH_MESSAGE, text, shown))
                out.extend(parts)
            else:
                out.append(item)
        return merge_adjacent(out)

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings



ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "e", "er", "re", "ème", "eme", "o", "a", "º", "ª"})


@rule(Stage.TYPOGRAPHY, order=40, codes={"N504": "ordinals set on the baseline"})
def ordinals_on_the_baseline(node: Node) -> tuple[Node, list[Finding]]:
    """An ordinal's raised letters come down to the baseline: 3^rd^ -> 3rd, 19^e^ -> 19e."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for item in inlines:
            previous = word_of(out[-1]) if out else ""
            suffix = text_of(item) if kind(item) == "Superscript" else ""
            if previous[-1:].isdigit() and suffix in ORDINAL_SUFFIXES:
                findings.append(Finding("N504", "an ordinal's superscript was set on the baseline",
                                        f"{previous}^{suffix}^", previous + suffix))
                out[-1] = make_str(previous + suffix)
            else:
                out.append(item)
        return merge_adjacent(out) if len(out) != len(inlines) else inlines

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


ACRONYM = Attr(classes=("acronym",))
WORD = re.compile(r"[^\W\d_]+")
ROMAN = re.compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
SHORTEST_ACRONYM = 3


def _capitals(word: str) -> bool:
    """A word of capitals only, or of capitals and a plural s ("NGOs")."""
    stem = word[:-1] if word.endswith("s") else word
    return len(stem) >= 2 and stem.isupper()


def _acronym(word: str) -> str:
    """The capitals of `word` set as an acronym ('' if none): ILWU, the NGO of NGOs."""
    stem = word[:-1] if word.endswith("s") else word
    if len(stem) < SHORTEST_ACRONYM or not stem.isupper() or ROMAN.fullmatch(stem):
        return ""
    return stem


def _in_capitals(inlines: list[Node], index: int) -> bool:
    """Whether the Str at `index` stands beside another word in capitals, across one space and no
    punctuation ("DAVE KELLAWAY"; not "NGOs, NATO")."""
    text = word_of(inlines[index])
    for other in (index - 2, index + 2):
        if not (0 <= other < len(inlines) and kind(inlines[(index + other) // 2]) in BREAKS):
            continue
        left, right = (word_of(inlines[other]), text) if other < index else (text, word_of(inlines[other]))
        if left[-1:].isalpha() and right[:1].isalpha():
            words = WORD.findall(word_of(inlines[other]))
            if words and _capitals(words[0 if other > index else -1]):
                return True
    return False


def _marked(text: str) -> list[Node]:
    """A Str's text with each acronym in it in a Span of class `acronym`."""
    out: list[Node] = []
    at = 0
    for match in WORD.finditer(text):
        stem = _acronym(match.group(0))
        if stem:
            out.extend([make_str(text[at:match.start()]), make_span([make_str(stem)], ACRONYM)])
            at = match.start() + len(stem)
    out.append(make_str(text[at:]))
    return [item for item in out if kind(item) != "Str" or word_of(item)]


@rule(Stage.TYPOGRAPHY, order=50, codes={"N505": "acronyms marked for small capitals"})
def mark_acronyms(node: Node) -> tuple[Node, list[Finding]]:
    """Each word of three or more capitals in running text is marked as an acronym (a Span of class
    `acronym`, set in small capitals): "the ILWU" -> "the [ILWU]{.acronym}"."""
    if kind(node) in ("Header", "CodeBlock", "RawBlock"):
        return node, []
    # The words already marked (their Str nodes are never rebuilt before their own list is read).
    marked = {id(inner) for span in walk(node) if kind(span) == "Span" and has_class(span, "acronym")
              for inner in span_inlines(span)}
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for index, item in enumerate(inlines):
            text = word_of(item)
            # a word without capitals (most words) has no acronym: `_marked` would keep it as it is
            if not text or text.islower() or id(item) in marked or _in_capitals(inlines, index):
                out.append(item)
                continue
            parts = _marked(text)
            acronyms = [text_of(part) for part in parts if kind(part) == "Span"]
            if not acronyms:
                out.append(item)
                continue
            findings.extend(Finding("N505", "an acronym was marked for small capitals", text,
                                    f"{acronym} (small capitals)") for acronym in acronyms)
            out.extend(parts)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings
