"""`build.py watch`: a saved change is seen and rebuilt; the preview reloads; everything stops on time."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pamphleteer.preview import RELOAD_SCRIPT, VERSION_PATH, PreviewServer, with_reload_script
from pamphleteer.watch import Change, Kind, Watcher, is_relevant, settle
from tests.conftest import EPOCH, PROJECT, SOURCES


@pytest.mark.parametrize(
    ("name", "relevant"),
    [
        ("texts/a.md", True), ("publication.toml", True), ("print.css", True), ("front/intro.md", True),
        ("texts/.a.md.swp", False), ("texts/a.md~", False), ("texts/#a.md#", False), ("texts/.#a.md", False),
        ("texts/4913", False), ("texts/.hidden", False), ("out/x.pdf", False), ("out/sub/x.html", False),
    ],
)
def test_which_changes_call_for_a_rebuild(tmp_path, name, relevant):
    assert is_relevant(tmp_path / name, ignored=(tmp_path / "out",)) is relevant


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    sources, styles = tmp_path / "sources", tmp_path / "styles"
    (sources / "texts").mkdir(parents=True)
    styles.mkdir()
    (sources / "texts" / "a.md").write_text("One.\n", encoding="utf-8")
    return sources, styles


def test_a_saved_file_is_reported_once_with_what_happened(folders):
    sources, styles = folders
    started = time.monotonic()
    with Watcher((sources, styles), debounce_ms=100) as watcher:
        time.sleep(0.3)  # the watcher thread is running
        (sources / "texts" / "a.md").write_text("One. Two.\n", encoding="utf-8")
        (styles / "new.css").write_text("p {}\n", encoding="utf-8")
        seen: set[Change] = set()
        deadline = time.monotonic() + 10
        while len(seen) < 2 and time.monotonic() < deadline:
            seen.update(watcher.wait(timeout=deadline - time.monotonic()))
    assert Change((sources / "texts" / "a.md").resolve(), Kind.MODIFIED) in {
        Change(c.path.resolve(), c.kind) for c in seen
    }
    assert (styles / "new.css").resolve() in {c.path.resolve() for c in seen}
    assert time.monotonic() - started < 15  # stopping is prompt


def test_changes_in_the_output_folder_and_editor_files_are_ignored(folders):
    sources, styles = folders
    output = sources / "output"
    output.mkdir()
    with Watcher((sources, styles), ignored=(output,), debounce_ms=100) as watcher:
        time.sleep(0.3)
        (output / "x.pdf").write_bytes(b"%PDF")
        (sources / "texts" / ".a.md.swp").write_bytes(b"swap")
        assert watcher.wait(timeout=1.5) == ()
        (sources / "texts" / "a.md").write_text("Changed.\n", encoding="utf-8")
        batch = watcher.wait(timeout=10)
    assert [c.path.name for c in batch] == ["a.md"]


def test_changes_made_during_a_rebuild_are_merged_into_one_batch(folders):
    sources, styles = folders
    with Watcher((sources, styles), debounce_ms=50) as watcher:
        time.sleep(0.3)
        for name in ("b.md", "c.md"):
            (sources / "texts" / name).write_text("x\n", encoding="utf-8")
            time.sleep(0.4)  # separate batches, as if a rebuild were running
        time.sleep(0.5)
        batch = watcher.wait(timeout=5)
    assert {"b.md", "c.md"} <= {c.path.name for c in batch}


@pytest.mark.parametrize(
    ("kinds", "exists", "kind"),
    [
        ({Kind.MODIFIED}, True, Kind.MODIFIED), ({Kind.ADDED}, True, Kind.ADDED),
        ({Kind.ADDED, Kind.DELETED}, True, Kind.MODIFIED),  # replaced by a rename (sed -i, many editors)
        ({Kind.DELETED}, False, Kind.DELETED), ({Kind.MODIFIED, Kind.DELETED}, False, Kind.DELETED),
        ({Kind.ADDED, Kind.DELETED}, False, None), ({Kind.ADDED, Kind.MODIFIED}, False, None),  # came, went
    ],
)
def test_what_a_batch_of_events_amounts_to(tmp_path, kinds, exists, kind):
    path = tmp_path / "a.md"
    if exists:
        path.write_text("x", encoding="utf-8")
    assert settle(path, kinds) is kind


def test_a_temporary_file_that_came_and_went_is_not_reported(folders):
    sources, styles = folders
    with Watcher((sources, styles), debounce_ms=300) as watcher:
        time.sleep(0.3)
        temporary = sources / "texts" / "sedAbC123"
        temporary.write_text("One. Two.\n", encoding="utf-8")
        temporary.replace(sources / "texts" / "a.md")  # how `sed -i` saves
        batch = watcher.wait(timeout=10)
    assert [(c.path.name, c.kind) for c in batch] == [("a.md", Kind.MODIFIED)]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_preview_injects_the_reload_script_into_the_served_copy_only(tmp_path):
    (tmp_path / "secret.txt").write_text("outside the output folder", encoding="utf-8")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    page = b"<!DOCTYPE html><html><body><p>Hello</p></body></html>"
    (tmp_path / "reader.html").write_bytes(page)
    (tmp_path / "reader.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / ".pamphleteer.lock").write_bytes(b"")
    server = PreviewServer(tmp_path, port=0)
    server.start()
    try:
        assert server.url().startswith("http://127.0.0.1:")
        status, served = fetch(server.url("reader.html"))
        assert status == 200 and RELOAD_SCRIPT.encode() in served and served.endswith(b"</body></html>")
        assert (tmp_path / "reader.html").read_bytes() == page  # the built file is untouched
        assert fetch(server.url("reader.pdf")) == (200, b"%PDF-1.7")
        _, first = fetch(server.url(VERSION_PATH.lstrip("/")))
        server.rebuilt()
        _, second = fetch(server.url(VERSION_PATH.lstrip("/")))
        assert first != second  # an open page sees the change and reloads
        _, index = fetch(server.url())
        assert b"reader.html" in index and b".pamphleteer.lock" not in index
        for hidden in (".pamphleteer.lock", "../secret.txt", "%2e%2e/secret.txt", "nope.html"):
            assert fetch(server.url() + hidden)[0] == 404, hidden
    finally:
        server.stop()


def test_a_content_security_policy_cannot_block_the_served_reload_script():
    page = (b'<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
            b"</head><body></body></html>")
    served = with_reload_script(page)
    assert b"Content-Security-Policy" not in served and b"<script>" in served


def test_a_port_in_use_is_a_plain_error(tmp_path):
    first = PreviewServer(tmp_path, port=0)
    try:
        from pamphleteer.errors import ConfigurationError

        with pytest.raises(ConfigurationError, match="--port"):
            PreviewServer(tmp_path, port=first.port)
    finally:
        first.server.server_close()


def read_lines(stream, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def wait_for(lines: queue.Queue[str], needle: str, seen: list[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return True
    return False


@pytest.mark.slow
def test_watch_rebuilds_after_an_edit_and_the_preview_reloads(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    output = tmp_path / "out"
    command = [sys.executable, str(PROJECT / "build.py"), "watch", "--serve", "--port", "0",
               "--sources", str(sources), "--output", str(output), "--format", "html"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               cwd=tmp_path, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                               start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        assert wait_for(lines, "Watching", seen, timeout=180), "".join(seen)
        preview = next(line for line in seen if line.startswith("Preview: ")).split()[1]
        html = next(output.glob("*.html"))
        assert "<script" not in html.read_text(encoding="utf-8")
        _, served = fetch(preview)
        assert b"/__pamphleteer__/build" in served
        _, before = fetch(preview.rsplit("/", 1)[0] + VERSION_PATH)

        text = sources / "texts" / "kellaway-internationalism-today.md"
        with text.open("a", encoding="utf-8") as handle:
            handle.write("\n\nA sentence added while watching.\n")  # a paragraph of its own
        rebuilt = "rebuilt after kellaway-internationalism-today.md"
        assert wait_for(lines, rebuilt, seen, timeout=180), "".join(seen)
        assert any(line.startswith("modified: ") and "kellaway" in line for line in seen)
        assert "A sentence added while watching." in html.read_text(encoding="utf-8")
        assert "<script" not in html.read_text(encoding="utf-8")
        _, after = fetch(preview.rsplit("/", 1)[0] + VERSION_PATH)
        assert after != before
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        reader.join(timeout=10)  # the process is gone: its output ends
        process.stdout.close()
    assert process.returncode == 0, "".join(seen)
    assert not any("Traceback" in line for line in seen), "".join(seen)
