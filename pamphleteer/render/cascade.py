"""Match each element against a stylesheet's selectors once a document, and the spacing layers cheaply.

A part's HTML is rendered several times (`render/layout.py`: first, with its
loose lines set again, to mend its pages, to bring its footnotes back), each
time with the typesetter's stylesheets and a few layers of its own. WeasyPrint
(weasyprint/css/__init__.py, `StyleFor`) walks the document's elements every
time, wrapping each anew (cssselect2's `ElementWrapper`), and matches each
against every stylesheet's selectors again, though neither the document nor the
typesetter's stylesheets changed. Three things change here, none of what a
render makes (the styles, the layout and the PDF are the same byte for byte):

1. A document's root wrapper keeps the wrappers of its subtree (`iter_subtree`),
   so each render walks the same wrappers, with what they worked out already
   (ancestors, siblings, classes, language): a document's elements do not
   change once it is parsed (a trial document is a copy: `spacing.alone`).
2. Each wrapper keeps what each stylesheet's selectors matched of it (cssselect2's
   `Matcher.match`: it depends only on the element, its tree and the selectors,
   and a stylesheet's selectors are set when it is parsed).
3. cssselect2 puts a selector in a bucket by its rightmost part (an id, a class,
   a tag name) and tests the rest, the "other" selectors, on every element with a
   walk up its ancestors. The spacing layers (`spacing.spacing_rules`) are all
   `[id="x"]` and `[id="x"] *`: here the first is put with the id selectors
   (only an element with id "x" can match it), and the second with a new bucket
   by an ancestor's id (only an element inside one with id "x" can match it), so
   an element is tested against the selectors of its own ancestors' ids alone.
   A selector is still tested before it is taken, and the matches come out in
   cssselect2's order (specificity, then the order the selectors were added).

Installed on import (as `render/lines.py` is, by `render/resume.py`).
"""

from __future__ import annotations

from typing import Any

import cssselect2
from cssselect2 import compiler, parser
from cssselect2.tree import ElementWrapper

_compiled_init = compiler.CompiledSelector.__init__
_add_selector = cssselect2.Matcher.add_selector
_match = cssselect2.Matcher.match
_iter_subtree = ElementWrapper.iter_subtree


def _id_of(compound: Any) -> str | None:
    """The id that an element must have to match a compound selector (`#x`, `[id="x"]`), if any."""
    if not isinstance(compound, parser.CompoundSelector):
        return None
    for simple in compound.simple_selectors:
        if isinstance(simple, parser.IDSelector):
            return str(simple.ident)
        if (isinstance(simple, parser.AttributeSelector) and simple.name == simple.lower_name == "id"
                and simple.namespace == "" and simple.operator == "=" and simple.case_sensitive is not False):
            return str(simple.value)
    return None


def compiled_init(self: Any, parsed_selector: Any) -> None:
    """cssselect2's `CompiledSelector`, with `[id="x"]` bucketed by its id, and `ancestor_id`: the id
    of an ancestor that an element must have to match a selector `X *` or `X > *` (X with an id)."""
    _compiled_init(self, parsed_selector)
    self.ancestor_id = None
    tree = parsed_selector.parsed_tree
    if isinstance(tree, parser.CombinedSelector):
        if tree.combinator in (" ", ">") and not tree.right.simple_selectors:
            self.ancestor_id = _id_of(tree.left)
    elif self.id is None:
        self.id = _id_of(tree)


def add_selector(self: Any, selector: Any, payload: Any) -> None:
    """cssselect2's `Matcher.add_selector`, with the bucket of selectors by an ancestor's id."""
    ancestor_id = getattr(selector, "ancestor_id", None)
    if ancestor_id is None or selector.never_matches or selector.requires_lang_attr or any(
            value is not None for value in (selector.id, selector.class_name, selector.local_name,
                                            selector.namespace)):
        _add_selector(self, selector, payload)
        return
    self.order += 1
    entry = (selector.test, selector.specificity, self.order, selector.pseudo_element, payload)
    self.__dict__.setdefault("ancestor_id_selectors", {}).setdefault(ancestor_id, []).append(entry)


def match(self: Any, element: ElementWrapper) -> list[Any]:
    """cssselect2's `Matcher.match`, once an element (see the module's description)."""
    matched: dict[Any, list[Any]] = element.__dict__.setdefault("_pamphleteer_matched", {})
    found: list[Any] | None = matched.get(self)
    if found is not None:
        return found
    found = _match(self, element)
    by_ancestor = self.__dict__.get("ancestor_id_selectors")
    if by_ancestor:
        entries: dict[int, Any] = {}
        for ancestor in element.ancestors:
            for entry in by_ancestor.get(ancestor.id, ()):
                entries[entry[2]] = entry
        if entries:
            self.add_relevant_selectors(element, entries.values(), found)
            found.sort()
    matched[self] = found
    return found


def iter_subtree(self: ElementWrapper) -> Any:
    """cssselect2's `ElementWrapper.iter_subtree`; a document's root keeps the wrappers it made."""
    if self.parent is not None:
        return _iter_subtree(self)
    kept = self.__dict__.get("_pamphleteer_subtree")
    if kept is None:
        kept = self.__dict__["_pamphleteer_subtree"] = list(_iter_subtree(self))
    return iter(kept)


compiler.CompiledSelector.__init__ = compiled_init
cssselect2.Matcher.add_selector = add_selector
cssselect2.Matcher.match = match
ElementWrapper.iter_subtree = iter_subtree
