"""The scheduler's jobs: module-level functions, as a persistent job store requires.

APScheduler stores a job as a textual reference plus picklable arguments, so a
job cannot carry the App. The running Service registers its App (and its crawl
children) here once at start; the jobs look them up. This is the one piece of
process-wide state, and only `ofsted-watch run` sets it.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime

from alerts import digests
from alerts.outbox import claimant_id, deliver_due
from alerts.transports import make_transport
from service.app import App, utcnow
from service.crawl import Children, crawl, deliver
from storage import state

log = logging.getLogger(__name__)


@dataclass
class _Registry:
    app: App | None = None
    children: Children = field(default_factory=Children)
    started_at: datetime | None = None


_registry = _Registry()


def register(app: App | None, children: Children | None = None) -> None:
    _registry.app = app
    _registry.children = children or Children()
    _registry.started_at = utcnow() if app is not None else None


def _app() -> App:
    if _registry.app is None:
        raise RuntimeError("no running service registered its App")
    return _registry.app


def _stopping() -> bool:
    return _registry.children.stopping.is_set()


def crawl_source(source_id: str) -> None:
    summary = crawl(_app(), [source_id], children=_registry.children)
    for result in summary.sources:
        failed = result.get("status") == "error"
        log.log(
            logging.WARNING if failed else logging.INFO,
            "crawled %s: %s, %s found, %s new%s",
            result.get("source"),
            result.get("status"),
            result.get("found", 0),
            result.get("new", 0),
            f" ({result['error']})" if result.get("error") else "",
            extra={
                "event": "crawl_finished",
                "source": result.get("source"),
                "status": result.get("status"),
                "found": result.get("found", 0),
                "new": result.get("new", 0),
            },
        )


def deliver_outbox() -> None:
    app = _app()
    queued, report = deliver(app, utcnow(), _stopping)
    if queued or report.sent or report.failed or report.retrying:
        log.info(
            "outbox: %d recorded, %d sent, %d to retry, %d failed",
            queued,
            report.sent,
            report.retrying,
            report.failed,
            extra={"event": "outbox_delivered", "sent": report.sent, "failed": report.failed},
        )


def send_digests(mode: str) -> None:
    app = _app()
    now = utcnow()
    recorded = digests.record(app.database, app.settings, [mode], now)
    log.info(
        "%s digests: %d recorded",
        mode,
        recorded,
        extra={"event": "digests_recorded", "mode": mode, "recorded": recorded},
    )
    if recorded and not _stopping():
        transport = make_transport(app.settings)
        deliver_due(app.database, app.settings, transport, now, should_stop=_stopping)


def heartbeat() -> None:
    app = _app()
    with app.database.sessions.begin() as session:
        state.beat(
            session,
            os.getpid(),
            socket.gethostname(),
            _registry.started_at or utcnow(),
            utcnow(),
            process=claimant_id(),
        )


__all__ = ["crawl_source", "deliver_outbox", "heartbeat", "register", "send_digests"]
