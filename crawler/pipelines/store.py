"""Persist items through storage/: one transaction per item, so one bad item loses only itself.

Feed validators (ETag, Last-Modified) are saved only when the crawl closes
without article failures: otherwise the next crawl would be told "not
modified" and never retry the articles that failed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from crawler import stats as keys
from crawler.extensions import emit
from crawler.items import ArticleItem, FeedStateItem, ReportItem
from crawler.settings import NOW_KEY, SETTINGS_KEY
from storage import articles, inspections, sources
from storage.db import Database


class StorePipeline:
    def __init__(self, database_url: str, now: datetime, stats: StatsCollector) -> None:
        self.database_url = database_url
        self.now = now
        self.stats = stats
        self.database: Database | None = None
        self.feed_state: FeedStateItem | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        assert crawler.stats is not None
        settings = crawler.settings[SETTINGS_KEY]
        return cls(settings.database_url, crawler.settings[NOW_KEY], crawler.stats)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.database = Database(self.database_url)

    def close_spider(self, spider: Spider | None = None) -> None:
        assert self.database is not None
        state = self.feed_state
        if state is not None and not self.stats.get_value(keys.ITEM_ERRORS):
            with self.database.sessions.begin() as session:
                sources.save_validators(session, state.source_id, state.etag, state.last_modified)
        self.database.dispose()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, FeedStateItem):
            self.feed_state = item
        elif isinstance(item, ArticleItem):
            self._store_article(item)
        elif isinstance(item, ReportItem):
            self._store_report(item)
        return item

    def _store_article(self, item: ArticleItem) -> None:
        assert self.database is not None and item.classification is not None
        with self.database.sessions.begin() as session:
            if articles.find_duplicate(session, item) is not None:
                self.stats.inc_value("source/duplicates")
                raise DropItem(f"already stored under another address: {item.url}")
            row = articles.add_article(session, item)
            articles.save_classification(session, row, item.classification, self.now)
            recorded = inspections.record_news(session, row, item.classification, self.now)
        self.stats.inc_value(keys.ITEMS_NEW)
        emit(
            "article_stored",
            source=item.source_id,
            url=item.url,
            relevant=item.classification.relevant,
            new_inspections=sum(r.created for r in recorded),
        )

    def _store_report(self, item: ReportItem) -> None:
        assert self.database is not None
        with self.database.sessions.begin() as session:
            recorded = inspections.record_report(session, item, self.now)
        if recorded is None:
            raise DropItem(f"report for an unknown council URN {item.ofsted_urn}")
        if recorded.created:
            self.stats.inc_value(keys.ITEMS_NEW)
        emit("report_stored", source=item.source_id, url=item.report_url, new=recorded.created)
