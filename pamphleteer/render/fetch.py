"""The only way WeasyPrint reads a file: from inside the allowed folders, never the network.

WeasyPrint asks this fetcher for every stylesheet, font and image. It serves
files inside the project's `styles/` and the publication's sources folder and
refuses everything else (other paths, `..`, `http(s)://`, `data:`), and keeps
what it refused, for the build to report (see `confine`).
"""

from __future__ import annotations

from pathlib import Path

import weasyprint

from pamphleteer.render.confine import Refused, confined_path


class ConfinedFetcher(weasyprint.urls.URLFetcher):
    """Serve files from inside the allowed folders; refuse everything else."""

    def __init__(self, allowed: tuple[Path, ...]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.allowed = tuple(path.resolve() for path in allowed)
        self.refused: list[str] = []  # every refusal, for the build to report

    def fetch(self, url: str, headers: object = None) -> weasyprint.urls.URLFetcherResponse:
        try:
            path = confined_path(url, self.allowed)
        except Refused as refusal:
            self.refused.append(str(refusal))
            raise
        return weasyprint.urls.URLFetcherResponse(url, path.read_bytes())

    def open(self, url: object, data: object = None, timeout: object = None) -> object:
        """urllib's way in goes through `fetch` too, so it is confined the same way."""
        return self.fetch(str(getattr(url, "full_url", url)))
