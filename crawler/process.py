"""The crawl child process: `python -m crawler.process` with a JSON request on stdin.

Twisted's reactor cannot be restarted, and a spider that crashes or leaks
should not take the long-running service with it, so every crawl runs here,
in a fresh process that exits when its spiders finish. The request names the
sources; the settings arrive as JSON (without SMTP credentials).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime

from scrapy.crawler import CrawlerProcess

from config.settings import Settings
from crawler.extensions import emit
from crawler.settings import scrapy_settings
from crawler.spiders import SPIDERS
from storage import sources
from storage.db import Database


def run(settings: Settings, source_ids: list[str], now: datetime) -> int:
    database = Database(settings.database_url)
    process = CrawlerProcess(scrapy_settings(settings, now))
    # An unreachable robots.txt is followed by the same failure on the page itself, which
    # the spider reports in one line; Scrapy would add a traceback for each.
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    scheduled = 0
    for source_id in source_ids:
        source = settings.source(source_id)
        spider = SPIDERS.get(source.kind) if source else None
        if source is None or spider is None:
            why = "not configured" if source is None else f"no spider for kind {source.kind!r}"
            with database.sessions.begin() as session:
                run_id = sources.start_run(session, source_id, now)
                outcome = sources.RunOutcome(status="error", errors=1, error_text=why)
                sources.finish_run(session, run_id, outcome, now)
            emit("source_finished", source=source_id, status="error", error=why)
            continue
        with database.sessions() as session:
            row = sources.get(session, source_id)
            etag, last_modified = (row.etag, row.last_modified) if row else (None, None)
        process.crawl(
            spider,
            source_id=source.id,
            url=source.url,
            region=source.region,
            etag=etag,
            last_modified=last_modified,
            now=now.isoformat(),
            max_age_days=settings.crawl.max_article_age_days,
        )
        scheduled += 1
    database.dispose()
    if scheduled:
        process.start()
    return 0


def main() -> int:
    request = json.load(sys.stdin)
    settings = Settings.from_child_json(request["settings"])
    return run(settings, list(request["sources"]), datetime.fromisoformat(request["now"]))


if __name__ == "__main__":
    sys.exit(main())
