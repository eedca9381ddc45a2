"""Scrapy's spider loader, with the sources of a sources file: what `scrapy crawl`,
`scrapy list` and Scrapyd see.

`jobarchive crawl --config FILE` makes the spiders of FILE itself. A process that Scrapy
starts (a Scrapyd job, `scrapy crawl acme_jobs`) knows only its settings, so the file is
named by JOBARCHIVE_CONFIG (the setting, or the environment variable of that name that
sets it): its sources then join the built-in spiders. A bad file stops the process
with the file's own error.

The employers of the catalogue (`crawl --employer KEY`) are spiders too, listed by
name and made when one is loaded, so that a Scrapyd node runs `crawl --employer
--scrapyd` as it runs the built-in sources.
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

    def _employers(self) -> dict[str, str]:
        """The catalogue's employers without a built-in source: key by source name."""
        from crawler.catalogue import employers

        return {e.source_name: key for key, e in employers().items() if not e.builtin}

    def list(self) -> list[str]:
        return sorted(set(super().list()) | set(self._employers()))

    def load(self, spider_name: str) -> Any:
        try:
            return super().load(spider_name)
        except KeyError:
            key = self._employers().get(spider_name)
            if key is None:
                raise
        from crawler.sources import employer_sources

        [source] = employer_sources([key], builtin={}).values()
        self._spiders[spider_name] = source.spider
        return source.spider
