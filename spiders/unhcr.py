"""UNHCR careers: the Workday tenant `unhcr`, site `External` (spiders/workday.py).

What is UNHCR's own: its host, that deadlines are Geneva time, that its listing shows
the grade in bulletFields[1], and the labels of its descriptions (the usual UN ones).
"""

from __future__ import annotations

import dataclasses

from spiders.workday import (
    BULLETS,
    DESCRIPTION,
    DETAIL_KEYS,
    END,
    INFO,
    INFO_KEYS,
    LISTED_KEYS,
    LISTING_KEYS,
    PATH,
    POSTINGS,
    TOTAL,
    WorkdaySpider,
    WorkdayTenant,
    workday_facts,
)

__all__ = [
    "BULLETS",
    "DETAIL_KEYS",
    "INFO",
    "INFO_KEYS",
    "LISTED_KEYS",
    "LISTING_KEYS",
    "PATH",
    "POSTINGS",
    "TOTAL",
    "UnhcrSpider",
]

_FACTS = workday_facts(organization="UNHCR", hosts=("unhcr.org",), tz="Europe/Zurich")
_EXPECTED = {
    "title": f"{INFO}.title",
    "text": f"{INFO}.{DESCRIPTION}",
    "location": f"{INFO}.location",
    "country": f"{INFO}.country.descriptor",
    "posted_date": f"{INFO}.startDate",
    "grade": f"{INFO}.{DESCRIPTION} 'Grade'",
    "closing_date": f"{INFO}.{DESCRIPTION} 'Deadline for Applications', else {END}",
}


class UnhcrSpider(WorkdaySpider):
    name = "unhcr"
    default_base_url = "https://unhcr.wd3.myworkdayjobs.com"
    tenant = WorkdayTenant("unhcr", "External", grade_in_bullets=True)
    facts = dataclasses.replace(_FACTS, expected=_EXPECTED)
