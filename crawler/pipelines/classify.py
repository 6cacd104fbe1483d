"""Classify each article as it passes, so storage receives a complete record."""

from __future__ import annotations

from typing import Any

from scrapy import Spider

from crawler.classify import Document, classify
from crawler.items import ArticleItem


class ClassifyPipeline:
    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ArticleItem):
            published = item.published_at.date() if item.published_at else None
            item.classification = classify(
                Document(
                    text=item.text,
                    title=item.title,
                    url=item.url,
                    source_region=item.source_region,
                    published=published,
                )
            )
        return item
