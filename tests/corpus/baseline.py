"""The corpus's figures per file, as stored in baseline.json, and what got worse since.

A file's figures: refused or not, the damage per kind, the sentences lost and the verdict
on each metadata field. `regressions(now, before)` lists, in words, every figure that is
worse than the baseline; a figure that is better is not a regression, it is locked in
by saving the baseline again (`python scripts/corpus_report.py --save-baseline`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.corpus.damage import FIELDS, KINDS
from tests.corpus.run import CORPUS, Result

BASELINE = CORPUS / "baseline.json"

Figures = dict[str, Any]


def figures(result: Result) -> Figures:
    """One result as the numbers the baseline keeps."""
    if result.damage is None:
        return {"refused": True}
    damage = result.damage
    return {
        "refused": bool(result.refused),
        "damage": {kind: damage.counts[kind] for kind in KINDS if damage.counts[kind]},
        "lost": len(damage.lost),
        "metadata": dict(damage.metadata),
    }


def all_figures(results: list[Result]) -> dict[str, Figures]:
    return {f"{result.article}/{result.converter}": figures(result) for result in results}


def load(path: Path = BASELINE) -> dict[str, Figures]:
    return json.loads(path.read_text(encoding="utf-8"))["files"]


def save(current: dict[str, Figures], path: Path = BASELINE) -> None:
    data = {
        "about": "Figures of the development corpus through the normaliser; regenerate on purpose with "
                 "`python scripts/corpus_report.py --save-baseline` and review the diff.",
        "files": dict(sorted(current.items())),
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def regressions(current: dict[str, Figures], before: dict[str, Figures]) -> list[str]:
    """Every way in which a file now does worse than in the baseline, in words."""
    found = []
    for name in sorted(set(current) | set(before)):
        if name not in before:
            found.append(f"{name}: not in the baseline (a new corpus file: save the baseline)")
            continue
        if name not in current:
            found.append(f"{name}: in the baseline but no longer in the corpus (save the baseline)")
            continue
        now, then = current[name], before[name]
        if now["refused"] and not then["refused"]:
            found.append(f"{name}: now refused by the build")
        if "damage" not in now or "damage" not in then:
            continue
        for kind in KINDS:
            was, got = then["damage"].get(kind, 0), now["damage"].get(kind, 0)
            if got > was:
                found.append(f"{name}: {kind} damage {was} -> {got}")
        if now["lost"] > then["lost"]:
            found.append(f"{name}: sentences lost {then['lost']} -> {now['lost']}")
        for key in FIELDS:
            if then["metadata"].get(key) == "right" and now["metadata"].get(key) != "right":
                found.append(f"{name}: {key} was right, now {now['metadata'].get(key)}")
    return found
