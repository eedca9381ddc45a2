"""The datasette plugin of jobarchive: a diff page for postings, and links to it.

Registered through the `datasette` entry point in pyproject.toml, so any datasette in
this environment loads it. `jobarchive serve` adds the bundled metadata (metadata.yml
here): titles, descriptions, facets, search and the saved queries.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from markupsafe import Markup

from .diff_page import DIFF_PREFIX, diff_page

# Views (from archive/migrations.py) whose `id` column is a posting's id.
POSTING_VIEWS = {"open_postings", "new_this_week", "removed_postings"}
# Views whose `posting_id` has no foreign key for datasette to link, and canned queries.
POSTING_ID_VIEWS = {"changes", "deadline_extensions", None}


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/jobarchive/diff/(?P<posting>[^/]+)$", diff_page)]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.static_plugins("jobarchive", "jobarchive.css")]


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    """Link versions to their diff, and posting ids in views and queries to the posting."""
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
