"""The jobarchive archive: a plain library over one SQLite file.

Postings, their versions and events, crawl runs, and compressed raw bodies. It does not
import Scrapy, so it can be used from a notebook, a datasette plugin or another crawler.
"""

from .diff import FieldChange, VersionDiff, diff_versions, format_unified
from .errors import (
    ArchiveError,
    DamagedArchive,
    OutdatedArchive,
    PostingNotFound,
    UnwritableArchive,
)
from .history import Event, Version, events, resolve_posting, versions
from .snapshot import CONTENT_FIELDS, Snapshot
from .store import Archive, Outcome, RunSummary

__all__ = [
    "CONTENT_FIELDS",
    "Archive",
    "ArchiveError",
    "DamagedArchive",
    "OutdatedArchive",
    "UnwritableArchive",
    "Event",
    "FieldChange",
    "Outcome",
    "PostingNotFound",
    "RunSummary",
    "Snapshot",
    "Version",
    "VersionDiff",
    "diff_versions",
    "events",
    "format_unified",
    "resolve_posting",
    "versions",
]
