"""Repair rules declared once: where a rule is defined, it says its codes, their meaning and its place.

    @rule(Stage.TYPOGRAPHY, order=10, codes={"N501": "straight quotes curled"})
    def curl_quotes(node: Node) -> tuple[Node, list[Finding]]: ...

`normalise` runs the rules of the per-block stages (links, typography) and of
the body stage (split paragraphs, pull quotes) as registered here, in order,
and so does `converter_damage` with the converter's repairs (`Stage.DAMAGE`), and
`parse.read_markdown` with the repairs of the Markdown's lines (`Stage.SOURCE`);
the furniture, fixes and keep stages have one entry point each, called by name,
and are registered for their codes and place. A rule may also say how its stage
runs it (`runs`: over each block, inside quotations …), run again at a later
place (`again`), give a code another rule of its stage declares (`gives`), and name the codes of later
rules that mend the same damage another way (`alike`: see `register`). Every code is declared in
`pamphleteer.codes`, so the catalogue and the build summary read it there.

Guards, checked when a rule module is imported: a stage that is not a `Stage`,
two rules at one place in a stage, a code outside its stage's series (links
give N1xx …), a code declared twice, a rule that gives no code.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
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

    SOURCE = (-1, ("N7",))  # the converter's damage to the Markdown's lines, before pandoc reads them
    DAMAGE = (0, ("N7",))  # the converter's damage, each repair over every block, before anything reads
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
    """A registered rule: what its stage runs, its stage and place, the codes it gives."""

    name: str
    stage: Stage
    order: int
    codes: tuple[str, ...]
    function: Callable[..., Any]  # the rule, or what `runs` made of it
    alike: tuple[str, ...] = ()  # later rules' codes that mend the same damage (see `register`)


_RULES: list[Rule] = []
Function = TypeVar("Function", bound=Callable[..., Any])
Runs = Callable[[Any], Callable[..., Any]]  # a rule -> what its stage runs (over each block …)


def register(
    function: Callable[..., Any], stage: Stage, order: int, declared: Mapping[str, str], *,
    gives: Iterable[str] = (), again: Iterable[int] = (), runs: Runs | None = None,
    alike: Iterable[str] = (),
) -> Rule:
    """Record a rule and declare its codes; fails on any guard (see the module's docstring).

    `gives`: codes the rule also gives, declared by another rule of its stage; `again`: later
    places in its stage where it runs again; `runs`: what its stage runs (the rule itself without);
    `alike`: codes of later rules that mend the same damage in their own way (a link's Markdown
    left as text, mended in the lines before pandoc reads them or in the blocks after): front
    matter `keep:` naming the rule's code keeps those from mending what it left, and naming
    one of those keeps the rule from mending anything, so that either leaves the damage as written.
    """
    name = function.__qualname__
    if not isinstance(stage, Stage):
        raise ValueError(f"rule {name}: unknown stage {stage!r}; use one of {list(Stage)}")
    places = (order, *again)
    clash = next((r for r in _RULES if r.stage is stage and r.order in places), None)
    if clash or len(set(places)) < len(places):
        raise ValueError(f"rules {clash.name if clash else name} and {name} both take place "
                         f"{clash.order if clash else order} of {stage.name}")
    given = (*declared, *gives)
    for code in given:
        if not code.startswith(stage.series):
            raise ValueError(f"rule {name}: code {code} is not in {stage.name}'s series "
                             f"({', '.join(s + 'xx' for s in stage.series)})")
    if not given:
        raise ValueError(f"rule {name} declares no code")
    taken = [code for code in declared if codes.summary_of(code)]
    if taken:
        raise ValueError(f"rule {name}: code {taken[0]} is declared twice "
                         f"(already: {codes.summary_of(taken[0])!r})")
    for code, summary in declared.items():
        codes.declare(code, summary)
    run = function if runs is None else runs(function)
    entries = [Rule(name, stage, place, given, run, tuple(alike)) for place in places]
    _RULES.extend(entries)
    return entries[0]


def rule(
    stage: Stage, order: int, codes: Mapping[str, str], *,
    gives: Iterable[str] = (), again: Iterable[int] = (), runs: Runs | None = None,
    alike: Iterable[str] = (),
) -> Callable[[Function], Function]:
    """Register the decorated function as the rule at place `order` of `stage`, giving `codes`
    (and `gives`, `again`, `runs`, `alike`: see `register`). The function itself is returned unchanged."""

    def decorate(function: Function) -> Function:
        register(function, stage, order, codes, gives=tuple(gives), again=tuple(again), runs=runs,
                 alike=tuple(alike))
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
