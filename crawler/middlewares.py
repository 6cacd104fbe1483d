"""Downloader middlewares: skip what is stored, cap a crawl's report downloads, back off.

Requests carry `meta["skip_if_stored"]`: ("article", url) or ("report", urn,
file_id). Asking the database here, rather than in the spider, keeps spiders
free of storage and means a second crawl fetches no article or PDF twice.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from twisted.internet.task import deferLater

from crawler.settings import BACKOFF_KEY, REPORT_BUDGET_KEY, SETTINGS_KEY
from storage import articles, reports
from storage.db import Database

MAX_BACKOFF_SECONDS = 600.0
BACKLOG = "source/backlog"  # report downloads left for a later crawl (the budget ran out)


class SkipStoredMiddleware:
    def __init__(self, database: Database, crawler: Crawler) -> None:
        self.database = database
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipStoredMiddleware:
        settings = crawler.settings[SETTINGS_KEY]
        return cls(Database(settings.database_url), crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        key = request.meta.get("skip_if_stored")
        if not key:
            return None
        with self.database.sessions() as session:
            if key[0] == "article":
                stored = articles.is_stored(session, key[1])
            else:
                stored = reports.is_settled(session, key[1], key[2])
        if stored:
            assert self.stats is not None
            self.stats.inc_value(f"source/skipped_stored_{key[0]}")
            raise IgnoreRequest(f"already stored: {request.url}")
        return None


class ReportBudgetMiddleware:
    """At most N report downloads per crawl; the rest wait for the next crawl.

    A new install's first crawl finds years of reports (over a thousand PDFs on the real
    site); at a polite pace that would outlast the crawl timeout. Counting here, after
    SkipStoredMiddleware, means only real downloads count, so each crawl moves on to
    files the last one did not reach.
    """

    def __init__(self, budget: int, stats: StatsCollector) -> None:
        self.budget = budget
        self.stats = stats
        self.spent = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReportBudgetMiddleware:
        assert crawler.stats is not None
        return cls(crawler.settings.getint(REPORT_BUDGET_KEY, 10**9), crawler.stats)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if not request.meta.get("report_file") or request.meta.get("retry_times"):
            return None
        if self.spent >= self.budget:
            self.stats.inc_value(BACKLOG)
            raise IgnoreRequest(f"report budget of {self.budget} spent: {request.url}")
        self.spent += 1
        return None


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor

    await maybe_deferred_to_future(deferLater(reactor, seconds))


class BackoffRetryMiddleware:
    """Scrapy's retries, but patient: each retry waits twice as long as the last (or as long
    as Retry-After asks), and while it waits no other request goes to that host, so a
    site that answers 403 or 503 under load is given room rather than hammered."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.codes = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        self.exceptions = tuple(load_object(x) for x in settings.getlist("RETRY_EXCEPTIONS"))
        self.base = settings.getfloat(BACKOFF_KEY, 10.0)
        self.paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = urlparse_cached(request).hostname or ""
        wait = self.paused_until.get(host, 0.0) - monotonic()
        if wait > 0:
            await _sleep(wait)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.codes:
            return response
        hint = _retry_after(response)
        return self._retry(request, f"HTTP {response.status}", hint) or response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions):
            return None
        return self._retry(request, type(exception).__name__, None)

    def _retry(self, request: Request, reason: str, hint: float | None) -> Request | None:
        assert self.crawler.spider is not None and self.crawler.stats is not None
        retry = get_retry_request(request, spider=self.crawler.spider, reason=reason)
        if retry is None:
            return None
        wait = self.base * 2 ** (retry.meta["retry_times"] - 1)
        wait = min(MAX_BACKOFF_SECONDS, max(wait, hint or 0.0))
        host = urlparse_cached(request).hostname or ""
        self.paused_until[host] = max(self.paused_until.get(host, 0.0), monotonic() + wait)
        self.crawler.stats.inc_value("source/backoff_seconds", wait)
        return retry


def _retry_after(response: Response) -> float | None:
    """Retry-After in seconds (the HTTP-date form is rare enough to ignore)."""
    value = response.headers.get(b"Retry-After")
    try:
        return float(value.decode("latin-1")) if value else None
    except ValueError:
        return None
