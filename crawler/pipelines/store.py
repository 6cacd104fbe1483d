"""Persist items through storage/: one transaction per item, so one bad item loses only itself.

Validators (a feed's ETag and Last-Modified; the ofsted spider's dates) are saved
only when the crawl finished normally, without item failures and with nothing left
for later: otherwise the next crawl would be told "not modified" (or look only at
what changed since) and never retry what failed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from crawler import stats as keys
from crawler.extensions import emit
from crawler.items import ArticleItem, FeedStateItem, ReportItem
from crawler.middlewares import BACKLOG
from crawler.settings import NOW_KEY, SETTINGS_KEY
from storage import articles, inspections, reports, sources
from storage.db import Database

log = logging.getLogger(__name__)


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
        pipeline = cls(settings.database_url, crawler.settings[NOW_KEY], crawler.stats)
        # Pipelines close before the reason is known; spider_closed carries it.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        self.database = Database(self.database_url)

    def close_spider(self, spider: Spider | None = None) -> None:
        assert self.database is not None
        self.database.dispose()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        state = self.feed_state
        unfinished = any(
            self.stats.get_value(key) for key in (keys.ITEM_ERRORS, keys.ERROR, BACKLOG)
        )
        if state is None or reason != "finished" or unfinished:
            return
        database = Database(self.database_url)
        try:
            with database.sessions.begin() as session:
                sources.save_validators(session, state.source_id, state.etag, state.last_modified)
        finally:
            database.dispose()

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
        if item.parse_error is not None:
            with self.database.sessions.begin() as session:
                row = reports.record_failure(session, item, self.now)
                status, attempts = row.status, row.attempts
            if status == "broken":
                why = f"{item.report_url}: {item.parse_error} (attempt {attempts}: given up)"
                self.stats.set_value(keys.LAST_ITEM_ERROR, why)
                log.error("report not read, not asked for again: %s", why)
            emit("report_failed", source=item.source_id, url=item.report_url, status=status)
            return
        with self.database.sessions.begin() as session:
            recorded = inspections.record_report(session, item, self.now)
            if recorded is not None:
                reports.record_stored(session, item, recorded.inspection.id, self.now)
        if recorded is None:
            # Not a choice of ours but a gap in the gazetteer: worth a WARNING line.
            raise DropItem(
                f"report for an unknown council URN {item.ofsted_urn}", log_level="WARNING"
            )
        if recorded.created:
            self.stats.inc_value(keys.ITEMS_NEW)
        emit("report_stored", source=item.source_id, url=item.report_url, new=recorded.created)
