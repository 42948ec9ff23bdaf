"""Print the damage the normaliser leaves in the development corpus, per converter and per kind.

Every Markdown file in `tests/corpus/` goes through the real pipeline (read, parse,
normalise, the web edition's writer); the damage detector counts what a reader would
still see and checks title, authors, date and publication against what the page states.

    python scripts/corpus_report.py                 # the table
    python scripts/corpus_report.py --files         # and one line per file
    python scripts/corpus_report.py --examples KIND # and what that damage looks like
    python scripts/corpus_report.py --save-baseline # lock the current figures in (review the diff)
    python scripts/corpus_report.py --unrepaired    # the same texts with the normaliser switched off
    python scripts/corpus_report.py --metadata      # and each metadata miss: got, wanted, in the file or not
    python scripts/corpus_report.py --only 'telegraph-*' --only '*/html2text'  # a subset of the files

`--only PATTERN` (repeatable, or several after one `--only`) measures only the files a shell
pattern matches: an article's name, a file's name or converter, or `article/converter`. The
regressions are then those of the subset, and `--save-baseline` replaces only its files' figures.

The metadata summary splits what is not right into "wrong" (a value, not the page's), "missing"
(none, though the Markdown file has the value somewhere) and "absent" (none, and the converter
dropped the value: it is nowhere in the file, so no rule can find it there).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pamphleteer.errors import PamphleteerError  # noqa: E402
from tests.corpus import baseline  # noqa: E402
from tests.corpus.damage import FIELDS, KINDS, Expected, example_lines, fold  # noqa: E402
from tests.corpus.run import CORPUS, Result, articles, chosen, edition, measure_all  # noqa: E402

DATE_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt")  # the languages of the corpus's pages
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")


@functools.cache
def month_names(month: int) -> tuple[str, ...]:
    """A month's names and abbreviations in the corpus's languages ("sept", "septembre", "september")."""
    from dateparser.languages.loader import default_loader  # type: ignore[import-untyped]

    key = MONTH_KEYS[month - 1]
    names = {key}
    for language in DATE_LANGUAGES:
        names.update(fold(name) for name in default_loader.get_locale(language).info.get(key, []))
    return tuple(sorted(names, key=len, reverse=True))


def date_in(iso: str, text: str) -> bool:
    """Whether `text` writes the date somewhere, in any common form (ISO, numeric either way round,
    the month in words in the corpus's languages, the digits of an address)."""
    try:
        day = datetime.date.fromisoformat(iso[:10])
    except ValueError:
        return False
    y, m, d = day.year, day.month, day.day
    mm, dd = rf"0?{m}", rf"0?{d}"
    month = "(?:" + "|".join(re.escape(name) for name in month_names(m)) + r")\.?"
    ordinal = r"(?:st|nd|rd|th|er|º)?\.?"
    patterns = (
        rf"{y}[-/._]{mm}[-/._]{dd}(?!\d)", rf"{y}{m:02}{d:02}", rf"(?<!\d){dd}[-/.]{mm}[-/.]{y}",
        rf"(?<!\d){mm}[-/.]{dd}[-/.]{y}", rf"\b{month}\s+{dd}{ordinal},?\s+{y}",
        rf"(?<!\d){dd}{ordinal}\s+(?:de\s+)?{month}\s+(?:de\s+)?{y}",
    )
    return any(re.search(pattern, text) for pattern in patterns)


def stated_in_file(key: str, expected: Expected, markdown: str) -> bool:
    """Whether the Markdown file has the value the page states for `key` anywhere in it (body, front
    matter, a link's address): if not, the converter dropped it and no rule can infer it."""
    words = _words(markdown)
    if key == "title":
        return any(_words(title) in words for title in (expected.title, *expected.title_also) if title)
    if key == "authors":
        return all(_words(name) in words for name in expected.authors)
    if key == "publication":
        names = (expected.publication, *expected.publication_also)
        return any(_words(name) in words for name in names if name)
    return date_in(expected.date, fold(markdown.replace("\\", "")))  # "3\\. November 2023"


def _words(text: str) -> str:
    """The text's words, folded, one space apart and at both ends: " r c baker " ("R.C. Baker")."""
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def markdown_of(result: Result) -> str:
    """The converted file's text, mended as the normaliser mends it (ftfy for mojibake)."""
    import ftfy

    return ftfy.fix_text((CORPUS / result.article / f"{result.converter}.md").read_text(encoding="utf-8"))


def expected_of(result: Result) -> Expected:
    return next(article.expected for article in articles() if article.name == result.article)


def verdicts(result: Result) -> dict[str, str]:
    """Per field the verdict, with "missing" split into "missing" (in the file) and "absent" (not in it)."""
    if result.damage is None:
        return {}
    found = dict(result.damage.metadata)
    markdown, expected = "", None
    for key, verdict in found.items():
        if verdict == "missing":
            if expected is None:
                markdown, expected = markdown_of(result), expected_of(result)
            found[key] = "missing" if stated_in_file(key, expected, markdown) else "absent"
    return found


def metadata_summary(results: list[Result]) -> list[str]:
    """Per field: right, wrong, missing though in the file, absent from the file, invented; and the
    share right of what the page states, and of what the files still have."""
    counts: dict[str, Counter[str]] = {key: Counter() for key in FIELDS}
    for result in results:
        for key, verdict in verdicts(result).items():
            counts[key][verdict] += 1
    lines = ["field        right  wrong  missing  absent  invented   right/stated   right/in the file"]
    for key in FIELDS:
        c = counts[key]
        stated = c["right"] + c["wrong"] + c["missing"] + c["absent"] + c["refused"]
        in_file = stated - c["absent"]
        lines.append(f"{key:<12} {c['right']:5}  {c['wrong']:5}  {c['missing']:7}  {c['absent']:6}  "
                     f"{c['invented']:8}   {c['right']:3}/{stated:<3} {_share(c['right'], stated)}   "
                     f"{c['right']:3}/{in_file:<3} {_share(c['right'], in_file)}")
    return lines


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:3.0f} %" if whole else "  - "


def metadata_misses(results: list[Result]) -> list[str]:
    """Each field not right: the file, the verdict, what the edition has and what the page states."""
    lines = []
    for result in results:
        found = verdicts(result)
        if not any(verdict not in ("right", "n/a") for verdict in found.values()):
            continue
        expected = expected_of(result)
        try:  # the edition again, for its values (the results keep only the verdicts)
            made = edition(CORPUS / result.article / f"{result.converter}.md")
            shown = {"title": made.title, "authors": ", ".join(made.authors), "date": made.date,
                     "publication": made.publication}
        except PamphleteerError:
            shown = {}
        wanted = {"title": expected.title, "authors": ", ".join(expected.authors), "date": expected.date,
                  "publication": expected.publication}
        for key, verdict in found.items():
            if verdict not in ("right", "n/a"):
                lines.append(f"{result.article}/{result.converter} {key} {verdict}: "
                             f"got {shown.get(key, '')!r}, page states {wanted[key]!r}")
    return lines


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
        wrong = " ".join(f"{key}:{verdict}" for key, verdict in verdicts(result).items() if verdict != "right"
                         and verdict != "n/a")
        extra = f" lost={len(damage.lost)}" if damage.lost else ""
        extra += f" converter-dropped={len(damage.dropped)}" if damage.dropped else ""
        lines.append(f"{name} {damage.total:4} {kinds}{extra} | {wrong}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", action="store_true", help="one line per file")
    parser.add_argument("--examples", metavar="KIND", help="examples of one kind of damage (or 'lost')")
    parser.add_argument("--metadata", action="store_true",
                        help="each metadata field not right: what the edition has, what the page states")
    parser.add_argument("--save-baseline", action="store_true", help="write tests/corpus/baseline.json")
    parser.add_argument("--unrepaired", action="store_true",
                        help="with the normaliser switched off: the damage the texts carry without repair")
    parser.add_argument("--only", metavar="PATTERN", action="extend", nargs="+", default=[],
                        help="only the files a shell pattern matches: article ('gaijinpot-*'), file or "
                             "converter ('html2text.md', 'pandoc-*') or article/converter; repeatable")
    args = parser.parse_args(argv)
    if args.unrepaired and args.save_baseline:
        parser.error("--save-baseline saves the repaired figures; leave out --unrepaired")
    only = tuple(args.only)
    results = measure_all(repair=not args.unrepaired, only=only)
    if not results:
        print(f"corpus_report: no file of {CORPUS} matches --only {' '.join(only)}", file=sys.stderr)
        return 2
    chosen = {result.article for result in results}
    corpus = [article for article in articles() if article.name in chosen]
    sites = {article.site for article in corpus if article.site}
    print(f"{len(corpus)} articles from {len(sites)} sites, {len(results)} Markdown files\n")
    print("\n".join(table(results)))
    print("\nmetadata: right/stated (stated = the page states it); damage counted in the web edition's"
          " body;\na refused file's body is measured as if it had no front matter, its metadata counts as"
          " not right")
    print()
    print("\n".join(metadata_summary(results)))
    if args.metadata:
        print()
        print("\n".join(metadata_misses(results)))
    if args.files:
        print()
        print("\n".join(file_lines(results)))
    if args.examples:
        print()
        print("\n".join(example_lines(((f"{result.article}/{result.converter}", result.damage)
                                       for result in results), args.examples)))
    if args.unrepaired:
        print("\n(the normaliser switched off: the body as the converter wrote it, no baseline compared)")
        return 0
    current = baseline.all_figures(results)
    before = baseline.load(baseline.BASELINE) if baseline.BASELINE.exists() else {}
    if before:
        compared = before if not only else {name: figures for name, figures in before.items()
                                            if chosen_name(name, only)}
        worse = baseline.regressions(current, compared)
        print(f"\n{len(worse)} regressions against the baseline" + (":" if worse else ""))
        print("\n".join(f"  {line}" for line in worse))
    if args.save_baseline:
        saved = {**before, **current} if only else current
        baseline.save(saved, baseline.BASELINE)
        print(f"\nsaved {baseline.BASELINE}" + (f" ({len(current)} files' figures replaced)" if only else ""))
    return 0


def chosen_name(name: str, only: tuple[str, ...]) -> bool:
    """Whether a baseline entry ("article/converter") is among the files `only` chooses."""
    article, _, converter = name.partition("/")
    return chosen(article, Path(f"{converter}.md"), only)


if __name__ == "__main__":
    sys.exit(main())
