"""Generated input: parsing and normalising never crash and never lose a word of the body.

Hypothesis writes Markdown the way scraped texts come: paragraphs, headings,
quotations, lists, code, links, emphasis, raw HTML tags, hard breaks, en
dashes, nested at random. Every word it puts in visible text must still be
somewhere in the normalised text — in the body or in what the normaliser lifted
out of it (title, byline, standfirst, notes, credits). The rules of the
normaliser land over time; this property keeps holding for each of them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamphleteer.nesting import _load_json_iteratively, flatten_deep
from pamphleteer.normalise import normalise
from pamphleteer.parse import parse_text
from pamphleteer.sanitise import clean_html
from pamphleteer.sources import SourceText, TextMeta

VOCABULARY = (
    "river stone harvest lantern meadow copper signal thistle orchard quarry ember harbour "
    "willow granite beacon saffron tundra falcon cobalt prairie"
).split()
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=4).map(" ".join)


@st.composite
def inline(draw: st.DrawFn) -> str:
    text = draw(words)
    form = draw(st.sampled_from([
        "{}", "*{}*", "**{}**", "_{}_", "[{}](https://example.org/page1)", "`{}`", "{}<sup>{}</sup>",
        "<b>{}</b>", "<i onclick=\"x()\">{}</i>", "{}  \n{}", "({})", "{}–{}", "\"{}\"",
        "[{}](#)", "**[{}](https://example.org/page2)** (<https://example.org/page2>)",
        "<span style=\"color:red\">{}</span>", "{}<br>{}", "~~{}~~", "{}[^1]",
    ]))
    second = draw(words)
    return form.format(text, second) if form.count("{}") == 2 else form.format(text)


paragraph = st.lists(inline(), min_size=1, max_size=5).map(" ".join)


@st.composite
def block(draw: st.DrawFn) -> str:
    text = draw(paragraph)
    form = draw(st.sampled_from([
        "{}", "# {}", "## {}", "> {}", "> > {}", "- {}\n- {}", "1. {}\n2. {}", "```\n{}\n```",
        "---\n\n*{}*\n\n---", "<div>{}</div>", "<p>{}</p>", "<blockquote>{}</blockquote>",
        "    {}", "{}\n\n{}",
    ]))
    return form.replace("{}", text)


document = st.lists(block(), min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n")


def visible_words(markdown: str) -> set[str]:
    """The vocabulary words a reader sees (URLs and attributes hold none)."""
    return {word for word in re.findall(r"[a-z]+", markdown) if word in VOCABULARY}


def words_of(value: Any) -> set[str]:
    found: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.update(re.findall(r"[a-z]+", item.lower()))
        elif isinstance(item, dict):
            kind = item.get("t")
            if kind == "Str":
                pending.append(item["c"])
            elif kind in ("Code", "CodeBlock", "Math"):
                pending.append(item["c"][1])
            elif kind in ("Link", "Image"):
                pending.append(item["c"][1])  # the text, not the target
            else:
                pending.append(item.get("c"))
        elif isinstance(item, (list, tuple)):
            pending.extend(item)
    return found


def normalised_words(markdown: str) -> set[str]:
    source = SourceText(path=Path("fuzz.md"), slug="fuzz", meta=TextMeta(), body=markdown, body_line=1)
    text = normalise(parse_text(source))
    found = set()
    for blocks in (text.blocks, text.standfirst, text.source_note, text.bio, text.credits):
        found |= words_of([block.node for block in blocks])
    inferred = text.inferred
    found |= words_of([inferred.title, inferred.subtitle, list(inferred.authors), inferred.publication])
    return found


@FUZZ
@given(document)
def test_parse_and_normalise_never_crash_and_never_lose_a_word(markdown):
    lost = visible_words(markdown) - normalised_words(markdown)
    assert not lost, (lost, markdown)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, derandomize=True, database=None)
@given(json_values)
def test_the_reader_for_deep_json_reads_what_json_reads(value):
    assert _load_json_iteratively(json.dumps(value)) == json.loads(json.dumps(value))


@settings(max_examples=100, derandomize=True, database=None)
@given(st.integers(min_value=1, max_value=400), st.sampled_from(["BlockQuote", "Emph", "Strong", "Div"]))
def test_flattening_bounds_any_depth_and_keeps_the_words(depth, kind):
    node: dict[str, Any] = {"t": "Str", "c": "bottom"}
    for _ in range(depth):
        if kind == "Div":
            inner = node if node["t"] != "Str" else {"t": "Para", "c": [node]}
            node = {"t": "Div", "c": [["", [], []], [inner]]}
        elif kind == "BlockQuote":
            node = {"t": "BlockQuote", "c": [node if node["t"] != "Str" else {"t": "Para", "c": [node]}]}
        else:
            node = {"t": kind, "c": [node]}
    flat, _count = flatten_deep([node])
    assert words_of(flat) == {"bottom"}
    assert len(json.dumps(flat)) < 20_000  # bounded, whatever the depth


HOSTILE_PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
    "<iframe src='http://e.example/'></iframe>", "<style>*{}</style>", "<svg onload=alert(1)>",
    "<a href='data:text/html,x'>d</a>", "<div onclick='x'>", "</div>", "<p style='x'>", "<b>", "</i>",
    "<scr<script>ipt>alert(1)</script>", "<a href=' jav&#x09;ascript:alert(1)'>t</a>", "words",
    "<object data=x>", "<math><mi>x</mi></math>", "<!-- c -->", "<![CDATA[x]]>", "<form action=x>",
]


@settings(max_examples=300, derandomize=True, database=None)
@given(st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=8).map("".join))
def test_the_allow_list_never_lets_a_script_through(html):
    cleaned = clean_html(html).lower()
    for needle in ("<script", "<iframe", "<style", "<svg", "<object", "<form", "javascript:", "data:",
                   "onerror", "onload", "onclick", "style="):
        assert needle not in cleaned, (needle, html, cleaned)
