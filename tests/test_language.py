"""A text's language read from its words where its front matter names none (normalise.language):
a German article in an English reader is marked German, so it is hyphenated, voiced and
furnished as German; a text in the publication's language, or too short to tell, keeps the
publication's; front matter always stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamphleteer.model import build_text
from pamphleteer.normalise import normalise
from pamphleteer.parse import parse_text
from pamphleteer.sources import read_text

GERMAN = """Die Regierung hat am Dienstag angekündigt, dass die Mieten in den großen Städten nicht weiter
steigen sollen. Viele Menschen, die seit Jahren in ihren Wohnungen leben, können sich die neuen
Preise nicht mehr leisten, und die Gewerkschaften fordern seit langem, dass etwas geschieht.

Die Opposition kritisiert, dass das Gesetz zu spät kommt und zu wenig verändert. Wer heute eine
Wohnung sucht, findet oft keine, oder nur eine, die weit draußen liegt und für die man jeden Tag
lange fahren muss. Auch die Vermieter sind nicht zufrieden, denn sie sagen, dass sie ihre Häuser
nicht mehr instand halten können, wenn die Mieten so niedrig bleiben.
"""

ENGLISH = """The government announced on Tuesday that rents in the big cities should not rise any further.
Many people who have lived in their flats for years can no longer afford the new prices, and the
unions have long demanded that something should be done about it.

The opposition says that the law comes too late and changes too little. Whoever looks for a flat
today often finds none, or only one that is far out of town and from which one has to travel a
long way every day. The landlords are not happy either, because they say that they can no longer
keep their houses in repair if the rents stay so low.
"""


def built(tmp_path: Path, body: str, front: str = "title: Mieten", publication_language: str = "en"):
    path = tmp_path / "text.md"
    path.write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")
    return build_text(normalise(parse_text(read_text(path))), publication_language)


def test_a_german_text_in_an_english_publication_is_marked_german_and_says_so(tmp_path):
    text, notes = built(tmp_path, GERMAN)
    assert text.lang == "de"
    (note,) = [note for note in notes if "language inferred" in note.message]
    assert "de" in note.message and "the publication's is en" in note.message and "'lang:'" in note.message


@pytest.mark.parametrize("body, publication, lang", [
    (ENGLISH, "en-GB", "en-GB"),  # the publication's language, as it spells it
    (GERMAN, "de-AT", "de-AT"),
    (ENGLISH, "de", "en"),  # an English text in a German publication
    ("Die Regierung hat am Dienstag angekündigt, dass die Mieten steigen.", "en", "en"),  # too short to tell
])
def test_the_inferred_language_only_where_it_differs_from_the_publications(tmp_path, body, publication, lang):
    text, notes = built(tmp_path, body, publication_language=publication)
    assert text.lang == lang
    assert any("language inferred" in note.message for note in notes) is (lang != publication)


def test_the_front_matters_language_always_stands(tmp_path):
    text, notes = built(tmp_path, GERMAN, "title: Mieten\nlang: en-GB")
    assert text.lang == "en-GB"
    assert not any("language inferred" in note.message for note in notes)


def test_names_are_no_evidence_of_a_language(tmp_path):
    """A list of English names (a letter's signatories) is not Finnish, whose stop-word list has them."""
    names = ", ".join(["Jennifer Egan", "Roger Berkowitz", "Anne Applebaum", "Marie Arana", "Neil Gross",
                       "Nicholas Lemann", "Anthony Appiah", "Jonathan Haidt", "Matthew Yglesias",
                       "Steven Pinker", "Andrew Solomon", "Margaret Atwood", "Francis Fukuyama"] * 4)
    text, _ = built(tmp_path, f"Signed by {names}.\n", "title: A Letter")
    assert text.lang == "en"
