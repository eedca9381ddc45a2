"""A stand-in for an older extraction, for tests of re-reading (tests/test_reextraction.py).

Put before the archive pipeline, it makes a crawl store what an older version of the
parsing would have read: every posting's text without its last line, under an older
extraction string. A later crawl without it reads the same pages as today's code does.
"""

from __future__ import annotations

from typing import Any

from archive import Snapshot

OLD = "{source} 0; reading 0"


class OlderExtraction:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, Snapshot):
            item.extraction = OLD.format(source=item.source)
            lines = item.text.rstrip().splitlines()
            if len(lines) > 1:
                item.text = "\n".join(lines[:-1])
        return item


PIPELINES = {
    "tests.old_extraction.OlderExtraction": 100,
    "crawler.pipelines.ArchivePipeline": 300,
}
