"""The plugin's diff page, in-process: what it shows, and that archived text stays text."""

from __future__ import annotations

import re

import pytest
from datasette.app import Datasette

from crawler.datasette_plugin.metadata import metadata_for
from tests.datasette_client import content, get
from tests.datasette_sample import Sample, add_hostile, build


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    sample = build(tmp_path_factory.mktemp("page") / "archive.db")
    add_hostile(sample.path)
    return sample


@pytest.fixture(scope="module")
def ds(sample: Sample) -> Datasette:
    return Datasette([str(sample.path)], metadata=metadata_for("archive"))


def test_default_is_the_last_two_versions(ds: Datasette, sample: Sample) -> None:
    response = get(ds, "/-/jobarchive/diff/1")
    assert response.status_code == 200
    page = content(response.text)
    assert "<h1>Nutrition Officer</h1>" in page
    assert '<option value="1" selected>' in page and '<option value="2" selected>' in page
    # field changes on top, each side marked
    fields = page.index('<table class="ja-fields">')
    assert fields < page.index('<div class="ja-text">')
    assert f"<td><del>{sample.day(3)}</del></td>" in page
    assert f"<td><ins>{sample.day(10)}</ins></td>" in page
    assert "<td><del>P-3</del></td>" in page and "<td><ins>P-4</ins></td>" in page
    # then the text, word by word
    assert "Fluency in English <ins>and French </ins>is" in page
    assert "<del>Only internal candidates will be considered.\n</del>" in page
    assert "2 fields changed; text: 8 words inserted, 7 deleted." in re.sub(r"\s+", " ", page)


def test_script_in_the_text_is_shown_as_text(ds: Datasette) -> None:
    page = content(get(ds, "/-/jobarchive/diff/1").text)
    assert "<ins> &lt;script&gt;alert(1)&lt;/script&gt;</ins>" in page
    assert "<script>alert" not in page


def test_long_unchanged_stretches_fold(ds: Datasette) -> None:
    page = content(get(ds, "/-/jobarchive/diff/1").text)
    assert "Duty 3: support the nutrition programme.\n<details" in page
    assert "<summary>⋯ 10 unchanged lines ⋯</summary>Duty 4:" in page


@pytest.mark.parametrize(
    "query", ["?from=1&to=2", "?from=1", "?to=2", "?to={today}", "?from={long_ago}&to=2"]
)
def test_versions_by_number_or_date(ds: Datasette, sample: Sample, query: str) -> None:
    query = query.format(today=sample.day(0), long_ago=sample.day(-19))
    page = content(get(ds, f"/-/jobarchive/diff/unicef:1001{query}").text)
    assert "Fluency in English <ins>and French </ins>is" in page


def test_reversed_versions_swap_insertions_and_deletions(ds: Datasette) -> None:
    page = content(get(ds, "/-/jobarchive/diff/1?from=2&to=1").text)
    assert "Fluency in English <del>and French </del>is" in page


def test_unchanged_text_is_said(ds: Datasette) -> None:
    page = content(get(ds, "/-/jobarchive/diff/6").text)
    assert "text unchanged" in page
    assert '<tr class="ja-field-closing_date">' in page


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/-/jobarchive/diff/999", 404, "No posting matches &#39;999&#39;"),
        ("/-/jobarchive/diff/1?to=7", 400, "unicef:1001 has no version 7; it has versions 1, 2."),
        ("/-/jobarchive/diff/2", 400, "has only one version, so there is nothing to compare yet"),
        ("/-/jobarchive/diff/1?from=soon", 400, "&#39;soon&#39; is neither a version number"),
        ("/-/jobarchive/diff/1?db=other", 404, "No database named &#39;other&#39;"),
    ],
)
def test_errors_say_what_is_wrong(ds: Datasette, path: str, status: int, message: str) -> None:
    response = get(ds, path)
    assert response.status_code == status
    assert message in response.text


def test_hostile_posting_cannot_inject_markup(ds: Datasette) -> None:
    response = get(ds, "/-/jobarchive/diff/evil:1")
    assert response.status_code == 200
    html = response.text
    page = content(html)
    for tag in ("<img", "<b>", "<h1>Injected", "</div><h1>", "<script>document"):
        assert tag not in page, tag
    assert "javascript:" not in html.split('<section class="content">', 1)[1].split('href="')[0]
    assert 'href="javascript' not in html
    assert "&lt;img src=x onerror=&#34;document.body.dataset.pwned=&#39;title&#39;&#34;&gt;" in page
    assert "&lt;b&gt;Bold Org&lt;/b&gt;" in page
    assert "&lt;script&gt;document.body.dataset.pwned=&#39;text&#39;&lt;/script&gt;" in page
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<img" not in title and "&lt;img" in title


def test_permissions_are_checked(sample: Sample) -> None:
    metadata = metadata_for("archive")
    metadata["allow"] = {"id": "someone"}
    ds = Datasette([str(sample.path)], metadata=metadata)
    assert get(ds, "/-/jobarchive/diff/1").status_code == 403


def test_a_version_read_again_by_a_newer_extraction_says_so(tmp_path) -> None:
    from archive import Archive

    sample = build(tmp_path / "archive.db")
    with Archive(sample.path) as archive:
        [row] = archive.stored_versions(1)[:1]
        snapshot = archive_snapshot(archive, row)
        at = "2026-12-01T06:00:00+00:00"
        archive.reread(1, {row["version"]: snapshot}, recompute=True, at=at)
    ds = Datasette([str(sample.path)], metadata=metadata_for("archive"))
    page = re.sub(r"\s+", " ", content(get(ds, "/-/jobarchive/diff/1").text))
    assert (
        "Version 1 was re-read with a newer extraction (an extraction not recorded → "
        "sample 2; reading 2): text (on 2026-12-01 06:00 UTC). A re-reading of the page as "
        "it was fetched, not an edit of the posting."
    ) in page
    assert "v1 · " in page and "· re-read</option>" in page


def archive_snapshot(archive, row):
    """Version `row` as a newer extraction reads it: the same, with a line more."""
    import json

    from archive import Snapshot

    fields = {
        name: row[name]
        for name in ("title", "organization", "location", "country", "grade", "contract_type",
                     "job_number", "posted_date", "closing_date", "status")
    }  # fmt: skip
    return Snapshot(
        source="sample",
        source_key="x",
        url=row["url"],
        categories=json.loads(row["categories"] or "[]"),
        extra=json.loads(row["extra"] or "{}"),
        text=row["text"] + "\n\nRead better now.",
        extraction="sample 2; reading 2",
        **fields,
    )
