"""Old names for the inline vocabulary, which now lives in `pamphleteer.ast` (and `shorten` in findings).

New code imports from `pamphleteer.ast`; this module only keeps the names the rules
written before it still import (links, furniture, keep, head, boilerplate), and goes
when they no longer do.
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
