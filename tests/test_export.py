"""`jobarchive export`: postings or versions as JSON Lines or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from tests.datasette_sample import Sample, build


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build(tmp_path_factory.mktemp("export") / "archive.db")


def export(sample: Sample, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(sample.path), "export", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_postings_as_jsonl(sample: Sample) -> None:
    lines = [json.loads(line) for line in export(sample).splitlines()]
    assert [p["id"] for p in lines] == [1, 2, 3, 4, 5, 6, 7]
    first = lines[0]
    assert (first["source"], first["source_key"], first["closing_date"]) == (
        "unicef",
        "1001",
        sample.day(10),
    )
    assert "Fluency in English and French" in first["text"]  # the current version's text
    assert first["categories"] is None and lines[3]["status"] == "removed"


def test_versions_as_jsonl_decode_json_columns(sample: Sample) -> None:
    lines = [json.loads(line) for line in export(sample, "--versions").splitlines()]
    assert [(v["posting_id"], v["version"]) for v in lines][:3] == [(1, 1), (1, 2), (2, 1)]
    assert len(lines) == 9
    assert lines[1]["changed_fields"] == ["grade", "closing_date", "text"]


def test_postings_as_csv(sample: Sample) -> None:
    table = list(csv.DictReader(io.StringIO(export(sample, "--format", "csv"))))
    assert len(table) == 7
    assert table[1]["location"] == "Genève"
    assert table[1]["text"] == "Protect refugees in Geneva.\n<script>alert(1)</script>\n"
    assert list(table[0])[:3] == ["id", "source", "source_key"]


def test_versions_as_csv_keep_lists_as_json(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "versions.csv"
    assert export(sample, "--versions", "--format", "csv", "-o", str(out)) == ""
    with out.open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert json.loads(table[1]["changed_fields"]) == ["grade", "closing_date", "text"]


def test_missing_archive(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "export"])
    assert result.exit_code == 1
    assert "No archive at" in result.output
