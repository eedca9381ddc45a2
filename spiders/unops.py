"""UNOPS careers: careers.unops.org, the Avature portal `/careersmarketplace`
(spiders/avature.py).

What is UNOPS's own: its host and portal, that its deadlines are midnight Copenhagen
time (plain dates), that its dates are day first ("14-May-2026", numeric ones too), that
its hiring organization is always UNOPS (its JSON-LD names none), and that only UN
grades are grades: a "Contract level" that is none is kept in extra, as written.
"""

from __future__ import annotations

import dataclasses

from spiders.avature import (
    BANNER_TITLE,
    DETAIL_LINK,
    DETAILS,
    FIELD,
    FIELD_LABEL,
    FIELD_VALUE,
    LABELS,
    LEGEND,
    PAGE_SIZE,
    PARAGRAPH_FIELD,
    RESULT,
    RESULT_FIELDS,
    SECTION_HEADING,
    AvatureSpider,
    AvatureTenant,
    avature_facts,
)

__all__ = [
    "BANNER_TITLE",
    "DETAIL_LINK",
    "DETAILS",
    "FIELD",
    "FIELD_LABEL",
    "FIELD_VALUE",
    "LABELS",
    "LEGEND",
    "PAGE_SIZE",
    "PARAGRAPH_FIELD",
    "RESULT",
    "RESULT_FIELDS",
    "ROOT",
    "SECTION_HEADING",
    "UnopsSpider",
]

ROOT = "/careersmarketplace"

_FACTS = avature_facts(
    portal=ROOT,
    organization="UNOPS",
    hosts=("unops.org",),
    day_first=True,  # "14-May-2026"; numeric dates are day first too
    tz="Europe/Copenhagen",  # deadlines are midnight Copenhagen time
)
_EXPECTED = {
    "title": f"{BANNER_TITLE}, JSON-LD title, a Job Name field or og:title",
    "text": DETAILS,
    "location": "the Duty station field or the listing's list-item-Duty Station",
    "posted_date": "the Application period or the listing's list-item-posted",
    "closing_date": "the Application period, Deadline or Posting End Date field",
}


class UnopsSpider(AvatureSpider):
    name = "unops"
    default_base_url = "https://careers.unops.org"
    tenant = AvatureTenant(ROOT, grade_as_written=False)
    facts = dataclasses.replace(_FACTS, expected=_EXPECTED)
