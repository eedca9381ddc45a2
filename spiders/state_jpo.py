"""US State Department PRM JPO/AE vacancies: www.state.gov/j/prm/jpo_ae/ (2014).

The Bureau of Population, Refugees, and Migration (PRM) advertised for U.S. citizens the
Junior Professional Officer (JPO) posts it sponsors at UNHCR and the Associate Expert
(AE) posts at IOM. A posting is `/j/prm/jpo_ae/<numeric id>.htm` (CONFIRMED); the numeric
id is the source key. The state.gov page chrome ("printable banner", "U.S. Department of
State - Great Seal", "Diplomacy in Action", the left menu, "Back to Top", the OpenID
sign-in blurb, the footer) never reaches the text: the spider reads the content column
(`#centerblock`) only, and drops "Back to Top" from it.

Listing: INFERRED `/j/prm/jpo_ae/index.htm`, one page that lists every open posting
(grouped by agency). There is no paging to follow: the listing is complete when that one
page has been read fully. A page cut short before `</html>` is refused before it is read
(the framework's integrity check); one whose content column lacks the "Back to Top"
link that closes it has lost its end: its postings are fetched, but the listing is not
known whole, so nothing is marked removed. Postings are the links of
the list items in the content column; the FAQ, also a numeric page under /j/prm/jpo_ae/,
is linked from a paragraph and the left menu, and is not followed. Links written absolute
to http://www.state.gov are fetched from the base URL in use (a mirror or mock).

The selectors the spider relies on are named once below (`CONTENT`, `HEADING`,
`LISTING_LINKS`, `END_MARK`, `DATE`); a page without the content column or its heading
is refused (`PageUnusable` naming the selector), never stored. Labelled values are read
whether the label has its colon inside or outside its bold element, none at all (a bold
label), or its value in the next paragraph; the date under the heading with or without
its `date` class.

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
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.dates import parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.sitefacts import SiteFacts
from spiders.base import JobSpider, PageUnusable, squash

LISTING_PATH = "/j/prm/jpo_ae/index.htm"
#: The content column of the 2014 state.gov template: everything the spider reads.
CONTENT = "#centerblock"
#: The posting's heading, in the content column: its first heading (an `h1`, or an `h2`
#: on pages that have no `h1`).
HEADING = "h1, h2, h3"
#: The links of the vacancy list, in the content column.
LISTING_LINKS = "li a"
#: The "Back to Top" link that closes the content column (a truncated page lacks it).
END_MARK = "a[href='#top']"
#: The date under the heading (optional: the block after the heading is read too).
DATE = ".date"
SPONSOR = "US Department of State (PRM)"
AGENCIES = ("UNHCR", "IOM")

_POSTING_PATH = re.compile(r"^/j/prm/jpo_ae/(\d+)\.htm$")
_DEADLINE = re.compile(
    r"^(?:application deadline|deadline for applications|closing date)\s*:?\s*(.*)$", re.I
)
_DEADLINE_TIME = re.compile(r"by\s+(\d{1,2}:\d{2}\s*[ap]\.?m\.?\s+[A-Z][A-Za-z ]+?Time)\b")
_PROVIDED_BY = re.compile(r"(?:are|is)\s+provided\s+by\s+(?:the\s+)?([A-Z]{2,6})\b")
_PROGRAMME = re.compile(r"\((JPO|AE)\)")
# The closed note is a line of its own; the phrase inside a sentence does not count.
_CLOSED = re.compile(r"^this vacancy(?: announcement)? is (?:now )?closed\.?$", re.I)
# "Label: value" lines of the description's header ("Title:", "Sector:", ...); the
# colon may be missing when the label is in bold.
_LABELLED = re.compile(
    r"^(?P<label>Title|Sector|Location|Grade|Duration of the assignment|Supervisor)"
    r"(?P<colon>\s*:)?\s*(?P<value>.*)$",
    re.I,
)
# Blocks of the content column whose text is one line each.
_BLOCKS = ".//h1 | .//h2 | .//h3 | .//h4 | .//p | .//li"
# The content column's own chrome.
_CHROME = ".back-to-top, a[href='#top'], script, style, form, .share, .print"


class StateJpoSpider(JobSpider):
    name = "state_jpo"
    default_base_url = "http://www.state.gov"
    kind = "HTML: one vacancy list page (inferred) + HTML posting pages (2014 state.gov)"
    facts = SiteFacts(
        # "April 29, 2014", deadlines in Eastern time.
        day_first=False,
        tz="America/New_York",
        hosts=("state.gov",),
        expected={
            "title": "#centerblock h1",
            "text": "#centerblock",
            "closing_date": '"Application Deadline:" line',
            "posted_date": "the date under the heading",
            "organization": 'PRM\'s note "provided by UNHCR/IOM"',
        },
        posting_link=r"/j/prm/jpo_ae/\d+\.htm$",
    )

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.listing_request(self.url(LISTING_PATH))

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read the vacancy list, one page: follow each posting if the page is whole."""
        content = response.css(CONTENT)
        if not content:
            raise PageUnusable(f"no content column ({CONTENT})")
        keys = self._parse_listing_keys(content[0])
        for key in keys:
            yield from self.posting_request(key, self.url(f"/j/prm/jpo_ae/{key}.htm"))
        if not _has_end_marker(content[0]):
            # Its postings are fetched all the same; the listing is not known whole.
            self.page_unusable("listing", response, "no 'Back to Top' at the end (truncated)")
            return
        yield from self.listing_page(response, keys, selector=f"{CONTENT} {LISTING_LINKS}")

    def _parse_listing_keys(self, content: Selector) -> list[str]:
        """Posting ids linked from the list items of the content column, each once."""
        keys: dict[str, None] = {}
        for href in content.css(f"{LISTING_LINKS}::attr(href)").getall():
            match = _POSTING_PATH.match(urlsplit(href.strip()).path)
            if match:
                keys[match.group(1)] = None
        return list(keys)

    # -- detail -------------------------------------------------------------------------

    def key_from_url(self, url: str) -> str | None:
        match = _POSTING_PATH.match(urlsplit(url).path)
        return match.group(1) if match else None

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its page."""
        found = response.css(CONTENT)
        if not found or not found.css(HEADING):
            raise PageUnusable(f"no content column with a heading ({CONTENT} {HEADING})")
        content = _without_chrome(found[0])
        blocks = _blocks(content)
        lines = [text for text, _ in blocks]
        labels = _labelled(blocks)
        heading = self._parse_heading(content)
        title, location, country = _split_heading(heading)
        if location is None and labels.get("location"):
            _, location, country = _split_heading(f"{title}: {labels['location']}")
        text = self._parse_text(content)
        day_first = self.facts.day_first
        closing = self._parse_deadline(lines, day_first)
        return {
            "title": title or _strip_programme(labels.get("title")),
            "organization": self._parse_agency(text),
            "location": location,
            "country": country,
            "grade": normalize_grade(labels.get("grade")),
            "contract_type": self._parse_programme(labels, text),
            "posted_date": self._parse_posted(content, day_first),
            "closing_date": closing,
            "status": "closed" if any(_CLOSED.match(line) for line in lines) else "open",
            "categories": [labels["sector"]] if labels.get("sector") else [],
            "text": text,
            "extra": self._parse_extra(heading, labels, lines),
        }

    def _parse_heading(self, content: Selector) -> str:
        """The page heading: "Associate Protection Officer: Baku, Azerbaijan"."""
        return squash(content.css(HEADING)[0].xpath("string()").get())

    def _parse_posted(self, content: Selector, day_first: bool | None) -> str | None:
        """The date under the heading ("April 8, 2014"): the `date` block, else the
        first of the next few blocks that is only a date."""
        shown = squash(content.css(DATE).xpath("string()").get())
        if shown:
            return parse_date(shown, day_first=day_first)
        heading = content.css(HEADING)[0]
        following = heading.xpath(
            "following::*[self::p or self::div or self::h2 or self::h3 or self::h4]"
            "[position() <= 3]"
        )
        for block in following:
            text = squash(block.xpath("string()").get())
            if text and len(text) <= 40:
                found = parse_date(text, day_first=day_first)
                if found:
                    return found
        return None

    def _parse_deadline(self, lines: list[str], day_first: bool | None) -> str | None:
        """The date after "Application Deadline:" ("April 29, 2014"), on its line or,
        when the label stands alone, the next one."""
        for index, line in enumerate(lines):
            match = _DEADLINE.match(line)
            if not match:
                continue
            value = match.group(1).strip() or (lines[index + 1] if index + 1 < len(lines) else "")
            found = parse_date(value, day_first=day_first) if value else None
            if found:
                return found
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


def _blocks(content: Selector) -> list[tuple[str, str]]:
    """The content column as one line per block (heading, paragraph, list item), each
    with the bold text it starts with ("" when it starts otherwise)."""
    out = []
    for block in content.xpath(_BLOCKS):
        text = squash(block.xpath("string()").get())
        if not text:
            continue
        lead = block.xpath("./node()[normalize-space()][1][self::strong or self::b]")
        out.append((text, squash(lead.xpath("string()").get()) if lead else ""))
    return out


def _labelled(blocks: list[tuple[str, str]]) -> dict[str, str]:
    """The description header's labelled values, by lower-case label (first wins).

    "Label: value", "Label : value", a bold label without colon ("**Sector** Field"),
    or a label alone with its value in the next block.
    """
    found: dict[str, str] = {}
    for index, (line, bold) in enumerate(blocks):
        match = _LABELLED.match(line)
        if not match:
            continue
        label = match["label"].lower()
        if not match["colon"] and bold.rstrip(": ").lower() != label:
            continue  # "Location of the office...": a sentence, not a label
        value = match["value"].strip()
        if not value and index + 1 < len(blocks):
            following = blocks[index + 1][0]
            if not _LABELLED.match(following):
                value = following
        if value:
            found.setdefault(label, value)
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
    texts = content.css(f"{END_MARK} ::text").getall()
    return any("back to top" in t.lower() for t in texts)
