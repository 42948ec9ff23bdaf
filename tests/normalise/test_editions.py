"""The normaliser's repairs, as a reader sees them in every edition of the seed reader."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.test_build import pdf_text
from tests.textmatch import contains_in_order


def edition(built, suffix: str) -> str:
    path = next(p for p in built.written if p.name.endswith(suffix))
    if suffix == ".pdf":
        return pdf_text(path)
    if suffix == ".epub":
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if n.endswith(".xhtml"))
            return "\n".join(archive.read(n).decode() for n in names)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".pdf", ".epub", ".html"])
def test_repairs_reach_every_edition(built, suffix):
    text = edition(built, suffix)
    opening = "I think the starting point for thinking about internationalism"
    if suffix == ".pdf":  # the initial is a drop cap, a float: text extraction finds it before the title
        opening = opening.removeprefix("I ")
    assert contains_in_order(text, opening, max_gap=2)
    # a pull quote
    assert contains_in_order(text, "The struggle for self-emancipation doesn't have borders", max_gap=2)
    assert "srltid" not in text  # tracking parameters gone
    assert "working–class" not in text and "so–called" not in text
    assert "P.S." not in text and "TEMPEST" not in text


@pytest.mark.parametrize("suffix", [".epub", ".html"])
def test_markup_repairs_in_the_ebook_and_web_editions(built, suffix):
    text = edition(built, suffix)
    asides = re.findall(r'<aside class="pullquote"[^>]*data-quotes="([^"]+)"', text)
    assert len(asides) == 3
    assert all(f'id="{target}"' in text for target in asides)  # each names a paragraph that is there
    assert text.count("are-you-a-settler") == 1  # one link, no repeated URL
    assert 'href="#"' not in text and "](#)" not in text  # dead links unwrapped
    for joined in ("more or less the trajectory", "Mexico’s and Cuba’s struggles",
                   "necessary to have socialist", "everything. The solidarity campaign"):
        assert re.search(r"<p[^>]*>[^\n]*" + re.escape(joined), text), joined
