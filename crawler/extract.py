"""Main text out of a job page: trafilatura, then removal of residual boilerplate.

(First version: the extraction-quality work in issue #4 refines this module; keep
the signatures of `main_text` and `fragment_text`.)
"""

from __future__ import annotations

import trafilatura


def main_text(html: str | bytes, url: str | None = None) -> str:
    """The clean main text of a full HTML page, as plain-text markdown."""
    text = trafilatura.extract(
        html,
        url=url,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        # deduplicate=True caches text across documents and would drop paragraphs an
        # employer repeats in every posting.
        deduplicate=False,
        favor_recall=True,
    )
    return (text or "").strip()


def fragment_text(html: str) -> str:
    """Text of an HTML fragment that is all content (an API's description field)."""
    return main_text(f"<html><body><article>{html}</article></body></html>")
