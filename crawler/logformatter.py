"""Scrapy's log lines, trimmed where ours say it better.

Scrapy logs every dropped item as a WARNING followed by the whole item, text and all:
dozens of lines for each duplicate story or video stub, which our pipelines drop on
purpose and count in the run. Here a drop is one INFO line with the reason (hidden at
the default log level). A pipeline that drops an item worth a look raises
DropItem(..., log_level="WARNING"), still one line. Real errors (item_error,
spider_error, download errors) keep Scrapy's own format and level.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class OneLineDrops(LogFormatter):
    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        level = getattr(exception, "log_level", None) or logging.INFO
        if isinstance(level, str):
            level = logging.getLevelName(level.upper())
        return {
            "level": level if isinstance(level, int) else logging.INFO,
            "msg": "Dropped %(kind)s: %(exception)s",
            "args": {"kind": type(item).__name__, "exception": exception},
        }
