"""Impactpool: www.impactpool.org, a job aggregator for UN agencies and NGOs.

Listing (CONFIRMED, a real capture of `/search`): server-rendered HTML. The results are
`main#job_list`, one card a posting, `div.job > a[href="/jobs/<id>"]` holding the title
(a `type="cardTitle"` element) and then the organization, the place and the grade line.
`section.results-notice` states the count ("3973 jobs match your search."). The next
page is a "Show more" link to `/search?page=2&per_page=40` (40 a page); there is no
`rel=next`. The spider follows that link as written and reports each page to the
listing ledger, which judges the listing whole (every page read, the stated count
reached by distinct ids, ...); a page without `main#job_list`, or a first page without
its count, is no listing page.

Detail pages (`/jobs/<numeric id>`, CONFIRMED as text; their markup is not captured):
the title, then bullets `Organization:` ("UN - United Nations"), `Location:` (a city),
`Grade:` ("Mid level - P-3, International Professional - Internationally recruited
position"), `Occupational Groups:` (a nested list), `Closing Date:` (an ISO date or
"Closed"), then the posting. The newer template adds a city line under the title and a
"Job Description" heading. Because the markup is not known, the bullets are read by
their labels, not by class names: the page is cut into lines at block elements and at
elements that hold nothing but a label, so "Organization: X" in one element, a label
element with the value beside it, and a label with or without its colon all read the
same. Only the run of labelled lines under the title is read, so a "Location:" in the
description is never taken for the posting's. The numeric id is the source key.

Fields as the archive stores them:
- organization: as shown ("UNHCR - United Nations High Commissioner for Refugees"),
  stored under the organization's one name (crawler/organizations.py: "UNHCR", the
  spelling shown kept in extra `organization_raw`); extra `organization_acronym` and
  `organization_name` keep its two parts;
- grade: the grade in the grade line ("P-2"), None when it names none ("UG - Ungraded");
  extra `grade_raw` keeps the line and `level` its "... level" part (the line puts it
  first on job pages and last on the search cards);
- location: the city (the city line when there is no `Location:`, else the search
  card's place); country only when the page names one ("Kabul, Afghanistan"), never
  looked up from the city; the organization, when a page lacks it, is the card's;
- closing date: the ISO date; "Closed" (or the note "This vacancy is now closed.")
  makes the posting closed;
- text: the page's main text (crawler.extract), without cookie bar, login prompt,
  share links and similar jobs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from crawler.extract import main_text
from crawler.fields import normalize_fields
from crawler.sitefacts import SiteFacts
from spiders.base import JobSpider, PageUnusable, squash

# -- what the spider relies on: the listing's structure, as the real /search page has it.
# tests/test_impactpool.py checks these against the real capture and the mock.
SEARCH_PATH = "/search"
#: The results container.
RESULTS = "main#job_list"
#: One posting's card inside the results.
CARD = "div.job"
#: The link of a card to its posting.
CARD_LINK = 'a[href*="/jobs/"]'
#: The card's title element; the organization, place and grade follow it.
CARD_TITLE = '[type="cardTitle"]'
CARD_DETAILS = '[type="bodyEmphasis"]'
#: The element stating how many postings match ("3973 jobs match your search.").
COUNT = "section.results-notice"
#: The "Show more" link to the next page (`/search?page=2&per_page=40`).
MORE = f'a[href*="{SEARCH_PATH}?"]'
#: What a link to a posting looks like.
POSTING_LINK = r"^/jobs/(\d+)(?:-[\w-]*)?/?$"
#: Where the posting's title is on a job page.
TITLE = "h1"

# The labels of the bullets under a job page's title, as Impactpool writes them.
LABELS = {
    "organization": "organization",
    "location": "location",
    "grade": "grade",
    "occupational groups": "categories",
    "closing date": "closing_date",
}
_LABEL = re.compile(
    r"^(?:[-•*▪]\s*)?(?P<label>"
    + "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True))
    + r")\s*(?P<colon>:)?\s*(?P<value>.*)$",
    re.I,
)
_COUNT = re.compile(r"(\d[\d,.\u00a0\u202f ]*)\s*(?:jobs?|results?|postings?)\b", re.I)
_NO_RESULTS = re.compile(r"^\s*no\s+(?:jobs?|results?)\b", re.I)
_CLOSED_NOTE = re.compile(r"^this vacancy is (?:now )?closed\.?$", re.I)
_LEVEL = re.compile(r"^[\w ]+\blevel$", re.I)
# Elements whose text is no page text.
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link"}
# Elements that start a new line of text.
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "section",
    "article", "main", "aside", "header", "footer", "nav", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "br", "hr", "blockquote", "figure", "turbo-frame",
}  # fmt: skip
# A city line is short: longer lines between the title and the bullets are something else.
_CITY_MAX = 80
# The bullets follow the title closely (a city line between): a label further down is
# the description's, not the posting's.
_NEAR = 4
# Group names are short, and a list of them is not endless: where the groups are not a
# nested list, this bounds what may be read as one.
_GROUP_MAX, _GROUPS_MAX = 120, 20


@dataclass
class _Line:
    """One line of a page's text and the list items (<li>) it is inside, innermost last."""

    text: str
    items: tuple[int, ...]
    title: bool = False  # the line is a title (an h1)


class ImpactpoolSpider(JobSpider):
    name = "impactpool"
    default_base_url = "https://www.impactpool.org"
    kind = "HTML aggregator: /search result cards + HTML job pages"
    facts = SiteFacts(
        day_first=None,  # ISO dates ("2025-11-30") or "Closed"
        hosts=("impactpool.org", "d2joq6sj09wk6y.cloudfront.net"),
        expected={
            "title": f"{TITLE} of the job page",
            "text": "the job page's main text",
            "organization": "the 'Organization:' bullet, else the search card's",
            "location": "the 'Location:' bullet, else the city line or the search card's place",
            "closing_date": "the 'Closing Date:' bullet",
        },
        # INFERRED: the site is a Rails app; this is Rails' own "not found" page.
        error_markers=("the page you were looking for doesn't exist",),
        posting_link=POSTING_LINK,
        page_text=True,
    )

    # -- listing ------------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.listing_request(self.url(SEARCH_PATH), cb_kwargs={"page": 1})

    def parse(self, response: Response, page: int = 1, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one /search page: fetch each card's posting, then the "Show more" page."""
        if not isinstance(response, TextResponse):
            raise PageUnusable("not an HTML page")
        results = response.css(RESULTS)
        if not results:
            raise PageUnusable(f"no results ({RESULTS}) on the search page")
        total = self._parse_total(response)
        if total is None and page == 1:
            raise PageUnusable(f"no job count ({COUNT}) on the first search page")
        cards = results.css(CARD)
        keys = []
        for card in cards:
            key, url = self._parse_card_link(card, response)
            if key is None:
                continue
            keys.append(key)
            yield from self.posting_request(key, url, listed=self._parse_card(card))
        yield from self.listing_page(
            response,
            keys,
            shown=len(cards),
            total=total,
            next_page=self._parse_next_page(response, results, page),
            selector=f"{RESULTS} {CARD} {CARD_LINK}",
        )

    def _parse_card_link(self, card: Any, response: Response) -> tuple[str | None, str]:
        """The posting id a card links to, and the link on the site in use."""
        for href in card.css(f"{CARD_LINK}::attr(href)").getall():
            match = re.match(POSTING_LINK, urlsplit(response.urljoin(href.strip())).path)
            if match:
                return match.group(1), self.on_site(href.strip(), response)
        return None, ""

    def _parse_card(self, card: Any) -> dict[str, Any]:
        """What a card shows: title, then organization, place and grade line, in order."""
        details = [squash(d.xpath("string()").get()) for d in card.css(CARD_DETAILS)]
        details = [d for d in details if d]
        names = ("organization", "location", "grade")
        shown = dict(zip(names, details, strict=False))
        shown["title"] = squash(card.css(CARD_TITLE).xpath("string()").get())
        return {name: value for name, value in shown.items() if value}

    def _parse_total(self, response: Response) -> int | None:
        """The count the page states ("3973 jobs match your search."), 0 for "No jobs ..."."""
        notice = response.css(COUNT)
        if not notice:
            return None
        text = squash(notice[0].xpath("string()").get())
        match = _COUNT.search(text)
        if match:
            return int(re.sub(r"\D", "", match.group(1)))
        if _NO_RESULTS.match(text):
            return 0
        raise PageUnusable(f"the job count ({COUNT}) reads {text[:80]!r}, not a number")

    def _parse_next_page(
        self, response: Response, results: Any, page: int
    ) -> scrapy.Request | None:
        """The "Show more" link's page, when it moves forward; its query kept as written."""
        for href in results.css(f"{MORE}::attr(href)").getall():
            parts = urlsplit(response.urljoin(href.strip()))
            number = (parse_qs(parts.query).get("page") or [""])[0]
            if parts.path.rstrip("/") == SEARCH_PATH and number.isdigit() and int(number) > page:
                return self.listing_request(
                    self.on_site(href.strip(), response), cb_kwargs={"page": int(number)}
                )
        return None

    # -- detail -------------------------------------------------------------------------

    def key_from_url(self, url: str) -> str | None:
        match = re.match(POSTING_LINK, urlsplit(url).path)
        return match.group(1) if match else None

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its job page."""
        if not isinstance(response, TextResponse):
            raise PageUnusable("not an HTML page")
        lines = _page_lines(response)
        title, first = self._find_bullets(lines)
        labels, groups, city = self._parse_labels(lines, title, first)
        raw = dict(labels)
        raw["title"] = lines[title].text
        fields = normalize_fields(raw, self.facts)
        text = main_text(response.body, response.url)
        closed = fields["status"] == "closed" or self._says_closed(text)
        location = _city(fields["location"], fields["country"]) or city
        return {
            "title": fields["title"],
            "organization": fields["organization"] or listed.get("organization"),
            "location": location or listed.get("location"),
            "country": fields["country"],
            "grade": fields["grade"],
            "closing_date": fields["closing_date"],
            "status": "closed" if closed else "open",
            "categories": groups,
            "text": text,
            "extra": self._parse_extra(labels),
        }

    def _find_bullets(self, lines: list[_Line]) -> tuple[int, int]:
        """The title's line and the first bullet's: the first label with an h1 closely
        above it, and the nearest such h1 (not a logo's h1 further up)."""
        for first in (i for i, line in enumerate(lines) if _label_match(line)):
            above = range(first - 1, max(first - 1 - _NEAR, -1), -1)
            title = next((i for i in above if lines[i].title), None)
            if title is not None:
                return title, first
        raise PageUnusable(
            f"no title ({TITLE}) with 'Organization:', 'Location:', 'Grade:', "
            "'Closing Date:' bullets under it"
        )

    def _parse_labels(
        self, lines: list[_Line], title: int, first: int
    ) -> tuple[dict[str, str], list[str], str | None]:
        """The bullets' values by field name, the occupational groups, and the city line.

        The bullets are the run of labelled lines from `first`. A label's value is the
        rest of its line, else what follows it inside the same list item, else the next
        line (a label element with its value in the next element).
        """
        between = [line.text for line in lines[title + 1 : first]]
        city = between[0] if len(between) == 1 and len(between[0]) <= _CITY_MAX else None
        values: dict[str, str] = {}
        groups: list[str] = []
        index = first
        while index < len(lines):
            match = _label_match(lines[index])
            if match is None:
                break
            name, value = LABELS[match["label"].lower()], match["value"].strip()
            item = lines[index].items[-1] if lines[index].items else None
            index += 1
            following: list[str] = []
            while index < len(lines) and _label_match(lines[index]) is None:
                inside = item is not None and item in lines[index].items
                loose = item is None and name == "categories" and not value
                if not (inside or loose) or len(following) >= _GROUPS_MAX:
                    break
                if loose and len(lines[index].text) > _GROUP_MAX:
                    break
                following.append(lines[index].text)
                index += 1
            next_is_value = index < len(lines) and _label_match(lines[index]) is None
            if not value and not following and next_is_value:  # in the next element
                following.append(lines[index].text)
                index += 1
            if name == "categories":
                groups = [squash(g) for g in following or [value] if squash(g)]
                continue
            text = squash(" ".join([value, *following]))
            if text:
                values.setdefault(name, text)
        return values, groups, city

    def _says_closed(self, text: str) -> bool:
        """True when a line of the text is Impactpool's note "This vacancy is now closed." """
        return any(_CLOSED_NOTE.match(squash(line)) for line in text.splitlines())

    def _parse_extra(self, labels: dict[str, str]) -> dict[str, Any]:
        """The organization's acronym and name, the grade line as shown and its level."""
        extra: dict[str, Any] = {}
        acronym, sep, full_name = (labels.get("organization") or "").partition(" - ")
        if sep and acronym.strip() and full_name.strip():
            extra["organization_acronym"] = acronym.strip()
            extra["organization_name"] = full_name.strip()
        grade_line = labels.get("grade")
        if grade_line:
            extra["grade_raw"] = grade_line
            # "Mid level - P-3, International Professional - ..." on job pages,
            # "P-3, International Professional - ... - Mid level" on the cards.
            parts = (p.strip() for p in re.split(r",\s+|\s+-\s+", grade_line))
            level = next((p for p in parts if _LEVEL.match(p)), None)
            if level:
                extra["level"] = level
        return extra


def _label_match(line: _Line) -> re.Match[str] | None:
    """The label a line starts with: "Label: value", or a label alone ("Grade")."""
    match = _LABEL.match(line.text)
    if match is None or (not match["colon"] and match["value"]):
        return None  # "Grade levels vary ..." is prose, not the label "Grade"
    return match


def _page_lines(response: TextResponse) -> list[_Line]:
    """The page's text in lines, each with the list items it is inside; h1s marked.

    A line ends at every block element, and after an element that holds nothing but a
    label ("<strong>Organization:</strong>", "<span>Grade</span>"), so that a label and
    its value are read alike whether they share an element or not.
    """
    lines: list[_Line] = []
    parts: list[str] = []
    items: list[int] = []  # the open <li>s, numbered in document order
    counter = [0]

    def flush(title: bool = False) -> None:
        text = squash("".join(parts))
        parts.clear()
        if text:
            lines.append(_Line(text, tuple(items), title=title))

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _SKIP or not tag:
            if node.tail:
                parts.append(node.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if tag == "li":
            counter[0] += 1
            items.append(counter[0])
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag == TITLE:
            flush(title=True)
        elif block or _is_label(node):
            flush()
        if tag == "li":
            flush()
            items.pop()
        if node.tail:
            parts.append(node.tail)

    body = response.xpath("//body")
    if body:
        walk(body[0].root)
    flush()
    return lines


def _is_label(node: Any) -> bool:
    """An element holding nothing but one of the labels ("Closing Date:", "Grade")."""
    match = _LABEL.match(squash("".join(node.itertext())))
    return match is not None and not match["value"]


def _city(location: str | None, country: str | None) -> str | None:
    """ "Kabul, Afghanistan" -> "Kabul" once the country is read from it; else as it is."""
    if location and country and location.endswith(f", {country}"):
        return location[: -len(country) - 2].strip() or location
    return location
