"""Repair rules declared once: where a rule is defined, it says its codes, their meaning and its place.

    @rule(Stage.TYPOGRAPHY, order=10, codes={"N501": "straight quotes curled"})
    def curl_quotes(node: Node) -> tuple[Node, list[Finding]]: ...

`normalise` runs the rules of the per-block stages (links, typography) and of
the body stage (split paragraphs, pull quotes) as registered here, in order;
the furniture, fixes and keep stages have one entry point each, called by name,
and are registered for their codes and place. Every code is declared in
`pamphleteer.codes`, so the catalogue and the build summary read it there.

Guards, checked when a rule module is imported: a stage that is not a `Stage`,
two rules at one place in a stage, a code outside its stage's series (links
give N1xx …), a code declared twice.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pamphleteer import codes

if TYPE_CHECKING:
    from pamphleteer.errors import Diagnostic
    from pamphleteer.parse import Block

# A rule over a whole body: the blocks after it, and what it did.
BodyRule = Callable[["tuple[Block, ...]", Path], "tuple[tuple[Block, ...], tuple[Diagnostic, ...]]"]


class Stage(enum.Enum):
    """When in `normalise` a rule runs, in this order; each stage gives codes of its series."""

    CONVERTER = (1, ("N7", "N8"))  # the converter's damage and image leftovers, before anything reads
    LINKS = (2, ("N1",))  # each block of the body, before its furniture is read
    FURNITURE = (3, ("N4",))  # the page's chrome, header and footer lifted out of the body
    HEADINGS = (4, ("N7",))  # the body's heading levels, once the furniture is out
    FIXES = (5, ("N3", "N6"))  # the front matter's fixes, then the lost initial
    BODY = (6, ("N2", "N3"))  # the whole body: split paragraphs, then pull quotes
    TYPOGRAPHY = (7, ("N5",))  # each block of the body and of every lifted part
    KEEP = (8, ("N6",))  # what front matter 'keep:' stopped, and what it stopped nothing of

    @property
    def series(self) -> tuple[str, ...]:
        return tuple(self.value[1])


@dataclass(frozen=True)
class Rule:
    """A registered rule: its function, its stage and place, the codes it gives."""

    name: str
    stage: Stage
    order: int
    codes: tuple[str, ...]
    function: Callable[..., Any]


_RULES: list[Rule] = []
Function = TypeVar("Function", bound=Callable[..., Any])


def register(function: Callable[..., Any], stage: Stage, order: int, declared: Mapping[str, str]) -> Rule:
    """Record a rule and declare its codes; fails on any guard (see the module's docstring)."""
    if not isinstance(stage, Stage):
        raise ValueError(f"rule {function.__qualname__}: unknown stage {stage!r}; use one of {list(Stage)}")
    clash = next((r for r in _RULES if r.stage is stage and r.order == order), None)
    if clash:
        raise ValueError(f"rules {clash.name} and {function.__qualname__} both take place {order} "
                         f"of {stage.name}")
    for code in declared:
        if not code.startswith(stage.series):
            raise ValueError(f"rule {function.__qualname__}: code {code} is not in {stage.name}'s series "
                             f"({', '.join(s + 'xx' for s in stage.series)})")
    if not declared:
        raise ValueError(f"rule {function.__qualname__} declares no code")
    taken = [code for code in declared if codes.summary_of(code)]
    if taken:
        raise ValueError(f"rule {function.__qualname__}: code {taken[0]} is declared twice "
                         f"(already: {codes.summary_of(taken[0])!r})")
    for code, summary in declared.items():
        codes.declare(code, summary)
    entry = Rule(function.__qualname__, stage, order, tuple(declared), function)
    _RULES.append(entry)
    return entry


def rule(stage: Stage, order: int, codes: Mapping[str, str]) -> Callable[[Function], Function]:
    """Register the decorated function as the rule at place `order` of `stage`, giving `codes`."""

    def decorate(function: Function) -> Function:
        register(function, stage, order, codes)
        return function

    return decorate


def rules(stage: Stage) -> tuple[Rule, ...]:
    """The rules of one stage, in their order."""
    return tuple(sorted((r for r in _RULES if r.stage is stage), key=lambda r: r.order))


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, stage by stage, each stage in its order."""
    return tuple(r for stage in Stage for r in rules(stage))


def rule_names() -> dict[str, str]:
    """Every repair code (N…) of a registered rule, with what it does: for the build's summary."""
    return {code: codes.summary_of(code) for code in sorted(c for r in all_rules() for c in r.codes)}
