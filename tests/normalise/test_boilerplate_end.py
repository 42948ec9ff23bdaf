"""Furniture at the article's end (issue 16, deliverable 2): a comment thread whose comments run long,
its times set as a definition list's terms and its replies quoting the comment they answer; the
author's box under the article (a byline set on two lines, the role, the bio); the publisher's box
set as a list. Each table: the page's blocks, what leaves the body, what stays."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.boilerplate import remove_boilerplate
from pamphleteer.normalise.keep import Keep
from tests.normalise.helpers import PATH, blocks, normalised

FR = ("L’un des écrivains sud-coréens les plus célèbres est un homme heureux. Inscrit, avec beaucoup "
      "d’autres intellectuels, sur une liste noire, il a vu la présidente destituée et emprisonnée.")
FR_MORE = ("À travers ces vies, l’auteur nous emmène dans les quartiers les plus pauvres de Séoul, où sous "
           "couvert de réaménagement urbain, on chasse les habitants de chez eux sans le moindre égard.")
DE = ("Siemens-Chef Joe Kaeser hat die Klimaaktivistin Luisa Neubauer und die Bewegung maximal geschickt "
      "für seine Zwecke instrumentalisiert: Am Freitag noch traf er sich mit ihr und bot ihr einen Posten "
      "an.")
DE_MORE = ("Für solche Investoren veranstaltet Kaeser den ganzen Zirkus. Ob sie sich damit zufrieden geben "
           "werden, ist noch offen, und die Klimabewegung wird es ihnen nicht leicht machen.")
BIO = ("Schreibt seit 2008 für die Zeitung. Beschäftigt sich mit der Frage, ob Kapitalismus auch öko kann. "
       "War Korrespondent in Baden-Württemberg und gründete ein Magazin.")
TAGS = "## Themen\n\n- [Siemens](/tag/siemens)\n- [Klima](/tag/klima)\n- [Australien](/tag/australien)"


def moved(markdown: str, **options: object) -> dict[str, str]:
    """What left the body, each block's text with the code it left under."""
    result = remove_boilerplate(blocks(markdown), PATH, **options)  # type: ignore[arg-type]
    return {d.before: d.code for d in result.diagnostics if d.code != "N428"}


def body(markdown: str, **options: object) -> list[str]:
    result = remove_boilerplate(blocks(markdown), PATH, **options)  # type: ignore[arg-type]
    return [text_of(block.node) for block in result.body]


def comment(day: int, hour: int, words: int, quote: bool = False) -> str:
    """A reader's comment as html2text writes one: its time a definition list's term, its title in bold,
    then its paragraphs (`words` sentences of a reader's prose), a quotation of the one it answers."""
    sentences = "\n\n".join(f"Je ne suis pas d’accord avec vous sur le point numéro {n}, car les faits "
                            "montrent tout le contraire de ce que vous dites depuis le début."
                            for n in range(words))
    quoted = f"> Vous confondez tout, comme toujours, le {day} juin.\n\n" if quote else ""
    return (f"  * ![permalien](pin.png) **Lecteur {day}{hour}**\n\n({day} juin 2018 @{hour}h13)\n\n:\n\n"
            f"**Réponse du {day}**\n\n{quoted}{sentences}")


ARTICLE = f"# Turpitude et architecture\n\n{FR}\n\n{FR_MORE}"


# A thread whose comments run long: its times further apart than a short comment's few blocks
@pytest.mark.parametrize(("heading", "comments"), [
    # times in definition lists' terms; after the first short comments, seven and more blocks apart,
    # two a long comment apart (a reply quoting the comment it answers)
    ("## 27 commentaires", (comment(22, 11, 1), comment(22, 12, 1), comment(22, 13, 1),
                            comment(23, 9, 7, quote=True), comment(23, 10, 2), comment(24, 8, 8),
                            comment(24, 9, 2), comment(24, 10, 1))),
    # under no heading, the thread's last comment long, up to the page's next heading
    ("", (comment(22, 11, 1), comment(22, 12, 1), comment(23, 9, 1), comment(24, 8, 9))),
])
def test_a_thread_of_long_comments_leaves_whole_with_their_quotations(heading, comments):
    page = f"{ARTICLE}\n\n{heading}\n\n" + "\n\n".join(comments) + "\n\n## À la une\n\n[Le journal](/journal)"
    left = body(page)
    assert left[:3] == ["Turpitude et architecture", FR, FR_MORE]
    assert not [text for text in left if "d’accord" in text or "confondez" in text or "juin 2018" in text]
    assert "N423" in moved(page).values()


def test_a_thread_is_a_thread_only_where_its_times_recur():
    # two dated lines far apart in the article's own prose are no thread
    dated = (f"{ARTICLE}\n\n(22 juin 2018 @11h13)\n\n:\n\nLa conférence\n\n" + "\n\n".join([FR_MORE] * 8)
             + f"\n\n(24 juin 2018 @09h30)\n\n:\n\nLe débat\n\n{FR}")
    assert "N423" not in moved(dated).values()


def author_box(label: str = "Kommentar von", name: str = "Ingo Arzt", after: str = TAGS) -> str:
    return (f"# Kaeser verarscht Neubauer\n\n{DE}\n\n{DE_MORE}\n\nEinmal zahlen\n\n13. 1. 2020\n\n"
            f"### {label}\n\n### {label}\n\n### {name}\n\n### Redakteur für Wirtschaft und Umwelt\n\n"
            f"{BIO}\n\n{after}")


def test_the_authors_box_after_the_article_goes_to_the_bio_and_the_lines_above_it_leave():
    result = remove_boilerplate(blocks(author_box()), PATH)
    assert [text_of(block.node) for block in result.bio] == [
        "Ingo Arzt", "Redakteur für Wirtschaft und Umwelt", BIO]
    assert moved(author_box()).get("Kommentar von") == "N429"
    left = body(author_box())
    assert left[-1] == DE_MORE  # the dateline and the box's label above the author's box left with it
    assert DE in left


@pytest.mark.parametrize("page", [
    # no name under the label: no byline
    author_box(name="Die Redaktion meint"),
    # the article goes on after the paragraph: it is the article's
    author_box(after=f"{DE_MORE} Und so geht es weiter, Woche für Woche, bis zur Hauptversammlung."),
])
def test_a_paragraph_under_a_name_stays_where_no_authors_box_is(page):
    assert BIO in body(page)


def test_keep_leaves_the_authors_box_in_the_body():
    assert BIO in body(author_box(), keep=Keep.from_entries(("N427",)))


def test_the_publishers_box_set_as_a_list_leaves_with_its_button():
    pitch = ("Lesen Sie 10 Wochen lang die digitale Ausgabe der taz und die taz am Wochenende "
             "zusätzlich auf Papier. Obendrauf legen wir noch Deniz Yücels neues Buch „Agentterrorist“.")
    tags = "\n".join(f"- [{tag}](https://taz.de/{tag})" for tag in ("Siemens", "Klima", "Australien"))
    page = (f"# Kaeser verarscht Neubauer\n\n{DE}\n\n{DE_MORE}\n\n## Themen\n\n{tags}\n\n"
            f"### Mehr zum Abo\n\n- [Abo](https://taz.de/abo)\n\n  {pitch}\n\n  Her damit\n\n"
            "## Leserkommentare\n\n[Login](https://taz.de/login)")
    left = body(page)
    assert not [text for text in left if pitch in text]
    assert left[-1] == DE_MORE


def test_the_label_over_the_authors_box_still_names_the_author_when_the_box_has_left():
    text = normalised(author_box())
    assert text.inferred.authors == ("Ingo Arzt",)
    assert BIO in [text_of(block.node) for block in text.bio]
