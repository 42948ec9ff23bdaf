"""Faults around a build, through the real command line: it owns only what it made, runs no stranger's
program, leaves no process behind, changes every edition together, rebuilds a damaged cache and says
what an interruption really did.

Each case builds a small publication (from tests/test_errors.py) into an output folder that the case
has prepared or damaged, and asserts what a user would see: the files they had are intact, the
editions are whole, the next build succeeds, the message is true, and there is no traceback.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.test_errors import make_publication, run_build

FOREIGN_ENTRIES = 2_005  # more than a cache keeps of one kind (2,000): an old build pruned the oldest


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder`, hidden ones too, and a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def foreign_files(output: Path) -> None:
    """What a user's own folder may hold: a `.cache/` of another program's, and files named `.x.tmp`."""
    photos = output / ".cache" / "photos"
    photos.mkdir(parents=True)
    for number in range(FOREIGN_ENTRIES):
        (photos / f"{number:04}.jpg").write_bytes(b"a photo %d" % number)
        os.utime(photos / f"{number:04}.jpg", (1_000_000 + number, 1_000_000 + number))
    (output / ".cache" / "notes.txt").write_text("a file, not a folder, in .cache/")
    (output / ".draft.tmp").write_text("the user's own draft")
    (output / ".cache" / "photos" / ".x.tmp").write_text("another program's temporary file")
    (output / "notes").mkdir()
    (output / "notes" / ".y.tmp").write_text("more of the user's")


# -- 1. the build owns only what it made -----------------------------------------------------------

@pytest.mark.slow
def test_a_build_into_a_folder_of_ones_own_deletes_nothing_of_it(tmp_path):
    sources, output = make_publication(tmp_path)
    foreign_files(output)
    before = tree(output)
    for formats in ("html", "pdf,epub,html", "pdf,epub,html"):  # builds, a rebuild, and one with nothing new
        result = run_build(tmp_path, "--sources", "sources", "--output", "output", "--format", formats)
        assert result.returncode == 0, result.stderr
    after = tree(output)
    foreign = {name: digest for name, digest in before.items() if not name.startswith("reader")}
    assert {name: after.get(name) for name in foreign} == foreign
    own = {name for name in after.keys() - before.keys() if not name.startswith("reader")}  # not an edition
    assert own and all(name.startswith(".pamphleteer/") for name in own), sorted(own)
    assert (output / ".pamphleteer" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f")


def test_a_folder_named_like_the_builds_own_but_not_marked_is_refused_untouched(tmp_path):
    sources, output = make_publication(tmp_path)
    (output / ".pamphleteer").mkdir()
    (output / ".pamphleteer" / "cache").mkdir()
    (output / ".pamphleteer" / "cache" / ".old.tmp").write_text("not Pamphleteer's")
    before = tree(output)
    result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    assert result.returncode == 5, result.stderr
    assert "error: output: '.pamphleteer' in the output folder is not Pamphleteer's" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(output) == before


def test_the_cache_prunes_only_its_own_entries_in_its_own_folder(tmp_path):
    from pamphleteer.cache import CACHE_FOLDER, Cache, digest
    from pamphleteer.workspace import claim

    claim(tmp_path)
    cache = Cache(tmp_path / CACHE_FOLDER)
    for number in range(3):
        cache.put("ast", digest(str(number)), b"entry")
        os.utime(tmp_path / CACHE_FOLDER / "ast" / digest(str(number)), (number, number))
    (tmp_path / CACHE_FOLDER / "ast" / "README").write_text("a file the cache did not make")
    (tmp_path / CACHE_FOLDER / "stray").write_text("a file where a kind's folder would be")
    cache.prune(keep=1)
    assert sorted(path.name for path in (tmp_path / CACHE_FOLDER / "ast").iterdir()) == sorted(["README", digest("2")])
    assert (tmp_path / CACHE_FOLDER / "stray").exists()
    unmarked = Cache(tmp_path / "elsewhere" / "cache")  # not in a folder marked as Pamphleteer's
    for number in range(3):
        unmarked.put("ast", digest(str(number)), b"entry")
    unmarked.prune(keep=1)
    assert len(list((tmp_path / "elsewhere" / "cache" / "ast").iterdir())) == 3
