"""Property tests: damage clean text in random places; the normaliser must restore it exactly.

A clean text is generated (paragraphs of sentences, some words linked). Then,
in random places: paragraphs are cut in two at a page break, link URLs are
printed again after their link (in both scraped styles), words become dead
links, and sentences of the text are repeated as pull quotes between rules.
The normalised damaged text must equal the normalised clean text, block for
block, once its pull quotes are set aside; and each pull quote must name the
paragraph it repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamphleteer.ast import text_of
from pamphleteer.normalise.pullquotes import quote_score, words
from tests.normalise.helpers import normalised

OPENERS = ["Workers", "Unions", "People", "History", "Every", "Their", "Local", "Such"]
WORDS = ["workers", "unions", "solidarity", "organise", "across", "borders", "history", "movement",
         "struggle", "common", "interests", "every", "country", "people", "the", "of", "and", "in",
         "with", "their", "against", "power", "rulers", "campaigns", "local", "strike", "support",
         "together", "Leeds", "Mexico", "Glasgow", "Winnipeg"]


@dataclass
class Token:
    word: str
    url: str = ""  # a linked word
    dead: bool = False  # damage: a link to '#'
    doubled: str = ""  # damage: the URL printed again, "autolink" or "escaped"

    def markdown(self) -> str:
        if self.dead:
            return f"[{self.word}](#)"
        if not self.url:
            return self.word
        link = f"[{self.word}]({self.url})"
        if self.doubled == "autolink":
            return f"{link} (<{self.url}>)"
        if self.doubled == "escaped":
            return f"{link} ([{self.url.replace('_', chr(92) * 2 + '_')}]({self.url}))"
        return link


@dataclass
class Paragraph:
    sentences: list[list[Token]]
    cut: int = 0  # damage: a page break after this many tokens (0: none)

    def tokens(self) -> list[Token]:
        return [token for sentence in self.sentences for token in sentence]

    def markdown(self) -> str:
        rendered: list[str] = []
        for sentence in self.sentences:
            parts = [token.markdown() for token in sentence]
            parts[-1] += "."
            rendered.extend(parts)
        if self.cut:
            return " ".join(rendered[: self.cut]) + "\n\n" + " ".join(rendered[self.cut :])
        return " ".join(rendered)


@dataclass
class Text:
    paragraphs: list[Paragraph]
    pull_quotes: dict[int, list[str]] = field(default_factory=dict)  # after paragraph i: quotes

    def markdown(self) -> str:
        blocks = []
        for index, paragraph in enumerate(self.paragraphs):
            blocks.append(paragraph.markdown())
            for quote in self.pull_quotes.get(index, []):
                blocks.append(f"---\n\n*{quote}*\n\n---")
        return "\n\n".join(blocks) + "\n"


@st.composite
def sentences(draw, number: int) -> list[Token]:
    count = draw(st.integers(6, 12))
    tokens = [Token(draw(st.sampled_from(OPENERS)))]
    tokens += [Token(word) for word in draw(st.lists(st.sampled_from(WORDS), min_size=count - 1,
                                                     max_size=count - 1, unique=True))]
    for index in draw(st.lists(st.integers(1, count - 1), max_size=2, unique=True)):
        tokens[index].url = f"https://example.org/page_{number}_{index}/"
    return tokens


@st.composite
def clean_texts(draw) -> Text:
    paragraphs = []
    for number in range(draw(st.integers(3, 6))):
        count = draw(st.integers(2, 3))
        paragraphs.append(Paragraph([draw(sentences(number * 10 + s)) for s in range(count)]))
    return Text(paragraphs)


def damage(draw, text: Text) -> Text:
    """Damage a copy of the text in random places; return it and the quotes inserted."""
    damaged = Text([
        Paragraph([[Token(t.word, t.url) for t in s] for s in p.sentences]) for p in text.paragraphs
    ])
    for kind in draw(st.lists(st.sampled_from(["cut", "double", "dead", "quote"]), min_size=1, max_size=5)):
        paragraph = draw(st.sampled_from(damaged.paragraphs))
        tokens = paragraph.tokens()
        if kind == "cut" and not paragraph.cut:
            starts = {sum(len(s) for s in paragraph.sentences[:i]) for i in range(len(paragraph.sentences))}
            # Cut inside a sentence, before a word starting in lower case.
            places = [i for i in range(1, len(tokens)) if i not in starts and tokens[i].word[0].islower()]
            if places:
                paragraph.cut = draw(st.sampled_from(places))
        elif kind == "double":
            linked = [t for t in tokens if t.url and not t.doubled]
            if linked:
                draw(st.sampled_from(linked)).doubled = draw(st.sampled_from(["autolink", "escaped"]))
        elif kind == "dead":
            plain = [t for t in tokens if not t.url and not t.dead]
            if plain:
                draw(st.sampled_from(plain)).dead = True
        elif kind == "quote":
            sentence = draw(st.sampled_from(paragraph.sentences))
            quote = " ".join(t.word for t in sentence) + "."
            if draw(st.booleans()):  # set on two lines, as web pages do
                middle = len(sentence) // 2
                quote = " ".join(t.word for t in sentence[:middle]) + "  \n" + " ".join(
                    t.word for t in sentence[middle:]) + "."
            after = draw(st.integers(0, len(damaged.paragraphs) - 1))
            damaged.pull_quotes.setdefault(after, []).append(quote)
    return damaged


def is_pull_quote(node) -> bool:
    return node["t"] == "Div" and "pullquote" in node["c"][0][1]


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_text_is_restored_exactly(data):
    clean = data.draw(clean_texts())
    damaged = damage(data.draw, clean)
    expected = normalised(clean.markdown())
    assert expected.diagnostics == ()  # clean text needs no repair
    result = normalised(damaged.markdown())

    body = [block.node for block in result.blocks if not is_pull_quote(block.node)]
    assert body == [block.node for block in expected.blocks]

    quotes = [block for block in result.blocks if is_pull_quote(block.node)]
    assert len(quotes) == sum(len(q) for q in damaged.pull_quotes.values())
    lines = {block.line: block for block in result.blocks}
    for quote in quotes:
        quoted = lines[int(dict(quote.node["c"][0][2])["quotes"])]
        assert quote_score(words(text_of(quote.node)), words(text_of(quoted.node))) == 1.0


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(clean_texts())
def test_clean_text_passes_through_untouched(clean):
    result = normalised(clean.markdown())
    assert result.diagnostics == ()
    assert len(result.blocks) == len(clean.paragraphs)
    assert result.standfirst == result.source_note == result.bio == result.credits == ()
