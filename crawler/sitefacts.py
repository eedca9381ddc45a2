"""What one source's pages are like, declared once on its spider class as `facts`.

Date order, time zone, the employer, the hosts the site lives on, the fields every one
of its postings has, and the marks of its error pages: the crawl, the field parsers
(`crawler.fields`), the extractor and `jobarchive extract` all read them from the
spider, so a source has one answer to "is 03/04 the 3rd of April?" wherever it is asked.

This module holds the record and the lookup only; it imports no Scrapy, so the field
parsers can use it anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

#: Fields without which a page is no posting: a version without them is never written.
REQUIRED = ("title", "text")

#: The version of the reading every source shares: the extractor (crawler/extract.py)
#: and the field parsers (crawler/fields.py, dates.py, grades.py). Bump it when a change
#: there alters what any page reads as; a source's own parsing has its
#: `JobSpider.parser_version`. Together they are each version's `extraction`, so that a
#: better reading of an unchanged page is recorded as a re-reading, not as an edit of the
#: posting (tests/test_extraction_versions.py fails when output changes without a bump).
READING_VERSION = 2


@dataclass(frozen=True)
class SiteFacts:
    """How one source writes its postings; see each attribute."""

    #: Numeric date order: True day first (03/04 = 3 April), False month first, None
    #: not known (then only unambiguous dates are read).
    day_first: bool | None = None
    #: IANA zone the site states its deadlines in, when it states one.
    tz: str | None = None
    #: The employer, when every posting of the source is the same one's.
    organization: str | None = None
    #: Host names (or their parent domains) the source's pages live on: which source
    #: a saved page belongs to, and, with the base URL's host, the only hosts its crawl
    #: may fetch from (crawler/scope.py). Add an API or CDN host the pages use.
    hosts: tuple[str, ...] = ()
    #: "Label" (lower case) -> archive field, where the site's label means another
    #: field than usual (PageUp's "Location" is the country).
    label_overrides: Mapping[str, str] = field(default_factory=dict)
    #: What a detail answer is: "html" or "json".
    detail_format: str = "html"
    #: What a listing answer is: "html", "json" or "xml" (feeds and sitemaps).
    listing_format: str = "html"
    #: Fields every posting of this source has, each with where the spider reads it
    #: ("span.close-date time"): named when a page lacks one, and watched for layout
    #: drift. Title and text are always required, whether listed here or not.
    expected: Mapping[str, str] = field(default_factory=dict)
    #: Text (lower case) found only on this site's error, challenge or login pages.
    error_markers: tuple[str, ...] = ()
    #: A regular expression over a URL's path: landing there is the site's error page.
    error_path: str | None = None
    #: A regular expression over a link's path that a link to a posting matches: a
    #: listing page with such links but no posting read from them has changed layout.
    posting_link: str | None = None
    #: Whether a posting's text is a whole page's main text (crawler/extract.py), which
    #: may carry the site's template: the crawl then learns the template from the
    #: source's pages together and drops it (crawler/sitelines.py). False for text
    #: made from an API's or a page's own description field.
    page_text: bool = False

    def where(self, name: str) -> str:
        """Where the spider reads field `name`, for messages ("title (#job-content h2)")."""
        place = self.expected.get(name)
        return f"{name} ({place})" if place else name


GENERIC = SiteFacts()


@cache
def _registry() -> dict[str, SiteFacts]:
    """The facts of every built-in source, by source name."""
    # Imported here: finding the spiders imports Scrapy, which commands that only read
    # a page's fields should not pay for at start-up.
    from crawler.sources import all_sources

    return {name: source.spider.facts for name, source in all_sources().items()}


def facts_for(source: str | None = None, url: str | None = None) -> tuple[str, SiteFacts]:
    """The source name and its facts: the source given, else the one whose hosts the URL
    is on, else ("generic", GENERIC), which reads numeric dates only when unambiguous."""
    known = _registry()
    if source and source in known:
        return source, known[source]
    host = (urlsplit(url).hostname or "") if url else ""
    for name, facts in known.items():
        if any(host == h or host.endswith("." + h) for h in facts.hosts):
            return name, facts
    return "generic", GENERIC


def known_sources() -> list[str]:
    """Built-in source names with declared facts, and "generic"."""
    return sorted([*_registry(), "generic"])
