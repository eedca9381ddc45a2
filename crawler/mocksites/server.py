"""The mock-site framework: a site class per source, served on 127.0.0.1 by stdlib HTTP.

A `MockSite` holds its postings and answers requests from them, reading the state live,
so an edit made between two crawls shows on the next request. `MockSites` starts the
sites you name, each on its own port so that the site root is the server root like on
the real host, and stops them when the `with` block ends.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from .postings import MockPosting


@dataclass
class MockRequest:
    """One request as a site handler sees it."""

    method: str
    path: str  # without the query string
    query: dict[str, str]  # first value of each parameter
    headers: dict[str, str]  # names lower-cased
    body: bytes = b""

    @property
    def target(self) -> str:
        """Path and query string as requested, for logs and fault patterns."""
        if not self.query:
            return self.path
        return self.path + "?" + "&".join(f"{k}={v}" for k, v in self.query.items())

    def json(self) -> Any:
        """The body parsed as JSON; raises ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8") or "null")

    @property
    def is_xhr(self) -> bool:
        """True when the client sent `X-Requested-With: XMLHttpRequest` like a browser's AJAX."""
        return self.headers.get("x-requested-with", "").lower() == "xmlhttprequest"


@dataclass
class MockResponse:
    """What a site handler answers."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def html(cls, text: str, status: int = 200) -> MockResponse:
        return cls(status, text.encode("utf-8"), "text/html; charset=utf-8")

    @classmethod
    def json(cls, value: Any, status: int = 200) -> MockResponse:
        body = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
        return cls(status, body, "application/json; charset=utf-8")

    @classmethod
    def text(cls, text: str, status: int = 200, content_type: str = "text/plain") -> MockResponse:
        return cls(status, text.encode("utf-8"), f"{content_type}; charset=utf-8")


#: A fault action: an HTTP status to answer instead, "drop" to close the connection
#: without an answer, "slow:<seconds>" to delay the normal answer, or a callable that
#: returns a MockResponse (or None to answer normally).
FaultAction = int | str | Callable[[MockRequest], MockResponse | None]


@dataclass
class Fault:
    """Fault injection: requests whose target matches `pattern` get `action` instead.

    `times` limits how many requests the fault hits (None: all), e.g. one 500 that a
    retry gets past. More fault modes go into `MockSite._apply_fault`.
    """

    pattern: str
    action: FaultAction
    times: int | None = None
    hits: int = 0

    def matches(self, request: MockRequest) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        return re.search(self.pattern, request.target) is not None


class DropConnection(Exception):
    """Raised by a fault to close the connection without an answer."""


class MockSite:
    """A mock of one job site. Subclasses set `name` and implement `handle`.

    State is read live by `handle` on every request; change it through `edit`, `remove`,
    `add`, `down` and `faults`, which are safe to call while the server runs.
    """

    #: The source name, the same as the spider's (`unicef`, `unhcr`, ...).
    name: ClassVar[str] = ""
    #: What the real site is, for `jobarchive mock-sites` output.
    description: ClassVar[str] = ""

    def __init__(self, postings: Iterable[MockPosting] | None = None) -> None:
        self.lock = threading.RLock()
        items = self.default_postings() if postings is None else list(postings)
        self.postings: dict[str, MockPosting] = {p.key: p for p in items}
        self.down = False
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str]] = []
        self.base_url = ""  # set by MockSites once the server listens

    # -- to implement -----------------------------------------------------------------

    def default_postings(self) -> list[MockPosting]:
        """The postings a fresh site serves."""
        return []

    def handle(self, request: MockRequest) -> MockResponse:
        """Answer one request from the current state."""
        raise NotImplementedError

    # -- state changes ----------------------------------------------------------------

    def edit(self, key: str, **changes: Any) -> MockPosting:
        """Change fields of posting `key`; see `MockPosting.changed` for the extras.

        Example: `site.edit("577857", closing_date=date(2026, 12, 1))`,
        `site.edit(k, section=("Remarks:", "New text"))`, `site.edit(k, replace=("old", "new"))`.
        """
        with self.lock:
            posting = self.postings[key].changed(**changes)
            self.postings[key] = posting
            return posting

    def remove(self, key: str) -> MockPosting:
        """Take posting `key` off the site (listing and detail)."""
        with self.lock:
            return self.postings.pop(key)

    def add(self, posting: MockPosting) -> None:
        """Publish a new posting; it is listed first, like a newly posted job."""
        with self.lock:
            self.postings = {posting.key: posting, **self.postings}

    def snapshot(self) -> list[MockPosting]:
        """The current postings in listing order (a copy, safe to iterate)."""
        with self.lock:
            return list(self.postings.values())

    def get(self, key: str) -> MockPosting | None:
        with self.lock:
            return self.postings.get(key)

    def fault(self, pattern: str, action: FaultAction, times: int | None = None) -> Fault:
        """Add a fault (see `Fault`) and return it."""
        with self.lock:
            added = Fault(pattern, action, times)
            self.faults.append(added)
            return added

    # -- serving ----------------------------------------------------------------------

    def dispatch(self, request: MockRequest) -> MockResponse:
        """Log the request, then apply `down`, faults and `handle`."""
        with self.lock:
            self.requests.append((request.method, request.target))
            down = self.down
            # `site.faults.append((pattern, action))` works as well as `site.fault(...)`.
            self.faults = [f if isinstance(f, Fault) else Fault(*f) for f in self.faults]
            fault = next((f for f in self.faults if f.matches(request)), None)
            if fault is not None:
                fault.hits += 1
        if down:
            return MockResponse.html(_error_page(500, "Internal Server Error"), 500)
        if fault is not None:
            answer = self._apply_fault(fault.action, request)
            if answer is not None:
                return answer
        try:
            return self.handle(request)
        except Exception as exc:  # a bug in a mock must show in the test, as a 500
            return MockResponse.text(f"mock site error: {exc!r}", 500)

    def _apply_fault(self, action: FaultAction, request: MockRequest) -> MockResponse | None:
        if isinstance(action, int):
            return MockResponse.html(_error_page(action, "Error"), action)
        if callable(action):
            return action(request)
        if action == "drop":
            raise DropConnection
        if action.startswith("slow:"):
            time.sleep(float(action.split(":", 1)[1]))
            return None
        raise ValueError(f"unknown fault action {action!r}")

    def not_found(self) -> MockResponse:
        return MockResponse.html(_error_page(404, "Page not found"), 404)


def _error_page(status: int, message: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{status} {message}</title></head>"
        f"<body><h1>{message}</h1><p>HTTP {status}</p></body></html>"
    )


def _handler_for(site: MockSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "mocksite"

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = MockRequest(
                method=self.command,
                path=parts.path,
                query={k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()},
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            try:
                answer = site.dispatch(request)
            except DropConnection:
                self.close_connection = True
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)

        do_GET = do_POST = do_HEAD = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass  # site.requests is the log; stderr noise would drown test output

    return Handler


def discover_sites() -> dict[str, type[MockSite]]:
    """Site classes defined in the modules of this package, by name."""
    import importlib
    import pkgutil

    from crawler import mocksites

    found: dict[str, type[MockSite]] = {}
    for module_info in sorted(pkgutil.iter_modules(mocksites.__path__), key=lambda m: m.name):
        if module_info.name in _FRAMEWORK_MODULES:
            continue
        module = importlib.import_module(f"{mocksites.__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, MockSite)
                and value.__module__ == module.__name__
                and value.name
            ):
                found[value.name] = value
    return found


# Modules of the package that hold the framework and shared content, not sites.
_FRAMEWORK_MODULES = {"server", "postings", "chrome", "content"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MockSites:
    """Serve mock sites on 127.0.0.1 for the duration of a `with` block.

    `names` picks sites from SITES (default: all); `ports` fixes a site's port (default:
    a free one); `sites` passes ready-made site objects (e.g. with custom postings).
    """

    def __init__(
        self,
        names: Iterable[str] | None = None,
        *,
        ports: dict[str, int] | None = None,
        sites: Iterable[MockSite] = (),
    ) -> None:
        from . import SITES

        given = {site.name: site for site in sites}
        wanted = list(names) if names is not None else (list(given) or list(SITES))
        unknown = [n for n in wanted if n not in SITES and n not in given]
        if unknown:
            raise KeyError(f"no mock site {', '.join(unknown)}; known: {', '.join(SITES)}")
        self.sites: dict[str, MockSite] = {
            n: given[n] if n in given else SITES[n]() for n in wanted
        }
        self.ports = dict(ports or {})
        self._servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def __enter__(self) -> MockSites:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        for name, site in self.sites.items():
            server = ThreadingHTTPServer(("127.0.0.1", self.ports.get(name, 0)), _handler_for(site))
            server.daemon_threads = True
            port = server.server_address[1]
            site.base_url = f"http://127.0.0.1:{port}"
            thread = threading.Thread(
                target=server.serve_forever, args=(0.05,), name=f"mocksite-{name}", daemon=True
            )
            thread.start()
            self._servers.append((server, thread))

    def stop(self) -> None:
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        self._servers.clear()

    @property
    def base_urls(self) -> dict[str, str]:
        """{"unicef": "http://127.0.0.1:PORT", ...} for the started sites."""
        return {name: site.base_url for name, site in self.sites.items()}

    def __getitem__(self, name: str) -> MockSite:
        return self.sites[name]

    def __iter__(self) -> Iterator[MockSite]:
        return iter(self.sites.values())
