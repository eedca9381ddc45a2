"""Mock of UNDP careers: the career site CX_1 of the Oracle Recruiting Cloud host
estm.fa.em2.oraclecloud.com, alone on the Oracle mock (crawler/mocksites/oracle.py).

What is UNDP's own is the content: its standard blocks, the kinds of vacancy it
advertises, its duty stations. The tenant also posts for UN Women, UNV and OCHA, which
the flex field "Agency" names; deadlines are 23:59 New York time, so
`ExternalPostedEndDate` falls on the next UTC day.
"""

# The posting texts keep each paragraph on one line, as the sites' HTML does.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from .content import ANCHOR, STATIONS
from .oracle import API, UNDP, MockCareerSite, OracleSite, primary_location
from .postings import MockPosting

__all__ = ["API", "UndpSite", "primary_location", "undp_postings"]

DEADLINE_ZONE = UNDP.deadline_zone

# ---------------------------------------------------------------------------------------
# Content: UNDP's standard blocks, as every UNDP vacancy on Oracle repeats them.
# ---------------------------------------------------------------------------------------

UNDP_DIVERSITY = """Diversity, Equity and Inclusion are core principles at UNDP: we value diversity as an expression of the multiplicity of nations and cultures where we operate, we foster inclusion as a way of ensuring all personnel are empowered to contribute to our mission, and we ensure equity and fairness in all our actions. Taking a ‘leave no one behind’ approach to our diversity efforts means increasing representation of underserved populations. People who identify as belonging to marginalized or excluded populations are strongly encouraged to apply.

UNDP does not tolerate sexual exploitation and abuse, sexual harassment, and abuse of authority. All selected candidates will, therefore, undergo rigorous reference and background checks."""

UNDP_CORE_COMPETENCIES = """• Achieve Results: LEVEL 1: Plans and monitors own work, pays attention to details, delivers quality work by deadline
• Think Innovatively: LEVEL 1: Open to creative ideas/known risks, is pragmatic problem solver, makes improvements
• Learn Continuously: LEVEL 1: Open minded and curious, shares knowledge, learns from mistakes, asks for feedback
• Adapt with Agility: LEVEL 1: Adapts to change, is constructive, handles ambiguity/uncertainty, is flexible
• Act with Determination: LEVEL 1: Shows drive and motivation, able to deliver calmly in face of adversity, confident
• Engage and Partner: LEVEL 1: Demonstrates and encourages teamwork and co-creation, internally and externally, acts with empathy
• Enable Diversity and Inclusion: LEVEL 1: Appreciates benefits of diverse workforce and champions inclusivity"""

UNDP_DISCLAIMER = """Important applicant information

All posts in the NPSA categories are subject to local recruitment.

Applicant information about UNDP rosters

Note: UNDP reserves the right to select one or more candidates from this vacancy announcement. We may also retain applications and consider candidates applying to this post for other similar positions with UNDP at the same grade level and with similar job description, experience and educational requirements.

Non-discrimination

UNDP has a zero-tolerance policy towards sexual exploitation and misconduct, sexual harassment, and abuse of authority. All selected candidates will, therefore, be expected to adhere to the respective policies and procedures and to undergo rigorous reference and background checks.

UNDP is an equal opportunity employer. All selection is on a merit basis without distinction on the grounds of race, colour, sex, national origin, age, religion, disability, sexual orientation and gender identity.

Scam warning

The United Nations does not charge any application, processing, training, interviewing, testing or other fee in connection with the application or recruitment process. Should you receive a solicitation for the payment of a fee, please disregard it. Furthermore, please note that emblems, logos, names and addresses are easily copied or reproduced. Therefore, you are advised to apply particular care when submitting personal information on the web."""


@dataclass(frozen=True)
class UndpRole:
    """A kind of vacancy the tenant advertises, with the flex-field values it carries."""

    title: str
    grade: str
    contract: str
    family: str
    agency: str
    practice: str
    duration: str
    background: str
    duties: tuple[str, ...]
    education: str
    years: str


UNDP_ROLES = [
    UndpRole(
        "Programme Analyst - Governance",
        "NPSA-9",
        "National Personnel Service Agreement",
        "Democratic Governance and Peacebuilding",
        "UNDP",
        "Governance",
        "1 Year with possibility for extension",
        "UNDP supports national and local institutions to deliver inclusive public services "
        "and strengthen the rule of law.",
        (
            "Provide substantive inputs to the design of the governance portfolio.",
            "Monitor project implementation and prepare progress reports for donors.",
            "Build partnerships with government counterparts and civil society.",
        ),
        "Master's degree in public administration, political science or law.",
        "2 years",
    ),
    UndpRole(
        "Finance Associate",
        "G6",
        "Service Contract",
        "Finance",
        "UNDP",
        "Management",
        "1 Year",
        "The Country Office needs sound financial management of a growing portfolio.",
        (
            "Process payments, vouchers and financial reports in Quantum.",
            "Review budgets against expenditures and flag deviations.",
            "Support audits and spot checks of implementing partners.",
        ),
        "Secondary education; a bachelor's degree in finance or accounting is an asset.",
        "6 years",
    ),
    UndpRole(
        "Climate Change Adaptation Specialist",
        "IPSA-10",
        "International Personnel Service Agreement",
        "Environment and Energy",
        "UNDP",
        "Nature, Climate and Energy",
        "2 Years",
        "Communities face more frequent floods and droughts; the office leads a Green "
        "Climate Fund adaptation programme.",
        (
            "Lead the technical design of adaptation measures with ministries.",
            "Oversee vulnerability assessments and early warning systems.",
            "Prepare funding proposals and results reports.",
        ),
        "Master's degree in environmental science, climate science or engineering.",
        "7 years",
    ),
    UndpRole(
        "Procurement Analyst",
        "NPSA-8",
        "National Personnel Service Agreement",
        "Procurement",
        "UNDP",
        "Management",
        "1 Year with possibility for extension",
        "The office procures goods and services for projects worth several million dollars "
        "each year.",
        (
            "Run tenders and requests for quotation in line with UNDP rules.",
            "Maintain the procurement plan and the supplier roster.",
            "Advise project teams on procurement methods.",
        ),
        "Bachelor's degree in business administration, procurement or law.",
        "2 years",
    ),
    UndpRole(
        "Gender Specialist",
        "P3",
        "Fixed Term Appointment",
        "Gender Equality",
        "UN Women",
        "Gender",
        "1 Year with possibility for extension",
        "UN Women, hosted on this recruitment site, works for the empowerment of women and "
        "girls and the elimination of violence against them.",
        (
            "Lead the gender mainstreaming work of the programme.",
            "Provide policy advice on women's economic empowerment.",
            "Coordinate with UN agencies in the gender theme group.",
        ),
        "Master's degree in gender studies, social sciences or development.",
        "5 years",
    ),
    UndpRole(
        "Humanitarian Affairs Officer",
        "P4",
        "Temporary Appointment",
        "Humanitarian Affairs",
        "OCHA",
        "Crisis Response",
        "6 Months",
        "OCHA coordinates the humanitarian response with UN agencies and NGOs in the area.",
        (
            "Coordinate inter-agency needs assessments and response plans.",
            "Prepare situation reports and briefing notes.",
            "Support the humanitarian country team and the cluster system.",
        ),
        "Advanced university degree in political science, social sciences or law.",
        "7 years",
    ),
    UndpRole(
        "National UN Volunteer - Youth Engagement Officer",
        "NUNV Specialist",
        "UN Volunteer",
        "Youth",
        "UNV",
        "Youth Empowerment",
        "12 Months",
        "UNV mobilizes volunteers to support the programmes of the UN system.",
        (
            "Organize youth consultations and volunteer activities.",
            "Support communication on youth participation.",
            "Keep records of volunteer engagement.",
        ),
        "Bachelor's degree in social sciences or communication.",
        "1 year",
    ),
    UndpRole(
        "Digital Transformation Specialist",
        "IPSA-11",
        "International Personnel Service Agreement",
        "Digital",
        "UNDP",
        "Digital",
        "1 Year with possibility for extension",
        "The government has launched a national digital strategy and asked UNDP for "
        "support on digital public infrastructure.",
        (
            "Advise on digital public infrastructure and e-services.",
            "Manage partnerships with technology companies and donors.",
            "Supervise the digital team of the office.",
        ),
        "Master's degree in computer science, information systems or public policy.",
        "7 years",
    ),
]

UNDP_STATIONS = [
    "Kabul",
    "Dhaka",
    "Amman",
    "Nairobi",
    "Addis Ababa",
    "Bogota",
    "Panama City",
    "Suva",
    "Kathmandu",
    "Maseru",
    "Dakar",
    "Beirut",
    "New York",
    "Geneva",
    "Kampala",
]
_STATION = {s.city: s for s in STATIONS}
BUREAUS = {
    "Afghanistan": "Regional Bureau for Asia and the Pacific",
    "Bangladesh": "Regional Bureau for Asia and the Pacific",
    "Nepal": "Regional Bureau for Asia and the Pacific",
    "Fiji": "Regional Bureau for Asia and the Pacific",
    "Jordan": "Regional Bureau for Arab States",
    "Lebanon": "Regional Bureau for Arab States",
    "Kenya": "Regional Bureau for Africa",
    "Ethiopia": "Regional Bureau for Africa",
    "Lesotho": "Regional Bureau for Africa",
    "Senegal": "Regional Bureau for Africa",
    "Uganda": "Regional Bureau for Africa",
    "Colombia": "Regional Bureau for Latin America and the Caribbean",
    "Panama": "Regional Bureau for Latin America and the Caribbean",
    "United States": "Bureau for Policy and Programme Support",
    "Switzerland": "Bureau for Policy and Programme Support",
}


def _sections(role: UndpRole, city: str, country: str) -> tuple[tuple[str, str], ...]:
    duties = "\n".join(f"• {d}" for d in role.duties)
    return (
        (
            "Background",
            UNDP_DIVERSITY
            + "\n\n"
            + role.background
            + f" The position is based in {city}, {country}.",
        ),
        ("Duties and Responsibilities", duties),
        (
            "Institutional Arrangement",
            f"The {role.title} works under the direct supervision of the Programme Manager and "
            "in close collaboration with the programme and operations teams.",
        ),
        ("Competencies", "Core\n\n" + UNDP_CORE_COMPETENCIES),
        (
            "Required Skills and Experience",
            f"Education:\n\n• {role.education}\n\nExperience:\n\n• Minimum {role.years} of "
            "relevant experience at the national or international level.\n\nRequired "
            "Languages:\n\n• Fluency in English is required; knowledge of another UN language "
            "is an asset.",
        ),
        ("Disclaimer", UNDP_DISCLAIMER),
    )


def undp_postings(count: int = 120) -> list[MockPosting]:
    """`count` postings across roles, agencies and duty stations, newest first."""
    postings = []
    for n in range(count):
        role = UNDP_ROLES[n % len(UNDP_ROLES)]
        station = _STATION[UNDP_STATIONS[(n * 4) % len(UNDP_STATIONS)]]
        posted = ANCHOR - timedelta(days=n // 4)
        postings.append(
            MockPosting(
                key=str(20000 + n * 173),
                title=role.title,
                organization=role.agency,
                duty_station=station.city,
                country=station.country,
                grade=role.grade,
                contract_type=role.contract,
                posted_date=posted,
                closing_date=posted + timedelta(days=14 + n % 3 * 7),
                categories=(role.family,),
                timezone=DEADLINE_ZONE,
                fields={
                    "Practice Area": role.practice,
                    "Bureau": BUREAUS.get(station.country, "Regional Bureau for Africa"),
                    "Contract Duration": role.duration,
                },
                sections=_sections(role, station.city, station.country),
            )
        )
    return postings


class UndpSite(OracleSite):
    """estm.fa.em2.oraclecloud.com: ORC Candidate Experience REST resources for UNDP."""

    name = "undp"
    description = "UNDP careers on Oracle Recruiting Cloud (estm.fa.em2.oraclecloud.com, CX_1)"

    def default_site(self) -> MockCareerSite:
        return UNDP

    def default_postings(self) -> list[MockPosting]:
        return undp_postings()
