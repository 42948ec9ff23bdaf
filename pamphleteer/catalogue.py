"""The catalogue of every diagnostic code the build can give (N, W, I, E), generated from their declarations.

N codes come from the repair rules' registry (importing the normaliser registers
them), W and I codes from `pamphleteer.codes`, E codes from the exception classes
of `errors.py` (each class's code and the first line of its docstring). The
README's list of codes is this catalogue as Markdown (`scripts/catalogue.py`).
"""

from __future__ import annotations

from pamphleteer import codes
from pamphleteer.errors import PamphleteerError
from pamphleteer.normalise import rule_names

HEADER = ("code", "kind", "meaning")
ORDER = "NIWE"  # repairs first, errors last


def _subclasses(base: type[PamphleteerError]) -> list[type[PamphleteerError]]:
    found, pending = [], [base]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(current.__subclasses__())
    return found


def _first_sentence(cls: type[PamphleteerError]) -> str:
    text = " ".join((cls.__doc__ or cls.__name__).split())
    return text.split(". ")[0].rstrip(".")


def error_codes() -> tuple[codes.Code, ...]:
    """The code of each kind of error that stops the build, with its class's summary."""
    entries = {cls.code: _first_sentence(cls) for cls in _subclasses(PamphleteerError)}
    return tuple(codes.Code(code, summary) for code, summary in entries.items())


def repair_codes() -> tuple[codes.Code, ...]:
    """The code of each repair a rule of the normaliser makes (or doubts), with what it does."""
    return tuple(codes.Code(code, summary) for code, summary in rule_names().items())


def catalogue() -> tuple[codes.Code, ...]:
    """Every code, in order: repairs (N), then information (I), warnings (W), errors (E) by number."""
    found = {entry.code: entry for entry in (*repair_codes(), *codes.declared(), *error_codes())}
    return tuple(sorted(found.values(), key=lambda entry: (ORDER.index(entry.code[0]), entry.code)))


def markdown(entries: tuple[codes.Code, ...]) -> str:
    """The catalogue as a Markdown table."""
    rows = [HEADER, ("---",) * len(HEADER)]
    rows += [(f"`{entry.code}`", entry.kind, entry.summary.replace("|", "\\|")) for entry in entries]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n"
