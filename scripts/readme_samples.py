#!/usr/bin/env python3
"""Write the README's sample outputs from real runs, and tell when one has gone stale.

    .venv/bin/python scripts/readme_samples.py --write   rewrite every sample in README.md
    .venv/bin/python scripts/readme_samples.py --check   exit 1, showing the differences, if one is stale

Each sample stands in README.md between `<!-- sample: NAME (begin) -->` and `<!-- sample: NAME (end) -->`
and is what the commands it shows print, run here as a user types them, with fixed dates
(SOURCE_DATE_EPOCH) and without colours:

- "start your own": `pamphleteer init`, `add`, a build and `check`, in a fresh temporary HOME;
  "help": `pamphleteer list --help` there;
- "build", "list": the checkout's example (a copy of sources/) built and listed with `build.py`;
- "add", "added text", "add markdown", "add errors": `build.py add` of an address (a page served by a
  loopback server started here, never the network), a saved page (tests/fixtures/pages/), a Word file
  and a folder (written by pandoc here), a Markdown file, then the text the page became, and what is
  refused.

What changes from run to run is written as measured and ignored by --check: the build's seconds, the
files' sizes, the loopback server's port (shown as 8017) and the temporary folders (shown as the
user's). tests/test_install.py fails when a sample is stale: after a change that alters an output (a
repair, a page count, a message), run --write and read the diff.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.loopback import Loopback, respond  # noqa: E402

README = PROJECT / "README.md"
SOURCES = PROJECT / "sources"
PAGES = PROJECT / "tests" / "fixtures" / "pages"
SAMPLE = re.compile(r"<!-- sample: (?P<name>[a-z ]+) \(begin\) -->\n(?P<body>.*?)"
                    r"<!-- sample: (?P=name) \(end\) -->\n", re.S)
EPOCH = "1767225600"  # 2026-01-01
PORT = "8017"  # the loopback server's port, as shown
# `pamphleteer` as an installed command would be: the command line with its name.
INSTALLED = "import sys; sys.argv[0] = 'pamphleteer'; from pamphleteer.cli import start; start()"
# Compared without the build's seconds and the files' sizes (the pages, the repairs and every other
# line must match).
VARYING = re.compile(r" in \d+\.\d s$|\d+ KB$", re.M)

ARTICLE = """<!doctype html><html lang="en-GB"><head><title>On the picket line | The Example Review</title>
<meta property="og:title" content="On the picket line">
<meta property="og:site_name" content="The Example Review">
<meta name="author" content="Rosa Example">
<link rel="canonical" href="https://review.example/2024/picket-line">
<meta property="article:published_time" content="2024-05-01T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>On the picket line</h1>
<p>The strike began at dawn, when the first shift refused to go in and stood instead at the gate
with their banners, their flasks of tea and their arguments for anyone who would listen.</p>
<figure><img src="/img/gate.png" alt="Strikers at the gate at dawn"><figcaption>The gate at dawn.
Photo: A. Photographer</figcaption></figure>
<p>By noon the <em>whole</em> depot was out, and the managers had <a href="/2024/talks">called for talks</a>
that nobody believed would come to anything before the week was out.</p>
<h2>What they asked for</h2>
<blockquote><p>We are not asking for the moon. We are asking for the wage we were promised.</p></blockquote>
<ul><li>the promised wage</li><li>no victimisation</li></ul>
<p>The strikers went home at dusk, tired, cold and more certain of one another than they had ever been.</p>
</article><footer>Share this article · Tweet · Email</footer></body></html>"""
WORD = """\
---
title: Что делать с профсоюзами?
author: Ivan Petrov
date: 2024-03-05
---

## The meeting

Workers met in the hall and talked for hours about the strike, the union and the future of
their town. *Nobody* left before **midnight**, and [the minutes](https://example.org/minutes)
were kept.

![The union banner at the gate](banner.png)

> Solidarity is not a feeling; it is a habit, practised.
"""
OPENDOCUMENT = """\
---
title: Notes from the picket line
author: Rosa Example
---

The second week of the strike began in the rain. The pickets kept their fire going under a sheet of
tarpaulin, and the drivers who stopped to talk left tea, bread and, once, a whole crate of apples.
"""
MARKDOWN = """\
# Solidarity across borders

By Ana Souza

Solidarity across borders begins with the plain fact that the workers who make a car, a phone or a
shirt rarely live in one country, and that their employers plan across every border they cross.
"""


def environment(home: Path) -> dict[str, str]:
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(PROJECT), "SOURCE_DATE_EPOCH": EPOCH,
           "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("CI", None)  # a validator that is not installed shows as such, as on a user's machine
    return env


class Session:
    """Commands run in one temporary folder, shown as typed with what they printed."""

    def __init__(self, home: Path, shown_as: dict[str, str]) -> None:
        self.home, self.shown_as, self.env = home, shown_as, environment(home)

    def run(self, typed: str, arguments: list[str], cwd: Path, *, program: str = "build.py",
            fails: bool = False) -> list[str]:
        command = ([sys.executable, "-c", INSTALLED] if program == "pamphleteer"
                   else [sys.executable, str(PROJECT / "build.py")])
        result = subprocess.run([*command, *arguments], cwd=cwd, env=self.env, capture_output=True,
                                text=True, timeout=900)
        if (result.returncode != 0) != fails:
            raise SystemExit(f"'{typed}' exited {result.returncode}:\n{result.stdout}{result.stderr}")
        shown = result.stdout + result.stderr
        for actual, instead in self.shown_as.items():
            shown = shown.replace(actual, instead)
        return [f"$ {typed}", *shown.rstrip("\n").splitlines()]


@contextmanager
def temporary_home() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="pamphleteer-readme-") as folder:
        yield Path(folder).resolve()


def png(colour: tuple[int, int, int], size: tuple[int, int] = (320, 200)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def fenced(lines: list[str], kind: str = "text") -> str:
    return "\n".join([f"```{kind}", *lines, "```"]) + "\n"


def start_your_own() -> dict[str, str]:
    """`pamphleteer init`, `add`, a build and `check`, as a new user does it."""
    with temporary_home() as home:
        (home / "Downloads").mkdir()
        shutil.copyfile(SOURCES / "texts" / "camfield-internationalism-today.md",
                        home / "Downloads" / "internationalism.md")
        session = Session(home, {str(home): "/home/you"})
        reader = home / "reader"
        lines = session.run('pamphleteer init reader --title "A Reader"',
                            ["init", "reader", "--title", "A Reader"], home, program="pamphleteer")
        lines.append("$ cd reader")
        lines += session.run("pamphleteer add ~/Downloads/internationalism.md",
                             ["add", str(home / "Downloads" / "internationalism.md")], reader,
                             program="pamphleteer")
        built = session.run("pamphleteer", [], reader, program="pamphleteer")
        end = next(number for number, line in enumerate(built) if line.startswith("repairs made:"))
        lines += [*built[: end + 1], "  …"]  # the summary, up to the repairs' total
        lines += session.run("pamphleteer check", ["check"], reader, program="pamphleteer")
        shown = session.run("pamphleteer list --help", ["list", "--help"], reader, program="pamphleteer")
        return {"start your own": fenced(lines, "console"), "help": fenced(shown)}


def split_front_matter(path: Path) -> tuple[str, str]:
    """A text's front matter block (with its fences) and its body, as written."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end], text[end:]


def downloads(folder: Path) -> None:
    """What a user has saved: a page saved as "HTML only", a Word file, a folder of three, a Markdown file."""
    import pypandoc

    folder.mkdir()
    shutil.copyfile(PAGES / "salon.com.emissions.html",
                    folder / "Despite everything, U.S. emissions dipped in 2019.html")
    (folder / "banner.png").write_bytes(png((180, 30, 40), (240, 160)))
    pypandoc.convert_text(WORD, "docx", format="markdown", cworkdir=str(folder),
                          outputfile=str(folder / "petrov-unions.docx"))
    (folder / "banner.png").unlink()
    reading = folder / "reading"
    reading.mkdir()
    shutil.copyfile(PAGES / "dw.com.colonial.html", reading / "berlin-colonial.html")
    pypandoc.convert_text(OPENDOCUMENT, "odt", format="markdown", outputfile=str(reading / "picket-line.odt"))
    (reading / "solidarity.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "internationalism.txt").write_text(
        split_front_matter(SOURCES / "texts" / "camfield-internationalism-today.md")[1], encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")


def the_checkout() -> dict[str, str]:
    """The checkout's example built and listed, then texts added to it in every way `add` takes."""
    samples = {}
    with temporary_home() as home:
        checkout = home / "pamphleteer"
        checkout.mkdir()
        shutil.copytree(SOURCES, checkout / "sources", ignore=shutil.ignore_patterns("output"))
        downloads(checkout / "Downloads")
        routes = {"/2024/picket-line": respond(200, ARTICLE.encode("utf-8")),
                  "/img/gate.png": respond(200, png((20, 120, 60)), "image/png")}
        with Loopback(routes) as server:
            address = f"127.0.0.1:{server.port}"
            session = Session(home, {address: f"127.0.0.1:{PORT}", str(home): "/home/you"})
            python = ".venv/bin/python build.py"
            samples["build"] = fenced(session.run(python, ["--output", "output"], checkout))
            samples["list"] = fenced(session.run(f"{python} list", ["list"], checkout))
            added: list[str] = []
            for typed, argument in [(f"http://127.0.0.1:{PORT}/2024/picket-line",
                                     f"http://{address}/2024/picket-line"),
                                    ('"Downloads/Despite everything, U.S. emissions dipped in 2019.html"',
                                     "Downloads/Despite everything, U.S. emissions dipped in 2019.html"),
                                    ("Downloads/petrov-unions.docx", "Downloads/petrov-unions.docx"),
                                    ("Downloads/reading", "Downloads/reading")]:
                added += [*([""] if added else []), *session.run(f"{python} add {typed}", ["add", argument],
                                                                   checkout)]
            samples["add"] = fenced(added)
            page = checkout / "sources" / "texts" / "example-on-the-picket-line.md"
            text = page.read_text(encoding="utf-8").replace(address, f"127.0.0.1:{PORT}")
            samples["added text"] = fenced(text.rstrip("\n").splitlines(), "markdown")
            samples["add markdown"] = fenced(session.run(f"{python} add Downloads/internationalism.txt",
                                                         ["add", "Downloads/internationalism.txt"], checkout))
            refused: list[str] = []
            for typed, argument in [(f"http://127.0.0.1:{PORT}/2024/gone", f"http://{address}/2024/gone"),
                                    (f"http://127.0.0.1:{PORT}/2024/picket-line",
                                     f"http://{address}/2024/picket-line"),
                                    ("/dev/zero", "/dev/zero"),
                                    ("Downloads/broken.docx", "Downloads/broken.docx")]:
                refused += session.run(f"{python} add {typed}", ["add", argument], checkout, fails=True)
            samples["add errors"] = fenced(refused)
    return samples


MAKERS: tuple[Callable[[], dict[str, str]], ...] = (start_your_own, the_checkout)


def fresh() -> dict[str, str]:
    """Every sample, from real runs."""
    samples: dict[str, str] = {}
    for make in MAKERS:
        samples.update(make())
    return samples


def in_readme() -> dict[str, str]:
    return {match["name"]: match["body"] for match in SAMPLE.finditer(README.read_text(encoding="utf-8"))}


def stale(made: dict[str, str] | None = None) -> list[str]:
    """The differences between the README's samples and a fresh run (the seconds and sizes aside)."""
    shown, made = in_readme(), fresh() if made is None else made
    differences = [f"README.md has no markers for the sample '{name}'" for name in made if name not in shown]
    differences += [f"README.md's sample '{name}' is made by nothing" for name in shown if name not in made]
    for name in made.keys() & shown.keys():
        if VARYING.sub("…", shown[name]) != VARYING.sub("…", made[name]):
            differences += difflib.unified_diff(shown[name].splitlines(), made[name].splitlines(),
                                                f"README.md ({name})", "a run", lineterm="")
    return differences


def write(made: dict[str, str]) -> None:
    text = README.read_text(encoding="utf-8")

    def replaced(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in made:
            raise SystemExit(f"README.md's sample '{name}' is made by nothing in {Path(__file__).name}")
        return f"<!-- sample: {name} (begin) -->\n{made[name]}<!-- sample: {name} (end) -->\n"

    README.write_text(SAMPLE.sub(replaced, text), encoding="utf-8")


def main(arguments: list[str]) -> int:
    if arguments == ["--check"]:
        differences = stale()
        print("\n".join(differences) if differences else "Every sample in the README matches a run.")
        return 1 if differences else 0
    if arguments not in ([], ["--write"]):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    made = fresh()
    missing = [name for name in made if name not in in_readme()]
    if missing:
        raise SystemExit(f"README.md has no markers for {', '.join(missing)}")
    write(made)
    print(f"Rewrote {len(made)} samples in {README.name}; read the diff (git diff README.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
