"""User-defined sources: reading and checking a sources TOML file (`crawl --config FILE`).

Each ``[sources.<name>]`` table describes one job board: how its postings are listed
(an RSS/Atom feed, a sitemap, or listing pages with CSS selectors), how a posting's
stable ID is found, and how its detail pages are read. Every value is checked here,
before anything is fetched, and a bad one is a :class:`ConfigError` naming the file,
the source and the key, with what would be accepted. The format is documented for
users in docs/user-sources.md; keep the two in step.

This module only reads configuration; spiders/configured.py crawls with it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cssselect import SelectorError
from parsel.csstranslator import css2xpath

from crawler.patterns import UserPattern, user_pattern
from crawler.platforms import PLATFORMS, Platform

__all__ = [
    "KINDS",
    "ConfigError",
    "SourceConfig",
    "load_config",
    "load_tables",
]

#: Kinds read by the generic spider (spiders/configured.py), then the platforms'.
GENERIC_KINDS = ("feed", "sitemap", "listing")
KINDS = (*GENERIC_KINDS, *PLATFORMS)
# The key that holds each kind's entry URL(s).
ENTRY_KEY = {"feed": "feed", "sitemap": "sitemap", "listing": "start"}
FIELD_MODES = ("auto", "jsonld", "labels")
# date_order value -> crawler.dates' day_first. "iso" reads only unambiguous dates.
DATE_ORDERS: dict[str, bool | None] = {"day-first": True, "month-first": False, "iso": None}
# Words `key` accepts besides a regular expression over the posting's URL.
KEY_WORDS = ("jsonld", "entry-id")
# Archive fields a `[sources.<name>.selectors]` table may fill.
SELECTOR_FIELDS = (
    "title", "organization", "location", "country", "grade", "contract_type",
    "job_number", "posted_date", "closing_date", "categories", "text",
)  # fmt: skip
DATE_FIELDS = ("posted_date", "closing_date")
# Source names end up in "source:key" posting references and in URLs of datasette.
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$")
DEFAULT_MAX_PAGES = 200

KEYS = (
    "kind", "base_url", "feed", "sitemap", "start", "detail_links", "next_page", "total",
    "url_filter", "key", "fields", "selectors", "organization", "date_order", "timezone",
    "max_pages", "allowed_hosts", "key_in_query", "labels", "employer", "revisit_after",
    *dict.fromkeys(p.name for platform in PLATFORMS.values() for p in platform.params),
)  # fmt: skip
# Keys that belong to some kinds only: using them with another is a mistake worth naming.
KIND_ONLY: dict[str, tuple[str, ...]] = {
    "feed": ("feed",),
    "sitemap": ("sitemap",),
    "start": ("listing",),
    "detail_links": ("listing",),
    "next_page": ("listing",),
    "total": ("listing",),
    "fields": GENERIC_KINDS,
    "selectors": GENERIC_KINDS,
    "url_filter": GENERIC_KINDS,
    "key": GENERIC_KINDS,
    "key_in_query": GENERIC_KINDS,
    "labels": tuple(PLATFORMS),
}
for _platform in PLATFORMS.values():
    for _param in _platform.params:
        KIND_ONLY[_param.name] = (*KIND_ONLY.get(_param.name, ()), _platform.kind)
# Archive fields a platform's `labels` table may send a label of the site's to.
LABEL_FIELDS = (
    "title", "location", "country", "grade", "contract_type", "job_number", "posted_date",
    "closing_date", "organization",
)  # fmt: skip


class ConfigError(ValueError):
    """A problem in a sources file, naming the file, the source and the key."""

    def __init__(self, file: str, problem: str, source: str | None = None, key: str | None = None):
        self.file, self.source, self.key, self.problem = file, source, key, problem
        where = file
        if source is not None:
            where += f": [sources.{source}]"
        if key is not None:
            where += f" {key}"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class KeyRule:
    """Where a posting's stable ID comes from."""

    source: str  # "url", "jsonld" or "entry-id"
    pattern: UserPattern | None = None  # for "url": group 1 is the ID
    in_query: bool = False  # the pattern also sees the query string ("?id=41001")

    def from_url(self, url: str) -> str | None:
        """The ID in `url` (group 1 of the pattern), or None when it does not match.

        The pattern reads the URL's path (and its query with `key_in_query`), never the
        whole address: a link such as ``file:///x?y=/jobs/77`` has no key.
        Raises `PatternTooSlow` when the pattern runs past its time limit.
        """
        assert self.pattern is not None
        parts = urlsplit(url)
        where = parts.path + (f"?{parts.query}" if self.in_query and parts.query else "")
        m = self.pattern.search(where)
        return m[1] if m and m[1] else None


@dataclass(frozen=True)
class SourceConfig:
    """One user-defined source, checked; see docs/user-sources.md for each key."""

    name: str
    file: str
    kind: str
    base_url: str
    entry_urls: tuple[str, ...]
    key: KeyRule | None  # None for platform kinds: the platform knows its postings' keys
    fields: str = "auto"
    detail_links: str | None = None
    next_page: str | None = None
    total: str | None = None
    url_filter: UserPattern | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    organization: str | None = None
    date_order: str | None = None
    timezone: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    allowed_hosts: tuple[str, ...] = ()
    #: A platform kind's parameters (Workday's host, tenant and site, ...).
    platform: dict[str, str] = field(default_factory=dict)
    #: A platform kind's labels of the site's own: "label as the site writes it" -> field.
    labels: dict[str, str] = field(default_factory=dict)
    #: The catalogue entry the table names (`employer = "WHO"`), when it names one.
    employer: str | None = None
    #: Hours after which a detail page whose listing row did not change is fetched again
    #: (crawler/revisit.py); None: JOBARCHIVE_REVISIT_AFTER's.
    revisit_after: float | None = None

    @property
    def day_first(self) -> bool | None:
        return DATE_ORDERS.get(self.date_order or "iso")

    def reading_digest(self) -> str:
        """A short digest of the keys that decide how a detail page reads (not of those
        that decide how postings are listed)."""
        reading = {
            "fields": self.fields,
            "selectors": dict(sorted(self.selectors.items())),
            "organization": self.organization,
            "date_order": self.date_order,
            "timezone": self.timezone,
        }
        if self.labels:  # only then: the digests of earlier sources stay as they were
            reading["labels"] = dict(sorted(self.labels.items()))
        text = json.dumps(reading, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def read_toml(path: str | Path, error: type[ConfigError] = ConfigError) -> dict[str, Any]:
    """The TOML file at `path` as read, or `error` saying in one line why it cannot be
    (sources files and saved searches are read alike)."""
    file = str(path)
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise error(file, "no such file") from None
    except IsADirectoryError:
        raise error(file, "is a directory, not a TOML file") from None
    except OSError as exc:
        raise error(file, f"cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(file, f"not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise error(file, "not valid TOML: the file is not UTF-8 text") from None


def load_config(path: str | Path, builtin: Collection[str] = ()) -> dict[str, SourceConfig]:
    """The sources in the TOML file at `path`, by name; ConfigError on any problem.

    `builtin` are the built-in source names, which a user source may not reuse.
    """
    file = str(path)
    data = read_toml(path)
    # [searches.NAME] tables are the saved searches (crawler/searches.py reads them).
    extra = sorted(set(data) - {"sources", "searches"})
    if extra:
        raise ConfigError(
            file,
            f"unknown top-level key {extra[0]!r}; a sources file holds [sources.<name>] "
            "and [searches.<name>] tables",
        )
    tables = data.get("sources")
    if tables is None and isinstance(data.get("searches"), dict):
        return {}  # saved searches only, over the built-in sources
    if not isinstance(tables, dict) or not tables:
        raise ConfigError(
            file, 'no sources in it; add a table such as [sources.myboard] with kind = "feed"'
        )
    return load_tables(tables, file, builtin)


def load_tables(
    tables: dict[str, Any], file: str, builtin: Collection[str] = ()
) -> dict[str, SourceConfig]:
    """Sources from tables already read (`file` names where they came from in errors)."""
    return {name: _source(file, name, table, builtin) for name, table in tables.items()}


def _source(file: str, name: str, table: Any, builtin: Collection[str]) -> SourceConfig:
    def error(key: str | None, problem: str) -> ConfigError:
        return ConfigError(file, problem, source=name, key=key)

    if not _NAME.match(name):
        raise error(
            None,
            f"{name!r} is not a usable source name; use lower-case letters, digits, "
            "'-' and '_', starting with a letter (e.g. [sources.acme_jobs])",
        )
    if name in builtin:
        raise error(None, f"{name!r} is the name of a built-in source; give this one another name")
    if not isinstance(table, dict):
        raise error(None, f"must be a table of keys, not {_type(table)}")
    employer = table.get("employer")
    if employer is not None:
        table = _with_employer(table, error)
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            raise error(key, f"unknown key; {hint}Accepted keys: {', '.join(KEYS)}")

    get = _Getter(table, error)
    kind = get.choice("kind", KINDS, required=True)
    assert kind is not None
    for key, only in KIND_ONLY.items():
        if key in table and kind not in only:
            kinds = " or ".join(f'"{k}"' for k in only)
            raise error(key, f'only for kind = {kinds}; this source has kind = "{kind}"')
    if kind in PLATFORMS:
        return _platform_source(file, name, table, get, PLATFORMS[kind], error)
    base_url = get.url("base_url", required=True)
    assert base_url is not None
    entry_key = ENTRY_KEY[kind]
    entry_urls = get.urls(entry_key, base_url)
    fields = get.choice("fields", FIELD_MODES) or "auto"
    selectors = get.selectors("selectors")
    key = get.key_rule("key", kind)
    if get.boolean("key_in_query"):
        if key.source != "url":
            raise error("key_in_query", "only for a key that is a regular expression over the URL")
        key = KeyRule(key.source, key.pattern, in_query=True)
    detail_links = get.css("detail_links", required=kind == "listing")
    date_order = get.choice("date_order", tuple(DATE_ORDERS))
    reads_labels = fields != "jsonld" or any(f in selectors for f in DATE_FIELDS)
    if date_order is None and reads_labels:
        raise error(
            "date_order",
            "missing; this source reads dates as the page writes them, so say how its "
            'numeric dates are written: "day-first" (14/10/2024), "month-first" '
            '(10/14/2024) or "iso" (2024-10-14; ambiguous dates are then left empty)',
        )
    return SourceConfig(
        name=name,
        file=file,
        kind=kind,
        base_url=base_url,
        entry_urls=entry_urls,
        key=key,
        fields=fields,
        detail_links=detail_links,
        next_page=get.css("next_page"),
        total=get.css("total"),
        url_filter=get.regex("url_filter"),
        selectors=selectors,
        organization=get.string("organization"),
        date_order=date_order,
        timezone=get.timezone("timezone"),
        max_pages=get.positive_int("max_pages") or DEFAULT_MAX_PAGES,
        allowed_hosts=_entry_hosts(entry_urls, base_url) + get.hosts("allowed_hosts"),
        revisit_after=get.hours("revisit_after"),
    )


def _platform_source(
    file: str,
    name: str,
    table: dict[str, Any],
    get: _Getter,
    platform: Platform,
    error: Callable[[str | None, str], ConfigError],
) -> SourceConfig:
    """A source of a platform kind: its parameters, and the options every kind has."""
    params: dict[str, str] = {}
    for param in platform.params:
        example = f'{param.name} = "{param.example}"'
        value = get.string(param.name, required=param.required, example=f", e.g. {example}")
        value = value if value is not None else param.default
        assert value is not None
        if not param.shape.match(value):
            raise error(param.name, f"{value!r} is not {param.help}, e.g. {example}")
        params[param.name] = value
    if platform.host_param is not None:
        if "base_url" in table:
            host = platform.param(platform.host_param)
            raise error(
                "base_url",
                f'not for kind = "{platform.kind}": the base URL is https:// and its '
                f'{host.name} (e.g. {host.name} = "{host.example}"); `--set-url` points a '
                "crawl elsewhere",
            )
        base_url = f"https://{params[platform.host_param]}"
    else:
        base_url = get.url("base_url", required=True) or ""
    return SourceConfig(
        name=name,
        file=file,
        kind=platform.kind,
        base_url=base_url,
        entry_urls=(),
        key=None,
        organization=get.string("organization"),
        date_order=get.choice("date_order", tuple(DATE_ORDERS)),
        timezone=get.timezone("timezone"),
        max_pages=get.positive_int("max_pages") or DEFAULT_MAX_PAGES,
        allowed_hosts=get.hosts("allowed_hosts"),
        platform=params,
        labels=get.labels("labels"),
        employer=table.get("employer") if isinstance(table.get("employer"), str) else None,
        revisit_after=get.hours("revisit_after"),
    )


def _with_employer(
    table: dict[str, Any], error: Callable[[str | None, str], ConfigError]
) -> dict[str, Any]:
    """The table with the catalogue entry it names filled in under its own keys."""
    from crawler.catalogue import catalogue_tables

    key = table["employer"]
    entries = catalogue_tables()
    # Keys are matched without regard to case, as `crawl --employer` matches them.
    by_lower = {k.lower(): k for k in entries}
    if isinstance(key, str) and key.lower() in by_lower:
        key = by_lower[key.lower()]
    if not isinstance(key, str) or key not in entries:
        close = difflib.get_close_matches(str(key), entries, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise error(
            "employer",
            f"{key!r} is not in the catalogue{hint}; `jobarchive sources --catalogue` lists "
            "its employers",
        )
    return {**entries[key], **table}


def _entry_hosts(entry_urls: tuple[str, ...], base_url: str) -> tuple[str, ...]:
    """Hosts of entry URLs given in full off `base_url`: the user named them, so the crawl
    may fetch from them (a feed on another host of the same employer)."""
    home = urlsplit(base_url).netloc
    hosts = []
    for url in entry_urls:
        netloc = urlsplit(url).netloc.lower()
        if netloc and netloc != home and netloc not in hosts:
            hosts.append(netloc)
    return tuple(hosts)


class _Getter:
    """Typed, checked reads of one source table's keys."""

    def __init__(self, table: dict[str, Any], error: Callable[[str | None, str], ConfigError]):
        self.table = table
        self.error = error

    def string(self, key: str, required: bool = False, example: str = "") -> str | None:
        if key not in self.table:
            if required:
                raise self.error(key, f"missing; every source needs it{example}")
            return None
        value = self.table[key]
        if not isinstance(value, str):
            raise self.error(key, f"must be a string (in quotes), not {_type(value)}")
        if not value.strip():
            raise self.error(key, "is empty")
        return value.strip()

    def choice(self, key: str, accepted: tuple[str, ...], required: bool = False) -> str | None:
        example = f', e.g. {key} = "{accepted[0]}"'
        value = self.string(key, required, example)
        if value is not None and value not in accepted:
            options = ", ".join(f'"{a}"' for a in accepted)
            raise self.error(key, f"{value!r} is not accepted; use one of {options}")
        return value

    def url(self, key: str, required: bool = False) -> str | None:
        value = self.string(key, required, f', e.g. {key} = "https://jobs.example.org"')
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise self.error(
                key, f"{value!r} is not a web address; it must start with http:// or https://"
            )
        return value.rstrip("/")

    def urls(self, key: str, base_url: str) -> tuple[str, ...]:
        """One path/URL or a list of them; paths are kept relative to the base URL."""
        example = f', e.g. {key} = "/jobs"'
        if key not in self.table:
            raise self.error(key, f"missing; this kind of source needs it{example}")
        value = self.table[key]
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise self.error(key, f"must be a path or URL in quotes, or a list of them{example}")
        out = []
        for v in values:
            v = v.strip()
            if v.startswith(base_url + "/") or v == base_url:
                v = v[len(base_url) :] or "/"  # so that --set-url moves it too
            scheme = urlsplit(v).scheme
            if scheme and scheme not in ("http", "https"):
                raise self.error(key, f"{v!r} must be a path such as /jobs or an http(s) URL")
            out.append(v)
        return tuple(out)

    def css(self, key: str, required: bool = False) -> str | None:
        value = self.string(key, required, f', e.g. {key} = "a.job-title"')
        if value is not None:
            self.check_css(key, value)
        return value

    def check_css(self, key: str, selector: str) -> None:
        try:
            css2xpath(selector)
        except SelectorError as exc:
            raise self.error(key, f"bad CSS selector {selector!r}: {exc}") from None

    def regex(self, key: str) -> UserPattern | None:
        value = self.string(key)
        if value is None:
            return None
        try:
            return user_pattern(value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def boolean(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, e.g. {key} = true")
        return value

    def hosts(self, key: str) -> tuple[str, ...]:
        """Host names (with an optional port), as a list: ["cdn.example.net"]."""
        example = f'e.g. {key} = ["api.example.org", "cdn.example.net:8443"]'
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"must be a list of host names in quotes, {example}")
        out = []
        for v in value:
            v = v.strip().lower()
            if not _HOST.match(v):
                raise self.error(key, f"{v!r} is not a host name (no http://, no path), {example}")
            out.append(v)
        return tuple(out)

    def key_rule(self, key: str, kind: str) -> KeyRule:
        words = '"jsonld"' + (', "entry-id"' if kind == "feed" else "")
        accepted = (
            f"a regular expression over the posting URL whose first (group) is the ID, "
            rf"e.g. key = '/jobs/(\d+)', or {words}"
        )
        value = self.string(key)
        if value is None:
            raise self.error(key, f"missing; say where a posting's stable ID is: {accepted}")
        if value == "entry-id" and kind != "feed":
            raise self.error(key, f'"entry-id" is only for feeds; use {accepted}')
        if value in KEY_WORDS:
            return KeyRule(value)
        if "://" in value:
            raise self.error(
                key,
                f"{value!r} names a scheme or host; the pattern is matched against the "
                rf"URL's path only, e.g. key = '/jobs/(\d+)'",
            )
        try:
            pattern = user_pattern(value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None
        if pattern.groups < 1:
            raise self.error(key, f"{value!r} has no (group) to take the ID from; use {accepted}")
        return KeyRule("url", pattern)

    def labels(self, key: str) -> dict[str, str]:
        """The site's own labels for fields: {"Closing Date": "closing_date"}."""
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.error(
                key, f'must be a table, e.g. [sources.<name>.{key}] with "Level" = "grade"'
            )
        out = {}
        for label, name in value.items():
            if name not in LABEL_FIELDS:
                raise self.error(
                    f"{key}.{label}",
                    f"{name!r} is no field a label can fill; use one of {', '.join(LABEL_FIELDS)}",
                )
            out[label.strip().lower().rstrip(":")] = name
        return out

    def selectors(self, key: str) -> dict[str, str]:
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.error(key, f'must be a table, e.g. [sources.<name>.{key}] with title = "h1"')
        out = {}
        for name, css in value.items():
            where = f"{key}.{name}"
            if name not in SELECTOR_FIELDS:
                close = difflib.get_close_matches(name, SELECTOR_FIELDS, n=1)
                hint = f'did you mean "{close[0]}"? ' if close else ""
                raise self.error(
                    where, f"unknown field; {hint}Accepted: {', '.join(SELECTOR_FIELDS)}"
                )
            if not isinstance(css, str) or not css.strip():
                raise self.error(where, f'must be a CSS selector in quotes, e.g. {name} = "h1"')
            self.check_css(where, css)
            out[name] = css.strip()
        return out

    def timezone(self, key: str) -> str | None:
        value = self.string(key)
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.error(
                key,
                f"unknown time zone {value!r}; use an IANA name such as "
                '"Europe/Zurich", "America/New_York" or "UTC"',
            ) from None
        return value

    def positive_int(self, key: str) -> int | None:
        if key not in self.table:
            return None
        value = self.table[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.error(key, f"must be a whole number of 1 or more, e.g. {key} = 50")
        return value

    def hours(self, key: str) -> float | None:
        if key not in self.table:
            return None
        value = self.table[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e6:
            raise self.error(
                key,
                f"must be a number of hours, 0 or more, not {value!r}, e.g. {key} = 24 "
                "(0 fetches every detail page on every crawl)",
            )
        return float(value)


def _type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list",
             dict: "a table", str: "a string"}  # fmt: skip
    return names.get(type(value), type(value).__name__)
