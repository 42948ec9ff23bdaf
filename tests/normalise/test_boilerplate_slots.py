"""Furniture of the kinds a page sets around and inside its article (issue 16, deliverable 2): an ad slot
(its label, the ads' linked pictures and blurbs, the link to the site's ad offers), the page's record of
the article set as a paragraph of short labelled lines with a copyright line. Each table: the page's
blocks, what leaves the body, what stays."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.boilerplate import remove_boilerplate
from pamphleteer.normalise.keep import Keep
from tests.normalise.helpers import PATH, blocks, normalised

DE = ("Es braucht ein wenig Zeit, um sich auf diesen Text einzulassen. Weder Lyrikband noch ethnologischer "
      "Bericht noch Erzählung, verweigern die Anleitungen der Vorfahren sich jeder Einordnung, und das ist "
      "auch gut so.")
DE_MORE = ("Ann Cottens persönliche Annäherung an das sogenannte Andere auf Hawaii ist tatsächlich oft zart "
           "und zaghaft, ebenso wie sie als Forschungs- und Spracharbeit ungemein genau ist.")
EN = ("The minister said on Friday that the government was considering changes to the stakes it holds in "
      "a number of listed companies, and that nothing was ruled out at this stage of the talks.")
EN_MORE = ("Officials at the ministry said the sales could fund new investments, and that the state would "
           "remain above the thresholds the law sets for the companies it considers strategic.")
BLURB = ("Erweiterte Neuausgabe von Reich-Ranickis Schriften über Heinrich Böll, mit Dokumenten zu einer "
         "problematischen Freundschaft, die er selbst nie ganz aufgeklärt hat")


def ad(number: int, blurb: str = BLURB) -> str:
    """One ad as html2text writes it: the advertiser's linked picture, the blurb, the advertiser's link."""
    click = f"https://ads.example.org/click.php?adid={number}"
    picture = f"[![Mehr Info...](https://ads.example.org/cover{number}.jpg)]({click})"
    return f"{picture}  \n{blurb}  \n[Verlag X]({click}&t=2)"


def moved(markdown: str, **options: object) -> dict[str, str]:
    """What left the body, each block's text with the code it left under."""
    result = remove_boilerplate(blocks(markdown), PATH, **options)  # type: ignore[arg-type]
    return {d.before: d.code for d in result.diagnostics if d.code != "N428"}


def body(markdown: str, **options: object) -> list[str]:
    result = remove_boilerplate(blocks(markdown), PATH, **options)  # type: ignore[arg-type]
    return [text_of(block.node) for block in result.body]


ARTICLE = f"# Vom Boden aus gedacht\n\n{DE}\n\n{DE_MORE}"
FOOT = "## Redaktionsinfo\n\n[Impressum](https://example.org/impressum) [Datenschutz](https://example.org/ds)"


@pytest.mark.parametrize("label", ["_**Anzeigen**_", "Anzeige", "Advertisement", "Publicité",
                                   "**Publicidad**"])
def test_an_ad_slot_leaves_with_its_ads_however_long_their_blurbs(label):
    page = (f"{ARTICLE}\n\n{label}\n\n{ad(1)}\n\n{ad(2)}\n\n{ad(3)}\n\n"
            f"[_Anzeigenangebote bei example.org hier!_](https://example.org/werbung)\n\n{FOOT}")
    left = body(page)
    assert left[:3] == ["Vom Boden aus gedacht", DE, DE_MORE]
    assert not [text for text in left if "Reich-Ranicki" in text or "Anzeigen" in text]
    assert set(moved(page).values()) >= {"N421"}


def test_an_ad_label_in_the_article_takes_no_paragraph_of_it():
    # the article goes on under the label: a sentence, a paragraph with a link, a picture with no link
    page = (f"# Privatisations\n\n{EN}\n\nAdvertisement\n\nHe said no.\n\n"
            f"The [ministry](https://example.org/ministry) denied it.\n\n![A chart](chart.png)\n\n{EN_MORE}")
    left = body(page)
    assert "Advertisement" not in left
    assert left[2:] == ["He said no.", "The ministry denied it.", "A chart", EN_MORE]


def test_keep_leaves_the_ad_slot_in_the_body():
    page = f"{ARTICLE}\n\nAnzeigen\n\n{ad(1)}\n\n{ad(2)}\n\n{FOOT}"
    assert any("Reich-Ranicki" in text for text in body(page, keep=Keep.from_entries(("N421",))))


COLOPHON = ("Letzte Änderung: 31.10.2023 - 14:49:39  \nErschienen am: 01.11.2023  \nLesungen: 61  \n"
            "© bei der Autorin und bei example.org  \n"
            "[Lizenzen](https://example.org/lizenzen) zur Nachpublikation")


def test_the_pages_record_of_the_article_leaves_and_its_date_is_still_read():
    page = f"{ARTICLE}\n\n{COLOPHON}\n\n{FOOT}"
    assert not [text for text in body(page) if "Lesungen" in text]
    assert "N420" in moved(page).values()
    assert normalised(page).inferred.date == "2023-11-01"


@pytest.mark.parametrize("lines", [
    # a sentence among the lines: the article's
    "Letzte Änderung: 31.10.2023  \nWir danken allen, die geholfen haben.  \n© bei der Autorin",
    # no copyright line: an address, a table of facts
    "Ort: Berlin  \nZeit: 19 Uhr  \nEintritt: frei",
])
def test_short_labelled_lines_that_are_no_record_of_the_page_stay(lines):
    page = f"{ARTICLE}\n\n{lines}\n\n{DE_MORE} Und so weiter, bis zum Schluss des Textes."
    assert text_of(blocks(lines)[0].node) in body(page)



STANDFIRST = ("Selon le ministre interviewé par le *Wall Street Journal*, le gouvernement réfléchit à des "
              "changements dans les participations détenues par l’État.")
FR = ("«Dans le cadre de l’effort de restructuration budgétaire, nous réfléchissons à des changements dans "
      "les participations de l’État», a-t-il déclaré, sans donner de calendrier ni de liste des entreprises.")
FR_MORE = ("À Bercy, chacun s’accorde à dire qu’il n’y a «aucun tabou». Des cessions pourront ainsi financer "
           "des réinvestissements, et l’État vient de vendre une part de Safran pour 448 millions d’euros.")


def share_row(panel: str = f"Montebourg envisage des privatisations\n\n    {STANDFIRST}") -> str:
    """A row of buttons as pandoc writes a page's: the share button's panel (its header, its buttons, the
    article's title and standfirst again, an e-mail form), then the print and back-to-top buttons."""
    return ("-   [Partager](#)\n\n    Partager cet article X\n\n"
            "    -   Recommander\n    -   Envoyer par mail\n\n"
            f"    {panel}\n\n    J’accepte de recevoir la newsletter quotidienne du site.\n\n"
            "-   [Imprimer](?print=true)\n-   [Haut de page](#page)")


def test_a_row_of_buttons_leaves_with_its_panels_however_many_words_they_hold():
    page = (f"# Montebourg envisage des privatisations\n\n{STANDFIRST}\n\n{FR}\n\n{FR_MORE}\n\n"
            f"{share_row()}\n\nLa rédaction vous conseille :\n\n- [Safran](/safran)\n- [Dette](/dette)")
    left = body(page)
    assert not [text for text in left if "Partager" in text or "Imprimer" in text]
    assert left[-1] == FR_MORE and STANDFIRST.replace("*", "") in left
    assert "N421" in moved(page).values()


def test_a_list_that_opens_with_button_words_but_holds_its_own_paragraphs_stays():
    own = ("Partager, c’est d’abord reconnaître que l’autre existe, disait-il, et que la richesse d’un pays "
           "ne se mesure pas à ce que l’État possède mais à ce qu’il rend possible.")
    page = f"# Montebourg\n\n{FR}\n\n{share_row(own)}\n\n{FR_MORE}"
    assert any("richesse d’un pays" in text for text in body(page))


def test_the_send_by_mail_button_with_its_back_and_close_marks_leaves():
    page = f"# Montebourg\n\n{FR}\n\n< Envoyer cet article par e-mail X\n\n{FR_MORE}"
    assert "< Envoyer cet article par e-mail X" not in body(page)
