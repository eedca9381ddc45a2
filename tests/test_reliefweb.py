"""ReliefwebSpider against saved api.reliefweb.int answers (tests/files/reliefweb/, made by
tests/files/regenerate_api_sources.py from the ReliefWeb API mock), and against the mock
in process.

No real answer of the jobs resource is known; the envelope the mock answers with is the
one real answers of the same API's other resources have (see crawler/mocksites/reliefweb.py)."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from archive import Archive, Snapshot
from crawler.items import SeenPosting
from crawler.mocksites import MockRequest
from crawler.mocksites.reliefweb import MOCK_APPNAME, ReliefwebSite
from spiders.archive_state import stored_stamps
from spiders.base import PageUnusable
from spiders.offline import saved_response
from spiders.reliefweb import (
    APPNAME_FORM,
    ENTRY_FIELDS,
    ENTRY_ID,
    FIELD_KEYS,
    LISTING_KEYS,
    ReliefwebSpider,
)

FILES = Path(__file__).parent / "files" / "reliefweb"
BASE = "https://api.reliefweb.int"
APPNAME = MOCK_APPNAME


def make_spider(settings: dict | None = None, **kwargs) -> ReliefwebSpider:
    crawler = get_crawler(
        ReliefwebSpider,
        settings_dict={"RELIEFWEB_APPNAME": APPNAME, "ARCHIVE_ENABLED": False, **(settings or {})},
    )
    kwargs.setdefault("page_size", 20)
    return ReliefwebSpider.from_crawler(crawler, **kwargs)


def answer(
    name: str, status: int = 200, url: str = f"{BASE}/v2/jobs?appname={APPNAME}"
) -> TextResponse:
    return TextResponse(
        url,
        status=status,
        body=(FILES / name).read_bytes(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=scrapy.Request(url, method="POST"),
    )


def start(spider: ReliefwebSpider) -> list[scrapy.Request]:
    async def collect():
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def body(request: scrapy.Request) -> dict:
    return json.loads(request.body)


def requests_of(output) -> list[scrapy.Request]:
    return [r for r in output if isinstance(r, scrapy.Request)]


def read_pages(spider: ReliefwebSpider, offsets=(0, 20, 40)) -> list[scrapy.Request]:
    out = []
    for offset in offsets:
        out += requests_of(spider.parse(answer(f"jobs_offset_{offset}.json"), offset=offset))
    return out


def parse_details() -> dict[str, object]:
    spider = make_spider()
    keys = [
        entry["id"] for entry in json.loads((FILES / "jobs_offset_0.json").read_bytes())["data"]
    ]
    items = list(spider.parse_details(answer("details_offset_0.json"), keys))
    return {item.source_key: item for item in items}


items = parse_details()
item = items["4221508"]  # Nairobi, a second (non-primary) country listed first
kampala = items["4221434"]  # closing date at midnight +03:00
remote = items["4221101"]  # no country, no city: remote, roster or to be decided
no_city = items["4221286"]  # a country but no city
parsed_items = list(items.values())


# -- the listing ---------------------------------------------------------------------


def test_listing_request_asks_for_ids_and_change_stamps_only():
    request = make_spider().listing_page_request(40)
    assert request.method == "POST"
    assert request.url == f"{BASE}/v2/jobs?appname={APPNAME}"
    assert body(request) == {
        "preset": "latest",
        "fields": {"include": ["id", "date.changed"]},
        "sort": ["date.created:desc"],
        "limit": 20,
        "offset": 40,
    }
    assert request.headers["Content-Type"] == b"application/json"


def test_first_page_lists_its_jobs_batches_their_details_and_asks_for_the_next():
    spider = make_spider()
    requests = list(spider.parse(answer("jobs_offset_0.json"), offset=0))
    assert len(spider.listed_keys) == 20
    details = [r for r in requests if "filter" in body(r)]
    listing = [r for r in requests if "filter" not in body(r)]
    assert len(details) == 1
    assert body(details[0])["filter"]["value"][:2] == [4221508, 4221471]
    assert [body(r)["offset"] for r in listing] == [20]
    complete, problems = spider.ledger.verdict()
    assert not complete and "1 listing page requested but never read" in problems


def test_paging_reads_three_pages_then_stops_complete():
    spider = make_spider()
    requests = read_pages(spider)
    offsets = [body(r)["offset"] for r in requests if "offset" in body(r)]
    assert offsets == [20, 40]  # no request after the last page
    assert len(spider.listed_keys) == 57
    assert spider.ledger.verdict() == (True, [])


def test_detail_requests_are_batched():
    spider = make_spider(detail_batch=8)
    requests = list(spider.parse(answer("jobs_offset_0.json"), offset=0))
    sizes = [len(body(r)["filter"]["value"]) for r in requests if "filter" in body(r)]
    assert sizes == [8, 8, 4]


def test_details_request_filters_on_ids():
    request = make_spider().details_request(["4221508", "4221471"])
    assert body(request) == {
        "filter": {"field": "id", "value": [4221508, 4221471], "operator": "OR"},
        "profile": "full",
        "preset": "analysis",
        "limit": 2,
    }
    assert request.url.endswith(f"?appname={APPNAME}")


def test_unchanged_jobs_are_seen_but_not_fetched_again():
    spider = make_spider()
    listing = json.loads((FILES / "jobs_offset_0.json").read_bytes())["data"]
    spider.stored_changed = {e["id"]: e["fields"]["date"]["changed"] for e in listing[1:]}
    spider.stored_changed[listing[0]["id"]] = "2026-01-01T00:00:00+00:00"  # changed since
    output = list(spider.parse(answer("jobs_offset_0.json"), offset=0))
    requests = requests_of(output)
    fetched = [v for r in requests if "filter" in body(r) for v in body(r)["filter"]["value"]]
    assert fetched == [int(listing[0]["id"])]
    seen = [i for i in output if isinstance(i, SeenPosting)]
    assert [s.source_key for s in seen] == [e["id"] for e in listing[1:]]
    assert {s.source for s in seen} == {"reliefweb"}
    assert len(spider.listed_keys) == 20  # all of them count as listed


def test_a_job_on_two_pages_is_handled_once():
    spider = make_spider()
    first = requests_of(spider.parse(answer("jobs_offset_0.json"), offset=0))
    again = list(spider.parse(answer("jobs_offset_0.json"), offset=0))  # the same page twice
    assert sum(len(body(r)["filter"]["value"]) for r in first if "filter" in body(r)) == 20
    assert [r for r in requests_of(again) if "filter" in body(r)] == []
    assert not [i for i in again if isinstance(i, SeenPosting)]


def test_full_crawl_refetches_everything():
    assert make_spider(settings={"JOBARCHIVE_INCREMENTAL": False}).refetch
    assert not make_spider().refetch


def test_refetch_ignores_the_stored_stamps():
    spider = make_spider(refetch="1")
    listing = json.loads((FILES / "jobs_offset_0.json").read_bytes())["data"]
    spider.stored_changed = {e["id"]: e["fields"]["date"]["changed"] for e in listing}
    output = list(spider.parse(answer("jobs_offset_0.json"), offset=0))
    assert not [i for i in output if isinstance(i, SeenPosting)]
    requests = requests_of(output)
    assert sum(len(body(r)["filter"]["value"]) for r in requests if "filter" in body(r)) == 20


def moved_total(total: int) -> TextResponse:
    last = json.loads((FILES / "jobs_offset_40.json").read_bytes())
    last["totalCount"] = total
    return TextResponse(f"{BASE}/v2/jobs", body=json.dumps(last).encode(),
                        headers={"Content-Type": "application/json"})  # fmt: skip


def test_a_total_that_moves_between_pages_leaves_the_listing_incomplete():
    spider = make_spider()
    read_pages(spider, (0, 20))
    list(spider.parse(moved_total(50), offset=40))  # jobs taken down while paging
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert "the stated total moved from 57 to 50 while the listing was read" in problems


def test_a_total_that_moves_by_one_is_tolerated():
    spider = make_spider()
    read_pages(spider, (0, 20))
    list(spider.parse(moved_total(56), offset=40))
    assert spider.ledger.verdict() == (True, [])


def test_an_empty_page_before_the_total_breaks_the_listing():
    spider = make_spider()
    read_pages(spider, (0,))
    empty = TextResponse(f"{BASE}/v2/jobs", body=b'{"totalCount": 57, "count": 0, "data": []}',
                         headers={"Content-Type": "application/json"})  # fmt: skip
    assert list(spider.parse(empty, offset=20)) == []
    complete, problems = spider.ledger.verdict()
    assert not complete and any("had no postings" in p for p in problems)


def test_an_answer_without_its_entries_names_the_key():
    answer = TextResponse(f"{BASE}/v2/jobs", body=b'{"totalCount": 57, "count": 0, "items": []}',
                          headers={"Content-Type": "application/json"})  # fmt: skip
    with pytest.raises(PageUnusable, match="no data in the answer"):
        list(make_spider().parse(answer, offset=0))


def test_an_html_page_is_no_listing():
    page = TextResponse(f"{BASE}/v2/jobs", body=b"<html><h1>Service Unavailable</h1></html>",
                        headers={"Content-Type": "text/html"})  # fmt: skip
    with pytest.raises(PageUnusable, match="where JSON was expected"):
        list(make_spider().read_listing(page, offset=0))  # as a crawl reads a listing page


def test_the_next_page_starts_after_the_entries_the_page_held():
    # An API that holds fewer entries than asked for (its own cap) loses none.
    first = json.loads((FILES / "jobs_offset_0.json").read_bytes())
    first["data"] = first["data"][:15]
    response = TextResponse(f"{BASE}/v2/jobs", body=json.dumps(first).encode(),
                            headers={"Content-Type": "application/json"})  # fmt: skip
    requests = requests_of(make_spider().parse(response, offset=0))
    assert [body(r)["offset"] for r in requests if "offset" in body(r)] == [15]


def test_page_size_is_capped_at_the_api_limit():
    assert make_spider(settings={"RELIEFWEB_PAGE_SIZE": 5000}, page_size=None).page_size == 1000
    assert make_spider(page_size="2000").page_size == 1000
    assert make_spider(page_size=None).page_size == 1000  # the default


# -- the appname ---------------------------------------------------------------------


def test_without_appname_the_spider_stops_at_once_saying_how_to_get_one(monkeypatch, caplog):
    monkeypatch.delenv("RELIEFWEB_APPNAME", raising=False)
    spider = make_spider(settings={"RELIEFWEB_APPNAME": ""})
    with caplog.at_level(logging.ERROR), pytest.raises(CloseSpider) as stopped:
        start(spider)
    assert stopped.value.reason == "reliefweb_appname_missing"
    assert spider.ledger.failed and not spider.listed_keys
    assert spider.verdict().failed
    assert APPNAME_FORM in caplog.text
    assert "-s RELIEFWEB_APPNAME=" in caplog.text and "environment variable" in caplog.text
    assert spider.failures and APPNAME_FORM in spider.failures[0]


def test_appname_from_the_environment(monkeypatch):
    monkeypatch.setenv("RELIEFWEB_APPNAME", "from-env")
    spider = make_spider(settings={"RELIEFWEB_APPNAME": ""})
    assert spider.appname == "from-env"
    [request] = start(spider)
    assert request.url == f"{BASE}/v2/jobs?appname=from-env"


def test_the_setting_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("RELIEFWEB_APPNAME", "from-env")
    assert make_spider(settings={"RELIEFWEB_APPNAME": "from setting"}).appname == "from setting"
    spider = make_spider(settings={"RELIEFWEB_APPNAME": "from setting"})
    assert spider.listing_page_request(0).url == (f"{BASE}/v2/jobs?appname=from%20setting")


def test_an_unapproved_appname_stops_the_source(caplog):
    spider = make_spider()
    with caplog.at_level(logging.ERROR), pytest.raises(CloseSpider) as stopped:
        list(spider.parse(answer("error_unapproved_appname.json", status=403), offset=0))
    assert stopped.value.reason == "reliefweb_appname_refused"
    assert spider.ledger.failed and not spider.verdict().listing_complete
    assert "You are not using an approved appname" in caplog.text
    assert APPNAME_FORM in caplog.text


def test_missing_appname_answer_stops_the_source():
    spider = make_spider()
    with pytest.raises(CloseSpider) as stopped:
        list(spider.parse(answer("error_missing_appname.json", status=400), offset=0))
    assert stopped.value.reason == "reliefweb_appname_missing"
    assert "Missing appname parameter" in spider.failures[0]


def test_other_api_errors_stop_the_source_with_the_message():
    spider = make_spider()
    with pytest.raises(CloseSpider) as stopped:
        list(spider.parse(answer("error_limit.json", status=400), offset=0))
    assert stopped.value.reason == "reliefweb_api_error"
    assert 'Invalid "limit" specified' in spider.failures[0]


def test_robots_txt_is_not_read_for_the_api():
    assert ReliefwebSpider.custom_settings["ROBOTSTXT_OBEY"] is False


# -- the change stamps stored in the archive ---------------------------------------


def test_start_reads_the_stamps_stored_in_the_archive(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        run = archive.start_run("reliefweb")
        stamp = "2026-11-16T11:43:12+00:00"
        now = ReliefwebSpider.extraction()
        for key, url, extraction in (
            ("4221508", "https://x/1", now),
            ("4221509", "https://x/4", "reliefweb 0; reading 0"),  # read by an older one
        ):
            posting = Snapshot("reliefweb", key, url, last_modified=stamp, extraction=extraction)
            archive.store(posting, run)
        archive.store(Snapshot("unicef", "4221508", "https://x/2", last_modified="?"), run)
        archive.store(Snapshot("reliefweb", "4221471", "https://x/3"), run)  # no stamp
    pipelines = {"crawler.pipelines.ArchivePipeline": 300}
    spider = make_spider(
        settings={"ARCHIVE_ENABLED": True, "ARCHIVE_DB": str(db), "ITEM_PIPELINES": pipelines}
    )
    start(spider)
    # Only what the current extraction read is skipped; 4221509 is fetched to be re-read.
    assert spider.stored_changed == {"4221508": "2026-11-16T11:43:12+00:00"}


def test_no_archive_or_an_unreadable_one_means_fetch_everything(tmp_path):
    assert stored_stamps(tmp_path / "missing.db", "reliefweb") == {}
    (tmp_path / "junk.db").write_text("not a database")
    assert stored_stamps(tmp_path / "junk.db", "reliefweb") == {}
    assert stored_stamps(None, "reliefweb") == {}


def test_without_the_archive_pipeline_every_job_is_fetched(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        stamp = "2026-11-16T11:43:12+00:00"
        archive.store(Snapshot("reliefweb", "4221508", "https://x/1", last_modified=stamp))
    for settings in (
        {"ARCHIVE_ENABLED": False},  # the archive is off
        {"ARCHIVE_ENABLED": True, "ITEM_PIPELINES": {}},  # e.g. scrapy crawl -O items.jsonl
    ):
        spider = make_spider(settings={**settings, "ARCHIVE_DB": str(db)})
        start(spider)
        assert spider.stored_changed == {}


# -- the details, one field per test ---------------------------------------------------


def test_every_requested_job_is_in_the_batch():
    assert len(items) == 20


def test_a_job_missing_from_the_batch_is_a_failed_fetch():
    spider = make_spider()
    found = list(spider.parse_details(answer("details_offset_0.json"), ["4221508", "999"]))
    assert [i.source_key for i in found] == ["4221508"]
    assert spider.failures and "999" in spider.failures[0]
    assert not spider.ledger.failed


def test_source_key():
    assert item.source == "reliefweb"
    assert item.source_key == "4221508"


def test_title():
    assert item.title == "Protection Officer – Nairobi"


def test_organization():
    assert item.organization == "Norwegian Refugee Council"


def test_location():
    assert item.location == "Nairobi"


def test_location_without_city_is_the_country():
    assert no_city.location == "Senegal"
    assert no_city.country == "Senegal"


def test_country_is_the_primary_one():
    assert item.country == "Kenya"  # "Somalia" comes first but is not primary
    assert item.extra["countries"] == ["Somalia", "Kenya"]


def test_remote_job_has_no_country_or_location():
    assert remote.country is None and remote.location is None


def test_grade():
    assert item.grade is None  # ReliefWeb has no grade field


def test_contract_type():
    assert item.contract_type == "Job"
    assert items["4221249"].contract_type == "Consultancy"


def test_job_number():
    assert item.job_number == "4221508"


def test_posted_date():
    assert item.posted_date == "2026-11-16"


def test_closing_date():
    assert item.closing_date == "2026-11-21"


def test_closing_date_in_its_own_offset():
    # 2026-12-17T00:00:00+03:00 is 16 December in UTC; the job closes on the 17th.
    assert kampala.extra["date_closing"] == "2026-12-17T00:00:00+03:00"
    assert kampala.closing_date == "2026-12-17"


def test_no_closing_date():
    entry = json.loads((FILES / "details_offset_0.json").read_bytes())["data"][0]
    del entry["fields"]["date"]["closing"]
    [posting] = make_spider().entry_posting(answer("details_offset_0.json"), entry["id"], entry)
    assert posting.closing_date is None
    assert posting.status == "open"


def test_status():
    assert item.status == "open"


def test_categories():
    assert item.categories == ["Program/Project Management"]


def test_text():
    assert item.text.startswith("Background\n\nNorwegian Refugee Council (NRC) works")
    assert "- Lead protection monitoring and analysis in the area of operation." in item.text
    assert "## How to apply\n\nApply online on the NRC careers site" in item.text
    assert "<" not in item.text


def test_text_keeps_headings_written_as_headings():
    # Posters write headings as bold paragraphs (item) or as markdown "###" (this one).
    assert items["4221471"].text.startswith("## Background\n\nInternational Organization")


def test_url():
    assert item.url == "https://reliefweb.int/job/4221508/protection-officer-nairobi"


def test_change_stamp_is_the_fetch_validator_not_content():
    assert item.last_modified == "2026-11-16T11:43:12+00:00"
    assert "date_changed" not in item.extra


def test_extra():
    assert item.extra["source_shortname"] == "NRC"
    assert item.extra["experience"] == "3-4 years"
    assert item.extra["themes"] == ["Protection and Human Rights"]


def test_body_is_the_job_own_record():
    record = json.loads(item.body)
    assert record["id"] == "4221508"
    assert record["fields"]["title"] == item.title
    assert item.content_type.startswith("application/json")


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and posting.organization and posting.text
    assert posting.url.startswith("https://reliefweb.int/job/")
    assert posting.posted_date and len(posting.posted_date) == 10
    assert posting.closing_date and len(posting.closing_date) == 10
    assert posting.status == "open"
    assert posting.last_modified


def test_the_archived_record_reads_to_the_same_fields():
    # What `jobarchive extract` and a replay read: the job's own record, kept as the body.
    fields = make_spider().read_detail(saved_response(item.body, item.fetch_url), None)
    assert fields["source_key"] == "4221508"
    assert (fields["title"], fields["country"], fields["text"]) == (
        item.title, item.country, item.text,
    )  # fmt: skip


def test_an_item_answer_reads_to_its_job():
    data = json.loads((FILES / "details_offset_0.json").read_bytes())
    data["data"] = data["data"][:1]
    url = f"{BASE}/v2/jobs/4221508?appname={APPNAME}"
    fields = make_spider().read_detail(saved_response(json.dumps(data).encode(), url), "4221508")
    assert fields["title"] == "Protection Officer – Nairobi"


def test_a_record_without_fields_is_refused():
    url = f"{BASE}/v2/jobs/4221508"
    with pytest.raises(PageUnusable, match="no job record with fields"):
        make_spider().read_detail(saved_response(b'{"id": "4221508"}', url), "4221508")


def test_country_from_primary_country():
    # Other resources of the API name the primary country apart, without `primary`.
    fields = {
        "country": [{"name": "Somalia"}, {"name": "Kenya"}],
        "primary_country": {"name": "Kenya", "iso3": "ken"},
    }
    assert make_spider()._parse_country(fields) == "Kenya"


# -- the mock: structure, redesign, listing faults -------------------------------------

#: The envelope of real API answers (the v1 `disasters` resource, as public test fixtures
#: of OCHA's own scrapers hold them): a list, and an item.
REAL_LIST_ENVELOPE = ["time", "href", "links", "took", "totalCount", "count", "data"]
REAL_LIST_ENTRY = ["id", "score", "fields", "href"]
REAL_ITEM_ENTRY = ["id", "fields"]


def serve(site: ReliefwebSite, request: scrapy.Request) -> TextResponse:
    parts = urlsplit(request.url)
    headers = {k.decode().lower(): v[0].decode() for k, v in request.headers.items()}
    mock = MockRequest(request.method, parts.path, dict(parse_qsl(parts.query)), headers,
                       request.body)  # fmt: skip
    answer = site.dispatch(mock)
    return TextResponse(request.url, status=answer.status, body=answer.body,
                        headers={"Content-Type": answer.content_type}, request=request)  # fmt: skip


def crawl(site: ReliefwebSite) -> tuple[ReliefwebSpider, list]:
    """Read the mock as a crawl does: listing pages, then the detail batches."""
    spider = make_spider()
    pending, items = list(spider.listing_start()), []
    while pending:
        request = pending.pop(0)
        for out in request.callback(serve(site, request), **request.cb_kwargs):
            if isinstance(out, scrapy.Request):
                pending.append(out)
            else:
                items.append(out)
    return spider, items


def test_mock_answers_have_the_real_envelope():
    site = ReliefwebSite()
    listing = json.loads(serve(site, make_spider().listing_page_request(0)).body)
    assert list(listing) == REAL_LIST_ENVELOPE
    assert list(listing["data"][0]) == REAL_LIST_ENTRY
    assert (
        listing["href"] == f"{site.base_url}/v2/jobs"
        and "appname" in listing["links"]["self"]["href"]
    )
    url = f"{BASE}/v2/jobs/4221508?appname={APPNAME}&profile=full"
    one = json.loads(serve(site, scrapy.Request(url)).body)
    assert list(one) == REAL_LIST_ENVELOPE and list(one["data"][0]) == REAL_ITEM_ENTRY
    assert set(one["links"]) == {"self", "collection"}


def test_mock_answers_have_the_keys_the_spider_reads():
    site = ReliefwebSite()
    listing = json.loads(serve(site, make_spider().listing_page_request(0)).body)
    assert set(LISTING_KEYS) <= set(listing)
    assert all({ENTRY_ID, ENTRY_FIELDS} <= set(e) for e in listing["data"])
    details = json.loads(serve(site, make_spider().details_request(["4221508"])).body)
    assert set(FIELD_KEYS) <= set(details["data"][0]["fields"])


def test_a_redesign_is_refused_naming_the_key():
    site = ReliefwebSite()
    site.layout_changed = True
    spider = make_spider()
    with pytest.raises(PageUnusable, match="no data in the answer"):
        list(spider.parse(serve(site, spider.listing_page_request(0)), offset=0))
    details = serve(site, spider.details_request(["4221508"]))
    assert list(spider.parse_details(details, ["4221508"])) == []
    assert "no data in the answer" in spider.failures[-1]


def test_mock_is_crawled_whole():
    spider, items = crawl(ReliefwebSite())
    assert spider.ledger.verdict() == (True, [])
    assert len(items) == 57 and {i.source_key for i in items} == spider.listed_keys


@pytest.mark.parametrize("fault", ["repeat", "empty", "shift"])
def test_mock_listing_faults_leave_the_listing_incomplete(fault):
    site = ReliefwebSite()
    site.listing_fault = fault
    complete, problems = crawl(site)[0].ledger.verdict()
    assert not complete and problems


def test_mock_expired_job_leaves_the_listing():
    site = ReliefwebSite()
    site.edit("4221508", status="closed")
    spider, _ = crawl(site)
    assert "4221508" not in spider.listed_keys and len(spider.listed_keys) == 56


def test_mock_listing_page_and_posting_of_a_request():
    site = ReliefwebSite()
    spider = make_spider()

    def mock(request: scrapy.Request) -> MockRequest:
        parts = urlsplit(request.url)
        return MockRequest(request.method, parts.path, dict(parse_qsl(parts.query)), {},
                           request.body)  # fmt: skip

    assert site.listing_page_number(mock(spider.listing_page_request(40))) == 3
    batch = mock(spider.details_request(["4221434", "4221508"]))
    assert (site.listing_page_number(batch), site.posting_key(batch)) == (None, "4221434")
    item_request = mock(scrapy.Request(f"{BASE}/v2/jobs/4221508?appname={APPNAME}"))
    assert site.posting_key(item_request) == "4221508"
