"""The class and id names the editions use, read from the templates and styles: a source may not take them.

A text that writes `::: {.pullquote}`, `[x]{.link-note}` or `::: {.skip-link}`
would be drawn as the editions' own furniture: hidden from screen readers,
set as a fake footnote, moved off the page. So every class and id that the
templates write (`class="…"`, `id="…"`, a `{{ … }}` part standing for any
name) or that the stylesheets select (`.name`, `#name`, through tinycss2) is
reserved for the build itself, and `sanitise` strips them from the source.
The names are read from the files, so a class added to a template or a style
is reserved at once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import tinycss2

from pamphleteer.locations import STYLES, TEMPLATES

ATTRIBUTE = re.compile(r"""\b(class|id)\s*=\s*(["'])(.*?)\2""", re.DOTALL)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
JINJA_LITERAL = re.compile(r"""['"]([A-Za-z_][\w-]*)['"]""")


@dataclass(frozen=True)
class Reserved:
    """The reserved names: exact ones, and patterns for names a template builds (`lifted-{{ kind }}`)."""

    classes: frozenset[str]
    ids: frozenset[str]
    class_patterns: tuple[re.Pattern[str], ...]
    id_patterns: tuple[re.Pattern[str], ...]

    def is_class(self, name: str) -> bool:
        return name in self.classes or any(pattern.fullmatch(name) for pattern in self.class_patterns)

    def is_id(self, name: str) -> bool:
        return name in self.ids or any(pattern.fullmatch(name) for pattern in self.id_patterns)


@functools.lru_cache(maxsize=1)
def reserved() -> Reserved:
    """Every class and id of `templates/` and `styles/` (read once per process)."""
    names: dict[str, set[str]] = {"class": set(), "id": set()}
    patterns: dict[str, set[str]] = {"class": set(), "id": set()}
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            _from_template(path.read_text(encoding="utf-8"), names, patterns)
    for path in sorted(STYLES.glob("*.css")):
        _from_stylesheet(path.read_text(encoding="utf-8"), names)
    return Reserved(
        classes=frozenset(names["class"]),
        ids=frozenset(names["id"]),
        class_patterns=tuple(re.compile(pattern) for pattern in sorted(patterns["class"])),
        id_patterns=tuple(re.compile(pattern) for pattern in sorted(patterns["id"])),
    )


def _from_template(text: str, names: dict[str, set[str]], patterns: dict[str, set[str]]) -> None:
    for kind, _quote, value in ATTRIBUTE.findall(text):
        names[kind].update(JINJA_LITERAL.findall(" ".join(JINJA.findall(value))))  # {{ 'a' if x }}
        for token in JINJA.sub("\0", value).split():
            if "\0" in token:  # a name the template builds: any name of that shape is reserved
                patterns[kind].add(".+".join(re.escape(part) for part in token.split("\0")))
            else:
                names[kind].add(token)


def _from_stylesheet(text: str, names: dict[str, set[str]]) -> None:
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    while rules:
        rule = rules.pop()
        if rule.type == "at-rule" and rule.content is not None:
            rules.extend(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
        elif rule.type == "qualified-rule":
            _from_selector(rule.prelude, names)


def _from_selector(tokens: list[tinycss2.ast.Node], names: dict[str, set[str]]) -> None:
    stack = [tokens]
    while stack:
        items = stack.pop()
        for index, token in enumerate(items):
            if token.type == "hash" and token.is_identifier:
                names["id"].add(token.value)
            elif token.type == "literal" and token.value == "." and index + 1 < len(items):
                following = items[index + 1]
                if following.type == "ident":
                    names["class"].add(following.value)
            elif token.type in ("function", "() block", "[] block"):  # :not(.x), :is(#y)
                stack.append(token.arguments if token.type == "function" else token.content)
