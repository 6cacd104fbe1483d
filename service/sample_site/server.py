"""A small HTTP server on 127.0.0.1 serving in-memory pages, for the demo and the tests.

It speaks enough HTTP to exercise a polite crawler: ETag and Last-Modified with
304 answers, robots.txt, and scripted failures (a 403 twice, then the page; a
connection dropped half-way through the body; no answer at all), and it records
every request so a test can count what a crawl cost. A page can be held: its
requests wait until the test lets them go, so a crawl is caught mid-way without
a timed sleep.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

HOLD_LIMIT_SECONDS = 120  # a held request is let go by then, whatever the test does

# Scripted faults that are not HTTP statuses (use them with `LoopbackSite.fail`).
DROP_CONNECTION = -1  # promise the whole body, send part of it, hang up
NO_ANSWER = -2  # read the request and say nothing until the client gives up


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    sized: bool = True  # False: no Content-Length, the body ends when the connection does


@dataclass(frozen=True)
class Hit:
    path: str
    status: int
    headers: dict[str, str]
    bytes_sent: int


@dataclass
class LoopbackSite:
    pages: dict[str, Page] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    faults: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    holds: dict[str, threading.Event] = field(default_factory=dict)
    waiting: set[str] = field(default_factory=set)
    _arrived: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        validators: bool = True,
        sized: bool = True,
    ) -> None:
        """Serve `body` at `path` (which may include a query string); `sized=False` sends
        it as a streaming server would, without saying how long it is."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = f'"{hashlib.sha1(data).hexdigest()[:16]}"' if validators else None
        modified = formatdate(usegmt=True) if validators else None
        self.pages[path] = Page(data, content_type, etag, modified, sized)

    def fail(self, path: str, *statuses: int) -> None:
        """Answer the next requests for `path` with these statuses (or DROP_CONNECTION,
        NO_ANSWER), then serve it normally."""
        self.faults[path].extend(statuses)

    def hold(self, path: str) -> threading.Event:
        """Requests for `path` wait until the returned event is set (at most HOLD_LIMIT)."""
        gate = threading.Event()
        self.holds[path] = gate
        return gate

    def wait_for_held(self, path: str, timeout: float = 60.0) -> bool:
        """Block until a request for the held `path` has arrived."""
        with self._arrived:
            return self._arrived.wait_for(lambda: path in self.waiting, timeout=timeout)

    def _hold_if_asked(self, path: str) -> None:
        gate = self.holds.get(path)
        if gate is None:
            return
        with self._arrived:
            self.waiting.add(path)
            self._arrived.notify_all()
        gate.wait(timeout=HOLD_LIMIT_SECONDS)

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the site first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def requests_for(self, prefix: str) -> list[Hit]:
        return [h for h in self.hits if h.path.startswith(prefix)]

    def _lookup(self, raw_path: str) -> tuple[int, Page | None]:
        with self._lock:
            if self.faults.get(raw_path):
                return self.faults[raw_path].pop(0), None
        page = self.pages.get(raw_path) or self.pages.get(urlsplit(raw_path).path)
        return (200, page) if page else (404, None)

    def start(self) -> str:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body leave in two writes; with Nagle's algorithm the body waits for
            # the client's delayed ACK, some 40 ms a request: a 900-request crawl took 5x longer.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:
                return None  # tests read site.hits instead

            def misbehave(self, fault: int) -> None:
                if fault == DROP_CONNECTION:
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.write(b"%PDF-1.7\n" + b"x" * 1000)
                else:
                    site._stopping.wait(60)  # the client times out long before this
                self.close_connection = True
                with site._lock:
                    site.hits.append(Hit(self.path, fault, dict(self.headers.items()), 0))

            def do_GET(self) -> None:
                site._hold_if_asked(self.path)
                status, page = site._lookup(self.path)
                if status in (DROP_CONNECTION, NO_ANSWER):
                    self.misbehave(status)
                    return
                body = b""
                headers: dict[str, str] = {}
                if page is not None:
                    unchanged = page.etag and self.headers.get("If-None-Match") == page.etag
                    unchanged = unchanged or (
                        page.last_modified
                        and self.headers.get("If-Modified-Since") == page.last_modified
                    )
                    status = 304 if unchanged else 200
                    headers["Content-Type"] = page.content_type
                    if page.etag:
                        headers["ETag"] = page.etag
                    if page.last_modified:
                        headers["Last-Modified"] = page.last_modified
                    body = b"" if status == 304 else page.body
                elif status == 404 and urlsplit(self.path).path == "/robots.txt":
                    body = b"User-agent: *\nAllow: /\n"
                    status, headers["Content-Type"] = 200, "text/plain"
                else:
                    body = f"status {status}".encode()
                    headers["Content-Type"] = "text/plain"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if page is None or page.sized:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.close_connection = True
                self.end_headers()
                with site._lock:  # logged first: a client may hang up half-way
                    site.hits.append(Hit(self.path, status, dict(self.headers.items()), len(body)))
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self._stopping.clear()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.base_url

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LoopbackSite:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
