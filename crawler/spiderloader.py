"""Scrapy's spider loader, with the sources of a sources file: what `scrapy crawl`,
`scrapy list` and Scrapyd see.

`jobarchive crawl --config FILE` makes the spiders of FILE itself. A process that Scrapy
starts (a Scrapyd job, `scrapy crawl acme_jobs`) knows only its settings, so the file is
named by JOBARCHIVE_CONFIG (the setting, or the environment variable of that name that
sets it): its sources then join the built-in spiders. A bad file stops the process
with the file's own error.
"""

from __future__ import annotations

from typing import Any

from scrapy.spiderloader import SpiderLoader


class SourceLoader(SpiderLoader):
    """The built-in spiders, and those of the JOBARCHIVE_CONFIG sources file."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        config = str(settings.get("JOBARCHIVE_CONFIG") or "").strip()
        if not config:
            return
        from crawler.sources import user_sources

        builtin = {name: None for name in self._spiders}
        for name, source in user_sources(config, builtin=builtin).items():  # type: ignore[arg-type]
            self._spiders[name] = source.spider
