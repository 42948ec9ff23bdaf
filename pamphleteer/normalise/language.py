"""The language a text is written in, read from its words, for a text whose front matter names none.

A German article dropped into an English reader would otherwise be hyphenated with English
patterns, its furniture set in English, and read aloud by a screen reader with an English
voice. The measure is jusText's stop-word lists (the ones the furniture classifier uses), each
cut to the words no other of the languages told apart has: those lists, made from web pages,
are large and share many words ("de" and "the" are on several), so a word on two lists says
nothing. They also hold names ("jennifer" in Finnish's), so only words written in lower case
are counted: a name says nothing of the language around it. The answer is the language most of whose words
the text uses, and only when it clearly leads over enough words; otherwise there is none, and
the text keeps the publication's language.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pamphleteer.ast import text_of
from pamphleteer.normalise.boilerplate import stopwords
from pamphleteer.parse import Block

TOLD = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "fi", "ru")  # the languages told apart
LEAST = 20  # words of the leading language's own, at the least, for an answer
LEAD = 3.0  # times the runner-up's


@lru_cache(maxsize=1)
def _own_words() -> dict[str, frozenset[str]]:
    """Each language's stop words that no other language of TOLD lists."""
    lists = {lang: stopwords(lang) for lang in TOLD}
    listed = Counter(word for words in lists.values() for word in words)
    return {lang: frozenset(word for word in words if listed[word] == 1) for lang, words in lists.items()}


def text_language(blocks: tuple[Block, ...]) -> str:
    """The primary language subtag of the text `blocks` hold ("de"), or "" when it is not clear."""
    own = _own_words()
    scores = dict.fromkeys(TOLD, 0)
    for block in blocks:
        for word in re.findall(r"[^\W\d_]+", text_of(block.node)):
            if not word.islower():
                continue
            for lang in TOLD:
                if word in own[lang]:
                    scores[lang] += 1
                    break  # a word is one language's own at most
    best, second = sorted(TOLD, key=lambda lang: scores[lang], reverse=True)[:2]
    return best if scores[best] >= LEAST and scores[best] >= LEAD * scores[second] else ""
