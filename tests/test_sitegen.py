"""The benchmarks' site of pages of real weight (benchmarks/sitegen.py): shaped as the
real pages are, and read by the spider exactly as the plain mock's pages."""

from __future__ import annotations

import gzip
import re
from datetime import timedelta

import pytest
import zstandard

from benchmarks.sitegen import (
    MEASURED,
    REAL_PAGES,
    RealWeightSite,
    generate_postings,
    measure_real_pages,
    page_shape,
    sentence_pool,
)
from crawler.mocksites.postings import MockPosting
from crawler.mocksites.unicef import UnicefSite, job_path
from spiders.offline import saved_response
from spiders.unicef import UnicefSpider

BASE = "https://jobs.unicef.org"
HTML = "text/html; charset=utf-8"

postings = generate_postings(40)
site = RealWeightSite(postings=postings)
plain = UnicefSite(postings=postings)


def read(page: bytes, posting: MockPosting) -> dict:
    response = saved_response(page, f"{BASE}{job_path(posting)}", HTML)
    return UnicefSpider().read_detail(response, posting.key)


@pytest.mark.parametrize("posting", postings[:8], ids=lambda p: p.key)
def test_the_spider_reads_a_heavy_page_as_the_plain_one(posting: MockPosting) -> None:
    heavy = site.detail(posting).body
    assert len(heavy) > 2 * len(plain.detail(posting).body)
    assert read(heavy, posting) == read(plain.detail(posting).body, posting)


def test_pages_weigh_the_real_pages_chrome_besides_their_text() -> None:
    shape = page_shape()
    for posting in postings:
        chrome = len(site.detail(posting).body) - len(posting.plain_text.encode())
        assert 0.85 * shape.chrome_bytes < chrome < 1.15 * shape.chrome_bytes


def test_postings_are_as_long_as_real_un_postings() -> None:
    shape = page_shape()
    sizes = sorted(len(p.plain_text.encode()) for p in postings)
    assert 0.5 * shape.text_bytes <= sizes[0] and sizes[-1] <= 2.6 * shape.text_bytes
    assert 0.8 * shape.text_bytes < sizes[len(sizes) // 2] < 1.25 * shape.text_bytes


def test_the_text_is_new_sentences_not_the_real_ones_again() -> None:
    # A dictionary trained on pages made of a few hundred real sentences would hold them
    # all: the generated text must be the postings' own, as on a real site.
    real = set(sentence_pool())
    own = {
        s.strip("• ")
        for p in postings
        for _, body in p.sections
        for s in re.split(r"(?<=[.!?])\s+", " ".join(body.split()))
    }
    assert len(own) > 1000
    assert len(own & real) < 0.1 * len(own)


def test_an_unchanged_posting_is_served_byte_for_byte_a_changed_one_with_new_tokens() -> None:
    posting = postings[3]
    first = site.detail(posting).body
    assert site.detail(posting).body == first
    edited = posting.changed(closing_date=posting.closing_date + timedelta(days=14))
    again = site.detail(edited).body
    nonce = first.split(b'name="csp-nonce" content="')[1][:32]
    assert nonce not in again


def test_a_sites_pages_share_their_chrome() -> None:
    one, other = (site.detail(p).body for p in postings[:2])
    alone = len(zstandard.ZstdCompressor(level=10).compress(other))
    shared = zstandard.ZstdCompressionDict(one, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
    with_one = len(zstandard.ZstdCompressor(level=10, dict_data=shared).compress(other))
    assert with_one < 0.5 * alone
    assert 0.15 < len(gzip.compress(other)) / len(other) < 0.45


def test_nothing_to_measure_falls_back_to_the_constants(tmp_path) -> None:
    assert measure_real_pages(tmp_path, tmp_path) is None


@pytest.mark.skipif(not REAL_PAGES.exists(), reason="the real pages (../shared) are not here")
def test_the_constants_are_what_the_real_pages_measure() -> None:
    measured = measure_real_pages()
    assert measured is not None
    assert measured.sites == MEASURED.sites and measured.pages == MEASURED.pages
    for name in ("chrome_bytes", "chrome_quartiles", "chrome_max", "text_bytes"):
        assert getattr(measured, name) == getattr(MEASURED, name), name
    for name in ("script", "style", "svg", "nav", "gzip_ratio", "text_sigma"):
        assert getattr(measured, name) == pytest.approx(getattr(MEASURED, name), abs=0.002)
