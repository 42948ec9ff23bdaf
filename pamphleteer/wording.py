"""The words of the editions' own furniture (headings, labels, the imprint's sentences), by language.

The publication's furniture (its contents, imprint, back parts) is in the publication's language
(publication.toml's `language`); what stands inside a text (its "first published" line, notes,
questions) is in the text's, so that it is read in the language of what surrounds it. A language
is known by its primary subtag ("ru" for "ru-RU"); one not listed here has the English words.

Each sentence that names something (a publication, a date, a person) is written so that the
name stays as given: where a language would decline it after a preposition, a colon or a
comma stands in the preposition's place.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Words:
    """One language's furniture. The patterns take their values by name ({title}, {date}, …)."""

    contents: str
    questions: str  # the heading of a text's questions, and their entry in the contents
    notes: str
    original: str  # before a text's original address
    about_the_author: str
    about_the_authors: str
    sources_and_credits: str
    introduction: str
    this_edition: str  # the heading of the edition's own credits
    in_this_pamphlet: str  # before the titles an author wrote here
    left_out: str  # before the original page's furniture, left out of the text
    cover: str
    back_cover: str
    title_page: str
    imprint: str
    landmarks: str
    print_pages: str  # the ebook's list of the print edition's pages
    skip_to_texts: str
    back_to_contents: str
    page: str  # {label}: a print page, as the web page's markers name it
    months: tuple[str, ...]  # as a date names them
    date: str  # {day} {month} {year}
    published_in_on: str  # where a text was first published ({where}), and when ({when})
    published_in: str  # {where}
    published_on: str  # {when}
    no_licence: str
    pamphlet_from: str  # {collection}: the title page's line
    edited_by: str  # {editor}
    published_by: str  # {publisher}
    edition_of: str  # {date}: the edition's
    by: str  # {title} by {byline}
    alt_by: str  # the cover's alt text: {title}, by {authors}
    and_: str  # joins the last two of a list of names
    credits_elsewhere: str  # {count}, {part}
    built: str  # {time}, {fingerprint}, {generator}
    front_and_questions: str  # {parts}: the edition's own parts, and the questions
    by_editor: str  # {editor}, after that
    set_in: str  # {faces}: the first face, and "with" the others ({others}) if any
    set_in_with: str  # {first}, {others}
    made_with: str  # {generator}
    face_by: str  # {face}, {maker}
    own_licence: str  # {face}: a face whose file names no SIL Open Font License
    face_for_the_rest: str  # {face}, {chosen}: Crimson Pro sets what the chosen face lacks
    for_greek_and_cyrillic: str  # {face}
    for_code: str  # {face}
    for_symbols: str  # {face}
    first_day: str = ""  # how a date names the first of the month, if not as a number ("1er")

    def on(self, date: datetime.date) -> str:
        """A date in words: "29 January 2024", "29 января 2024 г."."""
        day = self.first_day if date.day == 1 and self.first_day else str(date.day)
        return self.date.format(day=day, month=self.months[date.month - 1], year=date.year)

    def say(self, pattern: str, **values: object) -> Markup:
        """The pattern named `pattern` with `values` put in, each escaped unless it is markup."""
        template: str = getattr(self, pattern)
        return Markup(escape(template).format(**{name: escape(value) for name, value in values.items()}))

    def text(self, pattern: str, **values: object) -> str:
        """The pattern named `pattern` with `values` put in, as plain text (escaped where it is used)."""
        template: str = getattr(self, pattern)
        return template.format(**values)

    def sentence(self, pattern: str, **values: object) -> Markup:
        """`say`, ended with a full stop unless it ends with one already (a date "29 января 2024 г.")."""
        said = self.say(pattern, **values)
        return said if said.endswith(".") else Markup(said + ".")

    def first_published(self, where: str, when: str) -> Markup:
        """ "First published in <cite>Tempest</cite> on 29 January 2024.", with as much as is known
        (`where` or `when` may be empty)."""
        if where and when:
            return self.sentence("published_in_on", where=cite(where), when=when)
        if where:
            return self.sentence("published_in", where=cite(where))
        return self.sentence("published_on", when=when) if when else Markup()

    def names(self, names: Iterable[str]) -> str:
        """Names as a list in words: "A", "A and B", "A, B and C"."""
        listed = list(names)
        if len(listed) < 3:
            return self.and_.join(listed)
        return ", ".join(listed[:-1]) + self.and_ + listed[-1]


ENGLISH = Words(
    contents="Contents", questions="Questions for discussion", notes="Notes", original="Original:",
    about_the_author="About the author", about_the_authors="About the authors",
    sources_and_credits="Sources and credits", introduction="Introduction", this_edition="This edition",
    in_this_pamphlet="In this pamphlet:",
    left_out="Also on the original web page, and left out of the text:",
    cover="Cover", back_cover="Back cover", title_page="Title page", imprint="Imprint", landmarks="Landmarks",
    print_pages="Pages of the print edition", skip_to_texts="Skip to the texts",
    back_to_contents="Back to the contents",
    page="Page {label}",
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"),
    date="{day} {month} {year}",
    published_in_on="First published in {where} on {when}", published_in="First published in {where}",
    published_on="First published on {when}",
    no_licence="The source states no licence; copyright remains with the author or the original publisher.",
    pamphlet_from="A pamphlet from {collection}", edited_by="Edited by {editor}.",
    published_by="Published by {publisher}.", edition_of="This edition: {date}",
    by="{title} by {byline}", alt_by="{title}, by {authors}", and_=" and ",
    credits_elsewhere="Where each of the {count} texts first appeared, its original address and its rights "
                      "are given under “{part}”, at the end of this pamphlet.",
    built="Built {time} UTC from sources {fingerprint} with {generator}.",
    front_and_questions="{parts} and questions for discussion", by_editor=" by {editor}",
    set_in="Set in {faces}, under the SIL Open Font License 1.1.",
    set_in_with="Set in {first}, with {others}, under the SIL Open Font License 1.1.",
    made_with="Made with {generator}.",
    face_by="{face}, by {maker}", own_licence="{face} (under the licence its maker gives)",
    face_for_the_rest="{face} for what {chosen} lacks",
    for_greek_and_cyrillic="{face} for Greek and Cyrillic",
    for_code="{face} for code", for_symbols="{face} for symbols",
)

RUSSIAN = Words(
    contents="Содержание", questions="Вопросы для обсуждения", notes="Примечания", original="Оригинал:",
    about_the_author="Об авторе", about_the_authors="Об авторах", sources_and_credits="Источники и права",
    introduction="Введение", this_edition="Это издание", in_this_pamphlet="В этой брошюре:",
    left_out="Также было на исходной веб-странице и опущено в тексте:",
    cover="Обложка", back_cover="Задняя обложка", title_page="Титульный лист", imprint="Выходные данные",
    landmarks="Ориентиры", print_pages="Страницы печатного издания", skip_to_texts="Перейти к текстам",
    back_to_contents="Назад к содержанию",
    page="Страница {label}",
    months=("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
            "октября", "ноября", "декабря"),
    date="{day} {month} {year} г.",
    published_in_on="Впервые опубликовано: {where}, {when}", published_in="Впервые опубликовано: {where}",
    published_on="Впервые опубликовано: {when}",
    no_licence="Источник не указывает лицензию; авторские права принадлежат автору или первоначальному "
               "издателю.",
    pamphlet_from="Брошюра из серии {collection}", edited_by="Редактор: {editor}.",
    published_by="Издатель: {publisher}.", edition_of="Это издание: {date}",
    by="{title}, {byline}", alt_by="{title}, {authors}", and_=" и ",
    credits_elsewhere="Где впервые опубликован каждый текст, его исходный адрес и права указаны в разделе "
                      "«{part}» в конце брошюры.",
    built="Собрано {time} UTC из исходников {fingerprint} с помощью {generator}.",
    front_and_questions="{parts} и вопросы для обсуждения", by_editor=" (составитель: {editor})",
    set_in="Набрано шрифтом {faces} (лицензия SIL Open Font License 1.1).",
    set_in_with="Набрано шрифтом {first}, а также {others} (лицензия SIL Open Font License 1.1).",
    made_with="Сделано с помощью {generator}.",
    face_by="{face} ({maker})", own_licence="{face} (по лицензии его автора)",
    face_for_the_rest="{face} для того, чего нет в {chosen}",
    for_greek_and_cyrillic="{face} для греческого письма и кириллицы",
    for_code="{face} для кода", for_symbols="{face} для символов",
)

GERMAN = Words(
    contents="Inhalt", questions="Fragen zur Diskussion", notes="Anmerkungen", original="Original:",
    about_the_author="Über den Autor", about_the_authors="Über die Autoren",
    sources_and_credits="Quellen und Nachweise", introduction="Einleitung", this_edition="Diese Ausgabe",
    in_this_pamphlet="In dieser Broschüre:",
    left_out="Außerdem auf der ursprünglichen Webseite, im Text ausgelassen:",
    cover="Umschlag", back_cover="Rückseite des Umschlags", title_page="Titelseite", imprint="Impressum",
    landmarks="Orientierungspunkte", print_pages="Seiten der Druckausgabe", skip_to_texts="Zu den Texten",
    back_to_contents="Zurück zum Inhalt",
    page="Seite {label}",
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember"),
    date="{day}. {month} {year}",
    published_in_on="Zuerst erschienen in {where} am {when}", published_in="Zuerst erschienen in {where}",
    published_on="Zuerst erschienen am {when}",
    no_licence="Die Quelle nennt keine Lizenz; die Rechte liegen bei den Urhebern oder beim ursprünglichen "
               "Verlag.",
    pamphlet_from="Aus der Reihe {collection}", edited_by="Herausgegeben von {editor}.",
    published_by="Verlag: {publisher}.", edition_of="Diese Ausgabe: {date}",
    by="{title} von {byline}", alt_by="{title}, von {authors}", and_=" und ",
    credits_elsewhere="Wo jeder der {count} Texte zuerst erschien, seine ursprüngliche Adresse und seine "
                      "Rechte "
                      "stehen unter „{part}“ am Ende dieser Broschüre.",
    built="Erstellt am {time} UTC aus den Quellen {fingerprint} mit {generator}.",
    front_and_questions="{parts} und Fragen zur Diskussion", by_editor=" von {editor}",
    set_in="Gesetzt in {faces}, unter der SIL Open Font License 1.1.",
    set_in_with="Gesetzt in {first}, mit {others}, unter der SIL Open Font License 1.1.",
    made_with="Erstellt mit {generator}.",
    face_by="{face}, von {maker}", own_licence="{face} (unter der Lizenz seines Herstellers)",
    face_for_the_rest="{face} für das, was {chosen} fehlt",
    for_greek_and_cyrillic="{face} für Griechisch und Kyrillisch", for_code="{face} für Code",
    for_symbols="{face} für Symbole",
)

FRENCH = Words(
    contents="Sommaire", questions="Questions pour la discussion", notes="Notes", original="Original\u00a0:",
    about_the_author="À propos de l’auteur", about_the_authors="À propos des auteurs",
    sources_and_credits="Sources et crédits", introduction="Introduction", this_edition="Cette édition",
    in_this_pamphlet="Dans cette brochure\u00a0:",
    left_out="Figurait aussi sur la page web d’origine, et omis du texte\u00a0:",
    cover="Couverture", back_cover="Quatrième de couverture", title_page="Page de titre", imprint="Colophon",
    landmarks="Repères", print_pages="Pages de l’édition imprimée", skip_to_texts="Aller aux textes",
    back_to_contents="Retour au sommaire",
    page="Page {label}",
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre"),
    date="{day} {month} {year}",
    published_in_on="Première publication dans {where} le {when}",
    published_in="Première publication dans {where}", published_on="Première publication le {when}",
    no_licence="La source n’indique aucune licence. Les droits restent à l’auteur ou à l’éditeur d’origine.",
    pamphlet_from="Une brochure de la collection {collection}", edited_by="Sous la direction de {editor}.",
    published_by="Publié par {publisher}.", edition_of="Cette édition\u00a0: {date}",
    by="{title} par {byline}", alt_by="{title}, par {authors}", and_=" et ",
    credits_elsewhere="La première parution de chacun des {count} textes, son adresse d’origine et ses "
                      "droits "
                      "figurent dans «\u00a0{part}\u00a0», à la fin de cette brochure.",
    built="Produit le {time} UTC à partir des sources {fingerprint} avec {generator}.",
    front_and_questions="{parts} et questions pour la discussion", by_editor=" par {editor}",
    set_in="Composé en {faces}, sous licence SIL Open Font License 1.1.",
    set_in_with="Composé en {first}, avec {others}, sous licence SIL Open Font License 1.1.",
    made_with="Réalisé avec {generator}.",
    face_by="{face}, par {maker}", own_licence="{face} (sous la licence de son auteur)",
    face_for_the_rest="{face} pour ce qui manque à {chosen}",
    for_greek_and_cyrillic="{face} pour le grec et le cyrillique", for_code="{face} pour le code",
    for_symbols="{face} pour les symboles", first_day="1er",
)

SPANISH = Words(
    contents="Índice", questions="Preguntas para el debate", notes="Notas", original="Original:",
    about_the_author="Sobre el autor", about_the_authors="Sobre los autores",
    sources_and_credits="Fuentes y créditos", introduction="Introducción", this_edition="Esta edición",
    in_this_pamphlet="En este folleto:", left_out="También en la página web original, y omitido del texto:",
    cover="Cubierta", back_cover="Contracubierta", title_page="Portada", imprint="Colofón",
    landmarks="Puntos de referencia", print_pages="Páginas de la edición impresa",
    skip_to_texts="Ir a los textos", back_to_contents="Volver al índice",
    page="Página {label}",
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
            "noviembre", "diciembre"),
    date="{day} de {month} de {year}",
    published_in_on="Publicado originalmente en {where} el {when}",
    published_in="Publicado originalmente en {where}",
    published_on="Publicado originalmente el {when}",
    no_licence="La fuente no indica ninguna licencia; los derechos siguen siendo del autor o de la editorial "
               "original.",
    pamphlet_from="Un folleto de la colección {collection}", edited_by="Edición a cargo de {editor}.",
    published_by="Publicado por {publisher}.", edition_of="Esta edición: {date}",
    by="{title}, de {byline}", alt_by="{title}, de {authors}", and_=" y ",
    credits_elsewhere="La primera publicación de cada uno de los {count} textos, su dirección original y sus "
                      "derechos figuran en «{part}», al final de este folleto.",
    built="Generado el {time} UTC a partir de las fuentes {fingerprint} con {generator}.",
    front_and_questions="{parts} y preguntas para el debate", by_editor=" a cargo de {editor}",
    set_in="Compuesto en {faces}, bajo la licencia SIL Open Font License 1.1.",
    set_in_with="Compuesto en {first}, con {others}, bajo la licencia SIL Open Font License 1.1.",
    made_with="Hecho con {generator}.",
    face_by="{face}, de {maker}", own_licence="{face} (bajo la licencia de su autor)",
    face_for_the_rest="{face} para lo que falta en {chosen}",
    for_greek_and_cyrillic="{face} para el griego y el cirílico", for_code="{face} para el código",
    for_symbols="{face} para los símbolos",
)

ITALIAN = Words(
    contents="Indice", questions="Domande per la discussione", notes="Note", original="Originale:",
    about_the_author="L’autore", about_the_authors="Gli autori", sources_and_credits="Fonti e crediti",
    introduction="Introduzione", this_edition="Questa edizione", in_this_pamphlet="In questo opuscolo:",
    left_out="Presente anche nella pagina web originale, e omesso dal testo:",
    cover="Copertina", back_cover="Quarta di copertina", title_page="Frontespizio", imprint="Colophon",
    landmarks="Punti di riferimento", print_pages="Pagine dell’edizione a stampa",
    skip_to_texts="Vai ai testi",
    back_to_contents="Torna all’indice",
    page="Pagina {label}",
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
            "ottobre", "novembre", "dicembre"),
    date="{day} {month} {year}",
    published_in_on="Pubblicato originariamente su {where} il {when}",
    published_in="Pubblicato originariamente su {where}",
    published_on="Pubblicato originariamente il {when}",
    no_licence="La fonte non indica alcuna licenza; i diritti restano all’autore o all’editore originale.",
    pamphlet_from="Un opuscolo della collana {collection}", edited_by="A cura di {editor}.",
    published_by="Pubblicato da {publisher}.", edition_of="Questa edizione: {date}",
    by="{title} di {byline}", alt_by="{title}, di {authors}", and_=" e ",
    credits_elsewhere="La prima pubblicazione di ciascuno dei {count} testi, il suo indirizzo originale e i "
                      "suoi "
                      "diritti sono indicati in «{part}», alla fine di questo opuscolo.",
    built="Generato il {time} UTC dai sorgenti {fingerprint} con {generator}.",
    front_and_questions="{parts} e domande per la discussione", by_editor=" a cura di {editor}",
    set_in="Composto in {faces}, con licenza SIL Open Font License 1.1.",
    set_in_with="Composto in {first}, con {others}, con licenza SIL Open Font License 1.1.",
    made_with="Realizzato con {generator}.",
    face_by="{face}, di {maker}", own_licence="{face} (con la licenza del suo autore)",
    face_for_the_rest="{face} per ciò che manca a {chosen}",
    for_greek_and_cyrillic="{face} per il greco e il cirillico", for_code="{face} per il codice",
    for_symbols="{face} per i simboli", first_day="1º",
)

PORTUGUESE = Words(
    contents="Sumário", questions="Perguntas para debate", notes="Notas", original="Original:",
    about_the_author="Sobre o autor", about_the_authors="Sobre os autores",
    sources_and_credits="Fontes e créditos",
    introduction="Introdução", this_edition="Esta edição", in_this_pamphlet="Neste folheto:",
    left_out="Também na página web original, e omitido do texto:",
    cover="Capa", back_cover="Contracapa", title_page="Folha de rosto", imprint="Ficha técnica",
    landmarks="Pontos de referência", print_pages="Páginas da edição impressa",
    skip_to_texts="Ir para os textos",
    back_to_contents="Voltar ao sumário",
    page="Página {label}",
    months=("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
            "outubro", "novembro", "dezembro"),
    date="{day} de {month} de {year}",
    published_in_on="Publicado originalmente em {where}, em {when}",
    published_in="Publicado originalmente em {where}",
    published_on="Publicado originalmente em {when}",
    no_licence="A fonte não indica nenhuma licença; os direitos continuam com o autor ou a editora original.",
    pamphlet_from="Um folheto da coleção {collection}", edited_by="Organização de {editor}.",
    published_by="Publicado por {publisher}.", edition_of="Esta edição: {date}",
    by="{title}, de {byline}", alt_by="{title}, de {authors}", and_=" e ",
    credits_elsewhere="A primeira publicação de cada um dos {count} textos, o seu endereço original e os "
                      "seus "
                      "direitos estão indicados em «{part}», no final deste folheto.",
    built="Gerado em {time} UTC a partir das fontes {fingerprint} com {generator}.",
    front_and_questions="{parts} e perguntas para debate", by_editor=" por {editor}",
    set_in="Composto em {faces}, sob a licença SIL Open Font License 1.1.",
    set_in_with="Composto em {first}, com {others}, sob a licença SIL Open Font License 1.1.",
    made_with="Feito com {generator}.",
    face_by="{face}, de {maker}", own_licence="{face} (sob a licença do seu autor)",
    face_for_the_rest="{face} para o que falta em {chosen}",
    for_greek_and_cyrillic="{face} para o grego e o cirílico", for_code="{face} para o código",
    for_symbols="{face} para os símbolos",
)

POLISH = Words(
    contents="Spis treści", questions="Pytania do dyskusji", notes="Przypisy", original="Oryginał:",
    about_the_author="O autorze", about_the_authors="O autorach", sources_and_credits="Źródła i prawa",
    introduction="Wstęp", this_edition="To wydanie", in_this_pamphlet="W tej broszurze:",
    left_out="Było też na oryginalnej stronie internetowej, pominięte w tekście:",
    cover="Okładka", back_cover="Tylna okładka", title_page="Strona tytułowa", imprint="Stopka redakcyjna",
    landmarks="Punkty orientacyjne", print_pages="Strony wydania drukowanego",
    skip_to_texts="Przejdź do tekstów",
    back_to_contents="Powrót do spisu treści",
    page="Strona {label}",
    months=("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
            "października", "listopada", "grudnia"),
    date="{day} {month} {year} r.",
    published_in_on="Pierwotnie opublikowano: {where}, {when}",
    published_in="Pierwotnie opublikowano: {where}",
    published_on="Pierwotnie opublikowano: {when}",
    no_licence="Źródło nie podaje licencji; prawa autorskie pozostają przy autorze lub pierwotnym wydawcy.",
    pamphlet_from="Broszura z serii {collection}", edited_by="Redakcja: {editor}.",
    published_by="Wydawca: {publisher}.", edition_of="To wydanie: {date}",
    by="{title}, {byline}", alt_by="{title}, {authors}", and_=" i ",
    credits_elsewhere="Miejsce pierwszej publikacji każdego tekstu, jego pierwotny adres i prawa podano w "
                      "części "
                      "„{part}” na końcu broszury.",
    built="Zbudowano {time} UTC ze źródeł {fingerprint} za pomocą programu {generator}.",
    front_and_questions="{parts} i pytania do dyskusji", by_editor=" (oprac. {editor})",
    set_in="Złożono krojem {faces} (licencja SIL Open Font License 1.1).",
    set_in_with="Złożono krojem {first}, z użyciem {others} (licencja SIL Open Font License 1.1).",
    made_with="Przygotowano za pomocą programu {generator}.",
    face_by="{face} ({maker})", own_licence="{face} (na licencji jego twórcy)",
    face_for_the_rest="{face} dla znaków, których brak w {chosen}",
    for_greek_and_cyrillic="{face} dla greki i cyrylicy", for_code="{face} dla kodu",
    for_symbols="{face} dla symboli",
)

FINNISH = Words(
    contents="Sisällys", questions="Keskustelukysymyksiä", notes="Viitteet", original="Alkuperäinen:",
    about_the_author="Kirjoittajasta", about_the_authors="Kirjoittajista",
    sources_and_credits="Lähteet ja tekijätiedot", introduction="Johdanto", this_edition="Tämä laitos",
    in_this_pamphlet="Tässä vihkossa:", left_out="Myös alkuperäisellä verkkosivulla, tekstistä pois jätetty:",
    cover="Kansi", back_cover="Takakansi", title_page="Nimiösivu", imprint="Julkaisutiedot",
    landmarks="Maamerkit", print_pages="Painetun laitoksen sivut", skip_to_texts="Siirry teksteihin",
    back_to_contents="Takaisin sisällykseen",
    page="Sivu {label}",
    months=("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
            "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"),
    date="{day}. {month} {year}",
    published_in_on="Julkaistu alun perin: {where}, {when}", published_in="Julkaistu alun perin: {where}",
    published_on="Julkaistu alun perin: {when}",
    no_licence="Lähde ei mainitse lisenssiä; tekijänoikeudet kuuluvat tekijälle tai alkuperäiselle "
               "julkaisijalle.",
    pamphlet_from="Vihko sarjasta {collection}", edited_by="Toimittanut {editor}.",
    published_by="Julkaisija: {publisher}.", edition_of="Tämä laitos: {date}",
    by="{title}, {byline}", alt_by="{title}, {authors}", and_=" ja ",
    credits_elsewhere="Kunkin tekstin alkuperäinen julkaisu, osoite ja oikeudet kerrotaan osiossa ”{part}” "
                      "vihkon lopussa.",
    built="Koottu {time} UTC lähteistä {fingerprint} ohjelmalla {generator}.",
    front_and_questions="{parts} ja keskustelukysymykset", by_editor=" (toim. {editor})",
    set_in="Kirjasin: {faces} (lisenssi SIL Open Font License 1.1).",
    set_in_with="Kirjasin: {first}, lisäksi {others} (lisenssi SIL Open Font License 1.1).",
    made_with="Tehty ohjelmalla {generator}.",
    face_by="{face} ({maker})", own_licence="{face} (tekijänsä lisenssillä)",
    face_for_the_rest="{face} merkeille, joita {chosen} ei sisällä",
    for_greek_and_cyrillic="{face} kreikkalaisille ja kyrillisille kirjaimille", for_code="{face} koodille",
    for_symbols="{face} symboleille",
)

LANGUAGES = {"en": ENGLISH, "ru": RUSSIAN, "de": GERMAN, "fr": FRENCH, "es": SPANISH, "it": ITALIAN,
             "pt": PORTUGUESE, "pl": POLISH, "fi": FINNISH}


def cite(title: str) -> Markup:
    """A title, as the editions cite one."""
    return Markup("<cite>{}</cite>").format(title)


def primary_language(tag: str) -> str:
    """The primary subtag of a language tag, in lower case: "pt" for "pt-BR", "PT_br" or "pt"."""
    return tag.replace("_", "-").split("-")[0].casefold()


def words(language: str) -> Words:
    """The furniture of `language` (a language tag: "ru", "pt-BR"); English for one not listed."""
    return LANGUAGES.get(primary_language(language), ENGLISH)
