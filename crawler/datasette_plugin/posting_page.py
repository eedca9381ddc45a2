"""The posting page, /-/jobarchive/posting/<posting>, and the raw pages it links to,
/-/jobarchive/raw/<posting>/<version>.

POSTING is what `jobarchive diff` takes (an id, source:source_key or URL); ?db= names
the archive when several databases are served. The page shows the posting as it is now,
its current text as formatted text, everything that happened to it, and each stored
page as the site sent it.

Everything on it comes from the sites, so none of it may become markup or script here:
fields are escaped by the template, the text is markdown rendered with HTML turned off
(tags show as text, links only to http, https and mailto), and a raw page is served
under a Content-Security-Policy sandbox that runs none of its scripts and loads nothing
it names.
"""

from __future__ import annotations

import codecs
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from datasette.utils.asgi import Response
from markdown_it import MarkdownIt
from markupsafe import Markup

from archive.bodies import get_body
from archive.errors import PostingNotFound
from archive.history import Event, Version, resolve_posting, versions

from .diff_page import DIFF_PREFIX
from .pages import PageError, error_page, open_archive
from .render import safe_href, when

POSTING_PREFIX = "/-/jobarchive/posting/"
RAW_PREFIX = "/-/jobarchive/raw/"

# The archived page may do nothing but show itself: no script, no plugin, no form, no
# request to anywhere (so reading it does not tell the site, or load its trackers), its
# own inline styles kept so that it stays readable. `sandbox` also gives it an origin of
# its own, so it could not read this site's cookies even if a script did run.
RAW_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)
RAW_HEADERS = {
    "content-security-policy": RAW_CSP,
    # The type sent is the one the browser uses: never sniffed into HTML or script.
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "private, max-age=3600",
}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("application/json", "application/xml", "application/rss+xml", "text/xml")

EVENT_LABELS = {
    "new": "First seen",
    "changed": "Changed",
    "removed": "Removed",
    "reopened": "Reopened",
    "reextracted": "Read again",
}


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable("table")

    def valid_link(url: str) -> bool:
        # Relative links were relative to the site, not to this archive.
        scheme = urlsplit(url.strip()).scheme.lower()
        return scheme in ("http", "https", "mailto")

    md.validateLink = valid_link  # type: ignore[method-assign]

    def link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tokens[idx].attrSet("rel", "nofollow noopener noreferrer")
        return str(self.renderToken(tokens, idx, options, env))

    def heading(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # The page's own h1 and h2s come first: the text's headings go under them.
        level = int(tokens[idx].tag[1])
        tokens[idx].tag = f"h{min(level + 2, 6)}"
        return str(self.renderToken(tokens, idx, options, env))

    def image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # Shown, an image would be fetched from wherever the posting says on every view:
        # a link to it instead, named by its alt text.
        token = tokens[idx]
        alt = self.renderInlineAsText(token.children or [], options, env) or "image"
        link = Markup('<a href="{}" rel="nofollow noopener noreferrer">{}</a>')
        return str(link.format(token.attrGet("src"), alt))

    md.add_render_rule("image", image)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("heading_open", heading)
    md.add_render_rule("heading_close", heading)
    return md


_MD = _markdown()


def text_html(text: str) -> Markup:
    """A posting's plain-text markdown as HTML; any markup in it comes out as text."""
    return Markup(_MD.render(text or ""))


def _place(row: dict[str, Any]) -> str | None:
    location, country = row.get("location"), row.get("country")
    if location and country and country not in location:
        return f"{location}, {country}"
    return location or country


def _closing(closing_date: str | None, status: str, today: date) -> str | None:
    if not closing_date:
        return None
    try:
        days = (date.fromisoformat(closing_date) - today).days
    except ValueError:
        return closing_date
    if status != "open":
        return closing_date
    if days < 0:
        return f"{closing_date} (passed)"
    if days == 0:
        return f"{closing_date} (today)"
    return f"{closing_date} (in {days} day{'s' if days != 1 else ''})"


def _fields(names: list[str]) -> str:
    return ", ".join(name.replace("_", " ") for name in names)


def _events(conn: sqlite3.Connection, posting_id: int) -> list[tuple[int, Event]]:
    """The posting's events, oldest first, with their ids (the feeds' entries name them)."""
    rows = conn.execute(
        "SELECT id, at, event, version, run_id, note FROM events WHERE posting_id = ? ORDER BY id",
        (posting_id,),
    ).fetchall()
    return [(row[0], Event(*row[1:])) for row in rows]


def _timeline(
    link: Callable[..., str],
    posting_id: int,
    found: list[Version],
    happened: list[tuple[int, Event]],
) -> list[dict[str, Any]]:
    by_number = {v.version: v for v in found}
    entries = []
    for event_id, event in happened:
        version = by_number.get(event.version) if event.version else None
        entry: dict[str, Any] = {
            "when": when(event.at),
            "kind": event.event,
            "label": EVENT_LABELS.get(event.event, event.event),
            "version": event.version,
            "note": event.note,
            # #event-ID for every event, #version-N for the one that made a version: the
            # anchors the Atom feeds' entries point into.
            "id": f"event-{event_id}",
            "anchor": None,
            "detail": None,
            "diff_url": None,
        }
        if event.event == "new":
            entry["anchor"] = f"version-{event.version}"
            entry["detail"] = f"version {event.version}"
        elif event.event == "changed" and version is not None:
            entry["anchor"] = f"version-{event.version}"
            changed = _fields(version.changed_fields) or "no field"
            entry["detail"] = f"{changed} (version {event.version})"
            entry["diff_url"] = link(f"{DIFF_PREFIX}{posting_id}", to=str(event.version))
        elif event.event == "removed":
            entry["detail"] = "gone from the site's complete listing"
        elif event.event == "reopened":
            entry["detail"] = "listed by the site again"
        elif event.event == "reextracted":
            entry["detail"] = (
                f"version {event.version} re-read by a newer extraction; no edit of the posting"
            )
        entries.append(entry)
    return entries


def _stored_pages(conn: sqlite3.Connection, posting_id: int) -> list[dict[str, Any]]:
    cur = conn.execute(
        "SELECT v.version, v.fetched_at, v.content_type, v.http_status, "
        "coalesce(v.fetch_url, v.url) AS fetched_from, b.size "
        "FROM versions v JOIN bodies b ON b.hash = v.body_hash "
        "WHERE v.posting_id = ? ORDER BY v.version",
        (posting_id,),
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


async def posting_page(datasette: Any, request: Any) -> Response:
    try:
        return await _posting_page(datasette, request)
    except PageError as exc:
        return await error_page(datasette, request, exc)


async def _posting_page(datasette: Any, request: Any) -> Response:
    db = await open_archive(datasette, request, "versions")
    ref = request.url_vars["posting"]

    def load(conn: sqlite3.Connection) -> tuple[Any, ...]:
        posting = resolve_posting(conn, ref)
        return (
            posting,
            versions(conn, posting["id"]),
            _events(conn, posting["id"]),
            _stored_pages(conn, posting["id"]),
        )

    try:
        posting, found, happened, pages = await db.execute_fn(load)
    except PostingNotFound as exc:
        raise PageError(404, str(exc)) from exc
    pid = posting["id"]
    current = next((v for v in found if v.version == posting["current_version"]), None)
    if current is None and found:
        current = found[-1]
    db_arg = {"db": request.args["db"]} if request.args.get("db") else {}

    def with_args(path: str, **args: str) -> str:
        query = urlencode({**args, **db_arg})
        return str(datasette.urls.path(path)) + (f"?{query}" if query else "")

    for page in pages:
        page["url"] = with_args(f"{RAW_PREFIX}{pid}/{page['version']}")
        page["text_url"] = with_args(f"{RAW_PREFIX}{pid}/{page['version']}", **{"as": "text"})
        page["when"] = when(page["fetched_at"])
    today = datetime.now(UTC).date()
    extra = current.fields.get("extra", {}) if current else {}
    context = {
        "database": db.name,
        "posting": posting,
        "posting_label": f"{posting['source']}:{posting['source_key']}",
        "posting_title": posting.get("title") or "(no title)",
        "posting_href": safe_href(posting.get("url")),
        "place": _place(posting),
        "closing": _closing(posting.get("closing_date"), posting["status"], today),
        "categories": ", ".join(current.fields.get("categories") or []) if current else "",
        "first_seen": when(posting["first_seen_at"]),
        "last_seen": when(posting["last_seen_at"]),
        "last_changed": when(posting["last_changed_at"]),
        "removed": when(posting["removed_at"]) if posting.get("removed_at") else None,
        "text_html": text_html(current.text if current else ""),
        "extra": [(k, v) for k, v in sorted(extra.items()) if v not in (None, "", [], {})],
        "timeline": _timeline(with_args, pid, found, happened),
        "pages": pages,
        "version_count": len(found),
        "diff_url": with_args(f"{DIFF_PREFIX}{pid}") if len(found) > 1 else None,
        "row_url": datasette.urls.row(db.name, "postings", str(pid)),
        "versions_url": datasette.urls.table(db.name, "versions") + f"?posting_id={pid}",
    }
    html = await datasette.render_template("jobarchive_posting.html", context, request=request)
    return Response.html(html)


def served_type(content_type: str | None, encoding: str | None, as_text: bool) -> str:
    """The Content-Type a stored page is served with: HTML as HTML (sandboxed by
    RAW_CSP), JSON, XML and other text as plain text, anything else as bytes."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    charset = _charset(encoding) or _charset(_declared_charset(content_type))
    suffix = f"; charset={charset}" if charset else ""
    if as_text or mime.startswith("text/") or mime in _TEXT_TYPES or mime.endswith("+json"):
        if mime in _HTML_TYPES and not as_text:
            return f"text/html{suffix}"
        return f"text/plain{suffix or '; charset=utf-8'}"
    if mime in _HTML_TYPES:
        return f"text/html{suffix}"
    return "application/octet-stream"


def _declared_charset(content_type: str | None) -> str | None:
    found = re.search(r"charset=\"?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return found.group(1) if found else None


def _charset(name: str | None) -> str | None:
    """`name` when Python knows it as a codec (the header must not carry anything else)."""
    if not name:
        return None
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name if re.fullmatch(r"[\w.:-]+", name) else None


async def raw_page(datasette: Any, request: Any) -> Response:
    try:
        return await _raw_page(datasette, request)
    except PageError as exc:
        return await error_page(datasette, request, exc)


async def _raw_page(datasette: Any, request: Any) -> Response:
    db = await open_archive(datasette, request, "versions")
    ref = request.url_vars["posting"]
    number = int(request.url_vars["version"])

    def load(conn: sqlite3.Connection) -> tuple[dict[str, Any], Any, bytes | None]:
        posting = resolve_posting(conn, ref)
        row = conn.execute(
            "SELECT body_hash, content_type, encoding FROM versions "
            "WHERE posting_id = ? AND version = ?",
            (posting["id"], number),
        ).fetchone()
        if row is None:
            numbers = [
                str(n)
                for (n,) in conn.execute(
                    "SELECT version FROM versions WHERE posting_id = ? ORDER BY version",
                    (posting["id"],),
                )
            ]
            label = f"{posting['source']}:{posting['source_key']}"
            raise PageError(
                404, f"{label} has no version {number}; it has versions {', '.join(numbers)}."
            )
        body = None
        if row[0]:
            try:
                body = get_body(conn, row[0])
            except KeyError:
                body = None
        return posting, row, body

    try:
        posting, row, body = await db.execute_fn(load)
    except PostingNotFound as exc:
        raise PageError(404, str(exc)) from exc
    label = f"{posting['source']}:{posting['source_key']}"
    if body is None:
        raise PageError(404, f"The page of {label} version {number} was not stored.")
    as_text = request.args.get("as") == "text"
    served = served_type(row[1], row[2], as_text)
    extension = {"text/html": "html", "text/plain": "txt"}.get(served.split(";")[0], "bin")
    disposition = "attachment" if served == "application/octet-stream" else "inline"
    filename = re.sub(r"[^\w.-]+", "_", f"{label}-v{number}") + f".{extension}"
    headers = {**RAW_HEADERS, "content-disposition": f'{disposition}; filename="{filename}"'}
    return Response(body, headers=headers, content_type=served)
