"""Saved searches: the `[searches.NAME]` tables of a config file, and what they match.

A saved search is a full-text query and filters over the postings (source,
organization, grade, country, status, closing date). It is matched against the archive
in two ways: the postings it matches now (`matching_postings`), and the events of
postings it matches (`matching_events`: new, changed, reopened, removed), which a crawl
reports and alerts on (crawler/alerts.py) and the Atom feeds list
(crawler/datasette_plugin/feeds.py). A posting is judged as it is now, after the event:
a change that takes a posting out of a search is not reported by it.

Every value is checked when the file is read, and a bad one is a `SearchConfigError`
naming the file, the search and the key, as crawler/userconfig.py does for sources. The
format is documented for users in docs/saved-searches.md; keep the two in step.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from crawler.userconfig import ConfigError, read_toml

__all__ = [
    "EVENTS",
    "FEED_PREFIX",
    "EventMatch",
    "PostingMatch",
    "SavedSearch",
    "SearchConfigError",
    "by_posting",
    "load_searches",
    "matching_events",
    "matching_postings",
]

#: The events a search reports; `reextracted` (a page read again, no edit) never is.
EVENTS = ("new", "changed", "reopened", "removed")
STATUSES = ("open", "closed", "removed")
# Filters over a column of postings: key in the table -> column.
LIST_FILTERS = {
    "source": "source",
    "organization": "organization",
    "grade": "grade",
    "country": "country",
}
KEYS = (
    "title", "query", *LIST_FILTERS, "status", "closing_after", "closing_before",
    "min_days_left", "events", "notify", "archive_url",
)  # fmt: skip
#: Where `jobarchive serve` has each search's Atom feed: FEED_PREFIX + NAME + ".atom".
FEED_PREFIX = "/-/jobarchive/feeds/searches/"
# Search names end up in feed URLs.
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class SearchConfigError(ConfigError):
    """A problem in a saved search, naming the file, the search and the key."""

    def __init__(self, file: str, problem: str, search: str | None = None, key: str | None = None):
        self.file, self.source, self.key, self.problem = file, None, key, problem
        self.search = search
        where = file
        if search is not None:
            where += f": [searches.{search}]"
        if key is not None:
            where += f" {key}"
        ValueError.__init__(self, f"{where}: {problem}")


@dataclass(frozen=True)
class SavedSearch:
    """One saved search, checked; see docs/saved-searches.md for each key."""

    name: str
    file: str
    title: str
    query: str | None = None
    sources: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    closing_after: str | None = None  # YYYY-MM-DD, inclusive
    closing_before: str | None = None  # YYYY-MM-DD, inclusive
    min_days_left: int | None = None
    events: tuple[str, ...] = EVENTS
    #: Apprise URLs the alerts go to; none: the crawl's output only.
    notify: tuple[str, ...] = ()
    #: Where `jobarchive serve` is reached, for links to posting pages in alerts.
    archive_url: str | None = None

    def columns(self) -> list[tuple[str, tuple[str, ...]]]:
        """The postings columns the search filters on, each with the values it accepts."""
        return [
            ("source", self.sources),
            ("organization", self.organizations),
            ("grade", self.grades),
            ("country", self.countries),
            ("status", self.statuses),
        ]

    def filters(self) -> list[str]:
        """The search's criteria in words, for listings: ['query protection', 'grade P-3']."""
        out = [f"query {self.query}"] if self.query else []
        for key, values in self.columns():
            if values:
                out.append(f"{key} {' or '.join(values)}")
        if self.closing_after:
            out.append(f"closing on or after {self.closing_after}")
        if self.closing_before:
            out.append(f"closing on or before {self.closing_before}")
        if self.min_days_left is not None:
            out.append(f"at least {self.min_days_left} days left")
        if self.events != EVENTS:
            out.append(f"events {', '.join(self.events)}")
        return out or ["every posting"]


@dataclass
class EventMatch:
    """One event of a posting that a search matches, with the posting as it is now."""

    event_id: int
    event: str
    at: str
    run_id: int | None
    version: int | None
    posting: dict[str, Any]
    changed_fields: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.posting['source']}:{self.posting['source_key']}"


@dataclass
class PostingMatch:
    """A posting's events that a search matches (of one crawl, or since an alert)."""

    posting: dict[str, Any]
    events: list[EventMatch]

    @property
    def kinds(self) -> list[str]:
        """What happened, in the order of EVENTS: ['reopened', 'changed']."""
        seen = {e.event for e in self.events}
        return [kind for kind in ("new", "reopened", "changed", "removed") if kind in seen]

    @property
    def changed_fields(self) -> list[str]:
        fields: dict[str, None] = {}
        for e in self.events:
            fields.update(dict.fromkeys(e.changed_fields))
        return list(fields)

    @property
    def ref(self) -> str:
        return f"{self.posting['source']}:{self.posting['source_key']}"


# -- reading the file ------------------------------------------------------------------


def load_searches(path: str | Path) -> dict[str, SavedSearch]:
    """The saved searches of the TOML file at `path`, by name (none when it has no
    [searches] tables); SearchConfigError on any problem."""
    file = str(path)
    data = read_toml(path, SearchConfigError)
    tables = data.get("searches", {})
    if not isinstance(tables, dict):
        raise SearchConfigError(
            file, 'searches must be tables, e.g. [searches.protection] with query = "protection"'
        )
    return {name: _search(file, name, table) for name, table in tables.items()}


def _search(file: str, name: str, table: Any) -> SavedSearch:
    def error(key: str | None, problem: str) -> SearchConfigError:
        return SearchConfigError(file, problem, search=name, key=key)

    if not _NAME.match(name):
        raise error(
            None,
            f"{name!r} is not a usable search name; use lower-case letters, digits, '-' and "
            "'_', starting with a letter (e.g. [searches.protection_p3])",
        )
    if not isinstance(table, dict):
        raise error(None, f"must be a table of keys, not {_type(table)}")
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            raise error(key, f"unknown key; {hint}Accepted keys: {', '.join(KEYS)}")

    def strings(key: str, accepted: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = table.get(key, [])
        values = [value] if isinstance(value, str) else value
        example = f'e.g. {key} = "{accepted[0] if accepted else "P-3"}" or a list in [ ]'
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise error(key, f"must be a string in quotes or a list of them, {example}")
        out = tuple(dict.fromkeys(v.strip() for v in values))
        if any(not v for v in out):
            raise error(key, "has an empty value")
        if key in table and not out:
            raise error(key, f"is an empty list; leave the key out to match any, or {example}")
        for v in out:
            if accepted and v not in accepted:
                options = ", ".join(f'"{a}"' for a in accepted)
                raise error(key, f"{v!r} is not accepted; use one of {options}")
        return out

    def day(key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, date):  # a TOML date (closing_after = 2026-12-01)
            return value.isoformat()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        raise error(key, f"must be a date, e.g. {key} = 2026-12-31 (YYYY-MM-DD)")

    title = table.get("title", name)
    if not isinstance(title, str) or not title.strip():
        raise error("title", 'must be a non-empty string, e.g. title = "Protection jobs"')
    query = table.get("query")
    if query is not None:
        if not isinstance(query, str) or not query.strip():
            raise error("query", 'must be words in quotes, e.g. query = "protection officer"')
        problem = fts_problem(query)
        if problem:
            raise error("query", problem)
        query = query.strip()
    days = table.get("min_days_left")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 0):
        raise error("min_days_left", "must be a whole number of 0 or more, e.g. min_days_left = 7")
    after, before = day("closing_after"), day("closing_before")
    if after and before and after > before:
        raise error(
            "closing_before", f"{before} is before closing_after ({after}), so nothing matches"
        )
    notify = strings("notify")
    for url in notify:
        problem = target_problem(url)
        if problem:
            raise error("notify", problem)
    archive_url = table.get("archive_url")
    if archive_url is not None:
        if not isinstance(archive_url, str) or not re.match(r"^https?://[^/\s]+", archive_url):
            raise error(
                "archive_url",
                "must be the address `jobarchive serve` is reached at, starting with http:// "
                'or https://, e.g. archive_url = "http://127.0.0.1:8001"',
            )
        archive_url = archive_url.strip().rstrip("/")
    return SavedSearch(
        name=name,
        file=file,
        title=title.strip(),
        query=query,
        sources=strings("source"),
        organizations=strings("organization"),
        grades=strings("grade"),
        countries=strings("country"),
        statuses=strings("status", STATUSES),
        closing_after=after,
        closing_before=before,
        min_days_left=days,
        events=strings("events", EVENTS) or EVENTS,
        notify=notify,
        archive_url=archive_url,
    )


def fts_problem(query: str) -> str | None:
    """Why SQLite's full-text index (FTS5) would refuse `query`, or None: checked on an
    empty index of the archive's columns, so a typo is caught when the file is read,
    not by a crawl hours later."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE postings_fts USING fts5(title, organization, location, text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.execute("SELECT count(*) FROM postings_fts WHERE postings_fts MATCH ?", (query,))
    except sqlite3.OperationalError as exc:
        return (
            f"{query!r} is not a full-text search SQLite reads ({exc}). Words are all "
            'required; put a phrase or a word with - or : in double quotes ("child-protection"),'
            " end a word with * for a prefix (protec*), join alternatives with OR"
        )
    finally:
        conn.close()
    return None


def target_problem(url: str) -> str | None:
    """Why Apprise cannot send to `url`, or None."""
    from crawler.alerts import apprise_target

    if apprise_target(url) is None:
        scheme = url.split("://", 1)[0] if "://" in url else url
        return (
            f"Apprise cannot send to {scheme}://... (an unknown service or a malformed URL); "
            "see https://github.com/caronc/apprise/wiki for each service's URL, e.g. "
            'notify = "mailto://user:password@example.org" or "json://127.0.0.1:8080/hook"'
        )
    return None


def _type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list",
             dict: "a table", str: "a string"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


# -- matching --------------------------------------------------------------------------

# The posting columns a match carries.
POSTING_COLUMNS = (
    "id", "source", "source_key", "url", "title", "organization", "location", "country",
    "grade", "closing_date", "status", "first_seen_at", "last_changed_at", "removed_at",
)  # fmt: skip


def _where(search: SavedSearch, today: date | None) -> tuple[str, list[Any]]:
    """The SQL condition on postings `p` that the search stands for, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if search.query:
        clauses.append("p.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?)")
        params.append(search.query)
    for values, column in (
        (search.sources, "source"),
        (search.organizations, "organization"),
        (search.grades, "grade"),
        (search.countries, "country"),
    ):
        if values:
            # Ignoring case: "unhcr", "UNHCR" and "Unhcr" are one name to a reader.
            clauses.append(f"lower(p.{column}) IN ({', '.join('?' * len(values))})")
            params += [v.lower() for v in values]
    if search.statuses:
        clauses.append(f"p.status IN ({', '.join('?' * len(search.statuses))})")
        params += list(search.statuses)
    if search.closing_after:
        clauses.append("p.closing_date >= ?")
        params.append(search.closing_after)
    if search.closing_before:
        clauses.append("p.closing_date <= ?")
        params.append(search.closing_before)
    if search.min_days_left is not None:
        # A posting without a closing date has time left.
        clauses.append("(p.closing_date IS NULL OR julianday(p.closing_date) - julianday(?) >= ?)")
        params += [(today or date.today()).isoformat(), search.min_days_left]
    return " AND ".join(clauses) or "1", params


def matching_postings(
    conn: sqlite3.Connection,
    search: SavedSearch,
    *,
    limit: int | None = None,
    today: date | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    """How many postings the search matches now, and the most recently changed of them
    (`limit` of them; all when None)."""
    where, params = _where(search, today)
    total = conn.execute(f"SELECT count(*) FROM postings p WHERE {where}", params).fetchone()[0]
    sql = (
        f"SELECT {', '.join('p.' + c for c in POSTING_COLUMNS)} FROM postings p WHERE {where} "
        "ORDER BY p.last_changed_at DESC, p.id DESC"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, params).fetchall()
    return total, [dict(zip(POSTING_COLUMNS, row, strict=True)) for row in rows]


def matching_events(
    conn: sqlite3.Connection,
    search: SavedSearch,
    *,
    run_ids: Iterable[int] | None = None,
    after_event: int | None = None,
    limit: int | None = None,
    today: date | None = None,
) -> list[EventMatch]:
    """The events the search reports, of postings it matches now: those of `run_ids`
    (a crawl's runs) and/or after the event id `after_event`; newest first with a
    `limit`, else oldest first."""
    where, params = _where(search, today)
    kinds = search.events
    clauses = [where, f"e.event IN ({', '.join('?' * len(kinds))})"]
    params += list(kinds)
    if run_ids is not None:
        ids = [int(i) for i in run_ids]
        if not ids:
            return []
        clauses.append(f"e.run_id IN ({', '.join(str(i) for i in ids)})")
    if after_event is not None:
        clauses.append("e.id > ?")
        params.append(after_event)
    order = "DESC" if limit is not None else "ASC"
    sql = (
        "SELECT e.id, e.event, e.at, e.run_id, e.version, v.changed_fields, "
        f"{', '.join('p.' + c for c in POSTING_COLUMNS)} "
        "FROM events e JOIN postings p ON p.id = e.posting_id "
        "LEFT JOIN versions v ON v.posting_id = e.posting_id AND v.version = e.version "
        f"WHERE {' AND '.join(clauses)} ORDER BY e.id {order}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = []
    for row in conn.execute(sql, params):
        event_id, event, at, run_id, version, changed = row[:6]
        posting = dict(zip(POSTING_COLUMNS, row[6:], strict=True))
        fields = json.loads(changed) if event == "changed" and changed else []
        out.append(EventMatch(event_id, event, at, run_id, version, posting, fields))
    return out


def by_posting(events: Iterable[EventMatch]) -> list[PostingMatch]:
    """Events grouped by posting, in the order each posting first appears."""
    groups: dict[int, PostingMatch] = {}
    for e in events:
        pid = e.posting["id"]
        if pid not in groups:
            groups[pid] = PostingMatch(e.posting, [])
        groups[pid].events.append(e)
    return list(groups.values())
