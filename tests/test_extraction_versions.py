"""A change in how pages read must come with a new extraction version (issue #17).

See tests/extraction_versions.py: the pinned digests of what every source's mock reads
as, under the extraction that reads it.
"""

from __future__ import annotations

import json

import pytest

from crawler.sitefacts import READING_VERSION
from tests.extraction_versions import GOLDEN, readings
from tests.mock_archive import SOURCES, crawl_every_mock

REFRESH = "then write the file anew: .venv/bin/python -m tests.extraction_versions"


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> dict[str, dict[str, str]]:
    db, _ = crawl_every_mock(tmp_path_factory.mktemp("versions"))
    return readings(db)


@pytest.mark.parametrize("source", SOURCES)
def test_a_changed_reading_comes_with_a_new_extraction(found, source):
    pinned = json.loads(GOLDEN.read_text())[source]
    now = found[source]
    if now["extraction"] != pinned["extraction"]:
        pytest.fail(
            f"{source} is now read by {now['extraction']!r} (pinned: {pinned['extraction']!r}); "
            + REFRESH
        )
    assert now["digest"] == pinned["digest"], (
        f"{source}'s pages read differently under the same extraction {now['extraction']!r}. "
        f"If the parsing changed, bump the source's parser_version (spiders/{source}.py, or "
        f"READING_VERSION = {READING_VERSION} in crawler/sitefacts.py for the shared reading), "
        "so that archives record a re-reading rather than edits; if only the mock sites "
        f"changed, keep the version; {REFRESH}"
    )
