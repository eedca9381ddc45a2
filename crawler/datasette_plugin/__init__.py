"""The datasette plugin of jobarchive: a page for each posting, its diffs and stored
pages, a search ranked by relevance, and links to them from datasette's own pages.

Registered through the `datasette` entry point in pyproject.toml, so any datasette in
this environment loads it. `jobarchive serve` adds the bundled metadata (metadata.yml
here): titles, descriptions, facets, search and the saved queries.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from markupsafe import Markup

from .diff_page import DIFF_PREFIX, diff_page
from .feeds import FEED_ROUTES
from .posting_page import POSTING_PREFIX, posting_page, raw_page
from .search_page import SEARCH_PATH, fts_query, search_page
from .table_layout import SEARCHED, scan_first

# Views (from archive/migrations.py) whose `id` column is a posting's id.
POSTING_VIEWS = {"open_postings", "new_this_week", "removed_postings"}
# Views whose `posting_id` has no foreign key for datasette to link, and canned queries.
POSTING_ID_VIEWS = {"changes", "deadline_extensions", None}


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/jobarchive/diff/(?P<posting>[^/]+)$", diff_page),
        (r"^/-/jobarchive/posting/(?P<posting>[^/]+)$", posting_page),
        (r"^/-/jobarchive/raw/(?P<posting>[^/]+)/(?P<version>[0-9]+)$", raw_page),
        (r"^/-/jobarchive/search$", search_page),
        *FEED_ROUTES,
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.static_plugins("jobarchive", "jobarchive.css")]


@hookimpl(trylast=True)
def prepare_connection(conn: Any) -> None:
    # datasette's own escape_fts, which its search boxes run what is typed through,
    # quotes each word whole, so `protec*` looks for the word "protec" and finds nothing.
    # This one keeps a trailing * as a prefix search and OR as OR, and is otherwise the
    # same: never a syntax error. trylast, to be registered after datasette's.
    conn.create_function("escape_fts", 1, lambda q: fts_query(q) or '""', deterministic=True)


@hookimpl
def extra_template_vars(datasette: Any) -> dict[str, Any]:
    """What the plugin's table.html needs (table_layout.py)."""
    return {
        "jobarchive_scan_first": scan_first,
        "jobarchive_searched": SEARCHED,
        "jobarchive_search_path": datasette.urls.path(SEARCH_PATH),
    }


def _posting_id(row: Any, table: str | None) -> int | None:
    """The id of the posting a row of `table` (None: a query) is about, if it says."""
    if table == "postings" or table in POSTING_VIEWS:
        key = "id"
    elif table == "versions" or table in POSTING_ID_VIEWS:
        key = "posting_id"
    else:
        return None
    try:
        value = row[key]
    except (IndexError, KeyError):  # a query without the column
        return None
    if isinstance(value, dict):  # datasette has expanded the foreign key
        value = value["value"]
    return value if isinstance(value, int) else None


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    """Link titles to the posting page, versions to their diff, and posting ids in views
    and queries to the posting's row."""
    if column == "title" and (posting_id := _posting_id(row, table)) is not None:
        url = datasette.urls.path(f"{POSTING_PREFIX}{posting_id}")
        if table == "versions" and isinstance(row["version"], int):
            url += f"#version-{row['version']}"
        return Markup('<a href="{}">{}</a>').format(url, value or "(no title)")
    if column == "diff" and isinstance(value, str) and value.startswith(DIFF_PREFIX):
        return Markup('<a href="{}">diff</a>').format(datasette.urls.path(value))
    if not isinstance(value, int):
        return None
    if table == "postings" and column == "current_version" and value > 1:
        url = datasette.urls.path(f"{DIFF_PREFIX}{row['id']}")
        return Markup('{} <a href="{}">diff</a>').format(value, url)
    if table == "versions" and column == "version" and value > 1:
        posting_id = row["posting_id"]
        if isinstance(posting_id, dict):  # datasette has expanded the foreign key
            posting_id = posting_id["value"]
        url = datasette.urls.path(f"{DIFF_PREFIX}{posting_id}?to={value}")
        return Markup('<a href="{}" title="diff with version {}">{}</a>').format(
            url, value - 1, value
        )
    if (column == "id" and table in POSTING_VIEWS) or (
        column == "posting_id" and table in POSTING_ID_VIEWS
    ):
        url = datasette.urls.row(database, "postings", str(value))
        return Markup('<a href="{}">{}</a>').format(url, value)
    return None
