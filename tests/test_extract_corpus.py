"""The scored extraction corpus: CI fails when a score drops below its pinned floor.

Floors are in tests/extraction/floors.json; after a real improvement, raise them to the
new figures printed by `python -m crawler.evaluate` (and update BENCHMARKS.md).
The shared corpus of ordinary pages (AEB, WCXB) is scored when ../shared/extraction-corpus
(or $JOBARCHIVE_EXTRACTION_CORPUS) is there; WCXB is scored on a fixed subset to keep the
suite fast, the command scores all of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler import evaluate
from crawler.extract import extract_page

FLOORS = json.loads((Path(__file__).parent / "extraction" / "floors.json").read_text())
JOB_PAGES = list(evaluate.job_pages())
BOTH = {"ours": evaluate.ours, "trafilatura": evaluate.trafilatura_defaults}


@pytest.fixture(scope="module")
def job_scores() -> dict[str, list[evaluate.Score]]:
    return evaluate.evaluate(JOB_PAGES, BOTH)


def _check_floors(corpus: str, summary: evaluate.Summary) -> None:
    floor = FLOORS[corpus]
    assert summary.f1 >= floor["f1"], f"{corpus} word F1 {summary.f1:.3f} < {floor['f1']}"
    assert summary.precision >= floor["precision"]
    assert summary.recall >= floor["recall"]
    assert summary.leaked <= floor["leaked"], f"{corpus}: {summary.leaked} chrome snippets leaked"
    assert summary.missing <= floor["missing"], f"{corpus}: {summary.missing} snippets missing"


def test_corpus_covers_every_kind_of_source():
    assert len(JOB_PAGES) >= 15
    sources = {page.source for page in JOB_PAGES}
    assert {"impactpool", "unhcr", "unicef", "state_jpo", "uncareers", "undp", "unops",
            "reliefweb", "generic"} <= sources  # fmt: skip


def test_job_corpus_floors(job_scores):
    _check_floors("jobs", evaluate.summarize("jobs", "ours", job_scores["ours"]))


@pytest.mark.parametrize("index", range(len(JOB_PAGES)), ids=[p.id for p in JOB_PAGES])
def test_at_least_as_good_as_trafilatura_on_every_job_page(job_scores, index):
    ours, theirs = job_scores["ours"][index], job_scores["trafilatura"][index]
    assert ours.f1 >= theirs.f1 - 0.001
    assert ours.leaked == [], f"chrome leaked: {ours.leaked}"
    assert ours.missing == [], f"posting text missing: {ours.missing}"


@pytest.mark.parametrize("page", JOB_PAGES, ids=[p.id for p in JOB_PAGES])
def test_fields_of_job_pages(page):
    result = extract_page(page.html, url=page.url, source=page.source)
    assert {name: result[name] for name in page.fields} == page.fields


def _shared(corpus: str) -> list[evaluate.Page]:
    pages = evaluate.load(corpus)
    if pages is None:
        pytest.skip(f"shared extraction corpus not found at {evaluate.shared_corpus_dir()}")
    return pages[:: FLOORS[corpus].get("every", 1)]


def test_articles_not_below_trafilatura():
    results = evaluate.evaluate(_shared("aeb"), BOTH)
    ours = evaluate.summarize("aeb", "ours", results["ours"])
    theirs = evaluate.summarize("aeb", "trafilatura", results["trafilatura"])
    _check_floors("aeb", ours)
    assert ours.f1 >= theirs.f1, f"aeb: ours {ours.f1:.3f} < trafilatura {theirs.f1:.3f}"


def test_wcxb_subset_not_below_trafilatura():
    # A third of WCXB, for time (the command scores all of it, BENCHMARKS.md).
    results = evaluate.evaluate(_shared("wcxb"), BOTH)
    ours = evaluate.summarize("wcxb", "ours", results["ours"])
    theirs = evaluate.summarize("wcxb", "trafilatura", results["trafilatura"])
    _check_floors("wcxb", ours)
    assert ours.f1 >= theirs.f1, f"wcxb: ours {ours.f1:.3f} < trafilatura {theirs.f1:.3f}"
