"""Mock of UNICEF careers: jobs.unicef.org (PageUp People account 671), alone on the
PageUp mock (crawler/mocksites/pageup.py)."""

from __future__ import annotations

from .content import unicef_postings
from .pageup import UNICEF, MockTenant, PageUpSite, job_path
from .postings import MockPosting

__all__ = ["UnicefSite", "job_path"]


class UnicefSite(PageUpSite):
    """jobs.unicef.org: PageUp listing HTML, job pages, the AJAX filter and RSS."""

    name = "unicef"
    description = "UNICEF careers on PageUp People (jobs.unicef.org)"

    def default_tenant(self) -> MockTenant:
        return UNICEF

    def default_postings(self) -> list[MockPosting]:
        return unicef_postings()
