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
from urllib.parse import urljoin, urlsplit

import feedparser
from w3lib.url import safe_url_string

from config.errors import OfstedWatchError

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


def usable_link(raw: object, base: str) -> str:
    """The entry's link as an absolute http(s) address; ValueError says why there is none.

    Relative links are resolved against the feed's address and surrounding whitespace
    is dropped (both common in hand-made feeds); spaces inside are percent-encoded as a
    browser would. Other schemes (javascript:, mailto:, ftp:) and addresses that cannot
    be requested at all (no host, a port out of range) are refused.
    """
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        raise ValueError("no link")
    link = urljoin(base, text)
    parts = urlsplit(link)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"not a web address: {text!r}")
    if not parts.hostname:
        raise ValueError(f"no host in {text!r}")
    try:
        return safe_url_string(link)
    except ValueError as exc:
        raise ValueError(f"bad address {text!r}: {exc}") from exc


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
