"""Labelled lines, labelled HTML and JSON-LD fields (crawler.fields)."""

from __future__ import annotations

from crawler.fields import (
    html_labelled_fields,
    jsonld_fields,
    jsonld_job_posting,
    labelled_lines,
    normalize_fields,
    page_fields,
    parse_tree,
)
from crawler.sitefacts import facts_for


def facts(source: str):
    """The facts the source's spider declares (crawler/sitefacts.py)."""
    return facts_for(source)[1]


def test_impactpool_bullets():
    text = (
        "- Organization: UNHCR - United Nations High Commissioner for Refugees\n"
        "- Location: Tapachula\n"
        "- Grade: Junior level - P-2, International Professional - "
        "Internationally recruited position\n"
        "- Closing Date: Closed\n"
    )
    fields = normalize_fields(labelled_lines(text), facts("impactpool"))
    assert fields["organization"] == "UNHCR - United Nations High Commissioner for Refugees"
    assert fields["location"] == "Tapachula"
    assert fields["grade"] == "P-2"
    assert (fields["closing_date"], fields["status"]) == (None, "closed")


def test_several_labels_on_one_line():
    text = (
        "Job Title: Protection Assistant (Case Management) Vacancy Notice: VN-99-19-MEX "
        "Position Number 99-19\nLocation: Ciudad de Mexico Position Grade: LICA 4 "
        "Closing Date: 2019-08-18"
    )
    raw = labelled_lines(text)
    assert raw["title"] == "Protection Assistant (Case Management)"
    assert raw["location"] == "Ciudad de Mexico"
    fields = normalize_fields(raw, facts("unhcr"))
    assert fields["grade"] == "LICA 4"
    assert fields["closing_date"] == "2019-08-18"
    assert fields["job_number"] == "VN-99-19-MEX"


def test_label_and_value_on_separate_lines():
    text = "Salary:\nnegotiable / YEAR\nJob type:\nFULL_TIME\nDeadline:\n14/10/2024\n"
    fields = normalize_fields(labelled_lines(text), facts("generic"))
    assert fields["contract_type"] == "Full-time"
    assert fields["closing_date"] == "2024-10-14"


def test_empty_label_does_not_take_the_next_label():
    assert "location" not in labelled_lines("Location:\nSalary:\nnegotiable")


def test_label_in_prose_is_not_read():
    assert labelled_lines("Applicants should note the Deadline: it is firm.") == {}


def test_multi_word_label_without_colon_as_heading():
    raw = labelled_lines("Deadline for Applications\n\nOctober 13, 2024\n")
    assert raw["closing_date"] == "October 13, 2024"


def test_pageup_labelled_html_with_location_as_country():
    tree = parse_tree(
        "<div id='job'><p><a class='apply-link button'>Apply now</a> <b>Job no:</b> "
        "<span>593348</span><br><b>Duty Station:</b> Rome<br><b>Level:</b> Consultancy<br>"
        "<b>Location:</b> <span class='location'>Italy</span><br></p></div>"
    )
    raw = html_labelled_fields(tree, facts("unicef").label_overrides)
    assert raw == {
        "job_number": "593348",
        "location": "Rome",
        "grade": "Consultancy",
        "country": "Italy",
    }


def test_dt_dd_and_label_classes():
    tree = parse_tree(
        "<dl><dt>Closing date</dt><dd>3 Aug 2026</dd></dl>"
        "<ul><li><span class='meta__label'>Grade</span>"
        "<span class='meta__value'>IPSA-9</span></li></ul>"
    )
    assert html_labelled_fields(tree) == {"closing_date": "3 Aug 2026", "grade": "IPSA-9"}


def test_jsonld_job_posting_in_a_graph():
    html = """<script type="application/ld+json">{"@context": "https://schema.org",
      "@graph": [{"@type": "WebPage"}, {"@type": "JobPosting", "title": "Officer",
      "validThrough": "2025-11-30", "employmentType": ["FULL_TIME"],
      "hiringOrganization": {"name": "UNFCCC"},
      "identifier": {"@type": "PropertyValue", "name": "UNFCCC", "value": "25-PMD-0042"},
      "jobLocation": {"address": {"addressLocality": "Bonn",
                                  "addressCountry": {"name": "Germany"}}}}]}
    </script>"""
    raw = jsonld_fields(jsonld_job_posting(html))
    assert raw == {
        "title": "Officer",
        "organization": "UNFCCC",
        "location": "Bonn",
        "country": "Germany",
        "contract_type": "Full-time",
        "job_number": "25-PMD-0042",
        "closing_date": "2025-11-30",
    }


def test_broken_jsonld_is_skipped():
    assert jsonld_job_posting('<script type="application/ld+json">{not json</script>') == {}


def test_time_element_read_in_source_zone():
    tree = parse_tree(
        "<p><b>Deadline:</b> <span class='close-date'>"
        "<time datetime='2026-06-07T03:59:59Z'>06 Jun 2026</time></span></p>"
    )
    fields = page_fields(tree, "", "", profile=facts("uncareers"))
    assert fields["closing_date"] == "2026-06-06"


def test_country_from_city_and_country_location():
    fields = normalize_fields({"location": "Baku, Azerbaijan"})
    assert fields["country"] == "Azerbaijan"


def test_facts_from_url_host():
    assert facts_for(None, "https://careers.un.org/jobSearchDescription/1")[0] == "uncareers"
    assert facts_for(None, "https://example.org/job/1")[0] == "generic"
    assert facts_for("unops")[1].day_first is True
