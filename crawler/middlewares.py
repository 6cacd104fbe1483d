"""Skip what is already stored before it costs a request.

Requests carry `meta["skip_if_stored"]`: ("article", url) or ("report", urn,
file_id). Asking the database here, rather than in the spider, keeps spiders
free of storage and means a second crawl fetches no article or PDF twice.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from crawler.settings import SETTINGS_KEY
from storage import articles, inspections
from storage.db import Database


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
                stored = inspections.is_report_stored(session, key[1], key[2])
        if stored:
            assert self.stats is not None
            self.stats.inc_value(f"source/skipped_stored_{key[0]}")
            raise IgnoreRequest(f"already stored: {request.url}")
        return None
