"""Spider registry: one spider class per source kind (DESIGN.md §5 `kind`)."""

from __future__ import annotations

from crawler.spiders.base import SourceSpider
from crawler.spiders.feed import FeedSpider
from crawler.spiders.ofsted import OfstedSpider
from crawler.spiders.sitemap import SitemapSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    "feed": FeedSpider,
    "ofsted": OfstedSpider,
    "sitemap": SitemapSpider,
}
