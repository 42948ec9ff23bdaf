"""Print the damage the normaliser leaves in the development corpus, per converter and per kind.

Every Markdown file in `tests/corpus/` goes through the real pipeline (read, parse,
normalise, the web edition's writer); the damage detector counts what a reader would
still see and checks title, authors, date and publication against what the page states.

    python scripts/corpus_report.py                 # the table
    python scripts/corpus_report.py --files         # and one line per file
    python scripts/corpus_report.py --examples KIND # and what that damage looks like
    python scripts/corpus_report.py --save-baseline # lock the current figures in (review the diff)
    python scripts/corpus_report.py --unrepaired    # the same texts with the normaliser switched off
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus import baseline  # noqa: E402
from tests.corpus.damage import FIELDS, KINDS  # noqa: E402
from tests.corpus.run import Result, articles, measure_all  # noqa: E402


def table(results: list[Result]) -> list[str]:
    """Per converter: files, refused, damage per kind, lost sentences, metadata right/stated."""
    groups: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        groups[result.converter].append(result)
    groups["ALL"] = results
    head = ["converter".ljust(24), "files", "refused", *[kind[:9].rjust(9) for kind in KINDS],
            "  total", "  lost", *[f"{key[:6]:>9}" for key in FIELDS]]
    lines = [" ".join(head)]
    for name in [*sorted(name for name in groups if name != "ALL"), "ALL"]:
        group = groups[name]
        counts: Counter[str] = Counter()
        lost = 0
        right: Counter[str] = Counter()
        stated: Counter[str] = Counter()
        for result in group:
            if result.damage is None:
                continue
            counts.update(result.damage.counts)
            lost += len(result.damage.lost)
            for key, verdict in result.damage.metadata.items():
                if verdict != "n/a" and verdict != "invented":
                    stated[key] += 1
                    right[key] += verdict == "right"
        refused = sum(bool(result.refused) for result in group)
        row = [name.ljust(24), f"{len(group):5}", f"{refused:7}", *[f"{counts[kind]:9}" for kind in KINDS],
               f"{sum(counts[kind] for kind in KINDS):7}", f"{lost:6}",
               *[f"{right[key]:4}/{stated[key]:<4}" for key in FIELDS]]
        lines.append(" ".join(row))
    return lines


def file_lines(results: list[Result]) -> list[str]:
    lines = []
    for result in results:
        name = f"{result.article}/{result.converter}".ljust(58)
        if result.damage is None:
            lines.append(f"{name} REFUSED, body unreadable: {result.refused.splitlines()[0][:140]}")
            continue
        damage = result.damage
        if result.refused:
            name += " REFUSED"
        kinds = " ".join(f"{kind}={damage.counts[kind]}" for kind in KINDS if damage.counts[kind])
        wrong = " ".join(f"{key}:{verdict}" for key, verdict in damage.metadata.items() if verdict != "right"
                         and verdict != "n/a")
        extra = f" lost={len(damage.lost)}" if damage.lost else ""
        extra += f" converter-dropped={len(damage.dropped)}" if damage.dropped else ""
        lines.append(f"{name} {damage.total:4} {kinds}{extra} | {wrong}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", action="store_true", help="one line per file")
    parser.add_argument("--examples", metavar="KIND", help="examples of one kind of damage (or 'lost')")
    parser.add_argument("--save-baseline", action="store_true", help="write tests/corpus/baseline.json")
    parser.add_argument("--unrepaired", action="store_true",
                        help="with the normaliser switched off: the damage the texts carry without repair")
    args = parser.parse_args(argv)
    if args.unrepaired and args.save_baseline:
        parser.error("--save-baseline saves the repaired figures; leave out --unrepaired")
    results = measure_all(repair=not args.unrepaired)
    corpus = articles()
    sites = {article.site for article in corpus if article.site}
    print(f"{len(corpus)} articles from {len(sites)} sites, {len(results)} Markdown files\n")
    print("\n".join(table(results)))
    print("\nmetadata: right/stated (stated = the page states it); damage counted in the web edition's"
          " body;\na refused file's body is measured as if it had no front matter, its metadata counts as"
          " not right")
    if args.files:
        print()
        print("\n".join(file_lines(results)))
    if args.examples:
        print()
        for result in results:
            if result.damage is None:
                continue
            damage = result.damage
            items = damage.lost if args.examples == "lost" else damage.examples.get(args.examples, [])
            for item in items:
                print(f"{result.article}/{result.converter}: {item!r}")
    if args.unrepaired:
        print("\n(the normaliser switched off: the body as the converter wrote it, no baseline compared)")
        return 0
    current = baseline.all_figures(results)
    if args.save_baseline:
        baseline.save(current)
        print(f"\nsaved {baseline.BASELINE}")
    elif baseline.BASELINE.exists():
        worse = baseline.regressions(current, baseline.load())
        print(f"\n{len(worse)} regressions against the baseline" + (":" if worse else ""))
        print("\n".join(f"  {line}" for line in worse))
    return 0


if __name__ == "__main__":
    sys.exit(main())
