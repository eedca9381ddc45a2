"""Finding postings, reading their versions, and diffing two of them."""

from __future__ import annotations

import pytest

from archive import (
    Archive,
    PostingNotFound,
    Snapshot,
    diff_versions,
    events,
    format_unified,
    resolve_posting,
    versions,
)
from archive.normalize import changed_fields, content_hash, normalize_text


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "a.db") as a:
        run = a.start_run("unicef")
        a.store(
            Snapshot(
                "unicef",
                "577857",
                "https://jobs.unicef.org/en-us/job/577857/child-protection",
                title="Child Protection Officer",
                closing_date="2024-10-14",
                text="## Duties\n- Support programme planning\n- Monitor results",
                fetched_at="2026-01-01T10:00:00+00:00",
            ),
            run,
        )
        a.store(
            Snapshot(
                "unicef",
                "577857",
                "https://jobs.unicef.org/en-us/job/577857/child-protection",
                title="Child Protection Officer",
                closing_date="2024-10-28",
                text="## Duties\n- Support programme planning\n- Monitor and report results",
                fetched_at="2026-01-05T10:00:00+00:00",
            ),
            run,
        )
        yield a


@pytest.mark.parametrize(
    "ref", ["1", 1, "unicef:577857", "https://jobs.unicef.org/en-us/job/577857/child-protection"]
)
def test_resolve_posting_by_id_key_or_url(archive, ref):
    assert resolve_posting(archive.conn, ref)["source_key"] == "577857"


@pytest.mark.parametrize("ref", ["2", "unicef:1", "unhcr:577857", "https://x.org/job/1", "junk"])
def test_unknown_posting_says_how_to_name_one(archive, ref):
    with pytest.raises(PostingNotFound, match="numeric id, source:source_key"):
        resolve_posting(archive.conn, ref)


def test_versions_and_events_in_order(archive):
    found = versions(archive.conn, 1)
    assert [v.version for v in found] == [1, 2]
    assert found[1].changed_fields == ["closing_date", "text"]
    assert found[1].fields["closing_date"] == "2024-10-28"
    assert [(e.event, e.version) for e in events(archive.conn, 1)] == [("new", 1), ("changed", 2)]


def test_unified_diff_has_field_changes_on_top(archive):
    old, new = versions(archive.conn, 1)
    assert format_unified(diff_versions(old, new)) == (
        "closing_date: 2024-10-14 → 2024-10-28\n"
        "\n"
        "--- version 1 (2026-01-01T10:00:00+00:00)\n"
        "+++ version 2 (2026-01-05T10:00:00+00:00)\n"
        "@@ -1,3 +1,3 @@\n"
        " ## Duties\n"
        " - Support programme planning\n"
        "-- Monitor results\n"
        "+- Monitor and report results\n"
    )


@pytest.mark.parametrize(
    "volatile",
    [
        "Posted 4 hours ago",
        "Posted: Today",
        "Posted 30+ Days Ago",
        "posted yesterday",
        "1,204 views",
        "Viewed 52 times",
        "21 days left to apply",
        "17 applicants",
    ],
)
def test_volatile_lines_are_dropped(volatile):
    assert normalize_text(f"Job text\n{volatile}\nMore text") == "job text\nmore text"


def test_volatile_words_inside_a_line_are_dropped_but_the_line_kept():
    assert normalize_text("Apply soon (posted 3 days ago) please") == "apply soon () please"


def test_session_tokens_do_not_change_the_hash():
    a = {"text": "See https://x.org/job?jsessionid=ABC&id=1"}
    b = {"text": "See https://x.org/job?jsessionid=XYZ&id=1"}
    assert content_hash(a) == content_hash(b)


def test_real_words_are_not_volatile():
    # "3 years relevant experience" and "2 years" must survive normalization
    text = "3 years relevant experience with Undergraduate degree; 2 applications per person"
    assert normalize_text(text) == text.lower()


def test_changed_fields_ignores_empty_versus_missing():
    assert (
        changed_fields({"categories": "[]", "extra": None}, {"categories": [], "extra": {}}) == []
    )


# -- what is no change: case, white space, Unicode form, raw copies (one test per field) --

NOISE = {
    "case": ("GENEVA", "Geneva"),
    "white space": ("Programme  Officer ", "Programme Officer"),
    "no-break space": ("P-3\u00a0International", "P-3 International"),
    "narrow no-break space": ("10\u202f000 USD", "10 000 USD"),
    "Unicode form": ("Gene\u0300ve", "Genève"),
    "zero-width space": ("Nai\u200brobi", "Nairobi"),
    "soft hyphen": ("Coordi\u00adnation", "Coordination"),
    "compatibility form": ("ﬁeld ofﬁce", "field office"),
}


@pytest.mark.parametrize("kind", NOISE)
@pytest.mark.parametrize(
    "field", ["title", "organization", "location", "country", "grade", "contract_type"]
)
def test_noise_in_a_field_is_no_change(field, kind):
    before, after = NOISE[kind]
    assert changed_fields({field: before}, {field: after}) == []


@pytest.mark.parametrize("kind", NOISE)
def test_noise_in_the_text_is_no_change(kind):
    before, after = NOISE[kind]
    assert changed_fields({"text": f"Intro.\n\n{before}"}, {"text": f"Intro.\n{after}"}) == []


@pytest.mark.parametrize("kind", NOISE)
def test_noise_in_categories_and_extra_is_no_change(kind):
    before, after = NOISE[kind]
    old = {"categories": [before], "extra": {"duty_station": before}}
    new = {"categories": [after], "extra": {"duty_station": after}}
    assert changed_fields(old, new) == []


def test_a_raw_copy_in_extra_is_no_change():
    old = {"location": "Geneva", "extra": {"duty_station_raw": "GENEVA", "grade_raw": "P3"}}
    new = {"location": "Geneva", "extra": {"duty_station_raw": "Genf", "grade_raw": "P 3"}}
    assert changed_fields(old, new) == []


def test_real_changes_are_changes_still():
    assert changed_fields({"location": "Geneva"}, {"location": "Nairobi"}) == ["location"]
    assert changed_fields({"grade": "P-3"}, {"grade": "P-4"}) == ["grade"]
    assert changed_fields({"extra": {"hardship": "A"}}, {"extra": {"hardship": "B"}}) == ["extra"]
    assert changed_fields({"text": "Apply by 1 May."}, {"text": "Apply by 15 May."}) == ["text"]
