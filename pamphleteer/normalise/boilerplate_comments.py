"""Readers' comment threads, found by their shape rather than by one site's words.

A thread under an article is a run of comments, each the same few blocks: the
commenter's name, a timestamp ("14. 01. 2020, 13:47", "Oydenos am 10. Juni 2017 um
15:26", "3 hours ago"), the comment, and its buttons ("Reply", "antworten · melden",
"Répondre", "Odpowiedz", "Vastaa"). The buttons are short and few in every language,
so they are listed here in eight; the timestamp is read by its digits and a month's
name. A run in which these markers recur (at least two timestamps and a reply
button, or three timestamps, each close to the one before) is a thread wherever it
stands after the article has begun, and a list whose items carry them is one too.
A heading that names the comments ("Leserkommentare", "12 commentaires",
"Komentarze (3)") opens a thread as "Comments" does (`COMMENT_HEADING`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pamphleteer.ast import definition_items, kind, list_items, make_div, text_of, walk
from pamphleteer.parse import Node

# A heading over a thread, in the corpus's languages: "Kommentare", "2 Kommentare", "Comments (5 of 23)".
COUNT = r"(?:\s*\(\s*\d+(?:\s+(?:of|von|de|z|sur)\s+\d+)?\s*\))?"
COMMENT_HEADING = re.compile(
    rf"^(?:(?:\d+\s+)?leserkommentare?|(?:\d+\s+)?kommentare|\d+\s+kommentar"
    rf"|(?:\d+\s+)?commentaires|\d+\s+commentaire|(?:\d+\s+)?coment[áa]rios|\d+\s+coment[áa]rio|(?:\d+\s+)?komentarz[ey]|\d+\s+komentarz"
    rf"|(?:\d+\s+)?kommen(?:tit|ttia)|\d+\s+kommentti|(?:\d+\s+)?commenti|\d+\s+commento"
    rf"|comments|(?:\d+\s+)?r[ée]actions|leserbriefe|reacties){COUNT}$"
    r"|^(?:einen\s+)?kommentar\s+(?:schreiben|abschicken|hinterlassen|verfassen)\b"
    r"|^(?:ihr|dein)\s+kommentar(?:\s+zu\s+diesem\s+(?:artikel|beitrag))?$|^kommentieren\b\W*$"
    r"|^(?:your|leave\s+your|add\s+your)\s+comments?$|^votre\s+commentaire$|^tu\s+comentario$"
    r"|^(?:laisser|[ée]crire|ajouter|poster)\s+un\s+commentaire\b|^r[ée]agir(?:\s+[àa]\s+cet\s+article)?$"
    r"|^(?:deja|dejar|escribe|deixe|deixar)\s+(?:un|um|seu|tu)\s+coment[áa]rio\b"
    r"|^(?:dodaj|napisz)\s+komentarz\b|^osallistu\s+keskusteluun\b|^kommentoi\b"
    r"|^(?:lascia|scrivi|aggiungi)\s+un\s+commento\b|^(?:diskussion|discusi[óo]n|dyskusja|keskustelu)$",
    re.IGNORECASE,
)
# The buttons under a comment: reply first, then what is beside it.
REPLY = (r"reply|antworten|auf\s+diesen\s+kommentar\s+antworten|r[ée]pondre|responder|odpowiedz|odpowiedź"
         r"|vastaa|rispondi|beantworten|answer")
BESIDE = (r"report(?:\s+abuse)?|flag|like|permalink|edit|delete|quote|melden|kommentar\s+melden|zitieren"
          r"|signaler(?:\s+un\s+abus)?|denunciar|reportar|zgłoś(?:\s+naruszenie)?"
          r"|ilmoita(?:\s+asiaton\s+viesti)?|segnala|recommend|empfehlen|gef[äa]llt\s+mir|j['’]aime|me\s+gusta"
          r"|lubię\s+to|tykkää|curtir|mi\s+piace"
          r"|\d+|[↓↩▲▼↑]|\(\d+\)")
SEP = r"[\s|·•/,]"
BUTTONS = re.compile(  # a reply button with others beside it, or two others at least
    rf"^(?:(?:{REPLY}|{BESIDE}){SEP}*)*(?:{REPLY})(?:{SEP}*(?:{REPLY}|{BESIDE}))*\s*[.!]?$"
    rf"|^(?:{BESIDE})(?:{SEP}+(?:{BESIDE}))*{SEP}+(?:{BESIDE})$", re.IGNORECASE)
MONTH = (r"jan(?:uary|uar|vier|eiro|naio)?|feb(?:ruary|ruar|braio)?|f[ée]vr(?:ier)?|m[äa]r(?:ch|z|s|zo|ço)?"
         r"|apr(?:il)?|avr(?:il)?|abr(?:il)?|aprile|may|mai|mayo|maio|maggio|june?|juni|juin|junio|junho|giugno|july?|juli"
         r"|juil(?:let)?|julio|julho|luglio|aug(?:ust)?|ao[ûu]t|agosto|sep(?:t(?:ember|embre)?)?|septiembre"
         r"|setembro|settembre|oct(?:ober|obre|ubre)?|okt(?:ober)?|outubro|ottobre|nov(?:ember|embre|iembro)?|novembro"
         r"|dec(?:ember)?|dez(?:ember|embro)?|d[ée]c(?:embre)?|dic(?:iembre|embre)?"
         r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
         r"|tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta"
         r"|lokakuuta|marraskuuta|joulukuuta")
DATE = re.compile(
    rf"(?<!\d)\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:\d{{4}}|\d{{2}})(?!\d)|(?<!\d)\d{{4}}-\d{{2}}-\d{{2}}(?!\d)"
    rf"|(?<!\d)\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?!\d)"
    rf"|(?<!\d)\d{{1,2}}\.?\s+(?:de\s+)?(?:{MONTH})\.?,?\s+(?:de\s+)?\d{{4}}"
    rf"|\b(?:{MONTH})\.?\s+\d{{1,2}},?\s+\d{{4}}",
    re.IGNORECASE)
TIME = re.compile(r"(?<![\d.])\d{1,2}[:h]\d{2}(?!\d)(?:\s*(?:am|pm|uhr|h))?", re.IGNORECASE)
AGO = re.compile(
    r"\b\d+\s+(?:min(?:ute)?s?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bvor\s+\d+\s+(?:minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)\b"
    r"|\bil\s+y\s+a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)\b"
    r"|\bhace\s+\d+\s+(?:minutos?|horas?|d[íi]as?|semanas?|meses|mes|años?)\b"
    r"|\bh[áa]\s+\d+\s+(?:minutos?|horas?|dias?|semanas?|meses|m[êe]s|anos?)\b"
    r"|\b\d+\s+(?:minut\w*|godzin\w*|dni|dzień|tygodni\w*|miesię\w*|lat)\s+temu\b"
    r"|\b\d+\s+(?:minuutti\w*|tunti\w*|päivä\w*|viikko\w*|kuukau\w*|vuo\w*)\s+sitten\b"
    r"|\b\d+\s+(?:minut[io]|or[ae]|giorn[io]|settiman[ae]|mes[ei]|ann[io])\s+fa\b",
    re.IGNORECASE)
STAMP_WORDS = 12  # a timestamp line, with the commenter's name beside it, is no longer than this
NEAR = 6  # markers of one thread are at most this many blocks apart
FAR = 3 * NEAR  # markers that carry on a thread found already: a long comment may stand between
NAME_WORDS = 4


def is_timestamp(text: str) -> bool:
    """A short line that is a comment's time: a date with its time, or "3 hours ago" (a name may
    stand beside it); never a sentence."""
    if len(text.split()) > STAMP_WORDS or (text.rstrip().endswith((".", "!", "?"))
                                           and not DATE.search(text[-12:])):
        return False
    return bool(AGO.search(text)) or bool(DATE.search(text) and TIME.search(DATE.sub(" ", text)))


def is_buttons(text: str) -> bool:
    """A line of a comment's buttons: "Reply", "antworten melden", "Répondre · Signaler", "Report | Like"."""
    return len(text.split()) <= 8 and bool(BUTTONS.match(text.strip(" *_#>[]")))


def leaf_texts(node: Node) -> list[str]:
    """The text of each paragraph and heading inside a block (the block's own, when it is one), and
    of each term of a definition list (a converter's "(22 juin 2018 @11h13)" over ":" and the comment)."""
    if kind(node) in ("Para", "Plain", "Header"):
        return [text_of(node)]
    terms = [text_of(term) for leaf in walk(node) if kind(leaf) == "DefinitionList"
             for term, _ in definition_items(leaf)]
    return terms + [text_of(leaf) for leaf in walk(node) if kind(leaf) in ("Para", "Plain", "Header")]


def markers(node: Node) -> tuple[int, int]:
    """How many timestamps and lines of reply buttons a block holds (a list: in its items)."""
    leaves = leaf_texts(node)
    if kind(node) in ("BulletList", "OrderedList"):
        items = [text_of(make_div(item)) for item in list_items(node)]
        buttons = sum(is_buttons(leaf) for leaf in leaves) or int(
            len(items) >= 2 and all(is_buttons(item) or not item.strip() for item in items)
            and any(re.search(rf"\b(?:{REPLY})\b", item, re.IGNORECASE) for item in items))
    else:
        buttons = sum(is_buttons(leaf) for leaf in leaves)
    return sum(is_timestamp(leaf) for leaf in leaves), buttons


def threads_in(nodes: Sequence[Node]) -> list[tuple[int, int]]:
    """Where in `nodes` the comment threads are (first, last index, inclusive).

    Its markers recur at most NEAR blocks apart; it holds two timestamps and a line
    of reply buttons, or three timestamps; it begins at the first comment's name
    (a short line right before its first timestamp) and ends after the last comment's
    text (the blocks after its last timestamp up to the next heading, at most NEAR, or FAR when
    a heading ends it). A run of markers further apart carries on a thread found already (FAR)."""
    found = [(index, *markers(node)) for index, node in enumerate(nodes)]
    marked = [(index, stamps, buttons) for index, stamps, buttons in found if stamps or buttons]
    groups: list[list[tuple[int, int, int]]] = []
    group: list[tuple[int, int, int]] = []
    for entry in [*marked, (len(nodes) + FAR + 1, 0, 0)]:
        if group and entry[0] - group[-1][0] > NEAR:
            groups.append(group)
            group = []
        group.append(entry)
    # a thread goes on while its markers recur, a long comment apart (FAR): a run of markers too few
    # to be a thread by itself, after a thread or before one, is the same thread's
    threads: list[list[tuple[int, int, int]]] = []
    pending: list[tuple[int, int, int]] = []
    for group in groups:
        if threads and group[0][0] - threads[-1][-1][0] <= FAR and not pending:
            threads[-1].extend(group)
        elif _is_thread(group):
            if pending and group[0][0] - pending[-1][0] <= FAR:
                group = pending + group
            threads.append(group)
            pending = []
        else:
            pending = group
    return [_span(nodes, thread) for thread in threads]


def _is_thread(group: list[tuple[int, int, int]]) -> bool:
    """Two timestamps and a line of reply buttons, or three timestamps, or three lines of buttons."""
    stamps = sum(item[1] for item in group)
    buttons = sum(item[2] for item in group)
    return (stamps >= 2 and buttons >= 1) or stamps >= 3 or buttons >= 3


def _span(nodes: Sequence[Node], group: list[tuple[int, int, int]]) -> tuple[int, int]:
    first, last = group[0][0], group[-1][0]
    if first > 0 and _name_line(nodes[first - 1]) and group[0][1]:
        first -= 1
    leaves = leaf_texts(nodes[last])
    if group[-1][1] and not (leaves and is_buttons(leaves[-1])):  # the last comment's text, after its time
        # up to the next heading (the page's next box), when one is near; else a comment's few blocks
        heading = next((index for index in range(last + 1, min(len(nodes), last + 1 + FAR))
                        if kind(nodes[index]) == "Header"), None)
        reach = NEAR if heading is None else FAR
        for index in range(last + 1, min(len(nodes), last + 1 + reach)):
            if kind(nodes[index]) == "Header":
                break
            last = index
            if any(is_buttons(leaf) for leaf in leaf_texts(nodes[index])):
                break
    return first, last


def _name_line(node: Node) -> bool:
    text = text_of(node).strip()
    return (kind(node) in ("Para", "Plain", "Header") and 0 < len(text.split()) <= NAME_WORDS
            and not text.endswith((".", "!", "?", ":")))
