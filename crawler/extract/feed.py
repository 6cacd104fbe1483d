"""Read an RSS or Atom feed into entries worth following.

feedparser copes with both formats and with most malformed XML. A response that
yields no entries and is not a well-formed empty feed (an empty body, an HTML
error page, XML cut off before its first item) is not a feed, and says why: the
source's run is then an error. A malformed feed that still yields entries is read,
with a warning saying what was wrong. Entries whose link cannot be followed are
set aside with the reason, so one bad item costs only itself.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from config.errors import OfstedWatchError
from crawler.extract.links import usable_link

HTML_STARTS = (b"<!doctype html", b"<html")


class FeedError(OfstedWatchError):
    """The response is not a readable feed."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str
    published_at: datetime | None
    summary: str


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A feed item with no address we can fetch; `why` is written for the run's log."""

    title: str
    why: str


@dataclass(frozen=True, slots=True)
class Feed:
    entries: list[FeedEntry] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)
    warning: str | None = None  # what was wrong with a feed that could still be read


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _not_a_feed(body: bytes, parsed: Any, url: str) -> FeedError:
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not start:
        return FeedError(f"empty response where a feed should be: {url}")
    if start.startswith(HTML_STARTS):
        return FeedError(f"an HTML page, not an RSS/Atom feed: {url}")
    if parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        return FeedError(f"not a readable RSS/Atom feed: {url} ({reason})")
    return FeedError(f"not an RSS/Atom feed: {url}")


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> Feed:
    """Entries of the feed at `url`; raises FeedError when the body is no feed at all.

    The response's Content-Type is passed on so feedparser does not call every feed
    malformed for lack of one (and picks up the charset it declares).
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    bozo = bool(parsed.get("bozo"))
    if not parsed.entries and (bozo or not parsed.get("version")):
        raise _not_a_feed(body, parsed, url)
    entries, skipped = [], []
    for entry in parsed.entries:
        title = " ".join((entry.get("title") or "").split())
        try:
            link = usable_link(entry.get("link"), url)
        except ValueError as exc:
            skipped.append(SkippedEntry(title=title, why=str(exc)))
            continue
        entries.append(
            FeedEntry(
                link=link,
                title=title,
                published_at=_when(entry),
                summary=entry.get("summary") or "",
            )
        )
    warning = str(parsed.get("bozo_exception")) if bozo else None
    return Feed(entries=entries, skipped=skipped, warning=warning)
