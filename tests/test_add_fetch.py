"""`build.py add https://…`: judged against a loopback HTTP server the test starts (never the network)."""

from __future__ import annotations

import http.server
import io
import time
from pathlib import Path

import pytest
import yaml

import pamphleteer.importers.download as download
from pamphleteer.add import add
from pamphleteer.errors import SourceError
from pamphleteer.importers.download import USER_AGENT, fetch
from pamphleteer.importers.inputs import Input, collect
from pamphleteer.sources import read_text
from tests.loopback import redirect, respond

PAGES = Path(__file__).parent / "fixtures" / "pages"


def png(colour: tuple[int, int, int] = (20, 120, 60), size: tuple[int, int] = (320, 200)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


ARTICLE = """<!doctype html><html lang="en-GB"><head><title>On the picket line | The Example Review</title>
<meta property="og:title" content="On the picket line">
<meta property="og:site_name" content="The Example Review">
<meta name="author" content="Rosa Example">
<link rel="canonical" href="https://review.example/2024/picket-line">
<meta property="article:published_time" content="2024-05-01T08:00:00Z">
<meta property="og:image" content="/img/hero.png">
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
<p><img src="/img/fake.png" alt="A fake image"> <img src="/img/drawing.svg" alt="A drawing">
<img src="/img/huge.png" alt="A huge image"> <img src="/img/missing.png" alt="Gone"></p>
<p>The strikers went home at dusk, tired, cold and more certain of one another than they had ever been.</p>
</article><footer>Share this article · Tweet · Email</footer></body></html>"""


def endless(handler: http.server.BaseHTTPRequestHandler) -> None:
    """A body that never ends, and states no length."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        while True:
            handler.wfile.write(b"<p>more</p>" * 1000)
    except OSError:
        pass


def front_of(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)]) or {}


def everything_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def url_input(url: str) -> Input:
    (item,) = collect([url])
    assert item.kind == "url"
    return item


def test_an_address_is_fetched_once_with_a_clear_user_agent_and_its_article_added(loopback, sources_copy):
    loopback.routes.update({
        "/2024/picket-line": respond(200, ARTICLE.encode("utf-8")),
        "/img/gate.png": respond(200, png(), "image/png"),
        "/img/hero.png": respond(200, png((200, 30, 30), (640, 320)), "image/png"),
        "/img/fake.png": respond(200, b"<html>this is not a picture</html>", "image/png"),
        "/img/drawing.svg": respond(200, b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                    "image/svg+xml"),
        "/img/huge.png": respond(200, b"\x89PNG" + b"\0" * (6 * 1024 * 1024), "image/png"),
    })
    added = add(url_input(loopback.url("/2024/picket-line")), sources_copy)
    front = front_of(added.path)
    assert front["title"] == "On the picket line"
    assert front["author"] == "Rosa Example"
    assert str(front["date"]) == "2024-05-01"
    assert front["publication"] == "The Example Review"
    assert front["source"] == "https://review.example/2024/picket-line"  # the canonical address
    assert front["lang"] == "en-GB"
    body = read_text(added.path).body
    assert "The strike began at dawn" in body and "more certain of one another" in body
    assert "## What they asked for" in body and "> We are not asking for the moon" in body
    assert "- the promised wage" in body and "*whole*" in body
    assert f"[called for talks]({loopback.url('/2024/talks')})" in body  # against where the page was
    assert "Subscribe" not in body and "Tweet" not in body
    # the one real image is downloaded, its caption and alt text kept; each other one is a note saying why not
    (image, hero) = sorted(added.images, key=lambda path: path.name.startswith("hero"))
    assert image.parent == sources_copy / "images" / added.slug and image.read_bytes() == png()
    # the page's featured image is kept too, offered (commented out) as the text's opening image
    assert hero.read_bytes() == png((200, 30, 30), (640, 320))
    assert f"# image: images/{added.slug}/{hero.name}   # the page's featured image" in added.path.read_text()
    figure = f"![The gate at dawn. Photo: A. Photographer](images/{added.slug}/{image.name})"
    assert figure + '{alt="Strikers at the gate at dawn"}' in body
    notes = "\n".join(note.message for note in added.notes)
    assert "fake.png' was left out: it is not an image" in notes
    assert "huge.png' was left out" in notes and "more than the 5 MB" in notes
    assert "missing.png' was left out" in notes and "404" in notes
    assert all(agent == USER_AGENT for _, agent in loopback.requests)
    assert [path for path, _ in loopback.requests].count("/2024/picket-line") == 1
    assert added.original.read_bytes() == ARTICLE.encode("utf-8")


def test_a_real_saved_page_served_over_http_is_added(loopback, sources_copy):
    loopback.routes["/en/berlin"] = respond(200, (PAGES / "dw.com.colonial.html").read_bytes())
    added = add(url_input(loopback.url("/en/berlin")), sources_copy)
    front = front_of(added.path)
    assert front["title"] == "Berlin confronts Germany's colonial past with new initiative"
    assert front["source"].startswith("https://www.dw.com/en/berlin-confronts")
    assert "Postcolonial Remembrance in the City" in read_text(added.path).body


def test_redirects_are_followed_a_few_hops(loopback):
    loopback.routes.update({"/a": redirect("/b"), "/b": redirect("/c", 301),
                          "/c": respond(200, b"<p>here</p>")})
    fetched = fetch(loopback.url("/a"))
    assert fetched.url == loopback.url("/c") and fetched.body == b"<p>here</p>"


@pytest.mark.parametrize(
    ("routes", "path", "message"),
    [
        ({}, "/gone", "the server answered 404 Not Found"),
        ({"/error": respond(500, b"oops")}, "/error", "the server answered 500"),
        ({f"/loop{n}": redirect(f"/loop{n + 1}") for n in range(10)}, "/loop0",
         "it redirects more than 5 times"),
        ({"/away": redirect("file:///etc/passwd")}, "/away", "which is not a web address"),
        ({"/ftp": redirect("ftp://example.org/x")}, "/ftp", "which is not a web address"),
        ({"/slow": respond(200, b"<p>late</p>", delay=3)}, "/slow", "no answer within 1 s"),
        ({"/big": respond(200, b"x" * (3 * 1024 * 1024))}, "/big", "more than the 2 MB a page may be"),
        ({"/endless": endless}, "/endless", "it is more than the 2 MB a page may be"),
        ({"/paper.pdf": respond(200, b"%PDF-1.4", "application/pdf")}, "/paper.pdf",
         "it is application/pdf, not a web page"),
        ({"/empty": respond(200, b"<html><body><nav>Home | About</nav></body></html>")}, "/empty",
         "no article was found in the page"),
    ],
)
def test_an_address_that_fails_is_one_error_naming_it_and_nothing_is_written(
        loopback, sources_copy, monkeypatch, routes, path, message):
    monkeypatch.setattr(download, "TIMEOUT_SECONDS", 1.0)
    monkeypatch.setattr(download, "MAX_PAGE_BYTES", 2 * 1024 * 1024)
    loopback.routes.update(routes)
    before = everything_in(sources_copy)
    started = time.monotonic()
    with pytest.raises(SourceError) as error:
        add(url_input(loopback.url(path)), sources_copy)
    assert time.monotonic() - started < 10
    assert message in str(error.value)
    assert loopback.url(path) in error.value.diagnostic.message  # names the address
    assert everything_in(sources_copy) == before


def test_an_address_that_nothing_answers_is_an_error_naming_it(sources_copy):
    with pytest.raises(SourceError, match=r"http://127\.0\.0\.1:9/x: it could not be fetched"):
        add(url_input("http://127.0.0.1:9/x"), sources_copy)


def test_the_command_line_adds_an_address(loopback, sources_copy, capsys):
    import build

    loopback.routes.update({"/2024/picket-line": respond(200, ARTICLE.encode("utf-8")),
                          "/img/gate.png": respond(200, png(), "image/png")})
    code = build.main(["add", loopback.url("/2024/picket-line"), "--sources", str(sources_copy)])
    out = capsys.readouterr().out
    assert code == 0
    address = loopback.url("/2024/picket-line")
    assert f"Added texts/example-on-the-picket-line.md from {address}" in out.replace(
        str(sources_copy) + "/", "")
    assert "The page states:" in out and "Rosa Example" in out
    assert "1 image:" in out  # the featured image (og:image) is missing here: nothing is said of it
