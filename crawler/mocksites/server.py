"""The mock-site framework: a site class per source, served on 127.0.0.1 by stdlib HTTP.

A `MockSite` holds its postings and answers requests from them, reading the state live,
so an edit made between two crawls shows on the next request. `MockSites` starts the
sites you name, each on its own port so that the site root is the server root like on
the real host, and stops them when the `with` block ends.

Faults: `site.fault(pattern, action, times=None)` makes requests whose target (path and
query) matches the regex `pattern` go wrong, for the first `times` of them (None: all).
`site.down = True` answers 500 to everything. The actions, each what a real site or
network does to an unattended crawl:

    500, 503, 404, 410, ...     that HTTP status with a small error page
    "retry-after:<s>[:<st>]"    429 (or status <st>, e.g. 503) with `Retry-After: <s>`
    "drop"                      close the connection without an answer
    "reset"                     abort the connection: a TCP RST (SO_LINGER 0), no answer
    "timeout[:<s>]"             answer nothing until the client gives up (at most <s>
                                seconds, default 30); pair with a short DOWNLOAD_TIMEOUT
    "slow:<s>"                  the normal answer, <s> seconds late
    "truncate"                  the normal answer's Content-Length, half its body, close
    "redirect-loop"             302 (307 for a POST) between the target and the target
                                with `jobarchive-loop=1` added, back and forth forever
    "empty"                     200 with an empty body
    "oversize:<bytes>"          the normal answer padded to <bytes> (Content-Length given)
    "oversize-stream:<bytes>"   the same without Content-Length: the body ends at close
    "gzip-bomb[:<bytes>]"       `Content-Encoding: gzip` of <bytes> (default 32 MiB) of
                                spaces: a few KB on the wire
    "charset:<enc>"             the normal body re-encoded in <enc>, while the header and
                                `<meta charset>` still claim the original (utf-8)
    "claim-charset:<enc>"       the normal body as is, the header claiming <enc>
    "no-charset[:<enc>]"        no charset in the header nor in `<meta>`; the body
                                re-encoded in <enc> when given
    "malformed"                 the normal HTML without its optional end tags (</p>,
                                </li>, ...), with stray end tags and unescaped `<` and
                                `&`: unbalanced, but all there
    "malformed:cut"             the normal HTML cut in the middle of a tag (at 60%), sent
                                as if complete (a matching Content-Length)
    "cut-json"                  the normal answer cut at 60%, sent as if complete: JSON
                                that ends in the middle
    "maintenance"               200 with a "down for maintenance" page
    "login"                     200 with a sign-in form instead of the page
    "challenge"                 200 with a bot-challenge page (an AWS WAF interstitial)
    a callable                  `request -> MockResponse | None` (None: answer normally)

Faults aimed at a listing page or a posting rather than a URL pattern:
`site.fault_listing_page(n, action)` hits the request for listing page `n` (1-based) and
`site.fault_posting(key, action)` the detail request of posting `key`, whatever the
site's URLs or request bodies look like (each site says how to tell, in
`listing_page_number` and `posting_key`).

Listing faults, `site.listing_fault = ...`, change what the listing pages show:
"repeat" (every page after the first shows the first page's postings), "empty" (pages
after the first show none), "shift" (once page 1 has been served, its first posting
leaves the site's list, so the next pages start one posting later and the count drops).
`site.layout_changed = True` serves the pages with the element classes (or JSON keys)
the spider reads renamed, as after a redesign of the site.

Every fault is bounded: waits end by themselves, a redirect loop is as long as the
client follows it, and no answer is bigger than the size the test asks for.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit

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
    #: Sent as Content-Length instead of len(body) (a truncated answer announces more
    #: than it sends); NO_LENGTH sends none. Either way the connection closes after it.
    content_length: int | None = None

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


#: `MockResponse.content_length` for an answer without Content-Length, ended by closing.
NO_LENGTH = -1

#: A fault action: an HTTP status, one of the strings in the module docstring, or a
#: callable that returns a MockResponse (or None to answer normally).
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
    #: Instead of `pattern`: which requests the fault hits.
    where: Callable[[MockRequest], bool] | None = None

    def matches(self, request: MockRequest) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.where is not None:
            return self.where(request)
        return re.search(self.pattern, request.target) is not None


class DropConnection(Exception):
    """Raised by a fault to close the connection without an answer."""


class ResetConnection(DropConnection):
    """Raised by a fault to abort the connection with a TCP RST instead of a FIN."""


class HangConnection(DropConnection):
    """Raised by a fault to answer nothing until the client hangs up (or `seconds` pass)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


# Upper bounds, so that a typo in a test cannot hang the suite or fill the memory.
MAX_WAIT = 60.0
MAX_SIZE = 256 * 1024 * 1024
#: The names of the string fault actions (before any ":<argument>").
FAULT_NAMES = frozenset(
    {
        "drop", "reset", "timeout", "slow", "retry-after", "redirect-loop", "empty",
        "gzip-bomb", "truncate", "oversize", "oversize-stream", "charset",
        "claim-charset", "no-charset", "malformed", "cut-json", "maintenance", "login",
        "challenge",
    }
)  # fmt: skip
LISTING_FAULTS = (None, "repeat", "empty", "shift")
# The query parameter a redirect loop toggles.
LOOP_PARAM = "jobarchive-loop"


class MockSite:
    """A mock of one job site. Subclasses set `name` and implement `handle`.

    State is read live by `handle` on every request; change it through `edit`, `remove`,
    `add`, `down` and `faults`, which are safe to call while the server runs.
    """

    #: The source name, the same as the spider's (`unicef`, `unhcr`, ...).
    name: ClassVar[str] = ""
    #: What the real site is, for `jobarchive mock-sites` output.
    description: ClassVar[str] = ""
    #: False for a site whose listing leaves closed postings out (APIs that list only
    #: what can be applied for); their pages may still be fetched.
    lists_closed: ClassVar[bool] = True
    #: False for a site read by user-defined sources rather than a built-in spider: it
    #: is not in SITES (which `jobarchive demo` and `mock-sites` crawl by source name).
    builtin: ClassVar[bool] = True

    def __init__(self, postings: Iterable[MockPosting] | None = None) -> None:
        self.lock = threading.RLock()
        items = self.default_postings() if postings is None else list(postings)
        self.postings: dict[str, MockPosting] = {p.key: p for p in items}
        self.down = False
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str]] = []
        self.base_url = ""  # set by MockSites once the server listens
        self.listing_fault: str | None = None
        self.layout_changed = False
        self._shifted = False
        #: The listing pages (1-based) asked for so far.
        self.pages_served: set[int] = set()

    # -- to implement -----------------------------------------------------------------

    def default_postings(self) -> list[MockPosting]:
        """The postings a fresh site serves."""
        return []

    def handle(self, request: MockRequest) -> MockResponse:
        """Answer one request from the current state."""
        raise NotImplementedError

    def listing_page_number(self, request: MockRequest) -> int | None:
        """The listing page (1-based) `request` asks for, or None for any other request."""
        raise NotImplementedError

    def posting_key(self, request: MockRequest) -> str | None:
        """The posting whose detail `request` asks for, or None for any other request."""
        raise NotImplementedError

    # -- what listing pages show --------------------------------------------------------

    def listing_slice(
        self, start: int, count: int, among: Callable[[MockPosting], bool] | None = None
    ) -> tuple[list[MockPosting], int]:
        """The postings a listing page starting at `start` (0-based) shows, and the total
        the page states, with `listing_fault` applied. Every site's listing uses this;
        `among` keeps to some postings (one tenant's, on a mock of several)."""
        with self.lock:
            postings = [
                p
                for p in self.postings.values()
                if (self.lists_closed or p.status != "closed") and (among is None or among(p))
            ]
            fault = self.listing_fault
            if fault == "shift" and count:
                # The first page is served whole; after it, its first posting is gone.
                if self._shifted and postings:
                    postings = postings[1:]
                elif start == 0:
                    self._shifted = True
        if fault == "repeat" and start > 0:
            start = 0
        if fault == "empty" and start > 0:
            return [], len(postings)
        return postings[start : start + count], len(postings)

    def css(self, name: str) -> str:
        """A class name the spider relies on, renamed when `layout_changed`."""
        return f"x-{name}" if self.layout_changed else name

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

    def fault(
        self,
        pattern: str,
        action: FaultAction,
        times: int | None = None,
        where: Callable[[MockRequest], bool] | None = None,
    ) -> Fault:
        """Add a fault (see `Fault`) and return it."""
        if isinstance(action, str) and action.partition(":")[0] not in FAULT_NAMES:
            raise ValueError(f"unknown fault action {action!r}; known: {sorted(FAULT_NAMES)}")
        if isinstance(action, int) and not 100 <= action < 600:
            raise ValueError(f"not an HTTP status: {action}")
        with self.lock:
            added = Fault(pattern, action, times, where=where)
            self.faults.append(added)
            return added

    def fault_listing_page(self, page: int, action: FaultAction, times: int | None = None) -> Fault:
        """A fault on the request for listing page `page` (1-based)."""
        return self.fault(
            f"listing page {page}", action, times, where=lambda r: self._page_is(r, page)
        )

    def fault_posting(self, key: str, action: FaultAction, times: int | None = None) -> Fault:
        """A fault on the detail request of posting `key`."""
        return self.fault(f"posting {key}", action, times, where=lambda r: self._key_is(r, key))

    def _page_is(self, request: MockRequest, page: int) -> bool:
        return self._page_number(request) == page

    def _page_number(self, request: MockRequest) -> int | None:
        try:
            return self.listing_page_number(request)
        except Exception:  # a request the site cannot read is no listing page
            return None

    def _key_is(self, request: MockRequest, key: str) -> bool:
        try:
            return self.posting_key(request) == key
        except Exception:
            return False

    def reset(self) -> None:
        """Back to serving normally: no faults, no listing fault, the usual layout."""
        with self.lock:
            self.faults.clear()
            self.down = False
            self.listing_fault = None
            self.layout_changed = False
            self._shifted = False
            self.pages_served.clear()

    # -- serving ----------------------------------------------------------------------

    def dispatch(self, request: MockRequest) -> MockResponse:
        """Log the request, then apply `down`, faults and `handle`."""
        page = self._page_number(request)
        with self.lock:
            self.requests.append((request.method, request.target))
            if page:
                self.pages_served.add(page)
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
        return self._normal(request)

    def _apply_fault(self, action: FaultAction, request: MockRequest) -> MockResponse | None:
        """The answer `action` gives instead of the normal one (None: answer normally)."""
        if isinstance(action, int):
            return MockResponse.html(_error_page(action, "Error"), action)
        if callable(action):
            return action(request)
        name, _, arg = action.partition(":")
        if name == "drop":
            raise DropConnection
        if name == "reset":
            raise ResetConnection
        if name == "timeout":
            raise HangConnection(_bounded(float(arg or 30), MAX_WAIT))
        if name == "slow":
            time.sleep(_bounded(float(arg), MAX_WAIT))
            return None
        if name == "retry-after":
            wait, _, given = arg.partition(":")
            status = int(given or 429)
            answer = MockResponse.html(_error_page(status, "Slow down"), status)
            answer.headers["Retry-After"] = wait
            return answer
        if name == "redirect-loop":
            return _redirect_loop(request)
        if name == "empty":
            return MockResponse(200, b"", "text/html; charset=utf-8")
        if name in _SUBSTITUTE_PAGES:
            return MockResponse.html(_SUBSTITUTE_PAGES[name])
        if name == "gzip-bomb":
            body = _gzip_bomb(int(_bounded(int(arg or 32 * 1024 * 1024), MAX_SIZE)))
            return MockResponse(200, body, headers={"Content-Encoding": "gzip"})
        normal = self._normal(request)
        return _transformed(normal, name, arg)

    def _normal(self, request: MockRequest) -> MockResponse:
        try:
            return self.handle(request)
        except Exception as exc:  # a bug in a mock must show in the test, as a 500
            return MockResponse.text(f"mock site error: {exc!r}", 500)

    def not_found(self) -> MockResponse:
        return MockResponse.html(_error_page(404, "Page not found"), 404)


def _error_page(status: int, message: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{status} {message}</title></head>"
        f"<body><h1>{message}</h1><p>HTTP {status}</p></body></html>"
    )


# What real sites answer with 200 instead of the page: the shapes are the usual ones
# (an operator's maintenance notice, a single sign-on form, AWS WAF's interstitial).
_SUBSTITUTE_PAGES = {
    "maintenance": (
        "<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body>"
        "<h1>We'll be back soon</h1><p>Our careers site is down for scheduled maintenance. "
        "Please check back in a few hours.</p></body></html>"
    ),
    "login": (
        "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Sign in</h1>"
        '<form method="post" action="/login"><label>Email <input type="email" name="u">'
        '</label><label>Password <input type="password" name="p"></label>'
        "<button>Sign in</button></form><p>Forgot your password?</p></body></html>"
    ),
    "challenge": (
        "<!DOCTYPE html><html><head><title></title><script>window.awsWafCookieDomainList = "
        "['careers.example.org'];window.gokuProps = {};</script></head><body>"
        '<div id="challenge-container"></div><noscript><h1>JavaScript is disabled</h1>'
        "In order to continue, we need to verify that you're not a robot.</noscript>"
        "</body></html>"
    ),
}


def _bounded(value: float, limit: float) -> float:
    return max(0.0, min(value, limit))


def _redirect_loop(request: MockRequest) -> MockResponse:
    """A redirect to the target with LOOP_PARAM toggled: A -> A?loop=1 -> A -> ..."""
    query = dict(request.query)
    if query.pop(LOOP_PARAM, None) is None:
        query[LOOP_PARAM] = "1"
    location = request.path + ("?" + urlencode(query) if query else "")
    # 307 keeps a POST a POST, as a loop on an AJAX endpoint does.
    status = 302 if request.method in ("GET", "HEAD") else 307
    return MockResponse(status, b"", headers={"Location": location})


@lru_cache(maxsize=4)
def _gzip_bomb(size: int) -> bytes:
    """`size` spaces, gzipped: about size/1000 bytes. Cached: compressing takes a moment."""
    chunk = b" " * (1024 * 1024)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as stream:
        left = size
        while left > 0:
            stream.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return out.getvalue()


def _charset_of(content_type: str) -> str:
    match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else "utf-8"


def _without_charset(content_type: str) -> str:
    return re.sub(r"\s*;\s*charset=[\w.:-]+", "", content_type, flags=re.IGNORECASE)


def _reencoded(answer: MockResponse, encoding: str) -> bytes:
    """The answer's body decoded from its own charset and encoded in `encoding`."""
    text = answer.body.decode(_charset_of(answer.content_type))
    return text.encode(encoding, errors="xmlcharrefreplace")


# End tags HTML lets a page leave out (parsers infer them), as sloppy real pages do.
_OPTIONAL_END_TAGS = re.compile(rb"</(?:p|li|td|tr|option)>", re.IGNORECASE)
# Stray end tags and unescaped text that a parser must step over.
_DEBRIS = b"</div></span>< & <<"


def _transformed(normal: MockResponse, name: str, arg: str) -> MockResponse:
    """The fault modes that damage the normal answer rather than replace it."""
    body = normal.body
    if name == "truncate":
        return replace(normal, body=body[: len(body) // 2], content_length=len(body))
    if name in ("oversize", "oversize-stream"):
        size = int(_bounded(int(arg), MAX_SIZE))
        padding = b"<!-- " + b"x" * max(0, size - len(body) - 9) + b" -->"
        length = NO_LENGTH if name == "oversize-stream" else None
        return replace(normal, body=body + padding, content_length=length)
    if name == "charset":
        return replace(normal, body=_reencoded(normal, arg))
    if name == "claim-charset":
        content_type = _without_charset(normal.content_type) + f"; charset={arg}"
        return replace(normal, content_type=content_type)
    if name == "no-charset":
        body = _reencoded(normal, arg) if arg else body
        body = re.sub(rb'<meta charset="[^"]*">', b"", body, flags=re.IGNORECASE)
        return replace(normal, body=body, content_type=_without_charset(normal.content_type))
    if name == "cut-json":
        return replace(normal, body=body[: int(len(body) * 0.6)])
    if name == "malformed":
        if arg == "cut":
            cut = int(len(body) * 0.6)
            cut = body.find(b"<", cut) + 3 if body.find(b"<", cut) >= 0 else cut
            return replace(normal, body=body[:cut])
        damaged = _OPTIONAL_END_TAGS.sub(b"", body).replace(b"<body>", b"<body>" + _DEBRIS, 1)
        return replace(normal, body=damaged)
    raise ValueError(f"unknown fault action {name!r}")


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
            except DropConnection as fault:
                self._abort(fault)
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            length = answer.content_length
            if length != NO_LENGTH:
                announced = len(answer.body) if length is None else length
                self.send_header("Content-Length", str(announced))
            if length is not None:  # the body is short or unannounced: only a close ends it
                self.send_header("Connection", "close")
                self.close_connection = True
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                try:
                    self.wfile.write(answer.body)
                except OSError:
                    self.close_connection = True  # the client gave up (e.g. at its max size)

        def _abort(self, fault: DropConnection) -> None:
            """End the connection without an answer, the way `fault` says."""
            self.close_connection = True
            if isinstance(fault, HangConnection):
                # Readable once the client sends or hangs up; then the wait is over.
                select.select([self.connection], [], [], fault.seconds)
            elif isinstance(fault, ResetConnection):
                # Linger 0 makes close() send RST. rfile goes first: it holds the socket
                # open under it, and the server's own shutdown would send a FIN.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.rfile.close()
                self.connection.close()

        do_GET = do_POST = do_HEAD = _serve

        def handle(self) -> None:
            # The client hung up or reset, as a crawler giving up on a fault does.
            with contextlib.suppress(ConnectionError):
                super().handle()

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
                and value.builtin
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
