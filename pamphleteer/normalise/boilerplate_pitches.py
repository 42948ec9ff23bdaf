"""Newsletter, subscription and donation boxes, found as a kind: a short pitch and its button.

A box asks the reader for something: a few lines that speak of support, donations,
subscriptions or the newsletter ("Unsere Arbeit ist spendenfinanziert …", "Abonnez-vous
à notre infolettre", "Wir bieten profunden Theaterjournalismus"), under a heading of a
few words or none, and a button: a short line that is a link or a call to act ("Jetzt
spenden", "Ja, ich möchte nachtkritik.de unterstützen.", "Je m'abonne", "Her damit") or
a form's field ("E-Mail-Adresse", "Leave this field empty"). The words of such boxes are
listed below in the eight languages of the corpus, as stems; what makes a box is the
shape: pitch lines that hold them, then the button, nothing of the article between.
"""

from __future__ import annotations

import re

# What a pitch speaks of: support, donations, membership, subscriptions, the newsletter.
PITCH_STEMS = re.compile(
    r"\w*(?:spende|unterstütz|abonn|journalism|newsletter|mitglied)\w*|\b(?:abo\b|förder\w*"
    r"|soutien\w*|souten\w*|dons?\b|infolettre|journalisme|offre\s+d[ée]couverte"
    r"|suscri\w*|donaci\w*|don[aá]\w*|apoy\w*|socios?\b|periodismo"
    r"|wesprzyj\w*|wspar\w*|darowizn\w*|prenumer\w*|dziennikarstw\w*"
    r"|tilaa\w*|tilaaj\w*|lahjoit\w*|tue\b|tuki\w*|journalismi\w*"
    r"|assin\w*|apoi\w*|doaç\w*|doar\b|jornalismo|abbona\w*|sostien\w*|sostegno|donazion\w*|giornalismo"
    r"|subscri\w*|donat\w*|support\w*|members?(?:hip)?\b|patreon|inbox|journalism)",
    re.IGNORECASE)
# A call to act, on a button: "Jetzt spenden", "Je m'abonne", "Her damit", "Join now".
CALL = re.compile(
    r"^(?:jetzt\s+\w+|ja,?\s+ich\s+möchte\b.*|her\s+damit|mitmachen|zum\s+abo\w*|abonnieren|spenden"
    r"|je\s+m['’]abonne|abonnez-vous\b.*|s['’]abonner|je\s+(?:soutiens|donne|fais\s+un\s+don)|faire\s+un\s+don"
    r"|soutenez(?:-nous)?|suscr[íi]bete|suscribite|hacete\s+socio|unite\s+a\b.*|don[aá]\s*(?:ahora)?|apoy[aá]"
    r"|wesprzyj(?:\s+nas)?|wpłać|prenumeruj|tilaa(?:\s+nyt)?|lahjoita|tue(?:\s+meitä)?|assine(?:\s+já)?"
    r"|apoie|doe|abbonati|sostienici|dona\s+ora|subscribe(?:\s+now)?|donate(?:\s+now|\s+today)?"
    r"|support\s+us|join(?:\s+(?:now|us|today))?|become\s+a\s+(?:member|supporter|subscriber)|sign\s+up)"
    r"\s*[.!»→>]*$", re.IGNORECASE)
# A form's field: the box's e-mail address box, its spam trap.
FIELD = re.compile(
    r"^(?:e-?mail(?:-?adresse|\s+address)?|adresse\s+e-?mail|correo(?:\s+electr[óo]nico)?|leave\s+this\s+field"
    r"\s+(?:empty|blank)\b.*|dieses\s+feld\s+leer\s+lassen\b.*|votre\s+(?:adresse\s+)?e-?mail|ihre\s+e-?mail"
    r"(?:-?adresse)?)\s*[:*]?$", re.IGNORECASE)
# The reader addressed, or the publisher speaking: a pitch's voice ("Helfen auch Sie", "your support").
VOICE = re.compile(
    r"(?<!^)(?<![.!?]\s)\b(?-i:Sie|Ihr\w*|Ihnen)\b|\b(?:du|dich|dir|wir|uns|unser\w*|vous|votre|vos|tu|toi|nous|notre"
    r"|nos|usted\w*|vos|te|nosotros|nuestr\w*|you|your\w*|we|us|our\w*|państw\w*|ciebie|cię|nas|nasz\w*|sinä"
    r"|teidän|meidän|me|meitä|você\w*|nós|noss\w*|voi|vostr\w*|noi|nostr\w*|ci)\b", re.IGNORECASE)
PITCH_LINE_WORDS = 80  # a pitch is short; a paragraph longer than this is the article's
BUTTON_WORDS = 8


def stems(text: str) -> int:
    """How many of a pitch's words a text has."""
    return len(PITCH_STEMS.findall(text))


def in_voice(text: str) -> bool:
    """A line that addresses the reader or speaks for the publisher, short enough for a box."""
    return 0 < len(text.split()) <= PITCH_LINE_WORDS and bool(VOICE.search(text))


def is_pitch_line(text: str) -> bool:
    """A short line that speaks of support, donations, subscriptions or the newsletter, to the reader
    or in the publisher's voice (a heading of a few words needs no voice)."""
    words = len(text.split())
    return (0 < words <= PITCH_LINE_WORDS and bool(PITCH_STEMS.search(text))
            and (words <= BUTTON_WORDS or bool(VOICE.search(text))))


def is_button(text: str, linked: bool) -> bool:
    """A box's button: a call to act, a form's field, or a short link that names support or subscribing."""
    text = text.strip(" *_#>[]")
    if not text or len(text.split()) > BUTTON_WORDS:
        return False
    return (bool(CALL.match(text) or FIELD.match(text)) or is_address_field(text)
            or (linked and bool(PITCH_STEMS.search(text))))


# A newsletter's offer, in the nine languages of `pamphleteer.wording`: a line that calls on the reader
# to subscribe, sign up or receive (a verb at its start, or the reader or publisher addressed) and names
# what comes by mail ("Sign up for our weekly newsletter", "Get daily news straight in your inbox",
# "Register for Emails", "Newsletter abonnieren", "Recevez notre lettre d'information",
# "Receba nossas newsletters", "Zapisz się do newslettera", "Tilaa uutiskirje", "Подпишитесь на рассылку").
SUBSCRIBE = (r"sign\s+up|subscribe|register|get|receive|want"
             r"|abonnier\w*|bestell\w*|melden\s+sie\s+sich|anmeld\w*|erhalt\w*|bekomm\w*"
             r"|abonn\w*|inscri\w*|recev\w*|suscr[íi]b\w*|recib\w*|reg[íi]str\w*"
             r"|iscriv\w*|ricev\w*|assin\w*|receb\w*|cadastr\w*|inscrev\w*"
             r"|zapisz\w*|otrzym\w*|subskryb\w*|prenumer\w*|tilaa\w*|liity|подпи\w*|получ\w*")
MAILED = re.compile(
    r"\b(?:newsletters?|inbox|infolettres?|lettre\s+d['’]information|bolet[íi]n(?:es)?|caixa\s+de\s+entrada"
    r"|uutiskirje\w*|biuletyn\w*|newslettera|skrzynk\w*|рассылк\w*|delivered\s+to\s+your)\b", re.IGNORECASE)
MAIL = re.compile(r"\b(?:e-?mails?|correos?|posta\s+elettronica|sähköposti\w*|почт\w*)\b", re.IGNORECASE)
# A form's address field or spam trap by itself: no article's sentence ("E-Mail-Adresse", "Your email
# address", "Leave this field empty if you're human:", "Veuillez laisser ce champ vide").
ADDRESS_FIELD = re.compile(
    r"^(?:(?:your\s+|ihre\s+|votre\s+|tu\s+|seu\s+|il\s+tuo\s+)?(?:e-?mail(?:-?adresse|\s+address|\s+adresse)"
    r"|adresse\s+(?:e-?mail|[ée]lectronique)|direcci[óo]n\s+de\s+correo(?:\s+electr[óo]nico)?"
    r"|endere[çc]o\s+de\s+e-?mail|indirizzo\s+e-?mail|adres\s+e-?mail|sähköpostiosoite)"
    r"|(?:leave|keep)\s+this\s+(?:field|input)\s+(?:empty|blank)\b.*|dieses\s+feld\s+(?:bitte\s+)?leer\s+lassen\b.*"
    r"|veuillez\s+laisser\s+ce\s+champ\s+vide\b.*|deja\s+este\s+campo\s+vac[íi]o\b.*)\s*[:*]?$",
    re.IGNORECASE)
# The reader addressed (not the publisher: "we receive the newsletter" is a sentence of the article).
YOU = re.compile(r"\b(?:you|your\w*|(?-i:Sie|Ihr\w*|Ihnen)|du|dich|dir|vous|votre|vos|tu|toi|usted\w*|você\w*"
                 r"|voi|vostr\w*|państw\w*|ciebie|cię|sinä|sinu\w*|teidän|вы|ваш\w*)\b", re.IGNORECASE)
CALLS = re.compile(rf"^(?:{SUBSCRIBE})\b", re.IGNORECASE)
NEWSLETTER_WORDS = 40


def is_newsletter_line(text: str) -> bool:
    """A short line offering the newsletter: a call to subscribe or receive (at the line's start, at a
    button's end as German has it, or to the reader addressed) and the newsletter named; or a button's
    few words calling for e-mails ("Register for Emails"). Never a long paragraph, never a sentence
    about a newsletter ("The newsletter we receive every week …")."""
    text = text.strip(" *_#>[]")
    words = len(text.split())
    if not 0 < words <= NEWSLETTER_WORDS:
        return False
    button = words <= BUTTON_WORDS and not text.endswith((".", ";", ","))
    if CALLS.match(text) or (button and re.search(rf"\b(?:{SUBSCRIBE})\W*$", text, re.IGNORECASE)):
        return bool(MAILED.search(text)) or (button and bool(MAIL.search(text)))
    return bool(MAILED.search(text) and re.search(rf"\b(?:{SUBSCRIBE})\b", text, re.IGNORECASE)
                and YOU.search(text))


def is_address_field(text: str) -> bool:
    """A form's address field or its spam trap ("E-Mail-Adresse", "Leave this field empty …")."""
    text = re.sub(r"\s*-\s*", "-", text.strip(" *_#>[]"))  # "E - Mail - Adresse", as a converter spaced it
    return 0 < len(text.split()) <= BUTTON_WORDS and bool(ADDRESS_FIELD.match(text))


def mentions_mail(text: str) -> bool:
    """Whether a line names the newsletter or mail ("Aktuelle Recherchen per Mail", "in your inbox")."""
    return bool(MAILED.search(text) or MAIL.search(text) or re.search(r"\bmail\b", text, re.IGNORECASE))


# The publisher speaking as "we" (the reader's "we" too, so never evidence alone).
WE = re.compile(r"\b(?:we|us|our\w*|wir|uns\w*|nous|notre|nos|nosotros|nuestr\w*|noi|nostr\w*|nós|noss\w*"
                r"|nasz\w*|meidän|meitä|мы|наш\w*)\b", re.IGNORECASE)
# What a notice in the reader's voice may be about instead: the page's cookies, the reader's browser.
NOTICE = re.compile(r"\bcookies?\b|\bjavascript\b|\bnavigat(?:eur|or|ore)\b|\bbrowser\b", re.IGNORECASE)
# What only a publisher asks a reader for: to donate, to subscribe, to pay for journalism, the newsletter
# (not "support" or "members", which an essay's call to action has too).
ASKED = re.compile(
    r"\w*(?:spende|spenden|abonn|journalism|newsletter|abo\b|donat|donazion|darowizn|lahjoit|doaç|suscri|subscri"
    r"|prenumer|abbona|assinatur|infolettre|periodismo|jornalismo|giornalismo|journalisme|dziennikarstw"
    r"|journalismi|patreon)\w*", re.IGNORECASE)
APPEAL_WORDS = 80  # an appeal's block is short; a longer one is the article's


def site_words(host: str) -> frozenset[str]:
    """The words a page's own site is named by, from its host ('pagina12.com.ar' -> {'pagina12'})."""
    labels = [label for label in host.casefold().split(".") if label]
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "edu"):
        core = labels[-3]
    else:
        core = labels[-2] if len(labels) >= 2 else ""
    return frozenset({core, core.replace("-", "")} - {""}) if len(core) >= 3 else frozenset()


UNACCENTED = str.maketrans("áàâäãéèêëíìîïóòôöõúùûüç", "aaaaaeeeeiiiiooooouuuuc")


def _names_site(text: str, site: frozenset[str]) -> bool:
    """Whether a text names the site as its host spells it ("Página/12" for pagina12.com.ar)."""
    return bool(site & {re.sub(r"[\W_]+", "", token.casefold()).translate(UNACCENTED)
                        for token in re.findall(r"\S+", text)})


def is_appeal(text: str, site: frozenset[str] = frozenset()) -> bool:
    """A short block in which the publisher speaks to the reader about itself: the reader addressed (or
    the publisher as "we") and the site named; or the reader asked for what only a publisher asks for
    (a donation, a subscription, to pay for journalism), or asked by "we" with two of a pitch's words,
    or told of the page's cookies or browser. The words
    are the voice and the subject, not any site's phrases ("Es porque te interesa … Página/12 cuenta
    con vos", "Wenn Ihnen dieser Artikel gefallen hat, können Sie mich durch eine Spende unterstützen")."""
    words = len(text.split())
    if not 0 < words <= APPEAL_WORDS:
        return False
    you, we = bool(YOU.search(text)), bool(WE.search(text))
    if not (you or we):
        return False
    return ((bool(site) and _names_site(text, site))
            or (you and (bool(ASKED.search(text)) or bool(NOTICE.search(text)) or (we and stems(text) >= 2))))
