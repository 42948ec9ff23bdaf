"""Converter front matter is read, not refused: each tool's own output as a table, and every value checked.

The front matter blocks below are what the tools write by default (trafilatura's
`--markdown --with-metadata`, Hugo and a WordPress-to-Hugo export, Jekyll,
Obsidian Web Clipper's default template, MarkDownload's default template,
pandoc's `-s` Markdown writer). Each must give the text's title, author, date,
publication, source and standfirst, with no error and at most notes about the
keys a pamphlet has no use for.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from pamphleteer.errors import Severity, SourceError
from pamphleteer.meta import parse_date
from pamphleteer.sources import read_text

TRAFILATURA = """---
title: "Capitalism and the climate: a reply"
author: Ann Smith; Bo Li
url: https://tempestmag.org/2019/11/reply/
hostname: tempestmag.org
description: A reply to the critics.
sitename: Tempest
date: 2019-11-19
categories: ['Essays', 'Climate']
tags: ['ecology']
fingerprint: 5f2b0c9a1d
id: 1234
license: CC BY-NC 4.0
---
"""
HUGO = """---
Title: "What internationalism?"
Date: 2019-11-19T06:30:00-05:00
draft: false
authors: ["Ann Smith"]
summary: A talk given in Leeds.
url: /2019/11/19/what-internationalism/
canonicalURL: https://example.org/what-internationalism
tags: [internationalism]
---
"""
WORDPRESS_HUGO = """---
title: 'No alien but the capitalist'
author: Ann Smith
type: post
date: 2019-11-19T06:30:00+00:00
url: /2019/11/19/no-alien/
guid: https://example.org/?p=123
categories:
  - Essays
---
"""
JEKYLL = """---
layout: post
title:  "Solidarity, then and now"
date:   2019-11-19 06:30:00 +0100
author:
  name: Ann Smith
  url: https://example.org/ann
excerpt: Notes for a reading group.
published: true
permalink: /solidarity/
---
"""
OBSIDIAN = """---
title: "Solidarity, then and now"
source: "https://example.org/solidarity"
author:
  - "[[Ann Smith]]"
published: 2019-11-19
created: 2025-08-26
description: "Notes for a reading group."
tags:
  - "clippings"
---
"""
MARKDOWNLOAD = """---
created: 2022-04-15T10:20:30 (UTC +02:00)
tags: []
source: https://example.org/solidarity
author: Ann Smith
---
"""
PANDOC = """---
title: Solidarity, then and now
author:
- name: Ann Smith
  affiliation: Leeds
- Bo Li
date: Tuesday 19 November 2019
abstract: Notes for a reading group.
lang: en-GB
---
"""
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want", with a zero-width non-joiner
CONVERTERS = [
    # (tool, front matter, title, authors, date, publication, source, standfirst)
    ("trafilatura", TRAFILATURA, "Capitalism and the climate: a reply", ("Ann Smith", "Bo Li"), "2019-11-19",
     "Tempest", "https://tempestmag.org/2019/11/reply/", "A reply to the critics."),
    ("Hugo", HUGO, "What internationalism?", ("Ann Smith",), "2019-11-19", "",
     "https://example.org/what-internationalism", "A talk given in Leeds."),
    ("WordPress to Hugo", WORDPRESS_HUGO, "No alien but the capitalist", ("Ann Smith",), "2019-11-19",
     "", "", ""),
    ("Jekyll", JEKYLL, "Solidarity, then and now", ("Ann Smith",), "2019-11-19", "", "",
     "Notes for a reading group."),
    ("Obsidian Web Clipper", OBSIDIAN, "Solidarity, then and now", ("Ann Smith",), "2019-11-19", "",
     "https://example.org/solidarity", "Notes for a reading group."),
    ("MarkDownload", MARKDOWNLOAD, "", ("Ann Smith",), "", "", "https://example.org/solidarity", ""),
    ("pandoc", PANDOC, "Solidarity, then and now", ("Ann Smith", "Bo Li"), "2019-11-19", "", "",
     "Notes for a reading group."),
]


@pytest.mark.parametrize(
    ("tool", "front", "title", "authors", "date", "publication", "source", "standfirst"),
    CONVERTERS, ids=[case[0] for case in CONVERTERS],
)
def test_each_converters_front_matter_is_read(
    tmp_path, tool, front, title, authors, date, publication, source, standfirst
):
    path = tmp_path / "clipped.md"
    path.write_text(front + "\nThe article's first paragraph.\n", encoding="utf-8")
    text = read_text(path)
    meta = text.meta
    assert (meta.title, meta.authors, meta.date) == (title, authors, date)
    assert (meta.publication, meta.source, meta.standfirst) == (publication, source, standfirst)
    unknown = [d for d in text.diagnostics if d.severity is Severity.WARNING and "unknown" in d.message]
    assert not unknown, tool


def test_what_was_read_as_what_is_said_and_unknown_keys_are_warnings_with_their_line(tmp_path):
    path = tmp_path / "clipped.md"
    path.write_text("---\nsitename: Tempest\nflavour: vanilla\nTITLE: T\n---\n\nBody.\n", encoding="utf-8")
    text = read_text(path)
    by_code = {d.code: d for d in text.diagnostics}
    assert "'sitename' as 'publication'" in by_code["I202"].message
    assert "'TITLE' as 'title'" in by_code["I202"].message
    assert by_code["W201"].severity is Severity.WARNING and by_code["W201"].line == 3
    assert "'flavour'" in by_code["W201"].message
    assert text.meta.title == "T" and text.meta.publication == "Tempest"


def test_our_own_key_wins_over_a_converters_and_the_other_is_noted(tmp_path):
    path = tmp_path / "both.md"
    path.write_text("---\nurl: https://a.example/x\nsource: https://b.example/y\n---\n\nB.\n")
    text = read_text(path)
    assert text.meta.source == "https://b.example/y"
    assert any("'url' is not used" in d.message for d in text.diagnostics)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2019-11-19T06:30:00-05:00", datetime.date(2019, 11, 19)),
        ("Nov. 19, 2019", datetime.date(2019, 11, 19)),
        ("Tuesday 15 October 2019", datetime.date(2019, 10, 15)),
        ("15 octobre 2019", datetime.date(2019, 10, 15)),
        ("Thu, 21 Nov 2019 10:00:00 GMT", datetime.date(2019, 11, 21)),
        ("2019-11-19 06:30", datetime.date(2019, 11, 19)),
        ("2024-13-45", None),
        ("2024-02-30", None),
        ("yesterday", None),
        ("3 days ago", None),
        ("soon", None),
        ("November 2019", None),  # no day: a pamphlet does not invent one
        ("", None),
    ],
)
def test_dates_in_any_common_form_and_never_an_impossible_or_relative_one(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize(("front", "day"), [
    ("lang: fr", datetime.date(2020, 10, 12)),
    ("lang: de", datetime.date(2020, 10, 12)),
    ("lang: en-GB", datetime.date(2020, 10, 12)),
    ("og:locale: en_GB", datetime.date(2020, 10, 12)),  # a clipper's page locale, as og:locale writes it
    ("locale: fr_FR", datetime.date(2020, 10, 12)),
    ("lang: en", datetime.date(2020, 10, 12)),  # nothing says American
    ("", datetime.date(2020, 10, 12)),
    ("lang: en-US", datetime.date(2020, 12, 10)),
    ("og:locale: en_US", datetime.date(2020, 12, 10)),
])
def test_a_numeric_front_matter_date_is_read_in_the_order_of_the_texts_language(tmp_path, front, day):
    path = tmp_path / "dated.md"
    path.write_text(f"---\ntitle: T\ndate: 12/10/2020\n{front}\n---\n\nBody.\n", encoding="utf-8")
    assert read_text(path).meta.date == day.isoformat()


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("date: 2024-13-45", 2, "'date' is '2024-13-45', which is not a date"),
        ("date: next week", 2, "'date' is 'next week', which is not a date"),
        ("date: {day: 1}", 2, "'date' must be a date"),
        ("title: T\nauthor: {name: [1]}", 3, "'author' must be a name"),
        ("source: /tag/x", 2, "'source' is '/tag/x'"),
        ("title: " + "long " * 200, 2, "'title' is 999 characters long; it may be at most 500"),
        ("title: T\nfixes: [" + ", ".join(["{find: a, replace: b}"] * 501) + "]", 3,
         "'fixes' has 501 entries"),
        ("keep: [" + ", ".join(["N010"] * 600) + "]", 2,
         "'keep' has 600 entries; a text may have at most 500"),
    ],
)
def test_a_wrong_value_under_our_own_key_is_an_error_with_its_line(tmp_path, front, line, message):
    path = tmp_path / "bad.md"
    path.write_text(f"---\n{front}\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_text(path)
    assert message in caught.value.diagnostic.message
    assert caught.value.diagnostic.line == line


@pytest.mark.parametrize(
    ("front", "kept"),
    [
        ("title: \"Lef\u202et\u202c\"", "Left"),
        ("title: \"Zero\u200bwidth\"", "Zerowidth"),
        ("title: \"\ufeffBOM\"", "BOM"),
        ("title: \"\u2066Isolated\u2069\"", "Isolated"),
        ("title: \"Jo\u200dined\"", "Joined"),  # no script written in Latin letters needs a joiner
        (f"title: \"{PERSIAN}\"", PERSIAN),  # Persian does: it is kept
    ],
)
def test_invisible_characters_are_stripped_from_metadata_with_a_warning(tmp_path, front, kept):
    path = tmp_path / "hidden.md"
    path.write_text(f"---\n{front}\n---\n\nBody.\n", encoding="utf-8")
    text = read_text(path)
    assert text.meta.title == kept
    warned = [d for d in text.diagnostics if d.code == "W203"]
    assert bool(warned) == (kept != front.split('"')[1]), text.diagnostics
    assert all(d.line == 2 for d in warned)


def test_a_converters_wrong_value_is_left_out_with_a_warning_never_refused(tmp_path):
    path = tmp_path / "odd.md"
    path.write_text(
        "---\npublished: false\nlanguage: English\nurl: /posts/x/\nDate: 2024-13-45\n---\n\nBody.\n",
        encoding="utf-8",
    )
    text = read_text(path)
    assert (text.meta.date, text.meta.lang, text.meta.source) == ("", "", "")
    warned = {d.line for d in text.diagnostics if d.code == "W202"}
    assert warned == {3, 5}, text.diagnostics  # Hugo's site path (line 4) is a note, not a warning
    assert any(d.line == 4 and "a path on the site" in d.message for d in text.diagnostics)


def test_a_yaml_datetime_and_a_date_word_in_a_title_stay_text(tmp_path):
    path = Path(tmp_path / "typed.md")
    path.write_text("---\ntitle: 2019-11-19\nsubtitle: 3\n---\n\nBody.\n", encoding="utf-8")
    meta = read_text(path).meta
    assert (meta.title, meta.subtitle) == ("2019-11-19", "3")


@pytest.mark.parametrize(
    ("summary", "body", "shown"),
    [
        ("A reply to the critics.", "The critics said many things about the climate.\n", True),
        ("The critics said many things", "The critics said many things about the climate.\n", False),
        ("", "The critics said many things about the climate.\n", False),
    ],
)
def test_a_converters_summary_is_the_standfirst_unless_the_body_opens_with_it(summary, body, shown):
    from pamphleteer import ast
    from pamphleteer.meta import TextMeta
    from pamphleteer.model import build_text
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import ParsedText
    from pamphleteer.sources import SourceText
    from tests.normalise.helpers import PATH, blocks

    source = SourceText(path=PATH, slug="example", meta=TextMeta(title="T", standfirst=summary), body=body,
                        body_line=1)
    text, _ = build_text(normalise(ParsedText(source, blocks(body))), "en")
    assert [ast.text_of(block.node) for block in text.standfirst] == ([summary] if shown else [])


def test_a_list_of_one_is_its_item_and_a_longer_list_under_our_key_an_error(tmp_path):
    path = tmp_path / "listed.md"
    path.write_text('---\ntitle: [One title]\nsource: ["https://example.org/a"]\n---\n\nBody.\n')
    meta = read_text(path).meta
    assert (meta.title, meta.source) == ("One title", "https://example.org/a")
    path.write_text("---\ntitle: [One, Two]\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="'title' must be a text"):
        read_text(path)


BROKEN_CONVERTER_ENTRIES = [
    # (front matter as a converter wrote it, the line left out, what is still read)
    ("title: T\ntags: [Coronavirus,, Rechtswissenschaft]\nauthor: A B\n", 3, ("T", ("A B",))),
    ("title: T\ndescription: He said: no\nauthor: A B\n", 3, ("T", ("A B",))),
    ('title: T\nexcerpt: "never closed\nauthor: A B\n', 3, ("T", ("A B",))),  # the next key is read again
    ("title: T\nkeywords:\n  - one\n  - [two,, three]\nauthor: A B\n", 3, ("T", ("A B",))),
]


@pytest.mark.parametrize(("front", "line", "read"), BROKEN_CONVERTER_ENTRIES)
def test_a_converters_entry_that_is_not_yaml_is_left_out_with_a_warning_never_refused(
    tmp_path, front, line, read
):
    path = tmp_path / "clipped.md"
    path.write_text(f"---\n{front}---\n\nBody.\n", encoding="utf-8")
    text = read_text(path)
    assert (text.meta.title, text.meta.authors) == read
    broken = [d for d in text.diagnostics if d.code == "W205"]
    assert [(d.line, d.severity) for d in broken] == [(line, Severity.WARNING)]
    assert "not valid YAML" in broken[0].message


@pytest.mark.parametrize("front", ["title: T\nquestions: [Why,, how]\n", 'title: "T\nauthor: A\n'])
def test_our_own_key_that_is_not_yaml_is_still_an_error_with_its_line(tmp_path, front):
    path = tmp_path / "mine.md"
    path.write_text(f"---\n{front}---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid YAML") as raised:
        read_text(path)
    assert (raised.value.diagnostic.line or 0) >= 2


@pytest.mark.parametrize(("front", "title", "publication"), [
    # the <title> a converter wrote, ending with the site's name: the publication it gives, or its address
    ("title: Why the Strike Wave Matters | The Daily Radical\npublication: The Daily Radical",
     "Why the Strike Wave Matters", "The Daily Radical"),
    ("title: Why Rent Strikes Are Back - Red Pepper\nurl: https://www.redpepper.org.uk/x/",
     "Why Rent Strikes Are Back", "Red Pepper"),
    ("title: Kein Frieden ohne Gerechtigkeit – Jungle.World\nsource: https://jungle.world/artikel/1",
     "Kein Frieden ohne Gerechtigkeit", "Jungle.World"),
    # a site's own export (Hugo, `url:` relative to the site): the name after a bar is the site's
    ("title: CRISPR Patents Spark Fight to Control Genome Editing | MIT Technology Review\n"
     "url: /featuredstory/532796/who-owns-the-biggest-biotech-discovery-of-the-century/",
     "CRISPR Patents Spark Fight to Control Genome Editing", "MIT Technology Review"),
    ("title: 'Gute Tabus, schlechte Tabus: Die Rollen in der Debatte über Israel | Übermedien'\n"
     "url: /89676/gute-tabus-schlechte-tabus/",
     "Gute Tabus, schlechte Tabus: Die Rollen in der Debatte über Israel", "Übermedien"),
    # a title whose last words only look like a name, or are not the site's, stays whole
    ("title: Why Rent Strikes Are Back - Part Two\nurl: /x/why-rent-strikes/",
     "Why Rent Strikes Are Back - Part Two", ""),
    ("title: Why Rent Strikes Are Back - Part Two\nurl: https://www.redpepper.org.uk/x/",
     "Why Rent Strikes Are Back - Part Two", ""),
    ("title: Marx | Engels\npublication: Engels", "Marx | Engels", "Engels"),
    # and a person can keep it
    ("title: Why the Strike Wave Matters | The Daily Radical\npublication: The Daily Radical\nkeep: [I204]",
     "Why the Strike Wave Matters | The Daily Radical", "The Daily Radical"),
])
def test_the_sites_name_ending_a_front_matter_title_is_the_publication(tmp_path, front, title, publication):
    path = tmp_path / "text.md"
    path.write_text(f"---\n{front}\n---\n\nThe body.\n", encoding="utf-8")
    text = read_text(path)
    assert (text.meta.title, text.meta.publication) == (title, publication)
    written = front.split("\n")[0].removeprefix("title: ")
    assert ("I204" in [d.code for d in text.diagnostics]) is (title != written)


@pytest.mark.parametrize(("front", "authors", "noted"), [
    # a clipper lists the site beside the person: the person is the author
    ('author: ["[[Ann Lee]]", "[[Red Pepper]]"]\nsource: https://www.redpepper.org.uk/x/',
     ("Ann Lee",), True),
    ("author: Ann Lee; The Daily Radical\npublication: The Daily Radical", ("Ann Lee",), True),
    # an extractor took a comment's heading for the byline
    ("author: Bo Chan says\nurl: https://example.org/x", (), True),
    # a byline's site and month, the day and year cut off ("CBS News February 24, 2020")
    ("author: CBS News February\nurl: /news/x/", (), True),
    ("author: The Daily Radical, Sept.\nurl: /news/x/", (), True),
    # a newsroom's label is no person ("Staff; News Service Reports", trafilatura's)
    ("author: Staff; News Service Reports\nurl: https://www.twincities.com/x/", (), True),
    ("author: Ann Lee; Editorial Team\nurl: /news/x/", ("Ann Lee",), True),
    ("author: Newsroom Smith\nurl: /news/x/", ("Newsroom Smith",), False),
    # a person's name ending in a month's is still a person's
    ("author: Theresa May\nurl: /news/x/", ("Theresa May",), False),
    ("author: Ann Lee June\nurl: /news/x/", ("Ann Lee June",), False),
    # a news agency is no author: the wire that sent the story (thelocal, Obsidian's "[[AFP]]")
    ('author: ["[[AFP]]"]\nsource: https://www.thelocal.se/x', (), True),
    ("author: dpa/AFP\nurl: /news/x/", (), True),
    ("author: Ann Lee; Reuters\nurl: /news/x/", ("Ann Lee",), True),
    ("author: Apu Nahasapeemapetilon\nurl: /news/x/", ("Apu Nahasapeemapetilon",), False),
    # the source's address written as a name (a clipper's guess: "Lefigaro Fr" for lefigaro.fr)
    ('author: ["[[Lefigaro Fr]]"]\nsource: http://www.lefigaro.fr/x', (), True),
    # the page's whole byline given as the author (trafilatura): its names; a book's editor is none
    ("author: Par LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux à Toulouse\nurl: https://www.liberation.fr/x",
     ("Lilian Alemagna", "Laure Bretton"), True),
    ("author: By Ann Lee and Bo Chan\nurl: /news/x/", ("Ann Lee", "Bo Chan"), True),
    ("author: Par LILIAN ALEMAGNA; LAURE BRETTON Envoyés spéciaux à Toulouse\nurl: /x/",
     ("Lilian Alemagna", "Laure Bretton"), True),
    ('author: ["[[Revised Edition Edited by Adrian Parr]]"]\nsource: https://x.org/micropolitics', (), True),
    ("author: Byron Smith\nurl: /news/x/", ("Byron Smith",), False),
    # a site alone may be the author (an institution's statement); a person keeps it
    ("author: Red Pepper\nsource: https://www.redpepper.org.uk/x/", ("Red Pepper",), False),
    ('author: ["Ann Lee", "Red Pepper"]\npublication: Red Pepper\nkeep: [I205]',
     ("Ann Lee", "Red Pepper"), False),
])
def test_the_site_or_a_comments_heading_is_no_author(tmp_path, front, authors, noted):
    path = tmp_path / "text.md"
    path.write_text(f"---\n{front}\n---\n\nThe body.\n", encoding="utf-8")
    text = read_text(path)
    assert text.meta.authors == authors
    assert ("I205" in [d.code for d in text.diagnostics]) is noted


DATED_BODY = ("# The Long Road Back\n\nBy Ann Lee\n\nPublished 1 November 2023\n\n"
              "The strike wave that swept the country this autumn was not an accident. It was the product "
              "of years of patient organising by rank-and-file workers who had grown tired of waiting.\n")


@pytest.mark.parametrize(("front", "date"), [
    # a converter's date a day before the page's dateline (a timestamp's day in UTC): the dateline wins
    ("title: The Long Road Back\ndate: '2023-10-31'\nurl: https://example.org/x", "2023-11-01"),  # was 10-31
    ("published: 2023-11-02\nsource: https://example.org/x", "2023-11-01"),  # a day after: was 11-02
    # further apart, the converter's stands (another day the page names: an update, a print issue)
    ("published: 2023-10-29\nsource: https://example.org/x", "2023-10-29"),
    # a person's own front matter always stands
    ("title: The Long Road Back\ndate: 2023-10-31", "2023-10-31"),
])
def test_the_pages_dateline_over_a_converters_date_a_time_zone_away(tmp_path, front, date):
    from pamphleteer.model import build_text
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text

    path = tmp_path / "text.md"
    path.write_text(f"---\n{front}\n---\n\n{DATED_BODY}", encoding="utf-8")
    text, notes = build_text(normalise(parse_text(read_text(path))), "en")
    assert text.date == date
    assert any("a day apart" in note.message for note in notes) is (date == "2023-11-01")


@pytest.mark.parametrize("front, title, subtitle, repaired", [
    # a converter writes the page's title as it stands, with typewriter quotes: set as the body's are
    ("title: Berlin confronts Germany's colonial past\nsubtitle: 'The \"African Quarter\" renamed'",
     "Berlin confronts Germany’s colonial past", "The “African Quarter” renamed", True),
    ("title: Germany's past\nkeep: [N501]", "Germany's past", "", False),  # a person keeps them as written
    ("title: Germany’s past", "Germany’s past", "", False),
])
def test_a_titles_straight_quotes_are_set_as_the_texts_are(tmp_path, front, title, subtitle, repaired):
    from pamphleteer.model import build_text
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text

    path = tmp_path / "text.md"
    path.write_text(f"---\n{front}\n---\n\n{DATED_BODY}", encoding="utf-8")
    text, notes = build_text(normalise(parse_text(read_text(path))), "en")
    assert (text.title, text.subtitle) == (title, subtitle)
    written = ("Berlin confronts Germany's colonial past", 'The "African Quarter" renamed')
    assert [(note.before, note.after) for note in notes if note.code == "N501"] == (
        list(zip(written, (title, subtitle), strict=True)) if repaired else [])


@pytest.mark.parametrize(("front", "authors"), [
    # the site's publisher given as the author: the site's name with a publisher's words
    ("author: SPIEGEL ONLINE\nurl: https://www.spiegel.de/spiegel/print/d-1.html", ()),
    ('author: ["[[Ediciones El País]]"]\nsource: http://sociedad.elpais.com/sociedad/x.html', ()),
    # trafilatura's author is the site's name, split where its sitename has commas
    ("author: SPIEGEL ONLINE; Hamburg; Germany\nsitename: SPIEGEL ONLINE, Hamburg, Germany\n"
     "url: https://www.spiegel.de/x.html", ()),
    # a person whose own site it is keeps it, and so does a person whose name holds a site's word
    ("author: Wolfgang Michal\nurl: https://www.wolfgangmichal.de/2017/06/x/", ("Wolfgang Michal",)),
    ("author: Ann Spiegel\nurl: https://www.spiegel.de/x.html", ("Ann Spiegel",)),
])
def test_the_sites_publisher_is_no_author(tmp_path, front, authors):
    path = tmp_path / "text.md"
    path.write_text(f"---\n{front}\n---\n\nThe body.\n", encoding="utf-8")
    assert read_text(path).meta.authors == authors


BIO_BODY = ("# Warum wir streiken\n\n" + "Die Streikwelle dieses Herbstes war kein Zufall, sondern das "
            "Ergebnis jahrelanger geduldiger Arbeit von Beschäftigten, die nicht länger warten wollten. " * 2
            + "\n\n**Ann Lee** arbeitet als Wissenschaftlerin am Institut. **Bo Chan** ist Senior "
            "Researcher.\n")


@pytest.mark.parametrize(("front", "authors"), [
    # the site's name alone as the author (a clipper's guess): the writers its bio names come first
    ("author: Makronom\nsource: https://makronom.de/warum-45273", ("Ann Lee", "Bo Chan")),  # was Makronom
    # a person's name the front matter gives stands
    ("author: Cy Dahl\nsource: https://makronom.de/warum-45273", ("Cy Dahl",)),
])
def test_the_sites_name_as_the_author_gives_way_to_the_writers_the_page_names(tmp_path, front, authors):
    from pamphleteer.model import build_text
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text

    path = tmp_path / "text.md"
    path.write_text(f"---\n{front}\n---\n\n{BIO_BODY}", encoding="utf-8")
    text, notes = build_text(normalise(parse_text(read_text(path))), "en")
    assert text.authors == authors


def test_a_clippers_first_author_is_completed_by_the_signatures_of_the_texts_pieces(tmp_path):
    from pamphleteer.model import build_text
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text

    piece = "This scene works only in relation to the moments that occur before and after it, and it is good."
    body = "\n\n".join(f"## Scene {n}\n\n{piece} [{name}]" for n, name in enumerate(
        ("Ann Lee", "Bo Chan", "Ann Lee", "Cy Dahl"), start=1))
    path = tmp_path / "text.md"
    path.write_text(f"---\ntitle: The best scenes\nauthor: Ann Lee\n---\n\n{body}\n", encoding="utf-8")
    text, notes = build_text(normalise(parse_text(read_text(path))), "en")
    assert text.authors == ("Ann Lee", "Bo Chan", "Cy Dahl")  # was Ann Lee alone
    assert any("completed" in note.message for note in notes)
