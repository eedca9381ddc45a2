"""The site's template, learned from a whole crawl (crawler/sitelines.py, issue #14).

First the rules on texts made here, each with the posting's own lines it must keep;
then real crawls of the Impactpool mock in its rotating mode (each fetch, a meta line and
a block of four other postings chosen anew, around a posting that never changes): five
crawls make one version per posting, and the stored texts hold the posting, the
employer's own repeated line included, and none of the rotating chrome. With the rule
off, every crawl makes a version of every posting: what it is there for.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive import Archive
from archive.sitelines import LineCounts, load_line_counts, save_line_counts
from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import MockSites
from crawler.mocksites.impactpool import ImpactpoolSite
from crawler.sitelines import SiteLines, is_stamp

ROOT = Path(__file__).resolve().parent.parent

TITLES = {
    "1": "Programme Officer",
    "2": "Finance Associate",
    "3": "Protection Officer (Refugee Status Determination)",
    "4": "Epidemiologist",
    "5": "Programme Officer",
}


def learned() -> SiteLines:
    return SiteLines(LineCounts("board"), dict(TITLES))


POSTING = """# Programme Officer

- Location: Nairobi
- Closing date: 2026-12-01

## Duties

Lead the programme's partnerships with government and civil society.

- Programme Officer duties include reporting.
"""


def test_a_block_of_other_postings_is_dropped_card_by_card():
    text = POSTING + (
        "\n## Similar jobs\n\nFinance Associate\nUNDP\nBeirut\n\n"
        "Protection Officer (Refugee Status Determination), Geneva\nUNHCR\nGeneva\n\n"
        "Epidemiologist\nWHO\nDakar\n"
    )
    cleaned = learned().clean(text, "1", "Programme Officer")
    # The heading stays: on a site of one employer it is not told from the posting's
    # last line (on a board, it is a template line).
    assert cleaned.text == POSTING + "\n## Similar jobs"
    assert cleaned.dropped == {"related": 9}


def test_another_postings_title_alone_or_the_postings_own_title_is_kept():
    # One mention of another posting is no list; the posting's own title is never one,
    # though another posting (key 5) has the same title.
    text = POSTING + "\nThe Finance Associate will support this post.\nFinance Associate\n"
    assert learned().clean(text, "1", "Programme Officer").text == text
    with_own = "# Programme Officer\n\nProgramme Officer\nNairobi\n\nLead the work."
    assert learned().clean(with_own, "1", "Programme Officer").text == with_own


def _site_of(orgs: list[str], extra: dict[str, list[str]]) -> SiteLines:
    site = SiteLines(LineCounts("board"), {})
    for n, org in enumerate(orgs):
        lines = [f"# Post {n}", f"Body text of post {n} in full sentences.", *extra.get(org, [])]
        site.saw(str(n), f"Post {n}", org, None, "\n".join(lines))
    return site


def test_a_short_line_most_postings_of_several_employers_carry_is_the_template():
    orgs = ["UNDP", "UNHCR", "WFP", "UNICEF", "IOM"] * 5
    board = ["Get job alerts like this one", "Report this job"]
    site = _site_of(orgs, {org: board for org in orgs})
    text = "# Post 0\nBody text of post 0 in full sentences.\nGet job alerts like this one"
    cleaned = site.clean(text, "0", "Post 0")
    assert cleaned.text == "# Post 0\nBody text of post 0 in full sentences."
    assert cleaned.dropped == {"template": 1}


def test_an_employers_own_line_repeated_in_all_its_postings_is_kept():
    # A source of one employer: its line is in every posting, and part of each.
    site = _site_of(["UNICEF"] * 25, {"UNICEF": ["For every child, hope"]})
    text = "# Post 0\nBody.\nFor every child, hope"
    assert site.clean(text, "0", "Post 0").text == text
    # On a board, a line of one employer's postings only is that employer's.
    orgs = ["UNICEF"] * 24 + ["WFP"]
    site = _site_of(orgs, {"UNICEF": ["UNICEF is committed to diversity and inclusion"]})
    text = "# Post 0\nBody.\nUNICEF is committed to diversity and inclusion"
    assert site.clean(text, "0", "Post 0").text == text


def test_prose_headings_lists_and_fields_are_never_template():
    orgs = ["UNDP", "UNHCR", "WFP", "UNICEF", "IOM"] * 5
    shared = [
        "Under the supervision of the head of unit:",
        "## Qualifications",
        "- Fluency in English is required",
        "Contract type: Fixed term",
        "**Background**",
        "Applications from women are encouraged.",
    ]
    site = _site_of(orgs, {org: shared for org in orgs})
    text = "\n".join(["# Post 0", *shared])
    assert site.clean(text, "0", "Post 0").text == text


def test_nothing_is_template_before_enough_postings_are_learned():
    orgs = ["UNDP", "UNHCR", "WFP", "UNICEF"] * 4
    site = _site_of(orgs, {org: ["Report this job"] for org in orgs})
    text = "# Post 0\nReport this job"
    assert site.clean(text, "0", "Post 0").text == text


@pytest.mark.parametrize(
    "line",
    [
        "Posted 7 hours ago · 8,436 views",
        "Posted today",
        "Publié il y a 3 jours",
        "Veröffentlicht vor 2 Tagen",
        "Publicado hace 5 días · 120 visitas",
        "1,204 applicants",
    ],
)
def test_a_stamp_of_how_long_ago_or_how_often_seen_is_dropped(line):
    assert is_stamp(line)
    assert learned().clean(f"# Officer\n{line}\nThe work.", "1", "Officer").text == (
        "# Officer\nThe work."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Closing date: 5 December 2026",
        "- 5 years of experience in programme management",
        "The post was advertised 3 weeks ago and is now re-advertised with a longer deadline "
        "because too few candidates applied in the first round of the recruitment.",
    ],
)
def test_dates_and_durations_of_the_posting_are_no_stamp(line):
    assert not is_stamp(line)


def test_what_was_learned_is_kept_in_the_archive_and_each_posting_counted_once(tmp_path):
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        counts = load_line_counts(archive.conn, "board")
        assert counts.add("1", "UNDP", ["report this job"])
        assert not counts.add("1", "UNDP", ["report this job"])  # counted once
        assert counts.add("2", "WFP", ["report this job", "apply now"])
        with archive.transaction() as conn:
            save_line_counts(conn, counts)
    with Archive(db) as archive:
        again = load_line_counts(archive.conn, "board")
    assert (again.postings, again.shapes) == (2, {"report this job": 2, "apply now": 1})
    assert again.organizations["report this job"] == {"UNDP", "WFP"}
    assert again.learned == {"1", "2"}


# -- crawls of a site whose pages rotate around an unchanging posting -------------------


def crawl(db: Path, url: str, *extra: str) -> dict[str, object]:
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", "impactpool",
            "--json", "--set-url", f"impactpool={url}", *extra]  # fmt: skip
    for key, value in LOCAL_SITE_SETTINGS.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    [run] = json.loads(done.stdout)
    return run


def stored(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT p.source_key, v.text FROM versions v JOIN postings p ON p.id = v.posting_id "
            "ORDER BY v.version"
        ).fetchall()
    finally:
        conn.close()
    out: dict[str, list[str]] = {}
    for key, text in rows:
        out.setdefault(key, []).append(text)
    return out


def chrome_lines(site: ImpactpoolSite, key: str, text: str) -> list[str]:
    """The rotating chrome a stored text holds: other postings' titles, the meta line."""
    own = site.get(key)
    others = {p.title for p in site.snapshot() if p.title != own.title}
    return [
        line
        for line in text.splitlines()
        if line.strip() in others
        or re.search(r"hours ago|\bviews\b|Get job alerts|More openings", line)
    ]


@pytest.fixture(scope="module")
def rotating(tmp_path_factory):
    work = tmp_path_factory.mktemp("rotating")
    site = ImpactpoolSite()
    site.rotating = True
    with MockSites(sites=[site]) as sites:
        url = sites.base_urls["impactpool"]
        # Every detail page on every crawl: what is learned is read into each page again.
        runs = [crawl(work / "on.db", url, "-s", "JOBARCHIVE_REVISIT_AFTER=0") for _ in range(5)]
        # Without the rule, and fetching every detail page on each crawl.
        off_settings = ["-s", "JOBARCHIVE_SITE_LINES=false", "-s", "JOBARCHIVE_REVISIT_AFTER=0"]
        off = [crawl(work / "off.db", url, *off_settings) for _ in range(2)]
        page = site.detail(site.snapshot()[7]).body
    return {"site": site, "runs": runs, "off": off, "work": work, "page": page}


def test_five_crawls_of_rotating_pages_make_one_version_per_posting(rotating):
    runs, site = rotating["runs"], rotating["site"]
    postings = len(site.snapshot())
    assert runs[0]["new"] == postings
    # The second crawl reads again, without the chrome, the texts that the first stored
    # before it had learned enough: re-readings, no versions. Then nothing is left to do.
    assert (runs[1]["changed"], runs[1]["unchanged"] + runs[1]["reextracted"]) == (0, postings)
    assert runs[1]["reextracted"] > 0
    for run in runs[2:]:
        assert (run["changed"], run["unchanged"], run["reextracted"]) == (0, postings, 0), run
    assert all(run["template_lines_dropped"] > 0 for run in runs)
    versions = stored(rotating["work"] / "on.db")
    assert {key: len(texts) for key, texts in versions.items()} == dict.fromkeys(versions, 1)


def test_without_the_rule_every_crawl_makes_a_version_of_every_posting(rotating):
    first, second = rotating["off"]
    assert second["changed"] == len(rotating["site"].snapshot())
    assert first["template_lines_dropped"] == second["template_lines_dropped"] == 0


def test_the_stored_texts_hold_the_posting_whole_and_none_of_the_rotating_chrome(rotating):
    site = rotating["site"]
    on, off = stored(rotating["work"] / "on.db"), stored(rotating["work"] / "off.db")
    leaked_on = leaked_off = 0
    for key, [text] in on.items():
        posting = site.get(key)
        leaked_on += len(chrome_lines(site, key, text))
        leaked_off += len(chrome_lines(site, key, off[key][-1]))
        # Every line of the posting's own sections is there, those every posting of
        # every employer repeats ("An advanced university degree ...") included...
        for _, body in posting.sections:
            for line in body.splitlines():
                assert line.strip("• ").strip() in text, (key, line)
        # ... and its employer's own line, repeated in each of that employer's postings.
        employer = posting.organization.split(" - ")[0]
        assert f"{employer} is committed to diversity and inclusion" in text, key
    # What the first crawl stored before it had learned enough, the second read again.
    assert leaked_on == 0, leaked_on
    assert leaked_off > 4 * len(on)


def test_extract_takes_out_what_the_archive_learned(rotating, tmp_path):
    page = tmp_path / "job.html"
    page.write_bytes(rotating["page"])
    db = rotating["work"] / "on.db"
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "extract", str(page),
            "--source", "impactpool", "--json"]  # fmt: skip
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["template_lines_dropped"] >= 10
    site = rotating["site"]
    key = site.snapshot()[7].key
    assert chrome_lines(site, key, result["text"]) == []
    alone = subprocess.run(
        [*argv[:4], str(tmp_path / "none.db"), *argv[5:]],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "template_lines_dropped" not in json.loads(alone.stdout)
    assert chrome_lines(site, key, json.loads(alone.stdout)["text"])
