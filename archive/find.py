"""Finding the posting a person means from what they typed or pasted.

A posting is named by its numeric id, `source:source_key`, its source key alone, or its
URL. People copy these from sites, mails and spreadsheets, so the match forgives what
does not tell postings apart: letter case, a URL's scheme, `www.`, trailing slash,
fragment, added query parameters, or a slug the site has since changed. A reference that
still names several postings raises AmbiguousPosting naming them, one that names none a
PostingNotFound with the closest names ("did you mean").
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .errors import PostingNotFound

Row = dict[str, Any]

HOW_TO_NAME = (
    "Give its numeric id, source:source_key (for example unicef:577857), its source key "
    "or its URL; `jobarchive history` lists what is archived."
)

# A URL pasted without its scheme: a host with a dot (or an IP and port), then a path.
_BARE_URL = re.compile(r"(?i)^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?/")
# How close a key or URL must be to be offered as "did you mean" (difflib's ratio).
_CLOSE = 0.75
_SHOWN = 5  # postings named in one message at most; the rest are counted


class AmbiguousPosting(PostingNotFound):
    """The reference names several postings: a key two sources use, a listing's URL."""


def resolve_posting(
    conn: sqlite3.Connection, ref: str | int, *, sources: Collection[str] = ()
) -> Row:
    """The row of the one posting `ref` names, among those of `sources` when given.

    A number is the posting's id when there is one (ids are what links and scripts
    use), else a source key; `source:key` and bare keys match exactly, or else
    ignoring case; a URL as described in this module's docstring.
    """
    text = str(ref).strip().strip("<>\"'").strip()
    if not text:
        raise PostingNotFound(f"No posting named. {HOW_TO_NAME}")
    if text.isdigit():
        row = _posting_by_id(conn, int(text))
        if row is not None and (not sources or row["source"] in sources):
            return row
    url = _as_url(text)
    if url is not None:
        found = _by_url(conn, url, sources)
    elif ":" in text:
        source, key = (part.strip() for part in text.split(":", 1))
        found = _by_source_and_key(conn, source, key, sources)
    else:
        found = postings_with_key(conn, text, sources)
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousPosting(_ambiguous(text, found))
    raise PostingNotFound(_not_found(conn, text, sources))


def postings_with_key(
    conn: sqlite3.Connection, key: str, sources: Collection[str] = ()
) -> list[Row]:
    """The postings whose source key is `key` (of any source, or of `sources`): those
    spelled exactly so, or else those spelled so ignoring case."""
    within, params = _within(sources)
    for test in ("source_key = ?", "lower(source_key) = lower(?)"):
        found = _postings(conn, f"{test}{within} ORDER BY source, id", (key, *params))
        if found:
            return found
    return []


def _by_source_and_key(
    conn: sqlite3.Connection, source: str, key: str, sources: Collection[str]
) -> list[Row]:
    within, params = _within(sources)
    for test in (
        "source = ? AND source_key = ?",
        "lower(source) = lower(?) AND lower(source_key) = lower(?)",
    ):
        found = _postings(conn, f"{test}{within} ORDER BY id", (source, key, *params))
        if found:
            return found
    return []


# -- URLs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Url:
    """What of a URL tells postings apart: host (with a port other than the scheme's,
    without `www.`), path segments and query, all in one case."""

    host: str
    segments: tuple[str, ...]
    query: frozenset[tuple[str, str]]

    def __str__(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in sorted(self.query))
        return "/".join((self.host, *self.segments)) + (f"?{query}" if query else "")

    def carries(self, key: str) -> bool:
        """Whether the key stands as a word in a path segment or a query value:
        577857 in /job/577857/officer, JR-2632 in /job/Geneva/Officer_JR-2632."""
        word = re.compile(rf"(?<![0-9a-z]){re.escape(key.casefold())}(?![0-9a-z])")
        return any(word.search(part) for part in (*self.segments, *(v for _, v in self.query)))


def _as_url(text: str) -> str | None:
    """The reference as a URL, when it is one (https:// put before a bare host/path)."""
    if "://" in text:
        return text
    return "https://" + text if _BARE_URL.match(text) else None


def _url(text: str) -> _Url | None:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").casefold().removeprefix("www.")
    if not host:
        return None
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    return _Url(
        host,
        tuple(unquote(s).casefold() for s in parts.path.split("/") if s),
        frozenset((k.casefold(), v.casefold()) for k, v in parse_qsl(parts.query)),
    )


def _rank(given: _Url, stored: _Url, key: str) -> int | None:
    """How well a stored URL of a posting answers the given one: 0 the same URL, 1 the
    same page with more or fewer query parameters, 2 a URL of the same site carrying
    the posting's key (another slug, or none); None: another page."""
    if given.host != stored.host:
        return None
    if given.segments == stored.segments:
        if given.query == stored.query:
            return 0
        if given.query <= stored.query or stored.query <= given.query:
            return 1
    if given.carries(key) and stored.carries(key):
        return 2
    return None


def _by_url(conn: sqlite3.Connection, text: str, sources: Collection[str]) -> list[Row]:
    within, params = _within(sources)
    without_fragment = text.split("#", 1)[0]
    for url in dict.fromkeys((text, without_fragment)):
        found = _postings(conn, f"url = ?{within}", (url, *params))
        if not found:  # an address the posting had in an earlier version
            found = _postings(
                conn,
                f"id IN (SELECT posting_id FROM versions WHERE url = ?){within}",
                (url, *params),
            )
        if found:
            return found
    given = _url(without_fragment)
    if given is None:
        return []
    best: dict[int, int] = {}
    for posting_id, key, url in _urls_on_host(conn, given.host, sources):
        stored = _url(url)
        rank = None if stored is None else _rank(given, stored, key)
        if rank is not None:
            best[posting_id] = min(rank, best.get(posting_id, rank))
    if not best:
        return []
    top = min(best.values())
    ids = sorted(pid for pid, rank in best.items() if rank == top)
    return [row for pid in ids if (row := _posting_by_id(conn, pid)) is not None]


def _urls_on_host(
    conn: sqlite3.Connection, host: str, sources: Collection[str]
) -> Iterable[tuple[int, str, str]]:
    """(posting id, source key, URL) of every address a posting had on `host` (a coarse
    LIKE that the caller's parsing sharpens)."""
    within, params = _within(sources, column="p.source")
    like = f"%{host.split(':')[0]}%"
    yield from conn.execute(
        "SELECT p.id, p.source_key, p.url FROM postings p "
        f"WHERE p.url LIKE ?{within} "
        "UNION SELECT p.id, p.source_key, v.url FROM versions v "
        f"JOIN postings p ON p.id = v.posting_id WHERE v.url LIKE ?{within}",
        (like, *params, like, *params),
    )


def _typo_away(given: _Url, stored: _Url) -> bool:
    """Whether the given URL is the stored one (or the stored one without its slug) but
    for a typo in one path segment: /job/577587 for /job/577857/officer."""
    if given.host != stored.host or len(stored.segments) < len(given.segments):
        return False
    pairs = zip(given.segments, stored.segments[: len(given.segments)], strict=True)
    differing = [(a, b) for a, b in pairs if a != b]
    return len(differing) == 1 and difflib.SequenceMatcher(None, *differing[0]).ratio() >= _CLOSE


# -- messages ---------------------------------------------------------------------------


def label(row: Row) -> str:
    """A posting as people recognise it: source:key and its title, shortened."""
    title = " ".join((row.get("title") or "").split())
    if len(title) > 60:
        title = title[:59] + "…"
    return f"{row['source']}:{row['source_key']}" + (f" ({title})" if title else "")


def _listed(rows: list[Row], joiner: str) -> str:
    shown = [label(r) for r in rows[:_SHOWN]]
    if len(rows) > _SHOWN:
        shown.append(f"{len(rows) - _SHOWN} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {joiner} {shown[-1]}"


def _ambiguous(text: str, found: list[Row]) -> str:
    return (
        f"{text!r} matches {len(found)} postings: {_listed(found, 'and')}. "
        "Name one as source:source_key or by its numeric id."
    )


def _not_found(conn: sqlite3.Connection, text: str, sources: Collection[str]) -> str:
    of = f" of {', '.join(sorted(sources))}" if sources else ""
    close = _close_to(conn, text, sources)
    guess = f" Did you mean {_listed(close, 'or')}?" if close else ""
    return f"No posting{of} matches {text!r}.{guess} {HOW_TO_NAME}"


def _close_to(conn: sqlite3.Connection, text: str, sources: Collection[str]) -> list[Row]:
    """The postings the reference probably meant: a key or URL a typo away, or the key
    under another source."""
    url = _as_url(text)
    if url is not None:
        given = _url(url.split("#", 1)[0])
        if given is None:
            return []
        typos = {
            pid: None
            for pid, _, url in _urls_on_host(conn, given.host, sources)
            if (stored := _url(url)) is not None and _typo_away(given, stored)
        }
        return _rows(conn, typos)
    source, sep, key = (part.strip() for part in text.partition(":"))
    if not sep:
        source, key = "", text
    within, params = _within(sources)
    if source:
        # The key under another source (unhcr:577857 for unicef:577857) ...
        elsewhere = postings_with_key(conn, key, sources)
        if elsewhere:
            return elsewhere
        # ... or a key a typo away in this source (or a source a typo away).
        names = [s for (s,) in conn.execute("SELECT DISTINCT source FROM postings")]
        near = [s for s in names if s.casefold() == source.casefold()]
        near = near or difflib.get_close_matches(source.casefold(), names, n=2, cutoff=_CLOSE)
        if not near:
            return []
        marks = ", ".join("?" * len(near))
        within += f" AND source IN ({marks})"
        params = (*params, *near)
    keys: dict[str, list[int]] = {}
    for pid, found in conn.execute(f"SELECT id, source_key FROM postings WHERE 1{within}", params):
        keys.setdefault(found.casefold(), []).append(pid)
    near = difflib.get_close_matches(key.casefold(), list(keys), n=_SHOWN, cutoff=_CLOSE)
    return _rows(conn, dict.fromkeys(pid for k in near for pid in keys[k]))


# -- reading rows -----------------------------------------------------------------------


def _within(sources: Collection[str], column: str = "source") -> tuple[str, tuple[str, ...]]:
    """The SQL that keeps to `sources` (nothing when none is given), and its parameters."""
    if not sources:
        return "", ()
    return f" AND {column} IN ({', '.join('?' * len(sources))})", tuple(sources)


def _postings(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[Row]:
    cur = conn.execute(f"SELECT * FROM postings WHERE {where}", params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, found, strict=True)) for found in cur.fetchall()]


def _posting_by_id(conn: sqlite3.Connection, posting_id: int) -> Row | None:
    found = _postings(conn, "id = ?", (posting_id,))
    return found[0] if found else None


def _rows(conn: sqlite3.Connection, ids: Iterable[int]) -> list[Row]:
    return [row for pid in ids if (row := _posting_by_id(conn, pid)) is not None]
