"""Grade and level values in their one spelling per family (crawler.grades)."""

from __future__ import annotations

import pytest

from crawler.grades import normalize_grade


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("Junior level - P-2, International Professional - Internationally recruited", "P-2"),
        ("Mid level - P-3, International Professional - Internationally recruited", "P-3"),
        ("P-3", "P-3"),
        ("P3", "P-3"),
        ("Senior level - D-1, Director", "D-1"),
        ("NO-1", "NO-1"),
        ("NOB", "NO-B"),
        ("Position Grade: LICA 4", "LICA 4"),
        ("UNOPS LICA4", "LICA 4"),
        ("GS6", "G-6"),
        ("GS-6", "G-6"),
        ("G-5", "G-5"),
        ("Support level - GS-5, General Service - Locally recruited position", "G-5"),
        ("ICS 11 (IICA 3)", "ICS 11 (IICA 3)"),
        ("ICS-11", "ICS 11"),
        ("IPSA-9", "IPSA-9"),
        ("NPSA 8", "NPSA-8"),
        ("FS-5", "FS-5"),
        ("Consultancy", "Consultancy"),
        ("Consultant", "Consultancy"),
        ("Internship - Internship", "Internship"),
        ("ASG", "ASG"),
    ],
)
def test_grade_forms(value, grade):
    assert normalize_grade(value) == grade


def test_no_grade_in_value():
    assert normalize_grade("negotiable / YEAR") is None


def test_empty():
    assert normalize_grade(None) is None
    assert normalize_grade("") is None
