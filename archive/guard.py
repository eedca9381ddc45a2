"""When a fetched page is held back instead of stored: it lost most of what its posting had.

A site that changes its layout, or serves a half-built page, answers with something that
parses but holds little of the posting: no title, a tenth of the text, no deadline where
every posting of the source has one. Stored, that would be a new version, and the next
good fetch another one "restoring" the posting, both shown to users as edits. So such a
snapshot is held: no version is written, the run says which page and why, and only if
the same content keeps coming back (`accept_after` crawls in a row) is it taken as a real
edit, with an event saying it was held and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: How many crawls in a row the same held content must come back to be stored.
ACCEPT_AFTER = 3
#: A text shorter than this share of the last version's is a page that lost its body.
MIN_TEXT_SHARE = 0.2
#: The fields a posting's page states besides its title and text; a page that lost most
#: of those the last version had is no edit of the posting but a page read wrong.
STATED_FIELDS = (
    "organization", "location", "country", "grade", "contract_type", "job_number",
    "posted_date", "closing_date",
)  # fmt: skip


@dataclass(frozen=True)
class Guard:
    """The rules one source's snapshots are held by."""

    #: Fields every posting of the source has: losing one is suspicious.
    expected: tuple[str, ...] = ()
    min_text_share: float = MIN_TEXT_SHARE
    accept_after: int = ACCEPT_AFTER

    def loss(self, last: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
        """Why `new` lost most of what the `last` version had, or None when it did not.

        Both are field mappings (a version row, a snapshot's fields).
        """
        if has_value(last, "title") and not has_value(new, "title"):
            return "the page has no title, the last version had one"
        old_text, new_text = len(last.get("text") or ""), len(new.get("text") or "")
        if old_text and new_text < self.min_text_share * old_text:
            return f"the text shrank from {old_text:,} to {new_text:,} characters"
        for name in self.expected:
            if name not in ("title", "text") and has_value(last, name) and not has_value(new, name):
                return f"the page has no {name}, the last version had {last[name]!r}"
        had = [name for name in STATED_FIELDS if has_value(last, name)]
        lost = [name for name in had if not has_value(new, name)]
        if len(had) >= 2 and len(lost) * 2 > len(had):
            return (
                f"the page lost {len(lost)} of the {len(had)} fields the last version had "
                f"({', '.join(lost)})"
            )
        return None


def has_value(fields: Mapping[str, Any], name: str) -> bool:
    """True when `fields` hold a value for `name` (a closed posting needs no deadline)."""
    if name == "closing_date" and fields.get("status") == "closed":
        return True  # a closed posting needs no deadline
    return fields.get(name) not in (None, "", "[]", [], {})
