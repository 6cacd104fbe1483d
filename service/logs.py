"""Logging: one line per event on stderr, as text or JSON (`log_format`)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from config.settings import Settings


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(settings: Settings, debug: bool = False) -> None:
    handler = logging.StreamHandler()
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else settings.log_level)
    # Third-party chatter only when asked for.
    for noisy in ("apscheduler.executors", "alembic.runtime.migration", "trafilatura"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)
