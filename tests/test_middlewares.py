"""Politeness middlewares: the User-Agent's contact and Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
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
