"""Layout drift: a field the source always has, missing on most detail pages of a run.

When a site renames a class, the selector that read a field matches nothing and the
field comes back empty on every page, quietly. The watch counts, per field the source
declares as always there (`SiteFacts.expected`), the pages it was missing on, and at
the end of the run names the field, where it was read from, and a page that lacked it,
so the cron mail says what changed and where to look.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archive.guard import has_value
from crawler.sitefacts import SiteFacts

# A field missing on more than this share of a run's pages (and on at least
# MIN_MISSING pages) is drift, not a posting that happens to lack it.
DRIFT_SHARE = 0.5
MIN_MISSING = 2


@dataclass
class FieldWatch:
    """Per expected field, how many pages of this run had it and which lacked it."""

    facts: SiteFacts
    pages: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)

    def saw(self, url: str, fields: Mapping[str, Any]) -> None:
        """One detail page parsed into `fields`."""
        self.pages += 1
        for name in self.facts.expected:
            if not has_value(fields, name):
                self.missing.setdefault(name, []).append(url)

    def report(self) -> list[str]:
        """One line per drifted field, for the run's reason."""
        out = []
        for name, urls in self.missing.items():
            if len(urls) >= MIN_MISSING and len(urls) > DRIFT_SHARE * self.pages:
                out.append(
                    f"layout drift: {self.facts.where(name)} matched nothing on "
                    f"{len(urls)} of {self.pages} detail pages, e.g. {urls[0]}"
                )
        return out
