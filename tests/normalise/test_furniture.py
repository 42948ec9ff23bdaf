"""Furniture: what leaves the body at the head and foot of a scraped page, and where it goes."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.errors import Severity
from pamphleteer.normalise.furniture import lift_furniture, read_byline
from pamphleteer.normalise.names import find_date, natural_name, split_names
from tests.normalise.helpers import PATH, blocks


def texts(blocks_):
    return [text_of(b.node) for b in blocks_]


@pytest.mark.parametrize(("name", "natural"), [
    ("KELLAWAY Dave", "Dave Kellaway"),
    ("O'BRIEN Mary Ann", "Mary Ann O'Brien"),
    ("Ann SMITH-JONES", "Ann Smith-Jones"),
    ("DAVE KELLAWAY", "Dave Kellaway"),
    ("David Camfield", "David Camfield"),
])
def test_names_in_natural_order(name, natural):
    assert natural_name(name) == natural


def test_several_names():
    assert split_names("SMITH Ann, JONES Bob and Carla Diaz") == ("Ann Smith", "Bob Jones", "Carla Diaz")


@pytest.mark.parametrize(("text", "date"), [
    ("Date first published: 29 January 2024", "2024-01-29"),
    ("posted March 3rd, 2025", "2025-03-03"),
    ("29 Jan 2024 :", "2024-01-29"),
    ("on 2023-11-05", "2023-11-05"),
    ("no date at all", ""),
    ("31 February 2024", ""),
])
def test_dates_in_words(text, date):
    assert find_date(text) == date


@pytest.mark.parametrize(("line", "authors", "date"), [
    ("by David Camfield", ("David Camfield",), ""),
    ("By Jo Bloggs and Ann Lee", ("Jo Bloggs", "Ann Lee"), ""),
    ("Thursday 8 February 2024, by KELLAWAY Dave (Date first published: 29 January 2024).",
     ("Dave Kellaway",), "2024-01-29"),
    ("Monday 4 March 2025, by SMITH Ann", ("Ann Smith",), "2025-03-04"),
])
def test_bylines_in_both_styles(line, authors, date):
    assert read_byline(line) == (authors, date)


@pytest.mark.parametrize("line", [
    "Written by the working class itself, this is history.",
    "Stand by me and the others, they said, and walked on into the town.",
    "by",
])
def test_sentences_with_by_are_not_bylines(line):
    assert read_byline(line) is None


def test_the_head_of_a_page_becomes_metadata():
    text = ("# MAGAZINE\n\n## The Real Title\n\n---\n\nby **Jo Bloggs**\n\n*A lead in italics.*\n\n"
            "**A second lead in bold.**\n\nThe body begins here.\n\nIt goes on.")
    lifted = lift_furniture(blocks(text), PATH)
    assert lifted.inferred.publication == "Magazine"
    assert lifted.inferred.title == "The Real Title"
    assert lifted.inferred.authors == ("Jo Bloggs",)
    assert texts(lifted.standfirst) == ["A lead in italics.", "A second lead in bold."]
    assert texts(lifted.body) == ["The body begins here.", "It goes on."]
    assert [d.code for d in lifted.diagnostics] == ["N402", "N403", "N401", "N405", "N406", "N406"]


def test_a_byline_with_dates_gives_author_and_first_publication_date():
    text = ("# A Title\n\nMonday 4 March 2025, by [SMITH Ann](#) (Date first published: 1 March 2025).\n\n"
            "Body text.")
    lifted = lift_furniture(blocks(text), PATH)
    assert lifted.inferred.authors == ("Ann Smith",)
    assert lifted.inferred.date == "2025-03-01"
    assert texts(lifted.body) == ["Body text."]


def test_a_title_and_subtitle_are_not_a_masthead():
    lifted = lift_furniture(blocks("# Why Unions Matter Now\n\n## A short history\n\nBody."), PATH)
    assert (lifted.inferred.title, lifted.inferred.subtitle, lifted.inferred.publication) == (
        "Why Unions Matter Now", "A short history", "")


def test_a_heading_that_is_not_the_front_matter_title_stays_in_the_body():
    lifted = lift_furniture(blocks("# Introduction\n\nBody."), PATH, known_title="Another Title")
    assert texts(lifted.body) == ["Introduction", "Body."]
    assert [(d.code, d.severity) for d in lifted.diagnostics] == [("N409", Severity.WARNING)]


def test_a_lone_emphasised_paragraph_is_not_a_standfirst():
    lifted = lift_furniture(blocks("*Only this, in italics.*"), PATH)
    assert texts(lifted.body) == ["Only this, in italics."] and lifted.standfirst == ()


def test_a_signature_and_a_ps_source_list_become_the_source_note_and_bio():
    text = ("The body.\n\n**Jo Bloggs**\n\n---\n\n**P.S.**\n\n"
            "- Some Site. 3 Feb 2023 :  \n<https://s.org/x>\n- Jo Bloggs is a writer in Leeds.")
    lifted = lift_furniture(blocks(text), PATH, known_authors=("Jo Bloggs",))
    assert texts(lifted.body) == ["The body."]
    assert texts(lifted.source_note) == ["Jo Bloggs", "Some Site. 3 Feb 2023 : https://s.org/x"]
    assert texts(lifted.bio) == ["Jo Bloggs is a writer in Leeds."]
    assert (lifted.inferred.source, lifted.inferred.date, lifted.inferred.publication) == (
        "https://s.org/x", "2023-02-03", "Some Site")


def test_disclaimers_credits_and_bio_at_the_foot_leave_the_body():
    text = ("The argument ends.\n\n---\n\n*The views expressed here do not necessarily reflect ours.*\n\n"
            "For more information, see [us](https://x.org).\n\nPhoto credit: [Someone](#)\n\n"
            "[https://x.org/p.jpg](https://x.org/p.jpg); cropped.\n\n---\n\n"
            "**Jo Bloggs** teaches history in Leeds.")
    lifted = lift_furniture(blocks(text), PATH)
    assert texts(lifted.body) == ["The argument ends."]
    assert len(lifted.credits) == 4
    assert texts(lifted.bio) == ["Jo Bloggs teaches history in Leeds."]


@pytest.mark.parametrize("ending", [
    "She is a writer, and this is the end of the argument.",
    "**Solidarity forever!**",
    "The views of the left are divided.",
])
def test_an_ordinary_last_paragraph_stays(ending):
    lifted = lift_furniture(blocks(f"The body.\n\n{ending}"), PATH, known_authors=("Jo Bloggs",))
    assert len(lifted.body) == 2
