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
