"""One sources-file tenant of each platform, each on a mock site of its own, for the
tests that hold every source to the same guarantees (tests/test_fault_matrix.py).

Each tenant is one no built-in source knows, served by its platform's mock
(crawler/mocksites/<platform>.py) under the tenant's source name, with enough postings
for every fault mode to hit one of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from crawler.mocksites.server import MockSite

POSTINGS = 14  # the fault matrix hits 12 postings of every source


@dataclass(frozen=True)
class PlatformTenant:
    name: str  # the source name, and the mock's
    kind: str
    #: The tenant's table of a sources file (with `base_url` where the kind takes one).
    table: str
    make_site: Callable[[], MockSite]
    #: The path of the tenant on its mock, after the mock's address ("" when the mock
    #: tells tenants apart by a parameter of their own, as Workday's and Oracle's do).
    prefix: str = ""

    def site(self) -> MockSite:
        site = self.make_site()
        site.name = self.name  # type: ignore[misc]
        return site


def _workday() -> MockSite:
    from crawler.mocksites.content import unhcr_postings
    from crawler.mocksites.workday import OTHER_TENANTS, WorkdaySite

    postings = [
        dataclasses.replace(p, key=f"R-{40000 + n:05d}", organization="World Health Agency")
        for n, p in enumerate(unhcr_postings(POSTINGS))
    ]
    return WorkdaySite(tenants={OTHER_TENANTS[0]: postings})


def _oracle() -> MockSite:
    from crawler.mocksites.oracle import OTHER_SITES, OracleSite
    from crawler.mocksites.undp import undp_postings

    site = OTHER_SITES[0]
    postings = [
        dataclasses.replace(
            p,
            key=str(70000 + 7 * n),
            organization="Gender Equality Entity",
            timezone=site.deadline_zone,
            fields={},
        )  # fmt: skip
        for n, p in enumerate(undp_postings(POSTINGS))
    ]
    return OracleSite(sites={site: postings})


def _pageup() -> MockSite:
    from crawler.mocksites.pageup import OTHER_TENANTS, PageUpSite, several_tenants

    # A site of its own host, served under a path of the mock; two listing pages.
    tenant = OTHER_TENANTS[0]
    whole = several_tenants(25)
    mine = [whole.get(k) for k, t in whole.tenant_of.items() if t == tenant]
    return PageUpSite(tenants={tenant: mine})


def _avature() -> MockSite:
    from crawler.mocksites.avature import OTHER_PORTALS, AvatureSite, several_portals

    # The portal of five postings a page, with the language before its path.
    portal = OTHER_PORTALS[1]
    whole = several_portals(POSTINGS)
    mine = [whole.get(k) for k, p in whole.portal_of.items() if p == portal]
    return AvatureSite(portals={portal: mine})


TENANTS: tuple[PlatformTenant, ...] = (
    PlatformTenant(
        "tenant_workday",
        "workday",
        '[sources.tenant_workday]\nkind = "workday"\n'
        'host = "worldhealth.wd3.myworkdayjobs.com"\ntenant = "worldhealth"\n'
        'site = "WHO_Careers"\ndate_order = "day-first"\n',
        _workday,
    ),
    PlatformTenant(
        "tenant_oracle",
        "oracle",
        '[sources.tenant_oracle]\nkind = "oracle"\nhost = "estm.fa.em2.oraclecloud.com"\n'
        'site_number = "CX_1001"\ntimezone = "America/New_York"\n'
        '[sources.tenant_oracle.labels]\n"Hiring Agency" = "organization"\n',
        _oracle,
    ),
    PlatformTenant(
        "tenant_pageup",
        "pageup",
        '[sources.tenant_pageup]\nkind = "pageup"\nbase_url = "https://jobs.refugeerelief.example"\n'
        'listing = "/en-gb/listing/"\norganization = "Refugee Relief Council"\n'
        'date_order = "day-first"\n',
        _pageup,
        prefix="/refugee-relief",
    ),
    PlatformTenant(
        "tenant_avature",
        "avature",
        '[sources.tenant_avature]\nkind = "avature"\nbase_url = "https://humanitarian.avature.net"\n'
        'portal = "/en_US/careers"\norganization = "Global Water Alliance"\n'
        'date_order = "day-first"\n[sources.tenant_avature.labels]\n"Workplace" = "location"\n'
        '"Seniority Level" = "grade"\n"Job Reference" = "job_number"\n'
        '"Engagement" = "contract_type"\n"Applications Close" = "closing_date"\n',
        _avature,
    ),
)
NAMES = tuple(t.name for t in TENANTS)


def tenant_sources() -> str:
    """The sources-file tables of every tenant."""
    return "\n".join(t.table for t in TENANTS)
