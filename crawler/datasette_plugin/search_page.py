"""Search that ranks: /-/jobarchive/search?q=..., and the query syntax of every search box.

What a person types becomes an FTS5 query that cannot be a syntax error (fts_query):
words must all appear, `protec*` finds the words that start with "protec", `"exact
phrase"` finds those words in a row, and OR between two terms finds either. The page
orders the postings by bm25, a title match weighing most, and shows the title and a
snippet of the text with the words found highlighted, the counts by status and facets
that narrow the search. When more postings match than it ranks, it ranks the newest of
them and says so (search_queries.py holds the queries and why).
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from typing import Any
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from .pages import PageError, error_page, open_archive
from .posting_page import POSTING_PREFIX
from .render import when
from .search_queries import (
    COUNT_ALL,
    FACETS,
    PAGE_ROWS,
    RANKING_COLUMNS,
    STATUSES,
    Found,
    found,
    newest_sql,
)

SEARCH_PATH = "/-/jobarchive/search"
PAGE_SIZE = 20
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


async def search_page(datasette: Any, request: Any) -> Response:
    try:
        return await _search_page(datasette, request)
    except PageError as exc:
        return await error_page(datasette, request, exc)


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


async def _search_page(datasette: Any, request: Any) -> Response:
    db = await open_archive(datasette, request, "postings")
    q = request.args.get("q", "").strip()
    status = request.args.get("status") or ""
    if status not in STATUSES:
        status = ""
    facet_filters = {name: value for name in FACETS if (value := request.args.get(name))}
    page = _page_number(request.args.get("page"))
    match = fts_query(q)
    kept = {"q": q, "status": status, **facet_filters, "page": page, "db": request.args.get("db")}

    def url(**changes: Any) -> str:
        args = {**kept, **changes}
        shown = {k: v for k, v in args.items() if v and not (k == "page" and v == 1)}
        return str(datasette.urls.path(SEARCH_PATH)) + ("?" + urlencode(shown) if shown else "")

    table_args = {"_search": q, "status": status, **facet_filters} if q else {}
    context: dict[str, Any] = {
        "database": db.name,
        "q": q,
        "status": status,
        "hidden": {k: v for k, v in kept.items() if k not in ("q", "page") and v},
        "results": [],
        "total": 0,
        "counts": [],
        "facets": [],
        "error": None,
        "action": datasette.urls.path(SEARCH_PATH),
        "table_url": datasette.urls.table(db.name, "postings")
        + ("?" + urlencode({k: v for k, v in table_args.items() if v}) if q else ""),
    }
    if match:
        params = {"match": match, "status": status, **facet_filters}
        filters = {**facet_filters, **({"status": status} if status else {})}
        # Independent of each other: datasette runs them on its threads at once, and the
        # page waits for the slowest, not for their sum.
        queries = [db.execute(newest_sql(RANKING_COLUMNS, filters), params)]
        if status:  # the counts by status are of the search without its status filter
            queries.append(db.execute(newest_sql("p.status", facet_filters), params))
        if not facet_filters:
            queries.append(db.execute(COUNT_ALL, params))
        try:
            answers = await asyncio.gather(*queries)
            result = found(
                answers[0].rows,
                answers[1].rows if status else None,
                answers[-1].first()[0] if not facet_filters else None,
                status=status,
                facet_filters=facet_filters,
            )
            first = (page - 1) * PAGE_SIZE
            page_ids = result.ranked[first : first + PAGE_SIZE]
            rows = (
                await db.execute(
                    PAGE_ROWS,
                    {"match": match, "ids": json.dumps(page_ids), "open": _OPEN, "close": _CLOSE},
                )
            ).rows
        except QueryInterrupted:
            context["error"] = (
                "The search took too long. Add a word or two, or fewer prefix searches (*)."
            )
        except sqlite3.OperationalError as exc:
            context["error"] = f"The search could not be run: {exc}."
        else:
            counts = [
                {
                    "status": name,
                    "count": result.by_status[name],
                    "url": url(status=name, page=1),
                    "selected": name == status,
                }
                for name in STATUSES
                if name in result.by_status
            ]
            context.update(
                total=result.total,
                ranked=len(result.ranked),
                bounded=result.bounded,
                bound_note=_bound_note(result, counts_shown=len(counts) > 1 or bool(status)),
                results=[_result(datasette, dict(row)) for row in rows],
                first=first + 1,
                counts=counts,
                facets=_facets(result.facets, facet_filters, url),
                all_url=url(status="", page=1),
                all_count=result.all_count,
                prev_url=url(page=page - 1) if page > 1 else None,
                next_url=url(page=page + 1) if first + PAGE_SIZE < len(result.ranked) else None,
            )
    html = await datasette.render_template("jobarchive_search.html", context, request=request)
    return Response.html(html)


def _bound_note(result: Found, *, counts_shown: bool) -> str:
    """What the page says of the matches it did not read, when there were more."""
    note = []
    if result.bounded:
        note.append(
            f"More postings match than a search ranks: the {len(result.ranked):,} newest are"
            " ranked,"
            " and the facets are of them."
        )
    if counts_shown and any(c.more for c in result.by_status.values()):
        newest = sum(c.n for c in result.by_status.values())
        note.append(f"The counts by status are of the {newest:,} newest matches (n+: at least n).")
    if note:
        note.append("Add a word to narrow the search, or see every match in the postings table.")
    return " ".join(note)


def _facets(
    facets: dict[str, list[tuple[str, int]]], chosen: dict[str, str], url: Any
) -> list[dict[str, Any]]:
    """Each facet's values with links that add it to the search, or the value chosen with
    a link that takes it off."""
    out = []
    for name, values in facets.items():
        if name in chosen:
            out.append(
                {"name": name, "chosen": chosen[name], "any_url": url(**{name: "", "page": 1})}
            )
            continue
        if len(values) < 2:  # one value is no choice to offer
            continue
        out.append(
            {
                "name": name,
                "values": [
                    {"value": value, "count": n, "url": url(**{name: value, "page": 1})}
                    for value, n in values
                ],
            }
        )
    return out


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
