"""Grades and levels, one spelling each, out of however a site labels them.

``normalize_grade`` turns a grade field's value into the one spelling each grade family
uses in UN documents, so that "P3", "P-3" and "Mid level - P-3, International
Professional - ..." are the same grade in the archive:

============================  =====================  ==================================
family                        written as             examples read
============================  =====================  ==================================
Professional / Director       ``P-3``, ``D-1``       "P3", "P 3", "Junior level - P-2, ..."
Under/Assistant SG            ``USG``, ``ASG``
General Service               ``G-6``                "GS6", "GS-6", "G6", "G-6"
National Officer              ``NO-1``, ``NO-B``     "NO-1", "NOB", "NO B"
Field Service                 ``FS-5``
Service contract (UNDP/UN)    ``SB-3``, ``SC-5``
UNDP personnel service        ``IPSA-9``, ``NPSA-8`` "IPSA 9"
UNOPS contractor levels       ``LICA 4``, ``IICA 3`` "LICA4", "UNOPS LICA4", "LICA-4"
UNOPS contract level          ``ICS 11 (IICA 3)``    "ICS-11 (IICA-3)", "ICS 11"
Consultancy / internship      ``Consultancy``,       "Consultant", "Internship - ..."
                              ``Internship``
============================  =====================  ==================================

UNOPS and UNDP spell their contractor levels differently (space vs hyphen); each keeps
its own convention so the value matches what the agency's documents say. A value with
no grade in it gives None (logged at debug level): the raw text belongs in ``extra``.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

__all__ = ["normalize_grade"]

_SEP = r"\s*[-‐–]?\s*"  # "P-3", "P 3", "P3", "P–3"

# Tried in order; the first match anywhere in the value wins, so the most specific
# families (ICS with its IICA equivalent) come before their parts.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\bICS{_SEP}(\d{{1,2}})\s*\(\s*IICA{_SEP}(\d)\s*\)", re.I), "ICS {0} (IICA {1})"),
    (re.compile(rf"\bICS{_SEP}(\d{{1,2}})\b", re.I), "ICS {0}"),
    (re.compile(rf"\b(LICA|IICA){_SEP}(\d{{1,2}})\b", re.I), "{0} {1}"),
    (re.compile(rf"\b(IPSA|NPSA){_SEP}(\d{{1,2}})\b", re.I), "{0}-{1}"),
    (re.compile(r"\b(?:USG|ASG)\b"), "{m}"),
    (re.compile(rf"\bNO{_SEP}([1-5A-E])\b"), "NO-{0}"),
    (re.compile(rf"\bG\.?S?{_SEP}([1-7])\b"), "G-{0}"),
    (re.compile(rf"\b(P|D|FS|SB|SC){_SEP}(\d{{1,2}})\b"), "{0}-{1}"),
]
_CONSULTANCY = re.compile(r"\bconsult(ant|ancy)\b", re.I)
_INTERNSHIP = re.compile(r"\bintern(ship)?\b", re.I)


def normalize_grade(text: str | None) -> str | None:
    """The grade in a grade/level field's value, in its family's one spelling, or None.

    >>> normalize_grade("Junior level - P-2, International Professional - Internationally ...")
    'P-2'
    >>> normalize_grade("Position Grade: LICA 4")
    'LICA 4'
    >>> normalize_grade("GS6")
    'G-6'

    Give it the value of a field that holds a grade, not free text: "3 years with a P2
    and NOB" in a requirements paragraph would be read as P-2.
    """
    if not text:
        return None
    value = " ".join(text.split())
    for pattern, template in _PATTERNS:
        m = pattern.search(value)
        if m:
            groups = [g.upper() for g in m.groups()]
            return template.format(*groups, m=m[0].upper())
    if _CONSULTANCY.search(value):
        return "Consultancy"
    if _INTERNSHIP.search(value):
        return "Internship"
    log.debug("no grade in %r", text)
    return None
