"""Typed items the spiders yield; pipelines turn them into rows (Scrapy accepts dataclasses).

These are the values that cross the boundary from the crawler to storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.classify.result import Classification


@dataclass(slots=True)
class ArticleItem:
    """A news article page, extracted; `classification` is filled by a pipeline."""

    url: str
    source_id: str
    title: str
    text: str
    fetched_at: datetime
    canonical_url: str | None = None
    published_at: datetime | None = None
    source_region: str | None = None
    content_hash: str = ""
    classification: Classification | None = None


@dataclass(slots=True)
class FeedStateItem:
    """The validators of a feed response, saved so the next crawl can ask 'changed since?'."""

    source_id: str
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


@dataclass(slots=True)
class ReportItem:
    """One report on Ofsted's site for one council, read from its PDF."""

    source_id: str
    ofsted_urn: str
    file_id: str
    report_url: str
    link_text: str
    inspection_type: str | None
    published_on: date | None
    fetched_at: datetime
    inspection_start: date | None = None
    inspection_end: date | None = None
    lead_inspector: str | None = None
    judgement: str | None = None
    grades: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    parse_error: str | None = None  # set when the file could not be read: nothing to store
    retry_later: bool = False  # the failure may pass (a download error), unlike a broken PDF
