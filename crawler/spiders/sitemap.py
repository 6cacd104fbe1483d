"""XML sitemaps (e.g. the BBC's news sitemap): follow recent article links."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.extract.sitemap import SitemapError, parse_sitemap
from crawler.spiders.base import ArticleFollower

MAX_CHILD_SITEMAPS = 20  # an index can list years of archives; the newest few are enough


class SitemapSpider(ArticleFollower):
    name = "sitemap"

    async def start(self) -> AsyncIterator[Any]:
        yield Request(
            self.url, callback=self.parse_sitemap, errback=self.sitemap_failed, dont_filter=True
        )

    def sitemap_failed(self, failure: Failure) -> None:
        self.fail_source(f"sitemap not fetched: {self.describe(failure)}")

    def parse_sitemap(self, response: Response, depth: int = 0) -> Iterator[Any]:
        try:
            entries = parse_sitemap(response.body, response.url)
        except SitemapError as exc:
            if depth == 0:
                self.fail_source(str(exc))
            else:
                self.logger.warning("%s", exc)
            return
        children = [e for e in entries if e.is_sitemap]
        children.sort(key=lambda e: e.published_at.timestamp() if e.published_at else 0)
        for child in children[-MAX_CHILD_SITEMAPS:]:
            if depth == 0 and (child.published_at is None or child.published_at >= self.oldest):
                yield Request(
                    child.loc,
                    callback=self.parse_sitemap,
                    errback=self.fail_item,
                    cb_kwargs={"depth": depth + 1},
                )
        for entry in entries:
            if not entry.is_sitemap:
                yield from self.follow_article(entry.loc, entry.title, entry.published_at)
