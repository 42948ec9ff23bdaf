"""Repair text the converters garbled: mojibake, emphasis markers shown as text, asterisks read as emphasis.

`emphasis_debris`: "**33%**of" -> bold "33%" and "of"; "____", "****" and
markers at a word's edge ("congressman.****") go (N711).
`asterisks_inside_words`: "Investor*innen und Auftragnehmer*innen", German's
gender star, which the Markdown reader paired into emphasis ("Investor_innen und
Auftragnehmer_innen"), gets its asterisks back as text (N716).
`capitals_inside_words`: "Media captionDrone footage", "nos leitoresAtualizado": a word
ending in small letters run into a capitalised one, where the converter joined two
blocks' texts, gets its space back (N723); never "iPhone", "JavaScript", "McDonald".
`escapes_left_as_text`: "\\#Krótko", "Akteur\\*innen", a Markdown writer's escapes inside raw
HTML, where no Markdown reader takes them away, lose their backslash (N725).
`money_read_as_maths`: "($1.4 million) … euros ($1.1 million)", whose dollar signs the
Markdown reader took for the edges of a formula, is text again, its links links (N724).
`fix_mojibake`: "MarÃ­a" -> "María", "donâ€™t" -> "don’t" (N710), with ftfy,
told to change nothing else (quotes, widths, ligatures and line breaks stay as
written). Each run of words between links or emphasis is mended as one
string, since a broken character can straddle a space.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import ftfy

from pamphleteer.ast import (
    BREAKS,
    events,
    inner_inlines,
    is_kind,
    make_soft_break,
    make_space,
    make_str,
    make_strong,
    merge_adjacent,
    str_text,
    text_of,
    transform,
    walk,
)
from pamphleteer.errors import Diagnostic
from pamphleteer.normalise.converter import each_block_to_many, one_to_many, over_rewritten_blocks
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.keep import Refuse
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node, inline_markdown

CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
    fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    remove_control_chars=False, normalization=None, explain=False,
)
SUSPECT = re.compile(  # the characters that UTF-8 read as Windows-1252 or Latin-1 is made of
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
RUN = ("Str", "Space", "SoftBreak")


LOST_A0 = re.compile(r"(?<![A-ZÀ-Þ])Ã(?=\s)")  # "à" whose second byte (a no-break space) became a space


def mend(text: str) -> str:
    """`text` with mojibake undone, or as it was. An "Ã" before a space, outside capitals, was
    "à": its second byte was a no-break space, which the converter made a space ("déjÃ vu")."""
    if not SUSPECT.search(text):
        return text
    return LOST_A0.sub("à", ftfy.fix_text(text, CONFIG))


def _run_text(run: list[Node]) -> str:
    return "".join(str_text(n) if is_kind(n, "Str") else " " if is_kind(n, "Space") else "\n" for n in run)


def _run_nodes(text: str) -> list[Node]:
    out: list[Node] = []
    for word in re.split(r"([ \n])", text):
        if word == " ":
            out.append(make_space())
        elif word == "\n":
            out.append(make_soft_break())
        elif word:
            out.append(make_str(word))
    return merge_adjacent(out)


@rule(Stage.DAMAGE, order=20, again=(130,), runs=over_rewritten_blocks, codes={  # first, so every rule reads
    "N710": "characters garbled by a wrong encoding restored",  # real letters; last, for link text made
})  # a link's text only by the link repairs
def fix_mojibake(node: Node) -> tuple[Node, list[Finding]]:
    """Characters garbled by a wrong encoding are restored."""
    if not any(item["t"] == "Str" and SUSPECT.search(item["c"]) for item in walk(node)):
        return node, []  # no word has a character mojibake is made of (`mend` would keep every run)
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        run: list[Node] = []
        for item in [*inlines, None]:
            if item is not None and is_kind(item, *RUN):
                run.append(item)
                continue
            if run:
                text = _run_text(run)
                mended = mend(text)
                if mended != text:
                    findings.append(Finding("N710", "characters garbled by a wrong encoding were restored",
                                            shorten(text), shorten(mended)))
                    run = _run_nodes(mended)
                out.extend(run)
                run = []
            if item is not None:
                out.append(item)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- emphasis markers left as text -------------------------------------------------

PAIRED = re.compile(r"^(.*?)(\*\*|__)(?=\S)([^*_]*?[^\s*_])\2(.*)$")  # "**33%**of": a pair inside one word
MARKERS_ONLY = re.compile(r"^(?:[*_]{2,}|_)([,.;:!?)]*)$")  # "____", "****", "_**", a lone "_,": no emphasis
# at a word's edge: "congressman.****", "**Welcome", "„**Nicht", "macrismo”**,", "Verantwortung?\xa0**" (a
# no-break space inside the markers, which no Markdown reader then pairs: "<strong>…?&nbsp;</strong>")
EDGE_MARKERS = re.compile(
    r"^[*_]{2,}(?=[^\W_])|(?<=^[„“‚‘\"'«‹(\[¿¡])[*_]{2,}(?=[^\W_])|(?<=\u00a0)[*_]{2,}(?=[^\W_])"
    r"|(?:(?<=[^\s*_])|\u00a0)[*_]{2,}(?=[,.;:!?)\]”’\"'»›]*$)"
)


def _debris_out(inlines: list[Node]) -> tuple[list[Node], bool]:
    out: list[Node] = []
    changed = False
    for index, item in enumerate(inlines):
        if not is_kind(item, "Str"):
            out.append(item)
            continue
        text = str_text(item)
        following = inlines[index + 1] if index + 1 < len(inlines) else None
        paired = PAIRED.match(text)
        if paired:
            before, _mark, inner, after = paired.groups()
            out.extend([make_str(before)] if before else [])
            out.append(make_strong([make_str(inner)]))
            if after[:1].isalpha() and not inner[-1:].isalpha():
                out.append(make_space())  # "**33%**of": the space the converter lost
            out.extend([make_str(after)] if after else [])
            changed = True
        elif only := MARKERS_ONLY.match(text):
            glued = following is not None and not is_kind(following, "Space", *BREAKS)
            if out and is_kind(out[-1], "Space", "SoftBreak") and not (glued and not only.group(1)):
                out.pop()  # but not the space before a word the marker opened ("Cassie,” _[God Help…]")
            out.extend([make_str(only.group(1))] if only.group(1) else [])  # its punctuation stays
            changed = True
        elif EDGE_MARKERS.search(text):
            while EDGE_MARKERS.search(text):  # "❖**\xa0**": the last pair, then the one it ended
                text = EDGE_MARKERS.sub("", text)
            out.append(make_str(text))
            changed = True
        else:
            out.append(item)
    if changed and out and is_kind(out[0], "Space"):
        out.pop(0)
    return merge_adjacent(out), changed


@rule(Stage.DAMAGE, order=110, codes={"N711": "emphasis markers left as text removed or paired"},
      runs=over_rewritten_blocks)
def emphasis_debris(node: Node) -> tuple[Node, list[Finding]]:
    """Emphasis markers the reader could not pair are no longer shown: a pair inside one word
    becomes bold ("**33%**of" -> "33% of"), markers around nothing or at a word's edge go."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out, changed = _debris_out(inlines)
        if changed:
            findings.append(Finding("N711", "emphasis markers left as text were removed or paired",
                                    shorten(_plain(inlines)), shorten(_plain(out))))
        return out if changed else inlines

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


def _plain(inlines: list[Node]) -> str:
    """Inlines as a diagnostic shows them: words, strong emphasis as `**…**`, anything else as `…`."""
    parts: list[str] = []
    for node, _leaving in events(inlines, into=lambda node: is_kind(node, "Strong")):
        if is_kind(node, "Strong"):
            parts.append("**")  # on entering it and on leaving it
        elif is_kind(node, "Str"):
            parts.append(str_text(node))
        else:
            parts.append(" " if is_kind(node, "Space", "SoftBreak") else "…")
    return "".join(parts)


# -- asterisks inside words, read as emphasis ----------------------------------------

LETTER_END = re.compile(r"[^\W\d_]$")
LETTER_START = re.compile(r"^[^\W\d_]")


def _inside_words(previous: Node | None, emphasis: Node, following: Node | None) -> bool:
    """Emphasis opened inside one word and closed inside another ("Bürger*innen und Kolleg*innen"):
    its asterisks were the words' own (German's gender star, `x*y`), not emphasis."""
    inner = inner_inlines(emphasis) or []
    if not (previous and following and inner and is_kind(previous, "Str") and is_kind(following, "Str")):
        return False
    if not (is_kind(inner[0], "Str") and is_kind(inner[-1], "Str")):
        return False
    ends, starts = (str_text(previous), str_text(inner[-1])), (str_text(following), str_text(inner[0]))
    return (
        all(LETTER_END.search(end) for end in ends) and all(LETTER_START.search(start) for start in starts)
        and any(is_kind(item, *BREAKS) for item in inner)  # not one word's own ("un*frigging*believable")
    )


@rule(Stage.DAMAGE, order=105, codes={"N716": "asterisks inside words read as emphasis made text again"},
      runs=over_rewritten_blocks)
def asterisks_inside_words(node: Node) -> tuple[Node, list[Finding]]:
    """Emphasis that opens and closes inside words, with words between, is the words' asterisks:
    "Investor*innen und Auftragnehmer*innen" keeps them, as text."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        before = len(findings)
        index = 0
        while index < len(inlines):
            item = inlines[index]
            following = inlines[index + 1] if index + 1 < len(inlines) else None
            if is_kind(item, "Emph") and _inside_words(out[-1] if out else None, item, following):
                assert following is not None
                previous = out.pop()
                made = [make_str(str_text(previous) + "*"), *(inner_inlines(item) or []),
                        make_str("*" + str_text(following))]
                shown = f"{str_text(previous)}_{text_of(inner_inlines(item) or [])}_{str_text(following)}"
                findings.append(Finding("N716", "asterisks inside words, read as emphasis, were made "
                                        "text again", shorten(shown), shorten(text_of(made))))
                out.extend(made)
                index += 2
                continue
            out.append(item)
            index += 1
        return merge_adjacent(out) if len(findings) > before else inlines

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- a space lost where a small letter meets a capital inside one word -----------------

LETTER_RUN = re.compile(r"[^\W\d_]+")
NOT_PROSE_BEFORE = frozenset("@#/\\._:")  # a handle, a hashtag, a path, a domain ("uusisuomi.fiAsiakastuki")
MIN_LEFT = 3  # small letters before the capital: "iPhone", "eBay", "de" in "deGrasse" are a word's own
GENDER_ENDINGS = frozenset(("in", "innen"))  # German's "LehrerInnen", "KollegIn"
MOJIBAKE_CAPITALS = frozenset("ÃÂ")  # "enquÃªte": a broken character, not a capital


def _split_at(run: str) -> int:
    """Where a run of letters is two words run together ("captionDrone" -> 7), or 0: one capital
    after at least `MIN_LEFT` small letters, the whole first part small ("JavaScript",
    "McDonald", "iPhone" are no join), the rest small letters ("macOS" is none)."""
    humps = [index for index in range(1, len(run)) if run[index - 1].islower() and run[index].isupper()]
    if len(humps) != 1 or any(char in MOJIBAKE_CAPITALS for char in run):
        return 0
    left, right = run[: humps[0]], run[humps[0]:]
    if not (len(left) >= MIN_LEFT and left.islower() and len(right) >= 2 and right[1:].islower()):
        return 0
    return 0 if right.casefold() in GENDER_ENDINGS else humps[0]


def _joins(text: str, once: Counter[str]) -> list[int]:
    """The places in a Str's text where two words were run together (see `_split_at`), only in a
    run of letters the text has nowhere else (a name spelt so twice is its own: "derFreitag")
    and not in an address, a handle, a hashtag or a word with digits."""
    if "://" in text or "www." in text:
        return []
    places = []
    for match in LETTER_RUN.finditer(text):
        start, end = match.span()
        before, after = text[start - 1 : start], text[end : end + 1]
        if before in NOT_PROSE_BEFORE or after in ("@", "/") or before.isdigit() or after.isdigit():
            continue
        if once[match.group(0)] == 1 and (split := _split_at(match.group(0))):
            places.append(start + split)
    return places


@rule(Stage.DAMAGE, order=124, codes={"N723": "spaces lost between a word and a capitalised one inside a "
                                                "word put back"})
def capitals_inside_words(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """A word whose small letters run into a capitalised word ("Media captionDrone footage shows…",
    "nos leitoresAtualizado às"), where the converter joined two elements' texts, gets its space back."""
    once: Counter[str] = Counter(
        run for block in blocks for node in walk(block.node) if is_kind(node, "Str")
        for run in LETTER_RUN.findall(str_text(node))
    )

    def one(node: Node) -> tuple[Node, list[Finding]]:
        findings: list[Finding] = []

        def rewrite(inlines: list[Node]) -> list[Node]:
            out: list[Node] = []
            for item in inlines:
                places = _joins(str_text(item), once) if is_kind(item, "Str") else []
                if not places:
                    out.append(item)
                    continue
                text, cut = str_text(item), 0
                for place in places:
                    out.extend([make_str(text[cut:place]), make_space()])
                    cut = place
                out.append(make_str(text[cut:]))
                shown = " ".join(text[a:b] for a, b in zip([0, *places], [*places, None], strict=True))
                findings.append(Finding("N723", "a space lost between a word and a capitalised one was "
                                        "put back", text, shown))
            return out

        new = transform(node, inlines=rewrite)
        return (new if findings else node), findings

    return each_block_to_many(blocks, path, one_to_many(one), refuse)


# -- dollar amounts read as a formula ---------------------------------------------------

TEX_MARKS = re.compile(r"[\\^_{}]")  # a formula's commands, scripts and groups
PROSE_WORD = re.compile(r"[^\W\d_]{2,}")
PROSE_WORDS = 3  # a formula with this many words and no TeX is a passage between two prices


def _is_money(formula: str) -> bool:
    """Whether an inline formula is text between two dollar signs ("1.4 million) from … euros ("):
    no TeX in it, and a number after the first sign or words of a sentence."""
    if TEX_MARKS.search(formula):
        return False
    return formula[:1].isdigit() or len(PROSE_WORD.findall(formula)) >= PROSE_WORDS


@rule(Stage.DAMAGE, order=32, codes={"N724": "dollar amounts read as a formula made text again"},
      runs=over_rewritten_blocks)
def money_read_as_maths(node: Node) -> tuple[Node, list[Finding]]:
    """Text between two dollar signs that the reader took for a formula ("costs $5-$10", "($1.4
    million) … ($1.1 million)") is text again, read as Markdown (a link in it is a link)."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        if not any(is_kind(item, "Math") for item in inlines):
            return inlines
        out: list[Node] = []
        for item in inlines:
            formula = item["c"][1] if is_kind(item, "Math") and item["c"][0]["t"] == "InlineMath" else ""
            if not (formula and _is_money(formula)):
                out.append(item)
                continue
            made = inline_markdown("\\$" + formula.replace("$", "\\$") + "\\$")
            findings.append(Finding("N724", "dollar amounts read as a formula were made text again",
                                    shorten("$" + formula + "$"), shorten(text_of(made))))
            out.extend(made)
        return merge_adjacent(out)

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings


# -- Markdown escapes inside raw HTML ----------------------------------------------------

# a backslash before a mark a Markdown writer escapes, in a word ("\\#Krótko", "Akteur\\*innen",
# "\\[1\\]"); "¯\\_(ツ)_/¯" keeps its own
URL_LIKE = re.compile(r"://|\bwww\.", re.IGNORECASE)  # an address shown as text: `unescape_url_text`'s (N104)
LEFT_ESCAPE = re.compile(r"\\(?=[#*_`\[\]]\w)|(?<=\w)\\(?=\])")


@rule(Stage.DAMAGE, order=112, codes={"N725": "Markdown escapes left as text removed"},
      runs=over_rewritten_blocks)
def escapes_left_as_text(node: Node) -> tuple[Node, list[Finding]]:
    """A Markdown escape shown as text (a writer's `\\#`, `\\*` inside raw HTML, which the
    reader keeps as it is) loses its backslash: "#Krótko", "Akteur*innen"."""
    findings: list[Finding] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for item in inlines:
            text = str_text(item) if is_kind(item, "Str") else ""
            if LEFT_ESCAPE.search(text) and not URL_LIKE.search(text):
                mended = LEFT_ESCAPE.sub("", text)
                findings.append(Finding("N725", "a Markdown escape shown as text lost its backslash",
                                        text, mended))
                item = make_str(mended)
            out.append(item)
        return out

    new = transform(node, inlines=rewrite)
    return (new if findings else node), findings
