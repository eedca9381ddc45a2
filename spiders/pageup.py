"""PageUp People career sites: the server-rendered listing and job pages of any of them,
given its base URL and the listing's path.

The built-in source unicef is one site (spiders/unicef.py); a sources file adds others
with `kind = "pageup"` (docs/user-sources.md), and crawler/catalogue.toml names more.
Each PageUp customer has its own host (jobs.unicef.org, jobs.rowan.edu) or a path of the
shared careers.pageuppeople.com (`/<account>/cw/<locale>/...`); the listing's path says
which, and its locale prefix (`/en-us/`, `/en-gb/`, `/en/`) is the job links' too.

Listing: the server-rendered HTML listing `GET <listing>?page=N&page-items=20`, as every
real PageUp crawler reads it (the AJAX `POST .../filter/` JSON is not used: no real
capture of it exists). The rows are `<tr>`s of `<tbody id="search-results-content">`:
`a.job-link` (href `/en-us/job/<id>/<slug>`), `span.location`, `span.close-date
time[datetime]`, each followed by an optional `tr.summary` (sometimes commented out);
some tenants show more columns (a department, the job no). The page repeats the same
rows in `#recent-jobs-content` ("Current opportunities"), which is never counted.
Paging is the site's own "More Jobs" link, `a.more-link` (`?page=N+1&page-items=20`);
its `span.count` is the number of postings *after* this page, not the total
(jobs.rowan.edu: 20 rows and 113, then 20 and 93, 133 in all; sedlock/RowanJobs
docs/SOURCE_ADAPTER_AUDIT.md); the last page has no more-link. Past the end the site
answers 200 with the table empty. So the stated total is the rows read so far plus that
count. Links are root-relative (`/en-us/job/...`) or absolute on the site's own host;
both are put on the base URL in use, whatever path it has.

Detail: `#job-content` inside `#job`: the title in its `h2` (the page's `h1` is
generic), `<b>Label:</b>` fields up to the next `<br>` (values in a span or bare text;
labels differ by tenant, "Contract type"/"Work type", "Deadline"/"Applications close",
with or without the colon, and a tenant's own, named in its `labels` table), the
description in `#job-details`, then the dates. On UNICEF "Location" is the country and
"Duty Station" the place; a page without a Duty Station (jobs.rowan.edu, other tenants)
has the place under "Location". "Applications close" may be empty (a job open until
filled). An empty `#job-content` is the listing page (PageUp renders one there) or a job
the site no longer shows, not a posting.

Dates: PageUp writes each date as the UTC instant of a local time (deadline 23:55 at
the duty station) in `<time datetime="...Z">`, and the zone's Windows name as text
after it, inside or after the span ("Central Standard Time (Mexico)", "Eastern
Daylight Time"). The archive wants the site's local date, so the spider takes, in
order: the `<time>` element's own text (the site's local rendering, "Sep 29 2026
11:55 PM"; numeric ones in the tenant's date order), else the instant in the zone named
after it, else in the tenant's stated zone (`timezone`), else, for a deadline, the date
on which the instant is 23:55 local, else the UTC date. A `<time>` alone, with no text
and no zone named after it, is read only where the tenant states its zone.

The RSS feed (`careers.pageuppeople.com/<account>/cw/en-us/rss`) is not read: it lives
on another host, and its `a10:updated` stamp, stored as a fetch validator, would be sent
to the site's own host as If-Modified-Since; detail pages are compared by body instead.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from lxml import etree
from parsel import Selector, SelectorList
from scrapy.http import Response, TextResponse

from crawler.dates import local_date, parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.sitefacts import SiteFacts
from crawler.userconfig import SourceConfig
from spiders.base import JobSpider, PageUnusable, squash
from spiders.dates import date_at_local_time, zone_for
from spiders.tenants import FromConfig, class_attrs, class_name, with_labels

# -- the structure the spider relies on (tests/test_unicef.py and tests/test_pageup.py
# check the mock and the real captures against these same constants) ------------------
LISTING_PATH = "/en-us/listing/"
PAGE_ITEMS = 20  # PageUp's page size on every real listing seen
#: The result rows; the page repeats them in RESULTS_COPY, read only when RESULTS is absent.
RESULTS = "#search-results-content"
RESULTS_COPY = "#recent-jobs-content"
JOB_LINK = "a.job-link"
ROW_LOCATION = "span.location"
ROW_CLOSE = "span.close-date time"
SUMMARY_ROW = "tr.summary"
MORE_LINK = "a.more-link"
MORE_COUNT = "span.count"
JOB = "#job-content"
TITLE = "h2"
DESCRIPTION = "#job-details"
#: Label elements of the fields (`<b>Job no:</b>`); those in the description are prose.
LABELS_XPATH = ".//*[self::b or self::strong][not(ancestor::*[@id='job-details'])]"

# Label (lower case, without the colon) -> what it holds, for every spelling seen.
FIELD_LABELS = {
    "job no": "job_number",
    "job number": "job_number",
    "contract type": "contract_type",
    "work type": "contract_type",
    "duty station": "duty_station",
    "location": "location",
    "level": "grade",
    "categories": "categories",
    "category": "categories",
    "advertised": "posted",
    "deadline": "closing",
    "applications close": "closing",
    "closing date": "closing",
}
# What a tenant's own label of an archive field is read as: a place as the Duty Station
# is (before "Location"), a country as a field of its own (PageUp's "Location" is the
# country only beside a Duty Station), dates as "Advertised" and "Deadline" are.
_FIELD_LABEL = {
    "title": "title",
    "job_number": "job_number",
    "contract_type": "contract_type",
    "location": "duty_station",
    "country": "country",
    "grade": "grade",
    "posted_date": "posted",
    "closing_date": "closing",
    "organization": "organization",
}
_JOB_ID = re.compile(r"/job/(\d+)(?:/|$)")
# Elements that end a label's value: the next line or label.
_VALUE_END = {"br", "b", "strong", "p", "div", "table", "ul", "ol", "h2", "h3"}
# Buttons and widgets inside #job-content that are not the posting.
_NOT_TEXT = "a.button, a.apply-link, .social-share-kit, script, style, link, noscript"
# PageUp deadlines are 23:55 local time.
DEADLINE_LOCAL_TIME = time(23, 55)


@dataclass(frozen=True)
class PageUpTenant:
    """What sets one PageUp careers site apart from another."""

    #: The listing's path on the base URL: its locale ("/en-us/listing/",
    #: "/en-gb/listing/"), and on careers.pageuppeople.com the account
    #: ("/541/cw/en/listing/").
    listing: str = LISTING_PATH
    #: The job pages' labels, lower case without the colon: the usual ones and the
    #: tenant's own.
    labels: Mapping[str, str] = field(default_factory=lambda: dict(FIELD_LABELS))


def pageup_facts(
    *,
    organization: str | None,
    hosts: tuple[str, ...],
    day_first: bool | None = True,
    tz: str | None = None,
    label_overrides: Mapping[str, str] | None = None,
) -> SiteFacts:
    """The facts every PageUp site shares, with the site's own."""
    return SiteFacts(
        day_first=day_first,
        tz=tz,
        organization=organization,
        hosts=(*hosts, "pageuppeople.com"),
        label_overrides=dict(label_overrides or {}),
        expected={
            "title": f"{JOB} {TITLE}",
            "text": JOB,
            "job_number": "<b>Job no:</b>",
            "location": "<b>Duty Station:</b>, else <b>Location:</b>",
            "posted_date": "<b>Advertised:</b> time",
        },
        # AWS WAF's interstitial (the token check); not on real job pages, whatever
        # their length. Its 202 answer with no body is refused as an empty answer.
        # Its AWS WAF challenge ("window.gokuProps", "verify that you're not a robot") is
        # one of the challenge pages spiders/integrity.py knows on every site.
        # A job that is gone sends the browser back to the listing.
        error_path=r"/listing/?$",
        posting_link=r"/job/\d+(?:/|$)",
    )


class PageUpSpider(JobSpider):
    """Any PageUp site; a subclass (or `tenant_spider`) names one with `tenant`."""

    kind = "PageUp People: HTML listing + HTML job pages"
    tenant: ClassVar[PageUpTenant]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rows_read = 0  # listing rows read on the pages before, for the total

    # -- listing ----------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.listing_request(
            self.url(f"{self.tenant.listing}?page=1&page-items={PAGE_ITEMS}"),
            cb_kwargs={"page": 1},
        )

    def parse(self, response: Response, page: int = 1, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each posting's page, then follow "More Jobs"."""
        results = self._parse_results(response)
        keys, hrefs = [], []
        for link in results.css(JOB_LINK):
            href = squash(link.attrib.get("href"))
            if not href or href in hrefs:
                continue
            hrefs.append(href)
            key = self.key_from_url(response.urljoin(href))
            if not key:
                continue
            keys.append(key)
            yield from self.posting_request(
                key, self.on_site(href, response), listed=self._parse_row(link)
            )
        self._rows_read += len(hrefs)
        more = response.css(MORE_LINK)
        more_href = squash(more.attrib.get("href")) if more else ""
        yield from self.listing_page(
            response,
            keys,
            shown=len(hrefs),
            total=self._parse_total(more),
            next_page=self.listing_request(
                self.on_site(more_href, response), cb_kwargs={"page": page + 1}
            )
            if more_href
            else None,
            selector=f"{RESULTS} {JOB_LINK}",
        )

    def _parse_results(self, response: Response) -> SelectorList[Selector]:
        """The element holding the result rows; a page without one is no listing page."""
        if not isinstance(response, TextResponse):
            raise PageUnusable("not a web page")
        results = response.css(RESULTS) or response.css(RESULTS_COPY)
        if not results:
            raise PageUnusable(f"no {RESULTS} on the listing page")
        return results[:1]

    def _parse_row(self, link: Selector) -> dict[str, Any]:
        """What the listing shows of one posting: title, place, deadline, summary."""
        rows = link.xpath("ancestor::tr[1]")
        row = rows[0] if rows else link.xpath("..")[0]
        # The row right after, when it is the summary (or nothing: commented out).
        summary = row.xpath("following-sibling::tr[1]").css(SUMMARY_ROW)
        listed = {
            "title": squash(link.xpath("string()").get()),
            "location": squash(row.css(ROW_LOCATION).xpath("string()").get()),
            "closing_utc": row.css(ROW_CLOSE).attrib.get("datetime", ""),
            "summary": squash(summary.xpath("string()").get()),
        }
        return {k: v for k, v in listed.items() if v}

    def _parse_total(self, more: SelectorList[Selector]) -> int | None:
        """Rows read so far plus the more-link's count of the rows after this page."""
        if not more:
            return self._rows_read  # the last page: nothing after it
        count = re.search(r"\d+", more.css(MORE_COUNT).xpath("string()").get() or "")
        return self._rows_read + int(count.group()) if count else None

    def key_from_url(self, url: str) -> str | None:
        """The PageUp job id in `/en-us/job/<id>/<slug>` (also `/cw/...`, no slug)."""
        match = _JOB_ID.search(urlsplit(url).path)
        return match.group(1) if match else None

    # -- detail -----------------------------------------------------------------------

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its job page."""
        job = self._parse_job(response, key)
        fields = self._parse_labels(job)
        location, country = self._parse_place(fields)
        closing = fields.get("closing")
        closed = squash(closing.xpath("string()").get()).lower() == "closed" if closing else False
        return {
            "title": _text(fields.get("title")) or self._parse_title(job),
            "organization": _text(fields.get("organization")) or self.facts.organization,
            "location": location,
            "country": country,
            "grade": self._parse_grade(fields),
            "contract_type": _text(fields.get("contract_type")) or None,
            "job_number": _text(fields.get("job_number")) or key,
            "posted_date": self._parse_date(fields.get("posted")),
            "closing_date": None if closed else self._parse_date(closing, deadline=True),
            "status": "closed" if closed else "open",
            "categories": self._parse_categories(fields),
            "text": self._parse_text(job),
            "extra": self._parse_extra(job, fields),
        }

    def _parse_job(self, response: Response, key: str) -> Selector:
        """`#job-content`, when this is the page of posting `key`."""
        if not isinstance(response, TextResponse):
            raise PageUnusable("not a web page")
        found = response.css(JOB)
        if not found:
            raise PageUnusable(f"no {JOB} on the page")
        job = found[0]
        if not _has_text(job):
            raise PageUnusable(f"{JOB} is empty: a listing page, not a job page")
        shown = self.key_from_url(response.url)
        if key and shown and shown != key:
            raise PageUnusable(f"the page is job {shown}, not job {key} (redirected)")
        return job

    def _parse_title(self, job: Selector) -> str | None:
        """The real title: the first h2 of the job content (the page's h1 is generic)."""
        return squash(job.css(TITLE).xpath("string()").get()) or None

    def _parse_labels(self, job: Selector) -> dict[str, Selector]:
        """Each known `<b>Label:</b>`'s value, as a fragment (first wins)."""
        found: dict[str, Selector] = {}
        for label in job.xpath(LABELS_XPATH):
            name = squash(label.xpath("string()").get()).rstrip(":").strip().lower()
            field = self.tenant.labels.get(name)
            if field and field not in found:
                value = _value_after(label)
                if value is None and self.facts.tz:
                    # An instant alone, its text left for the browser to fill, is a date
                    # only where the site states the zone its dates are in.
                    value = _instant_after(label)
                if value is not None:
                    found[field] = value
        return found

    def _parse_place(self, fields: dict[str, Selector]) -> tuple[str | None, str | None]:
        """(location, country): beside a Duty Station (UNICEF's) "Location" is the country;
        without one it is the place. A tenant's own country label wins."""
        station = _text(fields.get("duty_station"))
        where = _text(fields.get("location"))
        country = _text(fields.get("country"))
        if station:
            return station, country or where or None
        return where or None, country or None

    def _parse_grade(self, fields: dict[str, Selector]) -> str | None:
        """The Level field in the archive's one spelling per grade ("NO-1", "P-3")."""
        level = _text(fields.get("grade"))
        return normalize_grade(level) or level or None

    def _parse_categories(self, fields: dict[str, Selector]) -> list[str]:
        """Job categories, separated by commas or semicolons on the page."""
        text = _text(fields.get("categories"))
        return [c.strip() for c in re.split(r"[,;]", text) if c.strip()]

    def _parse_date(self, value: Selector | None, deadline: bool = False) -> str | None:
        """The site's local date of a date field (see the module docstring)."""
        if value is None:
            return None
        stamps = value.css("time")
        if not stamps:
            return parse_date(_text(value), day_first=self.facts.day_first, tz=self.facts.tz)
        stamp = stamps[0]
        shown = squash(stamp.xpath("string()").get())
        if shown:
            read = parse_date(shown, day_first=self.facts.day_first, tz=self.facts.tz)
            if read:
                return read
        try:
            instant = datetime.fromisoformat(
                stamp.attrib.get("datetime", "").replace("Z", "+00:00")
            )
        except ValueError:
            return None
        instant = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
        # The zone name is the rest of the field's text, inside the span or after it; a
        # page naming none is in the zone the site states its dates in, if it states one.
        zone = _zone(_text(value).replace(shown, "", 1)) or self.facts.tz
        if zone is not None:
            return local_date(instant, zone)
        if deadline:
            return date_at_local_time(instant.astimezone(UTC), DEADLINE_LOCAL_TIME)
        return local_date(instant, "UTC")

    def _parse_text(self, job: Selector) -> str:
        """The job content as text, without the apply, referral and share buttons."""
        # A copy of the page's own element, not a second parse of its markup: the
        # buttons come out of the copy, and the page's tree stays whole for the rest.
        content = copy.deepcopy(job.root)
        content.tail = None
        buttons = Selector(root=content, type="html").css(_NOT_TEXT)
        if any(button.root is content for button in buttons):
            return ""  # the content itself is a button: nothing of it is the posting's
        buttons.drop()
        return fragment_text(_markup(content))

    def _parse_extra(self, job: Selector, fields: dict[str, Selector]) -> dict[str, Any]:
        """PageUp values: the apply link, the deadline's UTC instant, the work-type slug."""
        extra: dict[str, Any] = {}
        apply = job.css("a.apply-link::attr(href)").get()
        if apply:
            extra["apply_url"] = apply
        closing = fields.get("closing")
        deadline = closing.css("time::attr(datetime)").get() if closing is not None else None
        if deadline:
            extra["deadline_utc"] = deadline
        kind = fields.get("contract_type")
        classes = (kind.css("span::attr(class)").get() or "").split() if kind is not None else []
        slug = " ".join(c for c in classes if c != "work-type")
        if slug:
            extra["work_type"] = slug
        level = _text(fields.get("grade"))
        if level and normalize_grade(level) not in (None, level):
            extra["grade_raw"] = level
        return extra


def _value_after(label: Selector) -> Selector | None:
    """The value of a label element: what follows it up to the next line break or label,
    else, for a label alone in its element (`<p><b>Deadline</b></p>October 11, 2026`),
    the text or the paragraph right after that element."""
    value = _value(_until_break(_following(label)))
    if not _plain(value):
        parent = label.xpath("..")
        if not parent or squash(parent[0].xpath("string()").get()) != squash(
            label.xpath("string()").get()
        ):
            return None
        after = [
            node
            for node in parent[0].xpath("following-sibling::node()")
            if not isinstance(node.root, str) or node.root.strip()
        ]
        if not after:
            return None
        first = after[0]
        if isinstance(first.root, str):
            markup = _until_break(_following(parent[0]))
        elif first.xpath("self::p or self::div or self::span") and not first.xpath(
            ".//b | .//strong"
        ):
            markup = "".join(first.xpath("node()").getall())
        else:
            return None  # nothing else to read: the value stays empty
        value = _value(markup)
        if not _plain(value):
            return None
    return value


def _instant_after(label: Selector) -> Selector | None:
    """The value of a label that is only a `<time datetime>` with no text."""
    value = _value(_until_break(_following(label)))
    return value if value.css("time[datetime]") else None


def _value(markup: str) -> Selector:
    """A value's markup as an element of its own (parsed once: its text and its
    `<time>` are both read from it)."""
    return Selector(text=f"<div class='value'>{markup}</div>").css("div.value")[0]


def _plain(value: Selector) -> str:
    """The text of a value."""
    return squash(value.xpath("string()").get()).lstrip(":")


def _following(node: Selector) -> list[Any]:
    """The nodes after `node` in its parent, as lxml gives them (text as strings): a
    label is followed by the rest of its paragraph, which need not become selectors
    to be read up to the label's line break."""
    return node.root.xpath("following-sibling::node()")  # type: ignore[no-any-return]


def _until_break(nodes: list[Any]) -> str:
    """The markup of `nodes` up to the first element that ends a value."""
    out = []
    for root in nodes:
        if isinstance(root, str):
            out.append(_escape(root))
            continue
        tag = getattr(root, "tag", None)
        if not isinstance(tag, str):  # a comment or processing instruction
            continue
        if tag.lower() in _VALUE_END:
            break
        out.append(_markup(root))
    return "".join(out)


def _markup(element: Any) -> str:
    """An element's HTML without its tail, as a selector's `get()` gives it."""
    return etree.tostring(element, method="html", encoding="unicode", with_tail=False)  # type: ignore[no-any-return]


def _has_text(job: Selector) -> bool:
    """Whether an element holds any text but white space (its string not empty once
    squashed), read up to its first word."""
    return any(not text.isspace() for text in job.root.xpath("descendant::text()") if text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(value: Selector | None) -> str:
    """A value's text, without the colon a label left outside its element."""
    if value is None:
        return ""
    return squash(value.xpath("string()").get()).lstrip(":").strip()


def _zone(name: str) -> Any:
    """The zone of a Windows zone name as PageUp prints it: in summer the "Daylight"
    display name ("Eastern Daylight Time"), whose Windows id says "Standard"."""
    name = squash(name)
    if not name:
        return None
    return zone_for(name) or zone_for(re.sub(r"\b(?:Daylight|Summer)\b", "Standard", name))


def tenant_spider(config: SourceConfig) -> type[PageUpSpider]:
    """The spider of a `kind = "pageup"` source of a sources file."""
    labels = with_labels(FIELD_LABELS, config, _FIELD_LABEL)
    listing = config.platform["listing"]
    attrs = class_attrs(
        config,
        f"PageUp People site, listing {listing}",
        __name__,
        tenant=PageUpTenant(listing, labels),
        facts=pageup_facts(
            organization=config.organization,
            hosts=config.allowed_hosts,
            day_first=config.day_first,
            tz=config.timezone,
            label_overrides=config.labels,
        ),
    )
    return type(class_name(config.name), (FromConfig, PageUpSpider), attrs)
