"""`build.py add FILE`: a scraped text lands in sources/texts/ with inferred front matter, body untouched."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import pamphleteer.add
from pamphleteer.add import add_text, suggest_slug
from pamphleteer.errors import ConfigurationError, Diagnostic, Severity, SourceError
from pamphleteer.normalise import Inferred, NormalisedText, normalise
from pamphleteer.parse import ParsedText
from pamphleteer.sources import SourceText, TextMeta, read_text, split_front_matter
from tests.conftest import PROJECT

SCRAPED = (
    "# Solidarity across borders\n\n"
    "By **Ana Souza**\n\n"
    "*A short talk on solidarity between workers.*\n\n"
    "n the beginning there was a strike. Workers met, talked and organised.\n\n"
    "---\n\n"
    "Originally published in Example Magazine on 2024-03-05 at <https://example.org/solidarity/>\n"
)


@pytest.fixture
def scraped(tmp_path: Path) -> Path:
    path = tmp_path / "downloads" / "Solidarity (scraped).md"
    path.parent.mkdir()
    path.write_bytes(SCRAPED.encode("utf-8"))
    return path


def written_parts(path: Path) -> tuple[dict, bytes]:
    """The front matter (as YAML data) and the exact bytes after it."""
    data = path.read_bytes()
    assert data.startswith(b"---\n")
    end = data.index(b"\n---\n", 4)
    return yaml.safe_load(data[4:end].decode("utf-8")) or {}, data[end + 5:]


def probe_source(path: Path) -> SourceText:
    return SourceText(path=path, slug="probe", meta=TextMeta(), body=path.read_text(encoding="utf-8"),
                      body_line=1)


def fake_normalise(inferred: Inferred, *diagnostics: Diagnostic):
    def run(parsed: ParsedText) -> NormalisedText:
        return NormalisedText(source=parsed.source, blocks=parsed.blocks, inferred=inferred,
                              diagnostics=diagnostics)
    return run


def test_the_text_is_written_with_front_matter_and_its_body_byte_for_byte(sources_copy, scraped):
    added = add_text(scraped, sources_copy)
    assert added.path.parent == sources_copy / "texts"
    front, body = written_parts(added.path)
    assert body == scraped.read_bytes()
    text = read_text(added.path)  # the build accepts it
    assert text.body == SCRAPED
    assert isinstance(front, dict)
    assert not added.has_questions


def test_what_the_normaliser_infers_is_written_and_names_the_file(sources_copy, scraped, monkeypatch):
    inferred = Inferred(title="Solidarity across borders", authors=("Ana Souza",), date="2024-03-05",
                        publication="Example Magazine", source="https://example.org/solidarity/")
    monkeypatch.setattr(pamphleteer.add, "normalise", fake_normalise(inferred))
    added = add_text(scraped, sources_copy)
    assert added.slug == "souza-solidarity-across-borders"
    front, body = written_parts(added.path)
    assert b"\ndate: 2024-03-05\n" in added.path.read_bytes()  # a date, as a person would type it
    assert front == {"title": "Solidarity across borders", "author": "Ana Souza",
                     "date": datetime.date(2024, 3, 5),
                     "publication": "Example Magazine", "source": "https://example.org/solidarity/"}
    assert body == scraped.read_bytes()
    meta = read_text(added.path).meta
    assert (meta.title, meta.authors) == ("Solidarity across borders", ("Ana Souza",))
    assert meta.date == "2024-03-05"
    assert dict(added.inferred)["publication"] == "Example Magazine"
    assert added.missing == ()


def test_several_authors_are_written_as_a_list(sources_copy, scraped, monkeypatch):
    inferred = Inferred(title="T", authors=("A. One", "B. Two"))
    monkeypatch.setattr(pamphleteer.add, "normalise", fake_normalise(inferred))
    added = add_text(scraped, sources_copy, slug="two-authors")
    assert read_text(added.path).meta.authors == ("A. One", "B. Two")
    assert set(added.missing) == {"date", "publication", "source"}


def test_the_real_normaliser_finds_the_title_of_a_scraped_text(sources_copy, scraped):
    # What inference finds depends on the normaliser; this holds once it reads titles from headings.
    parsed_title = normalise(pamphleteer.add.parse_text(probe_source(scraped))).inferred.title
    if not parsed_title:
        pytest.skip("the normaliser infers no title from a '# Title' heading yet")
    added = add_text(scraped, sources_copy)
    front, _ = written_parts(added.path)
    assert front["title"] == "Solidarity across borders"
    assert added.slug.endswith("solidarity-across-borders")


def test_an_existing_text_is_never_overwritten(sources_copy, scraped):
    existing = sources_copy / "texts" / "kellaway-internationalism-today.md"
    before = existing.read_bytes()
    with pytest.raises(ConfigurationError, match="--slug"):
        add_text(scraped, sources_copy, slug="kellaway-internationalism-today")
    assert existing.read_bytes() == before


@pytest.mark.parametrize("slug", ["Bad_Slug", "-leading", "with space", "ümlaut"])
def test_a_bad_slug_is_refused_before_anything_is_written(sources_copy, scraped, slug):
    before = sorted(p.name for p in (sources_copy / "texts").iterdir())
    with pytest.raises(ConfigurationError, match="lower-case letters"):
        add_text(scraped, sources_copy, slug=slug)
    assert sorted(p.name for p in (sources_copy / "texts").iterdir()) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"caf\xe9 au lait\n", "not valid UTF-8"), (b"  \n\n", "empty"), (b"text\x00binary", "NUL byte")],
)
def test_a_file_the_build_could_not_read_is_refused(sources_copy, tmp_path, content, message):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    before = sorted(p.name for p in (sources_copy / "texts").iterdir())
    with pytest.raises(SourceError, match=message) as error:
        add_text(path, sources_copy)
    assert error.value.diagnostic.file == path
    assert sorted(p.name for p in (sources_copy / "texts").iterdir()) == before


def test_a_file_with_its_own_front_matter_is_copied_unchanged(sources_copy, tmp_path):
    path = tmp_path / "prepared.md"
    path.write_bytes(
        b'---\ntitle: Prepared\n# a comment the editor wrote\nquestions: ["Why?"]\n---\n\nBody text.\n'
    )
    added = add_text(path, sources_copy)
    assert added.kept_front_matter and added.has_questions
    assert added.path.name == "prepared.md"
    assert added.path.read_bytes() == path.read_bytes()
    assert "title" not in added.missing and "author" in added.missing


def test_broken_front_matter_is_refused_not_buried_in_the_body(sources_copy, tmp_path):
    path = tmp_path / "broken.md"
    path.write_bytes(b"---\ntitle: Broken\nquestions: [Why?\n---\n\nBody.\n")
    with pytest.raises(SourceError, match="not valid YAML") as error:
        add_text(path, sources_copy)
    assert error.value.diagnostic.line == 3
    assert not (sources_copy / "texts" / "broken.md").exists()


def test_a_body_that_opens_with_a_rule_is_kept_as_body(sources_copy, tmp_path):
    content = b"---\n\n*A pull quote, not front matter.*\n\n---\n\nThe text.\n"
    path = tmp_path / "rule-first.md"
    path.write_bytes(content)
    added = add_text(path, sources_copy)
    assert not added.kept_front_matter
    assert read_text(added.path).body == content.decode("utf-8")


def test_windows_line_endings_and_a_bom_are_kept_as_received(sources_copy, tmp_path):
    content = b"# Title\r\n\r\nA line.\r\n"
    path = tmp_path / "windows.md"
    path.write_bytes(b"\xef\xbb\xbf" + content)
    added = add_text(path, sources_copy)
    _, body = written_parts(added.path)
    assert body == content  # the byte order mark is dropped: it would sit after the front matter
    assert read_text(added.path).body == "# Title\n\nA line.\n"


def test_warnings_the_normaliser_raises_are_returned_for_a_person(sources_copy, scraped, monkeypatch):
    drop_cap = Diagnostic("W100", Severity.WARNING, "the text may start with a lost drop cap ('n the')")
    monkeypatch.setattr(pamphleteer.add, "normalise", fake_normalise(Inferred(title="T"), drop_cap))
    added = add_text(scraped, sources_copy, slug="drop-cap")
    messages = [d.message for d in added.diagnostics if d.severity is Severity.WARNING]
    assert drop_cap.message in messages
    assert any("questions" in message for message in messages)


@pytest.mark.parametrize(
    ("inferred", "file", "slug"),
    [
        (Inferred(title="What is to be done?", authors=("V. I. Lenin",)), "x.md", "lenin-what-is-to-be-done"),
        (Inferred(title="Solidarité ouvrière"), "x.md", "solidarite-ouvriere"),
        (Inferred(), "My Article (1).md", "my-article-1"),
        (Inferred(), "???.md", "text"),
        (Inferred(title="word " * 30), "x.md", "word-" * 11 + "word"),
        (Inferred(title="Endorsements", authors=("Nathaniel Rakich Jr.",)), "x.md", "rakich-endorsements"),
    ],
)
def test_suggested_slugs(inferred, file, slug):
    assert suggest_slug(inferred, Path(file)) == slug


def test_cli_add_says_what_it_wrote_and_what_is_left(sources_copy, scraped, monkeypatch, capsys):
    import build

    drop_cap = Diagnostic("W100", Severity.WARNING, "the first word may have lost its drop cap")
    inferred = Inferred(title="Solidarity across borders", authors=("Ana Souza",))
    monkeypatch.setattr(pamphleteer.add, "normalise", fake_normalise(inferred, drop_cap))
    code = build.main(["add", str(scraped), "--sources", str(sources_copy)])
    out = capsys.readouterr().out
    assert code == 0
    assert "texts/souza-solidarity-across-borders.md" in out
    assert "Solidarity across borders" in out and "Ana Souza" in out
    needs = out[out.index("Still needs a person"):]
    assert "date, publication, source" in needs
    assert "drop cap" in needs and "questions" in needs
    assert "\x1b[" not in out


def test_cli_add_refuses_to_overwrite_with_exit_code_2(sources_copy, scraped):
    arguments = [sys.executable, str(PROJECT / "build.py"), "add", str(scraped),
                 "--sources", str(sources_copy), "--slug", "camfield-internationalism-today"]
    result = subprocess.run(arguments, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "camfield-internationalism-today.md" in result.stderr and "--slug" in result.stderr
    assert "Traceback" not in result.stderr
    text, _, _, _ = split_front_matter(
        (sources_copy / "texts" / "camfield-internationalism-today.md").read_text(encoding="utf-8"), Path("x")
    )
    assert text.get("author") == "David Camfield"


def test_cli_add_asks_a_person_to_check_a_publication_only_guessed_from_the_address(
        sources_copy, scraped, monkeypatch, capsys):
    import build

    guessed = Inferred(title="Solidarity across borders", publication="Avclub", publication_guessed=True)
    monkeypatch.setattr(pamphleteer.add, "normalise", fake_normalise(guessed))
    assert build.main(["add", str(scraped), "--sources", str(sources_copy)]) == 0
    needs = capsys.readouterr().out.split("Still needs a person")[1]
    assert "'Avclub' is guessed from the page's address" in needs
