"""Scrapy settings shared by `jobarchive crawl` and `scrapy crawl <source>`.

Polite by default: these crawls run unattended from cron against sites run by
humanitarian agencies, so robots.txt is obeyed, requests are spaced and few at a time
per site, and the User-Agent says who we are.
"""

import os

BOT_NAME = "jobarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# The built-in spiders and those of the sources file JOBARCHIVE_CONFIG names, for the
# processes Scrapy starts itself (`scrapy crawl`, Scrapyd jobs): crawler/spiderloader.py.
SPIDER_LOADER_CLASS = "crawler.spiderloader.SourceLoader"
JOBARCHIVE_CONFIG = os.environ.get("JOBARCHIVE_CONFIG", "")

# -- politeness -------------------------------------------------------------------------
# Sites' operators can reach whoever runs the crawl through JOBARCHIVE_CONTACT, which
# crawler.middlewares adds to this User-Agent.
USER_AGENT = "jobarchive/0.1 (+https://pypi.org/project/jobarchive/; archives public job postings)"
JOBARCHIVE_CONTACT = ""
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOADER_MIDDLEWARES = {
    # First of all, before robots.txt (100) is asked for: nothing off the source's site
    # is fetched, not even its robots.txt.
    "crawler.scope.ScopeMiddleware": 40,
    # robots.txt as RFC 9309 reads it: a server error there means "do not crawl".
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsTxtRfcMiddleware": 100,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.middlewares.ContactUserAgentMiddleware": 500,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    # After retries (550) and before decompression (590) and redirects (600) in
    # process_response order, so it sees the final, decompressed body.
    "crawler.middlewares.IncrementalMiddleware": 560,
    # A redirect loop must end as a counted error, not vanish in the duplicate filter.
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.RedirectAgainMiddleware": 600,
    # After decompression (590) in process_response order: it reads the plain body.
    "crawler.middlewares.CharsetMiddleware": 585,
}
# Ask for known pages conditionally and skip unchanged bodies (`crawl --full` turns it off).
JOBARCHIVE_INCREMENTAL = True
# Hours after which a detail page whose listing row did not change is fetched again
# (each at a moment of its own, sooner near its deadline); a source's own
# `revisit_after` wins. 0 fetches every detail page on every crawl. Why 120:
# crawler/revisit.py, DEFAULT_REVISIT_AFTER_HOURS.
JOBARCHIVE_REVISIT_AFTER = 120.0

# -- robustness -------------------------------------------------------------------------
RETRY_ENABLED = True
# Longest Retry-After we wait for; a site asking for more fails that request instead.
RETRY_AFTER_MAX = 300
# Before retry n (0, 1, 2) the site is slowed to BASE * 2**n seconds between requests.
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 60
# A job page is tens of KB; anything near these sizes is an error page or an attack.
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
# No open port on an unattended machine: Scrapy's telnet console and its HTTP remote
# control both listen by default.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# -- the archive ------------------------------------------------------------------------
ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}
ARCHIVE_ENABLED = True
ARCHIVE_DB = "archive.db"
# Per-source base URLs, {"unicef": "http://127.0.0.1:8123"}: points a spider at a mirror
# or a mock site instead of the real one.
JOBARCHIVE_BASE_URLS: dict[str, str] = {}
# Learn each site's template from the whole crawl and take it out of posting texts
# (crawler/sitelines.py); off only to see what a page alone reads as.
JOBARCHIVE_SITE_LINES = True

# -- several machines (crawler/distributed) ------------------------------------------------
# Set on the jobs `jobarchive crawl --scrapyd` schedules, never by hand: the Redis of the
# crawl, its id and key prefix, and the job's part (0 reads the listing).
JOBARCHIVE_REDIS_URL = ""
JOBARCHIVE_REDIS_PREFIX = "jobarchive"
JOBARCHIVE_CRAWL = ""
JOBARCHIVE_PART = 0
# "redis" on a worker: the incremental middleware asks the state the writer published.
JOBARCHIVE_PAGE_STATE = "archive"

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
