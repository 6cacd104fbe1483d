"""RSS and Atom feeds: ask whether the feed changed, then follow its new items."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import stats as keys
from crawler.extract.feed import FeedError, parse_feed
from crawler.items import FeedStateItem
from crawler.spiders.base import ArticleFollower


class FeedSpider(ArticleFollower):
    name = "feed"

    async def start(self) -> AsyncIterator[Any]:
        yield Request(
            self.url,
            headers=self.conditional_headers(),
            callback=self.parse_feed,
            errback=self.feed_failed,
            meta={"handle_httpstatus_list": [304]},
            dont_filter=True,
        )

    def feed_failed(self, failure: Failure) -> None:
        self.fail_source(f"feed not fetched: {self.describe(failure)}")

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(keys.NOT_MODIFIED, True)
            return
        try:
            feed = parse_feed(response.body, response.url, _header(response, b"Content-Type"))
        except FeedError as exc:
            self.fail_source(str(exc))
            return
        if feed.warning:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(keys.WARNING, f"malformed feed: {feed.warning}")
            self.logger.warning(
                "%s: malformed feed, %d items read anyway: %s",
                self.source_id,
                len(feed.entries) + len(feed.skipped),
                feed.warning,
            )
        yield FeedStateItem(
            source_id=self.source_id,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
        )
        for skipped in feed.skipped:
            self.skip_item(skipped.title, skipped.why)
        for entry in feed.entries:
            yield from self.follow_article(entry.link, entry.title, entry.published_at)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
