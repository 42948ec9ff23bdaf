"""Take the web page's furniture out of a text's body: a block classifier in jusText's manner.

A scraped page carries, around and inside the article, the site's navigation and
sidebars, share and follow buttons, "Advertisement", newsletter and cookie notices,
related-stories boxes, tag lists and comment threads. Each block is measured as
jusText measures a paragraph — its length, its link density (the share of its
characters inside links), its stop-word density (jusText's stop-word lists, in the
text's language) — and read for the words that page chrome is made of; its place
counts too (before the article's heading, in the article, after its last paragraph
of prose), as do repetition (the same short line twice) and the heading it stands
under ("Related" with its list, "3 Comments" with the thread).

What leaves the body is never dropped: it goes to the credits (an "About the
author" section to the bio), each block with an N42x diagnostic that names it. A
long block of prose is furniture only under a heading that says so (comments, the
author's bio) or when it is a subscription or cookie notice: a false negative is
better than a lost sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import justext  # type: ignore[import-untyped]

from pamphleteer.ast import (
    block_inlines,
    div_attr,
    header_inlines,
    header_level,
    is_only_emphasis,
    is_pull_quote,
    kind,
    link_target,
    link_text,
    list_items,
    make_div,
    text_of,
    walk,
)
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.boilerplate_comments import COMMENT_HEADING, threads_in
from pamphleteer.normalise.boilerplate_pitches import (
    BUTTON_WORDS,
    in_voice,
    is_address_field,
    is_appeal,
    is_button,
    is_newsletter_line,
    is_pitch_line,
    mentions_mail,
    site_words,
    stems,
)
from pamphleteer.normalise.findings import shorten
from pamphleteer.normalise.furniture import _classify_tail
from pamphleteer.normalise.images import is_left_out_image
from pamphleteer.normalise.keep import Keep
from pamphleteer.normalise.metadata import (
    ROLE,
    SHARING_HOSTS,
    host_of,
    kicker_date,
    looks_like_name,
    read_author_links,
    read_byline,
    read_dateline,
    site_host,
)
from pamphleteer.normalise.paragraphs import continues
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node
from pamphleteer.wording import primary_language

# jusText's thresholds (justext.core): a paragraph under LENGTH_LOW characters is short,
# one whose stop-word density reaches STOPWORDS_HIGH over LENGTH_HIGH characters is good.
LENGTH_LOW, LENGTH_HIGH = 70, 200
STOPWORDS_LOW, STOPWORDS_HIGH = 0.30, 0.32
MAX_LINK_DENSITY = 0.2
PROSE_WORDS = 25  # a block this long, in sentences, is the author's unless a heading says otherwise
SHORT_WORDS = 12
LIST_ITEM_WORDS = 12  # a list whose items average fewer words is offers or headlines, not the article's prose
LANGUAGES = {
    "af": "Afrikaans", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fi": "Finnish", "fr": "French",
    "ga": "Irish", "gl": "Galician", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "lt": "Lithuanian", "lv": "Latvian", "nb": "Norwegian_Bokmal",
    "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian",
}

# What each kind of furniture is called in the diagnostics and the build's summary.
CODES = {
    "N420": "navigation, menus and link lists -> credits",
    "N421": "share, follow, print and listen buttons, 'Advertisement', 'N min read' -> credits",
    "N422": "related, recommended and more-stories lists -> credits",
    "N423": "comment threads -> credits",
    "N424": "newsletter, subscription, donation and cookie notices -> credits",
    "N425": "the site's header and sidebar before the article -> credits",
    "N426": "tag and category lists -> credits",
    "N427": "'About the author' -> About the authors",
    "N428": "the page's layout divs opened, their blocks read one by one",
    "N429": "the page's foot, after the article's end (imprint, legal and site links, badges) -> credits",
}
MESSAGES = {
    "N420": "navigation or a list of links left the body for the credits",
    "N421": "a share, follow or print button (page furniture) left the body for the credits",
    "N422": "a related-stories list left the body for the credits",
    "N423": "a comment thread left the body for the credits",
    "N424": "a newsletter, subscription or cookie notice left the body for the credits",
    "N425": "the site's header or sidebar, before the article's heading, left the body for the credits",
    "N426": "a tag or category list left the body for the credits",
    "N427": "an 'About the author' section left the body for 'About the authors'",
    "N428": "the page's layout (a div) was opened: its blocks stand in its place, read one by one",
    "N429": "the page's foot, after the article's end, left the body for the credits",
}


# A copyright notice: "© 2020 …", "Copyright © 2019 …", "Copyright 2019 …", "(c) 2013 …".
COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\))\s*\d{4}\b|^copyright\s+\d{4}\b", re.IGNORECASE)
# A rights notice anywhere in a short line, in the corpus's languages ("DER SPIEGEL 52/2018 Alle Rechte
# vorbehalten", "República Argentina | Todos los derechos reservados").
RIGHTS = re.compile(r"\b(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+r[ée]serv[ée]s"
                    r"|todos\s+los\s+derechos\s+reservados|todos\s+os\s+direitos\s+reservados"
                    r"|tutti\s+i\s+diritti\s+riservati|wszelkie\s+prawa\s+zastrze[żz]one"
                    r"|kaikki\s+oikeudet\s+pid[äa]tet[äa][äa]n)\b", re.IGNORECASE)
RIGHTS_WORDS = 30


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


# Labels over a page's tags, in the corpus's languages ("Themen", "Temas en esta nota", "Aiheet").
TAG_LABELS = (r"schlagw[öo]rter|stichw[öo]rter|themen|mehr\s+über|mots[- ]cl[ée]s|th[èe]mes|sujets"
              r"|temas(?:\s+en\s+esta\s+nota)?|tagi|tematy|kategorie|aiheet|avainsanat"
              r"|seuraa\s+artikkeliin\s+liittyviä\s+aiheita|t[óo]picos|assuntos|argomenti|parole\s+chiave"
              r"|categorie|etiquetas|categor[íi]as|kategorien|[ée]tiquettes")
# Headings that open a run of furniture, by what the run is.
RUN_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("N423", re.compile(r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions?)\b(?:\s+(?:on|to)\b.*)?$"
                        r"|^(?:\d+|one|two|three)\s+(?:thoughts?|responses?|comments?)\s+on\b"
                        r"|^(?:leave|post|add|write)\s+a\s+(?:reply|comment|response)\b"
                        r"|^join\s+the\s+(?:discussion|conversation)\b|^discussion$|^show\s+comments\b",
                        re.IGNORECASE)),
    ("N423", COMMENT_HEADING),
    ("N422", _words(r"related(?:\s+(?:articles?|stories|posts?|content|coverage|reading|links?|news"
                    r"|topics))?$",
                    r"recommended(?:\s+(?:for\s+you|reading|stories|articles?))?$",
                    r"more\s+(?:stories|articles?|news|posts?|from|on|in|like\s+this|to\s+read|by)\b",
                    r"(?:(?:top|latest|trending|popular|other|recent)\s+){1,2}(?:stories|articles?|news|posts?)$",
                    r"must\s+read$", r"up\s+next$", r"watch\s+next$", r"more\s+videos?$",
                    r"more\s+(?:great\s+)?\S+(?:\s+\S+)?\s+stories$", r"popular\s+(?:on|at|in)\s+.{2,40}$",
                    r"articles\s+similaires$", r"[àa]\s+lire\s+aussi$", r"sur\s+le\s+m[êe]me\s+sujet$",
                    r"[äa]hnliche\s+beitr[äa]ge$", r"lesen\s+sie\s+auch$", r"weitere\s+artikel$",
                    r"art[íi]culos\s+relacionados$", r"te\s+puede\s+interesar$",
                    # (not Polish's or Finnish's: before guess_language knew their stop words, the run
                    # such a heading opens took the article's paragraphs after it; not tried since)
                    r"leia\s+tamb[ée]m$", r"mais\s+lidas$", r"leggi\s+anche$", r"(?:i\s+)?più\s+lett[ei]$",
                    r"most\s+(?:read|popular|viewed|shared|commented)\b", r"popular(?:\s+now)?$",
                    r"trending$",
                    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)",
                    r"(?:what\s+to\s+)?read\s+(?:next|more|also)$", r"recent\s+(?:posts?|articles?|stories)$",
                    r"in\s+case\s+you\s+missed\s+it", r"editor'?s?’?\s+picks?$",
                    r"(?:also\s+)?in\s+this\s+series$",
                    # the same boxes' headings in Spanish, German, French and Finnish pages
                    r"(?:noticias|art[íi]culos|v[íi]deos)\s+relacionad[oa]s$", r"lo\s+m[áa]s\s+le[íi]do$",
                    r"(?:weitere\s+(?:inhalte|artikel|beitr[äa]ge)|mehr)\s+zum\s+thema$", r"meistgelesen\w*$",
                    r"la\s+r[ée]daction\s+vous\s+conseille$", r"(?:ses|nos)\s+derniers\s+articles$",
                    r"plus\s+d['’]articles\b.{0,30}$", r"les\s+plus\s+lus$", r"luetuimmat(?:\s+nyt)?$")),
    ("N426", _words(r"(?:tags?|tagged(?:\s+with)?|topics?|categories|category|filed\s+under|posted\s+in"
                    r"|labels?"
                    r"|keywords|subjects?|archives?)\s*:?$", rf"(?:{TAG_LABELS})\s*:?$")),
    ("N424", _words(r"(?:sign\s+up|subscribe)\b.*", r"(?:our\s+|the\s+)?newsletters?\b.*",
                    r"(?:support|donate)\b.{0,30}$", r"get\s+(?:our|the)\s+\w+\s+(?:newsletter|email)")),
    ("N421", _words(r"share(?:\s+this(?:\s+\w+)?)?\s*:?$", r"follow\s+(?:us|me)\b.*", r"connect\s+with\s+us$",
                    r"spread\s+the\s+word$", r"share\s+(?:on|via)\b.*")),
    ("N420", _words(r"(?:main\s+)?menu$", r"navigation$", r"search(?:\s+(?:form|this\s+site))?$",
                    r"sections$",
                    r"quick\s+links$", r"useful\s+links$", r"site\s+map$", r"blogroll$", r"meta$")),
    ("N427", _words(r"about\s+the\s+authors?$", r"about\s+the\s+writers?$", r"about\s+the\s+contributors?$",
                    r"author\s+(?:bio|profile|information)$", r"(?:the\s+)?authors?$")),
)
# The label over the author's bio in German, Polish, Spanish, Portuguese, French and Finnish: only after the
# article's first paragraph (in the head, "Autor" is the byline's label, and what follows is the article).
BIO_LABEL = _words(r"autor(?:in|innen|en|ka|zy|es|as?)?$", r"autoreninfo$", r"zu[rm]?\s+(?:den\s+)?autor\w*$",
                   r"(?:über|sobre|o)\s+(?:den\s+|el\s+|la\s+|o\s+|a\s+)?autor\w*$", r"o\s+autorze$",
                   r"(?:[àa]\s+propos\s+de\s+)?l['’]auteur(?:e|s)?$", r"kirjoittaja(?:sta)?$",
                   r"geschrieben\s+von$", r"written\s+by$")
# Short blocks that are page chrome by their words alone (one phrase, or several in a row).
SHARE_WORDS = (
    r"share|tweet|e-?mail|print|save|listen|copy(?:\s+link)?|link\s+copied|facebook|twitter|x|linkedin|whatsapp"
    r"|reddit|pinterest|telegram|messenger|pocket|add\s+to\s+pocket|flipboard|bluesky|mastodon|threads|tumblr|sms"
    r"|(?:show|hide)\s+more\s+sharing\s+options|share\s+(?:this|on|via|the)(?:\s+\w+){0,3}"
    r"|gift\s+(?:this\s+)?article|(?:listen|print)\s+(?:to\s+)?(?:this\s+)?(?:article|story|page|post)"
    r"|\d+\s+(?:shares?|likes?)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:-|\s+)min(?:ute)?s?\s+read"
    r"|advertisement|advertising|sponsored(?:\s+content)?|ad|paid\s+content|promoted"
    r"|(?:follow|like)\s+(?:us|me|@\S+|\S+(?:\s+\S+){0,3}\s+on\s+(?:twitter|x|facebook|instagram|bluesky"
    r"|mastodon|threads|linkedin|tiktok|youtube))"
    r"|skip\s+(?:to\s+)?(?:main\s+)?(?:content|navigation|footer)|back\s+to\s+top|(?:jump|scroll)\s+to\s+\w+"
    r"|(?:view|open)\s+(?:image|gallery|in\s+app)|enlarge(?:\s+this\s+image)?|toggle\s+\w+"
    r"|reading\s+time\s*:?\s*\d+\s+min(?:ute)?s?|comments?|shares?|\d+"
    r"|sharetweet|(?:download|t[ée]l[ée]charger)(?:\s+(?:as|au\s+format))?\s+(?:pdf|epub|mobi)"
    r"|partager(?:\s+(?:cet\s+article|sur\s+\w+))?|teilen|compartir|imprimer|drucken|imprimir"
    # Polish, Finnish, Portuguese and Italian: share, print, reading time
    r"|udostępnij(?:\s+na\s+\w+)?|drukuj|(?:\d+|jeszcze\s+\d+)\s+minut[ya]?\s+czytania"
    r"|przeczytanie\s+zajmie\s+\d+\s+min(?:ut[ya]?)?|jaa(?:\s+\w+)?|tulosta|lukuaika\s*:?\s*\d+\s+min\w*"
    r"|compartilh(?:ar|e)(?:\s+(?:no|via)\s+\w+)?|imprim(?:ir|a)|\d+\s+min(?:utos)?\s+de\s+leitura"
    r"|condividi(?:\s+su\s+\w+)?|stampa|\d+\s+min(?:uti)?\s+di\s+lettura"
    # the buttons to recommend, send, comment, follow, print and enlarge in French, Spanish and German
    r"|recommander|recomendar|empfehlen|tweeter|twittear|twittern|commenter|kommentieren|comentar"
    r"|(?:recomendar|compartir|partager|teilen|empfehlen)\s+(?:en|sur|auf|bei)\s+\w+"
    r"|envoyer(?:\s+(?:(?:l['’]|cet\s+)article\s+)?par\s+(?:e-?)?mail)?|enviar(?:\s+(?:por\s+(?:e-?mail|correo)|a\s+\w+))?"
    r"|versenden|per\s+e-?mail\s+(?:versenden|teilen)|haut\s+de\s+page|nach\s+oben|volver\s+arriba"
    r"|(?:pdf\s+)?drucken|liken|ampliar\s+(?:foto|imagen)|agrandir(?:\s+l['’]image)?"
    r"|bild\s+vergr[öo]ßern|video\s+schlie(?:ß|ss)en|t[ée]l[ée]charger\s+l['’]article"
    # the comments' count beside the share buttons ("17 Kommentare E-Mail Facebook Twitter WhatsApp")
    r"|\d+\s+(?:kommentare?|commentaires?|coment[áa]rios?|komentarz(?:e|y)?|kommenttia?|comment[io])"
    # the print version's button ("Version imprimable de cet article", "Druckversion")
    r"|(?:printer[- ]friendly|print(?:able)?)\s+version|version\s+imprimable(?:\s+de\s+cet\s+article)?"
    r"|druckversion|druckansicht|versi[óo]n\s+(?:para\s+)?imprimir|vers[ãa]o\s+para\s+impress[ãa]o"
    # the listen button in other languages ("Ouça este conteúdo", "Artikel anhören", "Écouter l'article")
    r"|ou[çc]a\s+(?:este\s+conte[úu]do|esta\s+mat[ée]ria|a\s+not[íi]cia)|ouvir\s+(?:este\s+conte[úu]do|a\s+mat[ée]ria)"
    r"|(?:artikel\s+)?(?:anh[öo]ren|vorlesen)|[ée]couter(?:\s+(?:cet\s+article|l['’]article))?"
    r"|escuchar(?:\s+(?:este\s+art[íi]culo|la\s+noticia))?|ascolta(?:\s+l['’]articolo)?|pos[łl]uchaj"
)
NAV_WORDS = (
    r"home|menu|search(?:\s+for)?|enter\s+search(?:\s+\w+)?|log\s*in|sign\s+in|log\s*out|register|my\s+account"
    r"|subscribe|close|open|more|previous(?:\s+(?:post|article|story|page))?|next(?:\s+(?:post|article|story|page))?"
    r"|older\s+posts|newer\s+posts|page\s+\d+\s+of\s+\d+|\d+|›|»|privacy(?:\s+policy)?"
    r"|terms(?:\s+(?:&|and)\s+conditions|\s+of\s+(?:use|service))?|contact(?:\s+us|\s+the\s+authors?)?"
    r"|about(?:\s+us)?|cookies?(?:\s+(?:policy|settings))?|accessibility|sitemap|rss(?:\s+feed)?"
    r"|leave\s+this\s+field\s+blank|submit|required|read\s+(?:the\s+rest|more|(?:the\s+)?full\s+(?:story|article))"
    r"|continue\s+reading|keep\s+reading|donate(?:\s+now|\s+today)?"
    r"|search\s+(?:the\s+)?(?-i:[A-Z])\S*(?:\s+\S+){0,2}|promoted\s+links(?:\s+by\s+\w+)?"
    r"|(?:slideshow|gallery|photos?|images?)\s*\(\s*\d+\s+(?:images?|photos?)\s*\)|(?:\S+\s+){0,3}see\s+more\s+videos"
    # the same buttons in French, German and Spanish pages
    r"|aller\s+au\s+(?:contenu|menu|pied\s+de\s+page)(?:\s+principal)?|(?:zum|springe\s+zum)\s+inhalt(?:\s+springen)?"
    r"|veuillez\s+laisser\s+ce\s+champ\s+vide|accueil|startseite|inicio|suche|rechercher|buscar"
    # Polish, Finnish, Portuguese and Italian: skip links, search, close, the menu
    r"|skocz\s+do\s+(?:treści|głównej\s+nawigacji|stopki)|szukaj(?:\s+w\s+serwisie)?|zamknij|strona\s+główna"
    r"|nawigacja\s+główna|siirry\s+(?:sisältöön|pääsisältöön)|hae|sulje|etusivu|valikko"
    r"|(?:ir|pular)\s+para\s+o\s+conte[úu]do|pesquisar|buscar|fechar|p[áa]gina\s+inicial"
    r"|vai\s+al\s+contenuto|cerca|chiudi"
    # a widget's placeholder, left where it did not load ("Loading…", "Carregando…", "Wird geladen …")
    r"|(?:loading|carregando|cargando|chargement(?:\s+en\s+cours)?|(?:wird\s+)?geladen|caricamento|ładowanie"
    r"|ladataan)\s*(?:\.{3}|…)?"
)


def _chained(words: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{words})(?:[\s,|·•/-]+(?:{words}))*\s*[.:!*]?$", re.IGNORECASE)


CHROME = (
    ("N421", _chained(SHARE_WORDS)),
    ("N423", re.compile(
        r"^(?:reply|reply\s*[↓↩]|log\s+in\s+to\s+reply|(?:cancel|click\s+here\s+to\s+cancel)\s+reply|report"
        r"|(?:load|show|view|see)\s+(?:more|all|\d+)\s+(?:comments?|replies)|\d+\s+(?:comments?|replies)"
        r"|(?:like|flag|permalink|edit)(?:\s*[|·]\s*(?:reply|like|flag|permalink|report))*"
        r"|\S+(?:\s+\S+){0,3}\s+(?:says|said|wrote|replied)\s*:"
        r"|(?:\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)"
        r"|your\s+email\s+address\s+will\s+not\s+be\s+published.*|required\s+fields\s+are\s+marked.*"
        r"|you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment.*|comments?\s+(?:are\s+)?closed\.?"
        r"|(?:to\s+)?leave\s+a\s+comment|please\s+keep\s+comments\b.*"
        r"|(?:[ée]crire|laisser)\s+un\s+commentaire|r[ée]pondre|kommentare?(?:\s+schreiben)?|antworten"
        r"|comentarios?|responder)"
        r"\s*[.!]?$", re.IGNORECASE)),
    ("N420", _chained(NAV_WORDS)),
    ("N420", re.compile(r"^(?:all\s+rights\s+reserved|copyright\b|©).*$"
                        r"|^(?:looks\s+like\s+)?you(?:'|’)?re\s+using\s+a\s+browser\b.*"
                        r"|^(?:please\s+)?(?:update|upgrade)\s+your\s+browser\b.*"
                        r"|^(?:this\s+site\s+requires\s+)?javascript\s+(?:is\s+)?(?:disabled|required)\b.*",
                        re.IGNORECASE)),
    ("N422", re.compile(r"^(?:related|read(?:\s+(?:more|also|next))?|also\s+read|see\s+also|recommended"
                        r"|more\s+on\s+this|must\s+read"
                        r"|more\s+from\s+\S+(?:\s+\S+)?|(?:watch|listen)(?:\s+now)?)\s*:.*$", re.IGNORECASE)),
    ("N426", re.compile(r"^(?:tags?|tagged(?:\s+with)?|topics?|categories|category|filed\s+under|posted\s+in"
                        r"|labels?|keywords|subjects?)\s*:.*$"
                        rf"|^(?:{TAG_LABELS})\s*:\s*\S.*$"
                        r"|^(?:filed\s+under|posted\s+in|tagged(?:\s+with)?)\s+\S.*$"
                        r"|^(?:eingeordnet\s+unter|schlagw[öo]rter|mots[- ]cl[ée]s|[ée]tiquettes"
                        r"|class[ée]\s+dans"
                        r"|etiquetas|categor[íi]as?|kategorien?)\s*:?\s+\S.*$", re.IGNORECASE)),
)
# Notices that may be written as whole sentences: furniture even when they read as prose. The
# newsletter's offer is read as a kind, in nine languages (`boilerplate_pitches.is_newsletter_line`);
# these are the paywall's, the cookie notice's and the appeal's own turns of phrase in English.
PITCH = re.compile(
    r"^(?:do\s+you\s+want\s+to\s+be\s+(?:informed|kept\s+up\s+to\s+date|notified)\b"
    r"|we\s+want\s+to\s+hear\s+what\s+you\s+think\b"
    r"|while\s+you(?:'|’)?(?:re|\s+are)\s+here\b|we\s+rely\s+on\s+(?:your\s+support|readers|you)\b"
    r"|never\s+miss\s+a\s+(?:story|thing|beat)\b|sorry,?\s+this\s+(?:feature|article|content)\s+is\s+only\s+available"
    r"|get\s+the\s+(?-i:[A-Z])\S*(?:\s+(?-i:[A-Z])\S*|\s+of){0,3}\s*(?:app|newsletter|daily\s+edition)?\s*$"
    r"|(?:not\s+a\s+subscriber|already\s+have\s+an\s+account|locked\s+out\s+of\s+your\s+account"
    r"|subscribers\s+can\b|sign\s+in\s+to\s+(?:access|continue|read)|get\s+(?:full\s+)?access\s+to)\b"
    r"|(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b|by\s+(?:using|continuing\s+to\s+(?:use|browse))\s+"
    r"(?:this|our)\s+(?:site|website)\b"
    r"|(?:please\s+)?(?:support|donate\s+to|become\s+a\s+(?:member|subscriber|patron|supporter)\s+of)\b.{0,80}"
    r"\b(?:journalism|reporting|work|magazine|site|newsroom|patreon|today|independent)\b"
    r"|(?:enter\s+your\s+e-?mail|already\s+a\s+subscriber|subscribers?\s+only|you\s+have\s+\d+\s+free\s+articles?)"
    r"|(?:this\s+(?:article|story)\s+is\s+(?:free|available)\s+to\s+read|thanks?\s+for\s+reading\b.{0,40}"
    r"\b(?:subscribe|support|donat)))", re.IGNORECASE)
PITCH_WORDS = 60
# Headings under which a list of links is the author's own apparatus, never furniture.
APPARATUS = _words(r"(?:further|suggested|recommended)\s+reading", r"references", r"sources", r"notes",
                   r"endnotes", r"footnotes", r"bibliography", r"works\s+cited", r"resources",
                   r"reading\s+list", r"citations", r"documents", r"appendix")
TAIL_KINDS = ("ps", "bio", "credit", "disclaimer", "more", "source", "signature")


@lru_cache(maxsize=16)
def stopwords(lang: str) -> frozenset[str]:
    """jusText's stop-word list for a language tag ("en-GB" -> English's); English when unknown."""
    name = LANGUAGES.get(primary_language(lang), "English") if lang else "English"
    return frozenset(justext.get_stoplist(name))


GUESSED = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "fi")


def guess_language(blocks: tuple[Block, ...]) -> str:
    """The language whose stop words the text's words are most often (of GUESSED), for a text whose
    front matter names none: a German page measured with English stop words has no prose."""
    tokens = [token.lower() for block in blocks for token in re.findall(r"[^\W\d_]+", text_of(block.node))]
    if not tokens:
        return ""
    scores = {lang: sum(map(stopwords(lang).__contains__, tokens)) for lang in GUESSED}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 1.5 * scores["en"] else "en"


@dataclass(frozen=True)
class Unit:
    """One block as the classifier sees it: a top-level block, or a block inside a page's div."""

    top: int  # index of the top-level block it is in
    node: Node
    line: int
    text: str
    words: int
    link_density: float
    stop_density: float
    images: int

    @property
    def is_heading(self) -> bool:
        return kind(self.node) == "Header"

    @property
    def prose(self) -> bool:
        """Sentences by their stop words, mostly outside links: text a false positive would lose."""
        return self.words >= PROSE_WORDS and self.stop_density >= STOPWORDS_LOW and self.link_density < 0.5

    @property
    def good(self) -> bool:
        """jusText's good paragraph, a little more forgiving of length: the article's own prose. A list
        is one only when its items average a sentence's length: jusText reads each item as a paragraph
        of its own, and a site's list of short offers or headlines is no article's first paragraph."""
        return (not self.is_heading and len(self.text) >= LENGTH_LOW + 30
                and self.stop_density >= STOPWORDS_LOW
                and self.link_density <= MAX_LINK_DENSITY + 0.1
                and (kind(self.node) not in ("BulletList", "OrderedList")
                     or self.words >= LIST_ITEM_WORDS * len(list_items(self.node))))


def _link_chars(node: Node) -> int:
    return sum(len(text_of(link_text(n))) for n in walk(node, into=lambda n: kind(n) != "Link")
               if kind(n) == "Link")


def _measure(top: int, line: int, node: Node, stop: frozenset[str]) -> Unit:
    text = text_of(node)
    tokens = re.findall(r"[^\W\d_][\w'’-]*", text)
    stop_count = sum(1 for token in tokens if token.lower() in stop)
    images = sum(1 for n in walk(node) if kind(n) == "Image")
    return Unit(top, node, line, text, len(tokens), _link_chars(node) / len(text) if text else 0.0,
                stop_count / len(tokens) if tokens else 0.0, images)


def open_divs(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """A page's divs opened: their blocks in their place, each on the div's line (a div of a
    scraped page is only layout). Pull quotes stay whole. Returns the blocks and the divs opened."""
    out: list[Block] = []
    opened: list[Block] = []
    for block in blocks:
        if _opens(block.node):
            opened.append(block)
        out.extend(Block(block.line, node) for node in walk(block.node, into=_opens) if not _opens(node))
    return tuple(out), tuple(opened)


def _opens(node: Node) -> bool:
    """Whether `open_divs` opens a block: a div that is not a pull quote."""
    return kind(node) == "Div" and not is_pull_quote(node)


def _units(blocks: tuple[Block, ...], stop: frozenset[str]) -> list[Unit]:
    return [_measure(index, block.line, block.node, stop) for index, block in enumerate(blocks)]


def _list_of_links(unit: Unit, stop: frozenset[str]) -> bool:
    """A list whose items are nearly all links of a few words: a menu, a related box, a tag cloud."""
    if kind(unit.node) not in ("BulletList", "OrderedList"):
        return False
    measured = [_measure(unit.top, unit.line, make_div(item), stop)
                for item in list_items(unit.node)]
    items = [item for item in measured if item.words or item.images]  # not the "|" between links
    linked = [item for item in items if not item.prose
              and (item.link_density >= 0.6 or (item.images and not item.words))]
    return bool(items) and len(linked) >= 0.75 * len(items)


def _linked_line(unit: Unit) -> bool:
    """A paragraph that is links and little else ("Home | News | Opinion", a logo, a related link)."""
    if kind(unit.node) not in ("Para", "Plain"):
        return False
    if unit.images and not unit.words:
        return any(kind(n) == "Link" for n in walk(unit.node))
    return unit.link_density >= 0.6 and not unit.prose


def _chrome(unit: Unit, item: bool = False) -> str:
    """The code of a short block (or, with `item`, a list item) made of page-chrome words, or ''."""
    if unit.words > SHORT_WORDS + 8 or unit.prose:
        return ""
    if not item and kind(unit.node) not in ("Para", "Plain", "Header"):
        return ""
    for code, pattern in CHROME:
        if pattern.match(unit.text.strip(" *_#<>")) and (code != "N422" or unit.link_density >= 0.5):
            return code
    return ""


def _list_chrome(unit: Unit) -> str:
    """The code of a list whose items are all page chrome ("Share on Facebook", "Email"), or ''."""
    if kind(unit.node) not in ("BulletList", "OrderedList"):
        return ""
    # each item whole (an icon's link and its "Link copied" tooltip are one button); icons alone say nothing
    items = [_measure(unit.top, unit.line, make_div(item), frozenset())
             for item in list_items(unit.node)]
    codes = {_chrome(item, item=True) for item in items if item.words}
    if len(codes) == 1 and "" not in codes:
        return codes.pop()
    # judged item by item (jusText's way with a list): share buttons beside a box's button ("Tweeter",
    # "Envoyer", "Abonnez-vous à partir de 1€") and the icons' marks between them ("- A +") are one row
    # of the page's buttons, whatever their mix; the row is named by its buttons
    named = [code for item in items if item.words and (code := _chrome(item, item=True))]
    rest = [item for item in items if item.words and not _chrome(item, item=True)]
    if len(named) >= 2 and all(is_button(item.text, item.link_density >= 0.8) or (
            item.words <= 2 and not item.text.rstrip().endswith(FULL_STOPS) and item.link_density == 0
            and len(item.text.strip()) <= 6) for item in rest):
        return Counter(named).most_common(1)[0][0]
    return ""


def _button_row(unit: Unit, page: Iterable[str]) -> str:
    """The code of a list each of whose items opens with a page's button ("Partager", "Imprimer", "Haut
    de page") and holds, under it, only the button's panel: icons, its form, lines of a few words, and
    the article's title and standfirst again (text the page prints elsewhere, `page`), no paragraph of
    its own. A row of buttons whose share button opens a panel reads item by item as no button."""
    items = list_items(unit.node)
    if len(items) < 2 or not all(item and kind(item[0]) in ("Para", "Plain") for item in items):
        return ""
    codes = [_chrome(_measure(unit.top, unit.line, item[0], frozenset()), item=True) for item in items]
    if not all(code in ("N420", "N421") for code in codes) or "N421" not in codes:
        return ""
    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"\w+", text)) + " "

    printed = [words(text) for text in page if len(text) >= LENGTH_LOW // 2]
    for item in items:
        for node in walk(item[1:], into=lambda n: kind(n) not in ("Para", "Plain")):
            if kind(node) not in ("Para", "Plain"):
                continue
            text = words(text_of(node))
            if len(text.split()) >= PROSE_WORDS:
                for other in printed:
                    text = text.replace(other, " ")
                if len(text.split()) >= PROSE_WORDS // 2:
                    return ""  # a paragraph of its own: no panel's
    return "N421"


def _pitch(unit: Unit) -> bool:
    return (kind(unit.node) in ("Para", "Plain", "Header") and unit.words <= PITCH_WORDS
            and (bool(PITCH.match(unit.text.strip(" *_#>"))) or is_newsletter_line(unit.text)))


def _bio_label(unit: Unit) -> bool:
    """A heading or a short paragraph that labels the author's bio in one of `BIO_LABEL`'s languages."""
    return (unit.is_heading or (kind(unit.node) in ("Para", "Plain") and unit.words <= 5)) and bool(
        BIO_LABEL.match(unit.text.strip(" :")))


def _run_heading(unit: Unit) -> str:
    """The code of a heading (or a short paragraph standing as one) that opens a run of furniture."""
    if not unit.is_heading and not (kind(unit.node) in ("Para", "Plain") and unit.words <= 5):
        return ""
    for code, pattern in RUN_HEADINGS:
        if pattern.match(unit.text.strip(" :")):
            return code
    return ""


@dataclass(frozen=True)
class Boilerplate:
    """A body without the page's furniture; what left it, and the reports."""

    body: tuple[Block, ...]
    credits: tuple[Block, ...] = ()
    bio: tuple[Block, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    texts: tuple[str, ...] = ()  # the text of every block of the page, furniture included
    host: str = ""  # the site most of the page's links go to: its own, when one clearly is


def _level(unit: Unit) -> int:
    return header_level(unit.node) if unit.is_heading else 7


def _runs(units: list[Unit], decided: dict[int, str], exempt: set[int]) -> None:
    """A furniture heading takes the blocks under it, up to the next heading as high. Prose ends the
    run, except under a comments or an author's heading that comes after the article has begun."""
    first_good = next((i for i, unit in enumerate(units) if unit.good), len(units))
    for index, unit in enumerate(units):
        code = _run_heading(unit) or ("N427" if index > first_good and _bio_label(unit) else "")
        if not code or index in exempt or index in decided:
            continue
        decided[index] = code
        holds_prose = code in ("N423", "N427") and unit.is_heading and index > first_good
        # a label of a few words over the author's bio ("Autoreninfo", "Zu den AutorInnen:") holds the bio
        bio = code == "N427" and not unit.is_heading and index > first_good
        for follower in range(index + 1, len(units)):
            other = units[follower]
            # the bio's own heading, right under its label, is the author's name ("Geschrieben von")
            named = (code == "N427" and follower == index + 1 and other.is_heading and other.words <= 4
                     and looks_like_name(other.text))
            if other.is_heading and _level(other) <= _level(unit) and not named:
                break
            if bio and other.prose and follower not in exempt and follower not in decided:
                decided[follower], bio = code, False
                continue
            if follower in exempt or (other.prose and not holds_prose and follower not in decided
                                      and not _headline_list(other)):
                break
            if not holds_prose and follower not in decided and _resumes(units, follower):
                break  # the article's text again, after the box: a short paragraph, then prose
            if code == "N427" and other.is_heading and not named:
                break
            decided.setdefault(follower, _chrome(other) or _list_chrome(other) or (
                "N420" if code == "N427" and _linked_line(other) else code))  # a link by the bio: the page's


HEADLINE_WORDS = 20
FULL_STOPS = (".", "!", "?")
SENTENCE_END = ('.', '!', '?', '…', '"', '”', '’', '»')


def _resumes(units: list[Unit], index: int) -> bool:
    """Whether the article resumes at `units[index]`: a paragraph of prose too short to be `prose`
    (a sentence or two in the text's own words, no link, a sentence's end) followed by the
    article's prose. A box's teaser is followed by its "Read more" link or the next headline."""
    unit = units[index]
    if not (kind(unit.node) == "Para" and unit.link_density == 0 and unit.words >= SHORT_WORDS
            and unit.stop_density >= STOPWORDS_LOW and unit.text.rstrip().endswith(SENTENCE_END)):
        return False
    after = next((other for other in units[index + 1:] if other.text), None)
    return after is not None and after.prose and not after.is_heading


def _headline_list(unit: Unit) -> bool:
    """A list of headlines (three in four items a few words: a box's last offer may run longer),
    however many words in all: under a "Most popular" heading it is the box's, not prose."""
    if kind(unit.node) not in ("BulletList", "OrderedList"):
        return False
    items = [text_of({"t": "Div", "c": [["", [], []], item]}) for item in list_items(unit.node)]
    headlines = sum(len(item.split()) <= HEADLINE_WORDS for item in items)
    return len(items) >= 2 and headlines >= 0.75 * len(items)


def classify(units: list[Unit], stop: frozenset[str], exempt: set[int], host: str = "",
             joined: frozenset[int] = frozenset(), bios: frozenset[int] = frozenset(),
             notes: frozenset[int] = frozenset()) -> dict[int, str]:
    """Which units are furniture, each with its code (`host`: the page's own site, when known;
    `joined`: the units exempt only as the rest of the paragraph before them; `bios`: the exempt
    units that are an author's bio, left for the foot of the text's own rules; `notes`: those that
    are the publisher's disclaimer, left for them too)."""
    decided: dict[int, str] = {}
    _runs(units, decided, exempt)
    _threads(units, decided, exempt - joined)
    _boxes(units, decided, exempt)
    _ad_slots(units, decided, exempt)
    texts = Counter(unit.text.casefold() for unit in units if unit.text and not unit.prose)
    for index, unit in enumerate(units):
        if index in decided or index in exempt:
            continue
        if _pitch(unit):
            decided[index] = "N424"
        elif kind(unit.node) in ("Para", "Plain") and (COPYRIGHT.match(unit.text) or (
                unit.words <= RIGHTS_WORDS and RIGHTS.search(unit.text))):
            decided[index] = "N420"  # the site's copyright notice, however long
        elif _colophon(unit):
            decided[index] = "N420"  # the copyright notice among the page's record of the article
        elif kind(unit.node) == "BulletList" and (
                code := _button_row(unit, (other.text for other in units if other is not unit))):
            decided[index] = code  # however many words its panels hold
        elif unit.prose:
            continue
        elif code := _chrome(unit) or _list_chrome(unit):
            decided[index] = code
        elif is_address_field(unit.text) and kind(unit.node) in ("Para", "Plain"):
            decided[index] = "N424"  # a form's field or spam trap, wherever it stands
        elif (texts[unit.text.casefold()] > 1 and unit.words <= SHORT_WORDS and not unit.is_heading
              and unit.link_density >= 0.3):
            decided[index] = "N420"  # the same links twice: the page's header and footer
    # Where the article is: from its first to its last paragraph of prose (what is not furniture already).
    good = [i for i, unit in enumerate(units) if unit.good and i not in decided]
    if not good:
        return decided
    first, last = good[0], good[-1]
    start = _article_start(units, first, stop, decided.keys() | exempt)
    for index, unit in enumerate(units):
        if index in decided or index in exempt or first <= index <= last:
            continue
        if _list_of_links(unit, stop) or _linked_line(unit):
            decided[index] = _label_code(units, index, decided) or "N420"
        elif index > last and _bio_line(unit):
            decided[index] = "N427"
        elif (start is not None and index < start and not unit.is_heading and not unit.prose
              and any(i < start for i in decided)):
            decided[index] = "N425"  # before the article's heading, in a page that has a site header
    # In the article, a list of links is furniture only under a label that says so, and a paragraph
    # that is one link to another page of the same site, as a headline, is a related story.
    hosts = {host} if host else _menu_hosts(units, decided)
    for index in range(first, last + 1):
        unit = units[index]
        if index in decided or index in exempt:
            continue
        label = _label_code(units, index, decided)
        if label and (_list_of_links(unit, stop) or _linked_line(unit)):
            decided[index] = label
        elif hosts and (_headline_link(unit, hosts) or _labelled_link(unit, hosts)
                        or _own_headlines(unit, hosts, stop)):
            decided[index] = "N422"
    # After the article has begun, a heading under the title's level that is only a link to another
    # page of the site is another story's headline (a teaser), not a section of this one.
    begun = next((i for i in good if i not in exempt), first)  # the article's own first paragraph
    for index in range(begun + 1, len(units)):
        if index not in decided and index not in exempt and _teaser_heading(units[index], hosts):
            decided[index] = "N422"
    _repeated(units, decided, exempt, begun)
    _recurring(units, decided, exempt, begun)
    if _teaser_blurbs(units, decided, exempt, begun):
        _repeated(units, decided, exempt, begun)  # the same blurb in the page's other box
    _boxed_in_head(units, decided, exempt, start, first, bios)
    _between_furniture(units, decided, exempt, last)
    _author_box(units, decided, exempt, begun)
    site = site_words(host)
    twice = _printed_twice(units, exempt, begun)
    _foot(units, decided, exempt, begun, stop, site, twice)
    end = article_end(units, decided, exempt, begun, stop, site, twice)
    _stranded_bios(units, decided, bios, end)
    _stranded_bios(units, decided, notes - bios, end, "N429", frozenset(exempt))
    return decided


def _stranded_bios(units: list[Unit], decided: dict[int, str], bios: frozenset[int], end: int,
                   code: str = "N427", lifted: frozenset[int] = frozenset()) -> None:
    """An author's bio at the article's end ("Malcolm Harris is an editor at …") with the page's
    blocks still after it in the body goes to the bio: the text's foot rules lift a bio only at the
    body's very end, and the page's last boxes stood between. With `code` N429, the same for the
    publisher's disclaimer ("Dieser Beitrag gibt die Meinung des Autors wieder …"): to the credits, unless
    only blocks the foot's rules lift (`lifted`: credits, sources, a signature) stand after it."""
    for index in sorted(bios):
        if index >= end and any(units[later].text and later not in decided and later not in bios
                               and later not in lifted for later in range(index + 1, len(units))):
            decided[index] = code


def _printed_twice(units: list[Unit], exempt: set[int], first: int) -> frozenset[int]:
    """After the article has begun, the paragraphs of prose the page prints twice as part of a box it
    prints twice: each copy after the same title or credit line (a heading, a short line, or a blurb
    of the same box), word for word ("Tamtam und Tabu", "Daniela Dahn", the blurb; again under "Buch
    der Woche"). An article may say a paragraph again, but not its box's title and credits with it."""
    counts = Counter(unit.text.casefold() for unit in units if unit.text)
    copies: dict[str, list[int]] = {}
    for index, unit in enumerate(units[first + 1:], start=first + 1):
        if (index not in exempt and kind(unit.node) in ("Para", "Plain") and unit.words >= SHORT_WORDS
                and counts[unit.text.casefold()] >= 2):
            copies.setdefault(unit.text.casefold(), []).append(index)
    twice: set[int] = set()
    for indexes in sorted(copies.values()):
        before = [next((i for i in range(index - 1, first, -1) if units[i].text), None) for index in indexes]
        if len(indexes) < 2 or None in before:
            continue
        titles = {units[i].text.casefold() for i in before if i is not None}
        title = units[before[0]] if before[0] is not None else None
        if len(titles) == 1 and title is not None and (
                title.is_heading or (title.words <= SHORT_WORDS and not title.prose) or before[0] in twice):
            twice.update(indexes)
    return frozenset(twice)


def _weight(unit: Unit, index: int, decided: dict[int, str], exempt: set[int], stop: frozenset[str],
            site: frozenset[str] = frozenset(), twice: frozenset[int] = frozenset()) -> float:
    """What a block says for "the article goes on here": its words when it is the article's prose,
    less than nothing when it is furniture (taken already, or links, or a short line). A list is
    weighed item by item (a list of headlines or links is no prose, however many words it has)."""
    if index in exempt or not unit.text:
        return 0.0
    if index in decided:
        return -2.0
    if index in twice:  # a blurb the page prints in two boxes: the page's, however many its words
        return min(-1.0, _weight(unit, index, decided, exempt, stop, site))
    if kind(unit.node) in ("Para", "Plain") and is_appeal(unit.text, site):
        return -1.0  # the publisher speaking to the reader: the page's, however many its words
    if kind(unit.node) in ("BulletList", "OrderedList"):
        items = [_measure(unit.top, unit.line, make_div(item), stop) for item in list_items(unit.node)]
        if unit.link_density >= 0.5 or any(kind(n) == "Header" for n in walk(unit.node)):
            return -3.0
        if _pitch_list(unit, site):
            return -1.0  # the publisher's box set as a list: its appeal and its button
        return sum(item.words / 2 if item.words >= PROSE_WORDS else item.words / 4 if (
            item.words >= 3 and item.stop_density >= STOPWORDS_LOW) else -0.5 for item in items if item.text)
    if unit.good:
        return float(unit.words)
    if unit.prose:
        return unit.words / 2
    if _sentence(unit):
        return unit.words / 4
    if unit.is_heading:
        return -0.5
    return -3.0 if unit.link_density >= 0.5 else -1.0


def _sentence(unit: Unit) -> bool:
    """A paragraph in the text's own words too short or too plain to be `prose`: hardly a link,
    stop words (fewer in a long one), a sentence's end."""
    return (kind(unit.node) in ("Para", "Plain") and unit.link_density < MAX_LINK_DENSITY and unit.words >= 3
            and unit.stop_density >= (0.2 if unit.words >= SHORT_WORDS else STOPWORDS_LOW)
            and unit.text.rstrip().endswith(SENTENCE_END))


def _links_block(unit: Unit, stop: frozenset[str]) -> bool:
    """Links and little else (a menu, a list of links, a logo): where the page's foot may begin."""
    return unit.link_density >= 0.5 or _list_of_links(unit, stop) or _linked_line(unit)


def article_end(units: list[Unit], decided: dict[int, str], exempt: set[int], begun: int,
                stop: frozenset[str], site: frozenset[str] = frozenset(),
                twice: frozenset[int] = frozenset()) -> int:
    """The article's last block: where the sum of the blocks' weights from its first paragraph on is
    greatest (its prose counts for it, the page's furniture against: what follows is the page's foot).
    Each block of a run of furniture weighs more than the one before (the n-th by the square root of
    n): a box inside the article is bridged by its next paragraph, the page's foot by no lone
    paragraph after it (the author's bio, a pitch)."""
    best, end, total, gap = 0.0, begun, 0.0, 0
    for index in range(begun, len(units)):
        weight = _weight(units[index], index, decided, exempt, stop, site, twice)
        if weight < 0:
            gap += 1
            weight *= gap ** 0.5
        elif weight > 0:
            gap = 0
        total += weight
        if total > best:
            best, end = total, index
    return end


def _foot(units: list[Unit], decided: dict[int, str], exempt: set[int], begun: int,
          stop: frozenset[str], site: frozenset[str] = frozenset(),
          twice: frozenset[int] = frozenset()) -> None:
    """After the article's end (`article_end`), what is not prose is the page's foot: the imprint,
    the legal and site links, the site map, app badges and social links, the last boxes. There is a
    foot only where furniture follows the article (one piece taken already, or links); before its
    first piece a line that ends as a sentence does ("Thanks.", "Venceremos!") stays, and a
    paragraph of prose stays anywhere."""
    end = article_end(units, decided, exempt, begun, stop, site, twice)
    foot = next((index for index in range(end + 1, len(units)) if index in decided
                 or _links_block(units[index], stop)), len(units))
    if foot == len(units):
        return  # no furniture after the article: nothing is the page's foot
    _appeal_box(units, decided, exempt, foot, site)
    headings = []
    for index in range(end + 1, len(units)):
        unit = units[index]
        if index in decided or index in exempt or not (unit.text or _linked_line(unit)):
            continue
        if index < foot and not unit.is_heading and unit.text.rstrip().endswith(SENTENCE_END):
            continue  # before the foot's first piece of furniture, a sentence is the author's
        if unit.is_heading:
            headings.append(index)
        elif index in twice:
            decided[index] = "N422"  # a teaser's blurb, printed in two of the page's boxes
        elif index > foot and kind(unit.node) in ("Para", "Plain") and is_appeal(unit.text, site):
            decided[index] = "N424"  # the publisher speaking to the reader, in the page's foot
        elif index > foot and _pitch_list(unit, site):
            decided[index] = "N424"  # the same, set as a list with its button
        elif not ((unit.prose and not (kind(unit.node) in ("BulletList", "OrderedList")
                                       and _weight(unit, index, decided, exempt, stop, site, twice) < 0))
                  or (_sentence(unit) and unit.words >= SHORT_WORDS)):
            decided[index] = "N429"
    # a heading goes with its section only: over a table, a quotation or prose that stay, it stays; the
    # last first, so that a section whose subsections have all gone (their headings too) goes whole
    for index in reversed(headings):
        section = []
        for other in range(index + 1, len(units)):
            if units[other].is_heading and _level(units[other]) <= _level(units[index]):
                break
            section.append(other)
        if all(other in decided for other in section if units[other].text or other in exempt):
            decided[index] = "N429"


def _appeal_box(units: list[Unit], decided: dict[int, str], exempt: set[int], foot: int,
                site: frozenset[str]) -> None:
    """The publisher's appeal right before the page's foot (`boilerplate_pitches.is_appeal`: the reader
    addressed about the site, its support or its cookies), with what stands between it and the foot
    (short lines in the same voice, buttons, labels of a few words) and the box's title above it (a
    heading, or a few words that end as no sentence does): a donation, subscription or newsletter box
    at the article's end, found by its place and its voice, not its phrases. The article's prose, a
    sentence not in that voice, ends the box."""
    run: list[tuple[int, str]] = []
    for index in range(foot - 1, -1, -1):
        unit = units[index]
        if (not unit.text and index not in exempt) or decided.get(index) == "N424":
            continue  # a box's button or pitch taken already (`_boxes`) is the box's
        if index in exempt or index in decided:
            break
        if _appeal_list(unit, site):
            run.append((index, "appeal"))
            continue
        if kind(unit.node) not in ("Para", "Plain", "Header"):
            break
        if is_appeal(unit.text, site):
            run.append((index, "appeal"))
        elif unit.words <= BUTTON_WORDS and (unit.is_heading or not unit.text.rstrip().endswith(FULL_STOPS)):
            run.append((index, "label"))
        elif unit.words <= SHORT_WORDS and (in_voice(unit.text) or is_button(unit.text, False)):
            run.append((index, "voice"))
        else:
            break
    appeals = [position for position, (_, what) in enumerate(run) if what == "appeal"]
    if not appeals:
        return
    top = appeals[-1]
    title = 0
    while top + 1 + title < len(run) and run[top + 1 + title][1] == "label" and title < 2:  # its title
        title += 1
    for index, _ in run[:top + 1 + title]:
        decided[index] = "N424"


def _pitch_list(unit: Unit, site: frozenset[str]) -> bool:
    """A subscription or donation box set as a list: an item in which the publisher speaks to the
    reader (`is_appeal`) and a line that is the box's button ("Her damit", "Jetzt spenden"), each an
    item or a paragraph of one."""
    if kind(unit.node) not in ("BulletList", "OrderedList"):
        return False
    texts = [text_of(make_div(item)) for item in list_items(unit.node)]
    texts += [text_of(node) for node in walk(unit.node) if kind(node) in ("Para", "Plain")]
    return (any(is_appeal(text, site) for text in texts)
            and any(is_button(text, False) and not is_appeal(text, site) for text in texts))


def _appeal_list(unit: Unit, site: frozenset[str]) -> bool:
    """A list of the publisher's offers, judged item by item: each item a line with a link, half of
    them at least the publisher speaking to the reader ("Learn Japanese with our original study
    materials on GaijinPot Study", "Join our … Facebook group")."""
    if kind(unit.node) not in ("BulletList", "OrderedList"):
        return False
    items = [make_div(item) for item in list_items(unit.node)]
    texts = [text_of(item) for item in items]
    if len(items) < 2 or not all(any(kind(n) == "Link" for n in walk(item)) for item in items):
        return False
    return 2 * sum(is_appeal(text, site) for text in texts) >= len(texts)


def _threads(units: list[Unit], decided: dict[int, str], exempt: set[int]) -> None:
    """A comment thread after the article has begun (`boilerplate_comments.threads_in`: its shape of
    names, timestamps and reply buttons, in any language) leaves whole, the comments' prose with it,
    and their quotations of the comments they answer."""
    begun = next((i for i, unit in enumerate(units) if unit.good), len(units)) + 1
    for first, last in threads_in([unit.node for unit in units[begun:]]):
        for index in range(begun + first, begun + last + 1):
            if index not in exempt or _spared(units[index]):  # a comment quoting the one it answers
                decided.setdefault(index, "N423")


# The label over an ad slot, in the corpus's languages ("Anzeigen", "Publicité", "Advertisement").
AD_LABEL = re.compile(
    r"^(?:advertisements?|advertising|ads?|sponsored(?:\s+(?:content|links?|posts?))?|promoted(?:\s+content)?"
    r"|anzeigen?|werbung|publicit[ée]s?|publicidad|anuncios?|pubblicit[àa]|publicidade|reklam[ay]?|mainos"
    r"|advertenties?)\s*:?$", re.IGNORECASE)
AD_WORDS = 60  # an ad's blurb under its picture is a sentence or two


COLOPHON_LINE_WORDS = 8
LABELLED = re.compile(r"^[^\W\d_][\w.-]*(?:\s+[\w.-]+){0,3}\s*:\s*\S")


def _colophon(unit: Unit) -> bool:
    """The page's record of the article set as a paragraph of short lines: labelled values ("Letzte
    Änderung: 31.10.2023", "Lesungen: 61", "Views: 1,204") and a copyright line ("© bei der Autorin
    und bei literaturkritik.de"), no line a sentence. The date the page labels is read from it
    (`metadata`) wherever it goes."""
    if kind(unit.node) not in ("Para", "Plain"):
        return False
    lines: list[list[Node]] = []
    line: list[Node] = []
    for node in block_inlines(unit.node):
        if kind(node) == "LineBreak":
            lines.append(line)
            line = []
        else:
            line.append(node)
    texts = [text for text in (text_of(each).strip() for each in [*lines, line]) if text]
    copyright_at = next((i for i, text in enumerate(texts) if re.match(r"(?:©|\(c\)|copyright\b)", text,
                                                                        re.IGNORECASE)), None)
    return (len(texts) >= 3 and copyright_at is not None
            and all(len(text.split()) <= COLOPHON_LINE_WORDS and not text.endswith(FULL_STOPS)
                    for text in texts)
            and all(LABELLED.match(text) for text in texts[:copyright_at])
            and sum(bool(LABELLED.match(text)) for text in texts) >= 2)


def _ad_label(unit: Unit) -> bool:
    """A heading or a line of a word or two that labels an ad slot ("Anzeigen", "Publicité")."""
    return (kind(unit.node) in ("Para", "Plain", "Header") and unit.words <= 3
            and bool(AD_LABEL.match(unit.text.strip(" *_#>"))))


def _ad(unit: Unit) -> bool:
    """An ad: a picture that is a link (the advertiser's), with a blurb of a sentence or two and the
    advertiser's link under it."""
    return kind(unit.node) in ("Para", "Plain") and unit.words <= AD_WORDS and any(
        kind(n) == "Link" and any(kind(m) == "Image" or is_left_out_image(m) for m in walk(n))
        for n in walk(unit.node))


def _ad_slots(units: list[Unit], decided: dict[int, str], exempt: set[int]) -> None:
    """An ad slot, wherever it stands: its label ("Anzeigen", "Advertisement") and the ads under it
    (`_ad`: a linked picture and its blurb, however many its words) with the links between and after
    them ("Anzeigenangebote bei literaturkritik.de hier!"). Anything else ends the slot, and so does a
    link before the first ad: the label takes no text of the article's."""
    for index, unit in enumerate(units):
        if index in exempt or not _ad_label(unit) or decided.get(index, "N421") != "N421":
            continue
        slot = [index]
        for later in range(index + 1, len(units)):
            other = units[later]
            if later in exempt and other.text:
                break
            if not other.text and not other.images:
                continue
            if not (_ad(other) or (_linked_line(other) and any(_ad(units[i]) for i in slot))):
                break  # (a link right under the label is no ad: a related story's, the page's)
            slot.append(later)
        for member in slot:
            decided.setdefault(member, "N421")


BOX_LINES = 4  # a box's pitch is at most this many blocks above its button


def _boxes(units: list[Unit], decided: dict[int, str], exempt: set[int]) -> None:
    """A newsletter, subscription or donation box (`boilerplate_pitches`): its button (a call to act,
    a form's field, a link naming support) and, right above it, the pitch (lines that speak of
    support or subscribing, or speak to the reader, with two of a pitch's words in the box at least)
    and the heading of a few words over it; the box's other buttons and fields after it."""
    for index, unit in enumerate(units):
        if index in exempt or index in decided or not is_button(unit.text, unit.link_density >= 0.8):
            continue
        pitch: list[int] = []
        for above in range(index - 1, max(-1, index - 1 - BOX_LINES), -1):
            other = units[above]
            if not other.text:
                continue
            if above in exempt or not (is_pitch_line(other.text) or in_voice(other.text)):
                if other.is_heading and other.words <= BUTTON_WORDS and pitch and above not in exempt:
                    pitch.append(above)  # the box's title
                break
            pitch.append(above)
            if other.is_heading:
                break
        if not any(not units[i].is_heading for i in pitch):
            continue
        # two of a pitch's words in the box; above a form's address field, a line naming the mail will do
        if stems(" ".join(units[i].text for i in [*pitch, index])) < 2 and not (
                is_address_field(unit.text) and any(mentions_mail(units[i].text) for i in pitch)):
            continue
        box = [*pitch, index]
        for after in range(index + 1, len(units)):
            if after in exempt or not units[after].text or not is_button(units[after].text,
                                                                         units[after].link_density >= 0.8):
                break
            box.append(after)
        for member in box:
            decided.setdefault(member, "N424")


def _repeated(units: list[Unit], decided: dict[int, str], exempt: set[int], first: int) -> None:
    """After the article has begun, a block that says again, word for word, what a block taken as
    furniture says is furniture too (the newsletter pitch above and below the article, a teaser's
    headline under its picture). Not in the head: the site's menus name the title and the author too."""
    codes: dict[str, str] = {}
    for index, code in decided.items():
        if units[index].text and not units[index].prose:
            codes.setdefault(units[index].text.casefold(), code)
    for index, unit in enumerate(units[first + 1:], start=first + 1):
        code = codes.get(unit.text.casefold(), "") if unit.text and not unit.prose else ""
        if code and index not in decided and index not in exempt:
            decided[index] = code


BLURB_WORDS = 40  # a teaser's blurb is a sentence or two


def _teaser_blurbs(units: list[Unit], decided: dict[int, str], exempt: set[int], first: int) -> bool:
    """After the article has begun, the lines right after a teaser's headline (a heading taken as a
    related story, N422) up to the page's next piece of furniture are the teaser's: its blurb (a
    sentence or two, hardly a link) and its byline ("By Chiara Terzuolo Feb 18, 2020 4 min read").
    Only where furniture follows at once: a paragraph after a related link that the article's own
    text follows is the article's. A teaser's blurb counts as furniture for the article's end, so the
    boxes after the article are no longer bridged by their blurbs. Returns whether any was taken."""
    found = False

    def following(index: int) -> int | None:
        return next((i for i in range(index + 1, len(units)) if units[i].text), None)

    for index in range(first + 1, len(units)):
        if decided.get(index) != "N422" or index in exempt or not units[index].is_heading:
            continue
        taken: list[int] = []
        at = following(index)
        if at is not None and at not in exempt and _blurb(units[at]) and decided.get(at, "N422") == "N422":
            taken.append(at)  # (taken already when the box's heading's run reached it)
            at = following(at)
        if at is not None and at not in decided and at in exempt and _teaser_byline(units[at]):
            taken.append(at)
            at = following(at)
        if taken and at is not None and at in decided:
            found = found or any(member not in decided for member in taken)
            for member in taken:
                decided[member] = "N422"
    return found


def _blurb(unit: Unit) -> bool:
    """A teaser's blurb: a paragraph of a sentence or two in the text's words, hardly a link."""
    return (kind(unit.node) in ("Para", "Plain") and 3 <= unit.words <= BLURB_WORDS
            and unit.link_density < MAX_LINK_DENSITY and not unit.images)


def _teaser_byline(unit: Unit) -> bool:
    """A teaser's byline: a short line that reads as a byline."""
    return (kind(unit.node) in ("Para", "Plain") and unit.words <= SHORT_WORDS
            and read_byline(unit.text) is not None)


RECURS = 3  # a headline the page prints this often is its teaser's; a pull quote says its line again once


def _recurring(units: list[Unit], decided: dict[int, str], exempt: set[int], first: int) -> None:
    """After the article has begun, a headline's few words (3 to 20, no sentence's end) that the page
    prints three times or more, as heading or line, are a teaser's: the same box in the page's
    sidebar, its carousel and its foot. The article says a line again once at most (a pull quote)."""
    counts = Counter(unit.text.casefold() for unit in units if unit.text)
    for index, unit in enumerate(units[first + 1:], start=first + 1):
        if (index not in decided and index not in exempt and kind(unit.node) in ("Para", "Plain", "Header")
                and 3 <= unit.words <= HEADLINE_WORDS and not unit.prose
                and not unit.text.rstrip().endswith(FULL_STOPS) and counts[unit.text.casefold()] >= RECURS):
            decided[index] = "N422"


BOX_BIO_WORDS = 80  # the bio in an author's box is a few sentences


def _split_byline(label: Unit, name: Unit) -> bool:
    """A byline set on two lines: a label of a few words ending in the word for "by" ("Kommentar
    von", "Ein Essay von", "Written by"), the name alone on the line under it."""
    words, named = label.text.split(), name.text.strip()
    return (kind(label.node) in ("Para", "Plain", "Header") and 1 <= len(words) <= 4
            and kind(name.node) in ("Para", "Plain", "Header") and 2 <= name.words <= 4
            and looks_like_name(named) and read_byline(f"{words[-1]} {named}") is not None)


def _author_box(units: list[Unit], decided: dict[int, str], exempt: set[int], begun: int) -> None:
    """After the article, the author's box: a byline set on two lines (`_split_byline`), the lines of
    a few words under the name (the role, the name again, the links to the author's page; at most
    BOX_LINES, no other box's title) and the bio's paragraph under them when the page's furniture (a
    heading, a box taken already) follows it.
    The byline's label leaves for the credits (N429), the rest for the bio (N427): the bio no longer
    reads as the article's last paragraph, which left the box's lines in the body above it."""
    texts = [index for index in range(begun + 1, len(units)) if units[index].text]
    for position, index in enumerate(texts[:-1]):
        name = texts[position + 1]
        if index in decided or index in exempt or name in decided or not _split_byline(units[index],
                                                                                        units[name]):
            continue
        box, bio = [name], None
        for later in texts[position + 2:position + 2 + BOX_LINES + 1]:
            unit = units[later]
            if later in exempt or (later in decided and unit.is_heading):
                break  # (another box's title)
            if later in decided or (unit.words <= BUTTON_WORDS and not unit.prose
                                    and not unit.text.rstrip().endswith(FULL_STOPS)):
                if later not in decided:
                    box.append(later)
                continue
            if kind(unit.node) in ("Para", "Plain") and unit.words <= BOX_BIO_WORDS:
                bio = later
            break
        if bio is None:
            continue
        after = next((later for later in texts if later > bio), None)
        if after is not None and not (after in decided or units[after].is_heading):
            continue
        labels = [index] + [other for other in texts[:position] if other > begun and other not in decided
                            and units[other].text == units[index].text and other >= index - 2]
        for other in labels:
            decided[other] = "N429"
        for other in [*box, bio]:
            decided[other] = "N427"


def _between_furniture(units: list[Unit], decided: dict[int, str], exempt: set[int], last: int) -> None:
    """After the article's last paragraph, a short block whose neighbours are both furniture is
    furniture too (jusText's context: a teaser's date, a form's field, a box's label)."""
    def neighbour(index: int, step: int) -> int | None:
        index += step
        while 0 <= index < len(units) and not units[index].text:
            index += step
        return index if 0 <= index < len(units) else None

    changed = True
    while changed:
        changed = False
        for index in range(last + 1, len(units)):
            unit = units[index]
            if index in decided or index in exempt or not unit.text or unit.prose or unit.words > SHORT_WORDS:
                continue
            before, after = neighbour(index, -1), neighbour(index, 1)
            if before in decided and (after is None or after in decided):
                decided[index] = decided[before]
                changed = True


def _boxed_in_head(units: list[Unit], decided: dict[int, str], exempt: set[int], start: int | None,
                   first: int, bios: frozenset[int]) -> None:
    """Between the article's heading and its first paragraph, a run of short blocks with the page's
    furniture on both sides (the nearest blocks with words) is furniture too: jusText's context, which
    judges a short block by its neighbours. The author's box between two rows of share buttons ("Ann
    Coulter" / "Political Commentator" / "See All Articles" / "### Ann Coulter" / her bio's line) is the
    page's; its bio's line goes to the bio. A byline or a date (exempt), a sentence of prose, a heading as
    high as the article's own, end the run, which then stays."""
    if start is None:
        return  # no heading opens the article: where its head begins is not known
    top = _level(units[start])
    run: list[int] = []
    bounded = False
    for index in range(start + 1, first):
        unit = units[index]
        if not unit.text:
            continue
        if index in decided:
            if bounded:
                for member in run:
                    decided[member] = "N427" if member in bios else decided[index]
            run, bounded = [], True
        elif (index in exempt or unit.prose or (unit.is_heading and _level(unit) <= top)
              or _longest_item(unit) > SHORT_WORDS):
            run, bounded = [], False
        else:
            run.append(index)


def _longest_item(unit: Unit) -> int:
    """The words of a block, or of a list's longest item (jusText reads each item as a block)."""
    if kind(unit.node) not in ("BulletList", "OrderedList"):
        return unit.words
    items = (text_of(make_div(item)) for item in list_items(unit.node))
    return max((len(re.findall(r"[^\W\d_][\w'’-]*", text)) for text in items), default=0)


def _menu_hosts(units: list[Unit], decided: dict[int, str]) -> set[str]:
    """The sites the page's own menus and header link to (its own, when its links are mostly elsewhere)."""
    targets = [link_target(n) for index, code in decided.items() if code in ("N420", "N425")
               for n in walk(units[index].node) if kind(n) == "Link"]
    return {host_of(target) for target in targets
            if target.startswith(("http://", "https://")) and host_of(target) not in SHARING_HOSTS} - {""}


def _own_page(target: str, hosts: set[str]) -> bool:
    """A link to another page of the site: site-relative, or to one of its hosts."""
    if target.startswith("/") and not target.startswith("//"):
        return True
    host = host_of(target) if target.startswith(("http://", "https://", "//")) else ""
    return bool(host) and any(host == own or host.endswith("." + own) or own.endswith("." + host)
                              for own in hosts)


def _teaser_heading(unit: Unit, hosts: set[str]) -> bool:
    """A heading below the top level that is one link to another page of the site, and nothing else."""
    if not unit.is_heading or header_level(unit.node) < 2 or unit.link_density < 0.9 or unit.words < 2:
        return False
    targets = [link_target(n) for n in walk(unit.node) if kind(n) == "Link"]
    return len(set(targets)) == 1 and _own_page(targets[0], hosts)


BIO = re.compile(r"^(?P<name>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+(?:is|was)\s+(?:a|an|the)?\b")


def _bio_line(unit: Unit) -> bool:
    """After the article: "Ganesh Sitaraman is a professor at Vanderbilt Law School." — the author's bio."""
    match = BIO.match(unit.text) if kind(unit.node) in ("Para", "Plain") and unit.words <= 80 else None
    return match is not None and looks_like_name(match.group("name")) and bool(ROLE.search(unit.text))


def _headline_link(unit: Unit, hosts: set[str]) -> bool:
    """A paragraph that is one link, a headline's few words without a full stop, to the page's own site."""
    node = unit.node
    if kind(node) not in ("Para", "Plain") or unit.link_density < 0.95 or not 3 <= unit.words <= 16:
        return False
    links = [n for n in walk(node) if kind(n) == "Link"]
    if len(links) != 1 or unit.text.rstrip().endswith((".", "!", "?", ":", ";", ",")):
        return False
    target = link_target(links[0])
    return _own_page(target, hosts) or site_host([target] * 3) in hosts


def _own_headlines(unit: Unit, hosts: set[str], stop: frozenset[str]) -> bool:
    """A list of the site's other articles: every item links and nothing else, a headline's few words
    (a teaser's picture and section beside it), to other pages of the same site. The article's list of
    sources links elsewhere, or has its own words between the links."""
    if kind(unit.node) not in ("BulletList", "OrderedList"):
        return False
    items = [make_div(item) for item in list_items(unit.node)]
    if len(items) < 2:
        return False
    for item in items:
        measured = _measure(unit.top, unit.line, item, stop)
        targets = [link_target(n) for n in walk(item) if kind(n) == "Link"]
        if (measured.link_density < 0.9 or not targets or measured.words > 2 * HEADLINE_WORDS
                or not all(_own_page(target, hosts) for target in targets)):
            return False
    return True


POINTER_LABEL_WORDS = 6


def _labelled_link(unit: Unit, hosts: set[str]) -> bool:
    """A paragraph that is a label of a few words and a link to another article of the site, and
    nothing else ("A lire aussi : [Notre récit du discours]", "LIRE AUSSI SUR REGARDS.FR >> [Affaire
    Benalla]"): the label set off by a colon, arrows or a line break, the link most of the text. A
    link inside a sentence has the sentence's words before and after it."""
    node = unit.node
    if kind(node) not in ("Para", "Plain") or unit.link_density < 0.5 or not 3 <= unit.words <= 30:
        return False
    inlines = [n for n in block_inlines(node) if kind(n) not in ("Space", "SoftBreak")]
    links = [n for n in walk(node) if kind(n) == "Link"]
    if len(links) != 1 or not _own_page(link_target(links[0]), hosts):
        return False
    flat = list(walk(node, into=lambda n: kind(n) != "Link"))
    at = next(i for i, n in enumerate(flat) if kind(n) == "Link")
    after = "".join(text_of(n) for n in flat[at + 1:] if kind(n) in ("Str", "Space")).strip(" *_»>.?!")
    label = text_of({"t": "Para", "c": [n for n in flat[:at] if kind(n) in ("Str", "Space", "SoftBreak",
                                                                              "LineBreak")]}).strip(" *_")
    broken = any(kind(n) == "LineBreak" for n in flat[:at])
    return (bool(inlines) and not after and 0 < len(label.split()) <= POINTER_LABEL_WORDS
            and (label.endswith((":", ">>", "»", "|", "→", "›")) or broken))


def _label_code(units: list[Unit], index: int, decided: dict[int, str]) -> str:
    """The code of a furniture label right before block `index` ("Related:", "Tags:")."""
    if index == 0:
        return ""
    before = units[index - 1]
    text = before.text.strip(" *_:")
    for code, pattern in RUN_HEADINGS:
        if before.words <= 5 and pattern.match(text):
            return code
    return ""


def _article_start(units: list[Unit], first_good: int, stop: frozenset[str], seen: set[int]) -> int | None:
    """The heading the article opens with: the first before its prose with no navigation between."""
    candidate = None
    for index in range(first_good - 1, -1, -1):
        unit = units[index]
        if index in seen:
            continue
        if _list_of_links(unit, stop) or _linked_line(unit) or _run_heading(unit):
            break
        if unit.is_heading:
            candidate = index
    return candidate


@rule(Stage.FURNITURE, order=10, codes=CODES)
def remove_boilerplate(
    blocks: tuple[Block, ...], path: Path, lang: str = "", keep: Keep | None = None,
    authors: tuple[str, ...] = (),
) -> Boilerplate:
    """Move the page's furniture out of the body (into the credits, a bio into the bio).

    Blocks that the furniture rules read (a byline, a credit or source line, a
    signature, the author's bio) are left for them.
    """
    keep = keep or Keep()
    blocks, opened = open_divs(blocks)
    stop = stopwords(lang or guess_language(blocks))
    diagnostics: list[Diagnostic] = [
        Diagnostic("N428", Severity.INFO, MESSAGES["N428"], path, div.line, _div_name(div.node), None)
        for div in opened
    ]
    units = _units(blocks, stop)
    tails: dict[int, str] = {}  # each unit's `_classify_tail`, asked up to three times below

    def tail(index: int) -> str:
        if index not in tails:
            unit = units[index]
            tails[index] = _classify_tail(Block(unit.line, unit.node), authors, "")
        return tails[index]

    exempt_units = {i for i, unit in enumerate(units) if _spared(unit)
                    or _read_elsewhere(unit, partial(tail, i))}
    exempt_units |= _apparatus(units)
    # The rest of a paragraph cut by a page break is the article's, however many links it holds.
    joined = {i for i in range(1, len(blocks)) if continues(blocks[i - 1], blocks[i])}
    joined_only = frozenset(joined - exempt_units)
    exempt_units |= joined
    first_good = next((i for i, unit in enumerate(units) if unit.good), 0)
    # the head's date, alone or after the site's or a section's name ("CBS News February 24, 2020, 7:57 AM")
    exempt_units |= {i for i in range(first_good)
                     if read_dateline(units[i].text) or kicker_date(units[i].text)}
    exempt_units |= {i for i in range(first_good) if _author_links(units[i])}  # the head's byline
    links = [link_target(node) for block in blocks for node in walk(block.node) if kind(node) == "Link"]
    host = site_host(links)
    bios = frozenset(i for i, unit in enumerate(units) if kind(unit.node) in ("Para", "Plain") and (
        _bio_line(unit) or tail(i) == "bio"))
    notes = frozenset(i for i, unit in enumerate(units) if kind(unit.node) in ("Para", "Plain")
                      and tail(i) == "disclaimer")
    decided = classify(units, stop, exempt_units, host, joined_only, bios, notes)
    body: list[Block] = []
    credits: list[Block] = []
    bio: list[Block] = []
    for index, block in enumerate(blocks):
        code = decided.get(index, "")
        if code and not keep.allows(code, block.node):
            diagnostics.append(keep.kept(code, block, path))
            code = ""
        if not code:
            body.append(block)
            continue
        (bio if code == "N427" else credits).append(block)
        diagnostics.append(Diagnostic(code, Severity.INFO, MESSAGES[code], path, block.line,
                                      shorten(units[index].text) or kind(block.node),
                                      "About the authors" if code == "N427" else "the credits"))
    return Boilerplate(tuple(body), tuple(credits), tuple(bio), tuple(diagnostics),
                       tuple(unit.text for unit in units if unit.text), host)


def _div_name(node: Node) -> str:
    attr = div_attr(node)
    names = [f".{name}" for name in attr.classes] + ([f"#{attr.identifier}"] if attr.identifier else [])
    return " ".join(["div", *names])


def _apparatus(units: list[Unit]) -> set[int]:
    """The blocks under a heading such as "Further reading" or "Notes": the author's, whatever their links."""
    out: set[int] = set()
    level = 0
    for index, unit in enumerate(units):
        if unit.is_heading:
            level = header_level(unit.node) if APPARATUS.match(unit.text.strip(" :")) else (
                level if level and header_level(unit.node) > level else 0)
        elif level:
            out.add(index)
    return out


def _read_elsewhere(unit: Unit, tail: Callable[[], str]) -> bool:
    """A byline, or a block the foot of the text is made of (credits, sources, bio): `furniture` lifts
    it. `tail`: what `furniture._classify_tail` makes of the block."""
    if kind(unit.node) not in ("Para", "Plain"):
        return False
    if read_byline(unit.text):
        return True
    return tail() in TAIL_KINDS


def _author_links(unit: Unit) -> bool:
    """A byline made of links to the authors' pages ("[Ann Lee](/author/ann-lee) | March 3, 2020")."""
    if kind(unit.node) not in ("Para", "Plain", "Header"):
        return False
    links = [(text_of(link_text(n)), link_target(n)) for n in walk(unit.node) if kind(n) == "Link"]
    return read_author_links(unit.text, links) is not None


def _spared(unit: Unit) -> bool:
    """Blocks no furniture rule takes: bold or italic leads and pull quotes, code, tables, quotations."""
    node = unit.node
    if kind(node) in ("Para", "Plain") and is_only_emphasis(block_inlines(node)) and unit.words > SHORT_WORDS:
        return True
    return kind(node) in ("CodeBlock", "Table", "BlockQuote", "LineBlock", "HorizontalRule", "Figure") or (
        kind(node) == "Header" and not header_inlines(node))


def walk_units(blocks: tuple[Block, ...], lang: str = "") -> Iterator[Unit]:
    """The blocks as the classifier measures them (for tests and the corpus report)."""
    yield from _units(open_divs(blocks)[0], stopwords(lang))
