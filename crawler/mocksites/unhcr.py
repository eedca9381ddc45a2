"""Mock of UNHCR careers: the Workday tenant unhcr, site External, alone on the Workday
mock (crawler/mocksites/workday.py)."""

from __future__ import annotations

from .content import unhcr_postings
from .postings import MockPosting
from .workday import (
    TENANT_PATH,
    UNHCR,
    MockTenant,
    WorkdaySite,
    external_path,
    requisition_id,
    varied,
)

__all__ = ["TENANT_PATH", "UnhcrSite", "external_path", "requisition_id"]


class UnhcrSite(WorkdaySite):
    """unhcr.wd3.myworkdayjobs.com: the Workday CXS listing and detail API."""

    name = "unhcr"
    description = "UNHCR careers on Workday (unhcr.wd3.myworkdayjobs.com)"

    def default_tenant(self) -> MockTenant:
        return UNHCR

    def default_postings(self) -> list[MockPosting]:
        return varied(unhcr_postings())
