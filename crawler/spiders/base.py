"""What every source spider shares: its source's identity, the clock, failure counting,
and following links to article pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from crawler import stats as keys
from crawler.extract.article import ExtractionError, content_hash, extract_article
from crawler.extract.encoding import decode_html
from crawler.items import ArticleItem

HTML_TYPES = (b"text/html", b"application/xhtml")


def was_skipped(failure: Failure) -> bool:
    """A request a downloader middleware chose not to send (already stored, budget spent).

    HttpError is an IgnoreRequest too, but it is a real failure: the site answered badly.
    """
    return failure.check(IgnoreRequest) is not None and failure.check(HttpError) is None


def describe_failure(failure: Failure, max_bytes: int = 0) -> str:
    """A failed request in words a user can act on: 'HTTP 403 Forbidden', 'timed out' ...

    Scrapy stops a download that passes DOWNLOAD_MAXSIZE by cancelling it, and a cancel
    once the body has started carries no message; in a crawl nothing else cancels a
    download but the crawl itself stopping, so a cancel is told as the size limit.
    """
    if isinstance(failure.value, HttpError):
        status = failure.value.response.status
        try:
            return f"HTTP {status} {HTTPStatus(status).phrase}"
        except ValueError:
            return f"HTTP {status}"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "DNS lookup failed"
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return f"timed out: {failure.getErrorMessage()}"
    if failure.check(ConnectionRefusedError):
        return "connection refused"
    if failure.check(ResponseDataLossError, ConnectionLost, ConnectionDone):
        return "connection dropped before the whole response arrived"
    if failure.check(DownloadCancelledError, CancelledError):
        limit = f" of {max_bytes:,} bytes" if max_bytes else ""
        return f"response too large: download stopped at the size limit{limit}"
    return failure.getErrorMessage() or str(failure.type)


class SourceSpider(Spider):
    """Spider arguments come from the service: the source's settings and stored state."""

    def __init__(
        self,
        source_id: str,
        url: str,
        now: str,
        region: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        max_age_days: int = 30,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=self.name, **kwargs)
        self.source_id = source_id
        self.url = url
        self.region = region
        self.etag = etag
        self.last_modified = last_modified
        self.now = datetime.fromisoformat(now)
        self.oldest = self.now - timedelta(days=int(max_age_days))

    def count(self, key: str, by: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key, by)

    def fail_source(self, why: str) -> None:
        """The source as a whole failed this run (recorded as an error run)."""
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(keys.ERROR, why)
        self.logger.error("%s: %s", self.source_id, why)

    def fail_item(self, failure: Failure) -> None:
        """errback for one article or report: counted, the crawl goes on.

        A request skipped because it is already stored also ends here (IgnoreRequest from
        SkipStoredMiddleware): that is not a failure and is counted by the middleware.
        """
        if was_skipped(failure):
            return
        request = getattr(failure, "request", None)
        why = f"{getattr(request, 'url', '?')}: {self.describe(failure)}"
        self.count(keys.ITEM_ERRORS)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(keys.LAST_ITEM_ERROR, why)
        self.logger.warning("could not fetch %s", why)

    def describe(self, failure: Failure) -> str:
        return describe_failure(failure, self.settings.getint("DOWNLOAD_MAXSIZE"))

    def skip_item(self, title: str, why: str) -> None:
        """A listed item that can never be fetched: one log line, counted, the rest goes on.

        Not an item error: trying again next crawl cannot help, so it must not hold back
        the source's validators.
        """
        self.count(keys.ITEMS_SKIPPED)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(keys.LAST_SKIPPED, f"{title!r}: {why}")
        self.logger.warning("%s: item %r skipped: %s", self.source_id, title, why)

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class ArticleFollower(SourceSpider):
    """A source that lists articles (feed, sitemap) and follows them to their pages."""

    def follow_article(
        self, link: str, title: str = "", published: datetime | None = None
    ) -> Iterator[Request]:
        self.count(keys.ITEMS_FOUND)
        if published is not None and published < self.oldest:
            self.count("source/skipped_old")
            return
        try:
            request = Request(
                link,
                callback=self.parse_article,
                errback=self.fail_item,
                cb_kwargs={"listed_title": title, "listed_published": published},
                meta={"skip_if_stored": ("article", link)},
            )
        except ValueError as exc:  # an address Scrapy cannot request; the others go on
            self.skip_item(title, f"bad address {link!r}: {exc}")
            return
        yield request

    def parse_article(
        self, response: Response, listed_title: str, listed_published: datetime | None
    ) -> Iterator[ArticleItem]:
        content_type = response.headers.get(b"Content-Type") or b"text/html"
        if not content_type.lower().startswith(HTML_TYPES):
            self.count("source/skipped_not_html")
            return
        try:
            html = decode_html(response.body, content_type.decode("latin-1"))
            page = extract_article(html, response.url)
        except (ExtractionError, ValueError, AttributeError) as exc:
            self.count(keys.ITEM_ERRORS)
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(keys.LAST_ITEM_ERROR, f"{response.url}: {exc}")
            self.logger.warning("no article in %s: %s", response.url, exc)
            return
        yield ArticleItem(
            url=response.request.url if response.request else response.url,
            source_id=self.source_id,
            title=page.title or listed_title,
            text=page.text,
            fetched_at=self.now,
            canonical_url=page.canonical_url,
            published_at=page.story_date(listed_published),
            source_region=self.region,
            content_hash=content_hash(page.text),
        )
