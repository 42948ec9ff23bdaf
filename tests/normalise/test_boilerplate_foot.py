"""Comment threads (by their shape, in any language) and the page's foot leave the body for the credits."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.boilerplate import remove_boilerplate
from pamphleteer.normalise.boilerplate_comments import is_buttons, is_timestamp
from pamphleteer.normalise.keep import Keep
from tests.normalise.helpers import PATH, blocks

PROSE = ("The strike wave that swept the country this autumn was not an accident. It was the product of "
         "years of patient organising by rank-and-file workers who had grown tired of waiting.")
MORE_PROSE = ("What made the difference was not any single tactic but the willingness of ordinary members "
              "to take decisions into their own hands, wherever the officials hesitated.")
GERMAN = ("Die Streikwelle, die in diesem Herbst durch das Land ging, war kein Zufall. Sie war das Ergebnis "
          "jahrelanger geduldiger Organisierung durch die Beschäftigten, die es satt hatten, auf ihre "
          "Vorstände zu warten, und die nun selbst entschieden haben, was zu tun ist.")
ARTICLE = f"# The Strike Wave\n\n{PROSE}\n\n## What changed\n\n{MORE_PROSE}\n\n{PROSE}"
COMMENT = ("I could not agree more with the author, and I have seen the same thing happen at my own "
           "workplace over the last two years, where the members took over the union branch.")
KOMMENTAR = ("Wer wen und mit was über den Tisch zog, ist noch offen. Das hängt nicht nur von ihm ab und "
             "mit welchem Bein er heute morgen aufstand, sondern von uns allen, die wir das lesen.")


def moved(markdown, **options):
    result = remove_boilerplate(blocks(markdown), PATH, **options)
    return [(d.code, d.before) for d in result.diagnostics if d.code != "N428"]


def body(markdown, **options):
    return [text_of(block.node) for block in remove_boilerplate(blocks(markdown), PATH, **options).body]


@pytest.mark.parametrize(("line", "stamp"), [
    ("14. 01. 2020, 13:47", True),
    ("Oydenos am 10. Juni 2017 um 15:26", True),
    ("March 3, 2020 at 5:12 pm", True),
    ("3 hours ago", True),
    ("vor 2 Stunden", True),
    ("il y a 5 jours", True),
    ("hace 3 horas", True),
    ("2 godziny temu", True),
    ("3 tuntia sitten", True),
    ("12 de março de 2020 às 10:15", True),
    ("4 ore fa", True),
    ("November 19, 2019", False),  # a date alone is a dateline, not a comment's time
    ("At 13:47 on 14. 01. 2020 the strike committee met in the town hall and voted to go on.", False),
])
def test_a_comments_time_is_read_in_any_of_the_languages(line, stamp):
    assert is_timestamp(line) is stamp


@pytest.mark.parametrize(("line", "buttons"), [
    ("Reply", True), ("antworten melden", True), ("Répondre · Signaler", True), ("Responder", True),
    ("Odpowiedz", True), ("Vastaa Ilmoita asiaton viesti", True), ("Rispondi", True),
    ("Report abuse | Like", True), ("Like", False), ("Reply to the minister", False),
])
def test_a_comments_buttons_are_read_in_any_of_the_languages(line, buttons):
    assert is_buttons(line) is buttons


def _flat_thread(names, stamps, texts, buttons):
    return "\n\n".join(f"{name}\n\n{stamp}\n\n{text}\n\n{button}"
                       for name, stamp, text, button in zip(names, stamps, texts, buttons, strict=True))


@pytest.mark.parametrize("thread", [
    # English, with no heading over it: names, times, the comments, their buttons
    _flat_thread(["jsmith", "Ann Lee"], ["March 3, 2020 at 5:12 pm", "March 4, 2020 at 9:01 am"],
                 [COMMENT, "Agreed."], ["Reply", "Reply"]),
    # German: a taz-like thread, "antworten · melden"
    _flat_thread(["Martinxyz", "Dr. McSchreck"], ["14\\. 01. 2020, 13:47", "14\\. 01. 2020, 20:29"],
                 [KOMMENTAR, "Ich weiß ja nicht."], ["antworten melden", "antworten melden"]),
    # French, Spanish and Polish buttons, relative times
    _flat_thread(["Paul", "Marie"], ["il y a 2 heures", "il y a 5 heures"], [COMMENT, "Merci."],
                 ["Répondre", "Répondre · Signaler"]),
    _flat_thread(["Juan", "Ana"], ["hace 3 horas", "hace 4 horas"], [COMMENT, "Gracias."],
                 ["Responder", "Responder"]),
    _flat_thread(["kasia", "tomek"], ["2 godzin temu", "3 godzin temu"], [COMMENT, "Dzięki."],
                 ["Odpowiedz", "Odpowiedz"]),
    # nested, as pandoc writes a thread: one list, each item a comment with its replies inside
    "- #### Martinxyz\n\n  14\\. 01. 2020, 13:47\n\n  " + KOMMENTAR + "\n\n  - antworten\n  - melden\n\n"
    "  - #### Dr. McSchreck\n\n    14\\. 01. 2020, 20:29\n\n    Ich weiß ja nicht.\n\n"
    "    - antworten\n    - melden",
])
def test_a_comment_thread_is_found_by_its_shape_and_leaves_whole(thread):
    markdown = f"{ARTICLE}\n\n{thread}"
    assert body(markdown) == ["The Strike Wave", PROSE, "What changed", MORE_PROSE, PROSE]
    assert {code for code, _ in moved(markdown)} == {"N423"}


@pytest.mark.parametrize("heading", [
    "Leserkommentare", "2 Kommentare", "Commentaires", "12 commentaires", "Comentarios", "Komentarze",
    "Kommentit", "Comentários", "Commenti", "Comments (5 of 23)", "Einen Kommentar abschicken",
    "Laisser un commentaire", "Deja un comentario", "Osallistu keskusteluun",
])
def test_a_heading_naming_the_comments_in_any_of_the_languages_opens_a_thread(heading):
    markdown = f"{ARTICLE}\n\n## {heading}\n\n{COMMENT}\n\n{KOMMENTAR}"
    assert body(markdown) == ["The Strike Wave", PROSE, "What changed", MORE_PROSE, PROSE]
    assert [code for code, _ in moved(markdown)] == ["N423"] * 3


@pytest.mark.parametrize("markdown", [
    # the article's own timeline: dates with times, no buttons, in sentences
    f"{PROSE}\n\n14. 01. 2020, 13:47\n\n{MORE_PROSE}\n\n15. 01. 2020, 09:00\n\n{PROSE}",
    # a commentary's genre over its text, in German, is no thread's heading
    f"# Kaeser verarscht Neubauer\n\n## Ein Kommentar\n\n{GERMAN}\n\n{GERMAN}",
    # an interview's speakers with a reply
    f"{PROSE}\n\nReply to the minister\n\n{MORE_PROSE}",
])
def test_dates_genres_and_the_word_reply_in_an_article_stay(markdown):
    assert moved(markdown) == []


FOOT = ("- [Impressum](/impressum)\n- [Datenschutz](/datenschutz)\n- [AGB](/agb)\n\n"
        "[![Get it on Google Play](play.png)](https://play.google.com/x)\n\n"
        "[Facebook](https://facebook.com/x) [Twitter](https://twitter.com/x)\n\n"
        "Die Tageszeitung Verlags GmbH\n\n"
        "Rudi-Dutschke-Straße 23")


def test_the_pages_foot_after_the_article_leaves():
    assert body(f"{ARTICLE}\n\n{FOOT}") == ["The Strike Wave", PROSE, "What changed", MORE_PROSE, PROSE]
    codes = {before: code for code, before in moved(f"{ARTICLE}\n\n{FOOT}")}
    assert codes["Die Tageszeitung Verlags GmbH"] == codes["Rudi-Dutschke-Straße 23"] == "N429"


def test_the_foot_begins_after_the_authors_closing_line():
    markdown = f"{ARTICLE}\n\nVenceremos!\n\n{FOOT}"
    assert body(markdown)[-1] == "Venceremos!"
    assert "N429" in {code for code, _ in moved(markdown)}


def test_a_lone_paragraph_after_the_foot_does_not_move_the_articles_end():
    # the author's bio amid the page's foot (as on taz.de: 14 blocks of it before, the rest after) is
    # prose: it stays, but the foot around it still leaves
    bio = ("He has written for the paper since 2008 and asks whether capitalism can ever be green; before "
           "that he was its correspondent in the south-west of the country for a decade.")
    markdown = (f"{ARTICLE}\n\nPay once\n\nEconomy\n\n13 January 2020\n\n## Commentary by\n\n## Ingo Arzt\n\n"
                "## Editor for the economy and the environment\n\n"
                "Share on Facebook Share on Twitter Email\n\n"
                f"## More on this topic\n\n- [One story](/a)\n- [Another story](/b)\n\n"
                "- [Economy](/e)\n- [Ecology](/o)\n\n"
                f"Tags: Siemens, coal, Australia\n\n{bio}\n\n## Topics\n\n{FOOT}")
    texts = body(markdown)
    assert texts == ["The Strike Wave", PROSE, "What changed", MORE_PROSE, PROSE, bio]


def test_a_box_inside_the_article_does_not_end_it():
    box = "## Related\n\n- [One story](/a)\n- [Another story](/b)\n- [A third story](/c)"
    markdown = f"{PROSE}\n\n{box}\n\n## The second part\n\n{MORE_PROSE}\n\n{PROSE}"
    assert "The second part" in body(markdown)


def test_keep_overrules_the_thread_and_the_foot():
    thread = _flat_thread(["jsmith", "Ann Lee"], ["March 3, 2020 at 5:12 pm", "March 4, 2020 at 9:01 am"],
                          [COMMENT, "Agreed."], ["Reply", "Reply"])
    kept = body(f"{ARTICLE}\n\n{thread}\n\n{FOOT}", keep=Keep.from_entries(["N423", "N429"]))
    assert COMMENT in kept and "Die Tageszeitung Verlags GmbH" in kept


def test_a_heading_in_the_foot_over_what_stays_stays_with_it():
    table = "| Field | Articles |\n|---|---|\n| Economics | 316 |"
    markdown = f"{ARTICLE}\n\n{FOOT}\n\n### Annex: the authors by country\n\n{table}"
    texts = body(markdown)
    assert "Annex: the authors by country" in texts and "Die Tageszeitung Verlags GmbH" not in texts


@pytest.mark.parametrize(("box", "moved_lines"), [
    # German: a heading, the pitch in the publisher's voice, the button as a link
    ("## Wir bieten profunden Theaterjournalismus\n\nWir sprechen in Interviews und Podcasts mit wichtigen "
     "Akteur:innen. Tragen Sie mit Ihrem Beitrag zur Qualität bei.\n\n"
     "[Ja, ich möchte nachtkritik.de unterstützen.](https://example.org/spenden)", 3),
    # German: donations, and the button a call to act
    ("Unsere Arbeit ist spendenfinanziert. Helfen auch Sie mit einer Spende!\n\nJetzt spenden", 2),
    # French: the newsletter, its field and its button
    ("Abonnez-vous à notre infolettre matinale\n\nDu lundi au samedi, découvrez l’essentiel de "
     "l’actualité.\n\nVotre adresse e-mail\n\nJe m’abonne", 4),
    # English, a membership pitch with a "Join" link
    ("Become a member and support independent journalism.\n\n[Join now](https://example.org/join)", 2),
])
def test_a_newsletter_or_donation_box_leaves_with_its_button(box, moved_lines):
    markdown = f"{ARTICLE}\n\n{box}\n\n{MORE_PROSE}"
    assert body(markdown) == ["The Strike Wave", PROSE, "What changed", MORE_PROSE, PROSE, MORE_PROSE]
    assert [code for code, _ in moved(markdown)] == ["N424"] * moved_lines


@pytest.mark.parametrize("markdown", [
    # an article about a party's donations, third person, with a heading that says "Spende"
    f"{GERMAN}\n\n## Die Spende\n\nDie Partei hat die Spende bis heute nicht zurückgezahlt.\n\n{GERMAN}",
    # the author's call to the members, with no button
    f"{PROSE}\n\nWe ask every member to support the strike fund.\n\n{MORE_PROSE}",
])
def test_sentences_about_donations_and_support_stay(markdown):
    assert moved(markdown) == []


@pytest.mark.parametrize("tags", [
    "Mehr über: Antisemitismus Gaza Israel Meinungsfreiheit Nahost",
    "Temas en esta nota: Corte Suprema, Justicia",
    "Seuraa artikkeliin liittyviä aiheita: Sanna Marin, Angela Merkel",
])
def test_tag_lines_in_other_languages_leave(tags):
    assert moved(f"{PROSE}\n\n{tags}\n\n{MORE_PROSE}") == [("N426", tags)]


def test_a_sentence_beginning_with_a_tag_labels_word_stays():
    assert moved(f"{GERMAN}\n\nThemen wie Klima und Migration bestimmen den Wahlkampf.\n\n{GERMAN}") == []


@pytest.mark.parametrize(("line", "code"), [
    ("Udostępnij na Facebooku", "N421"), ("11 minut czytania", "N421"), ("przeczytanie zajmie 4 min", "N421"),
    ("Drukuj", "N421"), ("Skocz do treści", "N420"), ("Szukaj w serwisie", "N420"), ("Zamknij", "N420"),
    ("Jaa Facebook", "N421"),
    ("Leia também", "N422"), ("Compartilhar no WhatsApp", "N421"), ("5 min de leitura", "N421"),
    ("Leggi anche", "N422"), ("Condividi su Facebook", "N421"), ("Vai al contenuto", "N420"),
])
def test_chrome_in_polish_finnish_portuguese_and_italian(line, code):
    assert moved(f"{PROSE}\n\n{line}\n\n{MORE_PROSE}") == [(code, line)]


FINNISH = ("Suomi esitti viime syksynä EU:n puheenjohtajamaana, että unionin budjetti on 1,074 prosenttia "
           "jäsenmaiden yhteenlasketusta bruttokansantulosta.")


def test_a_read_also_label_in_finnish_takes_no_paragraph_of_the_article():
    # no stop words of Finnish are known: a "Lue myös:" run would take every paragraph after it
    markdown = f"{FINNISH}\n\nLue myös:\n\n[Toinen juttu](/a)\n\n{FINNISH}\n\n{FINNISH}"
    assert body(markdown).count(FINNISH) == 3


POLISH = ("Fala strajków, która tej jesieni przetoczyła się przez kraj, nie była przypadkiem. Była wynikiem "
          "lat cierpliwej pracy zwykłych pracowników, którzy mieli dość czekania na swoich przywódców.")


@pytest.mark.parametrize("prose", [POLISH, FINNISH + " Se ei ollut sattumaa, vaan vuosien työn tulos, jota "
                                   "kukaan ei ollut odottanut ja jonka kaikki nyt näkevät."])
def test_polish_and_finnish_prose_is_prose_when_the_front_matter_names_no_language(prose):
    # measured with English stop words these paragraphs have none: the related box took them along
    markdown = (f"# Tytuł\n\n### Related Posts\n\n- [Jeden dwa trzy](https://x.org/a)\n"
                f"- [Cztery pięć sześć](https://x.org/b)\n\n{prose}\n\n{prose}")
    assert body(markdown) == ["Tytuł", prose, prose]
