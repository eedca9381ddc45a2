"""The career-site platforms a source can be an instance of, and what each needs.

Most UN-system organisations and large NGOs publish vacancies on a handful of hosted
platforms. A platform's spider reads any tenant of it given a few parameters (Workday:
host, tenant and site), so a user source is `kind = "workday"` and those parameters,
and the built-in sources unhcr, undp, unicef and unops are instances too. This module
only says what each platform needs, for reading and checking sources files
(crawler/userconfig.py) and for the docs; the spiders are spiders/workday.py,
spiders/oracle.py, spiders/pageup.py and spiders/avature.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PLATFORMS", "Param", "Platform"]

_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_PATH = re.compile(r"^/[A-Za-z0-9_./%-]*$")


@dataclass(frozen=True)
class Param:
    """One parameter of a platform source: a string key of its TOML table."""

    name: str
    help: str
    example: str
    shape: re.Pattern[str]
    default: str | None = None  # None: required

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class Platform:
    kind: str  # the `kind` of a source table
    title: str
    params: tuple[Param, ...]
    #: The parameter holding the site's host, from which the base URL is made; None
    #: when the source gives `base_url` itself.
    host_param: str | None
    builtin: str  # the built-in source that is an instance of it
    example: str  # a TOML table, for the docs and error messages

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)


def _host(example: str, help: str) -> Param:
    return Param("host", help, example, _HOST)


PLATFORMS: dict[str, Platform] = {
    p.kind: p
    for p in (
        Platform(
            kind="workday",
            title="Workday",
            params=(
                _host("unhcr.wd3.myworkdayjobs.com", "the career site's host"),
                Param("tenant", "the tenant, as in /wday/cxs/TENANT/SITE", "unhcr", _NAME),
                Param("site", "the career site, as in /wday/cxs/TENANT/SITE", "External", _NAME),
            ),
            host_param="host",
            builtin="unhcr",
            example=(
                '[sources.unhcr_again]\nkind = "workday"\nhost = "unhcr.wd3.myworkdayjobs.com"\n'
                'tenant = "unhcr"\nsite = "External"\norganization = "UNHCR"'
            ),
        ),
        Platform(
            kind="oracle",
            title="Oracle Recruiting Cloud",
            params=(
                _host("estm.fa.em2.oraclecloud.com", "the Oracle Cloud host"),
                Param(
                    "site_number",
                    "the career site's number, as in siteNumber=CX_1",
                    "CX_1",
                    # Most are CX_N, but a site may have a name (siteNumber=Honeywell).
                    _NAME,
                ),
            ),
            host_param="host",
            builtin="undp",
            example=(
                '[sources.undp_again]\nkind = "oracle"\nhost = "estm.fa.em2.oraclecloud.com"\n'
                'site_number = "CX_1"\norganization = "UNDP"'
            ),
        ),
        Platform(
            kind="pageup",
            title="PageUp",
            params=(
                Param(
                    "listing",
                    "the listing's path on base_url",
                    "/en-us/listing/",
                    _PATH,
                    default="/en-us/listing/",
                ),
            ),
            host_param=None,
            builtin="unicef",
            example=(
                '[sources.unicef_again]\nkind = "pageup"\nbase_url = "https://jobs.unicef.org"\n'
                'listing = "/en-us/listing/"\norganization = "UNICEF"'
            ),
        ),
        Platform(
            kind="avature",
            title="Avature",
            params=(
                Param(
                    "portal",
                    "the career portal's path on base_url, before /SearchJobs",
                    "/careersmarketplace",
                    _PATH,
                ),
            ),
            host_param=None,
            builtin="unops",
            example=(
                '[sources.unops_again]\nkind = "avature"\nbase_url = "https://careers.unops.org"\n'
                'portal = "/careersmarketplace"\norganization = "UNOPS"'
            ),
        ),
    )
}
