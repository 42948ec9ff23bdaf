"""Generated damaged texts and front matter: read cleanly or refused with file and line, never a crash.

Hypothesis writes front matter the way converters and careless hands do: our
keys and converters' keys in any case, values of every YAML type (lists,
mappings, dates, impossible dates, invisible characters, aliases), and then
damages the file's bytes (cut short, a byte changed, NUL, CR, a BOM, a stray
`---`). The reader path (`read_text`, then parse, normalise and the model) must
either accept the text or raise a `SourceError` that names the file and a
line; anything else is a bug. A few examples go through the real command line
too, with an earlier build's editions in the output folder: exit 0, or one
`error:` line naming the file and line, no traceback, and the editions as they
were.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamphleteer.errors import SourceError
from pamphleteer.model import build_text
from pamphleteer.normalise import normalise
from pamphleteer.parse import parse_text
from pamphleteer.sources import read_text
from tests.test_errors import make_publication, run_build, snapshot

KEYS = (
    "title", "Title", "TITLE", "subtitle", "author", "authors", "Author", "byline", "date", "Date",
    "published", "pubDate", "lang", "language", "rights", "license", "publication", "sitename",
    "site_name", "publisher", "hostname", "source", "url", "link", "canonical", "order",
    "questions", "fixes", "keep", "description", "excerpt", "summary", "tags", "categories",
    "created", "draft", "layout", "id", "weird", "über", "1",
)
TEXTS = st.sampled_from([
    "A title", "Ann Smith; Bo Li", "[[Ann Smith]]", "2019-11-19", "2024-13-45", "Nov. 19, 2019", "soon",
    "https://example.org/a", "/tag/x", "en-GB", "English", "", " ", "Evil\u202etxt", "zero\u200bwidth",
    "\ufeffbom", "<b>bold</b>", "<script>x()</script>", "a: b", "- item", "3 days ago", "N010", "1e309",
])
SCALARS = st.one_of(
    TEXTS, st.text(max_size=20), st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.booleans(),
    st.none(), st.dates(), st.datetimes(timezones=st.just(datetime.UTC)),
)
INNER_KEYS = st.sampled_from((*KEYS, "name", "find", "replace"))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(INNER_KEYS, inner, max_size=3)),
    max_leaves=10,
)
FRONT = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8)
BODY = st.lists(
    st.sampled_from([
        "A paragraph of plain words.", "# A heading", "> quoted *text", "- a\n  - b\n    - c",
        "[link](other.html)",
        "::: {.pullquote}\nHidden\n:::", "[x]{.link-note}", "<div class=\"skip-link\">x</div>", "---", "***",
        "```\ncode\n```", "<script>alert(1)</script>", "![img](../../etc/passwd)", "[a](/etc/passwd)",
        "caf\u00c3\u00a9", "    indented prose", "- - -", "text\u202eevil",
    ]),
    min_size=0, max_size=6,
).map(lambda blocks: "\n\n".join(["Words of the article's first paragraph.", *blocks]))


@st.composite
def damaged_file(draw: st.DrawFn) -> bytes:
    """A text file: front matter (dumped, or written by hand with aliases), a body, then damage."""
    front = draw(FRONT)
    try:
        block = yaml.safe_dump(front, allow_unicode=True, sort_keys=False) if front else ""
    except yaml.YAMLError:
        block = ""
    if draw(st.booleans()):
        block += draw(st.sampled_from([
            "a: &a [x, x, x]\nb: [*a, *a]\n", "questions: &q [Why?]\nkeep: *q\n",
            "title: &t T\nsubtitle: *t\n",
            "date: 2024-02-30\n", "title: [unclosed\n", "title: {\n", "? [complex, key]\n: value\n",
            "title: !!python/object/apply:os.system [id]\n", "title: x\ntitle: y\n", "\t- tab\n",
        ]))
    text = (f"---\n{block}---\n" if draw(st.integers(0, 4)) else "") + "\n" + draw(BODY) + "\n"
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        damage = draw(st.sampled_from(["cut", "byte", "nul", "cr", "bom", "fence", "control"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if damage == "cut":
            del data[at:]
        elif damage == "byte" and data:
            data[at] = draw(st.integers(0, 255))
        else:
            insert = {"nul": b"\x00", "cr": b"\r", "bom": b"\xef\xbb\xbf", "fence": b"\n---\n",
                      "control": b"\x1b", "byte": b"\xff"}[damage]
            data[at:at] = insert
    return bytes(data)


FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(damaged_file())
def test_a_damaged_text_is_read_or_refused_with_its_file_and_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzzed.md"
    path.write_bytes(data)
    try:
        source = read_text(path)
    except SourceError as refused:
        assert refused.diagnostic.file == path
        assert isinstance(refused.diagnostic.line, int) and refused.diagnostic.line >= 1, refused.diagnostic
        return
    for note in source.diagnostics:
        assert note.file == path and (note.line is None or note.line >= 1)
    meta = source.meta
    assert all(isinstance(value, str) for value in (meta.title, meta.date, meta.source, meta.lang))
    assert all("\u202e" not in value and "\u200b" not in value for value in (meta.title, *meta.authors))
    if meta.date:
        datetime.date.fromisoformat(meta.date)
    if len(data) < 2000:  # the slower stages on the smaller examples
        try:
            parsed = parse_text(source)
        except SourceError as refused:  # a body with no words, say
            assert refused.diagnostic.file == path and refused.diagnostic.line is not None
            return
        build_text(normalise(parsed), "en")


CLI = settings(max_examples=6, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@CLI
@given(damaged_file())
def test_the_command_line_builds_or_names_the_place_and_keeps_the_editions(
    tmp_path_factory, data: bytes
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    sources, output = make_publication(root)
    (sources / "texts" / "fuzzed.md").write_bytes(data)
    before = snapshot(output)
    result = run_build(root, "--sources", "sources", "--output", "output")
    said = result.stdout + result.stderr
    assert "Traceback" not in said and "internal error" not in said, said
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "sources/texts/fuzzed.md:" in errors[0], said
        assert snapshot(output) == before
