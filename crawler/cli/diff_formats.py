"""The output formats of `jobarchive diff`: unified, text (word by word), json and html.

Each takes the posting's row and the two versions and returns what to print. Colour is
only added when asked for (a terminal), so piped output stays plain and stable.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.text import Text

from archive.diff import diff_versions, format_unified, format_value
from archive.history import Version
from archive.worddiff import Gap, with_context, word_diff

from .visible import visible

FORMATS = ("unified", "text", "json", "html")

_DELETED = "bold red strike"
_INSERTED = "bold green"
_FOLDED = "dim italic"


def _render(text: Text) -> str:
    """Text with ANSI colour codes, without rich wrapping or cropping long lines."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=10_000)
    console.print(text, soft_wrap=True, end="")
    return out.getvalue()


def shown(version: Version) -> Version:
    """The version with what the site wrote made safe for a terminal (its control
    characters shown, not obeyed): for the text formats, never for json or html."""
    return replace(version, fields=_shown_value(version.fields), text=visible(version.text))


def _shown_value(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list):
        return [_shown_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _shown_value(v) for k, v in value.items()}
    return value


def unified(old: Version, new: Version, *, color: bool) -> str:
    """Field changes on top, then a unified diff of the text (the default)."""
    old, new = shown(old), shown(new)
    plain = format_unified(diff_versions(old, new))
    if not color:
        return plain
    text = Text()
    for line in plain.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            text.append(line, style="bold")
        elif line.startswith("@@"):
            text.append(line, style="cyan")
        elif line.startswith("+"):
            text.append(line, style="green")
        elif line.startswith("-"):
            text.append(line, style="red")
        else:
            text.append(line)
    return _render(text)


def words(old: Version, new: Version, *, color: bool) -> str:
    """Field changes on top, then the text with deleted and inserted words marked.

    Without colour, the marks are git's plain word-diff ones: [-deleted-] {+inserted+}.
    """
    old, new = shown(old), shown(new)
    out = Text()
    diff = diff_versions(old, new)
    for change in diff.fields:
        out.append(f"{change.field}: ")
        out.append(format_value(change.old), style=_DELETED if color else None)
        out.append(" → ")
        out.append(format_value(change.new), style=_INSERTED if color else None)
        out.append("\n")
    out.append(
        f"\nversion {old.version} ({old.fetched_at}) → version {new.version} ({new.fetched_at})\n\n"
    )
    spans = word_diff(old.text, new.text)
    if all(s.op == "equal" for s in spans):
        out.append("(text unchanged)\n")
    else:
        for part in with_context(spans):
            if isinstance(part, Gap):
                plural = "s" if part.lines != 1 else ""
                folded = f"⋯ {part.lines} unchanged line{plural} ⋯\n"
                out.append(folded, style=_FOLDED if color else None)
            elif part.op == "equal":
                out.append(part.text)
            elif color:
                out.append(part.text, style=_DELETED if part.op == "delete" else _INSERTED)
            else:
                # A whole deleted or inserted line keeps its line break outside the marks.
                body = part.text.rstrip("\n")
                mark = f"[-{body}-]" if part.op == "delete" else f"{{+{body}+}}"
                out.append(mark + part.text[len(body) :])
        if not out.plain.endswith("\n"):
            out.append("\n")
    return _render(out) if color else out.plain


def as_json(posting: dict[str, Any], old: Version, new: Version) -> str:
    """Everything the other formats show, for programs."""
    diff = diff_versions(old, new)
    document = {
        "posting": {
            k: posting[k] for k in ("id", "source", "source_key", "title", "url", "status")
        },
        "from": {"version": old.version, "fetched_at": old.fetched_at},
        "to": {"version": new.version, "fetched_at": new.fetched_at},
        "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in diff.fields],
        "text": [{"op": s.op, "text": s.text} for s in word_diff(old.text, new.text)],
        "unified": diff.text,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def as_html(posting: dict[str, Any], found: list[Version], old: Version, new: Version) -> str:
    """A standalone HTML page, the same as the datasette diff page shows."""
    # Imported here: it brings in datasette and jinja, which the other formats do not need.
    from crawler.datasette_plugin.render import diff_context, standalone_html

    return standalone_html(diff_context(posting, found, old, new))
