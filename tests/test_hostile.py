"""Hostile input: nothing of a script, a frame or a stranger's file reaches any edition.

A text full of attacks (raw `<script>`, `<style>`, `<iframe>`, event handlers,
`javascript:` and `data:` URLs in raw HTML and in Markdown, images naming
`/etc/passwd`, `..`, `file://` and a local web server) is built by the real
command line, watched by a Python audit hook. The build must succeed with a
warning naming the file and line of each attack, open none of the files named,
connect to nothing, and leave none of it in the PDF, the EPUB or the HTML.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest
import weasyprint

from pamphleteer.render.confine import Refused, confined_path
from pamphleteer.render.fetch import ConfinedFetcher
from tests.conftest import PROJECT
from tests.loopback import Loopback, respond

SECRET = b"SECRET-BYTES-THAT-MUST-NOT-LEAK"
AUDIT = """
import json, os, runpy, sys
busy = [False]
def record(event):
    # Written at once, so the build's worker processes (forked, with this hook) are heard too.
    busy[0] = True
    try:
        with open(os.environ["AUDIT_LOG"], "a") as log:
            log.write(json.dumps(event) + "\\n")
    finally:
        busy[0] = False
def hook(event, args):
    if busy[0]:
        return
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        record(["open", os.fsdecode(args[0])])
    elif event.startswith("socket.") and event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
        record([event, repr(args[1:])])
    elif event == "urllib.Request":
        record([event, repr(args[0])])
sys.addaudithook(hook)
sys.argv = ["build.py", *sys.argv[1:]]
sys.path.insert(0, os.path.dirname(os.environ["BUILD_PY"]))
runpy.run_path(os.environ["BUILD_PY"], run_name="__main__")
"""


@pytest.fixture
def server(loopback: Loopback) -> int:
    """A tiny web server on 127.0.0.1 that records every request it gets (and answers each with a PNG)."""
    loopback.otherwise = respond(200, b"\x89PNG\r\n\x1a\n", "image/png")
    return loopback.port


def hostile_text(port: int) -> str:
    probe = f"http://127.0.0.1:{port}"
    return f"""---
title: A hostile <script>alert('title')</script>text
author: <img src=x onerror=alert('author')>Mallory
questions: ["Did anything <iframe src='{probe}/q.html'></iframe>run?"]
---

The first paragraph is harmless and must be published.

<script>alert("raw script")</script>

<style>body {{ background: url({probe}/style-bg.png) }} @import url({probe}/import.css);</style>

<iframe src="{probe}/frame.html">frame fallback</iframe>

<div onmouseover="alert('div handler')">A div with a handler keeps its words.</div>

<p>An <img src="x" onerror="alert('img handler')"> image with a handler, and \
<a href="javascript:alert('raw link')">a raw script link</a>.</p>

<a href="JaVaScRiPt:alert('mixed case')">mixed case</a> and \
<a href="java&#x09;script:alert('tab')">with a tab</a>.

<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a data link</a>

<svg onload="alert('svg')"><circle r="1"/></svg>\
<object data="{probe}/object.swf"></object><embed src="{probe}/embed.swf">

<link rel="stylesheet" href="{probe}/linked.css"><img src="{probe}/raw-image.png" alt="raw remote image">

<p style="background: url({probe}/inline-style.png)">Inline style paragraph.</p>

A Markdown [script link](javascript:alert('markdown')) and \
a [data link](data:text/html,<script>alert(1)</script>).

An inline `<script>alert('raw attribute')</script>`{{=html}} raw attribute.

```{{=html}}
<script>alert("raw block attribute")</script>
```

Images: ![passwd](/etc/passwd) ![secret](../../secret.png) ![hostname](file:///etc/hostname)
![probe]({probe}/probe.png) ![protocol relative](//127.0.0.1:{port}/relative.png) ![linked](evil.png)

The last paragraph is harmless and must be published too.
"""


def build_hostile(
    tmp_path: Path, port: int,
) -> tuple[subprocess.CompletedProcess[str], list[list[str]], Path]:
    sources, output = tmp_path / "sources", tmp_path / "output"
    (sources / "texts").mkdir(parents=True)
    (sources / "publication.toml").write_text('title = "Hostile"\nslug = "hostile"\n', encoding="utf-8")
    (sources / "texts" / "hostile.md").write_text(hostile_text(port), encoding="utf-8")
    (sources / "evil.png").symlink_to("/etc/passwd")  # inside the sources, pointing out of them
    (tmp_path.parent / "secret.png").write_bytes(SECRET)
    log = tmp_path / "audit.json"
    environment = {
        **os.environ, "SOURCE_DATE_EPOCH": "1767225600", "AUDIT_LOG": str(log),
        "BUILD_PY": str(PROJECT / "build.py"),
    }
    result = subprocess.run(
        [sys.executable, "-c", AUDIT, "--sources", str(sources), "--output", str(output)],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=600, check=False,
    )
    events = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return result, events, output


def edition_texts(output: Path) -> dict[str, str]:
    """The text of every edition, the ebook's files unpacked and the PDF's streams decoded."""
    texts = {"html": (output / "hostile.html").read_text(encoding="utf-8")}
    with zipfile.ZipFile(output / "hostile.epub") as archive:
        members = archive.namelist()
        texts["epub"] = "\n".join(archive.read(name).decode("utf-8", "replace") for name in members)
    parts = []
    with pikepdf.open(output / "hostile.pdf") as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes().decode("latin-1"))
            elif isinstance(obj, pikepdf.Dictionary):
                parts.append(repr(obj))
    texts["pdf"] = "\n".join(parts)
    return texts


@pytest.mark.slow
def test_hostile_text_builds_with_nothing_hostile_in_any_edition(tmp_path, server, loopback):
    result, events, output = build_hostile(tmp_path, server)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said

    # Each attack is reported with the file and line where it stands.
    lines = hostile_text(server).splitlines()

    def line_of(fragment: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if fragment in line)

    where = "sources/texts/hostile.md"
    script_line = line_of('<script>alert("raw script")')
    assert f"{where}:{script_line}: raw HTML '<script" in said
    frame_line = line_of("frame fallback")
    assert f"{where}:{frame_line}: raw HTML '<iframe" in said
    assert f"{where}:{line_of('[script link]')}: the link to 'javascript:" in said
    assert f"{where}:{line_of('![passwd]')}: the image '/etc/passwd' is left out" in said
    assert "the image '../../secret.png' is left out" in said
    assert "the image 'file:///etc/hostname' is left out" in said
    assert f"the image 'http://127.0.0.1:{server}/probe.png' is left out" in said

    # Nothing was fetched, nothing outside the project was read, nothing connected anywhere.
    assert loopback.requests == []
    opened = {path for event, path in events if event == "open"}
    for forbidden in ("/etc/passwd", "/etc/hostname", str(tmp_path.parent / "secret.png")):
        assert forbidden not in opened, forbidden
    assert not [event for event in events if event[0] != "open"], events
    assert any("/styles/fonts/" in path for path in opened)  # the layout's reads were heard too

    texts = edition_texts(output)
    for edition, content in texts.items():
        lowered = content.lower()
        for needle in ("alert(", "javascript:", "data:text", "<script", "<iframe", "<object", "<embed",
                       "<svg", "onmouseover", "onerror", "onload", f"127.0.0.1:{server}",
                       "/launch", "secret-bytes", "root:x:0"):
            assert needle not in lowered, (edition, needle)
        assert "first paragraph is harmless" in content or edition == "pdf", edition
        assert "last paragraph is harmless" in content or edition == "pdf", edition
    # Sources' styles never arrive: the only <style> in the web edition is the template's own.
    assert texts["html"].count("<style") == 1
    assert "style-bg.png" not in texts["html"] and "inline-style.png" not in texts["html"]
    # The harmless words around and inside the removed markup are kept.
    assert "A div with a handler keeps its words." in texts["html"]
    assert "Inline style paragraph." in texts["html"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "/etc/passwd",
        "file:///etc/hostname",
        "http://127.0.0.1:1/probe.png",
        "https://example.org/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.org/x.png",
        "file://otherhost/etc/passwd",
    ],
)
def test_the_confined_fetcher_refuses_everything_outside_the_allowed_folders(tmp_path, url):
    allowed = tmp_path / "sources"
    allowed.mkdir()
    with pytest.raises(Refused):
        confined_path(url, (allowed,))


def test_the_confined_fetcher_refuses_dot_dot_and_links_out_but_serves_files_inside(tmp_path):
    sources = tmp_path / "sources"
    (sources / "images").mkdir(parents=True)
    (sources / "images" / "ok.png").write_bytes(b"ok")
    (tmp_path / "secret.png").write_bytes(SECRET)
    (sources / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    ok = sources / "images" / "ok.png"
    assert confined_path(ok.as_uri(), (sources,)) == ok
    for url in (f"file://{sources}/images/../../secret.png", (sources / "images" / "link.png").as_uri()):
        with pytest.raises(Refused):
            confined_path(url, (sources,))


def test_weasyprint_with_the_confined_fetcher_makes_no_request_and_reads_no_stranger_file(
    tmp_path, server, loopback, caplog
):
    probe = f"http://127.0.0.1:{server}"
    (tmp_path / "secret.png").write_bytes(SECRET)
    sources = tmp_path / "sources"
    sources.mkdir()
    html = f"""<html><head><link rel="stylesheet" href="{probe}/linked.css">
    <style>@import url("{probe}/import.css"); p {{ background: url("{probe}/bg.png") }}</style></head>
    <body><p>Words.</p><img src="{probe}/remote.png"><img src="file:///etc/passwd">
    <img src="../secret.png"><img src="data:image/png;base64,iVBORw0KGgo="></body></html>"""
    fetcher = ConfinedFetcher((sources,))
    with caplog.at_level("WARNING"):
        pdf = weasyprint.HTML(string=html, base_url=f"{sources}/", url_fetcher=fetcher).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert loopback.requests == []
    assert SECRET not in pdf
    refused = "\n".join(fetcher.refused)
    for named in ("/linked.css", "/remote.png", "/etc/passwd", "secret.png"):
        assert named in refused, named
    assert any("refused" in record.getMessage() for record in caplog.records)


def test_raw_html_is_cleaned_into_real_markup_and_the_seeds_superscript_survives():
    from pamphleteer.parse import markdown_to_blocks
    from pamphleteer.render.markup import Writer

    markdown = (
        "the 3<sup>rd</sup> of <b onclick=\"x()\">February</b><script>alert(1)</script> "
        '<a href="https://ok.example/" onclick="x()">ok</a> <a href="javascript:alert(1)">bad</a>\n'
    )
    blocks = markdown_to_blocks(markdown, path=Path("t.md"), first_line=1)
    html = str(Writer(prefix="t").blocks(blocks))
    assert html == (
        '<p id="t-1">the 3<sup>rd</sup> of <strong>February</strong> '
        '<a href="https://ok.example/">ok</a> bad</p>'
    )


def test_nothing_in_the_seed_editions_is_raw_or_scripted(built):
    html = next(path for path in built.written if path.suffix == ".html").read_text(encoding="utf-8")
    assert "3rd February" in html  # the seed's raw superscript, read as markup, set on the baseline (N504)
    assert not re.search(r"<script|javascript:|\son[a-z]+=", html, re.IGNORECASE)
    epub = next(path for path in built.written if path.suffix == ".epub")
    with zipfile.ZipFile(epub) as archive:
        text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml"))
    assert "3rd February" in text
    assert not re.search(r"<script|javascript:|\son[a-z]+=", text, re.IGNORECASE)
