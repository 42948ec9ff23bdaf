"""The preview server answers only this computer's browser, refuses odd paths, and never prints a traceback.

Each request below is sent as raw bytes to a `PreviewServer` over a socket, so
the test controls every byte of the request line and the `Host` header (as a
DNS-rebinding page or a fuzzer would); the answer's status is checked, and
nothing may appear on the terminal.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from pamphleteer.preview import PreviewServer


@pytest.fixture
def server(tmp_path) -> Iterator[PreviewServer]:
    (tmp_path / "reader.html").write_text("<html><body>The reader.</body></html>", encoding="utf-8")
    preview = PreviewServer(tmp_path, port=0)
    preview.start()
    yield preview
    preview.stop()


def request(server: PreviewServer, raw: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(raw)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


CASES = [
    # (what, request target, Host header or None, expected status)
    ("the page, by 127.0.0.1", "/reader.html", "127.0.0.1:{port}", 200),
    ("the page, by localhost", "/reader.html", "LOCALHOST:{port}", 200),
    ("another site's name (DNS rebinding)", "/reader.html", "evil.example:{port}", 421),
    ("another port", "/reader.html", "127.0.0.1:1", 421),
    ("no port", "/reader.html", "localhost", 421),
    ("no Host at all", "/reader.html", None, 400),
    ("a NUL in the path", "/reader%00.html", "127.0.0.1:{port}", 400),
    ("a newline in the path", "/reader%0a.html", "127.0.0.1:{port}", 400),
    ("an escape character in the path", "/%1b[2J", "127.0.0.1:{port}", 400),
    ("a path out of the folder", "/..%2f..%2fetc%2fpasswd", "127.0.0.1:{port}", 404),
    ("an absolute target for another host", "http://evil.example/reader.html", "evil.example", 421),
    ("a hidden file", "/.pamphleteer.lock", "127.0.0.1:{port}", 404),
]


@pytest.mark.parametrize(("what", "target", "host", "expected"), CASES, ids=[case[0] for case in CASES])
def test_requests_are_answered_only_for_this_computer(server, capfd, what, target, host, expected):
    header = f"Host: {host.format(port=server.port)}\r\n" if host is not None else ""
    version = "HTTP/1.1" if host is not None else "HTTP/1.0"
    answer = request(server, f"GET {target} {version}\r\n{header}Connection: close\r\n\r\n".encode())
    assert status(answer) == expected, answer[:200]
    if expected == 200:
        assert b"The reader." in answer
    else:
        assert b"The reader." not in answer
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and not err.strip()


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\x01\x02 garbage\r\n\r\n",
        b"GET /\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: " + b"x" * 70000 + b"\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /" + b"%ff" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"",
    ],
    ids=["binary", "raw NUL", "huge header", "bad version", "bad escapes", "nothing"],
)
def test_garbage_never_prints_a_traceback(server, capfd, raw):
    request(server, raw)
    answer = request(server, f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    assert status(answer) == 200  # still serving
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and not err.strip()
