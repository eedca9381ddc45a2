"""Asking an in-process datasette for a page, as the datasette tests do."""

from __future__ import annotations

import asyncio

import httpx
from datasette.app import Datasette


def get(ds: Datasette, path: str) -> httpx.Response:
    return asyncio.run(ds.client.get(path))


def content(html: str) -> str:
    """The page's own part, without datasette's header and footer."""
    return html.split('<section class="content">', 1)[1].split("</section>", 1)[0]
