"""A Markdown file added with `add` brings its own images: kept in images/<slug>/, references rewritten.

Its images on the web are downloaded from a loopback HTTP server the tests start (never the network)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import pamphleteer.importers.download as download
from pamphleteer.add import add, add_text
from pamphleteer.importers.download import USER_AGENT
from pamphleteer.importers.inputs import collect
from pamphleteer.sources import read_text
from tests.conftest import PROJECT
from tests.loopback import Loopback, respond

TEXT = """\
# The picket at the gate

Workers met at the gate before dawn and stayed until the evening shift came out to join them.

![Strikers at the gate](pics/gate.png "At the gate")

<img src="pics/banner.jpg" alt="The union banner">

The banner they carried had been sewn by the women of the branch in the winter of the lockout.

![The march][march]

```
![not an image](pics/gate.png)
```

![Inline](data:image/gif;base64,R0lGODlhAQABAAAAACw=)

[march]: <pics/the march.gif>
"""


def picture(kind: str, colour: str = "red", size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    folder = tmp_path / "article"
    (folder / "pics").mkdir(parents=True)
    (folder / "pics" / "gate.png").write_bytes(picture("PNG"))
    (folder / "pics" / "banner.jpg").write_bytes(picture("JPEG", "blue"))
    (folder / "pics" / "the march.gif").write_bytes(picture("GIF", "green"))
    file = folder / "picket.md"
    file.write_text(TEXT, encoding="utf-8")
    return file


def test_a_markdown_files_images_are_copied_and_its_references_rewritten(sources_copy, article):
    added = add_text(article, sources_copy)
    folder = sources_copy / "images" / added.slug
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 3 and [path.name for path in added.images] == names
    assert {Path(name).suffix for name in names} == {".png", ".jpg", ".gif"}
    assert not added.notes
    written = added.path.read_text(encoding="utf-8")
    gate = next(name for name in names if name.startswith("gate-"))
    assert f"![Strikers at the gate](images/{added.slug}/{gate} \"At the gate\")" in written
    assert f'<img src="images/{added.slug}/banner-' in written
    assert f"[march]: <images/{added.slug}/the-march-" in written
    assert "```\n![not an image](pics/gate.png)\n```" in written  # code is left as written
    assert "](data:image/gif;base64,R0lGODlhAQABAAAAACw=)" in written  # a data: address is left alone
    # every other byte as received
    assert written.split("---\n", 2)[2].replace(f"images/{added.slug}/", "").count("pics/") == 1
    for path in added.images:
        assert path.read_bytes() in {(article.parent / "pics" / name).read_bytes()
                                     for name in ("gate.png", "banner.jpg", "the march.gif")}


def test_the_images_brought_along_are_the_ones_the_build_shows(sources_copy, article):
    from pamphleteer import ast
    from pamphleteer.figures import ImageCheck
    from pamphleteer.parse import parse_text

    added = add_text(article, sources_copy)
    parsed = parse_text(read_text(added.path))
    blocks, diagnostics = ImageCheck(sources_copy).blocks(parsed.blocks, added.path)
    shown = {ast.image_target(node) for block in blocks for node in ast.walk(block.node)
             if ast.kind(node) == "Image"}
    assert shown == {str(path.relative_to(sources_copy)) for path in added.images}
    assert not diagnostics  # each one a real image inside the sources


def broken_images(folder: Path) -> None:
    (folder / "pics" / "gate.png").write_text("not a picture at all", encoding="utf-8")
    (folder / "pics" / "banner.jpg").unlink()
    with open(folder / "pics" / "the march.gif", "wb") as handle:
        handle.truncate(6 * 1024 * 1024)


def test_each_image_that_cannot_be_brought_is_one_warning_naming_file_and_line(sources_copy, article):
    broken_images(article.parent)
    added = add_text(article, sources_copy)
    assert not (sources_copy / "images" / added.slug).exists() and added.images == ()
    found = sorted((note.line, note.code) for note in added.notes)
    assert found == [(5, "W111"), (7, "W110"), (19, "W112")]
    assert all(note.file == article and f"line {note.line}" in note.message for note in added.notes)
    assert "it is not an image" in " ".join(note.message for note in added.notes)
    written = added.path.read_text(encoding="utf-8")
    assert "](pics/gate.png" in written  # left as it was: the build leaves it out with its description


def test_an_image_refused_for_another_reason_than_its_size_is_not_called_too_large(sources_copy, article):
    # "MB" in the image's path (a folder of Boston transit maps) once made any refusal "too large"
    (article.parent / "MBTA").mkdir()
    (article.parent / "MBTA" / "gate.png").mkdir()  # a folder, not an image file
    article.write_text(TEXT.replace("pics/gate.png \"", "MBTA/gate.png \""), encoding="utf-8")
    added = add_text(article, sources_copy)
    found = {note.line: note for note in added.notes}
    assert list(found) == [5] and found[5].code == "W120"
    assert "not a regular file" in found[5].message and "MB " not in found[5].message


def test_only_files_inside_the_folder_named_are_read(sources_copy, tmp_path, article):
    secret = tmp_path / "secret.png"
    secret.write_bytes(picture("PNG", "black"))
    article.write_text("# A text\n\nSome words of the text, enough of them to read as prose.\n\n"
                       "![A secret](../secret.png)\n\n![Also](/etc/passwd)\n", encoding="utf-8")
    added = add_text(article, sources_copy)
    assert added.images == ()
    assert [note.line for note in added.notes] == [5, 7]
    assert all("outside" in note.message for note in added.notes)


def test_a_folder_added_brings_the_images_under_it(sources_copy, tmp_path):
    folder = tmp_path / "reader"
    (folder / "texts").mkdir(parents=True)
    (folder / "shared.png").write_bytes(picture("PNG", "yellow"))
    (folder / "one.md").write_text("# One\n\nThe first text of the reader, with its picture.\n\n"
                                   "![Shared](shared.png)\n", encoding="utf-8")
    [item] = collect([str(folder)])
    added = add(item, sources_copy)
    assert len(added.images) == 1 and not added.notes


def test_the_command_line_says_which_images_came_along_and_which_did_not(sources_copy, article):
    (article.parent / "pics" / "banner.jpg").unlink()
    command = [sys.executable, str(PROJECT / "build.py"), "add", str(article), "--sources", str(sources_copy)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout + result.stderr
    assert "2 images:" in out
    assert "line 7: the image 'pics/banner.jpg' was not brought along" in " ".join(out.split())


WEB_TEXT = """\
# The march on the town hall

The march set off from the depot at ten and reached the town hall by noon, five thousand strong.

![The march at noon]({base}/img/march.png)

<img src="{base}/img/banner.jpg" alt="The banner">

![Gone]({base}/img/gone.png)

![A drawing]({base}/img/drawing.svg)

![Too big]({base}/img/huge.png)

![A page, not a picture]({base}/img/page.png)

![Slow]({base}/img/slow.png)

![Not the web](ftp://{host}/img/march.png)

The speeches went on until dusk, and the crowd went home singing.
"""


@pytest.fixture
def web_images(loopback: Loopback) -> Loopback:
    server = loopback
    huge = b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * 1024 * 1024)
    server.routes.update({
        "/img/march.png": respond(200, picture("PNG", "green"), "image/png"),
        "/img/banner.jpg": respond(200, picture("JPEG", "blue"), "image/jpeg"),
        "/img/drawing.svg": respond(200, b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
                                    "image/svg+xml"),
        "/img/huge.png": respond(200, huge, "image/png"),
        "/img/page.png": respond(200, b"<html><body>Not found, but 200</body></html>"),
        "/img/slow.png": respond(200, picture("PNG"), "image/png", delay=2.0),
    })
    return server


def test_a_markdown_files_images_on_the_web_are_downloaded_and_each_refused_one_is_a_warning(
        sources_copy, tmp_path, web_images, monkeypatch):
    monkeypatch.setattr(download, "TIMEOUT_SECONDS", 0.5)
    base = web_images.url("")
    file = tmp_path / "march.md"
    file.write_text(WEB_TEXT.format(base=base, host=base.split("/")[2]), encoding="utf-8")
    added = add_text(file, sources_copy)
    folder = sources_copy / "images" / added.slug
    assert sorted(path.name[:6] for path in added.images) == ["banner", "march-"]
    assert {path.read_bytes() for path in added.images} == {picture("PNG", "green"), picture("JPEG", "blue")}
    assert sorted(path.name for path in folder.iterdir()) == sorted(path.name for path in added.images)
    written = added.path.read_text(encoding="utf-8")
    assert f"![The march at noon](images/{added.slug}/march-" in written
    assert f'<img src="images/{added.slug}/banner-' in written
    assert "ftp://" in written  # not the web: left as written, and not fetched
    notes = {note.line: note for note in added.notes}
    assert sorted(notes) == [9, 11, 13, 15, 17]  # each refused image, once, by its line
    assert all(note.file == file and f"{file}, line {note.line}: the image" in note.message
               for note in added.notes)
    assert "404" in notes[9].message
    assert "SVG" in notes[11].message
    assert notes[13].code == "W112" and "MB" in notes[13].message
    assert "not an image" in notes[15].message
    assert "no answer within" in notes[17].message or "took more than" in notes[17].message
    for line in (9, 11, 13, 15, 17):  # left as it was: the build leaves it out with its description
        assert WEB_TEXT.format(base=base, host="").splitlines()[line - 1].split("(")[1] in written
    paths = [path for path, _agent in web_images.requests]
    assert paths.count("/img/march.png") == 1
    assert all(agent == USER_AGENT for _path, agent in web_images.requests)


def test_a_markdown_file_whose_web_images_cannot_be_had_is_still_added_with_nothing_half_written(
        sources_copy, tmp_path, loopback):
    file = tmp_path / "gone.md"
    file.write_text(WEB_TEXT.format(base=loopback.url(""), host="127.0.0.1"), encoding="utf-8")
    before = sorted(str(path) for path in (sources_copy / "images").rglob("*")) if (
        sources_copy / "images").exists() else []
    added = add_text(file, sources_copy)
    assert added.images == () and not (sources_copy / "images" / added.slug).exists()
    after = sorted(str(path) for path in (sources_copy / "images").rglob("*")) if (
        sources_copy / "images").exists() else []
    assert after == before
    assert len(added.notes) == 7  # every web image refused, one warning each


def test_web_images_brought_by_add_are_shown_by_the_build(sources_copy, tmp_path, web_images):
    from pamphleteer import ast
    from pamphleteer.figures import ImageCheck
    from pamphleteer.parse import parse_text

    file = tmp_path / "march.md"
    file.write_text("# The march\n\nThe march set off from the depot at ten and reached the hall by noon.\n\n"
                    f"![The march at noon]({web_images.url('/img/march.png')})\n", encoding="utf-8")
    added = add_text(file, sources_copy)
    parsed = parse_text(read_text(added.path))
    blocks, diagnostics = ImageCheck(sources_copy).blocks(parsed.blocks, added.path)
    shown = {ast.image_target(node) for block in blocks for node in ast.walk(block.node)
             if ast.kind(node) == "Image"}
    assert shown == {str(added.images[0].relative_to(sources_copy))}
    assert not diagnostics  # no W110: the build has the image in the sources
