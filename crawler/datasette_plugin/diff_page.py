"""The diff page: /-/jobarchive/diff/<posting>?from=&to= (version numbers or dates).

POSTING is what `jobarchive diff` takes (an id, source:source_key or URL). With
several databases served, ?db= names the archive; otherwise the first database with
a postings table is used.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import urlencode

from datasette.utils.asgi import Response

from archive.compare import VersionNotFound, pick_pair
from archive.errors import PostingNotFound
from archive.history import Version, resolve_posting, versions

from .pages import PageError, error_page, open_archive
from .render import diff_context

DIFF_PREFIX = "/-/jobarchive/diff/"


async def diff_page(datasette: Any, request: Any) -> Response:
    try:
        return await _diff_page(datasette, request)
    except PageError as exc:
        return await error_page(datasette, request, exc)


async def _diff_page(datasette: Any, request: Any) -> Response:
    db = await open_archive(datasette, request, "versions")
    ref = request.url_vars["posting"]

    def load(conn: sqlite3.Connection) -> tuple[dict[str, Any], list[Version]]:
        posting = resolve_posting(conn, ref)
        return posting, versions(conn, posting["id"])

    try:
        posting, found = await db.execute_fn(load)
    except PostingNotFound as exc:
        raise PageError(404, str(exc)) from exc
    label = f"{posting['source']}:{posting['source_key']}"
    try:
        old, new = pick_pair(found, request.args.get("from"), request.args.get("to"), label=label)
    except VersionNotFound as exc:
        raise PageError(400, str(exc)) from exc
    context = diff_context(posting, found, old, new)
    context.update(
        database=db.name,
        posting_url=datasette.urls.row(db.name, "postings", str(posting["id"])),
        page_url=datasette.urls.path(f"/-/jobarchive/posting/{posting['id']}")
        + (f"?{urlencode({'db': request.args['db']})}" if request.args.get("db") else ""),
        versions_url=datasette.urls.table(db.name, "versions") + f"?posting_id={posting['id']}",
        history_url=datasette.urls.database(db.name) + f"/posting_history?posting={posting['id']}",
        db_arg=request.args.get("db"),
    )
    html = await datasette.render_template("jobarchive_diff.html", context, request=request)
    return Response.html(html)
