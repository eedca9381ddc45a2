"""The one item every spider yields: a job posting as fetched at one moment.

The fields are the archive's `Snapshot` (archive/snapshot.py), so the pipeline hands
items to the archive as they are; the archive itself stays free of Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.snapshot import Snapshot


@dataclass
class JobPosting(Snapshot):
    """A job posting as a spider fetched it; see `archive.snapshot.Snapshot` for the fields."""


@dataclass
class SeenPosting:
    """A posting confirmed unchanged without extracting it again: the archive moves its
    last_seen_at and counts it unchanged (or reopens it if it had been removed)."""

    source: str
    source_key: str
