"""Repair text the converters garbled: mojibake, emphasis markers shown as text, asterisks read as emphasis.

`emphasis_debris`: "**33%**of" -> bold "33%" and "of"; "____", "****" and
markers at a word's edge ("congressman.****") go (N711).
`asterisks_inside_words`: "Investor*innen und Auftragnehmer*innen", German's
gender star, which the Markdown reader paired into emphasis ("Investor_innen und
Auftragnehmer_innen"), gets its asterisks back as text (N716).
`fix_mojibake`: "MarÃ­a" -> "María", "donâ€™t" -> "don’t" (N710), with ftfy,
told to change nothing else (quotes, widths, ligatures and line breaks stay as
written). Each run of words between links or emphasis is mended as one
string, since a broken character can straddle a space.
"""

from __future__ import annotations

import re

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
)
from pamphleteer.normalise.converter import over_rewritten_blocks
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Node

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
