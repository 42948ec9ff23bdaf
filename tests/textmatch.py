"""Find the words of a sentence, in order, in text extracted from an edition.

Text pulled out of a PDF is broken by hyphenation, footnotes and page
furniture; this compares words (letters and digits only) and allows a
bounded gap between consecutive words of the needle.
"""

from __future__ import annotations

import re
import unicodedata


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text)  # words hyphenated at a line end
    return re.findall(r"[^\W_]+", text.lower())


def contains_in_order(haystack: str, needle: str, max_gap: int = 120) -> bool:
    """True when every word of `needle` appears in `haystack`, in order, close together."""
    hay, want = words(haystack), words(needle)
    if not want:
        return True
    for start, word in enumerate(hay):
        if word != want[0]:
            continue
        position, found = start, 1
        while found < len(want):
            window = hay[position + 1 : position + 1 + max_gap]
            try:
                position = position + 1 + window.index(want[found])
            except ValueError:
                break
            found += 1
        if found == len(want):
            return True
    return False
