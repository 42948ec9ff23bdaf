"""Fetch a web page or an image for `build.py add`: the only code that reaches the network.

A fetch says who it is (`USER_AGENT`), follows at most `MAX_REDIRECTS`
redirects and only to http(s) addresses, gives up after `TIMEOUT_SECONDS`
without an answer (or twice that in all), and reads at most the size it is
allowed. Any failure is one `SourceError` naming the address and why.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException
from urllib.parse import urljoin, urlsplit

from pamphleteer import __version__
from pamphleteer.errors import SourceError, TooLarge

USER_AGENT = f"Pamphleteer/{__version__} (build.py add: one page for a reading group's pamphlet)"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
MAX_PAGE_BYTES = 10 * 1024 * 1024
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """What an address answered."""

    url: str  # the address after redirects
    content_type: str  # "text/html", lower case, without parameters
    charset: str  # from the Content-Type header, or ""
    body: bytes


def is_web_address(text: str) -> bool:
    """Whether a command-line argument is an http(s) address rather than a file."""
    return urlsplit(text.strip()).scheme.lower() in ("http", "https") and "://" in text


def _short(url: str) -> str:
    return url if len(url) <= 100 else url[:97] + "…"


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most `MAX_REDIRECTS` redirects, and only to http(s)."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            fp.close()
            raise SourceError(f"{_short(req.full_url)}: it redirects to '{_short(target)}', which is not a "
                              "web address; only http(s) is fetched")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    handlers = (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                _Redirects(), urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler())
    for handler in handlers:
        opener.add_handler(handler)
    return opener


def fetch(url: str, *, accept: str = "text/html,application/xhtml+xml", max_bytes: int | None = None,
          timeout: float | None = None) -> Fetched:
    """GET `url`, following a few redirects; its body, at most `max_bytes` (a page's limit) of it."""
    max_bytes = MAX_PAGE_BYTES if max_bytes is None else max_bytes
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).hostname:
        raise SourceError(f"{_short(url)}: only http:// and https:// addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept,
                                                   "Accept-Encoding": "identity"})
    deadline = time.monotonic() + 2 * timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise TooLarge(f"{_short(url)}: it is {int(length) / 1024 / 1024:.1f} MB, more than the "
                               f"{max_bytes / 1024 / 1024:.0f} MB a page may be", limit=max_bytes,
                               size=int(length))
            body = bytearray()
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise TooLarge(f"{_short(url)}: it is more than the {max_bytes / 1024 / 1024:.0f} MB "
                                   "a page may be", limit=max_bytes)
                if time.monotonic() > deadline:
                    raise SourceError(f"{_short(url)}: it took more than {2 * timeout:.0f} s to arrive")
            return Fetched(url=response.geturl(), content_type=headers.get_content_type().lower(),
                           charset=headers.get_content_charset() or "", body=bytes(body))
    except urllib.error.HTTPError as error:
        error.close()
        if error.code in (301, 302, 303, 307, 308):
            reason = f"it redirects more than {MAX_REDIRECTS} times"
        else:
            reason = f"the server answered {error.code} {error.reason}"
        raise SourceError(f"{_short(url)}: {reason}") from None
    except urllib.error.URLError as error:
        cause = error.reason
        if isinstance(cause, (TimeoutError, socket.timeout)):
            raise SourceError(f"{_short(url)}: no answer within {timeout:.0f} s") from None
        text = getattr(cause, "strerror", None) or str(cause)
        raise SourceError(f"{_short(url)}: it could not be fetched ({text})") from None
    except TimeoutError:
        raise SourceError(f"{_short(url)}: no answer within {timeout:.0f} s") from None
    except (HTTPException, OSError, ValueError) as error:
        raise SourceError(f"{_short(url)}: it could not be fetched ({error})") from None
