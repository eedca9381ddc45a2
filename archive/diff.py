"""How a posting changed between two versions: field changes, then the text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from .history import Version
from .snapshot import CONTENT_FIELDS

_FIELD_ORDER = [f for f in CONTENT_FIELDS if f != "text"]


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class VersionDiff:
    old: Version
    new: Version
    fields: list[FieldChange]
    text: list[str]  # unified diff lines, without trailing newlines


def field_changes(old: Version, new: Version) -> list[FieldChange]:
    """Changed fields in schema order; source-specific ones one key at a time
    (`extra.hardship_level`), so a reader sees what changed, not two whole dicts."""
    changes = []
    for name in _FIELD_ORDER:
        a, b = old.fields.get(name) or None, new.fields.get(name) or None
        if a == b:
            continue
        if name == "extra":
            a, b = a or {}, b or {}
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    changes.append(FieldChange(f"extra.{key}", a.get(key), b.get(key)))
        else:
            changes.append(FieldChange(name, a, b))
    return changes


def diff_versions(old: Version, new: Version, *, context: int = 3) -> VersionDiff:
    changes = field_changes(old, new)
    text = list(
        difflib.unified_diff(
            old.text.splitlines(),
            new.text.splitlines(),
            fromfile=f"version {old.version} ({old.fetched_at})",
            tofile=f"version {new.version} ({new.fetched_at})",
            n=context,
            lineterm="",
        )
    )
    return VersionDiff(old, new, changes, text)


def format_value(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(value)


def format_unified(diff: VersionDiff) -> str:
    """Field changes on top (`closing_date: 2024-10-14 → 2024-10-28`), then the text diff."""
    lines = [f"{c.field}: {format_value(c.old)} → {format_value(c.new)}" for c in diff.fields]
    if lines:
        lines.append("")
    lines.extend(diff.text or ["(text unchanged)"])
    return "\n".join(lines) + "\n"
