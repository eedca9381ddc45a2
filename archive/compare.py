"""Choosing the two versions of a posting to compare: by number, by date, or the last two.

Shared by `jobarchive diff` and the datasette diff page, so that `--from 2024-10-01`
and `?from=2024-10-01` mean the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .errors import ArchiveError
from .history import Version

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class VersionNotFound(ArchiveError):
    """A --from/--to that names no version of the posting."""


def pick_version(found: Sequence[Version], ref: str | int, *, label: str) -> Version:
    """The version `ref` names: a version number, or a date (YYYY-MM-DD, UTC).

    A date means the version current at the end of that day: the newest one fetched on
    or before it. `label` names the posting in error messages.
    """
    text = str(ref).strip()
    numbers = ", ".join(str(v.version) for v in found)
    if text.isdigit():
        for version in found:
            if version.version == int(text):
                return version
        raise VersionNotFound(f"{label} has no version {text}; it has versions {numbers}.")
    if _DATE.fullmatch(text):
        current = [v for v in found if v.fetched_at[:10] <= text]
        if not current:
            raise VersionNotFound(
                f"{label} was not archived yet on {text}; its first version was fetched "
                f"at {found[0].fetched_at}."
            )
        return current[-1]
    raise VersionNotFound(
        f"{text!r} is neither a version number nor a date (YYYY-MM-DD); "
        f"{label} has versions {numbers}."
    )


def pick_pair(
    found: Sequence[Version],
    old: str | int | None = None,
    new: str | int | None = None,
    *,
    label: str,
) -> tuple[Version, Version]:
    """The (old, new) versions to compare; by default the last two.

    Without `old`, the version before `new` is taken. `found` is in version order.
    """
    ordered = sorted(found, key=lambda v: v.version)
    if not ordered:
        raise VersionNotFound(f"{label} has no versions.")
    newer = pick_version(ordered, new, label=label) if new not in (None, "") else ordered[-1]
    if old not in (None, ""):
        assert old is not None
        return pick_version(ordered, old, label=label), newer
    before = [v for v in ordered if v.version < newer.version]
    if not before:
        if len(ordered) == 1:
            raise VersionNotFound(
                f"{label} has only one version, so there is nothing to compare yet."
            )
        raise VersionNotFound(
            f"Version {newer.version} is the first version of {label}; "
            "give --from to compare it with a later one."
        )
    return before[-1], newer
