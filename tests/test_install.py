"""The command as a new user meets it: a publication folder of its own, `init`, the packaging."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import EPOCH, PROJECT, SOURCES


def pamphleteer(*arguments: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m pamphleteer …` run in `cwd`, as an installed command would be."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "SOURCE_DATE_EPOCH": EPOCH, "PAMPHLETEER_JOBS": "1"}
    return subprocess.run([sys.executable, "-m", "pamphleteer", *arguments], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_every_package_is_installed():
    packages = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {".".join(path.parent.relative_to(PROJECT).parts)
               for path in (PROJECT / "pamphleteer").rglob("__init__.py")}
    assert on_disk <= set(packages["packages"]), "add the missing package to pyproject's [tool.setuptools]"
    assert packages["package-dir"] == {"pamphleteer.templates": "templates", "pamphleteer.styles": "styles"}


def test_outside_a_publication_it_says_what_is_missing(tmp_path):
    result = pamphleteer(cwd=tmp_path)
    assert result.returncode == 2
    assert f"there is no publication.toml in {tmp_path}" in result.stderr
    assert "'python -m pamphleteer init'" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_scaffolds_a_publication_and_never_overwrites(tmp_path):
    folder = tmp_path / "pub"
    result = pamphleteer("init", str(folder), "--title", "Bread & Roses: “A Reader”", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Next:" in result.stdout and "python -m pamphleteer add" in result.stdout
    settings = tomllib.loads((folder / "publication.toml").read_text(encoding="utf-8"))
    assert settings["title"] == "Bread & Roses: “A Reader”"
    assert settings["identifier"].startswith("urn:uuid:") and len(settings["identifier"]) == 45
    assert (folder / "texts").is_dir() and (folder / "front" / "introduction.md").is_file()
    assert (folder / ".gitignore").read_text() == "/output/\n"
    (folder / "publication.toml").write_text('title = "mine"\n', encoding="utf-8")
    again = pamphleteer("init", str(folder), "--title", "Other", cwd=tmp_path)
    assert again.returncode == 2 and "publication.toml: already there" in again.stderr
    assert (folder / "publication.toml").read_text(encoding="utf-8") == 'title = "mine"\n'
    other = pamphleteer("init", str(tmp_path / "second"), "--title", "Second", cwd=tmp_path)
    second = tomllib.loads((tmp_path / "second" / "publication.toml").read_text(encoding="utf-8"))
    assert other.returncode == 0 and second["identifier"] != settings["identifier"]


def test_init_without_a_title_off_a_terminal_asks_for_one(tmp_path):
    result = pamphleteer("init", cwd=tmp_path, stdin="")
    assert result.returncode == 2 and "--title" in result.stderr
    assert not (tmp_path / "publication.toml").exists()


def test_a_new_publication_without_texts_says_so(tmp_path):
    assert pamphleteer("init", "--title", "Empty", cwd=tmp_path).returncode == 0
    result = pamphleteer(cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "there are no texts" in result.stderr and "internal error" not in result.stderr


def test_an_empty_folder_given_says_what_is_missing(tmp_path):
    result = pamphleteer("build", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "publication.toml" in result.stderr and "internal error" not in result.stderr


@pytest.mark.slow
def test_a_publication_folder_is_built_into_its_own_output_and_then_up_to_date(tmp_path):
    folder = tmp_path / "pub"
    assert pamphleteer("init", str(folder), "--title", "A Reader", cwd=tmp_path).returncode == 0
    for text in (SOURCES / "texts").glob("*.md"):
        (folder / "texts" / text.name).write_bytes(text.read_bytes())
    result = pamphleteer("--format", "html", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "output" / "a-reader.html").is_file()
    again = pamphleteer("build", str(folder), "--format", "html", cwd=tmp_path)
    assert again.returncode == 0 and "up to date" in again.stdout, again.stdout
