"""Atom feeds of the archive: what changed, for a feed reader instead of a page.

    /-/jobarchive/feeds/recent_changes.atom        ?days=7, as the recent_changes query
    /-/jobarchive/feeds/new_this_week.atom         as the new_this_week view
    /-/jobarchive/feeds/deadline_extensions.atom   as the deadline_extensions view
    /-/jobarchive/feeds/searches/NAME.atom         a saved search's events

One entry per change, newest first (`?limit=`, 100 by default), each linking to the
posting's page (/-/jobarchive/posting/ID) and, for an edit, to its diff. A saved search
is read from the config file named by the plugin's `config` setting (datasette
metadata: plugins: jobarchive: config: FILE) or else the JOBARCHIVE_CONFIG environment
variable, afresh on each request, so an edited file needs no restart. With several
databases served, ?db= names the archive, as on the diff page.
"""

from __future__ import annotations

import html
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from datasette.utils.asgi import Response

from crawler.searches import (
    FEED_PREFIX,
    EventMatch,
    SavedSearch,
    SearchConfigError,
    load_searches,
    matching_events,
)

from .diff_page import DIFF_PREFIX
from .pages import PageError, error_page, open_archive
from .posting_page import POSTING_PREFIX

ATOM = "http://www.w3.org/2005/Atom"
DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
QUESTIONS = ("recent_changes", "new_this_week", "deadline_extensions")


@dataclass
class Entry:
    """One change, as a feed entry."""

    anchor: str  # what in the posting's page it is about: "version-3", "event-81"
    title: str
    updated: str  # RFC 3339, as the archive stores its times
    posting: dict[str, Any]
    lines: list[str]  # plain text, one paragraph each
    diff: str | None = None  # path of the diff page, for an edit


# -- the routes ------------------------------------------------------------------------


async def question_feed(datasette: Any, request: Any) -> Response:
    return await _respond(datasette, request, _question)


async def search_feed(datasette: Any, request: Any) -> Response:
    return await _respond(datasette, request, _search)


FEED_ROUTES: list[tuple[str, Any]] = [
    (rf"^/-/jobarchive/feeds/(?P<feed>{'|'.join(QUESTIONS)})\.atom$", question_feed),
    (rf"^{FEED_PREFIX}(?P<search>[^/]+)\.atom$", search_feed),
]


async def _respond(datasette: Any, request: Any, build: Callable[..., Any]) -> Response:
    try:
        db = await open_archive(datasette, request, "postings")
        limit = _limit(request.args.get("limit"))
        title, alternate, entries = await build(datasette, request, db, limit)
    except PageError as exc:
        return await error_page(datasette, request, exc)
    body = _atom(datasette, request, title, alternate, entries)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


def _limit(raw: str | None) -> int:
    if raw in (None, ""):
        return DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise PageError(400, f"limit must be a whole number from 1 to {MAX_LIMIT}, not {raw!r}")
    return int(raw)


def _days(raw: str | None) -> int:
    if raw in (None, ""):
        return 7
    if not raw.isdigit():
        raise PageError(400, f"days must be a whole number of days, not {raw!r}")
    return int(raw)


# -- what each feed lists ----------------------------------------------------------------

_POSTING = "p.id, p.source, p.source_key, p.url, p.title, p.organization, p.location, " + (
    "p.grade, p.closing_date, p.status"
)
_POSTING_KEYS = (
    "id", "source", "source_key", "url", "title", "organization", "location", "grade",
    "closing_date", "status",
)  # fmt: skip


async def _question(
    datasette: Any, request: Any, db: Any, limit: int
) -> tuple[str, str, list[Entry]]:
    name = request.url_vars["feed"]
    days = _days(request.args.get("days")) if name == "recent_changes" else None
    titles = {
        "recent_changes": f"Postings changed in the last {days} days",
        "new_this_week": "Postings new this week",
        "deadline_extensions": "Deadline extensions",
    }

    def load(conn: sqlite3.Connection) -> list[Entry]:
        if name == "recent_changes":
            rows = conn.execute(
                f"SELECT c.version, c.changed_at, c.changed_fields, {_POSTING} "
                "FROM changes c JOIN postings p ON p.id = c.posting_id "
                "WHERE julianday(c.changed_at) >= julianday('now', ?) "
                "ORDER BY c.changed_at DESC, c.posting_id, c.version DESC LIMIT ?",
                (f"-{days} days", limit),
            ).fetchall()
            return [_change(v, at, json.loads(fields), _posting(r)) for v, at, fields, *r in rows]
        if name == "new_this_week":
            rows = conn.execute(
                f"SELECT n.first_seen_at, {_POSTING} FROM new_this_week n "
                "JOIN postings p ON p.id = n.id ORDER BY n.first_seen_at DESC, n.id DESC LIMIT ?",
                (limit,),
            ).fetchall()
            return [_new(at, _posting(r)) for at, *r in rows]
        rows = conn.execute(
            "SELECT d.version, d.changed_at, d.old_closing_date, d.new_closing_date, "
            f"d.days_extended, {_POSTING} FROM deadline_extensions d "
            "JOIN postings p ON p.id = d.posting_id "
            "ORDER BY d.changed_at DESC, d.posting_id LIMIT ?",
            (limit,),
        ).fetchall()
        return [_extension(v, at, old, new, n, _posting(r)) for v, at, old, new, n, *r in rows]

    entries = await db.execute_fn(load)
    alternate = (
        datasette.urls.database(db.name) + "/recent_changes" + f"?days={days}"
        if name == "recent_changes"
        else datasette.urls.table(db.name, name)
    )
    return titles[name], alternate, entries


async def _search(
    datasette: Any, request: Any, db: Any, limit: int
) -> tuple[str, str, list[Entry]]:
    search = _saved_search(datasette, request.url_vars["search"])

    def load(conn: sqlite3.Connection) -> list[EventMatch]:
        return matching_events(conn, search, limit=limit, today=date.today())

    matches = await db.execute_fn(load)
    entries = [_event(m) for m in matches]
    return f"Saved search: {search.title}", _search_page_of(datasette, db, search), entries


def _search_page_of(datasette: Any, db: Any, search: SavedSearch) -> str:
    """The page a person opens from the feed: the ranked search page with the search's
    words, or the postings table for a search without words, each with the search's
    filters that take one value (a page's filters take one value each)."""
    from .search_page import SEARCH_PATH

    args = {"q": search.query} if search.query else {}
    for name, values in search.columns():
        if len(values) == 1:
            args[name] = values[0]
    page = (
        datasette.urls.path(SEARCH_PATH)
        if search.query
        else datasette.urls.table(db.name, "postings")
    )
    return str(page) + ("?" + urlencode(args) if args else "")


def _saved_search(datasette: Any, name: str) -> SavedSearch:
    config = (datasette.plugin_config("jobarchive") or {}).get("config") or os.environ.get(
        "JOBARCHIVE_CONFIG"
    )
    if not config:
        raise PageError(
            404,
            "No saved searches here: serve the archive with JOBARCHIVE_CONFIG=FILE (the TOML "
            "file of your [searches.NAME] tables), e.g. JOBARCHIVE_CONFIG=searches.toml "
            "jobarchive serve",
        )
    try:
        searches = load_searches(config)
    except SearchConfigError as exc:
        raise PageError(500, str(exc)) from exc
    if name not in searches:
        known = ", ".join(searches) or "none"
        raise PageError(404, f"No saved search {name!r} in {config} (it has: {known})")
    return searches[name]


def _posting(row: list[Any]) -> dict[str, Any]:
    return dict(zip(_POSTING_KEYS, row, strict=True))


def _label(posting: dict[str, Any]) -> str:
    title = posting["title"] or f"{posting['source']}:{posting['source_key']}"
    return f"{title} - {posting['organization']}" if posting["organization"] else title


def _facts(posting: dict[str, Any]) -> str:
    parts = [posting["organization"], posting["location"], posting["grade"]]
    if posting["closing_date"]:
        parts.append(f"closes {posting['closing_date']}")
    parts.append(f"{posting['source']}:{posting['source_key']}, {posting['status']}")
    return " · ".join(p for p in parts if p)


def _change(version: int, at: str, fields: list[str], posting: dict[str, Any]) -> Entry:
    return Entry(
        anchor=f"version-{version}",
        title=f"Changed ({', '.join(fields)}): {_label(posting)}",
        updated=at,
        posting=posting,
        lines=[_facts(posting), f"Version {version} changed {', '.join(fields)}."],
        diff=f"{DIFF_PREFIX}{posting['id']}?to={version}",
    )


def _new(at: str, posting: dict[str, Any]) -> Entry:
    return Entry("new", f"New: {_label(posting)}", at, posting, [_facts(posting)])


def _extension(
    version: int, at: str, old: str, new: str, days: int, posting: dict[str, Any]
) -> Entry:
    return Entry(
        anchor=f"version-{version}",
        title=f"Deadline extended by {days} days: {_label(posting)}",
        updated=at,
        posting=posting,
        lines=[_facts(posting), f"Closing date moved from {old} to {new}."],
        diff=f"{DIFF_PREFIX}{posting['id']}?to={version}",
    )


def _event(match: EventMatch) -> Entry:
    posting = match.posting
    kind = match.event.capitalize()
    if match.event == "changed" and match.changed_fields:
        kind += f" ({', '.join(match.changed_fields)})"
    lines = [_facts(posting)]
    diff = None
    if match.event == "changed" and match.version:
        diff = f"{DIFF_PREFIX}{posting['id']}?to={match.version}"
    title = f"{kind}: {_label(posting)}"
    return Entry(f"event-{match.event_id}", title, match.at, posting, lines, diff)


# -- Atom ------------------------------------------------------------------------------


def _atom(datasette: Any, request: Any, title: str, alternate: str, entries: list[Entry]) -> bytes:
    """The Atom 1.0 document (RFC 4287) of `entries`."""
    ET.register_namespace("", ATOM)

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    def absolute(path: str) -> str:
        """The full URL of one of this plugin's pages (datasette's base_url before it)."""
        return str(datasette.absolute_url(request, datasette.urls.path(path)))

    db_arg = request.args.get("db")
    feed = ET.Element(f"{{{ATOM}}}feed")
    self_url = str(datasette.absolute_url(request, request.full_path))
    el(feed, "id", self_url)
    el(feed, "title", title)
    newest = max((e.updated for e in entries), default=None)
    el(feed, "updated", newest or datetime.now(UTC).isoformat(timespec="seconds"))
    el(el(feed, "author"), "name", "jobarchive")
    el(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    # `alternate` came from datasette.urls, which already put the base_url before it.
    el(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        href=datasette.absolute_url(request, alternate),
    )
    el(feed, "generator", "jobarchive")
    for entry in entries:
        page = f"{POSTING_PREFIX}{entry.posting['id']}"
        if db_arg:
            page += f"?db={db_arg}"
        page_url = absolute(page)
        node = el(feed, "entry")
        el(node, "id", f"{page_url}#{entry.anchor}")
        el(node, "title", entry.title)
        el(node, "updated", entry.updated)
        el(node, "link", rel="alternate", type="text/html", href=page_url)
        links = [f'<a href="{html.escape(page_url)}">the posting in the archive</a>']
        if entry.diff:
            diff_url = absolute(entry.diff + (f"&db={db_arg}" if db_arg else ""))
            el(node, "link", rel="related", type="text/html", href=diff_url)
            links.append(f'<a href="{html.escape(diff_url)}">what changed</a>')
        site = entry.posting["url"]
        if isinstance(site, str) and site.startswith(("http://", "https://")):
            el(node, "link", rel="via", href=site)
            links.append(f'<a href="{html.escape(site)}">on the site</a>')
        paragraphs = [f"<p>{html.escape(line)}</p>" for line in entry.lines]
        paragraphs.append(f"<p>{' · '.join(links)}</p>")
        el(node, "content", "".join(paragraphs), type="html")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
