"""Record every crawl of a source as a row, and tell the parent process how it went.

Connected to spider_opened/spider_closed so a run is recorded however the
spider ends. One JSON line per event goes to stdout, which the service reads
to show progress; Scrapy's own log goes to stderr.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler import stats as keys
from crawler.settings import SETTINGS_KEY
from storage import sources
from storage.db import Database


def emit(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, **fields}, default=str), flush=True)


def outcome_from_stats(stats: StatsCollector, reason: str) -> sources.RunOutcome:
    def count(key: str) -> int:
        return int(stats.get_value(key, 0) or 0)

    error = stats.get_value(keys.ERROR)
    if not error and reason != "finished":
        error = f"crawl ended early: {reason}"
    item_errors = count(keys.ITEM_ERRORS)
    if error:
        status = "error"
    elif stats.get_value(keys.NOT_MODIFIED):
        status = "not_modified"
    else:
        status = "ok"
    return sources.RunOutcome(
        status=status,
        items_found=count(keys.ITEMS_FOUND),
        items_new=count(keys.ITEMS_NEW),
        requests=count("downloader/request_count"),
        bytes_received=count("downloader/response_bytes"),
        errors=item_errors + (1 if error else 0),
        error_text=str(error) if error else _notes(stats),
    )


def _notes(stats: StatsCollector) -> str | None:
    """What went wrong in a run that still worked: the last failed item, items skipped for
    having no usable address, a malformed listing read anyway. Skipped items are told
    here, not counted as errors: they are no failure of the source (health would call a
    quiet feed with two dead links silent)."""
    skipped = int(stats.get_value(keys.ITEMS_SKIPPED, 0) or 0)
    notes = [
        stats.get_value(keys.LAST_ITEM_ERROR),
        f"{skipped} listed items skipped, last {stats.get_value(keys.LAST_SKIPPED)}"
        if skipped
        else None,
        stats.get_value(keys.WARNING),
    ]
    return "; ".join(str(note) for note in notes if note) or None


class SourceRunRecorder:
    def __init__(self, crawler: Crawler, database: Database) -> None:
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.database = database
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceRunRecorder:
        recorder = cls(crawler, Database(crawler.settings[SETTINGS_KEY].database_url))
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        source_id = spider.source_id  # type: ignore[attr-defined]
        with self.database.sessions.begin() as session:
            self.run_id = sources.start_run(session, source_id, datetime.now(UTC))
        emit("source_started", source=source_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        outcome = outcome_from_stats(self.stats, reason)
        if self.run_id is not None:
            with self.database.sessions.begin() as session:
                sources.finish_run(session, self.run_id, outcome, datetime.now(UTC))
        emit(
            "source_finished",
            source=spider.source_id,  # type: ignore[attr-defined]
            status=outcome.status,
            found=outcome.items_found,
            new=outcome.items_new,
            requests=outcome.requests,
            bytes=outcome.bytes_received,
            errors=outcome.errors,
            skipped=int(self.stats.get_value(keys.ITEMS_SKIPPED, 0) or 0),
            error=outcome.error_text,
        )
        self.database.dispose()
