"""The editions' own furniture (contents, headings, the imprint's sentences) is in the publication's
language, and what stands inside a text in the text's: a Russian publication reads in Russian."""

from __future__ import annotations

import datetime
import html
import re
import zipfile
from pathlib import Path

import fitz
import pytest

from pamphleteer.wording import ENGLISH, LANGUAGES, words
from tests.conftest import EPOCH, JOBS

RUSSIAN_TOML = """title = "Что делать?"
slug = "reader"
language = "ru"
publisher = "Рабочая книга"
editor = "Анна Петрова"
"""
RUSSIAN_TEXT = """---
title: О профсоюзах
author: Иван Иванов
publication: Искра
date: 2024-01-29
source: https://example.org/o-profsoyuzah
questions:
  - Что такое профсоюз?
  - Зачем он нужен?
---

Профсоюз объединяет работников одного дела.[^1] Вместе они сильнее, чем поодиночке.

[^1]: Так писали и сто лет назад.
"""
INTRODUCTION = "---\ntitle: Вступление\n---\n\nЭтот сборник о профсоюзах.\n"
# The furniture of every edition, in Russian, and the English that must not stand in its place.
HEADINGS = ("Содержание", "Вопросы для обсуждения", "Примечания", "Об авторе", "Источники и права",
            "Это издание")
ENGLISH_FURNITURE = ("Contents", "Questions for discussion", "Notes", "About the author",
                     "Sources and credits",
                     "This edition", "First published", "Original:", "Set in", "Made with", "Published by",
                     "Edited by", "Built ", "In this pamphlet", "Back to the contents", "Skip to the texts",
                     "Page ", "Cover", "Title page", "Imprint", "Landmarks", "Pages of the print edition",
                     "Back cover")


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from pamphleteer.pipeline import build

    root = tmp_path_factory.mktemp("russian")
    sources = root / "sources"
    (sources / "texts").mkdir(parents=True)
    (sources / "front").mkdir()
    (sources / "publication.toml").write_text(RUSSIAN_TOML, encoding="utf-8")
    (sources / "texts" / "o-profsoyuzah.md").write_text(RUSSIAN_TEXT, encoding="utf-8")
    (sources / "front" / "introduction.md").write_text(INTRODUCTION, encoding="utf-8")
    result = build(sources, root / "output", ("pdf", "epub", "html"), epoch=EPOCH, jobs=JOBS)
    return {path.suffix: path for path in result.written if "-" not in path.stem}  # not the booklet


def visible(markup: str) -> str:
    """What a reader sees of an (X)HTML document: its text, and the labels and titles read out."""
    labels = " ".join(re.findall(r'(?:aria-label|title|alt)="([^"]*)"', markup))
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(?:cite|a|span|em|i|b|strong)\b[^>]*>", "", markup)  # within a line
    return html.unescape(re.sub(r"<[^>]+>", " ", markup) + " " + labels)


def assert_russian(seen: str, edition: str, headings: tuple[str, ...] = HEADINGS) -> None:
    flat = re.sub(r"\s+", " ", seen)
    for heading in headings:
        assert heading in flat, f"the {edition} has no '{heading}'"
    assert "Впервые опубликовано: Искра, 29 января 2024 г." in flat, edition
    english = [words for words in ENGLISH_FURNITURE if words in flat]
    assert not english, f"the {edition} says {english} in English"


def test_a_russian_publications_web_page_reads_in_russian(russian):
    page = russian[".html"].read_text(encoding="utf-8")
    assert_russian(visible(page), "web page")
    assert "Это издание: 1 января 2026 г." in re.sub(r"\s+", " ", visible(page))


def test_a_russian_publications_ebook_reads_in_russian(russian):
    with zipfile.ZipFile(russian[".epub"]) as book:
        documents = [book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml")]
        ncx = next(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".ncx"))
    seen = " ".join(visible(document) for document in documents)  # its notes are pop-ups, not headed
    assert_russian(seen, "ebook", tuple(heading for heading in HEADINGS if heading != "Примечания"))
    labels = re.findall(r"<text>([^<]*)</text>", ncx)
    assert "Вопросы для обсуждения" in labels and "Источники и права" in labels, labels
    assert not {"Questions for discussion", "Sources and credits", "Contents"} & set(labels), labels


def test_a_russian_publications_print_edition_reads_in_russian(russian):
    with fitz.open(russian[".pdf"]) as pdf:
        seen = " ".join(page.get_text() for page in pdf)
        outline = [title for _, title, _ in pdf.get_toc()]
        fonts = {font[3] for page in pdf for font in page.get_fonts()}
    assert_russian(seen.replace("\u00ad", ""), "print edition")
    # Its running heads (the titles, in capitals) are set in the vendored faces, not a system font.
    assert all(name.split("+")[-1].startswith(("Crimson-Pro", "Gentium-Book-Plus")) for name in fonts), fonts
    assert "Источники и права" in outline and "Содержание" in outline, outline


def test_every_language_says_every_piece_of_furniture():
    """Every language has each word and pattern, with the same names to fill in as the English."""
    fields = {name: value for name, value in vars(ENGLISH).items() if isinstance(value, str)}
    for language, said in LANGUAGES.items():
        for name, english in fields.items():
            value = getattr(said, name)
            assert isinstance(value, str), (language, name)
            if name != "first_day":
                named, asked = (set(re.findall(r"\{(\w+)\}", text)) for text in (value, english))
                # Where a number would have to agree with its noun, a language may leave the count out.
                fits = named <= asked if name == "credits_elsewhere" else named == asked
                assert value.strip() and fits, (language, name, value)
        assert len(set(said.months)) == 12, language
    assert words("ru-RU") is words("ru") and words("xx") is ENGLISH and words("pt-BR") is LANGUAGES["pt"]
    assert words("fr").on(datetime.date(2026, 1, 1)) == "1er janvier 2026"


@pytest.mark.parametrize("tag, language", [("ru", "ru"), ("pt-BR", "pt"), ("DE", "de"), ("fr_CA", "fr"),
                                           ("en-GB", "en"), ("xx", "en")])
def test_a_language_tag_in_any_case_or_locale_form_finds_its_furniture(tag, language):
    # Converters write a page's locale as "fr_CA" (og:locale) and people write "DE": both are French
    # and German furniture, not English.
    assert words(tag) is LANGUAGES[language]
