"""Scrapy settings, derived from our one Settings object (never edited by hand)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from config.settings import Settings

# Keys under which the spider-side components find our own objects.
SETTINGS_KEY = "OFSTED_WATCH_SETTINGS"
NOW_KEY = "OFSTED_WATCH_NOW"

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
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": "INFO" if settings.log_level == "DEBUG" else "WARNING",
        "LOG_INSTALL_ROOT_HANDLER": True,
        "LOG_FORMAT": "%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        "ITEM_PIPELINES": ITEM_PIPELINES,
        "DOWNLOADER_MIDDLEWARES": {"crawler.middlewares.SkipStoredMiddleware": 50},
        "EXTENSIONS": {"crawler.extensions.SourceRunRecorder": 100},
        SETTINGS_KEY: settings,
        NOW_KEY: now,
    }
