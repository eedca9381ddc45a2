"""`jobarchive serve`: what it hands datasette, and its help."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Archive, Snapshot
from crawler.cli import cli
from crawler.cli.serve import datasette_argv
from tests.datasette_sample import Sample, build


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build(tmp_path_factory.mktemp("serve") / "jobs.db")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_serves_the_archive_with_its_metadata_under_its_own_name(sample: Sample) -> None:
    code, out = invoke(
        "--db", str(sample.path), "serve", "--", "--get", "/jobs/closing_soon.json?_shape=array"
    )
    assert code == 0, out
    assert [r["posting_id"] for r in json.loads(out)] == [2]


def test_immutable_serves_everything_written_so_far(tmp_path: Path) -> None:
    path = tmp_path / "snap.db"
    with Archive(path) as archive:
        archive.store(Snapshot("s", "1", "https://x.org/1", title="Before"))
    # An open reader keeps the WAL from being folded back into the file when the
    # writer closes, and an immutable database is read without its WAL.
    reader = sqlite3.connect(path)
    reader.execute("SELECT count(*) FROM postings").fetchone()
    try:
        with Archive(path) as archive:
            archive.store(Snapshot("s", "2", "https://x.org/2", title="In the WAL"))
        assert (tmp_path / "snap.db-wal").stat().st_size > 0
        code, out = invoke(
            "--db",
            str(path),
            "serve",
            "--immutable",
            "--get",
            "/snap/postings.json?_shape=array&_col=title",
        )
    finally:
        reader.close()
    assert code == 0, out
    assert [r["title"] for r in json.loads(out)] == ["Before", "In the WAL"]


def test_missing_archive_is_a_clear_error(tmp_path: Path) -> None:
    code, out = invoke("--db", str(tmp_path / "none.db"), "serve")
    assert code == 1
    assert f"No archive at {tmp_path / 'none.db'}." in out
    assert not (tmp_path / "none.db").exists()


def test_print_metadata(sample: Sample) -> None:
    code, out = invoke("--db", str(sample.path), "serve", "--print-metadata")
    assert code == 0
    metadata = json.loads(out)
    assert list(metadata["databases"]) == ["jobs"]
    assert set(metadata["databases"]["jobs"]["queries"]) == {
        "closing_soon",
        "recent_changes",
        "posting_history",
    }


def test_datasette_arguments() -> None:
    argv = datasette_argv("a.db", host="127.0.0.1", port=8001, immutable=False, metadata="m.json")
    assert argv == [
        "serve",
        "a.db",
        "--host",
        "127.0.0.1",
        "--port",
        "8001",
        "--metadata",
        "m.json",
        "--setting",
        "truncate_cells_html",
        "300",
        "--setting",
        "suggest_facets",
        "off",
    ]
    argv = datasette_argv(
        "a.db", host="0.0.0.0", port=0, immutable=True, metadata="m", extra=("--cors",)
    )
    assert argv[1:3] == ["--immutable", "a.db"] and argv[-1] == "--cors"


def test_help_says_how_to_open_query_and_publish() -> None:
    code, out = invoke("serve", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "http://127.0.0.1:8001/" in text
    for query in (
        "open_postings",
        "closing_soon",
        "new_this_week",
        "recent_changes",
        "changes",
        "deadline_extensions",
        "removed_postings",
        "posting_history",
    ):
        assert query in text, query
    assert "publish" in text and "--immutable" in text and "Example:" in out
