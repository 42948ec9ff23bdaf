"""Which strings are words of the language: the word list the converter repairs consult.

The list is pyspellchecker's English frequency list (about 160,000 words, read
once per process). It answers two questions: is a string a word ("reports",
"unbelievable"), and what share of a text's words are words (prose or code?).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spellchecker import SpellChecker

LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
MIN_FREQUENCY = 5  # rarer entries of the list are mostly misspellings and run-together words


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def is_word(text: str) -> bool:
    """A word of the language, in any letter case, a possessive 's aside ("Madrigal's")."""
    word = POSSESSIVE.sub("", text.lower()) or text.lower()
    return _frequencies().get(word, 0) >= MIN_FREQUENCY


def word_share(tokens: list[str]) -> float:
    """The share of `tokens` (split on spaces) whose letters make a word of the language."""
    words = [match.group(0) for token in tokens for match in [LETTERS.search(token)] if match]
    if not words:
        return 0.0
    return sum(1 for word in words if is_word(word)) / len(words)
