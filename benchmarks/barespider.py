"""The baseline: a bare Scrapy crawl of the same pages, with no extraction and no storage.

It subclasses the real `unicef` spider so it follows exactly the same listing and
detail requests (if the spider's URLs change, the baseline follows), but its detail
callback, the one every detail request names (`JobSpider.detail_response`), only counts
bytes: no integrity check, no parsing, no item. It runs with the project's settings and
the same local-site overrides as `jobarchive crawl`, minus the item pipeline.

Run in a subprocess (Scrapy's reactor cannot restart in one process):
    python -m benchmarks.barespider BASE_URL LOG_FILE
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.sources import project_settings
from spiders.unicef import UnicefSpider


class BareUnicefSpider(UnicefSpider):
    name = "unicef"  # same name: JOBARCHIVE_BASE_URLS and per-spider settings apply alike

    def detail_response(
        self, response: Response, key: str | None, listed: dict[str, Any]
    ) -> Iterator[Any]:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("bare/detail_bytes", len(response.body))
        yield from ()


def main(base_url: str, log_file: str) -> None:
    settings = project_settings()
    settings.set("JOBARCHIVE_BASE_URLS", {"unicef": base_url}, priority="cmdline")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("ARCHIVE_ENABLED", False, priority="cmdline")
    settings.set("LOG_FILE", log_file, priority="cmdline")
    settings.set("LOG_LEVEL", "INFO", priority="cmdline")
    for key, value in LOCAL_SITE_SETTINGS.items():
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(BareUnicefSpider)
    process.start()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
