"""Drop articles not worth classifying, with a reason in the stats."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.exceptions import DropItem

from crawler.items import ArticleItem

MIN_TEXT_CHARS = 80  # shorter "articles" are video stubs, live pages or consent walls


class ValidatePipeline:
    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        if len(item.text.strip()) < MIN_TEXT_CHARS:
            raise DropItem(f"too little text ({len(item.text.strip())} chars): {item.url}")
        if not item.title.strip():
            item.title = item.text.strip().splitlines()[0][:200]
        return item
