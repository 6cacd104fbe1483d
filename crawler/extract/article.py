"""Turn an article page into title, text, publication date and canonical URL.

trafilatura finds the main text on any site; the page's own structured data
(JSON-LD, Open Graph and article meta tags, rel=canonical) is trusted first for
the headline and date because publishers fill it in for search engines and it
is more reliable than heuristics. BBC pages keep the body in text-block
components, used when trafilatura finds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import trafilatura
from bs4 import BeautifulSoup, Tag

from config.errors import OfstedWatchError

MAX_TEXT_CHARS = 200_000  # a longer "article" is a listing or a dump; the head is enough
ARTICLE_TYPES = {"NewsArticle", "ReportageNewsArticle", "Article", "BlogPosting", "WebPage"}


STALE_PUBLISHED = timedelta(days=30)
LISTED_NEAR = timedelta(days=7)


class ExtractionError(OfstedWatchError):
    """The page holds no readable article (empty, not HTML, or only boilerplate)."""


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    title: str
    text: str
    published_at: datetime | None
    canonical_url: str | None
    modified_at: datetime | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def story_date(self, listed: datetime | None) -> datetime | None:
        """When the story was published, for a page found in a feed on `listed`.

        A page first published years ago and rewritten now (the BBC reuses addresses: a real
        page says datePublished 2012, dateModified 2026) is today's story: dated 2012 it
        would be filed as history and alert nobody. Its modified date counts when the feed
        lists it at about that time."""
        published, modified = self.published_at, self.modified_at
        if published is None:
            return listed or modified
        if modified is None or modified - published < STALE_PUBLISHED:
            return published
        if listed is None or abs(listed - modified) <= LISTED_NEAR:
            return modified
        return published


def content_hash(text: str) -> str:
    """Hash of the text with whitespace and case folded: the same story re-served hashes alike."""
    normalised = " ".join(text.casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601 or RFC 822-ish dates from metadata; naive values are taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = re.match(r"(\d{4}-\d{2}-\d{2})", text)
        if not match:
            return None
        parsed = datetime.fromisoformat(match.group(1))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _json_ld_objects(soup: BeautifulSoup) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.get_text() or "null")
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return objects


def _article_ld(soup: BeautifulSoup) -> dict[str, Any]:
    for obj in _json_ld_objects(soup):
        kinds = obj.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(k in ARTICLE_TYPES for k in kinds if isinstance(k, str)):
            return obj
    return {}


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag) and tag.get("content"):
            return str(tag["content"]).strip()
    return None


def _canonical(soup: BeautifulSoup, url: str, ld: dict[str, Any]) -> str | None:
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and link.get("href"):
        return urljoin(url, str(link["href"]))
    for key in ("url", "mainEntityOfPage"):
        value = ld.get(key)
        if isinstance(value, dict):
            value = value.get("@id")
        if isinstance(value, str) and value.startswith("http"):
            return value
    return _meta(soup, "og:url")


def _component_text(soup: BeautifulSoup) -> str:
    """BBC body paragraphs (div[data-component=text-block] p), else every paragraph."""
    blocks = soup.select('div[data-component="text-block"] p') or soup.find_all("p")
    return "\n\n".join(p.get_text(" ", strip=True) for p in blocks if p.get_text(strip=True))


def extract_article(html: str, url: str) -> ExtractedArticle:
    """Extract one article; raises ExtractionError when there is no readable text."""
    if not html or not html.strip():
        raise ExtractionError(f"empty page: {url}")
    soup = BeautifulSoup(html, "lxml")
    ld = _article_ld(soup)
    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    meta: dict[str, Any] = {}
    if found is not None:
        meta = found if isinstance(found, dict) else found.as_dict()
    text = (meta.get("text") or "").strip() or _component_text(soup)
    if not text:
        raise ExtractionError(f"no article text found: {url}")
    title_tag = soup.find("title")
    title = (
        ld.get("headline")
        or _meta(soup, "og:title", "twitter:title")
        or meta.get("title")
        or (title_tag.get_text(strip=True) if title_tag else "")
    )
    published = (
        parse_datetime(ld.get("datePublished"))
        or parse_datetime(_meta(soup, "article:published_time", "og:published_time"))
        or parse_datetime(meta.get("date"))
    )
    modified = parse_datetime(ld.get("dateModified")) or parse_datetime(
        _meta(soup, "article:modified_time", "og:updated_time")
    )
    return ExtractedArticle(
        title=" ".join(str(title).split()),
        text=text[:MAX_TEXT_CHARS],
        published_at=published,
        canonical_url=_canonical(soup, url, ld),
        modified_at=modified,
    )
