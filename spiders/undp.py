"""UNDP careers: the career site CX_1 of the Oracle Recruiting Cloud host
estm.fa.em2.oraclecloud.com (spiders/oracle.py).

What is UNDP's own: its host and site number (`CX_1`), the
settings a deployment may override them with (`UNDP_SITE_NUMBER`, `UNDP_PAGE_SIZE`,
`UNDP_TIME_ZONE`, besides the spider arguments `site_number` and `limit`), that its
deadlines are New York time (23:59, so the UTC date of `ExternalPostedEndDate` is a day
late), that every posting has a closing date, and that the tenant hires for UN Women,
UNV and OCHA too, named by the flex field "Agency" (one of the usual prompts), else UNDP.
"""

from __future__ import annotations

import dataclasses

from spiders.oracle import (
    DETAIL_KEYS,
    MAX_PAGE_SIZE,
    REQUIRED_DETAIL_KEYS,
    ROW_ID,
    SEARCH_KEYS,
    OracleSpider,
    OracleTenant,
    oracle_facts,
)

__all__ = [
    "DETAIL_KEYS",
    "MAX_PAGE_SIZE",
    "REQUIRED_DETAIL_KEYS",
    "ROW_ID",
    "SEARCH_KEYS",
    "UndpSpider",
]

DEFAULT_SITE_NUMBER = "CX_1"
DEFAULT_TIME_ZONE = "America/New_York"

_FACTS = oracle_facts(
    organization="UNDP", hosts=("undp.org",), day_first=True, tz=DEFAULT_TIME_ZONE
)
_EXPECTED = {
    "title": "items[0].Title",
    "text": "items[0].ExternalDescriptionStr",
    "closing_date": "items[0].ExternalPostedEndDate",
}


class UndpSpider(OracleSpider):
    name = "undp"
    default_base_url = "https://estm.fa.em2.oraclecloud.com"
    tenant = OracleTenant(DEFAULT_SITE_NUMBER)
    settings_prefix = "UNDP"
    facts = dataclasses.replace(_FACTS, expected=_EXPECTED)
