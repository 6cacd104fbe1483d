"""Logging: one line per event on stderr, as text or JSON (`log_format`).

Fields passed with `extra=` (event, source, delivery ...) become keys of the
JSON object, so a log shipper can filter on them. A traceback stays on the
event's line (JSON) or is cut to its last line (text) unless --debug asks for
it whole. Secrets from the settings (the SMTP password) are replaced by ***
in every line, whatever a library puts in a message.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from config.settings import Settings

# Attributes every LogRecord has; anything else on a record came from `extra=`.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
MASK = "***"


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in STANDARD and not k.startswith("_")}


class Redacting(logging.Formatter):
    """A formatter that never lets a secret through."""

    def __init__(self, secrets: Sequence[str], fmt: str | None = None) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def redact(self, line: str) -> str:
        for secret in self.secrets:
            line = line.replace(secret, MASK)
        return line


class TextFormatter(Redacting):
    def __init__(self, secrets: Sequence[str], full_tracebacks: bool) -> None:
        super().__init__(secrets, "%(asctime)s %(levelname)-7s %(name)s: %(message)s")
        self.full_tracebacks = full_tracebacks

    def formatException(self, ei: Any) -> str:
        text = super().formatException(ei)
        if self.full_tracebacks:
            return text
        return " | " + (text.strip().splitlines() or [""])[-1]

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have formatted this record first and cached its full
        # traceback on it; ours is formatted afresh (and the cache left as it was).
        cached, record.exc_text = record.exc_text, None
        try:
            line = super().format(record)
        finally:
            record.exc_text = cached
        if not self.full_tracebacks:
            line = line.replace("\n | ", " | ")
        return self.redact(line)


class JsonFormatter(Redacting):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **extra_fields(record),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(entry, ensure_ascii=False, default=str))


class CurrentStderr(logging.StreamHandler):
    """A handler that writes to whatever sys.stderr is when a line is logged.

    A plain StreamHandler keeps the stream it was given at start; when that stream is
    replaced and closed (a test runner capturing output, an embedding program), every
    later line fails with "I/O operation on closed file"."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass  # always the current sys.stderr


def setup_logging(settings: Settings, debug: bool = False) -> None:
    """Configure the root logger; called again (another command in the same process),
    it replaces its handler rather than adding a second one."""
    secrets = [settings.smtp.password.get_secret_value()]
    handler = CurrentStderr()
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter(secrets))
    else:
        handler.setFormatter(TextFormatter(secrets, full_tracebacks=debug))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, CurrentStderr)]:
        root.removeHandler(old)  # ours from an earlier call; others' handlers are theirs
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else settings.log_level)
    # Third-party chatter only when asked for.
    for noisy in ("apscheduler.executors", "alembic.runtime.migration", "trafilatura"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)
