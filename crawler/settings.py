"""Scrapy settings, derived from our one Settings object (never edited by hand)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from config.settings import Settings

# Keys under which the spider-side components find our own objects.
SETTINGS_KEY = "OFSTED_WATCH_SETTINGS"
NOW_KEY = "OFSTED_WATCH_NOW"
BACKOFF_KEY = "OFSTED_WATCH_RETRY_BACKOFF_SECONDS"

# Order numbers say who runs first: validate before spending time classifying,
# classify before storing, store last so everything stored is complete.
ITEM_PIPELINES = {
    "crawler.pipelines.validate.ValidatePipeline": 100,
    "crawler.pipelines.classify.ClassifyPipeline": 200,
    "crawler.pipelines.store.StorePipeline": 300,
}


def scrapy_settings(settings: Settings, now: datetime) -> dict[str, Any]:
    crawl = settings.crawl
    return {
        "BOT_NAME": "ofsted-watch",
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "DOWNLOAD_DELAY": crawl.download_delay_seconds,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(crawl.download_delay_seconds, 1.0),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_domain,
        "DOWNLOAD_TIMEOUT": crawl.request_timeout_seconds,
        "DOWNLOAD_MAXSIZE": crawl.max_response_bytes,
        "DOWNLOAD_WARNSIZE": crawl.max_response_bytes // 2,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": crawl.retry_times,
        # The spider reports a request that failed for good in one line of its own.
        "RETRY_GIVE_UP_LOG_LEVEL": "INFO",
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": "INFO" if settings.log_level == "DEBUG" else "WARNING",
        "LOG_INSTALL_ROOT_HANDLER": True,
        "LOG_FORMAT": "%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        "LOG_FORMATTER": "crawler.logformatter.OneLineDrops",
        "ITEM_PIPELINES": ITEM_PIPELINES,
        # Every source retries patiently (a 5xx waits 10 s, 20 s, 40 s ...), so a feed host
        # that is briefly down is given room rather than asked three times in a second.
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.SkipStoredMiddleware": 50,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
        },
        BACKOFF_KEY: crawl.retry_backoff_seconds,
        "EXTENSIONS": {"crawler.extensions.SourceRunRecorder": 100},
        SETTINGS_KEY: settings,
        NOW_KEY: now,
    }


# Ofsted's reports site answers 403 to clients it does not know and is slow under load, so
# its spider retries 403 as well and never has two requests in flight to one host.
OFSTED_RETRY_HTTP_CODES = [403, 408, 429, 500, 502, 503, 504, 522, 524]
REPORT_BUDGET_KEY = "OFSTED_WATCH_REPORT_BUDGET"


def ofsted_settings(settings: Settings) -> dict[str, Any]:
    """Overrides the ofsted spider applies on top of `scrapy_settings` (spider priority)."""
    crawl = settings.crawl
    delay = crawl.ofsted_download_delay_seconds
    delay = crawl.download_delay_seconds if delay is None else delay
    return {
        # One request at a time in all, to either of Ofsted's hosts. (Scrapy 2.19 on the
        # asyncio reactor also holds requests queued behind a per-domain limit for about a
        # second each batch; a global limit of one does not.)
        "CONCURRENT_REQUESTS": 1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_START_DELAY": max(delay, 1.0),
        "RETRY_HTTP_CODES": OFSTED_RETRY_HTTP_CODES,
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.SkipStoredMiddleware": 50,
            "crawler.middlewares.ReportBudgetMiddleware": 60,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
        },
        REPORT_BUDGET_KEY: crawl.ofsted_max_reports_per_crawl,
    }
