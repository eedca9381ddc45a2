"""The command line meets people halfway: --db after the command, a POSTING named the way
people copy it, `history` and `export` that pick what to show.

One test per case. The archive is a real SQLite file written through the archive
library; commands run through click's CliRunner, and one crawl in its own process
against a mock site on 127.0.0.1.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Archive, Snapshot
from crawler.cli import cli
from crawler.demo import crawl_command
from crawler.mocksites import MockSites

ROOT = Path(__file__).resolve().parents[1]
UNICEF = "https://jobs.unicef.org/en-us/job/577857/child-protection-officer-mexico"
UNICEF_OLD = "https://jobs.unicef.org/en-us/job/577857/child-protection-officer"
WORKDAY = (
    "https://unhcr.wd3.myworkdayjobs.com/en-US/External/job/Panama-City/"
    "Information-Management-Officer_JR-2632"
)


def ago(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Postings 1-7 (ids in this order):

    1 unicef:577857     new 20 days ago, changed 10 days ago (closing date, text, new slug)
    2 unhcr:JR-2632     new 15 days ago (a Workday URL, the key inside the last segment)
    3 unicef:1001       new 30 days ago  } one key, two sources
    4 uncareers:1001    new 29 days ago  } (a URL keyed by its query)
    5 impactpool:1      new 25 days ago (its key is the id of posting 1)
    6 unhcr:JR-3000     new 40 days ago, removed today, back today with another grade
    7 unhcr:JR-3001     new 40 days ago, removed today
    """
    path = tmp_path_factory.mktemp("lenient") / "archive.db"

    def snap(source: str, key: str, url: str, title: str, days: float, **kw: object) -> Snapshot:
        return Snapshot(source, key, url, title=title, fetched_at=ago(days), **kw)  # type: ignore[arg-type]

    with Archive(path) as archive:
        unicef, unhcr = archive.start_run("unicef"), archive.start_run("unhcr")
        officer = {"organization": "UNICEF", "location": "Mexico City", "grade": "NO-1"}
        archive.store(
            snap("unicef", "577857", UNICEF_OLD, "Child Protection Officer", 20,
                 closing_date="2026-10-14", text="Plan.\nMonitor results.", **officer),
            unicef,
        )  # fmt: skip
        archive.store(
            snap("unhcr", "JR-2632", WORKDAY, "Information Management Officer", 15,
                 organization="UNHCR", grade="P-3", text="Manage information."),
            unhcr,
        )  # fmt: skip
        archive.store(
            snap("unicef", "1001", "https://jobs.unicef.org/en-us/job/1001/driver", "Driver", 30,
                 text="Drive.", extra={"organization_raw": "unicef"}),
            unicef,
        )  # fmt: skip
        archive.store(
            snap("uncareers", "1001", "https://careers.un.org/jobSearchDescription/1001?language=en",
                 "Editor", 29, text="Edit."),
        )  # fmt: skip
        archive.store(
            snap("impactpool", "1", "https://www.impactpool.org/jobs/1", "Analyst", 25, text="A."),
        )
        for key in ("JR-3000", "JR-3001"):
            archive.store(
                snap("unhcr", key, f"https://unhcr.wd3.myworkdayjobs.com/job/x_{key}",
                     f"Officer {key}", 40, grade="P-2", text="Protect."),
                unhcr,
            )  # fmt: skip
        archive.store(
            snap("unicef", "577857", UNICEF, "Child Protection Officer", 10,
                 closing_date="2026-10-28", text="Plan.\nMonitor and report results.",
                 **officer),
            unicef,
        )  # fmt: skip
        archive.finish_run(unhcr, listed_keys=["JR-2632"], listing_complete=True)
        back = archive.start_run("unhcr")
        archive.store(
            Snapshot("unhcr", "JR-3000", "https://unhcr.wd3.myworkdayjobs.com/job/x_JR-3000",
                     title="Officer JR-3000", grade="P-3", text="Protect."),
            back,
        )  # fmt: skip
    return path


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], env=env)
    return result.exit_code, result.output


def after(db: Path, *args: str) -> tuple[int, str]:
    """The command with --db after it, not before."""
    result = CliRunner().invoke(cli, [*args, "--db", str(db)])
    return result.exit_code, result.output


def heading(out: str) -> str:
    """The first line of `history POSTING`: source:key and title."""
    return out.splitlines()[0]


# -- --db after the command ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "unicef:577857"],
        ["diff", "unicef:577857"],
        ["export", "--format", "csv"],
        ["export", "--versions"],
        ["serve", "--print-metadata"],
    ],
)
def test_db_after_the_command_reads_the_same_archive(db: Path, args: list[str]) -> None:
    assert after(db, *args) == run(db, *args)
    assert run(db, *args)[0] == 0


def test_db_with_equals_sign_after_the_command(db: Path) -> None:
    result = CliRunner().invoke(cli, ["history", "unicef:577857", f"--db={db}"])
    assert result.exit_code == 0, result.output
    assert heading(result.output) == "unicef:577857  Child Protection Officer"


def test_db_after_the_command_wins_over_the_environment_and_before(
    db: Path, tmp_path: Path
) -> None:
    elsewhere = str(tmp_path / "elsewhere.db")
    result = CliRunner().invoke(
        cli, ["--db", elsewhere, "history", "2", "--db", str(db)], env={"JOBARCHIVE_DB": elsewhere}
    )
    assert result.exit_code == 0, result.output
    assert heading(result.output) == "unhcr:JR-2632  Information Management Officer"
    assert not Path(elsewhere).exists()


def test_db_before_the_command_still_works_and_is_what_help_shows(db: Path) -> None:
    assert run(db, "history", "2")[0] == 0
    assert "--db FILE" in CliRunner().invoke(cli, ["--help"]).output
    assert "--db" not in CliRunner().invoke(cli, ["history", "--help"]).output


def test_db_after_the_command_without_a_value_is_a_usage_error(db: Path) -> None:
    result = CliRunner().invoke(cli, ["history", "--db"])
    assert result.exit_code == 2
    assert "Option '--db' requires an argument." in result.output


def test_db_after_the_command_counts_as_given(tmp_path: Path) -> None:
    """demo builds demo.db unless --db names a file: named after the command, too."""
    mine = tmp_path / "mine.db"
    mine.write_bytes(b"precious")
    code, out = after(mine, "demo")
    assert code == 1
    assert f"{mine} exists; the demo builds a fresh archive" in out
    assert mine.read_bytes() == b"precious"


def test_only_value_options_of_the_group_follow_the_command(db: Path) -> None:
    """--version after a command is no option of it: `export --version` is a typo of
    --versions, and says so instead of printing the version."""
    code, out = after(db, "export", "--version")
    assert code == 2
    assert "No such option '--version'." in out and "'--versions'" in out


def test_crawl_with_db_after_the_command_crawls_into_that_file(tmp_path: Path) -> None:
    db = tmp_path / "after.db"
    with MockSites(["unicef"]) as sites:
        argv = crawl_command(db, sites.base_urls)
        at = argv.index("--db")
        argv = [*argv[:at], *argv[at + 2 :], "--db", str(db)]
        assert argv.index("crawl") < argv.index("--db")
        result = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "No such option" not in result.stderr
    with Archive(db, readonly=True) as archive:
        count = archive.conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    assert count == len(sites["unicef"].snapshot())
    assert not (tmp_path / "archive.db").exists() and not (ROOT / "after.db").exists()


# -- POSTING named as people copy it ------------------------------------------------------

FOUND = {
    "unicef:577857": "unicef:577857  Child Protection Officer",
    "unhcr:JR-2632": "unhcr:JR-2632  Information Management Officer",
    "uncareers:1001": "uncareers:1001  Editor",
}


@pytest.mark.parametrize(
    "ref, posting",
    [
        ("UNICEF:577857", "unicef:577857"),
        ("unhcr:jr-2632", "unhcr:JR-2632"),
        ("Unhcr:Jr-2632", "unhcr:JR-2632"),
        (" unicef:577857 ", "unicef:577857"),
    ],
)
@pytest.mark.parametrize("command", ["history", "diff"])
def test_posting_matches_ignoring_case(db: Path, command: str, ref: str, posting: str) -> None:
    code, out = run(db, command, ref)
    if command == "history":
        assert (code, heading(out)) == (0, FOUND[posting])
    elif posting == "unhcr:JR-2632":  # found, and it has one version
        assert (code, out) == (1, f"Error: {posting} has only one version, so there is "
                               "nothing to compare yet.\n")  # fmt: skip
    else:
        assert code == 0, out


@pytest.mark.parametrize(
    "ref, posting",
    [("577857", "unicef:577857"), ("JR-2632", "unhcr:JR-2632"), ("jr-2632", "unhcr:JR-2632")],
)
def test_a_bare_source_key_names_the_one_posting_with_it(db: Path, ref: str, posting: str) -> None:
    code, out = run(db, "history", ref)
    assert code == 0, out
    assert heading(out) == FOUND[posting]


def test_a_bare_key_of_several_postings_names_them_all(db: Path) -> None:
    code, out = run(db, "history", "1001")
    assert code == 1
    assert out == (
        "Error: '1001' matches 2 postings: uncareers:1001 (Editor) and unicef:1001 (Driver). "
        "Name one as source:source_key or by its numeric id.\n"
    )


def test_source_narrows_a_bare_key(db: Path) -> None:
    code, out = run(db, "history", "1001", "--source", "uncareers")
    assert code == 0, out
    assert heading(out) == "uncareers:1001  Editor"


def test_a_number_is_the_id_first_and_a_person_is_told_of_the_key(db: Path) -> None:
    """At a terminal, the note goes to stderr; the posting shown is posting id 1."""
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "crawler.cli", "--db", str(db), "history", "1"],
            stdout=subprocess.PIPE, stderr=secondary, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
        os.close(secondary)
        said = b""
        while select.select([primary], [], [], 1)[0]:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal is closed once all was read
                break
            if not chunk:
                break
            said += chunk
    finally:
        os.close(primary)
    assert result.returncode == 0
    assert heading(result.stdout) == FOUND["unicef:577857"]
    assert said.decode().replace("\r\n", "\n") == (
        "note: 1 is posting id 1; impactpool:1 (Analyst) has it as source key.\n"
    )


def test_a_number_is_the_id_and_scripts_get_no_note(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "history", "1"])
    assert result.exit_code == 0
    assert heading(result.stdout) == FOUND["unicef:577857"]
    assert result.stderr == ""


@pytest.mark.parametrize(
    "url",
    [
        UNICEF,
        UNICEF + "#how-to-apply",
        UNICEF + "?utm_source=newsletter&utm_medium=email",
        UNICEF + "/",
        UNICEF.replace("https://", "http://"),
        UNICEF.replace("jobs.", "www.jobs."),
        UNICEF.upper().replace("HTTPS://", "https://"),
        UNICEF.removeprefix("https://"),
        "https://jobs.unicef.org/en-us/job/577857",  # without its slug
        "https://jobs.unicef.org/en-us/job/577857/a-slug-the-site-gave-it-since",
        UNICEF_OLD,  # the URL of its first version
    ],
)
@pytest.mark.parametrize("command", ["history", "diff"])
def test_posting_by_url_with_or_without_slug_query_or_fragment(
    db: Path, command: str, url: str
) -> None:
    code, out = run(db, command, url)
    assert code == 0, out
    if command == "history":
        assert heading(out) == FOUND["unicef:577857"]


@pytest.mark.parametrize(
    "url, posting",
    [
        (WORKDAY + "?source=LinkedIn", "unhcr:JR-2632"),
        (WORKDAY.replace("Panama-City/Information-Management-Officer", "Geneva/IM-Officer"),
         "unhcr:JR-2632"),
        ("https://careers.un.org/jobSearchDescription/1001", "uncareers:1001"),
        ("https://careers.un.org/jobSearchDescription/1001?language=fr", "uncareers:1001"),
    ],
)  # fmt: skip
def test_posting_by_url_of_other_sites(db: Path, url: str, posting: str) -> None:
    code, out = run(db, "history", url)
    assert code == 0, out
    assert heading(out) == FOUND[posting]


def test_a_url_of_no_posting_is_not_taken_for_one(db: Path) -> None:
    code, out = run(db, "history", "https://jobs.unicef.org/en-us/listing/")
    assert code == 1
    assert out.startswith("Error: No posting matches 'https://jobs.unicef.org/en-us/listing/'.")


@pytest.mark.parametrize(
    "ref, meant",
    [
        ("unicef:57785", "unicef:577857 (Child Protection Officer)"),  # a digit missing
        ("unhcr:577857", "unicef:577857 (Child Protection Officer)"),  # another source's key
        ("unhrc:JR-2632", "unhcr:JR-2632 (Information Management Officer)"),  # source typo
        ("JR-2623", "unhcr:JR-2632 (Information Management Officer)"),  # bare key typo
        ("https://jobs.unicef.org/en-us/job/577587", "unicef:577857 (Child Protection Officer)"),
    ],
)
@pytest.mark.parametrize("command", ["history", "diff"])
def test_a_near_miss_says_did_you_mean(db: Path, command: str, ref: str, meant: str) -> None:
    code, out = run(db, command, ref)
    assert code == 1
    assert out.startswith(f"Error: No posting matches {ref!r}. Did you mean {meant}? Give its ")
    assert out.count("\n") == 1


def test_nothing_close_says_how_to_name_a_posting(db: Path) -> None:
    code, out = run(db, "diff", "zzz-nothing")
    assert (code, out) == (
        1,
        "Error: No posting matches 'zzz-nothing'. Give its numeric id, source:source_key "
        "(for example unicef:577857), its source key or its URL; `jobarchive history` lists "
        "what is archived.\n",
    )


# -- history: header, event kinds, changed fields, --json, --since, --source ---------------


def test_history_lists_postings_under_a_header_with_what_happened(db: Path) -> None:
    code, out = run(db, "history")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "posting", "version", "status", "at", "event", "title"]
    rows = [line.split("  ") for line in lines[1:]]
    cells = [[c.strip() for c in row if c.strip()] for row in rows]
    assert [(c[0], c[1], c[2], c[3], c[5]) for c in cells] == [
        ("6", "unhcr:JR-3000", "v2", "open", "reopened, changed: grade"),
        ("7", "unhcr:JR-3001", "v1", "removed", "removed"),
        ("1", "unicef:577857", "v2", "open", "changed: closing_date, text"),
        ("2", "unhcr:JR-2632", "v1", "open", "new"),
        ("5", "impactpool:1", "v1", "open", "new"),
        ("4", "uncareers:1001", "v1", "open", "new"),
        ("3", "unicef:1001", "v1", "open", "new"),
    ]
    # The columns line up under the header, the title last.
    assert {line.index(" v") for line in lines[1:]} == {lines[0].index(" version")}
    assert lines[3].endswith("  Child Protection Officer")


def test_history_limit(db: Path) -> None:
    code, out = run(db, "history", "--limit", "2")
    assert code == 0
    assert len(out.splitlines()) == 3


def test_history_json_lists_recent_changes(db: Path) -> None:
    code, out = run(db, "history", "--json", "--limit", "3")
    assert code == 0
    found = json.loads(out)
    assert [(c["posting_id"], c["events"], c["changed_fields"]) for c in found] == [
        (6, ["reopened", "changed"], ["grade"]),
        (7, ["removed"], []),
        (1, ["changed"], ["closing_date", "text"]),
    ]
    assert set(found[0]) == {
        "posting_id", "source", "source_key", "title", "status", "current_version", "at",
        "events", "changed_fields",
    }  # fmt: skip


def test_history_json_of_one_posting(db: Path) -> None:
    code, out = run(db, "history", "unicef:577857", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["posting"]["source_key"] == "577857"
    assert document["posting"]["closing_date"] == "2026-10-28"
    assert document["versions"] == 2
    assert [(e["event"], e["version"], e["changed_fields"]) for e in document["events"]] == [
        ("new", 1, []),
        ("changed", 2, ["closing_date", "text"]),
    ]


@pytest.mark.parametrize(
    "since", ["12d", (datetime.now(UTC) - timedelta(days=12)).date().isoformat()]
)
def test_history_since_lists_only_what_changed_since(db: Path, since: str) -> None:
    code, out = run(db, "history", "--since", since)
    assert code == 0, out
    assert [line.split()[1] for line in out.splitlines()[1:]] == [
        "unhcr:JR-3000",
        "unhcr:JR-3001",
        "unicef:577857",
    ]


def test_history_since_an_instant_with_offset(db: Path) -> None:
    moment = (datetime.now(UTC) - timedelta(days=16)).astimezone().isoformat(timespec="seconds")
    code, out = run(db, "history", "--since", moment, "--json")
    assert code == 0, out
    assert [c["source_key"] for c in json.loads(out)] == ["JR-3000", "JR-3001", "577857", "JR-2632"]


def test_history_since_of_one_posting_shows_its_later_events(db: Path) -> None:
    code, out = run(db, "history", "unicef:577857", "--since", "15d")
    assert code == 0
    events = out.split("\n\n", 1)[1].splitlines()
    assert len(events) == 1 and events[0].startswith("v2 ")
    assert events[0].endswith("  changed: closing_date, text")


def test_history_since_with_nothing_since(db: Path) -> None:
    code, out = run(db, "history", "--since", "2099-01-01")
    assert (code, out) == (0, "No posting changed since 2099-01-01T00:00:00+00:00.\n")


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01", "7 days"])
def test_history_bad_since_is_a_one_line_usage_error(db: Path, bad: str) -> None:
    code, out = run(db, "history", "--since", bad)
    assert code == 2
    assert out == (
        f"Error: --since {bad!r}: give a day (2026-01-05), an instant "
        "(2026-01-05T10:00+02:00) or an age (12h, 7d, 2w)\n"
    )


@pytest.mark.parametrize("sources", [["--source", "unicef"], ["--source", "UNICEF"]])
def test_history_source_keeps_to_that_source(db: Path, sources: list[str]) -> None:
    code, out = run(db, "history", *sources)
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()[1:]] == ["unicef:577857", "unicef:1001"]


def test_history_several_sources(db: Path) -> None:
    for args in (
        ["--source", "impactpool", "--source", "uncareers"],
        ["--source", "impactpool,uncareers"],
    ):
        code, out = run(db, "history", *args)
        assert code == 0
        assert [line.split()[1] for line in out.splitlines()[1:]] == [
            "impactpool:1",
            "uncareers:1001",
        ]


def test_history_unknown_source_says_did_you_mean(db: Path) -> None:
    code, out = run(db, "history", "--source", "unicf")
    assert code == 2
    assert out.startswith("Error: --source unicf: no such source. Did you mean unicef? Sources: ")
    assert out.count("\n") == 1


def test_history_of_a_source_not_crawled_yet_is_empty_not_an_error(db: Path) -> None:
    assert run(db, "history", "--source", "state_jpo") == (0, "No posting of state_jpo changed.\n")


# -- export: --source, --since, --status, --format, self-contained rows -------------------


def export(db: Path, *args: str) -> str:
    code, out = run(db, "export", *args)
    assert code == 0, out
    return out


def test_export_versions_carry_source_and_source_key(db: Path) -> None:
    lines = [json.loads(line) for line in export(db, "--versions").splitlines()]
    assert list(lines[0])[:5] == ["id", "posting_id", "source", "source_key", "version"]
    assert (lines[0]["source"], lines[0]["source_key"], lines[0]["version"]) == (
        "unicef",
        "577857",
        1,
    )


def test_export_postings_carry_extra(db: Path) -> None:
    found = {
        p["source_key"]: p for p in map(json.loads, export(db, "--source", "unicef").splitlines())
    }
    assert found["1001"]["extra"] == {"organization_raw": "unicef"}
    assert found["577857"]["extra"] is None  # none stored
    table = list(csv.DictReader(io.StringIO(export(db, "--format", "csv", "--source", "unicef"))))
    assert json.loads(table[1]["extra"]) == {"organization_raw": "unicef"}


@pytest.mark.parametrize(
    "args, keys",
    [
        (["--source", "unhcr"], ["JR-2632", "JR-3000", "JR-3001"]),
        (["--source", "UNHCR", "--source", "impactpool"], ["JR-2632", "1", "JR-3000", "JR-3001"]),
        (["--status", "removed"], ["JR-3001"]),
        (["--status", "open", "--source", "unhcr"], ["JR-2632", "JR-3000"]),
        (["--status", "REMOVED", "--status", "closed"], ["JR-3001"]),
        (["--since", "12d"], ["577857", "JR-3000", "JR-3001"]),  # changed, reopened, removed
        (["--since", "12d", "--status", "open"], ["577857", "JR-3000"]),
    ],
)
def test_export_postings_selected(db: Path, args: list[str], keys: list[str]) -> None:
    assert [json.loads(line)["source_key"] for line in export(db, *args).splitlines()] == keys


def test_export_versions_since_are_those_fetched_since(db: Path) -> None:
    found = [json.loads(line) for line in export(db, "--versions", "--since", "12d").splitlines()]
    assert [(v["source_key"], v["version"]) for v in found] == [("577857", 2), ("JR-3000", 2)]


def test_export_versions_of_a_source_and_status(db: Path) -> None:
    out = export(db, "--versions", "--source", "unhcr", "--status", "open", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [(r["source_key"], r["version"]) for r in table] == [
        ("JR-2632", "1"),
        ("JR-3000", "1"),
        ("JR-3000", "2"),
    ]


@pytest.mark.parametrize("versions", [[], ["--versions"]])
def test_export_as_one_json_array(db: Path, versions: list[str]) -> None:
    as_array = json.loads(export(db, "--format", "json", *versions))
    as_lines = [
        json.loads(line) for line in export(db, "--format", "jsonl", *versions).splitlines()
    ]
    assert as_array == as_lines and len(as_array) in (7, 9)


def test_export_json_of_nothing_is_an_empty_array(db: Path) -> None:
    assert json.loads(export(db, "--format", "json", "--since", "2099-01-01")) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["--source", "unicf"], "Error: --source unicf: no such source. Did you mean unicef?"),
        (["--since", "last week"], "Error: --since 'last week': give a day (2026-01-05)"),
        (["--status", "gone"], "Error: Invalid value for '--status': 'gone' is not one of"),
    ],
)
def test_export_bad_input_is_an_error_and_leaves_the_file(
    db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "postings.csv"
    out.write_text("the last good export\n")
    code, said = run(db, "export", "--format", "csv", "-o", str(out), *args)
    assert code == 2
    assert message in said
    assert out.read_text() == "the last good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["postings.csv"]


def test_export_to_a_file_replaces_it_whole(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "postings.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    assert export(db, "-o", str(out), "--source", "impactpool") == ""
    assert [json.loads(line)["source_key"] for line in out.read_text().splitlines()] == ["1"]
    assert out.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["postings.jsonl"]


def test_export_into_a_missing_folder_is_one_line(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.jsonl"
    code, out = run(db, "export", "-o", str(target))
    assert (code, out) == (1, f"Error: Cannot write {target}: No such file or directory.\n")
