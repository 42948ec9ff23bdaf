"""`build.py list` shows, per text, what the repairs take out of its body and where it goes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pamphleteer.listing import Removal, list_texts

PROJECT = Path(__file__).resolve().parent.parent
PAGE = (PROJECT / "tests" / "normalise" / "page-with-furniture.md").read_text(encoding="utf-8")


def reader(root: Path) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "publication.toml").write_text('title = "Reader"\n', encoding="utf-8")
    (root / "texts" / "radical.md").write_text(PAGE, encoding="utf-8")
    (root / "texts" / "clean.md").write_text("---\ntitle: Clean\n---\n\nJust the words.\n", encoding="utf-8")
    return root


def test_each_text_lists_what_left_its_body_and_where_it_went(tmp_path):
    listing = list_texts(reader(tmp_path / "sources"))
    by_slug = {text.slug: text for text in listing.texts}
    removed = by_slug["radical"].removed
    assert Removal(31, "N421", "Advertisement", "credits") in removed
    assert Removal(17, "N405", "By Maria Lopez", "metadata") in removed
    assert [r.line for r in removed] == sorted(r.line for r in removed)
    assert by_slug["clean"].removed == ()


def test_the_list_command_prints_them(tmp_path):
    sources = reader(tmp_path / "sources")
    result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "list", "--sources", str(sources)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "taken out of the body: " in result.stdout
    assert "line 31 → credits: Advertisement [N421]" in result.stdout
    assert "more (-v lists them)" in result.stdout
    command = [sys.executable, str(PROJECT / "build.py"), "list", "-v", "--sources", str(sources)]
    verbose = subprocess.run(command,
                             capture_output=True, text=True, check=False)
    assert "Leave a Reply [N423]" in verbose.stdout and "more (-v lists them)" not in verbose.stdout
