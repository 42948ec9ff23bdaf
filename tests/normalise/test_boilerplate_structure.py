"""Furniture found by its place and shape (issue 16, deliverable 2): the publisher's appeal at the
article's end by its voice, a header's list of short offers no article, a headline box with one long
item. Each table: the page's blocks, what leaves the body, what stays."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.boilerplate import remove_boilerplate
from pamphleteer.normalise.boilerplate_pitches import is_appeal, site_words
from pamphleteer.normalise.keep import Keep
from tests.normalise.helpers import PATH, blocks, normalised

ES = ("El máximo tribunal decidió este martes firmar una serie de fallos vinculados con causas de lesa "
      "humanidad que estaban demoradas desde hacía años, después de un reclamo de Naciones Unidas.")
ES_MORE = ("Por el momento, el tribunal que encabeza Rosatti no está demasiado interesado en dar un mensaje "
           "para acelerar los juicios, aunque los organismos de derechos humanos insisten en que lo haga.")
EN = ("The strike wave that swept the country this autumn was not an accident. It was the product of "
      "years of patient organising by rank-and-file workers who had grown tired of waiting.")
EN_MORE = ("What made the difference was not any single tactic but the willingness of ordinary members "
           "to take decisions into their own hands, wherever the officials hesitated.")
SITE_LINKS = "\n\n".join(f"[Sección {n}](https://www.pagina12.com.ar/secciones/{n})" for n in range(4))
APPEAL = ("Es porque te interesa la información rigurosa, porque valorás tener otra mirada. Página/12 "
          "tiene un compromiso de más de 30 años con ella y cuenta con vos para renovarlo cada día.")
FOOT = "Temas en esta nota:\n\n[Corte Suprema](https://www.pagina12.com.ar/tags/corte)"


def credited(markdown: str) -> dict[str, str]:
    """What left the body for the credits, each block's text with the code it left under."""
    result = remove_boilerplate(blocks(markdown), PATH)
    codes = {d.line: d.code for d in result.diagnostics if d.code != "N428"}
    return {text_of(block.node): codes[block.line] for block in result.credits}


def moved(markdown: str, **options: object) -> dict[str, str]:
    result = remove_boilerplate(blocks(markdown), PATH, **options)  # type: ignore[arg-type]
    return {d.before: d.code for d in result.diagnostics if d.code != "N428"}


def body(markdown: str, **options: object) -> list[str]:
    result = remove_boilerplate(blocks(markdown), PATH, **options)  # type: ignore[arg-type]
    return [text_of(block.node) for block in result.body]


# The appeal box at the article's end: (its blocks between the article and the foot, what leaves)
@pytest.mark.parametrize(("box", "leaving"), [
    # the site named to the reader, its title of a few words above, its short lines and button below
    (f"Si llegaste hasta acá…\n\n{APPEAL}\n\nDefendé tu voz.\n\nUnite a Página/12",
     ["Si llegaste hasta acá…", APPEAL, "Defendé tu voz.", "Unite a Página/12"]),
    # the reader asked for a donation: two of a pitch's words, no site's name needed
    ("Wenn Ihnen dieser Artikel gefallen hat, können Sie mich durch eine Spende unterstützen.",
     ["Wenn Ihnen dieser Artikel gefallen hat, können Sie mich durch eine Spende unterstützen."]),
])
def test_the_publishers_appeal_before_the_pages_foot_leaves_by_its_voice(box, leaving):
    page = f"{SITE_LINKS}\n\n# La Corte\n\n{ES}\n\n{ES_MORE}\n\n{box}\n\n{FOOT}"
    found = credited(page)
    assert {text: found.get(text) for text in leaving} == dict.fromkeys(leaving, "N424")
    assert ES_MORE in body(page)


@pytest.mark.parametrize("last", [
    # the article's own last words to the reader, naming no site and asking for nothing
    "If you have read this far, you already know what the members decided: they will strike again.",
    "You can read the full ruling, and you should: it is shorter than the commentary on it.",
    # the article speaking of support, to no one in particular
    "The support of the members, and the donations they collected, carried the strike through winter.",
])
def test_the_articles_last_words_to_the_reader_stay(last):
    page = f"{SITE_LINKS}\n\n# The Strike\n\n{EN}\n\n{EN_MORE}\n\n{last}\n\n{FOOT}"
    assert last in body(page)


def test_a_notice_in_the_readers_voice_in_the_pages_foot_leaves_however_long():
    notice = ("Tu navegador tiene deshabilitado el uso de Cookies. Algunas funcionalidades de Página/12 "
              "necesitan que lo habilites para funcionar. Si no sabés cómo hacerlo, consultá la ayuda.")
    menu = "\n\n".join(f"[{name}](https://www.pagina12.com.ar/{name}) | [RSS](https://www.pagina12.com.ar/rss)"
                       for name in ("Contacto", "Suplementos", "Radio", "Editorial"))  # the page's foot
    page = f"{SITE_LINKS}\n\n# La Corte\n\n{ES}\n\n{ES_MORE}\n\n{menu}\n\n© 2022 Página/12\n\n{notice}"
    assert credited(page).get(notice) == "N424"


def test_keep_leaves_the_appeal_in_the_body():
    page = f"{SITE_LINKS}\n\n# La Corte\n\n{ES}\n\n{ES_MORE}\n\n{APPEAL}\n\n{FOOT}"
    assert APPEAL in body(page, keep=Keep.from_entries(("N424",)))


@pytest.mark.parametrize(("text", "site", "appeal"), [
    (APPEAL, "pagina12.com.ar", True),
    ("Lesen Sie 10 Wochen lang die digitale Ausgabe der taz und die taz am Wochenende.", "taz.de", True),
    ("Unsere Arbeit ist spendenfinanziert. Helfen auch Sie mit und unterstützen Sie uns.", "", True),
    ("En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies.", "", True),
    ("We rely on readers like you: support independent journalism today.", "", True),
    (ES, "pagina12.com.ar", False),  # the article, in no one's voice
    ("You will find the ruling at the court's site; it names the judges who voted.", "", False),
    ("We support the strike, and our members donate.", "", False),  # the publisher's "we", no reader
    (EN + " " + EN_MORE + " " + EN + " You should support the members.", "", False),  # too long
])
def test_an_appeal_is_the_reader_addressed_about_the_site_its_support_or_its_cookies(text, site, appeal):
    assert is_appeal(text, site_words(site)) is appeal


def test_a_headers_list_of_short_offers_is_not_where_the_article_starts():
    offers = "\n".join(f"- {offer}" for offer in (
        "Opina en las noticias", "Conectate a Eskup", "Conversa con tus periodistas de referencia",
        "Recibe avances de tus suplementos favoritos", "Participa en eventos organizados por el diario"))
    sections = ("Portada", "Internacional", "Política", "Cultura")
    menu = "\n".join(f"- [{name}](/{name.casefold()})" for name in sections)
    tags = "- [Sanidad pública](/tag/sanidad)\n- [Listas espera](/tag/listas)\n- [Pacientes](/tag/pacientes)"
    head = f"{offers}\n\nBuscar temas\n\n{menu}\n\n# Las listas de espera se agravan"
    page = f"{head}\n\n{tags}\n\n{ES}\n\n{ES_MORE}"
    found = moved(page)
    assert found.get("Portada Internacional Política Cultura") == "N420"
    assert found.get("Sanidad pública Listas espera Pacientes") == "N420"
    assert body(page)[-2:] == [ES, ES_MORE]


def test_a_headline_box_with_one_long_offer_leaves_under_its_heading():
    box = ("More Great Stories\n\n- Chris Evans [goes to Washington](https://example.com/a)\n"
           "- What Atlanta can teach tech about [cultivating black talent](https://example.com/b)\n"
           "- The display of the future [might be in your contact lens](https://example.com/c)\n"
           "- Want the best tools to get healthy? Check out our team's picks for the best fitness trackers, "
           "running gear, and headphones [for the new year](https://example.com/d)")
    page = f"# The Strike\n\n{EN}\n\n{EN_MORE}\n\n{box}"
    found = moved(page)
    assert any(text.startswith("Chris Evans goes to Washington") and code == "N422"
               for text, code in found.items())
    assert body(page)[-2:] == [EN, EN_MORE]


FR = ("A Toulouse, Jean-Marc Ayrault aura fait deux rappels sur scène. Le premier, seul, une fois son "
      "discours sur le temps long terminé, et le second avec les ministres venus l'écouter au congrès.")
FR_MORE = ("Après les turbulences de la semaine, le Premier ministre a voulu montrer qu'il tenait la "
           "majorité, et il a défendu sa méthode devant des militants qui ne demandaient que cela.")
OWN = "https://www.liberation.fr/politiques"
MENU = "\n\n".join(f"[Rubrique {n}]({OWN}/{n})" for n in range(4))


@pytest.mark.parametrize(("line", "leaves"), [
    (f"A lire aussi : [Notre récit du discours de Martine Aubry]({OWN}/aubry)", True),
    (f"**LIRE AUSSI SUR LIBERATION.FR\\\n\\>\\>** *[Le dernier job de Martine Aubry à la tête du Parti "
     f"socialiste]({OWN}/job)*", True),
    (f"Notre récit : [le discours de Martine Aubry]({OWN}/aubry).", True),
    # a link inside the article's sentence, or to another site, or a label too long to be one
    (f"Il a cité [le discours de Martine Aubry]({OWN}/aubry) devant les militants.", False),
    ("A lire aussi : [Le rapport de la Cour des comptes](https://www.ccomptes.fr/rapport)", False),
    (f"Ce que le Premier ministre a dit samedi devant le congrès : [son discours]({OWN}/discours)", False),
])
def test_a_label_and_a_link_to_another_article_of_the_site_leaves_the_article(line, leaves):
    page = f"{MENU}\n\n# Ayrault assume sa méthode\n\n{FR}\n\n{line}\n\n{FR_MORE}"
    assert (text_of(blocks(line)[0].node) in credited(page)) is leaves
    prose = [text_of(blocks(text)[0].node) for text in (FR, FR_MORE)]
    assert [text for text in body(page) if text in prose] == prose


def test_an_authors_bio_after_the_article_with_the_pages_boxes_below_goes_to_the_bio():
    bio = "Malcolm Harris is an editor at The New Inquiry and a writer based in Brooklyn."
    links = "\n\n".join(f"[{name}](https://tpm.example/{name}) | [RSS](https://tpm.example/rss)"
                        for name in "Home About Jobs Press Advertise Contact Terms Privacy Help".split())
    # the page's foot, and a paragraph of its prose below it (the publisher's own, in no one's voice)
    boxes = (f"Like us on Facebook\n\n{links}\n\nThe magazine was founded in 2000 as a blog and has since "
             "grown into a newsroom of reporters and editors in the capital and in the two largest cities.")
    page = f"# The Strike\n\n{EN}\n\n{EN_MORE}\n\n{EN}\n\n{bio}\n\n{boxes}"
    result = remove_boilerplate(blocks(page), PATH)
    assert [text_of(block.node) for block in result.bio] == [bio]
    assert bio not in body(page) and EN_MORE in body(page)


def test_an_authors_bio_inside_the_article_stays():
    bio = "Jane Alvarez is an organiser at the nurses' union and a writer based in Leeds."
    page = f"# The Strike\n\n{EN}\n\n{bio}\n\n{EN_MORE}\n\nLike us on Facebook"
    assert text_of(blocks(bio)[0].node) in body(page)


DE = ("Die Streikwelle, die in diesem Herbst durch das Land ging, war kein Zufall. Sie war das Ergebnis "
      "jahrelanger geduldiger Organisierung durch die Beschäftigten, die es satt hatten, zu warten.")
DE_MORE = ("Was den Unterschied machte, war nicht eine einzelne Taktik, sondern die Bereitschaft der "
           "Mitglieder, die Entscheidungen selbst in die Hand zu nehmen, wo die Vorstände zögerten.")


@pytest.mark.parametrize("button", [
    "Recomendar en Facebook 0", "Enviar a LinkedIn 0", "Enviar Imprimir", "ampliar foto", "Recommander",
    "Envoyer par mail", "Tweeter", "Commenter", "Haut de page", "Télécharger l’article", "PDF drucken",
    "Video schließen", "17 Kommentare E-Mail Facebook Twitter WhatsApp", "12 commentaires Partager",
])
def test_the_buttons_to_recommend_send_comment_print_and_enlarge_leave_in_their_languages(button):
    page = f"# Der Streik\n\n{button}\n\n{DE}\n\n{DE_MORE}"
    assert credited(page).get(button) == "N421"


def test_a_german_section_heading_that_is_a_buttons_word_elsewhere_stays():
    page = f"# Der Streik\n\n{DE}\n\n## Folgen\n\n{DE_MORE}\n\n## Drucken und Verteilen\n\n{DE}"
    assert "Folgen" in body(page) and "Drucken und Verteilen" in body(page)


@pytest.mark.parametrize("heading", ["Noticias relacionadas", "Weitere Inhalte zum Thema",
                                     "La rédaction vous conseille", "Luetuimmat"])
def test_a_related_stories_heading_takes_its_box_in_its_language(heading):
    box = "- [Eine andere Geschichte](https://example.com/a)\n- [Noch eine](https://example.com/b)"
    page = f"# Der Streik\n\n{DE}\n\n{DE_MORE}\n\n## {heading}\n\n{box}"
    found = credited(page)
    assert found.get(heading) == "N422" and found.get("Eine andere Geschichte Noch eine") == "N422"


@pytest.mark.parametrize("label", ["Autoreninfo", "Zu den AutorInnen:", "Autor", "À propos de l'auteur"])
def test_a_label_over_the_authors_bio_takes_the_bio_to_the_bio_in_its_language(label):
    bio = ("Moritz Gathmann leitet das Ressort Berliner Republik. Er studierte Russistik und Geschichte in "
           "Berlin und war viele Jahre Korrespondent in Moskau, bevor er zur Redaktion kam.")
    page = f"# Der Streik\n\n{DE}\n\n{label}\n\n{bio}\n\n[Zur Artikelübersicht](/artikel)\n\n{DE_MORE}"
    result = remove_boilerplate(blocks(page), PATH)
    assert [text_of(block.node) for block in result.bio] == [text_of(blocks(label)[0].node), bio]
    assert "Zur Artikelübersicht" in credited(page)
    assert DE_MORE in body(page)  # one bio: the article's prose after it stays


def test_the_bylines_label_in_the_head_takes_nothing_of_the_article():
    question = "Nikolai Huke: Wo sind Sie in die Europäische Union eingereist?"
    page = (f"# Wir waren fast 40 Tage in Quarantäne\n\n## Autor\n\n[Nikolai Huke](/autor/huke)\n\n"
            f"{question}\n\n{DE}\n\n{DE_MORE}")
    assert question in body(page) and DE in body(page)
@pytest.mark.parametrize("notice", [
    "DER SPIEGEL 52/2018 Alle Rechte vorbehalten Vervielfältigung nur mit Genehmigung",
    "República Argentina | Todos los derechos reservados | Política de privacidad",
])
def test_a_rights_notice_leaves_wherever_its_words_stand_in_the_line(notice):
    page = f"# Der Streik\n\n{DE}\n\n{DE_MORE}\n\n{notice}"
    assert credited(page).get(notice) == "N420"


def test_the_articles_sentence_about_rights_reserved_stays():
    sentence = ("Der Verlag hatte sich in den Verträgen alle Rechte vorbehalten, auch die an den Fotos der "
                "Streikenden, und die Gewerkschaft fand das erst heraus, als die Bilder in einer Werbung "
                "auftauchten, die niemand von ihnen je gesehen hatte.")
    page = f"# Der Streik\n\n{DE}\n\n{sentence}\n\n{DE_MORE}"
    assert sentence in body(page)


@pytest.mark.parametrize("heading", ["Ihr Kommentar zu diesem Artikel", "Kommentieren …", "Your comment"])
def test_the_comment_forms_heading_opens_the_thread(heading):
    page = f"# Der Streik\n\n{DE}\n\n{DE_MORE}\n\n## {heading}\n\nName\n\nE-Mail"
    assert credited(page).get(heading) == "N423"


def test_a_headline_the_page_prints_three_times_after_the_article_has_begun_leaves():
    teaser = "AfD zahlt fragwürdige Wahlkampfspende für Vorstand Reil bislang nicht zurück"
    page = (f"# Der Streik\n\n{DE}\n\n## {teaser}\n\nweiterlesen\n\n{DE_MORE}\n\n{teaser}\n\n{DE}\n\n"
            f"## {teaser}\n\nweiterlesen")
    result = remove_boilerplate(blocks(page), PATH)
    assert teaser not in body(page)
    assert sum(text_of(block.node) == teaser for block in result.credits) == 3


def test_a_line_the_article_says_twice_stays_as_a_pull_quote_would():
    line = "Wer nicht kämpft, hat schon verloren"
    page = f"# Der Streik\n\n{DE}\n\n## {line}\n\n{DE_MORE}\n\n{line}\n\n{DE}"
    assert body(page).count(line) == 2


# Teasers after the article: their blurbs and bylines no longer bridge the article's end (session 9)
SITE = "https://blog.gaijinpot.example"
FOOT_MENU = "- [Jobs](/jobs)\n- [Study](/study)\n- [Travel](/travel)\n- [Store](/store)"


def teaser(n: int, blurb: str) -> str:
    return (f"[Learn]({SITE}/learn)\n\n"
            f"### [Kanji Cheat Sheet number {n} for the supermarket]({SITE}/kanji-{n})\n\n"
            f"{blurb}\n\nBy Chiara Terzuolo Feb 18, 2020 4 min read")


def test_a_teasers_blurb_and_byline_after_the_article_leave_with_its_headline():
    blurbs = ("Vegan food is notoriously hard to find in Japan, so we have got you covered with this guide.",
              "Does giving obligatory Valentine chocolate leave a bittersweet taste in your mouth?")
    page = (f"[Home]({SITE}/)\n\n# The Strike\n\n{EN}\n\n{EN_MORE}\n\n## Related\n\n"
            + "\n\n".join(teaser(n, blurb) for n, blurb in enumerate(blurbs)) + f"\n\n{FOOT_MENU}")
    found = credited(page)
    assert [found.get(blurb) for blurb in blurbs] == ["N422", "N422"]
    assert found.get("By Chiara Terzuolo Feb 18, 2020 4 min read") == "N422"
    assert body(page)[-2:] == [EN, EN_MORE]


def test_a_paragraph_after_a_related_link_that_the_article_follows_stays():
    line = "It began in the warehouses, where the night shift walked out first and the day shift followed."
    page = (f"[Home]({SITE}/)\n\n# The Strike\n\n{EN}\n\n### [Another strike, in another town]({SITE}/other)"
            f"\n\n{line}\n\n{EN_MORE}\n\n{FOOT_MENU}")
    assert line in body(page)


@pytest.mark.parametrize("row", [
    # share buttons beside the box's offer and the text size's marks, judged item by item
    "- \\- A +\n- [**Tweeter**](https://twitter.com/share?u=x)\n- [**Envoyer**](https://www.facebook.com/share.php?u=x)\n"
    "- [Abonnez-vous à partir de 1€](/accounts/subscribe/)",
    "- [Commenter](/comments/new)\n- [**Tweeter**](https://twitter.com/share?u=x)\n"
    "- [Abonnez-vous à partir de 1€](/accounts/subscribe/)",
])
def test_a_row_of_share_buttons_with_the_sites_offer_among_them_leaves(row):
    page = f"# Ayrault assume sa méthode\n\n{FR}\n\n{row}\n\n{FR_MORE}"
    assert "Tweeter" not in " ".join(body(page))
    assert body(page)[-2:] == [text_of(blocks(text)[0].node) for text in (FR, FR_MORE)]


def test_a_list_of_the_sites_own_words_stays_when_some_items_are_no_button():
    row = ("- [Tweeter](https://twitter.com/share?u=x)\n- [Envoyer](https://www.facebook.com/share.php?u=x)\n"
           "- Le Premier ministre a défendu sa méthode")
    page = f"# Ayrault assume sa méthode\n\n{FR}\n\n{row}\n\n{FR_MORE}"
    assert "Le Premier ministre a défendu sa méthode" in " ".join(body(page))


BOOK = ("1990 gilt als das wichtigste Jahr der Nachkriegsgeschichte. Alles scheint gesagt. Die Tabus "
        "überdauern. Die renommierten Autoren zeigen, wie die Einheit zur Übernahme wurde und warum.")
FILM = ("Cincinnati, 1998: Der erfolgreiche Wirtschaftsanwalt gerät in einen Zwiespalt, als ihn ein "
        "Farmer um Hilfe bittet, dessen Kühe auf rätselhafte Weise sterben, seit die Fabrik da ist.")


def test_a_blurb_the_page_prints_in_two_boxes_after_the_article_leaves_with_its_headings():
    boxes = (f"#### Tamtam und Tabu\n\nDaniela Dahn\n\n{BOOK}\n\n"
             f"#### Vergiftete Wahrheit\n\nTodd Haynes\n\n{FILM}\n\n##### Buch der Woche\n\n"
             f"#### Tamtam und Tabu\n\nDaniela Dahn\n\n{BOOK}\n\n##### Film der Woche"
             f"\n\n#### Vergiftete Wahrheit\n\nTodd Haynes\n\n{FILM}")
    page = (f"# Der Streik\n\n{DE}\n\n{DE_MORE}\n\n{DE}\n\n[Folgen](/folgen)\n\n"
            "[Buch](/buch) [Film](/film)\n\n"
            f"{boxes}\n\n[Impressum](/impressum) [Datenschutz](/datenschutz)")
    kept = body(page)
    assert BOOK not in kept and FILM not in kept
    assert not {"Tamtam und Tabu", "Buch der Woche", "Film der Woche"} & set(kept)
    assert kept[-3:] == [DE, DE_MORE, DE]


def test_a_paragraph_the_article_says_twice_in_its_body_stays():
    page = f"# Der Streik\n\n{DE}\n\n{BOOK}\n\n{DE_MORE}\n\n{BOOK}\n\n{DE}\n\n[Impressum](/impressum)"
    assert body(page).count(BOOK) == 2


def test_the_publishers_disclaimer_and_the_written_by_box_after_the_article_leave():
    note = ("Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion "
            "des Freitag.")
    bio = ("Chef der Staatskanzlei; Minister für Kultur sowie im Ministerium für Infrastruktur und "
           "Landwirtschaft zuständig für die Kulturpolitik des Landes")
    page = (f"# Der Streik\n\n{DE}\n\n{DE_MORE}\n\n{DE}\n\nTeilen:\n\n"
            f"- [Tag eins](/tag/1)\n- [Tag zwei](/tag/2)\n\n{note}\n\n## Geschrieben von\n\n"
            f"## [Benjamin Hoff](/autoren/hoff)\n\n{bio}\n\n[Folgen](/folgen)"
            "\n\n[Impressum](/impressum) [Datenschutz](/datenschutz)")
    text = normalised(page)
    assert note in [text_of(block.node) for block in text.credits]
    assert bio in [text_of(block.node) for block in text.bio]
    assert [text_of(block.node) for block in text.blocks] == [DE, DE_MORE, DE]


def test_a_list_of_the_publishers_offers_at_the_articles_end_leaves_with_its_title():
    offers = ("## For more on learning Japanese\n\n"
              f"- Learn Japanese with our original study materials on [GaijinPot Study]({SITE}/lesson)\n"
              f"- Questions about studying in Japan? Take a look at [Higher Education]({SITE}/japan101)\n"
              "- Join our [GaijinPot Study Facebook group](https://www.facebook.com/groups/x) to connect\n"
              f"- Learn more about the [GaijinPot Study Placement Program]({SITE}/study-in-japan)")
    page = (f"[Home]({SITE}/)\n\n# The Strike\n\n{EN}\n\n{EN_MORE}\n\n{offers}\n\n"
            f"Topics: [Study Japanese]({SITE}/tag/a) / [Tweet of the Week]({SITE}/tag/b)\n\n{FOOT_MENU}")
    found = credited(page)
    assert found.get("For more on learning Japanese") == "N424"
    assert body(page)[-2:] == [EN, EN_MORE]


@pytest.mark.parametrize(("items", "leaves"), [
    ([f"[Le dernier job de Martine Aubry]({OWN}/job)", f"[Podcast]({OWN}/podcast) [Ayrault en flagrant délit "
      f"d'amateurisme ?]({OWN}/amateurisme)"], True),
    # sources on other sites, or the article's own words beside its links
    (["[Le rapport de la Cour des comptes](https://www.ccomptes.fr/rapport)",
      "[La décision du Conseil constitutionnel](https://www.conseil-constitutionnel.fr/decision)"], False),
    ([f"Le congrès de Toulouse, où [Martine Aubry]({OWN}/aubry) a parlé",
      f"Le discours du Premier ministre, dont [le texte]({OWN}/texte) est en ligne"], False),
])
def test_a_list_of_the_sites_other_headlines_inside_the_article_leaves(items, leaves):
    listed = "\n".join(f"- {item}" for item in items)
    page = f"{MENU}\n\n# Ayrault assume sa méthode\n\n{FR}\n\n{listed}\n\n{FR_MORE}"
    assert any(code == "N422" for code in credited(page).values()) is leaves
    assert body(page)[-1] == text_of(blocks(FR_MORE)[0].node)
