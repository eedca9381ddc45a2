"""US State Department PRM JPO/AE vacancies: www.state.gov/j/prm/jpo_ae/ (2014); SOURCES.md §7.

The Bureau of Population, Refugees, and Migration (PRM) advertised for U.S. citizens the
Junior Professional Officer (JPO) posts it sponsors at UNHCR and the Associate Expert
(AE) posts at IOM. A posting is `/j/prm/jpo_ae/<numeric id>.htm` (CONFIRMED); the numeric
id is the source key. The state.gov page chrome ("printable banner", "U.S. Department of
State - Great Seal", "Diplomacy in Action", the left menu, "Back to Top", the OpenID
sign-in blurb, the footer) never reaches the text: the spider reads the content column
(`#centerblock`) only, and drops "Back to Top" from it.

Listing: INFERRED `/j/prm/jpo_ae/index.htm`, one page that lists every open posting
(grouped by agency). There is no paging to follow: the listing is complete when that one
page has been read fully, which the spider checks by finding the content column and the
"Back to Top" link that closes it (a truncated page lacks it). Postings are the links of
the list items in the content column; the FAQ, also a numeric page under /j/prm/jpo_ae/,
is linked from a paragraph and the left menu, and is not followed. Links written absolute
to http://www.state.gov are fetched from the base URL in use (a mirror or mock).

Fields as the archive stores them:
- title / location / country: from the heading "Associate Protection Officer: Baku,
  Azerbaijan" -> "Associate Protection Officer", "Baku", "Azerbaijan";
- posted_date: the date under the heading ("April 8, 2014", month first: US);
- closing_date: "Application Deadline: April 29, 2014" (11:59 p.m. Eastern time, kept in
  extra `deadline_time`);
- organization: the agency whose post it is (UNHCR or IOM), from PRM's note "... are
  provided by UNHCR" (else the agency the description names most); extra `sponsor` is
  "US Department of State (PRM)";
- contract_type: "JPO" or "AE"; grade: only when the description states one ("Grade: P2"
  -> "P-2"), never guessed from the programme;
- categories: the description's "Sector:".
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.dates import parse_date
from crawler.extract import fragment_text
from crawler.fields import PROFILES
from crawler.grades import normalize_grade
from crawler.items import JobPosting
from spiders.base import JobSpider, squash

LISTING_PATH = "/j/prm/jpo_ae/index.htm"
SPONSOR = "US Department of State (PRM)"
AGENCIES = ("UNHCR", "IOM")

_POSTING_PATH = re.compile(r"^/j/prm/jpo_ae/(\d+)\.htm$")
_DEADLINE = re.compile(r"Application Deadline:\s*(.+)$", re.I)
_DEADLINE_TIME = re.compile(r"by\s+(\d{1,2}:\d{2}\s*[ap]\.?m\.?\s+[A-Z][A-Za-z ]+?Time)\b")
_PROVIDED_BY = re.compile(r"(?:are|is)\s+provided\s+by\s+(?:the\s+)?([A-Z]{2,6})\b")
_PROGRAMME = re.compile(r"\((JPO|AE)\)")
# The closed note is a line of its own; the phrase inside a sentence does not count.
_CLOSED = re.compile(r"^this vacancy(?: announcement)? is (?:now )?closed\.?$", re.I)
# "Label: value" lines of the description's header ("Title:", "Sector:", ...).
_LABELLED = re.compile(
    r"^(Title|Sector|Location|Grade|Duration of the assignment|Supervisor)\s*:\s*(.+)$"
)
# Blocks of the content column whose text is one line each.
_BLOCKS = ".//h1 | .//h2 | .//h3 | .//h4 | .//p | .//li"
# The content column's own chrome.
_CHROME = ".back-to-top, a[href='#top'], script, style, form, .share, .print"


class StateJpoSpider(JobSpider):
    name = "state_jpo"
    default_base_url = "http://www.state.gov"
    kind = "HTML: one vacancy list page (inferred) + HTML posting pages (2014 state.gov)"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            self.url(LISTING_PATH), callback=self.parse, errback=self.listing_failed
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read the vacancy list: follow each posting; finish if the page is whole."""
        content = response.css("#centerblock")
        if not content:
            self.page_unusable("listing", response, "no content column (#centerblock)")
            return
        for key in self._parse_listing_keys(content[0]):
            yield scrapy.Request(
                self.url(f"/j/prm/jpo_ae/{key}.htm"),
                callback=self.parse_job,
                errback=self.detail_failed,
                cb_kwargs={"key": self.listed(key)},
            )
        if not _has_end_marker(content[0]):
            self.page_unusable("listing", response, "no 'Back to Top' at the end (truncated)")
            return
        self.listing_finished()

    def _parse_listing_keys(self, content: Selector) -> list[str]:
        """Posting ids linked from the list items of the content column, each once."""
        keys: dict[str, None] = {}
        for href in content.xpath(".//li//a/@href").getall():
            match = _POSTING_PATH.match(urlsplit(href.strip()).path)
            if match:
                keys[match.group(1)] = None
        return list(keys)

    # -- detail -------------------------------------------------------------------------

    def parse_job(self, response: Response, key: str) -> Iterator[JobPosting]:
        """Build the posting from its page."""
        found = response.css("#centerblock")
        if not found or not found.css("h1"):
            self.page_unusable("detail", response, "no content column with a heading")
            return
        content = _without_chrome(found[0])
        lines = _lines(content)
        labels = _labelled(lines)
        heading = self._parse_heading(content)
        title, location, country = _split_heading(heading)
        if location is None and labels.get("location"):
            _, location, country = _split_heading(f"{title}: {labels['location']}")
        text = self._parse_text(content)
        profile = PROFILES["state_jpo"]
        closing = self._parse_deadline(lines)
        yield self.posting(
            response,
            key,
            title=title or _strip_programme(labels.get("title")),
            organization=self._parse_agency(text),
            location=location,
            country=country,
            grade=normalize_grade(labels.get("grade")),
            contract_type=self._parse_programme(labels, text),
            posted_date=self._parse_posted(content, profile.day_first),
            closing_date=parse_date(closing, day_first=profile.day_first) if closing else None,
            status="closed" if any(_CLOSED.match(line) for line in lines) else "open",
            categories=[labels["sector"]] if labels.get("sector") else [],
            text=text,
            extra=self._parse_extra(heading, labels, lines),
        )

    def _parse_heading(self, content: Selector) -> str:
        """The page heading: "Associate Protection Officer: Baku, Azerbaijan"."""
        return squash(content.xpath("string(.//h1[1])").get())

    def _parse_posted(self, content: Selector, day_first: bool | None) -> str | None:
        """The date under the heading ("April 8, 2014")."""
        shown = squash(content.css(".date").xpath("string()").get())
        if not shown:  # else the first block after the heading that is only a date
            following = content.xpath(".//h1[1]/following::*[self::p or self::h2 or self::div][1]")
            shown = squash(following.xpath("string()").get())
        return parse_date(shown, day_first=day_first) if shown else None

    def _parse_deadline(self, lines: list[str]) -> str | None:
        """The text after "Application Deadline:" ("April 29, 2014")."""
        for line in lines:
            match = _DEADLINE.search(line)
            if match:
                return match.group(1).strip()
        return None

    def _parse_agency(self, text: str) -> str | None:
        """The agency whose post this is: PRM's "provided by UNHCR", else the one named most."""
        match = _PROVIDED_BY.search(text)
        if match and match.group(1) in AGENCIES:
            return match.group(1)
        counts = {agency: len(re.findall(rf"\b{agency}\b", text)) for agency in AGENCIES}
        best = max(counts, key=lambda agency: counts[agency])
        return best if counts[best] else None

    def _parse_programme(self, labels: dict[str, str], text: str) -> str | None:
        """ "JPO" or "AE", from the description's "Title: ... (JPO)" or PRM's wording."""
        match = _PROGRAMME.search(labels.get("title", ""))
        if match:
            return match.group(1)
        match = re.search(r"PRM-sponsored (JPO|AE)\b", text)
        return match.group(1) if match else None

    def _parse_text(self, content: Selector) -> str:
        """Clean text of the content column (already without its chrome)."""
        return fragment_text(content.get())

    def _parse_extra(
        self, heading: str, labels: dict[str, str], lines: list[str]
    ) -> dict[str, Any]:
        """The sponsor, the heading as shown, and the description's other labelled values."""
        extra: dict[str, Any] = {"sponsor": SPONSOR, "heading": heading or None}
        extra["duration"] = labels.get("duration of the assignment")
        extra["supervisor"] = labels.get("supervisor")
        for line in lines:
            match = _DEADLINE_TIME.search(line)
            if match:
                extra["deadline_time"] = squash(match.group(1))
                break
        return {k: v for k, v in extra.items() if v}


def _without_chrome(content: Selector) -> Selector:
    """A copy of the content column without "Back to Top", scripts and print/share tools."""
    column = Selector(text=content.get())
    column.css(_CHROME).drop()
    return column.xpath("//body/*[1]")[0]


def _lines(content: Selector) -> list[str]:
    """The content column as one line per block (heading, paragraph, list item)."""
    texts = (squash(block.xpath("string()").get()) for block in content.xpath(_BLOCKS))
    return [line for line in texts if line]


def _labelled(lines: list[str]) -> dict[str, str]:
    """The description header's "Label: value" lines, by lower-case label (first wins)."""
    found: dict[str, str] = {}
    for line in lines:
        match = _LABELLED.match(line)
        if match:
            found.setdefault(match.group(1).lower(), match.group(2).strip())
    return found


def _split_heading(heading: str) -> tuple[str | None, str | None, str | None]:
    """ "Title: City, Country" -> (title, city, country); parts missing are None."""
    title, sep, place = heading.rpartition(": ")
    if not sep:
        return (heading or None), None, None
    city, comma, country = place.rpartition(", ")
    if not comma:
        return title.strip() or None, place.strip() or None, None
    return title.strip() or None, city.strip() or None, country.strip() or None


def _strip_programme(title: str | None) -> str | None:
    """ "Associate Protection Officer (JPO)" -> "Associate Protection Officer"."""
    return _PROGRAMME.sub("", title).strip() if title else None


def _has_end_marker(content: Selector) -> bool:
    """True when the content column ends with its "Back to Top" link (the page is whole)."""
    texts = content.xpath(".//a[@href='#top']//text()").getall()
    return any("back to top" in t.lower() for t in texts)
