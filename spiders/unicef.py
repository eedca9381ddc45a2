"""UNICEF careers: jobs.unicef.org, a PageUp People site (account 671; spiders/pageup.py).

What is UNICEF's own: its host, the listing at `/en-us/listing/`, numeric dates day
first, and that its "Location" is the country, the place being the "Duty Station"; its
labels are PageUp's usual ones. Every posting has a Level, a contract type and a
deadline, so their absence on most pages of a run is layout drift.
"""

from __future__ import annotations

import dataclasses

from spiders.pageup import (
    DESCRIPTION,
    FIELD_LABELS,
    JOB,
    JOB_LINK,
    LABELS_XPATH,
    LISTING_PATH,
    MORE_COUNT,
    MORE_LINK,
    PAGE_ITEMS,
    RESULTS,
    RESULTS_COPY,
    ROW_CLOSE,
    ROW_LOCATION,
    SUMMARY_ROW,
    TITLE,
    PageUpSpider,
    PageUpTenant,
    pageup_facts,
)

__all__ = [
    "DESCRIPTION",
    "FIELD_LABELS",
    "JOB",
    "JOB_LINK",
    "LABELS_XPATH",
    "LISTING_PATH",
    "MORE_COUNT",
    "MORE_LINK",
    "PAGE_ITEMS",
    "RESULTS",
    "RESULTS_COPY",
    "ROW_CLOSE",
    "ROW_LOCATION",
    "SUMMARY_ROW",
    "TITLE",
    "UnicefSpider",
]

_FACTS = pageup_facts(
    organization="UNICEF",
    hosts=("unicef.org",),
    label_overrides={"location": "country"},
)
_EXPECTED = {
    "title": f"{JOB} {TITLE}",
    "text": JOB,
    "job_number": "<b>Job no:</b>",
    "location": "<b>Duty Station:</b>",
    "country": "<b>Location:</b>",
    "grade": "<b>Level:</b>",
    "contract_type": "<b>Contract type:</b>",
    "posted_date": "<b>Advertised:</b> time",
    "closing_date": "<b>Deadline:</b> time",
}


class UnicefSpider(PageUpSpider):
    name = "unicef"
    default_base_url = "https://jobs.unicef.org"
    tenant = PageUpTenant(LISTING_PATH)
    facts = dataclasses.replace(_FACTS, expected=_EXPECTED)
