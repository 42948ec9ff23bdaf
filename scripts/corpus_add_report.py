"""Print what `build.py add` makes of the development corpus's saved pages: damage, lost sentences, metadata.

Each article in `tests/corpus/` keeps its page as saved (`source.html.gz`). Here that page
is saved as a `.html` file and added, as a person would add it, to an empty publication
(`build.py add page.html`: the article extracted, its metadata from the page). The text
`add` wrote is then read as the build reads it and its web edition is judged by the same
detectors as the Markdown corpus (`tests/corpus/damage.py`): the damage a reader would
see, the sentences of the article body that did not arrive, and whether the title,
authors, date and publication are the ones the page states.

    python scripts/corpus_add_report.py                 # the totals
    python scripts/corpus_add_report.py --files         # and one line per page
    python scripts/corpus_add_report.py --examples KIND # what that damage looks like (or 'lost')
    python scripts/corpus_add_report.py --save-baseline # lock the current figures in (review the diff)

`tests/test_add_corpus.py` fails when a page does worse than the saved baseline.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import html
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import yaml  # noqa: E402

from pamphleteer.add import add  # noqa: E402
from pamphleteer.errors import PamphleteerError  # noqa: E402
from pamphleteer.importers.inputs import Input  # noqa: E402
from pamphleteer.workers import JOBS_VARIABLE, default_jobs  # noqa: E402
from tests.corpus.damage import (  # noqa: E402
    FIELDS,
    KINDS,
    Damage,
    Expected,
    detect,
    example_lines,
    vocabulary,
)
from tests.corpus.run import articles, edition, page_text  # noqa: E402

BASELINE = PROJECT / "tests" / "fixtures" / "pages" / "corpus-add-baseline.json"
POSTLIGHT = PROJECT / "tests" / "fixtures" / "pages" / "postlight"
POSTLIGHT_BASELINE = POSTLIGHT / "baseline.json"
LAST_WORDS = 7
# 'a hoax."Donald', 'once.So' (not 'N.C.'): the text of two paragraphs run together
BLOCKS_MET = re.compile(r"([.!?][\"”’']?)(?=[“\"]?[A-Z][a-z])")
PUBLICATION = 'title = "Corpus"\nlanguage = "en"\n'


@dataclass(frozen=True)
class Page:
    """One saved page to add, and what it states."""

    name: str
    html: bytes = field(repr=False)
    expected: Expected
    page_words: frozenset[str] = field(repr=False)
    utc_dates: bool = False  # the expected date is a UTC timestamp's: the page may show the day either side


def corpus_pages() -> list[Page]:
    """The development corpus's pages (`tests/corpus/*/source.html.gz`), with their expected.yaml."""
    return [Page(article.name, gzip.decompress((article.folder / "source.html.gz").read_bytes()),
                 article.expected, article.page_words) for article in articles()]


def postlight_pages() -> list[Page]:
    """The second set of pages (`tests/fixtures/pages/postlight/`): another extractor's test fixtures,
    with the title, authors, date and first words its own tests assert (the last seven of them;
    the article's own first words, `read`, where those its tests assert are not the article's).
    They state no publication."""
    data = yaml.safe_load((POSTLIGHT / "pages.yaml").read_text(encoding="utf-8"))
    pages = []
    for entry in data["pages"]:
        raw = gzip.decompress((POSTLIGHT / f"{entry['name']}.html.gz").read_bytes())
        lines = entry.get("read") or entry["body"]  # `read`: the article's words, where the test's are not
        expected = Expected(title=entry["title"], authors=tuple(entry["authors"]), date=entry["date"],
                            publication="", body=tuple(_last_words(line) for line in lines),
                            furniture=())
        pages.append(Page(entry["name"], raw, expected, vocabulary(page_text_of(raw)), utc_dates=True))
    return pages


def _last_words(first: str) -> str:
    """The last words of the article's first words as that repository's tests give them: its
    extractor glued a caption or a dateline before them ("(Photo: …) Houston has promoted …"),
    and its text runs one paragraph into the next with no space ('… more than once.So it's …'):
    a sentence's end followed at once by a capital or a quotation mark is given its space."""
    first = BLOCKS_MET.sub(r"\1 ", html.unescape(first))
    return " ".join(first.split()[-LAST_WORDS:])


def page_text_of(raw: bytes) -> str:
    """The visible text of a page, as `tests.corpus.run.page_text` reads a gzipped one."""
    with tempfile.NamedTemporaryFile(suffix=".html.gz") as file:
        file.write(gzip.compress(raw))
        file.flush()
        return page_text(Path(file.name))


@dataclass(frozen=True)
class Result:
    """One saved page through `add` and the web edition: its damage, or why `add` refused it."""

    article: str
    refused: str = ""
    damage: Damage | None = None
    shown: tuple[tuple[str, str], ...] = ()  # (field, what the edition has) for the metadata
    sentences: int = 0  # the article sentences looked for


def measure(page: Page, work: Path) -> Result:
    """Add the saved page to a fresh publication in `work` and judge its web edition."""
    sources = work / "sources"
    (sources / "texts").mkdir(parents=True)
    (sources / "publication.toml").write_text(PUBLICATION, encoding="utf-8")
    saved = work / f"{page.name}.html"
    saved.write_bytes(page.html)
    try:
        added = add(Input(origin=str(saved), kind="page", path=saved), sources)
        shown = edition(added.path)
    except PamphleteerError as error:
        return Result(page.name, refused=f"{error.code}: {error}")
    damage = detect(shown, page.expected, page.page_words)
    near = _a_day_apart(shown.date, page.expected.date)
    if page.utc_dates and damage.metadata.get("date") == "wrong" and near:
        damage.metadata["date"] = "right"
    values = (("title", shown.title), ("authors", ", ".join(shown.authors)), ("date", shown.date),
              ("publication", shown.publication))
    return Result(page.name, damage=damage, shown=values, sentences=len(page.expected.body))


def _a_day_apart(one: str, other: str) -> bool:
    try:
        gap = datetime.date.fromisoformat(one[:10]) - datetime.date.fromisoformat(other[:10])
    except ValueError:
        return False
    return abs(gap.days) <= 1


def _measure_in_temp(page: Page) -> Result:
    work = Path(tempfile.mkdtemp(prefix="corpus-add-"))
    try:
        return measure(page, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_all(pages: list[Page] | None = None) -> list[Result]:
    """Every page (the corpus's by default), in order; with `PAMPHLETEER_JOBS` above 1, in that many
    processes."""
    pages = corpus_pages() if pages is None else pages
    jobs = min(default_jobs(os.environ.get(JOBS_VARIABLE)), len(pages))
    if jobs <= 1:
        return [_measure_in_temp(page) for page in pages]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_measure_in_temp, pages))


def figures(result: Result) -> dict[str, object]:
    """One page's figures as the baseline keeps them."""
    if result.damage is None:
        return {"refused": True}
    damage = result.damage
    return {"refused": False, "damage": {kind: damage.counts[kind] for kind in KINDS if damage.counts[kind]},
            "lost": len(damage.lost), "metadata": dict(damage.metadata)}


def all_figures(results: list[Result]) -> dict[str, dict[str, object]]:
    return {result.article: figures(result) for result in results}


def regressions(current: dict[str, dict[str, object]], before: dict[str, dict[str, object]]) -> list[str]:
    """Every way in which a page now does worse than in the baseline, in words."""
    found = []
    for name in sorted(set(current) | set(before)):
        if name not in before:
            continue  # a page new to the corpus has nothing to fall below: `unsaved` names it
        if name not in current:
            found.append(f"{name}: no longer in the corpus (save the baseline)")
            continue
        now, then = current[name], before[name]
        if now["refused"]:
            if not then["refused"]:
                found.append(f"{name}: now refused by add")
            continue
        if then["refused"]:
            continue
        now_damage, then_damage = now["damage"], then["damage"]
        assert isinstance(now_damage, dict) and isinstance(then_damage, dict)
        for kind in KINDS:
            was, got = then_damage.get(kind, 0), now_damage.get(kind, 0)
            if got > was:
                found.append(f"{name}: {kind} damage {was} -> {got}")
        if int(str(now["lost"])) > int(str(then["lost"])):
            found.append(f"{name}: sentences lost {then['lost']} -> {now['lost']}")
        now_meta, then_meta = now["metadata"], then["metadata"]
        assert isinstance(now_meta, dict) and isinstance(then_meta, dict)
        for key in FIELDS:
            if then_meta.get(key) == "right" and now_meta.get(key) != "right":
                found.append(f"{name}: {key} was right, now {now_meta.get(key)}")
    return found


def unsaved(current: dict[str, dict[str, object]], before: dict[str, dict[str, object]]) -> list[str]:
    """The pages not yet in the baseline (new in the corpus): judged by the totals' bars only."""
    return sorted(set(current) - set(before))


def load(path: Path = BASELINE) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["files"]
    return data


def save(current: dict[str, dict[str, object]], path: Path = BASELINE) -> None:
    data = {"about": "Figures of the corpus's saved pages through `build.py add`; regenerate on purpose with "
                     "`python scripts/corpus_add_report.py --save-baseline` and review the diff.",
            "files": dict(sorted(current.items()))}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def totals(results: list[Result]) -> list[str]:
    """The figures over all pages: refused, damage per kind, lost sentences, metadata right of stated."""
    counts: Counter[str] = Counter()
    right: Counter[str] = Counter()
    stated: Counter[str] = Counter()
    invented: Counter[str] = Counter()
    lost = sentences = 0
    measured = [result for result in results if result.damage is not None]
    for result in measured:
        assert result.damage is not None
        counts.update(result.damage.counts)
        lost += len(result.damage.lost)
        sentences += result.sentences
        for key, verdict in result.damage.metadata.items():
            invented[key] += verdict == "invented"
            if verdict not in ("n/a", "invented"):
                stated[key] += 1
                right[key] += verdict == "right"
    refused = len(results) - len(measured)
    lines = [f"{len(results)} saved pages added, {refused} refused by add",
             "damage in the web edition's body: " + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
             + f"; total {sum(counts[kind] for kind in KINDS)}",
             f"article sentences lost: {lost} of {sentences}",
             "metadata right of those the page states: " + ", ".join(
                 f"{key} {right[key]}/{stated[key]} ({100 * right[key] / max(stated[key], 1):.0f}%)"
                 for key in FIELDS),
             "metadata given where the page states none: "
             + ", ".join(f"{key} {invented[key]}" for key in FIELDS)]
    return lines


def file_lines(results: list[Result]) -> list[str]:
    lines = []
    for result in results:
        name = result.article.ljust(40)
        if result.damage is None:
            lines.append(f"{name} REFUSED: {result.refused.splitlines()[0][:140]}")
            continue
        damage = result.damage
        kinds = " ".join(f"{kind}={damage.counts[kind]}" for kind in KINDS if damage.counts[kind])
        shown = dict(result.shown)
        wrong = " ".join(f"{key}:{verdict}({shown[key]!r})" for key, verdict in damage.metadata.items()
                         if verdict not in ("right", "n/a"))
        extra = f" lost={len(damage.lost)}" if damage.lost else ""
        lines.append(f"{name} {damage.total:3} {kinds}{extra} | {wrong}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", action="store_true", help="one line per page")
    parser.add_argument("--examples", metavar="KIND", help="examples of one kind of damage (or 'lost')")
    parser.add_argument("--postlight", action="store_true",
                        help="the pages of tests/fixtures/pages/postlight/ (postlight/parser's fixtures)")
    parser.add_argument("--save-baseline", action="store_true", help="write the baseline")
    args = parser.parse_args(argv)
    results = measure_all(postlight_pages() if args.postlight else None)
    print("\n".join(totals(results)))
    if args.files:
        print()
        print("\n".join(file_lines(results)))
    if args.examples:
        print()
        named = ((result.article, result.damage) for result in results)
        print("\n".join(example_lines(named, args.examples)))
    current = all_figures(results)
    kept = POSTLIGHT_BASELINE if args.postlight else BASELINE
    if args.save_baseline:
        save(current, kept)
        print(f"\nsaved {kept.relative_to(PROJECT)}")
    elif kept.exists():
        worse = regressions(current, load(kept))
        print(f"\n{len(worse)} regressions against the baseline" + (":" if worse else ""))
        print("\n".join(f"  {line}" for line in worse))
        new = unsaved(current, load(kept))
        if new:
            print(f"{len(new)} pages not in the baseline yet (--save-baseline to lock them in): "
                  + ", ".join(new))
    return 0


if __name__ == "__main__":
    sys.exit(main())
