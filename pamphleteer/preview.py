"""Serve the output folder on this computer only, with HTML pages that reload after each rebuild.

`PreviewServer` answers on 127.0.0.1 (never on a network interface) from a
background thread. It serves the files directly inside the output folder; an
HTML page is served with a small script added before `</body>` that asks the
server every second for the build number and reloads the page when it changes.
The script exists only in the served copy: the built HTML file is never
touched. `rebuilt()` bumps the build number.

Only this computer's browser is answered: a request whose `Host` is not
`127.0.0.1:<port>` or `localhost:<port>` gets 421 (a web page elsewhere that
rebinds its name to 127.0.0.1 cannot read the editions), one without `Host`
400, and a path with NUL or other control characters 400. Whatever a client
sends, nothing is printed: a failure answers 500 and is forgotten.
"""

from __future__ import annotations

import errno
import http.server
import mimetypes
import re
import threading
import urllib.parse
from pathlib import Path

from pamphleteer.errors import ConfigurationError

HOST = "127.0.0.1"
VERSION_PATH = "/__pamphleteer__/build"
RELOAD_SCRIPT = (
    "<script>/* added by `build.py watch --serve` to this served copy only: reload after a rebuild */\n"
    "(function () {\n"
    "  var seen = null;\n"
    "  function poll() {\n"
    f"    fetch('{VERSION_PATH}', {{cache: 'no-store'}})\n"
    "      .then(function (response) { return response.text(); })\n"
    "      .then(function (build) {\n"
    "        if (seen !== null && build !== seen) { location.reload(); }\n"
    "        seen = build;\n"
    "      })\n"
    "      .catch(function () {})\n"
    "      .then(function () { setTimeout(poll, 1000); });\n"
    "  }\n"
    "  poll();\n"
    "})();\n"
    "</script>\n"
)
NOT_FOUND = b"Not found: only the editions in the output folder are served.\n"
BAD_PATH = b"Bad request: the path has control characters.\n"
NO_HOST = b"Bad request: no Host header.\n"
WRONG_HOST = b"Misdirected request: this preview answers only 127.0.0.1 and localhost.\n"
FAILED = b"The preview could not answer this request.\n"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
TEXT = "text/plain; charset=utf-8"


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that never prints a traceback for a request that went wrong."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return
CSP_META = re.compile(rb"<meta\s+http-equiv=[\"']?content-security-policy[\"']?[^>]*>", re.IGNORECASE)


def with_reload_script(html: bytes) -> bytes:
    """The page as served: the reload script before `</body>`, and no CSP that would block it."""
    html = CSP_META.sub(b"", html)
    script = RELOAD_SCRIPT.encode("utf-8")
    index = html.lower().rfind(b"</body>")
    return html + script if index < 0 else html[:index] + script + html[index:]


class PreviewServer:
    """An HTTP server for one output folder, on 127.0.0.1, in a background thread."""

    def __init__(self, folder: Path, port: int = 8000) -> None:
        self.folder = folder.resolve()
        self.build = 0
        self.lock = threading.Lock()
        handler = self._handler()
        try:
            self.server = QuietServer((HOST, port), handler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ConfigurationError(
                    f"port {port} is already in use on {HOST}; pass another with --port"
                ) from None
            raise ConfigurationError(f"cannot serve on {HOST}:{port}: {error.strerror}") from None
        self.thread = threading.Thread(target=self.server.serve_forever, name="preview", daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, name: str = "") -> str:
        return f"http://{HOST}:{self.port}/{urllib.parse.quote(name)}"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def rebuilt(self) -> None:
        """Tell open pages that the editions changed: they reload."""
        with self.lock:
            self.build += 1

    def allowed_host(self, host: str | None) -> bool:
        """Whether a request's `Host` names this server as this computer does."""
        return host is not None and host.strip().lower() in (f"{HOST}:{self.port}", f"localhost:{self.port}")

    def answer(self, target: str, host: str | None) -> tuple[int, str, bytes]:
        """Status, content type and body for a request target and `Host` header; never raises."""
        if host is None:
            return 400, TEXT, NO_HOST
        if not self.allowed_host(host):
            return 421, TEXT, WRONG_HOST
        path = urllib.parse.urlsplit(target).path
        if CONTROL.search(target) or CONTROL.search(urllib.parse.unquote(path)):
            return 400, TEXT, BAD_PATH
        try:
            return self._response(path)
        except OSError:
            return 404, TEXT, NOT_FOUND
        except Exception:  # noqa: BLE001 (a preview never shows a traceback; the build goes on)
            return 500, TEXT, FAILED

    def _response(self, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for a request path."""
        if path == VERSION_PATH:
            with self.lock:
                return 200, "text/plain; charset=utf-8", str(self.build).encode("ascii")
        name = urllib.parse.unquote(path.lstrip("/"))
        if not name:
            return self._index()
        target = (self.folder / name).resolve()
        if target.parent != self.folder or target.name.startswith(".") or not target.is_file():
            return 404, "text/plain; charset=utf-8", NOT_FOUND
        data = target.read_bytes()
        if target.suffix == ".html":
            return 200, "text/html; charset=utf-8", with_reload_script(data)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return 200, kind, data

    def _index(self) -> tuple[int, str, bytes]:
        names = sorted(p.name for p in self.folder.iterdir() if p.is_file() and not p.name.startswith("."))
        items = "".join(
            f'<li><a href="{urllib.parse.quote(n)}">{n}</a></li>' for n in names
        ) if names else "<li>nothing built yet</li>"
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Editions</title></head>'
            f"<body><h1>Editions in {self.folder.name}/</h1><ul>{items}</ul></body></html>"
        )
        return 200, "text/html; charset=utf-8", with_reload_script(page.encode("utf-8"))

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        preview = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                self._answer(send_body=True)

            def do_HEAD(self) -> None:  # noqa: N802
                self._answer(send_body=False)

            def _answer(self, send_body: bool) -> None:
                status, kind, body = preview.answer(self.path, self.headers.get("Host"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Cache-Control", "no-store")
                    self.end_headers()
                    if send_body:
                        self.wfile.write(body)
                except OSError:  # the browser went away
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # requests are not news
                return

        return Handler
