"""Alerts of saved searches, end to end over HTTP: crawls of a mock site, a webhook
receiver on 127.0.0.1 (Apprise's json://), the Atom feed and the posting page.

Each crawl is a real `jobarchive crawl --config FILE` in its own process, as cron runs
it; the receivers are plain http.server threads of this test, one of which starts
closed, then answers 500, then accepts.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from archive import Archive, Snapshot
from crawler.alerts import MESSAGE_POSTINGS, after_crawl, message
from crawler.cli import cli
from crawler.datasette_plugin.metadata import metadata_for
from crawler.demo import crawl_command
from crawler.mocksites import MockSites
from crawler.mocksites.content import unicef_postings
from crawler.mocksites.server import free_port
from crawler.mocksites.unicef import UnicefSite
from crawler.searches import by_posting, load_searches, matching_events


class Receiver:
    """A webhook on 127.0.0.1 that keeps every JSON body POSTed to it and answers
    `status`."""

    def __init__(self, port: int = 0, status: int = 200) -> None:
        self.status = status
        self.messages: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                receiver.messages.append(json.loads(self.rfile.read(length)))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]

    def __enter__(self) -> Receiver:
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


TSUNAMI = "Tsunami Response Coordinator"
SECOND = "Tsunami Logistics Officer"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Five crawls of a small UNICEF mock with two saved searches for "tsunami": one
    sending to a receiver that accepts, one to a port that is first closed, then
    answers 500, then accepts. A tsunami posting is added before the second crawl and
    another before the fourth."""
    folder = tmp_path_factory.mktemp("alerts")
    db = folder / "archive.db"
    late_port = free_port()
    out: dict[str, Any] = {"db": db, "late_port": late_port}
    site = UnicefSite(unicef_postings(8))
    with Receiver() as hook, MockSites(sites=[site]) as sites:
        out["hook_port"] = hook.port
        config = folder / "searches.toml"
        config.write_text(
            "[searches.tsunami]\n"
            'title = "Tsunami response"\n'
            'query = "tsunami"\n'
            f'notify = "json://127.0.0.1:{hook.port}/hook"\n'
            'archive_url = "http://127.0.0.1:8001"\n'
            "\n"
            "[searches.late]\n"
            'query = "tsunami"\n'
            f'notify = "json://127.0.0.1:{late_port}/late"\n'
        )
        out["config"] = config

        def crawl(*extra: str) -> subprocess.CompletedProcess[str]:
            argv = crawl_command(db, sites.base_urls) + ["--config", str(config), *extra]
            return subprocess.run(argv, capture_output=True, text=True, timeout=300)

        model = site.snapshot()[1]
        out["first"] = crawl("--json")
        out["after_first"] = len(hook.messages)
        site.add(replace(model, key="599001", title=TSUNAMI))
        out["second"] = crawl()
        with Receiver(port=late_port, status=500) as late:
            out["third"] = crawl("--quiet")
            late.status = 200
            site.add(replace(model, key="599002", title=SECOND))
            out["fourth"] = crawl("--json")
            out["fifth"] = crawl("--quiet")
        out["hook"], out["late"] = hook.messages, late.messages
    out["conn"] = sqlite3.connect(db)
    yield out
    out["conn"].close()


def posting_id(world: dict[str, Any], key: str) -> int:
    row = world["conn"].execute("SELECT id FROM postings WHERE source_key = ?", (key,)).fetchone()
    return int(row[0])


def test_nothing_is_sent_while_nothing_matches(world):
    first = world["first"]
    assert first.returncode == 0, first.stderr
    [unicef] = json.loads(first.stdout)
    assert unicef["matches"] == []
    assert world["after_first"] == 0


def test_the_crawl_lists_what_matched_and_where_it_went(world):
    second = world["second"]
    assert second.returncode == 0, second.stderr
    lines = second.stdout.splitlines()
    assert lines[0].startswith("unicef: ok - new 1, changed 0, unchanged 8")
    assert lines[1] == "search tsunami: 1 new"
    assert lines[2].startswith(f"  new: unicef:599001 {TSUNAMI} (")
    assert lines[3] == (
        f"search tsunami: alert sent to json://127.0.0.1:{world['hook_port']}/hook (1 posting)"
    )
    assert lines[4:6] == ["search late: 1 new", lines[2]]
    assert lines[6] == (
        f"search late: alert to json://127.0.0.1:{world['late_port']}/late not sent (A "
        "Connection error occurred sending JSON notification to 127.0.0.1.); the next crawl "
        "sends it again"
    )
    assert len(lines) == 7
    assert second.stderr == ""


def test_each_change_is_sent_once_in_one_message_per_search_and_crawl(world):
    hook = world["hook"]
    assert [m["title"] for m in hook] == ["Tsunami response: 1 new", "Tsunami response: 1 new"]
    first, second = (m["message"] for m in hook)
    assert TSUNAMI in first and SECOND not in first
    assert SECOND in second and TSUNAMI not in second
    url = f"http://127.0.0.1:8001/-/jobarchive/posting/{posting_id(world, '599001')}"
    assert url in first.splitlines()
    assert "/en-us/job/599001" in first


def test_a_failing_receiver_does_not_fail_the_crawl_and_is_sent_again(world):
    third = world["third"]
    assert third.returncode == 0
    assert (third.stdout + third.stderr).splitlines() == [
        f"search late: alert to json://127.0.0.1:{world['late_port']}/late not sent (Failed "
        "to send JSON POST notification: Internal server error., error=500.); the next crawl "
        "sends it again"
    ]
    refused, accepted = world["late"]
    assert refused["title"] == "late: 1 new" and TSUNAMI in refused["message"]
    # What failed is sent again with what came since, in one message.
    assert accepted["title"] == "late: 2 new"
    assert TSUNAMI in accepted["message"] and SECOND in accepted["message"]


def test_json_summary_carries_the_matches_and_their_alerts(world):
    fourth = world["fourth"]
    assert fourth.returncode == 0, fourth.stderr
    [unicef] = json.loads(fourth.stdout)
    [match] = unicef["matches"][:1]
    assert {k: match[k] for k in ("search", "source_key", "title", "events", "status")} == {
        "search": "tsunami",
        "source_key": "599002",
        "title": SECOND,
        "events": ["new"],
        "status": "open",
    }
    assert [(m["search"], m["alerts"]) for m in unicef["matches"]] == [
        ("tsunami", [{"target": f"json://127.0.0.1:{world['hook_port']}/hook", "sent": True,
                      "error": None}]),
        ("late", [{"target": f"json://127.0.0.1:{world['late_port']}/late", "sent": True,
                   "error": None}]),
    ]  # fmt: skip


def test_nothing_more_is_sent_and_a_quiet_crawl_prints_nothing(world):
    fifth = world["fifth"]
    assert (fifth.returncode, fifth.stdout, fifth.stderr) == (0, "", "")
    assert (len(world["hook"]), len(world["late"])) == (2, 2)


def test_what_was_sent_is_recorded_in_the_archive(world):
    conn = world["conn"]
    sent = conn.execute(
        "SELECT a.search, p.source_key, e.event FROM alerts_sent a "
        "JOIN events e ON e.id = a.event_id JOIN postings p ON p.id = e.posting_id "
        "ORDER BY a.search, p.source_key"
    ).fetchall()
    assert sent == [
        ("late", "599001", "new"),
        ("late", "599002", "new"),
        ("tsunami", "599001", "new"),
        ("tsunami", "599002", "new"),
    ]
    targets = conn.execute(
        "SELECT search, failures, last_error IS NULL, last_sent_at IS NOT NULL "
        "FROM alert_targets ORDER BY search"
    ).fetchall()
    assert targets == [("late", 0, 1, 1), ("tsunami", 0, 1, 1)]


def datasette_get(world: dict[str, Any], path: str) -> Any:
    metadata = metadata_for("archive")
    metadata["plugins"] = {"jobarchive": {"config": str(world["config"])}}
    ds = Datasette([str(world["db"])], metadata=metadata)
    return asyncio.run(ds.client.get(path))


def test_the_atom_feed_of_the_search_lists_the_posting(world):
    response = datasette_get(world, "/-/jobarchive/feeds/searches/tsunami.atom")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Saved search: Tsunami response"
    assert [e.title for e in feed.entries] == [
        f"New: {SECOND} - UNICEF",
        f"New: {TSUNAMI} - UNICEF",
    ]
    assert feed.entries[1].link == (
        f"http://localhost/-/jobarchive/posting/{posting_id(world, '599001')}"
    )


def test_the_posting_page_shows_the_posting(world):
    response = datasette_get(world, f"/-/jobarchive/posting/{posting_id(world, '599001')}")
    assert response.status_code == 200
    assert TSUNAMI in response.text


# -- the library, on an archive built by hand ------------------------------------------


def store(archive: Archive, run: int, key: str, title: str, **fields: Any) -> None:
    archive.store(
        Snapshot(
            "unhcr",
            key,
            f"https://jobs.example.org/{key}",
            title=title,
            organization="UNHCR",
            text=fields.pop("text", "Protect."),
            **fields,
        ),  # fmt: skip
        run,
    )


def test_a_target_seen_first_is_sent_only_what_that_crawl_found(tmp_path):
    db = tmp_path / "a.db"
    config = tmp_path / "s.toml"
    with Receiver() as hook:
        config.write_text(
            f'[searches.p]\nquery = "protection"\nnotify = "json://127.0.0.1:{hook.port}/"\n'
        )
        [search] = load_searches(config).values()
        with Archive(db) as archive:
            old = archive.start_run("unhcr")
            store(archive, old, "1", "Old Protection Officer")
            new = archive.start_run("unhcr")
            store(archive, new, "2", "New Protection Officer")
        [report] = after_crawl(db, [search], [new])
        again = after_crawl(db, [search], [])
    assert [m.ref for m in report.matches] == ["unhcr:2"]
    assert [(d.sent, d.postings) for d in report.deliveries] == [(True, 1)]
    assert len(hook.messages) == 1
    assert "New Protection Officer" in hook.messages[0]["message"]
    assert "Old Protection Officer" not in hook.messages[0]["message"]
    assert again[0].deliveries == [] and again[0].matches == []


def test_secrets_of_a_target_never_reach_the_archive(tmp_path):
    db = tmp_path / "a.db"
    config = tmp_path / "s.toml"
    with Receiver() as hook:
        url = f"json://alice:hunter2-secret@127.0.0.1:{hook.port}/"
        config.write_text(f'[searches.p]\nnotify = "{url}"\n')
        [search] = load_searches(config).values()
        with Archive(db) as archive:
            run = archive.start_run("unhcr")
            store(archive, run, "1", "Officer")
        [report] = after_crawl(db, [search], [run])
    assert report.deliveries[0].target == f"json://alice:****@127.0.0.1:{hook.port}/"
    assert len(hook.messages) == 1
    dump = "\n".join(sqlite3.connect(db).iterdump())
    assert "hunter2" not in dump
    assert "alice:****@" in dump


def test_a_message_lists_at_most_fifty_postings_and_no_control_characters(tmp_path):
    db = tmp_path / "a.db"
    config = tmp_path / "s.toml"
    config.write_text("[searches.all]\n")
    [search] = load_searches(config).values()
    with Archive(db) as archive:
        run = archive.start_run("unhcr")
        for n in range(MESSAGE_POSTINGS + 3):
            store(archive, run, str(n), f"Officer \x1b]0;pwned\x07 {n}", grade="P-3")
        matches = by_posting(matching_events(archive.conn, search))
    title, body = message(search, matches)
    assert title == f"all: {MESSAGE_POSTINGS + 3} new"
    assert "\x1b" not in body and "\x07" not in body
    assert body.count("New: Officer") == MESSAGE_POSTINGS
    assert "... and 3 more (`jobarchive searches all` lists them)" in body
    assert body.endswith(f"Saved search 'all' of {config}, by jobarchive.")


def test_searches_ping_sends_a_test_message_to_each_target(tmp_path):
    closed = free_port()
    with Receiver() as hook:
        config = tmp_path / "s.toml"
        config.write_text(
            "[searches.p]\n"
            f'notify = ["json://127.0.0.1:{hook.port}/ok", "json://127.0.0.1:{closed}/gone"]\n'
        )
        result = CliRunner().invoke(
            cli,
            [
                "--db",
                str(tmp_path / "none.db"),
                "searches",
                "p",
                "--ping",
                "--config",
                str(config),
            ],  # fmt: skip
        )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"json://127.0.0.1:{hook.port}/ok: sent",
        f"json://127.0.0.1:{closed}/gone: not sent (A Connection error occurred sending JSON "
        "notification to 127.0.0.1.)",
    ]
    assert [m["title"] for m in hook.messages] == ["p: test message"]
    assert not (tmp_path / "none.db").exists()


def test_searches_name_says_what_the_next_crawl_owes_a_failed_target(world):
    result = CliRunner().invoke(
        cli, ["--db", str(world["db"]), "searches", "late", "--config", str(world["config"])]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"alert to json://127.0.0.1:{world['late_port']}/late: up to date; the next crawl "
        "sends only what it finds" in result.output.splitlines()
    )


def test_a_failure_is_said_without_the_secrets_of_its_url():
    from crawler.alerts import _scrub

    url = "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#jobs"
    said = _scrub(f"Failed to send to {url}: token TIiajkdnlazkcOXrIdevi7FQ refused", url)
    assert said == "Failed to send to ****: token **** refused"
    mail = "mailto://me:hunter2@example.org"
    assert _scrub("login as me with hunter2 failed", mail) == "login as me with **** failed"
