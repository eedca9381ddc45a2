"""Avature career portals: the HTML listing and job pages of any portal, given its
host (`base_url`) and the portal's path (`portal`, e.g. "/careersmarketplace").

The built-in source unops is one portal (spiders/unops.py); a sources file adds others
with `kind = "avature"` (docs/user-sources.md), and crawler/catalogue.toml names more.
One Avature host serves several portals side by side, told apart by the path
(`/careers`, `/en_GB/careers`, `/externalcareers`, ...); a portal's pages are all
under its path, and Avature has no JSON API for them.

Listing: `<portal>/SearchJobs/?jobRecordsPerPage=6&jobOffset=N`. Portals show their
own number a page (UNOPS no more than 6, another real portal 12), so the spider steps
by what the legend says the page showed ("7-12 of 74 results", "13-24 of 118
results"), not by what it asked for, until the legend's last number reaches the total.
A result is any `article.article--result` (the older template: `ul.list--jobs >
li.list__item`); its posting is whatever link in it leads to `/JobDetail/<Slug>/<id>`
(the title link's class is the portal's choice, the slug may be another language's
title or missing: the id is the key). The spans under a result are named after the
portal's own fields (`list-item-Duty Station`, `list-item-location`). Avature writes
absolute links to its own host; the spider keeps their path.

A job page holds several `article.article--details` sections (2 to 5 on real portals:
"Basic information", "Position Summary", "Responsibilities", ...): the posting text is
all of them, each under its heading, and none of the Apply, Share or related-jobs blocks
around them. Labelled values come in the markups real portals use: `.article__content__
view__field` with `__label` / `__value`, `<p class="paragraph"><strong>Label:</strong>
<span>value</span></p>` (the value outside the label's element), or a short unlabelled
"Label: value"; labels with or without a colon, and named as each portal likes ("Duty
station" / "Location", "Contract level" / "ICS Level", "Job Name:" / "Job Advert
Title:"). `LABELS` holds the names seen; a portal adds its own (`labels` in a sources
file: "Seniority Level" = "grade"). Not every page has a banner heading: the title is
the banner's, else the JSON-LD `title`, else a labelled title field, else `og:title`,
else `<title>`. The JSON-LD is small ({title, datePosted}, sometimes jobLocation), or
missing, and often names no hiringOrganization: the employer is a field the source's
labels name as it, else the JSON-LD's, else the source's `organization`, else the
portal's `og:site_name`.

Duty stations are written as the portal writes them (a city, "Florida, Leesburg",
"Washington, DC"); the country is its own field (or JSON-LD `addressCountry`), never
cut out of the place.

Avature sends every error (an unknown or withdrawn job) to `<portal>/Error` with a
redirect: landing there is a failed page, never a posting. Dates are written in the
portal's language and order: "14-May-2026", "11 octobre 2026", "Monday, March 9, 2026",
or numeric in the order the source declares. "Posted N days ago" in the banner changes
daily and is never stored.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from html import escape
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import scrapy
from lxml import etree
from parsel import Selector
from scrapy.http import Response

from crawler.dates import parse_closing_date, parse_date
from crawler.extract import fragment_text
from crawler.fields import parse_fragment
from crawler.grades import normalize_grade
from crawler.sitefacts import SiteFacts
from crawler.userconfig import SourceConfig
from spiders.base import JobSpider, PageUnusable, squash
from spiders.tenants import FromConfig, class_attrs, class_name, with_labels

PAGE_SIZE = 6  # asked for; UNOPS serves no more, and the legend says what a page showed

# -- what the spider relies on (tests check the mock and the real pages have them) -------
#: One result of the listing: the current Avature template, then the older one.
RESULT = "article.article--result, ul.list--jobs > li.list__item"
#: The results legend, "7-12 of 74 results".
LEGEND = ".list-controls__text__legend, .pagination__legend"
#: The field spans of a result ("list-item-Duty Station", "list-item-posted").
RESULT_FIELDS = "span[class^='list-item-']"
#: A posting link's path: `/JobDetail/<Slug>/<id>` (older portals: FolderDetail).
DETAIL_LINK = re.compile(r"/(?:JobDetail|FolderDetail)/(?:[^/?#]*/)*(\d+)/?$")
#: The detail sections; the posting is all of them.
DETAILS = "article.article--details"
#: A section's heading.
SECTION_HEADING = ".article__header__text__title"
#: A labelled field and its parts (the current template).
FIELD = ".article__content__view__field"
FIELD_LABEL = ".article__content__view__field__label"
FIELD_VALUE = ".article__content__view__field__value"
#: A labelled paragraph (the older template): `<strong>Label:</strong>` then the value.
PARAGRAPH_FIELD = "p.paragraph"
#: The job's banner heading, when the page has one (the site's hero banner is not it).
BANNER_TITLE = ".banner--main .banner__text__title:not(.title--hero)"

# Labels (lower case, no colon) of each field, as portals and templates name them.
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("job name", "job title", "position title", "job advert title", "title"),
    "location": ("duty station", "duty stations", "location", "work location", "city"),
    "country": ("country", "duty station country"),
    "grade": ("contract level", "ics level", "level", "grade", "post level"),
    "seniority": ("seniority level", "seniority"),
    "contract_type": ("contract type", "type of contract", "employment type", "employment class"),
    "job_number": (
        "vacancy code", "vacancy number", "job number", "job #", "ref #", "reference",
        "requisition id", "job id",
    ),
    "categories": (
        "job categories", "job category", "categories", "category", "position area",
        "job function", "job family", "business area",
    ),
    "period": ("application period",),
    "closing": (
        "deadline", "closing date", "application deadline", "posting end date",
        "apply by", "end date",
    ),
    "posted": ("posted date", "date posted", "posting date", "posting start date", "posted"),
    "department_office": ("department/office", "department", "office"),
    "duration": ("duration", "contract duration"),
}  # fmt: skip
#: Each label's field, for a portal that adds none of its own.
FIELD_OF = {label: name for name, labels in LABELS.items() for label in labels}
# A sources file names archive fields; where the spider's own name differs, this is it.
_CONFIG_FIELD = {"posted_date": "posted", "closing_date": "closing"}
# A labelled value longer than this, or of several lines, is text, not a field.
SHORT_VALUE = 200
# "14-May-2026 to 28-May-2026", "14-mai-2026 au 28-mai-2026": the separator has spaces,
# the dates' hyphens do not.
_PERIOD_SEPARATOR = re.compile(r"\s+(?:to|until|au|à|a|al|hasta|bis|-|–|—)\s+", re.I)
_WHITE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[,.\u00a0\u202f]\d{3})*")
# "Location: Los Angeles, CA" as one unlabelled value.
_INLINE_LABEL = re.compile(r"^([^:]{2,40}?)\s*:\s*(\S.*)$")
# Elements inside a section that are page controls, not posting.
_CHROME_XPATH = (
    "//script | //style | //noscript | //button | //form"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' button ')]"
    " | //*[contains(@class, 'share')] | //*[@id='relatedJobs']"
    " | //*[contains(@class, 'visibility--hidden--visually')]"
    " | //*[contains(@class, 'article__header__actions')]"
    " | //*[contains(@class, 'article__footer')]"
)


@dataclasses.dataclass(frozen=True)
class AvatureTenant:
    """What sets one Avature portal apart from another."""

    portal: str  # the path before /SearchJobs: "/careersmarketplace", "/en_US/careers"
    #: Each label's field (lower case, no colon): the usual ones and the portal's own.
    labels: Mapping[str, str] = dataclasses.field(default_factory=lambda: dict(FIELD_OF))
    #: The `jobRecordsPerPage` asked for; the portal may show another number.
    records_per_page: int = PAGE_SIZE
    #: Whether a grade that is none of the UN system's ("Senior Associate") is kept as
    #: the portal writes it; UNOPS keeps only UN grades (the value as written is in extra).
    grade_as_written: bool = True


def avature_facts(
    *,
    portal: str,
    organization: str | None,
    hosts: tuple[str, ...] = (),
    day_first: bool | None = None,
    tz: str | None = None,
) -> SiteFacts:
    """The facts every Avature portal shares, with the portal's own."""
    return SiteFacts(
        day_first=day_first,
        tz=tz,
        organization=organization,
        hosts=hosts,
        # What every real portal's pages had; the closing and posted dates are not on
        # every portal's pages (none on some), so their absence is no drift.
        expected={
            "title": f"{BANNER_TITLE}, JSON-LD title, a title field or og:title",
            "text": DETAILS,
            "location": "a location field, the listing's list-item-<label> or JSON-LD",
        },
        # Avature redirects every error to the portal's one error page.
        error_path=rf"{re.escape(portal)}/Error/?$",
        posting_link=DETAIL_LINK.pattern,
    )


class AvatureSpider(JobSpider):
    """Any Avature portal; a subclass (or `tenant_spider`) names one with `tenant`."""

    kind = "Avature career site (HTML listing and detail pages)"
    tenant: ClassVar[AvatureTenant]

    # -- listing ------------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.search_request(0)

    def search_request(self, offset: int) -> scrapy.Request:
        """The listing page starting at `offset`."""
        per_page = self.tenant.records_per_page
        return self.listing_request(
            self.url(
                f"{self.tenant.portal}/SearchJobs/?jobRecordsPerPage={per_page}&jobOffset={offset}"
            ),
            cb_kwargs={"offset": offset},
        )

    def parse(self, response: Response, offset: int = 0, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each posting's detail, then the next page."""
        results = response.css(RESULT)
        legend = self._parse_legend(response)
        if legend is None:
            if results:
                raise PageUnusable(f"no results legend ({LEGEND})")
            raise PageUnusable(f"no results ({RESULT}) and no results legend ({LEGEND})")
        _first, last, total = legend
        keys = []
        for result in results:
            key, link = self._parse_result_link(result, response)
            if key is None or link is None:
                continue
            keys.append(key)
            yield from self.posting_request(
                key,
                self.on_site(link.attrib["href"].strip(), response),
                listed=self._parse_result(result, link),
            )
        if last is None:  # "74 results" without the range: count what the page showed
            last = offset + len(results)
        yield from self.offset_listing_page(
            response,
            keys,
            offset=offset,
            step=last - offset,
            total=total,
            request=self.search_request,
            shown=len(results),
            selector=f"{RESULT} a[href*=JobDetail]",
        )

    def _parse_legend(self, response: Response) -> tuple[int | None, int | None, int] | None:
        """(first, last, total) from "7-12 of 74 results" (any language); (None, None,
        total) from "74 results"; None without a legend."""
        legend = response.css(LEGEND)
        if not legend:
            return None
        text = squash(" ".join(legend[0].css("::text").getall()))
        numbers = [int(re.sub(r"\D", "", n)) for n in _NUMBER.findall(text)]
        if len(numbers) >= 3:
            return numbers[0], numbers[1], numbers[2]
        if len(numbers) == 2:  # "0 of 74"
            return None, numbers[0], numbers[1]
        if len(numbers) == 1:
            return None, None, numbers[0]
        label = legend[0].attrib.get("aria-label", "")
        numbers = [int(re.sub(r"\D", "", n)) for n in _NUMBER.findall(label)]
        return (None, None, numbers[0]) if numbers else None

    def _parse_result_link(
        self, result: Selector, response: Response
    ) -> tuple[str | None, Selector | None]:
        """(key, link) of the first link in a result that leads to a job page."""
        for link in result.css("a[href]"):
            key = self.key_from_url(response.urljoin(link.attrib["href"].strip()))
            if key:
                return key, link
        return None, None

    def _parse_result(self, result: Selector, link: Selector) -> dict[str, str]:
        """The result's title and field spans (duty station, level, posted date), by the
        field name Avature writes in the class: "list-item-Duty Station"."""
        listed = {"title": squash(" ".join(link.css("::text").getall()))}
        for span in result.css(RESULT_FIELDS):
            label = squash(span.attrib.get("class", "").removeprefix("list-item-")).lower()
            name = "posted" if label == "posted" else self.tenant.labels.get(label)
            value = squash(" ".join(span.css("::text").getall()))
            if name and value:
                listed.setdefault(name, value)
        return {k: v for k, v in listed.items() if v}

    # -- detail -------------------------------------------------------------------------

    def key_from_url(self, url: str) -> str | None:
        """The job id of `/JobDetail/<Slug>/<id>` (or `JobDetail?jobId=<id>`)."""
        parts = urlsplit(url)
        match = DETAIL_LINK.search(parts.path)
        if match:
            return match.group(1)
        if parts.path.rstrip("/").endswith("/JobDetail"):
            job_id = (parse_qs(parts.query).get("jobId") or [""])[0]
            return job_id if job_id.isdigit() else None
        return None

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its job page (and what the listing showed of it)."""
        sections = response.css(DETAILS)
        if not sections:
            raise PageUnusable(f"no detail sections ({DETAILS}) on the page")
        labelled = self._parse_labelled(sections)
        labels = self.tenant.labels
        fields = {labels[label]: value for label, value in reversed(labelled) if label in labels}
        ld = self._parse_json_ld(response)
        closing, status, closing_raw = self._parse_closing(fields, ld)
        grade_raw = fields.get("grade") or listed.get("grade")
        return {
            "title": self._parse_title(response, fields, ld),
            "organization": self._parse_organization(response, fields, ld),
            "location": self._parse_location(fields, listed, ld),
            "country": self._parse_country(fields, ld),
            "grade": self._parse_grade(grade_raw),
            "contract_type": fields.get("contract_type") or None,
            "job_number": fields.get("job_number") or key,
            "posted_date": self._parse_posted(fields, listed, ld),
            "closing_date": closing,
            "status": status,
            "categories": self._parse_categories(fields),
            "text": self._parse_text(sections),
            "extra": self._parse_extra(labelled, fields, listed, grade_raw, closing_raw),
        }

    def _parse_labelled(self, sections: Iterable[Selector]) -> list[tuple[str, str]]:
        """Every short labelled value of the sections, as (label, value), in page order;
        labels lower case without their colon."""
        pairs: list[tuple[str, str]] = []
        for section in sections:
            for field in section.css(FIELD):
                label = _label(" ".join(field.css(f"{FIELD_LABEL} ::text").getall()))
                values = field.css(FIELD_VALUE)
                value = _lines(values[0]) if values else ""
                if label and not values:  # the value written beside the label's element
                    value = _lines(field).removeprefix(_lines(field.css(FIELD_LABEL)[0]))
                if not label:  # "Location: Los Angeles, CA" as one value
                    match = _INLINE_LABEL.match(value) if "\n" not in value else None
                    label, value = (_label(match[1]), match[2]) if match else ("", value)
                if label and _short(value):
                    pairs.append((label, squash(value)))
            for paragraph in section.css(PARAGRAPH_FIELD):
                strong = squash(" ".join(paragraph.css("strong ::text, b ::text").getall()))
                whole = squash(" ".join(paragraph.css("::text").getall()))
                value = whole.removeprefix(strong).strip()
                if strong and value and _short(value):
                    pairs.append((_label(strong), value))
        return pairs

    def _parse_json_ld(self, response: Response) -> dict[str, Any]:
        """The page's JSON-LD JobPosting, or {} (Avature writes a small one, or none)."""
        for raw in response.xpath("//script[@type='application/ld+json']/text()").getall():
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            items = data if isinstance(data, list) else [data]
            items += [g for i in items if isinstance(i, dict) for g in i.get("@graph") or []]
            for item in items:
                kind = item.get("@type") if isinstance(item, dict) else None
                if kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind):
                    return item
        return {}

    def _parse_title(self, response: Response, fields: dict[str, str], ld: dict[str, Any]) -> str:
        """The banner heading, else JSON-LD title, else a labelled title, else og:title/<title>."""
        banner = squash(" ".join(response.css(f"{BANNER_TITLE} ::text").getall()))
        og = squash(response.css("meta[property='og:title']::attr(content)").get())
        return (
            banner
            or squash(str(ld.get("title") or ""))
            or fields.get("title")
            or og
            or _page_title(response)
        )

    def _parse_organization(
        self, response: Response, fields: dict[str, str], ld: dict[str, Any]
    ) -> str | None:
        """A field the portal labels as the employer, else JSON-LD's hiring organization
        (often missing), else the source's organization, else the portal's og:site_name."""
        hiring = ld.get("hiringOrganization")
        name = squash(hiring.get("name")) if isinstance(hiring, dict) else ""
        site = squash(response.css("meta[property='og:site_name']::attr(content)").get())
        return fields.get("organization") or name or self.facts.organization or site or None

    def _parse_grade(self, grade: str | None) -> str | None:
        """The grade in the archive's one spelling ("ICS 11 (IICA 3)"), else, on a portal
        whose grades are its own, as the portal writes it ("Senior Associate")."""
        if self.tenant.grade_as_written:
            return normalize_grade(grade) or squash(grade) or None
        return normalize_grade(grade)

    def _parse_location(
        self, fields: dict[str, str], listed: dict[str, Any], ld: dict[str, Any]
    ) -> str | None:
        """The duty station (a city, or a list of cities) as written."""
        address = _ld_address(ld)
        return (
            fields.get("location")
            or listed.get("location")
            or squash(str(address.get("addressLocality") or ""))
            or None
        )

    def _parse_country(self, fields: dict[str, str], ld: dict[str, Any]) -> str | None:
        """The Country field, else JSON-LD addressCountry (a name, a list or an object)."""
        if fields.get("country"):
            return fields["country"]
        country = _ld_address(ld).get("addressCountry")
        if isinstance(country, list):
            country = country[0] if country else None
        if isinstance(country, dict):
            country = country.get("name")
        return squash(str(country or "")) or None

    def _parse_closing(
        self, fields: dict[str, str], ld: dict[str, Any]
    ) -> tuple[str | None, str, str | None]:
        """(closing date, status, the value as written) from the deadline field or the
        end of the application period ("Closed" when the site shows it closed)."""
        raw = fields.get("closing") or fields.get("period")
        if raw:
            end = _PERIOD_SEPARATOR.split(raw)[-1]
            closing, status = parse_closing_date(
                end, day_first=self.facts.day_first, tz=self.facts.tz
            )
            return closing, status, raw
        valid = ld.get("validThrough")
        if valid:
            day_first = self.facts.day_first
            return parse_date(str(valid), day_first=day_first, tz=self.facts.tz), "open", None
        return None, "open", None

    def _parse_posted(
        self, fields: dict[str, str], listed: dict[str, Any], ld: dict[str, Any]
    ) -> str | None:
        """The start of the application period, else a posted-date field, the listing's
        posted date or JSON-LD datePosted."""
        period = _PERIOD_SEPARATOR.split(fields.get("period") or "")
        candidates = [
            period[0] if len(period) == 2 else None,
            fields.get("posted"),
            listed.get("posted"),
            str(ld.get("datePosted") or "") or None,
        ]
        for value in candidates:
            posted = parse_date(value, day_first=self.facts.day_first) if value else None
            if posted:
                return posted
        return None

    def _parse_categories(self, fields: dict[str, str]) -> list[str]:
        """The job categories ("Project Management, Engineering")."""
        return [c.strip() for c in (fields.get("categories") or "").split(",") if c.strip()]

    def _parse_text(self, sections: Iterable[Selector]) -> str:
        """All the detail sections, each under its heading, labelled values as
        "Label: value" lines, without the page's buttons and share links."""
        return fragment_text("\n".join(_section_html(section) for section in sections))

    def _parse_extra(
        self,
        labelled: list[tuple[str, str]],
        fields: dict[str, str],
        listed: dict[str, Any],
        grade_raw: str | None,
        closing_raw: str | None,
    ) -> dict[str, Any]:
        """The fields of the UN system's portals (office, duration, seniority), the grade
        and deadline as written, and every other short labelled value by its label."""
        extra: dict[str, Any] = {
            "department_office": fields.get("department_office"),
            "duration": fields.get("duration"),
            "seniority_level": fields.get("seniority") or listed.get("seniority"),
            "grade_raw": grade_raw,
            "closing_date_raw": closing_raw,
        }
        for label, value in labelled:
            if label not in self.tenant.labels:
                extra.setdefault(_slug(label), value)
        return {k: v for k, v in extra.items() if v}


def _label(text: str) -> str:
    """A label as the spider compares it: lower case, no colon, single spaces."""
    return squash(text).rstrip(":： ").strip().lower()


def _lines(selector: Selector) -> str:
    """The element's text, one line per block, white space squashed within lines."""
    text = fragment_text(selector.get())
    return text.strip()


def _short(value: str) -> bool:
    return bool(value) and "\n" not in value.strip() and len(value) <= SHORT_VALUE


def _slug(label: str) -> str:
    return re.sub(r"\W+", "_", label).strip("_") or "field"


def _ld_address(ld: dict[str, Any]) -> dict[str, Any]:
    """The JSON-LD job location's address (the first, when there are several)."""
    location = ld.get("jobLocation")
    if isinstance(location, list):
        location = location[0] if location else None
    address = location.get("address") if isinstance(location, dict) else None
    return address if isinstance(address, dict) else {}


def _page_title(response: Response) -> str:
    """<title> without Avature's " - <id> - <site>" tail."""
    title = " ".join(response.xpath("//head/title//text()").getall())
    parts = [squash(p) for p in re.split(r"\s+-(?=\s|$)", title)]
    site = squash(response.css("meta[property='og:site_name']::attr(content)").get())
    while len(parts) > 1 and (not parts[-1] or parts[-1].isdigit() or parts[-1] == site):
        parts.pop()
    return " - ".join(parts)


def _section_html(section: Selector) -> str:
    """One detail section as HTML for the text: its heading, then its content, with
    labelled fields written "Label: value" (long ones as a heading and their text)."""
    root = parse_fragment(section.get())
    for element in root.xpath(_CHROME_XPATH.replace("//", ".//")):
        _drop(element)
    for node in root.iter():  # HTML's own white space rule: a run is one space
        if node.tag == "pre":
            continue
        node.text = _WHITE.sub(" ", node.text) if node.text else node.text
        node.tail = _WHITE.sub(" ", node.tail) if node.tail else node.tail
    for field in root.xpath(_class_xpath(FIELD)):
        labels = field.xpath(_class_xpath(FIELD_LABEL))
        values = field.xpath(_class_xpath(FIELD_VALUE))
        label = squash(labels[0].text_content()) if labels else ""
        if not label:
            continue
        value_html = (
            etree.tostring(values[0], encoding="unicode", with_tail=False) if values else ""
        )
        value = fragment_text(value_html).strip() if value_html else ""
        if not values:  # the value beside the label's element
            for part in labels:
                _drop(part)
            value = fragment_text(etree.tostring(field, encoding="unicode", with_tail=False))
            value = value.strip()
        if _short(value):
            replacement = f"<p>{escape(label.rstrip(':'))}: {escape(squash(value))}</p>"
        else:
            replacement = f"<div><h4>{escape(label.rstrip(':'))}</h4>{value_html}</div>"
        _replace(field, replacement)
    for paragraph in root.xpath(".//p[contains(concat(' ', @class, ' '), ' paragraph ')]"):
        strong = squash(" ".join(paragraph.xpath(".//strong//text() | .//b//text()")))
        whole = squash(paragraph.text_content())
        value = whole.removeprefix(strong).strip()
        if strong and value:
            _replace(paragraph, f"<p>{escape(strong.rstrip(':'))}: {escape(value)}</p>")
    return etree.tostring(root, encoding="unicode")


def _class_xpath(css: str) -> str:
    """`.a__b` as a descendant XPath on the class (lxml without cssselect)."""
    name = css.lstrip(".")
    return f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


def _replace(element: Any, html: str) -> None:
    """Put the HTML `html` in place of `element`, keeping the text after it."""
    new = parse_fragment(html)[0]
    new.tail = element.tail
    element.getparent().replace(element, new)


def _drop(element: Any) -> None:
    """Remove `element` but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def tenant_spider(config: SourceConfig) -> type[AvatureSpider]:
    """The spider of a `kind = "avature"` source of a sources file."""
    labels = with_labels(FIELD_OF, config, _CONFIG_FIELD)
    portal = config.platform["portal"].rstrip("/")
    attrs = class_attrs(
        config,
        f"Avature portal {portal}",
        __name__,
        tenant=AvatureTenant(portal, labels),
        facts=avature_facts(
            portal=portal,
            organization=config.organization,
            hosts=config.allowed_hosts,
            day_first=config.day_first,
            tz=config.timezone,
        ),
    )
    return type(class_name(config.name), (FromConfig, AvatureSpider), attrs)
