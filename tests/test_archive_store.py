"""The archive library: new, unchanged, changed, removed, reopened, runs and raw bodies."""

from __future__ import annotations

import json
import sqlite3

import pytest
from freezegun import freeze_time

from archive import Archive, ArchiveError, Snapshot
from archive.bodies import get_body
from archive.guard import Guard

TEXT = "## Duties\n- Protect refugees\n- Report to the Representative\n\nPosted 4 hours ago"


def snap(key: str = "JR1", **fields) -> Snapshot:
    base = dict(
        source="unhcr",
        source_key=key,
        url=f"https://example.org/job/{key}",
        title="Associate Protection Officer",
        organization="UNHCR",
        location="Tapachula",
        country="Mexico",
        grade="P-2",
        closing_date="2024-10-14",
        categories=["Protection"],
        text=TEXT,
        body=b"<html>" + key.encode() + b"</html>",
        content_type="text/html",
        http_status=200,
    )
    base.update(fields)
    return Snapshot(**base)


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive.db") as a:
        yield a


def rows(archive, sql, *params):
    cur = archive.conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_new_posting_gets_version_1_and_a_new_event(archive):
    run = archive.start_run("unhcr")
    assert archive.store(snap(), run) == "new"
    [posting] = rows(archive, "SELECT * FROM postings")
    assert posting["status"] == "open"
    assert posting["current_version"] == 1
    assert posting["title"] == "Associate Protection Officer"
    assert json.loads(posting["categories"]) == ["Protection"]
    [version] = rows(archive, "SELECT * FROM versions")
    assert version["version"] == 1
    assert version["run_id"] == run
    assert json.loads(version["changed_fields"]) == []
    assert version["text"] == TEXT
    assert [e["event"] for e in rows(archive, "SELECT * FROM events")] == ["new"]


def test_unchanged_fetch_only_moves_last_seen(archive):
    run = archive.start_run("unhcr")
    with freeze_time("2026-01-01 10:00:00"):
        archive.store(snap(), run)
    with freeze_time("2026-01-02 10:00:00"):
        assert archive.store(snap(), run) == "unchanged"
    [posting] = rows(archive, "SELECT * FROM postings")
    assert posting["first_seen_at"] == "2026-01-01T10:00:00+00:00"
    assert posting["last_seen_at"] == "2026-01-02T10:00:00+00:00"
    assert posting["last_changed_at"] == "2026-01-01T10:00:00+00:00"
    assert len(rows(archive, "SELECT * FROM versions")) == 1


def test_change_only_in_volatile_text_makes_no_version(archive):
    run = archive.start_run("unhcr")
    archive.store(snap(), run)
    volatile = TEXT.replace("Posted 4 hours ago", "Posted 2 days ago") + "\n1,204 views"
    assert archive.store(snap(text=volatile, extra={"postedOn": "Posted Yesterday"}), run) in (
        "unchanged",
    )
    assert (
        archive.store(snap(url="https://example.org/job/JR1;jsessionid=ABC123"), run) == "unchanged"
    )
    assert len(rows(archive, "SELECT * FROM versions")) == 1


def test_changed_posting_gets_next_version_with_changed_fields(archive):
    run = archive.start_run("unhcr")
    archive.store(snap(), run)
    changed = snap(closing_date="2024-10-28", text=TEXT.replace("Protect", "Protect and assist"))
    assert archive.store(changed, run) == "changed"
    versions = rows(archive, "SELECT * FROM versions ORDER BY version")
    assert [v["version"] for v in versions] == [1, 2]
    assert json.loads(versions[1]["changed_fields"]) == ["closing_date", "text"]
    [posting] = rows(archive, "SELECT * FROM postings")
    assert posting["closing_date"] == "2024-10-28"
    assert posting["current_version"] == 2
    assert [e["event"] for e in rows(archive, "SELECT * FROM events")] == ["new", "changed"]
    assert archive.run(run).new == 1 and archive.run(run).changed == 1


def test_site_closing_a_posting_is_a_change_of_status(archive):
    run = archive.start_run("impactpool")
    archive.store(snap(source="impactpool"), run)
    assert archive.store(snap(source="impactpool", closing_date=None, status="closed"), run) == (
        "changed"
    )
    [posting] = rows(archive, "SELECT * FROM postings")
    assert posting["status"] == "closed"
    [_, v2] = rows(archive, "SELECT * FROM versions ORDER BY version")
    assert json.loads(v2["changed_fields"]) == ["closing_date", "status"]


def test_complete_listing_marks_missing_postings_removed(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR1"), run)
    archive.store(snap("JR2"), run)
    archive.finish_run(run, listed_keys={"JR1", "JR2"}, listing_complete=True)
    run2 = archive.start_run("unhcr")
    archive.store(snap("JR1"), run2)
    summary = archive.finish_run(run2, listed_keys={"JR1"}, listing_complete=True)
    assert summary.status == "ok"
    assert summary.removed == 1
    status = dict(archive.conn.execute("SELECT source_key, status FROM postings").fetchall())
    assert status == {"JR1": "open", "JR2": "removed"}
    removed = rows(archive, "SELECT * FROM events WHERE event = 'removed'")
    assert len(removed) == 1 and removed[0]["run_id"] == run2


def test_incomplete_listing_removes_nothing(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR1"), run)
    archive.store(snap("JR2"), run)
    run2 = archive.start_run("unhcr")
    summary = archive.finish_run(run2, listed_keys={"JR1"}, listing_complete=False, errors=1)
    assert summary.status == "incomplete"
    assert summary.removed == 0
    assert "nothing was marked removed" in summary.reason
    assert {r[0] for r in archive.conn.execute("SELECT status FROM postings")} == {"open"}


def test_empty_listing_removes_nothing(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR1"), run)
    summary = archive.finish_run(
        archive.start_run("unhcr"), listed_keys=set(), listing_complete=True
    )
    assert summary.status == "incomplete"
    assert summary.removed == 0
    assert "listing was empty" in summary.reason


def test_failed_run_removes_nothing(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR1"), run)
    summary = archive.finish_run(
        archive.start_run("unhcr"), listed_keys={"JR9"}, listing_complete=True, failed=True
    )
    assert summary.status == "failed"
    assert summary.removed == 0


def test_removal_only_touches_its_own_source(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR1"), run)
    other = archive.start_run("unicef")
    archive.store(snap("577857", source="unicef"), other)
    archive.finish_run(other, listed_keys={"577857"}, listing_complete=True)
    assert archive.conn.execute("SELECT status FROM postings WHERE source='unhcr'").fetchone() == (
        "open",
    )


def test_removed_posting_that_returns_is_reopened(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR1"), run)
    archive.store(snap("JR2"), run)
    archive.finish_run(archive.start_run("unhcr"), listed_keys={"JR1"}, listing_complete=True)
    run3 = archive.start_run("unhcr")
    assert archive.store(snap("JR2"), run3) == "reopened"
    summary = archive.finish_run(run3, listed_keys={"JR1", "JR2"}, listing_complete=True)
    assert summary.reopened == 1 and summary.removed == 0
    posting = rows(archive, "SELECT * FROM postings WHERE source_key = 'JR2'")[0]
    assert posting["status"] == "open" and posting["removed_at"] is None
    events = [
        e["event"]
        for e in rows(archive, "SELECT * FROM events WHERE posting_id = ?", posting["id"])
    ]
    assert events == ["new", "removed", "reopened"]
    assert posting["current_version"] == 1  # same content: no new version


def test_reopened_with_new_content_gets_a_version(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR2"), run)
    archive.finish_run(archive.start_run("unhcr"), listed_keys={"JR1"}, listing_complete=True)
    assert archive.store(snap("JR2", grade="P-3"), archive.start_run("unhcr")) == "reopened"
    posting = rows(archive, "SELECT * FROM postings WHERE source_key = 'JR2'")[0]
    assert (posting["status"], posting["grade"], posting["current_version"]) == ("open", "P-3", 2)


def test_listed_but_not_fetched_posting_is_reopened_and_seen(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR2"), run)
    archive.finish_run(archive.start_run("unhcr"), listed_keys={"JR1"}, listing_complete=True)
    with freeze_time("2030-01-01"):
        summary = archive.finish_run(
            archive.start_run("unhcr"), listed_keys={"JR2"}, listing_complete=False, errors=1
        )
    assert summary.status == "incomplete"
    posting = rows(archive, "SELECT * FROM postings WHERE source_key = 'JR2'")[0]
    assert posting["status"] == "open"
    assert posting["last_seen_at"].startswith("2030-01-01")


def test_identical_bodies_are_stored_once_compressed(archive):
    run = archive.start_run("unhcr")
    body = b"<html>" + b"same page " * 2000 + b"</html>"
    archive.store(snap("JR1", body=body), run)
    archive.store(snap("JR2", body=body), run)
    [(count, size, stored)] = archive.conn.execute(
        "SELECT count(*), size, length(content) FROM bodies"
    ).fetchall()
    assert count == 1 and size == len(body) and stored < size / 10
    digest = archive.conn.execute("SELECT body_hash FROM versions LIMIT 1").fetchone()[0]
    assert get_body(archive.conn, digest) == body


def test_stale_running_run_is_closed_as_interrupted(archive):
    run = archive.start_run("unhcr")
    archive.conn.execute("UPDATE runs SET pid = 999999999 WHERE id = ?", (run,))
    archive.start_run("unhcr")
    old = archive.run(run)
    assert old.status == "incomplete"
    assert old.reason.startswith("interrupted")


def test_a_failed_store_leaves_nothing_half_written(archive):
    run = archive.start_run("unhcr")
    archive.store(snap("JR1"), run)
    # posting_id 999 does not exist: the version insert fails inside the transaction
    with pytest.raises(sqlite3.IntegrityError), archive.transaction() as conn:
        conn.execute("UPDATE postings SET title = 'half' WHERE source_key = 'JR1'")
        conn.execute(
            "INSERT INTO versions (posting_id, version, fetched_at, content_hash, status, "
            "text, changed_fields) VALUES (999, 1, 'x', 'x', 'open', '', '[]')"
        )
    assert archive.conn.execute("SELECT title FROM postings").fetchone()[0] == (
        "Associate Protection Officer"
    )


def test_bad_status_is_refused(archive):
    with pytest.raises(ValueError, match="status"):
        archive.store(snap(status="removed"))


def test_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(ArchiveError, match="No archive at .*jobarchive crawl"):
        Archive(tmp_path / "nope.db", create=False)


def test_corrupt_archive_is_a_clear_error_and_is_left_alone(tmp_path):
    path = tmp_path / "archive.db"
    path.write_bytes(b"this is not sqlite" * 100)
    before = path.read_bytes()
    with pytest.raises(ArchiveError, match="is damaged: .*Nothing was changed"):
        Archive(path)
    assert path.read_bytes() == before


def test_wal_mode(archive):
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# -- held pages: a snapshot that lost most of its posting is not stored ----------------

GUARD = Guard(expected=("closing_date", "location"))
LONG_TEXT = TEXT + "\n\n" + "The incumbent supports the protection unit. " * 40


def held_setup(archive):
    run = archive.start_run("unhcr")
    archive.store(snap(text=LONG_TEXT), run, GUARD)
    return archive.start_run("unhcr")


@pytest.mark.parametrize(
    "lost, reason",
    [
        ({"title": None}, "the page has no title, the last version had one"),
        ({"text": "Apply now"}, "the text shrank from"),
        ({"closing_date": None}, "the page has no closing_date, the last version had '2024-10-14'"),
        ({"location": ""}, "the page has no location, the last version had 'Tapachula'"),
    ],
)
def test_a_page_that_lost_most_of_its_posting_is_held(archive, lost, reason):
    run = held_setup(archive)
    assert archive.store(snap(**{"text": LONG_TEXT, **lost}), run, GUARD) == "held"
    assert archive.last_held is not None and archive.last_held.startswith(reason)
    assert rows(archive, "SELECT count(*) AS n FROM versions") == [{"n": 1}]
    assert [e["event"] for e in rows(archive, "SELECT * FROM events")] == ["new"]
    [run_row] = rows(archive, "SELECT held, changed FROM runs WHERE id = ?", run)
    assert run_row == {"held": 1, "changed": 0}
    [hold] = rows(archive, "SELECT crawls, reason FROM holds")
    assert hold["crawls"] == 1 and hold["reason"].startswith(reason)


def test_a_held_page_is_fetched_again_next_time(archive):
    run = held_setup(archive)
    before = rows(archive, "SELECT body_hash FROM fetches")
    archive.store(snap(text="Apply now"), run, GUARD)
    # The fetch is not recorded, so the next crawl cannot skip the page as seen.
    assert rows(archive, "SELECT body_hash FROM fetches") == before


def test_a_closed_posting_may_lose_its_deadline(archive):
    run = held_setup(archive)
    closed = snap(text=LONG_TEXT, closing_date=None, status="closed")
    assert archive.store(closed, run, GUARD) == "changed"


def test_the_same_held_content_is_accepted_on_the_third_crawl(archive):
    held_setup(archive)
    cut = snap(text="A short rewrite of the posting.")
    with freeze_time("2026-12-01 06:00:00"):
        assert archive.store(cut, archive.start_run("unhcr"), GUARD) == "held"
    with freeze_time("2026-12-01 12:00:00"):
        assert archive.store(cut, archive.start_run("unhcr"), GUARD) == "held"
    assert rows(archive, "SELECT crawls FROM holds") == [{"crawls": 2}]
    with freeze_time("2026-12-01 18:00:00"):
        assert archive.store(cut, archive.start_run("unhcr"), GUARD) == "changed"
    [event] = rows(archive, "SELECT event, version, note FROM events WHERE event = 'changed'")
    assert event["version"] == 2
    assert event["note"] == (
        "held back 2 times since 2026-12-01T06:00:00+00:00 (the text shrank from "
        f"{len(LONG_TEXT):,} to 31 characters), then accepted as a real edit: the same "
        "page came back 3 crawls in a row"
    )
    assert rows(archive, "SELECT count(*) AS n FROM holds") == [{"n": 0}]


def test_other_held_content_starts_the_count_again(archive):
    held_setup(archive)
    for text in ("Short one.", "Short two.", "Short one."):
        assert archive.store(snap(text=text), archive.start_run("unhcr"), GUARD) == "held"
    assert rows(archive, "SELECT crawls FROM holds") == [{"crawls": 1}]


def test_the_good_page_coming_back_clears_the_hold(archive):
    held_setup(archive)
    archive.store(snap(text="Short."), archive.start_run("unhcr"), GUARD)
    assert archive.store(snap(text=LONG_TEXT), archive.start_run("unhcr"), GUARD) == "unchanged"
    assert rows(archive, "SELECT count(*) AS n FROM holds") == [{"n": 0}]


def test_without_a_guard_nothing_is_held(archive):
    held_setup(archive)
    assert archive.store(snap(text="Short."), archive.start_run("unhcr")) == "changed"


def test_a_stored_hash_of_an_older_normalization_is_no_change(archive):
    run = archive.start_run("unhcr")
    archive.store(snap(location="GENEVA"), run)
    # As an archive written before case was folded: its hash is of other rules.
    archive.conn.execute("UPDATE versions SET content_hash = 'made-by-an-older-version'")
    assert archive.store(snap(location="Geneva"), run) == "unchanged"
    assert rows(archive, "SELECT count(*) AS n FROM versions") == [{"n": 1}]


def test_the_encoding_a_body_was_read_in_is_kept_with_its_fetch(archive):
    archive.store(snap(encoding="cp1252", fetch_url="https://example.org/api/JR1"))
    state = archive.fetch_state("https://example.org/api/JR1")
    assert state is not None and state.encoding == "cp1252"


def test_a_page_that_lost_most_of_its_stated_fields_is_held(archive):
    run = archive.start_run("unhcr")
    archive.store(snap(contract_type="Fixed term", job_number="JR1"), run, Guard())
    # Labels renamed by a redesign: title and text still read, the facts not.
    lost = snap(contract_type="Fixed term", job_number="JR1", location=None, country=None,
                grade=None, closing_date=None)  # fmt: skip
    assert archive.store(lost, run, Guard()) == "held"
    assert archive.last_held == (
        "the page lost 4 of the 7 fields the last version had "
        "(location, country, grade, closing_date)"
    )
    # Fewer than half lost is an edit, stored.
    edited = snap(contract_type="Fixed term", job_number="JR1", grade=None, closing_date=None)
    assert archive.store(edited, run, Guard()) == "changed"
