"""Politeness middlewares: the User-Agent's contact and Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy import Spider
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from crawler.middlewares import (
    ContactUserAgentMiddleware,
    RetryAfterMiddleware,
    retry_after_seconds,
    with_contact,
)
from crawler.sources import project_settings

NOW = datetime(2026, 11, 22, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value, seconds",
    [
        (b"120", 120.0),
        ("0", 0.0),
        ("Sun, 22 Nov 2026 12:01:30 GMT", 90.0),
        ("Sun, 22 Nov 2026 11:00:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
        (None, None),
        (b"", None),
    ],
)
def test_retry_after_seconds(value, seconds):
    assert retry_after_seconds(value, now=NOW) == seconds


def test_contact_goes_inside_the_user_agent_comment():
    assert with_contact("jobarchive/0.1 (+https://x.org; archives jobs)", "ops@example.org") == (
        "jobarchive/0.1 (+https://x.org; archives jobs; contact: ops@example.org)"
    )
    assert with_contact("jobarchive/0.1", "") == "jobarchive/0.1"


def test_user_agent_carries_the_contact_setting():
    crawler = get_crawler(
        settings_dict={
            "USER_AGENT": project_settings().get("USER_AGENT"),
            "JOBARCHIVE_CONTACT": "jobs-team@example.org",
        }
    )
    middleware = ContactUserAgentMiddleware.from_crawler(crawler)
    assert middleware.user_agent.startswith("jobarchive/")
    assert middleware.user_agent.endswith("; contact: jobs-team@example.org)")


def test_project_settings_are_polite():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert "jobarchive" in settings.get("USER_AGENT")
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["crawler.middlewares.RetryAfterMiddleware"] == 550
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None


def test_retry_after_beyond_the_maximum_gives_up():
    crawler = get_crawler(settings_dict={"RETRY_AFTER_MAX": 60})
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1/job/1")
    response = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    assert middleware.process_response(request, response) is response


def test_retry_after_slows_the_site_down_for_the_wait_only():
    from types import SimpleNamespace

    slot = SimpleNamespace(delay=0.5)
    crawler = get_crawler(settings_dict={"RETRY_AFTER_MAX": 60})
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    crawler.engine = SimpleNamespace(
        downloader=SimpleNamespace(slots={"site": slot}, get_slot_key=lambda request: "site")
    )
    later: list[tuple] = []
    middleware._call_later = lambda *call: later.append(call)
    request = Request("http://127.0.0.1/job/1")
    middleware._slow_down(request, 30.0)
    assert slot.delay == 30
    [(seconds, restore, *args)] = later
    assert seconds == 30
    restore(*args)  # the wait is over
    assert slot.delay == 0.5


PAGE = '<html><head><meta charset="utf-8"></head><body>Genève – Bogotá</body></html>'


@pytest.mark.parametrize(
    "body, content_type, corrected",
    [
        (PAGE.encode(), "text/html; charset=utf-8", None),  # right as declared
        (PAGE.encode("cp1252"), "text/html; charset=utf-8", "cp1252"),  # header lies
        (PAGE.encode("cp1252"), "text/html", "cp1252"),  # only the <meta> lies
        (PAGE.encode(), "text/html; charset=iso-8859-1", "utf-8"),  # UTF-8 sent as Latin-1
        (PAGE.encode("cp1252"), "text/html; charset=windows-1252", None),
    ],
)
def test_charset_middleware_reads_the_bytes_as_they_are(body, content_type, corrected):
    from scrapy.http import HtmlResponse

    from crawler.middlewares import CharsetMiddleware, corrected_encoding

    response = HtmlResponse("http://x/", body=body, headers={"Content-Type": content_type})
    assert corrected_encoding(response) == corrected
    fixed = CharsetMiddleware().process_response(Request("http://x/"), response)
    assert "Genève – Bogotá" in fixed.text


UNDECLARED = "<html><body><p>Niamey – Ténéré, Łódź</p></body></html>"


@pytest.mark.parametrize(
    "body, last, chosen",
    [
        (UNDECLARED.encode("utf-8"), None, "utf-8"),  # valid UTF-8 is UTF-8
        (UNDECLARED.encode("utf-8"), "cp1250", "utf-8"),  # whatever the last fetch said
        (UNDECLARED.encode("cp1250"), "cp1250", "cp1250"),  # as the last fetch was read
        (UNDECLARED.encode("cp1250"), None, "cp1252"),  # else one fixed fallback
        (UNDECLARED.encode("cp1250"), "not-a-charset", "cp1252"),
    ],
)
def test_a_page_without_a_charset_is_read_by_fixed_rules(body, last, chosen):
    from crawler.middlewares import undeclared_encoding

    assert undeclared_encoding(body, last) == chosen


def test_a_page_without_a_charset_reads_the_same_whatever_its_chrome():
    """Statistical detection answers cp1250 for one fetch and cp850 for the next as the
    page's chrome changes; the archive must read one body one way every time."""
    from types import SimpleNamespace

    from scrapy.http import HtmlResponse

    from crawler.middlewares import CharsetMiddleware

    seen = set()
    for chrome in ("Similar jobs: Kraków", "Similar jobs: Dakar, Bamako", "Ähnliche Stellen"):
        page = f"<html><body><p>Niamey – Ténéré</p><aside>{chrome}</aside></body></html>"
        request = Request("http://x/job/1")
        request.meta["jobarchive_known"] = SimpleNamespace(encoding="cp1250")
        response = HtmlResponse("http://x/job/1", body=page.encode("cp1250"), headers={})
        read = CharsetMiddleware().process_response(request, response)
        seen.add(read.encoding)
        assert "Niamey – Ténéré" in read.text
    assert seen == {"cp1250"}


def _slots_crawler(settings):
    """A crawler whose engine has one download slot, as RetryAfterMiddleware sees it."""
    from types import SimpleNamespace

    slot = SimpleNamespace(delay=0.0)
    downloader = SimpleNamespace(slots={"127.0.0.1": slot}, get_slot_key=lambda r: "127.0.0.1")
    crawler = get_crawler(settings_dict=settings)
    crawler.engine = SimpleNamespace(downloader=downloader)
    crawler.spider = Spider.from_crawler(crawler, "t")
    crawler.stats.open_spider()
    return crawler, slot


@pytest.mark.parametrize("retry_times, delay", [(0, 2.0), (1, 4.0), (2, 8.0), (6, 60.0)])
def test_retries_back_off_exponentially(retry_times, delay):
    crawler, slot = _slots_crawler({"RETRY_BACKOFF_BASE": 2.0, "RETRY_BACKOFF_MAX": 60.0})
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    middleware._call_later = lambda *args: None  # no reactor here; restoring is tested apart
    request = Request("http://127.0.0.1/job/1", meta={"retry_times": retry_times})
    middleware.process_response(request, Response(request.url, status=500, request=request))
    assert slot.delay == delay


def test_no_backoff_when_switched_off():
    crawler, slot = _slots_crawler({"RETRY_BACKOFF_BASE": 0})
    middleware = RetryAfterMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1/job/1")
    middleware.process_response(request, Response(request.url, status=503, request=request))
    assert slot.delay == 0.0
