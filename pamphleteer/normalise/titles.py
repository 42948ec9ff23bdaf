"""Tell a title from what stands beside it: the site's name at its end, in the forms `split_title` leaves.

`split_title` (metadata) cuts "Why X | The Nation" and "Why X - Le Monde diplomatique".
Pages also end their titles with the site's name after a colon set off by spaces
("Vom Boden aus gedacht : literaturkritik.de"), with the site's address ("… - taz.de"),
or with the name and the number of the issue the article appeared in ("Ein Albtraum -
DER SPIEGEL 52/2018"). `site_suffix` cuts those, and only when what it cuts is the
site's name: a subtitle after a colon ("Vom Boden aus gedacht : Ann Cotten verwebt …")
stays the title's: after a colon, only the name the site's address spells is cut.
"""

from __future__ import annotations

import re

from pamphleteer.normalise.metadata import COMMON_TLDS, is_section_name, is_site

# The last part of a title after a bar, a spaced dash or a spaced colon.
LAST_PART = re.compile(r"(?:\s*\|\s*|\s+(?P<separator>[-–—·•:])\s+)(?P<site>[^|–—·•:]+?)\s*$")
ADDRESS = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?P<tld>[a-z]{2,6})$", re.IGNORECASE)
# The number of a magazine's issue after its name: "52/2018", "Nr. 12", "No. 3/2020", "Heft 4".
ISSUE = re.compile(
    r"\s+(?:\d{1,3}/(?:19|20)\d\d|(?:nr\.?|no\.?|n°|heft|issue)\s*\d{1,4}(?:/\d{2,4})?)$", re.IGNORECASE
)
NAME_WORDS = 4  # a site's name before its issue's number has at most this many words
TITLE_WORDS = 2  # what stays of the title has at least this many


def is_address(text: str) -> bool:
    """A site's address written as its name: 'taz.de', 'literaturkritik.de', 'www.liberation.fr'."""
    match = ADDRESS.match(text.strip())
    return match is not None and match["tld"].casefold() in COMMON_TLDS


def _capitalised_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= NAME_WORDS
        and all(word[:1].isupper() for word in words)
        and not is_section_name(text)
    )


def site_suffix(title: str, host: str = "", names: frozenset[str] = frozenset()) -> tuple[str, str]:
    """`title` without the site's name it ends with, and that name: ("Vom Boden aus gedacht",
    "literaturkritik.de") for "Vom Boden aus gedacht : literaturkritik.de"; (title, "") when it
    ends with none of the forms above. `host` is the text's site, `names` the page's other texts."""
    match = LAST_PART.search(title)
    if not match:
        return title, ""
    rest, site = title[: match.start()].strip(), match["site"].strip()
    if len(rest.split()) < TITLE_WORDS:
        return title, ""
    if is_address(site):
        return rest, site  # "Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer - taz.de"
    stem = ISSUE.sub("", site)
    if stem != site and (is_site(stem, host, names) or (not host and _capitalised_name(stem))):
        return rest, stem  # "Ein Albtraum - DER SPIEGEL 52/2018"
    if match["separator"] == ":" and host and is_site(site, host, frozenset()):
        return rest, site  # "… : literaturkritik.de"; never "… : Ann Cotten verwebt …", a subtitle
    return title, ""


# A company's legal form at the end of its name: the publisher, not the publication.
LEGAL_FORM = re.compile(
    r"\b(?:GmbH|AG|SE|KG|KGaA|e\.\s?V\.|Inc\.?|Ltd\.?|LLC|LLP|PLC|S\.?A\.?S?|S\.?L\.?|S\.?p\.?A\.?|SARL|"
    r"B\.?V\.?|N\.?V\.?|Sp\.\s?z\s?o\.\s?o\.|Verlag\w*|Vertriebs\w*)\s*$"
)
# An account's handle, as a converter takes it from the page's `twitter:site` ("@TNBtweets"): one word
# of a handle's letters, with '@', an underscore or a capital inside it ("TNBtweets", "the_nation"), not
# an acronym ("WNYC"), no name the address spells ("DiEM25" at diem25.org is the site's).
HANDLE = re.compile(
    r"@[A-Za-z0-9_]{2,15}|(?![A-Z0-9]+$)(?=\w*(?:_|[A-Z][a-z]*[A-Z]|[A-Z]{2,}[a-z]))[A-Za-z][A-Za-z0-9_]{1,14}"
)
TAGLINE = re.compile(r"^(?P<name>.+?)\s*(?:\s[-–—|:·•]|,)\s+\S")  # a name, then its tagline or its place


def converter_guess(given: str, found: str, host: str, guessed: str) -> tuple[str, str]:
    """Why the site's name a converter wrote in the front matter is its guess, and the name to give
    instead; ('', given) when `given` stands. A guess: the site's address ("www.liberation.fr"), a
    company's legal name ("TAZ Verlags- und Vertriebs GmbH"), the name with its tagline or its place
    ("CORRECTIV - Recherchen für die Gesellschaft", "SPIEGEL ONLINE, Hamburg, Germany"). The name
    instead is `found`, the one the page writes, or for a tagline or a place the name before it; never
    `guessed`, the normaliser's own name made from the address (no better than the converter's)."""
    given, found = " ".join(given.split()), " ".join(found.split())
    written = found if found and found != guessed and not is_address(found) else ""
    if not given or given.casefold() == found.casefold():
        return "", given
    if is_address(given) and written:
        return "the site's address", written
    if LEGAL_FORM.search(given) and written:
        return "a company's legal name", written
    if host and HANDLE.fullmatch(given) and (given.startswith("@") or not is_site(given, host, frozenset())):
        instead = written or (guessed if len(guessed.split()) >= 2 else "")
        if instead:  # trafilatura's sitename from `twitter:site`: "TNBtweets" at thenervousbreakdown.com
            return "a social-media account's handle", instead
    tagline = TAGLINE.match(given)
    name = tagline["name"].strip() if tagline else ""
    if tagline and name and host and is_site(name, host, frozenset()) and not LEGAL_FORM.search(name):
        if written and is_site(written, host, frozenset()):
            name = written
        kind = "its place" if given[tagline.end("name") :].lstrip().startswith(",") else "its tagline"
        return f"the site's name with {kind}", name
    return "", given
