"""The inline vocabulary of the rules not yet written on `pamphleteer.ast` (links, furniture).

Everything here now lives in `pamphleteer.ast`; new code imports it from there.
This module only keeps the old names for the two modules that still use them.
"""

from __future__ import annotations

from pamphleteer.ast import (
    ListRewrite,
    Node,
    first_str,
    is_only_emphasis,
    merge_adjacent,
    strip_edges,
    text_of,
    transform,
)
from pamphleteer.normalise.findings import shorten

__all__ = [
    "first_str", "is_only_emphasis", "merge_adjacent", "rewrite_inline_lists", "shorten", "strip_edges",
    "text_of",
]


def rewrite_inline_lists(node: Node, rewrite: ListRewrite) -> Node:
    """Apply `rewrite` to every list of inlines in a block, innermost lists first."""
    return transform(node, inlines=rewrite)
