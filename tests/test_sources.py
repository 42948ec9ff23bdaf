"""Reading sources: front matter, strict UTF-8, ordering; bad input named by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamphleteer.errors import ConfigurationError, SourceError
from pamphleteer.sources import read_sources, read_text


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_front_matter_is_split_and_the_body_kept_as_received(tmp_path):
    body = "\n\n# Title\n\nA *body*  \nwith a break.\n"
    path = write(tmp_path, "a-text.md", f"---\ntitle: A title\nauthor: [A, B]\ndate: 2024-01-29\n---\n{body}")
    text = read_text(path)
    assert text.body == body
    assert text.body_line == 6
    assert text.meta.title == "A title"
    assert text.meta.authors == ("A", "B")
    assert text.meta.date == "2024-01-29"


def test_a_text_without_front_matter_is_all_body(tmp_path):
    path = write(tmp_path, "plain.md", "Just text.\n")
    text = read_text(path)
    assert text.body == "Just text.\n" and text.body_line == 1 and text.meta.title == ""


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"caf\xe9\n", 1, "is not valid UTF-8"),
        (b"ok\nline two \xff\n", 2, "is not valid UTF-8"),
        ("---\ntitle: x\nno end\n", 1, "never closed"),
        ("---\ntitle: [unclosed\n---\nbody\n", 3, "not valid YAML"),
        ("---\ntitle: {a: 1}\n---\nbody\n", 2, "'title' must be a text"),
        ("---\nquestions: 3\n---\nbody\n", 2, "'questions' must be a list"),
        ("---\norder: first\n---\nbody\n", 2, "'order' must be a whole number"),
        ("---\ntitle: x\n---\n\n\n", 4, "no body"),
        ("text\x00more\n", 1, "NUL byte"),
        ("fine\n\nbell\x07\n", 3, "control character U+0007"),
        ("---\nfixes: [{find: a}]\n---\nbody\n", 2, "'fixes' entry 1"),
        ("---\ntitle: x\nkeep: {N010: yes}\n---\nbody\n", 3, "'keep' must be a list of block texts"),
        ("---\nkeep: [N010, 3]\n---\nbody\n", 2, "'keep' must be a list"),
    ],
)
def test_bad_texts_are_named_by_file_and_line(tmp_path, content, line, message):
    path = write(tmp_path, "bad-text.md", content)
    with pytest.raises(SourceError) as caught:
        read_text(path)
    diagnostic = caught.value.diagnostic
    assert message in diagnostic.message
    assert diagnostic.file == path
    assert diagnostic.line == line


def make_sources(tmp_path: Path, toml: str, texts: dict[str, str]) -> Path:
    (tmp_path / "texts").mkdir()
    write(tmp_path, "publication.toml", toml)
    for slug, text in texts.items():
        write(tmp_path / "texts", f"{slug}.md", text)
    return tmp_path


def test_texts_follow_the_configured_order_and_the_rest_are_appended(tmp_path):
    root = make_sources(
        tmp_path,
        'title = "T"\norder = ["b"]\n',
        {"a": "A.\n", "b": "B.\n", "c": "---\norder: 1\n---\nC.\n"},
    )
    assert [text.slug for text in read_sources(root).texts] == ["b", "c", "a"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('title = "T"\norder = ["missing"]\n', "'order' names 'missing'"),
        ('title = "T"\ncolour = "red"\n', "unknown key 'colour'"),
        ('title = "T"\n[print]\npage_size = "B5"\n', "'print.page_size' is 'B5'"),
        ('subtitle = "no title"\n', "'title' is missing"),
        ('title = "T\n', "not valid TOML"),
        ('title = 3\n', "'title' must be a text"),
        ('title = "A \u202eReader"\n', "'title' contains U+202E, a character that reorders"),
        ('title = "T"\npublisher = "Zero\u200bwidth"\n', "'publisher' contains U+200B"),
    ],
)
def test_bad_publication_settings_are_named(tmp_path, toml, message):
    root = make_sources(tmp_path, toml, {"a": "A.\n"})
    with pytest.raises((SourceError, ConfigurationError)) as caught:
        read_sources(root)
    assert message in caught.value.diagnostic.message
    assert caught.value.diagnostic.file == root / "publication.toml"


def test_missing_folders_and_empty_texts_are_explained(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        read_sources(tmp_path / "nowhere")
    write(tmp_path, "publication.toml", 'title = "T"\n')
    with pytest.raises(SourceError, match="no texts/ folder"):
        read_sources(tmp_path)
    (tmp_path / "texts").mkdir()
    with pytest.raises(SourceError, match="no texts"):
        read_sources(tmp_path)


def test_a_question_mark_ends_a_list_item_as_the_yaml_spec_allows(tmp_path):
    path = tmp_path / "asked.md"
    path.write_text("---\ntitle: Asked\nquestions: [Why?, How so?]\n---\n\nBody.\n", encoding="utf-8")
    assert read_text(path).meta.questions == ("Why?", "How so?")


def test_keep_lists_what_the_repairs_must_leave_alone(tmp_path):
    path = write(tmp_path, "kept.md", '---\nkeep: ["Share this article", N010, ""]\n---\n\nBody.\n')
    assert read_text(path).meta.keep == ("Share this article", "N010")
    one = write(tmp_path, "one.md", "---\nkeep: N010\n---\n\nBody.\n")
    assert read_text(one).meta.keep == ("N010",)
