"""A web server on 127.0.0.1 for the tests and the README's samples: the build never uses the network,
and what is fetched from "the web" is fetched from here.

    with Loopback({"/page": respond(200, b"<p>Hi</p>")}) as server:
        server.url("/page")   # http://127.0.0.1:PORT/page
        server.requests       # [(path, User-Agent), …] in the order they came

A path with no route gets `otherwise` (404 unless told). The tests have it as the `loopback` fixture
(tests/conftest.py); scripts/readme_samples.py uses the class itself.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable
from types import TracebackType

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


def respond(status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None, delay: float = 0.0) -> Route:
    """A route answering `status` with `body` (after `delay` seconds), its length stated."""
    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return route


def redirect(to: str, status: int = 302) -> Route:
    return respond(status, headers={"Location": to})


NOT_FOUND = respond(404, b"<h1>Not Found</h1>")


class Loopback:
    """An HTTP server on 127.0.0.1 with a table of routes, in a background thread while it is entered;
    it records what each request said."""

    def __init__(self, routes: dict[str, Route] | None = None, otherwise: Route = NOT_FOUND) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.otherwise = otherwise
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                server.routes.get(self.path, server.otherwise)(self)

            def log_message(self, *arguments: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Loopback:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
