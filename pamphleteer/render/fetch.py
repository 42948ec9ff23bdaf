"""The only way a renderer reads a file: from inside the allowed folders, never the network.

WeasyPrint asks this fetcher for every stylesheet, font and image. It serves
files inside the project's `styles/` and the publication's sources folder and
refuses everything else (other paths, `..`, `http(s)://`, `data:`), with a warning.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint

LOGGER = logging.getLogger(__name__)


class ConfinedFetcher(weasyprint.urls.URLFetcher):
    """Serve files from inside the allowed folders; refuse everything else."""

    def __init__(self, allowed: tuple[Path, ...]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.allowed = tuple(path.resolve() for path in allowed)

    def fetch(self, url: str, headers: object = None) -> weasyprint.urls.URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file":
            LOGGER.warning("refused to fetch %s: the build reads only local files", url)
            raise ValueError(f"refused: {url}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            LOGGER.warning("refused to read %s: outside the project's styles and sources", path)
            raise ValueError(f"refused: {url}")
        return weasyprint.urls.URLFetcherResponse(url, path.read_bytes())
