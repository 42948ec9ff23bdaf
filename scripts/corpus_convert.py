"""Regenerate the development corpus's Markdown: each saved page through the converters people use.

Each article in `tests/corpus/<id>/` has the page as saved (`source.html.gz`, the bytes
exactly as in the repository it came from) and an `expected.yaml` that names, under
`converters:`, which converters to run on it. This script writes `<converter>.md` beside
them. The converters are the ordinary ways of turning a web page into Markdown:

- `html2text`: html2text with its defaults (lines wrapped at 78, so long URLs break; no base
  URL, so site-relative links stay `/tag/x`), whole page;
- `pandoc-markdown`, `pandoc-gfm`: pandoc's HTML reader and `markdown` or `gfm` writer, whole page;
- `readability-markdownify`: readability-lxml's reader mode, then markdownify, under its `<title>`;
- `trafilatura`: trafilatura's Markdown with links, formatting, images and its metadata front matter;
- `markdownload`: what the MarkDownload browser clipper writes with its default template
  (reader mode, then Turndown with MarkDownload's options; front matter `created`, `tags`,
  `source`, `author`; an excerpt);
- `obsidian-clipper`: Obsidian Web Clipper's default "clippings" template (title, source,
  author as wiki links, published, created, description, tags), the body through Turndown;
- `wordpress-hugo`: what a WordPress-to-Hugo export gives (title, author, type, date with
  its offset, url path, categories, tags), the post body through html2text unwrapped;
- `requests-html2text`: html2text over `requests`' `response.text` for a server that sends
  `text/html` without a charset: UTF-8 bytes read as Windows-1252, so "’" becomes "â€™".

The clippers' Markdown comes from Turndown itself (their HTML-to-Markdown engine), run with
Node: `npm ci --prefix scripts/corpus-clipper` once. Their reader mode is readability-lxml's
(the extensions use Readability.js and Defuddle, which need a browser's DOM).

Usage: `python scripts/corpus_convert.py [ID ...]` (default: every article). The output is
deterministic: the clippers' "created" time is fixed, so a rerun changes nothing unless a
converter's version did (see requirements-test.lock for the versions).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import html2text
import pypandoc
import trafilatura
import yaml
from markdownify import markdownify
from readability import Document
from trafilatura.utils import decode_file

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
CLIPPER = Path(__file__).resolve().parent / "corpus-clipper"
CREATED = "2026-01-15T10:30:00"  # the clippers' "created" stamp, fixed so reruns are identical


class Page:
    """A saved page: its decoded HTML, its address and what its own metadata says."""

    def __init__(self, raw: bytes, url: str) -> None:
        self.raw = raw
        self.html = decode_file(raw)
        self.url = url
        self.meta = trafilatura.extract_metadata(self.html, default_url=url or None)

    def reader(self) -> Document:
        return Document(self.html)

    @property
    def title(self) -> str:
        return (self.meta.title if self.meta else "") or self.reader().short_title()

    @property
    def author(self) -> str:
        return (self.meta.author if self.meta else "") or ""

    @property
    def date(self) -> str:
        return (self.meta.date if self.meta else "") or ""

    @property
    def description(self) -> str:
        return (self.meta.description if self.meta else "") or ""

    @property
    def sitename(self) -> str:
        return (self.meta.sitename if self.meta else "") or ""


def _front_matter(fields: dict[str, object]) -> str:
    """A YAML front matter block, keys in the order given, as the tools write them."""
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n\n"


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def html2text_page(page: Page) -> str:
    return html2text.html2text(page.html)


PANDOC_OPTIONS = ["--sandbox"]  # its HTML reader would otherwise fetch every iframe's page


WINDOWS_1252 = {byte: bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
                for byte in range(0x80, 0xA0)}


def requests_html2text(page: Page) -> str:
    """html2text over the page's bytes read as Windows-1252 (its five unassigned bytes as Latin-1)."""
    return html2text.html2text(page.raw.decode("latin-1").translate(WINDOWS_1252))


def pandoc_markdown(page: Page) -> str:
    return pypandoc.convert_text(page.html, "markdown", format="html", extra_args=PANDOC_OPTIONS)


def pandoc_gfm(page: Page) -> str:
    return pypandoc.convert_text(page.html, "gfm", format="html", extra_args=PANDOC_OPTIONS)


def readability_markdownify(page: Page) -> str:
    document = page.reader()
    return f"# {document.title()}\n\n" + markdownify(document.summary(html_partial=True))


def trafilatura_markdown(page: Page) -> str:
    text = trafilatura.extract(
        page.html, url=page.url or None, output_format="markdown", with_metadata=True,
        include_links=True, include_formatting=True, include_images=True,
    )
    return (text or "") + "\n"


def turndown(html: str, flavour: str) -> str:
    """HTML as Markdown by Turndown, with the options of the clipper named by `flavour`."""
    node = shutil.which("node")
    if node is None or not (CLIPPER / "node_modules" / "turndown").is_dir():
        raise SystemExit("the clippers need Node and Turndown: npm ci --prefix scripts/corpus-clipper")
    done = subprocess.run([node, str(CLIPPER / "clip.js"), flavour], input=html.encode("utf-8"),
                          capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8") + "\n"


def markdownload(page: Page) -> str:
    """MarkDownload's default front matter and template, over a reader-mode extraction."""
    document = page.reader()
    body = turndown(document.summary(html_partial=True), "markdownload")
    keywords = ", ".join(page.meta.tags or []) if page.meta else ""
    head = (
        f"---\ncreated: {CREATED} (UTC +00:00)\ntags: [{keywords}]\nsource: {page.url}\n"
        f"author: {page.author}\n---\n\n# {document.title()}\n\n"
    )
    if page.description:
        head += f"> ## Excerpt\n> {page.description}\n\n---\n"
    return head + body


def obsidian_clipper(page: Page) -> str:
    """Obsidian Web Clipper's default "clippings" template."""
    body = turndown(page.reader().summary(html_partial=True), "obsidian")
    authors = [name.strip() for name in page.author.split(";") if name.strip()]
    lines = [
        "---", f"title: {_quoted(page.title)}", f"source: {_quoted(page.url)}", "author:",
        *[f'  - "[[{name}]]"' for name in authors],
        f"published: {page.date}", f"created: {CREATED[:10]}", f"description: {_quoted(page.description)}",
        "tags:", '  - "clippings"', "---", "",
    ]
    return "\n".join(lines) + body


def wordpress_hugo(page: Page) -> str:
    """A WordPress-to-Hugo export: Hugo's front matter, the post's content as Markdown."""
    converter = html2text.HTML2Text(baseurl=page.url)
    converter.body_width = 0
    body = converter.handle(page.reader().summary(html_partial=True))
    fields: dict[str, object] = {
        "title": page.title,
        "author": page.author.split(";")[0].strip() if page.author else "",
        "type": "post",
        "date": f"{page.date}T09:00:00+00:00" if page.date else "",
        "url": urlsplit(page.url).path or "/",
        "categories": list(page.meta.categories or []) if page.meta else [],
        "tags": list(page.meta.tags or []) if page.meta else [],
    }
    return _front_matter(fields) + body


CONVERTERS: dict[str, Callable[[Page], str]] = {
    "html2text": html2text_page,
    "pandoc-markdown": pandoc_markdown,
    "pandoc-gfm": pandoc_gfm,
    "readability-markdownify": readability_markdownify,
    "trafilatura": trafilatura_markdown,
    "markdownload": markdownload,
    "obsidian-clipper": obsidian_clipper,
    "wordpress-hugo": wordpress_hugo,
    "requests-html2text": requests_html2text,
}


def convert(article: Path) -> list[Path]:
    """Run the converters an article's expected.yaml names; the files written."""
    expected = yaml.safe_load((article / "expected.yaml").read_text(encoding="utf-8"))
    page = Page(gzip.decompress((article / "source.html.gz").read_bytes()),
                expected["provenance"].get("url", ""))
    written = []
    for name in expected["converters"]:
        if name not in CONVERTERS:
            raise SystemExit(f"{article / 'expected.yaml'}: unknown converter '{name}' "
                             f"(known: {', '.join(CONVERTERS)})")
        markdown = CONVERTERS[name](page)
        target = article / f"{name}.md"
        target.write_text(markdown if markdown.endswith("\n") else markdown + "\n", encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="articles to convert (default: all)")
    args = parser.parse_args(argv)
    articles = [CORPUS / name for name in args.ids] if args.ids else sorted(
        path.parent for path in CORPUS.glob("*/expected.yaml"))
    for article in articles:
        if not (article / "expected.yaml").is_file():
            print(f"{article}: no expected.yaml", file=sys.stderr)
            return 1
        for path in convert(article):
            print(path.relative_to(CORPUS.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
