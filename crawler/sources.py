"""The sources jobarchive can crawl: one spider class per source, found by Scrapy.

Besides the built-in spiders, a sources TOML file (`crawl --config FILE`) adds
user-defined sources; crawler/userconfig.py reads it and spiders/configured.py crawls them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from crawler.userconfig import load_config, load_tables
from spiders.base import JobSpider


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    default_base_url: str
    spider: type[JobSpider]


class UnknownSource(ValueError):
    """A source name that no spider answers to."""


def project_settings() -> Settings:
    """The project's Scrapy settings, wherever the command is run from."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    return settings


def all_sources(
    settings: Settings | None = None, config: str | Path | None = None
) -> dict[str, Source]:
    """Built-in sources, then those of the `config` file (userconfig.ConfigError if bad)."""
    loader = SpiderLoader.from_settings(settings or project_settings())
    out: dict[str, Source] = {}
    for name in sorted(loader.list()):
        cls = loader.load(name)
        if issubclass(cls, JobSpider):
            out[name] = Source(name, cls.kind, cls.default_base_url, cls)
    if config:
        out.update(user_sources(config, builtin=out))
    return out


def user_sources(config: str | Path, builtin: dict[str, Source]) -> dict[str, Source]:
    """The sources defined in a sources TOML file, in the file's order."""
    # Imported here: its extraction libraries take a second to load, which every
    # other command (history, diff, ...) would pay for nothing.
    from spiders.configured import spider_for

    out = {}
    for name, source_config in load_config(config, builtin=builtin).items():
        cls = spider_for(source_config)
        out[name] = Source(name, cls.kind, cls.default_base_url, cls)
    return out


def employer_sources(keys: Iterable[str], builtin: dict[str, Source]) -> dict[str, Source]:
    """The sources of catalogue employers (crawler/catalogue.toml), by source name: the
    built-in source of an employer that has one, else one made from its entry."""
    from crawler.catalogue import employer_table, employers

    catalogue = employers()
    out: dict[str, Source] = {}
    tables: dict[str, Any] = {}
    for key in keys:
        try:
            name, table = employer_table(key)
        except KeyError:
            raise UnknownSource(
                f"{key!r} is not in the catalogue of employers; `jobarchive sources "
                "--catalogue` lists them."
            ) from None
        entry = catalogue[table["employer"]]
        if entry.builtin:
            out[entry.builtin] = builtin[entry.builtin]
        else:
            tables[name] = table
    from spiders.configured import spider_for

    for name, source_config in load_tables(tables, "the catalogue", builtin=builtin).items():
        cls = spider_for(source_config)
        out[name] = Source(name, cls.kind, cls.default_base_url, cls)
    return out


def select_sources(
    names: list[str] | tuple[str, ...],
    settings: Settings | None = None,
    config: str | Path | None = None,
    employers: Iterable[str] = (),
) -> list[Source]:
    """The named sources and those of the `employers` named (all sources when none is
    named), or UnknownSource naming the known ones."""
    known = all_sources(settings, config)
    wanted = list(employers)
    if wanted:
        found = employer_sources(wanted, known)
        named = select_sources(names, settings, config) if names else []
        return list({s.name: s for s in [*named, *found.values()]}.values())
    if not names:
        return list(known.values())
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UnknownSource(
            f"Unknown source{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            f"Known sources: {', '.join(known) or '(none)'} (see `jobarchive sources`)."
        )
    return [known[n] for n in dict.fromkeys(names)]
