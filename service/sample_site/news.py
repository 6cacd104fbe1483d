"""Sample news: an RSS feed and article pages built from news_articles.json.

Dates are relative to `now`, so the sample is always recent news to the
crawler. The pages carry JSON-LD like real news sites do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

from service.sample_site.server import LoopbackSite

ARTICLES = Path(__file__).with_name("news_articles.json")


@dataclass(frozen=True)
class SampleArticle:
    slug: str
    outlet: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/news/{self.slug}"


def load_articles(now: datetime, path: Path = ARTICLES) -> list[SampleArticle]:
    raw: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [
        SampleArticle(
            slug=a["slug"],
            outlet=a["outlet"],
            title=a["title"],
            published=now - timedelta(days=a["age_days"], hours=3),
            paragraphs=tuple(a["paragraphs"]),
        )
        for a in raw
    ]


def article_page(article: SampleArticle, base_url: str) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "url": base_url + article.path,
        "publisher": {"@type": "Organization", "name": article.outlet},
    }
    body = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(article.title)} | {escape(article.outlet)}</title>
<link rel="canonical" href="{escape(base_url + article.path)}">
<meta property="og:title" content="{escape(article.title)}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a></nav></header>
<main><article>
<h1>{escape(article.title)}</h1>
<p class="byline">By our local democracy reporter | {article.published.strftime("%d %B %Y")}</p>
{body}
</article></main>
<footer><p>Cookie settings | Privacy | Contact us</p></footer>
</body></html>"""


def rss_feed(articles: list[SampleArticle], base_url: str, title: str) -> str:
    items = "\n".join(
        f"""<item><title>{escape(a.title)}</title><link>{escape(base_url + a.path)}</link>
<guid isPermaLink="true">{escape(base_url + a.path)}</guid>
<pubDate>{format_datetime(a.published)}</pubDate></item>"""
        for a in sorted(articles, key=lambda a: a.published, reverse=True)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>{escape(base_url)}/</link>
<description>Local news</description>
{items}
</channel></rss>"""


def publish(
    site: LoopbackSite, articles: list[SampleArticle], feed_path: str = "/feed.xml"
) -> None:
    """Put the feed and every article page on the (started) site."""
    for article in articles:
        site.add(article.path, article_page(article, site.base_url))
    site.add(
        feed_path,
        rss_feed(articles, site.base_url, "Tees Valley Courier"),
        content_type="application/rss+xml; charset=utf-8",
    )
