"""Read and build the values of a pandoc document's metadata (title, author, date …) by name.

pandoc keeps a document's metadata (`document["meta"]`, a dict by key) as
values tagged like nodes: `MetaString` (plain text), `MetaInlines` and
`MetaBlocks` (text with its markup), `MetaList`, `MetaMap`, `MetaBool`. Code
outside this module never reads their "c"; it asks `meta_text(value)` or
`meta_items(value)`. Anything that is not a metadata value (a missing key:
None) reads as no text and no items.
"""

from __future__ import annotations

from typing import Any

from pamphleteer.ast.shape import Node
from pamphleteer.ast.traverse import strings_of

MetaValue = dict[str, Any]  # {"t": "MetaInlines", "c": [...]}


def meta_kind(value: Any) -> str:
    """The value's type name ("MetaInlines", "MetaList" …); '' for what is not a metadata value."""
    return str(value.get("t") or "") if isinstance(value, dict) else ""


def meta_text(value: Any) -> str:
    """A MetaString's text, or the words of MetaInlines or MetaBlocks (`strings_of`); '' for
    any other value (a list, a map, a flag) and for what is not one."""
    kind = meta_kind(value)
    if kind == "MetaString":
        return str(value.get("c"))
    if kind in ("MetaInlines", "MetaBlocks"):
        return strings_of(value.get("c") or [])
    return ""


def meta_items(value: Any) -> list[Any]:
    """A MetaList's values; any other value as the one item of a list (none for a missing one)."""
    if meta_kind(value) == "MetaList":
        return list(value["c"])
    return [] if value is None else [value]


def make_meta_string(text: str) -> MetaValue:
    return {"t": "MetaString", "c": text}


def make_meta_inlines(inlines: list[Node]) -> MetaValue:
    return {"t": "MetaInlines", "c": inlines}


def make_meta_list(values: list[MetaValue]) -> MetaValue:
    return {"t": "MetaList", "c": values}
