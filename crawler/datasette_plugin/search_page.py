"""Search that ranks: /-/jobarchive/search?q=..., and the query syntax of every search box.

What a person types becomes an FTS5 query that cannot be a syntax error (fts_query):
words must all appear, `protec*` finds the words that start with "protec", `"exact
phrase"` finds those words in a row, and OR between two terms finds either. The page
orders the postings by bm25, a title match weighing most, and shows the title and a
snippet of the text with the words found highlighted.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from typing import Any
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from .diff_page import _archive_database, _PageError
from .posting_page import POSTING_PREFIX, error_page
from .render import when

SEARCH_PATH = "/-/jobarchive/search"
PAGE_SIZE = 20
STATUSES = ("open", "closed", "removed")
# bm25 weights of postings_fts's columns: title, organization, duty station, text. A word
# in the title says more about a posting than the same word deep in its text.
WEIGHTS = (10.0, 4.0, 4.0, 1.0)
# FTS5 marks the words found with these; the page escapes everything else and turns
# them into <mark>. Control characters, which no archived text keeps.
_OPEN, _CLOSE = "\x02", "\x03"
# A quoted phrase (closed at the end of the query when its quote is not), or a bare word.
_TERM = re.compile(r'"([^"]*)(?:"|$)(\*?)|([^\s"]+)')


def fts_query(text: str | None) -> str:
    """`text` as a safe FTS5 query: each word and phrase quoted, a trailing * kept as a
    prefix search, OR between two terms kept as OR; "" when nothing is left to find."""
    parts: list[str] = []
    for match in _TERM.finditer(text or ""):
        phrase, phrase_star, word = match.groups()
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if word is not None:
            core = word.rstrip("*")
            star = core != word
        else:
            core, star = phrase.strip(), bool(phrase_star)
        if not core:
            continue
        # A prefix of nothing but punctuation would match every word.
        prefix = "*" if star and any(c.isalnum() for c in core) else ""
        parts.append(f'"{core}"{prefix}')
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


# Markdown's marks, which posting texts keep, are noise in a few lines of snippet.
_MARKDOWN = [
    (re.compile(r"(^|\n)[ \t]*#{1,6}[ \t]+"), r"\1"),  # headings
    (re.compile(r"(^|\n)[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+"), r"\1"),  # list items
    (re.compile(r"\*\*|__"), ""),  # bold
    (re.compile(r"\*(\S[^*\n]*?)\*"), r"\1"),  # italics
    (re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # links: their text
]


def plain(snippet: str | None) -> str:
    """A snippet of a posting's text without its markdown marks."""
    text = snippet or ""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def marked(text: str | None) -> Markup:
    """FTS5's highlighted text as HTML: the text escaped, the words found in <mark>."""
    out: list[str] = []
    inside = False
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", text or ""):
        if piece in (_OPEN, _CLOSE):
            if (piece == _OPEN) != inside:
                out.append("</mark>" if inside else "<mark>")
                inside = not inside
            continue
        out.append(str(escape(piece)))
    if inside:
        out.append("</mark>")
    return Markup("".join(out))


# Ranked first, marked after: SQLite computes a row's result columns before it sorts,
# so a snippet in the ranking query is built for every match (a broad word matches
# nearly every posting) and thrown away for all but a page of them. Here only the page's
# rows are looked up again, by rowid, for their highlight and snippet.
_RESULTS = f"""
with page as (
    select postings_fts.rowid as id,
        bm25(postings_fts, {", ".join(map(str, WEIGHTS))}) as score
    from postings_fts {{join}}
    where postings_fts match :match {{status}}
    order by score, postings_fts.rowid
    limit :limit offset :offset
)
select p.id, p.source, p.source_key, p.title, p.organization, p.location, p.country,
    p.grade, p.closing_date, p.status, p.removed_at,
    highlight(postings_fts, 0, :open, :close) as title_marked,
    snippet(postings_fts, 3, :open, :close, '…', 30) as snippet
from page
-- CROSS JOIN keeps this order: the page's 20 rowids, each looked up in the index;
-- the other way round SQLite would scan every match again to find them.
cross join postings_fts on postings_fts.rowid = page.id and postings_fts match :match
join postings p on p.id = page.id
order by page.score, page.id
"""
_COUNTS = """
select p.status, count(*) as n
from postings_fts join postings p on p.id = postings_fts.rowid
where postings_fts match :match
group by p.status
"""


async def search_page(datasette: Any, request: Any) -> Response:
    try:
        return await _search_page(datasette, request)
    except _PageError as exc:
        return await error_page(datasette, request, exc)


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


async def _search_page(datasette: Any, request: Any) -> Response:
    db = await _archive_database(datasette, request.args.get("db"))
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, "postings")), ("view-database", db.name), "view-instance"],
    )
    q = request.args.get("q", "").strip()
    status = request.args.get("status") or ""
    if status not in STATUSES:
        status = ""
    page = _page_number(request.args.get("page"))
    match = fts_query(q)

    def url(**changes: Any) -> str:
        args = {"q": q, "status": status, "page": page, "db": request.args.get("db")}
        args.update(changes)
        kept = {k: v for k, v in args.items() if v and not (k == "page" and v == 1)}
        return str(datasette.urls.path(SEARCH_PATH)) + ("?" + urlencode(kept) if kept else "")

    context: dict[str, Any] = {
        "database": db.name,
        "q": q,
        "status": status,
        "db_arg": request.args.get("db"),
        "results": [],
        "total": 0,
        "counts": [],
        "error": None,
        "action": datasette.urls.path(SEARCH_PATH),
        "table_url": datasette.urls.table(db.name, "postings")
        + ("?" + urlencode({"_search": q}) if q else ""),
    }
    if match:
        params = {"match": match, "open": _OPEN, "close": _CLOSE}
        try:
            # The counts and the page are independent: datasette runs them on two of its
            # threads at once, and the page waits for the slower, not for both.
            counted, found = await asyncio.gather(
                db.execute(_COUNTS, params),
                db.execute(
                    _RESULTS.format(
                        join="join postings p on p.id = postings_fts.rowid" if status else "",
                        status="and p.status = :status" if status else "",
                    ),
                    {
                        **params,
                        "status": status,
                        "limit": PAGE_SIZE,
                        "offset": (page - 1) * PAGE_SIZE,
                    },
                ),
            )
            counts = {row["status"]: row["n"] for row in counted.rows}
        except QueryInterrupted:
            context["error"] = (
                "The search took too long. Add a word or two, or fewer prefix searches (*)."
            )
        except sqlite3.OperationalError as exc:
            context["error"] = f"The search could not be run: {exc}."
        else:
            total = counts.get(status, 0) if status else sum(counts.values())
            context.update(
                total=total,
                results=[_result(datasette, dict(row)) for row in found.rows],
                first=(page - 1) * PAGE_SIZE + 1,
                counts=[
                    {
                        "status": name,
                        "count": counts.get(name, 0),
                        "url": url(status=name, page=1),
                        "selected": name == status,
                    }
                    for name in STATUSES
                    if counts.get(name)
                ],
                all_url=url(status="", page=1),
                all_count=sum(counts.values()),
                prev_url=url(page=page - 1) if page > 1 else None,
                next_url=url(page=page + 1) if page * PAGE_SIZE < total else None,
            )
    html = await datasette.render_template("jobarchive_search.html", context, request=request)
    return Response.html(html)


def _result(datasette: Any, row: dict[str, Any]) -> dict[str, Any]:
    if row["location"] and row["country"] and row["country"] != row["location"]:
        place = f"{row['location']}, {row['country']}"
    else:
        place = row["location"] or row["country"] or ""
    return {
        **row,
        "url": datasette.urls.path(f"{POSTING_PREFIX}{row['id']}"),
        "title_html": marked(row["title_marked"]) if row["title_marked"] else "(no title)",
        "snippet_html": marked(plain(row["snippet"])),
        "place": place,
        "removed_when": when(row["removed_at"]) if row["removed_at"] else None,
        "label": f"{row['source']}:{row['source_key']}",
    }
