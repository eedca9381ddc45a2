"""UNHCR careers: the Workday CXS JSON API of tenant `unhcr`, site `External`; SOURCES.md §1.

Listing: `POST /wday/cxs/unhcr/External/jobs`, 20 postings a page (Workday answers 400
above 20); `total` is only right on the first page, so the spider keeps that one.
Detail: `GET /wday/cxs/unhcr/External/job/...` JSON.

Dates: the closing date is the "Deadline for Applications" written in the description,
because Workday's `endDate` is usually the day after it; `endDate` is the fallback and
is kept in `extra`. The posted date is `startDate`. The relative "Posted N Days Ago"
and "N days left to apply" change daily and are never stored.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import JsonRequest, Response

from crawler.dates import parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.items import JobPosting
from spiders.base import JobSpider, squash

API = "/wday/cxs/unhcr/External"
PAGE_SIZE = 20  # Workday's maximum `limit`

# The labelled fields at the top of a UNHCR job description, as the description writes
# them (a parenthetical such as "(not applicable for home-based)" may follow the label).
DESCRIPTION_LABELS = {
    "Hardship Level": "hardship_level",
    "Family Type": "family_type",
    "Residential location": "residential_location",
    "Grade": "grade",
    "Staff Member / Affiliate Type": "affiliate_type",
    "Reason": "reason",
    "Remote work accepted": "remote_work_accepted",
    "Target Start Date": "target_start_date",
    "Deadline for Applications": "deadline",
    "Job Posting End Date": "deadline",
}
_LABEL = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in DESCRIPTION_LABELS) + r")"
    r"(?:\s*\([^)]*\))?\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_JR_ID = re.compile(r"_(JR[\w-]+)$")


class UnhcrSpider(JobSpider):
    name = "unhcr"
    default_base_url = "https://unhcr.wd3.myworkdayjobs.com"
    kind = "Workday CXS JSON API"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(0, None)

    def listing_request(self, offset: int, total: int | None) -> JsonRequest:
        """A listing page POST at `offset`; `total` is the first page's count."""
        return JsonRequest(
            self.url(f"{API}/jobs"),
            data={"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": ""},
            headers={"Origin": self.base_url, "Referer": self.url("/en-US/External")},
            callback=self.parse,
            errback=self.listing_failed,
            cb_kwargs={"offset": offset, "total": total},
            dont_filter=True,
        )

    def parse(
        self, response: Response, offset: int = 0, total: int | None = None, **kwargs: Any
    ) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each posting's detail, then the next page or finish."""
        try:
            data = response.json()
        except ValueError:
            self.page_unusable("listing", response, "not JSON")
            return
        if total is None:  # only the first page's total is reliable
            total = int(data.get("total") or 0)
        postings = data.get("jobPostings") or []
        for listed in postings:
            path = listed.get("externalPath") or ""
            key = self._parse_listing_key(listed)
            if not key or not path:
                continue
            self.listed(key)
            bullets = listed.get("bulletFields") or []
            yield JsonRequest(
                self.url(API + path),
                callback=self.parse_job,
                errback=self.detail_failed,
                cb_kwargs={"key": key, "listed_grade": bullets[1] if len(bullets) > 1 else None},
            )
        next_offset = offset + PAGE_SIZE
        if next_offset >= total:
            self.listing_finished()
        elif postings:
            yield self.listing_request(next_offset, total)
        else:  # an empty page before `total` is reached: postings we never saw
            self.page_unusable("listing", response, f"empty page at offset {offset} of {total}")

    def parse_job(
        self, response: Response, key: str, listed_grade: str | None = None
    ) -> Iterator[JobPosting]:
        """Build the posting from a detail JSON."""
        try:
            data = response.json()
        except ValueError:
            data = {}
        info = data.get("jobPostingInfo") if isinstance(data, dict) else None
        if not info:
            self.page_unusable("detail", response, "no jobPostingInfo")
            return
        description = info.get("jobDescription") or ""
        labels = self._parse_labels(description)
        yield self.posting(
            response,
            key,
            title=squash(info.get("title")) or None,
            organization=self._parse_organization(data),
            location=squash(info.get("location")) or None,
            country=self._parse_country(info),
            grade=self._parse_grade(labels.get("grade") or listed_grade),
            contract_type=labels.get("affiliate_type") or info.get("timeType") or None,
            job_number=info.get("jobReqId") or key,
            posted_date=_iso(info.get("startDate")),
            closing_date=self._parse_closing(info, labels),
            status="open" if info.get("canApply", True) else "closed",
            categories=[],
            text=fragment_text(description) if description else "",
            extra=self._parse_extra(info, labels),
        )

    def _parse_listing_key(self, listed: dict[str, Any]) -> str | None:
        """The requisition ID: bulletFields[0], else the end of externalPath."""
        bullets = listed.get("bulletFields") or []
        if bullets and str(bullets[0]).startswith("JR"):
            return str(bullets[0])
        match = _JR_ID.search(listed.get("externalPath") or "")
        return match.group(1) if match else None

    def _parse_labels(self, description: str) -> dict[str, str]:
        """The labelled fields at the top of the description, by `DESCRIPTION_LABELS` name."""
        if not description:
            return {}
        blocks = Selector(text=description).xpath(
            "//p | //li | //h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //div[not(p|div|ul|ol|table)]"
        )
        lines = [line for line in (squash(b.xpath("string()").get()) for b in blocks) if line]
        found: dict[str, str] = {}
        i = 0
        while i < len(lines):
            match = _LABEL.match(lines[i])
            if not match:
                break  # the labelled block is over; the rest is the terms of reference
            name = DESCRIPTION_LABELS[
                next(k for k in DESCRIPTION_LABELS if k.lower() == match["label"].lower())
            ]
            value = match["value"]
            if not value and i + 1 < len(lines) and not _LABEL.match(lines[i + 1]):
                value = lines[i + 1]
                i += 1
            found.setdefault(name, value)
            i += 1
        return found

    def _parse_grade(self, grade: str | None) -> str | None:
        """The grade in the archive's one spelling ("G-5"), else as UNHCR writes it ("PR2")."""
        return normalize_grade(grade) or squash(grade) or None

    def _parse_organization(self, data: dict[str, Any]) -> str:
        """The hiring organization Workday names, else UNHCR."""
        return squash((data.get("hiringOrganization") or {}).get("name")) or "UNHCR"

    def _parse_country(self, info: dict[str, Any]) -> str | None:
        """The country of the duty station."""
        country = info.get("country") or (info.get("jobRequisitionLocation") or {}).get("country")
        return squash((country or {}).get("descriptor")) or None

    def _parse_closing(self, info: dict[str, Any], labels: dict[str, str]) -> str | None:
        """The description's deadline; Workday's endDate (often a day late) only without it."""
        return _iso(labels.get("deadline")) or _iso(info.get("endDate"))

    def _parse_extra(self, info: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
        """Workday IDs and UNHCR's labelled fields; never the relative, daily-changing texts."""
        extra: dict[str, Any] = {
            "workday_id": info.get("id"),
            "job_posting_id": info.get("jobPostingId"),
            "public_url": info.get("externalUrl"),
            "time_type": info.get("timeType"),
            "end_date": _iso(info.get("endDate")),
            "grade_raw": labels.get("grade"),
            "hardship_level": labels.get("hardship_level"),
            "family_type": labels.get("family_type"),
            "residential_location": labels.get("residential_location"),
            "reason": labels.get("reason"),
            "remote_work_accepted": labels.get("remote_work_accepted"),
            "target_start_date": _iso(labels.get("target_start_date"))
            or labels.get("target_start_date"),
        }
        return {k: v for k, v in extra.items() if v}


def _iso(value: str | None) -> str | None:
    """A date as UNHCR writes it ("October 13, 2024", "2024-11-01") in ISO form."""
    return parse_date(value, day_first=None) if value else None
