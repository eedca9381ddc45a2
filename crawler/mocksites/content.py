# ruff: noqa: E501  (posting texts are prose from real postings, one paragraph a line)
"""Posting content for the mock sites: the real seed postings, and variants made from them.

The texts come from real postings (UNICEF 577857 Child Protection
Officer, Mexico City; UNHCR Protection Assistant, Mexico City and Associate Protection
Officer, Tapachula). Variants change the role, duty station, grade and dates but keep
the multi-section shape and the boilerplate of the originals, because the boilerplate
repeated across postings is exactly what extraction and change detection must cope with.
Everything here is deterministic: the same postings on every run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from .postings import MockPosting, Section


@dataclass(frozen=True)
class DutyStation:
    city: str
    country: str
    timezone: str  # IANA


STATIONS = [
    DutyStation("Mexico City", "Mexico", "America/Mexico_City"),
    DutyStation("Nairobi", "Kenya", "Africa/Nairobi"),
    DutyStation("Rome", "Italy", "Europe/Rome"),
    DutyStation("Amman", "Jordan", "Asia/Amman"),
    DutyStation("Kabul", "Afghanistan", "Asia/Kabul"),
    DutyStation("Dhaka", "Bangladesh", "Asia/Dhaka"),
    DutyStation("Bogota", "Colombia", "America/Bogota"),
    DutyStation("Dakar", "Senegal", "Africa/Dakar"),
    DutyStation("New York", "United States", "America/New_York"),
    DutyStation("Kathmandu", "Nepal", "Asia/Kathmandu"),
    DutyStation("Maseru", "Lesotho", "Africa/Maseru"),
    DutyStation("Suva", "Fiji", "Pacific/Fiji"),
    DutyStation("Panama City", "Panama", "America/Panama"),
    DutyStation("Geneva", "Switzerland", "Europe/Zurich"),
    DutyStation("Beirut", "Lebanon", "Asia/Beirut"),
    DutyStation("Addis Ababa", "Ethiopia", "Africa/Addis_Ababa"),
    DutyStation("Kampala", "Uganda", "Africa/Kampala"),
    DutyStation("Tapachula", "Mexico", "America/Mexico_City"),
]
_STATION = {s.city: s for s in STATIONS}

# The day the mock data is "as of": postings were advertised in the weeks before it.
ANCHOR = date(2026, 11, 16)


def hex_id(*parts: object) -> str:
    """A stable 32-hex ID like Workday's, from the parts."""
    return hashlib.md5("|".join(map(str, parts)).encode()).hexdigest()


# =====================================================================================
# UNICEF (PageUp)
# =====================================================================================

UNICEF_INTRO = """UNICEF works in over 190 countries and territories to save children’s lives, defend their rights, and help them fulfill their potential, from early childhood through adolescence.

At UNICEF, we are committed, passionate, and proud of what we do. Promoting the rights of every child is not just a job – it is a calling.

UNICEF is a place where careers are built: we offer our staff diverse opportunities for personal and professional development that will help them develop a fulfilling career while delivering on a rewarding mission. We pride ourselves on a culture that helps staff thrive, coupled with an attractive compensation and benefits package.

Visit our website to learn more about what we do at UNICEF."""

UNICEF_VALUES = """UNICEF’s Core Values of Care, Respect, Integrity, Trust and Accountability and Sustainability (CRITAS) underpin everything we do and how we do it. Get acquainted with Our Values Charter: UNICEF Values

The UNICEF competencies required for this post are…

(1) Builds and maintains partnerships

(2) Demonstrates self-awareness and ethical awareness

(3) Drive to achieve results for impact

(4) Innovates and embraces change

(5) Manages ambiguity and complexity

(6) Thinks and acts strategically

(7) Works collaboratively with others

(8) Nurtures, leads and manages people.

Familiarize yourself with our competency framework and its different levels."""

UNICEF_DIVERSITY = """UNICEF is committed to diversity and inclusion within its workforce, and encourages all candidates, irrespective of gender, nationality, religious or ethnic background, and persons with disabilities, to apply to become a part of the organization. To create a more inclusive workplace, UNICEF offers paid parental leave, breastfeeding breaks, and reasonable accommodation for persons with disabilities. UNICEF strongly encourages the use of flexible working arrangements. Click here to learn more about flexible work arrangements, well-being, and benefits.

According to the UN Convention on the Rights of Persons with Disabilities (UNCRPD), persons with disabilities include those who have long-term physical, mental, intellectual, or sensory impairments which, in interaction with various barriers, may hinder their full and effective participation in society on an equal basis with others. In its Disability Inclusion Policy and Strategy 2022-2030, UNICEF has committed to increase the number of employees with disabilities by 2030. At UNICEF, we provide reasonable accommodation for work-related support requirements of candidates and employees with disabilities. Also, UNICEF has launched a Global Accessibility Helpdesk to strengthen physical and digital accessibility.

UNICEF does not hire candidates who are married to children (persons under 18). UNICEF has a zero-tolerance policy on conduct that is incompatible with the aims and objectives of the United Nations and UNICEF, including sexual exploitation and abuse, sexual harassment, abuse of authority and discrimination based on gender, nationality, age, race, sexual orientation, religious or ethnic background or disabilities. UNICEF is committed to promote the protection and safeguarding of all children. All selected candidates will, therefore, undergo rigorous reference and background checks, and will be expected to adhere to these standards and principles.

UNICEF appointments are subject to medical clearance. Issuance of a visa by the host country of the duty station is required for IP positions and will be facilitated by UNICEF. Appointments may also be subject to inoculation (vaccination) requirements, including against SARS-CoV-2 (Covid). Should you be selected for a position with UNICEF, you either must be inoculated as required or receive a medical exemption from the relevant department of the UN. Otherwise, the selection will be canceled."""

UNICEF_REMARKS = """As per Article 101, paragraph 3, of the Charter of the United Nations, the paramount consideration in the employment of the staff is the necessity of securing the highest standards of efficiency, competence, and integrity.

UNICEF’s active commitment to diversity and inclusion is critical to deliver the best results for children.

Government employees who are considered for employment with UNICEF are normally required to resign from their government positions before taking up an assignment with UNICEF. UNICEF reserves the right to withdraw an offer of appointment, without compensation, if a visa or medical clearance is not obtained, or necessary inoculation requirements are not met, within a reasonable period for any reason.

UNICEF does not charge a processing fee at any stage of its recruitment, selection, and hiring processes (i.e., application stage, interview stage, validation stage, or appointment and training). UNICEF will not ask for applicants’ bank account information.

All UNICEF positions are advertised, and only shortlisted candidates will be contacted and advance to the next stage of the selection process. An internal candidate performing at the level of the post in the relevant functional area, or an internal/external candidate in the corresponding Talent Group, may be selected, if suitable for the post, without assessment of other candidates.

Additional information about working for UNICEF can be found here."""

# The seed posting, verbatim apart from the page chrome.
UNICEF_SEED_CONTEXT = """Child migration has seen a significant increase in recent years. There are now more children on the move, mostly accompanied by their families but also unaccompanied. Additionally, the upcoming federal administration in the United States has announced a large-scale deportation of families, including Mexican children and those from other countries. Considering this situation, it is imperative to have a specialist in child protection who can provide technical support and guidance to Mexican institutions responsible for receiving and attending to these deported families and children, as well as those crossing through Mexico to reach the United States or seeking refuge in Mexico.

It is essential that all processes involved in these realities and migration policies are carried out in an appropriate and respectful manner, ensuring the prevention of family separation and providing necessary consular assistance. Furthermore, protection from child protection agencies is required to ensure that the rights of children are respected at all times.

The National Institute of Migration (INM) could work to improve its administrative procedures and offer respectful and adequate services for children on the move. This includes the provision of alternative care for unaccompanied children by DIF and civil society organizations, and adequate care from the Mexican Commission for Refugee Assistance (COMAR) for foreign children seeking asylum.

For more information related to the work of our office in Mexico, please visit our website: UNICEF Mexico, or read our Annual Report 2023: Informe Anual 2023 UNICEF México."""

UNICEF_SEED_DUTIES = """Under the direct supervision of the Child Protection Officer (NO-2), the Child Protection Officer -Children on the Move, supports the section in developing, implementing and monitoring the activities of the office response to migration and children on the move. The incumbent will be accountable for the following responsibilities:

• Support to programme development and planning in regard to the work output on children on the move.
• Programme management, monitoring and delivery of results in regard to the work output on children on the move.
• Technical and operational support to programme implementation in regard to the work output on children on the move.
• Networking and partnership building.
• Innovation, knowledge management and capacity building.

If you would like to know more about this position, please review the complete Job Description here: Download File ToRs_Child Protection Officer, (NO-1) - Children on the Move.pdf"""

UNICEF_SEED_REQUIREMENTS = """Minimum requirements:

Education

• A Bachelor's Degree, preferably, in one of the following fields: international development, human rights, sociology, law, psychology or another relevant social science field.

Work Experience:

• A minimum of one (1) year of professional experience in child protection programmes and/or projects.
• Experience in the fields of child protection and children in the move.

Language Requirements:

• Fluency in Spanish
• Proficient level of English

Desirables:

• Experience in promoting coordination between countries to protect children on the move.
• Experience working in or with Government Institutions.
• Experience working with UN agencies."""


@dataclass(frozen=True)
class UnicefRole:
    title: str
    grade: str
    contract_type: str
    tag: str  # the bracketed contract tag UNICEF appends to titles
    category: str
    purpose: str  # what the office needs, one paragraph
    duties: tuple[str, ...]
    education: str
    years: str


UNICEF_ROLES = [
    UnicefRole(
        "Child Protection Officer (Children on the Move)",
        "NO-1",
        "Temporary Appointment",
        "Temp Appointment",
        "Child Protection",
        "Child migration has seen a significant increase in recent years, and the office needs a "
        "specialist who can support national institutions receiving children on the move.",
        (
            "Support to programme development and planning for children on the move.",
            "Programme management, monitoring and delivery of results.",
            "Networking and partnership building with child protection authorities.",
        ),
        "A Bachelor's Degree in international development, human rights, sociology, law or psychology.",
        "one (1) year",
    ),
    UnicefRole(
        "Education Specialist",
        "P-3",
        "Fixed Term Appointment",
        "FT",
        "Education",
        "Too many children in the country are out of school or learning too little. The office "
        "supports the Ministry of Education to make schools safe, inclusive and ready for emergencies.",
        (
            "Lead the design and monitoring of the education programme component.",
            "Provide technical advice to the Ministry of Education on learning recovery.",
            "Coordinate the education cluster partners and report on results.",
        ),
        "An advanced university degree in education, social sciences or a related field.",
        "five (5) years",
    ),
    UnicefRole(
        "Health Officer",
        "NO-2",
        "Fixed Term Appointment",
        "FT",
        "Health",
        "Maternal and newborn mortality remain high in remote districts. The health section works "
        "with the Ministry of Health on primary health care, immunization and community health.",
        (
            "Support planning and monitoring of immunization and primary health care activities.",
            "Analyse health data and prepare reports for management and donors.",
            "Support supply planning for vaccines and essential medicines.",
        ),
        "A university degree in public health, medicine, nursing or a related field.",
        "two (2) years",
    ),
    UnicefRole(
        "Nutrition Specialist (Emergency)",
        "P-4",
        "Temporary Appointment",
        "Temp Appointment",
        "Nutrition",
        "Acute malnutrition among children under five has risen sharply following drought and "
        "displacement. The office is scaling up the treatment of severe wasting.",
        (
            "Lead the nutrition emergency response and the nutrition cluster.",
            "Ensure the supply pipeline of ready-to-use therapeutic food.",
            "Monitor programme quality and coverage with implementing partners.",
        ),
        "An advanced university degree in nutrition, public health or a related field.",
        "eight (8) years",
    ),
    UnicefRole(
        "WASH Officer",
        "NO-1",
        "Fixed Term Appointment",
        "FT",
        "WASH",
        "Access to safe water and sanitation is limited in schools and health centres. The WASH "
        "programme builds climate-resilient services with local governments.",
        (
            "Support the planning and supervision of water supply and sanitation works.",
            "Monitor contractors and partners and verify results in the field.",
            "Promote hygiene and behaviour change in communities and schools.",
        ),
        "A university degree in civil or environmental engineering, or public health.",
        "one (1) year",
    ),
    UnicefRole(
        "Supply and Logistics Assistant",
        "GS-6",
        "Fixed Term Appointment",
        "FT",
        "Supply and Logistics",
        "The office procures and delivers supplies for children in development and emergency "
        "programmes and needs a reliable supply chain.",
        (
            "Prepare purchase orders and contracts in line with UNICEF procurement rules.",
            "Track shipments, customs clearance and warehouse stock.",
            "Maintain supply records and prepare supply status reports.",
        ),
        "Completion of secondary education; a university degree in logistics is an asset.",
        "six (6) years",
    ),
    UnicefRole(
        "Communication for Development Consultant",
        "Consultancy",
        "Consultant",
        "Consultancy",
        "Communication",
        "The office needs a consultant to design social and behaviour change communication for "
        "immunization, nutrition and child protection.",
        (
            "Design a social and behaviour change strategy with partners.",
            "Develop and pre-test communication materials.",
            "Train partners and government staff in community engagement.",
        ),
        "An advanced university degree in communication, social sciences or a related field.",
        "five (5) years",
    ),
    UnicefRole(
        "Social Policy Specialist",
        "P-3",
        "Fixed Term Appointment",
        "FT",
        "Social Policy and Economic Analysis",
        "Child poverty remains high and social protection covers too few families. The office "
        "supports the government on child-sensitive budgets and cash transfers.",
        (
            "Lead analysis of child poverty and public spending on children.",
            "Advise the government on social protection and cash transfer programmes.",
            "Build partnerships with ministries, the World Bank and civil society.",
        ),
        "An advanced university degree in economics, public policy or social sciences.",
        "five (5) years",
    ),
]

UNICEF_STATIONS = [
    "Mexico City",
    "Nairobi",
    "Rome",
    "Amman",
    "Kabul",
    "Dhaka",
    "Bogota",
    "Dakar",
    "New York",
    "Kathmandu",
    "Maseru",
    "Suva",
    "Panama City",
    "Geneva",
    "Kampala",
]
_LOVES = ["love", "hope", "health", "education", "protection", "a fair chance", "peace"]


def _unicef_sections(role: UnicefRole, station: DutyStation, n: int) -> tuple[Section, ...]:
    duties = "\n".join(f"• {d}" for d in role.duties)
    return (
        ("", UNICEF_INTRO),
        ("", f"For every child, {_LOVES[n % len(_LOVES)]}"),
        (
            "",
            f"{role.purpose} For more information on the work of UNICEF in {station.country}, "
            f"please visit our website: UNICEF {station.country}.",
        ),
        (
            "How can you make a difference?",
            f"Based in {station.city}, the {role.title} will be accountable for the following "
            f"responsibilities:\n\n{duties}",
        ),
        (
            "To qualify as an advocate for every child you will have…",
            f"Minimum requirements:\n\nEducation\n\n• {role.education}\n\nWork Experience:\n\n"
            f"• A minimum of {role.years} of professional experience in a relevant field.\n\n"
            "Language Requirements:\n\n• Fluency in English is required. Knowledge of another "
            "official UN language or a local language is an asset.",
        ),
        ("For every Child, you demonstrate...", UNICEF_VALUES),
        ("", UNICEF_DIVERSITY),
        ("Remarks:", UNICEF_REMARKS),
    )


def unicef_postings(count: int = 45) -> list[MockPosting]:
    """The UNICEF seed posting first, then `count - 1` variants."""
    mexico = _STATION["Mexico City"]
    seed = MockPosting(
        key="577857",
        title="Child Protection Officer (Children on the Move), (NO-1), Mexico City, Mexico, "
        "#131411, [Temp Appointment]",
        organization="UNICEF",
        duty_station="Mexico City",
        country="Mexico",
        grade="NO-1",
        contract_type="Temporary Appointment",
        posted_date=date(2026, 11, 3),
        closing_date=date(2026, 11, 24),
        categories=("Child Protection",),
        timezone=mexico.timezone,
        sections=(
            ("", UNICEF_INTRO),
            ("", "For every child, love"),
            ("", UNICEF_SEED_CONTEXT),
            ("How can you make a difference?", UNICEF_SEED_DUTIES),
            ("To qualify as an advocate for every child you will have…", UNICEF_SEED_REQUIREMENTS),
            ("For every Child, you demonstrate...", UNICEF_VALUES),
            ("", UNICEF_DIVERSITY),
            (
                "Remarks:",
                UNICEF_REMARKS + "\n\nPlease note that this is a temporary position "
                "expected to last for 364 days.\n\nTHIS IS A NATIONAL POSITION. PLEASE NOTE THAT "
                "only CANDIDATES WITH A MEXICAN NATIONALITY MAY BE CONSIDERED AS ELIGIBLE FOR THE POST.",
            ),
        ),
    )
    postings = [seed]
    for n in range(1, count):
        role = UNICEF_ROLES[n % len(UNICEF_ROLES)]
        station = _STATION[UNICEF_STATIONS[(n * 7) % len(UNICEF_STATIONS)]]
        key = str(578000 + n * 137)
        position = f"{131411 + n * 53:08d}" if n % 4 == 0 else str(131411 + n * 53)
        if role.contract_type == "Consultant":
            title = f"{role.title}, {station.city}, {station.country}, {3 + n % 9} months #{key}"
        else:
            title = (
                f"{role.title}, ({role.grade}), {station.city}, {station.country}, "
                f"#{position}, [{role.tag}]"
            )
        posted = ANCHOR - timedelta(days=n % 21)
        postings.append(
            MockPosting(
                key=key,
                title=title,
                organization="UNICEF",
                duty_station=station.city,
                country=station.country,
                grade=role.grade,
                contract_type=role.contract_type,
                posted_date=posted,
                closing_date=ANCHOR + timedelta(days=10 + (n * 5) % 30),
                categories=(role.category,),
                timezone=station.timezone,
                sections=_unicef_sections(role, station, n),
            )
        )
    return postings


# =====================================================================================
# UNHCR (Workday)
# =====================================================================================

UNHCR_IMPORTANT = """• This position is advertised to internal and external applicants. Candidates must be legally present in the country at the time of application, recruitment, and hire.
• Applications are encouraged from all qualified candidates without distinction on the grounds of race, colour, sex, national origin, age, religion, disability, sexual orientation and gender identity.
• Only shortlisted candidates will be notified. The recruitment process might include a written test and/or oral interview for this job opening. No late applications will be accepted.
• UNHCR does not charge a fee at any stage of the recruitment process (application, interview meeting, processing, training, or any other fee)."""

UNHCR_BACKGROUND = """The Office of the United Nations High Commissioner for Refugees was established on December 14, 1950 by the United Nations General Assembly. The agency is mandated to lead and coordinate international action to protect refugees and resolve refugee problems worldwide. Its primary purpose is to safeguard the rights and well-being of refugees. It also has a mandate to help stateless people."""

UNHCR_SEED_CONTEXT = """Mexico is a country of destination, transit, and origin, thus UNHCR is supporting the Government and other actors to build a stronger asylum system that allows asylum seekers and refugees to fully exercise their human rights, from the moment of entry into Mexico, to when a durable solution is found.

Over recent years, Mexico has evolved from being a country predominantly of origin and transit for many refugees and asylum-seekers, to also being a country of destination for hundreds of thousands of individuals seeking international protection from within the region and beyond. The exponential growth in the number of asylum applications in Mexico, which reached a historical record of over 130,000 in 2021 and 118,478 in 2022, has posed multiple challenges to its asylum system and to durable solutions.

UNHCR Mexico has progressively strengthened its protection response, including registration procedures in proGres, robust case management and identity systems to provide the required protection services, cash-based assistance when applicable and other forms of humanitarian assistance, legal and psychosocial interventions, as well as the establishment of community protection networks."""

UNHCR_SEED_PURPOSE = """Under the direct supervision of the Assistant Protection Officer, the Protection Assistant will carry out the following tasks:

• Consistently apply International and National Law and applicable UN/UNHCR and IASC policy, standards, and codes of conduct.
• Observe and respect protection related Standard Operating Procedures (SOPs).
• Provide functional and administrative support in all protection related AGD based programming with implementing and operational partners.
• Facilitate liaison with competent authorities for the issuance of personal and other relevant documents.
• Assist visits to migratory detention facilities to provide information about asylum process in Mexico.
• Conduct registration interviews in accordance with local SOPs and registration standards.
• Identify persons with specific needs and ensure timely referral to protection follow-up as required.
• Perform other related tasks as may be required or assigned by the supervisor."""

UNHCR_MONITORING = """• All cases that need follow up are provided the needed legal and basic assistance within the limitations of UNHCR.
• Good coordination amongst legal aid and humanitarian and development actors.
• Efficient case management in coordination with government partners and stakeholders.
• Progress case registration, ensuring data quality."""

UNHCR_COMPETENCIES = """Core Competencies
• Accountability
• Communication
• Organizational Awareness
• Teamwork & Collaboration
• Commitment to Continuous Learning
• Client & Result Orientation

Cross-Functional Competencies
• Analytical Thinking
• Political Awareness
• Stakeholder Management"""

UNHCR_APO_ACCOUNTABILITY = """All UNHCR staff members are accountable to perform their duties as reflected in their job description. They do so within their delegated authorities, in line with the regulatory framework of UNHCR which includes the UN Charter, UN Staff Regulations and Rules, UNHCR Policies and Administrative Instructions as well as relevant accountability frameworks. In addition, staff members are required to discharge their responsibilities in a manner consistent with the core, functional, cross-functional and managerial competencies and UNHCR's core values of professionalism, integrity and respect for diversity."""

UNHCR_APO_DUTIES = """• Stay abreast of political, social, economic and cultural developments that have an impact on the protection environment.
• Promote International and National Law and applicable UN/UNHCR and IASC policy, standards and codes of conduct.
• Provide legal advice and guidance on protection issues to persons of concern; liaise with competent authorities to ensure the issuance of personal and other relevant documentation.
• Conduct eligibility and status determination for persons of concern in compliance with UNHCR procedural standards and international protection principles.
• Oversee and manage individual protection cases, including those on GBV and child protection.
• Recommend durable solutions for the largest possible number of persons of concern through voluntary repatriation, local integration and where appropriate, resettlement.
• Intervene with authorities on protection issues.
• Perform other related duties as required."""


@dataclass(frozen=True)
class UnhcrRole:
    title: str
    grade: str  # as UNHCR's description writes it: GS5, PR2, NOB
    affiliate: str  # "Staff Member / Affiliate Type"
    category: str
    summary: str
    education: str
    years: str


UNHCR_ROLES = [
    UnhcrRole(
        "Protection Assistant",
        "GS5",
        "UNOPS LICA4",
        "Protection",
        "The Protection Assistant is a member of the protection team and provides functional "
        "and administrative support on registration, case management and referrals.",
        "Completion of secondary education with training in law or social sciences.",
        "2",
    ),
    UnhcrRole(
        "Associate Protection Officer",
        "PR2",
        "Staff Member",
        "Protection",
        "The Associate Protection Officer promotes the protection of persons of concern "
        "through legal advice, status determination and case management.",
        "Undergraduate degree in law, international law or political science.",
        "3",
    ),
    UnhcrRole(
        "Senior Protection Officer",
        "PR4",
        "Staff Member",
        "Protection",
        "The Senior Protection Officer leads the protection strategy of the operation and "
        "supervises the protection unit.",
        "Graduate degree in law, international law or human rights.",
        "9",
    ),
    UnhcrRole(
        "Registration Assistant",
        "GS4",
        "UNOPS LICA3",
        "Registration",
        "The Registration Assistant conducts registration interviews and keeps proGres "
        "records accurate and up to date.",
        "Completion of secondary education; training in data management is an asset.",
        "1",
    ),
    UnhcrRole(
        "Programme Officer",
        "NOB",
        "Staff Member",
        "Programme",
        "The Programme Officer plans, monitors and reports on the operation's programme "
        "with funded partners.",
        "Undergraduate degree in economics, business administration or social sciences.",
        "3",
    ),
    UnhcrRole(
        "Field Associate",
        "GS6",
        "Staff Member",
        "Field Operations",
        "The Field Associate coordinates field activities, monitors partners and reports "
        "on the situation of refugees in the area of responsibility.",
        "Completion of secondary education; a university degree is an asset.",
        "3",
    ),
    UnhcrRole(
        "Information Management Officer",
        "PR3",
        "Staff Member",
        "Information Management",
        "The Information Management Officer manages data on populations of concern and "
        "produces analysis, maps and dashboards for operational decisions.",
        "Undergraduate degree in statistics, information systems or social sciences.",
        "6",
    ),
    UnhcrRole(
        "Associate Resettlement Officer",
        "PR2",
        "UNOPS IICA2",
        "Durable Solutions",
        "The Associate Resettlement Officer identifies refugees in need of resettlement "
        "and prepares quality submissions to resettlement countries.",
        "Undergraduate degree in law, political science or related fields.",
        "3",
    ),
    UnhcrRole(
        "Community-Based Protection Associate",
        "GS6",
        "UNOPS LICA5",
        "Protection",
        "The Community-Based Protection Associate works with refugee communities to "
        "identify protection risks and build community-led responses.",
        "Completion of secondary education with training in community work.",
        "3",
    ),
]

UNHCR_STATIONS = [
    "Mexico City",
    "Tapachula",
    "Amman",
    "Nairobi",
    "Dhaka",
    "Geneva",
    "Beirut",
    "Addis Ababa",
    "Bogota",
    "Panama City",
    "Kampala",
    "Kabul",
]
_HARDSHIP = {
    "Geneva": "H (Headquarters)",
    "Panama City": "A (least hardship)",
    "Mexico City": "A (least hardship)",
    "Amman": "A (least hardship)",
    "Nairobi": "B",
    "Bogota": "B",
    "Beirut": "C",
    "Tapachula": "B",
    "Dhaka": "C",
    "Addis Ababa": "C",
    "Kampala": "B",
    "Kabul": "E (most hardship)",
}


def _unhcr_fields(station: DutyStation, start: date) -> dict[str, str]:
    """The labelled fields besides grade, affiliate type and deadline (see unhcr.py)."""
    hardship = _HARDSHIP.get(station.city, "B")
    return {
        "Hardship Level (not applicable for home-based)": hardship,
        "Family Type (not applicable for home-based)": (
            "Non Family" if hardship.startswith("E") else "Family"
        ),
        "Residential location (if applicable)": "",
        "Reason": "Regular > Regular Assignment",
        "Remote work accepted": "No",
        "Target Start Date": start.isoformat(),
    }


def unhcr_postings(count: int = 47) -> list[MockPosting]:
    """The UNHCR seed postings first, then variants up to `count`."""
    mexico, tapachula = _STATION["Mexico City"], _STATION["Tapachula"]
    seed_closing, apo_closing = date(2026, 11, 30), date(2026, 12, 7)
    postings = [
        MockPosting(
            key="JR2600481",
            title="Protection Assistant",
            organization="UNHCR",
            duty_station="Mexico City",
            country="Mexico",
            grade="GS5",
            contract_type="UNOPS LICA4",
            posted_date=date(2026, 11, 9),
            closing_date=seed_closing,
            categories=("Protection",),
            timezone=mexico.timezone,
            fields=_unhcr_fields(mexico, date(2027, 1, 1)),
            sections=(
                (
                    "Terms of Reference",
                    "IMPORTANT INFORMATION:\n\n"
                    + UNHCR_IMPORTANT
                    + "\n• This position is offered under UNOPS Local ICA contract until "
                    "31/12/2027 with possibility of extension.",
                ),
                ("General Background", UNHCR_BACKGROUND + "\n\n" + UNHCR_SEED_CONTEXT),
                ("Purpose and Scope of Assignment", UNHCR_SEED_PURPOSE),
                ("Monitoring and Progress Controls", UNHCR_MONITORING),
                (
                    "Qualifications and Experience",
                    "a. Education\n\n• Completed high school or its equivalent with certificate / "
                    "training in International Relations, Law, Social Sciences, Psychology, Political "
                    "Science, Communication, or other related area.\n\nb. Work Experience\n\n"
                    "• Minimum 1 year of experience relevant to the functions.\n• Experience working "
                    "with vulnerable populations.\n\nc. Key Competencies\n\n" + UNHCR_COMPETENCIES,
                ),
                ("Other information", "This position doesn’t require a functional clearance"),
            ),
        ),
        MockPosting(
            key="JR2600502",
            title="Associate Protection Officer",
            organization="UNHCR",
            duty_station="Tapachula",
            country="Mexico",
            grade="PR2",
            contract_type="Staff Member",
            posted_date=date(2026, 11, 11),
            closing_date=apo_closing,
            categories=("Protection",),
            timezone=tapachula.timezone,
            fields=_unhcr_fields(tapachula, date(2027, 2, 1)),
            sections=(
                (
                    "Organizational Context",
                    "The current drivers of forced displacement in Northern Central America remain in "
                    "place. UNHCR has strengthened the operational presence in Southern Mexico in line "
                    "with the increased arrival of asylum-seekers, and oversees offices in Tapachula, "
                    "Palenque, Tenosique and Acayucan.\n\n" + UNHCR_APO_ACCOUNTABILITY,
                ),
                ("Duties", UNHCR_APO_DUTIES),
                (
                    "Minimum Qualifications",
                    "3 years relevant experience with Undergraduate degree; or 2 years relevant "
                    "experience with Graduate degree; or 1 year relevant experience with Doctorate "
                    "degree.\n\nProfessional experience in the area of refugee protection, internal "
                    "displacement, human rights or international humanitarian law.",
                ),
                ("Competencies", UNHCR_COMPETENCIES),
                (
                    "Living Conditions at the Duty Station",
                    "Housing/accommodation: Family Duty Station - B. There is a possibility of renting "
                    "private accommodation, subject to approval by UN security.\n\nHealth care: "
                    "Adequate health facilities, hospitals are available locally.",
                ),
            ),
        ),
    ]
    for n in range(len(postings), count):
        role = UNHCR_ROLES[n % len(UNHCR_ROLES)]
        station = _STATION[UNHCR_STATIONS[(n * 5) % len(UNHCR_STATIONS)]]
        posted = ANCHOR - timedelta(days=(n * 3) % 40)
        closing = ANCHOR + timedelta(days=8 + (n * 4) % 35)
        start = date(closing.year + (closing.month == 12), closing.month % 12 + 1, 1)
        postings.append(
            MockPosting(
                key=f"JR26{n * 977 % 100000:05d}",
                title=role.title,
                organization="UNHCR",
                duty_station=station.city,
                country=station.country,
                grade=role.grade,
                contract_type=role.affiliate,
                posted_date=posted,
                closing_date=closing,
                categories=(role.category,),
                timezone=station.timezone,
                fields=_unhcr_fields(station, start),
                sections=(
                    ("Terms of Reference", "IMPORTANT INFORMATION:\n\n" + UNHCR_IMPORTANT),
                    (
                        "General Background",
                        UNHCR_BACKGROUND
                        + "\n\n"
                        + role.summary
                        + f" The position is based in {station.city}, {station.country}.",
                    ),
                    ("Duties and Responsibilities", UNHCR_APO_DUTIES),
                    (
                        "Minimum Qualifications",
                        f"{role.education}\n\n• Minimum {role.years} years of relevant experience.\n"
                        "• Fluency in English; knowledge of another UN language is an asset.",
                    ),
                    ("Competencies", UNHCR_COMPETENCIES),
                    ("Other information", "This position doesn’t require a functional clearance"),
                ),
            )
        )
    return postings
