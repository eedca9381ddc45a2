# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of UNOPS careers: the Avature portal `/careersmarketplace` of careers.unops.org,
alone on the Avature mock (crawler/mocksites/avature.py).

Built to UNOPS's own SearchJobs page, which tests read beside the mock. What is UNOPS's
own: its postings (below), its menu and footer, the labels of its three job page
templates (`avature.UNOPS_FIELDS`), its results' spans (`list-item-Duty Station`,
`list-item-Seniority Level`, `list-item-posted`), at most 6 results a page, dates
DD-Mon-YYYY ("14-May-2026"), and JSON-LD that names no hiring organization.
"""

# The posting texts keep each paragraph on one line, as the sites' HTML does.

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .avature import AvatureSite, MockPortal, avature_slug, seniority
from .avature import detail_path as portal_detail_path
from .avature import template as portal_template
from .content import ANCHOR, STATIONS
from .postings import MockPosting

__all__ = [
    "PER_PAGE",
    "PUBLIC_HOST",
    "ROOT",
    "UNOPS",
    "UnopsSite",
    "avature_slug",
    "detail_path",
    "seniority",
    "template",
    "unops_date",
    "unops_postings",
]

ROOT = "/careersmarketplace"
PER_PAGE = 6
PUBLIC_HOST = "https://careers.unops.org"

MENU = [
    ("Open Positions", "SearchJobs"),
    ("How To Apply", "https://drive.google.com/file/d/how-to-apply/view"),
    ("What We Offer", "https://docs.google.com/presentation/d/what-we-offer/edit"),
]
FOOTER = [
    ("Terms and Conditions", "https://www.unops.org/terms-of-use"),
    ("Stay Up to Date", "https://unops.org"),
    ("Privacy Policy", "https://www.unops.org/privacy"),
    ("Subscribe to our Newsletter", "https://www.unops.org/welcome"),
    ("FAQ", "https://docs.google.com/document/d/unops-faq/edit"),
]

# ---------------------------------------------------------------------------------------
# Content: UNOPS's standard blocks, as every UNOPS vacancy repeats them.
# ---------------------------------------------------------------------------------------

UNOPS_BACKGROUND = """UNOPS is a United Nations organization that helps the UN, governments and other partners to manage projects and deliver practical solutions to humanitarian, development and peace challenges. Our mission is to help people build better lives and countries achieve peace and sustainable development.

Working with us: UNOPS offers short- and long-term work opportunities in diverse and challenging environments across the globe. We are looking for creative, results-focused professionals with skills in a range of disciplines.

Diversity: With over 4,000 UNOPS personnel and approximately 7,000 personnel recruited on behalf of UNOPS partners spread across 80 countries, our workforce represents a wide range of nationalities and cultures. We promote a balanced, diverse workforce — a strength that helps us better understand and address our partners’ needs, and continually strive to improve our gender parity.

Work life harmonization: UNOPS values its people and recognizes the importance of balancing professional and personal demands. We have a progressive policy on flexible working arrangements, enabling personnel to better balance their work and private life."""

UNOPS_CONSIDERATIONS = """• Please note that the closing date is midnight Copenhagen time.
• Applications received after the closing date will not be considered.
• Only those candidates that are short-listed for interviews will be notified.
• Qualified female candidates are strongly encouraged to apply.
• UNOPS does not charge a fee at any stage of its recruitment process. UNOPS does not concern itself with information on applicants’ bank accounts.
• The incumbent is responsible to abide by security policies, administrative instructions, plans and procedures of the UN Security Management System and that of UNOPS.

It is the policy of UNOPS to conduct background checks on all potential recruits/interns. Recruitment/internship in UNOPS is contingent on the results of such checks."""


@dataclass(frozen=True)
class UnopsRole:
    title: str
    contract_type: str
    level: str  # as the "Contract level" field writes it
    category: str
    duration: str
    summary: str
    duties: tuple[str, ...]
    education: str
    years: str


UNOPS_ROLES = [
    UnopsRole(
        "Project Manager",
        "International ICA",
        "ICS 11 (IICA 3)",
        "Project Management",
        "Open-ended, subject to satisfactory performance and funding availability",
        "The project rehabilitates health facilities and water systems with funding from "
        "the World Bank.",
        (
            "Lead the planning and delivery of the project within scope, time and budget.",
            "Manage the project team and the relations with the partner and donors.",
            "Report on progress, risks and lessons learned.",
        ),
        "Advanced university degree in project management, engineering or business.",
        "7 years",
    ),
    UnopsRole(
        "Procurement Officer",
        "International ICA",
        "ICS-10 (IICA-2)",
        "Procurement",
        "1 year, renewable subject to satisfactory performance and funding availability",
        "The office buys goods, works and services for partners' projects worth over 50 "
        "million dollars a year.",
        (
            "Prepare and run competitive tenders under UNOPS procurement rules.",
            "Evaluate bids and draft contract award recommendations.",
            "Manage contracts and supplier performance.",
        ),
        "Advanced university degree in procurement, supply chain or business.",
        "5 years",
    ),
    UnopsRole(
        "Civil Engineer",
        "Local ICA Specialist",
        "LICA 9",
        "Engineering",
        "1 year, renewable",
        "The infrastructure portfolio covers schools, roads and flood defences.",
        (
            "Review designs, bills of quantities and technical specifications.",
            "Supervise contractors on site and certify works.",
            "Apply UNOPS health, safety and environmental standards.",
        ),
        "Bachelor's degree in civil engineering.",
        "4 years",
    ),
    UnopsRole(
        "Finance Assistant",
        "Local ICA Support",
        "LICA 5",
        "Finance",
        "6 months, renewable",
        "The office manages grants and project budgets for several partners.",
        (
            "Process payments and record transactions in oneUNOPS.",
            "Reconcile accounts and prepare financial reports.",
            "Support audits and the closure of projects.",
        ),
        "Secondary education; a bachelor's degree in finance is an asset.",
        "3 years",
    ),
    UnopsRole(
        "Senior Portfolio Manager",
        "Fixed-term staff",
        "P-5",
        "Project Management",
        "2 years, renewable",
        "The multi-country office manages a portfolio of health, infrastructure and "
        "procurement projects.",
        (
            "Lead a portfolio of projects and the teams that deliver them.",
            "Develop new partnerships and business opportunities.",
            "Ensure quality, risk management and compliance across the portfolio.",
        ),
        "Advanced university degree in business, engineering or public administration.",
        "10 years",
    ),
    UnopsRole(
        "Health Programme Specialist",
        "International ICA",
        "ICS 11 (IICA 3)",
        "Health",
        "1 year, renewable",
        "UNOPS manages a health fund that supports maternal and child health services.",
        (
            "Provide technical advice on the fund's health programmes.",
            "Monitor grantees and verify results in the field.",
            "Coordinate with the ministry of health and UN agencies.",
        ),
        "Advanced university degree in public health or medicine.",
        "7 years",
    ),
    UnopsRole(
        "Logistics Associate",
        "Local ICA Support",
        "LICA 6",
        "Logistics",
        "1 year, renewable",
        "The office ships medical supplies and equipment for partner programmes.",
        (
            "Organize transport, customs clearance and warehousing.",
            "Track shipments and keep inventory records accurate.",
            "Coordinate with suppliers and freight forwarders.",
        ),
        "Secondary education; training in logistics is an asset.",
        "4 years",
    ),
    UnopsRole(
        "Grants Officer",
        "International ICA",
        "ICS-10 (IICA-2)",
        "Grant management",
        "1 year, renewable",
        "UNOPS is the fund manager of a multi-donor trust fund.",
        (
            "Manage the grant cycle from calls for proposals to closure.",
            "Review grantee reports and financial statements.",
            "Advise grantees on compliance with donor rules.",
        ),
        "Advanced university degree in development, finance or law.",
        "5 years",
    ),
]

UNOPS_STATIONS = [
    "Nairobi",
    "Kabul",
    "Dhaka",
    "Amman",
    "Addis Ababa",
    "Bogota",
    "Panama City",
    "Kathmandu",
    "Dakar",
    "Beirut",
    "Kampala",
    "Geneva",
    "Suva",
]
_STATION = {s.city: s for s in STATIONS}
_REGION = {
    "Kenya": ("AFR", "KEMCO"),
    "Afghanistan": ("ASR", "AFMCO"),
    "Bangladesh": ("ASR", "BDOC"),
    "Jordan": ("MEO", "JOMCO"),
    "Ethiopia": ("AFR", "ETOC"),
    "Colombia": ("LCR", "COMCO"),
    "Panama": ("LCR", "PAMCO"),
    "Nepal": ("ASR", "NPOC"),
    "Senegal": ("AFR", "SNMCO"),
    "Lebanon": ("MEO", "LBOC"),
    "Uganda": ("AFR", "UGOC"),
    "Switzerland": ("GVA", "GPO"),
    "Fiji": ("ASR", "PMCO"),
}


def unops_postings(count: int = 40) -> list[MockPosting]:
    """`count` postings across roles and duty stations, newest first."""
    postings = []
    for n in range(count):
        role = UNOPS_ROLES[n % len(UNOPS_ROLES)]
        station = _STATION[UNOPS_STATIONS[(n * 3) % len(UNOPS_STATIONS)]]
        key = str(31245 + n * 19)
        region, office = _REGION.get(station.country, ("AFR", "XXOC"))
        posted = ANCHOR - timedelta(days=n // 2)
        duties = "\n".join(f"• {d}" for d in role.duties)
        postings.append(
            MockPosting(
                key=key,
                title=role.title,
                organization="UNOPS",
                duty_station=station.city,
                country=station.country,
                grade=role.level,
                contract_type=role.contract_type,
                posted_date=posted,
                closing_date=posted + timedelta(days=14),
                categories=(role.category,),
                timezone="Europe/Copenhagen",
                fields={
                    "Vacancy code": f"VA/2026/B{5100 + n % 20}/{key}",
                    "Department/office": f"{region}, {office}, {station.country}",
                    "Duration": role.duration,
                },
                sections=(
                    ("Background Information - UNOPS", UNOPS_BACKGROUND),
                    (
                        "Background Information - Job-specific",
                        f"{role.summary} The {role.title} is based in {station.city}, "
                        f"{station.country}, and reports to the Head of Programme.",
                    ),
                    ("Functional Responsibilities", duties),
                    (
                        "Education/Experience/Language requirements",
                        f"Education:\n\n• {role.education}\n\nExperience:\n\n• A minimum of "
                        f"{role.years} of relevant experience is required.\n\nLanguage:\n\n"
                        "• Fluency in English is required.",
                    ),
                    (
                        "Contract type, level and duration",
                        f"Contract type: {role.contract_type}\nContract level: {role.level}\n"
                        f"Contract duration: {role.duration}\n\nFor more details about the ICA "
                        "contractual modality, please follow this link.",
                    ),
                    ("Additional Considerations", UNOPS_CONSIDERATIONS),
                ),
            )
        )
    return postings


# Titles in the language a posting was first written in: Avature makes the URL slug
# from it, so the slug of a posting shown in English may be French or Spanish.
FIRST_TITLES = {
    "Project Manager": "Chef(fe) de projet",
    "Procurement Officer": "Chargé(e) des achats",
    "Finance Assistant": "Asistente de Finanzas",
    "Logistics Associate": "Associé(e) en logistique",
}

UNOPS = MockPortal(
    ROOT,
    PUBLIC_HOST,
    site_name="UNOPS",
    portal_name="Careers Marketplace",
    portal_id=13,
    per_page=PER_PAGE,
    first_titles=FIRST_TITLES,
    menu=tuple(MENU),
    footer=tuple(FOOTER),
    social=(
        ("Facebook", "https://www.facebook.com/unops.official", "facebook.svg"),
        ("X", "https://x.com/UNOPS", "x--logo.svg"),
        ("Linkedin", "https://www.linkedin.com/company/unops", "linkedin.svg"),
    ),
    filters=(
        (3533, "Seniority Level", "seniority"),
        (4612, "Country", "country"),
        (914, "Duty Station", "location"),
        (911, "Position Area", "categories"),
    ),
    sorts=(
        ("Position Title", "schemaField_3_85_3"),
        ("ICS Level", "schemaField_3_173_3"),
        ("Posting End Date", "schemaField_3_131_3"),
    ),
)


def detail_path(posting: MockPosting) -> str:
    """`/careersmarketplace/JobDetail/<Slug>/<id>`; some slugs are the first title's."""
    return portal_detail_path(posting, UNOPS)


def template(posting: MockPosting) -> str:
    """Which job page template the posting is shown with: "current", "legacy", "bare"."""
    return portal_template(posting, UNOPS)


def unops_date(day: date) -> str:
    """UNOPS's DD-Mon-YYYY, e.g. 14-May-2026."""
    return f"{day:%d-%b-%Y}"


class UnopsSite(AvatureSite):
    """careers.unops.org: Avature listing and job detail pages."""

    name = "unops"
    description = "UNOPS careers on Avature (careers.unops.org/careersmarketplace)"

    def default_portal(self) -> MockPortal:
        return UNOPS

    def default_postings(self) -> list[MockPosting]:
        return unops_postings()
