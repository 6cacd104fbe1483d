"""Read an RSS or Atom feed into entries worth following.

feedparser copes with both formats and with most malformed XML; a feed that
yields no entries and reports an error is malformed, and says why.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from config.errors import OfstedWatchError


class FeedError(OfstedWatchError):
    """The response is not a readable feed."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str
    published_at: datetime | None
    summary: str


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def parse_feed(body: bytes, url: str) -> list[FeedEntry]:
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.entries and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not a readable RSS/Atom feed: {url} ({reason})")
    if not parsed.entries and not parsed.get("version"):
        raise FeedError(f"not an RSS/Atom feed: {url}")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link.startswith(("http://", "https://")):
            continue
        entries.append(
            FeedEntry(
                link=link,
                title=" ".join((entry.get("title") or "").split()),
                published_at=_when(entry),
                summary=entry.get("summary") or "",
            )
        )
    return entries
