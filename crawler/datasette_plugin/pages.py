"""What every page of the plugin does first: find the archive, check the reader may see
it, and answer a mistyped address with datasette's error page."""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response


class PageError(Exception):
    """A page cannot be shown: `status` and a message for the reader."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def archive_database(datasette: Any, name: str | None) -> Any:
    """The database `name`, or the first one that holds a postings table."""
    if name:
        try:
            return datasette.get_database(name)
        except KeyError as exc:
            raise PageError(404, f"No database named {name!r}") from exc
    for db in datasette.databases.values():
        if db.name != "_internal" and await db.table_exists("postings"):
            return db
    raise PageError(404, "No database here has a postings table: is this a jobarchive archive?")


async def open_archive(datasette: Any, request: Any, table: str) -> Any:
    """The archive the request names (`?db=`), once the reader may view its `table`."""
    db = await archive_database(datasette, request.args.get("db"))
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, table)), ("view-database", db.name), "view-instance"],
    )
    return db


async def error_page(datasette: Any, request: Any, exc: PageError) -> Response:
    """The page for a mistyped posting, version, search or database: rendered here rather
    than raised to datasette, which would log a traceback for it."""
    html = await datasette.render_template(
        "error.html",
        {"ok": False, "error": str(exc), "status": exc.status, "title": None},
        request=request,
    )
    return Response.html(html, status=exc.status)
