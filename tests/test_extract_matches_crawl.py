"""`jobarchive extract --source X` prints what a crawl of X stores (issue #11, item 4).

Every source's mock is crawled into an archive; then each stored page (its raw body, the
URL it was fetched from, what the listing showed of it) is given to `jobarchive extract
--source X --json`, which must print exactly the fields and text the crawl stored.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from archive.bodies import get_body
from crawler.cli import cli
from crawler.mocksites.board import BOARD_SOURCE_NAMES
from tests.mock_archive import SOURCES, crawl_every_mock

PER_SOURCE = 8  # postings compared per source
COMPARED = (
    "title", "organization", "location", "country", "grade", "contract_type", "job_number",
    "posted_date", "closing_date", "status", "categories", "extra", "text",
)  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return crawl_every_mock(tmp_path_factory.mktemp("extract"))


def stored(db: Path, source: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            "SELECT v.*, f.url AS fetch_url FROM postings p JOIN versions v ON v.posting_id = p.id "
            "AND v.version = p.current_version LEFT JOIN fetches f ON f.source = p.source "
            "AND f.source_key = p.source_key WHERE p.source = ? ORDER BY p.id LIMIT ?",
            (source, PER_SOURCE),
        ).fetchall()
        out = []
        for row in rows:
            version = dict(row)
            version["body"] = get_body(conn, row["body_hash"])
            out.append(version)
        return out
    finally:
        conn.close()


@pytest.mark.parametrize("source", SOURCES)
def test_extract_prints_what_the_crawl_stored(archive, source, tmp_path):
    db, config = archive
    versions = stored(db, source)
    assert versions, f"the crawl stored nothing of {source}"
    for version in versions:
        page = tmp_path / "page"
        page.write_bytes(version["body"])
        args = ["extract", str(page), "--source", source, "--url", version["fetch_url"], "--json"]
        if version["listed"]:
            args += ["--listed", version["listed"]]
        if source in BOARD_SOURCE_NAMES:
            args += ["--config", str(config)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        printed = json.loads(result.output)
        expected = {
            name: json.loads(version[name] or "null")
            if name in ("categories", "extra")
            else version[name]
            for name in COMPARED
        }
        expected["categories"] = expected["categories"] or []
        expected["extra"] = expected["extra"] or {}
        printed["categories"] = printed.get("categories") or []
        printed["extra"] = printed.get("extra") or {}
        assert {name: printed.get(name) for name in COMPARED} == expected, version["url"]
