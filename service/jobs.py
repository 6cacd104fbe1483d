"""The scheduler's jobs: module-level functions, as a persistent job store requires.

APScheduler stores a job as a textual reference plus picklable arguments, so a
job cannot carry the App. The running Service registers its App here once at
start; the jobs look it up. This is the one piece of process-wide state, and
only `ofsted-watch run` sets it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from service.app import App, utcnow
from service.crawl import crawl, deliver
from storage import state

log = logging.getLogger(__name__)


@dataclass
class _Registry:
    app: App | None = None


_registry = _Registry()


def register(app: App | None) -> None:
    _registry.app = app


def _app() -> App:
    if _registry.app is None:
        raise RuntimeError("no running service registered its App")
    return _registry.app


def crawl_source(source_id: str) -> None:
    summary = crawl(_app(), [source_id])
    for result in summary.sources:
        level = logging.WARNING if result.get("status") == "error" else logging.INFO
        log.log(
            level,
            "crawled %s: %s, %s found, %s new%s",
            result.get("source"),
            result.get("status"),
            result.get("found", 0),
            result.get("new", 0),
            f" ({result['error']})" if result.get("error") else "",
        )


def deliver_outbox() -> None:
    app = _app()
    queued, report = deliver(app, utcnow())
    if queued or report.sent or report.failed:
        log.info("outbox: %d queued, %d sent, %d failed", queued, report.sent, report.failed)


def heartbeat() -> None:
    app = _app()
    with app.database.sessions.begin() as session:
        state.beat(session, utcnow())


__all__ = ["crawl_source", "deliver_outbox", "heartbeat", "register"]
