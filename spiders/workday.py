"""Workday career sites: the CXS JSON API of any tenant, given its host, tenant and site.

The built-in source unhcr is one tenant (spiders/unhcr.py); a sources file adds others
with `kind = "workday"` (docs/user-sources.md), and crawler/catalogue.toml names more.

Listing: `POST /wday/cxs/TENANT/SITE/jobs`, 20 postings a page (Workday answers 400
above 20); `total` is only right on the first page (later pages say 0), so the first
page's total decides how many pages are read, and the listing ledger checks it.
Detail: `GET /wday/cxs/TENANT/SITE{externalPath}` JSON. The posting's address is its
public page, `/en-US/SITE{externalPath}`, never the API's.

Keys: whatever follows the last "_" of `externalPath` (`..._JR2600481`), whatever its
shape (`JR-7309`, `JR61760`, `Req-06070` on other Workday tenants). A `-N` after it
(`..._JR63751-1`, `..._JR2608793-2`) marks another posting of the same requisition: a
posting of its own, so it is part of the key, while `bulletFields[0]` and `jobReqId`
name the requisition without it. `bulletFields[0]` is the key only for an entry whose
path holds none. `externalPath` may carry a city, a city and region or country
(`/job/Troy-NC/...`), or no place at all (`/job/<Slug>_<id>`); `locationsText` may be
missing or say "2 Locations": the place is read from the detail.

Dates: the closing date is the deadline written in the description ("Deadline for
Applications"), because Workday's `endDate` is usually the day after it; `endDate` is the
fallback and is kept in `extra`. The posted date is `startDate`. The relative
"Posted N Days Ago" and "N days left to apply" change daily and are never stored.
Labelled values are read from the description's lines, whether each label and value has
its own `<p>`, they share one, with or without a colon ("Deadline for Applications:
October 11, 2026"), or the value is bare text between elements
(`<p><b>Deadline</b></p>October 11, 2026<p>`). The labels are the UN system's usual ones
(`DESCRIPTION_LABELS`); a tenant adds its own (`labels` in a sources file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.dates import parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.sitefacts import SiteFacts
from crawler.userconfig import SourceConfig
from spiders.base import JobSpider, PageUnusable, squash
from spiders.tenants import FromConfig, class_attrs, class_name, with_labels

PAGE_SIZE = 20  # Workday's maximum `limit`

# The JSON keys the spider relies on, named once: tests/test_unhcr.py and
# tests/test_workday.py check that the real Workday captures and the mock both have them.
TOTAL, POSTINGS = "total", "jobPostings"  # the listing answer
PATH, BULLETS = "externalPath", "bulletFields"  # one entry of `jobPostings`
INFO, HIRING = "jobPostingInfo", "hiringOrganization"  # the detail answer
TITLE, DESCRIPTION, LOCATION = "title", "jobDescription", "location"  # in `jobPostingInfo`
START, END, REQ_ID, COUNTRY = "startDate", "endDate", "jobReqId", "country"
CAN_APPLY, EXTERNAL_URL = "canApply", "externalUrl"
LISTING_KEYS = (TOTAL, POSTINGS)
LISTED_KEYS = (TITLE, PATH, BULLETS)
DETAIL_KEYS = (INFO, HIRING)
INFO_KEYS = (TITLE, DESCRIPTION, LOCATION, START, END, REQ_ID, COUNTRY, CAN_APPLY, EXTERNAL_URL)

# The labelled fields at the top of a UN-system job description, as the description
# writes them (a parenthetical such as "(not applicable for home-based)" may follow the
# label), with the field or `extra` key each fills.
DESCRIPTION_LABELS = {
    "hardship level": "hardship_level",
    "family type": "family_type",
    "residential location": "residential_location",
    "grade": "grade",
    "staff member / affiliate type": "affiliate_type",
    "reason": "reason",
    "remote work accepted": "remote_work_accepted",
    "target start date": "target_start_date",
    "deadline for applications": "deadline",
    "job posting end date": "deadline",
    "deadline": "deadline",
}
# A tenant's own label for an archive field fills what the usual label of it fills.
_FIELD_LABEL = {"closing_date": "deadline", "contract_type": "affiliate_type"}


def _label_pattern(labels: Mapping[str, str]) -> re.Pattern[str]:
    return re.compile(
        r"^(?P<label>"
        + "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
        + r")(?:\s*\([^)]*\))?(?P<colon>\s*:)?\s*(?P<value>.*)$",
        re.IGNORECASE,
    )


# Markdown around a label in the text: "**Grade**", "## Grade", "- Grade".
_MARKUP = re.compile(r"^(?:#+\s*|[-*]\s+)|\*\*|__")
# The posting's key: what follows the last "_" of the path's last segment.
_PATH_KEY = re.compile(r"_([^_/]+)/?$")
# A posting path on the site, for the key of a saved page's URL (API or public page).
_POSTING_PATH = re.compile(r"(/job/(?:[^/]+/)?[^/]*_[^_/]+)/?$")
# A grade as UNHCR's listing writes it in bulletFields[1] ("PR2", "GS5", "NOB").
_GRADE_SHAPE = re.compile(r"^(?:[A-Z]{1,3}-?\d{1,2}|NO-?[A-E])$")


@dataclass(frozen=True)
class WorkdayTenant:
    """What sets one Workday career site apart from another."""

    tenant: str  # /wday/cxs/TENANT/SITE
    site: str
    #: The description's labels: the usual ones and the tenant's own.
    labels: Mapping[str, str] = field(default_factory=lambda: dict(DESCRIPTION_LABELS))
    #: Whether the listing's bulletFields[1] is the grade (UNHCR's is; others put other
    #: things there).
    grade_in_bullets: bool = False

    #: The public job pages' path before `externalPath`: "/en-US/SITE" on
    #: *.myworkdayjobs.com, "/recruiting/TENANT/SITE" on the shared wdN.myworkdaysite.com.
    public: str = ""

    @property
    def api(self) -> str:
        return f"/wday/cxs/{self.tenant}/{self.site}"

    @property
    def public_path(self) -> str:
        return self.public or f"/en-US/{self.site}"


def public_path(host: str, tenant: str, site: str) -> str:
    """Where a Workday host puts a tenant's public job pages."""
    if host.endswith(".myworkdaysite.com"):
        return f"/recruiting/{tenant}/{site}"
    return f"/en-US/{site}"


def workday_facts(
    *,
    organization: str | None,
    hosts: tuple[str, ...],
    day_first: bool | None = True,
    tz: str | None = None,
) -> SiteFacts:
    """The facts every Workday tenant shares, with the tenant's own."""
    return SiteFacts(
        day_first=day_first,
        tz=tz,
        organization=organization,
        hosts=("myworkdayjobs.com", *hosts),
        listing_format="json",
        detail_format="json",
        expected={
            "title": f"{INFO}.{TITLE}",
            "text": f"{INFO}.{DESCRIPTION}",
            "location": f"{INFO}.{LOCATION}",
            "posted_date": f"{INFO}.{START}",
        },
        # Workday's JSON error answer: {"errorCode": "S22", "httpStatus": 403, ...}.
        error_markers=('"errorcode"',),
        # No posting_link: the listing is JSON, with no links to look at for lookalikes
        # (and spiders/base.py's check would run XPath on the JSON and raise).
    )


class WorkdaySpider(JobSpider):
    """Any Workday tenant; a subclass (or `tenant_spider`) names one with `tenant`."""

    kind = "Workday CXS JSON API"
    tenant: ClassVar[WorkdayTenant]

    @cached_property
    def _label(self) -> re.Pattern[str]:
        return _label_pattern(self.tenant.labels)

    # -- listing ------------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.listing_page_request(0)

    def listing_page_request(self, offset: int) -> scrapy.Request:
        """A listing page POST at `offset`."""
        return self.listing_request(
            self.url(f"{self.tenant.api}/jobs"),
            data={"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": ""},
            headers={"Origin": self.base_url, "Referer": self.url(self.tenant.public_path)},
            cb_kwargs={"offset": offset},
        )

    def parse(self, response: Response, offset: int = 0, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each posting's detail, then the next page."""
        postings, stated = self._parse_listing(response)
        # Workday says "total": 0 after the first page: that is no count, not passed on
        # (a real one is, so the ledger sees a total that moves while pages are read).
        total = stated if offset == 0 or stated else None
        keys = []
        for listed in postings:
            path = squash(listed.get(PATH)) if isinstance(listed, dict) else ""
            key = self._parse_listing_key(listed, path) if path else None
            if not key:
                continue
            keys.append(key)
            yield from self.posting_request(
                key,
                self.url(self.tenant.api + path),
                listed={"path": path, "grade": self._parse_listed_grade(listed)},
            )
        yield from self.offset_listing_page(
            response,
            keys,
            offset=offset,
            step=PAGE_SIZE,
            total=total,
            request=self.listing_page_request,
            shown=len(postings),
            selector=f"{POSTINGS}[].{PATH}",
        )

    def _parse_listing(self, response: Response) -> tuple[list[Any], int]:
        """The answer's postings and stated total, or PageUnusable naming what is missing."""
        data = response.json()  # the framework checked it is whole JSON
        if not isinstance(data, dict) or not isinstance(data.get(POSTINGS), list):
            raise PageUnusable(f"not a Workday listing answer (no {POSTINGS!r} list)")
        total = data.get(TOTAL)
        if not isinstance(total, int) or isinstance(total, bool):
            # Without it the listing's end is unknown: a page read as the whole listing.
            raise PageUnusable(f"not a Workday listing answer (no {TOTAL!r} count)")
        postings = data[POSTINGS]
        if postings and not any(isinstance(p, dict) and p.get(PATH) for p in postings):
            raise PageUnusable(
                f"none of the {len(postings)} postings has {POSTINGS}[].{PATH}: "
                "the listing's layout changed"
            )
        return postings, total

    def _parse_listing_key(self, listed: dict[str, Any], path: str) -> str | None:
        """The key at the end of externalPath (with any -N suffix), else bulletFields[0]."""
        match = _PATH_KEY.search(path)
        if match:
            return match.group(1)
        bullets = listed.get(BULLETS) or []
        first = squash(str(bullets[0])) if bullets else ""
        return first if first and " " not in first else None

    def _parse_listed_grade(self, listed: dict[str, Any]) -> str | None:
        """The grade a tenant's listing shows in bulletFields[1] (UNHCR's; other tenants
        put other things there), a fallback for a description that does not state it."""
        if not self.tenant.grade_in_bullets:
            return None
        bullets = listed.get(BULLETS) or []
        value = squash(str(bullets[1])) if len(bullets) > 1 else ""
        return value if _GRADE_SHAPE.match(value) else None

    # -- detail -------------------------------------------------------------------------

    def key_from_url(self, url: str) -> str | None:
        """The key at the end of a posting's API or public URL."""
        match = _PATH_KEY.search(urlsplit(url).path)
        return match.group(1) if match and "/job/" in url else None

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its detail JSON."""
        data = response.json()
        info = data.get(INFO) if isinstance(data, dict) else None
        if not isinstance(info, dict):
            raise PageUnusable(f"no {INFO} in the answer")
        text = self._parse_text(info)
        labels = self._parse_labels(text)
        path = listed.get("path") or self._parse_path(info, response.url)
        return {
            "url": self.url(f"{self.tenant.public_path}{path}") if path else None,
            "title": squash(info.get(TITLE)) or None,
            "organization": self._parse_organization(data),
            "location": squash(info.get(LOCATION)) or None,
            "country": self._parse_country(info),
            "grade": self._parse_grade(labels.get("grade") or listed.get("grade")),
            "contract_type": labels.get("affiliate_type"),
            "job_number": squash(info.get(REQ_ID)) or key,
            "posted_date": self._date(info.get(START)),
            "closing_date": self._parse_closing(info, labels),
            "status": "open" if info.get(CAN_APPLY, True) else "closed",
            "categories": [],
            "text": text,
            "extra": self._parse_extra(info, labels),
        }

    def _parse_text(self, info: dict[str, Any]) -> str:
        """The description as text, each list item on its "- " line."""
        description = info.get(DESCRIPTION)
        if not isinstance(description, str) or not description.strip():
            return ""
        return fragment_text(description)

    def _parse_labels(self, text: str) -> dict[str, str]:
        """The description's labelled values, by `DESCRIPTION_LABELS` name.

        A label is a line that starts with one; its value follows on the same line
        (after a colon, or directly for labels of several words) or is the next line.
        The first value wins; for the deadline, the first that reads as a date.
        """
        lines = [squash(_MARKUP.sub("", line)) for line in text.splitlines()]
        lines = [line for line in lines if line]
        found: dict[str, str] = {}
        labels = self.tenant.labels
        for index, line in enumerate(lines):
            match = self._label.match(line)
            if not match:
                continue
            label = match["label"].lower()
            value = match["value"].strip()
            if value and not match["colon"] and " " not in label:
                continue  # "Grade levels vary..." is prose, not the label "Grade"
            if not value:
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if not following or self._label.match(following):
                    continue  # a label left empty ("Residential location")
                value = following
            name = labels[label]
            if name == "deadline" and not self._date(value):
                continue  # "Deadline for applications is strict" is prose
            found.setdefault(name, value)
        return found

    def _parse_path(self, info: dict[str, Any], url: str) -> str | None:
        """The posting's path from `externalUrl` (`.../<site>/job/...`), else from the URL
        fetched (a saved page, read without its listing entry)."""
        for address in (squash(info.get(EXTERNAL_URL)), urlsplit(url).path):
            match = _POSTING_PATH.search(urlsplit(address).path)
            if match:
                return match.group(1)
        return None

    def _parse_grade(self, grade: str | None) -> str | None:
        """The grade in the archive's one spelling ("G-5"), else as the site writes it ("PR2")."""
        return normalize_grade(grade) or squash(grade) or None

    def _parse_organization(self, data: dict[str, Any]) -> str | None:
        """The hiring organization Workday names, else the source's own."""
        hiring = data.get(HIRING)
        name = squash(hiring.get("name")) if isinstance(hiring, dict) else ""
        return name or self.facts.organization

    def _parse_country(self, info: dict[str, Any]) -> str | None:
        """The country of the duty station."""
        country = info.get(COUNTRY) or (info.get("jobRequisitionLocation") or {}).get(COUNTRY)
        return squash((country or {}).get("descriptor")) or None

    def _parse_closing(self, info: dict[str, Any], labels: dict[str, str]) -> str | None:
        """The description's deadline; Workday's endDate (often a day late) only without it."""
        return self._date(labels.get("deadline")) or self._date(info.get(END))

    def _parse_extra(self, info: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
        """Workday IDs and the labelled fields; never the relative, daily-changing texts."""
        additional = info.get("additionalLocations")
        extra: dict[str, Any] = {
            "workday_id": info.get("id"),
            "job_posting_id": info.get("jobPostingId"),
            "time_type": info.get("timeType"),
            "remote_type": info.get("remoteType"),
            "additional_locations": [squash(str(place)) for place in additional]
            if isinstance(additional, list)
            else None,
            "end_date": self._date(info.get(END)),
            "grade_raw": labels.get("grade"),
            "hardship_level": labels.get("hardship_level"),
            "family_type": labels.get("family_type"),
            "residential_location": labels.get("residential_location"),
            "reason": labels.get("reason"),
            "remote_work_accepted": labels.get("remote_work_accepted"),
            "target_start_date": self._date(labels.get("target_start_date"))
            or labels.get("target_start_date"),
        }
        return {k: v for k, v in extra.items() if v}

    def _date(self, value: Any) -> str | None:
        """A date as Workday tenants write it ("October 13, 2024", "2024-11-01", "11 octobre
        2026") in ISO form."""
        if not isinstance(value, str) or not value.strip():
            return None
        return parse_date(value, day_first=self.facts.day_first, tz=self.facts.tz)


def tenant_spider(config: SourceConfig) -> type[WorkdaySpider]:
    """The spider of a `kind = "workday"` source of a sources file."""
    labels = with_labels(DESCRIPTION_LABELS, config, _FIELD_LABEL)
    attrs = class_attrs(
        config,
        f"Workday tenant {config.platform['tenant']}, site {config.platform['site']}",
        __name__,
        tenant=WorkdayTenant(
            config.platform["tenant"],
            config.platform["site"],
            labels,
            public=public_path(
                config.platform["host"], config.platform["tenant"], config.platform["site"]
            ),
        ),
        facts=workday_facts(
            organization=config.organization,
            hosts=config.allowed_hosts,
            day_first=config.day_first,
            tz=config.timezone,
        ),
    )
    return type(class_name(config.name), (FromConfig, WorkdaySpider), attrs)
