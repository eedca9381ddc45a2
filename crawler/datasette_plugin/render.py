"""What a diff page shows, built once for the datasette page and `jobarchive diff --format html`.

Values go to the templates as plain strings; the templates' autoescaping turns every
archived character into text, so a posting cannot add markup or script to the page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from archive.diff import VersionDiff, diff_versions, format_value
from archive.history import Version
from archive.worddiff import Gap, Span, with_context, word_diff

# Unchanged lines kept around each change; longer stretches fold into "N unchanged lines".
CONTEXT_LINES = 3


def safe_href(url: str | None) -> str | None:
    """The URL when it is a web address; None for javascript:, data: and the like."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def when(timestamp: str) -> str:
    """2024-10-14T08:05:00+00:00 as 2024-10-14 08:05 UTC; anything else as it is."""
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    if moment.utcoffset() is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _pieces(parts: list[Span | Gap]) -> list[dict[str, Any]]:
    return [
        {"kind": "gap", "text": p.text, "lines": p.lines}
        if isinstance(p, Gap)
        else {"kind": p.op, "text": p.text}
        for p in parts
    ]


def diff_context(
    posting: dict[str, Any], found: list[Version], old: Version, new: Version
) -> dict[str, Any]:
    """The template context for comparing `old` with `new` of `posting`."""
    diff: VersionDiff = diff_versions(old, new)
    fields = []
    for change in diff.fields:
        spans = word_diff(format_value(change.old), format_value(change.new))
        fields.append(
            {
                "field": change.field,
                "before": [s for s in _pieces(list(spans)) if s["kind"] != "insert"],
                "after": [s for s in _pieces(list(spans)) if s["kind"] != "delete"],
            }
        )
    spans = word_diff(old.text, new.text)
    words = {
        op: sum(len(s.text.split()) for s in spans if s.op == op) for op in ("insert", "delete")
    }
    return {
        "posting": posting,
        "posting_label": f"{posting['source']}:{posting['source_key']}",
        "posting_title": posting.get("title") or "(no title)",
        "posting_href": safe_href(posting.get("url")),
        "versions": [
            {
                "version": v.version,
                "when": when(v.fetched_at),
                "changed": ", ".join(v.changed_fields),
                "reread": bool(v.rereadings),
            }
            for v in found
        ],
        "rereadings": [
            f"Version {v.version} was {line.split(': ', 1)[1]} (on {when(line.split(': ', 1)[0])})"
            for v in (old, new)
            for line in v.rereadings
        ],
        "old": old,
        "new": new,
        "old_when": when(old.fetched_at),
        "new_when": when(new.fetched_at),
        "fields": fields,
        "text_changed": any(s.op != "equal" for s in spans),
        "pieces": _pieces(with_context(spans, CONTEXT_LINES)),
        "words_inserted": words["insert"],
        "words_deleted": words["delete"],
    }


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def standalone_html(context: dict[str, Any]) -> str:
    """A complete HTML document of the diff, with nothing loaded from elsewhere."""
    return _environment().get_template("jobarchive_diff_standalone.html").render(context)
