"""What the two sides of the print edition share: its stylesheets, and a part as laid out.

`render/pdf.py` decides what each part is and where it stands; `render/layout.py`
lays it out with WeasyPrint (in a worker process). Both read the stylesheets
from here, and a laid-out part comes back as a `LaidOut` (kept in the build cache
as its PDF and `to_json`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pamphleteer.render.markup import Start
from pamphleteer.render.ownface import own_print_css
from pamphleteer.render.templates import STYLES, read_style

PAGE_SIZES = {"A5": "A5", "A6": "A6", "half-letter": "5.5in 8.5in", "letter": "letter"}


def size_style(page_size: str) -> str:
    """The page size rule, and `styles/print-<size>.css` (margins and type for that size) if any."""
    extra = STYLES / f"print-{page_size}.css"
    rules = f"\n@page {{ size: {PAGE_SIZES[page_size]}; }}\n"
    return rules + (read_style(extra.name) if extra.is_file() else "")


def print_css(page_size: str, sources: Path | None = None) -> tuple[str, str, str]:
    """The print edition's stylesheets as they are now: the fonts, the styles for `page_size` and
    the publication's own text face and `styles/print.css` in the folder `sources` ("" without
    either: see `render/ownface.py`)."""
    own = own_print_css(sources) if sources is not None else ""
    return read_style("fonts/fonts-print.css"), read_style("print.css") + size_style(page_size), own


@dataclass(frozen=True)
class LaidOut:
    """One part of the print edition, laid out alone (by `render/layout.py`)."""

    pdf: bytes
    page_count: int
    page_starts: tuple[Start, ...]
    anchors: dict[str, int]  # anchor name -> page (0-based) of the part where it is
    folios: tuple[int, ...] = ()  # the pages (0-based) that carry a folio
    moved_notes: tuple[int, ...] = ()  # the pages (0-based) whose footnote is printed on the next
    refused: tuple[str, ...] = ()  # the files WeasyPrint asked for and was refused, why

    def to_json(self) -> bytes:
        return json.dumps({
            "pages": self.page_count, "starts": [list(s) for s in self.page_starts],
            "anchors": self.anchors, "folios": list(self.folios),
            "moved_notes": list(self.moved_notes), "refused": list(self.refused),
        }).encode()

    @classmethod
    def from_cache(cls, pdf: bytes, meta: bytes) -> LaidOut:
        data = json.loads(meta)
        starts = tuple(Start(int(a), str(b), int(c)) for a, b, c in data["starts"])
        anchors = {str(k): int(v) for k, v in data["anchors"].items()}
        return cls(pdf, int(data["pages"]), starts, anchors, tuple(int(i) for i in data["folios"]),
                   tuple(int(i) for i in data["moved_notes"]), tuple(str(r) for r in data["refused"]))
